"""Reading the case for pages and API answers; every value passes the caller's redaction.

Entity views come from the store (``entity_view``); lists, the map, the timeline and the command
graph read current claims of many entities at once and filter each claim through the same
:class:`~dadkhah.access.redaction.Redaction`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from dadkhah.access.redaction import Redaction
from dadkhah.errors import InputError
from dadkhah.model import Model, parse_edtf
from dadkhah.store import Claim, EntityView, captions, is_current
from dadkhah.store.reading import claim_from_row
from dadkhah.store.tables import claims, entities

MAX_PAGE = 200


def current_claims(
    conn: Connection, red: Redaction, entity_ids: Sequence[str], props: Iterable[str] | None = None
) -> dict[str, dict[str, list[Claim]]]:
    """entity → property → current claims the reader may see (protected values as the redaction allows)."""
    wanted = list(props) if props is not None else None
    result: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for start in range(0, len(entity_ids), 500):
        chunk = list(entity_ids[start : start + 500])
        query = select(claims).where(claims.c.entity_id.in_(chunk), is_current())
        if wanted is not None:
            query = query.where(claims.c.prop.in_(wanted))
        found = [claim_from_row(r) for r in conn.execute(query.order_by(claims.c.recorded_at, claims.c.id))]
        for claim in red.claims(found):
            result[claim.entity_id][claim.prop].append(claim)
    return result


def entities_of(conn: Connection, model: Model, schema: str) -> list[str]:
    kinds = [s.name for s in model.schemas.values() if s.is_a(schema)]
    query = select(entities.c.id).where(entities.c.schema.in_(kinds)).order_by(entities.c.id)
    return [r[0] for r in conn.execute(query)]


def display_value(
    model: Model, schema: str, prop: str, value: str, names: dict[str, str], lang: str = "en"
) -> str:
    """A value as people read it: a vocabulary term's label (in ``lang``), an entity's caption."""
    p = model.schemas[schema].properties.get(prop)
    if p is None:
        return value
    vocab = p.vocabulary
    if vocab and value in vocab.terms:
        return vocab.terms[value].label_in(lang)
    if p.type.name == "entity":
        return names.get(value, value)
    return value


# -- one entity -------------------------------------------------------------------------------


def claim_json(claim: Claim) -> dict[str, Any]:
    return claim.to_dict()


def prop_label(model: Model, schema: str, prop: str, lang: str = "en") -> str:
    """A property's label in ``lang`` (its name if the model no longer has it)."""
    found = model.schemas[schema].properties.get(prop) if schema in model.schemas else None
    return found.label_in(lang) if found is not None else prop


def view_json(model: Model, view: EntityView, lang: str = "en") -> dict[str, Any]:
    """An entity view as JSON: current values with their claims and sources, conflicts, history.

    Labels and vocabulary terms are in ``lang`` (English, or Persian where the model has it)."""
    schema = model.schemas[view.schema]
    props: dict[str, Any] = {}
    for name in [p for p in schema.properties if p in view.properties]:
        pview = view.properties[name]
        props[name] = {
            "label": pview.prop.label_in(lang),
            "type": pview.prop.type.name,
            "conflict": pview.conflict,
            "values": [
                {
                    "value": v.value,
                    "display": display_value(model, view.schema, name, v.value, view.captions, lang),
                    "sources": [{"id": s, "caption": view.captions.get(s, "")} for s in v.sources],
                    "claims": [claim_json(c) for c in v.claims],
                }
                for v in pview.values
            ],
        }
    data: dict[str, Any] = {
        "id": view.id,
        "schema": view.schema,
        "caption": view.caption(model),
        "created_at": view.created_at.isoformat(),
        "created_by": view.created_by,
        "properties": props,
        "referenced_by": [
            {
                "id": e,
                "schema": s,
                "prop": p,
                "caption": view.captions.get(e, ""),
                "via": f"{model.schemas[s].label_in(lang)} · {prop_label(model, s, p, lang)}",
            }
            for e, s, p in view.referenced_by
        ],
        "withheld": view.notices,
    }
    if view.history is not None:
        data["history"] = [
            {
                "at": h.at.isoformat(),
                "action": h.action,
                "claim": claim_json(h.claim),
                "prop_label": prop_label(model, view.schema, h.claim.prop, lang),
                "display": display_value(
                    model, view.schema, h.claim.prop, h.claim.value, view.captions, lang
                ),
                "status": h.status.state,
                "by": h.status.by,
                "retraction": h.retraction.to_dict() if h.retraction else None,
            }
            for h in view.history
        ]
    return data


