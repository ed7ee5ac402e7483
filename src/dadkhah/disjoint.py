"""Disjoint sets (union–find): which of ``0..n-1`` have been joined, directly or through others.

Linkage clusters records with it, the law matrix groups evidence sharing an origin, the
estimator builds junction trees and the case file's map groups markers that would touch. The
smaller root is kept on every join, so each set's root is its smallest member.
"""

from __future__ import annotations


class DisjointSets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The root (smallest member) of ``i``'s set."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> tuple[int, int] | None:
        """Join the sets of ``a`` and ``b``: (root kept, root joined to it), or None if they were one."""
        ra, rb = self.find(a), self.find(b)
        return None if ra == rb else self.link(ra, rb)

    def link(self, ra: int, rb: int) -> tuple[int, int]:
        """Join two different roots (from ``find``): (root kept, root joined to it)."""
        kept, joined = min(ra, rb), max(ra, rb)
        self.parent[joined] = kept
        return kept, joined

    def roots(self) -> list[int]:
        """Each member's root, in member order."""
        return [self.find(i) for i in range(len(self.parent))]


__all__ = ["DisjointSets"]
