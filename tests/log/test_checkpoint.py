"""C2SP tlog-checkpoints against real, independently produced checkpoints.

- sum.golang.org's checkpoint of 2024-09-23 and the Go checksum database key, as recorded in
  sigsum-go pkg/checkpoint/checkpoint_test.go (TestGoSumDBCheckpoint); the key is the one in
  golang/go src/cmd/go/internal/modfetch/key.go.
- sigsum-go's signed checkpoint made with the Ed25519 seed ``{17, 0, ..., 0}``
  (pkg/checkpoint/checkpoint_test.go, validCheckpointASCII): signing it here must give the same bytes.
"""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from dadkhah.errors import InputError, IntegrityError
from dadkhah.log.checkpoint import Checkpoint, open_checkpoint, parse_checkpoint_body, sign_checkpoint
from dadkhah.log.keys import public_key_bytes
from dadkhah.log.note import NoteSigner, VerifierKey

SUMDB_KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"
SUMDB_CHECKPOINT = (
    "go.sum database tree\n"
    "30055305\n"
    "mXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGsM=\n"
    "\n"
    "— sum.golang.org "
    "Az3grpgEild5qw7+5dtV13Kf1C2Xurm8q4fhdxvcsDHnqNTaxL2AFjBY+2TyGKevucFcAAlWFJJYle3EJlDCrQ+y3A8=\n"
)
SIGSUM_CHECKPOINT = (
    "sigsum.org/v1/tree/e796172b92befd62d9dc67e41c2f5bc9d3100a3023b20b1ca40288dd1c679e69\n"
    "10\n"
    "HA5HAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
    "\n"
    "— sigsum.org/v1/tree/e796172b92befd62d9dc67e41c2f5bc9d3100a3023b20b1ca40288dd1c679e69 "
    "gJ2ho0n8F8olcerUF1FFdv235A/5as/coWrpLrtE7ovMeP5whgwouYExowG/lTznxu6OUGjjt5yJQ6bXtTcf718MqAQ=\n"
)


def test_real_sum_golang_org_checkpoint_verifies_with_its_published_key() -> None:
    key = VerifierKey.parse(SUMDB_KEY)
    cp = open_checkpoint(SUMDB_CHECKPOINT, key, origin="go.sum database tree")
    assert cp.size == 30055305
    assert cp.root_hash.hex() == "9977e045c2746c6d23dc23dd2b08065ad5330546d7ebbb1a64646616e2461ac3"
    assert cp.extensions == ()
    assert cp.body() == SUMDB_CHECKPOINT.split("\n\n")[0] + "\n"  # the body round-trips exactly


def test_signing_reproduces_sigsums_checkpoint_byte_for_byte() -> None:
    key = Ed25519PrivateKey.from_private_bytes(bytes([17]) + bytes(31))
    origin = "sigsum.org/v1/tree/" + hashlib.sha256(public_key_bytes(key)).hexdigest()
    cp = Checkpoint(origin, 10, bytes([28, 14, 71]) + bytes(29))
    signer = NoteSigner(origin, key)
    assert sign_checkpoint(cp, signer) == SIGSUM_CHECKPOINT
    assert open_checkpoint(SIGSUM_CHECKPOINT, signer.verifier) == cp


def test_a_checkpoint_from_another_log_is_refused() -> None:
    key = VerifierKey.parse(SUMDB_KEY)
    with pytest.raises(IntegrityError, match="comes from log 'go.sum database tree', not 'Go rocks'"):
        open_checkpoint(SUMDB_CHECKPOINT, key, origin="Go rocks")


def test_extension_lines_round_trip() -> None:
    cp = Checkpoint("dadkhah.example/case/T1", 3, bytes(32), ("case 01HVTEST",))
    assert parse_checkpoint_body(cp.body()) == cp
    assert cp.body().endswith("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ncase 01HVTEST\n")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("o\n1\n", "has 2 lines"),
        ("\n1\n" + "A" * 43 + "=\n", "line 1 \\(origin\\) is empty"),
        ("o\n01\n" + "A" * 43 + "=\n", "line 2 \\(tree size\\)"),
        ("o\n+1\n" + "A" * 43 + "=\n", "line 2 \\(tree size\\)"),
        ("o\n1 \n" + "A" * 43 + "=\n", "line 2 \\(tree size\\)"),
        ("o\n1\n" + "A" * 42 + "B=\n", "line 3 \\(root hash\\) is not canonical base64"),
        ("o\n1\nAAAA\n", "line 3 \\(root hash\\) decodes to 3 bytes"),
        ("o\n1\n" + "A" * 43 + "=\n\n", "line 4 \\(extension\\) is empty"),
        ("o\n1\n" + "A" * 43 + "=", "does not end with a newline"),
        ("o\t\n1\n" + "A" * 43 + "=\n", "line 1 contains a control character"),
    ],
)
def test_malformed_bodies_name_the_line(body: str, reason: str) -> None:
    with pytest.raises(IntegrityError, match=reason):
        parse_checkpoint_body(body)


def test_checkpoint_values_are_validated() -> None:
    with pytest.raises(InputError, match="origin"):
        Checkpoint("two\nlines", 0, bytes(32))
    with pytest.raises(InputError, match="32 bytes"):
        Checkpoint("o", 0, bytes(31))


@settings(max_examples=400, deadline=None)
@given(pos=st.integers(0, len(SUMDB_CHECKPOINT.encode()) - 1), xor=st.integers(1, 255))
def test_any_single_byte_change_to_a_real_checkpoint_is_detected_and_named(pos: int, xor: int) -> None:
    raw = bytearray(SUMDB_CHECKPOINT.encode())
    raw[pos] ^= xor
    with pytest.raises(IntegrityError, match="^checkpoint 7: "):
        open_checkpoint(
            bytes(raw), VerifierKey.parse(SUMDB_KEY), origin="go.sum database tree", what="checkpoint 7"
        )
