"""Exhibits: the evidence items a reader may be given, numbered in the style of ICC evidence
reference numbers (ERNs).

An ERN names a page: ``<PREFIX>-<batch, 4 digits>-<page, 4 digits>``, as in ``DRC-OTP-0001-0042``
(law.md §3, format [K]); a document is identified by the range from its first to its last page.
Exhibits are numbered in the order their items entered the case (their ids are ULIDs), so adding
evidence later never renumbers earlier exhibits of the same selection.

An item is an exhibit for a reader only when its file is in the vault, the redaction does not
withhold it (a withheld testimony's recording, say) and the reader may see its SHA-256 claim: a
recipient is never handed bytes whose very description is above their clearance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from dadkhah.errors import InputError
from dadkhah.exchange.snapshot import EntityRecord, Snapshot
from dadkhah.model import Sensitivity

DEFAULT_PREFIX = "DKH"
_PREFIX = re.compile(r"^[A-Z0-9]{1,12}(-[A-Z0-9]{1,12}){0,3}$")
_TYPES = {
    "transcript": "transcript",
    "translation": "translation",
    "redacted": "redacted copy",
    "still_frame": "still frame",
    "excerpt": "excerpt",
}


@dataclass(frozen=True)
class Exhibit:
    """One evidence item as it is handed over, with its reference numbers."""

    number: int  # 1-based position in the selection
    item: str
    ern_start: str
    ern_end: str
    title: str
    date: str | None
    type: str
    media_type: str | None
    size: int | None
    pages: int
    sha256: str
    sha512: str | None
    author: str | None
    language: str | None
    source: str | None
    witness: str | None  # the pseudonym code of the witness whose testimony this file records
    confidentiality: str  # the highest sensitivity among the claims describing it
    derived_from: str | None
    derivation: str | None

    @property
    def ern(self) -> str:
        return self.ern_start if self.ern_start == self.ern_end else f"{self.ern_start} – {self.ern_end}"


def check_prefix(prefix: str) -> str:
    """An ERN prefix: upper-case letters and digits in up to four hyphenated parts (``AMR-DKH``)."""
    cleaned = prefix.strip().upper()
    if not _PREFIX.match(cleaned):
        raise InputError(
            "an exhibit prefix is 1–4 parts of up to 12 letters or digits, joined by hyphens (e.g. AMR-OTP)",
            field="prefix",
        )
    return cleaned


def vault_items(conn: Connection) -> set[str]:
    """Every evidence item whose bytes are in the vault."""
    from dadkhah.vault.tables import vault_captures

    return {str(i) for i in conn.execute(select(vault_captures.c.item_id).distinct()).scalars()}


def eligible(snapshot: Snapshot, record: EntityRecord | None, stored: set[str]) -> bool:
    return record is not None and record.id in stored and bool(record.first("sha256"))


def number_exhibits(
    snapshot: Snapshot,
    items: Iterable[str],
    stored: set[str],
    *,
    prefix: str = DEFAULT_PREFIX,
    batch: int = 1,
) -> list[Exhibit]:
    """The eligible items among ``items`` as exhibits, numbered by ERN in order of entry."""
    prefix = check_prefix(prefix)
    if not 1 <= batch <= 9999:
        raise InputError("the ERN batch is a number from 1 to 9999", field="batch")
    chosen = sorted({i for i in items if eligible(snapshot, snapshot.get(i), stored)})
    exhibits, page = [], 1
    for number, item in enumerate(chosen, start=1):
        record = snapshot.entities[item]
        pages = _int(record.first("pages")) or 1
        start, end = page, page + pages - 1
        if end > 9999:
            raise InputError("more than 9,999 pages in one batch; use several batches", field="batch")
        page = end + 1
        exhibits.append(_exhibit(snapshot, record, number, f"{prefix}-{batch:04d}", start, end, pages))
    return exhibits


def _exhibit(
    snapshot: Snapshot, record: EntityRecord, number: int, series: str, start: int, end: int, pages: int
) -> Exhibit:
    derivation = record.first("derivation")
    media = record.first("mediaType")
    return Exhibit(
        number=number,
        item=record.id,
        ern_start=f"{series}-{start:04d}",
        ern_end=f"{series}-{end:04d}",
        title=record.first("title") or record.first("originalFilename") or record.id,
        date=record.first("date"),
        type=_TYPES.get(derivation or "", "") or document_type(media),
        media_type=media,
        size=_int(record.first("size")),
        pages=pages,
        sha256=record.first("sha256") or "",
        sha512=record.first("sha512"),
        author=record.first("author"),
        language=record.first("language"),
        source=_source(snapshot, record),
        witness=_witness(snapshot, record),
        confidentiality=_confidentiality(record),
        derived_from=record.first("derivedFrom"),
        derivation=derivation,
    )


def document_type(media: str | None) -> str:
    """A document type in the words of a disclosure list, from the media type."""
    kind = (media or "").split(";")[0].strip()
    if kind.startswith("image/"):
        return "photograph"
    if kind.startswith("audio/"):
        return "audio recording"
    if kind.startswith("video/"):
        return "video recording"
    if kind in ("application/pdf", "text/plain", "text/html", "application/msword") or kind.startswith(
        ("application/vnd.openxmlformats", "application/vnd.oasis")
    ):
        return "document"
    return "other"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _source(snapshot: Snapshot, record: EntityRecord) -> str | None:
    titles = [snapshot.caption(s) for s in record.values("collectedFrom")]
    if not titles:
        testimony = _testimony_of(snapshot, record)
        if testimony is not None:
            titles = [snapshot.caption(testimony.id)]
    return "; ".join(t for t in titles if t) or None


def _testimony_of(snapshot: Snapshot, record: EntityRecord) -> EntityRecord | None:
    """The testimony whose recording or transcript this file is, or was derived from."""
    seen: set[str] = set()
    current: EntityRecord | None = record
    while current is not None and current.id not in seen:
        seen.add(current.id)
        for prop in ("recording", "transcript"):
            found = snapshot.referrers(current.id, prop)
            if found:
                return found[0]
        current = snapshot.get(current.first("derivedFrom"))
    return None


def _witness(snapshot: Snapshot, record: EntityRecord) -> str | None:
    testimony = _testimony_of(snapshot, record)
    witness = snapshot.get(testimony.first("witness")) if testimony else None
    return witness.first("code") if witness else None


def _confidentiality(record: EntityRecord) -> str:
    levels = [c.sensitivity for c in record.current() if c.prop in ("title", "sha256", "date", "mediaType")]
    return max(levels, default=Sensitivity.PUBLIC).label


__all__ = [
    "DEFAULT_PREFIX",
    "Exhibit",
    "check_prefix",
    "document_type",
    "eligible",
    "number_exhibits",
    "vault_items",
]
