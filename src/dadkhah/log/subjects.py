"""Which leaves are about which subject: an index from ``item:…``, ``blob:…``, ``bag:…`` to leaves.

Derived data, written with each leaf in the same transaction, so that "every custody event of
this item" (for an inclusion proof, a bag, a history) is an index lookup instead of a pass over
the whole log. ``dadkhah verify`` rebuilds it from the leaves and reports any difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import BigInteger, Column, Connection, Index, String, Table, bindparam, insert, select

from dadkhah.store.engine import bulk_insert
from dadkhah.store.tables import metadata

log_subjects = Table(
    "log_subjects",
    metadata,
    Column("subject", String(200), primary_key=True),
    Column("idx", BigInteger, primary_key=True, autoincrement=False),
    Index("ix_log_subjects_idx", "idx"),
    sqlite_with_rowid=False,
)

_INSERT = insert(log_subjects)
_LEAVES_OF = (
    select(log_subjects.c.idx)
    .where(log_subjects.c.subject.in_(bindparam("subjects", expanding=True)))
    .distinct()
    .order_by(log_subjects.c.idx)
)


def index_subjects(conn: Connection, idx: int, subjects: Iterable[str]) -> None:
    rows = [{"subject": s, "idx": idx} for s in dict.fromkeys(subjects)]
    if rows:
        conn.execute(_INSERT, rows)


def index_subjects_of(conn: Connection, leaves: Iterable[tuple[int, Iterable[str]]]) -> None:
    """``index_subjects`` for many leaves at once: ``(idx, subjects)`` pairs."""
    rows = [(s, idx) for idx, subjects in leaves for s in dict.fromkeys(subjects)]
    bulk_insert(conn, log_subjects, ("subject", "idx"), rows)


def leaves_about(conn: Connection, subjects: Sequence[str]) -> list[int]:
    """The indices of the leaves naming any of ``subjects``, in order."""
    if not subjects:
        return []
    return [int(i) for i in conn.execute(_LEAVES_OF, {"subjects": list(subjects)}).scalars()]


def subjects_between(conn: Connection, start: int, stop: int) -> dict[int, set[str]]:
    """The indexed subjects of leaves ``start`` to ``stop - 1`` (for verification)."""
    c = log_subjects.c
    found: dict[int, set[str]] = {}
    for idx, subject in conn.execute(select(c.idx, c.subject).where(c.idx >= start, c.idx < stop)):
        found.setdefault(int(idx), set()).add(subject)
    return found


__all__ = ["index_subjects", "index_subjects_of", "leaves_about", "log_subjects", "subjects_between"]
