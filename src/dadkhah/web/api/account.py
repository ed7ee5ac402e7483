"""Signing in and out, the signed-in user, their API tokens and their second factor."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request
from starlette.responses import JSONResponse, Response

from dadkhah.web import accounts
from dadkhah.web.api import router
from dadkhah.web.api.models import Login, NewToken, TotpCode
from dadkhah.web.guard import Caller, caller, needs, web_state
from dadkhah.web.signin import set_session_cookie, sign_in, sign_out

api = router("account")


def me_json(who: Caller) -> dict[str, Any]:
    with who.state.case.reading() as conn:
        totp = accounts.totp_enabled(conn, who.name)
    return {
        "user": who.name,
        "role": who.role,
        "clearance": who.member.clearance.label,
        "unlocked": who.reader.may_decrypt,
        "totp": totp,
        "via": who.via,
        "csrf": who.csrf,
    }


@api.post("/session", **needs("public"))
def login(body: Login, request: Request) -> JSONResponse:
    """Sign in with a password (and a TOTP code when the user has one); sets the session cookie."""
    state = web_state(request)
    cookie, session = sign_in(state, request, body.user, body.password, body.otp)
    response = JSONResponse(
        {"user": session.user, "csrf": session.csrf, "expires_at": session.expires_at.isoformat()}
    )
    set_session_cookie(response, request, state, cookie)
    return response


@api.delete("/session", status_code=204, **needs("read"))
def logout(request: Request) -> Response:
    """Sign out: the session ends on the server and the cookie is cleared."""
    response = Response(status_code=204)
    sign_out(web_state(request), request, response)
    return response


@api.get("/me", **needs("read"))
def me(who: Caller = Depends(caller)) -> dict[str, Any]:
    """Who is signed in: user, role, clearance, whether protected values can be shown to them."""
    return me_json(who)


@api.get("/me/tokens", **needs("read"))
def my_tokens(who: Caller = Depends(caller)) -> list[dict[str, Any]]:
    """The caller's API tokens (never their secrets)."""
    with who.state.case.reading() as conn:
        return [t.to_dict() for t in accounts.list_tokens(conn, who.name)]


@api.post("/me/tokens", status_code=201, **needs("read"))
def new_token(body: NewToken, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Make an API token for scripts; the token text is in this answer only."""
    with who.state.case.writer(who.name) as w:
        text, token = accounts.create_token(w.conn, who.name, body.label, by=who.name, days=body.days)
    return {"token": text, **token.to_dict()}


@api.delete("/me/tokens/{token_id}", **needs("read"))
def revoke(token_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Revoke one of the caller's tokens."""
    with who.state.case.writer(who.name) as w:
        revoked = accounts.revoke_token(w.conn, token_id, by=who.name, user=who.name).to_dict()
    who.state.sessions.clear()
    return revoked


@api.post("/me/totp", status_code=201, **needs("read"))
def totp_start(who: Caller = Depends(caller)) -> dict[str, Any]:
    """Begin adding a second factor: the seed and otpauth URI to put in an authenticator app."""
    with who.state.case.writer(who.name) as w:
        seed, uri = accounts.start_totp(w.conn, who.name, by=who.name, keys=who.state.case.keys_path)
    return {"secret": seed, "uri": uri}


@api.post("/me/totp/confirm", **needs("read"))
def totp_confirm(body: TotpCode, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Finish adding the second factor with a current code."""
    with who.state.case.writer(who.name) as w:
        accounts.confirm_totp(w.conn, who.name, body.code, keys=who.state.case.keys_path)
    return {"totp": True}


@api.delete("/me/totp", **needs("read"))
def totp_remove(body: TotpCode, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Remove the second factor (needs a current code)."""
    with who.state.case.writer(who.name) as w:
        if not accounts.check_totp(w.conn, who.name, body.code, keys=who.state.case.keys_path):
            from dadkhah.errors import InputError

            raise InputError("the code does not match", field="code")
        accounts.remove_totp(w.conn, who.name, by=who.name)
    return {"totp": False}
