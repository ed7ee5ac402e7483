"""The custody log on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Engine, create_engine, event, text, update

from dadkhah.errors import Conflict, IntegrityError
from dadkhah.log import sql
from dadkhah.log.checkpoint import sign_checkpoint
from dadkhah.log.merkle import leaf_hash
from dadkhah.log.note import NoteSigner
from dadkhah.log.sql import SqlNodeStore, load_checkpoints, record_checkpoint
from dadkhah.log.tables import log_checkpoints, log_leaves, log_nodes
from dadkhah.log.tree import LeafRecord, MemoryNodeStore, MerkleTree
from dadkhah.log.verify import verify_log
from dadkhah.store.engine import make_engine
from dadkhah.store.tables import metadata

PG_URL = os.environ.get("DADKHAH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
FIXTURE = json.loads(Path("/work/shared/fixtures/merkle-vectors.json").read_text())
CT = json.loads((Path(__file__).parent / "ct_vectors.json").read_text())
ORIGIN = "dadkhah.example/case/01HVSQLTEST"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'log.db'}")
        schema = None
    else:
        schema = f"t_log_{uuid.uuid4().hex[:10]}"
        eng = make_engine(PG_URL, schema=schema)
    metadata.create_all(eng, tables=[log_leaves, log_nodes, log_checkpoints])
    try:
        yield eng
    finally:
        eng.dispose()
        if schema:
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()


def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction as the case opens one (SQLite: BEGIN IMMEDIATE)."""
    with engine.connect() as conn:
        conn = conn.execution_options(immediate=True)
        with conn.begin():
            yield conn


def append_all(engine: Engine, leaves: list[bytes]) -> None:
    for conn in writing(engine):
        tree = MerkleTree(SqlNodeStore(conn))
        for data in leaves:
            tree.append(data)


def test_standard_leaves_give_the_published_roots_and_ct_proofs(engine: Engine) -> None:
    for data in (bytes.fromhex(h) for h in FIXTURE["leaves_hex"]):
        append_all(engine, [data])  # one transaction per leaf
    with engine.connect() as conn:
        tree = MerkleTree(SqlNodeStore(conn))
        assert tree.size == 8
        for n, root in FIXTURE["roots_hex"].items():
            assert tree.root(int(n)).hex() == root
        for v in CT["inclusion"]:
            assert [p.hex() for p in tree.inclusion_proof(v["index"], v["size"])] == v["proof"]
        for v in CT["consistency"]:
            assert [p.hex() for p in tree.consistency_proof(v["old"], v["new"])] == v["proof"]


