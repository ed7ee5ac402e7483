"""Log-linear multiple systems estimation: Poisson models of the capture-pattern table.

The 2^J − 1 observed cells (patterns absent from the input are zeros) are fitted by a Poisson
log-linear model with an intercept, a main effect per list and chosen pairwise interactions
(Fienberg 1972; Bishop, Fienberg & Holland 1975). The unobserved cell's expected count is
``exp(intercept)``, so the estimate of the population is ``n + exp(intercept)``.

The interval is a profile-likelihood interval (Cormack 1992): for each candidate N the table is
completed with ``N − n`` people on no list, the model is refitted as a multinomial over all 2^J
cells, and N is kept while twice the fall in log-likelihood from its maximum is below the χ²₁
quantile.

Model choice follows Bales, Hesketh & Silverman (2015, *Significance* 12(3)), used for the UK's 2013
modern-slavery estimate: start from independent lists and add, one at a time, the pairwise
interaction that lowers AIC most, stopping when no interaction lowers AIC or the best one's Wald
p-value exceeds the threshold. Candidate models whose MLE does not exist are skipped (Chan,
Silverman & Vincent 2021).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln
from scipy.stats import chi2

from dadkhah.errors import InputError
from dadkhah.estimate import assumptions
from dadkhah.estimate.glm import Existence, ExistenceCheck, check_existence, fit_poisson
from dadkhah.estimate.result import Estimate, PosteriorN, not_estimable
from dadkhah.estimate.table import CaptureTable

Array = NDArray[np.float64]
Pair = tuple[int, int]
MAX_LISTS = 12  # 4,096 cells and 66 candidate interactions per stepwise round


def design(n_lists: int, pairs: Sequence[Pair]) -> Array:
    """Design matrix over all 2^J cells (row = bitmask): intercept, main effects, then ``pairs``."""
    cells = np.arange(2**n_lists)
    bits = ((cells[:, None] >> np.arange(n_lists)) & 1).astype(float)
    columns = [np.ones(len(cells)), *bits.T]
    columns += [bits[:, i] * bits[:, j] for i, j in pairs]
    return np.column_stack(columns)


@dataclass(frozen=True)
class LoglinearFit:
    """One fitted model: its pairwise terms, its existence check and (when estimable) its fit."""

    pairs: tuple[Pair, ...]
    check: ExistenceCheck
    coef: Array | None = None
    cov: Array | None = None
    loglik: float = math.nan
    unobserved: float = math.nan  # fitted count of the all-zero cell
    fitted: Array | None = None  # fitted counts of cells 1..2^J-1 (zero where outside the face)

    @property
    def aic(self) -> float:
        return -2.0 * self.loglik + 2.0 * (1 + self._n_lists() + len(self.pairs))

    def _n_lists(self) -> int:
        return self.check.n_params - 1 - len(self.pairs)

    def p_value(self, pair: Pair) -> float:
        """Two-sided Wald p-value of one interaction's coefficient."""
        if self.coef is None or self.cov is None:
            return math.nan
        column = 1 + self._n_lists() + self.pairs.index(pair)
        se = math.sqrt(max(self.cov[column, column], 0.0))
        return math.erfc(abs(self.coef[column]) / se / math.sqrt(2.0)) if se > 0 else math.nan


def fit_model(table: CaptureTable, pairs: Iterable[Pair]) -> LoglinearFit:
    """Fit one log-linear model; when its MLE does not exist the fit says so and holds no numbers."""
    pairs = tuple(sorted(tuple(sorted(p)) for p in pairs))  # type: ignore[misc]
    x = design(table.n_lists, pairs)[1:]
    y = table.cell_counts()[1:].astype(float)
    check = check_existence(x, y)
    if not check.status.estimable:
        return LoglinearFit(pairs, check)
    face = check.facial
    xf = x[face]
    keep = _independent_columns(xf)
    fit = fit_poisson(xf[:, keep], y[face])
    # The unobserved cell's row e0 lies in the row space of the face: log mu0 = a . eta_face.
    a = np.linalg.lstsq(xf.T, np.eye(x.shape[1])[0], rcond=None)[0]
    unobserved = float(np.exp(a @ np.log(fit.fitted)))
    fitted = np.zeros(len(y))
    fitted[face] = fit.fitted
    coef = cov = None
    if check.status is Existence.OK:
        coef, cov = fit.coef, fit.cov
    return LoglinearFit(pairs, check, coef, cov, fit.loglik, unobserved, fitted)


