from __future__ import annotations

import numpy as np
import pytest

from dadkhah.estimate.diagnostics import effective_sample_size, geweke_z, split_rhat


def ar1(rng: np.random.Generator, rho: float, n: int, chains: int) -> np.ndarray:
    out = np.empty((chains, n))
    for c in range(chains):
        x = rng.normal() / np.sqrt(1 - rho**2)
        noise = rng.normal(size=n)
        for t in range(n):
            x = rho * x + noise[t]
            out[c, t] = x
    return out


def test_effective_sample_size_of_independent_draws_is_the_count():
    draws = np.random.default_rng(1).normal(size=(4, 2000))
    assert effective_sample_size(draws) == pytest.approx(8000, rel=0.1)


def test_effective_sample_size_of_an_ar1_chain():
    # For AR(1) with coefficient rho the integrated autocorrelation time is (1 + rho) / (1 - rho).
    draws = ar1(np.random.default_rng(2), 0.9, 20_000, 2)
    assert effective_sample_size(draws) == pytest.approx(40_000 * 0.1 / 1.9, rel=0.2)


def test_split_rhat_detects_chains_in_different_places():
    rng = np.random.default_rng(3)
    same = rng.normal(size=(4, 1000))
    apart = same + np.array([[0.0], [0.0], [3.0], [3.0]])
    assert split_rhat(same) == pytest.approx(1.0, abs=0.01)
    assert split_rhat(apart) > 1.5


def test_split_rhat_detects_a_trend_within_one_chain():
    chain = np.linspace(0, 5, 1000)[None, :] + np.random.default_rng(4).normal(size=(1, 1000))
    assert split_rhat(chain) > 1.2


def test_geweke_flags_drift_only():
    rng = np.random.default_rng(5)
    assert abs(geweke_z(rng.normal(size=5000))) < 3
    not_burnt_in = rng.normal(size=5000)
    not_burnt_in[:800] += 2.0  # the start of the chain still sits away from the rest
    assert abs(geweke_z(not_burnt_in)) > 5
