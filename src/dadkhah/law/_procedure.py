"""Procedure: presence to investigate and to try, authorisation, discretion, and the data's currency."""

from __future__ import annotations

from datetime import date

from dadkhah.law._text import tri_word
from dadkhah.law.scenario import Scenario
from dadkhah.law.schema import (
    InternationalForum,
    NationalForum,
)
from dadkhah.law.verdict import Effect, Reason, Tri, effect_of, failing


def investigation_presence(
    forum: NationalForum | InternationalForum, scenario: Scenario, reasons: list[Reason]
) -> Tri:
    rule = forum.procedure.investigation_presence
    if rule.rule == "none" or not isinstance(forum, NationalForum):
        return True
    value = scenario.suspect.in_state(forum.state, scenario.as_of, resident=rule.rule == "resident")
    text = rule.text or f"Proceedings need the suspect to be {rule.rule} in {forum.state}."
    effect = effect_of(value, "bars")
    reasons.append(
        Reason.of(
            "presence_investigation",
            effect,
            f"{text} On {scenario.as_of} the suspect is {tri_word(value)}there.",
            rule.source,
            stage="investigation",
        )
    )
    return failing(rule.source) if value is False else value


def trial_presence(
    forum: NationalForum | InternationalForum, scenario: Scenario, reasons: list[Reason]
) -> Tri:
    rule = forum.procedure.trial_presence
    text = rule.text or "The accused must be present for trial."
    if rule.rule == "in_absentia":
        reasons.append(Reason.of("presence_trial", "establishes", text, rule.source, stage="trial"))
        return True
    if isinstance(forum, InternationalForum):
        reasons.append(
            Reason.of(
                "presence_trial",
                "requires",
                f"{text} The suspect must be arrested and surrendered to the Court.",
                rule.source,
                stage="trial",
            )
        )
        return None
    present = scenario.suspect.in_state(forum.state, scenario.as_of)
    if present:
        reasons.append(
            Reason.of(
                "presence_trial",
                "establishes",
                f"{text} On {scenario.as_of} the suspect is in {forum.state}.",
                rule.source,
                stage="trial",
            )
        )
        return True
    if rule.rule == "limited" and present is False:
        reasons.append(
            Reason.of(
                "presence_trial",
                "unknown",
                f"{text} The suspect is not in {forum.state} on {scenario.as_of}.",
                rule.source,
                stage="trial",
            )
        )
        return None
    effect: Effect = "requires" if present is False else "unknown"
    reasons.append(
        Reason.of(
            "presence_trial",
            effect,
            f"{text} On {scenario.as_of} the suspect is "
            f"{tri_word(present)}in {forum.state}: investigation and warrants only, until the "
            "suspect is there.",
            rule.source,
            stage="trial",
        )
    )
    return failing(rule.source) if present is False else None


def procedure_notes(
    forum: NationalForum | InternationalForum, scenario: Scenario, reasons: list[Reason]
) -> None:
    procedure = forum.procedure
    if procedure.authorisation is not None:
        reasons.append(
            Reason.of(
                "authorisation", "requires", procedure.authorisation.text, procedure.authorisation.source
            )
        )
    discretion = procedure.discretion
    if discretion is None or not isinstance(forum, NationalForum):
        return
    absent = scenario.suspect.in_state(forum.state, scenario.as_of) is False
    national_link = forum.state in (scenario.suspect.nationalities or ()) or any(
        forum.state in (c.victim_nationalities or ()) for c in scenario.conduct
    )
    if not discretion.applies_when_absent_without_link or (absent and not national_link):
        reasons.append(Reason.of("prosecutorial_discretion", "requires", discretion.text, discretion.source))


def currency_note(kb_as_of: date, as_of: date, reasons: list[Reason]) -> None:
    if as_of > kb_as_of:
        reasons.append(
            Reason(
                "knowledge_base_date",
                "note",
                f"The data for this forum is current to {kb_as_of}; "
                f"later changes in law or practice before {as_of} are not reflected.",
                "Dadkhah legal knowledge base",
                "V",
            )
        )
