"""End to end in Chromium: sign in, search a Persian name, open a victim, upload a file and see
its hash, open the matrix, switch to Persian; a viewer never sees a protected value on any page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dadkhah.case import Case
from dadkhah.web import Server, WebSettings
from dadkhah.web.app import missing_vendor
from dadkhah.web.browser import browser_context, chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="Chromium from deps/apt.txt is not installed"),
]


@pytest.fixture
def backend() -> str:
    return "sqlite"


def _sign_in(page, base: str, user: str) -> None:  # type: ignore[no-untyped-def]
    from web_world import PASSWORD

    page.goto(f"{base}/login")
    page.fill("input[name=user]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_a_day_of_work_in_the_browser(case: Case, world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not missing_vendor(), "run 'make assets' first"
    errors: list[str] = []
    with (
        Server(case, WebSettings()) as server,
        browser_context(viewport={"width": 1360, "height": 900}) as ctx,
    ):
        page = ctx.new_page()
        page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        base = server.url
        _sign_in(page, base, "ivan")
        assert "Executions at Sangdasht Prison" in page.content() or page.locator(".stat").count() > 0

        # Search a Persian name (typed in Persian script; found across scripts) and open the victim.
        page.fill(".global-search input[name=q]", "محمدرضا حسینی")
        page.press(".global-search input[name=q]", "Enter")
        page.wait_for_selector("table.results a")
        assert "?q=" not in page.url  # the query never lands in the URL
        page.click("table.results a")
        page.wait_for_url(f"**/entities/{world['victim']}")
        assert page.locator("h1").inner_text() == "محمدرضا حسینی"
        assert page.locator("tr.conflict").count() == 1  # two sources disagree on the date of death

        # Upload a file and see its hash.
        content = b"Notes of an interview, typed up.\n" * 100
        sample = tmp_path / "notes.txt"
        sample.write_bytes(content)
        page.goto(f"{base}/evidence")
        page.set_input_files("#upload-file", str(sample))
        page.click("#upload-form button[type=submit]")
        page.wait_for_selector("#upload-result:not([hidden])")
        assert page.locator("#upload-sha256").inner_text() == hashlib.sha256(content).hexdigest()

        # The evidence viewer: graphic media blurred until shown; verify the custody.
        page.goto(f"{base}/evidence/{world['photo']}")
        page.wait_for_selector(".graphic-media.blurred")
        page.click(".graphic-show")
        assert page.locator(".graphic-media.blurred").count() == 0
        page.click("#verify")
        page.wait_for_selector(".verify-result.ok")

        # The matrix: elements by status, gaps first.
        page.goto(f"{base}/allegations/{world['allegation']}")
        statuses = page.locator("table.matrix tbody tr").evaluate_all("rows => rows.map(r => r.className)")
        order = ["row-unsupported", "row-contested", "row-single-source", "row-corroborated"]
        ranks = [order.index(s) for s in statuses]
        assert ranks == sorted(ranks) and len(ranks) > 3

        # The map, the timeline and the graph draw their data.
        page.goto(f"{base}/map")
        page.wait_for_selector(".leaflet-interactive")
        assert page.locator(".leaflet-interactive").count() == 2
        page.goto(f"{base}/timeline")
        page.wait_for_selector(".vis-item")
        page.goto(f"{base}/graph")
        page.wait_for_selector(
            "#graph canvas", state="attached"
        )  # a string predicate would need eval, which the CSP forbids

        # Switch to Persian: right to left, Persian labels.
        page.goto(f"{base}/")
        page.click("#lang-fa")
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert "پیشخوان" in page.locator(".sidebar").inner_text()
        box = page.locator(".sidebar").bounding_box()
        assert box is not None and box["x"] > 600  # the sidebar moved to the right
        assert not errors, "\n".join(errors)

        # A viewer, page after page: never a protected value in the HTML.
        from web_world import PROTECTED

        ctx.clear_cookies()
        _sign_in(page, base, "vic")
        for path in [
            "/",
            f"/entities/{world['witness']}",
            f"/testimonies/{world['testimony']}",
            "/testimonies",
            f"/entities/{world['victim']}",
            "/map",
            f"/evidence/{world['photo']}",
        ]:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            html = page.content()
            assert not any(value in html for value in PROTECTED), path
        assert world["code"] in page.goto(f"{base}/testimonies").text()
