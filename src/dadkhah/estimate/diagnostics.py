"""Convergence diagnostics for Markov chains: effective sample size, split-R̂ and Geweke's z.

Effective sample size and split-R̂ follow Gelman et al., *Bayesian Data Analysis* (3rd ed., §11.4–11.5):
chains are split in halves, R̂ compares between- and within-half variance, and autocorrelations
are summed in pairs until the first negative pair (Geyer 1992's initial positive sequence).
Geweke (1992) compares the mean of the first 10% of a chain with the last 50%.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def _autocovariance(x: Array) -> Array:
    n = len(x)
    centred = x - x.mean()
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size)
    acov = np.fft.irfft(spectrum * np.conjugate(spectrum), size)[:n].real
    return np.asarray(acov / n)


def split_chains(chains: Array) -> Array:
    """(chains, draws) → (2·chains, draws // 2)."""
    half = chains.shape[1] // 2
    return np.vstack([chains[:, :half], chains[:, half : 2 * half]])


def split_rhat(chains: Array) -> float:
    """Potential scale reduction on split chains; values above about 1.01–1.05 mean no convergence."""
    parts = split_chains(np.atleast_2d(chains))
    n = parts.shape[1]
    within = parts.var(axis=1, ddof=1).mean()
    between = n * parts.mean(axis=1).var(ddof=1)
    if within <= 0:
        return 1.0 if between <= 0 else math.inf
    pooled = (n - 1) / n * within + between / n
    return float(math.sqrt(pooled / within))


def effective_sample_size(chains: Array) -> float:
    """Multi-chain effective sample size of the draws (BDA3 §11.5)."""
    parts = split_chains(np.atleast_2d(chains))
    m, n = parts.shape
    if n < 4:
        return float(m * n)
    acov = np.array([_autocovariance(p) for p in parts])
    within = acov[:, 0].mean() * n / (n - 1)
    between = n * parts.mean(axis=1).var(ddof=1) if m > 1 else 0.0
    pooled = (n - 1) / n * within + between / n
    if pooled <= 0:
        return float(m * n)
    rho = 1.0 - (within - acov.mean(axis=0)) / pooled
    rho[0] = 1.0
    total = 0.0
    previous = math.inf
    for t in range(0, n - 1, 2):
        pair = rho[t] + rho[t + 1]
        if pair < 0:
            break
        pair = min(pair, previous)  # initial monotone sequence
        total += pair
        previous = pair
    tau = max(2.0 * total - 1.0, 1.0 / math.log10(max(m * n, 10)))
    return float(m * n / tau)


def geweke_z(chain: Array, first: float = 0.1, last: float = 0.5) -> float:
    """Geweke's z-score: (mean of early part − mean of late part) / its standard error."""
    chain = np.asarray(chain, dtype=float)
    n = len(chain)
    a = chain[: max(int(first * n), 2)]
    b = chain[n - max(int(last * n), 2) :]

    def variance_of_mean(x: Array) -> float:
        ess = effective_sample_size(x[None, :])
        return float(x.var(ddof=1) / max(ess, 1.0))

    denominator = math.sqrt(variance_of_mean(a) + variance_of_mean(b))
    if denominator == 0:
        return 0.0
    return float((a.mean() - b.mean()) / denominator)
