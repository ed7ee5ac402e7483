"""Recording testimony: interviews, their files, segments, translations, citations and consent.

A Testimony is a Source: claims drawn from it name it as their source and one of its segments as
their locator (``Locator(segment="<testimony id>.<n>")``), so each fact points at the words that
state it. Segments are the testimony's words in the original language, paragraph by paragraph or
by time range of the recording; a translation is a segment linked to the one it translates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select

from dadkhah.access import consent
from dadkhah.access.redaction import segment_testimony
from dadkhah.errors import InputError, LockedError, NotFound
from dadkhah.model import Sensitivity
from dadkhah.model.types import REGISTRY
from dadkhah.store import BlobStore, Claim, Locator, Writer
from dadkhah.store.tables import entities
from dadkhah.testimony.tables import segments
from dadkhah.testimony.witnesses import resolve_witness
from dadkhah.vault import ingest_file, store_derived

#: segments are confidential unless said otherwise: the words can identify whoever spoke them
SEGMENT_SENSITIVITY = Sensitivity.CONFIDENTIAL
_TIME_RANGE = re.compile(r"^\[\s*([\d:.]+)\s*(?:-|–)\s*([\d:.]+)\s*\]\s*")
_TIME = re.compile(r"^(\d{1,2}:)?\d{1,2}:\d{2}(\.\d+)?$")  # [hh:]mm:ss, as in a Locator


@dataclass(frozen=True)
class SegmentText:
    """A segment to add: its words and, for a recording, where they are in it."""

    text: str
    start: str | None = None
    end: str | None = None

    @classmethod
    def timed(cls, text: str, start_s: float | None, end_s: float | None) -> SegmentText:
        """A segment whose time range is given in seconds from the start of the recording."""
        return cls(text, timestamp(start_s), timestamp(end_s))


def timestamp(seconds: float | None) -> str | None:
    """Seconds as ``hh:mm:ss`` (``hh:mm:ss.f`` when not whole): ``75.5`` → ``00:01:15.5``."""
    if seconds is None:
        return None
    if seconds < 0:
        raise InputError("a time in a recording cannot be negative", field="start")
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    text = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
    fraction = round(seconds - whole, 3)
    return text + (f"{fraction:.3f}".lstrip("0").rstrip("0") if fraction else "")


def add_testimony(
    writer: Writer,
    *,
    witness: str,
    date: str,
    language: str | Sequence[str],
    interviewers: Sequence[str] = (),
    interpreter: str | None = None,
    place: str | None = None,
    title: str | None = None,
    recording: Path | str | None = None,
    transcript: Path | str | None = None,
    blobs: BlobStore | None = None,
    prior: Sequence[str] = (),
    sensitivity: Sensitivity | None = None,
) -> str:
    """Record an interview with ``witness`` (a code such as ``W-0001`` or a person id); return its id.

    ``recording`` and ``transcript`` are files (a ``Path``, stored content-addressed in ``blobs``)
    or the id of an EvidenceItem already in the case. ``prior`` names earlier testimonies of the
    same witness. The testimony's own claims (date, place, interviewers, …) are recorded at
    ``sensitivity`` (the case default if not given) and are their own source.
    """
    if sensitivity == Sensitivity.PROTECTED:
        raise InputError(
            "a testimony's details cannot be protected (consent is decided from them); "
            "protect the witness's identity and the segments instead",
            field="sensitivity",
        )
    found = resolve_witness(writer.conn, witness)
    languages = [language] if isinstance(language, str) else list(language)
    values: dict[str, object] = {
        "title": title or f"Testimony of {found.code}, {date}",
        "witness": found.person_id,
        "kind": "interview",
        "date": date,
        "language": languages,
        "interviewer": list(interviewers),
    }
    if interpreter:
        values["interpreter"] = interpreter
    if place:
        values["place"] = place
    testimony = writer.create("Testimony", values, sensitivity=sensitivity)
    files: dict[str, str] = {}
    for prop, item in (("recording", recording), ("transcript", transcript)):
        if item is None:
            continue
        if isinstance(item, Path):
            if blobs is None:
                raise InputError("storing a file needs the case's blob store", field=prop)
            derived = files.get("recording") if prop == "transcript" else None
            item = _store_file(
                writer,
                blobs,
                item,
                title=f"{prop.capitalize()} of {found.code}, {date}",
                source=testimony,
                language=languages[0] if prop == "transcript" else None,
                derived_from=derived,
                derivation="transcript" if derived else None,
            )
        files[prop] = item
        writer.claim(testimony, prop, item, source=testimony, sensitivity=sensitivity)
    for earlier in prior:
        link_prior(writer, testimony, earlier)
    return testimony


def _store_file(
    writer: Writer,
    blobs: BlobStore,
    path: Path,
    *,
    title: str,
    source: str,
    language: str | None = None,
    derived_from: str | None = None,
    derivation: str | None = None,
) -> str:
    """Store a recording or transcript through the evidence vault: hashed, described, and logged as a
    custody event (``ingested``, or ``derived`` for a transcript of a recording) in this transaction.

    Its file name and folder are sealed as protected values: teams name recordings after the
    person speaking, and a name in the clear would undo the pseudonym."""
    hidden = Sensitivity.PROTECTED
    if derived_from:
        kind = derivation or "other"
        return store_derived(
            writer, derived_from, path, kind, blobs=blobs, title=title, language=language,
            name_sensitivity=hidden,
        )  # fmt: skip
    return ingest_file(
        writer, path, blobs=blobs, source=source, title=title, language=language, name_sensitivity=hidden
    )


def link_prior(writer: Writer, testimony: str, prior: str) -> Claim:
    """Link an earlier statement of the same witness, so the two can be compared."""
    later_witness = _witness_of(writer, testimony)
    if _witness_of(writer, prior) != later_witness:
        raise InputError("a prior statement must be by the same witness", field="prior")
    if prior == testimony:
        raise InputError("a testimony cannot be its own prior statement", field="prior")
    return writer.claim(testimony, "priorStatement", prior, source=testimony)


def add_segments(
    writer: Writer,
    testimony: str,
    texts: Iterable[SegmentText | str],
    *,
    language: str | None = None,
    sensitivity: Sensitivity = SEGMENT_SENSITIVITY,
) -> list[str]:
    """Append segments in order to a testimony; return their ids (``<testimony>.<n>``).

    ``language`` defaults to the testimony's first language. Protected segments are sealed with
    the case key (the writer must hold it).
    """
    _require_testimony(writer, testimony)
    lang = _language(language) if language else _testimony_language(writer, testimony)
    seq = int(
        writer.conn.execute(
            select(func.max(segments.c.seq)).where(segments.c.testimony_id == testimony)
        ).scalar()
        or 0
    )
    rows, ids = [], []
    for item in texts:
        part = SegmentText(item) if isinstance(item, str) else item
        seq += 1
        segment_id = f"{testimony}.{seq}"
        rows.append(_row(writer, segment_id, testimony, seq, lang, part, sensitivity, None, None))
        ids.append(segment_id)
    if rows:
        writer.conn.execute(insert(segments), rows)
    return ids


def add_translation(
    writer: Writer,
    segment_id: str,
    text: str,
    *,
    language: str,
    translator: str | None = None,
    sensitivity: Sensitivity | None = None,
) -> str:
    """Add a translation of one segment; return its id (``<segment>.<language>``).

    The translation is at least as sensitive as its original (default: the same level).
    """
    original = writer.conn.execute(select(segments).where(segments.c.id == segment_id)).first()
    if original is None:
        raise NotFound(f"no segment {segment_id[:70]}")
    if original.translation_of is not None:
        raise InputError("translate the original segment, not a translation of it", field="segment")
    level = Sensitivity(original.sensitivity) if sensitivity is None else sensitivity
    if level < original.sensitivity:
        raise InputError(
            f"the segment is {Sensitivity(original.sensitivity).label}; its translation cannot be less",
            field="sensitivity",
        )
    lang = _language(language)
    taken = {
        r[0]
        for r in writer.conn.execute(select(segments.c.id).where(segments.c.translation_of == segment_id))
    }
    new_id, n = f"{segment_id}.{lang}", 1
    while new_id in taken:
        n += 1
        new_id = f"{segment_id}.{lang}-{n}"
    part = SegmentText(text, original.start, original.end)
    row = _row(writer, new_id, original.testimony_id, original.seq, lang, part, level, segment_id, translator)
    writer.conn.execute(insert(segments), [row])
    return new_id


def translate(
    writer: Writer,
    testimony: str,
    texts: Sequence[str],
    *,
    language: str,
    translator: str | None = None,
) -> list[str]:
    """Translations of every original segment, in order (one text per segment)."""
    originals = [
        r.id
        for r in writer.conn.execute(
            select(segments.c.id)
            .where(segments.c.testimony_id == testimony, segments.c.translation_of.is_(None))
            .order_by(segments.c.seq)
        )
    ]
    if len(originals) != len(texts):
        raise InputError(
            f"the testimony has {len(originals)} segments but {len(texts)} translated paragraphs were given",
            field="translation",
        )
    return [
        add_translation(writer, sid, text, language=language, translator=translator)
        for sid, text in zip(originals, texts, strict=True)
    ]


def cite(
    writer: Writer,
    segment_id: str,
    entity_id: str,
    prop: str,
    value: object,
    *,
    sensitivity: Sensitivity | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Claim:
    """A claim drawn from a testimony: its source is the testimony, its locator the segment."""
    testimony = segment_testimony(segment_id)
    if (
        testimony is None
        or writer.conn.execute(select(segments.c.id).where(segments.c.id == segment_id)).first() is None
    ):
        raise NotFound(f"no segment {segment_id[:70]}")
    locator = Locator.from_dict({"segment": segment_id, "start": start, "end": end})
    return writer.claim(entity_id, prop, value, source=testimony, locator=locator, sensitivity=sensitivity)


def parse_segments(text: str) -> list[SegmentText]:
    """Paragraphs (separated by blank lines) as segments; ``[00:01:05-00:02:10]`` opens a time range."""
    parts = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        block = block.strip()
        if not block:
            continue
        start = end = None
        match = _TIME_RANGE.match(block)
        if match:
            start, end = match.group(1), match.group(2)
            block = block[match.end() :].strip()
        parts.append(SegmentText(block, start, end))
    return parts


# -- consent, by witness code -----------------------------------------------------------------


def record_consent(
    writer: Writer,
    witness: str,
    *,
    uses: Sequence[str],
    recipients: Sequence[str] = (),
    effective: str | None = None,
    testimony: str | None = None,
    evidence: str | None = None,
    note: str | None = None,
) -> consent.ConsentEvent:
    """Record consent given by ``witness`` (code or person id) for ``uses`` and ``recipients``."""
    person = resolve_witness(writer.conn, witness).person_id
    if testimony is not None and _witness_of(writer, testimony) != person:
        raise InputError("that testimony is not by this witness", field="testimony")
    return consent.record_consent(
        writer.conn,
        person,
        uses=uses,
        recipients=recipients,
        author=writer.author,
        effective=effective,
        testimony_id=testimony,
        evidence_id=evidence,
        note=note,
    )


def withdraw_consent(
    writer: Writer,
    witness: str,
    *,
    recipients: Sequence[str] = (),
    uses: Sequence[str] = (),
    effective: str | None = None,
    testimony: str | None = None,
    note: str | None = None,
) -> consent.ConsentEvent:
    """Record that ``witness`` withdrew consent: for ``recipients``, for ``uses``, or entirely."""
    person = resolve_witness(writer.conn, witness).person_id
    if testimony is not None and _witness_of(writer, testimony) != person:
        raise InputError("that testimony is not by this witness", field="testimony")
    return consent.withdraw_consent(
        writer.conn,
        person,
        author=writer.author,
        recipients=recipients,
        uses=uses,
        effective=effective,
        testimony_id=testimony,
        note=note,
    )


# -- internals --------------------------------------------------------------------------------


def _row(
    writer: Writer,
    segment_id: str,
    testimony: str,
    seq: int,
    language: str,
    part: SegmentText,
    sensitivity: Sensitivity,
    translation_of: str | None,
    translator: str | None,
) -> dict[str, object]:
    text = REGISTRY["text"].clean(part.text) if part.text.strip() else ""
    if not text:
        raise InputError("a segment has no text", field="segment")
    for name, value in (("start", part.start), ("end", part.end)):
        if value is not None and not _TIME.match(value):
            raise InputError(f"a segment's {name} must be a time such as 00:12:03", field=name)
    if sensitivity == Sensitivity.PROTECTED:
        if writer.protector is None:
            raise LockedError(
                "protected segments are encrypted; unlock the case (passphrase or key file) first"
            )
        text = writer.protector.seal(text, context=segment_id)
    if translator is not None and not 0 < len(translator.strip()) <= 200:
        raise InputError("a translator's name is 1–200 characters", field="translator")
    return {
        "id": segment_id,
        "testimony_id": testimony,
        "seq": seq,
        "translation_of": translation_of,
        "language": language,
        "start": part.start,
        "end": part.end,
        "text": text,
        "sensitivity": int(sensitivity),
        "translator": translator.strip() if translator else None,
        "author": writer.author,
        "recorded_at": datetime.now(UTC),
    }


def _language(code: str) -> str:
    return REGISTRY["language"].clean(code)


def _require_testimony(writer: Writer, testimony: str) -> None:
    schema = writer.conn.execute(select(entities.c.schema).where(entities.c.id == testimony)).scalar()
    if schema != "Testimony":
        raise NotFound(f"no testimony {testimony[:40]}")


def _testimony_language(writer: Writer, testimony: str) -> str:
    from dadkhah.store.tables import claims

    found = writer.conn.execute(
        select(claims.c.value)
        .where(claims.c.entity_id == testimony, claims.c.prop == "language")
        .order_by(claims.c.recorded_at, claims.c.id)
    ).first()
    if found is None:
        raise InputError("the testimony has no language; give the segments' language", field="language")
    return str(found[0])


def _witness_of(writer: Writer, testimony: str) -> str:
    from dadkhah.store.tables import claims

    _require_testimony(writer, testimony)
    found = writer.conn.execute(
        select(claims.c.ref)
        .where(claims.c.entity_id == testimony, claims.c.prop == "witness")
        .order_by(claims.c.recorded_at.desc(), claims.c.id.desc())
    ).first()
    if found is None or found[0] is None:
        raise InputError("the testimony names no witness", field="testimony")
    return str(found[0])
