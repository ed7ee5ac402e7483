"""The review queue on the web: pairs side by side, decisions with author and reason, by role."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator

import pytest
from linkage_world import ListsWorld

from dadkhah.access.users import add_user, set_password
from dadkhah.case import Case
from dadkhah.estimate import capture_records_from_case, estimate, from_memberships
from dadkhah.linkage import canonical_victims
from dadkhah.linkage.matches import read_matches
from dadkhah.web import WebSettings, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note that its test client will move to httpx2
    from starlette.testclient import TestClient

PASSWORD = "correct horse battery"
USERS = {"admin": "tester", "analyst": "ana", "viewer": "vic"}


@pytest.fixture
def web(copy: tuple[Case, ListsWorld]) -> Iterator[tuple[Case, dict[str, TestClient]]]:
    case, _ = copy
    with case.writer() as w:
        set_password(w.conn, "tester", PASSWORD, by="tester", owner=case.owner)
        for role in ("analyst", "viewer"):
            add_user(w.conn, USERS[role], role, by="tester", owner=case.owner, password=PASSWORD)
    app = create_app(case, WebSettings(login_attempts=3), require_assets=False)
    clients = {}
    for role, user in USERS.items():
        client = TestClient(app, raise_server_exceptions=False)
        answer = client.post("/api/v1/session", json={"user": user, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        client.headers["X-CSRF-Token"] = answer.json()["csrf"]
        clients[role] = client
    yield case, clients
    for client in clients.values():
        client.close()


def test_the_queue_shows_both_records_of_each_pair(web: tuple[Case, dict[str, TestClient]]) -> None:
    case, clients = web
    answer = clients["viewer"].get("/api/v1/review", params={"limit": 5})
    assert answer.status_code == 200
    queue = answer.json()
    assert queue["available"] and queue["run"] and 0 < len(queue["items"]) <= 5
    item = queue["items"][0]
    for side in ("left", "right"):
        assert item[side]["names"] and item[side]["list_title"].startswith("Victim list")
    assert queue["review_band"][0] <= item["probability"] < queue["review_band"][1]
    page = clients["viewer"].get("/review", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert item["pair"] in page.text and item["left"]["names"][0] in page.text
    assert 'action="/review/' not in page.text  # a viewer decides nothing: no form
    analyst_page = clients["analyst"].get("/review", headers={"accept": "text/html"}).text
    assert 'data-key="s"' in analyst_page and 'value="different"' in analyst_page


def test_a_decision_is_recorded_with_its_author_and_reason(web: tuple[Case, dict[str, TestClient]]) -> None:
    case, clients = web
    item = clients["analyst"].get("/api/v1/review").json()["items"][0]
    body = {"decision": "same", "reason": "same father and prison in the original register"}
    refused = clients["viewer"].post(f"/api/v1/review/{item['pair']}/decision", json=body)
    assert refused.status_code == 403
    no_csrf = clients["analyst"].post(
        f"/api/v1/review/{item['pair']}/decision", json=body, headers={"X-CSRF-Token": ""}
    )
    assert no_csrf.status_code == 403
    bad = clients["analyst"].post(
        f"/api/v1/review/{item['pair']}/decision", json={**body, "decision": "maybe"}
    )
    assert bad.status_code == 422
    done = clients["analyst"].post(f"/api/v1/review/{item['pair']}/decision", json=body)
    assert done.status_code == 200, done.text
    assert done.json()["decision"] == "same"
    with case.reading() as conn:
        match = next(m for m in read_matches(conn).values() if m.id == item["pair"])
    assert (match.decision, match.decided_by, match.reason) == ("same", "ana", body["reason"])
    joined = {r.person_id: v.id for v in canonical_victims(case) for r in v.records}
    assert joined[item["left"]["person"]] == joined[item["right"]["person"]]
    remaining = clients["analyst"].get("/api/v1/review").json()["items"]
    assert item["pair"] not in {i["pair"] for i in remaining}


def test_the_page_form_decides_and_returns_to_the_queue(web: tuple[Case, dict[str, TestClient]]) -> None:
    case, clients = web
    client = clients["admin"]
    item = client.get("/api/v1/review").json()["items"][0]
    form = {"decision": "different", "reason": "two brothers", "csrf_token": client.headers["X-CSRF-Token"]}
    answer = client.post(f"/review/{item['pair']}", data=form, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/review"
    with case.reading() as conn:
        match = next(m for m in read_matches(conn).values() if m.id == item["pair"])
    assert (match.decision, match.decided_by) == ("different", "tester")
    missing = client.post(f"/review/{item['pair']}", data={**form, "reason": ""}, follow_redirects=False)
    assert missing.status_code == 422


def _finished(client: TestClient, job_id: str) -> dict:  # type: ignore[type-arg]
    for _ in range(600):
        job = client.get(f"/api/v1/estimates/{job_id}").json()
        if job["status"] != "running":
            return job  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError(f"estimate job {job_id} still running")


def test_an_estimate_from_the_case_uses_its_linked_victims(web: tuple[Case, dict[str, TestClient]]) -> None:
    case, clients = web
    refused = clients["viewer"].post("/api/v1/estimates", json={"method": "loglinear"})
    assert refused.status_code == 403
    started = clients["analyst"].post("/api/v1/estimates", json={"method": "loglinear"})
    assert started.status_code == 202, started.text
    job = _finished(clients["analyst"], started.json()["id"])
    assert job["status"] == "done", job.get("error")
    captures = capture_records_from_case(case)
    table = from_memberships(captures.lists, (lists for lists, _ in captures.records))
    direct = estimate(table, "loglinear")
    assert job["result"]["observed"] == len(captures.records) == direct.observed
    assert job["result"]["estimate"] == pytest.approx(direct.estimate, abs=0.01)  # rounded for JSON
    assert set(job["observed_by_list"]) == set(captures.lists)
    page = clients["analyst"].get("/estimates", headers={"accept": "text/html"}).text
    assert "from the case&#39;s linked victims" in page or "from the case's linked victims" in page
    # Counts from the case are the starter's: another reader may see less of it.
    assert clients["viewer"].get(f"/api/v1/estimates/{job['id']}").status_code == 404
    assert job["id"] not in clients["viewer"].get("/estimates", headers={"accept": "text/html"}).text


def test_a_bad_uploaded_table_fails_with_its_line(web: tuple[Case, dict[str, TestClient]]) -> None:
    _, clients = web
    body = {"method": "loglinear", "table": "A,B,C,count\n1,0,0,12\n1,1,x,3\n"}
    job = _finished(clients["analyst"], clients["analyst"].post("/api/v1/estimates", json=body).json()["id"])
    assert job["status"] == "failed" and "uploaded table:3, field 'C'" in job["error"]
