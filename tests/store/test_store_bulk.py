"""Bulk inserts (multi-row INSERT on SQLite, COPY on PostgreSQL) store what SQLAlchemy would."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import exc, insert, select

from dadkhah.case import Case
from dadkhah.log.tables import log_leaves
from dadkhah.store.engine import bulk_insert, db_time
from dadkhah.store.tables import entities

AT = datetime(2024, 3, 1, 12, 30, 5, 7, tzinfo=UTC)


def test_rows_read_back_as_sqlalchemy_wrote_them(case: Case) -> None:
    rows = [
        (i, bytes([i % 256]) * 32, b"leaf \x00\xff %d" % i, AT) for i in range(1234)
    ]  # several statements
    with case.writer() as w:
        stamp = db_time(w.conn, AT)
        bulk_insert(
            w.conn, log_leaves, ("idx", "leaf_hash", "data", "recorded_at"), [(*r[:3], stamp) for r in rows]
        )
        w.conn.execute(
            insert(log_leaves), [{"idx": 5000, "leaf_hash": b"h" * 32, "data": b"x", "recorded_at": AT}]
        )
    with case.reading() as conn:
        got = conn.execute(select(log_leaves).where(log_leaves.c.idx < 5000).order_by(log_leaves.c.idx)).all()
        mine = conn.execute(select(log_leaves.c.recorded_at).where(log_leaves.c.idx == 0)).scalar()
        theirs = conn.execute(select(log_leaves.c.recorded_at).where(log_leaves.c.idx == 5000)).scalar()
    assert [tuple(r) for r in got] == rows
    assert mine == theirs == AT


def test_a_duplicate_key_is_sqlalchemys_integrity_error_and_nothing_is_kept(case: Case) -> None:
    columns = ("id", "schema", "created_at", "created_by")
    with case.writer() as w:
        bulk_insert(w.conn, entities, columns, [("A" * 26, "Person", db_time(w.conn, AT), "ana")])
    with pytest.raises(exc.IntegrityError), case.writer() as w:
        stamp = db_time(w.conn, AT)
        bulk_insert(
            w.conn,
            entities,
            columns,
            [("B" * 26, "Person", stamp, "ana"), ("A" * 26, "Person", stamp, "ana")],
        )
    with case.reading() as conn:
        assert conn.execute(
            select(entities.c.id).where(entities.c.id.in_(["A" * 26, "B" * 26]))
        ).scalars().all() == ["A" * 26]
