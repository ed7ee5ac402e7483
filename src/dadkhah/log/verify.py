"""Verify custody-log leaves and checkpoints, as a recipient would: trust only the public key.

Every function here is pure (no case, no database): it takes leaf bytes, signed checkpoint notes,
proofs and trusted keys, and either returns what it verified or raises ``IntegrityError`` saying
exactly which leaf, checkpoint or proof failed and how.

When the leaves do not reproduce a signed root, the faulty leaf can be named only with help:
given the log's *recorded* subtree hashes (``recorded``), the ones that still fold to the signed
root are authenticated by the signature, and descending through them to where the recomputed
hashes part ways pins down the altered leaf. Without them, the failure is narrowed to the leaves
between the last checkpoint that holds and the first that does not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dadkhah.errors import IntegrityError
from dadkhah.log.checkpoint import Checkpoint, open_checkpoint
from dadkhah.log.merkle import (
    HASH_SIZE,
    ProofError,
    RootAccumulator,
    Subtree,
    leaf_hash,
    node_hash,
    peaks,
    root_from_peaks,
    tree_hash_from_leaf_hashes,
)
from dadkhah.log.merkle import verify_consistency as _verify_consistency
from dadkhah.log.merkle import verify_inclusion as _verify_inclusion
from dadkhah.log.note import VerifierKey

Note = str | bytes
Keys = VerifierKey | Sequence[VerifierKey]
MAX_NAMED_LEAVES = 20  # beyond this many altered leaves, a list stops helping
FORK = "two signed, diverging logs"


@dataclass(frozen=True)
class LogVerification:
    """What ``verify_log`` established."""

    leaf_count: int
    checkpoints: tuple[Checkpoint, ...]  # every checkpoint given, in the order given

    @property
    def signed_size(self) -> int:
        """How many leaves the largest checkpoint covers."""
        return max((c.size for c in self.checkpoints), default=0)


def verify_inclusion(
    leaf: bytes,
    index: int,
    proof: Sequence[bytes],
    checkpoint: Note,
    keys: Keys,
    *,
    origin: str | None = None,
    what: str = "checkpoint",
) -> Checkpoint:
    """Check that ``leaf`` is leaf ``index`` of the log as of a signed checkpoint."""
    cp = open_checkpoint(checkpoint, keys, origin=origin, what=what)
    try:
        _verify_inclusion(index, cp.size, leaf_hash(leaf), proof, cp.root_hash)
    except ProofError as exc:
        raise IntegrityError(f"leaf {index} is not proven to be in {what} (size {cp.size}): {exc}") from exc
    return cp


def verify_consistency(
    older: Note,
    newer: Note,
    proof: Sequence[bytes],
    keys: Keys,
    *,
    origin: str | None = None,
    older_what: str = "the older checkpoint",
    newer_what: str = "the newer checkpoint",
) -> tuple[Checkpoint, Checkpoint]:
    """Check that signed checkpoint ``newer`` extends ``older`` (the log only grew)."""
    old = open_checkpoint(older, keys, origin=origin, what=older_what)
    new = open_checkpoint(newer, keys, origin=origin or old.origin, what=newer_what)
    try:
        _verify_consistency(old.size, new.size, proof, old.root_hash, new.root_hash)
    except ProofError as exc:
        raise IntegrityError(
            f"{newer_what} (size {new.size}) is not proven to extend {older_what} (size {old.size}): {exc}"
        ) from exc
    return old, new


def verify_leaves(
    leaves: Iterable[bytes],
    checkpoint: Note,
    keys: Keys,
    *,
    origin: str | None = None,
    recorded: Subtree | None = None,
) -> Checkpoint:
    """Check that ``leaves`` (the whole log, from leaf 0) reproduce a signed checkpoint."""
    return verify_log(leaves, [checkpoint], keys, origin=origin, recorded=recorded).checkpoints[0]


def verify_log(
    leaves: Iterable[bytes],
    checkpoints: Sequence[Note] | Mapping[str, Note],
    keys: Keys,
    *,
    origin: str | None = None,
    recorded: Subtree | None = None,
) -> LogVerification:
    """Check every checkpoint's signature, and that the leaves reproduce each one's root.

    Checkpoints are named by their key when given as a mapping, else ``checkpoint 1``, ``2``...
    in the order given. Since every root is recomputed from the same leaves, checkpoints that all
    hold are also consistent with one another. All problems are collected and raised together.
    """
    named = (
        list(checkpoints.items())
        if isinstance(checkpoints, Mapping)
        else [(f"checkpoint {k}", note) for k, note in enumerate(checkpoints, start=1)]
    )
    problems: list[str] = []
    opened: list[tuple[str, Checkpoint]] = []
    for what, note in named:
        try:
            cp = open_checkpoint(note, keys, origin=origin, what=what)
        except IntegrityError as exc:
            problems.append(str(exc))
            continue
        if origin is None:
            origin = cp.origin
        opened.append((what, cp))

    due = sorted(opened, key=lambda item: item[1].size)
    digests = bytearray()  # every leaf hash, 32 bytes each, kept only to locate altered leaves
    keep = recorded is not None
    acc = RootAccumulator()
    last_good = 0
    held: list[tuple[str, Checkpoint]] = []
    failed: list[tuple[str, Checkpoint, int]] = []

    def check_due() -> None:
        nonlocal last_good
        while due and due[0][1].size == acc.size:
            what, cp = due.pop(0)
            if acc.root() == cp.root_hash:
                last_good = cp.size
                held.append((what, cp))
            else:
                failed.append((what, cp, last_good))

    check_due()
    next_due = due[0][1].size if due else -1
    for data in leaves:
        digest = hashlib.sha256(b"\x00" + data).digest()  # leaf_hash(), inlined: once per leaf
        if keep:
            digests += digest
        acc.add(digest)
        if acc.size == next_due:
            check_due()
            next_due = due[0][1].size if due else -1
    for what, cp in due:
        problems.append(f"{what} (size {cp.size}): the log has only {acc.size} leaves; leaves were removed")

    for what, cp, lo in failed:
        head = f"{what} (size {cp.size}): the leaves do not reproduce its signed root"
        covering = next((w for w, c in held if c.size >= cp.size), None)
        if covering is not None:  # a later signature vouches for these leaves: this one is the odd one
            problems.append(f"{head}, yet {covering} covers the same leaves and holds: {FORK}")
            continue
        located = _locate(bytes(digests), cp, recorded) if recorded is not None else None
        if located is None:
            problems.append(f"{head}; a leaf in {lo}..{cp.size - 1} was altered, inserted or removed")
        else:
            problems.extend(f"{head}; {finding}" for finding in located)
    if problems:
        summary = f"{len(problems)} integrity problem(s) in the custody log"
        raise IntegrityError(summary + ":\n  " + "\n  ".join(problems))
    return LogVerification(acc.size, tuple(cp for _, cp in opened))


def _locate(digests: bytes, cp: Checkpoint, recorded: Subtree) -> list[str] | None:
    """Name the altered leaves of a failed checkpoint using the recorded subtree hashes.

    Returns ``None`` when the recorded hashes do not fold to the signed root (so they prove
    nothing), else one finding per altered leaf or damaged stretch.
    """

    def ours(level: int, index: int) -> bytes:
        start, stop = index << level, (index + 1) << level
        chunk = digests[start * HASH_SIZE : stop * HASH_SIZE]
        return tree_hash_from_leaf_hashes(chunk[i : i + HASH_SIZE] for i in range(0, len(chunk), HASH_SIZE))

    def theirs(level: int, index: int) -> bytes | None:
        try:
            return recorded(level, index)
        except IntegrityError:
            return None

    tops = peaks(cp.size)
    kept = [theirs(level, index) for level, index in tops]
    if any(h is None for h in kept) or root_from_peaks([h for h in kept if h is not None]) != cp.root_hash:
        return None
    findings: list[str] = []
    todo = [(level, index, h) for (level, index), h in zip(tops, kept, strict=True) if h is not None]
    todo = [t for t in todo if ours(t[0], t[1]) != t[2]][::-1]
    while todo and len(findings) < MAX_NAMED_LEAVES:
        level, index, signed = todo.pop()
        if level == 0:
            findings.append(
                f"leaf {index} was altered: its bytes hash to {ours(0, index).hex()}, "
                f"the signed tree holds {signed.hex()}"
            )
            continue
        left, right = theirs(level - 1, 2 * index), theirs(level - 1, 2 * index + 1)
        if left is None or right is None or node_hash(left, right) != signed:
            first, last = index << level, ((index + 1) << level) - 1
            findings.append(f"a leaf in {first}..{last} was altered (the recorded tree is damaged there)")
            continue
        for child, h in ((2 * index + 1, right), (2 * index, left)):
            if ours(level - 1, child) != h:
                todo.append((level - 1, child, h))
    if todo:
        findings.append(f"more than {MAX_NAMED_LEAVES} leaves were altered; only the first are named")
    return findings


__all__ = ["LogVerification", "verify_consistency", "verify_inclusion", "verify_leaves", "verify_log"]
