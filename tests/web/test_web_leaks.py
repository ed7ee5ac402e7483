"""A reader without protected clearance never sees a protected value: every page, every API answer.

The same walk as the admin (protected clearance, case unlocked) finds the values, so the test
would notice if the walk missed the places they live.
"""

from __future__ import annotations

import pytest

from dadkhah.case import Case

PAGES = [
    "/",
    "/entities",
    "/entities?type=Person",
    "/entities/{witness}",
    "/entities/{victim}",
    "/evidence",
    "/evidence/{photo}",
    "/testimonies",
    "/testimonies/{testimony}",
    "/allegations/{allegation}",
    "/forums/{suspect}",
    "/map",
    "/timeline",
    "/graph",
    "/custody",
    "/account",
]
API = [
    "/api/v1/summary",
    "/api/v1/entities?size=200",
    "/api/v1/entities/{witness}?history=true",
    "/api/v1/entities/{victim}?history=true",
    "/api/v1/witnesses",
    "/api/v1/witnesses/{code}",
    "/api/v1/testimonies",
    "/api/v1/testimonies/{testimony}",
    "/api/v1/geo",
    "/api/v1/timeline",
    "/api/v1/graph",
    "/api/v1/allegations/{allegation}/matrix",
    "/api/v1/evidence/{photo}/custody",
]


def _walk(client, world) -> str:  # type: ignore[no-untyped-def]
    bodies = []
    for path in PAGES + API:
        url = path.format(**world.ids)
        response = client.get(
            url, headers={"accept": "text/html" if not url.startswith("/api") else "application/json"}
        )
        assert response.status_code == 200, (url, response.status_code)
        bodies.append(response.text)
    for query in ["Shirin", "شیرین", "Kargar", "W-0001", "محمدرضا"]:
        bodies.append(client.post("/api/v1/search", json={"q": query}).text)
        bodies.append(client.post("/search", data={"q": query}, headers={"accept": "text/html"}).text)
    return "\n".join(bodies)


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_no_protected_value_reaches_a_reader_without_clearance(role, client_for, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PROTECTED

    seen = _walk(client_for(role), world)
    for value in PROTECTED:
        assert value not in seen
    assert world["code"] in seen  # the witness is there, by pseudonym


def test_the_walk_finds_protected_values_for_a_cleared_reader(client_for, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PROTECTED

    seen = _walk(client_for("investigator"), world)
    assert all(value in seen for value in PROTECTED)


def test_a_locked_server_shows_no_protected_value_even_to_the_admin(case: Case, client_for, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PROTECTED

    case.lock()
    seen = _walk(client_for("admin"), world)
    assert not any(value in seen for value in PROTECTED)
    assert "protected" in seen and "locked" in seen  # and it says why


def test_protected_values_never_in_urls_or_the_access_log(client_for, world, caplog) -> None:  # type: ignore[no-untyped-def]
    from web_world import PROTECTED

    client = client_for("investigator")
    caplog.set_level("INFO", logger="dadkhah.web.access")
    client.post("/search", data={"q": PROTECTED[0]}, headers={"accept": "text/html"})
    page = client.get(f"/entities/{world['witness']}", headers={"accept": "text/html"}).text
    assert PROTECTED[0] in page
    import re

    for href in re.findall(r'(?:href|src|action)="([^"]*)"', page):
        assert not any(v in href for v in PROTECTED)
    assert caplog.records and not any(v in r.getMessage() for r in caplog.records for v in PROTECTED)
