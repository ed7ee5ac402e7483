"""LCMCR: exact posterior with one class, reproducibility, diagnostics, coverage with known N."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import gammaln

from dadkhah.estimate import SamplerSettings, estimate_lcmcr

SHORT = SamplerSettings(chains=2, burn_in=500, draws=300, thin=2)


def exact_one_class_posterior(sizes: list[int], observed: int) -> tuple[np.ndarray, np.ndarray]:
    """With one class, lists are independent with Beta(1,1) capture probabilities and p(N) ∝ 1/N:
    p(N | data) ∝ (1/N) · N!/(N−n)! · Π_j B(1 + n_j, 1 + N − n_j)."""
    totals = np.arange(observed, observed + 3000, dtype=float)
    log_post = -np.log(totals) + gammaln(totals + 1) - gammaln(totals - observed + 1)
    for size in sizes:
        log_post += gammaln(1 + size) + gammaln(1 + totals - size) - gammaln(totals + 2)
    weights = np.exp(log_post - log_post.max())
    return totals, weights / weights.sum()


def test_one_class_matches_the_exact_posterior(fixture_table):
    table = fixture_table("madigan_york_spina_bifida")
    totals, weights = exact_one_class_posterior(list(table.list_sizes().values()), table.observed)
    cumulative = np.cumsum(weights)
    exact = [totals[np.searchsorted(cumulative, q)] for q in (0.05, 0.5, 0.95)]
    settings = SamplerSettings(chains=4, burn_in=500, draws=5000, thin=2, max_classes=1)
    draws = estimate_lcmcr(table, settings=settings, seed=3).posterior.draws
    sampled = np.quantile(draws, [0.05, 0.5, 0.95])
    assert np.allclose(sampled, exact, rtol=0.01)
    assert draws.mean() == pytest.approx(float(np.sum(totals * weights)), rel=0.005)


def test_same_seed_same_answer_different_seed_different_draws(fixture_table):
    table = fixture_table("new_orleans_5")
    first = estimate_lcmcr(table, settings=SHORT, seed=42)
    again = estimate_lcmcr(table, settings=SHORT, seed=42)
    other = estimate_lcmcr(table, settings=SHORT, seed=43)
    assert np.array_equal(first.posterior.draws, again.posterior.draws)
    assert (first.estimate, first.lower, first.upper) == (again.estimate, again.lower, again.upper)
    assert not np.array_equal(first.posterior.draws, other.posterior.draws)
    assert first.details["seed"] == 42
    assert [c["seed"] for c in first.details["chains"]] == [c["seed"] for c in again.details["chains"]]


def test_defaults_follow_hrdag(fixture_table):
    result = estimate_lcmcr(fixture_table("madigan_york_spina_bifida"), settings=SHORT, seed=1)
    assert result.details["classes"] == 7  # min(2^3 - 1, 15)
    assert result.details["prior_alpha"] == {"shape": 0.25, "rate": 0.25}
    assert SamplerSettings().classes(20) == 15
    assert len(result.posterior.draws) == 2 * 300
    assert result.details["iterations_per_second"] > 0
    assert len(result.details["chains"]) == 2


def test_disagreeing_chains_are_reported_loudly(fixture_table):
    # A chain of 2 iterations has not moved from its random start: four such chains disagree.
    result = estimate_lcmcr(
        fixture_table("uk_modern_slavery_2013"),
        settings=SamplerSettings(chains=4, burn_in=0, draws=40, thin=1),
        seed=7,
    )
    assert any("THE CHAINS DISAGREE" in w or "few effective draws" in w for w in result.warnings)


def test_homogeneous_lists_are_recovered(simulate):
    rng = np.random.default_rng(11)
    table = simulate(rng, 3000, 4, 1.0, (0.3, 0.3), (0.3, 0.3))
    result = estimate_lcmcr(
        table, settings=SamplerSettings(chains=2, burn_in=1000, draws=500, thin=2), seed=1
    )
    assert result.lower <= 3000 <= result.upper
    assert abs(result.estimate / 3000 - 1) < 0.05


@pytest.mark.slow
def test_interval_coverage_with_heterogeneous_capture(simulate):
    """60 simulated populations of 2,000 in two classes over 5 lists (visible 40% with capture
    0.4–0.7 per list, hidden 60% with 0.15–0.35). Nominal 95% coverage gives 57/60 on average; the
    binomial standard deviation is 1.7 people, so 53 (2.5 sd below) is the honest floor. The 50%
    interval checks that coverage does not come from intervals that are merely wide."""
    truth, seeds = 2000, range(60)
    cover_95 = cover_50 = 0
    errors = []
    settings = SamplerSettings(chains=1, burn_in=2000, draws=1000, thin=3)
    for seed in seeds:
        table = simulate(np.random.default_rng(seed), truth, 5, 0.4, (0.4, 0.7), (0.15, 0.35))
        result = estimate_lcmcr(table, settings=settings, seed=seed)
        low_50, high_50 = np.quantile(result.posterior.draws, [0.25, 0.75])
        cover_95 += result.lower <= truth <= result.upper
        cover_50 += low_50 <= truth <= high_50
        errors.append(result.estimate / truth - 1)
    assert cover_95 >= 53
    assert 20 <= cover_50 <= 40  # 30 expected; sd 3.9
    assert abs(float(np.median(errors))) < 0.03
