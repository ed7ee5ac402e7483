"""Link person records within and across lists: prepare, block, train (EM), score, cluster."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from splink import Linker

from dadkhah.errors import InputError, InvalidData, Problem
from dadkhah.linkage.cluster import cluster_pairs
from dadkhah.linkage.engine import Engine, database_api
from dadkhah.linkage.model import (
    deterministic_rules,
    prediction_rules,
    settings,
    training_rules,
    within_list_odds,
)
from dadkhah.linkage.prepare import Prepared, prepare
from dadkhah.linkage.spec import LinkSpec

log = logging.getLogger(__name__)

RecordKey = tuple[str, str]  # (source, record_id)


@dataclass(frozen=True)
class Decision:
    """A reviewer's verdict on two records; it overrides the model's probability."""

    left: RecordKey
    right: RecordKey
    verdict: Literal["same", "different", "unsure"]


@dataclass
class LinkResult:
    """What a linkage run found.

    ``pairs``: ``source_l, record_id_l, source_r, record_id_r, match_probability, match_weight,
    decision`` for every scored pair at or above ``spec.keep_pairs_above`` plus every decided
    pair; ``match_probability`` is the model's, ``decision`` the reviewer's verdict or empty.
    ``clusters``: ``source, record_id, cluster_id`` for every record (singletons too); cluster
    ids are 1, 2, ... in the order of each cluster's first record in the input.
    ``model``: the trained splink model (settings with m and u), to record with the links.
    ``within_list_odds``: the factor applied to the odds of pairs within one list (a list
    names each victim about once; see :func:`dadkhah.linkage.model.within_list_odds`).
    """

    pairs: pd.DataFrame
    clusters: pd.DataFrame
    model: dict[str, Any]
    threshold: float
    stats: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    within_list_odds: float = 1.0

    def review_queue(self, low: float = 0.2, high: float | None = None) -> pd.DataFrame:
        """Undecided pairs with ``low <= p < high`` (default: the clustering threshold)."""
        top = self.threshold if high is None else high
        p = self.pairs["match_probability"]
        mask = (p >= low) & (p < top) & (self.pairs["decision"] == "")
        return self.pairs[mask].sort_values("match_probability", ascending=False)


def _check_records(records: pd.DataFrame, spec: LinkSpec) -> pd.DataFrame:
    missing = [c for c in ("source", "record_id") if c not in records.columns]
    if missing:
        raise InputError(f"records need the column(s) {', '.join(missing)}")
    records = records.reset_index(drop=True).copy()
    records["source"] = records["source"].astype(str)
    records["record_id"] = records["record_id"].astype(str)
    dup = records.duplicated(["source", "record_id"], keep="first")
    if dup.any():
        problems = [
            Problem("record id appears more than once", str(r.source), _line(r), "record_id")
            for r in records[dup].itertuples()
        ]
        raise InvalidData(problems, f"{len(problems)} duplicated record id(s)")
    return records


def _line(row: Any) -> int | None:
    line = getattr(row, "line", None)
    return int(line) if line is not None and not pd.isna(line) else None


def _empty_names(records: pd.DataFrame, prepared: Prepared, spec: LinkSpec) -> np.ndarray:
    """Rows without any name; an error unless ``spec.empty_names`` says otherwise."""
    if not prepared.has_names:
        raise InputError("no name field to link on: map one of name, given_name, surname")
    empty: np.ndarray = prepared.frame["n_full"].isna().to_numpy(dtype=bool)
    if empty.any() and spec.empty_names == "error":
        where = records.attrs.get("columns", {})
        columns = [where.get(c, c) for c in ("name", "given_name", "surname") if c in records.columns]
        problems = [
            Problem("no name (empty or without letters)", str(r.source), _line(r), "/".join(columns))
            for r in records[empty].itertuples()
        ]
        raise InvalidData(
            problems,
            f"{len(problems)} record(s) without a name (--empty-names keep links them on their "
            "other fields, --empty-names skip leaves them out)",
        )
    return empty


def link_records(
    records: pd.DataFrame,
    spec: LinkSpec | None = None,
    *,
    engine: Engine = "duckdb",
    spark: Any = None,
    decisions: Iterable[Decision] = (),
) -> LinkResult:
    """Link ``records`` (columns ``source``, ``record_id``, optional ``line``, and fields named
    as in :data:`dadkhah.linkage.FIELDS`): train a Fellegi–Sunter model by EM, score candidate
    pairs, and cluster them at ``spec.threshold`` with reviewers' ``decisions`` applied.
    """
    spec = spec or LinkSpec()
    records = _check_records(records, spec)
    prepared = prepare(records, spec.calendar)
    empty = _empty_names(records, prepared, spec)
    keep = ~empty if spec.empty_names == "skip" else np.ones(len(records), dtype=bool)
    frame = prepared.frame[keep].copy()
    index = np.flatnonzero(keep)  # row of records for each row of frame
    frame.insert(0, "uid", np.arange(len(frame), dtype=np.int64))
    n_sources = records["source"].nunique()
    notes: list[str] = []
    if prepared.unparsed_dates:
        notes.append(f"{prepared.unparsed_dates} date(s) not understood; compared as unknown")
    if empty.any() and spec.empty_names != "error":
        done = "left out" if spec.empty_names == "skip" else "linked on their other fields"
        notes.append(f"{int(empty.sum())} record(s) without a name {done}")

    pairs = _score(frame, prepared, spec, engine, spark, n_sources, notes)
    odds = 1.0
    if spec.link_type == "link_and_dedupe" and n_sources > 1 and len(pairs):
        odds = within_list_odds(dataclasses.replace(prepared, frame=frame))
        pairs = _within_lists(pairs, frame["source"].to_numpy(), odds, spec.keep_pairs_above)
    pairs_l = index[pairs["uid_l"].to_numpy()]
    pairs_r = index[pairs["uid_r"].to_numpy()]
    result_pairs = pd.DataFrame(
        {
            "source_l": records["source"].to_numpy()[pairs_l],
            "record_id_l": records["record_id"].to_numpy()[pairs_l],
            "source_r": records["source"].to_numpy()[pairs_r],
            "record_id_r": records["record_id"].to_numpy()[pairs_r],
            "match_probability": pairs["match_probability"].to_numpy(),
            "match_weight": pairs["match_weight"].to_numpy(),
            "decision": "",
        }
    )
    model = pairs.attrs.get("model", {})
    result_pairs, cannot, extra_l, extra_r = _apply_decisions(result_pairs, records, decisions)
    left = np.concatenate([pairs_l, extra_l])
    right = np.concatenate([pairs_r, extra_r])
    effective = np.where(
        result_pairs["decision"] == "same",
        1.0,
        np.where(result_pairs["decision"] == "different", 0.0, result_pairs["match_probability"]),
    )
    decided = (result_pairs["decision"] == "same").to_numpy()
    labels = cluster_pairs(
        len(records), left, right, effective, spec.threshold, cannot,
        sources=records["source"].to_numpy(), same=zip(left[decided], right[decided], strict=True),
    )  # fmt: skip
    clusters = pd.DataFrame(
        {"source": records["source"], "record_id": records["record_id"], "cluster_id": labels + 1}
    )
    stats = {
        "records": len(records),
        "sources": int(n_sources),
        "pairs_scored": int(pairs.attrs.get("scored", len(pairs))),
        "pairs_kept": len(result_pairs),
        "clusters": int(labels.max() + 1) if len(labels) else 0,
    }
    return LinkResult(result_pairs, clusters, model, spec.threshold, stats, notes, odds)


def _within_lists(pairs: pd.DataFrame, sources: np.ndarray, odds: float, keep: float) -> pd.DataFrame:
    """Split the prior share of matches (λ) between pairs within one list and pairs across
    lists in the ratio ``odds`` (see :func:`within_list_odds`), keeping the share over all
    pairs: λ was estimated over every pair, so lowering it within lists alone would leave the
    pairs across lists, where most matches are, with too low a prior. Across lists the odds
    grow by N / (N_across + odds · N_within), within lists that times ``odds``."""
    sizes = pd.Series(sources).value_counts().to_numpy(dtype=float)
    n_all = sizes.sum() * (sizes.sum() - 1) / 2
    n_within = float((sizes * (sizes - 1) / 2).sum())
    across = np.log2(n_all / ((n_all - n_within) + odds * n_within)) if n_all > n_within else 0.0
    same = sources[pairs["uid_l"].to_numpy()] == sources[pairs["uid_r"].to_numpy()]
    weight = pairs["match_weight"].to_numpy() + across + np.where(same, np.log2(odds), 0.0)
    adjusted = pairs.assign(match_weight=weight, match_probability=1.0 / (1.0 + np.exp2(-weight)))
    adjusted = adjusted[adjusted["match_probability"] >= keep].reset_index(drop=True)
    adjusted.attrs.update(pairs.attrs)
    return adjusted


def _apply_decisions(
    pairs: pd.DataFrame, records: pd.DataFrame, decisions: Iterable[Decision]
) -> tuple[pd.DataFrame, list[tuple[int, int]], np.ndarray, np.ndarray]:
    """Mark decided pairs; add decided pairs the model did not score (with their record
    positions); list the pairs that must stay apart."""
    none = np.array([], dtype=np.int64)
    decisions = list(decisions)
    if not decisions:
        return pairs, [], none, none
    position = {key: i for i, key in enumerate(zip(records["source"], records["record_id"], strict=True))}
    known = position.keys()
    verdicts: dict[frozenset[RecordKey], str] = {}
    for d in decisions:
        for key in (d.left, d.right):
            if key not in known:
                raise InputError(f"decision names an unknown record {key[0]}/{key[1]}")
        verdicts[frozenset((d.left, d.right))] = d.verdict
    keys = [
        frozenset(((a, b), (c, d)))
        for a, b, c, d in zip(
            pairs["source_l"], pairs["record_id_l"], pairs["source_r"], pairs["record_id_r"], strict=True
        )
    ]
    pairs = pairs.copy()
    pairs["decision"] = [verdicts.get(k, "") for k in keys]
    scored = set(keys)
    extra = [
        {"source_l": a[0], "record_id_l": a[1], "source_r": b[0], "record_id_r": b[1],
         "match_probability": np.nan, "match_weight": np.nan, "decision": v}
        for k, v in verdicts.items()
        if k not in scored
        for a, b in [sorted(k)]
    ]  # fmt: skip
    extra_l = np.array([position[(e["source_l"], e["record_id_l"])] for e in extra], dtype=np.int64)
    extra_r = np.array([position[(e["source_r"], e["record_id_r"])] for e in extra], dtype=np.int64)
    if extra:
        pairs = pd.concat([pairs, pd.DataFrame(extra)], ignore_index=True)
    cannot = [
        (position[a], position[b]) for k, v in verdicts.items() if v == "different" for a, b in [sorted(k)]
    ]
    return pairs, cannot, extra_l, extra_r


# EM on lists whose matches never disagree on a field in the training blocks drives m of the
# disagreement levels to 1e-19: one clerical error would then veto a match outright. Clerks do
# err, so no level's m goes below this (a pseudo-count, renormalised per comparison).
M_FLOOR = 1e-3


def _smooth(model: dict[str, Any], u_floor: float) -> dict[str, Any]:
    """Floor every level's m at :data:`M_FLOOR`, and give levels that training never saw
    (m or u unset) the floor: no evidence that matches, or random pairs, land there. On tiny
    lists the near-certain rules may match every pair; the prior is kept below one half."""
    prior = float(model.get("probability_two_random_records_match") or 1e-4)
    model["probability_two_random_records_match"] = min(max(prior, 1e-9), 0.5)
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        trained = [float(lv.get("m_probability") or 0.0) >= M_FLOOR for lv in levels]
        mass = sum(float(lv.get("m_probability") or 0.0) for lv in levels) or 1.0
        raised = [max(float(lv.get("m_probability") or 0.0), M_FLOOR) for lv in levels]
        total = sum(raised)
        for lv, m, seen in zip(levels, raised, trained, strict=True):
            lv["m_probability"] = m * mass / total
            if lv.get("u_probability") is None:
                # Never among random pairs: evidence of a match if matches were seen there;
                # if they were not either, no evidence at all (a weight of zero).
                lv["u_probability"] = u_floor if seen else lv["m_probability"]
    return model


_UNSEEN = re.compile(r"Level (.+) on comparison (\S+) not observed in dataset")


def _estimate_lambda(training: Any, rules: list[Any]) -> None:
    """The share of pairs that match, from near-certain rules assumed to find 70% of matches
    (all of them, when the lists are so small that 70% cannot be)."""
    try:
        training.estimate_probability_two_random_records_match(rules, recall=0.7)
    except ValueError:
        training.estimate_probability_two_random_records_match(rules, recall=1.0)


class _Collect(logging.Handler):
    def __init__(self, notes: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if "max_pairs" in message or "You have called predict()" in message:
            return  # our own budget; and untrained levels are filled in before predicting
        if unseen := _UNSEEN.search(message):
            level, comparison = unseen.groups()
            message = f"{comparison}: level '{level}' not seen in training"
        if message and message not in self.notes:
            self.notes.append(message)


@contextmanager
def _splink_warnings(notes: list[str]) -> Iterator[None]:
    """Collect splink's warnings (untrainable levels, small samples) as notes, not stderr."""
    logger = logging.getLogger("splink")
    handler = _Collect(notes)
    saved = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [handler], False
    try:
        yield
    finally:
        logger.handlers, logger.propagate = saved


