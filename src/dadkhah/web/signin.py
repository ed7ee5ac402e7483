"""Signing in and out, shared by the API (``/api/v1/session``) and the sign-in page."""

from __future__ import annotations

from contextlib import suppress
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from fastapi import Request
from starlette.responses import Response

from dadkhah.access import audit
from dadkhah.access.users import get_user, verify_password
from dadkhah.web import accounts
from dadkhah.web.guard import SESSION_COOKIE
from dadkhah.web.problems import WebProblem
from dadkhah.web.state import WebState


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return PasswordHasher().hash("not a password of anyone")


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


def is_tls(request: Request, state: WebState) -> bool:
    if request.url.scheme == "https":
        return True
    return state.settings.behind_proxy and request.headers.get("x-forwarded-proto") == "https"


def secure_cookies(request: Request, state: WebState) -> bool:
    mode = state.settings.secure_cookies
    return mode == "always" or (mode == "auto" and is_tls(request, state))


def sign_in(
    state: WebState, request: Request, user: str, password: str, otp: str | None
) -> tuple[str, accounts.Session]:
    """Check the password (and code, if the user has a second factor); open a session.

    Failures say only "wrong user name, password or code", whichever it was, and count towards the
    throttle; a throttled attempt is refused before any check with 429 and Retry-After.
    """
    address = client_address(request)
    user = user.strip()
    wait = state.throttle.retry_after(user, address)
    if wait:
        raise WebProblem(
            429, f"too many failed attempts; try again in {wait} seconds", headers={"Retry-After": str(wait)}
        )
    case = state.case
    with case.reading() as conn:
        known = get_user(conn, user)
        if known is None:
            # Spend the same time as a real check, so timing does not tell who exists.
            with suppress(VerificationError):
                PasswordHasher().verify(_dummy_hash(), password)
            ok = False
        else:
            ok = verify_password(conn, user, password)
    if ok:
        with case.writer(user) as w:
            if accounts.totp_enabled(w.conn, user):
                if not otp:
                    ok = False
                    need_code = True
                else:
                    ok = accounts.check_totp(w.conn, user, otp, keys=case.keys_path)
                    need_code = False
            else:
                need_code = False
            if ok:
                cookie, session = accounts.create_session(w.conn, user, state.settings.session_hours)
                audit.record(w.conn, actor=user, action="web.login", detail=address)
                state.throttle.succeeded(w.conn, user, address)
                return cookie, session
        if need_code:
            raise WebProblem(401, "enter the code from your authenticator app", title="Second factor needed")
    state.throttle.failed(user, address)
    raise WebProblem(401, "wrong user name, password or code")


def set_session_cookie(response: Response, request: Request, state: WebState, cookie: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=int(state.settings.session_hours * 3600),
        httponly=True,
        secure=secure_cookies(request, state),
        samesite="strict",
        path="/",
    )


def sign_out(state: WebState, request: Request, response: Response) -> None:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with state.case.writer() as w:
            accounts.end_session(w.conn, cookie)
        state.sessions.clear()
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
