"""LCMCR: the Bayesian non-parametric latent-class model of Manrique-Vallier (2016).

Manrique-Vallier, D. (2016), "Bayesian population size estimation using Dirichlet process mixtures",
*Biometrics* 72(4):1246–1254 — the model HRDAG has used since 2016. Defaults are HRDAG's
production ones (verdata): K = min(2^J − 1, 15) classes, Gamma(0.25, 0.25) on the concentration.

The posterior can be multimodal: one chain may stay for a long time in a mode with fewer occupied
classes (see reference/statistics.md §7). Several chains are run by default, and disagreement
between them is reported as a warning rather than averaged away.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from dadkhah.errors import InputError
from dadkhah.estimate import assumptions
from dadkhah.estimate._lcmcr_kernel import run_chain
from dadkhah.estimate.diagnostics import effective_sample_size, geweke_z, split_rhat
from dadkhah.estimate.result import Estimate, PosteriorN
from dadkhah.estimate.table import CaptureTable

Array = NDArray[np.float64]

RHAT_LIMIT = 1.05


@dataclass(frozen=True)
class SamplerSettings:
    """How long to run the Gibbs sampler; iterations are per chain."""

    chains: int = 4
    burn_in: int = 10_000
    draws: int = 1_000
    thin: int = 20
    max_classes: int | None = None  # default min(2^J − 1, 15)
    a_alpha: float = 0.25
    b_alpha: float = 0.25

    def classes(self, n_lists: int) -> int:
        return self.max_classes or min(2**n_lists - 1, 15)

    @property
    def iterations_per_chain(self) -> int:
        return self.burn_in + self.draws * self.thin


@dataclass(frozen=True)
class ChainsResult:
    """Kept draws of each chain (rows) and how fast they came."""

    n: Array
    alpha: Array
    occupied: NDArray[np.int64]
    seeds: tuple[int, ...]
    seconds: float  # wall clock
    iterations: int
    cpu_seconds: float = 0.0  # this process's processor time: steadier on a shared machine

    @property
    def iterations_per_second(self) -> float:
        return self.iterations / self.seconds if self.seconds > 0 else float("inf")

    @property
    def iterations_per_cpu_second(self) -> float:
        return self.iterations / self.cpu_seconds if self.cpu_seconds > 0 else float("inf")


def _csr(table: CaptureTable) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    table = table.nonzero()
    ptr = np.zeros(len(table.counts) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(table.patterns.sum(axis=1))
    idx = np.nonzero(table.patterns)[1].astype(np.int64)
    return ptr, idx, table.counts.astype(np.int64)


def chain_seeds(seed: int | None, chains: int) -> tuple[int, ...]:
    """Independent 32-bit seeds for each chain, derived reproducibly from one seed."""
    sequence = np.random.SeedSequence(seed)
    return tuple(int(s) for s in sequence.generate_state(chains, dtype=np.uint32))


def sample(table: CaptureTable, settings: SamplerSettings, seed: int | None) -> ChainsResult:
    """Run the chains one after another (each is single-threaded and reproducible from its seed)."""
    ptr, idx, counts = _csr(table)
    seeds = chain_seeds(seed, settings.chains)
    n_rows, alpha_rows, occupied_rows = [], [], []
    # Compile (or load the compiled kernel) before the clock starts: speed is of sampling only.
    run_chain(ptr, idx, counts, table.n_lists, 1, 1.0, 1.0, 0, 1, 1, 0)
    start, cpu_start = time.perf_counter(), time.process_time()
    for chain_seed in seeds:
        n, alpha, occupied = run_chain(
            ptr,
            idx,
            counts,
            table.n_lists,
            settings.classes(table.n_lists),
            settings.a_alpha,
            settings.b_alpha,
            settings.burn_in,
            settings.draws,
            settings.thin,
            chain_seed,
        )
        n_rows.append(n)
        alpha_rows.append(alpha)
        occupied_rows.append(occupied)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return ChainsResult(
        np.vstack(n_rows),
        np.vstack(alpha_rows),
        np.vstack(occupied_rows),
        seeds,
        seconds,
        settings.iterations_per_chain * settings.chains,
        cpu_seconds,
    )


def diagnose(chains: ChainsResult) -> tuple[dict[str, object], list[str]]:
    """Diagnostics per quantity and per chain, and warnings a person must read."""
    warnings: list[str] = []
    log_n = np.log(chains.n)
    rhat = split_rhat(log_n) if chains.n.shape[0] * chains.n.shape[1] >= 4 else float("nan")
    ess = effective_sample_size(log_n)
    per_chain = [
        {
            "seed": seed,
            "median": float(np.median(row)),
            "occupied_classes": float(occupied.mean()),
            "geweke_z": geweke_z(np.log(row)),
            "effective_sample_size": effective_sample_size(np.log(row)[None, :]),
        }
        for seed, row, occupied in zip(chains.seeds, chains.n, chains.occupied, strict=True)
    ]
    details: dict[str, object] = {
        "split_rhat_log_n": rhat,
        "effective_sample_size_log_n": ess,
        "split_rhat_alpha": split_rhat(chains.alpha),
        "chains": per_chain,
        "iterations_per_second": chains.iterations_per_second,
    }
    if chains.n.shape[0] > 1 and rhat > RHAT_LIMIT:
        medians = ", ".join(f"{c['median']:.0f}" for c in per_chain)
        classes = ", ".join(f"{c['occupied_classes']:.1f}" for c in per_chain)
        warnings.append(
            f"THE CHAINS DISAGREE (split R-hat {rhat:.2f} > {RHAT_LIMIT}): chain medians {medians}; "
            f"occupied classes {classes}. The posterior may have several modes; run longer chains "
            "and do not report this number until they agree."
        )
    if ess < 100:
        warnings.append(f"few effective draws ({ess:.0f}): run longer chains before relying on the interval")
    if any(abs(geweke_z(np.log(row))) > 3 for row in chains.n):
        warnings.append("a chain drifts between its start and its end (|Geweke z| > 3): lengthen burn-in")
    return details, warnings


def estimate_lcmcr(
    table: CaptureTable,
    *,
    settings: SamplerSettings | None = None,
    seed: int | None = None,
    level: float = 0.95,
) -> Estimate:
    """Posterior of N under LCMCR; the estimate is the posterior median of the pooled chains."""
    settings = settings or SamplerSettings()
    if table.n_lists < 3:
        raise InputError("LCMCR needs at least 3 lists", file=table.source)
    table, dropped = table.without_empty_lists()
    if table.n_lists < 3:
        raise InputError("LCMCR needs at least 3 lists that recorded someone", file=table.source)
    if settings.draws < 2 or settings.thin < 1 or settings.burn_in < 0 or settings.chains < 1:
        raise InputError(
            "sampler needs at least 2 draws, thinning ≥ 1, burn-in ≥ 0 and 1 chain", field="iterations"
        )
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    chains = sample(table, settings, seed)
    details, warnings = diagnose(chains)
    pooled = chains.n.ravel()
    tail = (1.0 - level) / 2.0
    lower, median, upper = np.quantile(pooled, [tail, 0.5, 1.0 - tail])
    details.update(
        {
            "seed": seed,
            "classes": settings.classes(table.n_lists),
            "prior_alpha": {"shape": settings.a_alpha, "rate": settings.b_alpha},
            "chains_run": settings.chains,
            "burn_in": settings.burn_in,
            "draws_per_chain": settings.draws,
            "thin": settings.thin,
            "posterior_mean": float(pooled.mean()),
            "posterior_sd": float(pooled.std(ddof=1)),
            "alpha_median": float(np.median(chains.alpha)),
        }
    )
    if dropped:
        warnings.append(f"lists that recorded nobody were left out: {', '.join(dropped)}")
    return Estimate(
        method="lcmcr",
        lists=table.lists,
        observed=table.observed,
        estimate=float(median),
        lower=float(lower),
        upper=float(upper),
        level=level,
        assumptions=assumptions.for_method("lcmcr", n_lists=table.n_lists),
        details=details,
        warnings=warnings,
        posterior=PosteriorN(
            "draws", draws=pooled.astype(float), chains=chains.n.astype(float), occupied=chains.occupied
        ),
    )