def test_sql_and_memory_stores_agree(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql, "PAGE", 7)  # make streaming cross several pages
    leaves = [b"event %d" % i for i in range(100)]
    append_all(engine, leaves[:37])
    append_all(engine, leaves[37:])
    memory = MerkleTree(MemoryNodeStore())
    for data in leaves:
        memory.append(data)
    with engine.connect() as conn:
        tree = MerkleTree(SqlNodeStore(conn))
        assert [r.data for r in tree.leaves()] == leaves
        assert [r.idx for r in tree.leaves(40, 52)] == list(range(40, 52))
        assert tree.leaf(99).recorded_at.tzinfo is not None
        for size in (1, 37, 64, 99, 100):
            assert tree.root(size) == memory.root(size)
            assert tree.inclusion_proof(size // 2, size) == memory.inclusion_proof(size // 2, size)
            assert tree.consistency_proof(size // 3, size) == memory.consistency_proof(size // 3, size)
        assert tree.audit(batch=10) == []


def test_a_stale_writer_gets_a_conflict_and_the_log_does_not_fork(engine: Engine) -> None:
    append_all(engine, [b"zero", b"one"])
    stale = LeafRecord(1, leaf_hash(b"forked"), b"forked", datetime.now(UTC))
    with pytest.raises(Conflict, match="leaf 1 was appended by another writer first"):
        for conn in writing(engine):
            SqlNodeStore(conn).put(stale, [])
    with engine.connect() as conn:
        assert [r.data for r in MerkleTree(SqlNodeStore(conn)).leaves()] == [b"zero", b"one"]


def test_concurrent_writers_lose_no_leaf(engine: Engine) -> None:
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for i in range(40):
                append_all(engine, [f"{name} {i}".encode()])
        except BaseException as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with engine.connect() as conn:
        tree = MerkleTree(SqlNodeStore(conn))
        data = [r.data.decode() for r in tree.leaves()]
        assert sorted(data) == sorted(f"{n} {i}" for n in "AB" for i in range(40))
        assert [d for d in data if d.startswith("A")] == [f"A {i}" for i in range(40)]  # each in order
        assert tree.audit() == []


def test_checkpoints_are_kept_and_a_tampered_leaf_row_is_named(engine: Engine) -> None:
    signer = NoteSigner(ORIGIN, Ed25519PrivateKey.from_private_bytes(bytes(range(32))))
    at = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    for chunk in ([b"e%d" % i for i in range(10)], [b"e%d" % i for i in range(10, 25)]):
        for conn in writing(engine):
            tree = MerkleTree(SqlNodeStore(conn))
            for data in chunk:
                tree.append(data)
            cp = tree.checkpoint(ORIGIN)
            record_checkpoint(conn, cp, sign_checkpoint(cp, signer), at)
    with engine.connect() as conn:
        kept = load_checkpoints(conn)
        assert [(k.seq, k.size) for k in kept] == [(1, 10), (2, 25)]
        assert kept[1].signed_at == at
        tree = MerkleTree(SqlNodeStore(conn))
        notes = [k.note for k in kept]
        leaves = [r.data for r in tree.leaves()]
        assert verify_log(leaves, notes, signer.verifier, origin=ORIGIN).signed_size == 25
    for conn in writing(engine):  # an attacker edits one leaf's bytes in the database
        conn.execute(update(log_leaves).where(log_leaves.c.idx == 17).values(data=b"e17 (edited)"))
    with engine.connect() as conn:
        tree = MerkleTree(SqlNodeStore(conn))
        leaves = [r.data for r in tree.leaves()]
        with pytest.raises(IntegrityError, match="checkpoint 2 \\(size 25\\).*leaf 17 was altered"):
            verify_log(leaves, notes, signer.verifier, origin=ORIGIN, recorded=tree.recorded_hash)
        assert tree.audit() == [
            "leaf 17: its bytes do not hash to its stored leaf hash",
            "node (1, 8): stored hash differs from the leaves",  # every complete subtree above it
            "node (2, 4): stored hash differs from the leaves",
            "node (3, 2): stored hash differs from the leaves",
        ]


def test_a_missing_node_row_is_an_integrity_error(engine: Engine) -> None:
    append_all(engine, [b"a", b"b", b"c"])
    with engine.connect() as conn, pytest.raises(IntegrityError, match="no hash for node \\(1, 1\\)"):
        SqlNodeStore(conn).get_hashes([(1, 0), (1, 1)])


def test_what_the_store_remembers_never_outlives_its_transaction_or_savepoint(engine: Engine) -> None:
    with engine.connect() as conn:
        conn = conn.execution_options(immediate=True)
        store = SqlNodeStore(conn)
        tree = MerkleTree(store)
        with conn.begin():
            tree.append(b"kept 0")
            savepoint = conn.begin_nested()
            tree.append(b"undone 1")
            tree.append(b"undone 2")
            savepoint.rollback()
            tree.append(b"kept 1")  # must land at index 1, not 3
        append_all(engine, [b"other writer"])  # between our transactions, on another connection
        with conn.begin():
            tree.append(b"kept 2")  # the same store object, a new transaction: index 3
        with conn.begin():
            assert [r.data for r in tree.leaves()] == [b"kept 0", b"kept 1", b"other writer", b"kept 2"]
            assert tree.audit() == []
            memory = MerkleTree(MemoryNodeStore())
            for r in tree.leaves():
                memory.append(r.data)
            assert tree.root() == memory.root()


def test_no_log_query_scans_a_table_on_sqlite(tmp_path: Path) -> None:
    # O(log n) holds only if every lookup uses a primary key; SQLite's planner says so or not.
    eng = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    metadata.create_all(eng, tables=[log_leaves, log_nodes, log_checkpoints])
    seen: dict[str, tuple] = {}

    @event.listens_for(eng, "before_cursor_execute")
    def capture(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            seen.setdefault(statement, parameters)

    append_all(eng, [b"%d" % i for i in range(37)])
    append_all(eng, [b"%d" % i for i in range(37, 70)])
    with eng.connect() as conn:
        tree = MerkleTree(SqlNodeStore(conn))
        tree.root(50)
        tree.inclusion_proof(21, 70)
        tree.consistency_proof(23, 61)
        assert list(tree.leaf_data(3, 6)) == [b"3", b"4", b"5"]
        assert tree.leaf(9).data == b"9"
        event.remove(eng, "before_cursor_execute", capture)
        assert len(seen) >= 5
        for statement, params in seen.items():
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
            plan = " | ".join(row[3] for row in rows)
            assert "SCAN log_" not in plan, (statement, plan)
    eng.dispose()


def test_audit_with_its_default_batch_reads_over_a_thousand_nodes_in_bounded_queries(engine: Engine) -> None:
    # One OR term per node overflowed SQLite's expression depth (1,000) beyond ~1,000 nodes.
    append_all(engine, [b"leaf %d" % i for i in range(1100)])
    with engine.connect() as conn:
        tree = MerkleTree(SqlNodeStore(conn))
        assert tree.audit() == []  # 1,095 stored nodes, looked up in one batch
        nodes = [(1, i) for i in range(550)] + [(2, i) for i in range(275)] + [(10, 0)]
        memory = MerkleTree(MemoryNodeStore())
        for i in range(1100):
            memory.append(b"leaf %d" % i)
        assert SqlNodeStore(conn).get_hashes(nodes) == memory.store.get_hashes(nodes)


def test_runs_appended_at_once_match_single_appends_in_the_database(engine: Engine) -> None:
    memory = MerkleTree(MemoryNodeStore())
    for conn in writing(engine):
        tree = MerkleTree(SqlNodeStore(conn))
        tree.append(b"first")
        tree.append_many([b"run %d" % i for i in range(5)])  # the edge remembered from the append
        tree.append_many([b"run %d" % i for i in range(5, 12)])
    append_all(engine, [b"alone"])
    for conn in writing(engine):
        MerkleTree(SqlNodeStore(conn)).append_many([b"after %d" % i for i in range(9)])  # edge read back
    for data in [
        b"first",
        *(b"run %d" % i for i in range(12)),
        b"alone",
        *(b"after %d" % i for i in range(9)),
    ]:
        memory.append(data)
    with engine.connect() as conn:
        tree = MerkleTree(SqlNodeStore(conn))
        assert tree.size == 23 and tree.root() == memory.root()
        assert tree.audit() == []
        assert [tree.root(n) for n in range(24)] == [memory.root(n) for n in range(24)]
