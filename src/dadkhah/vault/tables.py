"""The vault's table: one capture record per acquisition of an evidence item.

An item is one content (one SHA-256); each time those bytes reach the case — ingested from a
path, registered as a derived copy, received in a bag — a capture row records how, with the index
of the custody-log leaf that logged it. The table is append-only, like the claims.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, String, Table, Text

from dadkhah.store.tables import ID, UtcDateTime, metadata

vault_captures = Table(
    "vault_captures",
    metadata,
    Column("id", ID, primary_key=True),
    Column("item_id", ID, ForeignKey("entities.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # ingested, derived, imported
    Column("leaf_idx", BigInteger, nullable=False),  # the custody event
    Column("sha256", String(64), nullable=False, index=True),
    Column("size", BigInteger, nullable=False),
    Column("original_path", Text),  # absolute path it was read from
    Column("file_mtime_ns", BigInteger),  # with the size and path: how a re-run knows a file is done
    Column("source_id", ID, ForeignKey("entities.id")),
    Column("author", String(128), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_vault_captures_original_path", "original_path"),
)

APPEND_ONLY = ("vault_captures",)

__all__ = ["APPEND_ONLY", "vault_captures"]
