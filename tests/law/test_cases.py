"""Real cases from law.md reproduce their jurisdictional outcomes through `dadkhah forums --scenario`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REAL = Path(__file__).parent / "scenarios" / "real"
FICTIONAL = Path(__file__).parent / "scenarios" / "fictional"


def _forums(cli, name: str, *extra: str, folder: Path = REAL) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = cli("forums", "--scenario", folder / name, "--json", *extra)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    return {f["forum"]: f for f in data["forums"]}


def _has(forum: dict[str, Any], rule: str, effect: str, ref: str | None = None) -> bool:
    return any(
        r["rule"] == rule and r["effect"] == effect and (ref is None or r.get("ref") == ref)
        for r in forum["reasons"]
    )


def test_noury_sweden_tries_1988_executions_as_war_crimes_and_murder_not_cah(cli) -> None:  # type: ignore[no-untyped-def]
    forums = _forums(cli, "noury-sweden.yaml")
    se = forums["SE"]
    assert se["verdict"] == "available" and se["stages"]["trial"] == "available"
    # The decisive point: Sweden's CAH offence (1 Jul 2014) cannot reach 1988 ...
    assert _has(se, "non_retroactivity", "bars", "SE.CAH")
    assert {r["offence"] for r in se["routes"] if r["status"] == "barred"} == {"SE.CAH"}
    # ... so the routes that remain are exactly those the court used: war crimes and murder.
    available = {(r["conduct"].split()[0], r["offence"]) for r in se["routes"] if r["status"] == "available"}
    assert ("executions", "SE.WC-PC") in available and ("executions", "SE.MURDER") in available
    assert _has(se, "authorisation", "requires")
    # Noury was in Sweden (arrested at Arlanda) when tried.
    assert _has(se, "presence_trial", "establishes")
    # Elsewhere the same facts are barred by non-retroactivity, and the ICC by 1 Jul 2002 and art. 12.
    for code in ("NL", "CH", "FR", "BE"):
        assert forums[code]["verdict"] == "barred", code
    # France's unrecorded 1994 offence would need a French victim or suspect: a recorded link fails.
    assert _has(forums["FR"], "unrecorded_route", "note", "FR.CAH-1994")
    # Germany's VStGB (2002) is too late too, but de.yaml notes ordinary murder as a route it leaves
    # out: with that route unknown, Germany is uncertain, not barred.
    de = forums["DE"]
    assert de["verdict"] == "uncertain"
    assert _has(de, "non_retroactivity", "bars", "DE.VSTGB-7")
    assert _has(de, "unrecorded_route", "unknown", "DE.STGB-MURDER")
    assert _has(forums["ICC"], "non_retroactivity", "bars", "ICC.RS")
    assert _has(forums["ICC"], "icc_preconditions", "bars")
    assert forums["UN.FFM-IR"]["verdict"] == "barred"  # its mandate starts 16 Sep 2022
    assert forums["UN.SR-IR"]["verdict"] == "available"


def test_noury_after_his_release_sweden_can_no_longer_try_him(cli) -> None:  # type: ignore[no-untyped-def]
    se = _forums(cli, "noury-sweden.yaml", "--as-of", "2024-07-01")["SE"]
    assert se["verdict"] == "available"  # an investigation or warrant remains possible
    assert se["stages"]["trial"] == "barred"
    assert _has(se, "presence_trial", "requires")


def test_raslan_germany_pure_universal_jurisdiction_and_no_functional_immunity(cli) -> None:  # type: ignore[no-untyped-def]
    forums = _forums(cli, "raslan-germany.yaml")
    de = forums["DE"]
    assert de["verdict"] == "available" and de["stages"]["trial"] == "available"
    assert _has(de, "jurisdiction_link", "establishes", "DE.UJ")
    assert _has(de, "non_retroactivity", "establishes", "DE.VSTGB-7")
    assert _has(de, "immunity_ratione_materiae", "note", "IMM.MATERIAE")
    assert _has(de, "presence_trial", "establishes")
    assert forums["ICC"]["verdict"] == "barred"  # Syria is not a party and there is no referral


def test_dabbagh_paris_trial_in_absentia_on_the_victims_french_nationality(cli) -> None:  # type: ignore[no-untyped-def]
    forums = _forums(cli, "dabbagh-france.yaml")
    fr = forums["FR"]
    assert fr["verdict"] == "available"
    assert fr["stages"]["trial"] == "available"  # tried in absentia
    assert _has(fr, "jurisdiction_link", "establishes", "FR.PASSIVE")
    assert _has(fr, "jurisdiction_link", "note", "FR.689-11")  # no habitual residence in France
    assert _has(fr, "presence_trial", "establishes")
    # Germany could investigate but not try an absent accused; the Netherlands has no link at all.
    assert forums["DE"]["verdict"] == "available" and forums["DE"]["stages"]["trial"] == "barred"
    assert forums["NL"]["verdict"] == "barred"


def test_assad_warrant_annulled_for_a_serving_head_of_state(cli) -> None:  # type: ignore[no-untyped-def]
    fr = _forums(cli, "assad-warrant-france.yaml", "--forum", "FR")["FR"]
    assert fr["verdict"] == "barred"
    decisive = [r for r in fr["reasons"] if r["effect"] == "bars"]
    assert [r["rule"] for r in decisive] == ["immunity_ratione_personae"]
    assert decisive[0]["confidence"] == "V" and "Arrest Warrant" in decisive[0]["citation"]


def test_assad_out_of_office_personal_immunity_no_longer_bars(cli) -> None:  # type: ignore[no-untyped-def]
    forums = _forums(
        cli, "assad-warrant-france.yaml", "--as-of", "2025-07-25", "--forum", "FR", "--forum", "DE"
    )
    fr, de = forums["FR"], forums["DE"]
    assert _has(fr, "immunity_ratione_personae", "establishes")
    assert not _has(fr, "immunity_ratione_personae", "bars")
    # The reference does not say which link the French judges relied on, so France stays open, not available.
    assert fr["verdict"] == "uncertain" and _has(fr, "jurisdiction_link", "unknown", "FR.PASSIVE")
    assert de["verdict"] == "available"


def test_table_output_names_the_decisive_rule(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("forums", "--scenario", REAL / "assad-warrant-france.yaml", "--forum", "FR")
    assert result.code == 0
    assert "barred" in result.out and "immunity_ratione_personae" in result.out


def test_an_unrecorded_earlier_offence_leaves_france_uncertain_not_barred(cli) -> None:  # type: ignore[no-untyped-def]
    fr = _forums(cli, "french-victim-syria-2005.yaml", "--forum", "FR", folder=FICTIONAL)["FR"]
    # The 2010 offence cannot reach 2005 and the link through the victim's nationality is met, but
    # whether the 1994 offence reaches the torture is not recorded: uncertain, and it says why.
    assert fr["verdict"] == "uncertain" and fr["stages"] == {
        "investigation": "uncertain",
        "trial": "uncertain",
    }
    assert _has(fr, "non_retroactivity", "bars", "FR.CAH")
    assert _has(fr, "jurisdiction_link", "establishes", "FR.PASSIVE")
    gap = next(r for r in fr["reasons"] if r["rule"] == "unrecorded_route" and r["ref"] == "FR.CAH-1994")
    assert gap["effect"] == "unknown" and gap["confidence"] == "U"
    assert "not recorded" in gap["text"] and "1994" in gap["text"]
    routes = {r["offence"]: (r["status"], r["recorded"]) for r in fr["routes"]}
    assert routes == {
        "FR.CAH": ("barred", True),
        "FR.CAH-1994": ("uncertain", False),
        # The torture route under the Convention needs presence, which a recorded rule denies.
        "FR.CAT-TORTURE": ("barred", False),
    }
    # The table names what is missing rather than a bar.
    table = cli("forums", "--scenario", FICTIONAL / "french-victim-syria-2005.yaml", "--forum", "FR")
    assert "uncertain" in table.out and "unrecorded_route" in table.out
