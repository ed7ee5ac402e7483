"""The case keyring: data keys wrapped by a passphrase or a key file, in ``keys/keyring.json``.

The *data keys* (AES-256) encrypt protected values; the newest one seals new values, older ones
still open what they sealed. The data keys are stored only *wrapped*: encrypted with AES-256-GCM
under a key-encryption key derived from

- a passphrase, by Argon2id (RFC 9106; parameters and salt are kept beside the wrapped keys, so a
  case written with stronger parameters still opens), or
- a key file holding 32 random bytes (HKDF-SHA256 turns it into the key-encryption key).

Each way of opening is a *slot* (as in LUKS). ``rotate`` opens the keyring with the current
credential, adds a fresh data key, and writes a keyring with a single slot for the new credential:
the old passphrase or key file no longer opens anything. Copies of the old ``keyring.json`` (in
backups) still open with the old credential, so destroy them too when a passphrase is suspected
compromised.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dadkhah.access.crypto import KEY_BYTES, AesGcmProtector, b64d, b64e, open_bytes, seal_bytes
from dadkhah.errors import CaseError, Conflict, InputError, LockedError

FORMAT = "dadkhah-keyring/1"
KEYRING_FILE = "keyring.json"
#: where ``dadkhah init`` puts a generated key file when no passphrase is available
IN_CASE_KEY_FILE = "case.key"
KEY_FILE_HEADER = "dadkhah-key-file/1"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters; the default is RFC 9106's second recommended option (64 MiB, t=3, p=4)."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 4

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
        return hash_secret_raw(
            secret,
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost,
            parallelism=self.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )

    def to_dict(self, salt: bytes) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "version": 19,
            "time_cost": self.time_cost,
            "memory_cost": self.memory_cost,
            "parallelism": self.parallelism,
            "salt": b64e(salt),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> tuple[KdfParams, bytes]:
        if data.get("name") != "argon2id":
            raise CaseError(f"unsupported key derivation '{str(data.get('name'))[:30]}' in the keyring")
        params = cls(int(data["time_cost"]), int(data["memory_cost"]), int(data["parallelism"]))
        return params, b64d(str(data["salt"]))


@dataclass(frozen=True)
class Passphrase:
    text: str = field(repr=False)

    def describe(self) -> str:
        return "passphrase"


@dataclass(frozen=True)
class KeyFile:
    path: Path

    def describe(self) -> str:
        return f"key file {self.path}"


Credential = Passphrase | KeyFile


@dataclass(frozen=True)
class KeyringStatus:
    """What the keyring holds, without any secret."""

    path: Path
    current: str
    data_keys: int
    slots: list[dict[str, Any]]
    created: str
    rotated: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "current_data_key": self.current,
            "data_keys": self.data_keys,
            "slots": self.slots,
            "created": self.created,
            "rotated": self.rotated,
        }


# -- key files --------------------------------------------------------------------------------


def create_key_file(path: Path) -> Path:
    """Write a new key file (32 random bytes, mode 0600); never overwrites an existing file."""
    path = path.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"{KEY_FILE_HEADER}\n{b64e(os.urandom(KEY_BYTES))}\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise Conflict(f"{path} already exists; a key file is never overwritten") from None
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    return path


def read_key_file(path: Path) -> bytes:
    try:
        lines = path.expanduser().read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not a key file"
        raise InputError(f"cannot read the key file: {reason}", file=str(path)) from None
    if len(lines) != 2 or lines[0] != KEY_FILE_HEADER:
        raise InputError("not a Dadkhah key file", file=str(path))
    try:
        key = b64d(lines[1])
    except ValueError:
        raise InputError("the key file is damaged", file=str(path)) from None
    if len(key) != KEY_BYTES:
        raise InputError("the key file is damaged", file=str(path))
    return key


def _fingerprint(key: bytes) -> str:
    digest = hashes.Hash(hashes.SHA256())
    digest.update(b"dadkhah key file fingerprint\x00" + key)
    return digest.finalize().hex()[:16]


def _key_file_kek(key: bytes, salt: bytes) -> bytes:
    return HKDF(hashes.SHA256(), KEY_BYTES, salt, b"dadkhah keyring key-file kek").derive(key)


# -- the keyring ------------------------------------------------------------------------------


def keyring_path(keys_dir: Path) -> Path:
    return keys_dir / KEYRING_FILE


def has_keyring(keys_dir: Path) -> bool:
    return keyring_path(keys_dir).is_file()


def init_keyring(
    keys_dir: Path, case_id: str, credential: Credential, *, kdf: KdfParams | None = None
) -> None:
    """Create the case's first data key, wrapped for ``credential``; refuses if a keyring exists."""
    if has_keyring(keys_dir):
        raise Conflict("this case already has a key; use 'dadkhah keys rotate' to change how it opens")
    key_id = b64e(os.urandom(6))
    inner = {"current": key_id, "keys": {key_id: b64e(os.urandom(KEY_BYTES))}}
    now = _now()
    _write(keys_dir, case_id, inner, credential, kdf or KdfParams(), created=now, rotated=None)


def unlock(keys_dir: Path, case_id: str, credential: Credential) -> AesGcmProtector:
    """The protector for this case, or LockedError naming what was wrong with the credential."""
    doc = _read(keys_dir)
    inner = _open_inner(doc, case_id, credential)
    keys = {kid: b64d(k) for kid, k in inner["keys"].items()}
    return AesGcmProtector(keys, inner["current"])


