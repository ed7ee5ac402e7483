"""``dadkhah link`` in a case: score every pair of list records, store the pairs as claims,
cluster them (reviewers' decisions first) and keep the canonical victims in step.

One run is one transaction: either every pair, every canonical victim and the run's record are
written, or nothing is. Running it again on unchanged lists changes nothing (the model is
seeded, probabilities are stored to four decimals, and only differences are written); see
``docs/linkage.md`` for what is kept stable when the lists do change.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from dadkhah.access import Reader
from dadkhah.errors import AccessDenied, InputError
from dadkhah.linkage.case_records import ListRecords, list_records
from dadkhah.linkage.engine import Engine
from dadkhah.linkage.link import Decision, LinkResult, link_records
from dadkhah.linkage.matches import (
    Pair,
    format_probability,
    new_matches,
    pair_level,
    pair_of,
    read_matches,
    supersede_many,
)
from dadkhah.linkage.spec import LinkSpec
from dadkhah.linkage.tables import linkage_runs
from dadkhah.linkage.victims import DEFAULT_THRESHOLD, Reconciled, recluster
from dadkhah.model import Sensitivity
from dadkhah.store import NewClaim, Writer, new_id

if TYPE_CHECKING:
    from dadkhah.case import Case

DEFAULT_BAND = (0.2, 0.95)
STORE_FROM = 0.05  # pairs below this probability are not stored


@dataclass
class CaseLinkReport:
    """What one in-case linkage run found and changed."""

    run_id: str
    source_id: str | None  # the run's Source; None when the run changed nothing
    engine: str
    threshold: float
    review_band: tuple[float, float]
    records: int
    lists: int
    pairs_stored: int = 0
    matches_created: int = 0
    probabilities_changed: int = 0
    probabilities_withdrawn: int = 0
    decisions_applied: int = 0
    review_queue: int = 0
    within_list_odds: float = 1.0
    victims: Reconciled = field(default_factory=Reconciled)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        v = self.victims
        return bool(
            self.matches_created or self.probabilities_changed or self.probabilities_withdrawn
            or v.created or v.changed or v.retired
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["review_band"] = list(self.review_band)
        data["victims"] = self.victims.to_dict()
        data["seconds"] = round(self.seconds, 2)
        return data


def check_band(band: tuple[float, float]) -> tuple[float, float]:
    low, high = band
    if not 0.0 <= low < high <= 1.0:
        raise InputError("the review band is LOW,HIGH with 0 ≤ LOW < HIGH ≤ 1", field="review-band")
    return float(low), float(high)


def link_case(
    case: Case,
    *,
    author: str,
    reader: Reader | None = None,
    engine: Engine = "duckdb",
    spark: Any = None,
    threshold: float = DEFAULT_THRESHOLD,
    review_band: tuple[float, float] = DEFAULT_BAND,
    tuning: LinkSpec | None = None,
    progress: Callable[[str], None] | None = None,
) -> CaseLinkReport:
    """Link every victim-list record of ``case`` within and across lists, as ``author``.

    ``reader`` (default: the author) must see every list record: a partial view would retire
    the canonical victims of the records it cannot see. ``tuning`` sets the model's training
    (EM iterations, u sample, seed, pair budget); its threshold and pairs kept are this call's.
    """
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    low, high = check_band(review_band)
    reader = reader or case.reader(author)
    say("reading the list records")
    records = list_records(case, reader)
    if records.hidden:
        raise AccessDenied(
            f"{records.hidden:,} list record(s) are above {reader.name}'s clearance or withheld; "
            "linking needs someone who sees every list record"
        )
    if len(records.records) < 2:
        raise InputError("the case holds fewer than two victim-list records: nothing to link")
    with case.reading() as conn:
        stored = read_matches(conn)
    decisions = [
        Decision((records.records[m.pair[0]].list_id, m.pair[0]),
                 (records.records[m.pair[1]].list_id, m.pair[1]), m.decision)  # type: ignore[arg-type]
        for m in stored.values()
        if m.decision in ("same", "different", "unsure") and m.pair[0] in records.records
        and m.pair[1] in records.records
    ]  # fmt: skip
    spec = dataclasses.replace(
        tuning or LinkSpec(),
        threshold=threshold,
        keep_pairs_above=min(STORE_FROM, low, threshold),
        link_type="link_and_dedupe",
        empty_names="skip",
    )
    say(f"linking {len(records.records):,} records from {len(records.lists)} lists ({engine})")
    result = link_records(records.frame(), spec, engine=engine, spark=spark, decisions=decisions)
    say("storing the pairs and the canonical victims")
    run_id = new_id()
    report = CaseLinkReport(
        run_id, None, engine, threshold, (low, high), len(records.records), len(records.lists),
        decisions_applied=len(decisions), within_list_odds=result.within_list_odds, notes=result.notes,
    )  # fmt: skip
    with case.writer(author) as w:
        _store(w, records, result, report)
        report.victims = recluster(w, records, threshold, f"linkage run {run_id}")
        queue = [
            m for m in read_matches(w.conn).values()
            if m.decision is None and m.probability is not None and low <= m.probability < high
        ]  # fmt: skip
        report.review_queue = len(queue)
        if report.changed and report.source_id is None:
            report.source_id = _run_source(w, run_id, report, result)
        _record_run(w, report, spec, result)
    report.seconds = time.perf_counter() - started
    return report


def _store(w: Writer, records: ListRecords, result: LinkResult, report: CaseLinkReport) -> None:
    """Write the differences between the scored pairs and the stored ones."""
    stored = read_matches(w.conn)
    scored: dict[Pair, str] = {}
    pairs = result.pairs
    for left, right, p in zip(
        pairs["record_id_l"], pairs["record_id_r"], pairs["match_probability"], strict=True
    ):
        if p is None or (isinstance(p, float) and math.isnan(p)):
            continue  # a decided pair the model did not score
        scored[pair_of(str(left), str(right))] = format_probability(float(p))
    report.pairs_stored = len(scored)
    levels = {pid: r.sensitivity for pid, r in records.records.items()}
    fresh = [(pair, value) for pair, value in sorted(scored.items()) if pair not in stored]
    changed = [
        (m.probability_claim, scored[pair])
        for pair, m in stored.items()
        if pair in scored
        and m.probability_claim is not None
        and m.probability_claim.value != _number(scored[pair])
    ]
    added = [
        (pair, scored[pair]) for pair, m in stored.items() if pair in scored and m.probability_claim is None
    ]
    gone = [m.probability_claim for pair, m in stored.items() if pair not in scored and m.probability_claim]
    if not (fresh or changed or added or gone):
        return
    source = report.source_id = _run_source(w, report.run_id, report, result)
    new_matches(w, fresh, source, levels)
    report.matches_created = len(fresh)
    reason = f"linkage run {report.run_id}"
    report.probabilities_changed = supersede_many(w, changed, source, reason)
    w.add_many(
        NewClaim(stored[pair].id, "probability", value, source, sensitivity=pair_level(pair, levels))
        for pair, value in added
    )
    report.probabilities_changed += len(added)
    for claim in gone:
        w.retract(claim.id, reason=f"{reason} did not score this pair at or above {STORE_FROM}")
    report.probabilities_withdrawn = len(gone)


def _number(text: str) -> str:
    """A probability as the number type stores it (``1.0000`` is stored as ``1``)."""
    value = float(text)
    return repr(int(value)) if value.is_integer() else repr(value)


def _run_source(w: Writer, run_id: str, report: CaseLinkReport, result: LinkResult) -> str:
    """The Source the run's claims cite; its row in ``linkage_runs`` keeps the model."""
    if report.source_id is not None:
        return report.source_id
    now = datetime.now(UTC)
    model_sha = hashlib.sha256(_model_json(result).encode()).hexdigest()
    report.source_id = w.create(
        "Source",
        {
            "title": f"Record linkage, {now:%Y-%m-%d %H:%M} UTC",
            "code": f"linkage-{run_id}",
            "kind": "analysis",
            "date": now.date().isoformat(),
            "summary": (
                f"Fellegi–Sunter model trained by expectation maximisation (splink, {report.engine}) "
                f"on {report.records:,} records of {report.lists} victim lists; pairs joined at "
                f"p ≥ {report.threshold}; model SHA-256 {model_sha}; run {run_id} (dadkhah link)."
            ),
        },
        sensitivity=Sensitivity.INTERNAL,
    )
    return report.source_id


