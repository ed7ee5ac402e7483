"""The custody log's tables, on the shared ``dadkhah.store.tables.metadata``.

``log_leaves`` holds level 0 of the tree (each leaf's bytes and hash), ``log_nodes`` the hash of
every complete subtree above it, ``log_checkpoints`` every checkpoint the case has signed. All
three are append-only: the log's migration (``dadkhah.log.migration``) installs the same
refuse-UPDATE-and-DELETE triggers the core installs on claims (see ``APPEND_ONLY``).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, LargeBinary, SmallInteger, Table, Text

from dadkhah.store.tables import UtcDateTime, metadata

# On SQLite an INTEGER PRIMARY KEY is the rowid itself (64-bit): leaves are stored in index order.
Index64 = BigInteger().with_variant(Integer(), "sqlite")

log_leaves = Table(
    "log_leaves",
    metadata,
    Column("idx", Index64, primary_key=True, autoincrement=False),
    Column("leaf_hash", LargeBinary(32), nullable=False),
    Column("data", LargeBinary, nullable=False),  # the canonical JSON bytes, exactly as hashed
    Column("recorded_at", UtcDateTime, nullable=False),
)

log_nodes = Table(
    "log_nodes",
    metadata,
    Column("level", SmallInteger, primary_key=True, autoincrement=False),  # 1 and up
    Column("idx", BigInteger, primary_key=True, autoincrement=False),
    Column("hash", LargeBinary(32), nullable=False),
    sqlite_with_rowid=False,  # clustered on (level, idx): a proof's reads are index lookups only
)

log_checkpoints = Table(
    "log_checkpoints",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("size", BigInteger, nullable=False, index=True),
    Column("root_hash", LargeBinary(32), nullable=False),
    Column("note", Text, nullable=False),  # the signed note, byte for byte as published
    Column("signed_at", UtcDateTime, nullable=False),
)

APPEND_ONLY = ("log_leaves", "log_nodes", "log_checkpoints")

__all__ = ["APPEND_ONLY", "log_checkpoints", "log_leaves", "log_nodes"]
