"""Verify a whole case: every blob re-hashed, the custody log recomputed, every checkpoint checked.

``verify_case`` collects every problem before reporting, each naming what failed and how:

- **blobs** — every file an evidence item claims is present and still hashes (SHA-256 and
  SHA-512) to what the item and its custody event recorded;
- **items** — every item holding a file has a custody event recording its arrival, and each
  capture record points at a leaf that names its item and hashes;
- **the log** — every stored hash recomputed from the leaf bytes (``MerkleTree.audit``), every leaf
  a canonical custody event, every checkpoint's signature checked against the case's public key
  and its root recomputed from the leaves (an altered leaf is named), each checkpoint proven
  consistent with the one before it, and the subject index matching the leaves.

Leaves not yet covered by a signed checkpoint, unreferenced blobs and temporary files left by
interrupted ingests are *notes*, not failures.

Whoever holds the case folder holds its public key, and with the signing key could rewrite the log
and sign it afresh. A recipient who does not trust the holder verifies against what they received
separately: the verifier key (``trusted_key``; the case's own is then only compared with it) and
checkpoints signed earlier (``held``): the log's first N leaves must still hash to the root each one
signed, which a rewritten log cannot do, whoever signs it now.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, select

from dadkhah.errors import DadkhahError, IntegrityError, NotFound
from dadkhah.log.canonical import EVENT_KINDS, FORBIDDEN_FIELDS, custody_event, decode_event
from dadkhah.log.case_log import actor_id, node_store
from dadkhah.log.checkpoint import open_checkpoint
from dadkhah.log.merkle import HASH_SIZE
from dadkhah.log.note import VerifierKey
from dadkhah.log.sql import StoredCheckpoint, load_checkpoints
from dadkhah.log.subjects import log_subjects
from dadkhah.log.tables import log_leaves, log_nodes
from dadkhah.log.tree import MerkleTree
from dadkhah.log.verify import verify_consistency, verify_log
from dadkhah.store.tables import claims, entities, retractions
from dadkhah.vault.tables import vault_captures

if TYPE_CHECKING:
    from dadkhah.case import Case

PAGE = 5000
MAX_NODE_PROBLEMS = 20
CHUNK = 4 << 20
_ARRIVALS = ("ingested", "derived", "imported")
_MEMBERS = {"v", "kind", "at", "actor", "subjects", "hashes", "fields"}
_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+\-]{0,199}")
_DIGEST = {"sha256": re.compile(r"[0-9a-f]{64}"), "sha512": re.compile(r"[0-9a-f]{128}")}
_NEVER = re.compile(r"(?!)")
_FIELD = re.compile(r"[a-z][a-z0-9_]{0,63}")
_SAFE = 2**53 - 1  # the largest integer canonical JSON writes
_L = log_leaves.c
_LEAF_ROWS = (
    select(_L.idx, _L.leaf_hash, _L.data)
    .where(_L.idx >= bindparam("start"), _L.idx < bindparam("stop"))
    .order_by(_L.idx)
)

_NONE: frozenset[str] = frozenset()
_NO_HASHES: dict[str, Any] = {}  # a marker: no such member
_S = log_subjects.c
_SUBJECT_ROWS = select(_S.idx, _S.subject).where(_S.idx >= bindparam("start"), _S.idx < bindparam("stop"))
Progress = Callable[[str, int], None]  # (stage, amount done since the last call)


@dataclass
class VerifyReport:
    """What ``verify_case`` checked and found."""

    leaves: int = 0
    checkpoints: int = 0
    signed_size: int = 0
    root: str = ""
    items: int = 0
    blobs: int = 0
    bytes: int = 0
    key: str = ""  # the verifier key checkpoints were checked against (name+keyid)
    key_trusted: bool = False  # it was given, not read from the case folder
    held: int = 0  # checkpoints received earlier, found still extended by the log
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, **self.__dict__}


def _nothing(stage: str, amount: int) -> None:
    return None


def verify_case(
    case: Case,
    *,
    progress: Progress = _nothing,
    record: bool = True,
    author: str | None = None,
    trusted_key: VerifierKey | None = None,
    held: Sequence[tuple[str, str]] = (),
) -> VerifyReport:
    """Check the case end to end (see the module docstring); optionally log a ``verified`` event.

    ``trusted_key``: check every checkpoint against this key rather than the case's own.
    ``held``: (name, signed note) of checkpoints received earlier, which the log must still extend.
    """
    report = VerifyReport()
    key = _key(case, trusted_key, report)
    with case.reading() as conn:
        arrivals = _check_log(conn, key, report, progress)
        if key is not None:
            _check_held(MerkleTree(node_store(conn)), held, key, report)
        _check_items(case, conn, arrivals, report, progress)
    tmp = case.blobs.root / "tmp"
    leftovers = sorted(tmp.glob("*")) if tmp.is_dir() else []
    if leftovers:
        report.notes.append(
            f"{len(leftovers)} temporary file(s) in {tmp} left by interrupted ingests; they are not part "
            "of the case and are removed by the next ingest"
        )
    if record:
        event = custody_event(
            "verified",
            at=datetime.now(UTC),
            actor=actor_id(author or case.owner),
            subjects=[f"case:{case.id}"],
            fields={
                "result": "passed" if report.ok else "failed",
                "problems": len(report.problems),
                "leaves": report.leaves,
                "root": report.root,
                "blobs": report.blobs,
                "key": report.key,
                "key_given": report.key_trusted,
                "held": report.held,
            },
        )
        case.custody.record(event)
    return report


def _key(case: Case, trusted: VerifierKey | None, report: VerifyReport) -> VerifierKey | None:
    """The key to check signatures with: the trusted one if given (the case's must be it)."""
    try:
        own: VerifierKey | None = case.custody.public_key().verifier
    except DadkhahError as exc:
        report.problems.append(f"custody-log key: {exc}")
        own = None
    if trusted is None:
        if own is not None:
            report.key = own.label
        return own
    report.key, report.key_trusted = trusted.label, True
    if own is not None and own != trusted:
        report.problems.append(
            f"the case's custody-log key {own.label} is not the key you trust ({trusted.label}); "
            "every checkpoint is checked against yours"
        )
    return trusted


def _check_held(
    tree: MerkleTree, held: Sequence[tuple[str, str]], key: VerifierKey, report: VerifyReport
) -> None:
    """Each checkpoint received earlier: signed by the trusted key, and still extended by the log."""
    for what, note in held:
        try:
            cp = open_checkpoint(note, key, origin=key.name, what=what)
        except DadkhahError as exc:
            report.problems.append(str(exc))
            continue
        if cp.size > tree.size:
            report.problems.append(
                f"{what} signed {cp.size} leaves; the log now has {tree.size}: leaves were removed"
            )
        elif tree.root(cp.size) != cp.root_hash:
            report.problems.append(
                f"{what}: the log's first {cp.size} leaves no longer hash to the root it signed: "
                "the log was rewritten after it was signed"
            )
        else:
            report.held += 1


# -- the log ------------------------------------------------------------------------------------


class _TreeCheck:
    """Recompute every complete subtree while the leaves stream past, then compare the stored ones.

    This is ``MerkleTree.audit`` folded into verification's single pass over the leaves, with the
    stored nodes read back as one ordered scan instead of lookups.
    """

    def __init__(self) -> None:
        self.levels: list[bytearray] = []  # level 1, 2, ...: the hashes of complete subtrees, in order
        self.stack: list[bytes] = []

    def add(self, idx: int, digest: bytes) -> None:
        h, n, level = digest, idx, 0
        while n & 1:
            h = hashlib.sha256(b"\x01" + self.stack.pop() + h).digest()
            n >>= 1
            level += 1
            if level > len(self.levels):
                self.levels.append(bytearray())
            self.levels[level - 1] += h
        self.stack.append(h)

    def compare(self, conn: Connection, report: VerifyReport) -> None:
        n = log_nodes.c
        seen = [0] * len(self.levels)
        found: list[str] = []
        for level, idx, stored in conn.execute(select(n.level, n.idx, n.hash).order_by(n.level, n.idx)):
            level, idx = int(level), int(idx)
            row = self.levels[level - 1] if 0 < level <= len(self.levels) else bytearray()
            expected = bytes(row[idx * HASH_SIZE : (idx + 1) * HASH_SIZE])
            if not expected:
                found.append(f"node ({level}, {idx}) is stored but the leaves form no such subtree")
                continue
            seen[level - 1] += 1
            if bytes(stored) != expected:
                found.append(f"node ({level}, {idx}): stored hash differs from the leaves")
        for level, row in enumerate(self.levels, start=1):
            if seen[level - 1] != len(row) // HASH_SIZE:
                found.append(
                    f"level {level} of the tree has {seen[level - 1]} stored nodes, "
                    f"not {len(row) // HASH_SIZE}"
                )
        if len(found) > MAX_NODE_PROBLEMS:
            found = [
                *found[:MAX_NODE_PROBLEMS],
                f"... and {len(found) - MAX_NODE_PROBLEMS} more stored nodes",
            ]
        report.problems += [f"custody log: {p}" for p in found]


def _check_log(
    conn: Connection, key: VerifierKey | None, report: VerifyReport, progress: Progress
) -> dict[int, dict[str, Any]]:
    tree = MerkleTree(node_store(conn))
    report.leaves = size = tree.size
    report.root = tree.root().hex()
    kept = load_checkpoints(conn)
    report.checkpoints = len(kept)
    wanted = {int(i) for i in conn.execute(select(vault_captures.c.leaf_idx)).scalars()}
    arrivals: dict[int, dict[str, Any]] = {}
    nodes = _TreeCheck()

    def leaves() -> Iterator[bytes]:
        expect = 0
        for start in range(0, size, PAGE):
            indexed = _subjects_between(conn, start, start + PAGE)
            rows = conn.execute(_LEAF_ROWS, {"start": start, "stop": start + PAGE}).all()
            for idx, stored, data in rows:
                idx, data = int(idx), bytes(data)
                if idx != expect:
                    report.problems.append(f"custody log: leaves {expect}..{idx - 1} are missing")
                expect = idx + 1
                digest = hashlib.sha256(b"\x00" + data).digest()
                if digest != bytes(stored):
                    report.problems.append(
                        f"custody log: leaf {idx}: its bytes do not hash to its stored leaf hash"
                    )
                nodes.add(idx, digest)
                event = _event(data, idx, report)
                if event is not None:
                    if indexed.get(idx, _NONE) != set(event["subjects"]):
                        report.problems.append(f"leaf {idx}: the subject index does not match the leaf")
                    if idx in wanted:
                        arrivals[idx] = event
                yield data
            progress("leaves", min(PAGE, size - start))

    if key is None:
        for _ in leaves():
            pass
        nodes.compare(conn, report)
        return arrivals
    notes = {f"checkpoint {cp.seq}": cp.note for cp in kept}
    try:
        result = verify_log(leaves(), notes, key, origin=key.name, recorded=tree.recorded_hash)
        report.signed_size = result.signed_size
    except IntegrityError as exc:
        report.problems += [line.strip() for line in str(exc).splitlines()[1:]] or [str(exc)]
        report.signed_size = max((cp.size for cp in kept), default=0)
    nodes.compare(conn, report)
    _check_consistency(tree, kept, key, report)
    if report.signed_size < size:
        uncovered = size - report.signed_size
        report.notes.append(
            f"the last {uncovered} leaf(s) are not yet covered by a signed checkpoint; "
            "run 'dadkhah log checkpoint'"
        )
    return arrivals


def _subjects_between(conn: Connection, start: int, stop: int) -> dict[int, set[str]]:
    """``subjects_between``, fetched at once (verification reads every row of the index)."""
    found: dict[int, set[str]] = {}
    for idx, subject in conn.execute(_SUBJECT_ROWS, {"start": start, "stop": stop}).all():
        entry = found.get(idx)
        if entry is None:
            found[idx] = {subject}
        else:
            entry.add(subject)
    return found


def _check_consistency(
    tree: MerkleTree, kept: list[StoredCheckpoint], key: VerifierKey, report: VerifyReport
) -> None:
    """Each checkpoint, in the order signed, is proven to extend the one before it."""
    for older, newer in zip(kept, kept[1:], strict=False):
        what = f"checkpoint {newer.seq} (size {newer.size})"
        if newer.size < older.size:
            report.problems.append(
                f"{what} is smaller than checkpoint {older.seq} (size {older.size}) before it"
            )
            continue
        if newer.size > tree.size:
            continue  # already reported: leaves were removed
        try:
            proof = tree.consistency_proof(older.size, newer.size)
            verify_consistency(
                older.note,
                newer.note,
                proof,
                key,
                origin=key.name,
                older_what=f"checkpoint {older.seq}",
                newer_what=what,
            )
        except DadkhahError as exc:
            message = f"{what} is not proven consistent with checkpoint {older.seq}: {exc}"
            if message not in report.problems:
                report.problems.append(message)


def _event(data: bytes, idx: int, report: VerifyReport) -> dict[str, Any] | None:
    """A leaf as a custody event. A fast check first; any doubt goes to ``decode_event``, the authority.

    The fast check accepts exactly what ``decode_event`` accepts among the events Dadkhah writes:
    JSON without floats, every object key ASCII and every integer within JSON's safe range (so the
    standard library's sorted, compact encoding *is* the RFC 8785 form), and the members, ids,
    time, hashes and field names a custody event must have.
    """
    try:
        value = _DECODE(data.decode("utf-8"))
        if _plausible(value) and _ENCODE(value).encode("utf-8") == data:
            return value  # type: ignore[no-any-return]
    except (ValueError, UnicodeError, TypeError, RecursionError):
        pass
    try:
        return decode_event(data, index=idx)
    except IntegrityError as exc:
        report.problems.append(str(exc))
        return None


def _plausible(v: Any) -> bool:
    """The shape of a version-1 custody event, as ``custody_event`` builds it."""
    if type(v) is not dict or not v.keys() <= _MEMBERS or v.get("v") != 1 or v.get("kind") not in EVENT_KINDS:
        return False
    at, actor, subjects = v.get("at"), v.get("actor"), v.get("subjects")
    if type(at) is not str or not _AT.fullmatch(at):
        return False
    datetime.fromisoformat(at[:-1])  # a real date and time (ValueError otherwise)
    if type(actor) is not str or not _ID.fullmatch(actor) or type(subjects) is not list:
        return False
    ident = _ID.fullmatch
    for subject in subjects:
        if type(subject) is not str or not ident(subject):
            return False
    hashes = v.get("hashes", _NO_HASHES)
    if hashes is not _NO_HASHES:
        if type(hashes) is not dict or not hashes:
            return False
        for alg, digest in hashes.items():
            pattern = _DIGEST.get(alg)
            if pattern is None or type(digest) is not str or not pattern.fullmatch(digest):
                return False
    fields = v.get("fields", _NO_HASHES)
    if fields is not _NO_HASHES:
        if type(fields) is not dict or not fields:
            return False
        for key, value in fields.items():
            if not _FIELD.fullmatch(key) or key in FORBIDDEN_FIELDS or not _plain(value):
                return False
    return True


def _plain(value: Any) -> bool:
    """A JSON value whose compact sorted encoding is its RFC 8785 form (see ``_event``)."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        return bool(-_SAFE <= value <= _SAFE)
    if kind is list:
        return all(_plain(item) for item in value)
    if kind is dict:
        return all(k.isascii() and _plain(item) for k, item in value.items())
    return False


def _no_float(text: str) -> float:
    raise ValueError("a float: canonical JSON has its own spelling of numbers")


_DECODE = json.JSONDecoder(parse_float=_no_float, parse_constant=_no_float).decode  # floats: slow path
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


# -- items and blobs ----------------------------------------------------------------------------


def _current_hashes(conn: Connection) -> dict[str, dict[str, set[str]]]:
    """Every evidence item's current sha256 and sha512 claims: item → {prop: {digest}}."""
    retracted = select(retractions.c.claim_id)
    superseded = select(claims.c.supersedes).where(claims.c.supersedes.is_not(None))
    query = (
        select(claims.c.entity_id, claims.c.prop, claims.c.value)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(
            entities.c.schema == "EvidenceItem",
            claims.c.prop.in_(["sha256", "sha512"]),
            claims.c.id.not_in(retracted),
            claims.c.id.not_in(superseded),
        )
    )
    found: dict[str, dict[str, set[str]]] = {}
    for item, prop, value in conn.execute(query):
        found.setdefault(item, {}).setdefault(prop, set()).add(value)
    return found


def _check_items(
    case: Case,
    conn: Connection,
    arrivals: dict[int, dict[str, Any]],
    report: VerifyReport,
    progress: Progress,
) -> None:
    items = _current_hashes(conn)
    report.items = len(items)
    c = vault_captures.c
    logged: set[str] = set()
    for capture_id, item, leaf, sha256 in conn.execute(select(c.id, c.item_id, c.leaf_idx, c.sha256)):
        logged.add(item)
        event = arrivals.get(int(leaf))
        where = f"item {item}: capture {capture_id}"
        if event is None:
            if int(leaf) >= report.leaves:
                report.problems.append(f"{where} points at leaf {leaf}, which the log does not have")
            continue  # an unreadable leaf is reported already
        if f"item:{item}" not in event["subjects"] or event.get("hashes", {}).get("sha256") != sha256:
            report.problems.append(f"{where}: leaf {leaf} does not record this item and its hash")
    expected: dict[str, set[str]] = {}  # blob → items that claim it
    for item, props in sorted(items.items()):
        if item not in logged:
            report.problems.append(f"item {item} holds a file but no custody event records its arrival")
        for digest in props.get("sha256", set()):
            expected.setdefault(digest, set()).add(item)
    sha512_of = {
        d: props.get("sha512", set()) for item, props in items.items() for d in props.get("sha256", set())
    }
    for digest in sorted(expected):
        names = ", ".join(f"item {i}" for i in sorted(expected[digest]))
        try:
            got256, got512, size = _rehash(case, digest, progress)
        except NotFound:
            report.problems.append(f"{names}: its file (blob {digest}) is missing from the blob store")
            continue
        report.blobs += 1
        report.bytes += size
        if got256 != digest:
            report.problems.append(f"{names}: blob {digest} now hashes to {got256}: its bytes were altered")
        elif sha512_of.get(digest) and got512 not in sha512_of[digest]:
            report.problems.append(f"{names}: blob {digest} no longer matches its recorded SHA-512")
    stray = [d for d in case.blobs if d not in expected]
    if stray:
        report.notes.append(
            f"{len(stray)} blob(s) are not referenced by any item (left by an ingest interrupted "
            "before it committed); they are harmless and re-used if the same bytes are ingested again"
        )


def _rehash(case: Case, digest: str, progress: Progress) -> tuple[str, str, int]:
    h256, h512, size = hashlib.sha256(), hashlib.sha512(), 0
    with case.blobs.open(digest) as stream:
        while chunk := stream.read(CHUNK):
            h256.update(chunk)
            h512.update(chunk)
            size += len(chunk)
            progress("bytes", len(chunk))
    return h256.hexdigest(), h512.hexdigest(), size


__all__ = ["VerifyReport", "verify_case"]
