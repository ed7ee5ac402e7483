from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dadkhah.errors import Conflict, InputError, LockedError
from dadkhah.log.keys import (
    generate_signing_key,
    is_key_protected,
    load_signing_key,
    public_key_bytes,
    public_key_pem,
    save_signing_key,
    verifier_key,
)

# golang.org/x/mod/sumdb/note note_test.go: this seed's verifier key is PeterNeumann+c74f20a3+ARpc...
PETER_SEED = base64.b64decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")[1:]


def test_verifier_key_of_a_known_seed() -> None:
    key = Ed25519PrivateKey.from_private_bytes(PETER_SEED)
    assert (
        str(verifier_key("PeterNeumann", key))
        == "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    )
    assert public_key_bytes(key) == base64.b64decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")[1:]


def test_public_key_pem_is_subject_public_key_info() -> None:
    key = Ed25519PrivateKey.from_private_bytes(PETER_SEED)
    pem = public_key_pem(key)
    assert pem.startswith("-----BEGIN PUBLIC KEY-----\n")
    der = base64.b64decode("".join(pem.strip().splitlines()[1:-1]))
    # RFC 8410 §4: the 12-byte SPKI prefix for Ed25519, then the raw key.
    assert der == bytes.fromhex("302a300506032b6570032100") + public_key_bytes(key)


def test_protected_key_round_trips_and_needs_its_passphrase(tmp_path: Path) -> None:
    key = generate_signing_key()
    path = tmp_path / "keys" / "log.pem"
    save_signing_key(key, path, "correct horse battery staple")
    assert is_key_protected(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in path.read_bytes()
    loaded = load_signing_key(path, "correct horse battery staple")
    assert public_key_bytes(loaded) == public_key_bytes(key)
    with pytest.raises(LockedError, match="wrong passphrase"):
        load_signing_key(path, "Correct horse battery staple")
    with pytest.raises(LockedError, match="none was given"):
        load_signing_key(path)


def test_unprotected_key_round_trips(tmp_path: Path) -> None:
    key = generate_signing_key()
    path = tmp_path / "log.pem"
    save_signing_key(key, path)
    assert not is_key_protected(path)
    assert public_key_bytes(load_signing_key(path)) == public_key_bytes(key)
    assert public_key_bytes(load_signing_key(path, "ignored")) == public_key_bytes(key)


def test_a_key_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "log.pem"
    first = generate_signing_key()
    save_signing_key(first, path)
    with pytest.raises(Conflict, match="never overwritten"):
        save_signing_key(generate_signing_key(), path)
    assert public_key_bytes(load_signing_key(path)) == public_key_bytes(first)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.pem"]  # no temporary file left behind


def test_bad_key_files_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "log.pem"
    path.write_bytes(b"-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    with pytest.raises(InputError, match="not a PEM private key"):
        load_signing_key(path)
    with pytest.raises(InputError, match="passphrase is empty"):
        save_signing_key(generate_signing_key(), tmp_path / "other.pem", "")
