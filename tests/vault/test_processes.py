"""Real processes: two ingesting into one case at once, and ingests killed with SIGKILL mid-way."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select

from dadkhah.case import Case
from dadkhah.vault import ingest as ingest_module
from dadkhah.vault import ingest_paths
from dadkhah.vault.tables import vault_captures
from dadkhah.vault.verify import verify_case


def _fork(work: Callable[[int], None]) -> tuple[int, int]:
    """Run ``work(fd)`` in a child process; return its pid and the read end of a pipe it writes to."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        os.close(read)
        code = 0
        try:
            work(write)
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            code = 1
        os._exit(code)
    os.close(write)
    return pid, read


def _ingest_child(
    case_path: Path, folders: list[Path], batch: int, start_at: float = 0.0
) -> Callable[[int], None]:
    def work(fd: int) -> None:
        ingest_module.BATCH_FILES = batch  # commit often, so the processes interleave
        with Case.open(case_path) as case:
            while time.time() < start_at:
                time.sleep(0.001)
            for result in ingest_paths(case, folders, author="tester"):
                os.write(fd, (json.dumps(result.to_dict()) + "\n").encode())

    return work


def _files(folder: Path, count: int, tag: str, big_every: int = 0) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        size = (3 << 20) if big_every and n % big_every == 0 else 100 + n
        (folder / f"{tag}-{n:03d}.bin").write_bytes(f"{tag}:{n}:".encode() + os.urandom(size))
    return folder


def _drain(fd: int) -> list[dict[str, object]]:
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    lines = b"".join(chunks).decode().splitlines()
    return [json.loads(line) for line in lines if line.endswith("}")]


def test_two_processes_ingesting_at_once_neither_lose_nor_fork_leaves(case: Case, tmp_path: Path) -> None:
    a = _files(tmp_path / "a", 30, "a")
    b = _files(tmp_path / "b", 30, "b")
    start = time.time() + 1.0
    children = [_fork(_ingest_child(case.path, [folder], 2, start)) for folder in (a, b)]
    reported = []
    for pid, fd in children:
        reported += _drain(fd)
        assert os.waitpid(pid, 0)[1] == 0
    assert len(reported) == 60 and {r["status"] for r in reported} == {"ingested"}
    with case.reading() as conn:
        assert case.custody.tree(conn).size == 60
        leaves = sorted(int(i) for i in conn.execute(sql_select(vault_captures.c.leaf_idx)).scalars())
    assert leaves == list(range(60))  # every leaf once: none lost, none written twice
    assert sorted(int(r["leaf"]) for r in reported) == leaves  # type: ignore[call-overload]
    report = verify_case(case, record=False)
    assert report.ok, report.problems
    assert report.items == 60


@pytest.mark.slow
def test_ingests_killed_at_random_moments_leave_a_verifiable_case(tmp_path: Path) -> None:
    rng = random.Random(1988)
    case_path = tmp_path / "case"
    Case.init(case_path, owner="tester").close()
    done: dict[str, str] = {}  # path → sha256 of every file an ingest reported done
    folders: list[Path] = []
    for run in range(50):
        folders.append(_files(tmp_path / f"run{run:02d}", 12, f"r{run}", big_every=6 if run % 5 == 0 else 0))
        pid, fd = _fork(_ingest_child(case_path, folders[-2:], 3))
        time.sleep(rng.uniform(0.0, 0.5))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        for result in _drain(fd):
            assert result["status"] in ("ingested", "skipped"), result
            done[str(result["path"])] = str(result.get("sha256") or "")
        with Case.open(case_path) as case:
            report = verify_case(case, record=False)
            assert report.ok, (run, report.problems)
            with case.reading() as conn:
                stored = {
                    path: sha
                    for path, sha in conn.execute(
                        sql_select(vault_captures.c.original_path, vault_captures.c.sha256)
                    )
                }
        for path, sha in done.items():
            assert path in stored, (run, path)
            assert not sha or stored[path] == sha
    with Case.open(case_path) as case:  # an ingest left to finish takes in everything that remains
        final = list(ingest_paths(case, folders))
        assert {r.status for r in final} <= {"skipped", "ingested"}
        with case.reading() as conn:
            assert len(set(conn.execute(sql_select(vault_captures.c.original_path)).scalars())) == 50 * 12
        assert verify_case(case, record=False).ok
