"""The map figure: places drawn as numbered markers on a plain graticule, as SVG, from coordinates alone.

No tile server and no base map: a case file must be readable offline and must not send anyone's
browser to a third party. The projection is equirectangular with the longitude scaled by the cosine
of the middle latitude, which keeps distances honest to within a few per cent over the few hundred
kilometres a case usually spans. Markers are numbered (the places table beside the map names them),
so no label needs right-to-left shaping inside the SVG.

At the scale of a region, a town's prison, cemetery and court are a few pixels apart, and their
markers and numbers would print on top of each other. So places that close are drawn as one group:
one marker of each kind present, side by side, and one label listing their numbers ("1, 7, 13").
Each label is then placed where it hits no marker, no other label and not the scale bar, trying the
places a cartographer would (above right first, then right, below right, ...), farther away with a
leader line when the map is crowded. Everything is computed from the points in a fixed order, so
the same places give the same SVG, byte for byte.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from dadkhah.disjoint import DisjointSets

WIDTH = 640
HEIGHT = 440
MARGIN = 36
#: marker colour and shape by kind of place
STYLE = {
    "prison": ("#7a1f1f", "square"),
    "ward": ("#7a1f1f", "square"),
    "building": ("#7a1f1f", "square"),
    "grave_site": ("#1f3f7a", "diamond"),
    "city": ("#3b3b3b", "circle"),
    "region": ("#3b3b3b", "circle"),
    "country": ("#3b3b3b", "circle"),
}
DEFAULT_STYLE = ("#5b4a1f", "circle")
_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0)
_KM_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class MapPoint:
    number: int
    lat: float
    lon: float
    kind: str | None


def _f(value: float) -> str:
    return f"{value:.1f}"


def _el(tag: str, text: str | None = None, /, **attrs: object) -> str:
    """One SVG element; attribute names use ``_`` for ``-`` (``font_size`` → ``font-size``)."""
    rendered = " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{_f(v) if isinstance(v, float) else escape(str(v))}"'
        for k, v in attrs.items()
    )
    return f"<{tag} {rendered}/>" if text is None else f"<{tag} {rendered}>{escape(text)}</{tag}>"


def _step(span: float) -> float:
    return next((s for s in _STEPS if span / s <= 6), _STEPS[-1])


def map_svg(points: list[MapPoint], *, title: str) -> str:
    """An SVG map of ``points`` as numbered markers (the legend and the names go beside it, in HTML)."""
    if not points:
        return ""
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    mid = math.radians((min(lats) + max(lats)) / 2)
    xscale = max(math.cos(mid), 0.05)
    lat_span = max(max(lats) - min(lats), 0.02)
    lon_span = max(max(lons) - min(lons), 0.02)
    # Fit both spans into the frame with a tenth of padding, keeping the aspect ratio true.
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    scale = min(inner_w / (lon_span * xscale * 1.2), inner_h / (lat_span * 1.2))
    centre_lat, centre_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (
            WIDTH / 2 + (lon - centre_lon) * xscale * scale,
            MARGIN + inner_h / 2 - (lat - centre_lat) * scale,
        )

    box = (
        centre_lat - inner_h / 2 / scale,
        centre_lat + inner_h / 2 / scale,
        centre_lon - inner_w / 2 / (xscale * scale),
        centre_lon + inner_w / 2 / (xscale * scale),
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif">',
        _el("rect", x=MARGIN, y=MARGIN, width=inner_w, height=inner_h, fill="#f4f1ea", stroke="#888"),
    ]
    parts += _graticule(_step(max(box[1] - box[0], box[3] - box[2])), box, xy)
    bar = _scale_bar_box(inner_h)
    parts += _groups(points, xy, (MARGIN, MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN), bar)
    parts += _scale_bar(scale, inner_h)
    parts.append("</svg>")
    return "\n".join(parts)


# -- grouping close places and placing their labels ----------------------------------------------

#: markers closer than this (in px) would overlap: their places become one group
MERGE_PX = 12.0
#: a label lists at most this many numbers on a line
PER_LINE = 6
FONT_SIZE = 11
LINE_HEIGHT = 13.0
#: how far from its markers a label may go (px), nearest first; beyond the first, with a leader line
_RINGS = (2.0, 12.0, 24.0, 38.0, 56.0, 80.0)
#: directions to try, as a cartographer would: above right, right, below right, above left, ...
_DIRECTIONS = ((1, -1), (1, 0), (1, 1), (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1))
_KIND_ORDER = {colour_shape: i for i, colour_shape in enumerate(dict.fromkeys(STYLE.values()))}

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class _Group:
    x: float
    y: float
    numbers: tuple[int, ...]
    styles: tuple[tuple[str, str], ...]

    @property
    def half_width(self) -> float:
        return 6.0 + (len(self.styles) - 1) * 5.5

    def marker_boxes(self) -> list[Box]:
        return [(x - 6.0, self.y - 6.0, x + 6.0, self.y + 6.0) for x in self.marker_xs()]

    def marker_xs(self) -> list[float]:
        n = len(self.styles)
        return [self.x + (i - (n - 1) / 2) * 11.0 for i in range(n)]

    def lines(self) -> list[str]:
        nums = [str(n) for n in self.numbers]
        return [
            ", ".join(nums[i : i + PER_LINE]) + ("," if i + PER_LINE < len(nums) else "")
            for i in range(0, len(nums), PER_LINE)
        ]


def _group(points: list[MapPoint], xy: Callable[[float, float], tuple[float, float]]) -> list[_Group]:
    """Places whose markers would touch, joined (single linkage, in a fixed order) into groups; then
    groups whose side-by-side markers would touch, joined again, until no two markers touch."""
    ordered = sorted(points, key=lambda p: p.number)
    at = [xy(p.lat, p.lon) for p in ordered]
    sets = DisjointSets(len(ordered))
    for i in range(len(ordered)):
        for j in range(i + 1, len(ordered)):
            if math.dist(at[i], at[j]) < MERGE_PX:
                sets.union(i, j)
    while True:
        members: dict[int, list[int]] = {}
        for i in range(len(ordered)):
            members.setdefault(sets.find(i), []).append(i)
        found = sorted(members.values())
        groups = [_make_group(ordered, at, indices) for indices in found]
        touching = next(
            (
                (a, b)
                for a in range(len(groups))
                for b in range(a + 1, len(groups))
                if any(
                    _overlap(_grow(m, 1.0), n)
                    for m in groups[a].marker_boxes()
                    for n in groups[b].marker_boxes()
                )
            ),
            None,
        )
        if touching is None:
            return sorted(groups, key=lambda g: g.numbers)
        sets.union(found[touching[0]][0], found[touching[1]][0])


def _make_group(ordered: list[MapPoint], at: list[tuple[float, float]], found: list[int]) -> _Group:
    styles = {STYLE.get(ordered[i].kind or "", DEFAULT_STYLE) for i in found}
    return _Group(
        x=sum(at[i][0] for i in found) / len(found),
        y=sum(at[i][1] for i in found) / len(found),
        numbers=tuple(ordered[i].number for i in found),
        styles=tuple(sorted(styles, key=lambda st: (_KIND_ORDER.get(st, len(_KIND_ORDER)), st))),
    )


def _grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _text_width(text: str) -> float:
    """The width of bold DejaVu Sans digits and commas at FONT_SIZE, a little generously."""
    return sum(7.7 if ch.isdigit() else 4.2 if ch == "," else 3.9 for ch in text)


def _candidates(group: _Group, width: float, height: float) -> list[tuple[Box, bool]]:
    """Label boxes around a group, in order of preference, each with whether it needs a leader."""
    found = []
    for ring, gap in enumerate(_RINGS):
        for dx, dy in _DIRECTIONS:
            if dx > 0:
                left = group.x + group.half_width + gap
            elif dx < 0:
                left = group.x - group.half_width - gap - width
            else:
                left = group.x - width / 2
            lift = (2.0 if dx else 6.0) + gap
            if dy < 0:
                top = group.y - lift - height
            elif dy > 0:
                top = group.y + lift
            else:
                top = group.y - height / 2
            found.append(((left, top, left + width, top + height), ring > 0))
    return found


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _inside(box: Box, frame: Box) -> bool:
    return (
        box[0] >= frame[0] + 2
        and box[1] >= frame[1] + 2
        and box[2] <= frame[2] - 2
        and box[3] <= frame[3] - 2
    )


def _place_labels(groups: list[_Group], frame: Box, bar: Box) -> list[tuple[Box, bool]]:
    """A box for each group's label: the first candidate that touches nothing already on the map
    (or, on a very crowded map, the one that touches least)."""
    obstacles: list[Box] = [bar, *(b for g in groups for b in g.marker_boxes())]
    crowding = [sum(math.dist((g.x, g.y), (o.x, o.y)) < 60 for o in groups) for g in groups]
    order = sorted(range(len(groups)), key=lambda i: (-crowding[i], groups[i].numbers))
    placed: dict[int, tuple[Box, bool]] = {}
    for i in order:
        lines = groups[i].lines()
        width = max(_text_width(line) for line in lines) + 3.0
        height = LINE_HEIGHT * len(lines) + 1.0
        best: tuple[float, Box, bool] | None = None
        for box, leader in _candidates(groups[i], width, height):
            clash = sum(_overlap(box, o) for o in obstacles)
            clash += 0.0 if _inside(box, frame) else 1e6
            if best is None or clash < best[0]:
                best = (clash, box, leader)
            if clash == 0:
                break
        assert best is not None
        placed[i] = (best[1], best[2])
        obstacles.append(best[1])
    return [placed[i] for i in range(len(groups))]


def _groups(
    points: list[MapPoint], xy: Callable[[float, float], tuple[float, float]], frame: Box, bar: Box
) -> list[str]:
    """The markers, leader lines and labels of the places, grouped and decluttered."""
    groups = _group(points, xy)
    labels = _place_labels(groups, frame, bar)
    out = [_marker(x, g.y, *style) for g in groups for x, style in zip(g.marker_xs(), g.styles, strict=True)]
    for g, (box, leader) in zip(groups, labels, strict=True):
        if leader:
            # from the edge of the group's markers towards the nearest point of the label
            tx = min(max(g.x, box[0]), box[2])
            ty = min(max(g.y, box[1]), box[3])
            d = math.dist((g.x, g.y), (tx, ty)) or 1.0
            edge = min(d, 7.0)
            sx, sy = g.x + (tx - g.x) * edge / d, g.y + (ty - g.y) * edge / d
            out.append(_el("line", x1=sx, y1=sy, x2=tx, y2=ty, stroke="#555", stroke_width="0.8"))
    for g, (box, _) in zip(groups, labels, strict=True):
        left, top, right, bottom = box
        out.append(
            _el(
                "rect",
                x=left,
                y=top,
                width=right - left,
                height=bottom - top,
                rx="2",
                fill="#fffdf8",
                fill_opacity="0.9",
            )
        )
        centre = (left + right) / 2
        texts = g.lines()
        if len(texts) == 1:
            out.append(
                _el(
                    "text",
                    texts[0],
                    x=centre,
                    y=top + 10.5,
                    text_anchor="middle",
                    font_size=FONT_SIZE,
                    font_weight="bold",
                    fill="#111",
                )
            )
        else:
            spans = "".join(
                f'<tspan x="{_f(centre)}" y="{_f(top + 10.5 + k * LINE_HEIGHT)}">{escape(t)}</tspan>'
                for k, t in enumerate(texts)
            )
            out.append(
                f'<text text-anchor="middle" font-size="{FONT_SIZE}" font-weight="bold" fill="#111">'
                f"{spans}</text>"
            )
    return out


def _graticule(
    step: float,
    box: tuple[float, float, float, float],
    xy: Callable[[float, float], tuple[float, float]],
) -> list[str]:
    lat_lo, lat_hi, lon_lo, lon_hi = box
    line: dict[str, object] = {"stroke": "#d5cfc2", "stroke_width": "0.6"}
    label: dict[str, object] = {"font_size": 9, "fill": "#555"}
    out = []
    lat = math.ceil(lat_lo / step) * step
    while lat <= lat_hi:
        (x0, y), (x1, _) = xy(lat, lon_lo), xy(lat, lon_hi)
        out.append(_el("line", x1=x0, y1=y, x2=x1, y2=y, **line))
        out.append(_el("text", _deg(lat, "N", "S"), x=x0 - 3, y=y + 3, text_anchor="end", **label))
        lat += step
    lon = math.ceil(lon_lo / step) * step
    while lon <= lon_hi:
        (x, y0), (_, y1) = xy(lat_hi, lon), xy(lat_lo, lon)
        out.append(_el("line", x1=x, y1=y0, x2=x, y2=y1, **line))
        out.append(_el("text", _deg(lon, "E", "W"), x=x, y=y1 + 12, text_anchor="middle", **label))
        lon += step
    return out


def _deg(value: float, positive: str, negative: str) -> str:
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return f"{text}°{positive if value >= 0 else negative}"


def _marker(x: float, y: float, colour: str, shape: str) -> str:
    if shape == "square":
        return _el("rect", x=x - 4.5, y=y - 4.5, width=9, height=9, fill=colour, stroke="#fff")
    if shape == "diamond":
        pts = f"{_f(x)},{_f(y - 6)} {_f(x + 6)},{_f(y)} {_f(x)},{_f(y + 6)} {_f(x - 6)},{_f(y)}"
        return _el("polygon", points=pts, fill=colour, stroke="#fff")
    return _el("circle", cx=x, cy=y, r=4.5, fill=colour, stroke="#fff")


def _scale_bar_box(inner_h: float) -> Box:
    """Where the scale bar goes (at most 160 px of bar and its "km" label), kept free of labels."""
    x, y = MARGIN + 12.0, MARGIN + inner_h - 14.0
    return (x - 4, y - 14, x + 160 + 50, y + 8)


def _scale_bar(scale: float, inner_h: float) -> list[str]:
    px_per_km = scale / KM_PER_DEGREE  # a degree of latitude, or of longitude scaled by cos(lat)
    km = next((k for k in reversed(_KM_STEPS) if k * px_per_km <= 160), _KM_STEPS[0])
    length = km * px_per_km
    x, y = MARGIN + 12.0, MARGIN + inner_h - 14.0
    return [
        _el("rect", x=x - 4, y=y - 14, width=length + 50, height=22, fill="#f4f1ea", opacity="0.85"),
        _el("line", x1=x, y1=y, x2=x + length, y2=y, stroke="#111", stroke_width=2),
        _el("text", f"{km} km", x=x + length + 5, y=y + 4, font_size=10, fill="#111"),
    ]


def legend_marker(kind: str | None) -> str:
    """The marker of a kind of place, as a small inline SVG for the legend beside the map."""
    colour, shape = STYLE.get(kind or "", DEFAULT_STYLE)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14"'
    return f'{svg} aria-hidden="true">{_marker(7, 7, colour, shape)}</svg>'


__all__ = ["MapPoint", "legend_marker", "map_svg"]
