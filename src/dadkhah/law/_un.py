"""UN mechanisms: whether a scenario falls within a non-judicial mandate, and what the mechanism accepts."""

from __future__ import annotations

from dadkhah.law._text import dedupe, span
from dadkhah.law.kb import KnowledgeBase
from dadkhah.law.scenario import Conduct, Scenario
from dadkhah.law.schema import (
    Source,
    UnMechanism,
)
from dadkhah.law.verdict import ForumResult, Reason, Tri, all3, any3, verdict_of


def assess_un(forum: UnMechanism, scenario: Scenario, kb: KnowledgeBase) -> ForumResult:
    accepts, source = forum.accepts, forum.source
    reasons = [Reason.of("mandate", "note", accepts.purpose, source)]
    outcomes: list[Tri] = []
    for conduct in scenario.conduct:
        checks: list[Tri] = []
        crimes = set(conduct.crimes) if accepts.crimes == "any" else set(conduct.crimes) & set(accepts.crimes)
        if not crimes:
            wanted = ", ".join(kb.crime(c).title for c in accepts.crimes)
            reasons.append(
                Reason.of(
                    "mandate_subject",
                    "bars",
                    f"{conduct.label}: the mechanism deals only with {wanted}.",
                    source,
                    ref=forum.code,
                )
            )
            checks.append(False)
        if accepts.territories != "any" and conduct.territory not in accepts.territories:
            reasons.append(
                Reason.of(
                    "mandate_territory",
                    "bars",
                    f"{conduct.label}: outside the mandate's territory ({', '.join(accepts.territories)}).",
                    source,
                    ref=forum.code,
                )
            )
            checks.append(False)
        if accepts.from_ is not None and conduct.start.latest < accepts.from_:
            reasons.append(
                Reason.of(
                    "mandate_period",
                    "bars",
                    f"{conduct.label} ({span(conduct)}) began before the "
                    f"period the mandate covers (from {accepts.from_}).",
                    source,
                    ref=forum.code,
                )
            )
            checks.append(False)
        if accepts.to is not None and conduct.start.earliest > accepts.to:
            reasons.append(
                Reason.of(
                    "mandate_period",
                    "bars",
                    f"{conduct.label} is after the period the mandate covers (to {accepts.to}).",
                    source,
                    ref=forum.code,
                )
            )
            checks.append(False)
        if accepts.requires_unresolved and crimes:
            checks.append(_unresolved(conduct, source, forum.code, reasons))
        outcomes.append(all3(checks))
    status = any3(outcomes)
    for condition in accepts.conditions:
        reasons.append(Reason.of("mandate_condition", "requires", condition, source, ref=forum.code))
    who = accepts.who_may_submit_source or source
    reasons.append(Reason.of("who_may_submit", "note", accepts.who_may_submit, who, ref=forum.code))
    return ForumResult(forum.code, forum.name, forum.type, verdict_of(status), tuple(dedupe(reasons)))


def _unresolved(conduct: Conduct, source: Source, code: str, reasons: list[Reason]) -> Tri:
    if conduct.continuing is False:
        reasons.append(
            Reason.of(
                "mandate_subject",
                "bars",
                f"{conduct.label}: the fate and whereabouts are known, "
                "so there is no open disappearance to transmit.",
                source,
                ref=code,
            )
        )
        return False
    if conduct.continuing is None:
        reasons.append(
            Reason.of(
                "mandate_subject",
                "unknown",
                f"{conduct.label}: the scenario does not say whether "
                "the fate and whereabouts are still unknown.",
                source,
                ref=code,
            )
        )
        return None
    reasons.append(
        Reason.of(
            "mandate_subject",
            "establishes",
            f"{conduct.label}: the fate and whereabouts are still unknown.",
            source,
            ref=code,
        )
    )
    return True
