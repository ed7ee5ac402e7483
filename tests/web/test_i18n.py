"""Every interface text the templates use has its Persian translation; Persian pages are RTL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dadkhah.web.ui import i18n
from dadkhah.web.ui.render import NAV, TEMPLATES


def test_every_literal_text_in_the_templates_has_a_persian_entry() -> None:
    found: set[str] = set()
    for template in Path(TEMPLATES).glob("*.html"):
        found |= set(re.findall(r"""\bt\(\s*["']([^"']+)["']\s*\)""", template.read_text(encoding="utf-8")))
    found |= {label for label, _, _ in NAV}
    assert len(found) > 60
    missing = sorted(text for text in found if text not in i18n.FA)
    assert missing == []


def test_translate_and_direction() -> None:
    assert i18n.translate("fa", "Search") == "جستجو"
    assert i18n.translate("en", "Search") == "Search"
    assert i18n.translate("fa", "no such text") == "no such text"
    assert i18n.direction("fa") == "rtl" and i18n.direction("en") == "ltr"


@pytest.fixture
def backend() -> str:
    return "sqlite"


def test_persian_pages_are_right_to_left(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("viewer")
    client.get("/lang/fa?next=/", follow_redirects=False)
    page = client.get("/", headers={"accept": "text/html"}).text
    assert '<html lang="fa" dir="rtl">' in page and "پیشخوان" in page
    assert client.get("/lang/fa?next=//evil.example", follow_redirects=False).headers["location"] == "/"


def test_a_persian_entity_page_shows_the_models_persian_labels(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("viewer")
    english = client.get(f"/entities/{world['victim']}", headers={"accept": "text/html"}).text
    assert "Father&#39;s name" in english and "Death date" in english and ">Male<" in english
    client.get("/lang/fa?next=/", follow_redirects=False)
    page = client.get(f"/entities/{world['victim']}", headers={"accept": "text/html"}).text
    # property labels, the vocabulary term, the entity type and the history's words, from the model's label_fa
    for persian in ("نام پدر", "جنسیت", "تاریخ درگذشت", "مرد", "شخص", "کنونی", "ثبت شد", "ردیف 57"):
        assert persian in page, persian
    for english_only in ("Father&#39;s name", "Death date", ">Gender<", ">Male<", ">current<", ">Person "):
        assert english_only not in page, english_only
    # the list of people names its columns in Persian too
    people = client.get("/entities?type=Person", headers={"accept": "text/html"}).text
    assert "<h1>افراد</h1>" in people and "نام پدر" in people


def test_a_label_without_a_persian_translation_falls_back_to_english(client_for, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for("viewer")
    client.get("/lang/fa?next=/", follow_redirects=False)
    geo = client.get("/api/v1/geo", params={"lang": "fa"}).json()
    assert "گورستان یا گور" in {f["properties"]["kind"] for f in geo["features"]}
    from dadkhah.model import default_model

    assert default_model().schema("EvidenceItem").get("sha256").label_in("fa") == "SHA-256"
