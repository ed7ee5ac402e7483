"""The web application's tables: login sessions, API tokens, TOTP second factors, failed sign-ins.

Secrets are never stored: a session cookie and an API token are kept as their SHA-256 (they are
long random strings, so a fast hash is enough); passwords stay Argon2id in ``users``. A TOTP seed
must be readable to check a code, so it is stored sealed with a key kept outside the database
(``dadkhah.web.sealing``): a copy of the database alone gives no second factor away. Failed
sign-ins are kept, for the throttle's window only, as keyed digests of the name typed and the
address: never the text, which is sometimes a password typed in the wrong field.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

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
    Column("secret", Text, nullable=False),  # the RFC 6238 seed, sealed (dadkhah.web.sealing)
    Column("confirmed", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_step", String(20)),  # the last accepted time step: a code is accepted once
)

web_login_failures = Table(
    "web_login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name_key", String(64), nullable=False),  # login_digest(name)
    Column("pair_key", String(64), nullable=False),  # login_digest(name, address)
    Column("at", UtcDateTime, nullable=False, index=True),
    Index("ix_web_login_failures_name_key_at", "name_key", "at"),
    Index("ix_web_login_failures_pair_key_at", "pair_key", "at"),
)

__all__ = ["web_login_failures", "web_sessions", "web_tokens", "web_totp"]
