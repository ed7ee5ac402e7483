"""Clerical review: the pairs a model is unsure of, shown side by side, decided by a person.

The queue holds the pairs whose probability lies in the review band of the latest linkage run
and that nobody has decided, nearest the clustering threshold first (where a decision changes
most). A decision — same person, different people, or unsure — is a claim on the pair's
``Match``, with the reviewer as author and their reason; "same" and "different" override the
model from then on, in this and every later run, and the canonical victims follow at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from dadkhah.access import Reader
from dadkhah.errors import AccessDenied, InputError, NotFound
from dadkhah.linkage.case_link import latest_run
from dadkhah.linkage.case_records import CaseRecord, ListRecords, list_records
from dadkhah.linkage.matches import (
    Pair,
    StoredMatch,
    find_match,
    new_matches,
    pair_level,
    pair_of,
    read_matches,
    review_source,
    supersede_many,
)
from dadkhah.linkage.victims import Reconciled, recluster
from dadkhah.store import NewClaim, Writer

if TYPE_CHECKING:
    from dadkhah.case import Case

Verdict = Literal["same", "different", "unsure"]
VERDICTS: tuple[Verdict, ...] = ("same", "different", "unsure")
MAX_REASON = 2000


@dataclass(frozen=True)
class ReviewPair:
    """One pair as a reviewer sees it."""

    match_id: str
    probability: float | None
    left: CaseRecord
    right: CaseRecord
    decision: str | None = None
    reason: str | None = None
    decided_by: str | None = None
    places: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": self.match_id,
            "probability": self.probability,
            "decision": self.decision,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "left": self.left.to_dict(self.places),
            "right": self.right.to_dict(self.places),
        }


@dataclass
class Queue:
    """The pairs to review, and the band and threshold they were chosen by."""

    pairs: list[ReviewPair]
    band: tuple[float, float]
    threshold: float
    run_id: str | None
    decided: int = 0  # pairs with a decision (any band)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "threshold": self.threshold,
            "review_band": list(self.band),
            "decided": self.decided,
            "items": [p.to_dict() for p in self.pairs],
        }


@dataclass
class DecisionReport:
    match_id: str
    verdict: str
    previous: str | None
    victims: Reconciled

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": self.match_id,
            "decision": self.verdict,
            "previous": self.previous,
            "victims": self.victims.to_dict(),
        }


def review_queue(
    case: Case,
    reader: Reader | None = None,
    *,
    band: tuple[float, float] | None = None,
    decided: bool = False,
    limit: int | None = None,
) -> Queue:
    """Undecided pairs in the review band (default: the latest run's), nearest the threshold
    first; with ``decided``, the decided pairs instead, latest first. Only pairs whose records
    and probability the reader may see are shown."""
    records = list_records(case, reader)
    with case.redacted(reader) as (conn, red):
        run = latest_run(conn)
        low, high = band or run.review_band
        stored = read_matches(conn)
        visible = [
            m
            for m in stored.values()
            if m.pair[0] in records.records
            and m.pair[1] in records.records
            and all(red.claim(c) is not None for c in (m.probability_claim, m.decision_claim) if c)
        ]
    n_decided = sum(1 for m in visible if m.decision)
    if decided:
        chosen = sorted((m for m in visible if m.decision), key=lambda m: m.decided_at or 0, reverse=True)
    else:
        chosen = [
            m
            for m in visible
            if m.decision is None and m.probability is not None and low <= m.probability < high
        ]
        chosen.sort(key=lambda m: (abs((m.probability or 0.0) - run.threshold), m.id))
    pairs = [_shown(m, records) for m in (chosen if limit is None else chosen[:limit])]
    return Queue(pairs, (low, high), run.threshold, run.run_id, n_decided)


def _shown(m: StoredMatch, records: ListRecords) -> ReviewPair:
    return ReviewPair(
        m.id,
        m.probability,
        records.records[m.pair[0]],
        records.records[m.pair[1]],
        m.decision,
        m.reason,
        m.decided_by,
        records.places,
    )


def decide(
    case: Case,
    pair: str | tuple[str, str],
    verdict: str,
    *,
    reason: str,
    author: str,
    reader: Reader | None = None,
    records: ListRecords | None = None,
    recluster_now: bool = True,
) -> DecisionReport:
    """Record ``author``'s verdict on a pair (a Match id, or two list records' Person ids) with
    their reason, and bring the canonical victims in line with it.

    A session deciding many pairs may pass the ``records`` it read once and leave
    ``recluster_now`` off, then call :func:`recluster_case` when it ends."""
    if verdict not in VERDICTS:
        raise InputError(f"the decision is one of {', '.join(VERDICTS)}", field="decision")
    reason = " ".join((reason or "").split())
    if not reason:
        raise InputError("give the reason for the decision", field="reason")
    if len(reason) > MAX_REASON:
        raise InputError(f"the reason is longer than {MAX_REASON} characters", field="reason")
    reader = reader or case.reader(author)
    records = records or _all_visible(case, reader)
    with case.writer(author) as w:
        if isinstance(pair, str):
            match = find_match(w.conn, pair)
        else:
            match = _match_for(w, pair_of(*pair), records)
        for person in match.pair:
            if person not in records.records:
                raise NotFound(f"{person} is not a victim-list record {reader.name} may see")
        levels = {p: records.records[p].sensitivity for p in match.pair}
        level = pair_level(match.pair, levels)
        source = review_source(w)
        if match.decision_claim is not None:
            supersede_many(w, [(match.decision_claim, verdict)], source, reason)
        else:
            w.add_many([NewClaim(match.id, "decision", verdict, source, sensitivity=level)])
        if match.reason_claim is not None:
            supersede_many(w, [(match.reason_claim, reason)], source, reason)
        else:
            w.add_many([NewClaim(match.id, "reason", reason, source, sensitivity=level)])
        victims = Reconciled()
        if recluster_now:
            run = latest_run(w.conn)
            victims = recluster(w, records, run.threshold, f"decision on pair {match.id} ({verdict})")
    return DecisionReport(match.id, verdict, match.decision, victims)


def recluster_case(case: Case, *, author: str, reader: Reader | None = None, reason: str) -> Reconciled:
    """Bring the canonical victims in line with the stored pairs and decisions."""
    reader = reader or case.reader(author)
    records = _all_visible(case, reader)
    with case.writer(author) as w:
        return recluster(w, records, latest_run(w.conn).threshold, reason)


def _all_visible(case: Case, reader: Reader) -> ListRecords:
    records = list_records(case, reader)
    if records.hidden:
        raise AccessDenied(
            f"{records.hidden:,} list record(s) are above {reader.name}'s clearance or withheld; "
            "clustering takes in every record, which needs someone who sees them all"
        )
    return records


def _match_for(w: Writer, pair: Pair, records: ListRecords) -> StoredMatch:
    """The stored pair of two records, made (without a probability) if the model never scored it."""
    found = read_matches(w.conn).get(pair)
    if found is not None:
        return found
    for person in pair:
        if person not in records.records:
            raise NotFound(f"{person[:40]} is not a victim-list record")
    levels = {p: records.records[p].sensitivity for p in pair}
    ids = new_matches(w, [(pair, None)], review_source(w), levels)
    return StoredMatch(ids[pair], pair)