def _score(
    frame: pd.DataFrame,
    prepared: Prepared,
    spec: LinkSpec,
    engine: Engine,
    spark: Any,
    n_sources: int,
    notes: list[str],
) -> pd.DataFrame:
    """Train the model and return scored pairs (``uid_l``, ``uid_r``, probability, weight)."""
    prepared = dataclasses.replace(prepared, frame=frame)
    rules, rule_notes = prediction_rules(prepared, spec)
    notes.extend(rule_notes)
    if len(frame) < 2 or not rules:
        empty = pd.DataFrame({"uid_l": [], "uid_r": [], "match_probability": [], "match_weight": []})
        empty = empty.astype({"uid_l": "int64", "uid_r": "int64"})
        empty.attrs["model"] = {}
        return empty
    link_only = spec.link_type == "link_only" and n_sources > 1
    creator = settings(prepared, spec, rules, link_only)
    db_api = database_api(engine, spark)
    table = frame.drop(columns=["record_id"])
    sdf = db_api.register(table)
    with _splink_warnings(notes):
        linker = Linker(sdf, creator, log_level=logging.WARNING)
        training = linker.training
        _estimate_lambda(training, deterministic_rules(prepared))
        # One pass over the sample: splink's chunked early stopping costs a query per chunk,
        # which Spark pays dearly for.
        training.estimate_u_using_random_sampling(
            max_pairs=spec.u_max_pairs, seed=spec.seed, min_count_per_level=None, num_chunks=1
        )
        for rule in training_rules(prepared, spec):
            before = linker.misc.save_model_to_json()
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    rule.creator(), estimate_without_term_frequencies=True
                )
            except Exception as e:  # noqa: BLE001 — EM can diverge on a degenerate block
                notes.append(f"EM on {'+'.join(rule.columns)} failed ({e}); its estimates discarded")
                linker = Linker(sdf, before, log_level=logging.WARNING)
        trained = _smooth(linker.misc.save_model_to_json(), 1.0 / spec.u_max_pairs)
        linker = Linker(sdf, trained, log_level=logging.WARNING)
        predictions = linker.inference.predict(threshold_match_probability=spec.keep_pairs_above)
        scored = predictions.as_pandas_dataframe()  # type: ignore[no-untyped-call]
    pairs = scored[["uid_l", "uid_r", "match_probability", "match_weight"]].copy()
    pairs["uid_l"] = pairs["uid_l"].astype("int64")
    pairs["uid_r"] = pairs["uid_r"].astype("int64")
    pairs.attrs["model"] = linker.misc.save_model_to_json()
    pairs.attrs["scored"] = len(pairs)
    return pairs
