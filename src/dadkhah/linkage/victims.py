"""Canonical victims: one ``CanonicalVictim`` per cluster of list records, kept stable.

A canonical victim's ``record`` claims name its list records, each citing that record's list
and row — together its capture history — and its ``name`` claims repeat the names those lists
give, each citing its list and row (so ``dadkhah show`` lists every source that names them).
Why the records belong together is on the ``Match`` entities between them.

Clusters are recomputed from the stored pairs (:func:`cluster_records`) after every linkage run
and every decision, and the canonical victims reconciled with them (:func:`reconcile`):

* a cluster whose records are exactly those of a canonical victim leaves it untouched;
* otherwise the cluster takes over the canonical victim holding most of its records (ties: the
  older id), which gains and loses ``record`` and ``name`` claims; when clusters merge, the id
  of the largest part survives; when a cluster splits, its largest part keeps the id;
* a canonical victim left without records is retired: its claims are withdrawn with a reason
  saying where its records went; a cluster no canonical victim holds gets a new one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import Connection, select

from dadkhah.access import Reader
from dadkhah.errors import AccessDenied, CaseError
from dadkhah.linkage.case_records import CaseRecord, ListRecords, list_records
from dadkhah.linkage.cluster import cluster_pairs
from dadkhah.linkage.matches import StoredMatch, read_matches
from dadkhah.store import Claim, NewClaim, Writer, is_current
from dadkhah.store.reading import claim_from_row
from dadkhah.store.tables import claims, entities

if TYPE_CHECKING:
    from dadkhah.case import Case

DEFAULT_THRESHOLD = 0.9


@dataclass
class VictimState:
    """A canonical victim's current ``record`` and ``name`` claims."""

    id: str
    records: dict[str, Claim] = field(default_factory=dict)  # Person id -> record claim
    names: dict[tuple[str, str, str], Claim] = field(default_factory=dict)  # (value, source, locator)


@dataclass
class Reconciled:
    """What reconciling changed."""

    victims: int = 0
    unchanged: int = 0
    changed: int = 0
    created: int = 0
    retired: int = 0
    claims_added: int = 0
    claims_withdrawn: int = 0

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class CanonicalVictim:
    """One person and the list records that describe them."""

    id: str
    records: tuple[CaseRecord, ...]

    @property
    def lists(self) -> frozenset[str]:
        """The ids of the lists (Sources) that record this person: their capture history."""
        return frozenset(r.list_id for r in self.records)


def read_victims(conn: Connection) -> dict[str, VictimState]:
    """Every canonical victim with a current claim (bookkeeping: ids and keys, no redaction)."""
    query = (
        select(claims)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(entities.c.schema == "CanonicalVictim", claims.c.prop.in_(["record", "name"]), is_current())
        .order_by(claims.c.recorded_at, claims.c.id)
    )
    out: dict[str, VictimState] = {}
    for row in conn.execute(query):
        claim = claim_from_row(row)
        state = out.setdefault(claim.entity_id, VictimState(claim.entity_id))
        if claim.prop == "record":
            state.records[claim.value] = claim
        else:
            where = claim.locator.to_json() if claim.locator else ""
            state.names[(claim.value, claim.source_id or "", where)] = claim
    return out


def cluster_records(
    people: Sequence[str],
    matches: Iterable[StoredMatch],
    threshold: float,
    lists: Sequence[str] | None = None,
) -> list[list[str]]:
    """Clusters of ``people`` from the stored pairs: joined at or above ``threshold``, "same"
    decisions joining and "different" decisions keeping apart whatever the model says.
    ``lists`` (each person's list): two records of one list share a cluster only when their
    own pair joins them (see :func:`dadkhah.linkage.cluster.cluster_pairs`)."""
    position = {p: i for i, p in enumerate(people)}
    left: list[int] = []
    right: list[int] = []
    probability: list[float] = []
    cannot: list[tuple[int, int]] = []
    same: list[tuple[int, int]] = []
    for m in matches:
        a, b = position.get(m.pair[0]), position.get(m.pair[1])
        if a is None or b is None:
            continue
        if m.decision == "different":
            cannot.append((a, b))
        elif m.decision == "same":
            same.append((a, b))
        left.append(a)
        right.append(b)
        probability.append(m.effective)
    sources = None if lists is None else np.array(lists, dtype=object)
    labels = cluster_pairs(len(people), np.array(left, dtype=np.int64), np.array(right, dtype=np.int64),
                           np.array(probability, dtype=float), threshold, cannot, sources, same)  # fmt: skip
    groups: dict[int, list[str]] = defaultdict(list)
    for person, label in zip(people, labels, strict=True):
        groups[int(label)].append(person)
    return [groups[k] for k in sorted(groups)]


def recluster(w: Writer, records: ListRecords, threshold: float, reason: str) -> Reconciled:
    """Cluster the records from the stored pairs and reconcile the canonical victims, in ``w``'s
    transaction."""
    people = sorted(records.records)
    lists = [records.records[p].list_id for p in people]
    clusters = cluster_records(people, read_matches(w.conn).values(), threshold, lists)
    return reconcile(w, records, clusters, reason)


