"""Fixtures of the web tests: the small world on SQLite and PostgreSQL, the application, clients
signed in as each role."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dadkhah.case import Case

with warnings.catch_warnings():
    # Starlette warns that its test client will move to httpx2; the httpx one still works.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from dadkhah.web import WebSettings, create_app

_spec = importlib.util.spec_from_file_location("web_world", Path(__file__).with_name("web_world.py"))
assert _spec and _spec.loader
web_world = importlib.util.module_from_spec(_spec)
sys.modules["web_world"] = web_world
_spec.loader.exec_module(web_world)

ROLES = ("admin", "investigator", "analyst", "viewer")


@pytest.fixture
def world(case: Case, tmp_path: Path):  # type: ignore[no-untyped-def]
    return web_world.build(case, tmp_path)


@pytest.fixture
def app(case: Case, world):  # type: ignore[no-untyped-def]
    return create_app(case, WebSettings(login_attempts=3, max_upload_mb=1), require_assets=False)


def sign_in(client: TestClient, role: str) -> str:
    """Sign ``client`` in as the user of ``role``; return the session's CSRF token."""
    response = client.post(
        "/api/v1/session", json={"user": web_world.USERS[role], "password": web_world.PASSWORD}
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf"]
    client.headers["X-CSRF-Token"] = token
    return token


@pytest.fixture
def client_for(app) -> Iterator[Callable[[str | None], TestClient]]:  # type: ignore[no-untyped-def]
    """``client_for("viewer")``: a client signed in as that role (``None``: not signed in)."""
    made: list[TestClient] = []

    def make(role: str | None) -> TestClient:
        client = TestClient(app, raise_server_exceptions=False)
        made.append(client)
        if role is not None:
            sign_in(client, role)
        return client

    yield make
    for c in made:
        c.close()