def _independent_columns(x: Array) -> NDArray[np.intp]:
    from scipy.linalg import qr

    _, r, pivots = qr(x, mode="economic", pivoting=True)
    diagonal = np.abs(np.diag(r))
    rank = int((diagonal > 1e-9 * diagonal[0]).sum()) if diagonal.size else 0
    return np.sort(pivots[:rank])


def profile_interval(
    table: CaptureTable, model: LoglinearFit, level: float = 0.95
) -> tuple[float, float, float, Array, Array]:
    """Profile-likelihood interval for N: (N at the maximum, lower, upper, grid, relative likelihood)."""
    n = table.observed
    x_all = design(table.n_lists, model.pairs)
    face = np.concatenate([[True], model.check.facial])
    x = x_all[face][:, _independent_columns(x_all[face])]
    y_obs = table.cell_counts()[1:].astype(float)[model.check.facial]
    state: dict[str, Array] = {}

    def loglik(total: float) -> float:
        missing = total - n
        y = np.concatenate([[missing], y_obs])
        fit = fit_poisson(x, y, start=state.get("coef"))
        state["coef"] = fit.coef
        mu = fit.fitted
        positive = y > 0
        return float(
            gammaln(total + 1.0) - gammaln(missing + 1.0) + np.sum(y[positive] * np.log(mu[positive] / total))
        )

    guess = n + model.unobserved
    bracket_hi = max(guess * 4.0, n + 10.0)
    best = minimize_scalar(
        lambda t: -loglik(t), bounds=(n + 1e-9, bracket_hi), method="bounded", options={"xatol": 1e-6 * guess}
    )
    n_max, top = float(best.x), -float(best.fun)
    drop = chi2.ppf(level, df=1) / 2.0

    def gap(total: float) -> float:
        return float(top - loglik(total) - drop)

    lower = float(n)
    if gap(n + 1e-9) > 0:
        lower = brentq(gap, n + 1e-9, n_max, xtol=1e-6 * n_max)
    upper = math.inf
    hi = n_max
    for _ in range(60):
        hi = n + (hi - n) * 2.0 + 1.0
        if gap(hi) > 0:
            upper = brentq(gap, n_max, hi, xtol=1e-6 * n_max)
            break
    top_grid = upper if math.isfinite(upper) else hi
    grid = np.linspace(max(n, lower - 0.5 * (n_max - lower)), top_grid + 0.5 * (top_grid - n_max), 200)
    relative = np.exp([loglik(float(t)) - top for t in grid])
    return n_max, lower, upper, grid, np.asarray(relative)


@dataclass
class StepwiseStep:
    added: Pair
    aic: float
    p_value: float


@dataclass
class StepwiseResult:
    model: LoglinearFit
    steps: list[StepwiseStep] = field(default_factory=list)
    skipped: list[Pair] = field(default_factory=list)  # candidates whose MLE did not exist
    stop_reason: str = ""


def stepwise(table: CaptureTable, threshold: float = 0.05) -> StepwiseResult:
    """Bales–Hesketh–Silverman stepwise selection of pairwise interactions."""
    current = fit_model(table, ())
    if not current.check.status.estimable:
        return StepwiseResult(current, stop_reason=current.check.explain())
    result = StepwiseResult(current)
    candidates = list(combinations(range(table.n_lists), 2))
    skipped: set[Pair] = set()
    while True:
        best: tuple[float, Pair, LoglinearFit] | None = None
        for pair in candidates:
            if pair in current.pairs:
                continue
            trial = fit_model(table, (*current.pairs, pair))
            if trial.check.status is not Existence.OK:
                skipped.add(pair)
                continue
            if best is None or trial.aic < best[0]:
                best = (trial.aic, pair, trial)
        if best is None:
            result.stop_reason = "no further interaction can be fitted"
            break
        aic, pair, trial = best
        if aic >= current.aic:
            result.stop_reason = "no interaction lowers AIC"
            break
        p = trial.p_value(pair)
        if not p < threshold:
            result.stop_reason = f"best interaction has p = {p:.3g} ≥ {threshold:g}"
            break
        result.steps.append(StepwiseStep(pair, aic, p))
        current = trial
    result.model = current
    result.skipped = sorted(skipped - set(current.pairs))
    return result


