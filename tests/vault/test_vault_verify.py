"""``verify_case``: every single-byte change to a blob, a leaf or a checkpoint is detected and named."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dadkhah.case import Case
from dadkhah.log import decode_event
from dadkhah.vault import ingest_file, store_derived
from dadkhah.vault.verify import verify_case

EXAMPLES = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A small case: three items, a derived copy, an opened original, two checkpoints."""
    root = tmp_path_factory.mktemp("verify")
    files = root / "files"
    files.mkdir()
    with Case.init(root / "case", owner="tester") as case:
        items = []
        for n in range(3):
            path = files / f"f{n}.txt"
            path.write_bytes(f"evidence file {n}\n".encode() * (n + 1))
            items.append(ingest_file(case, path))
        case.custody.checkpoint()
        (files / "t.txt").write_text("transcript\n")
        store_derived(case, items[0], files / "t.txt", "transcript")
        case.custody.checkpoint()
    yield root / "case"


def _copy(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(template, target)
    return target


def _db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path / "dadkhah.db", isolation_level=None)
    for table in ("log_leaves", "log_checkpoints"):
        for action in ("update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    return conn


def _problems(path: Path) -> list[str]:
    with Case.open(path) as case:
        report = verify_case(case, record=False)
    return report.problems


def test_an_untouched_case_verifies_and_verification_is_logged(template: Path, tmp_path: Path) -> None:
    path = _copy(template, tmp_path)
    with Case.open(path) as case:
        report = verify_case(case)
        assert report.ok, report.problems
        assert (report.leaves, report.checkpoints, report.signed_size, report.items, report.blobs) == (
            4,
            2,
            4,
            4,
            4,
        )
        with case.reading() as conn:
            event = decode_event(case.custody.tree(conn).leaf(4).data)
    assert event["kind"] == "verified" and event["fields"]["result"] == "passed"  # type: ignore[index]
    assert any("not yet covered by a signed checkpoint" in n for n in verify_case(case, record=False).notes)


@EXAMPLES
@given(which=st.integers(0, 3), offset=st.integers(0, 10_000), new=st.integers(0, 255))
def test_a_changed_byte_in_a_blob_is_named(
    template: Path, tmp_path: Path, which: int, offset: int, new: int
) -> None:
    path = _copy(template, tmp_path)
    blobs = sorted(p for p in (path / "blobs" / "sha256").rglob("*") if p.is_file())
    blob = blobs[which]
    data = bytearray(blob.read_bytes())
    at = offset % len(data)
    data[at] = new if new != data[at] else (new + 1) % 256
    blob.chmod(0o644)
    blob.write_bytes(bytes(data))
    problems = _problems(path)
    assert len(problems) == 1
    assert f"blob {blob.name} now hashes to" in problems[0] and "its bytes were altered" in problems[0]
    assert problems[0].startswith("item ")


@EXAMPLES
@given(index=st.integers(0, 3), offset=st.integers(0, 10_000), new=st.integers(0, 255))
def test_a_changed_byte_in_a_leaf_is_named(
    template: Path, tmp_path: Path, index: int, offset: int, new: int
) -> None:
    path = _copy(template, tmp_path)
    with _db(path) as conn:
        (data,) = conn.execute("SELECT data FROM log_leaves WHERE idx = ?", (index,)).fetchone()
        data = bytearray(data)
        at = offset % len(data)
        data[at] = new if new != data[at] else (new + 1) % 256
        conn.execute("UPDATE log_leaves SET data = ? WHERE idx = ?", (bytes(data), index))
    problems = _problems(path)
    assert f"custody log: leaf {index}: its bytes do not hash to its stored leaf hash" in problems
    assert any(f"leaf {index} was altered" in p and p.startswith("checkpoint ") for p in problems)


@EXAMPLES
@given(seq=st.integers(1, 2), offset=st.integers(0, 10_000), new=st.sampled_from("aZ09+/=\n —x."))
def test_a_changed_byte_in_a_checkpoint_is_named(
    template: Path, tmp_path: Path, seq: int, offset: int, new: str
) -> None:
    path = _copy(template, tmp_path)
    with _db(path) as conn:
        (note,) = conn.execute("SELECT note FROM log_checkpoints WHERE seq = ?", (seq,)).fetchone()
        raw = bytearray(note.encode("utf-8"))
        at = offset % len(raw)
        replacement = new.encode("utf-8")[:1] if raw[at] < 0x80 else b"?"
        if raw[at : at + 1] == replacement:
            replacement = b"Q" if replacement != b"Q" else b"R"
        raw[at : at + 1] = replacement
        conn.execute(
            "UPDATE log_checkpoints SET note = ? WHERE seq = ?", (raw.decode("utf-8", "replace"), seq)
        )
    problems = _problems(path)
    assert problems
    assert all(f"checkpoint {seq}" in p for p in problems), problems
