"""The case's Ed25519 signing key: create, save (optionally passphrase-protected), load, publish.

The private key is stored as PKCS #8 PEM. With a passphrase it is encrypted with the best scheme
the installed ``cryptography`` offers (``BestAvailableEncryption``); without one it is stored in
the clear and protected only by file permissions (0600). The public half is what recipients
trust: share it as a verifier key string (``name+keyid+base64``) or as PEM.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dadkhah.errors import CaseError, Conflict, InputError, LockedError
from dadkhah.log.note import NoteSigner, VerifierKey

_ENCRYPTED_PEM = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"


def generate_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _secret(passphrase: str | bytes) -> bytes:
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    if not secret:
        raise InputError("the passphrase is empty", field="passphrase")
    return secret


def save_signing_key(key: Ed25519PrivateKey, path: Path, passphrase: str | bytes | None = None) -> None:
    """Write ``key`` to ``path`` (mode 0600), encrypted when a passphrase is given.

    Never overwrites: replacing a log's key would orphan every checkpoint signed with it.
    The file appears whole or not at all (written aside, fsynced, then linked into place).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_key(path, _pem(key, passphrase), replace=False)


def rewrap_signing_key(path: Path, old: str | bytes, new: str | bytes) -> None:
    """Encrypt the signing key at ``path`` with a new passphrase: the same key, so every
    checkpoint it signed still verifies. The new file replaces the old whole (written aside,
    fsynced, renamed); a wrong ``old`` passphrase raises ``LockedError`` and changes nothing."""
    _write_key(path, _pem(load_signing_key(path, old), new), replace=True)


def _pem(key: Ed25519PrivateKey, passphrase: str | bytes | None) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.NoEncryption()
        if passphrase is None
        else serialization.BestAvailableEncryption(_secret(passphrase))
    )
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def _write_key(path: Path, pem: bytes, *, replace: bool) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # unlike rename, link refuses to replace an existing key
            except FileExistsError:
                raise Conflict(f"a signing key already exists at {path}; it is never overwritten") from None
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def is_key_protected(path: Path) -> bool:
    """Whether the key file at ``path`` needs a passphrase."""
    try:
        return path.read_bytes().lstrip().startswith(_ENCRYPTED_PEM)
    except OSError as exc:
        raise CaseError(f"cannot read the signing key at {path}: {exc.strerror}") from exc


def load_signing_key(path: Path, passphrase: str | bytes | None = None) -> Ed25519PrivateKey:
    """Read the signing key; a protected key needs its passphrase.

    A missing or wrong passphrase raises ``LockedError``; a passphrase given for an unprotected
    key is ignored.
    """
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise CaseError(f"cannot read the signing key at {path}: {exc.strerror}") from exc
    protected = pem.lstrip().startswith(_ENCRYPTED_PEM)
    if protected and passphrase is None:
        raise LockedError("the signing key is protected by a passphrase, and none was given")
    secret = _secret(passphrase) if protected and passphrase is not None else None
    try:
        key = serialization.load_pem_private_key(pem, password=secret)
    except ValueError as exc:
        if protected:
            raise LockedError("wrong passphrase for the signing key (or the key file is damaged)") from exc
        raise InputError(f"not a PEM private key: {exc}", file=str(path)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError("the key is not an Ed25519 key", file=str(path))
    return key


def public_key_bytes(key: Ed25519PrivateKey) -> bytes:
    """The 32-byte raw Ed25519 public key (RFC 8032)."""
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem(key: Ed25519PrivateKey) -> str:
    """The public key as SubjectPublicKeyInfo PEM (what ``openssl pkey -pubout`` prints)."""
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def verifier_key(name: str, key: Ed25519PrivateKey) -> VerifierKey:
    """The C2SP verifier key ``name+keyid+base64(0x01‖public key)`` of ``key``."""
    return VerifierKey.from_public_key(name, key.public_key())


def note_signer(name: str, key: Ed25519PrivateKey) -> NoteSigner:
    return NoteSigner(name, key)


__all__ = [
    "generate_signing_key",
    "is_key_protected",
    "load_signing_key",
    "note_signer",
    "public_key_bytes",
    "public_key_pem",
    "save_signing_key",
    "verifier_key",
]
