"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997).

Madigan, D. and York, J. C. (1997), "Bayesian methods for estimation of the size of a closed
population", *Biometrika* 84(1):19–31; the method of HRDAG's R package dga.

For a decomposable graph G and a candidate number ``m`` of people on no list, the completed
2^J table has a hyper-Dirichlet prior (Dawid & Lauritzen 1993) with ``delta`` imaginary records
per cell, so a clique's marginal table has ``delta · 2^(J−|C|)`` per cell. Its marginal
likelihood is then a product of Dirichlet-multinomial terms over cliques divided by the same
over separators, times the multinomial coefficient ``N! / m!`` (the observed cells' factorials are
common to every G and m). Adding the log prior on N and normalising over all graphs and all ``m``
gives the joint posterior of (G, m); summing over graphs averages the models.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln, logsumexp

from dadkhah.errors import InputError
from dadkhah.estimate import assumptions
from dadkhah.estimate.graphs import Graph, decomposable_graphs
from dadkhah.estimate.result import Estimate, PosteriorN
from dadkhah.estimate.table import CaptureTable

Array = NDArray[np.float64]
LogPrior = Callable[[Array], Array]
MAX_LISTS = 5


def inverse_n_prior(total: Array) -> Array:
    """log p(N) for p(N) ∝ 1/N, the default (as in dga)."""
    return -np.log(total)


@dataclass(frozen=True)
class ModelPosterior:
    """Joint posterior of (graph, number unobserved) on a grid."""

    graphs: tuple[Graph, ...]
    missing: NDArray[np.int64]  # grid of the number of people on no list
    observed: int
    log_weights: Array  # (graphs, grid), normalised so that logsumexp == 0

    @property
    def weights(self) -> Array:
        return np.exp(self.log_weights)

    @property
    def totals(self) -> Array:
        return np.asarray(self.observed + self.missing.astype(float), dtype=np.float64)

    def model_probabilities(self) -> Array:
        return np.asarray(self.weights.sum(axis=1), dtype=np.float64)

    def averaged(self) -> Array:
        """Model-averaged posterior of the number unobserved over the grid."""
        return np.asarray(self.weights.sum(axis=0), dtype=np.float64)

    def for_graph(self, index: int) -> Array:
        row = self.weights[index]
        return np.asarray(row / row.sum(), dtype=np.float64)


def _marginals(cells: NDArray[np.int64], n_lists: int, subset: frozenset[int]) -> NDArray[np.int64]:
    """Marginal tables over ``subset`` for a batch of completed tables ``cells`` (rows: grid)."""
    members = sorted(subset)
    index = np.zeros(2**n_lists, dtype=np.int64)
    for new_bit, j in enumerate(members):
        index |= ((np.arange(2**n_lists) >> j) & 1) << new_bit
    out = np.zeros((cells.shape[0], 2 ** len(members)), dtype=np.int64)
    for cell in range(2**n_lists):
        out[:, index[cell]] += cells[:, cell]
    return out


def _log_marginal(marginals: NDArray[np.int64], size: int, n_lists: int, delta: float) -> Array:
    alpha = delta * 2.0 ** (n_lists - size)
    total_alpha = delta * 2.0**n_lists
    totals = marginals.sum(axis=1)
    return np.asarray(
        gammaln(alpha + marginals).sum(axis=1)
        - marginals.shape[1] * gammaln(alpha)
        + gammaln(total_alpha)
        - gammaln(total_alpha + totals)
    )


def model_posterior(
    table: CaptureTable,
    missing: NDArray[np.int64],
    *,
    delta: float | None = None,
    log_prior: LogPrior = inverse_n_prior,
) -> ModelPosterior:
    """Posterior over every decomposable graph and each number unobserved in ``missing``."""
    n_lists = table.n_lists
    if not 2 <= n_lists <= MAX_LISTS:
        raise InputError(
            f"dga averages over decomposable graphs for 2 to {MAX_LISTS} lists; this table has "
            f"{n_lists} (use --method lcmcr or loglinear)",
            file=table.source,
        )
    delta = 2.0**-n_lists if delta is None else delta
    graphs = decomposable_graphs(n_lists)
    observed_cells = table.cell_counts()
    cells = np.tile(observed_cells, (len(missing), 1))
    cells[:, 0] = missing
    totals = table.observed + missing.astype(float)
    terms: dict[frozenset[int], Array] = {}

    def term(subset: frozenset[int]) -> Array:
        if subset not in terms:
            terms[subset] = _log_marginal(_marginals(cells, n_lists, subset), len(subset), n_lists, delta)
        return terms[subset]

    common = gammaln(totals + 1.0) - gammaln(missing + 1.0) + log_prior(totals)
    log_weights = np.empty((len(graphs), len(missing)))
    for k, graph in enumerate(graphs):
        value = common.copy()
        for clique in graph.cliques:
            value += term(clique)
        for separator in graph.separators:
            value -= term(separator)
        log_weights[k] = value
    log_weights -= logsumexp(log_weights)
    return ModelPosterior(graphs, missing, table.observed, log_weights)


