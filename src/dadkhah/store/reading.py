"""Reading claims back, and the entity view: current values, conflicts beside them, history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, and_, exists, not_, select

from dadkhah.access import Reader
from dadkhah.access import redaction as _redaction  # a module reference: access imports the store too
from dadkhah.errors import AccessDenied, NotFound
from dadkhah.model import Model, Property, Sensitivity, parse_edtf
from dadkhah.store.records import Claim, Locator, Retraction, Status, resolve
from dadkhah.store.tables import claims, entities, retractions
from dadkhah.store.writer import Protector


def _claim(row: Row[Any]) -> Claim:
    return Claim(
        id=row.id,
        entity_id=row.entity_id,
        prop=row.prop,
        value=row.value,
        source_id=row.source_id,
        author=row.author,
        recorded_at=row.recorded_at,
        sensitivity=Sensitivity(row.sensitivity),
        original=row.original,
        locator=Locator.from_json(row.locator),
        evidence_id=row.evidence_id,
        supersedes=row.supersedes,
        reason=row.reason,
    )


#: a Claim from a row of ``claims`` (for services that query claims themselves)
claim_from_row = _claim


def is_current() -> ColumnElement[bool]:
    """SQL condition on ``claims``: the claim is neither retracted nor superseded by a standing claim.

    The same rule as :func:`dadkhah.store.records.resolve`, for queries over many entities.
    """
    successor = claims.alias("successor")
    return and_(
        not_(exists().where(retractions.c.claim_id == claims.c.id)),
        not_(
            exists().where(
                successor.c.supersedes == claims.c.id,
                not_(exists().where(retractions.c.claim_id == successor.c.id)),
            )
        ),
    )


def load_claim(conn: Connection, claim_id: str) -> Claim:
    row = conn.execute(select(claims).where(claims.c.id == claim_id.strip().upper())).first()
    if row is None:
        raise NotFound(f"no claim {claim_id[:40]}")
    return _claim(row)


def entity_claims(
    conn: Connection, entity_id: str, prop: str | None = None
) -> tuple[list[Claim], dict[str, str]]:
    """All claims of an entity (optionally of one property) and the map retracted claim → retraction."""
    query = select(claims).where(claims.c.entity_id == entity_id).order_by(claims.c.recorded_at, claims.c.id)
    if prop is not None:
        query = query.where(claims.c.prop == prop)
    found = [_claim(row) for row in conn.execute(query)]
    return found, _retracted(conn, [c.id for c in found])


def _retracted(conn: Connection, claim_ids: Sequence[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        query = select(retractions.c.claim_id, retractions.c.id).where(retractions.c.claim_id.in_(chunk))
        result.update({row.claim_id: row.id for row in conn.execute(query)})
    return result


def load_retractions(conn: Connection, claim_ids: Sequence[str]) -> list[Retraction]:
    query = select(retractions).where(retractions.c.claim_id.in_(list(claim_ids)))
    return [Retraction(r.id, r.claim_id, r.author, r.reason, r.recorded_at) for r in conn.execute(query)]


def redaction(conn: Connection, reader: Reader, protector: Protector | None = None) -> _redaction.Redaction:
    """The redaction every read goes through (see ``dadkhah.access.redaction``)."""
    return _redaction.Redaction(conn, reader, protector)


@dataclass
class ValueView:
    """One value of a property with every current claim that asserts it."""

    value: str
    claims: list[Claim]

    @property
    def sources(self) -> list[str]:
        return sorted({c.source_id or c.evidence_id or "" for c in self.claims} - {""})


@dataclass
class PropertyView:
    prop: Property
    values: list[ValueView]  # preferred first
    conflict: bool  # a single-valued property with incompatible current values

    @property
    def current(self) -> ValueView:
        return self.values[0]


@dataclass
class HistoryEntry:
    at: datetime
    action: str  # "asserted", "superseded", "retracted"
    claim: Claim
    status: Status
    retraction: Retraction | None = None


@dataclass
class EntityView:
    id: str
    schema: str
    created_at: datetime
    created_by: str
    properties: dict[str, PropertyView]
    captions: dict[str, str] = field(default_factory=dict)  # caption of every entity referred to
    history: list[HistoryEntry] | None = None
    referenced_by: list[tuple[str, str, str]] = field(default_factory=list)  # (entity, schema, prop)
    notices: list[str] = field(default_factory=list)  # what was withheld, and why (never what it was)

    def caption(self, model: Model) -> str:
        return caption_from(model, self.schema, self.properties)


def caption_from(model: Model, schema: str, props: dict[str, PropertyView]) -> str:
    for name in model.schemas[schema].caption:
        view = props.get(name)
        if view is not None:
            value = view.current.value
            vocab = view.prop.vocabulary
            return vocab.terms[value].label if vocab and value in vocab.terms else value
    return schema


def entity_view(
    conn: Connection,
    model: Model,
    entity_id: str,
    reader: Reader,
    *,
    protector: Protector | None = None,
    history: bool = False,
    redact: _redaction.Redaction | None = None,
) -> EntityView:
    """The entity as ``reader`` may see it: current values, conflicts, sources, and optionally history."""
    red = redact or redaction(conn, reader, protector)
    entity_id = entity_id.strip().upper()
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
    if row is None:
        raise NotFound(f"no entity {entity_id[:40]}")
    withheld = red.entity(entity_id)
    if withheld is not None:
        raise AccessDenied(f"{row.schema} {entity_id} is withheld from {red.reader.name}: {withheld}")
    schema = model.schemas[row.schema]
    all_claims, retracted = entity_claims(conn, entity_id)
    statuses = resolve(all_claims, retracted)
    visible = red.claims(all_claims)
    current: dict[str, list[Claim]] = defaultdict(list)
    for claim in visible:
        if statuses[claim.id].state == "current":
            current[claim.prop].append(claim)
    props = {name: _property_view(schema.properties[name], found) for name, found in current.items()}
    view = EntityView(row.id, row.schema, row.created_at, row.created_by, props)
    view.referenced_by = _referrers(conn, entity_id, red)
    refs = {c.value for c in visible if schema.properties[c.prop].type.name == "entity"}
    refs |= {c.source_id for c in visible if c.source_id} | {c.evidence_id for c in visible if c.evidence_id}
    refs |= {r[0] for r in view.referenced_by}
    view.captions = captions(conn, model, refs, red.reader, redact=red)
    if history:
        rets = {r.claim_id: r for r in load_retractions(conn, list(retracted))}
        view.history = _history(visible, statuses, rets)
    view.notices = red.notices()
    return view


def _property_view(prop: Property, found: list[Claim]) -> PropertyView:
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in found:
        grouped[claim.value].append(claim)
    values = [ValueView(value, cs) for value, cs in grouped.items()]
    # Prefer the value with the most independent sources, then the most precise, then the latest.
    values.sort(
        key=lambda v: (len(v.sources), _precision(prop, v.value), max(c.recorded_at for c in v.claims)),
        reverse=True,
    )
    return PropertyView(prop, values, conflict=not prop.multiple and not _compatible(prop, values))


def _precision(prop: Property, value: str) -> int:
    if prop.type.name != "date":
        return 0
    parsed = parse_edtf(value)
    if parsed.lower is None or parsed.upper is None:
        return -100_000
    return -(parsed.upper - parsed.lower).days


def _compatible(prop: Property, values: list[ValueView]) -> bool:
    if len(values) <= 1:
        return True
    if prop.type.name == "date":
        parsed = [parse_edtf(v.value) for v in values]
        return all(a.overlaps(b) for i, a in enumerate(parsed) for b in parsed[i + 1 :])
    return False


def _history(
    visible: list[Claim], statuses: dict[str, Status], rets: dict[str, Retraction]
) -> list[HistoryEntry]:
    entries = [
        HistoryEntry(c.recorded_at, "superseded" if c.supersedes else "asserted", c, statuses[c.id])
        for c in visible
    ]
    entries += [
        HistoryEntry(r.recorded_at, "retracted", c, statuses[c.id], r)
        for c in visible
        if (r := rets.get(c.id)) is not None
    ]
    return sorted(entries, key=lambda e: (e.at, e.claim.id, e.action == "retracted"))


def _referrers(conn: Connection, entity_id: str, red: _redaction.Redaction) -> list[tuple[str, str, str]]:
    query = (
        select(claims, entities.c.schema.label("entity_schema"))
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(claims.c.ref == entity_id)
        .order_by(entities.c.schema, claims.c.entity_id)
        .limit(1000)
    )
    rows = [(r, _claim(r)) for r in conn.execute(query)]
    rows = [(r, c) for r, c in rows if red.claim(c) is not None]
    retracted = _retracted(conn, [c.id for _, c in rows])
    seen: dict[tuple[str, str, str], None] = {}
    for r, c in rows:
        if c.id not in retracted:
            seen[(c.entity_id, r.entity_schema, c.prop)] = None
    return list(seen)


def captions(
    conn: Connection,
    model: Model,
    entity_ids: Iterable[str],
    reader: Reader,
    *,
    redact: _redaction.Redaction | None = None,
) -> dict[str, str]:
    """A short display name for each entity, from its caption properties, as ``reader`` may see them.

    Captions never show protected values (a witness is captioned by their pseudonym code), and a
    withheld entity is captioned only by its type.
    """
    red = redact or redaction(conn, reader)
    ids = sorted(set(entity_ids))
    result: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        schemas = {
            r.id: r.schema
            for r in conn.execute(select(entities.c.id, entities.c.schema).where(entities.c.id.in_(chunk)))
        }
        wanted = {p for s in set(schemas.values()) for p in model.schemas[s].caption}
        query = select(claims).where(
            claims.c.entity_id.in_(chunk),
            claims.c.prop.in_(wanted),
            claims.c.sensitivity < int(Sensitivity.PROTECTED),
        )
        found = [_claim(r) for r in conn.execute(query)]
        statuses = resolve(found, _retracted(conn, [c.id for c in found]))
        by_entity: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        for claim in red.claims(found):
            if statuses[claim.id].state == "current":
                by_entity[claim.entity_id][claim.prop].append(claim)
        for entity_id, schema in schemas.items():
            if red.entity(entity_id) is not None:
                result[entity_id] = model.schemas[schema].label
                continue
            props = {
                name: _property_view(model.schemas[schema].properties[name], cs)
                for name, cs in by_entity.get(entity_id, {}).items()
            }
            result[entity_id] = caption_from(model, schema, props)
    return result
