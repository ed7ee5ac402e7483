"""What a case file covers: an allegation, an event, or the whole case — and everything that follows.

From the roots the scope follows the case's references, as the reader may see them:

- **events**: the chosen events and, recursively, those recorded as part of them; an allegation's
  events likewise; ``context`` are the events they are part of (campaigns), upwards;
- **violations**: under those events, and an allegation's own violations;
- **victims**, **places** (of events and violations, burial places), **involvements** (in those
  violations or events) and their **actors**;
- **suspects**: the allegations' suspects and the people recorded as involved; their
  **positions**, the positions they report to, and the **organizations** with their parents;
- **allegations**: the chosen one; for an event, those whose events overlap it; for all, every one;
- **items**: candidate exhibits — files the in-scope claims rest on, files collected from their
  sources, testimonies' recordings and transcripts, copies derived from any of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dadkhah.errors import InputError, NotFound
from dadkhah.exchange import Snapshot

KINDS = ("allegation", "event", "all")
_DEPTH = 8


@dataclass(frozen=True)
class Scope:
    """The case file's subject as the user chose it."""

    kind: str
    ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError(f"scope must be one of {', '.join(KINDS)}", field="scope")
        if self.kind != "all" and not self.ids:
            raise InputError(f"name the {self.kind} the case file is about", field=self.kind)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "ids": list(self.ids)}


@dataclass
class Selection:
    """The entities a case file covers, by kind (sorted ids)."""

    allegations: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    involvements: list[str] = field(default_factory=list)
    suspects: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    def entities(self) -> set[str]:
        return {i for ids in self.__dict__.values() for i in ids}


def _down(snapshot: Snapshot, roots: set[str]) -> set[str]:
    found, frontier = set(roots), set(roots)
    for _ in range(_DEPTH):
        frontier = {c.id for e in frontier for c in snapshot.referrers(e, "partOf")} - found
        found |= frontier
        if not frontier:
            break
    return found


def _up(snapshot: Snapshot, roots: set[str]) -> set[str]:
    found: set[str] = set()
    frontier = set(roots)
    for _ in range(_DEPTH):
        frontier = {p for e in frontier if (r := snapshot.get(e)) for p in r.values("partOf")} - found
        found |= frontier
        if not frontier:
            break
    return found


def _require(snapshot: Snapshot, entity_id: str, schema: str) -> str:
    ident = entity_id.strip().upper()
    record = snapshot.get(ident)
    if record is None:
        raise NotFound(f"no {schema} {entity_id[:40]} visible to this recipient")
    if record.schema != schema:
        raise InputError(f"{ident} is a {record.schema}, not an {schema}", field=schema.lower())
    return ident


def select_scope(snapshot: Snapshot, scope: Scope, stored_items: set[str]) -> Selection:
    """Everything ``scope`` covers in the reader's snapshot."""
    s = snapshot
    every_allegation = [a.id for a in s.of_schema("Allegation")]
    if scope.kind == "all":
        allegations = every_allegation
        events = {e.id for e in s.of_schema("Event")}
        violations = {v.id for v in s.of_schema("Violation")}
    elif scope.kind == "allegation":
        allegations = [_require(s, a, "Allegation") for a in scope.ids]
        roots = {e for a in allegations for e in s.entities[a].values("event")}
        events = _down(s, roots)
        violations = {v for a in allegations for v in s.entities[a].values("violation")}
    else:
        events = _down(s, {_require(s, e, "Event") for e in scope.ids})
        violations = set()
        allegations = [a for a in every_allegation if set(s.entities[a].values("event")) & events]
    violations |= {v.id for e in events for v in s.referrers(e, "event") if v.schema == "Violation"}
    context = _up(s, events | {e for v in violations if (r := s.get(v)) for e in r.values("event")}) - events
    sel = Selection(allegations=sorted(allegations), events=sorted(events), context=sorted(context))
    sel.violations = sorted(violations)
    sel.victims = sorted({p for v in violations for p in s.entities[v].values("victim")})
    places = {p for e in events for p in s.entities[e].values("place")}
    places |= {p for v in violations for prop in ("place", "burialPlace") for p in s.entities[v].values(prop)}
    sel.places = sorted(p for p in places if s.get(p))
    involvements = {
        i.id
        for target, prop in [
            *((v, "violation") for v in violations),
            *((e, "event") for e in events | context),
        ]
        for i in s.referrers(target, prop)
    }
    sel.involvements = sorted(involvements)
    actors = {a for i in involvements for a in s.entities[i].values("actor")}
    people = {a for a in actors if (r := s.get(a)) and r.schema == "Person"}
    people |= {p for a in allegations for p in s.entities[a].values("suspect")}
    sel.suspects = sorted(people)
    positions = {p.id for person in people for p in s.referrers(person, "person") if p.schema == "Position"}
    positions |= {r for p in list(positions) for r in s.entities[p].values("reportsTo") if s.get(r)}
    sel.positions = sorted(positions)
    organizations = {o for p in positions for o in s.entities[p].values("organization")}
    organizations |= {a for a in actors if (r := s.get(a)) and r.schema == "Organization"}
    for _ in range(_DEPTH):
        parents = {p for o in organizations if (r := s.get(o)) for p in r.values("parent")} - organizations
        if not parents:
            break
        organizations |= parents
    sel.organizations = sorted(o for o in organizations if s.get(o))
    covered = sel.entities()
    sources = {x for e in covered if (r := s.get(e)) for x in r.sources()}
    sel.sources = sorted(x for x in sources if (r := s.get(x)) and r.schema != "EvidenceItem")
    sel.items = sorted(_items(s, scope, covered | sources, stored_items))
    return sel


def _items(s: Snapshot, scope: Scope, covered: set[str], stored: set[str]) -> set[str]:
    if scope.kind == "all":
        return set(stored)
    items = {x for x in covered if (r := s.get(x)) and r.schema == "EvidenceItem"}
    for source in covered:
        record = s.get(source)
        if record is None:
            continue
        items |= {i.id for i in s.referrers(source, "collectedFrom")}
        if record.schema == "Testimony":
            items |= set(record.values("recording")) | set(record.values("transcript"))
    frontier = set(items)
    for _ in range(_DEPTH):
        frontier = {d.id for i in frontier for d in s.referrers(i, "derivedFrom")} - items
        items |= frontier
        if not frontier:
            break
    return items & stored


__all__ = ["KINDS", "Scope", "Selection", "select_scope"]
