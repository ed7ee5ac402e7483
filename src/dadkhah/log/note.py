"""C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures.

A signed note is a UTF-8 text ending in a newline, a blank line, then one or more lines
``— <key name> <base64(key ID ‖ signature)>``. The key ID is the first four bytes, big-endian, of
``SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)``; a verifier key is written
``<name>+<8 hex digits of the key ID>+<base64(0x01 ‖ public key)>``. This is the format of
golang.org/x/mod/sumdb/note, and notes made here open there and vice versa.

Parsing is strict where the spec leaves room, so that any change to a note's bytes is caught:
base64 must be canonical (no stray padding bits), and errors say which line failed and why.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from dadkhah.errors import InputError, IntegrityError

ALG_ED25519 = 0x01
MAX_SIGNATURES = 100  # the limit golang.org/x/mod/sumdb/note applies
SIG_PREFIX = "\u2014 "  # em dash, space


def is_valid_key_name(name: str) -> bool:
    """Non-empty, no Unicode space, no ``+`` (signed-note §Format)."""
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def key_id(name: str, public_key: bytes) -> int:
    """The recommended 32-bit key ID of an Ed25519 key."""
    digest = hashlib.sha256(name.encode() + b"\n" + bytes([ALG_ED25519]) + public_key).digest()
    return int.from_bytes(digest[:4], "big")


def b64decode_strict(text: str) -> bytes:
    """Standard base64 that must re-encode to exactly ``text``; raises ``ValueError`` otherwise."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as exc:
        raise ValueError("not standard base64") from exc
    if base64.b64encode(raw).decode("ascii") != text:
        raise ValueError("not canonical base64")
    return raw


def _raw_public(key: Ed25519PublicKey | bytes) -> bytes:
    if isinstance(key, bytes):
        if len(key) != 32:
            raise InputError(f"an Ed25519 public key is 32 bytes, not {len(key)}", field="public key")
        return key
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class VerifierKey:
    """A trusted public key: its name, key ID and 32-byte Ed25519 public key."""

    name: str
    key_id: int
    public_key: bytes

    @classmethod
    def from_public_key(cls, name: str, key: Ed25519PublicKey | bytes) -> VerifierKey:
        if not is_valid_key_name(name):
            raise InputError("a key name must be non-empty, with no spaces and no '+'", field="key name")
        raw = _raw_public(key)
        return cls(name, key_id(name, raw), raw)

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        """Read ``name+hexid+base64key``; the ID must match the name and key."""
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise InputError("a verifier key has the form name+keyid+base64key", field="verifier key")
        name, hex_id, b64 = parts
        if not is_valid_key_name(name):
            raise InputError("the key name is empty or contains spaces", field="verifier key")
        if len(hex_id) != 8 or any(c not in "0123456789abcdef" for c in hex_id):
            raise InputError("the key ID must be 8 lowercase hex digits", field="verifier key")
        try:
            blob = b64decode_strict(b64)
        except ValueError as exc:
            raise InputError(f"the key is {exc}", field="verifier key") from exc
        if len(blob) != 33 or blob[0] != ALG_ED25519:
            raise InputError("the key is not an Ed25519 key (type 0x01, 32 bytes)", field="verifier key")
        key = cls(name, int(hex_id, 16), blob[1:])
        if key_id(name, key.public_key) != key.key_id:
            raise InputError("the key ID does not match the key name and public key", field="verifier key")
        return key

    def __str__(self) -> str:
        blob = base64.b64encode(bytes([ALG_ED25519]) + self.public_key).decode("ascii")
        return f"{self.name}+{self.key_id:08x}+{blob}"

    @property
    def label(self) -> str:
        """``name+hexid``, how messages refer to the key."""
        return f"{self.name}+{self.key_id:08x}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except InvalidSignature:
            return False
        return True


class NoteSigner:
    """Signs note texts with an Ed25519 private key under a key name."""

    def __init__(self, name: str, private_key: Ed25519PrivateKey) -> None:
        self.verifier = VerifierKey.from_public_key(name, private_key.public_key())
        self._key = private_key

    @property
    def name(self) -> str:
        return self.verifier.name

    def sign(self, text: str) -> NoteSignature:
        return NoteSignature(self.name, self.verifier.key_id, self._key.sign(text.encode("utf-8")))


@dataclass(frozen=True)
class NoteSignature:
    name: str
    key_id: int
    signature: bytes

    @property
    def label(self) -> str:
        return f"{self.name}+{self.key_id:08x}"

    def line(self) -> str:
        blob = base64.b64encode(self.key_id.to_bytes(4, "big") + self.signature).decode("ascii")
        return f"{SIG_PREFIX}{self.name} {blob}\n"


