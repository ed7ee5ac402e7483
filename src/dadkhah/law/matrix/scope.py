"""The scope of an allegation in the case data: its events, the patterns they belong to, its violations.

* ``events``: the allegation's events and, recursively, the events recorded as part of them;
* ``context``: the events those are part of (campaigns, patterns), upwards;
* ``violations``: the allegation's violations and every violation recorded under one of ``events``;
* ``start``/``end``: the span of the dates recorded on all of these (ISO days), when any are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dadkhah.law._claims import CaseRead, date_bounds
from dadkhah.law.matrix.allegations import Allegation

_MAX_DEPTH = 6


@dataclass(frozen=True)
class Scope:
    events: tuple[str, ...]
    context: tuple[str, ...]
    violations: tuple[str, ...]
    start: str | None
    end: str | None

    @property
    def all_events(self) -> tuple[str, ...]:
        return self.events + self.context


def scope_of(read: CaseRead, allegation: Allegation) -> Scope:
    events = _down(read, allegation.events)
    violations = set(allegation.violations)
    for event in events:
        violations.update(read.referring(event, "event", "Violation"))
    # Events of violations named directly (without their event) are context, not scope.
    upward = set(events)
    for facts in read.facts(violations).values():
        upward.update(facts.values("event"))
    context = _up(read, upward) - set(events)
    dated = read.facts([*events, *violations])
    values = [
        value
        for facts in dated.values()
        for prop in ("startDate", "endDate", "date")
        for value in facts.values(prop)
    ]
    start, end = date_bounds(values)
    return Scope(tuple(sorted(events)), tuple(sorted(context)), tuple(sorted(violations)), start, end)


def _down(read: CaseRead, roots: Iterable[str]) -> set[str]:
    found, frontier = set(roots), set(roots)
    for _ in range(_MAX_DEPTH):
        children = {child for event in frontier for child in read.referring(event, "partOf", "Event")}
        frontier = children - found
        if not frontier:
            break
        found |= frontier
    return found


def _up(read: CaseRead, starts: Iterable[str]) -> set[str]:
    found, frontier = set(starts), set(starts)
    for _ in range(_MAX_DEPTH):
        parents = {p for facts in read.facts(frontier).values() for p in facts.values("partOf")}
        frontier = parents - found
        if not frontier:
            break
        found |= frontier
    return found


def overlaps(start: str | None, end: str | None, lo: str | None, hi: str | None) -> bool | None:
    """Whether [start, end] and [lo, hi] (ISO days) can overlap; ``None`` when a bound is unknown."""
    if (start is None and end is None) or (lo is None and hi is None):
        return None
    return (start or "0000") <= (hi or "9999") and (lo or "0000") <= (end or "9999")


__all__ = ["Scope", "overlaps", "scope_of"]