def reconcile(w: Writer, records: ListRecords, clusters: list[list[str]], reason: str) -> Reconciled:
    """Make the canonical victims the clusters, keeping ids stable (see the module docstring)."""
    old = read_victims(w.conn)
    holder = {person: v.id for v in old.values() for person in v.records}
    overlaps: list[tuple[int, str, int]] = []  # (records shared, victim id, cluster index)
    for index, cluster in enumerate(clusters):
        shared: dict[str, int] = defaultdict(int)
        for person in cluster:
            if person in holder:
                shared[holder[person]] += 1
        overlaps += [(n, victim, index) for victim, n in shared.items()]
    overlaps.sort(key=lambda o: (-o[0], o[1]))
    assigned: dict[int, str] = {}
    taken: set[str] = set()
    for _, victim, index in overlaps:
        if index not in assigned and victim not in taken:
            assigned[index] = victim
            taken.add(victim)
    report = Reconciled(victims=len(clusters))
    fresh = [i for i in range(len(clusters)) if i not in assigned]
    new_ids = w.new_entities("CanonicalVictim", len(fresh)) if fresh else []
    assigned.update(zip(fresh, new_ids, strict=True))
    report.created = len(fresh)
    to_add: list[NewClaim] = []
    to_retract: list[Claim] = []
    for index, cluster in enumerate(clusters):
        victim = assigned[index]
        state = old.get(victim, VictimState(victim))
        adds, drops = _differences(victim, state, cluster, records)
        to_add += adds
        to_retract += drops
        if victim in old:
            if adds or drops:
                report.changed += 1
            else:
                report.unchanged += 1
    where_now = {person: assigned[i] for i, cluster in enumerate(clusters) for person in cluster}
    for victim, state in old.items():
        if victim in taken:
            continue
        report.retired += 1
        went = sorted({where_now[p] for p in state.records if p in where_now})
        why = (
            f"{reason}: its records now belong to {', '.join(went)}" if went else f"{reason}: no records left"
        )
        for claim in [*state.records.values(), *state.names.values()]:
            w.retract(claim.id, reason=why[:2000])
            report.claims_withdrawn += 1
    w.add_many(to_add)
    for claim in to_retract:
        w.retract(claim.id, reason=f"{reason}: the record is no longer linked to this victim")
    report.claims_added = len(to_add)
    report.claims_withdrawn += len(to_retract)
    return report


def _differences(
    victim: str, state: VictimState, cluster: list[str], records: ListRecords
) -> tuple[list[NewClaim], list[Claim]]:
    """Claims to add and to withdraw so that ``victim`` holds exactly ``cluster``."""
    adds: list[NewClaim] = []
    wanted_names: set[tuple[str, str, str]] = set()
    for person in cluster:
        record = records.records[person]
        if person not in state.records:
            adds.append(NewClaim(victim, "record", person, record.list_id, record.locator,
                                 sensitivity=record.sensitivity))  # fmt: skip
        where = record.locator.to_json() if record.locator else ""
        for name, level in zip(record.names, record.name_levels, strict=True):
            key = (name, record.list_id, where)
            if key in wanted_names:
                continue
            wanted_names.add(key)
            if key not in state.names:
                adds.append(NewClaim(victim, "name", name, record.list_id, record.locator, sensitivity=level))
    members = set(cluster)
    drops = [c for person, c in state.records.items() if person not in members]
    drops += [c for key, c in state.names.items() if key not in wanted_names]
    return adds, drops


def canonical_victims(case: Case, reader: Reader | None = None) -> list[CanonicalVictim]:
    """The case's canonical victims with their list records, as ``reader`` may see them.

    Raises :class:`CaseError` when the lists have not been linked, or when list records were
    added since (every record must belong to a canonical victim for counts to be right).
    """
    records = list_records(case, reader)
    with case.redacted(reader) as (conn, red):
        query = (
            select(claims)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(entities.c.schema == "CanonicalVictim", claims.c.prop == "record", is_current())
            .order_by(claims.c.entity_id, claims.c.recorded_at)
        )
        held: dict[str, list[str]] = defaultdict(list)
        for claim in red.claims(claim_from_row(row) for row in conn.execute(query)):
            if claim.value in records.records:
                held[claim.entity_id].append(claim.value)
    if not held and not records.records and records.hidden:
        who = reader.name if reader else case.owner
        raise AccessDenied(f"{who} may see none of the {records.hidden:,} victim-list record(s)")
    if not held:
        raise CaseError("the victim lists are not linked yet; run `dadkhah link` first")
    linked = {p for people in held.values() for p in people}
    missing = len(set(records.records) - linked)
    if missing:
        raise CaseError(
            f"{missing:,} list record(s) were added since the lists were linked; run `dadkhah link` again"
        )
    return [
        CanonicalVictim(victim, tuple(records.records[p] for p in people))
        for victim, people in sorted(held.items())
    ]
