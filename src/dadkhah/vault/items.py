"""Evidence items in the database: their claims, capture records and custody events.

Everything here runs inside the caller's write transaction (a ``Writer``), so an item's rows, its
claims and the custody-log leaf that records its arrival commit together or not at all.

Provenance of the claims: what the file says about itself (media type, size, hashes, EXIF,
page count...) cites the item itself as evidence; what the person ingesting says (collector,
method, where from) cites the Source given with ``--source``, or else the item.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, bindparam, select

from dadkhah.errors import Conflict, InputError, InvalidValue, NotFound
from dadkhah.log.canonical import custody_event, rfc3339_utc
from dadkhah.log.case_log import actor_id, append_events
from dadkhah.store import Claim, NewClaim, Writer, new_id
from dadkhah.store.engine import bulk_insert, db_time
from dadkhah.vault.capture import Capture, capture_environment
from dadkhah.vault.files import display_path
from dadkhah.vault.intake import Incoming
from dadkhah.vault.mediatype import MediaType
from dadkhah.vault.metadata import Extracted
from dadkhah.vault.tables import vault_captures

STRING_LIMIT = 1024  # the model's limit for a string value

# Statements built once: an ingest runs them for every file.
_C = vault_captures.c
_WITH_CONTENT = select(_C.item_id).where(_C.sha256 == bindparam("sha256")).order_by(_C.recorded_at).limit(1)
_FINISHED = (
    select(_C.item_id)
    .where(
        _C.original_path == bindparam("path"),
        _C.size == bindparam("size"),
        _C.file_mtime_ns == bindparam("mtime"),
        _C.kind == "ingested",
    )
    .limit(1)
)
_FINISHED_MANY = select(_C.original_path, _C.size, _C.file_mtime_ns, _C.item_id).where(
    _C.original_path.in_(bindparam("paths", expanding=True)), _C.kind == "ingested"
)
_ITEMS_WITH_CONTENT = (
    select(_C.sha256, _C.item_id)
    .where(_C.sha256.in_(bindparam("digests", expanding=True)))
    .order_by(_C.recorded_at)
)
_CAPTURE_COLUMNS = (
    "id",
    "item_id",
    "kind",
    "leaf_idx",
    "sha256",
    "size",
    "original_path",
    "file_mtime_ns",
    "source_id",
    "author",
    "recorded_at",
)
_LOOKUP = 500  # digests per query


@dataclass(frozen=True)
class Recorded:
    """What recording one arrival of bytes did."""

    item_id: str
    leaf: int
    capture_id: str
    new_item: bool


def item_subject(item_id: str) -> str:
    return f"item:{item_id}"


def blob_subject(sha256: str) -> str:
    return f"blob:sha256:{sha256}"


def _fit(text: str) -> str:
    """A string value within the model's limit (long paths keep their start and end)."""
    if len(text) <= STRING_LIMIT:
        return text
    half = STRING_LIMIT // 2 - 2
    return f"{text[:half]} … {text[-half:]}"


def item_with_content(w: Writer, sha256: str) -> str | None:
    """The evidence item already holding these bytes, if any."""
    found = w.conn.execute(_WITH_CONTENT, {"sha256": sha256}).scalar()
    return None if found is None else str(found)


def already_ingested(conn: Connection, path: str, size: int, mtime_ns: int) -> str | None:
    """The item recorded from ``path`` with this size and modification time (a finished file on a re-run)."""
    found = conn.execute(_FINISHED, {"path": path, "size": size, "mtime": mtime_ns}).scalar()
    return None if found is None else str(found)


def finished_items(conn: Connection, files: Mapping[str, tuple[int, int]]) -> dict[str, str]:
    """``already_ingested`` for many files: printable path → (size, mtime in ns) in, path → item
    out for those an earlier ingest recorded with that size and modification time."""
    found: dict[str, str] = {}
    paths = sorted(files)
    for start in range(0, len(paths), _LOOKUP):
        part = paths[start : start + _LOOKUP]
        for path, size, mtime, item in conn.execute(_FINISHED_MANY, {"paths": part}):
            if files[path] == (size, mtime):
                found.setdefault(path, str(item))
    return found