def rotate(
    keys_dir: Path,
    case_id: str,
    current: Credential,
    new: Credential,
    *,
    kdf: KdfParams | None = None,
    new_data_key: bool = True,
) -> KeyringStatus:
    """Open with ``current``, add a fresh data key for new values, and make ``new`` the only way in."""
    doc = _read(keys_dir)
    inner = _open_inner(doc, case_id, current)
    if new_data_key:
        key_id = b64e(os.urandom(6))
        inner["keys"][key_id] = b64e(os.urandom(KEY_BYTES))
        inner["current"] = key_id
    _write(keys_dir, case_id, inner, new, kdf or KdfParams(), created=str(doc["created"]), rotated=_now())
    return status(keys_dir, inner)


def status(keys_dir: Path, inner: dict[str, Any] | None = None) -> KeyringStatus:
    """What the keyring holds (the data-key count needs the opened keyring; else it is omitted as 0)."""
    doc = _read(keys_dir)
    slots = [
        {k: v for k, v in slot.items() if k in ("id", "kind", "fingerprint", "created")}
        | ({"kdf": {k: v for k, v in slot["kdf"].items() if k != "salt"}} if "kdf" in slot else {})
        for slot in doc["slots"]
    ]
    return KeyringStatus(
        keyring_path(keys_dir),
        str(doc.get("current", "")),
        len(inner["keys"]) if inner else int(doc.get("data_keys", 0)),
        slots,
        str(doc["created"]),
        doc.get("rotated"),
    )


def _aad(case_id: str, slot: dict[str, Any]) -> bytes:
    return f"{FORMAT}|{case_id}|{slot['id']}|{slot['kind']}".encode()


def _write(
    keys_dir: Path,
    case_id: str,
    inner: dict[str, Any],
    credential: Credential,
    kdf: KdfParams,
    *,
    created: str,
    rotated: str | None,
) -> None:
    salt = os.urandom(16)
    slot: dict[str, Any] = {"id": b64e(os.urandom(6)), "created": _now()}
    if isinstance(credential, Passphrase):
        if len(credential.text) < MIN_PASSPHRASE:
            raise InputError(
                f"the passphrase is too short: use at least {MIN_PASSPHRASE} characters "
                "(several unrelated words are best)",
                field="passphrase",
            )
        slot |= {"kind": "passphrase", "kdf": kdf.to_dict(salt)}
        kek = kdf.derive(credential.text, salt)
    else:
        key = read_key_file(credential.path)
        slot |= {"kind": "key-file", "fingerprint": _fingerprint(key), "salt": b64e(salt)}
        kek = _key_file_kek(key, salt)
    plain = json.dumps(inner, sort_keys=True).encode("utf-8")
    slot["wrapped"] = b64e(seal_bytes(kek, plain, _aad(case_id, slot)))
    doc = {
        "format": FORMAT,
        "case": case_id,
        "created": created,
        "rotated": rotated,
        "current": inner["current"],
        "data_keys": len(inner["keys"]),
        "slots": [slot],
    }
    keys_dir.mkdir(parents=True, exist_ok=True)
    target = keyring_path(keys_dir)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(doc, indent=2) + "\n")
        out.flush()
        os.fsync(out.fileno())
    tmp.replace(target)


def _read(keys_dir: Path) -> dict[str, Any]:
    path = keyring_path(keys_dir)
    try:
        doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LockedError("this case has no key yet; create one with 'dadkhah keys init'") from None
    except (OSError, ValueError) as error:
        raise CaseError(f"{path}: cannot read the keyring: {error}") from None
    if doc.get("format") != FORMAT or not isinstance(doc.get("slots"), list):
        raise CaseError(f"{path}: not a {FORMAT} keyring")
    return doc


def _open_inner(doc: dict[str, Any], case_id: str, credential: Credential) -> dict[str, Any]:
    if doc.get("case") != case_id:
        raise CaseError("the keyring in keys/ belongs to another case")
    if isinstance(credential, Passphrase):
        tried = [s for s in doc["slots"] if s.get("kind") == "passphrase"]
        for slot in tried:
            params, salt = KdfParams.from_dict(slot["kdf"])
            inner = _try(params.derive(credential.text, salt), case_id, slot)
            if inner is not None:
                return inner
        if not tried:
            raise LockedError("this case's key does not open with a passphrase; give its key file")
        raise LockedError("wrong passphrase: it does not open this case's key")
    key = read_key_file(credential.path)
    fingerprint = _fingerprint(key)
    for slot in doc["slots"]:
        if slot.get("kind") == "key-file" and slot.get("fingerprint") == fingerprint:
            inner = _try(_key_file_kek(key, b64d(slot["salt"])), case_id, slot)
            if inner is not None:
                return inner
    expected = [s["fingerprint"] for s in doc["slots"] if s.get("kind") == "key-file"]
    hint = f" (it expects key file {', '.join(expected)})" if expected else " (it opens with a passphrase)"
    raise LockedError(f"the key file {credential.path} does not open this case's key{hint}")


def _try(kek: bytes, case_id: str, slot: dict[str, Any]) -> dict[str, Any] | None:
    try:
        plain = open_bytes(kek, b64d(slot["wrapped"]), _aad(case_id, slot))
    except InvalidTag:
        return None
    inner: dict[str, Any] = json.loads(plain)
    return inner


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
