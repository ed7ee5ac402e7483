"""The append-only Merkle tree of the custody log, over a small storage interface.

The tree stores each leaf (its bytes, its hash, when it was recorded) and the hash of every
*complete* subtree, keyed by ``(level, index)``: level 0 are the leaf hashes, and node
``(level, index)`` covers leaves ``[index·2^level, (index+1)·2^level)``. Complete subtrees never
change once formed, so the store is append-only, and any past tree size is served from the same
rows. Appending leaf ``n`` forms one new node per trailing one bit of ``n`` (amortised one, at most
log n); a root or a proof reads O(log n) stored hashes, in one batch.

A SQL store is a direct mapping: ``log_leaves(idx, leaf_hash, data, recorded_at)`` holds level 0
and the leaves, ``log_nodes(level, idx, hash)`` the levels above; primary keys on ``idx`` and
``(level, idx)`` make two concurrent appends of the same index collide instead of forking the log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import NamedTuple, Protocol

from dadkhah.errors import Conflict, InputError, IntegrityError, NotFound
from dadkhah.log.checkpoint import Checkpoint
from dadkhah.log.merkle import (
    NodeID,
    Plan,
    consistency_plan,
    inclusion_plan,
    leaf_hash,
    node_hash,
    peaks,
    plan_nodes,
    resolve_plan,
    root_from_peaks,
)


class LeafRecord(NamedTuple):  # a tuple: appends make one per leaf, and tuples are cheap
    """One stored leaf: its position, hash, bytes and the time it was appended.

    Fields are named as the columns of ``log_leaves`` (``idx`` also spares tuple's ``index``).
    """

    idx: int
    leaf_hash: bytes
    data: bytes
    recorded_at: datetime


class NodeRecord(NamedTuple):
    """The hash of complete subtree ``(level, idx)``."""

    level: int
    idx: int
    hash: bytes


class NodeStore(Protocol):
    """Where a ``MerkleTree`` keeps its leaves and complete-subtree hashes."""

    def leaf_count(self) -> int:
        """How many leaves are stored."""
        ...

    def begin_append(self) -> int:
        """Take the right to append (a database locks out other writers until the transaction
        ends) and return ``leaf_count()``."""
        ...

    def get_hashes(self, nodes: Sequence[NodeID]) -> list[bytes]:
        """The hashes of complete subtrees ``(level, index)``; level 0 are leaf hashes.

        Raises ``IntegrityError`` for a node that should exist and does not.
        """
        ...

    def get_leaves(self, start: int, stop: int) -> Iterator[LeafRecord]:
        """Leaves ``start`` to ``stop - 1``, in order."""
        ...

    def get_leaf_data(self, start: int, stop: int) -> Iterator[bytes]:
        """The bytes of leaves ``start`` to ``stop - 1``, in order (what verification reads)."""
        ...

    def put(self, leaf: LeafRecord, nodes: Sequence[NodeRecord]) -> None:
        """Store leaf number ``leaf_count()`` and the subtrees it completes, all or nothing.

        Raises ``Conflict`` if ``leaf.idx`` is already taken (another writer appended first).
        """
        ...

    def put_many(self, leaves: Sequence[LeafRecord], nodes: Sequence[NodeRecord]) -> None:
        """Store consecutive leaves from number ``leaf_count()`` on and the subtrees they complete
        (nodes in the order they are formed), all or nothing; ``Conflict`` as for ``put``."""
        ...


class MemoryNodeStore:
    """A ``NodeStore`` in lists: one list of hashes per level, plus the leaves."""

    def __init__(self) -> None:
        self._levels: list[list[bytes]] = [[]]
        self._data: list[bytes] = []
        self._times: list[datetime] = []

    def leaf_count(self) -> int:
        return len(self._data)

    def begin_append(self) -> int:
        return len(self._data)

    def get_hashes(self, nodes: Sequence[NodeID]) -> list[bytes]:
        out = []
        for level, index in nodes:
            try:
                out.append(self._levels[level][index])
            except IndexError:
                raise IntegrityError(f"the log store has no hash for node ({level}, {index})") from None
        return out

    def get_leaves(self, start: int, stop: int) -> Iterator[LeafRecord]:
        for i in range(start, min(stop, len(self._data))):
            yield LeafRecord(i, self._levels[0][i], self._data[i], self._times[i])

    def get_leaf_data(self, start: int, stop: int) -> Iterator[bytes]:
        return iter(self._data[start:stop])

    def put(self, leaf: LeafRecord, nodes: Sequence[NodeRecord]) -> None:
        self.put_many([leaf], nodes)

    def put_many(self, leaves: Sequence[LeafRecord], nodes: Sequence[NodeRecord]) -> None:
        levels = self._levels
        for k, leaf in enumerate(leaves):  # check all first: all or nothing
            if leaf.idx != len(self._data) + k:
                raise Conflict(f"leaf {leaf.idx} cannot be appended: the log has {len(self._data)} leaves")
        sizes = [len(level) for level in levels]
        for level, index, _ in nodes:
            if level == len(sizes):
                sizes.append(0)
            if index != sizes[level]:
                raise Conflict(f"node ({level}, {index}) is out of order")
            sizes[level] += 1
        for leaf in leaves:
            self._data.append(leaf.data)
            self._times.append(leaf.recorded_at)
            levels[0].append(leaf.leaf_hash)
        for level, _, digest in nodes:
            if level == len(levels):
                levels.append([])
            levels[level].append(digest)


class MerkleTree:
    """An append-only RFC 9162 Merkle tree over a ``NodeStore``."""

    def __init__(self, store: NodeStore) -> None:
        self.store = store

    @property
    def size(self) -> int:
        return self.store.leaf_count()

    def append(self, data: bytes, *, recorded_at: datetime | None = None) -> LeafRecord:
        """Append one leaf; returns its record (with its index). O(log n) reads and writes."""
        store = self.store
        n = store.begin_append()
        digest = h = hashlib.sha256(b"\x00" + data).digest()  # leaf_hash(), inlined: this is the hot path
        nodes = []
        if n & 1:  # each trailing one bit of n is a complete subtree this leaf now pairs with
            ones = (~n & (n + 1)).bit_length() - 1
            lefts = store.get_hashes([(level, (n >> level) - 1) for level in range(ones)])
            for level, left in enumerate(lefts, start=1):
                h = hashlib.sha256(b"\x01" + left + h).digest()
                nodes.append(NodeRecord(level, n >> level, h))
        if recorded_at is None:
            recorded_at = datetime.now(UTC)
        elif recorded_at.utcoffset() is None:
            raise InputError("the time a leaf is recorded must be timezone-aware", field="recorded_at")
        leaf = LeafRecord(n, digest, data, recorded_at)
        store.put(leaf, nodes)
        return leaf

    def append_many(self, items: Sequence[bytes], *, recorded_at: datetime | None = None) -> list[LeafRecord]:
        """Append leaves in order, all or nothing; returns their records.

        One read of the tree's right edge (its peaks) and one write of all the leaves and the
        subtrees they complete, however many leaves: the same rows as appending them one by one.
        """
        if recorded_at is None:
            recorded_at = datetime.now(UTC)
        elif recorded_at.utcoffset() is None:
            raise InputError("the time a leaf is recorded must be timezone-aware", field="recorded_at")
        store = self.store
        n = store.begin_append()
        if not items:
            return []
        tops = peaks(n)
        stack = store.get_hashes(tops) if tops else []  # the complete subtrees, left first
        sha256 = hashlib.sha256
        leaves: list[LeafRecord] = []
        nodes: list[NodeRecord] = []
        for i, data in enumerate(items, start=n):
            h = sha256(b"\x00" + data).digest()
            leaves.append(LeafRecord(i, h, data, recorded_at))
            j, level = i, 0
            while j & 1:  # each trailing one bit of i: the peak this leaf's subtree now pairs with
                h = sha256(b"\x01" + stack.pop() + h).digest()
                j >>= 1
                level += 1
                nodes.append(NodeRecord(level, j, h))
            stack.append(h)
        store.put_many(leaves, nodes)
        return leaves

    def _size(self, size: int | None) -> int:
        current = self.store.leaf_count()
        if size is None:
            return current
        if not 0 <= size <= current:
            raise InputError(f"the log has {current} leaves; there is no tree of size {size}", field="size")
        return size

    def root(self, size: int | None = None) -> bytes:
        """The root hash of the first ``size`` leaves (default: all)."""
        return root_from_peaks(self.store.get_hashes(peaks(self._size(size))))

    def checkpoint(self, origin: str, size: int | None = None) -> Checkpoint:
        """The (unsigned) checkpoint of this tree at ``size``."""
        size = self._size(size)
        return Checkpoint(origin, size, self.root(size))

    def leaf(self, index: int) -> LeafRecord:
        n = self.store.leaf_count()
        if not 0 <= index < n:
            raise NotFound(f"there is no leaf {index}; the log has {n} leaves")
        found = next(self.store.get_leaves(index, index + 1), None)
        if found is None:
            raise IntegrityError(f"leaf {index} is missing from the log store")
        return found

    def leaves(self, start: int = 0, stop: int | None = None) -> Iterator[LeafRecord]:
        return self.store.get_leaves(start, self.store.leaf_count() if stop is None else stop)

    def leaf_data(self, start: int = 0, stop: int | None = None) -> Iterator[bytes]:
        """The leaves' bytes alone, in order: what ``verify_log`` needs, read as fast as the store can."""
        return self.store.get_leaf_data(start, self.store.leaf_count() if stop is None else stop)

    def recorded_hash(self, level: int, index: int) -> bytes:
        """The stored hash of complete subtree ``(level, index)``."""
        return self.store.get_hashes([(level, index)])[0]

    def _resolve(self, plan: Plan) -> list[bytes]:
        ids = plan_nodes(plan)
        found = dict(zip(ids, self.store.get_hashes(ids), strict=True))
        return resolve_plan(plan, lambda level, index: found[(level, index)])

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """The proof that leaf ``index`` is in the tree of ``size`` leaves (default: all)."""
        size = self._size(size)
        if not 0 <= index < size:
            raise NotFound(f"there is no leaf {index} in a tree of {size} leaves")
        return self._resolve(inclusion_plan(index, size))

    def consistency_proof(self, old_size: int, new_size: int | None = None) -> list[bytes]:
        """The proof that the tree of ``old_size`` leaves is a prefix of the one of ``new_size``."""
        new_size = self._size(new_size)
        if not 0 <= old_size <= new_size:
            raise InputError(f"the old size must be between 0 and {new_size}", field="old_size")
        return self._resolve(consistency_plan(old_size, new_size))

    def audit(self, batch: int = 4096) -> list[str]:
        """Recompute every stored hash from the leaf bytes; describe each one that differs.

        An empty list means the store is internally consistent. (Whether it matches what was
        *signed* is for ``verify`` to say, against checkpoints.)
        """
        problems: list[str] = []
        stack: list[bytes] = []
        pending: list[NodeRecord] = []

        def flush() -> None:
            ids = [(node.level, node.idx) for node in pending]
            for node, stored in zip(pending, self.store.get_hashes(ids), strict=True):
                if stored != node.hash:
                    problems.append(f"node ({node.level}, {node.idx}): stored hash differs from the leaves")
            pending.clear()

        for leaf in self.leaves():
            digest = leaf_hash(leaf.data)
            if leaf.leaf_hash != digest:
                problems.append(f"leaf {leaf.idx}: its bytes do not hash to its stored leaf hash")
            h, n = digest, leaf.idx
            level = 0
            while n & 1:
                level += 1
                h = node_hash(stack.pop(), h)
                n >>= 1
                pending.append(NodeRecord(level, n, h))
            stack.append(h)
            if len(pending) >= batch:
                flush()
        flush()
        return problems


__all__ = ["LeafRecord", "MemoryNodeStore", "MerkleTree", "NodeRecord", "NodeStore"]
