"""RFC 9162 §2.1 Merkle tree hashing, and inclusion and consistency proofs.

Leaves hash as ``SHA-256(0x00 ‖ data)``, interior nodes as ``SHA-256(0x01 ‖ left ‖ right)``; the
tree over ``n`` leaves splits at the largest power of two below ``n`` (RFC 9162 §2.1.1).

This module needs only the standard library, on purpose: the standalone verifier shipped in an
exported bag carries a copy of it. Its one non-standard import, ``dadkhah.errors``, is optional:
inside Dadkhah a failed proof is an ``IntegrityError``; in the copy it is a plain ``Exception``.

Proof *generation* works over any store of complete-subtree hashes (the ``Subtree`` callable:
``(level, index) -> hash`` of leaves ``[index·2^level, (index+1)·2^level)``). A proof is first
planned as the node IDs it needs — at most one per level, plus the peaks that make up a sibling cut
by the tree's right edge — so it costs O(log n) lookups whatever the store, in one batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dadkhah.errors import IntegrityError as _Base
else:
    try:
        from dadkhah.errors import IntegrityError as _Base
    except ImportError:  # the standalone verifier's copy of this file
        _Base = Exception

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The Merkle tree hash of zero leaves: SHA-256 of the empty string (RFC 9162 §2.1.1)."""

Subtree = Callable[[int, int], bytes]
"""Hash of the complete subtree at ``(level, index)``; level 0 is the leaf hashes."""


class ProofError(_Base):
    """A proof, root or tree size does not verify; the message says which and how."""