def bayes_estimator(totals: Array, weights: Array) -> float:
    """Bayes estimator under relative squared-error loss: E[1/N] / E[1/N²] (as in dga)."""
    return float(np.sum(weights / totals) / np.sum(weights / totals**2))


def quantile(totals: Array, weights: Array, q: float) -> float:
    cumulative = np.cumsum(weights) / weights.sum()
    return float(totals[min(int(np.searchsorted(cumulative, q)), len(totals) - 1)])


GRID_BUDGET = 16_000_000  # graphs x grid points held at once (128 MB of float64)


def default_grid(observed: int, max_points: int = 4001) -> NDArray[np.int64]:
    """Numbers unobserved to consider: 0 to max(20 n, 2000), evenly spaced, at most ``max_points``.

    Equal spacing keeps the grid sums proportional to the posterior; with 822 graphs on 5 lists a
    grid of every integer up to 20 n could need gigabytes. The spacing is reported.
    """
    top = max(20 * observed, 2000)
    step = max(1, -(-top // (max_points - 1)))
    return np.arange(0, top + 1, step, dtype=np.int64)


def estimate_dga(
    table: CaptureTable,
    *,
    delta: float | None = None,
    level: float = 0.95,
    missing: NDArray[np.int64] | None = None,
    log_prior: LogPrior = inverse_n_prior,
    seed: int | None = None,
    draws: int = 4000,
) -> Estimate:
    """Model-averaged posterior of N; the estimate is the posterior median."""
    if table.n_lists < 3:
        raise InputError("dga needs at least 3 lists", file=table.source)
    table, dropped = table.without_empty_lists()
    if table.n_lists < 3:
        raise InputError("dga needs at least 3 lists that recorded someone", file=table.source)
    if table.n_lists > MAX_LISTS:
        raise InputError(
            f"dga averages over decomposable graphs for 2 to {MAX_LISTS} lists; this table has "
            f"{table.n_lists} (use --method lcmcr or loglinear)",
            file=table.source,
        )
    delta = 2.0**-table.n_lists if delta is None else delta
    n_graphs = len(decomposable_graphs(table.n_lists))
    grid = default_grid(table.observed, GRID_BUDGET // n_graphs) if missing is None else missing
    posterior = model_posterior(table, grid, delta=delta, log_prior=log_prior)
    averaged = posterior.averaged()
    totals = posterior.totals
    tail = 1.0 - level
    probabilities = posterior.model_probabilities()
    order = np.argsort(probabilities)[::-1]
    top = [
        {"graph": posterior.graphs[k].label(table.lists), "probability": float(probabilities[k])}
        for k in order[:5]
    ]
    edge_at_end = float(averaged[-10:].sum())
    details: dict[str, object] = {
        "delta": delta,
        "prior_on_n": "proportional to 1/N" if log_prior is inverse_n_prior else "user supplied",
        "graphs": len(posterior.graphs),
        "top_models": top,
        "posterior_mean": float(np.sum(totals * averaged)),
        "posterior_mode": float(totals[int(np.argmax(averaged))]),
        "bayes_estimator": bayes_estimator(totals, averaged),
        "grid": {
            "first": int(grid[0]),
            "last": int(grid[-1]),
            "step": int(grid[1] - grid[0]) if len(grid) > 1 else 1,
        },
    }
    rng = np.random.default_rng(seed)
    sample = rng.choice(totals, size=draws, p=averaged / averaged.sum())
    estimate = Estimate(
        method="dga",
        lists=table.lists,
        observed=table.observed,
        estimate=quantile(totals, averaged, 0.5),
        lower=quantile(totals, averaged, tail / 2.0),
        upper=quantile(totals, averaged, 1.0 - tail / 2.0),
        level=level,
        assumptions=assumptions.for_method("dga", n_lists=table.n_lists),
        details=details,
        posterior=PosteriorN("posterior", grid=totals, weights=averaged, draws=sample.astype(float)),
    )
    if edge_at_end > 1e-4:
        estimate.warnings.append(
            f"posterior mass near the end of the grid ({edge_at_end:.2g}): the upper tail is cut off"
        )
    if dropped:
        estimate.warnings.append(f"lists that recorded nobody were left out: {', '.join(dropped)}")
    if math.isclose(float(probabilities.max()), 1.0 / len(posterior.graphs)):
        estimate.warnings.append("the data do not distinguish between the models")
    return estimate
