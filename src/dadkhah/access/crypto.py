"""Encryption of protected values with the case data key (AES-256-GCM).

A sealed value is the text ``dk1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>``. The key id
names which data key of the case's keyring sealed it, so that keys can be rotated without
rewriting the append-only claims. The claim id (or segment id) is the GCM associated data: a
ciphertext moved onto another claim fails to open instead of showing the wrong person's details.
The plaintext is padded to a multiple of 32 bytes before encryption, so the stored length tells
only which 32-byte bucket a value falls in, not its exact length.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dadkhah.errors import AccessDenied, IntegrityError, LockedError

PREFIX = "dk1"
KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # the GCM standard nonce; random nonces are safe far beyond a case's 2^32 values
PAD_BLOCK = 32


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def pad(data: bytes) -> bytes:
    """ISO/IEC 7816-4 padding: 0x80 then zeros up to the next multiple of PAD_BLOCK."""
    padded = data + b"\x80"
    return padded + b"\x00" * (-len(padded) % PAD_BLOCK)


def unpad(data: bytes) -> bytes:
    end = data.rstrip(b"\x00")
    if not end.endswith(b"\x80"):
        raise ValueError("bad padding")
    return end[:-1]


def seal_bytes(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_bytes(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    """Decrypt ``nonce ‖ ciphertext``; raises ``InvalidTag`` if the key or associated data is wrong."""
    return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)


class AesGcmProtector:
    """Seals protected values with the current data key and opens them with whichever key sealed them."""

    def __init__(self, keys: Mapping[str, bytes], current: str) -> None:
        if current not in keys:
            raise ValueError("the current key is not in the keyring")
        if any(len(k) != KEY_BYTES for k in keys.values()):
            raise ValueError("data keys are 32 bytes")
        self._keys = dict(keys)
        self._aead = {key_id: AESGCM(key) for key_id, key in self._keys.items()}
        self.current = current

    @property
    def key_ids(self) -> list[str]:
        return list(self._keys)

    def seal(self, plaintext: str, *, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        data, aad = pad(plaintext.encode("utf-8")), context.encode("utf-8")
        sealed = nonce + self._aead[self.current].encrypt(nonce, data, aad)
        return f"{PREFIX}:{self.current}:{b64e(sealed)}"

    def open(self, token: str, *, context: str) -> str:
        prefix, _, rest = token.partition(":")
        key_id, _, body = rest.partition(":")
        if prefix != PREFIX or not body:
            raise IntegrityError(f"the protected value of {context[:60]} is not a sealed value")
        aead = self._aead.get(key_id)
        if aead is None:
            raise LockedError(
                f"the protected value of {context[:60]} was sealed with a key this keyring lacks"
            )
        try:
            sealed = b64d(body)
            plain = aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], context.encode("utf-8"))
            return unpad(plain).decode("utf-8")
        except (InvalidTag, ValueError):
            raise IntegrityError(
                f"the protected value of {context[:60]} fails authentication: it was altered or moved"
            ) from None


class DeferredProtector:
    """A protector that asks for the key only when a protected value is first sealed or opened.

    The CLI uses it at an interactive terminal, so that a passphrase is asked for only by commands
    that actually touch protected values.
    """

    def __init__(self, unlock: Callable[[], AesGcmProtector]) -> None:
        self._unlock = unlock
        self._inner: AesGcmProtector | None = None

    def _get(self) -> AesGcmProtector:
        if self._inner is None:
            self._inner = self._unlock()
        return self._inner

    def seal(self, plaintext: str, *, context: str) -> str:
        return self._get().seal(plaintext, context=context)

    def open(self, token: str, *, context: str) -> str:
        return self._get().open(token, context=context)


class RefusingProtector:
    """Stands in for the key for a user whose clearance stops short of protected values.

    Readers below protected clearance never reach the protector; a write of a protected value by
    such a user is refused with a message that says why, rather than "the case is locked".
    """

    def __init__(self, user: str, role: str) -> None:
        self._why = f"{user} ({role}) may not record or read protected values"

    def seal(self, plaintext: str, *, context: str) -> str:
        raise AccessDenied(self._why)

    def open(self, token: str, *, context: str) -> str:
        raise AccessDenied(self._why)
