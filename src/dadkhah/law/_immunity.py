"""Immunity: personal immunity of serving leaders before foreign courts; functional immunity."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dadkhah.law.kb import KnowledgeBase
from dadkhah.law.scenario import Scenario
from dadkhah.law.schema import (
    InternationalForum,
    NationalForum,
)
from dadkhah.law.verdict import Reason, Tri, all3, failing


def immunity_clear(
    forum: NationalForum | InternationalForum, scenario: Scenario, kb: KnowledgeBase, reasons: list[Reason]
) -> Tri:
    """True when no immunity stands in the way on the as-of date."""
    day, suspect = scenario.as_of, scenario.suspect
    state = forum.state if isinstance(forum, NationalForum) else None
    outcomes: list[Tri] = []
    crimes = {code for c in scenario.conduct for code in c.crimes}
    for code in forum.immunity:
        rule = kb.immunities[code]
        relevant = [(o, held) for o, held in suspect.offices_on(day) if o.kind in rule.offices]
        if not relevant:
            continue
        if rule.type == "international_court":
            reasons.append(Reason.of("immunity_icc", "note", rule.text, rule.source, ref=rule.code))
        elif rule.type == "personae":
            outcomes.extend(_personae(rule, relevant, state, day, reasons))
        elif rule.type == "materiae":
            uncovered = sorted(crimes - set(rule.exceptions))
            if uncovered:
                reasons.append(
                    Reason.of(
                        "immunity_ratione_materiae",
                        "contested",
                        f"Functional immunity for official "
                        f"acts: {', '.join(uncovered)} fall outside the recorded exception.",
                        rule.source,
                        ref=rule.code,
                    )
                )
                outcomes.append(None)
            else:
                reasons.append(
                    Reason.of(
                        "immunity_ratione_materiae",
                        "note",
                        "The alleged crimes fall within the exception to functional immunity. " + rule.text,
                        rule.source,
                        ref=rule.code,
                    )
                )
    return all3(outcomes)


def _personae(rule, relevant, state: str | None, day: date, reasons: list[Reason]) -> Iterable[Tri]:  # type: ignore[no-untyped-def]
    for office, held in relevant:
        title = office.title or office.kind.replace("_", " ")
        if office.state == state:
            reasons.append(
                Reason.of(
                    "immunity_ratione_personae",
                    "note",
                    f"{title} of {office.state}: personal "
                    "immunity protects only against foreign courts, not the official's own.",
                    rule.source,
                    ref=rule.code,
                )
            )
            continue
        if held is True:
            reasons.append(
                Reason.of(
                    "immunity_ratione_personae",
                    "bars",
                    f"On {day} the suspect is a serving {title} of {office.state}. {rule.text}",
                    rule.source,
                    ref=rule.code,
                )
            )
            yield failing(rule.source)
        elif held is None:
            reasons.append(
                Reason.of(
                    "immunity_ratione_personae",
                    "unknown",
                    f"The scenario does not show whether the "
                    f"suspect was still {title} of {office.state} on {day}. {rule.text}",
                    rule.source,
                    ref=rule.code,
                )
            )
            yield None
        else:
            ended = office.period.end
            reasons.append(
                Reason.of(
                    "immunity_ratione_personae",
                    "establishes",
                    f"The suspect's term as {title} of "
                    f"{office.state} ended{' on ' + str(ended) if ended else ''}; personal immunity "
                    "ended with it.",
                    rule.source,
                    ref=rule.code,
                )
            )
            yield True
