"""The custody log in the case database: a ``NodeStore`` on ``log_leaves`` and ``log_nodes``, and
the record of signed checkpoints.

Everything runs on the caller's connection, inside the caller's transaction, so that a custody
event commits with the rows it describes or not at all. Appends are serialised: on PostgreSQL
``begin_append`` locks ``log_leaves`` against other writers (readers are not blocked) until the
transaction ends; on SQLite the case's write transactions already hold the database's write lock
(``BEGIN IMMEDIATE``). Should two writers still race for one index, the primary key refuses the
second and ``put`` raises ``Conflict``: the log never forks, and the loser retries its transaction.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, and_, bindparam, func, insert, or_, select, text
from sqlalchemy import exc as sa_exc

from dadkhah.errors import Conflict, IntegrityError
from dadkhah.log.checkpoint import Checkpoint
from dadkhah.log.merkle import NodeID
from dadkhah.log.tables import log_checkpoints, log_leaves, log_nodes
from dadkhah.log.tree import LeafRecord, NodeRecord
from dadkhah.store.engine import bulk_insert, db_time

PAGE = 5000  # leaves per query when streaming

# Statements are built once: appends run them millions of times, and a constant statement is
# compiled once and then found in SQLAlchemy's cache.
_L, _N = log_leaves.c, log_nodes.c
_LAST_IDX = select(func.max(_L.idx))
_LEAF_HASHES = select(_L.idx, _L.leaf_hash).where(_L.idx.in_(bindparam("ids", expanding=True)))
_LEAF_PAGE = (
    select(_L.idx, _L.leaf_hash, _L.data, _L.recorded_at)
    .where(_L.idx >= bindparam("start"), _L.idx < bindparam("stop"))
    .order_by(_L.idx)
)
_DATA_PAGE = select(_L.data).where(_L.idx >= bindparam("start"), _L.idx < bindparam("stop")).order_by(_L.idx)
_INSERT_LEAF = insert(log_leaves)
_INSERT_NODES = insert(log_nodes)
_LEAF_COLUMNS = ("idx", "leaf_hash", "data", "recorded_at")
_NODE_COLUMNS = ("level", "idx", "hash")


_TERMS = 32  # (level, index list) terms per node lookup
_PER_TERM = 500  # indices per IN list: statements stay far below every backend's limits


@functools.cache
def _node_hashes(terms: int) -> Select[int, int, bytes]:
    """Look nodes up by primary key: ``level = ? AND idx IN (...)``, one term per level, OR-ed.

    SQLite answers each term with searches of the primary key (a row-value IN list would be
    shorter, but SQLite answers it by scanning the whole table), and the expression stays small
    whatever the number of nodes: one OR term per node overflows SQLite's expression depth limit
    (1,000) on a large batch.
    """
    clauses = (
        and_(_N.level == bindparam(f"l{k}"), _N.idx.in_(bindparam(f"i{k}", expanding=True)))
        for k in range(terms)
    )
    return select(_N.level, _N.idx, _N.hash).where(or_(*clauses))


def _node_queries(nodes: Sequence[NodeID]) -> Iterator[tuple[Select[int, int, bytes], dict[str, object]]]:
    """Statements and parameters that look ``nodes`` up, in bounded pieces."""
    by_level: dict[int, list[int]] = {}
    for level, idx in nodes:
        by_level.setdefault(level, []).append(idx)
    terms = [
        (level, indices[start : start + _PER_TERM])
        for level, indices in sorted(by_level.items())
        for start in range(0, len(indices), _PER_TERM)
    ]
    for first in range(0, len(terms), _TERMS):
        part = terms[first : first + _TERMS]
        params: dict[str, object] = {}
        for k, (level, indices) in enumerate(part):
            params[f"l{k}"], params[f"i{k}"] = level, indices
        yield _node_hashes(len(part)), params


class SqlNodeStore:
    """A ``NodeStore`` on the log tables, using the caller's connection and transaction.

    Within one transaction (while it holds the append lock) the store remembers the leaf count
    and the right-edge hashes it wrote, so a run of appends costs two INSERTs each and no reads.
    The memory is keyed on the transaction and savepoint in progress and dropped when they change.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._scope: tuple[object, object] | None = None
        self._count: int | None = None
        self._edge: dict[NodeID, bytes] = {}

    def _remembered(self) -> bool:
        """Whether what we remember still holds: same transaction, same savepoint, lock taken."""
        scope = (self.conn.get_transaction(), self.conn.get_nested_transaction())
        if scope != self._scope or scope[0] is None:
            self._scope, self._count, self._edge = scope, None, {}
        return self._count is not None

    def leaf_count(self) -> int:
        if self._remembered():
            assert self._count is not None
            return self._count
        last = self.conn.execute(_LAST_IDX).scalar()
        return 0 if last is None else int(last) + 1

    def begin_append(self) -> int:
        if self._remembered():
            assert self._count is not None
            return self._count
        if self.conn.dialect.name == "postgresql":
            # Self-conflicting, so one appender at a time; plain SELECTs still proceed.
            self.conn.execute(text("LOCK TABLE log_leaves IN SHARE ROW EXCLUSIVE MODE"))
        self._count = self.leaf_count()
        return self._count

    def get_hashes(self, nodes: Sequence[NodeID]) -> list[bytes]:
        self._remembered()
        found: dict[NodeID, bytes] = {node: self._edge[node] for node in nodes if node in self._edge}
        leaves = [idx for level, idx in nodes if level == 0 and (0, idx) not in found]
        upper = [(level, idx) for level, idx in nodes if level > 0 and (level, idx) not in found]
        for start in range(0, len(leaves), PAGE):
            for i, h in self.conn.execute(_LEAF_HASHES, {"ids": leaves[start : start + PAGE]}):
                found[(0, int(i))] = bytes(h)
        for query, params in _node_queries(upper):
            for lv, i, h in self.conn.execute(query, params):
                found[(int(lv), int(i))] = bytes(h)
        try:
            return [found[node] for node in nodes]
        except KeyError as missing:
            raise IntegrityError(f"the log tables have no hash for node {missing.args[0]}") from None

    def get_leaves(self, start: int, stop: int) -> Iterator[LeafRecord]:
        while start < stop:
            page = min(stop, start + PAGE)
            rows = self.conn.execute(_LEAF_PAGE, {"start": start, "stop": page}).all()
            for i, h, data, at in rows:
                yield LeafRecord(int(i), bytes(h), bytes(data), at)
            if len(rows) < page - start:
                return
            start = page

    def get_leaf_data(self, start: int, stop: int) -> Iterator[bytes]:
        while start < stop:
            page = min(stop, start + PAGE)
            rows = self.conn.execute(_DATA_PAGE, {"start": start, "stop": page}).scalars().all()
            for data in rows:
                yield bytes(data)
            if len(rows) < page - start:
                return
            start = page

    def put(self, leaf: LeafRecord, nodes: Sequence[NodeRecord]) -> None:
        remembered = self._remembered()
        try:
            self.conn.execute(_INSERT_LEAF, leaf._asdict())
            if nodes:
                self.conn.execute(_INSERT_NODES, [node._asdict() for node in nodes])
        except sa_exc.IntegrityError as exc:
            self._scope = None
            raise Conflict(
                f"leaf {leaf.idx} was appended by another writer first; retry the transaction"
            ) from exc
        if remembered:
            self._remember([leaf], nodes)

    def put_many(self, leaves: Sequence[LeafRecord], nodes: Sequence[NodeRecord]) -> None:
        if not leaves:
            return
        remembered = self._remembered()
        at = db_time(self.conn, leaves[0].recorded_at)
        stamps = {leaves[0].recorded_at: at}
        rows = []
        for leaf in leaves:
            stamp = stamps.get(leaf.recorded_at)
            if stamp is None:
                stamp = stamps[leaf.recorded_at] = db_time(self.conn, leaf.recorded_at)
            rows.append((leaf.idx, leaf.leaf_hash, leaf.data, stamp))
        try:
            bulk_insert(self.conn, log_leaves, _LEAF_COLUMNS, rows)
            bulk_insert(self.conn, log_nodes, _NODE_COLUMNS, nodes)
        except sa_exc.IntegrityError as exc:
            self._scope = None
            raise Conflict(
                f"leaf {leaves[0].idx} was appended by another writer first; retry the transaction"
            ) from exc
        if remembered:
            self._remember(leaves, nodes)

    def _remember(self, leaves: Sequence[LeafRecord], nodes: Sequence[NodeRecord]) -> None:
        self._count = leaves[-1].idx + 1
        # Keep only the right edge: a left child is needed once more, by the leaf that pairs it.
        for level, idx, digest in (*((0, leaf.idx, leaf.leaf_hash) for leaf in leaves), *nodes):
            if idx & 1:
                self._edge.pop((level, idx - 1), None)
            else:
                self._edge[(level, idx)] = digest