def _technical_claims(
    w: Writer, item: str, incoming: Incoming, media: MediaType, meta: Extracted, title: str
) -> list[NewClaim]:
    schema = w.model.schema("EvidenceItem")
    values: dict[str, str] = {
        "title": _fit(title),
        "mediaType": media.mime,
        "sha256": incoming.sha256,
        "sha512": incoming.sha512,
        "size": str(incoming.size),
    }
    problems = list(meta.problems)
    for prop, value in meta.values.items():
        try:
            values[prop] = schema.get(prop).clean(_fit(value))
        except InvalidValue as exc:  # a hostile or odd file: keep what is valid, say what was not
            problems.append(f"{prop}: {exc}")
    details = dict(meta.details)
    details["media_type_by"] = media.by
    if media.name_says:
        details["name_suggests"] = media.name_says
    if problems:
        details["problems"] = problems
    values["technicalMetadata"] = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)[
        :200_000
    ]
    return [NewClaim(item, prop, value, evidence=item) for prop, value in values.items()]


def _capture_claims(item: str, capture: Capture, incoming: Incoming | None, kind: str) -> list[NewClaim]:
    env = capture_environment()
    values: list[tuple[str, str]] = []
    named: list[NewClaim] = []
    if incoming is not None:
        named = [
            NewClaim(item, prop, _fit(display_path(name)), source=capture.source,
                     evidence=None if capture.source else item, sensitivity=capture.name_sensitivity)
            for prop, name in (("originalFilename", incoming.origin.name), ("originalPath", incoming.origin))
        ]  # fmt: skip
        values.append(("fileModified", rfc3339_utc(datetime.fromtimestamp(incoming.mtime_ns / 1e9, UTC))))
    if kind != "derived":
        values += [
            ("collectedAt", rfc3339_utc(capture.when)),
            ("captureTool", env.tool),
            ("captureHost", env.host),
        ]
        if env.clock_synchronized is not None:
            values.append(("clockSynchronized", "true" if env.clock_synchronized else "false"))
    for prop, given in (
        ("collector", capture.collector),
        ("collectionMethod", capture.method),
        ("collectedFrom", capture.source),
        ("sourceUrl", capture.url),
        ("note", capture.note),
    ):
        if given:
            values.append((prop, given))
    source = capture.source
    return named + [NewClaim(item, p, v, source=source, evidence=None if source else item) for p, v in values]


@dataclass(frozen=True)
class Arrival:
    """Bytes that reached the case and what to record about them (see ``record_arrival``)."""

    incoming: Incoming
    media: MediaType
    meta: Extracted
    capture: Capture
    kind: str = "ingested"
    title: str | None = None
    language: str | None = None
    derived_from: str | None = None
    derivation: str | None = None
    extra_fields: dict[str, object] | None = None


@dataclass
class _Planned:
    """An arrival checked and turned into rows, not yet written."""

    arrival: Arrival
    item: str
    new_item: bool
    claims: list[Claim]
    capture_id: str
    event: dict[str, object]
    at: datetime


def record_arrival(
    w: Writer,
    incoming: Incoming,
    media: MediaType,
    meta: Extracted,
    capture: Capture,
    *,
    kind: str = "ingested",
    title: str | None = None,
    language: str | None = None,
    derived_from: str | None = None,
    derivation: str | None = None,
    extra_fields: dict[str, object] | None = None,
) -> Recorded:
    """Record bytes that reached the case: the item (new, or the one already holding these bytes),
    the claims, the capture record and the custody event (``ingested``, ``derived`` or ``imported``)."""
    arrival = Arrival(
        incoming, media, meta, capture, kind, title, language, derived_from, derivation, extra_fields
    )
    outcome = record_arrivals(w, [arrival])[0]
    if isinstance(outcome, InputError):
        raise outcome
    return outcome


