"""RFC 9162 hashing and proofs against the Certificate Transparency reference vectors.

Known answers: /work/shared/fixtures/merkle-vectors.json (roots of the 8 standard leaves) and
ct_vectors.json beside this file (proofs and proof structure; sources cited there). Property tests
compare with a direct transcription of RFC 9162's recursive definitions.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dadkhah.errors import IntegrityError
from dadkhah.log import merkle
from dadkhah.log.merkle import (
    EMPTY_ROOT,
    ProofError,
    consistency_plan,
    consistency_proof,
    inclusion_plan,
    inclusion_proof,
    leaf_hash,
    list_subtree,
    node_hash,
    tree_hash,
    verify_consistency,
    verify_inclusion,
)

FIXTURE = json.loads(Path("/work/shared/fixtures/merkle-vectors.json").read_text())
CT = json.loads((Path(__file__).parent / "ct_vectors.json").read_text())
LEAVES = [bytes.fromhex(h) for h in FIXTURE["leaves_hex"]]
ROOTS = {int(n): bytes.fromhex(h) for n, h in FIXTURE["roots_hex"].items()}
DIGESTS = [leaf_hash(d) for d in LEAVES]
SUBTREE = list_subtree(DIGESTS)


# --- RFC 9162 §2.1 transcribed literally: the reference the fast code is held to -----------------


def rfc_mth(d: list[bytes]) -> bytes:
    n = len(d)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + d[0]).digest()
    k = 1 << ((n - 1).bit_length() - 1)
    return hashlib.sha256(b"\x01" + rfc_mth(d[:k]) + rfc_mth(d[k:])).digest()


def rfc_path(m: int, d: list[bytes]) -> list[bytes]:
    n = len(d)
    if n == 1:
        return []
    k = 1 << ((n - 1).bit_length() - 1)
    if m < k:
        return rfc_path(m, d[:k]) + [rfc_mth(d[k:])]
    return rfc_path(m - k, d[k:]) + [rfc_mth(d[:k])]


def rfc_subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [rfc_mth(d)]
    k = 1 << ((n - 1).bit_length() - 1)
    if m <= k:
        return rfc_subproof(m, d[:k], b) + [rfc_mth(d[k:])]
    return rfc_subproof(m - k, d[k:], False) + [rfc_mth(d[:k])]


def data_of(n: int) -> list[bytes]:
    return [f"leaf {i}".encode() for i in range(n)]


# --- known answers ------------------------------------------------------------------------------


def test_hash_primitives_follow_rfc_9162() -> None:
    assert leaf_hash(b"") == hashlib.sha256(b"\x00").digest()
    assert node_hash(b"L" * 32, b"R" * 32) == hashlib.sha256(b"\x01" + b"L" * 32 + b"R" * 32).digest()
    assert EMPTY_ROOT.hex() == FIXTURE["empty_tree_root_hex"]
    assert tree_hash([]) == EMPTY_ROOT


@pytest.mark.parametrize("n", sorted(ROOTS))
def test_roots_match_published_vectors(n: int) -> None:
    assert tree_hash(LEAVES[:n]) == ROOTS[n]
    assert rfc_mth(LEAVES[:n]) == ROOTS[n]


@pytest.mark.parametrize("v", CT["inclusion"], ids=lambda v: f"leaf{v['index']}-of-{v['size']}")
def test_inclusion_proofs_match_ct_vectors(v: dict) -> None:
    index, size = v["index"], v["size"]
    want = [bytes.fromhex(h) for h in v["proof"]]
    assert inclusion_proof(index, size, SUBTREE) == want
    verify_inclusion(index, size, DIGESTS[index], want, ROOTS[size])


@pytest.mark.parametrize("v", CT["consistency"], ids=lambda v: f"{v['old']}-to-{v['new']}")
def test_consistency_proofs_match_ct_vectors(v: dict) -> None:
    old, new = v["old"], v["new"]
    want = [bytes.fromhex(h) for h in v["proof"]]
    assert consistency_proof(old, new, SUBTREE) == want
    verify_consistency(old, new, want, ROOTS[old], ROOTS[new])


def _nodes(plan: list[tuple[tuple[int, int], ...]]) -> list[list[list[int]]]:
    return [[list(node) for node in element] for element in plan]


@pytest.mark.parametrize("v", CT["inclusion_structure"], ids=lambda v: f"{v['index']}-of-{v['size']}")
def test_inclusion_reads_the_reference_nodes(v: dict) -> None:
    assert _nodes(inclusion_plan(v["index"], v["size"])) == v["nodes"]


@pytest.mark.parametrize("v", CT["consistency_structure"], ids=lambda v: f"{v['old']}-to-{v['new']}")
def test_consistency_reads_the_reference_nodes(v: dict) -> None:
    assert _nodes(consistency_plan(v["old"], v["new"])) == v["nodes"]


# --- the corruptions transparency-dev/merkle's verifier must reject (verify_test.go) --------------

SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def _inclusion_probes(index: int, size: int, proof: list[bytes], root: bytes, digest: bytes):
    yield "index - 1", (index - 1, size, digest, proof, root)
    yield "index + 1", (index + 1, size, digest, proof, root)
    yield "index ^ 2", (index ^ 2, size, digest, proof, root)
    yield "size * 2", (index, size * 2, digest, proof, root)
    yield "size // 2", (index, size // 2, digest, proof, root)
    yield "wrong leaf", (index, size, b"WrongLeaf", proof, root)
    yield "empty root", (index, size, digest, proof, EMPTY_ROOT)
    yield "random root", (index, size, digest, proof, SOME_HASH)
    yield "trailing garbage", (index, size, digest, [*proof, b""], root)
    yield "trailing root", (index, size, digest, [*proof, root], root)
    yield "preceding garbage", (index, size, digest, [b"", *proof], root)
    yield "preceding root", (index, size, digest, [root, *proof], root)
    for i in range(len(proof)):
        bad = list(proof)
        bad[i] = bytes([bad[i][0] ^ 8]) + bad[i][1:]
        yield f"proof[{i}] bit 3", (index, size, digest, bad, root)
    if proof:
        yield "removed component", (index, size, digest, proof[:-1], root)
    if len(proof) > 1:
        yield "inserted component", (index, size, digest, [proof[0], SOME_HASH, *proof[1:]], root)


@pytest.mark.parametrize("v", CT["inclusion"][1:], ids=lambda v: f"leaf{v['index']}-of-{v['size']}")
def test_corrupted_inclusion_proofs_are_rejected(v: dict) -> None:
    index, size = v["index"], v["size"]
    proof = [bytes.fromhex(h) for h in v["proof"]]
    for desc, args in _inclusion_probes(index, size, proof, ROOTS[size], DIGESTS[index]):
        with pytest.raises(ProofError):
            verify_inclusion(*args)
            pytest.fail(f"accepted: {desc}")


@pytest.mark.parametrize("v", CT["consistency"][1:], ids=lambda v: f"{v['old']}-to-{v['new']}")
def test_corrupted_consistency_proofs_are_rejected(v: dict) -> None:
    old, new = v["old"], v["new"]
    proof = [bytes.fromhex(h) for h in v["proof"]]
    r1, r2 = ROOTS[old], ROOTS[new]
    probes = {
        "old - 1": (old - 1, new, proof, ROOTS.get(old - 1, EMPTY_ROOT), r2),
        "old + 1": (old + 1, new, proof, r1, r2),
        "old ^ 2": (old ^ 2, new, proof, r1, r2),
        "new * 2": (old, new * 2, proof, r1, r2),
        "new // 2": (old, new // 2, proof, r1, r2),
        "wrong old root": (old, new, proof, SOME_HASH, r2),
        "wrong new root": (old, new, proof, r1, SOME_HASH),
        "swapped roots": (old, new, proof, r2, r1),
        "empty proof": (old, new, [], r1, r2),
        "trailing garbage": (old, new, [*proof, b""], r1, r2),
        "trailing old root": (old, new, [*proof, r1], r1, r2),
        "preceding new root": (old, new, [r2, *proof], r1, r2),
        "preceding proof[0]": (old, new, [proof[0], *proof], r1, r2),
        "truncated": (old, new, proof[:-1], r1, r2),
    }
    for i in range(len(proof)):
        bad = list(proof)
        bad[i] = bytes([bad[i][0] ^ 16]) + bad[i][1:]
        probes[f"proof[{i}] bit 4"] = (old, new, bad, r1, r2)
    for desc, args in probes.items():
        with pytest.raises(ProofError):
            verify_consistency(*args)
            pytest.fail(f"accepted: {desc}")


def test_consistency_edge_cases_follow_the_reference_verifier() -> None:
    # After transparency-dev/merkle TestVerifyConsistency: size 0 and equal sizes need no proof.
    other = SOME_HASH
    verify_consistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)
    verify_consistency(0, 1, [], EMPTY_ROOT, other)
    verify_consistency(1, 1, [], other, other)
    for args in [
        (0, 0, [], EMPTY_ROOT, other),  # equal sizes, different roots
        (1, 1, [], EMPTY_ROOT, other),
        (1, 0, [], other, EMPTY_ROOT),  # the log shrank
        (2, 1, [], other, EMPTY_ROOT),
        (1, 2, [], other, EMPTY_ROOT),  # a proof is needed
        (0, 0, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT),  # roots match but a proof is present
        (0, 1, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT),
        (1, 1, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT),
        (0, 1, [], other, other),  # stricter than the reference: size 0 has exactly one root
    ]:
        with pytest.raises(ProofError):
            verify_consistency(*args)
            pytest.fail(f"accepted {args[:2]}")


def test_proof_errors_say_what_is_wrong() -> None:
    proof = [bytes.fromhex(h) for h in CT["inclusion"][2]["proof"]]
    with pytest.raises(ProofError, match="has 2 hashes; expected 3"):
        verify_inclusion(5, 8, DIGESTS[5], proof[:2], ROOTS[8])
    with pytest.raises(ProofError, match="inclusion proof hash 1 is 31 bytes"):
        verify_inclusion(5, 8, DIGESTS[5], [proof[0], proof[1][:31], proof[2]], ROOTS[8])
    with pytest.raises(ProofError, match="leaf index 8 is outside a tree of 8"):
        verify_inclusion(8, 8, DIGESTS[5], proof, ROOTS[8])
    with pytest.raises(ProofError, match=f"leads to root .* not the expected {ROOTS[7].hex()}"):
        verify_inclusion(5, 8, DIGESTS[5], proof, ROOTS[7])
    assert issubclass(ProofError, IntegrityError)  # inside Dadkhah a failed proof is an integrity error


def test_merkle_module_needs_only_the_standard_library() -> None:
    # The standalone verifier carries a copy of this file; `dadkhah.errors` is an optional import.
    source = Path(merkle.__file__).read_text()
    imports = {line.split()[1] for line in source.splitlines() if line.startswith(("import ", "from "))}
    assert imports <= {"__future__", "hashlib", "collections.abc", "typing"}


# --- properties ----------------------------------------------------------------------------------

sizes = st.integers(min_value=1, max_value=300)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), n=sizes)
def test_inclusion_proofs_equal_rfc_path_and_verify(data: st.DataObject, n: int) -> None:
    leaves = data_of(n)
    digests = [leaf_hash(d) for d in leaves]
    index = data.draw(st.integers(0, n - 1), label="index")
    proof = inclusion_proof(index, n, list_subtree(digests))
    assert proof == rfc_path(index, leaves)
    verify_inclusion(index, n, digests[index], proof, rfc_mth(leaves))
    assert len(proof) <= math.ceil(math.log2(n))  # O(log n): at most one hash per level


@settings(max_examples=150, deadline=None)
@given(data=st.data(), n=sizes)
def test_consistency_proofs_equal_rfc_proof_and_verify(data: st.DataObject, n: int) -> None:
    leaves = data_of(n)
    digests = [leaf_hash(d) for d in leaves]
    old = data.draw(st.integers(1, n), label="old size")
    proof = consistency_proof(old, n, list_subtree(digests))
    assert proof == rfc_subproof(old, leaves, True)
    verify_consistency(old, n, proof, rfc_mth(leaves[:old]), rfc_mth(leaves))
    assert len(proof) <= math.ceil(math.log2(n)) + 1  # O(log n)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), n=st.integers(2, 200))
def test_any_single_byte_change_to_an_inclusion_proof_is_detected(data: st.DataObject, n: int) -> None:
    digests = [leaf_hash(d) for d in data_of(n)]
    index = data.draw(st.integers(0, n - 1), label="index")
    proof = inclusion_proof(index, n, list_subtree(digests))
    pos = data.draw(st.integers(0, len(proof) * 32 - 1), label="byte")
    delta = data.draw(st.integers(1, 255), label="xor")
    bad = [bytearray(p) for p in proof]
    bad[pos // 32][pos % 32] ^= delta
    with pytest.raises(ProofError, match=f"leaf {index} in a tree of {n}"):
        verify_inclusion(index, n, digests[index], [bytes(p) for p in bad], rfc_mth(data_of(n)))


@settings(max_examples=150, deadline=None)
@given(data=st.data(), n=st.integers(3, 200))
def test_any_single_byte_change_to_a_consistency_proof_is_detected(data: st.DataObject, n: int) -> None:
    leaves = data_of(n)
    digests = [leaf_hash(d) for d in leaves]
    old = data.draw(st.integers(1, n - 1), label="old size")
    proof = consistency_proof(old, n, list_subtree(digests))
    pos = data.draw(st.integers(0, len(proof) * 32 - 1), label="byte")
    bad = [bytearray(p) for p in proof]
    bad[pos // 32][pos % 32] ^= data.draw(st.integers(1, 255), label="xor")
    with pytest.raises(ProofError, match=f"from size {old} to size {n}"):
        verify_consistency(old, n, [bytes(p) for p in bad], rfc_mth(leaves[:old]), rfc_mth(leaves))
