"""Clusters from scored pairs, honouring reviewers' decisions; pairwise accuracy against truth."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from dadkhah.disjoint import DisjointSets


@dataclass(frozen=True)
class Accuracy:
    """Pairwise precision, recall and F1 of predicted clusters against true clusters."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


# Two records of one list join a cluster through other lists' records only if their own pair
# says they are more likely one person than two. (Requiring the clustering threshold instead
# loses the duplicates a list's own clerk wrote differently, which other lists' records bridge.)
SAME_LIST_FLOOR = 0.5


def cluster_pairs(
    n: int,
    left: ArrayLike,
    right: ArrayLike,
    probability: ArrayLike,
    threshold: float,
    cannot_link: Iterable[tuple[int, int]] = (),
    sources: ArrayLike | None = None,
    same: Iterable[tuple[int, int]] = (),
) -> np.ndarray:
    """Cluster records ``0..n-1``; return each record's cluster number (0-based, by first member).

    Pairs at or above ``threshold`` are merged, strongest first. A pair in ``cannot_link`` (a
    reviewer said "different") never ends up in one cluster: a merge that would join them is
    skipped, however strong. A reviewer's "same" is passed as a pair with probability 1.

    ``sources`` (the list of each record), when records come from more than one list: a list
    names each person about once, so two records of one list may share a cluster only when
    their own pair holds them more likely one person than two (p ≥ :data:`SAME_LIST_FLOOR`,
    or decided "same"), never on a chain of records of other lists alone. Namesakes are
    common (hundreds of Mohammad Hosseinis): a chain such as list A's Mohammad Hosseini 1 —
    list B's Mohammad Hosseini — list A's Mohammad Hosseini 2 would otherwise merge two people
    whose own records tell them apart.
    Pairs in ``same`` (a reviewer's "same", also passed as a pair with probability 1) are
    merged first and are not held back by the lists: a reviewer has looked at them.
    """
    forbidden: dict[int, set[int]] = {}
    for a, b in cannot_link:
        forbidden.setdefault(a, set()).add(b)
        forbidden.setdefault(b, set()).add(a)
    p = np.asarray(probability, dtype=float)
    lefts, rights = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    lists = None if sources is None else pd.factorize(np.asarray(sources, dtype=object))[0]
    if lists is not None and (len(lists) != n or int(lists.max(initial=0)) == 0):
        lists = None  # one list: deduplication, where chains are the way duplicates meet
    if not forbidden and lists is None:
        keep = p >= threshold
        graph = coo_matrix((np.ones(int(keep.sum())), (lefts[keep], rights[keep])), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        return _number_by_first_member(labels)
    sets = DisjointSets(n)
    constrained: dict[int, set[int]] = {x: {x} for x in forbidden}  # root → constrained members
    members_of: dict[int, list[int]] = {}
    direct: set[tuple[int, int]] = set()  # pairs of one list that their own evidence allows
    if lists is not None:
        strong = (p >= min(threshold, SAME_LIST_FLOOR)) & (lists[lefts] == lists[rights])
        pairs = zip(lefts[strong].tolist(), rights[strong].tolist(), strict=True)
        direct = {(min(a, b), max(a, b)) for a, b in pairs}
    order = np.argsort(-p, kind="stable")
    steps = [(int(a), int(b), True) for a, b in same]
    steps += [(int(lefts[k]), int(rights[k]), False) for k in order[: int((p >= threshold).sum())]]
    for x, y, reviewed in steps:
        ra, rb = sets.find(x), sets.find(y)
        if ra == rb:
            continue
        if ra in constrained and rb in constrained:
            rb_members = set(members_of.get(rb, [rb]))
            if any(f in rb_members for m in constrained[ra] for f in forbidden[m]):
                continue
        if (
            lists is not None
            and not reviewed
            and not _lists_allow(members_of.get(ra, [ra]), members_of.get(rb, [rb]), lists, direct)
        ):
            continue
        kept, joined = sets.link(ra, rb)
        members_of.setdefault(kept, [kept]).extend(members_of.pop(joined, [joined]))
        if joined in constrained:
            constrained.setdefault(kept, set()).update(constrained.pop(joined))
    return _number_by_first_member(np.array(sets.roots()))


def _lists_allow(a: list[int], b: list[int], lists: np.ndarray, direct: set[tuple[int, int]]) -> bool:
    """Whether clusters ``a`` and ``b`` may merge: every two of their records from one list
    are joined directly."""
    in_b: dict[int, list[int]] = {}
    for y in b:
        in_b.setdefault(int(lists[y]), []).append(y)
    return all((min(x, y), max(x, y)) in direct for x in a for y in in_b.get(int(lists[x]), ()))


def _number_by_first_member(labels: np.ndarray) -> np.ndarray:
    """Renumber clusters 0, 1, 2, ... in the order of their first record."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse]


def pair_count(sizes: pd.Series) -> int:
    s = sizes.to_numpy(dtype=np.int64)
    return int((s * (s - 1) // 2).sum())


def pairwise_accuracy(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> Accuracy:
    """Pairwise precision, recall and F1 of a clustering (one label per record) against truth."""
    frame = pd.DataFrame({"p": list(predicted), "t": list(truth)})
    predicted_pairs = pair_count(frame.groupby("p").size())
    true_pairs = pair_count(frame.groupby("t").size())
    correct = pair_count(frame.groupby(["p", "t"]).size())
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Accuracy(precision, recall, f1, true_pairs, predicted_pairs, correct)


def capture_histories(clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per person (cluster), one 0/1 column ``in_<source>`` per list: the capture
    histories multiple systems estimation takes (statistics.md §1.4)."""
    flags = pd.crosstab(clusters["cluster_id"], clusters["source"]).clip(upper=1).astype("int8")
    flags.columns = [f"in_{c}" for c in flags.columns]
    return flags.reset_index()
