"""Ingest files and folders into the evidence vault; register derived copies.

Each file is read once (hashed while copied into the blob store), its media type detected and
its metadata read, then recorded as an EvidenceItem with claims, a capture record and an
``ingested`` custody event — blobs first, then rows and leaf in one transaction. Small files are
taken in batches: one disk flush, one commit and one insert per table for a batch, each file
checked on its own before the batch is written so that a bad one spoils nothing else. While one
batch is placed and committed (on a second thread), the next is read. A file is reported done
only once its batch has committed.

All or nothing per file: a failed read leaves no blob, a failed record no rows. Resumable: a
file already ingested from the same path with the same size and modification time is skipped
(``again=True`` records it once more), so re-running an interrupted ingest finishes the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from dadkhah.errors import CaseError, Conflict, InputError
from dadkhah.model import Sensitivity
from dadkhah.store import BlobStore, LocalBlobStore, Writer
from dadkhah.vault.capture import Capture
from dadkhah.vault.files import Skipped, display_path, walk
from dadkhah.vault.intake import Incoming, Intake
from dadkhah.vault.items import Arrival, Recorded, finished_items, record_arrival, record_arrivals
from dadkhah.vault.mediatype import MediaType, detect
from dadkhah.vault.metadata import Extracted, extract

if TYPE_CHECKING:
    from dadkhah.case import Case

BATCH_FILES = 500
BATCH_BYTES = 64 << 20
BATCH_SECONDS = 2.0
RETRIES = 5
LOOKAHEAD = 256  # files whose earlier ingest is looked up at once

Status = Literal["ingested", "again", "skipped", "failed"]


@dataclass(frozen=True)
class IngestResult:
    """The outcome for one path: ``ingested`` (new item), ``again`` (known bytes, a new custody
    event), ``skipped`` (done by an earlier run) or ``failed`` (``message`` says why)."""

    path: str
    status: Status
    item_id: str | None = None
    sha256: str | None = None
    size: int | None = None
    leaf: int | None = None
    message: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class _Pending:
    incoming: Incoming
    media: MediaType
    meta: Extracted


def _prepare(intake: Intake, path: Path) -> _Pending:
    incoming = intake.read(path)
    media = detect(incoming.head, display_path(path.name))
    meta = extract(intake.open_tmp(incoming), media.mime) if incoming.size else Extracted()
    return _Pending(incoming, media, meta)


def _intake(blobs: BlobStore) -> Intake:
    if not isinstance(blobs, LocalBlobStore):
        raise CaseError("ingest needs a local blob store (object storage is not supported yet)")
    return Intake(blobs)


def _done(pending: _Pending, recorded: Recorded) -> IngestResult:
    inc = pending.incoming
    status: Status = "ingested" if recorded.new_item else "again"
    return IngestResult(
        display_path(inc.origin), status, recorded.item_id, inc.sha256, inc.size, recorded.leaf
    )


def _commit(case: Case, author: str, batch: list[_Pending], capture: Capture) -> list[IngestResult]:
    """Record a placed batch in one transaction (a file refused on its own leaves no trace and
    spoils nothing else); retried on a log conflict."""
    arrivals = [Arrival(p.incoming, p.media, p.meta, capture) for p in batch]
    for attempt in range(RETRIES):
        try:
            with case.writer(author) as w:
                outcomes = record_arrivals(w, arrivals)
        except Conflict:
            if attempt == RETRIES - 1:
                raise
            continue
        except OperationalError as exc:  # a full disk, a database locked for longer than its timeout
            raise CaseError(
                f"the database refused the write ({exc.orig}); nothing of the last {len(batch)} file(s) "
                "was recorded. Run the ingest again once the cause is fixed: files already done are skipped"
            ) from None
        return [
            IngestResult(display_path(p.incoming.origin), "failed", message=str(outcome))
            if isinstance(outcome, InputError)
            else _done(p, outcome)
            for p, outcome in zip(batch, outcomes, strict=True)
        ]
    raise AssertionError("unreachable")


def ingest_paths(
    case: Case,
    paths: Iterable[Path],
    capture: Capture | None = None,
    *,
    author: str | None = None,
    again: bool = False,
) -> Iterator[IngestResult]:
    """Ingest files and folders (recursively); yield one result per file as soon as it is committed.

    A full disk raises ``CaseError`` after committing what was already stored.
    """
    capture = capture or Capture()
    author = author or case.owner
    batch: list[_Pending] = []
    batch_bytes, started = 0, time.monotonic()
    in_flight: Future[list[IngestResult]] | None = None
    with (
        _intake(case.blobs) as intake,
        case.engine.connect() as lookup,
        ThreadPoolExecutor(1, thread_name_prefix="ingest-commit") as committer,
    ):

        def settle() -> Iterator[IngestResult]:
            """The results of the batch being committed, once it has committed."""
            nonlocal in_flight
            if in_flight is not None:
                done, in_flight = in_flight, None
                yield from done.result()

        def flush(*, wait: bool = False) -> Iterator[IngestResult]:
            """Hand the batch to the committer, which places its blobs and records it while the
            next batch is read; one batch at a time, so results keep their order."""
            nonlocal batch, batch_bytes, started, in_flight
            yield from settle()
            if batch:
                done, batch = batch, []
                in_flight = committer.submit(_place_and_commit, case, author, intake, done, capture)
            batch_bytes, started = 0, time.monotonic()
            if wait:
                yield from settle()

        for entry, shown, found in _looked_up(lookup, walk(paths), again):
            if isinstance(entry, Skipped):
                yield IngestResult(shown, "failed", message=entry.reason)
                continue
            if found:
                yield IngestResult(shown, "skipped", found, message="already ingested from this path")
                continue
            try:
                pending = _prepare(intake, entry)
            except InputError as exc:
                yield IngestResult(shown, "failed", message=exc.problem.reason)
                continue
            except CaseError:
                yield from flush(wait=True)  # keep what is safely stored, then stop
                raise
            batch.append(pending)
            batch_bytes += pending.incoming.size
            if (
                len(batch) >= BATCH_FILES
                or batch_bytes >= BATCH_BYTES
                or time.monotonic() - started >= BATCH_SECONDS
            ):
                yield from flush()
        yield from flush(wait=True)


def _place_and_commit(
    case: Case, author: str, intake: Intake, batch: list[_Pending], capture: Capture
) -> list[IngestResult]:
    intake.place([p.incoming for p in batch])
    return _commit(case, author, batch, capture)


def _looked_up(
    conn: Connection, entries: Iterable[Path | Skipped], again: bool
) -> Iterator[tuple[Path | Skipped, str, str | None]]:
    """Each entry with its printable path and, unless ``again``, the item an earlier run already
    made from it (same path, size and modification time) — looked up for many files at once."""
    chunk: list[Path | Skipped] = []

    def answer() -> Iterator[tuple[Path | Skipped, str, str | None]]:
        shown = [display_path(e.path if isinstance(e, Skipped) else e) for e in chunk]
        files = [(e, s) for e, s in zip(chunk, shown, strict=True) if isinstance(e, Path)]
        found = {} if again else _finished(conn, files)
        for entry, text in zip(chunk, shown, strict=True):
            yield entry, text, found.get(text)
        chunk.clear()

    for entry in entries:
        chunk.append(entry)
        if len(chunk) >= LOOKAHEAD:
            yield from answer()
    yield from answer()


def _finished(conn: Connection, files: list[tuple[Path, str]]) -> dict[str, str]:
    """Printable path → item, for the files that an earlier run finished."""
    wanted: dict[str, tuple[int, int]] = {}
    for path, shown in files:
        try:
            info = path.stat()
        except OSError:
            continue  # reading will say what is wrong
        wanted[shown] = (info.st_size, info.st_mtime_ns)
    try:
        return finished_items(conn, wanted)
    finally:
        conn.rollback()  # end the read at once: no snapshot is held while files are read


# -- one file, for other services ---------------------------------------------------------------


def _one(
    target: Case | Writer,
    blobs: BlobStore | None,
    path: Path,
    author: str | None,
    record: Callable[[Writer, _Pending], Recorded],
) -> str:
    """Read ``path`` into the blob store and record it with ``record(writer, pending)``."""
    from dadkhah.case import Case

    if isinstance(target, Case):
        blobs = target.blobs
    elif blobs is None:
        raise InputError("storing a file inside a transaction needs the case's blob store", field="blobs")
    with _intake(blobs) as intake:
        pending = _prepare(intake, Path(path))
        intake.place([pending.incoming])
    if isinstance(target, Writer):
        return record(target, pending).item_id
    for attempt in range(RETRIES):
        try:
            with target.writer(author) as w:
                return record(w, pending).item_id
        except Conflict:
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def ingest_file(
    target: Case | Writer,
    path: Path,
    *,
    blobs: BlobStore | None = None,
    source: str | None = None,
    collector: str | None = None,
    method: str | None = None,
    note: str | None = None,
    url: str | None = None,
    title: str | None = None,
    language: str | None = None,
    author: str | None = None,
    name_sensitivity: Sensitivity | None = None,
) -> str:
    """Ingest one file; return its evidence item's id.

    ``target`` is a ``Case`` (the file gets a transaction of its own) or an open ``Writer`` (the
    item commits with the caller's other rows; pass the case's ``blobs`` then).
    ``name_sensitivity``: how secret the file's own name and folder are (see ``Capture``).
    """
    capture = Capture(source, collector, method, note, url, name_sensitivity=name_sensitivity)

    def record(w: Writer, pending: _Pending) -> Recorded:
        return record_arrival(
            w, pending.incoming, pending.media, pending.meta, capture, title=title, language=language
        )

    return _one(target, blobs, path, author, record)


def store_derived(
    target: Case | Writer,
    original: str,
    path: Path,
    kind: str,
    *,
    blobs: BlobStore | None = None,
    title: str | None = None,
    language: str | None = None,
    note: str | None = None,
    author: str | None = None,
    name_sensitivity: Sensitivity | None = None,
) -> str:
    """Register a derived copy (transcript, translation, redacted version, still frame...) of
    evidence item ``original``; return the new item's id. The original stays the evidentiary copy."""
    capture = Capture(note=note, name_sensitivity=name_sensitivity)

    def record(w: Writer, pending: _Pending) -> Recorded:
        kind_code = w.model.schema("EvidenceItem").get("derivation").clean(kind)
        return record_arrival(
            w,
            pending.incoming,
            pending.media,
            pending.meta,
            capture,
            kind="derived",
            title=title,
            language=language,
            derived_from=original.upper(),
            derivation=kind_code,
        )

    return _one(target, blobs, path, author, record)


__all__ = ["IngestResult", "ingest_file", "ingest_paths", "store_derived"]
