"""What one reader may see of a whole case, read in one pass: the input of every export.

Every export and the case file read the case through :func:`read_snapshot`, which asks the one
redaction (``dadkhah.access.redaction``) about every claim and entity, so that an export can never
show what the reader may not see. The snapshot keeps, per entity, the visible claims (current
ones, or the whole visible history when asked), and — when asked to ``explain`` — a record of
every claim and entity the redaction held back and why, for the redaction log (never the values).

Reading claim by claim through ``entity_view`` would cost several queries per entity; a snapshot
reads the claims and retractions tables once, in order, and decides each claim in memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dadkhah.access import Reader
from dadkhah.model import Model, Sensitivity, parse_edtf
from dadkhah.store import Claim, Retraction, Status, resolve
from dadkhah.store.reading import claim_from_row
from dadkhah.store.tables import claims, entities, retractions

if TYPE_CHECKING:
    from dadkhah.access.redaction import Redaction
    from dadkhah.case import Case

#: reasons recorded in the redaction log (the consent reasons come from the redaction itself)
ABOVE_CLEARANCE = "above the reader's clearance"
NOT_DECRYPTED = "protected value not shown to this reader"


@dataclass(frozen=True)
class Hidden:
    """Something the redaction held back: a claim or an entity, and why (never its value)."""

    kind: str  # claim | entity
    target: str  # the claim's or the entity's id
    entity: str
    reason: str


@dataclass
class EntityRecord:
    """One entity as the reader may see it."""

    id: str
    schema: str
    created_at: datetime
    created_by: str
    #: visible claims, oldest first: current ones, or every visible claim when read with history
    claims: list[Claim] = field(default_factory=list)
    #: the status of each claim in ``claims`` (current, superseded, retracted)
    statuses: dict[str, Status] = field(default_factory=dict)

    def current(self, prop: str | None = None) -> list[Claim]:
        return [
            c
            for c in self.claims
            if self.statuses[c.id].state == "current" and (prop is None or c.prop == prop)
        ]

    def values(self, prop: str) -> list[str]:
        """The current values of ``prop``, preferred first (most sources, most precise, latest)."""
        grouped: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.current(prop):
            grouped[claim.value].append(claim)
        return sorted(grouped, key=lambda v: _preference(grouped[v]), reverse=True)

    def first(self, prop: str) -> str | None:
        found = self.values(prop)
        return found[0] if found else None

    def sources(self) -> list[str]:
        """Every Source or evidence item the current visible claims rest on."""
        found = {c.source_id or c.evidence_id for c in self.current()}
        return sorted(s for s in found if s)


def _preference(group: list[Claim]) -> tuple[int, int, datetime]:
    sources = len({c.source_id or c.evidence_id for c in group})
    return sources, _precision(group[0].value, group[0].prop), max(c.recorded_at for c in group)


def _precision(value: str, prop: str) -> int:
    if not prop.lower().endswith("date") and prop != "date":
        return 0
    try:
        parsed = parse_edtf(value)
    except Exception:  # noqa: BLE001 (not a date after all: no precision to prefer)
        return 0
    if parsed.lower is None or parsed.upper is None:
        return -100_000
    return -(parsed.upper - parsed.lower).days


@dataclass
class Snapshot:
    """The case as one reader sees it."""

    reader: Reader
    model: Model
    entities: dict[str, EntityRecord]
    retractions: dict[str, Retraction]  # retracted claim id -> its retraction (visible claims only)
    withheld: dict[str, str]  # entity id -> why it is withheld (consent)
    hidden: list[Hidden]
    notices: list[str]
    _referrers: dict[tuple[str, str], list[str]] | None = None

    def __iter__(self) -> Iterator[EntityRecord]:
        return iter(self.entities.values())

    def get(self, entity_id: str | None) -> EntityRecord | None:
        return self.entities.get(entity_id) if entity_id else None

    def of_schema(self, *names: str) -> list[EntityRecord]:
        """Entities of these types (or types extending them), by id."""
        schemas = {s.name for s in self.model.schemas.values() if any(s.is_a(n) for n in names)}
        return [e for e in self.entities.values() if e.schema in schemas]

    def referrers(self, entity_id: str, prop: str) -> list[EntityRecord]:
        """Entities whose current visible ``prop`` points at ``entity_id``."""
        if self._referrers is None:
            index: dict[tuple[str, str], list[str]] = defaultdict(list)
            for record in self.entities.values():
                schema = self.model.schemas[record.schema]
                for claim in record.current():
                    if schema.properties[claim.prop].type.name == "entity":
                        index[(claim.value, claim.prop)].append(record.id)
            self._referrers = {k: sorted(set(v)) for k, v in index.items()}
        return [self.entities[i] for i in self._referrers.get((entity_id, prop), [])]

    def caption(self, entity_id: str | None, *, default: str = "") -> str:
        """A display name from the caption properties the reader may see (never a protected value)."""
        record = self.get(entity_id)
        if record is None:
            return default
        schema = self.model.schemas[record.schema]
        for prop in schema.caption:
            values = [
                v
                for v in record.values(prop)
                if all(c.sensitivity < Sensitivity.PROTECTED for c in record.current(prop) if c.value == v)
            ]
            if values:
                vocab = schema.properties[prop].vocabulary
                value = values[0]
                return vocab.terms[value].label if vocab and value in vocab.terms else value
        return default or schema.label

    def label(self, schema: str, prop: str, value: str) -> str:
        """A vocabulary code as its label (``enforced_disappearance`` → ``Enforced disappearance``)."""
        vocab = self.model.schemas[schema].properties[prop].vocabulary
        return vocab.terms[value].label if vocab and value in vocab.terms else value


def read_snapshot(
    case: Case, reader: Reader | None = None, *, history: bool = False, explain: bool = False
) -> Snapshot:
    """Read everything ``reader`` may see; ``history`` keeps superseded and retracted claims too;
    ``explain`` records what was held back and why, for a redaction log."""
    with case.redacted(reader) as (conn, red):
        schemas = {r.id: (r.schema, r.created_at, r.created_by) for r in conn.execute(select(entities))}
        retracted: dict[str, Retraction] = {
            r.claim_id: Retraction(r.id, r.claim_id, r.author, r.reason, r.recorded_at)
            for r in conn.execute(select(retractions))
        }
        withheld = {eid: w.reason for eid, w in red.withheld().items()} if explain else {}
        records: dict[str, EntityRecord] = {}
        hidden: list[Hidden] = []
        query = select(claims).order_by(claims.c.entity_id, claims.c.recorded_at, claims.c.id)
        for entity_id, group in _by_entity(claim_from_row(row) for row in conn.execute(query)):
            reason = red.entity(entity_id)
            schema, created_at, created_by = schemas[entity_id]
            if reason is not None:
                if explain:
                    hidden.append(Hidden("entity", entity_id, entity_id, f"{schema}: {reason}"))
                continue
            statuses = resolve(group, {k: v.id for k, v in retracted.items()})
            record = EntityRecord(entity_id, schema, created_at, created_by)
            for claim in group:
                shown = red.claim(claim)
                if shown is None:
                    if explain and (history or statuses[claim.id].state == "current"):
                        hidden.append(Hidden("claim", claim.id, entity_id, _why(red, claim, withheld)))
                    continue
                if history or statuses[claim.id].state == "current":
                    record.claims.append(shown)
                    record.statuses[claim.id] = statuses[claim.id]
            records[entity_id] = record
        # Entities with no claims at all still exist (a witness registered a moment ago, say).
        for entity_id, (schema, created_at, created_by) in schemas.items():
            if entity_id not in records and red.entity(entity_id) is None:
                records[entity_id] = EntityRecord(entity_id, schema, created_at, created_by)
        visible = {c.id for r in records.values() for c in r.claims}
        shown_retractions = {k: v for k, v in retracted.items() if k in visible}
        notices = red.notices()
    return Snapshot(
        red.reader, case.model, dict(sorted(records.items())), shown_retractions, withheld, hidden, notices
    )


def _by_entity(found: Iterable[Claim]) -> Iterator[tuple[str, list[Claim]]]:
    current: str | None = None
    group: list[Claim] = []
    for claim in found:
        if claim.entity_id != current:
            if current is not None:
                yield current, group
            current, group = claim.entity_id, []
        group.append(claim)
    if current is not None:
        yield current, group


def _why(red: Redaction, claim: Claim, withheld: dict[str, str]) -> str:
    """Why the redaction refused a claim, reconstructed for the log (the decision stays the redaction's)."""
    if not red.reader.sees(claim.sensitivity):
        return f"{ABOVE_CLEARANCE} ({claim.sensitivity.label})"
    for ref in (claim.source_id, claim.evidence_id, claim.value):
        if ref and ref in withheld:
            return f"rests on withheld material: {withheld[ref]}"
    segment = claim.locator.segment if claim.locator else None
    if segment and segment[:26] in withheld:
        return f"cites a withheld testimony: {withheld[segment[:26]]}"
    return NOT_DECRYPTED


def edtf_bounds(value: str | None) -> tuple[date | None, date | None]:
    """The first and last day an EDTF value may denote (``None`` when unknown or not a date)."""
    if not value:
        return None, None
    try:
        parsed = parse_edtf(value)
    except Exception:  # noqa: BLE001 (a value that is not a date has no bounds)
        return None, None
    return parsed.lower, parsed.upper


def sort_key_date(value: str | None) -> tuple[int, str]:
    """Sort key for EDTF values: known dates in order, unknown last."""
    low, _ = edtf_bounds(value)
    return (0, low.isoformat()) if low else (1, "")


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


__all__ = [
    "ABOVE_CLEARANCE",
    "NOT_DECRYPTED",
    "EntityRecord",
    "Hidden",
    "Snapshot",
    "edtf_bounds",
    "read_snapshot",
    "sort_key_date",
]
