"""The map figure drawn from coordinates, and the PDF's pages rendered to images."""

from __future__ import annotations

import io
import math
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from dossier_world import NWCU, World
from PIL import Image

from dadkhah.case import Case
from dadkhah.dossier import DossierOptions, Scope, prepare
from dadkhah.dossier.mapfig import HEIGHT, KM_PER_DEGREE, MARGIN, WIDTH, MapPoint, map_svg
from dadkhah.dossier.pages import render_pages


def _markers(svg: str) -> list[tuple[float, float]]:
    """Centres of the markers: squares (rect 9×9), circles and diamonds."""
    centres = [
        (float(x) + 4.5, float(y) + 4.5)
        for x, y in re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="9"', svg)
    ]
    centres += [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
    centres += [(float(x), float(y) + 6) for x, y in re.findall(r'<polygon points="([\d.]+),([\d.]+) ', svg)]
    return centres


def test_the_map_puts_north_up_east_right_and_keeps_distances_true() -> None:
    # Two places 1° of latitude apart on one meridian, a third 1° east of the first, at 13° N.
    points = [
        MapPoint(1, 13.0, 63.0, "prison"),
        MapPoint(2, 14.0, 63.0, "city"),
        MapPoint(3, 13.0, 64.0, "city"),
    ]
    svg = map_svg(points, title="test")
    assert svg.startswith("<svg") and f'viewBox="0 0 {WIDTH} {HEIGHT}"' in svg
    south, *cities = _markers(svg)  # the prison's square first, then the two cities' circles
    north, east = sorted(cities, key=lambda p: p[1])  # the northern one is higher up
    assert north[1] < south[1] and abs(north[0] - south[0]) < 0.2
    assert east[0] > south[0] and abs(east[1] - south[1]) < 0.2
    # A degree of longitude at 13° N is cos(13°) of a degree of latitude (±0.5 px of rounding).
    ratio = (east[0] - south[0]) / (south[1] - north[1])
    assert ratio == pytest.approx(math.cos(math.radians(13.5)), abs=0.01)
    # Every marker lies inside the frame.
    for x, y in _markers(svg):
        assert MARGIN <= x <= WIDTH - MARGIN and MARGIN <= y <= HEIGHT - MARGIN
    # The scale bar's length agrees with the degree's length in kilometres.
    bar = re.search(r'<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)" y2="[\d.]+" stroke="#111"', svg)
    km = int(re.search(r">(\d+) km<", svg).group(1))  # type: ignore[union-attr]
    assert bar is not None
    px_per_degree = south[1] - north[1]
    assert float(bar.group(2)) - float(bar.group(1)) == pytest.approx(
        km * px_per_degree / KM_PER_DEGREE, rel=0.01
    )


def test_places_at_the_same_coordinates_share_one_numbered_marker() -> None:
    svg = map_svg(
        [MapPoint(3, 13.5, 63.7, "prison"), MapPoint(4, 13.5, 63.7, "ward"), MapPoint(9, 12.0, 62.0, None)],
        title="t",
    )
    assert len(_markers(svg)) == 2
    assert ">3, 4<" in svg and ">9<" in svg
    assert map_svg([], title="none") == ""


def _labels(svg: str) -> list[tuple[float, float, float, float]]:
    """The boxes behind the markers' numbers (left, top, right, bottom)."""
    return [
        (float(x), float(y), float(x) + float(w), float(y) + float(h))
        for x, y, w, h in re.findall(
            r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="2"', svg
        )
    ]


def _touch(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_close_places_share_a_label_and_no_label_covers_a_marker_or_another_label() -> None:
    # Six towns, each with a cemetery, a prison and sometimes a court a kilometre or two apart (the
    # demonstration case's layout, where numbers like "8 3" and "10/16" printed on top of each other),
    # and a line of prisons a few kilometres apart.
    towns = [(13.61, 63.73), (14.0, 63.1), (15.20, 64.42), (14.87, 65.33), (12.04, 62.87), (11.61, 64.12)]
    points = []
    for i, (lat, lon) in enumerate(towns):
        points.append(MapPoint(i + 1, lat, lon, "grave_site"))
        points.append(MapPoint(i + 7, lat + 0.012, lon + 0.011, "prison"))
        if i % 2 == 0:
            points.append(MapPoint(i + 13, lat - 0.01, lon + 0.02, "court"))
    points += [MapPoint(20 + k, 14.2 + 0.06 * k, 62.2 + 0.05 * k, "prison") for k in range(8)]
    svg = map_svg(points, title="t")
    assert svg == map_svg(list(reversed(points)), title="t")  # the same places, the same bytes
    texts = re.findall(r'font-weight="bold" fill="#111">(.*?)</text>', svg)
    numbers = [int(n) for t in texts for n in re.findall(r"\d+", re.sub(r"<[^>]+>", " ", t))]
    assert sorted(numbers) == sorted(p.number for p in points)  # every place is named exactly once
    assert ">1, 7, 13<" in svg and ">2, 8<" in svg  # a town's places share one label
    labels, markers = _labels(svg), _markers(svg)
    assert len(labels) == len(texts) < len(points)
    for i, a in enumerate(labels):
        assert MARGIN <= a[0] < a[2] <= WIDTH - MARGIN and MARGIN <= a[1] < a[3] <= HEIGHT - MARGIN
        assert not any(_touch(a, b) for b in labels[i + 1 :])
        assert not any(_touch(a, (x - 4.5, y - 4.5, x + 4.5, y + 4.5)) for x, y in markers)
    for i, (x, y) in enumerate(markers):  # no two markers print on top of each other
        assert all(math.dist((x, y), other) >= 9 for other in markers[i + 1 :])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_pdf_pages_render_to_images_with_the_map(world: World, demo_case: Case, tmp_path: Path) -> None:
    prepared = prepare(demo_case, DossierOptions(Scope("event", (world.ids["event"],)), NWCU))
    assert prepared.pdf is not None and "<svg" in prepared.html
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(prepared.pdf)
    pages = render_pages(pdf, tmp_path / "pages", dpi=40)
    assert len(pages) == len(pypdf.PdfReader(io.BytesIO(prepared.pdf)).pages) > 5
    for page in pages:
        image = Image.open(page).convert("L")
        assert image.height / image.width == pytest.approx(297 / 210, abs=0.02)  # A4
        assert image.getextrema()[0] < 100  # something dark is printed on every page