@dataclass(frozen=True)
class StoredCheckpoint:
    """A checkpoint the case signed, as kept: its sequence number, size, root and signed note."""

    seq: int
    size: int
    root_hash: bytes
    note: str
    signed_at: datetime

    def to_dict(self) -> dict[str, object]:
        """As the command line and the web API print it (the root hash in base64, as in the note)."""
        return {
            "seq": self.seq,
            "size": self.size,
            "root_hash": base64.b64encode(self.root_hash).decode("ascii"),
            "signed_at": self.signed_at.isoformat(),
            "note": self.note,
        }


def record_checkpoint(conn: Connection, checkpoint: Checkpoint, note: str, signed_at: datetime) -> int:
    """Keep a signed checkpoint; returns its sequence number."""
    seq = conn.execute(
        insert(log_checkpoints)
        .values(size=checkpoint.size, root_hash=checkpoint.root_hash, note=note, signed_at=signed_at)
        .returning(log_checkpoints.c.seq)
    ).scalar_one()
    return int(seq)


def load_checkpoints(conn: Connection) -> list[StoredCheckpoint]:
    """Every kept checkpoint, oldest first. Unverified: pass the notes to ``verify_log``."""
    c = log_checkpoints.c
    rows = conn.execute(select(c.seq, c.size, c.root_hash, c.note, c.signed_at).order_by(c.seq))
    return [StoredCheckpoint(int(q), int(n), bytes(r), note, at) for q, n, r, note, at in rows]


__all__ = ["SqlNodeStore", "StoredCheckpoint", "load_checkpoints", "record_checkpoint"]
