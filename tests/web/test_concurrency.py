"""Many people writing at once: every claim sent is recorded, none lost, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import func, select

from dadkhah.case import Case
from dadkhah.store.tables import claims
from dadkhah.web import Server, WebSettings

WRITERS = 8
EACH = 6


@pytest.mark.slow
def test_concurrent_writes_lose_no_claim(case: Case, world) -> None:  # type: ignore[no-untyped-def]
    from web_world import PASSWORD

    with Server(case, WebSettings()) as server:
        login = httpx.post(f"{server.url}/api/v1/session", json={"user": "ana", "password": PASSWORD})
        cookies, csrf = login.cookies, login.json()["csrf"]

        def write(n: int) -> list[int]:
            codes = []
            with httpx.Client(
                base_url=server.url, cookies=cookies, headers={"X-CSRF-Token": csrf}, timeout=60
            ) as c:
                for i in range(EACH):
                    response = c.post(
                        f"/api/v1/entities/{world['victim']}/claims",
                        json={"prop": "affiliation", "value": f"group {n}-{i}", "source": world["report"]},
                    )
                    codes.append(response.status_code)
            return codes

        with ThreadPoolExecutor(WRITERS) as pool:
            codes = [c for batch in pool.map(write, range(WRITERS)) for c in batch]
    assert codes == [201] * (WRITERS * EACH)
    with case.reading() as conn:
        values = set(
            conn.execute(
                select(claims.c.value).where(
                    claims.c.entity_id == world["victim"], claims.c.prop == "affiliation"
                )
            ).scalars()
        )
        total = conn.execute(
            select(func.count()).select_from(claims).where(claims.c.prop == "affiliation")
        ).scalar()
    assert values == {f"group {n}-{i}" for n in range(WRITERS) for i in range(EACH)}
    assert total == WRITERS * EACH
