"""Access tables: users, recipient profiles, witnesses' consent, and the audit of protected reads.

``consents`` and ``access_audit`` are append-only (triggers refuse UPDATE and DELETE, as for
claims): consent has a history, and the record of who saw a witness's identity must not be
editable by those who saw it. Users and profiles are current settings; every change to them is
itself written to ``access_audit``.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, SmallInteger, String, Table, Text

from dadkhah.store.tables import ID, UtcDateTime, metadata

users = Table(
    "users",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("clearance", SmallInteger, nullable=False),
    Column("password_hash", Text),  # Argon2id (PHC string), for the web application
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(128), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

profiles = Table(
    "profiles",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("label", String(200), nullable=False),
    Column("clearance", SmallInteger, nullable=False),
    Column("purpose", String(32), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(128), nullable=False),
)

consents = Table(
    "consents",
    metadata,
    Column("id", ID, primary_key=True),
    Column("witness_id", ID, ForeignKey("entities.id"), nullable=False, index=True),
    Column("testimony_id", ID, ForeignKey("entities.id")),  # NULL: every testimony of the witness
    Column("action", String(16), nullable=False),  # "given" or "withdrawn"
    Column("uses", Text, nullable=False),  # JSON list; empty on a withdrawal means every use
    Column("recipients", Text, nullable=False),  # JSON list; empty on a withdrawal means everyone
    Column("effective", String(32), nullable=False),  # EDTF date the witness gave or withdrew it
    Column("evidence_id", ID, ForeignKey("entities.id")),  # e.g. the signed consent form
    Column("note", Text),
    Column("author", String(128), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)

access_audit = Table(
    "access_audit",
    metadata,
    Column("id", ID, primary_key=True),
    Column("at", UtcDateTime, nullable=False, index=True),
    Column("actor", String(128), nullable=False),  # the user at the keyboard
    Column("reader", String(200), nullable=False),  # whom they read as (a role or profile preview)
    Column("action", String(64), nullable=False),
    Column("entity_ids", Text, nullable=False),  # JSON lists of identifiers, never values
    Column("claim_ids", Text, nullable=False),
    Column("segment_ids", Text, nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

APPEND_ONLY = ("consents", "access_audit")

__all__ = ["APPEND_ONLY", "access_audit", "consents", "profiles", "users"]
