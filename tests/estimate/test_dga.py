"""Madigan & York model averaging against dga's published regression figures (fixtures/README.md)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import gammaln

from dadkhah.errors import InputError
from dadkhah.estimate import decomposable_graphs, estimate_dga
from dadkhah.estimate.dga import bayes_estimator, model_posterior
from dadkhah.estimate.table import from_cell_counts


@pytest.mark.parametrize(("n", "count"), [(2, 2), (3, 8), (4, 61), (5, 822)])
def test_number_of_decomposable_graphs(n, count):
    # Labelled chordal graphs, OEIS A058862.
    assert len(decomposable_graphs(n)) == count


def test_cliques_and_separators_of_a_chain():
    # A-B, B-C, C-D: cliques {A,B}, {B,C}, {C,D}; separators {B}, {C}.
    chain = next(g for g in decomposable_graphs(4) if g.edges == frozenset({(0, 1), (1, 2), (2, 3)}))
    assert sorted(map(sorted, chain.cliques)) == [[0, 1], [1, 2], [2, 3]]
    assert sorted(map(sorted, chain.separators)) == [[1], [2]]


def test_four_cycle_is_not_decomposable():
    square = frozenset({(0, 1), (1, 2), (2, 3), (0, 3)})
    assert all(g.edges != square for g in decomposable_graphs(4))


def negative_binomial_prior(a: float, b: float):  # type: ignore[no-untyped-def]
    def log_prior(total: np.ndarray) -> np.ndarray:
        return (
            total * np.log(b)
            - (total + a) * np.log(1 + b)
            + gammaln(total + a)
            - gammaln(total + 1)
            - gammaln(a)
        )

    return log_prior


def test_spina_bifida_matches_dga(fixture_table):
    table = fixture_table("madigan_york_spina_bifida")
    posterior = model_posterior(
        table, np.arange(1, 301), delta=1.0, log_prior=negative_binomial_prior(13.14, 55.17)
    )
    totals = posterior.totals
    probabilities = posterior.model_probabilities()
    top = int(np.argmax(probabilities))
    assert round(float(probabilities[top]), 2) == 0.37
    top_weights = posterior.for_graph(top)
    assert round(bayes_estimator(totals, top_weights)) == 731
    assert totals[np.argmax(top_weights)] == 729
    averaged = posterior.averaged()
    assert round(bayes_estimator(totals, averaged)) == 731
    assert totals[np.argmax(averaged)] == 728


def test_default_estimate_is_reported_with_its_prior(fixture_table):
    result = estimate_dga(fixture_table("madigan_york_spina_bifida"), seed=1)
    assert result.details["delta"] == 2.0**-3
    assert result.details["graphs"] == 8
    assert result.details["prior_on_n"] == "proportional to 1/N"
    assert result.lower < result.estimate < result.upper
    assert result.lower > 626 and result.upper < 1000
    assert sum(m["probability"] for m in result.details["top_models"]) == pytest.approx(1.0)


def test_independent_lists_recover_the_truth():
    # Expected counts of 3 independent lists (p = 0.5, 0.4, 0.3) on 10,000 people: the
    # independence graph dominates and the posterior median lands near the truth.
    p = np.array([0.5, 0.4, 0.3])
    cells = []
    for cell in range(8):
        bits = (cell >> np.arange(3)) & 1
        cells.append(round(10_000 * float(np.prod(np.where(bits, p, 1 - p)))))
    cells[0] = 0
    result = estimate_dga(from_cell_counts(["A", "B", "C"], cells))
    assert result.details["top_models"][0]["graph"] == "[A][B][C]"
    assert result.lower <= 10_000 <= result.upper
    assert abs(result.estimate / 10_000 - 1) < 0.01


def test_more_than_five_lists_is_refused(fixture_table):
    with pytest.raises(InputError, match="2 to 5 lists"):
        estimate_dga(fixture_table("uk_modern_slavery_2013"))