def record_arrivals(w: Writer, arrivals: Sequence[Arrival]) -> list[Recorded | InputError]:
    """Record many arrivals in the writer's transaction, as ``record_arrival`` would one by one.

    Each arrival is checked on its own first; one that is refused gets its ``InputError`` in its
    place in the result and leaves no trace. The others are then written together, one insert per
    table (items, claims, search documents, custody leaves, tree nodes, subject index, captures)
    instead of a dozen per file. Bytes arriving twice in one call make one item, as they would in
    two calls.
    """
    known = _items_with_content(w, {a.incoming.sha256 for a in arrivals})
    outcomes: list[Recorded | InputError | None] = []
    planned: list[_Planned] = []
    for arrival in arrivals:
        try:
            plan = _plan(w, arrival, known)
        except InputError as exc:
            outcomes.append(exc)
            continue
        known.setdefault(arrival.incoming.sha256, plan.item)
        planned.append(plan)
        outcomes.append(None)
    if planned:
        w.register([p.item for p in planned if p.new_item])
        w.write([c for p in planned for c in p.claims])
        leaves = append_events(w.conn, [p.event for p in planned])
        rows = []
        for p, leaf in zip(planned, leaves, strict=True):
            inc, kind, imported = p.arrival.incoming, p.arrival.kind, p.arrival.kind == "imported"
            unnamed = imported or p.arrival.capture.names_withheld  # no path, so no resuming by it
            rows.append(
                (
                    p.capture_id,
                    p.item,
                    kind,
                    leaf.idx,
                    inc.sha256,
                    inc.size,
                    None if unnamed else display_path(inc.origin),
                    None if unnamed else inc.mtime_ns,
                    p.arrival.capture.source,
                    w.author,
                    db_time(w.conn, p.at),
                )
            )
        bulk_insert(w.conn, vault_captures, _CAPTURE_COLUMNS, rows)
        done = iter(
            Recorded(p.item, leaf.idx, p.capture_id, p.new_item)
            for p, leaf in zip(planned, leaves, strict=True)
        )
        outcomes = [next(done) if outcome is None else outcome for outcome in outcomes]
    return [outcome for outcome in outcomes if outcome is not None]


def _items_with_content(w: Writer, digests: set[str]) -> dict[str, str]:
    """The items already holding these bytes: SHA-256 → item (the first recorded, like
    ``item_with_content``)."""
    found: dict[str, str] = {}
    ordered = sorted(digests)
    for start in range(0, len(ordered), _LOOKUP):
        for digest, item in w.conn.execute(
            _ITEMS_WITH_CONTENT, {"digests": ordered[start : start + _LOOKUP]}
        ):
            found.setdefault(str(digest), str(item))
    return found


def _plan(w: Writer, arrival: Arrival, known: dict[str, str]) -> _Planned:
    """Check one arrival and make its rows; raises ``InputError`` (and reserves nothing) if refused."""
    incoming, kind, derived_from = arrival.incoming, arrival.kind, arrival.derived_from
    item = known.get(incoming.sha256)
    new_item = item is None
    if derived_from is not None:
        _check_derivation(w, derived_from, incoming.sha256, item)
    claims: list[NewClaim] = []
    if item is None:
        item = w.reserve("EvidenceItem", 1)[0]
        claims = _technical_claims(
            w,
            item,
            incoming,
            arrival.media,
            arrival.meta,
            arrival.title or display_path(incoming.origin.name),
        )
        if arrival.language:
            claims.append(NewClaim(item, "language", arrival.language, evidence=item))
        if derived_from is not None:
            claims.append(NewClaim(item, "derivedFrom", derived_from, evidence=item))
            claims.append(NewClaim(item, "derivation", arrival.derivation or "other", evidence=item))
    claims += _capture_claims(item, arrival.capture, incoming if kind != "imported" else None, kind)
    capture_id = new_id()
    subjects = [item_subject(item), blob_subject(incoming.sha256)]
    if derived_from is not None:
        subjects.append(item_subject(derived_from))
    fields: dict[str, object] = {
        "capture": capture_id,
        "size": incoming.size,
        "media_type": arrival.media.mime,
        "new_content": new_item,
    }
    if arrival.derivation and derived_from is not None:
        fields["derivation"] = arrival.derivation
    fields.update(arrival.extra_fields or {})
    at = datetime.now(UTC)  # when it reached the case (collectedAt says when it was collected)
    try:
        prepared = w.prepare(claims)
        event = custody_event(
            kind,
            at=at,
            actor=actor_id(w.author),
            subjects=subjects,
            hashes={"sha256": incoming.sha256, "sha512": incoming.sha512},
            fields=fields,
        )
    except InputError:
        if new_item:
            w.release([item])
        raise
    return _Planned(arrival, item, new_item, prepared, capture_id, event, at)


def _check_derivation(w: Writer, original: str, sha256: str, existing: str | None) -> None:
    try:
        schema = w.schema_of(original)
    except NotFound:
        raise NotFound(f"no evidence item {original[:40]}") from None
    if not schema.is_a("EvidenceItem"):
        raise InputError(f"{original} is a {schema.name}, not an evidence item", field="original")
    if existing == original:
        raise InputError("the derived file has the same bytes as its original", field="file")
    if existing is not None:
        raise Conflict(f"these bytes are already evidence item {existing}; a derived copy must be new")


__all__ = [
    "Arrival",
    "Recorded",
    "already_ingested",
    "finished_items",
    "blob_subject",
    "item_subject",
    "item_with_content",
    "record_arrival",
    "record_arrivals",
]
