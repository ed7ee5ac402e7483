"""Verdicts, reasons and the three-valued logic that combines them.

A rule's outcome is True (met), False (not met) or None (cannot tell: a fact is unknown, the law
is contested, or the data is unverified). Conditions that must all hold combine with ``all3``;
alternative routes combine with ``any3``. A condition that fails on unverified ([U]) data is
reported as unknown, never as a bar, so an unverified statement is never presented as fact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from dadkhah.law.schema import Confidence, Source

Tri = bool | None
Verdict = Literal["available", "barred", "uncertain"]
Effect = Literal["establishes", "bars", "requires", "contested", "unknown", "note"]
Stage = Literal["investigation", "trial"]

EFFECTS: tuple[Effect, ...] = ("establishes", "bars", "requires", "contested", "unknown", "note")


def all3(values: Iterable[Tri]) -> Tri:
    """Kleene conjunction: False if any is False, else None if any is None, else True."""
    out: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            out = None
    return out


def any3(values: Iterable[Tri]) -> Tri:
    """Kleene disjunction: True if any is True, else None if any is None, else False."""
    out: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            out = None
    return out


def effect_of(value: Tri, when_false: Effect) -> Effect:
    """The effect of a condition that was met (establishes), not met (``when_false``) or unknown."""
    return "establishes" if value is True else when_false if value is False else "unknown"


def verdict_of(value: Tri) -> Verdict:
    return "available" if value is True else "barred" if value is False else "uncertain"


@dataclass(frozen=True)
class Reason:
    """One rule applied to the facts: what it says, what it does to the verdict, and its authority."""

    rule: str
    effect: Effect
    text: str
    citation: str
    confidence: Confidence
    ref: str | None = None
    url: str | None = None
    stage: Stage | None = None

    @classmethod
    def of(cls, rule: str, effect: Effect, text: str, source: Source, **kw: Any) -> Reason:
        return cls(rule, effect, text, source.cite, source.conf, url=source.url, **kw)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Route:
    """An offence that could reach one crime in one item of conduct, and whether it does."""

    conduct: str
    crime: str
    offence: str
    status: Verdict
    recorded: bool = True  # False: an offence the data notes as left out (``unrecorded`` in its file)


@dataclass(frozen=True)
class ForumResult:
    forum: str
    name: str
    type: str
    verdict: Verdict
    reasons: tuple[Reason, ...]
    stages: dict[str, Verdict] = field(default_factory=dict)
    routes: tuple[Route, ...] = ()

    def decisive(self) -> list[Reason]:
        """The reasons that decide the verdict, and the routes that fell away on the way to it."""
        wanted: set[str] = {
            "barred": {"bars"},
            "uncertain": {"contested", "unknown", "bars"},
            "available": {"establishes", "bars", "requires"},
        }[self.verdict]
        return [r for r in self.reasons if r.effect in wanted]

    def to_dict(self) -> dict[str, Any]:
        return {
            "forum": self.forum,
            "name": self.name,
            "type": self.type,
            "verdict": self.verdict,
            "stages": dict(self.stages),
            "routes": [asdict(r) for r in self.routes],
            "reasons": [r.to_dict() for r in self.reasons],
        }


def failing(source: Source) -> Tri:
    """The outcome of a condition that the data says is not met: a bar unless the data is [U]."""
    return None if source.conf == "U" else False
