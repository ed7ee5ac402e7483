"""What a case file says: deterministic HTML, Persian shaped and ordered in the PDF, exhibit numbers,
scope, and the estimate section both before and after in-case estimation exists."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pypdf
import pytest
from dossier_world import NWCU, World

from dadkhah.case import Case
from dadkhah.dossier import DossierOptions, Scope, prepare, select_scope
from dadkhah.errors import InputError
from dadkhah.exchange import number_exhibits, read_snapshot, vault_items
from dadkhah.model import Sensitivity

ZWNJ = "\u200c"
UK_MSE = Path(__file__).parents[1] / "estimate" / "fixtures" / "uk_modern_slavery_2013.csv"


def _words(text: str) -> str:
    """Text compared as words: the zero-width non-joiner has no glyph, so PDF text cannot keep it."""
    return " ".join(text.replace(ZWNJ, "").split())


@pytest.mark.slow
def test_the_same_case_state_gives_byte_identical_html_and_pdf(world: World, demo_case: Case) -> None:
    options = DossierOptions(Scope("event", (world.ids["event"],)), "public")
    first = prepare(demo_case, options)
    second = prepare(demo_case, options)
    assert first.html == second.html
    assert first.pdf == second.pdf
    # A new claim is a new case state: the case file says so.
    with demo_case.writer("demo") as w:
        w.claim(
            world.ids["event"],
            "description",
            "A later correction.",
            source=world.ids["testimony:W-0001"],
            sensitivity=Sensitivity.PUBLIC,
        )
    third = prepare(demo_case, options, pdf=False)
    assert third.html != first.html and "A later correction." in third.html


@pytest.mark.slow
def test_persian_is_shaped_and_in_logical_order_in_the_pdf(world: World, demo_case: Case) -> None:
    prepared = prepare(demo_case, DossierOptions(Scope("event", (world.ids["event"],)), "public", lang="fa"))
    assert prepared.pdf is not None
    reader = pypdf.PdfReader(io.BytesIO(prepared.pdf))
    text = _words("\n".join(page.extract_text() for page in reader.pages))
    snapshot = read_snapshot(demo_case, demo_case.reader(view_as="public"))
    persian = [
        t for t in snapshot.entities[world.ids["event"]].values("title") if re.search("[\u0600-\u06ff]", t)
    ]
    assert persian
    # Persian runs between digits (a PDF's text layer keeps digits in visual order, so they are
    # compared apart): the event's title as recorded, a place and two headings.
    fragments = [f.strip() for f in re.split(r"[0-9۰-۹]+", persian[0]) if len(f.split()) >= 2]
    assert fragments
    for expected in [*fragments, "زندان سنگدشت", "واقعیت‌ها و گاه‌شمار", "فهرست نام قربانیان"]:
        assert _words(expected) in text, expected
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index, union-attr]
    }
    assert any("Naskh" in f for f in fonts), fonts  # the glyphs come from a font that has them
    assert '<html lang="fa" dir="rtl">' in prepared.html
    assert '<span lang="fa" dir="rtl">زندان سنگدشت</span>' in prepared.html


def test_exhibits_are_numbered_by_page_in_order_of_entry(world: World, demo_case: Case) -> None:
    snapshot = read_snapshot(demo_case)
    with demo_case.reading() as conn:
        stored = vault_items(conn)
    chosen = [world.ids["order"], world.ids["register"], world.ids["photo"]]
    exhibits = number_exhibits(snapshot, chosen, stored, prefix="amr-otp", batch=7)
    assert [e.item for e in exhibits] == sorted(chosen)  # ULIDs: the order they entered the case
    pages = [int(snapshot.entities[e.item].first("pages") or 1) for e in exhibits]
    start = 1
    for exhibit, n in zip(exhibits, pages, strict=True):
        assert exhibit.ern_start == f"AMR-OTP-0007-{start:04d}"
        assert exhibit.ern_end == f"AMR-OTP-0007-{start + n - 1:04d}"
        start += n
    assert sum(pages) > len(pages)  # the demo's PDFs have two pages: ranges are exercised
    with pytest.raises(InputError):
        number_exhibits(snapshot, chosen, stored, prefix="no spaces")


def test_an_event_scope_covers_its_violations_victims_places_and_the_people_involved(
    world: World, demo_case: Case
) -> None:
    snapshot = read_snapshot(demo_case)
    with demo_case.reading() as conn:
        stored = vault_items(conn)
    sel = select_scope(snapshot, Scope("event", (world.ids["event"],)), stored)
    assert world.ids["protected_violation"] in sel.violations
    assert world.ids["protected_victim"] in sel.victims
    assert world.ids["suspect"] in sel.suspects
    assert world.ids["allegation"] in sel.allegations
    campaign = snapshot.entities[world.ids["event"]].first("partOf")
    assert campaign in sel.context and campaign not in sel.events
    every = select_scope(snapshot, Scope("all"), stored)
    assert set(sel.violations) < set(every.violations)
    assert set(every.items) == stored


@pytest.mark.slow
def test_the_estimate_section_says_not_yet_estimated_until_linkage_then_shows_the_interval(
    world: World, demo_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dadkhah import estimate as mse

    with Case.init(tmp_path / "unlinked", owner="tester") as unlinked:
        with unlinked.writer() as w:
            report = w.create("Source", {"title": "A report", "kind": "report"})
            event = w.create(
                "Event", {"title": "Executions at a prison", "kind": "mass_execution"}, source=report
            )
        options = DossierOptions(Scope("event", (event,)), "public", estimate_method="loglinear")
        before = prepare(unlinked, options, pdf=False)
    assert before.dossier.estimate.status == "not yet estimated"
    assert "dadkhah link" in before.dossier.estimate.text

    # The demonstration case has linked its lists: the case file estimates from its victims.
    options = DossierOptions(Scope("event", (world.ids["event"],)), NWCU, estimate_method="loglinear")
    linked = prepare(demo_case, options, pdf=False).dossier.estimate
    assert linked.status == "estimated"
    assert linked.observed == f"{len(mse.capture_records_from_case(demo_case).records):,}"

    # Against a known answer: the UK modern slavery table, whose stepwise log-linear estimate is
    # about 11,418 (9,982–13,182) [statistics.md], given as the case's capture records.
    with UK_MSE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    lists = tuple(k for k in rows[0] if k != "count")
    records = [
        (frozenset(name for name in lists if row[name] == "1"), {})
        for row in rows
        for _ in range(int(row["count"]))
    ]
    monkeypatch.setattr(mse, "capture_records_from_case", lambda case: mse.CaseCaptures(lists, records))
    after = prepare(demo_case, options, pdf=False)
    shown = after.dossier.estimate
    assert shown.status == "estimated" and shown.method == "loglinear"
    assert shown.observed == "2,744"
    assert 10_500 <= int(shown.estimate.replace(",", "")) <= 12_500
    assert shown.interval.startswith("95%:")
    assert shown.estimate in after.html and shown.interval in after.html
