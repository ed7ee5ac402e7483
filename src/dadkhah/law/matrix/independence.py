"""Counting independent sources: items of evidence that share an origin are one source.

Each item of evidence has a set of origins (a witness, a Source entity, an original evidence item;
see ``evidence``). Two items *depend* on each other when their origin sets intersect, and dependence
is taken as transitive: if A shares a Source with B and B shares a document with C, the three are
one source. The independent sources behind an element are the connected groups of this relation.
Transitivity can only merge groups, so the count errs towards fewer sources, never more.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

from dadkhah.disjoint import DisjointSets

K = TypeVar("K", bound=Hashable)


def groups(items: Sequence[tuple[K, Iterable[str]]]) -> list[list[K]]:
    """Partition ``items`` (key, origins) into groups that share origins, transitively.

    Keys keep their input order inside a group, and groups are ordered by their first key. An item
    with no origins at all is its own group.
    """
    sets = DisjointSets(len(items))
    owner: dict[str, int] = {}
    for index, (_, origins) in enumerate(items):
        for origin in origins:
            sets.union(owner.setdefault(origin, index), index)
    out: dict[int, list[K]] = {}
    for index, (key, _) in enumerate(items):
        out.setdefault(sets.find(index), []).append(key)
    return [out[root] for root in sorted(out)]


__all__ = ["groups"]
