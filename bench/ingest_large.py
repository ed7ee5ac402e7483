"""Ingest of large files against ``sha256sum`` on the same files (goal: ratio ≥ 0.8).

Our ingest reads each file once, computes SHA-256 *and* SHA-512, writes a copy into the blob store,
flushes it to disk, reads its metadata and records the item, its claims and its custody event.
The anchor only reads and hashes (SHA-256). Both run on the same files, with the page cache warmed
by one untimed ``sha256sum`` pass first; the ratio is anchor time / our time (1.0 = as fast).

    .venv/bin/python bench/ingest_large.py            # 4 files of 512 MiB (2 GiB)
    .venv/bin/python bench/ingest_large.py --quick    # 4 files of 64 MiB
    .venv/bin/python bench/ingest_large.py --huge     # also one 20 GiB sparse file, read cold by both:
                                                      # time and peak memory
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from dadkhah.case import Case
from dadkhah.vault import ingest_paths

MIB = 1 << 20


def make_files(folder: Path, count: int, size: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    block = os.urandom(MIB)
    for n in range(count):
        path = folder / f"video-{n}.bin"
        with path.open("wb") as f:
            for k in range(size // MIB):
                f.write(block[:8] + k.to_bytes(8, "big") + bytes([n]) + block[17:])  # distinct files
        paths.append(path)
    return paths


def uncache(path: Path) -> None:
    """Drop the file's pages from the page cache, so both sides read it cold (20 GiB is about all
    this machine's memory: whichever ran second would otherwise find much of it cached)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def sha256sum(paths: list[Path]) -> float:
    start = time.perf_counter()
    subprocess.run(["sha256sum", *map(str, paths)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def ingest(root: Path, paths: list[Path], name: str) -> float:
    with Case.init(root / name, owner="bench") as case:
        start = time.perf_counter()
        results = list(ingest_paths(case, paths))
        elapsed = time.perf_counter() - start
    assert all(r.status == "ingested" for r in results), results
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--huge", action="store_true", help="also ingest a 20 GiB sparse file")
    args = parser.parse_args()
    count, size = (4, 64 * MIB) if args.quick else (4, 512 * MIB)
    root = Path(tempfile.mkdtemp(prefix="bench-ingest-large-"))
    try:
        paths = make_files(root / "files", count, size)
        total = count * size
        sha256sum(paths)  # warm the page cache
        anchor = min(sha256sum(paths) for _ in range(2))
        ours = min(ingest(root, paths, f"case{n}") for n in range(2))
        print(f"ingest of {count} files, {total / MIB:,.0f} MiB (best of 2)")
        print(f"{'':<34}{'seconds':>10}{'MiB/s':>10}")
        print(f"{'dadkhah ingest (SHA-256+SHA-512)':<34}{ours:>10.2f}{total / MIB / ours:>10.0f}")
        print(f"{'anchor: sha256sum':<34}{anchor:>10.2f}{total / MIB / anchor:>10.0f}")
        print(f"ratio (anchor time / ours; goal >= 0.8): {anchor / ours:.2f}")
        if args.huge:
            huge = root / "huge" / "sparse-20GiB.bin"
            huge.parent.mkdir()
            with huge.open("wb") as f:
                f.truncate(20 << 30)
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            uncache(huge)
            elapsed = ingest(root, [huge], "huge")
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            uncache(huge)
            anchor_huge = sha256sum([huge])
            print(
                f"20 GiB sparse file: ours {elapsed:.1f} s, sha256sum {anchor_huge:.1f} s, "
                f"ratio {anchor_huge / elapsed:.2f}; peak RSS {peak / 1024:.0f} MiB "
                f"(before: {before / 1024:.0f} MiB)"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