# -- lists ------------------------------------------------------------------------------------


def list_entities(
    conn: Connection,
    model: Model,
    red: Redaction,
    *,
    schema: str | None,
    source: str | None = None,
    page: int = 1,
    size: int = 50,
    lang: str = "en",
) -> dict[str, Any]:
    """A page of entities (newest first) with captions and featured values, as the reader may see them."""
    if not 1 <= size <= MAX_PAGE:
        raise InputError(f"size is 1–{MAX_PAGE}", field="size")
    if page < 1:
        raise InputError("page starts at 1", field="page")
    query = select(entities.c.id, entities.c.schema)
    count = select(func.count()).select_from(entities)
    if schema:
        kinds = [s.name for s in model.schemas.values() if s.is_a(model.schema(schema).name)]
        query = query.where(entities.c.schema.in_(kinds))
        count = count.where(entities.c.schema.in_(kinds))
    if source:
        cited = select(claims.c.entity_id).where(claims.c.source_id == source.upper()).distinct()
        query = query.where(entities.c.id.in_(cited))
        count = count.where(entities.c.id.in_(cited))
    total = conn.execute(count).scalar_one()
    withheld = red.withheld()
    hidden = [i for i, w in withheld.items() if not schema or model.schemas[w.schema].is_a(schema)]
    rows = conn.execute(
        query.order_by(entities.c.id.desc()).limit(size + len(hidden)).offset((page - 1) * size)
    ).all()
    rows = [r for r in rows if r.id not in withheld][:size]
    ids = [r.id for r in rows]
    featured = {p for r in rows for p in model.schemas[r.schema].featured}
    values = current_claims(conn, red, ids, featured)
    refs = {
        c.value
        for r in rows
        for p, cs in values[r.id].items()
        for c in cs
        if model.schemas[r.schema].properties[p].type.name == "entity"
    }
    names = captions(conn, model, set(ids) | refs, red.reader, redact=red)
    items = []
    for r in rows:
        shown: dict[str, list[str]] = {}
        for prop in model.schemas[r.schema].featured:
            found = values[r.id].get(prop, [])
            if found:
                shown[prop] = list(
                    dict.fromkeys(display_value(model, r.schema, prop, c.value, names, lang) for c in found)
                )
        items.append({"id": r.id, "schema": r.schema, "caption": names.get(r.id, r.schema), "values": shown})
    return {
        "items": items,
        "page": page,
        "size": size,
        "total": max(0, total - len(hidden)),
        "withheld": red.notices(),
    }


# -- the map, the timeline, the command graph -------------------------------------------------


