"""The one seam between the case matrix and testimony segments (owned by ``dadkhah.testimony``).

Everything the matrix needs from a segment is here: the testimony and witness it belongs to (for
independence: every statement by one witness is one source), its words as the reader may see them
(through the read's redaction: clearance, the witness's consent, the case key), and the segments
that name the suspect (for suggestions). A segment id is ``<testimony id>.<n>``, and a translation
of it ``<testimony id>.<n>.<language>``.

The witness behind a testimony is looked up without redaction because it is only used as a key for
counting sources; it is never shown. What is shown is the witness's pseudonym code.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Row, select

from dadkhah.law._claims import CaseRead
from dadkhah.model import Sensitivity
from dadkhah.names import fold_text, normalize_name, token_key
from dadkhah.store.reading import is_current
from dadkhah.store.tables import claims

_MIN_SURNAME_KEY = 4


@dataclass(frozen=True)
class SegmentRef:
    """A testimony segment as the matrix shows it."""

    id: str
    testimony: str
    witness: str | None  # the witness's Person id: a key for counting sources, never displayed
    witness_code: str | None  # the witness's pseudonym code, e.g. W-0042
    text: str | None  # the words as the reader may see them; None when withheld
    where: str  # testimony, segment number, language, time range
    language: str | None = None
    translation_of: str | None = None  # the original segment, when this is a translation
    translator: str | None = None


@dataclass(frozen=True)
class Parallel:
    """The same segment in another language: a translation of an original, or a translation's original."""

    id: str
    language: str
    kind: Literal["original", "translation"]
    text: str  # as the reader may see it (texts the reader may not see are left out)
    translator: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "language": self.language,
            "kind": self.kind,
            "text": self.text,
            "translator": self.translator,
        }


def available() -> bool:
    """Whether the testimony service is installed."""
    return importlib.util.find_spec("dadkhah.testimony") is not None


def lookup_many(read: CaseRead, segment_ids: Sequence[str]) -> dict[str, SegmentRef]:
    """The segments that exist among ``segment_ids``, by id, as the reader may see them."""
    if not available() or not segment_ids:
        return {}
    from dadkhah.testimony.tables import segments

    rows = read.conn.execute(select(segments).where(segments.c.id.in_(sorted(set(segment_ids))))).all()
    return {ref.id: ref for ref in _refs(read, rows)}


def lookup(read: CaseRead, segment_id: str) -> SegmentRef | None:
    return lookup_many(read, [segment_id.strip()]).get(segment_id.strip())


def parallels(read: CaseRead, ref: SegmentRef) -> tuple[Parallel, ...]:
    """The other-language versions of a segment the reader may see, each through its own redaction.

    For an original: its translations (by language, then id: ``.en`` before ``.en-2``, a later
    version). For a translation: its original. A version the reader may not see is left out.
    """
    if not available():
        return ()
    from dadkhah.testimony.tables import segments

    if ref.translation_of is None:
        where = segments.c.translation_of == ref.id
        kind: Literal["original", "translation"] = "translation"
    else:
        where = segments.c.id == ref.translation_of
        kind = "original"
    rows = read.conn.execute(select(segments).where(where).order_by(segments.c.language, segments.c.id))
    out = []
    for r in rows:
        text = read.red.segment(r.id, Sensitivity(r.sensitivity), r.text)
        if text is not None:
            out.append(Parallel(r.id, r.language, kind, text, r.translator))
    return tuple(out)


def naming(read: CaseRead, person: str, *, limit: int = 20) -> list[SegmentRef]:
    """Segments that name ``person`` (full name, or surname alone) in any script, readable by the reader.

    Protected segments are sealed and cannot be searched; they are never suggested.
    """
    if not available():
        return []
    from dadkhah.testimony.tables import segments

    facts = read.fact(person)
    full, surnames = _name_keys(facts.values("name") if facts else [])
    if not full:
        return []
    query = (
        select(segments)
        .where(segments.c.sensitivity < int(Sensitivity.PROTECTED))
        .order_by(segments.c.testimony_id, segments.c.seq, segments.c.id)
    )
    hits = []
    for row in read.conn.execute(query):
        words = {token_key(w) for w in fold_text(row.text).split()}
        if any(keys <= words for keys in full) or any(keys <= words for keys in surnames):
            hits.append(row)
    return [ref for ref in _refs(read, hits) if ref.text is not None][:limit]


def testimony_witnesses(read: CaseRead, testimonies: Iterable[str]) -> dict[str, str]:
    """The current witness of each testimony (unredacted: a key for counting, never shown)."""
    ids = sorted(set(testimonies))
    if not ids:
        return {}
    query = (
        select(claims.c.entity_id, claims.c.ref)
        .where(claims.c.entity_id.in_(ids), claims.c.prop == "witness", is_current())
        .order_by(claims.c.entity_id, claims.c.recorded_at)
    )
    return {r.entity_id: r.ref for r in read.conn.execute(query) if r.ref}


def witness_code(read: CaseRead, person: str) -> str | None:
    """A witness's pseudonym code from the testimony registry."""
    if not available():
        return None
    from dadkhah.errors import NotFound
    from dadkhah.testimony import resolve_witness

    try:
        return resolve_witness(read.conn, person).code
    except NotFound:
        return None


def _refs(read: CaseRead, rows: Sequence[Row[Any]]) -> list[SegmentRef]:
    testimonies = {r.testimony_id for r in rows}
    witnesses = testimony_witnesses(read, testimonies)
    titles = read.captions(testimonies)
    out = []
    for r in rows:
        witness = witnesses.get(r.testimony_id)
        code = witness_code(read, witness) if witness else None
        text = read.red.segment(r.id, Sensitivity(r.sensitivity), r.text)
        where = _where(r, titles.get(r.testimony_id), code)
        out.append(
            SegmentRef(
                r.id, r.testimony_id, witness, code, text, where, r.language, r.translation_of, r.translator
            )
        )
    return out


def _where(r: Row[Any], title: str | None, code: str | None) -> str:
    parts = [f"Testimony “{title or r.testimony_id}”"]
    if code:
        parts.append(f"witness {code}")
    seg = f"segment {r.seq}"
    if r.translation_of:
        seg += f" ({r.language} translation)"
    parts.append(seg)
    if r.start:
        parts.append(f"{r.start}–{r.end}" if r.end else f"at {r.start}")
    parts.append(f"[{r.id}]")
    return ", ".join(parts)


def _name_keys(names: Sequence[str]) -> tuple[list[set[str]], list[set[str]]]:
    full, surnames = [], []
    for name in names:
        parsed = normalize_name(name)
        keys = {k for k in parsed.keys if k}
        if keys:
            full.append(keys)
        last = {token_key(fold_text(s)) for s in parsed.surname}
        last.discard("")
        if last and all(len(k) >= _MIN_SURNAME_KEY for k in last):
            surnames.append(last)
    return full, surnames


__all__ = [
    "Parallel",
    "SegmentRef",
    "available",
    "lookup",
    "lookup_many",
    "naming",
    "parallels",
    "testimony_witnesses",
    "witness_code",
]
