"""The dossier tables: every case file made, and its redaction log, kept in the case.

A case file handed to a recipient leaves out what that recipient may not see. The *redaction log*
records, for each case file, every claim, entity and exhibit that was left out and why — by id and
reason, never by value — so that the team can later answer "what exactly did the prosecutor not
get, and on what ground?". It stays in the case and never travels with the case file. Both tables
are append-only (triggers refuse UPDATE and DELETE).
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text

from dadkhah.store.tables import ID, UtcDateTime, metadata

dossiers = Table(
    "dossiers",
    metadata,
    Column("id", ID, primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("author", String(128), nullable=False),
    Column("recipient", String(64), nullable=False),  # the profile (or role) it was made for
    Column("purpose", String(32), nullable=False),
    Column("clearance", String(16), nullable=False),
    Column("scope", Text, nullable=False),  # JSON: {"kind": ..., "ids": [...]}
    Column("lang", String(8), nullable=False),
    Column("html_sha256", String(64), nullable=False),
    Column("pdf_sha256", String(64)),
    Column("exhibits", Integer, nullable=False),
    Column("bag_id", ID),
    Column("leaves", Text, nullable=False),  # JSON list of the custody-log leaves recording it
)

dossier_redactions = Table(
    "dossier_redactions",
    metadata,
    Column("dossier_id", ID, ForeignKey("dossiers.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # claim | entity | exhibit | links
    Column("target", String(64), nullable=False),  # the id left out (or a count, for links)
    Column("entity", String(64)),  # the entity it belongs to
    Column("reason", Text, nullable=False),
)

APPEND_ONLY = ("dossiers", "dossier_redactions")

__all__ = ["APPEND_ONLY", "dossier_redactions", "dossiers"]