def geo(conn: Connection, model: Model, red: Redaction, lang: str = "en") -> dict[str, Any]:
    """GeoJSON of places with coordinates, each with the events and violations that happened there."""
    places = entities_of(conn, model, "Place")
    values = current_claims(conn, red, places, ["name", "point", "kind"])
    events = entities_of(conn, model, "Event")
    event_values = current_claims(conn, red, events, ["title", "place", "startDate"])
    at_place: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for event_id, props in event_values.items():
        title = props.get("title", [])
        for claim in props.get("place", []):
            at_place[claim.value].append(
                {"id": event_id, "title": title[0].value if title else "", "date": _first(props, "startDate")}
            )
    features = []
    for place_id in places:
        props = values.get(place_id, {})
        points = props.get("point", [])
        if not points or red.entity(place_id) is not None:
            continue
        lat, lon = (float(x) for x in points[0].value.split(","))
        kind = _first(props, "kind")
        features.append(
            {
                "type": "Feature",
                "id": place_id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "name": _first(props, "name") or "",
                    "kind": display_value(model, "Place", "kind", kind, {}, lang) if kind else None,
                    "events": at_place.get(place_id, [])[:50],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features, "withheld": red.notices()}


def _first(props: dict[str, list[Claim]], prop: str) -> str | None:
    found = props.get(prop)
    return found[0].value if found else None


def timeline(conn: Connection, model: Model, red: Redaction) -> dict[str, Any]:
    """Dated events as items (start, end) for a timeline; uncertain dates become ranges."""
    events = entities_of(conn, model, "Event")
    values = current_claims(conn, red, events, ["title", "startDate", "endDate", "kind", "partOf"])
    items = []
    for event_id, props in values.items():
        start_raw, end_raw = _first(props, "startDate"), _first(props, "endDate")
        if not start_raw:
            continue
        start = parse_edtf(start_raw)
        end = parse_edtf(end_raw) if end_raw else None
        if start.lower is None:
            continue
        upper = end.upper if end is not None and end.upper else start.upper
        item = {
            "id": event_id,
            "content": _first(props, "title") or "",
            "start": start.lower.isoformat(),
            "date": start_raw + (f"/{end_raw}" if end_raw else ""),
            "kind": _first(props, "kind"),
            "group": _first(props, "partOf"),
        }
        if upper is not None and upper > start.lower:
            item["end"] = upper.isoformat()
        items.append(item)
    items.sort(key=lambda i: i["start"] or "")
    groups = {i["group"] for i in items if i["group"]}
    names = captions(conn, model, groups, red.reader, redact=red)
    return {
        "items": items,
        "groups": [{"id": g, "content": names.get(g, g)} for g in sorted(groups)],
        "withheld": red.notices(),
    }


def command_graph(conn: Connection, model: Model, red: Redaction) -> dict[str, Any]:
    """People, organizations and positions as a graph: who held which post in which body, and
    which body sits under which (the command structure)."""
    orgs = entities_of(conn, model, "Organization")
    positions = entities_of(conn, model, "Position")
    org_values = current_claims(conn, red, orgs, ["name", "parent", "kind"])
    pos_values = current_claims(
        conn, red, positions, ["person", "organization", "title", "startDate", "endDate"]
    )
    people = {c.value for props in pos_values.values() for c in props.get("person", [])}
    names = captions(conn, model, people | set(orgs), red.reader, redact=red)
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    for org_id in orgs:
        if red.entity(org_id) is not None:
            continue
        props = org_values.get(org_id, {})
        nodes[org_id] = {"id": org_id, "label": names.get(org_id, ""), "kind": "organization"}
        for parent in props.get("parent", []):
            edges.append(
                {"id": f"{org_id}>{parent.value}", "source": parent.value, "target": org_id, "kind": "parent"}
            )
    for pos_id, props in pos_values.items():
        person, org = _first(props, "person"), _first(props, "organization")
        if not person or not org:
            continue
        nodes.setdefault(person, {"id": person, "label": names.get(person, ""), "kind": "person"})
        when = "–".join(x for x in (_first(props, "startDate"), _first(props, "endDate")) if x)
        edges.append(
            {
                "id": pos_id,
                "source": org,
                "target": person,
                "kind": "position",
                "label": (_first(props, "title") or "") + (f" ({when})" if when else ""),
            }
        )
    edges = [e for e in edges if e["source"] in nodes and e["target"] in nodes]
    return {"nodes": list(nodes.values()), "edges": edges, "withheld": red.notices()}


def recent_claims(
    conn: Connection, model: Model, red: Redaction, limit: int = 12, lang: str = "en"
) -> list[dict[str, Any]]:
    """The latest claims the reader may see (for the dashboard's activity list)."""
    rows = conn.execute(
        select(claims, entities.c.schema.label("entity_schema"))
        .join(entities, entities.c.id == claims.c.entity_id)
        .order_by(claims.c.recorded_at.desc(), claims.c.id.desc())
        .limit(limit * 5)
    ).all()
    shown = []
    for row in rows:
        claim = red.claim(claim_from_row(row))
        if claim is not None:
            shown.append((row.entity_schema, claim))
        if len(shown) >= limit:
            break
    refs = {c.entity_id for _, c in shown} | {
        c.value for s, c in shown if model.schemas[s].properties[c.prop].type.name == "entity"
    }
    names = captions(conn, model, refs, red.reader, redact=red)
    return [
        {
            "entity": c.entity_id,
            "schema": s,
            "caption": names.get(c.entity_id, s),
            "prop": model.schemas[s].properties[c.prop].label_in(lang),
            "value": display_value(model, s, c.prop, c.value, names, lang),
            "author": c.author,
            "at": c.recorded_at.isoformat(timespec="seconds"),
        }
        for s, c in shown
    ]
