"""Suggestions: evidence in the case that is not yet linked to an element but probably bears on it.

Candidates are drawn from the allegation's scope (see ``scope``): the suspect's involvements and
posts, other participants, the violations and patterns, the documents cited for all of these, and
testimony segments naming the suspect. ``hints.yaml`` says which kinds of candidate usually help
with which element; a candidate is ranked for an element by

    10 × (how early its kind comes in that element's list)
  +  5 if none of its origins is behind the element's counted support yet (it would add a source)
  +  its own strength (3 names the suspect, 2 is in the allegation's scope, 1 is context)

ties broken by what it says and its id, so the same case gives the same suggestions. Every
suggestion carries the reasons it was made.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from dadkhah.law._claims import CaseRead, Facts
from dadkhah.law.kb import Element
from dadkhah.law.matrix import segments
from dadkhah.law.matrix.allegations import Allegation
from dadkhah.law.matrix.evidence import Describer
from dadkhah.law.matrix.scope import Scope, overlaps
from dadkhah.store import Claim
from dadkhah.store.search import search

HINTS = Path(__file__).with_name("hints.yaml")
PER_ELEMENT = 5
_MAX_PER_KIND = 40
_PATTERN_KINDS = {"campaign", "mass_execution"}


@dataclass(frozen=True)
class Candidate:
    """An item of evidence that could be linked, with why it came up."""

    kind: str  # claim | item | segment
    target: str
    evidence: str  # the hint kind: involvement, position, co_actor, violation, pattern, document, segment
    statement: str
    why: str
    strength: int
    provenance: str = ""
    origins: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    target: str
    evidence: str
    statement: str
    provenance: str
    why: tuple[str, ...]
    score: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "evidence": {"kind": self.kind, "id": self.target},
            "category": self.evidence,
            "statement": self.statement,
            "provenance": self.provenance,
            "why": list(self.why),
            "score": self.score,
        }


@cache
def hints() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(HINTS.read_text(encoding="utf-8"))
    return data


def kinds_for(element: Element) -> list[str]:
    """The candidate kinds that help with ``element``, most useful first."""
    data = hints()
    keys = [element.code] + ([element.context] if element.context else [])
    for rule in data["rules"]:
        if any(fnmatch.fnmatchcase(key, rule["match"]) for key in keys):
            return list(rule["evidence"])
    return list(data["defaults"][element.kind])


def rank(
    element: Element, candidates: Iterable[Candidate], linked: set[str], supported_origins: set[str]
) -> list[Suggestion]:
    """The best candidates for one element, excluding evidence already linked to it."""
    wanted = kinds_for(element)
    scored: list[tuple[int, str, str, Suggestion]] = []
    seen: set[str] = set()
    for c in candidates:
        if c.evidence not in wanted or c.target in linked or c.target in seen:
            continue
        seen.add(c.target)
        fresh = bool(c.origins) and not (c.origins & supported_origins)
        score = 10 * (len(wanted) - wanted.index(c.evidence)) + (5 if fresh else 0) + c.strength
        why = [c.why, f"usually helps with this element: {hints()['evidence'][c.evidence]}"]
        if fresh:
            why.append("it would add a source not yet behind this element")
        scored.append(
            (
                -score,
                c.statement,
                c.target,
                Suggestion(c.kind, c.target, c.evidence, c.statement, c.provenance, tuple(why), score),
            )
        )
    scored.sort(key=lambda t: t[:3])
    return [s for *_, s in scored[:PER_ELEMENT]]


class Finder:
    """Collects candidates from the case for one allegation."""

    def __init__(self, read: CaseRead, describer: Describer, allegation: Allegation, scope: Scope) -> None:
        self.read = read
        self.describe = describer
        self.allegation = allegation
        self.scope = scope
        self.suspect = allegation.suspect

    def all(self) -> list[Candidate]:
        found: list[Candidate] = []
        for produce in (
            self.involvements,
            self.positions,
            self.co_actors,
            self.violations,
            self.patterns,
            self.segments,
        ):
            found.extend(produce())
        found.extend(self.documents(found))
        return found

    # -- producers ---------------------------------------------------------------------------------

    def _claim(self, claim: Claim, evidence: str, why: str, strength: int) -> Candidate:
        view = self.describe.claim(claim.id)
        statement = f"{view.about} — {view.statement}" if view.about else (view.statement or claim.id)
        return Candidate("claim", claim.id, evidence, statement, why, strength, view.provenance, view.origins)

    def _in_scope(self, facts: Facts) -> bool:
        targets = set(facts.values("event")) | set(facts.values("violation"))
        return bool(targets & (set(self.scope.all_events) | set(self.scope.violations)))

    def involvements(self) -> Iterator[Candidate]:
        ids = self.read.referring(self.suspect, "actor", "Involvement")
        for facts in _ordered(self.read.facts(ids)):
            if not self._in_scope(facts):
                continue
            for claim in facts.claims.get("role", ()):
                yield self._claim(
                    claim,
                    "involvement",
                    f"the suspect's involvement ({self.read.display(claim).lower()}) in "
                    f"{self._target(facts)}",
                    3,
                )

    def positions(self) -> Iterator[Candidate]:
        ids = self.read.referring(self.suspect, "person", "Position")
        for facts in _ordered(self.read.facts(ids)):
            during = overlaps(
                _low(facts.value("startDate")),
                _high(facts.value("endDate")),
                self.scope.start,
                self.scope.end,
            )
            if during is False:
                continue
            title = facts.value("title") or "a post"
            when = (
                f"held during the events ({self.scope.start} – {self.scope.end})"
                if during
                else "dates not known to overlap"
            )
            for claim in facts.claims.get("person", ()):
                yield self._claim(
                    claim, "position", f"the suspect's post: {title}, {when}", 3 if during else 1
                )

    def co_actors(self) -> Iterator[Candidate]:
        involvement_ids: set[str] = set()
        for target in (*self.scope.all_events, *self.scope.violations[:_MAX_PER_KIND]):
            for prop in ("event", "violation"):
                involvement_ids.update(self.read.referring(target, prop, "Involvement"))
        count = 0
        for facts in _ordered(self.read.facts(involvement_ids)):
            if facts.value("actor") == self.suspect or count >= _MAX_PER_KIND:
                continue
            role = facts.claim("role")
            if role is None:
                continue
            count += 1
            yield self._claim(
                role,
                "co_actor",
                f"{self.read.caption(facts.value('actor'))} also took part "
                f"({self.read.display(role).lower()}) in {self._target(facts)}",
                2,
            )
        yield from self._fellow_members()

    def _fellow_members(self) -> Iterator[Candidate]:
        own = self.read.facts(self.read.referring(self.suspect, "person", "Position"))
        organizations = {
            org
            for facts in own.values()
            for org in facts.values("organization")
            if overlaps(
                _low(facts.value("startDate")),
                _high(facts.value("endDate")),
                self.scope.start,
                self.scope.end,
            )
        }
        for org in sorted(organizations):
            others = self.read.facts(self.read.referring(org, "organization", "Position"))
            for facts in _ordered(others):
                person = facts.value("person")
                during = overlaps(
                    _low(facts.value("startDate")),
                    _high(facts.value("endDate")),
                    self.scope.start,
                    self.scope.end,
                )
                if person == self.suspect or during is False or person is None:
                    continue
                claim = facts.claim("person")
                if claim is not None:
                    yield self._claim(
                        claim,
                        "co_actor",
                        f"{self.read.caption(person)} was a fellow member of {self.read.caption(org)} "
                        f"({facts.value('title') or 'post'})",
                        2,
                    )

    def violations(self) -> Iterator[Candidate]:
        crime = self.allegation.crime.code
        count = 0
        for facts in _ordered(self.read.facts(self.scope.violations)):
            act = facts.claim("act")
            if act is None or count >= _MAX_PER_KIND:
                continue
            prop = self.read.model.schemas["Violation"].properties["act"]
            term = prop.vocabulary.terms.get(act.value) if prop.vocabulary else None
            if term is None or crime not in (term.extra.get("crimes") or []):  # type: ignore[operator]
                continue
            count += 1
            direct = facts.id in self.allegation.violations
            yield self._claim(
                act,
                "violation",
                f"a recorded {term.label.lower()} {'named in' if direct else 'within'} the allegation; "
                f"the act can establish {crime}",
                2,
            )

    def patterns(self) -> Iterator[Candidate]:
        for facts in _ordered(self.read.facts(self.scope.all_events)):
            kind = facts.claim("kind")
            if kind is None or kind.value not in _PATTERN_KINDS:
                continue
            recorded = len(self.read.referring(facts.id, "event", "Violation"))
            parts = len(self.read.referring(facts.id, "partOf", "Event"))
            context = facts.id in self.scope.context
            yield self._claim(
                kind,
                "pattern",
                f"a {self.read.display(kind).lower()} "
                f"{'the events are part of' if context else 'in the allegation'}"
                f" ({recorded} violation(s) and {parts} event(s) recorded under it)",
                1 if context else 2,
            )

    def segments(self) -> Iterator[Candidate]:
        for ref in segments.naming(self.read, self.suspect):
            if ref.text is None:
                continue
            view = self.describe.segment(ref.id)
            yield Candidate(
                "segment",
                ref.id,
                "segment",
                ref.text,
                "a testimony segment naming the suspect",
                3,
                view.provenance,
                view.origins,
            )
        scoped = [*self.scope.all_events, *self.scope.violations[:_MAX_PER_KIND]]
        for claim in self.read.with_locator_segment(scoped):
            segment = claim.locator.segment if claim.locator else None
            cited = self.describe.segment(segment) if segment else None
            if cited is None or not cited.usable:
                continue
            view = cited
            yield Candidate(
                "segment",
                view.target,
                "segment",
                view.statement or "",
                f"a testimony segment cited for {self.describe.sentence(claim.entity_id)}",
                2,
                view.provenance,
                view.origins,
            )

    def documents(self, found: list[Candidate]) -> Iterator[Candidate]:
        cited: dict[str, str] = {}
        for candidate in found:
            if candidate.kind != "claim":
                continue
            state = self.read.claim_state(candidate.target)
            claim = state.claim if state else None
            if claim is not None and claim.evidence_id and claim.evidence_id not in cited:
                cited[claim.evidence_id] = f"cited as evidence for: {self.describe.sentence(claim.entity_id)}"
        for hit in self._named_in_items():
            cited.setdefault(hit, "its title or description names the suspect")
        for item, why in sorted(cited.items()):
            view = self.describe.item(item)
            if view.usable:
                yield Candidate(
                    "item", item, "document", view.statement or item, why, 2, view.provenance, view.origins
                )

    def _named_in_items(self) -> list[str]:
        suspect = self.read.fact(self.suspect)
        names = suspect.values("name") if suspect else []
        hits: list[str] = []
        for name in names[:3]:
            hits += [
                h.entity_id
                for h in search(
                    self.read.conn, name, self.read.reader, schema="EvidenceItem", redact=self.read.red
                )
            ]
        return sorted(set(hits))

    def _target(self, facts: Facts) -> str:
        target = facts.value("violation") or facts.value("event")
        return f"“{self.read.caption(target)}”" if target else "the events"


def _ordered(facts: dict[str, Facts]) -> list[Facts]:
    return [facts[k] for k in sorted(facts)]


def _low(value: str | None) -> str | None:
    from dadkhah.law._claims import date_bounds

    return date_bounds([value])[0] if value else None


def _high(value: str | None) -> str | None:
    from dadkhah.law._claims import date_bounds

    return date_bounds([value])[1] if value else None


__all__ = ["Candidate", "Finder", "Suggestion", "hints", "kinds_for", "rank"]
