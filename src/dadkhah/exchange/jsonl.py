"""JSON lines of everything a reader may see, with full provenance; and importing them into a new case.

One JSON object per line, each with a ``record`` member:

- ``header`` (first line): format, version, who the export was made for;
- ``entity``: id, type, when and by whom created, and its ``claims``, each with value, original
  spelling, source, locator, evidence item, author, time, sensitivity, the claim it supersedes and
  why, and its retraction if withdrawn — the visible history, not just current values;
- ``segment``: a testimony segment or translation, as the reader may see it;
- ``witness``: a witness registry entry (pseudonym code ↔ person id);
- ``profile`` and ``consent``: recipient profiles and witnesses' consent history (team readers only;
  a recipient is not given other witnesses' consent notes).

Everything passes the one redaction: what the reader may not see is not in the file. Lines are in a
fixed order (entities by id, claims by time then id), so the same case gives the same bytes.

``import_jsonl`` takes such a file into a case that does not hold its entities yet, keeping every
id, time and author, so that exporting the new case gives the same records again (the round trip is
lossless). Values are checked as on any write: each must already be in its type's clean form,
references must resolve to entities of the right type, protected values need the case key. The
import is one transaction and one ``imported`` custody event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select

from dadkhah.errors import Conflict, InputError, InvalidData, LockedError, Problem
from dadkhah.exchange.output import ExportSummary, staged_file
from dadkhah.exchange.snapshot import EntityRecord, Snapshot, read_snapshot
from dadkhah.model import Sensitivity
from dadkhah.store import Claim, Locator, resolve

if TYPE_CHECKING:
    from dadkhah.access import Reader
    from dadkhah.access.redaction import Redaction
    from dadkhah.case import Case
    from dadkhah.store import Protector

FORMAT = "dadkhah-jsonl"
VERSION = 1
_CHUNK = 5000


def _time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_time(value: object, field: str, line: int, file: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise InputError("not an ISO 8601 time", file=file, line=line, field=field) from None
    if parsed.utcoffset() is None:
        raise InputError("a time without a time zone", file=file, line=line, field=field)
    return parsed.astimezone(UTC)


# -- export --------------------------------------------------------------------------------------


def _claim_record(claim: Claim, snapshot: Snapshot) -> dict[str, Any]:
    retraction = snapshot.retractions.get(claim.id)
    return {
        "id": claim.id,
        "prop": claim.prop,
        "value": claim.value,
        "original": claim.original,
        "source": claim.source_id,
        "locator": json.loads(claim.locator.to_json()) if claim.locator else None,
        "evidence": claim.evidence_id,
        "author": claim.author,
        "recorded_at": _time(claim.recorded_at),
        "sensitivity": claim.sensitivity.label,
        "supersedes": claim.supersedes,
        "reason": claim.reason,
        "retraction": (
            {
                "id": retraction.id,
                "author": retraction.author,
                "reason": retraction.reason,
                "recorded_at": _time(retraction.recorded_at),
            }
            if retraction
            else None
        ),
    }


def _entity_record(record: EntityRecord, snapshot: Snapshot) -> dict[str, Any]:
    return {
        "record": "entity",
        "id": record.id,
        "schema": record.schema,
        "created_at": _time(record.created_at),
        "created_by": record.created_by,
        "claims": [_claim_record(c, snapshot) for c in record.claims],
    }


def records(case: Case, reader: Reader | None = None) -> Iterator[dict[str, Any]]:
    """Every record of the export, header first."""
    snapshot = read_snapshot(case, reader, history=True)
    team = not snapshot.reader.is_recipient
    yield {
        "record": "header",
        "format": FORMAT,
        "version": VERSION,
        "reader": {
            "name": snapshot.reader.name,
            "clearance": snapshot.reader.clearance.label,
            "profile": snapshot.reader.profile,
        },
        "withheld": snapshot.notices,
    }
    for record in snapshot:
        yield _entity_record(record, snapshot)
    with case.redacted(snapshot.reader) as (conn, red):
        yield from _segments(conn, red, snapshot)
        yield from _witnesses(conn, snapshot)
        if team:
            yield from _profiles(conn)
            yield from _consents(conn, snapshot)


def _segments(conn: Connection, red: Redaction, snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    from dadkhah.testimony.tables import segments

    query = select(segments).order_by(segments.c.testimony_id, segments.c.seq, segments.c.id)
    for row in conn.execute(query):
        if row.testimony_id not in snapshot.entities:
            continue
        text = red.segment(row.id, Sensitivity(row.sensitivity), row.text)
        if text is None:
            continue
        yield {
            "record": "segment",
            "id": row.id,
            "testimony": row.testimony_id,
            "seq": row.seq,
            "translation_of": row.translation_of,
            "language": row.language,
            "start": row.start,
            "end": row.end,
            "text": text,
            "sensitivity": Sensitivity(row.sensitivity).label,
            "translator": row.translator,
            "author": row.author,
            "recorded_at": _time(row.recorded_at),
        }


def _witnesses(conn: Connection, snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    from dadkhah.testimony.tables import witnesses

    for row in conn.execute(select(witnesses).order_by(witnesses.c.number)):
        if row.person_id in snapshot.entities:
            yield {
                "record": "witness",
                "code": row.code,
                "number": row.number,
                "person": row.person_id,
                "registered_at": _time(row.registered_at),
                "registered_by": row.registered_by,
            }


def _profiles(conn: Connection) -> Iterator[dict[str, Any]]:
    from dadkhah.access.tables import profiles

    for row in conn.execute(select(profiles).order_by(profiles.c.name)):
        yield {
            "record": "profile",
            "name": row.name,
            "label": row.label,
            "clearance": Sensitivity(row.clearance).label,
            "purpose": row.purpose,
            "description": row.description,
            "created_at": _time(row.created_at),
            "created_by": row.created_by,
        }


def _consents(conn: Connection, snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    from dadkhah.access.tables import consents

    for row in conn.execute(select(consents).order_by(consents.c.recorded_at, consents.c.id)):
        if row.witness_id not in snapshot.entities:
            continue
        yield {
            "record": "consent",
            "id": row.id,
            "witness": row.witness_id,
            "testimony": row.testimony_id,
            "action": row.action,
            "uses": json.loads(row.uses),
            "recipients": json.loads(row.recipients),
            "effective": row.effective,
            "evidence": row.evidence_id,
            "note": row.note,
            "author": row.author,
            "recorded_at": _time(row.recorded_at),
        }


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def export_jsonl(case: Case, out: Path, reader: Reader | None = None) -> ExportSummary:
    """Write the JSON lines export to ``out``."""
    count, notices = 0, []
    with staged_file(Path(out)) as tmp, tmp.open("w", encoding="utf-8") as stream:
        for record in records(case, reader):
            if record["record"] == "header":
                notices = list(record["withheld"])
            else:
                count += 1
            stream.write(dumps(record) + "\n")
    return ExportSummary("jsonl", Path(out), [Path(out).name], count, notices)


# -- import --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSummary:
    entities: int
    claims: int
    retractions: int
    segments: int
    witnesses: int
    consents: int
    sha256: str

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


class _Lines:
    """The file's records, with their line numbers, checked for shape."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self.by_kind: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        digest = hashlib.sha256()
        with Path(path).open("rb") as stream:
            for number, raw in enumerate(stream, start=1):
                digest.update(raw)
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except (UnicodeDecodeError, ValueError):
                    raise InputError("not a JSON object", file=self.file, line=number) from None
                if not isinstance(record, dict) or not isinstance(record.get("record"), str):
                    raise InputError("a record needs a 'record' member", file=self.file, line=number)
                self.by_kind.setdefault(record["record"], []).append((number, record))
        self.sha256 = digest.hexdigest()
        headers = self.by_kind.get("header", [])
        if not headers or headers[0][0] != 1 or headers[0][1].get("format") != FORMAT:
            raise InputError(f"not a {FORMAT} file (no header on line 1)", file=self.file, line=1)
        if headers[0][1].get("version") != VERSION:
            raise InputError(f"version {VERSION} expected", file=self.file, line=1, field="version")
        unknown = set(self.by_kind) - {"header", "entity", "segment", "witness", "profile", "consent"}
        if unknown:
            kind = sorted(unknown)[0]
            raise InputError(
                f"unknown record '{kind[:30]}'", file=self.file, line=self.by_kind[kind][0][0], field="record"
            )

    def of(self, kind: str) -> list[tuple[int, dict[str, Any]]]:
        return self.by_kind.get(kind, [])


