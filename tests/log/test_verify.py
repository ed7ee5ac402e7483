"""End-to-end verification of a custody log, as a recipient with only the public key would do it.

The log holds fictional custody events; every tampering below must be caught, and the error must
name the leaf, checkpoint or proof that failed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from dadkhah.errors import IntegrityError
from dadkhah.log.canonical import custody_event, encode_event
from dadkhah.log.checkpoint import sign_checkpoint
from dadkhah.log.merkle import leaf_hash
from dadkhah.log.note import NoteSigner
from dadkhah.log.tree import MemoryNodeStore, MerkleTree
from dadkhah.log.verify import verify_consistency, verify_inclusion, verify_leaves, verify_log

ORIGIN = "dadkhah.example/case/01HVTESTCASE"
SIGNER = NoteSigner(ORIGIN, Ed25519PrivateKey.from_private_bytes(bytes(range(32))))
KEY = SIGNER.verifier
SIZES = (5, 17, 40)  # checkpoints are signed at these sizes; the log then grows to 45
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def event(i: int) -> bytes:
    kinds = ("ingested", "opened", "derived", "verified", "exported")
    digest = leaf_hash(b"blob %d" % i).hex()  # stands in for the SHA-256 of a stored file
    return encode_event(
        custody_event(
            kinds[i % len(kinds)],
            at=T0 + timedelta(minutes=i),
            actor="user:01HVANALYST",
            subjects=[f"item:01HVITEM{i:08d}"],
            hashes={"sha256": digest},
        )
    )


def make_log() -> tuple[MemoryNodeStore, MerkleTree, list[str]]:
    store = MemoryNodeStore()
    tree = MerkleTree(store)
    notes = []
    for i in range(45):
        tree.append(event(i))
        if tree.size in SIZES:
            notes.append(sign_checkpoint(tree.checkpoint(ORIGIN), SIGNER))
    return store, tree, notes


STORE, TREE, NOTES = make_log()
LEAVES = [r.data for r in TREE.leaves()]


def test_an_intact_log_verifies() -> None:
    result = verify_log(LEAVES, NOTES, KEY, origin=ORIGIN, recorded=TREE.recorded_hash)
    assert result.leaf_count == 45
    assert [c.size for c in result.checkpoints] == list(SIZES)
    assert result.signed_size == 40  # the last 5 leaves await the next checkpoint
    assert verify_leaves(LEAVES, NOTES[-1], KEY).size == 40


def test_a_changed_leaf_is_named_with_the_recorded_tree() -> None:
    leaves = list(LEAVES)
    leaves[12] = leaves[12].replace(b"user:01HVANALYST", b"user:01HVIMPOSTR")
    with pytest.raises(IntegrityError) as info:
        verify_log(leaves, NOTES, KEY, recorded=TREE.recorded_hash)
    message = str(info.value)
    assert "2 integrity problem(s)" in message
    assert (
        "checkpoint 2 (size 17): the leaves do not reproduce its signed root; leaf 12 was altered" in message
    )
    assert (
        "checkpoint 3 (size 40): the leaves do not reproduce its signed root; leaf 12 was altered" in message
    )
    assert "checkpoint 1" not in message  # size 5 does not cover leaf 12


def test_without_the_recorded_tree_the_change_is_bounded_by_checkpoints() -> None:
    leaves = list(LEAVES)
    leaves[12] = leaves[12][:-1] + b" "
    with pytest.raises(IntegrityError) as info:
        verify_log(leaves, NOTES, KEY)
    message = str(info.value)
    assert "checkpoint 2 (size 17): the leaves do not reproduce its signed root; a leaf in 5..16" in message
    # Checkpoint 2 failed too, so only the first 5 leaves are known good.
    assert "checkpoint 3 (size 40): the leaves do not reproduce its signed root; a leaf in 5..39" in message


def test_a_leaf_rewritten_with_its_stored_hash_is_narrowed_to_its_pair() -> None:
    store, tree, notes = make_log()
    store._data[9] = store._data[9].replace(b"user:01HVANALYST", b"user:01HVIMPOSTR")
    store._levels[0][9] = leaf_hash(store._data[9])  # the forger also fixed the leaf hash column
    with pytest.raises(IntegrityError, match="a leaf in 8..9 was altered \\(the recorded tree is damaged"):
        verify_log([r.data for r in tree.leaves()], notes, KEY, recorded=tree.recorded_hash)


def test_removed_and_inserted_leaves_are_caught() -> None:
    with pytest.raises(IntegrityError, match="checkpoint 3 \\(size 40\\): the log has only 30 leaves"):
        verify_log(LEAVES[:30], NOTES, KEY)
    with pytest.raises(IntegrityError, match="checkpoint 2 \\(size 17\\)"):
        verify_log([*LEAVES[:10], event(99), *LEAVES[10:]], NOTES, KEY, recorded=TREE.recorded_hash)


def test_a_forked_log_signed_with_the_same_key_is_caught() -> None:
    fork = MerkleTree(MemoryNodeStore())
    for i in range(40):
        fork.append(event(i) if i != 20 else event(1000))
    forged = sign_checkpoint(fork.checkpoint(ORIGIN), SIGNER)
    with pytest.raises(
        IntegrityError, match="^1 integrity problem.*\n  today \\(size 40\\): the leaves do not"
    ):
        verify_log(LEAVES, {"yesterday": NOTES[1], "today": forged}, KEY, recorded=TREE.recorded_hash)


def test_a_signed_checkpoint_that_diverges_from_a_later_good_one_is_called_a_fork() -> None:
    fork = MerkleTree(MemoryNodeStore())
    for i in range(17):
        fork.append(event(i) if i != 3 else event(1003))
    forged = sign_checkpoint(fork.checkpoint(ORIGIN), SIGNER)
    with pytest.raises(IntegrityError) as info:
        verify_log(LEAVES, [NOTES[0], forged, NOTES[2]], KEY, recorded=TREE.recorded_hash)
    assert str(info.value) == (
        "1 integrity problem(s) in the custody log:\n  checkpoint 2 (size 17): the leaves do not reproduce "
        "its signed root, yet checkpoint 3 covers the same leaves and holds: two signed, diverging logs"
    )


def test_checkpoint_problems_are_named() -> None:
    other = NoteSigner(ORIGIN, Ed25519PrivateKey.from_private_bytes(bytes(32)))
    with pytest.raises(IntegrityError, match="checkpoint 2: no signature by a trusted key"):
        verify_log(LEAVES, [NOTES[0], sign_checkpoint(TREE.checkpoint(ORIGIN, 17), other)], KEY)
    with pytest.raises(IntegrityError, match="checkpoint 1: comes from log"):
        verify_log(LEAVES, NOTES[:1], KEY, origin="dadkhah.example/case/OTHER")


@settings(max_examples=60, deadline=None)
@given(index=st.integers(0, 39), data=st.data())
def test_any_single_byte_change_to_a_leaf_is_detected_and_named(index: int, data: st.DataObject) -> None:
    leaves = list(LEAVES)
    pos = data.draw(st.integers(0, len(leaves[index]) - 1), label="byte")
    changed = bytearray(leaves[index])
    changed[pos] ^= data.draw(st.integers(1, 255), label="xor")
    leaves[index] = bytes(changed)
    with pytest.raises(IntegrityError) as info:
        verify_log(leaves, NOTES, KEY, recorded=TREE.recorded_hash)
    message = str(info.value)
    for k, size in enumerate(SIZES, start=1):
        named = f"checkpoint {k} (size {size}): the leaves do not reproduce its signed root; "
        named += f"leaf {index} was altered"
        assert (named in message) == (index < size)


@settings(max_examples=60, deadline=None)
@given(pos=st.integers(0, len(NOTES[1].encode()) - 1), xor=st.integers(1, 255))
def test_any_single_byte_change_to_a_checkpoint_is_detected_and_named(pos: int, xor: int) -> None:
    raw = bytearray(NOTES[1].encode())
    raw[pos] ^= xor
    with pytest.raises(
        IntegrityError, match="^1 integrity problem\\(s\\) in the custody log:\n  checkpoint 2"
    ):
        verify_log(LEAVES, [NOTES[0], bytes(raw), NOTES[2]], KEY, origin=ORIGIN)


def test_inclusion_of_one_leaf_against_a_checkpoint() -> None:
    proof = TREE.inclusion_proof(7, 40)
    assert verify_inclusion(LEAVES[7], 7, proof, NOTES[2], KEY).size == 40
    with pytest.raises(
        IntegrityError, match="^leaf 7 is not proven to be in checkpoint \\(size 40\\): inclusion"
    ):
        verify_inclusion(LEAVES[8], 7, proof, NOTES[2], KEY)


@settings(max_examples=60, deadline=None)
@given(index=st.integers(0, 39), data=st.data())
def test_any_single_byte_change_to_an_inclusion_proof_is_named(index: int, data: st.DataObject) -> None:
    proof = [bytearray(p) for p in TREE.inclusion_proof(index, 40)]
    pos = data.draw(st.integers(0, 32 * len(proof) - 1), label="byte")
    proof[pos // 32][pos % 32] ^= data.draw(st.integers(1, 255), label="xor")
    with pytest.raises(
        IntegrityError, match=f"^leaf {index} is not proven to be in checkpoint \\(size 40\\)"
    ):
        verify_inclusion(LEAVES[index], index, [bytes(p) for p in proof], NOTES[2], KEY)


def test_consistency_between_two_signed_checkpoints() -> None:
    proof = TREE.consistency_proof(17, 40)
    old, new = verify_consistency(NOTES[1], NOTES[2], proof, KEY, origin=ORIGIN)
    assert (old.size, new.size) == (17, 40)
    bad = [proof[0], bytes(32), *proof[2:]]
    with pytest.raises(
        IntegrityError, match="the newer checkpoint \\(size 40\\) is not proven to extend the older"
    ):
        verify_consistency(NOTES[1], NOTES[2], bad, KEY)
    with pytest.raises(IntegrityError, match="a log cannot shrink"):
        verify_consistency(NOTES[2], NOTES[1], proof, KEY)
