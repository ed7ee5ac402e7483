"""The web application's tables: login sessions, API tokens and TOTP second factors.

Secrets are never stored: a session cookie and an API token are kept as their SHA-256 (they are
long random strings, so a fast hash is enough); passwords stay Argon2id in ``users``. A TOTP seed
must be readable to check a code, so it is stored as given; whoever can read the database can
also replace password hashes, so this weakens nothing the database does not already hold.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, Text

from dadkhah.store.tables import UtcDateTime, metadata

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),  # SHA-256 of the cookie value
    Column("user_name", String(128), ForeignKey("users.name"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
)

web_tokens = Table(
    "web_tokens",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("user_name", String(128), ForeignKey("users.name"), nullable=False, index=True),
    Column("label", String(200), nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(128), nullable=False),
    Column("expires_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
)

web_totp = Table(
    "web_totp",
    metadata,
    Column("user_name", String(128), ForeignKey("users.name"), primary_key=True),
    Column("secret", Text, nullable=False),  # base32 seed (RFC 6238)
    Column("confirmed", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_step", String(20)),  # the last accepted time step: a code is accepted once
)

__all__ = ["web_sessions", "web_tokens", "web_totp"]
