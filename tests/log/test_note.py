"""C2SP signed notes against golang.org/x/mod/sumdb/note's published test vectors.

Source: https://github.com/golang/mod/blob/master/sumdb/note/note_test.go (TestNewVerifier,
TestSign, TestOpen). The Go signer key there is ``PRIVATE+KEY+<name>+<keyid>+base64(0x01 ‖ seed)``;
Ed25519 is deterministic, so signing with that seed must give Go's signature byte for byte.
"""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from dadkhah.errors import InputError, IntegrityError
from dadkhah.log.note import NoteSigner, VerifierKey, key_id, open_note, parse_note, sign_note

PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
PETER_SIG = (
    "— PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_SIG = (
    "— EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"
)


def go_signer(skey: str) -> NoteSigner:
    _, _, name, _, blob = skey.split("+", 4)
    raw = base64.b64decode(blob)
    assert raw[0] == 0x01
    return NoteSigner(name, Ed25519PrivateKey.from_private_bytes(raw[1:]))


PETER = VerifierKey.parse(PETER_VKEY)
ENOCH = VerifierKey.parse(ENOCH_VKEY)


def test_verifier_key_parses_and_prints_back() -> None:
    assert PETER.name == "PeterNeumann"
    assert PETER.key_id == 0xC74F20A3
    assert str(PETER) == PETER_VKEY
    assert key_id(PETER.name, PETER.public_key) == 0xC74F20A3


def test_signer_derives_the_go_verifier_key() -> None:
    signer = go_signer(PETER_SKEY)
    assert str(signer.verifier) == PETER_VKEY


def test_signing_reproduces_gos_signature_byte_for_byte() -> None:
    assert sign_note(TEXT, [go_signer(PETER_SKEY)]) == TEXT + "\n" + PETER_SIG


def test_mangled_verifier_keys_are_rejected() -> None:
    # As TestNewVerifier: every proper substring and every single-byte increment must fail.
    b = PETER_VKEY.encode()
    for i in range(len(b) + 1):
        for j in range(i + 1, len(b) + 1):
            if (i, j) != (0, len(b)):
                with pytest.raises(InputError):
                    VerifierKey.parse(b[i:j].decode())
    for i in range(len(b)):
        mangled = bytearray(b)
        mangled[i] += 1
        with pytest.raises(InputError):
            VerifierKey.parse(mangled.decode())
    with pytest.raises(InputError):  # wrong length, with adjusted key hash (and stray padding bits)
        VerifierKey.parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
    with pytest.raises(InputError, match="not an Ed25519 key"):  # unknown algorithm, adjusted key hash
        VerifierKey.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")


def test_open_verifies_known_keys_and_ignores_unknown_ones() -> None:
    msg = TEXT + "\n" + PETER_SIG + ENOCH_SIG
    note, verified = open_note(msg, [PETER])
    assert note.text == TEXT
    assert [s.label for s in verified] == ["PeterNeumann+c74f20a3"]
    assert [s.label for s in note.signatures] == ["PeterNeumann+c74f20a3", "EnochRoot+af0cfe78"]
    _, verified = open_note(msg, [PETER, ENOCH])
    assert [s.name for s in verified] == ["PeterNeumann", "EnochRoot"]


def test_open_without_a_trusted_signature_fails_and_says_who_signed() -> None:
    with pytest.raises(
        IntegrityError, match=r"no signature by a trusted key \(signed by PeterNeumann\+c74f20a3"
    ):
        open_note(TEXT + "\n" + PETER_SIG, [ENOCH])


def test_an_altered_signature_from_a_known_key_is_named() -> None:
    bad = PETER_SIG[:60] + "ABCD" + PETER_SIG[60:]
    with pytest.raises(IntegrityError, match="signature line 1 by PeterNeumann\\+c74f20a3 does not verify"):
        open_note(TEXT + "\n" + bad, [PETER])


def test_duplicate_signatures_count_once_and_unknown_bad_ones_are_ignored() -> None:
    enoch_bad = ENOCH_SIG[:60] + "ABCD" + ENOCH_SIG[60:]
    _, verified = open_note(TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + enoch_bad, [PETER])
    assert len(verified) == 1


@pytest.mark.parametrize(
    ("msg", "reason"),
    [
        (TEXT, "no blank line"),
        (TEXT + "\n", "no signature lines"),
        (TEXT + "\n" + PETER_SIG[:-1], "does not end with a newline"),
        ("\x01" + TEXT + "\n" + PETER_SIG, "control character U\\+0001"),
        (b"\xff" + (TEXT + "\n" + PETER_SIG).encode(), "byte 0 is not valid UTF-8"),
        (TEXT + "\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXg=\n", "base64"),
        (TEXT + "\n" + PETER_SIG + "Unexpected line.\n", "signature line 2 does not start with an em dash"),
        (TEXT + "\n" + PETER_SIG * 101, "more than 100 signatures"),
        (TEXT + "\n— PeterNeumann x08g\n", "too short"),
    ],
)
def test_malformed_notes_are_rejected_with_the_reason(msg: str | bytes, reason: str) -> None:
    # The first seven are TestOpen's badMsgs; Go calls them all "malformed note".
    with pytest.raises(IntegrityError, match=reason):
        open_note(msg, [PETER])


def test_non_canonical_base64_is_refused() -> None:
    # The last base64 digit before '=' carries 2 padding bits; setting them must not go unnoticed.
    line = PETER_SIG.rstrip("\n")
    last = line[-2]  # the digit before the single '='
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    sneaky = alphabet[alphabet.index(last) | 1]
    assert sneaky != last
    with pytest.raises(IntegrityError, match="not canonical base64"):
        parse_note(TEXT + "\n" + line[:-2] + sneaky + "=\n")


def test_verifier_names_the_ambiguous_trust_list() -> None:
    impostor = VerifierKey(PETER.name, PETER.key_id, ENOCH.public_key)
    with pytest.raises(InputError, match="two different trusted keys"):
        open_note(TEXT + "\n" + PETER_SIG, [PETER, impostor])


def test_sign_refuses_text_a_note_cannot_carry() -> None:
    signer = go_signer(PETER_SKEY)
    with pytest.raises(IntegrityError, match="does not end with a newline"):
        sign_note("abc", [signer])
    with pytest.raises(InputError, match="empty line"):
        sign_note("a\n\nb\n", [signer])
    with pytest.raises(InputError):
        NoteSigner("a+b", Ed25519PrivateKey.generate())


@settings(max_examples=300, deadline=None)
@given(pos=st.integers(0, len((TEXT + "\n" + PETER_SIG).encode()) - 1), xor=st.integers(1, 255))
def test_any_single_byte_change_to_a_signed_note_is_detected(pos: int, xor: int) -> None:
    raw = bytearray((TEXT + "\n" + PETER_SIG).encode())
    raw[pos] ^= xor
    with pytest.raises(IntegrityError, match="^note: "):
        open_note(bytes(raw), [PETER])
