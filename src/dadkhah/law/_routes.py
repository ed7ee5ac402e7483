"""Subject matter and time: which offences reach which conduct (in force, armed conflict, limitation)."""

from __future__ import annotations

from datetime import date

from dadkhah.law._text import span
from dadkhah.law.dates import PartialDate
from dadkhah.law.kb import Crime, KnowledgeBase
from dadkhah.law.scenario import Conduct
from dadkhah.law.schema import (
    InternationalForum,
    NationalForum,
    Offence,
    Source,
)
from dadkhah.law.verdict import Effect, Reason, Route, Tri, all3, failing, verdict_of

CONTESTED_CONTINUING = Source(
    cite=(
        "Amnesty International, Blood-soaked secrets (MDE 13/9421/2018); UN SR Rehman, findings of "
        "17 Jul 2024; ICC Elements of Crimes art. 7(1)(i), temporal footnote"
    ),
    conf="K",
    note="The Amnesty and Rehman positions are verified; the Elements footnote wording is general knowledge.",
)


def covers(kb: KnowledgeBase, offence: Offence, crime: Crime) -> bool:
    return any(crime in kb.crimes_matching(pattern) for pattern in offence.covers)


def unrecorded_routes(
    forum: NationalForum | InternationalForum,
    conduct: Conduct,
    links: dict[str, Tri],
    kb: KnowledgeBase,
    reasons: list[Reason],
) -> list[Route]:
    """Routes through offences the data notes as left out: uncertain, or barred only by a recorded link.

    Whether such an offence reaches the conduct is not recorded, so it never establishes a route
    and its absence never bars one; only the failure of a recorded link rule can close it.
    """
    if not isinstance(forum, NationalForum):
        return []
    out: list[Route] = []
    for gap in forum.unrecorded:
        if gap.what != "offence":
            continue
        assert gap.covers is not None
        for crime_code in conduct.crimes:
            crime = kb.crime(crime_code)
            if not any(crime in kb.crimes_matching(pattern) for pattern in gap.covers):
                continue
            status = all3([None, links.get(gap.code)])
            if status is None:
                text = (
                    f"{gap.title} is not recorded in the knowledge base ({gap.text}); whether it "
                    f"reaches {crime.title} in {conduct.label} ({span(conduct)}) cannot be told."
                )
            else:
                text = (
                    f"{gap.title} is not recorded in the knowledge base; it cannot help with "
                    f"{conduct.label}, as no link it would need is met."
                )
            reasons.append(
                Reason.of(
                    "unrecorded_route",
                    "unknown" if status is None else "note",
                    text,
                    gap.source,
                    ref=gap.code,
                )
            )
            out.append(Route(conduct.label, crime.code, gap.code, verdict_of(status), recorded=False))
    return out


def route(offence: Offence, conduct: Conduct, crime: Crime, as_of: date, reasons: list[Reason]) -> Tri:
    """Whether ``offence`` reaches ``crime`` in ``conduct``: time, armed conflict, limitation."""
    return all3(
        [
            _in_force(offence, conduct, crime, reasons),
            _armed_conflict(offence, conduct, reasons),
            _limitation(offence, conduct, as_of, reasons),
        ]
    )


