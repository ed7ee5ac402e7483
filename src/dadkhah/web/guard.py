"""Who is asking, and may they: authentication, CSRF and permissions on every route.

Every route declares the permission it needs (``x-permission`` in its OpenAPI operation, set with
:func:`needs`); :class:`GuardedRoute` checks it before the endpoint runs, and refuses a route that
declares none (deny by default). Permissions:

* ``public`` — anyone (the sign-in page, the API description, health);
* ``read`` — any signed-in team member; what they see is then filtered by the redaction;
* ``write`` — a role that records (admin, investigator, analyst);
* ``manage`` — an admin.

A request is signed in by a session cookie (browsers) or an ``Authorization: Bearer`` API token
(scripts). A state-changing request on a session must carry the session's CSRF token in the
``X-CSRF-Token`` header or a ``csrf_token`` form field; token requests carry no cookies and need none.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from dadkhah.access import Reader
from dadkhah.access.redaction import Redaction
from dadkhah.access.users import Member, member, resolve_reader
from dadkhah.errors import AccessDenied, DadkhahError, NotFound
from dadkhah.model import Sensitivity
from dadkhah.store import Writer
from dadkhah.web import accounts
from dadkhah.web.problems import WebProblem
from dadkhah.web.state import WebState

PERMISSIONS = ("public", "read", "write", "manage")
SESSION_COOKIE = "dk_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def needs(permission: str, **openapi: Any) -> dict[str, Any]:
    """The route keyword that declares a permission: ``@router.get(..., **needs("read"))``."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission}")
    return {"openapi_extra": {"x-permission": permission, **openapi}}


def role_allows(role: str | None, permission: str) -> bool:
    """The table the guard enforces (``None``: not signed in)."""
    if permission == "public":
        return True
    if role is None:
        return False
    from dadkhah.access.roles import ROLES

    found = ROLES.get(role)
    if found is None:
        return False
    return {"read": True, "write": found.writes, "manage": found.manages}.get(permission, False)


@dataclass
class Caller:
    """The signed-in user of one request, and how to read and write as them."""

    state: WebState
    member: Member
    reader: Reader
    csrf: str | None  # None for token requests
    via: str  # "session" or "token"

    @property
    def name(self) -> str:
        return self.member.name

    @property
    def role(self) -> str:
        return self.member.role.name

    @contextmanager
    def read(self) -> Iterator[tuple[Connection, Redaction]]:
        """A consistent read filtered by this user's redaction (protected reads are audited)."""
        with self.state.case.redacted(self.reader) as pair:
            yield pair

    def require_writer(self) -> None:
        """Refuse a user whose role records nothing (for services that open their own writer)."""
        if not self.member.role.writes:
            raise AccessDenied(f"{self.name} is a {self.role}; a {self.role} records nothing")

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """A writer as this user: protected values only with protected clearance and the key."""
        self.require_writer()
        with self.state.case.writer(self.name) as w:
            if self.member.clearance < Sensitivity.PROTECTED:
                from dadkhah.access.crypto import RefusingProtector

                w.protector = RefusingProtector(self.name, self.role)
            yield w


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def caller(request: Request) -> Caller:
    """The dependency endpoints take: the caller the guard identified."""
    found: Caller | None = getattr(request.state, "caller", None)
    if found is None:
        raise WebProblem(401, "sign in first")
    return found


def optional_caller(request: Request) -> Caller | None:
    return getattr(request.state, "caller", None)


def _identify(request: Request, state: WebState) -> tuple[Caller | None, str | None]:
    """(caller, why not) from the bearer token or session cookie; runs in a worker thread."""
    header = request.headers.get("authorization", "")
    cookie = request.cookies.get(SESSION_COOKIE)
    if not header and not cookie:
        return None, "sign in first"
    key = accounts.digest(header or cookie or "")
    known: Caller | None = state.sessions.get(key)
    if known is not None:
        return known, None
    case = state.case
    with case.reading() as conn:
        if header:
            scheme, _, text = header.partition(" ")
            if scheme.lower() != "bearer" or not text.strip():
                return None, "use 'Authorization: Bearer <token>'"
            user = accounts.check_token(conn, text.strip())
            if user is None:
                return None, "the token is unknown, revoked or expired"
            via, csrf = "token", None
        elif cookie:
            session = accounts.load_session(conn, cookie)
            if session is None:
                return None, "the session has ended; sign in again"
            user, via, csrf = session.user, "session", session.csrf
        else:
            return None, "sign in first"
        try:
            who = member(conn, case.owner, user)
        except (NotFound, AccessDenied):
            return None, "the account is disabled or gone"
        reader = resolve_reader(
            conn, owner=case.owner, user=who.name, view_as=None, unlocked=case.protector is not None
        )
    found = Caller(state, who, reader, csrf, via)
    state.sessions.put(key, found)
    return found, None


async def _csrf_ok(request: Request, expected: str) -> bool:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    return sent is not None and hmac.compare_digest(sent, expected)


async def guard(request: Request, permission: str | None) -> None:
    if permission is None:
        raise WebProblem(403, "this route declares no permission, so it is closed")
    state = web_state(request)
    if permission == "public":
        if request.cookies.get(SESSION_COOKIE) or request.headers.get("authorization"):
            found, _ = await run_in_threadpool(_identify, request, state)
            request.state.caller = found
        return
    found, why = await run_in_threadpool(_identify, request, state)
    if found is None:
        raise WebProblem(401, why or "sign in first", headers={"WWW-Authenticate": "Bearer"})
    request.state.caller = found
    if (
        request.method not in SAFE_METHODS
        and found.csrf is not None
        and not await _csrf_ok(request, found.csrf)
    ):
        raise WebProblem(403, "missing or wrong CSRF token; reload the page and try again")
    if not role_allows(found.role, permission):
        raise WebProblem(403, f"a{'n' if found.role[0] in 'aeiou' else ''} {found.role} may not do this")


class GuardedRoute(APIRoute):
    """An APIRoute that runs :func:`guard` with its declared permission before anything else."""

    @property
    def permission(self) -> str | None:
        extra = self.openapi_extra or {}
        value = extra.get("x-permission")
        return value if isinstance(value, str) else None

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()
        permission = self.permission

        async def handler(request: Request) -> Response:
            await guard(request, permission)
            return await original(request)

        return handler


__all__ = [
    "PERMISSIONS",
    "SESSION_COOKIE",
    "Caller",
    "DadkhahError",
    "GuardedRoute",
    "caller",
    "guard",
    "needs",
    "optional_caller",
    "role_allows",
    "web_state",
]
