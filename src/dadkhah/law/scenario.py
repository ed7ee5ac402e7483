"""The facts forum analysis reasons about: who the suspect is and what was done, where and when.

A :class:`Scenario` comes either from a YAML file (a what-if, or a real case written down as legal
reference data) or, in a case, from claims. Unknown is not the same as no: a field left out of the
file (``victim_nationalities``, ``armed_conflict``, ...) is *unknown* and makes any rule that needs
it uncertain, whereas an empty list is a known "none". Stays are the exception: list every stay
you know of, because a state not listed is taken as one the suspect was not in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from dadkhah.errors import InvalidData, Problem
from dadkhah.law._yaml import load_located, validate
from dadkhah.law.dates import PartialDate
from dadkhah.law.kb import KnowledgeBase
from dadkhah.law.schema import Country, OfficeKind, Partial, Source, Strict, Text

Tri = bool | None  # True, False, or None for unknown
ArmedConflict = Literal["international", "non_international", "none"]


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end`` (inclusive); ``None`` start means unknown, ``None`` end means
    unknown unless ``ongoing`` is set."""

    start: PartialDate | None
    end: PartialDate | None
    ongoing: bool = False

    def covers(self, day: date) -> Tri:
        """Whether the period certainly includes ``day`` (True), certainly not (False), or may (None)."""
        after_start: Tri = (
            None
            if self.start is None
            else (True if self.start.latest <= day else False if self.start.earliest > day else None)
        )
        if self.ongoing:
            before_end: Tri = True
        elif self.end is None:
            before_end = None
        else:
            before_end = True if self.end.earliest >= day else False if self.end.latest < day else None
        if after_start is False or before_end is False:
            return False
        if after_start and before_end:
            return True
        return None


@dataclass(frozen=True)
class Office:
    kind: OfficeKind
    state: str
    period: Period
    title: str | None = None


@dataclass(frozen=True)
class Stay:
    state: str
    kind: Literal["present", "resident"]
    period: Period


@dataclass(frozen=True)
class Suspect:
    label: str
    nationalities: tuple[str, ...] | None
    offices: tuple[Office, ...] = ()
    stays: tuple[Stay, ...] = ()

    def in_state(self, state: str, day: date, *, resident: bool = False) -> Tri:
        """Whether the suspect is present (or resident) in ``state`` on ``day``."""
        found: Tri = False
        for stay in self.stays:
            if stay.state != state or (resident and stay.kind != "resident"):
                continue
            covered = stay.period.covers(day)
            if covered:
                return True
            if covered is None:
                found = None
        return found

    def offices_on(self, day: date) -> list[tuple[Office, Tri]]:
        """Every office with whether it was held on ``day`` (True, False or unknown)."""
        return [(office, office.period.covers(day)) for office in self.offices]


@dataclass(frozen=True)
class Conduct:
    label: str
    crimes: tuple[str, ...]
    start: PartialDate
    end: PartialDate
    territory: str
    victim_nationalities: tuple[str, ...] | None = None
    victim_residences: tuple[str, ...] | None = None
    armed_conflict: ArmedConflict | None = None
    continuing: Tri = None
    punishable_in_territory: Tri = None


@dataclass(frozen=True)
class IccFacts:
    """Hypothetical routes to the ICC beyond those recorded in the knowledge base."""

    security_council_referral: bool = False
    declarations: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True)
class Scenario:
    title: str
    suspect: Suspect
    conduct: tuple[Conduct, ...]
    as_of: date
    icc: IccFacts = IccFacts()
    fictional: bool = False
    sources: tuple[Source, ...] = field(default=())

    def at(self, as_of: date | None) -> Scenario:
        """The same facts assessed on another day."""
        return self if as_of is None else replace(self, as_of=as_of)


# --- the file format ----------------------------------------------------------------------------

Unknown = Literal["unknown"]


class ScenarioSource(Source):
    about: str | None = None


class OfficeIn(Strict):
    kind: OfficeKind
    state: Country
    title: str | None = None
    start: Partial | None = None
    end: Partial | Literal["ongoing"] | None = None


