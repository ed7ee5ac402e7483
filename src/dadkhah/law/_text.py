"""Small text helpers shared by the forum rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dadkhah.law.scenario import Conduct
from dadkhah.law.verdict import Reason, Tri


def span(conduct: Conduct) -> str:
    return str(conduct.start) if conduct.start == conduct.end else f"{conduct.start} to {conduct.end}"


def tri_word(value: Tri) -> str:
    return "" if value else "not " if value is False else "perhaps "


def known(values: Sequence[str] | None) -> str:
    return "is unknown" if values is None else f"is {', '.join(values) or 'none recorded'}"


def dedupe(reasons: Iterable[Reason]) -> list[Reason]:
    seen: set[Reason] = set()
    out: list[Reason] = []
    for reason in reasons:
        if reason not in seen:
            seen.add(reason)
            out.append(reason)
    return out
