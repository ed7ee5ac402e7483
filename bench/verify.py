"""``dadkhah verify`` on a 1,000,000-leaf custody log, beside the least any check must do.

The log is built directly (realistic canonical ``ingested`` events of ~330 bytes, the tree's
stored hashes, the subject index) in a SQLite case, and one checkpoint is signed. ``verify_case``
then recomputes every stored hash (``MerkleTree.audit``), checks that each leaf is a canonical
custody event and matches the subject index, recomputes the signed root (``verify_log``) and
checks the checkpoint's signature. Anchor: reading the same leaves from the database and hashing
each once (SHA-256 with the RFC 9162 prefix) — the floor for recomputing a log.

    .venv/bin/python bench/verify.py            # 1,000,000 leaves
    .venv/bin/python bench/verify.py --quick    # 100,000 leaves
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from dadkhah.case import Case
from dadkhah.log.canonical import custody_event, encode_event
from dadkhah.log.subjects import log_subjects
from dadkhah.log.tables import log_leaves, log_nodes
from dadkhah.log.tree import MemoryNodeStore, MerkleTree
from dadkhah.vault.verify import verify_case

BATCH = 50_000
AT = datetime(2024, 3, 1, 12, tzinfo=UTC)


def leaves(count: int) -> list[tuple[bytes, str, str]]:
    """(leaf bytes, item subject, blob subject) for ``count`` distinct ingest events."""
    item, digest = "item:" + "0" * 26, "f" * 64
    template = encode_event(
        custody_event(
            "ingested",
            at=AT,
            actor="user:bench",
            subjects=[item, f"blob:sha256:{digest}"],
            hashes={"sha256": digest},
            fields={"capture": "0" * 26, "media_type": "image/jpeg", "new_content": True, "size": 123456},
        )
    )
    out = []
    for i in range(count):
        n, h = f"{i:026d}", hashlib.sha256(b"%d" % i).hexdigest()
        data = template.replace(b"0" * 26, n.encode()).replace(digest.encode(), h.encode())
        out.append((data, f"item:{n}", f"blob:sha256:{h}"))
    return out


def build(case: Case, count: int) -> None:
    made = leaves(count)
    memory = MerkleTree(MemoryNodeStore())
    for data, _, _ in made:
        memory.append(data, recorded_at=AT)
    levels = memory.store._levels  # type: ignore[attr-defined]  # a benchmark may look inside
    with case.writer() as w:
        for start in range(0, count, BATCH):
            part = made[start : start + BATCH]
            w.conn.execute(
                insert(log_leaves),
                [
                    {"idx": start + k, "leaf_hash": levels[0][start + k], "data": d, "recorded_at": AT}
                    for k, (d, _, _) in enumerate(part)
                ],
            )
            w.conn.execute(
                insert(log_subjects),
                [{"subject": s, "idx": start + k} for k, (_, a, b) in enumerate(part) for s in (a, b)],
            )
        for level in range(1, len(levels)):
            rows = [{"level": level, "idx": i, "hash": h} for i, h in enumerate(levels[level])]
            for start in range(0, len(rows), BATCH):
                w.conn.execute(insert(log_nodes), rows[start : start + BATCH])
    case.custody.checkpoint()


def anchor(case: Case) -> float:
    start = time.perf_counter()
    with case.reading() as conn:
        for data in case.custody.tree(conn).leaf_data():
            hashlib.sha256(b"\x00" + data).digest()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    count = 100_000 if args.quick else 1_000_000
    root = Path(tempfile.mkdtemp(prefix="bench-verify-"))
    try:
        with Case.init(root / "case", owner="bench") as case:
            started = time.perf_counter()
            build(case, count)
            built = time.perf_counter() - started
            base = anchor(case)
            started = time.perf_counter()
            report = verify_case(case, record=False)
            ours = time.perf_counter() - started
        assert report.ok and report.leaves == count and report.signed_size == count, report.problems
        print(f"custody log of {count:,} leaves in SQLite (built in {built:.0f} s)")
        print(f"{'':<52}{'seconds':>9}{'leaves/s':>11}")
        print(f"{'dadkhah verify (audit, events, index, signed root)':<52}{ours:>9.1f}{count / ours:>11,.0f}")
        print(f"{'anchor: read every leaf and hash it once':<52}{base:>9.1f}{count / base:>11,.0f}")
        print(f"ratio (ours / anchor): {ours / base:.1f}x the floor")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