def leaf_hash(data: bytes) -> bytes:
    """``SHA-256(0x00 ‖ data)``."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 ‖ left ‖ right)``."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def peaks(size: int) -> list[tuple[int, int]]:
    """The complete subtrees ``(level, index)`` that make up a tree of ``size`` leaves, left first.

    They are the set bits of ``size``, highest first; the root is their fold from the right.
    """
    out: list[tuple[int, int]] = []
    start = 0
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            out.append((level, start >> level))
            start += 1 << level
    return out


def root_from_peaks(hashes: Sequence[bytes]) -> bytes:
    """Fold peak hashes (left first) into the tree root: the rightmost pair joins first."""
    if not hashes:
        return EMPTY_ROOT
    acc = hashes[-1]
    for h in reversed(hashes[:-1]):
        acc = node_hash(h, acc)
    return acc


class RootAccumulator:
    """Streaming tree hash: feed leaf hashes in order, read the root at any size.

    Keeps only the O(log n) peaks (a "compact range" starting at leaf 0).
    """

    __slots__ = ("_peaks", "size")

    def __init__(self) -> None:
        self._peaks: list[bytes] = []
        self.size = 0

    def add(self, leaf_digest: bytes) -> None:
        h = leaf_digest
        n = self.size
        while n & 1:  # each trailing one bit of the old size closes a complete subtree
            h = hashlib.sha256(b"\x01" + self._peaks.pop() + h).digest()  # node_hash(), inlined
            n >>= 1
        self._peaks.append(h)
        self.size += 1

    def root(self) -> bytes:
        return root_from_peaks(self._peaks)


def tree_hash(leaves: Iterable[bytes]) -> bytes:
    """The Merkle tree hash MTH of the given leaf *data* (not hashes)."""
    acc = RootAccumulator()
    for data in leaves:
        acc.add(leaf_hash(data))
    return acc.root()


def tree_hash_from_leaf_hashes(digests: Iterable[bytes]) -> bytes:
    acc = RootAccumulator()
    for d in digests:
        acc.add(d)
    return acc.root()


# --- proof generation ----------------------------------------------------------------------------
#
# A proof is planned first as node IDs, then resolved against a store, so that a database can fetch
# every hash a proof needs in one query. Each proof element is the fold of one or more complete
# subtrees: one for a complete sibling, several for a sibling cut by the right edge of the tree.

NodeID = tuple[int, int]
"""``(level, index)`` of a complete subtree: leaves ``[index·2^level, (index+1)·2^level)``."""

Plan = list[tuple[NodeID, ...]]
"""Per proof element, the complete subtrees (left first) whose fold is that element."""


def _largest_pow2_below(n: int) -> int:
    """The largest power of two strictly less than ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def _range_nodes(start: int, end: int, size: int) -> tuple[NodeID, ...]:
    """The complete subtrees covering ``[start, end)`` in a tree of ``size`` leaves.

    Every range RFC 9162's PATH and SUBPROOF visit is either one complete, aligned subtree, or a
    suffix ``[start, size)`` starting at a peak boundary, made of the peaks right of ``start``.
    """
    width = end - start
    if width & (width - 1) == 0 and start % width == 0:
        return ((width.bit_length() - 1, start // width),)
    nodes = tuple((level, index) for level, index in peaks(size) if index << level >= start)
    if end != size or not nodes or nodes[0][1] << nodes[0][0] != start:
        raise AssertionError(f"range [{start}, {end}) is neither complete nor a right edge")
    return nodes


def inclusion_plan(index: int, size: int) -> Plan:
    """PATH(index, D[0:size]) of RFC 9162 §2.1.3.1 as node IDs, leaf-side element first."""
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is outside a tree of {size} leaves")
    top_down: Plan = []
    start, end = 0, size
    while end - start > 1:
        k = _largest_pow2_below(end - start)
        if index < start + k:
            top_down.append(_range_nodes(start + k, end, size))
            end = start + k
        else:
            top_down.append(_range_nodes(start, start + k, size))
            start += k
    return top_down[::-1]


def consistency_plan(old_size: int, new_size: int) -> Plan:
    """PROOF(old_size, D[0:new_size]) of RFC 9162 §2.1.4.1 as node IDs; empty for equal or 0 sizes."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"no consistency proof from size {old_size} to size {new_size}")
    if old_size in (0, new_size):
        return []
    top_down: Plan = []
    start, end, whole = 0, new_size, True  # `whole`: the old tree is still the left part of D[start:end]
    while end != old_size:
        k = _largest_pow2_below(end - start)
        if old_size - start <= k:
            top_down.append(_range_nodes(start + k, end, new_size))
            end = start + k
        else:
            top_down.append(_range_nodes(start, start + k, new_size))
            start += k
            whole = False
    if not whole:
        top_down.append(_range_nodes(start, end, new_size))
    return top_down[::-1]


def plan_nodes(plan: Plan) -> list[NodeID]:
    """Every distinct node a plan needs, in first-use order (what to fetch from a store)."""
    return list(dict.fromkeys(node for element in plan for node in element))


def resolve_plan(plan: Plan, subtree: Subtree) -> list[bytes]:
    """The proof hashes of a plan, given the complete-subtree hashes."""
    return [root_from_peaks([subtree(level, index) for level, index in element]) for element in plan]


def inclusion_proof(index: int, size: int, subtree: Subtree) -> list[bytes]:
    """The RFC 9162 inclusion proof for leaf ``index`` in a tree of ``size`` leaves."""
    return resolve_plan(inclusion_plan(index, size), subtree)


def consistency_proof(old_size: int, new_size: int, subtree: Subtree) -> list[bytes]:
    """The RFC 9162 consistency proof from ``old_size`` to ``new_size``."""
    return resolve_plan(consistency_plan(old_size, new_size), subtree)


def list_subtree(digests: Sequence[bytes]) -> Subtree:
    """A ``Subtree`` over an in-memory list of leaf hashes (O(2^level) per call; for tests and tools)."""

    def subtree(level: int, index: int) -> bytes:
        start = index << level
        return tree_hash_from_leaf_hashes(digests[start : start + (1 << level)])

    return subtree


# --- proof verification (RFC 9162 §2.1.3.2 and §2.1.4.2) -----------------------------------------


def _check_hash(what: str, value: bytes) -> None:
    if len(value) != HASH_SIZE:
        raise ProofError(f"{what} is {len(value)} bytes long, not {HASH_SIZE}")


def inclusion_proof_length(index: int, size: int) -> int:
    """How many hashes PATH(index, D[0:size]) has: one per level below the split, one per left peak."""
    inner = (index ^ (size - 1)).bit_length()
    border = bin(index >> inner).count("1")
    return inner + border


def root_from_inclusion_proof(index: int, size: int, digest: bytes, proof: Sequence[bytes]) -> bytes:
    """The root that ``proof`` yields for leaf hash ``digest`` at ``index`` in a tree of ``size``."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside a tree of {size} leaves")
    _check_hash("the leaf hash", digest)
    want = inclusion_proof_length(index, size)
    if len(proof) != want:
        raise ProofError(
            f"inclusion proof for leaf {index} in a tree of {size} has {len(proof)} hashes; expected {want}"
        )
    for i, p in enumerate(proof):
        _check_hash(f"inclusion proof hash {i}", p)
    fn, sn, r = index, size - 1, digest
    for p in proof:
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:  # cannot happen once the length matched; kept as RFC 9162 step 5 says
        raise ProofError(f"inclusion proof for leaf {index} in a tree of {size} ends below the root")
    return r


def verify_inclusion(index: int, size: int, digest: bytes, proof: Sequence[bytes], root: bytes) -> None:
    """Raise ``ProofError`` unless ``proof`` shows leaf hash ``digest`` at ``index`` under ``root``."""
    _check_hash("the root hash", root)
    got = root_from_inclusion_proof(index, size, digest, proof)
    if got != root:
        raise ProofError(
            f"inclusion proof for leaf {index} in a tree of {size} leads to root {got.hex()}, "
            f"not the expected {root.hex()}"
        )


def consistency_proof_length(old_size: int, new_size: int) -> int:
    """How many hashes PROOF(old_size, D[0:new_size]) has (0 when a size is 0 or they are equal)."""
    if old_size in (0, new_size):
        return 0
    shift = (old_size & -old_size).bit_length() - 1  # complete subtrees below the old edge collapse
    index, size = (old_size - 1) >> shift, ((new_size - 1) >> shift) + 1
    seed = 0 if index == 0 else 1  # when old_size is a power of two its root is the seed, unsent
    return inclusion_proof_length(index, size) + seed


def verify_consistency(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> None:
    """Raise ``ProofError`` unless ``proof`` shows the tree ``old_root`` is a prefix of ``new_root``."""
    where = f"consistency proof from size {old_size} to size {new_size}"
    if not 0 <= old_size <= new_size:
        raise ProofError(f"{where}: a log cannot shrink")
    _check_hash("the old root hash", old_root)
    _check_hash("the new root hash", new_root)
    want = consistency_proof_length(old_size, new_size)
    if len(proof) != want:
        raise ProofError(f"{where} has {len(proof)} hashes; expected {want}")
    for i, p in enumerate(proof):
        _check_hash(f"consistency proof hash {i}", p)
    if old_size == 0 and old_root != EMPTY_ROOT:
        raise ProofError(f"{where}: the old root {old_root.hex()} is not the empty tree's root")
    if old_size == new_size:
        if old_root != new_root:
            raise ProofError(
                f"two different roots for the same size {old_size}: {old_root.hex()} and {new_root.hex()}"
            )
        return
    if old_size == 0:
        return  # the empty tree is a prefix of every tree
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError(f"{where} is longer than the tree is deep")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(f"{where} is shorter than the tree is deep")
    if fr != old_root:
        raise ProofError(f"{where} rebuilds old root {fr.hex()}, not the expected {old_root.hex()}")
    if sr != new_root:
        raise ProofError(f"{where} rebuilds new root {sr.hex()}, not the expected {new_root.hex()}")


__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "NodeID",
    "Plan",
    "ProofError",
    "RootAccumulator",
    "Subtree",
    "consistency_plan",
    "consistency_proof",
    "consistency_proof_length",
    "inclusion_plan",
    "inclusion_proof",
    "inclusion_proof_length",
    "leaf_hash",
    "list_subtree",
    "node_hash",
    "peaks",
    "plan_nodes",
    "resolve_plan",
    "root_from_inclusion_proof",
    "root_from_peaks",
    "tree_hash",
    "tree_hash_from_leaf_hashes",
    "verify_consistency",
    "verify_inclusion",
]
