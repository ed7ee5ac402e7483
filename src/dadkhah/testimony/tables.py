"""Testimony tables: the witness registry (pseudonym codes) and testimony segments.

Both are append-only (triggers refuse UPDATE and DELETE). A segment's text is sealed with the case
key when the segment is ``protected``; a correction is a new segment, never an edit.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, SmallInteger, String, Table, Text

from dadkhah.store.tables import ID, UtcDateTime, metadata

SEGMENT_ID = String(64)  # "<testimony ULID>.<n>" or, for a translation, "<testimony ULID>.<n>.<lang>"

witnesses = Table(
    "witnesses",
    metadata,
    Column("code", String(16), primary_key=True),  # W-0001
    Column("number", Integer, nullable=False, unique=True),
    Column("person_id", ID, ForeignKey("entities.id"), nullable=False, unique=True),
    Column("registered_at", UtcDateTime, nullable=False),
    Column("registered_by", String(128), nullable=False),
)

segments = Table(
    "segments",
    metadata,
    Column("id", SEGMENT_ID, primary_key=True),
    Column("testimony_id", ID, ForeignKey("entities.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # order in the testimony; a translation shares its original's
    Column("translation_of", SEGMENT_ID, ForeignKey("segments.id")),
    Column("language", String(8), nullable=False),
    Column("start", String(16)),  # time range in the recording, [hh:]mm:ss
    Column("end", String(16)),
    Column("text", Text, nullable=False),  # sealed when protected
    Column("sensitivity", SmallInteger, nullable=False),
    Column("translator", String(200)),
    Column("author", String(128), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)

APPEND_ONLY = ("witnesses", "segments")

__all__ = ["APPEND_ONLY", "SEGMENT_ID", "segments", "witnesses"]
