"""Pairs of list records as claims: ``Match`` entities with the model's probability and a
reviewer's decision, read back in bulk and written in bulk.

A pair is stored once, ``left`` the smaller Person id. Its probability claim cites the linkage
run that computed it (a Source; the run's row in ``linkage_runs`` keeps the model); a decision
and its reason cite the case's clerical-review Source and carry the reviewer as author.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from dadkhah.errors import InputError, NotFound
from dadkhah.model import Sensitivity
from dadkhah.store import Claim, NewClaim, Writer, is_current
from dadkhah.store.reading import claim_from_row
from dadkhah.store.tables import claims, entities

Pair = tuple[str, str]  # (left, right) Person ids, left < right
REVIEW_CODE = "linkage-review"  # the short code of the case's clerical-review Source


def pair_of(a: str, b: str) -> Pair:
    if a == b:
        raise InputError("a record cannot be paired with itself", field="pair")
    return (a, b) if a < b else (b, a)


def format_probability(p: float) -> str:
    """Four decimals: enough to order pairs, and stable from one run of the same model to the
    next (a threaded engine may differ in the last bits)."""
    return f"{min(max(p, 0.0), 1.0):.4f}"


@dataclass(frozen=True)
class StoredMatch:
    """A ``Match`` entity's current state."""

    id: str
    pair: Pair
    probability: float | None = None
    probability_claim: Claim | None = None
    decision: str | None = None
    decision_claim: Claim | None = None
    reason: str | None = None
    reason_claim: Claim | None = None

    @property
    def decided_by(self) -> str | None:
        return self.decision_claim.author if self.decision_claim else None

    @property
    def decided_at(self) -> datetime | None:
        return self.decision_claim.recorded_at if self.decision_claim else None

    @property
    def effective(self) -> float:
        """What clustering uses: 1 for "same", 0 for "different", else the model's probability."""
        if self.decision == "same":
            return 1.0
        if self.decision == "different":
            return 0.0
        return self.probability if self.probability is not None else 0.0


def read_matches(conn: Connection, ids: Sequence[str] | None = None) -> dict[Pair, StoredMatch]:
    """Every ``Match`` (or those with ``ids``) by pair, from current claims.

    Bookkeeping, not output: ids and probabilities only, read without a reader's redaction;
    what a reviewer is shown goes through :mod:`dadkhah.linkage.review`.
    """
    query = (
        select(claims)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(entities.c.schema == "Match", is_current())
        .order_by(claims.c.recorded_at, claims.c.id)
    )
    if ids is not None:
        query = query.where(claims.c.entity_id.in_(list(ids)))
    held: dict[str, dict[str, Claim]] = defaultdict(dict)
    for row in conn.execute(query):
        claim = claim_from_row(row)
        held[claim.entity_id][claim.prop] = claim  # the latest current claim of each property
    out: dict[Pair, StoredMatch] = {}
    for match_id, props in held.items():
        if "left" not in props or "right" not in props:
            continue
        p = props.get("probability")
        d = props.get("decision")
        r = props.get("reason")
        pair = pair_of(props["left"].value, props["right"].value)
        out[pair] = StoredMatch(
            match_id,
            pair,
            float(p.value) if p else None,
            p,
            d.value if d else None,
            d,
            r.value if r else None,
            r,
        )
    return out


def find_match(conn: Connection, match_id: str) -> StoredMatch:
    found = read_matches(conn, [match_id.strip().upper()])
    if not found:
        raise NotFound(f"no pair {match_id.strip()[:40]}; list them with: dadkhah review --list")
    return next(iter(found.values()))


def new_matches(
    w: Writer,
    rows: Sequence[tuple[Pair, str | None]],
    source: str,
    levels: dict[str, Sensitivity],
) -> dict[Pair, str]:
    """Create a ``Match`` per (pair, probability) in bulk, citing ``source``; return their ids."""
    ids = w.new_entities("Match", len(rows))
    where = None
    items: list[NewClaim] = []
    for match_id, (pair, probability) in zip(ids, rows, strict=True):
        level = pair_level(pair, levels)
        items += [
            NewClaim(match_id, "left", pair[0], source, where, sensitivity=level),
            NewClaim(match_id, "right", pair[1], source, where, sensitivity=level),
        ]
        if probability is not None:
            items.append(NewClaim(match_id, "probability", probability, source, where, sensitivity=level))
    w.add_many(items)
    return {pair: match_id for match_id, (pair, _) in zip(ids, rows, strict=True)}


def pair_level(pair: Pair, levels: dict[str, Sensitivity]) -> Sensitivity:
    """A pair is as sensitive as its more sensitive record, and internal at least."""
    return max(
        Sensitivity.INTERNAL,
        levels.get(pair[0], Sensitivity.INTERNAL),
        levels.get(pair[1], Sensitivity.INTERNAL),
    )


def supersede_many(w: Writer, changes: Iterable[tuple[Claim, str]], source: str, reason: str) -> int:
    """Replace current claims with new values in bulk (each old claim was read as current in
    this transaction, which holds the write lock): the old claims stay in the history."""
    changes = list(changes)
    if not changes:
        return 0
    where = None
    prepared = w.prepare(
        [
            NewClaim(old.entity_id, old.prop, value, source, where, sensitivity=old.sensitivity)
            for old, value in changes
        ]
    )
    w.write(
        [
            dataclasses.replace(claim, supersedes=old.id, reason=reason)
            for claim, (old, _) in zip(prepared, changes, strict=True)
        ]
    )
    return len(changes)


def review_source(w: Writer) -> str:
    """The case's clerical-review Source, which reviewers' decisions cite (made on first use)."""
    found = w.conn.execute(
        select(claims.c.entity_id)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(
            entities.c.schema == "Source",
            claims.c.prop == "code",
            claims.c.value == REVIEW_CODE,
            is_current(),
        )
    ).first()
    if found is not None:
        return str(found[0])
    return w.create(
        "Source",
        {
            "title": "Clerical review of record linkage",
            "code": REVIEW_CODE,
            "kind": "analysis",
            "summary": "Reviewers' decisions on pairs of victim-list records: same person, different "
            "people, or unsure. Each decision names its reviewer (the claim's author) and reason.",
        },
        sensitivity=Sensitivity.INTERNAL,
    )


__all__ = [
    "REVIEW_CODE",
    "Pair",
    "StoredMatch",
    "find_match",
    "format_probability",
    "new_matches",
    "pair_level",
    "pair_of",
    "read_matches",
    "review_source",
    "supersede_many",
]
