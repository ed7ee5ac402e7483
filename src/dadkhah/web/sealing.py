"""The web application's secrets at rest, kept unreadable to whoever holds only the database.

One random key, made on first use in the case's ``keys/`` folder (readable by its owner only),
gives a subkey per purpose (HKDF-SHA256):

- **TOTP seeds** must be readable to check a code, so they cannot be hashed like a password;
  they are sealed with AES-256-GCM, the user's name bound in (associated data), so a seal
  copied to another user's row does not open.
- **Failed sign-ins** are counted under a keyed digest (HMAC-SHA256) of the name typed and the
  address, never the text itself: people type their password into the name field.

So a copy of the database alone (a PostgreSQL dump, a backup, a stolen replica) gives no second
factor away and no typed name or address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dadkhah.errors import CaseError

KEY_FILE = "web-secrets.key"
_SEALED = "aesgcm1:"
_NONCE = 12


def _master(keys_dir: Path) -> bytes:
    """The case's web key, made (atomically, once even with racing processes) if there is none."""
    path = keys_dir / KEY_FILE
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        tmp = keys_dir / f".{KEY_FILE}.{os.getpid()}-{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_bytes(32))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # fails if another process made it first: theirs is used
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
        key = path.read_bytes()
    if len(key) != 32:
        raise CaseError(f"{path} is not a 32-byte key; restore it from a backup")
    return key


def _subkey(keys_dir: Path, purpose: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"dadkhah web " + purpose).derive(_master(keys_dir))


def _aad(user: str) -> bytes:
    return b"totp seed\x00" + user.encode("utf-8")


def seal_seed(keys_dir: Path, user: str, seed: str) -> str:
    nonce = secrets.token_bytes(_NONCE)
    sealed = AESGCM(_subkey(keys_dir, b"totp")).encrypt(nonce, seed.encode("ascii"), _aad(user))
    return _SEALED + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def unseal_seed(keys_dir: Path, user: str, stored: str) -> str:
    """The seed of ``user``; a seed stored before sealing existed is returned as it is."""
    if not stored.startswith(_SEALED):
        return stored
    raw = base64.urlsafe_b64decode(stored[len(_SEALED) :])
    try:
        return AESGCM(_subkey(keys_dir, b"totp")).decrypt(raw[:_NONCE], raw[_NONCE:], _aad(user)).decode()
    except InvalidTag:
        raise CaseError(
            f"the second-factor seed of {user[:60]} does not open with {keys_dir / KEY_FILE}; the key "
            "was replaced or the row altered. Remove the second factor and enrol again"
        ) from None


def login_key(keys_dir: Path) -> bytes:
    """The key of ``login_digest`` (derived once by the throttle, not at every attempt)."""
    return _subkey(keys_dir, b"login throttle")


def login_digest(key: bytes, *parts: str) -> str:
    """A keyed digest of what a sign-in attempt typed (and where from), for counting failures."""
    message = b"\x00".join(part.encode("utf-8", "surrogatepass") for part in parts)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


__all__ = ["KEY_FILE", "login_digest", "login_key", "seal_seed", "unseal_seed"]
