"""``make screenshots``: PNGs of the main pages, taken in Chromium on a small demonstration case.

Builds the fictional demonstration case at a small scale (with its web users, its allegation and its
linked lists), adds an uploaded file and an estimate from the linked lists, serves it, and walks the
pages in English and Persian.
Run: ``python -m dadkhah.web.screenshots OUT_DIR [--scale 0.1]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import httpx
from sqlalchemy import select

from dadkhah.case import Case
from dadkhah.store.tables import claims, entities


def _first(conn, schema: str, prop: str, where=None):  # type: ignore[no-untyped-def]
    query = (
        select(claims.c.entity_id, claims.c.value, claims.c.ref)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(entities.c.schema == schema, claims.c.prop == prop)
    )
    if where is not None:
        query = query.where(where)
    return conn.execute(query.order_by(claims.c.entity_id)).first()


def demo_allegation(case: Case) -> str:
    """The allegation the demonstration case was built with."""
    with case.reading() as conn:
        return str(conn.execute(select(entities.c.id).where(entities.c.schema == "Allegation")).scalar_one())


def persian_name(case: Case) -> tuple[str, str]:
    with case.reading() as conn:
        for entity_id, value, _ in conn.execute(
            select(claims.c.entity_id, claims.c.value, claims.c.ref)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(entities.c.schema == "Person", claims.c.prop == "name", claims.c.sensitivity < 3)
            .order_by(claims.c.id)
        ):
            if any("\u0600" <= ch <= "\u06ff" for ch in value):
                return entity_id, value
    raise RuntimeError("the demo has no Persian name")


def take(out: Path, scale: float) -> list[Path]:
    from dadkhah.demo.build import DEMO_PASSWORD, build_demo
    from dadkhah.web import Server, WebSettings
    from dadkhah.web.browser import browser_context

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="dadkhah-shots-"))
    shots: list[Path] = []
    try:
        build_demo(work / "case", scale=scale, dossiers=False)
        with Case.open(work / "case") as case:
            from dadkhah.web.server import _unlock

            _unlock(case)
            allegation = demo_allegation(case)
            victim, name = persian_name(case)
            case.custody.checkpoint()
            with (
                Server(case, WebSettings()) as server,
                browser_context(viewport={"width": 1440, "height": 900}, device_scale_factor=1) as ctx,
            ):
                base = server.url
                page = ctx.new_page()

                def shot(label: str, *, full: bool = False) -> None:
                    page.wait_for_load_state("networkidle")
                    path = out / f"{len(shots) + 1:02d}-{label}.png"
                    page.screenshot(path=str(path), full_page=full)
                    shots.append(path)

                page.goto(f"{base}/login")
                shot("sign-in")
                page.fill("input[name=user]", case.owner)
                page.fill("input[name=password]", DEMO_PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(f"{base}/")
                csrf = page.locator('meta[name="csrf-token"]').get_attribute("content") or ""
                cookies = {c["name"]: c["value"] for c in ctx.cookies()}
                httpx.post(
                    f"{base}/api/v1/estimates",
                    json={"method": "loglinear", "title": "The four victim lists, linked"},
                    cookies=cookies,
                    headers={"X-CSRF-Token": csrf},
                    timeout=60,
                )
                shot("dashboard")
                page.fill(".global-search input[name=q]", name)
                page.press(".global-search input[name=q]", "Enter")
                page.wait_for_selector("table.results, .muted")
                shot("search-persian-name")
                page.goto(f"{base}/entities/{victim}")
                shot("victim", full=True)
                page.goto(f"{base}/entities?type=Person")
                shot("people")
                page.goto(f"{base}/evidence")
                text = work / "field-notes.txt"
                text.write_text("Field notes, Arzhang, 2019-05-04.\n" * 40, encoding="utf-8")
                page.set_input_files("#upload-file", str(text))
                page.fill("#upload-title", "Field notes from Arzhang")
                page.click("#upload-form button[type=submit]")
                page.wait_for_selector("#upload-result:not([hidden])")
                shot("evidence-upload")
                with case.reading() as conn:
                    photo = _first(conn, "EvidenceItem", "mediaType", claims.c.value.like("image/%"))
                    testimony = conn.execute(
                        select(entities.c.id).where(entities.c.schema == "Testimony").order_by(entities.c.id)
                    ).scalar()
                if photo is not None:
                    page.goto(f"{base}/evidence/{photo.entity_id}")
                    page.click("#verify")
                    page.wait_for_selector(".verify-result.ok, .verify-result.bad")
                    shot("evidence-viewer")
                if testimony:
                    page.goto(f"{base}/testimonies/{testimony}")
                    shot("testimony")
                page.goto(f"{base}/allegations/{allegation}")
                shot("case-matrix", full=True)
                page.goto(f"{base}/map")
                page.wait_for_selector(".leaflet-interactive")
                shot("map")
                page.goto(f"{base}/timeline")
                page.wait_for_selector(".vis-item")
                shot("timeline")
                page.goto(f"{base}/graph")
                page.wait_for_timeout(800)
                shot("command-structure")
                page.goto(f"{base}/estimates")
                page.wait_for_selector("canvas.chart-lists")
                page.wait_for_timeout(600)
                shot("estimates")
                page.goto(f"{base}/review")
                shot("linkage-review")
                page.goto(f"{base}/lang/fa?next=/")
                shot("dashboard-persian")
                page.goto(f"{base}/entities/{victim}")
                shot("victim-persian")
                page.goto(f"{base}/allegations/{allegation}")
                shot("case-matrix-persian")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, nargs="?", default=Path("out/screenshots"))
    parser.add_argument("--scale", type=float, default=0.1, help="Size of the demonstration case.")
    args = parser.parse_args(argv)
    for path in take(args.out, args.scale):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
