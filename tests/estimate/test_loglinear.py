"""Log-linear MSE against published and reproduced figures (fixtures/README.md)."""

from __future__ import annotations

import pytest

from dadkhah.estimate import Existence, estimate_loglinear, fit_model, parse_pairs, stepwise
from dadkhah.estimate.table import from_cell_counts


def close(value: float, reference: float, tolerance: float) -> bool:
    return abs(value / reference - 1.0) <= tolerance


def test_uk_2013_stepwise_reproduces_the_published_range(fixture_table):
    result = estimate_loglinear(fixture_table("uk_modern_slavery_2013"), threshold=0.05)
    assert result.status == "ok"
    # Published: between 10,000 and 13,000 (Silverman 2014). Reproduction [C]: 11,418 (9,982–13,182).
    assert 10_000 <= result.estimate <= 13_000
    assert close(result.estimate, 11_418, 0.03)
    assert close(result.lower, 9_982, 0.03)
    assert close(result.upper, 13_182, 0.03)
    assert result.lower < result.estimate < result.upper
    chosen = set(result.details["model"][1:])
    assert chosen == {"PF*NCA", "LA*NG", "NG*GP", "LA*PF", "PF*GP", "GO*GP", "NG*GO"}


def test_uk_2013_strict_threshold_and_main_effects(fixture_table):
    table = fixture_table("uk_modern_slavery_2013")
    strict = estimate_loglinear(table, threshold=0.001)
    assert set(strict.details["model"][1:]) == {"PF*NCA", "LA*NG"}
    assert close(strict.estimate, 14_218, 0.01)
    assert close(strict.lower, 12_608, 0.01) and close(strict.upper, 16_131, 0.01)
    independent = estimate_loglinear(table, pairs=[])
    assert close(independent.estimate, 12_214, 0.01)
    assert close(independent.lower, 10_984, 0.01) and close(independent.upper, 13_648, 0.01)


def test_stepwise_adds_terms_in_order_of_aic(fixture_table):
    search = stepwise(fixture_table("uk_modern_slavery_2013"), threshold=0.05)
    aics = [step.aic for step in search.steps]
    assert aics == sorted(aics, reverse=True)
    assert all(step.p_value < 0.05 for step in search.steps)
    # LA and GP, and LA and NCA, share nobody: those interactions have no finite MLE.
    assert {(0, 4), (0, 5)} <= set(search.skipped)


@pytest.mark.parametrize(
    ("name", "pairs", "reference"),
    [
        ("new_orleans_5", [], (1_034, 666, 1_762)),
        ("netherlands_ned", [], (52_823, 48_542, 57_648)),
        ("us_western", ["A*E"], (2_483, 1_681, 3_928)),
    ],
)
def test_other_tables_match_the_reproductions(fixture_table, name, pairs, reference):
    table = fixture_table(name)
    result = estimate_loglinear(table, pairs=parse_pairs(table.lists, pairs))
    for value, expected in zip((result.estimate, result.lower, result.upper), reference, strict=True):
        assert close(value, expected, 0.005)


def test_two_lists_independence_is_lincoln_petersen():
    # n1 = 60, n2 = 50, both = 20: the Poisson MLE is n1 * n2 / m = 150.
    table = from_cell_counts(["A", "B"], [0, 40, 30, 20])
    result = estimate_loglinear(table)
    assert result.estimate == pytest.approx(150.0, rel=1e-8)
    assert result.lower < 150 < result.upper


@pytest.mark.parametrize(
    ("pairs", "status"),
    [
        ([], Existence.OK),
        (["A*B"], Existence.INFINITE),
        (["A*B", "A*C"], Existence.INFINITE),
        (["A*B", "B*C"], Existence.INFINITE),
        (["A*C"], Existence.BOUNDARY),
        (["B*C"], Existence.BOUNDARY),
        (["A*C", "B*C"], Existence.BOUNDARY),
        (["A*B", "A*C", "B*C"], Existence.NOT_IDENTIFIABLE),
    ],
)
def test_artificial_3_existence_and_identifiability(fixture_table, pairs, status):
    # Chan, Silverman & Vincent (2021), Table 2: AB makes the MLE fail to exist; AB+AC+BC is
    # not identifiable; main effects and AC/BC without AB pass (their parameters may be -inf).
    table = fixture_table("artificial_3")
    assert fit_model(table, parse_pairs(table.lists, pairs)).check.status is status


def test_non_existent_mle_gives_no_number(fixture_table):
    table = fixture_table("artificial_3")
    for pairs, word in ((["A*B"], "does not exist"), (["A*B", "A*C", "B*C"], "not identifiable")):
        result = estimate_loglinear(table, pairs=parse_pairs(table.lists, pairs))
        assert result.status == "not_estimable"
        assert result.estimate is None and result.lower is None and result.upper is None
        assert word in result.reason
        assert result.to_dict()["estimate"] is None


def test_boundary_model_still_estimates_with_a_warning(fixture_table):
    table = fixture_table("artificial_3")
    result = estimate_loglinear(table, pairs=parse_pairs(table.lists, ["A*C"]))
    # With A*C at minus infinity, cells 101 and 111 drop out; the likelihood equations on the
    # remaining five cells solve to exp(intercept) = 300 exactly, so N = 96 + 300.
    assert result.estimate == pytest.approx(396.0, rel=1e-6)
    assert any("fitted as exactly zero" in w for w in result.warnings)


def test_stepwise_on_artificial_3_never_adds_ab(fixture_table):
    result = estimate_loglinear(fixture_table("artificial_3"))
    assert "A*B" not in result.details["model"]
    assert result.status == "ok"


def test_bad_interaction_names_are_refused(fixture_table):
    from dadkhah.errors import InputError

    table = fixture_table("artificial_3")
    with pytest.raises(InputError, match="two different lists"):
        parse_pairs(table.lists, ["A*Z"])
    with pytest.raises(InputError):
        parse_pairs(table.lists, ["A*A"])


def test_too_many_lists_for_all_cells_is_refused():
    from dadkhah.errors import InputError
    from dadkhah.estimate import from_memberships

    lists = [f"L{j}" for j in range(13)]
    people = [frozenset({name}) for name in lists] + [frozenset(lists[:2])]
    with pytest.raises(InputError, match="use --method lcmcr"):
        estimate_loglinear(from_memberships(lists, people))