def import_jsonl(case: Case, path: Path, *, author: str | None = None) -> ImportSummary:
    """Take a JSON lines export into ``case``, keeping ids, times and authors; all or nothing."""
    from dadkhah.log.canonical import custody_event
    from dadkhah.log.case_log import actor_id, append_event

    lines = _Lines(Path(path))
    with case.writer(author) as w:
        importer = _Importer(case, w.conn, w.protector, lines)
        summary = importer.run()
        event = custody_event(
            "imported",
            at=datetime.now(UTC),
            actor=actor_id(w.author),
            subjects=[f"jsonl:sha256:{lines.sha256}", f"case:{case.id}"],
            hashes={"sha256": lines.sha256},
            fields={"format": FORMAT, "entities": summary.entities, "claims": summary.claims},
        )
        append_event(w.conn, event)
    return summary


class _Importer:
    def __init__(self, case: Case, conn: Connection, protector: Protector | None, lines: _Lines) -> None:
        self.case = case
        self.model = case.model
        self.conn = conn
        self.protector = protector
        self.lines = lines
        self.problems: list[Problem] = []
        self.schemas: dict[str, str] = {}

    def problem(self, reason: str, line: int, field: str | None = None) -> None:
        self.problems.append(Problem(reason, self.lines.file, line, field))

    def check(self) -> None:
        if self.problems:
            raise InvalidData(self.problems)

    def run(self) -> ImportSummary:
        from dadkhah.store.tables import entities

        entity_lines = self.lines.of("entity")
        for line, record in entity_lines:
            schema = str(record.get("schema", ""))
            if schema not in self.model.schemas or self.model.schemas[schema].abstract:
                self.problem(f"unknown entity type '{schema[:40]}'", line, "schema")
            self.schemas[str(record.get("id", ""))] = schema
        self.check()
        existing = {
            str(r)
            for start in range(0, len(self.schemas), 500)
            for r in self.conn.execute(
                select(entities.c.id).where(entities.c.id.in_(sorted(self.schemas)[start : start + 500]))
            ).scalars()
        }
        if existing:
            raise Conflict(
                f"{len(existing)} of the file's entities are already in this case (e.g. {min(existing)})"
            )
        rows = [
            {
                "id": record["id"],
                "schema": record["schema"],
                "created_at": _parse_time(record.get("created_at"), "created_at", line, self.lines.file),
                "created_by": str(record.get("created_by", ""))[:128],
            }
            for line, record in entity_lines
        ]
        for start in range(0, len(rows), _CHUNK):
            self.conn.execute(insert(entities), rows[start : start + _CHUNK])
        claims, retractions = self._claims(entity_lines)
        segments = self._segments()
        witnesses = self._simple("witness")
        self._simple("profile")
        consents = self._simple("consent")
        return ImportSummary(
            len(entity_lines), claims, retractions, segments, witnesses, consents, self.lines.sha256
        )

    # -- claims ------------------------------------------------------------------------------

    def _claims(self, entity_lines: list[tuple[int, dict[str, Any]]]) -> tuple[int, int]:
        from dadkhah.store import search
        from dadkhah.store.tables import claims, retractions

        rows: list[dict[str, Any]] = []
        retraction_rows: list[dict[str, Any]] = []
        parsed: list[Claim] = []
        known_claims = {
            str(c.get("id"))
            for _, record in entity_lines
            for c in record.get("claims") or []
            if isinstance(c, dict)
        }
        for line, record in entity_lines:
            for raw in record.get("claims") or []:
                claim = self._claim(line, record, raw, known_claims)
                if claim is None:
                    continue
                parsed.append(claim)
                rows.append(self._row(claim))
                retraction = raw.get("retraction")
                if retraction:
                    retraction_rows.append(
                        {
                            "id": str(retraction.get("id", "")),
                            "claim_id": claim.id,
                            "author": str(retraction.get("author", ""))[:128],
                            "reason": str(retraction.get("reason", "")),
                            "recorded_at": _parse_time(
                                retraction.get("recorded_at"), "retraction.recorded_at", line, self.lines.file
                            ),
                        }
                    )
        self.check()
        for start in range(0, len(rows), _CHUNK):
            self.conn.execute(insert(claims), rows[start : start + _CHUNK])
        if retraction_rows:
            self.conn.execute(insert(retractions), retraction_rows)
        statuses = resolve(parsed, {r["claim_id"]: r["id"] for r in retraction_rows})
        current = [c for c in parsed if statuses[c.id].state == "current"]
        for start in range(0, len(current), _CHUNK):
            search.index(self.conn, self.model, current[start : start + _CHUNK], schemas=self.schemas)
        return len(parsed), len(retraction_rows)

    def _claim(self, line: int, record: dict[str, Any], raw: Any, known: set[str]) -> Claim | None:
        if not isinstance(raw, dict):
            self.problem("a claim must be an object", line, "claims")
            return None
        schema = self.model.schemas[record["schema"]]
        prop_name = str(raw.get("prop", ""))
        if prop_name not in schema.properties:
            self.problem(f"{schema.name} has no property '{prop_name[:40]}'", line, "prop")
            return None
        prop = schema.properties[prop_name]
        value = raw.get("value")
        try:
            sensitivity = Sensitivity.parse(str(raw.get("sensitivity", "")))
            cleaned = prop.clean(value)
            if cleaned != value:
                raise InputError("is not in its clean form", field=prop_name)
            locator = Locator.from_dict(raw["locator"]) if raw.get("locator") else None
            recorded_at = _parse_time(raw.get("recorded_at"), "recorded_at", line, self.lines.file)
        except InputError as exc:
            self.problem(exc.problem.reason, line, exc.problem.field or prop_name)
            return None
        if sensitivity == Sensitivity.PROTECTED and self.protector is None:
            raise LockedError(
                "the file holds protected values; unlock the case (passphrase or key file) first"
            )
        for field, ref, kinds in (
            (prop_name, cleaned if prop.type.name == "entity" else None, prop.range),
            ("source", raw.get("source"), ("Source",)),
            ("evidence", raw.get("evidence"), ("EvidenceItem",)),
        ):
            if ref is not None:
                self._check_ref(str(ref), kinds, line, field)
        supersedes = raw.get("supersedes")
        if supersedes is not None and supersedes not in known:
            self.problem("supersedes a claim that is not in the file", line, "supersedes")
        if not raw.get("source") and not raw.get("evidence"):
            self.problem("a claim needs a source or an evidence item", line, "source")
        return Claim(
            id=str(raw.get("id", "")),
            entity_id=record["id"],
            prop=prop_name,
            value=cleaned,
            source_id=raw.get("source"),
            author=str(raw.get("author", ""))[:128],
            recorded_at=recorded_at,
            sensitivity=sensitivity,
            original=raw.get("original"),
            locator=locator,
            evidence_id=raw.get("evidence"),
            supersedes=supersedes,
            reason=raw.get("reason"),
        )

    def _check_ref(self, ref: str, kinds: tuple[str, ...] | list[str], line: int, field: str) -> None:
        schema = self.schemas.get(ref)
        if schema is None:
            from dadkhah.store.tables import entities

            schema = self.conn.execute(select(entities.c.schema).where(entities.c.id == ref)).scalar()
            if schema is None:
                self.problem("refers to an entity that is neither in the file nor in the case", line, field)
                return
            self.schemas[ref] = schema
        if not any(self.model.schemas[schema].is_a(k) for k in kinds):
            self.problem(f"must refer to a {' or '.join(kinds)}, not a {schema}", line, field)

    def _row(self, claim: Claim) -> dict[str, Any]:
        from dadkhah.model.types.dates import DateType

        prop = self.model.schemas[self.schemas[claim.entity_id]].properties[claim.prop]
        value, original, ref, low, high = claim.value, claim.original, None, None, None
        if claim.sensitivity == Sensitivity.PROTECTED:
            assert self.protector is not None
            value = self.protector.seal(value, context=claim.id)
            original = self.protector.seal(original, context=claim.id + ":original") if original else None
        elif prop.type.name == "entity":
            ref = claim.value
        elif prop.type.name == "date":
            lo, hi = DateType().bounds(claim.value)
            low, high = (lo.isoformat() if lo else None), (hi.isoformat() if hi else None)
        return {
            "id": claim.id,
            "entity_id": claim.entity_id,
            "prop": claim.prop,
            "value": value,
            "original": original,
            "ref": ref,
            "date_lo": low,
            "date_hi": high,
            "source_id": claim.source_id,
            "locator": claim.locator.to_json() if claim.locator else None,
            "evidence_id": claim.evidence_id,
            "author": claim.author,
            "recorded_at": claim.recorded_at,
            "sensitivity": int(claim.sensitivity),
            "supersedes": claim.supersedes,
            "reason": claim.reason,
        }

    # -- testimony, registry, consent ------------------------------------------------------------

    def _segments(self) -> int:
        from dadkhah.testimony.tables import segments

        rows = []
        for line, record in self.lines.of("segment"):
            if self.schemas.get(str(record.get("testimony"))) != "Testimony":
                self.problem("belongs to no testimony in the file", line, "testimony")
                continue
            try:
                level = Sensitivity.parse(str(record.get("sensitivity", "")))
            except InputError as exc:
                self.problem(exc.problem.reason, line, "sensitivity")
                continue
            text = str(record.get("text", ""))
            if level == Sensitivity.PROTECTED:
                if self.protector is None:
                    raise LockedError("the file holds protected segments; unlock the case first")
                text = self.protector.seal(text, context=str(record["id"]))
            rows.append(
                {
                    "id": record["id"],
                    "testimony_id": record["testimony"],
                    "seq": int(record.get("seq", 0)),
                    "translation_of": record.get("translation_of"),
                    "language": record.get("language"),
                    "start": record.get("start"),
                    "end": record.get("end"),
                    "text": text,
                    "sensitivity": int(level),
                    "translator": record.get("translator"),
                    "author": str(record.get("author", ""))[:128],
                    "recorded_at": _parse_time(
                        record.get("recorded_at"), "recorded_at", line, self.lines.file
                    ),
                }
            )
        self.check()
        # Originals before their translations (a translation's foreign key names its original).
        rows.sort(key=lambda r: r["translation_of"] is not None)
        for start in range(0, len(rows), _CHUNK):
            self.conn.execute(insert(segments), rows[start : start + _CHUNK])
        return len(rows)

    def _simple(self, kind: str) -> int:
        """Witness registry entries, profiles and consent events, copied as they are."""
        from dadkhah.access.tables import consents, profiles
        from dadkhah.testimony.tables import witnesses

        found = self.lines.of(kind)
        rows = []
        for line, record in found:
            try:
                rows.append(self._simple_row(kind, line, record))
            except (KeyError, TypeError, ValueError):
                self.problem(f"a {kind} record is incomplete", line, kind)
        self.check()
        table = {"witness": witnesses, "profile": profiles, "consent": consents}[kind]
        if kind == "profile":  # a profile of the same name already defined here stays as it is
            present = set(self.conn.execute(select(profiles.c.name)).scalars())
            rows = [r for r in rows if r["name"] not in present]
        if rows:
            self.conn.execute(insert(table), rows)
        return len(rows)

    def _simple_row(self, kind: str, line: int, r: dict[str, Any]) -> dict[str, Any]:
        file = self.lines.file
        if kind == "witness":
            if self.schemas.get(r["person"]) != "Person":
                raise ValueError("no such person")
            return {
                "code": r["code"],
                "number": int(r["number"]),
                "person_id": r["person"],
                "registered_at": _parse_time(r["registered_at"], "registered_at", line, file),
                "registered_by": r["registered_by"],
            }
        if kind == "profile":
            return {
                "name": r["name"],
                "label": r["label"],
                "clearance": int(Sensitivity.parse(r["clearance"])),
                "purpose": r["purpose"],
                "description": r.get("description") or "",
                "created_at": _parse_time(r["created_at"], "created_at", line, file),
                "created_by": r["created_by"],
            }
        if self.schemas.get(r["witness"]) != "Person":
            raise ValueError("no such witness")
        return {
            "id": r["id"],
            "witness_id": r["witness"],
            "testimony_id": r.get("testimony"),
            "action": r["action"],
            "uses": json.dumps(list(r["uses"])),
            "recipients": json.dumps(list(r["recipients"])),
            "effective": r["effective"],
            "evidence_id": r.get("evidence") if r.get("evidence") in self.schemas else None,
            "note": r.get("note"),
            "author": r["author"],
            "recorded_at": _parse_time(r["recorded_at"], "recorded_at", line, file),
        }


__all__ = ["FORMAT", "VERSION", "ImportSummary", "dumps", "export_jsonl", "import_jsonl", "records"]