def parse_pairs(lists: Sequence[str], spec: Iterable[str]) -> list[Pair]:
    """Pairs from names like ``"PF*NCA"`` or ``"PF:NCA"``."""
    position = {name: j for j, name in enumerate(lists)}
    pairs: list[Pair] = []
    for item in spec:
        parts = [p.strip() for p in item.replace(":", "*").split("*")]
        if len(parts) != 2 or any(p not in position for p in parts) or parts[0] == parts[1]:
            raise InputError(
                f"interaction '{item}' must name two different lists, e.g. "
                f"'{lists[0]}*{lists[1]}'; lists are {', '.join(lists)}",
                field="model",
            )
        i, j = sorted((position[parts[0]], position[parts[1]]))
        pairs.append((i, j))
    return pairs


def estimate_loglinear(
    table: CaptureTable,
    *,
    pairs: Sequence[Pair] | None = None,
    threshold: float = 0.05,
    level: float = 0.95,
) -> Estimate:
    """Estimate N with a log-linear model: ``pairs`` if given, else stepwise selection."""
    if table.n_lists < 2:
        raise InputError("log-linear estimation needs at least 2 lists", file=table.source)
    table, dropped = table.without_empty_lists()
    if table.n_lists > MAX_LISTS:
        raise InputError(
            f"log-linear models are fitted on all 2^J cells; {table.n_lists} lists is more than the "
            f"{MAX_LISTS} supported (use --method lcmcr)",
            file=table.source,
        )
    chosen_by_stepwise = pairs is None
    text = assumptions.for_method("loglinear", n_lists=table.n_lists, stepwise=chosen_by_stepwise)
    details: dict[str, object] = {}
    if chosen_by_stepwise:
        search = stepwise(table, threshold)
        model = search.model
        details["selection"] = {
            "procedure": "stepwise AIC with p-value threshold (Bales, Hesketh & Silverman 2015)",
            "threshold": threshold,
            "steps": [
                {"added": _pair_name(table, s.added), "aic": s.aic, "p_value": s.p_value}
                for s in search.steps
            ],
            "skipped_no_mle": [_pair_name(table, p) for p in search.skipped],
            "stopped": search.stop_reason,
        }
    else:
        model = fit_model(table, pairs or ())
    details["model"] = ["main effects", *(_pair_name(table, p) for p in model.pairs)]
    details["existence"] = {"status": str(model.check.status), "explanation": model.check.explain()}
    if not model.check.status.estimable:
        return not_estimable(
            "loglinear", table.lists, table.observed, level, model.check.explain(), text, details
        )
    details["aic"] = model.aic
    details["fitted_unobserved"] = model.unobserved
    if model.coef is not None:
        details["interaction_p_values"] = {_pair_name(table, p): model.p_value(p) for p in model.pairs}
    n_max, lower, upper, grid, relative = profile_interval(table, model, level)
    details["profile_maximum"] = n_max
    estimate = Estimate(
        method="loglinear",
        lists=table.lists,
        observed=table.observed,
        estimate=table.observed + model.unobserved,
        lower=lower,
        upper=upper,
        level=level,
        assumptions=text,
        details=details,
        posterior=PosteriorN("profile-likelihood", grid=grid, weights=relative),
    )
    if dropped:
        estimate.warnings.append(f"lists that recorded nobody were left out: {', '.join(dropped)}")
    if model.check.status is Existence.BOUNDARY:
        estimate.warnings.append(model.check.explain())
    if not math.isfinite(upper):
        estimate.warnings.append("the profile likelihood does not fall far enough: no finite upper bound")
    return estimate


def _pair_name(table: CaptureTable, pair: Pair) -> str:
    return f"{table.lists[pair[0]]}*{table.lists[pair[1]]}"
