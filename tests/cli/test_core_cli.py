"""The core CLI end to end: init, add, claim, show, history, search, supersede, retract, summary."""

import json
from pathlib import Path


def _init(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    case = tmp_path / "case"
    result = cli("init", case, "--owner", "tester")
    assert result.code == 0, result.err
    return case


def test_record_read_correct_and_withdraw_from_the_command_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = _init(cli, tmp_path)
    src = json.loads(cli("--case", case, "add", "Source", "--set", "title=Families list", "--json").out)["id"]
    other = json.loads(
        cli(
            "--case", case, "add", "Source", "--set", "title=Prison register", "--set", "code=REG", "--json"
        ).out
    )["id"]
    person = json.loads(
        cli(
            "add",
            "Person",
            "--case",
            case,
            "--set",
            "name=محمدرضا حسینی",
            "--set",
            "name=Mohammadreza Hosseini",
            "--set",
            "birthDate=1340 SH",
            "--source",
            "Families list",
            "--locator",
            "row=57",
            "--json",
        ).out
    )["id"]
    made = cli(
        "--case",
        case,
        "claim",
        person,
        "birthDate",
        "1955",
        "--source",
        "REG",
        "--locator",
        "page=3",
        "--json",
    )
    assert made.code == 0, made.err
    second = json.loads(made.out)

    shown = json.loads(cli("--case", case, "show", person, "--json").out)
    birth = shown["properties"]["birthDate"]
    assert birth["conflict"] is True
    assert {birth["current"]["value"], birth["others"][0]["value"]} == {"1961-03-21/1962-03-20", "1955"}
    assert {tuple(birth["current"]["sources"]), tuple(birth["others"][0]["sources"])} == {(src,), (other,)}

    table = cli("--case", case, "show", person)
    assert "Families list (row 57)" in table.out and "Prison register (p. 3)" in table.out
    assert "Conflicting sources on: Birth date" in table.out

    fixed = cli("--case", case, "supersede", second["id"], "1961", "--reason", "misread 2 for 1", "--json")
    assert fixed.code == 0, fixed.err
    assert cli("--case", case, "retract", json.loads(fixed.out)["id"], "--reason", "unsure").code == 0
    history = json.loads(cli("--case", case, "history", person, "--json").out)
    assert [h["action"] for h in history if h["claim"]["prop"] == "birthDate"] == [
        "asserted",
        "asserted",
        "superseded",
        "retracted",
    ]

    found = json.loads(cli("--case", case, "search", "Mohamad Reza Hoseini", "--json").out)
    assert [f["id"] for f in found] == [person]
    summary = json.loads(cli("--case", case, "summary", "--json").out)
    assert summary["entities"] == {"Person": 1, "Source": 2}
    assert summary["date_range"]["from"] == "1955-01-01"  # the withdrawn correction restored 1955


def test_errors_are_clear_and_exit_non_zero(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = _init(cli, tmp_path)
    missing = cli("--case", tmp_path / "nowhere", "summary")
    assert missing.code == 4 and "not a Dadkhah case" in missing.err
    again = cli("init", case)
    assert again.code == 4 and "already holds a case" in again.err
    bad_type = cli("--case", case, "add", "Victim", "--set", "name=x")
    assert bad_type.code == 2 and "no entity type 'Victim'" in bad_type.err
    src = json.loads(cli("--case", case, "add", "Source", "--set", "title=S", "--json").out)["id"]
    bad_date = cli(
        "--case", case, "add", "Person", "--set", "name=A", "--set", "birthDate=1988-13", "--source", src
    )
    assert bad_date.code == 2 and "field 'birthDate'" in bad_date.err and "month 13" in bad_date.err
    no_source = cli("--case", case, "add", "Person", "--set", "name=A", "--source", "Nope")
    assert no_source.code == 5 and "no source 'Nope'" in no_source.err
    bad_set = cli("--case", case, "add", "Person", "--set", "name")
    assert bad_set.code == 2 and "prop=value" in bad_set.err
    summary = json.loads(cli("--case", case, "summary", "--json").out)
    assert summary["entities"] == {"Source": 1}  # nothing half-written by the failures above


def test_hostile_strings_are_stored_verbatim_and_printed_inert(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = _init(cli, tmp_path)
    src = json.loads(cli("--case", case, "add", "Source", "--set", "title=[bold red]S[/]", "--json").out)[
        "id"
    ]
    hostile = "<script>alert(1)</script> [link=file:///etc/passwd]x[/link] '; DROP TABLE claims; --"
    person = json.loads(
        cli("--case", case, "add", "Person", "--set", f"name={hostile}", "--source", src, "--json").out
    )["id"]
    out = cli("--case", case, "show", person).out
    assert "[link=file:///etc/passwd]x[/link]" in out and "[bold red]S[/]" in out
    stored = json.loads(cli("--case", case, "show", person, "--json").out)
    assert stored["properties"]["name"]["values"][0]["value"] == hostile
    escape = cli("--case", case, "add", "Person", "--set", "name=A\x1b[2J", "--source", src)
    assert escape.code == 2 and "control character" in escape.err and "\x1b" not in escape.err
