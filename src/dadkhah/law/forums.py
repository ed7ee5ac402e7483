"""Forum analysis: which courts or UN mechanisms could act on a scenario, and what stands in the way.

For each forum the analysis asks, on the scenario's as-of date:

1. *Subject matter and time* — which offences reach each item of conduct, given when they came
   into force (non-retroactivity), whether they need an armed conflict, and limitation.
2. *Link* — which jurisdictional basis connects the forum to the case (universal jurisdiction,
   the suspect's presence, residence or nationality, the victims' nationality or residence; for
   the ICC the art. 12-13 preconditions).
3. *Immunity* — personal immunity of a serving head of state, head of government or foreign
   minister before foreign courts; the exception to functional immunity for international crimes.
4. *Procedure* — presence needed to investigate and to try, authorisation, discretion.

The verdict is the investigation stage (could the forum open proceedings or issue a warrant on
the as-of date?); ``stages["trial"]`` says whether it could also try the suspect then.
"""

from __future__ import annotations

from collections.abc import Sequence

from dadkhah.law._immunity import immunity_clear
from dadkhah.law._links import icc_preconditions, national_links
from dadkhah.law._procedure import currency_note, investigation_presence, procedure_notes, trial_presence
from dadkhah.law._routes import covers, route, unrecorded_routes
from dadkhah.law._text import dedupe
from dadkhah.law._un import assess_un
from dadkhah.law.kb import KnowledgeBase
from dadkhah.law.scenario import Scenario
from dadkhah.law.schema import (
    Forum,
    InternationalForum,
    NationalForum,
    UnMechanism,
)
from dadkhah.law.verdict import ForumResult, Reason, Route, Tri, all3, any3, verdict_of


def analyse(scenario: Scenario, kb: KnowledgeBase, forums: Sequence[str] | None = None) -> list[ForumResult]:
    """Assess every forum in the knowledge base (or those named) against the scenario."""
    chosen = [kb.forum(code) for code in forums] if forums else list(kb.forums.values())
    return [assess(forum, scenario, kb) for forum in chosen]


def assess(forum: Forum, scenario: Scenario, kb: KnowledgeBase) -> ForumResult:
    if isinstance(forum, UnMechanism):
        return assess_un(forum, scenario, kb)
    return _court(forum, scenario, kb)


def _court(forum: NationalForum | InternationalForum, scenario: Scenario, kb: KnowledgeBase) -> ForumResult:
    reasons: list[Reason] = []
    routes: list[Route] = []
    reachable: list[Tri] = []
    for conduct in scenario.conduct:
        links = (
            icc_preconditions(forum, conduct, scenario, kb, reasons)
            if isinstance(forum, InternationalForum)
            else national_links(forum, conduct, scenario, kb, reasons)
        )
        for offence in forum.offences:
            for crime_code in conduct.crimes:
                crime = kb.crime(crime_code)
                if not covers(kb, offence, crime):
                    continue
                status = all3(
                    [route(offence, conduct, crime, scenario.as_of, reasons), links.get(offence.code)]
                )
                routes.append(Route(conduct.label, crime.code, offence.code, verdict_of(status)))
                reachable.append(status)
        for route_ in unrecorded_routes(forum, conduct, links, kb, reasons):
            routes.append(route_)
            reachable.append(None if route_.status == "uncertain" else False)
    if not routes:
        # The data lists the offences it records, not every offence the state has: an absent
        # offence is a gap in the knowledge base, never a bar.
        reasons.append(
            Reason(
                "no_offence",
                "unknown",
                "No offence recorded for this forum reaches the conduct's crimes; the knowledge base "
                "does not say the forum has none.",
                forum.source.cite,
                forum.source.conf,
                url=forum.source.url,
            )
        )
    subject = any3(reachable) if routes else None
    immune = immunity_clear(forum, scenario, kb, reasons)
    investigation = all3([subject, immune, investigation_presence(forum, scenario, reasons)])
    trial = all3([investigation, trial_presence(forum, scenario, reasons)])
    procedure_notes(forum, scenario, reasons)
    currency_note(forum.as_of, scenario.as_of, reasons)
    return ForumResult(
        forum.code,
        forum.name,
        forum.type,
        verdict_of(investigation),
        tuple(dedupe(reasons)),
        {"investigation": verdict_of(investigation), "trial": verdict_of(trial)},
        tuple(routes),
    )
