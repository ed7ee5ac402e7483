"""Stratified estimation from capture records: one table and one estimate per stratum, and a total.

A capture record is one linked (canonical) victim: the set of lists that recorded them and the
values of the fields used to stratify (prison, month, sex, ...). Capture probabilities often
differ between strata (a prison one group documented well, another it never reached), and
estimating each stratum on its own lets them differ.

A stratum needs at least three lists that recorded someone in it; with fewer, the overlap cannot
tell list dependence from undercount, so the stratum is reported as not estimable and adds only
its documented count to the total (never silently dropped).

The total: for the Bayesian methods the posterior draws of each stratum are summed draw by draw
(strata are estimated independently, so this is a draw from the posterior of the sum); for the
log-linear method the estimates are summed and the interval is the sum of the strata's bounds,
which is conservative (wider than an exact interval for the sum).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dadkhah.errors import InputError
from dadkhah.estimate import assumptions
from dadkhah.estimate.dga import estimate_dga
from dadkhah.estimate.lcmcr import SamplerSettings, chain_seeds, estimate_lcmcr
from dadkhah.estimate.loglinear import estimate_loglinear
from dadkhah.estimate.result import NOT_ESTIMABLE, OK, Estimate
from dadkhah.estimate.table import CaptureTable, from_memberships

CaptureRecord = tuple[frozenset[str], Mapping[str, str]]
UNKNOWN = "(unknown)"
MIN_LISTS = 3
METHODS = ("lcmcr", "loglinear", "dga")


@dataclass(frozen=True)
class CaseCaptures:
    """What the linkage of a case provides: the list (source) names and one record per victim."""

    lists: tuple[str, ...]
    records: Sequence[CaptureRecord]


@dataclass
class StratumEstimate:
    """One stratum: its field values, its table, and an estimate or the reason there is none."""

    key: dict[str, str]
    table: CaptureTable
    lists_used: tuple[str, ...]
    estimate: Estimate | None
    reason: str | None = None

    @property
    def label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.key.items()) or "all"

    @property
    def status(self) -> str:
        return OK if self.estimate is not None and self.estimate.estimable else NOT_ESTIMABLE

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "stratum": self.key,
            "status": self.status,
            "observed": self.table.observed,
            "lists_used": list(self.lists_used),
        }
        if self.estimate is not None:
            result = self.estimate.to_dict()
            for name in ("estimate", "lower", "upper", "level", "details", "warnings"):
                data[name] = result[name]
            data["reason"] = result["reason"]
        else:
            data.update({"estimate": None, "lower": None, "upper": None, "reason": self.reason})
        return data


@dataclass
class Total:
    observed: int
    estimate: float | None
    lower: float | None
    upper: float | None
    level: float
    combined: str
    not_estimable_observed: int = 0
    draws: np.ndarray | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None or not np.isfinite(value) else round(float(value), 2)

        return {
            "observed": self.observed,
            "estimate": rounded(self.estimate),
            "lower": rounded(self.lower),
            "upper": rounded(self.upper),
            "level": self.level,
            "combined": self.combined,
            "observed_in_not_estimable_strata": self.not_estimable_observed,
        }


@dataclass
class StratifiedEstimate:
    method: str
    stratify_by: tuple[str, ...]
    lists: tuple[str, ...]
    strata: list[StratumEstimate]
    total: Total
    assumptions: list[str]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "stratify_by": list(self.stratify_by),
            "lists": list(self.lists),
            "strata": [s.to_dict() for s in self.strata],
            "total": self.total.to_dict(),
            "warnings": list(self.warnings),
            "assumptions": list(self.assumptions),
        }


def tables_by_stratum(
    records: Iterable[CaptureRecord], lists: Sequence[str], stratify_by: Sequence[str]
) -> tuple[dict[tuple[str, ...], CaptureTable], int]:
    """One capture table per combination of stratum values; also how many records no list held."""
    known = set(lists)
    memberships: dict[tuple[str, ...], list[frozenset[str]]] = {}
    on_no_list = 0
    for member_of, strata in records:
        on_lists = frozenset(member_of) & known
        if not on_lists:
            on_no_list += 1
            continue
        key = tuple((strata.get(name) or UNKNOWN) for name in stratify_by)
        memberships.setdefault(key, []).append(on_lists)
    tables = {key: from_memberships(lists, members) for key, members in sorted(memberships.items())}
    return tables, on_no_list


def estimate_strata(
    records: Iterable[CaptureRecord],
    lists: Sequence[str],
    stratify_by: Sequence[str] = (),
    *,
    method: str = "lcmcr",
    level: float = 0.95,
    seed: int | None = None,
    settings: SamplerSettings | None = None,
    threshold: float = 0.05,
    delta: float | None = None,
) -> StratifiedEstimate:
    """Estimate each stratum separately and combine them into a total (see the module docstring)."""
    if method not in METHODS:
        raise InputError(f"unknown method '{method}'; choose one of {', '.join(METHODS)}", field="method")
    if len(set(lists)) != len(lists) or len(lists) < 2:
        raise InputError("give at least two distinct list names", field="lists")
    tables, on_no_list = tables_by_stratum(records, lists, stratify_by)
    if not tables:
        raise InputError("no record is on any of the lists: nothing to estimate", field="records")
    seeds = chain_seeds(seed, len(tables))
    strata: list[StratumEstimate] = []
    for (key, table), stratum_seed in zip(tables.items(), seeds, strict=True):
        reduced, _ = table.without_empty_lists()
        labels = dict(zip(stratify_by, key, strict=True))
        if reduced.n_lists < MIN_LISTS:
            named = ", ".join(reduced.lists) or "none"
            reason = (
                f"only {reduced.n_lists} list(s) recorded anyone in this stratum ({named}); "
                f"at least {MIN_LISTS} are needed"
            )
            strata.append(StratumEstimate(labels, table, reduced.lists, None, reason))
            continue
        estimate = _estimate(reduced, method, level, stratum_seed, settings, threshold, delta)
        strata.append(StratumEstimate(labels, table, reduced.lists, estimate, estimate.reason))
    text = assumptions.for_method(method, n_lists=len(lists), stepwise=True) + (
        assumptions.STRATIFIED if stratify_by else []
    )
    result = StratifiedEstimate(
        method, tuple(stratify_by), tuple(lists), strata, _total(strata, method, level, seed), text
    )
    if on_no_list:
        result.warnings.append(f"{on_no_list} record(s) on none of the lists were ignored")
    skipped = [s.label for s in strata if s.status != OK]
    if skipped:
        result.warnings.append(
            f"not estimable, counted as documented only: {', '.join(skipped)}; the total is a lower "
            "bound for them"
        )
    return result


def _estimate(
    table: CaptureTable,
    method: str,
    level: float,
    seed: int,
    settings: SamplerSettings | None,
    threshold: float,
    delta: float | None,
) -> Estimate:
    if method == "lcmcr":
        return estimate_lcmcr(table, settings=settings, seed=seed, level=level)
    if method == "dga":
        return estimate_dga(table, delta=delta, level=level, seed=seed)
    return estimate_loglinear(table, threshold=threshold, level=level)


def _total(strata: list[StratumEstimate], method: str, level: float, seed: int | None) -> Total:
    observed = sum(s.table.observed for s in strata)
    done = [s.estimate for s in strata if s.estimate is not None and s.estimate.estimable]
    left_out = sum(s.table.observed for s in strata if s.status != OK)
    if not done:
        return Total(observed, None, None, None, level, "no stratum could be estimated", left_out)
    tail = (1.0 - level) / 2.0
    if method in ("lcmcr", "dga"):
        rng = np.random.default_rng(seed)
        size = max(len(e.posterior.draws) for e in done if e.posterior and e.posterior.draws is not None)
        total_draws = np.full(size, float(left_out))
        for e in done:
            assert e.posterior is not None and e.posterior.draws is not None
            draws = e.posterior.draws
            if len(draws) != size:
                draws = rng.choice(draws, size=size, replace=True)
            total_draws += rng.permutation(draws)
        lower, median, upper = np.quantile(total_draws, [tail, 0.5, 1.0 - tail])
        combined = (
            "posterior draws of the strata summed draw by draw (strata independent); median and "
            "equal-tailed interval of the sums"
        )
        if left_out:
            combined += "; documented count of not-estimable strata added as known"
        return Total(
            observed, float(median), float(lower), float(upper), level, combined, left_out, total_draws
        )
    estimate = sum(e.estimate for e in done if e.estimate is not None) + left_out
    lower = sum(e.lower for e in done if e.lower is not None) + left_out
    upper = sum(e.upper for e in done if e.upper is not None) + left_out
    combined = "estimates summed; interval = sum of the strata's bounds (conservative)"
    if left_out:
        combined += "; documented count of not-estimable strata added as known"
    return Total(observed, float(estimate), float(lower), float(upper), level, combined, left_out)


def stratum_counts(records: Iterable[CaptureRecord], stratify_by: Sequence[str]) -> Counter[tuple[str, ...]]:
    """How many records fall in each stratum (for a quick look before estimating)."""
    return Counter(tuple((s.get(f) or UNKNOWN) for f in stratify_by) for _, s in records)
