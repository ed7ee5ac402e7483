"""Forum facts from a case: the :class:`Scenario` for one suspect, built from claims.

What comes from where (every fact as the reader may see it; a fact the case does not record stays
unknown, so the rules that need it come out *uncertain*, never barred):

* nationalities — the suspect's ``Person.nationality`` claims; none recorded → unknown;
* offices — the suspect's Positions: ``kind`` head_of_state / head_of_government /
  foreign_minister carry over, every other kind (or none) is ``other_official``; the state is the
  ``country`` of the Position's organization or of the nearest parent organization that has one;
  dates from ``startDate``/``endDate`` (an open end such as ``2025-06-01/..`` means "still held on
  1 June 2025"; no end recorded → unknown);
* stays — the suspect's Presence entities (kind present/resident, country, dates). If the case
  records none, presence is unknown in every state; once any is recorded, a state with none is
  taken as one the suspect was not in (the same rule as scenario files);
* conduct — one item per allegation against the suspect (and per country, if its places lie in
  several): the allegation's crime; dates spanning its events' and violations' dates (unknown →
  any day from 1 January 1900 to the as-of date, which leaves date rules uncertain); territory
  from the ``country`` of the places of its events and violations (walking up ``Place.parent``);
  victims' nationalities when every victim in scope has one recorded, otherwise unknown. Armed
  conflict, continuing character, double criminality and victims' residence stay unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from dadkhah.access import Reader
from dadkhah.errors import InputError, NotFound
from dadkhah.law._claims import CaseRead, Facts
from dadkhah.law.dates import PartialDate
from dadkhah.law.kb import KnowledgeBase
from dadkhah.law.kb import default as default_kb
from dadkhah.law.matrix.allegations import allegations_against, load_allegation
from dadkhah.law.matrix.scope import scope_of
from dadkhah.law.scenario import Conduct, Office, Period, Scenario, Stay, Suspect
from dadkhah.law.schema import OFFICE_KINDS, NationalForum
from dadkhah.model import parse_edtf

if TYPE_CHECKING:
    from dadkhah.case import Case

_UNKNOWN_START = date(1900, 1, 1)
_MAX_PARENTS = 10


@dataclass(frozen=True)
class Fact:
    """One fact of the scenario and the claims it rests on, for the reader to check."""

    what: str
    value: str
    claims: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"fact": self.what, "value": self.value, "claims": list(self.claims)}


@dataclass(frozen=True)
class CaseFacts:
    """The scenario, what each of its facts rests on, and what the case does not say."""

    scenario: Scenario
    facts: tuple[Fact, ...]
    unknown: tuple[str, ...] = field(default=())
    notices: tuple[str, ...] = field(default=())  # what the redaction left out, and why

    def to_dict(self) -> dict[str, Any]:
        return {
            "facts": [f.to_dict() for f in self.facts],
            "unknown": list(self.unknown),
            "notices": list(self.notices),
        }


def case_facts(
    case: Case,
    suspect_id: str,
    as_of: date | None = None,
    reader: Reader | None = None,
    kb: KnowledgeBase | None = None,
) -> CaseFacts:
    """The forum-analysis facts about ``suspect_id`` recorded in ``case``, with what each rests on."""
    kb = kb or default_kb()
    day = as_of or datetime.now(UTC).date()
    with case.redacted(reader) as (conn, red):
        return _Builder(CaseRead(conn, case.model, red), kb, day).build(suspect_id.strip().upper())


def scenario_from_case(
    case: Case,
    suspect_id: str,
    as_of: date | None = None,
    reader: Reader | None = None,
    kb: KnowledgeBase | None = None,
) -> Scenario:
    """The :class:`Scenario` for ``suspect_id`` on ``as_of`` (default today), ready for ``analyse``."""
    return case_facts(case, suspect_id, as_of, reader, kb).scenario


class _Builder:
    def __init__(self, read: CaseRead, kb: KnowledgeBase, day: date) -> None:
        self.read = read
        self.kb = kb
        self.day = day
        self.facts: list[Fact] = []
        self.unknown: list[str] = []

    def build(self, suspect_id: str) -> CaseFacts:
        person = self.read.fact(suspect_id)
        if person is None:
            raise NotFound(f"no person {suspect_id[:40]}")
        if person.schema != "Person":
            raise InputError(f"{suspect_id} is a {person.schema}, not a Person", field="suspect")
        label = self.read.caption(suspect_id)
        suspect = Suspect(
            label, self._nationalities(person), self._offices(suspect_id), self._stays(suspect_id)
        )
        conduct = self._conduct(suspect_id)
        if not conduct:
            raise InputError(
                f"the case holds no allegation against {suspect_id} with a known territory; record one "
                "with 'dadkhah allege' and give its events or violations places with a country",
                field="suspect",
            )
        scenario = Scenario(f"{label}: facts recorded in the case", suspect, tuple(conduct), self.day)
        return CaseFacts(scenario, tuple(self.facts), tuple(self.unknown), tuple(self.read.red.notices()))

    # -- the suspect -------------------------------------------------------------------------------

    def _nationalities(self, person: Facts) -> tuple[str, ...] | None:
        values = person.values("nationality")
        if not values:
            self.unknown.append("the suspect's nationality")
            return None
        claims = tuple(c.id for c in person.claims.get("nationality", ()))
        self.facts.append(Fact("nationality", ", ".join(sorted(values)), claims))
        return tuple(sorted(values))

    def _offices(self, suspect_id: str) -> tuple[Office, ...]:
        offices = []
        positions = self.read.facts(self.read.referring(suspect_id, "person", "Position"))
        for pid in sorted(positions):
            facts = positions[pid]
            kind = facts.value("kind")
            office_kind = kind if kind in OFFICE_KINDS else "other_official"
            state = self._organization_country(facts.value("organization"))
            if state is None:
                self.unknown.append(f"the state of position {pid} (its organization has no country)")
                continue
            period = _period(facts.value("startDate"), facts.value("endDate"))
            title = facts.value("title")
            offices.append(Office(office_kind, state, period, title))  # type: ignore[arg-type]
            self.facts.append(
                Fact(
                    "office",
                    f"{title or office_kind} ({office_kind}, {state}), {_span(period)}",
                    tuple(c.id for c in facts.all_claims()),
                )
            )
        return tuple(offices)

    def _organization_country(self, organization: str | None) -> str | None:
        seen: set[str] = set()
        while organization and organization not in seen and len(seen) < _MAX_PARENTS:
            seen.add(organization)
            facts = self.read.fact(organization)
            if facts is None:
                return None
            country = facts.value("country")
            if country:
                return country
            organization = facts.value("parent")
        return None

    def _stays(self, suspect_id: str) -> tuple[Stay, ...]:
        stays = []
        found = self.read.facts(self.read.referring(suspect_id, "person", "Presence"))
        for pid in sorted(found):
            facts = found[pid]
            country, kind = facts.value("country"), facts.value("kind")
            if country is None or kind not in ("present", "resident"):
                continue
            period = _period(facts.value("startDate"), facts.value("endDate"))
            stays.append(Stay(country, kind, period))  # type: ignore[arg-type]
            self.facts.append(
                Fact("stay", f"{kind} in {country}, {_span(period)}", tuple(c.id for c in facts.all_claims()))
            )
        if stays:
            return tuple(stays)
        self.unknown.append(
            "where the suspect has been (no Presence recorded): presence is unknown everywhere"
        )
        unknown = Period(None, None)
        states = sorted({f.state for f in self.kb.forums.values() if isinstance(f, NationalForum)})
        return tuple(Stay(state, kind, unknown) for state in states for kind in ("present", "resident"))

    # -- the conduct -------------------------------------------------------------------------------

    def _conduct(self, suspect_id: str) -> list[Conduct]:
        out = []
        for allegation_id in allegations_against(self.read, suspect_id):
            allegation = load_allegation(self.read, allegation_id, self.kb)
            scope = scope_of(self.read, allegation)
            territories = self._territories([*scope.events, *scope.violations])
            if not territories:
                self.unknown.append(f"the territory of allegation {allegation.id} (no place with a country)")
                continue
            start, end = _conduct_dates(scope.start, scope.end, self.day)
            if scope.start is None and scope.end is None:
                self.unknown.append(f"the dates of allegation {allegation.id}")
            victims = self._victim_nationalities(scope.violations, allegation.id)
            for territory in territories:
                label = allegation.title if len(territories) == 1 else f"{allegation.title} ({territory})"
                out.append(Conduct(label, (allegation.crime.code,), start, end, territory, victims))
                self.facts.append(
                    Fact(
                        "conduct",
                        f"{allegation.crime.code} in {territory}, {start} – {end}"
                        + (f", victims' nationalities {', '.join(victims)}" if victims else ""),
                        (allegation.id,),
                    )
                )
        return out

    def _territories(self, entity_ids: Iterable[str]) -> list[str]:
        countries = set()
        for facts in self.read.facts(entity_ids).values():
            for place in facts.values("place"):
                country = self._place_country(place)
                if country:
                    countries.add(country)
        return sorted(countries)

    def _place_country(self, place: str | None) -> str | None:
        seen: set[str] = set()
        while place and place not in seen and len(seen) < _MAX_PARENTS:
            seen.add(place)
            facts = self.read.fact(place)
            if facts is None:
                return None
            if facts.value("country"):
                return facts.value("country")
            place = facts.value("parent")
        return None

    def _victim_nationalities(self, violations: Iterable[str], allegation: str) -> tuple[str, ...] | None:
        victims = {v for facts in self.read.facts(violations).values() for v in facts.values("victim")}
        if not victims:
            self.unknown.append(f"the victims of allegation {allegation}")
            return None
        people = self.read.facts(victims)
        found: set[str] = set()
        missing = 0
        for victim in victims:
            values = people[victim].values("nationality") if victim in people else []
            if not values:
                missing += 1
            found.update(values)
        if missing:
            self.unknown.append(
                f"the victims' nationalities in allegation {allegation} ({missing} of {len(victims)} "
                "victims have none recorded)"
            )
            return None
        return tuple(sorted(found))


def _partial(value: str | None) -> PartialDate | None:
    """An EDTF value as the legal engine's interval of days; an open or unknown bound widens it."""
    if not value:
        return None
    parsed = parse_edtf(value)
    if parsed.lower is None and parsed.upper is None:
        return None
    return PartialDate(parsed.lower or date.min, parsed.upper or date.max, value)


def _period(start: str | None, end: str | None) -> Period:
    return Period(_partial(start), _partial(end))


def _conduct_dates(start: str | None, end: str | None, day: date) -> tuple[PartialDate, PartialDate]:
    """First and last day of the conduct; an unknown one may be any day up to the as-of date."""
    lo = date.fromisoformat(start) if start else None
    hi = date.fromisoformat(end) if end else None
    first = PartialDate(lo, lo, start) if lo and start else PartialDate(_UNKNOWN_START, hi or day, "unknown")
    floor = lo or _UNKNOWN_START
    last = PartialDate(hi, hi, end) if hi and end else PartialDate(floor, max(day, floor), "unknown")
    return first, last


def _span(period: Period) -> str:
    return f"{period.start or 'unknown'} – {period.end or 'unknown'}"


__all__ = ["CaseFacts", "Fact", "case_facts", "scenario_from_case"]
