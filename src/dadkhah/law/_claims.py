"""Reading the case for legal analysis: current claims as one reader may see them, in bulk.

The matrix and the forum facts read many small entities (involvements, positions, violations) by
reference rather than one at a time, so this wraps the store's claim table in a few bulk lookups.
Every claim and entity passes through the read's :class:`~dadkhah.access.redaction.Redaction` (the
one place that decides what a reader may see: clearance, witnesses' consent, the case key), so
nothing the reader may not see reaches an output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, select

from dadkhah.access import Reader
from dadkhah.access.redaction import Redaction
from dadkhah.model import Model, Sensitivity, parse_edtf
from dadkhah.store import Claim, Locator, captions, entity_claims, load_claim, resolve
from dadkhah.store.reading import is_current
from dadkhah.store.tables import claims, entities

_CHUNK = 500


@dataclass(frozen=True)
class Facts:
    """The current claims about one entity that a reader may see, grouped by property."""

    id: str
    schema: str
    claims: dict[str, tuple[Claim, ...]] = field(default_factory=dict)

    def values(self, prop: str) -> list[str]:
        """Distinct values, the best-sourced first (then the most recent)."""
        grouped: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.claims.get(prop, ()):
            grouped[claim.value].append(claim)

        def rank(item: tuple[str, list[Claim]]) -> tuple[int, str, str]:
            value, found = item
            origins = {c.source_id or c.evidence_id or "" for c in found}
            return (-len(origins), max(c.recorded_at.isoformat() for c in found), value)

        ordered = sorted(grouped.items(), key=rank)
        return [value for value, _ in ordered]

    def value(self, prop: str) -> str | None:
        found = self.values(prop)
        return found[0] if found else None

    def claim(self, prop: str, value: str | None = None) -> Claim | None:
        """The first claim asserting ``value`` (default: the preferred value) of ``prop``."""
        wanted = value if value is not None else self.value(prop)
        return next((c for c in self.claims.get(prop, ()) if c.value == wanted), None)

    def all_claims(self) -> list[Claim]:
        return [c for found in self.claims.values() for c in found]


@dataclass(frozen=True)
class ClaimState:
    claim: Claim | None  # None when the reader may not see it
    state: str  # current, superseded, retracted
    by: str | None = None


class CaseRead:
    """One consistent read of a case, as one reader may see it."""

    def __init__(self, conn: Connection, model: Model, redaction: Redaction) -> None:
        self.conn = conn
        self.model = model
        self.red = redaction
        self._facts: dict[str, Facts] = {}
        self._captions: dict[str, str] = {}

    @property
    def reader(self) -> Reader:
        return self.red.reader

    # -- entities --------------------------------------------------------------------------------

    def schema_of(self, entity_id: str) -> str | None:
        if entity_id in self._facts:
            return self._facts[entity_id].schema
        return self.conn.execute(select(entities.c.schema).where(entities.c.id == entity_id)).scalar()

    def facts(self, entity_ids: Iterable[str]) -> dict[str, Facts]:
        """Current visible claims of each entity that exists (unknown ids are left out)."""
        wanted = sorted(set(entity_ids) - set(self._facts))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            schemas = {
                r.id: r.schema
                for r in self.conn.execute(
                    select(entities.c.id, entities.c.schema).where(entities.c.id.in_(chunk))
                )
            }
            rows = self.conn.execute(
                select(claims)
                .where(claims.c.entity_id.in_(chunk), is_current())
                .order_by(claims.c.recorded_at, claims.c.id)
            )
            grouped: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
            for row in rows:
                seen = self.red.claim(_claim(row))
                if seen is not None:
                    grouped[seen.entity_id][seen.prop].append(seen)
            for entity_id, schema in schemas.items():
                if self.red.entity(entity_id) is not None:
                    continue  # withheld from this reader: as if it were not there
                props = {p: tuple(cs) for p, cs in grouped.get(entity_id, {}).items()}
                self._facts[entity_id] = Facts(entity_id, schema, props)
        return {i: self._facts[i] for i in set(entity_ids) if i in self._facts}

    def fact(self, entity_id: str) -> Facts | None:
        return self.facts([entity_id]).get(entity_id)

    def referring(self, target: str, prop: str, schema: str | None = None) -> list[str]:
        """Entities with a current claim whose ``prop`` refers to ``target`` (the reader must see it)."""
        query = (
            select(claims)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(claims.c.ref == target, claims.c.prop == prop, is_current())
            .order_by(claims.c.entity_id)
        )
        if schema is not None:
            query = query.where(entities.c.schema == schema)
        found = [c.entity_id for c in self.red.claims(_claim(r) for r in self.conn.execute(query))]
        return list(dict.fromkeys(found))

    def citing(self, column: str, target: str) -> list[Claim]:
        """Current claims whose source (``column='source_id'``) or evidence item cites ``target``."""
        col = claims.c.source_id if column == "source_id" else claims.c.evidence_id
        rows = self.conn.execute(
            select(claims).where(col == target, is_current()).order_by(claims.c.entity_id, claims.c.id)
        )
        return self.red.claims(_claim(r) for r in rows)

    def with_locator_segment(self, entity_ids: Sequence[str]) -> list[Claim]:
        """Current claims about these entities whose locator names a testimony segment."""
        out: list[Claim] = []
        for facts in self.facts(entity_ids).values():
            out.extend(c for c in facts.all_claims() if c.locator is not None and c.locator.segment)
        return out

    def captions(self, entity_ids: Iterable[str]) -> dict[str, str]:
        wanted = set(entity_ids) - set(self._captions)
        if wanted:
            self._captions.update(captions(self.conn, self.model, wanted, self.reader, redact=self.red))
        return {i: self._captions.get(i, "?") for i in entity_ids}

    def caption(self, entity_id: str | None) -> str:
        return self.captions([entity_id])[entity_id] if entity_id else ""

    # -- claims ----------------------------------------------------------------------------------

    def claim_state(self, claim_id: str) -> ClaimState | None:
        """A claim with whether it is current; ``None`` if there is no such claim."""
        from dadkhah.errors import NotFound

        try:
            claim = load_claim(self.conn, claim_id)
        except NotFound:
            return None
        siblings, retracted = entity_claims(self.conn, claim.entity_id, prop=claim.prop)
        status = resolve(siblings, retracted)[claim.id]
        return ClaimState(self.red.claim(claim), status.state, status.by)

    # -- display ---------------------------------------------------------------------------------

    def display(self, claim: Claim) -> str:
        """A claim's value for people: vocabulary labels and entity captions instead of codes."""
        schema = self.schema_of(claim.entity_id)
        prop = self.model.schemas[schema].properties[claim.prop] if schema else None
        if prop is not None and prop.vocabulary and claim.value in prop.vocabulary.terms:
            return prop.vocabulary.terms[claim.value].label
        if prop is not None and prop.type.name == "entity":
            return self.caption(claim.value)
        return claim.value

    def label(self, entity_id: str, prop: str) -> str:
        schema = self.schema_of(entity_id)
        if schema and prop in self.model.schemas[schema].properties:
            return self.model.schemas[schema].properties[prop].label
        return prop


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


def date_bounds(values: Iterable[str]) -> tuple[str | None, str | None]:
    """The earliest lower bound and latest upper bound of EDTF values, as ISO dates."""
    lows, highs = [], []
    for value in values:
        parsed = parse_edtf(value)
        if parsed.lower:
            lows.append(parsed.lower)
        if parsed.upper:
            highs.append(parsed.upper)
    return (min(lows).isoformat() if lows else None, max(highs).isoformat() if highs else None)


__all__ = ["CaseRead", "ClaimState", "Facts", "date_bounds"]
