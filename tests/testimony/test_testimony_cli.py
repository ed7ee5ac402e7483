"""Witnesses, testimony and consent from the command line, end to end."""

import json
from pathlib import Path

import pytest

NWCU = "national-war-crimes-unit"


@pytest.fixture
def case(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DADKHAH_PASSPHRASE", raising=False)
    key = tmp_path / "usb" / "case.key"
    monkeypatch.setenv("DADKHAH_KEY_FILE", str(key))
    folder = tmp_path / "case"
    made = cli("init", folder, "--owner", "olga", "--key-file", key)
    assert made.code == 0, made.err
    return folder


def _json(result):  # type: ignore[no-untyped-def]
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_interview_to_recipient_export(cli, case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = ("--case", case)
    witness = _json(
        cli(*c, "witness", "add", "--name", "Parisa Rahnama", "--contact", "+44 7700 900555",
            "--relative", "Mina Rahnama; mother; Tabriz", "--risk", "high", "--measure", "pseudonym",
            "--json")
    )  # fmt: skip
    assert witness["code"] == "W-0001"
    assert cli(*c, "profile", "add", NWCU, "--label", "National war crimes unit", "--purpose", "prosecution",
               "--clearance", "confidential").code == 0  # fmt: skip
    transcript = tmp_path / "W-0001.txt"
    transcript.write_text(
        "[00:00:05-00:01:10]\nمن در بند ۳ اوین بودم.\n\n"
        "[00:01:10-00:02:00]\nبرادرم را در مرداد ۱۳۶۷ بردند.\n",
        encoding="utf-8",
    )
    made = _json(
        cli(*c, "testimony", "add", "--witness", "W-0001", "--date", "2019-05-04", "--language", "fa",
            "--interviewer", "Anna Lindqvist", "--interpreter", "Dariush Farahmand",
            "--transcript", transcript, "--consent", "investigation", "--consent", f"prosecution={NWCU}",
            "--json")
    )  # fmt: skip
    tid, segments = made["id"], made["segments"]
    assert segments == [f"{tid}.1", f"{tid}.2"]
    english = tmp_path / "en.txt"
    english.write_text("I was in ward 3 of Evin.\n\nThey took my brother in Mordad 1367.\n", encoding="utf-8")
    assert _json(cli(*c, "testimony", "translate", tid, "--language", "en", "--file", english, "--json")) == [
        f"{tid}.1.en",
        f"{tid}.2.en",
    ]
    victim = _json(cli(*c, "add", "Person", "--set", "name=Kaveh Rahnama", "--source", tid,
                       "--locator", f"segment={tid}.2", "--json"))["id"]  # fmt: skip
    cited = _json(cli(*c, "testimony", "cite", f"{tid}.2", victim, "deathDate", "1367-05 SH", "--json"))
    assert cited["locator"] == {"segment": f"{tid}.2"} and cited["source"] == tid

    shown = cli(*c, "testimony", "show", tid)
    assert "[en, " not in shown.out and "[en] They took my brother in Mordad 1367." in shown.out
    assert f"→ Kaveh Rahnama · deathDate: 1988-07-23/1988-08-22  ({cited['id']})" in shown.out
    assert "Transcript" in shown.out and "00:01:10–00:02:00" in shown.out

    for_unit = cli(*c, "testimony", "export", tid, "--as", NWCU, "--format", "text")
    assert (
        for_unit.code == 0 and "Prepared for: national-war-crimes-unit (purpose: prosecution)" in for_unit.out
    )
    assert "§2 [00:01:10–00:02:00] (fa) برادرم را در مرداد ۱۳۶۷ بردند." in for_unit.out
    assert "Parisa" not in for_unit.out

    listed = _json(cli(*c, "witness", "list", "--json"))["witnesses"]
    assert listed[0]["code"] == "W-0001" and listed[0]["risk"] == "high" and listed[0]["testimonies"] == 1
    detail = _json(cli(*c, "witness", "show", "W-0001", "--json"))
    assert detail["details"]["relative"] == ["Mina Rahnama; mother; Tabriz"]
    assert detail["consent"]["by_testimony"][tid] == {
        "uses": ["investigation", "prosecution"], "recipients": [NWCU], "withdrawn_from": [],
    }  # fmt: skip

    withdrawn = cli(*c, "consent", "withdraw", "W-0001", "--recipient", NWCU, "--date", "2021-02-01",
                    "--note", "relatives questioned")  # fmt: skip
    assert withdrawn.code == 0, withdrawn.err
    refused = cli(*c, "testimony", "export", tid, "--as", NWCU)
    assert refused.code == 7 and "withheld from national-war-crimes-unit: consent withdrawn" in refused.err
    victim_view = _json(cli(*c, "show", victim, "--as", NWCU, "--json"))
    assert victim_view["withheld"] == ["1 testimony withheld: consent withdrawn"]
    assert "deathDate" not in victim_view["properties"]
    table = cli(*c, "show", victim, "--as", NWCU)
    assert "1 testimony withheld: consent withdrawn" in table.out
    history = _json(cli(*c, "consent", "show", "W-0001", "--json"))
    assert [(e["action"], e["effective"]) for e in history] == [
        ("given", "2019-05-04"),
        ("withdrawn", "2021-02-01"),
    ]
    assert cli(*c, "consent", "show", "W-0001", "--as", NWCU).code == 7  # consent details are the team's
    assert cli(*c, "testimony", "show", tid).code == 0  # the team still reads it


def test_bad_input_names_the_field(cli, case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = ("--case", case)
    assert "no witness 'W-0009'" in cli(*c, "testimony", "add", "--witness", "W-0009", "--date", "2019",
                                        "--language", "fa").err  # fmt: skip
    cli(*c, "witness", "add")
    bad = cli(*c, "testimony", "add", "--witness", "W-0001", "--date", "2019", "--language", "xx")
    assert bad.code == 2 and "field 'language'" in bad.err
    bad = cli(*c, "consent", "give", "W-0001", "--use", "gossip")
    assert bad.code == 2 and "no consent use 'gossip'" in bad.err
    bad = cli(*c, "consent", "give", "W-0001", "--use", "prosecution", "--recipient", "icc")
    assert bad.code == 2 and "no recipient profile 'icc'" in bad.err
    missing = tmp_path / "nope.txt"
    bad = cli(*c, "testimony", "add", "--witness", "W-0001", "--date", "2019", "--language", "fa",
              "--segments", missing)  # fmt: skip
    assert bad.code == 2 and str(missing) in bad.err


def test_two_statements_compared_fact_by_fact(cli, case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = ("--case", case)
    assert cli(*c, "witness", "add", "--name", "Parisa Rahnama").code == 0
    assert cli(*c, "witness", "add", "--name", "Bahman Sadri").code == 0
    said = {
        "2010-03-01": "They took my brother in Mordad 1367.\n\nHe was a teacher.\n",
        "2019-05-04": "They took my brother in Shahrivar 1367.\n\nHe was a teacher.\n\n"
        "The guard was Sarhang K.\n",
    }
    ids = []
    for day, words in said.items():
        path = tmp_path / f"{day}.txt"
        path.write_text(words, encoding="utf-8")
        ids.append(_json(cli(*c, "testimony", "add", "--witness", "W-0001", "--date", day, "--language", "en",
                             "--transcript", path, "--json"))["id"])  # fmt: skip
    prior, later = ids
    other = _json(cli(*c, "testimony", "add", "--witness", "W-0002", "--date", "2020-01-01",
                      "--language", "en", "--json"))["id"]  # fmt: skip
    victim = _json(cli(*c, "add", "Person", "--set", "name=Kaveh Rahnama", "--source", prior, "--json"))["id"]
    for tid, taken in ((prior, "1367-05 SH"), (later, "1367-06 SH")):
        assert cli(*c, "testimony", "cite", f"{tid}.1", victim, "deathDate", taken).code == 0
        assert cli(*c, "testimony", "cite", f"{tid}.2", victim, "occupation", "teacher").code == 0
    assert cli(*c, "testimony", "cite", f"{later}.3", victim, "note", "guard: Sarhang K.").code == 0

    unlinked = cli(*c, "testimony", "compare", later, prior)
    assert unlinked.code == 0 and "not linked as a prior statement" in unlinked.out
    assert cli(*c, "testimony", "link", later, prior).code == 0
    compared = _json(cli(*c, "testimony", "compare", later, prior, "--json"))
    assert compared["linked"] and compared["counts"] == {"differ": 1, "one": 1, "agree": 1}
    first = compared["facts"][0]  # differences come first
    assert (first["prop"], first["status"]) == ("deathDate", "differ")
    assert first["later"]["segments"] == [f"{later}.1"] and first["prior"]["segments"] == [f"{prior}.1"]
    assert first["later"]["values"] != first["prior"]["values"]
    assert [f["status"] for f in compared["facts"]] == ["differ", "one", "agree"]
    refused = cli(*c, "testimony", "compare", later, other)
    assert refused.code == 2 and "same witness" in refused.err
    assert cli(*c, "testimony", "compare", later, later).code == 2  # not with itself
    swapped = _json(cli(*c, "testimony", "compare", prior, later, "--json"))
    assert swapped["linked"] and swapped["counts"] == compared["counts"]  # linked either way
