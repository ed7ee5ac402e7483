"""``dadkhah estimate`` end to end, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from dadkhah.case import Case
from dadkhah.estimate import CaseCaptures

FIXTURES = Path(__file__).parent / "fixtures"
FAST = ["--iterations", "1000", "--burn-in", "500", "--thin", "2", "--chains", "2"]


def test_table_loglinear_json(cli):
    result = cli(
        "estimate", "--table", FIXTURES / "uk_modern_slavery_2013.csv", "--method", "loglinear", "--json"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    for key in ("method", "observed", "estimate", "lower", "upper", "level", "details", "assumptions"):
        assert key in data
    assert data["method"] == "loglinear" and data["observed"] == 2744 and data["level"] == 0.95
    assert abs(data["estimate"] / 11_418 - 1) < 0.03
    assert "PF*NCA" in data["details"]["model"]
    assert any("Closed population" in line for line in data["assumptions"])


def test_table_lcmcr_is_reproducible_with_a_seed(cli):
    args = ["estimate", "--table", FIXTURES / "madigan_york_spina_bifida.csv", "--seed", "7", "--json", *FAST]
    first, second = cli(*args), cli(*args)
    assert first.code == 0, first.err
    a, b = json.loads(first.out), json.loads(second.out)
    assert (a["estimate"], a["lower"], a["upper"]) == (b["estimate"], b["lower"], b["upper"])
    assert a["details"]["seed"] == 7 and len(a["details"]["chains"]) == 2
    assert "split_rhat_log_n" in a["details"] and a["details"]["iterations_per_second"] > 0


def test_table_non_existent_mle_prints_no_number(cli):
    table = FIXTURES / "artificial_3.csv"
    result = cli("estimate", "--table", table, "--method", "loglinear", "--model", "A*B", "--json")
    data = json.loads(result.out)
    assert data["status"] == "not_estimable" and data["estimate"] is None
    human = cli("estimate", "--table", table, "--method", "loglinear", "--model", "A*B,A*C,B*C")
    assert "Not estimable" in human.out and "not identifiable" in human.out


def test_table_dga_with_plot(cli, tmp_path):
    out = tmp_path / "sb.svg"
    result = cli(
        "estimate", "--table", FIXTURES / "madigan_york_spina_bifida.csv", "--method", "dga", "--plot", out
    )
    assert result.code == 0, result.err
    assert "Assumptions:" in result.out and "[A][B,C]" in result.out
    assert out.read_bytes().lstrip().startswith(b"<?xml")


def test_bad_table_names_file_line_and_field(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,C,count\n1,0,0,5\n1,2,0,3\n", encoding="utf-8")
    result = cli("estimate", "--table", bad)
    assert result.code == 2
    assert "bad.csv:3" in result.err and "field 'B'" in result.err


def test_bad_plot_suffix_fails_before_estimating(cli, tmp_path):
    result = cli("estimate", "--table", FIXTURES / "artificial_3.csv", "--plot", tmp_path / "x.gif")
    assert result.code == 2 and ".png or .svg" in result.err


def test_in_case_without_linkage_says_what_to_do(cli, tmp_path):
    Case.init(tmp_path / "case", owner="tester").close()
    result = cli("--case", tmp_path / "case", "estimate", "--stratify", "prison")
    assert result.code == 4
    assert "run `dadkhah link` first" in result.err


def simulated_captures() -> CaseCaptures:
    rng = np.random.default_rng(88)
    records = []
    for prison, size, capture in (("Evin", 1200, (0.3, 0.3, 0.25)), ("Qezel", 200, (0.4, 0.3, 0.0))):
        for _ in range(size):
            on = frozenset(name for name, p in zip("ABC", capture, strict=True) if rng.random() < p)
            records.append((on, {"prison": prison}))
    return CaseCaptures(("A", "B", "C"), records)


@pytest.fixture
def linked_case(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    Case.init(tmp_path / "case", owner="tester").close()
    stand_in = lambda case, reader=None: simulated_captures()  # noqa: E731
    monkeypatch.setattr("dadkhah.estimate.capture_records_from_case", stand_in)
    return tmp_path / "case"


def test_in_case_stratified_table_and_plot(cli, linked_case, tmp_path):
    plot = tmp_path / "strata.png"
    result = cli(
        "--case", linked_case, "estimate", "--stratify", "prison", "--method", "loglinear", "--plot", plot
    )
    assert result.code == 0, result.err
    assert "prison=Evin" in result.out and "NOT ESTIMABLE" in result.out and "TOTAL" in result.out
    assert "only 2 list(s)" in result.out
    assert plot.read_bytes()[:4] == b"\x89PNG"


def test_in_case_stratified_json(cli, linked_case):
    result = cli("--case", linked_case, "estimate", "--stratify", "prison", "--json", "--seed", "3", *FAST)
    data = json.loads(result.out)
    assert data["method"] == "lcmcr" and data["stratify_by"] == ["prison"]
    statuses = {s["stratum"]["prison"]: s["status"] for s in data["strata"]}
    assert statuses == {"Evin": "ok", "Qezel": "not_estimable"}
    evin = next(s for s in data["strata"] if s["stratum"]["prison"] == "Evin")
    assert evin["lower"] <= 1200 <= evin["upper"]
    total = data["total"]
    assert total["observed"] == sum(s["observed"] for s in data["strata"])
    assert "summed draw by draw" in total["combined"]
    assert any("Stratification" in line for line in data["assumptions"])


def test_trace_option(cli, tmp_path):
    out = tmp_path / "trace.png"
    table = FIXTURES / "new_orleans_5.csv"
    result = cli("estimate", "--table", table, "--seed", "2", "--trace", out, "--json", *FAST)
    assert result.code == 0, result.err
    assert json.loads(result.out)["trace"] == str(out)
    assert out.read_bytes()[:4] == b"\x89PNG"
    refused = cli("estimate", "--table", table, "--method", "dga", "--trace", out)
    assert refused.code == 2 and "--method lcmcr" in refused.err
