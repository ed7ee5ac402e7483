"""Decomposable (chordal) graphs on a few lists, with their cliques and separators.

Each graph is a model of list dependence: lists joined by an edge may depend on each other
directly. A graph is decomposable when every cycle of four or more lists has a chord; its
probability then factorises over cliques divided by separators (Dawid & Lauritzen 1993), which is
what gives the Madigan–York marginal likelihood its closed form.

Counts to check against (OEIS A058862, labelled chordal graphs): 8 on 3 lists, 61 on 4, 822 on 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

from dadkhah.disjoint import DisjointSets

Edge = tuple[int, int]


@dataclass(frozen=True)
class Graph:
    """A decomposable graph on ``n`` lists, stored as its cliques and junction-tree separators."""

    n: int
    edges: frozenset[Edge]
    cliques: tuple[frozenset[int], ...]
    separators: tuple[frozenset[int], ...]

    def label(self, names: tuple[str, ...]) -> str:
        """Cliques written with list names, e.g. ``[A,B][C]`` (lists in one bracket may interact)."""
        parts = ["[" + ",".join(names[v] for v in sorted(c)) + "]" for c in self.cliques]
        return "".join(sorted(parts))


def _mcs_order(n: int, adjacency: list[set[int]]) -> list[int]:
    """Maximum cardinality search: visit next the vertex with most visited neighbours."""
    weight = [0] * n
    visited: list[int] = []
    remaining = set(range(n))
    while remaining:
        v = max(sorted(remaining), key=lambda u: weight[u])
        remaining.remove(v)
        visited.append(v)
        for u in adjacency[v] & remaining:
            weight[u] += 1
    return visited


def _analyse(n: int, edges: frozenset[Edge]) -> Graph | None:
    adjacency: list[set[int]] = [set() for _ in range(n)]
    for i, j in edges:
        adjacency[i].add(j)
        adjacency[j].add(i)
    order = _mcs_order(n, adjacency)
    position = {v: k for k, v in enumerate(order)}
    candidates: list[frozenset[int]] = []
    for v in order:
        earlier = {u for u in adjacency[v] if position[u] < position[v]}
        # Tarjan & Yannakakis (1984): chordal iff earlier neighbours in MCS order are a clique.
        if any(b not in adjacency[a] for a, b in combinations(earlier, 2)):
            return None
        candidates.append(frozenset(earlier | {v}))
    cliques = [c for c in candidates if not any(c < other for other in candidates)]
    cliques = list(dict.fromkeys(cliques))
    return Graph(n, edges, tuple(cliques), _separators(cliques))


def _separators(cliques: list[frozenset[int]]) -> tuple[frozenset[int], ...]:
    """Separators of a junction tree: a maximum-weight spanning tree of the clique graph."""
    links = sorted(
        ((len(a & b), i, j) for (i, a), (j, b) in combinations(enumerate(cliques), 2)), reverse=True
    )
    sets = DisjointSets(len(cliques))
    separators: list[frozenset[int]] = []
    for _, i, j in links:
        if sets.union(i, j):
            separators.append(cliques[i] & cliques[j])
    return tuple(separators)


@cache
def decomposable_graphs(n: int) -> tuple[Graph, ...]:
    """Every decomposable graph on ``n`` lists (``n`` ≤ 6; 2^15 graphs are checked for 6)."""
    if not 1 <= n <= 6:
        raise ValueError("decomposable graphs are enumerated for 1 to 6 lists")
    pairs = list(combinations(range(n), 2))
    graphs: list[Graph] = []
    for mask in range(2 ** len(pairs)):
        edges = frozenset(p for k, p in enumerate(pairs) if mask >> k & 1)
        graph = _analyse(n, edges)
        if graph is not None:
            graphs.append(graph)
    return tuple(graphs)
