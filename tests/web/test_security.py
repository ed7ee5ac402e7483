"""Signing in and the guards: cookies, CSRF, throttling, TOTP, API tokens, uploads, headers, problems."""

from __future__ import annotations

import hashlib
import time
import warnings

import pyotp
import pytest
from sqlalchemy import select

from dadkhah.case import Case
from dadkhah.errors import CaseError
from dadkhah.web import WebSettings, create_app, sealing
from dadkhah.web.tables import web_login_failures, web_sessions, web_tokens, web_totp

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's notice that its test client will move to httpx2
    from starlette.testclient import TestClient


@pytest.fixture
def backend() -> str:
    return "sqlite"


def test_session_cookie_flags_and_only_its_hash_stored(case: Case, client_for, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PASSWORD

    client = client_for(None)
    response = client.post("/api/v1/session", json={"user": "vic", "password": PASSWORD})
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie  # plain HTTP here
    value = client.cookies["dk_session"]
    with case.reading() as conn:
        stored = [r.id_hash for r in conn.execute(select(web_sessions))]
    assert hashlib.sha256(value.encode()).hexdigest() in stored and value not in stored
    tls = client_for(None)
    tls.base_url = "https://testserver"  # type: ignore[assignment]
    secure = tls.post("https://testserver/api/v1/session", json={"user": "vic", "password": PASSWORD})
    assert "Secure" in secure.headers["set-cookie"]
    assert "strict-transport-security" in secure.headers


def test_state_changes_need_the_csrf_token(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("analyst")
    token = client.headers.pop("X-CSRF-Token")
    body = {"prop": "occupation", "value": "teacher", "source": world["report"]}
    url = f"/api/v1/entities/{world['victim']}/claims"
    assert client.post(url, json=body).status_code == 403
    assert client.post(url, json=body, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    assert client.post(url, json=body, headers={"X-CSRF-Token": token}).status_code == 201
    form = client.post(
        f"/entities/{world['victim']}/claims",
        data={"prop": "occupation", "value": "x"},
        follow_redirects=False,
    )
    assert form.status_code == 403
    assert client.get("/api/v1/me").status_code == 200  # reading needs none


def test_login_form_needs_its_token(client_for, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PASSWORD

    client = client_for(None)
    forged = client.post(
        "/login", data={"user": "vic", "password": PASSWORD, "login_token": "forged"}, follow_redirects=False
    )
    assert forged.status_code == 403
    page = client.get("/login")
    token = page.text.split('name="login_token" value="')[1].split('"')[0]
    ok = client.post(
        "/login", data={"user": "vic", "password": PASSWORD, "login_token": token}, follow_redirects=False
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/"


def test_failed_logins_are_throttled(client_for, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PASSWORD

    client = client_for(None)
    for _ in range(3):  # the app fixture allows 3 attempts
        assert (
            client.post("/api/v1/session", json={"user": "vic", "password": "wrong guess!"}).status_code
            == 401
        )
    refused = client.post("/api/v1/session", json={"user": "vic", "password": PASSWORD})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert refused.headers["content-type"] == "application/problem+json"
    # Unknown users get the same answer as wrong passwords.
    other = client.post("/api/v1/session", json={"user": "nobody", "password": "wrong guess!"})
    assert other.status_code == 401 and other.json()["detail"] == "wrong user name, password or code"


def test_the_throttle_is_shared_by_server_processes_and_keeps_no_typed_name(
    case: Case, client_for, world
) -> None:  # type: ignore[no-untyped-def]
    from web_world import PASSWORD

    typed = "my secret passphrase typed as a name"
    for _ in range(3):
        assert (
            client_for(None).post("/api/v1/session", json={"user": typed, "password": "x"}).status_code == 401
        )
        attempt = {"user": "vic", "password": "wrong guess!"}
        assert client_for(None).post("/api/v1/session", json=attempt).status_code == 401
    # A second server of the case (another process, or this one restarted) counts the same failures.
    restarted = TestClient(create_app(case, WebSettings(login_attempts=3), require_assets=False))
    refused = restarted.post("/api/v1/session", json={"user": "vic", "password": PASSWORD})
    assert refused.status_code == 429
    with case.reading() as conn:
        rows = conn.execute(select(web_login_failures)).all()
    assert len(rows) == 6
    stored = " ".join(str(value) for row in rows for value in row)
    assert "vic" not in stored and "secret" not in stored and "testclient" not in stored
    # Another user from the same address is not held back by vic's failures.
    assert restarted.post("/api/v1/session", json={"user": "ana", "password": PASSWORD}).status_code == 200


def test_totp_second_factor(case: Case, client_for, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PASSWORD

    client = client_for("viewer")
    seed = client.post("/api/v1/me/totp").json()["secret"]
    totp = pyotp.TOTP(seed)
    assert (
        client.post(
            "/api/v1/me/totp/confirm", json={"code": "000000" if totp.now() != "000000" else "111111"}
        ).status_code
        == 422
    )
    assert client.post("/api/v1/me/totp/confirm", json={"code": totp.now()}).status_code == 200
    fresh = client_for(None)
    without = fresh.post("/api/v1/session", json={"user": "vic", "password": PASSWORD})
    assert without.status_code == 401 and without.json()["title"] == "Second factor needed"
    # The code just used to confirm is spent; the next time step's code is accepted once.
    later = totp.at(time.time() + 30)
    assert (
        fresh.post("/api/v1/session", json={"user": "vic", "password": PASSWORD, "otp": later}).status_code
        == 200
    )
    again = client_for(None).post("/api/v1/session", json={"user": "vic", "password": PASSWORD, "otp": later})
    assert again.status_code == 401
    # The database holds the seed sealed: a copy of it alone gives the second factor away to nobody.
    with case.reading() as conn:
        stored = conn.execute(select(web_totp.c.secret).where(web_totp.c.user_name == "vic")).scalar_one()
    assert seed not in stored and stored.startswith("aesgcm1:")
    key = case.keys_path / sealing.KEY_FILE
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    assert sealing.unseal_seed(case.keys_path, "vic", stored) == seed
    with pytest.raises(CaseError, match="does not open"):  # a seal moved to another user's row
        sealing.unseal_seed(case.keys_path, "ana", stored)


def test_api_tokens_act_as_their_user_and_only_hashes_are_kept(case: Case, client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("analyst")
    made = client.post("/api/v1/me/tokens", json={"label": "import script"}).json()
    token = made["token"]
    with case.reading() as conn:
        row = conn.execute(select(web_tokens)).one()
    assert token.split("_", 2)[2] not in row.secret_hash
    script = client_for(None)
    auth = {"Authorization": f"Bearer {token}"}
    assert script.get("/api/v1/me", headers=auth).json()["user"] == "ana"
    # No cookie, so no CSRF token is needed: the header cannot be forged by another site.
    created = script.post(
        "/api/v1/entities",
        headers=auth,
        json={"schema": "Person", "values": {"name": ["Test Person"]}, "source": world["report"]},
    )
    assert created.status_code == 201
    assert client.delete(f"/api/v1/me/tokens/{made['id']}").status_code == 200
    assert script.get("/api/v1/me", headers=auth).status_code == 401
    assert script.get("/api/v1/me", headers={"Authorization": "Bearer dkt_nonsense"}).status_code == 401


def test_uploads_are_limited_in_size_and_type(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("investigator")
    too_big = client.post(
        "/api/v1/evidence", content=b"a" * (1024 * 1024 + 1), headers={"X-Filename": "big.txt"}
    )
    assert too_big.status_code == 413
    html = client.post(
        "/api/v1/evidence", content=b"\x7fELF\x02\x01\x01" + b"\x00" * 100, headers={"X-Filename": "x.png"}
    )
    assert html.status_code == 415
    empty = client.post("/api/v1/evidence", content=b"", headers={"X-Filename": "e.txt"})
    assert empty.status_code == 422
    from web_world import PNG

    ok = client.post("/api/v1/evidence", content=PNG + b"\x00more", headers={"X-Filename": "p%C3%A9.png"})
    assert ok.status_code == 201
    assert ok.json()["sha256"] == hashlib.sha256(PNG + b"\x00more").hexdigest()
    viewer = client_for("viewer")
    assert viewer.post("/api/v1/evidence", content=PNG, headers={"X-Filename": "p.png"}).status_code == 403


def test_opening_an_original_is_a_custody_event_and_verify_checks_it(case: Case, client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("viewer")
    before = client.get(f"/api/v1/evidence/{world['photo']}/custody").json()["events"]
    original = client.get(f"/api/v1/evidence/{world['photo']}/original")
    assert original.status_code == 200 and original.content.startswith(b"\x89PNG")
    assert "sandbox" in original.headers["content-security-policy"]
    after = client.get(f"/api/v1/evidence/{world['photo']}/custody").json()["events"]
    assert [e["kind"] for e in after] == [e["kind"] for e in before] + ["opened"]
    assert after[-1]["actor"].endswith("vic")
    verified = client.post(f"/api/v1/evidence/{world['photo']}/verify").json()
    assert verified["ok"] and verified["bytes"] == "match" and verified["events"][0]["proven"] is True


def test_errors_are_problem_details_without_values(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("admin")
    missing = client.get("/api/v1/entities/01AAAAAAAAAAAAAAAAAAAAAAAA")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["status"] == 404 and missing.json()["title"] == "Not found"
    bad = client.post(
        f"/api/v1/entities/{world['victim']}/claims",
        json={"prop": "deathDate", "value": "Shirin secret", "source": world["report"]},
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "deathDate"
    invalid = client.post("/api/v1/search", json={"q": "Shirin secret", "limit": 0})
    assert invalid.status_code == 422 and "Shirin" not in invalid.text


def test_security_headers(client_for, world) -> None:  # type: ignore[no-untyped-def]
    response = client_for(None).get("/login")
    for name, value in {
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cache-control": "no-store",
    }.items():
        assert response.headers[name] == value
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_a_dossier_job_makes_a_case_file_no_richer_than_its_caller(case: Case, client_for, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PROTECTED

    client = client_for("analyst")
    started = client.post("/api/v1/dossiers", json={"recipient": "investigator", "scope": "all"})
    assert started.status_code == 202, started.text
    job_id = started.json()["id"]
    for _ in range(600):
        found = client.get(f"/api/v1/dossiers/jobs/{job_id}").json()
        if found["status"] != "running":
            break
        time.sleep(0.1)
    assert found["status"] == "done", found
    html = client.get(f"/api/v1/dossiers/jobs/{job_id}/html")
    assert html.status_code == 200 and world["code"] in html.text
    assert not any(value in html.text for value in PROTECTED)  # an analyst previewing an investigator
    assert client_for("investigator").get(f"/api/v1/dossiers/jobs/{job_id}/html").status_code == 404
    assert any(r["id"] == found["dossier"] for r in client.get("/api/v1/dossiers").json()["items"])
