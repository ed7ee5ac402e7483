"""The memorial site: every link resolves, nothing runs or loads from elsewhere, public claims only."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from dossier_world import PROTECTED_VICTIM, World

from dadkhah.case import Case
from dadkhah.errors import InputError
from dadkhah.exchange import export_memorial
from dadkhah.names import script_of


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs)
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(str(found[name]))
        if found.get("id"):
            self.ids.add(str(found["id"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(demo_world: World, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("memorial") / "site"
    with demo_world.open() as case:
        export_memorial(case, out)
    return out


def test_the_memorial_has_no_broken_link_and_needs_nothing_from_elsewhere(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    parsed = {p: _parse(p) for p in pages}
    checked = 0
    for path, page in parsed.items():
        assert "script" not in page.tags and "iframe" not in page.tags, path
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{path} links outside the site: {link}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path}: broken link {link}"
            if parts.fragment:
                assert parts.fragment in parsed[target].ids, f"{path}: no #{parts.fragment} in {target}"
            checked += 1
    assert checked > 3 * len(pages)  # every page links home, to the style sheet and onwards
    index = parsed[site / "index.html"]
    victim_pages = sorted((site / "victims").glob("*.html"))
    assert len(victim_pages) > 400
    # Every victim page is reached from the index.
    assert {str(p.relative_to(site)) for p in victim_pages} <= set(index.links)


def test_each_victim_page_names_them_in_both_scripts_with_dates_place_and_sources(site: Path) -> None:
    both = dated = 0
    pages = sorted((site / "victims").glob("*.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        text = " ".join(_parse(path).text)
        assert "<h1>" in html and "What happened" in html and "آنچه رخ داد" in html and "Sources" in html
        heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
        assert script_of(heading) == "latin" or "transliteration" in html  # a Latin-script name always
        both += 'class="name-fa"' in html
        dated += bool(re.search(r"\b19[4-9]\d\b", text)) and bool(re.search("[۱][۳][۰-۹]{2}", text))
    assert both > 200  # Persian names from the Persian-script lists
    assert dated > 0.9 * len(pages)  # dates in both calendars (Gregorian and Solar Hijri)


def test_the_memorial_is_public_only(site: Path, demo_world: World, demo_case: Case, tmp_path: Path) -> None:
    everything = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    for value in [*demo_world.secrets, *demo_world.withdrawn_public, *PROTECTED_VICTIM]:
        assert value.encode("utf-8") not in everything
    assert not (site / "victims" / f"{demo_world.ids['protected_victim']}.html").exists()
    with pytest.raises(InputError):
        export_memorial(demo_case, tmp_path / "x", demo_case.reader(view_as="national-war-crimes-unit"))
