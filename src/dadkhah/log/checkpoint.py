"""C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint), signed as notes.

A checkpoint's note text is::

    <origin>                 the log's identity, e.g. dadkhah.example/case/01HV...
    <tree size>              decimal, no leading zeros
    <root hash>              standard base64 of the 32-byte RFC 9162 root
    [<extension line>...]    optional, opaque, non-empty

The log signs it under a key whose name should equal the origin (a verifier may be told to trust a
differently named key, as sum.golang.org's "go.sum database tree" is signed by "sum.golang.org").
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dadkhah.errors import InputError, IntegrityError
from dadkhah.log.merkle import HASH_SIZE
from dadkhah.log.note import NoteSigner, VerifierKey, b64decode_strict, open_note, sign_note

_SIZE = re.compile(r"0|[1-9][0-9]*")


@dataclass(frozen=True)
class Checkpoint:
    """A log's tree head: who (origin), how many leaves (size), which tree (root hash)."""

    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.origin or "\n" in self.origin or any(ch < " " for ch in self.origin):
            raise InputError("the origin must be one non-empty line of text", field="origin")
        if self.size < 0:
            raise InputError("a tree size cannot be negative", field="size")
        if len(self.root_hash) != HASH_SIZE:
            raise InputError(f"a root hash is {HASH_SIZE} bytes", field="root_hash")
        for ext in self.extensions:
            if not ext or any(ch < " " for ch in ext):
                raise InputError("extension lines must be non-empty single lines", field="extensions")

    def body(self) -> str:
        """The note text, ending in a newline."""
        root = base64.b64encode(self.root_hash).decode("ascii")
        return "".join(f"{line}\n" for line in (self.origin, str(self.size), root, *self.extensions))


def parse_checkpoint_body(text: str, *, what: str = "checkpoint") -> Checkpoint:
    """Read a checkpoint note text; errors name the line that is wrong."""
    if not text.endswith("\n"):
        raise IntegrityError(f"{what}: the text does not end with a newline")
    lines = text[:-1].split("\n")
    for n, line in enumerate(lines, start=1):
        if any(ch < " " for ch in line):
            raise IntegrityError(f"{what}: line {n} contains a control character")
    if len(lines) < 3:
        raise IntegrityError(f"{what}: has {len(lines)} lines; origin, tree size and root hash are required")
    origin, size, root, *extensions = lines
    if not origin:
        raise IntegrityError(f"{what}: line 1 (origin) is empty")
    if not _SIZE.fullmatch(size):
        raise IntegrityError(f"{what}: line 2 (tree size) is not a decimal number without leading zeros")
    try:
        root_hash = b64decode_strict(root)
    except ValueError as exc:
        raise IntegrityError(f"{what}: line 3 (root hash) is {exc}") from exc
    if len(root_hash) != HASH_SIZE:
        raise IntegrityError(f"{what}: line 3 (root hash) decodes to {len(root_hash)} bytes, not {HASH_SIZE}")
    for n, ext in enumerate(extensions, start=4):
        if not ext:
            raise IntegrityError(f"{what}: line {n} (extension) is empty")
    return Checkpoint(origin, int(size), root_hash, tuple(extensions))


def sign_checkpoint(checkpoint: Checkpoint, signer: NoteSigner) -> str:
    """The checkpoint as a signed note, signed by ``signer``."""
    return sign_note(checkpoint.body(), [signer])


def open_checkpoint(
    note: str | bytes,
    verifiers: VerifierKey | Sequence[VerifierKey],
    *,
    origin: str | None = None,
    what: str = "checkpoint",
) -> Checkpoint:
    """Verify a signed checkpoint against trusted keys and return its contents.

    With ``origin``, the checkpoint must come from that log. Raises ``IntegrityError`` naming the
    checkpoint (``what``) and the line, signature or origin that failed.
    """
    keys = [verifiers] if isinstance(verifiers, VerifierKey) else list(verifiers)
    opened, _ = open_note(note, keys, what=what)
    checkpoint = parse_checkpoint_body(opened.text, what=what)
    if origin is not None and checkpoint.origin != origin:
        raise IntegrityError(f"{what}: comes from log {checkpoint.origin!r}, not {origin!r}")
    return checkpoint


__all__ = ["Checkpoint", "open_checkpoint", "parse_checkpoint_body", "sign_checkpoint"]
