"""The log's migration creates what ``tables.py`` declares, and the database refuses rewrites."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import DatabaseError

from dadkhah.log.sql import SqlNodeStore, record_checkpoint
from dadkhah.log.tables import APPEND_ONLY, log_checkpoints, log_leaves, log_nodes
from dadkhah.log.tree import MemoryNodeStore, MerkleTree
from dadkhah.store.engine import make_engine, migrate

PG_URL = os.environ.get("DADKHAH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def migrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    schema = None if request.param == "sqlite" else f"t_logm_{uuid.uuid4().hex[:10]}"
    engine = make_engine(f"sqlite:///{tmp_path / 'case.db'}" if schema is None else PG_URL, schema=schema)
    try:
        migrate(engine)  # every branch, the log's revision (log_0001 → migration.upgrade) included
        yield engine
    finally:
        engine.dispose()
        if schema:
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()


def test_migration_creates_the_declared_tables(migrated: Engine) -> None:
    found = inspect(migrated)
    for table in (log_leaves, log_nodes, log_checkpoints):
        columns = {c["name"]: c for c in found.get_columns(table.name)}
        assert list(columns) == [c.name for c in table.columns]
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, (table.name, column.name)
        assert found.get_pk_constraint(table.name)["constrained_columns"] == [
            c.name for c in table.primary_key
        ]


def test_the_log_tables_refuse_updates_and_deletes(migrated: Engine) -> None:
    with migrated.connect() as conn:
        conn = conn.execution_options(immediate=True)
        with conn.begin():
            tree = MerkleTree(SqlNodeStore(conn))
            for i in range(4):
                tree.append(b"%d" % i)
            cp = tree.checkpoint("dadkhah.example/case/M")
            record_checkpoint(conn, cp, cp.body(), datetime(2024, 3, 1, tzinfo=UTC))
        column = {"log_leaves": "data", "log_nodes": "hash", "log_checkpoints": "note"}
        assert set(column) == set(APPEND_ONLY)
        for table, col in column.items():
            for statement in (f"UPDATE {table} SET {col} = {col}", f"DELETE FROM {table}"):
                with pytest.raises(DatabaseError, match="append-only"), conn.begin():
                    conn.execute(text(statement))
    with migrated.connect() as conn:
        memory = MerkleTree(MemoryNodeStore())
        for i in range(4):
            memory.append(b"%d" % i)
        assert MerkleTree(SqlNodeStore(conn)).root() == memory.root()