def _model_json(result: LinkResult) -> str:
    return json.dumps(result.model, sort_keys=True, ensure_ascii=False, default=str)


def _record_run(w: Writer, report: CaseLinkReport, spec: LinkSpec, result: LinkResult) -> None:
    model = _model_json(result)
    settings = {**asdict(spec), "within_list_odds": result.within_list_odds}
    counts = {k: v for k, v in report.to_dict().items() if isinstance(v, int)}
    stats: dict[str, Any] = {**result.stats, **counts}
    stats["victims"] = report.victims.to_dict()
    w.conn.execute(
        insert(linkage_runs).values(
            id=report.run_id,
            source_id=report.source_id,
            created_at=datetime.now(UTC),
            author=w.author,
            engine=report.engine,
            threshold=report.threshold,
            review_low=report.review_band[0],
            review_high=report.review_band[1],
            records=report.records,
            settings=json.dumps(settings, sort_keys=True, default=str),
            model=model,
            model_sha256=hashlib.sha256(model.encode()).hexdigest(),
            stats=json.dumps(stats, sort_keys=True, default=str),
            notes=json.dumps(report.notes, ensure_ascii=False),
        )
    )


@dataclass(frozen=True)
class RunSettings:
    """The threshold and review band of the latest run (defaults before the first)."""

    run_id: str | None
    threshold: float
    review_band: tuple[float, float]


def latest_run(conn: Any) -> RunSettings:
    row = conn.execute(
        select(
            linkage_runs.c.id, linkage_runs.c.threshold, linkage_runs.c.review_low, linkage_runs.c.review_high
        )
        .order_by(linkage_runs.c.created_at.desc(), linkage_runs.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return RunSettings(None, DEFAULT_THRESHOLD, DEFAULT_BAND)
    return RunSettings(row.id, float(row.threshold), (float(row.review_low), float(row.review_high)))