class StayIn(Strict):
    state: Country
    kind: Literal["present", "resident"]
    start: Partial | None = None
    end: Partial | Literal["ongoing"] | None = None


class SuspectIn(Strict):
    label: Text
    nationalities: list[Country] | None = None
    offices: list[OfficeIn] = []
    stays: list[StayIn] = []


class ConductIn(Strict):
    label: Text
    crimes: Annotated[list[str], Field(min_length=1)]
    start: Partial
    end: Partial | None = None
    territory: Country
    victim_nationalities: list[Country] | None = None
    victim_residences: list[Country] | None = None
    armed_conflict: ArmedConflict | Unknown = "unknown"
    continuing: bool | Unknown = "unknown"
    punishable_in_territory: bool | Unknown = "unknown"

    @model_validator(mode="after")
    def _ordered(self) -> ConductIn:
        if self.end is not None and self.end.latest < self.start.earliest:
            raise ValueError("end is before start")
        return self


class DeclarationIn(Strict):
    state: Country
    from_: Annotated[date, Field(alias="from")]


class IccIn(Strict):
    security_council_referral: bool = False
    declarations: list[DeclarationIn] = []


class ScenarioFile(Strict):
    scenario: Text
    fictional: bool
    as_of: date
    sources: list[ScenarioSource] = []
    suspect: SuspectIn
    conduct: Annotated[list[ConductIn], Field(min_length=1)]
    icc: IccIn = IccIn()

    @model_validator(mode="after")
    def _real_cases_cited(self) -> ScenarioFile:
        if not self.fictional and not self.sources:
            raise ValueError("a scenario describing a real case (fictional: false) must list its sources")
        return self


def _period(start: PartialDate | None, end: PartialDate | str | None) -> Period:
    if end == "ongoing":
        return Period(start, None, ongoing=True)
    assert end is None or isinstance(end, PartialDate)
    return Period(start, end)


def _tri(value: bool | str) -> Tri:
    return None if value == "unknown" else bool(value)


def load_scenario(path: Path, kb: KnowledgeBase) -> Scenario:
    """Read and check a scenario file; problems name the file, line and field."""
    located = load_located(path)
    doc = validate(ScenarioFile, located)
    problems: list[Problem] = []
    for i, item in enumerate(doc.conduct):
        for j, code in enumerate(item.crimes):
            if code not in kb.crimes:
                known = ", ".join(sorted(kb.crimes))
                problems.append(
                    located.problem(f"unknown crime {code} (known: {known})", ["conduct", i, "crimes", j])
                )
    for i, office in enumerate(doc.suspect.offices):
        if isinstance(office.end, PartialDate) and office.start and office.end.latest < office.start.earliest:
            problems.append(located.problem("end is before start", ["suspect", "offices", i, "end"]))
    if problems:
        raise InvalidData(problems, summary=f"{located.file}: {len(problems)} problem(s)")
    suspect = Suspect(
        label=doc.suspect.label,
        nationalities=None if doc.suspect.nationalities is None else tuple(doc.suspect.nationalities),
        offices=tuple(Office(o.kind, o.state, _period(o.start, o.end), o.title) for o in doc.suspect.offices),
        stays=tuple(Stay(s.state, s.kind, _period(s.start, s.end)) for s in doc.suspect.stays),
    )
    conduct = tuple(
        Conduct(
            label=c.label,
            crimes=tuple(c.crimes),
            start=c.start,
            end=c.end or c.start,
            territory=c.territory,
            victim_nationalities=None if c.victim_nationalities is None else tuple(c.victim_nationalities),
            victim_residences=None if c.victim_residences is None else tuple(c.victim_residences),
            armed_conflict=None if c.armed_conflict == "unknown" else c.armed_conflict,
            continuing=_tri(c.continuing),
            punishable_in_territory=_tri(c.punishable_in_territory),
        )
        for c in doc.conduct
    )
    icc = IccFacts(doc.icc.security_council_referral, tuple((d.state, d.from_) for d in doc.icc.declarations))
    return Scenario(doc.scenario, suspect, conduct, doc.as_of, icc, doc.fictional, tuple(doc.sources))
