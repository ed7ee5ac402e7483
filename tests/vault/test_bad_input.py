"""Bad input: each case gets a clear message, and the case stays consistent and verifiable."""

from __future__ import annotations

import errno
import os
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dadkhah.case import Case
from dadkhah.errors import CaseError
from dadkhah.store.tables import entities
from dadkhah.vault import ingest as ingest_module
from dadkhah.vault import ingest_paths
from dadkhah.vault import intake as intake_module
from dadkhah.vault.tables import vault_captures
from dadkhah.vault.verify import verify_case


@pytest.fixture
def lite(tmp_path: Path) -> Case:
    return Case.init(tmp_path / "case", owner="tester")


def _outcomes(case: Case, *paths: Path) -> dict[str, tuple[str, str | None]]:
    return {Path(r.path).name: (r.status, r.message) for r in ingest_paths(case, list(paths))}


def _consistent(case: Case, items: int) -> None:
    report = verify_case(case, record=False)
    assert report.ok, report.problems
    with case.reading() as conn:
        assert conn.execute(select(func.count()).select_from(vault_captures)).scalar() == items
        assert case.custody.tree(conn).size == items
    assert not list((case.blobs.root / "tmp").glob("*"))  # no half blob


def test_missing_zero_byte_odd_names_loops_and_pipes(lite: Case, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.bin").write_bytes(b"")
    odd = os.fsdecode(b"line\nbreak \x1b[31m red \xff\xfe \xd9\x85\xd8\xb3\xd8\xaa\xd9\x86\xd8\xaf.txt")
    (folder / odd).write_bytes(b"odd name")
    (folder / "loop").symlink_to(folder)  # a folder that contains itself
    (folder / "dangling").symlink_to(tmp_path / "nowhere")
    os.mkfifo(folder / "pipe")
    found = _outcomes(lite, folder, tmp_path / "absent.txt")
    assert found["empty.bin"] == ("ingested", None)
    assert found["absent.txt"] == ("failed", "does not exist")
    assert found["loop"][0] == "failed" and "loop" in (found["loop"][1] or "")
    assert found["dangling"] == ("failed", "broken symbolic link")
    assert found["pipe"] == ("failed", "a named pipe")
    shown = next(name for name in found if name.startswith("line"))
    assert found[shown] == ("ingested", None)
    assert "\\x0a" in shown and "\\x1b" in shown and "\\xff" in shown and "مستند" in shown
    _consistent(lite, 2)


def test_unreadable_vanishing_and_changing_files(
    lite: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(b"fine")
    locked = tmp_path / "locked.txt"
    locked.write_bytes(b"secret")
    growing = tmp_path / "growing.txt"
    growing.write_bytes(b"x" * 100)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"y" * 100)
    real_open, real_read = os.open, intake_module._read
    grown: list[bool] = []

    def deny(path: object, flags: int, *args: object) -> int:
        if Path(str(path)).name == "locked.txt":  # the tests run as root, who can read anything
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    def shifting(stream, size):  # type: ignore[no-untyped-def]
        chunk = real_read(stream, size)
        name = Path(os.readlink(f"/proc/self/fd/{stream.fileno()}")).name
        if chunk and name == "growing.txt" and not grown:
            grown.append(True)
            with open(growing, "ab") as f:  # another program writes while we read
                f.write(b"more")
        if chunk and name == "broken.txt":
            raise OSError(errno.EIO, "Input/output error")
        return chunk

    monkeypatch.setattr(intake_module.os, "open", deny)
    monkeypatch.setattr(intake_module, "_read", shifting)
    found = _outcomes(lite, good, locked, growing, broken)
    assert found["good.txt"] == ("ingested", None)
    assert found["locked.txt"] == ("failed", "cannot be read: Permission denied")
    assert found["growing.txt"][0] == "failed"
    assert "changed while it was being read (100 bytes when opened" in (found["growing.txt"][1] or "")
    assert found["broken.txt"][0] == "failed"
    assert "could not be read to the end (Input/output error)" in (found["broken.txt"][1] or "")
    _consistent(lite, 1)


def test_a_file_that_vanishes_between_listing_and_reading(
    lite: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"a")
    (folder / "b.txt").write_bytes(b"b")
    real_walk = ingest_module.walk

    def walk_then_delete(paths):  # type: ignore[no-untyped-def]
        for entry in real_walk(paths):
            if isinstance(entry, Path) and entry.name == "b.txt":
                entry.unlink()  # listed, then gone before it is opened
            yield entry

    monkeypatch.setattr(ingest_module, "walk", walk_then_delete)
    found = _outcomes(lite, folder)
    assert found == {"a.txt": ("ingested", None), "b.txt": ("failed", "vanished before it could be read")}
    _consistent(lite, 1)


def test_a_full_disk_stops_the_ingest_and_keeps_what_was_stored(
    lite: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(name.encode() * 10)
    real_write = intake_module._write
    written: list[int] = []

    def fill(sink, chunk):  # type: ignore[no-untyped-def]
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(len(chunk))
        real_write(sink, chunk)

    monkeypatch.setattr(intake_module, "_write", fill)
    done = []
    with pytest.raises(CaseError, match=r"disk holding the case is full \(No space left on device\)"):
        for result in ingest_paths(lite, [folder]):
            done.append(result)
    assert [(Path(r.path).name, r.status) for r in done] == [("a.txt", "ingested"), ("b.txt", "ingested")]
    _consistent(lite, 2)
    monkeypatch.setattr(intake_module, "_write", real_write)  # space freed: re-running finishes
    assert [r.status for r in ingest_paths(lite, [folder])] == ["skipped", "skipped", "ingested"]


def test_a_large_sparse_file_is_streamed_in_constant_memory(lite: Case, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with big.open("wb") as f:
        f.truncate(192 << 20)  # 192 MiB of holes: cheap to make, read like any file
    tracemalloc.start()
    try:
        (result,) = ingest_paths(lite, [big])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.status == "ingested" and result.size == 192 << 20
    assert (
        result.sha256 == "46b23b74b0d431993099b9ccef75ac4e30dc48305089aa236b6ff1de97fed713"
    )  # 192 MiB of zeros
    assert peak < 6 * intake_module.CHUNK  # a few chunks in flight, whatever the file's size


def test_a_database_that_refuses_the_write_records_nothing_of_the_batch(
    lite: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    (tmp_path / "a.txt").write_bytes(b"a")
    real = ingest_module.record_arrivals

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(ingest_module, "record_arrivals", refuse)
    with pytest.raises(CaseError, match=r"database refused the write \(database or disk is full\)"):
        list(ingest_paths(lite, [tmp_path / "a.txt"]))
    _consistent(lite, 0)
    monkeypatch.setattr(ingest_module, "record_arrivals", real)
    assert [r.status for r in ingest_paths(lite, [tmp_path / "a.txt"])] == ["ingested"]


def test_a_file_refused_in_the_middle_of_a_batch_spoils_nothing_else(lite: Case, tmp_path: Path) -> None:
    # A name of blanks makes an empty title, which the model refuses: the file's claims fail their
    # checks while the files around it, in the same batch, are recorded (the second as the same
    # bytes again: one item, two custody events).
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"same bytes")
    (folder / "m").mkdir()
    (folder / "m" / "   ").write_bytes(b"a file named with blanks")  # walked between a.txt and z.txt
    (folder / "z.txt").write_bytes(b"same bytes")
    results = {Path(r.path).name: r for r in ingest_paths(lite, [folder])}
    assert list(results) == ["a.txt", "   ", "z.txt"]
    assert [r.status for r in results.values()] == ["ingested", "failed", "again"]
    assert "empty" in (results["   "].message or "")
    assert results["a.txt"].item_id == results["z.txt"].item_id
    assert (results["a.txt"].leaf, results["z.txt"].leaf) == (0, 1)
    _consistent(lite, 2)
    with lite.reading() as conn:  # no entity was left behind for the refused file
        assert conn.execute(select(func.count()).select_from(entities)).scalar() == 1
