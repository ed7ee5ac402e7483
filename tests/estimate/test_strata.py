"""Stratified estimation from simulated capture records with known truth per stratum."""

from __future__ import annotations

import numpy as np
import pytest

from dadkhah.errors import InputError
from dadkhah.estimate import SamplerSettings, estimate_strata, tables_by_stratum

LISTS = ("A", "B", "C", "D")


def records_for(rng: np.random.Generator, prison: str, size: int, capture: dict[str, float]) -> list:
    records = []
    for _ in range(size):
        on = frozenset(name for name, p in capture.items() if rng.random() < p)
        records.append((on, {"prison": prison, "sex": "f" if rng.random() < 0.3 else "m"}))
    return records


@pytest.fixture
def population() -> tuple[list, dict[str, int]]:
    """Three prisons with known sizes; 'Ghezel' is covered by two lists only."""
    rng = np.random.default_rng(1988)
    truth = {"Evin": 1500, "Gohardasht": 900, "Ghezel": 300}
    records = records_for(rng, "Evin", truth["Evin"], {"A": 0.35, "B": 0.3, "C": 0.25, "D": 0.2})
    records += records_for(rng, "Gohardasht", truth["Gohardasht"], {"A": 0.3, "B": 0.4, "C": 0.3, "D": 0.0})
    records += records_for(rng, "Ghezel", truth["Ghezel"], {"A": 0.4, "B": 0.3, "C": 0.0, "D": 0.0})
    return records, truth


def test_tables_by_stratum_counts_only_people_on_some_list(population):
    records, truth = population
    tables, on_no_list = tables_by_stratum(records, LISTS, ["prison"])
    assert sorted(tables) == [("Evin",), ("Ghezel",), ("Gohardasht",)]
    assert sum(t.observed for t in tables.values()) + on_no_list == sum(truth.values())
    assert tables[("Gohardasht",)].list_sizes()["D"] == 0


def test_strata_with_fewer_than_three_lists_are_reported_not_dropped(population):
    records, truth = population
    result = estimate_strata(records, LISTS, ["prison"], method="loglinear")
    by_name = {s.key["prison"]: s for s in result.strata}
    ghezel = by_name["Ghezel"]
    assert ghezel.status == "not_estimable"
    assert ghezel.estimate is None
    assert "only 2 list(s)" in ghezel.reason and "A, B" in ghezel.reason
    assert by_name["Gohardasht"].lists_used == ("A", "B", "C")
    assert any("Ghezel" in w for w in result.warnings)
    data = result.to_dict()
    assert [s["stratum"]["prison"] for s in data["strata"]] == ["Evin", "Ghezel", "Gohardasht"]
    assert data["total"]["observed_in_not_estimable_strata"] == ghezel.table.observed


def test_loglinear_strata_land_near_their_truth_and_the_total_adds_up(population):
    records, truth = population
    result = estimate_strata(records, LISTS, ["prison"], method="loglinear")
    estimable = [s for s in result.strata if s.status == "ok"]
    for stratum in estimable:
        # Stepwise intervals ignore model selection (a chance interaction can be picked), so
        # the check is closeness to the truth rather than coverage by one interval.
        assert abs(stratum.estimate.estimate / truth[stratum.key["prison"]] - 1) < 0.1
    total = result.total
    expected = sum(s.estimate.estimate for s in estimable) + total.not_estimable_observed
    assert total.estimate == pytest.approx(expected)
    assert total.lower == pytest.approx(
        sum(s.estimate.lower for s in estimable) + total.not_estimable_observed
    )
    assert "conservative" in total.combined
    assert total.observed == sum(s.table.observed for s in result.strata)


def test_lcmcr_total_sums_posterior_draws(population):
    records, truth = population
    settings = SamplerSettings(chains=2, burn_in=1000, draws=500, thin=2)
    result = estimate_strata(records, LISTS, ["prison"], method="lcmcr", seed=5, settings=settings)
    estimable = [s for s in result.strata if s.status == "ok"]
    total = result.total
    assert total.draws is not None and len(total.draws) == 1000
    # The sum of the strata's draws (plus the documented count left out) has their summed mean.
    expected_mean = sum(s.estimate.posterior.draws.mean() for s in estimable) + total.not_estimable_observed
    assert total.draws.mean() == pytest.approx(expected_mean)
    estimable_truth = sum(truth[s.key["prison"]] for s in estimable)
    assert total.lower <= estimable_truth + total.not_estimable_observed
    assert total.upper >= estimable_truth
    again = estimate_strata(records, LISTS, ["prison"], method="lcmcr", seed=5, settings=settings)
    assert again.total.estimate == total.estimate


def test_two_fields_and_unknown_values(population):
    records, _ = population
    records = [*records, (frozenset({"A"}), {"prison": "Evin"})]  # no 'sex' recorded
    tables, _ = tables_by_stratum(records, LISTS, ["prison", "sex"])
    assert ("Evin", "(unknown)") in tables
    assert ("Evin", "f") in tables and ("Evin", "m") in tables


def test_without_stratification_everything_is_one_stratum(population):
    records, _ = population
    result = estimate_strata(records, LISTS, [], method="dga", seed=2)
    assert len(result.strata) == 1
    assert result.strata[0].label == "all"
    assert result.total.estimate == pytest.approx(result.strata[0].estimate.estimate, rel=0.02)


def test_bad_arguments():
    with pytest.raises(InputError, match="unknown method"):
        estimate_strata([], LISTS, [], method="magic")
    with pytest.raises(InputError, match="nothing to estimate"):
        estimate_strata([(frozenset({"Z"}), {})], LISTS, [])
