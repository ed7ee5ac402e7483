"""Every route × every role against a declared table: who may call what (deny by default)."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Mount

from dadkhah.web.guard import GuardedRoute, needs, role_allows


@pytest.fixture
def backend() -> str:
    return "sqlite"  # the guard does not depend on the database


# The declared table: (method, path) -> permission. A route missing here fails the first test.
DECLARED = {
    ("GET", "/api/v1/health"): "public",
    ("GET", "/api/v1/openapi.json"): "public",
    ("POST", "/api/v1/session"): "public",
    ("DELETE", "/api/v1/session"): "read",
    ("GET", "/api/v1/me"): "read",
    ("GET", "/api/v1/me/tokens"): "read",
    ("POST", "/api/v1/me/tokens"): "read",
    ("DELETE", "/api/v1/me/tokens/{token_id}"): "read",
    ("POST", "/api/v1/me/totp"): "read",
    ("POST", "/api/v1/me/totp/confirm"): "read",
    ("DELETE", "/api/v1/me/totp"): "read",
    ("GET", "/api/v1/schema"): "read",
    ("GET", "/api/v1/summary"): "read",
    ("GET", "/api/v1/entities"): "read",
    ("POST", "/api/v1/entities"): "write",
    ("GET", "/api/v1/entities/{entity_id}"): "read",
    ("POST", "/api/v1/entities/{entity_id}/claims"): "write",
    ("POST", "/api/v1/claims/{claim_id}/supersede"): "write",
    ("POST", "/api/v1/claims/{claim_id}/retract"): "write",
    ("POST", "/api/v1/search"): "read",
    ("GET", "/api/v1/geo"): "read",
    ("GET", "/api/v1/timeline"): "read",
    ("GET", "/api/v1/graph"): "read",
    ("POST", "/api/v1/evidence"): "write",
    ("GET", "/api/v1/evidence/{item_id}/original"): "read",
    ("GET", "/api/v1/evidence/{item_id}/custody"): "read",
    ("POST", "/api/v1/evidence/{item_id}/verify"): "read",
    ("GET", "/api/v1/testimonies"): "read",
    ("GET", "/api/v1/testimonies/{testimony_id}"): "read",
    ("GET", "/api/v1/witnesses"): "read",
    ("GET", "/api/v1/witnesses/{code}"): "read",
    ("GET", "/api/v1/allegations"): "read",
    ("POST", "/api/v1/allegations"): "write",
    ("GET", "/api/v1/allegations/{allegation_id}/matrix"): "read",
    ("POST", "/api/v1/allegations/{allegation_id}/proofs"): "write",
    ("GET", "/api/v1/forums"): "read",
    ("GET", "/api/v1/custody"): "read",
    ("POST", "/api/v1/custody/checkpoints"): "write",
    ("GET", "/api/v1/custody/leaves/{index}/proof"): "read",
    ("GET", "/api/v1/custody/consistency"): "read",
    ("POST", "/api/v1/estimates"): "write",
    ("GET", "/api/v1/estimates"): "read",
    ("GET", "/api/v1/estimates/{job_id}"): "read",
    ("GET", "/api/v1/review"): "read",
    ("POST", "/api/v1/review/{pair_id}/decision"): "write",
    ("POST", "/api/v1/dossiers"): "write",
    ("GET", "/api/v1/dossiers"): "read",
    ("GET", "/api/v1/dossiers/jobs/{job_id}"): "read",
    ("GET", "/api/v1/dossiers/jobs/{job_id}/html"): "write",
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "read",
    ("GET", "/lang/{code}"): "public",
    ("GET", "/"): "read",
    ("GET", "/entities"): "read",
    ("GET", "/entities/{entity_id}"): "read",
    ("POST", "/entities/{entity_id}/claims"): "write",
    ("POST", "/claims/{claim_id}/supersede"): "write",
    ("POST", "/claims/{claim_id}/retract"): "write",
    ("GET", "/search"): "read",
    ("POST", "/search"): "read",
    ("GET", "/evidence"): "read",
    ("GET", "/evidence/{item_id}"): "read",
    ("GET", "/testimonies"): "read",
    ("GET", "/testimonies/{testimony_id}"): "read",
    ("GET", "/allegations"): "read",
    ("GET", "/allegations/{allegation_id}"): "read",
    ("GET", "/forums/{suspect}"): "read",
    ("GET", "/map"): "read",
    ("GET", "/timeline"): "read",
    ("GET", "/graph"): "read",
    ("GET", "/estimates"): "read",
    ("GET", "/review"): "read",
    ("POST", "/review/{pair_id}"): "write",
    ("GET", "/custody"): "read",
    ("POST", "/custody/checkpoint"): "write",
    ("GET", "/account"): "read",
    ("POST", "/account/tokens"): "read",
}
# Non-API mounts that are public by design (the stylesheet, scripts, fonts).
PUBLIC_MOUNTS = {"/static"}
# What each role may do, stated independently of the guard's own table.
EXPECTED = {
    None: {"public"},
    "viewer": {"public", "read"},
    "analyst": {"public", "read", "write"},
    "investigator": {"public", "read", "write"},
    "admin": {"public", "read", "write", "manage"},
}


def _flat(routes: list, prefix: str = "") -> list[tuple[str, object]]:  # type: ignore[type-arg]
    """Routes with their full paths, through routers included by FastAPI (which wraps them)."""
    out: list[tuple[str, object]] = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            out += _flat(inner.routes, prefix + route.include_context.prefix)
        else:
            out.append((prefix, route))
    return out


def _routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    found = []
    for prefix, route in _flat(app.routes):
        if isinstance(route, Mount):
            assert route.path in PUBLIC_MOUNTS, f"unexpected mount {route.path}"
            continue
        assert isinstance(route, GuardedRoute), f"{route} is not guarded"
        for method in sorted(route.methods or ()):
            found.append((method, prefix + route.path, route))
    return found


def test_every_route_declares_the_permission_in_the_table(app: FastAPI) -> None:
    routes = _routes(app)
    seen = {(m, p): r.permission for m, p, r in routes}
    assert seen == DECLARED


def test_a_route_without_a_declaration_is_closed() -> None:
    from starlette.testclient import TestClient

    bare = FastAPI()
    from fastapi import APIRouter

    router = APIRouter(route_class=GuardedRoute)

    @router.get("/undeclared")
    def undeclared() -> dict[str, str]:
        return {"secret": "yes"}

    @router.get("/declared", **needs("public"))
    def declared() -> dict[str, str]:
        return {"open": "yes"}

    bare.include_router(router)
    from dadkhah.web import problems

    problems.install(bare)
    bare.state.web = None
    client = TestClient(bare)
    assert client.get("/undeclared").status_code == 403
    assert client.get("/declared").status_code == 200


@pytest.mark.slow
@pytest.mark.parametrize("role", [None, "viewer", "analyst", "investigator", "admin"])
def test_every_route_for_every_role(role, app, client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for(role)
    values = {
        "entity_id": world["victim"],
        "claim_id": "01AAAAAAAAAAAAAAAAAAAAAAAA",
        "item_id": world["photo"],
        "testimony_id": world["testimony"],
        "code": world["code"],
        "allegation_id": world["allegation"],
        "suspect": world["suspect"],
        "token_id": "01AAAAAAAAAAAAAAAAAAAAAAAA",
        "job_id": "01AAAAAAAAAAAAAAAAAAAAAAAA",
        "index": "0",
    }
    for method, path, route in _routes(app):
        if (method, path) in {("DELETE", "/api/v1/session"), ("POST", "/logout")}:
            continue  # ends the session; checked on its own below
        url = re.sub(r"{(\w+)}", lambda m: values.get(m[1], "en"), path)
        # No body: an allowed call fails validation (422) or succeeds, never with 401/403.
        response = client.request(method, url, headers={"accept": "application/json"}, follow_redirects=False)
        allowed = route.permission in EXPECTED[role]
        assert role_allows(role, route.permission or "") == allowed
        if allowed:
            assert response.status_code not in (401, 403), (role, method, path, response.text[:300])
            assert response.status_code < 500, (role, method, path, response.text[:300])
        else:
            expected = 401 if role is None else 403
            assert response.status_code == expected, (role, method, path, response.status_code)
    response = client.delete("/api/v1/session")
    assert response.status_code == (401 if role is None else 204)
    if role is not None:
        assert client.get("/api/v1/me").status_code == 401
