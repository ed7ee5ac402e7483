"""Reading testimony back, always through a :class:`~dadkhah.access.redaction.Redaction`.

- :func:`view_testimony` — a testimony with its segments, their translations, and the claims that
  cite each segment;
- :func:`export_testimony` / :func:`export_text` — the same, prepared for a named reader (a
  recipient profile), as JSON or plain text;
- :func:`witness_rows` / :func:`witness_view` — the registry as the reader may see it.

Every value shown passes the redaction; what it withholds is reported in ``withheld`` as notices.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from dadkhah.access import consent
from dadkhah.access.redaction import Redaction, segment_testimony
from dadkhah.errors import AccessDenied, InputError, NotFound
from dadkhah.model import Model, Sensitivity
from dadkhah.store import Claim, EntityView, captions, is_current
from dadkhah.store.reading import claim_from_row, entity_view
from dadkhah.store.tables import claims, entities
from dadkhah.testimony.tables import segments
from dadkhah.testimony.witnesses import codes_by_person, list_witnesses, resolve_witness


def _values(view: EntityView, prop: str) -> list[str]:
    found = view.properties.get(prop)
    return [v.value for v in found.values] if found else []


def _first(view: EntityView, prop: str) -> str | None:
    values = _values(view, prop)
    return values[0] if values else None


def view_testimony(conn: Connection, model: Model, red: Redaction, testimony_id: str) -> dict[str, Any]:
    """A testimony as the reader may see it (AccessDenied if it is withheld from them)."""
    tid = testimony_id.strip().upper()
    schema = conn.execute(select(entities.c.schema).where(entities.c.id == tid)).scalar()
    if schema != "Testimony":
        raise NotFound(f"no testimony {testimony_id[:40]}")
    view = entity_view(conn, model, tid, red.reader, redact=red)
    codes = codes_by_person(conn)
    witness = _first(view, "witness")
    files = {
        prop: _file(conn, model, red, item)
        for prop in ("recording", "transcript")
        if (item := _first(view, prop)) is not None
    }
    later = [e for e, _, p in view.referenced_by if p == "priorStatement"]
    statements = _values(view, "priorStatement") + later
    titles = captions(conn, model, statements, red.reader, redact=red)
    data: dict[str, Any] = {
        "id": tid,
        "title": _first(view, "title"),
        "witness": {"id": witness, "code": codes.get(witness or "")} if witness else None,
        "date": _first(view, "date"),
        "place": _ref(view, _first(view, "place")),
        "language": _values(view, "language"),
        "interviewers": _values(view, "interviewer"),
        "interpreter": _first(view, "interpreter"),
        **{prop: files.get(prop) for prop in ("recording", "transcript")},
        "prior_statements": [{"id": t, "title": titles.get(t)} for t in _values(view, "priorStatement")],
        "later_statements": [{"id": t, "title": titles.get(t)} for t in later],
    }
    data["segments"], data["segments_hidden"] = _segments(conn, model, red, tid)
    data["withheld"] = red.notices()
    return data


def _ref(view: EntityView, entity_id: str | None) -> dict[str, Any] | None:
    return {"id": entity_id, "caption": view.captions.get(entity_id, "")} if entity_id else None


def _file(conn: Connection, model: Model, red: Redaction, item: str) -> dict[str, Any] | None:
    if red.file(item) is not None:
        return None
    view = entity_view(conn, model, item, red.reader, redact=red)
    return {
        "id": item,
        "title": _first(view, "title"),
        "media_type": _first(view, "mediaType"),
        "sha256": _first(view, "sha256"),
        "size": _first(view, "size"),
    }


def _segments(conn: Connection, model: Model, red: Redaction, tid: str) -> tuple[list[dict[str, Any]], int]:
    rows = conn.execute(
        select(segments).where(segments.c.testimony_id == tid).order_by(segments.c.seq, segments.c.id)
    ).all()
    citing = _citing_claims(conn, model, red, tid)
    originals: dict[str, dict[str, Any]] = {}
    hidden = 0
    for row in rows:
        shown = red.segment(row.id, Sensitivity(row.sensitivity), row.text)
        if shown is None:
            hidden += 1
            continue
        entry = {
            "id": row.id,
            "seq": row.seq,
            "language": row.language,
            "start": row.start,
            "end": row.end,
            "sensitivity": Sensitivity(row.sensitivity).label,
            "text": shown,
        }
        if row.translation_of is None:
            originals[row.id] = entry | {"translations": [], "claims": citing.get(row.id, [])}
        elif row.translation_of in originals:
            originals[row.translation_of]["translations"].append(
                entry | {"translator": row.translator, "claims": citing.get(row.id, [])}
            )
    return list(originals.values()), hidden


def _citing_claims(
    conn: Connection, model: Model, red: Redaction, tid: str
) -> dict[str, list[dict[str, Any]]]:
    """Current claims whose locator is a segment of this testimony, by segment, as the reader may see."""
    query = (
        select(claims, entities.c.schema.label("entity_schema"))
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(claims.c.locator.contains(f'"segment":"{tid}.'), is_current())
        .order_by(claims.c.recorded_at, claims.c.id)
    )
    rows = [(r.entity_schema, claim_from_row(r)) for r in conn.execute(query)]
    shown = [(schema, seen) for schema, c in rows if (seen := red.claim(c)) is not None]
    refs = {c.entity_id for _, c in shown}
    refs |= {c.value for schema, c in shown if model.schemas[schema].properties[c.prop].type.name == "entity"}
    names = captions(conn, model, refs, red.reader, redact=red)
    result: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for schema, c in shown:
        segment = c.locator.segment if c.locator else None
        if not segment or segment_testimony(segment) != tid:
            continue
        prop = model.schemas[schema].properties[c.prop]
        value = names.get(c.value, c.value) if prop.type.name == "entity" else c.value
        if prop.vocabulary and c.value in prop.vocabulary.terms:
            value = prop.vocabulary.terms[c.value].label
        result[segment].append(
            {
                "claim": c.id,
                "entity": c.entity_id,
                "caption": names.get(c.entity_id, schema),
                "type": schema,
                "prop": c.prop,
                "value": value,
                "stored": c.value,  # what is compared: an id, not a caption two people may share
            }
        )
    return dict(result)


def compare_statements(
    conn: Connection, model: Model, red: Redaction, later_id: str, prior_id: str
) -> dict[str, Any]:
    """Two statements of one witness, fact by fact: each fact (entity and property) either
    statement was cited for, with what each says and the segments saying it, marked ``agree``,
    ``differ`` or ``one`` (stated in only one, of the segments the reader may see: hidden ones are
    counted in ``segments_hidden``). Differences first: they are what a lawyer on either side will
    ask about. Both statements are read as the reader may see them."""
    later = view_testimony(conn, model, red, later_id)
    prior = view_testimony(conn, model, red, prior_id)
    if later["id"] == prior["id"]:
        raise InputError("a statement is compared with another statement, not with itself")
    if not later.get("witness") or not prior.get("witness"):
        raise AccessDenied("the witness of a statement is withheld from you")
    if later["witness"] != prior["witness"]:
        raise InputError("statements are compared only between statements of the same witness")

    def facts(data: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
        found: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for seg in data["segments"]:
            for version in [seg, *seg["translations"]]:
                for c in version["claims"]:
                    found[(c["entity"], c["prop"])].append(
                        c | {"segment": version["id"], "text": seg["text"]}
                    )
        return found

    mine, theirs = facts(later), facts(prior)
    rows = []
    for key in sorted(mine.keys() | theirs.keys()):
        said_now = sorted({str(c["value"]) for c in mine.get(key, [])})
        said_then = sorted({str(c["value"]) for c in theirs.get(key, [])})
        stored_now = {c["stored"] for c in mine.get(key, [])}
        stored_then = {c["stored"] for c in theirs.get(key, [])}
        if not stored_now or not stored_then:
            status = "one"
        else:
            status = "agree" if stored_now == stored_then else "differ"
        any_claim = (mine.get(key) or theirs[key])[0]
        rows.append(
            {
                "entity": key[0],
                "caption": any_claim["caption"],
                "prop": key[1],
                "status": status,
                "later": {"values": said_now, "segments": sorted({c["segment"] for c in mine.get(key, [])})},
                "prior": {
                    "values": said_then,
                    "segments": sorted({c["segment"] for c in theirs.get(key, [])}),
                },
            }
        )
    order = {"differ": 0, "one": 1, "agree": 2}
    rows.sort(key=lambda r: (order[r["status"]], r["caption"], r["prop"]))
    return {
        "later": {"id": later["id"], "title": later["title"], "date": later["date"]},
        "prior": {"id": prior["id"], "title": prior["title"], "date": prior["date"]},
        "witness": later["witness"],
        "linked": prior["id"] in {p["id"] for p in later["prior_statements"] + later["later_statements"]},
        "segments_hidden": {"later": later["segments_hidden"], "prior": prior["segments_hidden"]},
        "facts": rows,
        "counts": {s: sum(1 for r in rows if r["status"] == s) for s in ("differ", "one", "agree")},
        "withheld": red.notices(),
    }


def list_testimonies(
    conn: Connection, model: Model, red: Redaction, witness: str | None = None
) -> list[dict[str, Any]]:
    """Testimonies the reader may see (optionally of one witness), oldest first."""
    query = select(entities.c.id).where(entities.c.schema == "Testimony").order_by(entities.c.id)
    ids = [r[0] for r in conn.execute(query)]
    if witness is not None:
        person = resolve_witness(conn, witness).person_id
        ids = [
            r[0]
            for r in conn.execute(
                select(claims.c.entity_id)
                .where(claims.c.prop == "witness", claims.c.ref == person)
                .distinct()
            )
        ]
    codes = codes_by_person(conn)
    rows = []
    for tid in sorted(ids):
        if red.entity(tid) is not None:
            continue
        view = entity_view(conn, model, tid, red.reader, redact=red)
        witness_id = _first(view, "witness")
        count = conn.execute(
            select(segments.c.id).where(segments.c.testimony_id == tid, segments.c.translation_of.is_(None))
        ).all()
        rows.append(
            {
                "id": tid,
                "title": _first(view, "title"),
                "witness": codes.get(witness_id or "") if witness_id else None,
                "date": _first(view, "date"),
                "language": _values(view, "language"),
                "segments": len(count),
            }
        )
    return rows


# -- exports ----------------------------------------------------------------------------------


def export_testimony(conn: Connection, model: Model, red: Redaction, testimony_id: str) -> dict[str, Any]:
    """A testimony prepared for the reader (typically a recipient profile), with who it is for."""
    body = view_testimony(conn, model, red, testimony_id)
    return {
        "prepared_for": red.reader.name,
        "purpose": red.reader.purpose,
        "clearance": red.reader.clearance.label,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "testimony": body,
        "withheld": body.pop("withheld"),
    }


def export_text(data: dict[str, Any]) -> str:
    """The plain-text form of :func:`export_testimony`."""
    t = data["testimony"]
    lines = [
        t["title"] or t["id"],
        f"Prepared for: {data['prepared_for']} (purpose: {data['purpose']}), {data['generated_at']}",
        f"Testimony {t['id']}" + (f" · witness {t['witness']['code']}" if t.get("witness") else ""),
    ]
    for label, key in (("Date", "date"), ("Interpreter", "interpreter")):
        if t.get(key):
            lines.append(f"{label}: {t[key]}")
    if t.get("interviewers"):
        lines.append(f"Interviewers: {', '.join(t['interviewers'])}")
    for key in ("recording", "transcript"):
        if t.get(key):
            lines.append(f"{key.capitalize()}: {t[key]['title']} sha256:{t[key]['sha256']}")
    lines.append("")
    for seg in t["segments"]:
        when = f" [{seg['start']}–{seg['end']}]" if seg.get("start") else ""
        lines.append(f"§{seg['seq']}{when} ({seg['language']}) {seg['text']}")
        for tr in seg["translations"]:
            lines.append(f"    ({tr['language']}) {tr['text']}")
        for c in seg["claims"]:
            lines.append(f"    → {c['caption']}: {c['prop']} = {c['value']}")
        lines.append("")
    for notice in data["withheld"]:
        lines.append(f"Note: {notice}")
    return "\n".join(lines).rstrip() + "\n"


# -- the registry -----------------------------------------------------------------------------


def _testimonies_by_witness(conn: Connection) -> dict[str, list[str]]:
    query = (
        select(claims.c.ref, claims.c.entity_id)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(entities.c.schema == "Testimony", claims.c.prop == "witness", is_current())
        .order_by(claims.c.entity_id)
    )
    result: dict[str, list[str]] = defaultdict(list)
    for row in conn.execute(query):
        if row.ref:
            result[row.ref].append(row.entity_id)
    return dict(result)


def _sees_consent(red: Redaction) -> bool:
    return not red.reader.is_recipient and red.reader.clearance >= Sensitivity.CONFIDENTIAL


def witness_rows(conn: Connection, model: Model, red: Redaction) -> list[dict[str, Any]]:
    """The registry as the reader may see it: codes, risk, measures, testimonies, consent.

    A recipient sees only the witnesses whose testimony they may read, and no consent details.
    Real names are never listed here; :func:`witness_view` shows them to those cleared.
    """
    by_witness = _testimonies_by_witness(conn)
    events = consent.all_events(conn) if _sees_consent(red) else {}
    rows = []
    for record in list_witnesses(conn):
        visible = [t for t in by_witness.get(record.person_id, []) if red.entity(t) is None]
        if red.reader.is_recipient and not visible:
            continue
        shown = red.claims(_current(conn, record.person_id, ("riskLevel", "protectiveMeasure")))
        row: dict[str, Any] = {
            "code": record.code,
            "person": record.person_id,
            "risk": next((c.value for c in shown if c.prop == "riskLevel"), None),
            "measures": [c.value for c in shown if c.prop == "protectiveMeasure"],
            "testimonies": len(visible),
        }
        if _sees_consent(red):
            row["consent"] = consent.fold(
                consent.concerning(events.get(record.person_id, []), None)
            ).to_dict()
        rows.append(row)
    return rows


def witness_view(conn: Connection, model: Model, red: Redaction, ref: str) -> dict[str, Any]:
    """One witness as the reader may see them: identity only if cleared, consent for the team."""
    record = resolve_witness(conn, ref)
    visible = [t for t in _testimonies_by_witness(conn).get(record.person_id, []) if red.entity(t) is None]
    if red.reader.is_recipient and not visible:
        raise NotFound(f"no witness '{ref[:40]}'")
    view = entity_view(conn, model, record.person_id, red.reader, redact=red)
    titles = captions(conn, model, visible, red.reader, redact=red)
    details = {
        name: [v.value for v in pview.values]
        for name, pview in view.properties.items()
        if name not in ("code",)
    }
    data: dict[str, Any] = {
        "code": record.code,
        "person": record.person_id,
        "registered_at": record.registered_at.isoformat(),
        "details": details,
        "testimonies": [{"id": t, "title": titles.get(t)} for t in visible],
    }
    if _sees_consent(red):
        history = consent.history(conn, record.person_id)
        scopes = sorted({e.testimony_id for e in history if e.testimony_id})
        data["consent"] = {
            "all_testimonies": consent.fold(consent.concerning(history, None)).to_dict(),
            "by_testimony": {t: consent.fold(consent.concerning(history, t)).to_dict() for t in scopes},
            "history": [e.to_dict() for e in history],
        }
    data["withheld"] = red.notices()
    return data


def consent_history(conn: Connection, red: Redaction, ref: str) -> list[dict[str, Any]]:
    """A witness's consent history (team readers with confidential clearance only)."""
    if not _sees_consent(red):
        raise AccessDenied("consent records are confidential to the case team")
    return [e.to_dict() for e in consent.history(conn, resolve_witness(conn, ref).person_id)]


def _current(conn: Connection, entity_id: str, props: tuple[str, ...]) -> list[Claim]:
    query = (
        select(claims)
        .where(claims.c.entity_id == entity_id, claims.c.prop.in_(props), is_current())
        .order_by(claims.c.recorded_at.desc(), claims.c.id)
    )
    return [claim_from_row(r) for r in conn.execute(query)]
