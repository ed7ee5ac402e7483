"""Custody-log benchmark: append rate as the log grows, proof sizes, and full verification.

1. Append rate at 1,000 leaves and at 1,000,000 leaves (goal: the latter within 80% of the
   former, i.e. appends stay O(log n)). Anchor: plain ``hashlib`` SHA-256 of the same leaves with
   the RFC 9162 leaf prefix — the one hash per leaf no log can avoid.
2. Proof sizes in bytes against 32·⌈log2 n⌉ (one SHA-256 per tree level), for n = 2^10 .. 2^20.
3. ``verify_log`` of the whole log against a signed checkpoint, beside hashing the same leaves.

    .venv/bin/python bench/log_append.py                 # in-memory store, 1,000,000 leaves
    .venv/bin/python bench/log_append.py --quick         # 100,000 leaves
    .venv/bin/python bench/log_append.py --store sqlite  # the case database, SQLite (WAL, FULL sync)
    .venv/bin/python bench/log_append.py --store postgres --size 200000

On the SQL stores every run of appends is one transaction, committed, as an ingest would do.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import math
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, create_engine, text

from dadkhah.log.canonical import custody_event, encode_event
from dadkhah.log.checkpoint import sign_checkpoint
from dadkhah.log.note import NoteSigner
from dadkhah.log.tree import MemoryNodeStore, MerkleTree

WINDOW = 1000  # appends per timed run
RUNS = 15  # timed runs per size; the median is reported
ORIGIN = "dadkhah.example/case/BENCH"
PG_URL = os.environ.get("DADKHAH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def sample_leaves(count: int) -> list[bytes]:
    """Realistic leaves: canonical custody events of about 280 bytes, all distinct."""
    template = encode_event(
        custody_event(
            "ingested",
            at=datetime(2024, 3, 1, tzinfo=UTC),
            actor="user:01HVANALYST0000000000000",
            subjects=["item:01HVITEM00000000000000000"],
            hashes={"sha256": "0" * 64},
            fields={"method": "upload", "size": 123456},
        )
    )
    return [template.replace(b"0" * 64, hashlib.sha256(b"%d" % i).hexdigest().encode()) for i in range(count)]


# --- the logs under test: the same operations on each store -------------------------------------


class MemoryLog:
    def __init__(self) -> None:
        self.tree = MerkleTree(MemoryNodeStore())

    def append(self, leaves: list[bytes]) -> None:
        for data in leaves:
            self.tree.append(data)

    @contextmanager
    def reading(self) -> Iterator[MerkleTree]:
        yield self.tree

    def close(self) -> None:
        pass


class SqlLog:
    """The log tables in a fresh SQLite file or PostgreSQL schema."""

    def __init__(self, kind: str, workdir: Path) -> None:
        from dadkhah.log.tables import log_checkpoints, log_leaves, log_nodes
        from dadkhah.store.engine import make_engine
        from dadkhah.store.tables import metadata

        self.schema: str | None = None
        if kind == "sqlite":
            self.engine: Engine = make_engine(f"sqlite:///{workdir / f'{uuid.uuid4().hex}.db'}")
        else:
            self.schema = f"bench_log_{uuid.uuid4().hex[:10]}"
            self.engine = make_engine(PG_URL, schema=self.schema)
        metadata.create_all(self.engine, tables=[log_leaves, log_nodes, log_checkpoints])

    def append(self, leaves: list[bytes]) -> None:
        from dadkhah.log.sql import SqlNodeStore

        with self.engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin():
                tree = MerkleTree(SqlNodeStore(conn))
                for data in leaves:
                    tree.append(data)

    @contextmanager
    def reading(self) -> Iterator[MerkleTree]:
        from dadkhah.log.sql import SqlNodeStore

        with self.engine.connect() as conn:
            yield MerkleTree(SqlNodeStore(conn))

    def close(self) -> None:
        self.engine.dispose()
        if self.schema:
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            admin.dispose()


Log = MemoryLog | SqlLog


def timed(action: object, *args: object) -> float:
    start = time.perf_counter()
    action(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def hash_leaves(leaves: list[bytes]) -> None:
    for data in leaves:
        hashlib.sha256(b"\x00" + data).digest()


def grow(log: Log, leaves: list[bytes], size: int) -> None:
    done = 0
    while done < size:
        batch = leaves[: min(len(leaves), size - done)]
        log.append(batch)
        done += len(batch)


# --- the three tables ----------------------------------------------------------------------------


def append_rates(new_log: object, leaves: list[bytes], small: int, big: int) -> Log:
    """Table 1; returns the grown log for the other tables."""
    log: Log = new_log()  # type: ignore[operator]
    build = timed(grow, log, leaves, big)

    # Interleave the runs, so that a busy machine slows all three alike.
    runs: dict[str, list[float]] = {"small": [], "big": [], "hash": []}
    for _ in range(RUNS):
        fresh: Log = new_log()  # type: ignore[operator]
        grow(fresh, leaves, small)
        runs["small"].append(timed(fresh.append, leaves))
        fresh.close()
        runs["big"].append(timed(log.append, leaves))
        runs["hash"].append(timed(hash_leaves, leaves))
    rate = {k: WINDOW / statistics.median(v) for k, v in runs.items()}

    print(f"{'appends/s at size':>18} {'dadkhah log':>12} {'hashlib leaf hash':>18} {'log/hashlib':>12}")
    for label, size in (("small", small), ("big", big)):
        print(f"{size:>18,} {rate[label]:>12,.0f} {rate['hash']:>18,.0f} {rate[label] / rate['hash']:>12.3f}")
    print(f"\nrate at {big:,} / rate at {small:,}: {rate['big'] / rate['small']:.2f} (goal >= 0.80)")
    print(f"growing the log to {big:,} leaves took {build:.1f} s ({big / build:,.0f} appends/s overall)\n")
    return log


def proof_sizes(tree: MerkleTree) -> None:
    """Table 2: the largest proof over a few probes, against one hash per level."""
    print("proof sizes in bytes, the largest of a few probes; bound = 32 * ceil(log2 n)")
    print(f"{'n':>11} {'log2 n':>7} {'bound':>6} {'inclusion':>10} {'consistency':>12} {'max/bound':>10}")
    sizes = [n for k in range(10, tree.size.bit_length(), 2) for n in ((1 << k) - 1, 1 << k)]
    for n in [*sizes, tree.size]:
        bound = 32 * math.ceil(math.log2(n))
        inclusion = max(32 * len(tree.inclusion_proof(i, n)) for i in {0, 1, n // 3, n // 2, n - 1})
        consistency = max(32 * len(tree.consistency_proof(m, n)) for m in {1, n // 3, n // 2 + 1, n - 1})
        worst = max(inclusion, consistency) / bound
        row = f"{n:>11,} {math.log2(n):>7.2f} {bound:>6} {inclusion:>10} {consistency:>12}"
        print(f"{row} {worst:>10.2f}")


def verification(tree: MerkleTree, from_store: bool) -> None:
    """Table 3: verify the whole log against a signed checkpoint."""
    from dadkhah.log.verify import verify_log

    signer = NoteSigner(ORIGIN, Ed25519PrivateKey.generate())
    note = sign_checkpoint(tree.checkpoint(ORIGIN), signer)
    gc.collect()
    started = time.perf_counter()
    leaves = list(tree.leaf_data())
    read = time.perf_counter() - started
    verify_log(leaves, [note], signer.verifier, origin=ORIGIN)
    ours = time.perf_counter() - started
    anchor = timed(hash_leaves, leaves)
    print(f"\n{'verify, seconds':>18} {'verify_log':>12} {'hashlib leaf hash':>18} {'log/hashlib':>12}")
    print(f"{tree.size:>18,} {ours:>12.2f} {anchor:>18.2f} {ours / anchor:>12.2f}")
    if from_store:
        print(f"(of which reading the leaves from the database: {read:.2f} s)")
    print("(a tree has as many interior hashes as leaves: 2 is the floor of that ratio)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["memory", "sqlite", "postgres"], default="memory")
    parser.add_argument("--size", type=int, default=1_000_000, help="leaves to grow the log to")
    parser.add_argument("--quick", action="store_true", help="grow to 100,000 leaves")
    args = parser.parse_args()
    big = 100_000 if args.quick else args.size
    leaves = sample_leaves(WINDOW)
    with tempfile.TemporaryDirectory() as workdir:

        def new_log() -> Log:
            return MemoryLog() if args.store == "memory" else SqlLog(args.store, Path(workdir))

        where = {
            "memory": "in-memory store",
            "sqlite": "SQLite (WAL, synchronous=FULL)",
            "postgres": "PostgreSQL",
        }
        each = "" if args.store == "memory" else ", each one transaction"
        print(f"{where[args.store]}; leaves of {len(leaves[0])} bytes", end="; ")
        print(f"median of {RUNS} runs of {WINDOW} appends{each}\n")
        log = append_rates(new_log, leaves, 1_000, big)
        with log.reading() as tree:
            proof_sizes(tree)
            verification(tree, from_store=args.store != "memory")
        log.close()


if __name__ == "__main__":
    main()
