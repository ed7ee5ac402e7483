"""Disjoint sets against connected components computed the slow way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dadkhah.disjoint import DisjointSets


def _components(n: int, edges: list[tuple[int, int]]) -> list[int]:
    """Each node's smallest reachable node, by repeated relaxation."""
    label = list(range(n))
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            low = min(label[a], label[b])
            if label[a] != low or label[b] != low:
                label[a] = label[b] = low
                changed = True
    return label


@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=80)
        )
    )
)
def test_roots_are_the_smallest_member_of_each_connected_component(
    case: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = case
    sets = DisjointSets(n)
    for a, b in edges:
        before = (sets.find(a), sets.find(b))
        merged = sets.union(a, b)
        assert (merged is None) == (before[0] == before[1])
        if merged is not None:
            assert merged == (min(before), max(before))
    assert sets.roots() == _components(n, edges)