def _in_force(offence: Offence, conduct: Conduct, crime: Crime, reasons: list[Reason]) -> Tri:
    when = offence.in_force
    source = offence.in_force_source or offence.source
    rule, ref = "non_retroactivity", offence.code
    if when is None:
        reasons.append(
            Reason.of(
                rule,
                "unknown",
                f"{offence.title}: the date from which it applies is not recorded, "
                f"so whether it reaches conduct of {span(conduct)} cannot be told.",
                source,
                ref=ref,
            )
        )
        return None
    if conduct.start.earliest >= when.latest:
        reasons.append(
            Reason.of(
                rule,
                "establishes",
                f"{offence.title} applies from {when}; the conduct "
                f"({conduct.label}, {span(conduct)}) is later.",
                source,
                ref=ref,
            )
        )
        return True
    if conduct.start.latest < when.earliest and crime.continuing and conduct.continuing is not False:
        # A disappearance that began earlier is not simply "later conduct" because concealment goes on.
        return _continuing(offence, conduct, crime, when, reasons)
    if conduct.end.latest < when.earliest:
        reasons.append(
            Reason.of(
                rule,
                "bars",
                f"{offence.title} applies only from {when}; it cannot reach "
                f"{conduct.label} ({span(conduct)}), which came earlier.",
                source,
                ref=ref,
            )
        )
        return failing(source)
    if conduct.end.earliest >= when.latest:
        reasons.append(
            Reason.of(
                rule,
                "establishes",
                f"{offence.title} applies from {when}: it reaches only the "
                f"part of {conduct.label} from that day on.",
                source,
                ref=ref,
            )
        )
        return True
    reasons.append(
        Reason.of(
            rule,
            "unknown",
            f"The dates of {conduct.label} ({span(conduct)}) and of "
            f"{offence.title} ({when}) are too imprecise to tell which came first.",
            source,
            ref=ref,
        )
    )
    return None


def _continuing(
    offence: Offence, conduct: Conduct, crime: Crime, when: PartialDate, reasons: list[Reason]
) -> Tri:
    known = "continues" if conduct.continuing else "may continue (the scenario does not say)"
    reasons.append(
        Reason.of(
            "continuing_crime",
            "contested",
            f"{crime.title} began before {offence.title} applied ({when}); the concealment {known}. Treating "
            "ongoing concealment as a continuing crime the later offence reaches is argued, not settled.",
            CONTESTED_CONTINUING,
            ref=offence.code,
        )
    )
    return None


def _armed_conflict(offence: Offence, conduct: Conduct, reasons: list[Reason]) -> Tri:
    if not offence.armed_conflict:
        return True
    rule, ref = "armed_conflict_nexus", offence.code
    if conduct.armed_conflict is None:
        reasons.append(
            Reason.of(
                rule,
                "unknown",
                f"{offence.title} needs a link to an armed conflict; the scenario "
                f"does not say whether {conduct.label} had one.",
                offence.source,
                ref=ref,
            )
        )
        return None
    if conduct.armed_conflict == "none":
        reasons.append(
            Reason.of(
                rule,
                "bars",
                f"{offence.title} needs a link to an armed conflict, which {conduct.label} lacks.",
                offence.source,
                ref=ref,
            )
        )
        return False
    kind = conduct.armed_conflict.replace("_", "-")
    reasons.append(
        Reason.of(
            rule,
            "establishes",
            f"{offence.title}: {conduct.label} is linked to an armed conflict ({kind}).",
            offence.source,
            ref=ref,
        )
    )
    return True


def _limitation(offence: Offence, conduct: Conduct, as_of: date, reasons: list[Reason]) -> Tri:
    limit = offence.limitation
    if limit is None:
        reasons.append(
            Reason(
                "limitation",
                "unknown",
                f"{offence.title}: limitation is not recorded.",
                offence.source.cite,
                "U",
                ref=offence.code,
            )
        )
        return None
    if not limit.applies:
        reasons.append(
            Reason.of("limitation", "note", f"{offence.title}: {limit.text}", limit.source, ref=offence.code)
        )
        return True
    if limit.years is None:
        reasons.append(
            Reason.of(
                "limitation", "unknown", f"{offence.title}: {limit.text}", limit.source, ref=offence.code
            )
        )
        return None
    expired = _add_years(conduct.end.latest, limit.years) < as_of
    effect: Effect = "bars" if expired else "note"
    reasons.append(
        Reason.of(
            "limitation",
            effect,
            f"{offence.title}: limitation of {limit.years} years "
            f"{'has run' if expired else 'has not run'} by {as_of}.",
            limit.source,
            ref=offence.code,
        )
    )
    return failing(limit.source) if expired else True


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
