"""Scenario files: good ones load; bad ones fail with the file, line and field named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dadkhah.errors import InputError, InvalidData
from dadkhah.law import default, load_scenario

KB = default()
GOOD = """\
scenario: fictional what-if
fictional: true
as_of: 2024-01-01
suspect:
  label: Official A
  nationalities: [IR]
  offices:
    - {kind: head_of_state, state: IR, start: 2010, end: ongoing}
  stays:
    - {state: DE, kind: present, start: 2023-05, end: ongoing}
conduct:
  - label: incident
    crimes: [RS.7.1.a]
    start: 1988-07
    territory: IR
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads_with_unknowns_left_unknown(tmp_path: Path) -> None:
    facts = load_scenario(_write(tmp_path, GOOD), KB)
    (conduct,) = facts.conduct
    assert (conduct.start.earliest, conduct.end.latest) == (date(1988, 7, 1), date(1988, 7, 31))
    assert (
        conduct.victim_nationalities is None and conduct.armed_conflict is None and conduct.continuing is None
    )
    assert facts.suspect.offices[0].period.ongoing
    assert facts.suspect.in_state("DE", date(2024, 1, 1)) is True
    assert facts.suspect.in_state("DE", date(2023, 5, 15)) is None  # arrival day known only to the month
    assert facts.suspect.in_state("FR", date(2024, 1, 1)) is False


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "reason"),
    [
        ("crimes: [RS.7.1.a]", "crimes: [RS.7.1.z]", 13, "conduct[0].crimes[0]", "unknown crime RS.7.1.z"),
        ("start: 1988-07\n", "start: 1988-13\n", 14, "conduct[0].start", "not a real date"),
        ("territory: IR", "territory: Iran", 15, "conduct[0].territory", "ISO 3166-1"),
        ("territory: IR", "territory: IR\n    victims: [IR]", 16, "conduct[0].victims", "unknown field"),
        ("kind: present", "kind: visiting", 10, "suspect.stays[0].kind", "Input should be"),
        ("kind: head_of_state", "kind: king", 8, "suspect.offices[0].kind", "Input should be"),
        ("fictional: true", "fictional: false", 1, None, "must list its sources"),
        (
            "    start: 1988-07\n",
            "    start: 1988-07\n    end: 1987\n",
            12,
            "conduct[0]",
            "end is before start",
        ),
    ],
)
def test_bad_files_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, field: str | None, reason: str
) -> None:
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(InvalidData) as caught:
        load_scenario(path, KB)
    problem = caught.value.problems[0]
    assert problem.file == str(path)
    assert problem.line == line
    assert problem.field == field
    assert reason in problem.reason


def test_yaml_syntax_errors_and_duplicate_keys_give_a_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_scenario(_write(tmp_path, GOOD.replace("label: incident", "label: [incident")), KB)
    assert caught.value.problem.line is not None and "not valid YAML" in str(caught.value)
    with pytest.raises(InputError) as caught:
        load_scenario(
            _write(tmp_path, GOOD.replace("fictional: true", "fictional: true\nfictional: false")), KB
        )
    assert caught.value.problem.line == 3 and caught.value.problem.field == "fictional"


def test_cli_reports_scenario_errors_with_location(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, GOOD.replace("crimes: [RS.7.1.a]", "crimes: [RS.7.1.z]"))
    result = cli("forums", "--scenario", path)
    assert result.code == 2
    assert f"{path}:13" in result.err and "conduct[0].crimes[0]" in result.err
    result = cli("forums", "--scenario", _write(tmp_path, GOOD), "--as-of", "2024-13-01")
    assert result.code == 2 and "--as-of" in result.err