@dataclass(frozen=True)
class Note:
    """A note text and the signature lines that follow it (verified or not)."""

    text: str
    signatures: tuple[NoteSignature, ...]

    def encode(self) -> str:
        return self.text + "\n" + "".join(s.line() for s in self.signatures)


def _check_text(text: str, what: str) -> None:
    if not text.endswith("\n"):
        raise IntegrityError(f"{what}: the text does not end with a newline")
    for lineno, line in enumerate(text.split("\n"), start=1):
        for ch in line:
            if ch < " ":
                raise IntegrityError(f"{what}: line {lineno} contains control character U+{ord(ch):04X}")


def parse_note(message: str | bytes, *, what: str = "note") -> Note:
    """Split a signed note into text and signatures, checking its syntax (not the signatures)."""
    if isinstance(message, bytes):
        try:
            message = message.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IntegrityError(f"{what}: byte {exc.start} is not valid UTF-8") from exc
    _check_text(message, what)
    split = message.rfind("\n\n")
    if split < 0:
        raise IntegrityError(f"{what}: no blank line separates the text from the signatures")
    text, block = message[: split + 1], message[split + 2 :]
    if not block:
        raise IntegrityError(f"{what}: there are no signature lines after the blank line")
    lines = block.split("\n")[:-1]  # `block` ends in "\n" (checked above)
    if len(lines) > MAX_SIGNATURES:
        raise IntegrityError(f"{what}: more than {MAX_SIGNATURES} signatures")
    sigs = []
    for n, line in enumerate(lines, start=1):
        where = f"{what}: signature line {n}"
        if not line.startswith(SIG_PREFIX):
            raise IntegrityError(f"{where} does not start with an em dash and a space")
        name, sep, b64 = line[len(SIG_PREFIX) :].partition(" ")
        if not sep or not is_valid_key_name(name):
            raise IntegrityError(f"{where}: the key name is missing or invalid")
        try:
            raw = b64decode_strict(b64)
        except ValueError as exc:
            raise IntegrityError(f"{where}: the signature is {exc}") from exc
        if len(raw) < 5:
            raise IntegrityError(f"{where}: the signature is too short")
        sigs.append(NoteSignature(name, int.from_bytes(raw[:4], "big"), raw[4:]))
    return Note(text, tuple(sigs))


def sign_note(text: str, signers: Iterable[NoteSigner]) -> str:
    """The signed note: ``text``, a blank line, one signature line per signer."""
    _check_text(text, "note text")
    if "\n\n" in text:  # allowed by the spec, but never needed by us, and it keeps splits obvious
        raise InputError("the note text contains an empty line", field="text")
    sigs = tuple(s.sign(text) for s in signers)
    if not sigs:
        raise InputError("a note needs at least one signer", field="signers")
    return Note(text, sigs).encode()


def open_note(
    message: str | bytes, verifiers: Sequence[VerifierKey], *, what: str = "note"
) -> tuple[Note, list[NoteSignature]]:
    """Parse a note and check it against trusted keys; return it with its verified signatures.

    Signatures from unknown keys are ignored, as the spec requires. A signature from a trusted key
    that fails, or a note with no signature from any trusted key, raises ``IntegrityError``.
    """
    known: dict[tuple[str, int], VerifierKey] = {}
    for v in verifiers:
        if (v.name, v.key_id) in known and known[(v.name, v.key_id)] != v:
            raise InputError(f"two different trusted keys are both {v.label}", field="verifiers")
        known[(v.name, v.key_id)] = v
    note = parse_note(message, what=what)
    data = note.text.encode("utf-8")
    verified: list[NoteSignature] = []
    seen: set[tuple[str, int]] = set()
    for n, sig in enumerate(note.signatures, start=1):
        key = known.get((sig.name, sig.key_id))
        if key is None or (sig.name, sig.key_id) in seen:
            continue
        seen.add((sig.name, sig.key_id))
        if not key.verify(data, sig.signature):
            raise IntegrityError(
                f"{what}: signature line {n} by {key.label} does not verify; "
                "the note text or the signature was altered"
            )
        verified.append(sig)
    if not verified:
        present = ", ".join(s.label for s in note.signatures)
        trusted = ", ".join(v.label for v in known.values()) or "none"
        raise IntegrityError(
            f"{what}: no signature by a trusted key (signed by {present}; trusted: {trusted})"
        )
    return note, verified


__all__ = [
    "ALG_ED25519",
    "MAX_SIGNATURES",
    "Note",
    "NoteSignature",
    "NoteSigner",
    "VerifierKey",
    "b64decode_strict",
    "is_valid_key_name",
    "key_id",
    "open_note",
    "parse_note",
    "sign_note",
]
