"""Poisson regression by Newton's method, and the checks that its maximum-likelihood estimate exists.

The existence theory is that of Haberman (1974) and Fienberg & Rinaldo (2012, Ann. Statist. 40):
for a design ``X`` and counts ``y``, the log-likelihood keeps rising along a direction ``d`` when
``X d`` is zero on the positive cells and non-positive on the zero cells. Such directions form the
recession cone R. Zero cells that some ``d`` in R pushes down have fitted value 0 in the
*extended* MLE; the remaining cells (the facial set) determine the fit. For population size the
question is what happens to the unobserved cell, whose design row is the unit vector ``e0``
(intercept only): Chan, Silverman & Vincent (2021, JASA 116) apply the same linear-programming test
to multiple systems estimation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog
from scipy.special import gammaln

Array = NDArray[np.float64]


class Existence(StrEnum):
    """What the data allow the maximum-likelihood estimate of the unobserved cell to be."""

    OK = "ok"  # the ordinary MLE exists and is unique
    BOUNDARY = "boundary"  # some fitted cells are exactly zero, but the unobserved cell is determined
    INFINITE = "infinite"  # the likelihood rises without bound as the unobserved cell grows
    DEGENERATE = "degenerate"  # the likelihood rises as the unobserved cell shrinks to zero
    NOT_IDENTIFIABLE = "not_identifiable"  # every size of the unobserved cell fits equally well

    @property
    def estimable(self) -> bool:
        return self in (Existence.OK, Existence.BOUNDARY)


@dataclass(frozen=True)
class ExistenceCheck:
    status: Existence
    facial: NDArray[np.bool_]  # cells whose extended-MLE fit is positive
    rank: int  # rank of the design on the facial set
    n_params: int

    def explain(self) -> str:
        dropped = int((~self.facial).sum())
        return {
            Existence.OK: "the maximum-likelihood estimate exists",
            Existence.BOUNDARY: (
                f"{dropped} zero cell(s) are fitted as exactly zero (some interaction parameters are "
                "minus infinity), but the number unobserved is still determined"
            ),
            Existence.INFINITE: (
                "the maximum-likelihood estimate does not exist: with these zero cells the "
                "likelihood keeps rising as the number unobserved grows without bound"
            ),
            Existence.DEGENERATE: (
                "the maximum-likelihood estimate does not exist: the likelihood keeps rising as the "
                "number unobserved shrinks to zero"
            ),
            Existence.NOT_IDENTIFIABLE: (
                f"the model is not identifiable on these data: only {self.rank} of its "
                f"{self.n_params} parameters are determined by the cells that can be fitted, and every "
                "number unobserved fits equally well"
            ),
        }[self.status]


def check_existence(x: Array, y: Array, *, tol: float = 1e-9) -> ExistenceCheck:
    """Classify the MLE of the unobserved cell for design ``x`` (rows: observed cells) and counts ``y``.

    Column 0 of ``x`` must be the intercept, so the unobserved cell's design row is ``e0``.
    """
    positive = y > 0
    zero_cells = ~positive
    n_params = x.shape[1]
    facial = positive.copy()
    up = down = 0.0
    if zero_cells.any():
        pushed = _pushed_down(x[positive], x[zero_cells])
        facial[np.flatnonzero(zero_cells)[~pushed]] = True
        if pushed.any():
            up = _extreme_intercept(x[positive], x[zero_cells], sense=1.0)
            down = _extreme_intercept(x[positive], x[zero_cells], sense=-1.0)
    on_face = x[facial]
    rank = _rank(on_face)
    determined = _rank(np.vstack([on_face, _unit(n_params)])) == rank
    if determined:
        status = Existence.OK if facial.all() and rank == n_params else Existence.BOUNDARY
        if facial.all() and rank < n_params:
            status = Existence.BOUNDARY  # redundant parameters, yet the unobserved cell is fixed
    elif up > tol and down > tol:
        status = Existence.NOT_IDENTIFIABLE
    elif up > tol:
        status = Existence.INFINITE
    elif down > tol:
        status = Existence.DEGENERATE
    else:
        status = Existence.NOT_IDENTIFIABLE
    return ExistenceCheck(status, facial, rank, n_params)


def _pushed_down(x_pos: Array, x_zero: Array) -> NDArray[np.bool_]:
    """Zero cells that some recession direction drives to zero (LP: maximise their total slack)."""
    n_params = x_pos.shape[1]
    n_zero = x_zero.shape[0]
    # Variables: d (free), s in [0, 1]; maximise sum(s) s.t. X+ d = 0 and X0 d + s <= 0.
    cost = np.concatenate([np.zeros(n_params), -np.ones(n_zero)])
    a_ub = np.hstack([x_zero, np.eye(n_zero)])
    a_eq = np.hstack([x_pos, np.zeros((x_pos.shape[0], n_zero))]) if x_pos.size else None
    bounds = [(None, None)] * n_params + [(0.0, 1.0)] * n_zero
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=np.zeros(n_zero),
        A_eq=a_eq,
        b_eq=np.zeros(x_pos.shape[0]) if a_eq is not None else None,
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:
        raise ArithmeticError(f"existence check failed: {result.message}")
    return np.asarray(result.x[n_params:] > 0.5)


def _extreme_intercept(x_pos: Array, x_zero: Array, *, sense: float) -> float:
    """The largest ``sense * d0`` over recession directions with ``|d0| <= 1``."""
    n_params = x_pos.shape[1]
    cost = np.zeros(n_params)
    cost[0] = -sense
    bounds = [(-1.0, 1.0)] + [(None, None)] * (n_params - 1)
    result = linprog(
        cost,
        A_ub=x_zero,
        b_ub=np.zeros(x_zero.shape[0]),
        A_eq=x_pos if x_pos.size else None,
        b_eq=np.zeros(x_pos.shape[0]) if x_pos.size else None,
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:
        raise ArithmeticError(f"existence check failed: {result.message}")
    return float(-result.fun)


def _rank(matrix: Array) -> int:
    if matrix.size == 0:
        return 0
    return int(np.linalg.matrix_rank(matrix, tol=1e-8 * max(matrix.shape)))


def _unit(size: int) -> Array:
    unit = np.zeros((1, size))
    unit[0, 0] = 1.0
    return unit


@dataclass(frozen=True)
class PoissonFit:
    coef: Array
    fitted: Array
    loglik: float
    cov: Array | None  # inverse Fisher information; None when singular
    iterations: int

    def aic(self) -> float:
        return -2.0 * self.loglik + 2.0 * len(self.coef)

    def wald_p(self, column: int) -> float:
        if self.cov is None or self.cov[column, column] <= 0:
            return math.nan
        z = abs(self.coef[column]) / math.sqrt(self.cov[column, column])
        return math.erfc(z / math.sqrt(2.0))


def poisson_loglik(y: Array, mu: Array) -> float:
    """Poisson log-likelihood including the ``log y!`` term; cells with ``mu == 0`` need ``y == 0``."""
    positive = y > 0
    value = float(np.sum(y[positive] * np.log(mu[positive])) - mu.sum() - gammaln(y + 1.0).sum())
    return value


def fit_poisson(
    x: Array, y: Array, *, start: Array | None = None, max_iter: int = 100, tol: float = 1e-12
) -> PoissonFit:
    """Maximum-likelihood Poisson regression with log link (Newton–Raphson with step halving).

    ``x`` must have full column rank and the MLE must exist (see :func:`check_existence`).
    """
    if start is None:
        coef = np.linalg.lstsq(x, np.log(y + 0.5), rcond=None)[0]
    else:
        coef = start.copy()
    eta = np.clip(x @ coef, -700, 700)
    mu = np.exp(eta)
    loglik = poisson_loglik(y, mu)
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - reported after the loop
        info = x.T @ (mu[:, None] * x)
        score = x.T @ (y - mu)
        step = np.linalg.solve(info, score)
        scale = 1.0
        while True:
            trial = coef + scale * step
            trial_mu = np.exp(np.clip(x @ trial, -700, 700))
            trial_loglik = poisson_loglik(y, trial_mu)
            if trial_loglik >= loglik - 1e-10 * abs(loglik) or scale < 1e-8:
                break
            scale /= 2.0
        gain = trial_loglik - loglik
        coef, mu, loglik = trial, trial_mu, trial_loglik
        if abs(gain) <= tol * max(1.0, abs(loglik)) and float(np.max(np.abs(scale * step))) < 1e-8:
            break
    info = x.T @ (mu[:, None] * x)
    try:
        cov = np.linalg.inv(info)
    except np.linalg.LinAlgError:
        cov = None
    return PoissonFit(np.asarray(coef, dtype=np.float64), mu, loglik, cov, iterations)
