"""The API against its own OpenAPI description: generated requests never cause a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from dadkhah.case import Case

EXAMPLES = 10  # per operation: bounded, so the suite stays fast


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.mark.slow
def test_no_server_error_on_any_operation(case: Case, world, app) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient
    from web_world import PASSWORD

    with TestClient(app) as client:
        login = client.post("/api/v1/session", json={"user": "ana", "password": PASSWORD})
        made = client.post(
            "/api/v1/me/tokens",
            json={"label": "schemathesis"},
            headers={"X-CSRF-Token": login.json()["csrf"]},
        )
        token = made.json()["token"]
    loaded = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) >= 35
    for operation in operations:
        if operation.method.upper() == "DELETE" and operation.path.endswith("/session"):
            continue  # would end nothing (tokens have no session), but keep the token's user signed in

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        run()
