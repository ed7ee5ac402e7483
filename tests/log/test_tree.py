from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dadkhah.errors import Conflict, InputError, NotFound
from dadkhah.log.merkle import (
    EMPTY_ROOT,
    NodeID,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    list_subtree,
    tree_hash,
    verify_consistency,
    verify_inclusion,
)
from dadkhah.log.tree import LeafRecord, MemoryNodeStore, MerkleTree

FIXTURE = json.loads(Path("/work/shared/fixtures/merkle-vectors.json").read_text())
CT = json.loads((Path(__file__).parent / "ct_vectors.json").read_text())


class CountingStore(MemoryNodeStore):
    """Counts stored hashes read, to check the O(log n) claims without timing anything."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get_hashes(self, nodes: Sequence[NodeID]) -> list[bytes]:
        self.reads += len(nodes)
        return super().get_hashes(nodes)


def build(n: int, store: MemoryNodeStore | None = None) -> MerkleTree:
    tree = MerkleTree(store or MemoryNodeStore())
    for i in range(n):
        tree.append(f"event {i}".encode())
    return tree


def test_standard_leaves_give_the_published_roots_and_ct_proofs() -> None:
    tree = MerkleTree(MemoryNodeStore())
    assert tree.root() == EMPTY_ROOT
    for data in (bytes.fromhex(h) for h in FIXTURE["leaves_hex"]):
        tree.append(data)
        assert tree.root().hex() == FIXTURE["roots_hex"][str(tree.size)]
    for n, root in FIXTURE["roots_hex"].items():  # every past size is still served
        assert tree.root(int(n)).hex() == root
    for v in CT["inclusion"]:
        assert [p.hex() for p in tree.inclusion_proof(v["index"], v["size"])] == v["proof"]
    for v in CT["consistency"]:
        assert [p.hex() for p in tree.consistency_proof(v["old"], v["new"])] == v["proof"]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 150), data=st.data())
def test_proofs_at_any_past_size_equal_the_reference_and_verify(n: int, data: st.DataObject) -> None:
    tree = build(n)
    digests = [leaf_hash(f"event {i}".encode()) for i in range(n)]
    size = data.draw(st.integers(1, n), label="size")
    index = data.draw(st.integers(0, size - 1), label="index")
    old = data.draw(st.integers(0, size), label="old")
    assert tree.root(size) == tree_hash(f"event {i}".encode() for i in range(size))
    proof = tree.inclusion_proof(index, size)
    assert proof == inclusion_proof(index, size, list_subtree(digests))
    verify_inclusion(index, size, digests[index], proof, tree.root(size))
    cproof = tree.consistency_proof(old, size)
    assert cproof == consistency_proof(old, size, list_subtree(digests))
    verify_consistency(old, size, cproof, tree.root(old), tree.root(size))


def test_appends_roots_and_proofs_read_log_n_hashes() -> None:
    store = CountingStore()
    tree = MerkleTree(store)
    worst_append = 0
    for i in range(5000):
        before = store.reads
        tree.append(b"%d" % i)
        worst_append = max(worst_append, store.reads - before)
    assert store.reads < 5000  # amortised: fewer than one read per append
    n = tree.size
    log_n = math.ceil(math.log2(n))
    assert worst_append <= log_n
    for index in (0, 1, 2047, 2048, 4095, 4999):
        for size in (n, 4097, 3000):
            if index < size:
                store.reads = 0
                proof = tree.inclusion_proof(index, size)
                assert store.reads <= 2 * log_n and len(proof) <= log_n
    for old in (1, 1000, 2048, 4999):
        store.reads = 0
        tree.consistency_proof(old)
        assert store.reads <= 2 * log_n + 1
    store.reads = 0
    tree.root()
    assert store.reads == bin(n).count("1")  # one per peak


def test_leaves_are_kept_with_their_hash_and_time() -> None:
    tree = MerkleTree(MemoryNodeStore())
    at = datetime(2024, 3, 1, tzinfo=UTC)
    rec = tree.append(b"first", recorded_at=at)
    tree.append(b"second")
    assert rec == LeafRecord(0, leaf_hash(b"first"), b"first", at)
    assert tree.leaf(1).data == b"second"
    assert tree.leaf(1).recorded_at.tzinfo is UTC
    assert [r.data for r in tree.leaves(1)] == [b"second"]
    with pytest.raises(NotFound, match="no leaf 2; the log has 2 leaves"):
        tree.leaf(2)
    with pytest.raises(NotFound):
        tree.inclusion_proof(2)
    with pytest.raises(InputError, match="no tree of size 3"):
        tree.root(3)
    with pytest.raises(InputError, match="field 'old_size'"):
        tree.consistency_proof(3)


def test_a_racing_writer_makes_the_second_append_conflict_not_fork() -> None:
    class RacingStore(MemoryNodeStore):
        """Lets another writer append between our read of the tree and our write."""

        raced = False

        def get_hashes(self, nodes: Sequence[NodeID]) -> list[bytes]:
            out = super().get_hashes(nodes)
            if not self.raced:
                self.raced = True
                MerkleTree(self).append(b"the other writer")
            return out

    store = RacingStore()
    tree = MerkleTree(store)
    tree.append(b"zero")
    with pytest.raises(Conflict, match="leaf 1 cannot be appended: the log has 2 leaves"):
        tree.append(b"ours")
    assert [r.data for r in tree.leaves()] == [b"zero", b"the other writer"]
    assert tree.audit() == []


def test_audit_names_damaged_rows() -> None:
    store = MemoryNodeStore()
    tree = build(16, store)
    assert tree.audit(batch=3) == []
    store._data[5] = b"event 5!"  # the leaf bytes change under the stored leaf hash
    store._levels[2][3] = bytes(32)  # and one interior node is overwritten
    assert tree.audit(batch=3) == [
        "leaf 5: its bytes do not hash to its stored leaf hash",
        "node (1, 2): stored hash differs from the leaves",
        "node (2, 1): stored hash differs from the leaves",
        "node (3, 0): stored hash differs from the leaves",  # in the order nodes complete
        "node (2, 3): stored hash differs from the leaves",
        "node (4, 0): stored hash differs from the leaves",
    ]


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(InputError, match="field 'recorded_at'"):
        MerkleTree(MemoryNodeStore()).append(b"x", recorded_at=datetime(2024, 3, 1))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6))
def test_runs_appended_at_once_store_what_single_appends_store(runs: list[int]) -> None:
    one, many = MerkleTree(MemoryNodeStore()), MerkleTree(MemoryNodeStore())
    at = datetime(2024, 3, 1, tzinfo=UTC)
    counter = 0
    for run in runs:
        data = [b"leaf %d" % (counter + k) for k in range(run)]
        counter += run
        singles = [one.append(d, recorded_at=at) for d in data]
        assert many.append_many(data, recorded_at=at) == singles
    assert many.store._levels == one.store._levels  # type: ignore[attr-defined]  # every node, in order
    assert many.root() == tree_hash([b"leaf %d" % i for i in range(counter)])
    assert many.audit() == []


def test_a_run_that_collides_with_another_writer_stores_none_of_its_leaves() -> None:
    store = MemoryNodeStore()
    tree = MerkleTree(store)
    tree.append_many([b"a", b"b", b"c"])
    late = LeafRecord(2, leaf_hash(b"x"), b"x", datetime.now(UTC))
    with pytest.raises(Conflict):
        store.put_many([late, LeafRecord(3, leaf_hash(b"y"), b"y", late.recorded_at)], [])
    assert [r.data for r in tree.leaves()] == [b"a", b"b", b"c"]
