"""Database engines for the embedded default (SQLite, WAL) and for teams (PostgreSQL)."""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from dadkhah.errors import CaseError

_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def make_engine(url: str, *, base: Path | None = None, schema: str | None = None) -> Engine:
    """An engine for ``url``; a relative SQLite path is taken relative to ``base`` (the case folder)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not Path(database).is_absolute() and base is not None:
            parsed = parsed.set(database=str(base / database))
        return _sqlite_engine(parsed.render_as_string(hide_password=False))
    if parsed.get_backend_name() == "postgresql":
        return _postgresql_engine(parsed.render_as_string(hide_password=False), schema)
    raise CaseError(f"unsupported database '{parsed.get_backend_name()}'; use sqlite or postgresql")


def _sqlite_engine(url: str) -> Engine:
    # isolation_level=None hands transaction control to us, so that writers can take the write
    # lock up front (BEGIN IMMEDIATE) instead of failing to upgrade a read lock mid-transaction.
    engine = create_engine(url, connect_args={"isolation_level": None, "timeout": 60})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed custody event survives power loss, not just a crashed process.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        # A bigger page cache (64 MiB, allocated only as used) keeps the indexes of a bulk load in
        # memory; durability is unchanged.
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgresql_engine(url: str, schema: str | None) -> Engine:
    connect_args: dict[str, Any] = {}
    if schema:
        if not _SCHEMA_NAME.match(schema):
            raise CaseError(f"'{schema}' is not a valid PostgreSQL schema name (lower case, digits, _)")
        connect_args["options"] = f"-csearch_path={schema}"
    engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    if schema:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    return engine


def _alembic_config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "dadkhah.store:migrations")
    cfg.attributes["connection"] = conn
    return cfg


@contextmanager
def _write(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn = conn.execution_options(immediate=True)
        with conn.begin():
            yield conn


def migrate(engine: Engine) -> None:
    """Bring the database to every head of every migration branch (core and services)."""
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_heads()
            cfg = _alembic_config(conn)
        script = ScriptDirectory.from_config(cfg)
        # Alembic stores only the tips of the branches; a revision another depends on (core_0001)
        # is applied when it is among their ancestors.
        applied = {r.revision for r in script.revision_map.iterate_revisions(current, "base") if r}
        if set(script.get_heads()) <= applied:
            return
        with _write(engine) as conn:
            command.upgrade(_alembic_config(conn), "heads")
    except OperationalError as error:
        raise CaseError(f"cannot open the database: {error.orig}") from None


def db_time(conn: Connection, at: datetime) -> object:
    """``at`` (timezone-aware) as :func:`bulk_insert` must be given it for a ``UtcDateTime`` column:
    naive UTC text on SQLite, exactly as SQLAlchemy writes it there; the datetime elsewhere."""
    if conn.dialect.name == "sqlite":
        return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return at


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """Insert rows given as tuples in ``columns`` order, in the caller's transaction.

    The rows go to the driver as multi-row ``INSERT ... VALUES (...), (...)`` statements of up to
    500 rows. SQLAlchemy's per-row parameter processing would cost more than the insert itself; a
    statement per row costs PostgreSQL a round of parsing and executor start-up each; and on
    SQLite an insert that fires the full-text trigger makes FTS5 flush its pending terms at the end
    of every *statement* (about four times the cost per row with one row per statement). Values
    must already be in stored form (times through :func:`db_time`).
    """
    if not rows:
        return
    dialect = conn.dialect.name
    if dialect == "postgresql":
        _copy(conn, table.name, tuple(columns), rows)
        return
    names = tuple(columns)
    limit = _SQLITE_VARIABLES if dialect == "sqlite" else _POSTGRES_VARIABLES
    per = max(1, min(_ROWS, limit // len(names)))
    marker = "?" if dialect == "sqlite" else "%s"
    full = len(rows) - len(rows) % per
    if full:
        flat = [tuple(v for row in rows[s : s + per] for v in row) for s in range(0, full, per)]
        conn.exec_driver_sql(_multi_insert(table.name, names, per, marker), flat)
    if full < len(rows):
        rest = tuple(v for row in rows[full:] for v in row)
        conn.exec_driver_sql(_multi_insert(table.name, names, len(rows) - full, marker), rest)


def _copy(conn: Connection, table: str, columns: tuple[str, ...], rows: Sequence[Sequence[object]]) -> None:
    """PostgreSQL's COPY, on the connection's own transaction (psycopg adapts each value). Driver
    errors are raised as SQLAlchemy's, as from any other statement (``IntegrityError``...)."""
    names = ", ".join(f'"{c}"' for c in columns)
    statement = f'COPY "{table}" ({names}) FROM STDIN'
    driver = conn.connection.driver_connection
    assert driver is not None
    dbapi_error = conn.dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except dbapi_error as exc:
        raise DBAPIError.instance(statement, None, exc, dbapi_error, dialect=conn.dialect) from exc


_SQLITE_VARIABLES = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999  # per statement
_POSTGRES_VARIABLES = 65535
_ROWS = 500


@functools.lru_cache(maxsize=256)
def _multi_insert(table: str, columns: tuple[str, ...], rows: int, marker: str) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    one = "(" + ", ".join([marker] * len(columns)) + ")"
    return f'INSERT INTO "{table}" ({names}) VALUES {", ".join([one] * rows)}'  # noqa: S608 (our names)
