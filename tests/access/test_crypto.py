"""Sealing protected values: AES-256-GCM checked against the GCM spec's vectors, bound to its claim."""

import pytest

from dadkhah.access.crypto import AesGcmProtector, b64d, open_bytes, pad, seal_bytes, unpad
from dadkhah.errors import IntegrityError, LockedError

KEY = bytes(range(32))


def test_the_nonce_ciphertext_tag_layout_matches_the_gcm_spec_vectors() -> None:
    # McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14:
    # K = 0^256, IV = 0^96; P empty, then P = 0^128.
    zero = bytes(32)
    assert open_bytes(zero, bytes(12) + bytes.fromhex("530f8afbc74536b9a963b4f1c4cb738b"), b"") == b""
    sealed = bytes(12) + bytes.fromhex("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919")
    assert open_bytes(zero, sealed, b"") == bytes(16)


def test_a_sealed_value_opens_only_for_its_own_claim() -> None:
    p = AesGcmProtector({"k1": KEY}, "k1")
    token = p.seal("ژاله پروانه · Zhaleh Parvaneh", context="CLAIM-A")
    assert token.startswith("dk1:k1:") and "Zhaleh" not in token
    assert p.open(token, context="CLAIM-A") == "ژاله پروانه · Zhaleh Parvaneh"
    with pytest.raises(IntegrityError, match="altered or moved"):
        p.open(token, context="CLAIM-B")  # copied onto another claim
    body = bytearray(b64d(token.split(":")[2]))
    body[20] ^= 1
    from dadkhah.access.crypto import b64e

    with pytest.raises(IntegrityError):
        p.open(f"dk1:k1:{b64e(bytes(body))}", context="CLAIM-A")
    with pytest.raises(LockedError, match="lacks"):
        AesGcmProtector({"k2": KEY}, "k2").open(token, context="CLAIM-A")


def test_two_seals_of_one_value_differ_and_lengths_show_only_a_32_byte_bucket() -> None:
    p = AesGcmProtector({"k1": KEY}, "k1")
    assert p.seal("same", context="c") != p.seal("same", context="c")
    short, longer, over = (len(p.seal(v, context="c")) for v in ("a", "a" * 31, "a" * 32))
    assert short == longer < over
    assert unpad(pad(b"x" * 31)) == b"x" * 31 and len(pad(b"x" * 31)) == 32 and len(pad(b"x" * 32)) == 64


def test_seal_bytes_binds_associated_data() -> None:
    sealed = seal_bytes(KEY, b"secret", b"ctx")
    assert open_bytes(KEY, sealed, b"ctx") == b"secret"
    from cryptography.exceptions import InvalidTag

    with pytest.raises(InvalidTag):
        open_bytes(KEY, sealed, b"other")
