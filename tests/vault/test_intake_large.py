"""Large files (read into aligned buffers, hashed on two threads, written past the page cache):
the copy is byte for byte, whatever the length, and a failure part-way leaves nothing behind."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from dadkhah.case import Case
from dadkhah.errors import CaseError
from dadkhah.vault import ingest_paths
from dadkhah.vault import intake as intake_module
from dadkhah.vault.verify import verify_case


@pytest.fixture
def lite(tmp_path: Path) -> Case:
    return Case.init(tmp_path / "case", owner="tester")


def _file(path: Path, size: int) -> bytes:
    data = (hashlib.sha512(str(size).encode()).digest() * (size // 64 + 1))[:size]
    path.write_bytes(data)
    return data


def _no_leftovers(case: Case) -> None:
    assert not list((case.blobs.root / "tmp").glob("*"))


@pytest.mark.parametrize(
    "size",
    [
        intake_module.THREADED,  # the smallest large file: one short chunk, block-aligned
        intake_module.CHUNK,  # exactly one chunk: the end is seen by a read of nothing
        2 * intake_module.CHUNK + 1,  # a last chunk of one byte
        intake_module.CHUNK + 4095,  # a last block not whole
    ],
)
def test_a_large_file_is_copied_byte_for_byte(lite: Case, tmp_path: Path, size: int) -> None:
    data = _file(tmp_path / "video.bin", size)
    (result,) = ingest_paths(lite, [tmp_path / "video.bin"])
    assert result.status == "ingested" and result.size == size
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert lite.blobs.path_of(result.sha256).read_bytes() == data
    with lite.reading() as conn:
        sha512 = conn.exec_driver_sql(
            "SELECT value FROM claims WHERE entity_id = ? AND prop = 'sha512'", (result.item_id,)
        ).scalar()
    assert sha512 == hashlib.sha512(data).hexdigest()
    assert verify_case(lite, record=False).ok
    _no_leftovers(lite)


def test_a_file_system_refusing_direct_writes_gets_ordinary_ones(
    lite: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _file(tmp_path / "video.bin", intake_module.CHUNK + 100)
    real_write = intake_module._write
    refused: list[bool] = []

    def no_direct(sink, chunk):  # type: ignore[no-untyped-def]
        if os.O_DIRECT & intake_module.fcntl.fcntl(sink.fileno(), intake_module.fcntl.F_GETFL):
            refused.append(True)
            raise OSError(errno.EINVAL, "Invalid argument")
        real_write(sink, chunk)

    monkeypatch.setattr(intake_module, "_write", no_direct)
    (result,) = ingest_paths(lite, [tmp_path / "video.bin"])
    assert refused and result.status == "ingested"
    assert lite.blobs.path_of(result.sha256 or "").read_bytes() == data
    _no_leftovers(lite)


def test_a_full_disk_or_a_read_error_part_way_leaves_nothing(
    lite: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _file(tmp_path / "a.bin", 3 * intake_module.CHUNK)
    real_read, real_write = intake_module._read_into, intake_module._write
    calls: list[int] = []

    def failing_read(stream, buffer):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        return real_read(stream, buffer)

    monkeypatch.setattr(intake_module, "_read_into", failing_read)
    (result,) = ingest_paths(lite, [tmp_path / "a.bin"])
    assert result.status == "failed" and "could not be read to the end (Input/output error)" in (
        result.message or ""
    )
    _no_leftovers(lite)
    monkeypatch.setattr(intake_module, "_read_into", real_read)

    def full(sink, chunk):  # type: ignore[no-untyped-def]
        if os.fstat(sink.fileno()).st_size:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(sink, chunk)

    monkeypatch.setattr(intake_module, "_write", full)
    with pytest.raises(CaseError, match=r"disk holding the case is full"):
        list(ingest_paths(lite, [tmp_path / "a.bin"]))
    _no_leftovers(lite)
    monkeypatch.setattr(intake_module, "_write", real_write)
    assert [r.status for r in ingest_paths(lite, [tmp_path / "a.bin"])] == ["ingested"]
    assert verify_case(lite, record=False).ok
