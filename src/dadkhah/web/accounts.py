"""Signing in: login sessions, API tokens, TOTP second factors and login throttling.

- A **session** is a random 256-bit cookie value; the database keeps its SHA-256, the user, the
  session's CSRF token and an absolute expiry. Signing out deletes the row.
- An **API token** (``dkt_<id>_<secret>``) is shown once when made; the database keeps the
  secret's SHA-256. A token acts as its user, with the user's role and clearance at each request.
- **TOTP** (RFC 6238, 30-second steps, 6 digits, one step of clock drift either way) is optional
  per user; once confirmed, signing in needs a code, and each time step is accepted once. Seeds
  are sealed with a key in the case's ``keys/`` folder (``dadkhah.web.sealing``).
- **Throttling**: after ``login_attempts`` failures for one user name from one address within
  ``login_window`` seconds, further attempts are refused until the window has passed; failures
  for one user name from all addresses are capped at ten times that. Failures are counted in the
  database (as keyed digests), shared by every server process and kept across restarts.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyotp
from sqlalchemy import Connection, delete, insert, select, update

from dadkhah.access import audit
from dadkhah.access.users import get_user
from dadkhah.errors import Conflict, InputError, NotFound
from dadkhah.store import new_id
from dadkhah.web.sealing import login_digest, login_key, seal_seed, unseal_seed
from dadkhah.web.tables import web_login_failures, web_sessions, web_tokens, web_totp

if TYPE_CHECKING:
    from dadkhah.case import Case

TOKEN_PREFIX = "dkt"  # noqa: S105 (a prefix, not a secret)
TOTP_ISSUER = "Dadkhah"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


# -- sessions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    user: str
    csrf: str
    expires_at: datetime


def create_session(conn: Connection, user: str, hours: float) -> tuple[str, Session]:
    """A new session for ``user``: the cookie value (give it to the browser only) and the session."""
    cookie = secrets.token_urlsafe(32)
    now = _now()
    session = Session(user, secrets.token_urlsafe(32), now + timedelta(hours=hours))
    conn.execute(
        insert(web_sessions).values(
            id_hash=digest(cookie),
            user_name=user,
            csrf=session.csrf,
            created_at=now,
            expires_at=session.expires_at,
        )
    )
    conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < now))
    return cookie, session


def load_session(conn: Connection, cookie: str) -> Session | None:
    row = conn.execute(select(web_sessions).where(web_sessions.c.id_hash == digest(cookie))).first()
    if row is None or row.expires_at <= _now():
        return None
    return Session(row.user_name, row.csrf, row.expires_at)


def end_session(conn: Connection, cookie: str) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.id_hash == digest(cookie)))


def end_sessions_of(conn: Connection, user: str) -> None:
    """Sign a user out everywhere (after a password change or disabling)."""
    conn.execute(delete(web_sessions).where(web_sessions.c.user_name == user))


# -- API tokens -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    id: str
    user: str
    label: str
    created_at: datetime
    created_by: str
    expires_at: datetime | None
    revoked_at: datetime | None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "user": self.user,
            "label": self.label,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def _token(row: object) -> Token:
    r = row
    return Token(r.id, r.user_name, r.label, r.created_at, r.created_by, r.expires_at, r.revoked_at)  # type: ignore[attr-defined]


def create_token(
    conn: Connection, user: str, label: str, *, by: str, days: int | None = None
) -> tuple[str, Token]:
    """Make an API token for ``user``; return the token text (shown once) and its record."""
    if get_user(conn, user) is None:
        raise NotFound(f"no user '{user[:60]}' with a stored account; add them with 'dadkhah user add'")
    label = " ".join(label.split())
    if not label or len(label) > 200:
        raise InputError("a token label of 1–200 characters is required", field="label")
    if days is not None and not 1 <= days <= 3650:
        raise InputError("a token lasts 1–3650 days", field="days")
    token_id, secret = new_id(), secrets.token_urlsafe(32)
    now = _now()
    conn.execute(
        insert(web_tokens).values(
            id=token_id,
            user_name=user,
            label=label,
            secret_hash=digest(secret),
            created_at=now,
            created_by=by,
            expires_at=now + timedelta(days=days) if days else None,
        )
    )
    audit.record(conn, actor=by, action="token.add", detail=f"{user}: {token_id}")
    found = conn.execute(select(web_tokens).where(web_tokens.c.id == token_id)).one()
    return f"{TOKEN_PREFIX}_{token_id}_{secret}", _token(found)


def check_token(conn: Connection, text: str) -> str | None:
    """The user a token acts as, or ``None`` if it is unknown, revoked, expired or wrong."""
    prefix, _, rest = text.partition("_")
    token_id, _, secret = rest.partition("_")
    if prefix != TOKEN_PREFIX or len(token_id) != 26 or not secret:
        return None
    row = conn.execute(select(web_tokens).where(web_tokens.c.id == token_id.upper())).first()
    if row is None or row.revoked_at is not None:
        return None
    if row.expires_at is not None and row.expires_at <= _now():
        return None
    if not hmac.compare_digest(row.secret_hash, digest(secret)):
        return None
    return str(row.user_name)


def list_tokens(conn: Connection, user: str | None = None) -> list[Token]:
    query = select(web_tokens).order_by(web_tokens.c.created_at)
    if user is not None:
        query = query.where(web_tokens.c.user_name == user)
    return [_token(r) for r in conn.execute(query)]


def revoke_token(conn: Connection, token_id: str, *, by: str, user: str | None = None) -> Token:
    """Revoke a token (``user``: only if it is theirs)."""
    query = select(web_tokens).where(web_tokens.c.id == token_id.strip().upper())
    row = conn.execute(query).first()
    if row is None or (user is not None and row.user_name != user):
        raise NotFound(f"no token {token_id[:30]}")
    if row.revoked_at is not None:
        raise Conflict(f"token {row.id} is already revoked")
    conn.execute(update(web_tokens).where(web_tokens.c.id == row.id).values(revoked_at=_now()))
    audit.record(conn, actor=by, action="token.revoke", detail=f"{row.user_name}: {row.id}")
    return _token(conn.execute(select(web_tokens).where(web_tokens.c.id == row.id)).one())


# -- TOTP -------------------------------------------------------------------------------------


def totp_enabled(conn: Connection, user: str) -> bool:
    row = conn.execute(select(web_totp.c.confirmed).where(web_totp.c.user_name == user)).first()
    return bool(row and row.confirmed)


def start_totp(conn: Connection, user: str, *, by: str, keys: Path) -> tuple[str, str]:
    """Begin enrolment: a new seed (replacing an unconfirmed one), stored sealed with the key in
    the folder ``keys``; return (seed, otpauth URI)."""
    if get_user(conn, user) is None:
        raise NotFound(f"no user '{user[:60]}' with a stored account")
    if totp_enabled(conn, user):
        raise Conflict(f"{user} already has a second factor; remove it first")
    seed = pyotp.random_base32()
    conn.execute(delete(web_totp).where(web_totp.c.user_name == user))
    sealed = seal_seed(keys, user, seed)
    conn.execute(insert(web_totp).values(user_name=user, secret=sealed, confirmed=False, created_at=_now()))
    audit.record(conn, actor=by, action="totp.start", detail=user)
    return seed, pyotp.TOTP(seed).provisioning_uri(name=user, issuer_name=TOTP_ISSUER)


def _accept(conn: Connection, user: str, code: str, *, pending: bool, keys: Path) -> bool:
    row = conn.execute(select(web_totp).where(web_totp.c.user_name == user)).first()
    if row is None or bool(row.confirmed) == pending:
        return False
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return False
    totp, now = pyotp.TOTP(unseal_seed(keys, user, row.secret)), time.time()
    for drift in (0, -1, 1):
        at = now + drift * totp.interval
        step = str(totp.timecode(datetime.fromtimestamp(at, UTC)))
        if hmac.compare_digest(totp.at(at), code):
            if row.last_step is not None and int(step) <= int(row.last_step):
                return False  # a code is good once
            conn.execute(
                update(web_totp).where(web_totp.c.user_name == user).values(last_step=step, confirmed=True)
            )
            return True
    return False


def confirm_totp(conn: Connection, user: str, code: str, *, keys: Path) -> None:
    """Finish enrolment with a code from the authenticator app."""
    if not _accept(conn, user, code, pending=True, keys=keys):
        raise InputError("the code does not match; check the device's clock and try again", field="code")
    audit.record(conn, actor=user, action="totp.confirm", detail=user)


def check_totp(conn: Connection, user: str, code: str, *, keys: Path) -> bool:
    return _accept(conn, user, code, pending=False, keys=keys)


def remove_totp(conn: Connection, user: str, *, by: str) -> None:
    conn.execute(delete(web_totp).where(web_totp.c.user_name == user))
    audit.record(conn, actor=by, action="totp.remove", detail=user)


# -- throttling -------------------------------------------------------------------------------


class LoginThrottle:
    """Counts failed sign-ins per (name, address) and per name, in the case's database, so every
    server process of the case shares the count and a restart does not reset it. Rows hold keyed
    digests (``login_digest``), never the name or address, and are deleted once out of the window.
    """

    def __init__(self, case: Case, attempts: int, window: float) -> None:
        self.case = case
        self.attempts = attempts
        self.window = timedelta(seconds=window)

    @cached_property
    def _key(self) -> bytes:
        return login_key(self.case.keys_path)

    def _keys(self, user: str, address: str) -> tuple[str, str]:
        return login_digest(self._key, user), login_digest(self._key, user, address)

    def retry_after(self, user: str, address: str) -> int:
        """Seconds until ``user`` may try again from ``address`` (0: now)."""
        name_key, pair_key = self._keys(user, address)
        now = _now()
        failures = web_login_failures.c
        waits = []
        with self.case.reading() as conn:
            for column, key, limit in (
                (failures.pair_key, pair_key, self.attempts),
                (failures.name_key, name_key, self.attempts * 10),
            ):
                recent = (
                    select(failures.at)
                    .where(column == key, failures.at > now - self.window)
                    .order_by(failures.at.desc())
                    .limit(limit)
                )
                times = conn.execute(recent).scalars().all()
                if len(times) >= limit:  # the oldest of the last ``limit`` must leave the window
                    waits.append(int((times[-1] + self.window - now).total_seconds()) + 1)
        return max(waits, default=0)

    def failed(self, user: str, address: str) -> None:
        name_key, pair_key = self._keys(user, address)
        now = _now()
        with self.case.engine.begin() as conn:
            conn.execute(delete(web_login_failures).where(web_login_failures.c.at <= now - self.window))
            conn.execute(insert(web_login_failures).values(name_key=name_key, pair_key=pair_key, at=now))

    def succeeded(self, conn: Connection, user: str, address: str) -> None:
        """Forget the failures from this address, in the transaction that opens the session."""
        _, pair_key = self._keys(user, address)
        conn.execute(delete(web_login_failures).where(web_login_failures.c.pair_key == pair_key))


__all__ = [
    "LoginThrottle",
    "Session",
    "Token",
    "check_token",
    "check_totp",
    "confirm_totp",
    "create_session",
    "create_token",
    "digest",
    "end_session",
    "end_sessions_of",
    "list_tokens",
    "load_session",
    "remove_totp",
    "revoke_token",
    "start_totp",
    "totp_enabled",
]
