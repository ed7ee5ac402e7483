"""Ingest of 10,000 small files against ``bagit.py`` making a bag of the same folder (goal: faster).

Both read every file and compute SHA-256 and SHA-512. ``bagit.py`` then renames the files into
``data/`` and writes manifests; our ingest copies each file into the blob store (flushed to disk),
detects its media type, and records an evidence item with about a dozen claims, a capture record
and a custody-log leaf — committed to the database. To show where the time goes, the byte path
alone (hash, copy, flush: ``Intake``) is timed too, and so is creating as many files and folders
as the blob store holds and nothing else — what keeping each blob as a file of its own costs on
this file system (bagit.py creates none) — and so is writing the database rows that ingest made
(items, claims, search index, custody leaves and tree nodes, captures) again with plain
``sqlite3`` ``executemany`` into an empty copy of the schema, in as many transactions as the
ingest committed: the floor under any ingest that records what the issue asks for in SQLite.
Ratio = bagit time / ours (above 1 = faster).

    .venv/bin/python bench/ingest_small.py            # 10,000 files of 2–8 KB
    .venv/bin/python bench/ingest_small.py --quick    # 1,000 files
    .venv/bin/python bench/ingest_small.py --dir D    # on the file system holding folder D
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dadkhah.case import Case
from dadkhah.vault import ingest_paths
from dadkhah.vault.files import walk
from dadkhah.vault.ingest import BATCH_FILES
from dadkhah.vault.intake import Intake


def make_folder(folder: Path, count: int) -> None:
    for n in range(count):
        sub = folder / f"d{n % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"file{n:05d}.txt").write_bytes(os.urandom(2000 + (n * 37) % 6000))


def settle() -> None:
    """Flush what earlier steps left pending (dirty pages; with ``discard``, the blocks of the files
    they deleted), so that no timed step pays for the one before it."""
    os.sync()
    time.sleep(1)


def bagit(source: Path, work: Path) -> float:
    target = work / "bag"
    shutil.copytree(source, target)
    bagit_py = Path(sys.executable).with_name("bagit.py")
    settle()
    start = time.perf_counter()
    subprocess.run([sys.executable, bagit_py, "--quiet", str(target)], check=True)
    elapsed = time.perf_counter() - start
    shutil.rmtree(target)
    return elapsed


def byte_path(source: Path, work: Path) -> float:
    with Case.init(work / "bytes", owner="bench") as case, Intake(case.blobs) as intake:
        settle()
        start = time.perf_counter()
        batch = []
        for path in walk([source]):
            assert isinstance(path, Path)
            batch.append(intake.read(path))
            if len(batch) == 200:
                intake.place(batch)
                batch = []
        intake.place(batch)
        elapsed = time.perf_counter() - start
    shutil.rmtree(work / "bytes")
    return elapsed


def ours(source: Path, work: Path) -> tuple[float, int, float, int]:
    """Our ingest's time, how many folders the blob store made, and the rows' floor (seconds, rows)."""
    with Case.init(work / "case", owner="bench") as case:
        settle()
        start = time.perf_counter()
        results = list(ingest_paths(case, [source]))
        elapsed = time.perf_counter() - start
        folders = sum(1 for p in (case.blobs.root / "sha256").glob("*/*") if p.is_dir())
    assert all(r.status == "ingested" for r in results)
    batches = -(-len(results) // BATCH_FILES)
    floor, rows = rows_alone(work / "case" / "dadkhah.db", work / "rows.db", batches)
    shutil.rmtree(work / "case")
    return elapsed, folders, floor, rows


def rows_alone(source_db: Path, target_db: Path, batches: int) -> tuple[float, int]:
    """Write every row of ``source_db`` into an empty copy of its schema with plain ``executemany``,
    in ``batches`` transactions (WAL, ``synchronous=FULL`` as a case has): seconds and rows."""
    src = sqlite3.connect(source_db)
    schema = src.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'search_fts_%'"
    ).fetchall()
    tables = [name for kind, name, _ in schema if kind == "table" and not name.startswith("sqlite_")]
    data = {t: src.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}  # noqa: S608
    src.close()
    dst = sqlite3.connect(target_db, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "cache_size=-65536"):
        dst.execute(f"PRAGMA {pragma}")
    for _, _, sql in sorted(schema, key=lambda s: s[0] != "table"):  # tables before indexes, triggers
        dst.execute(sql)
    statements = {
        t: f'INSERT INTO "{t}" VALUES ({", ".join("?" * len(rows[0]))})' for t, rows in data.items() if rows
    }
    settle()
    start = time.perf_counter()
    for part in range(batches):
        dst.execute("BEGIN")
        for table, sql in statements.items():
            rows = data[table]
            share = -(-len(rows) // batches)
            dst.executemany(sql, rows[part * share : (part + 1) * share])
        dst.execute("COMMIT")
    elapsed = time.perf_counter() - start
    dst.close()
    target_db.unlink()
    return elapsed, sum(len(rows) for rows in data.values())


def inodes(work: Path, files: int, folders: int) -> float:
    """Creating as many files (4 KB each) and folders as the blob store holds, and nothing else:
    what any store keeping each blob as a file of its own pays the file system."""
    root = work / "inodes"
    root.mkdir()
    block = os.urandom(4096)
    settle()
    start = time.perf_counter()
    for n in range(folders):
        os.mkdir(root / f"d{n}")
    for n in range(files):
        fd = os.open(root / f"f{n}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        os.write(fd, block)
        os.close(fd)
    elapsed = time.perf_counter() - start
    shutil.rmtree(root)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--dir", type=Path, help="work in this folder (its file system) instead of TMPDIR")
    args = parser.parse_args()
    count = 1000 if args.quick else 10_000
    root = Path(tempfile.mkdtemp(prefix="bench-ingest-small-", dir=args.dir))
    try:
        make_folder(root / "files", count)
        anchor = bagit(root / "files", root)
        full, folders, rows_floor, rows = ours(root / "files", root)
        bytes_only = byte_path(root / "files", root)
        floor = inodes(root, count, folders)
        print(f"{count:,} small files (2–8 KB) in {root.parent} (load average {os.getloadavg()[0]:.2f})")
        print(f"{'':<52}{'seconds':>9}{'files/s':>10}{'ratio':>8}")
        for label, seconds in (
            ("dadkhah ingest (items, claims, custody log)", full),
            ("  of which the byte path (hash, copy, flush)", bytes_only),
            (f"  of which making {count:,} files and {folders:,} folders", floor),
            (f"floor: its {rows:,} rows alone, plain executemany", rows_floor),
            ("anchor: bagit.py making a bag", anchor),
        ):
            print(f"{label:<52}{seconds:>9.2f}{count / seconds:>10.0f}{anchor / seconds:>8.2f}")
        print("ratio = bagit time / ours (goal: above 1)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
