"""GeoJSON (RFC 7946) of places, events and violations, with their dates.

One ``FeatureCollection``; coordinates are ``[longitude, latitude]`` as RFC 7946 §3.1.1 requires.

- a **Place** with coordinates is a Point;
- an **Event** is a Point at its place or a MultiPoint over its places (an event whose places have
  no coordinates has ``geometry: null``, which RFC 7946 allows);
- a **Violation** is a Point at its place.

Properties carry ``id``, ``type``, ``name``, ``kind`` and the dates as recorded (EDTF, which may be
an interval or uncertain) with ``start_iso``/``end_iso``, the first and last day they may denote,
for time sliders that need plain dates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dadkhah.exchange.output import ExportSummary, staged_file
from dadkhah.exchange.snapshot import EntityRecord, Snapshot, edtf_bounds, read_snapshot

if TYPE_CHECKING:
    from dadkhah.access import Reader
    from dadkhah.case import Case


def point(record: EntityRecord | None) -> list[float] | None:
    """``[lon, lat]`` of a place, or ``None``."""
    value = record.first("point") if record else None
    if not value:
        return None
    lat, _, lon = value.partition(",")
    return [float(lon), float(lat)]


def _dates(start: str | None, end: str | None) -> dict[str, Any]:
    low, _ = edtf_bounds(start)
    _, high = edtf_bounds(end or start)
    return {
        "start": start,
        "end": end,
        "start_iso": low.isoformat() if low else None,
        "end_iso": high.isoformat() if high else None,
    }


def _geometry(points: list[list[float]]) -> dict[str, Any] | None:
    unique = [p for i, p in enumerate(points) if p not in points[:i]]
    if not unique:
        return None
    if len(unique) == 1:
        return {"type": "Point", "coordinates": unique[0]}
    return {"type": "MultiPoint", "coordinates": unique}


def features(snapshot: Snapshot) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for record in snapshot.of_schema("Place"):
        coords = point(record)
        if coords is None:
            continue
        props: dict[str, Any] = {
            "id": record.id,
            "type": "Place",
            "name": snapshot.caption(record.id),
            "names": record.values("name"),
            "kind": record.first("kind"),
            "country": record.first("country"),
            "within": record.first("parent"),
        }
        found.append(
            {"type": "Feature", "id": record.id, "geometry": _geometry([coords]), "properties": props}
        )
    for event in snapshot.of_schema("Event"):
        places = event.values("place")
        points = [c for c in (point(snapshot.get(p)) for p in places) if c is not None]
        props = {
            "id": event.id,
            "type": "Event",
            "name": snapshot.caption(event.id),
            "kind": event.first("kind"),
            "places": places,
            "part_of": event.first("partOf"),
            **_dates(event.first("startDate"), event.first("endDate")),
        }
        found.append({"type": "Feature", "id": event.id, "geometry": _geometry(points), "properties": props})
    for violation in snapshot.of_schema("Violation"):
        place_id = violation.first("place")
        coords = point(snapshot.get(place_id))
        if coords is None:
            continue
        act = violation.first("act")
        props = {
            "id": violation.id,
            "type": "Violation",
            "name": snapshot.caption(violation.id),
            "act": act,
            "act_label": snapshot.label("Violation", "act", act) if act else None,
            "victim": violation.first("victim"),
            "victim_name": snapshot.caption(violation.first("victim")) or None,
            "event": violation.first("event"),
            "place": place_id,
            **_dates(violation.first("date"), None),
        }
        found.append(
            {"type": "Feature", "id": violation.id, "geometry": _geometry([coords]), "properties": props}
        )
    return found


def export_geojson(case: Case, out: Path, reader: Reader | None = None) -> ExportSummary:
    """Write one GeoJSON FeatureCollection to ``out``."""
    snapshot = read_snapshot(case, reader)
    found = features(snapshot)
    collection = {"type": "FeatureCollection", "features": found}
    with staged_file(Path(out)) as tmp:
        tmp.write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return ExportSummary("geojson", Path(out), [Path(out).name], len(found), snapshot.notices)


__all__ = ["export_geojson", "features", "point"]
