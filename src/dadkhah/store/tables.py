"""The core tables, on one ``metadata`` that services extend with their own tables.

Claims and retractions are append-only: the initial migration installs triggers that refuse
UPDATE and DELETE on them, on SQLite and PostgreSQL alike. ``search_docs`` is derived data and is
rewritten as claims are superseded or retracted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

ID = String(26)  # a ULID


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite keeps no zone, so we restore it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Dadkhah stores UTC times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stamp: datetime = value
        return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


entities = Table(
    "entities",
    metadata,
    Column("id", ID, primary_key=True),
    Column("schema", String(64), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(128), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", ID, primary_key=True),
    Column("entity_id", ID, ForeignKey("entities.id"), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("original", Text),  # the value as the source wrote it, when cleaning changed it
    Column("ref", ID, index=True),  # the target of an entity-valued property, for reverse lookups
    Column("date_lo", String(10)),  # bounds of a date value, ISO, for ranges and sorting
    Column("date_hi", String(10)),
    Column("source_id", ID, ForeignKey("entities.id"), index=True),
    Column("locator", Text),  # canonical JSON of a Locator
    Column("evidence_id", ID, ForeignKey("entities.id")),
    Column("author", String(128), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("sensitivity", SmallInteger, nullable=False),
    Column("supersedes", ID, ForeignKey("claims.id"), index=True),
    Column("reason", Text),
    Index("ix_claims_entity_id_prop", "entity_id", "prop"),
)

retractions = Table(
    "retractions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("claim_id", ID, ForeignKey("claims.id"), nullable=False, unique=True),
    Column("author", String(128), nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)

search_docs = Table(
    "search_docs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", ID, ForeignKey("claims.id"), nullable=False, unique=True),
    Column("entity_id", ID, nullable=False, index=True),
    Column("sensitivity", SmallInteger, nullable=False),
    Column("text", Text, nullable=False),  # folded words, for word search
    Column("keys", Text, nullable=False),  # cross-script name keys, for name search
)

__all__ = ["ID", "UtcDateTime", "claims", "entities", "metadata", "retractions", "search_docs"]
