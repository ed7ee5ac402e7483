"""`dadkhah allege`, `prove`, `withdraw-proof`, `matrix` and `forums --suspect` end to end on the small
fictional case."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from law_world import World, allege_murder, sitting_president_in_sweden

from dadkhah.case import Case


@pytest.fixture
def backend() -> str:
    """The commands are the same on both backends; the matrix itself is tested on both elsewhere."""
    return "sqlite"


def test_allege_prove_and_matrix(case: Case, world: World, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = ("--case", case.path)
    made = cli(
        *c,
        "allege",
        "--suspect",
        world["suspect"],
        "--crime",
        "RS.7.1.a",
        "--mode",
        "RS.25.3.a.co",
        "--event",
        world["event"],
        "--title",
        "Namvar: murder, co-perpetration",
        "--json",
    )
    assert made.code == 0, made.err
    allegation = json.loads(made.out)["id"]

    first = cli(
        *c,
        "prove",
        allegation,
        "M2",
        "--segment",
        world.segments["a1"],
        "--relation",
        "supports",
        "--reliability",
        "b",
        "--credibility",
        "2",
        "--json",
    )
    assert first.code == 0, first.err
    assert json.loads(first.out)["reliability"] == "B" and json.loads(first.out)["credibility"] == 2
    assert (
        cli(*c, "prove", allegation, "M2", "--segment", world.segments["a2"], "--relation", "supports").code
        == 0
    )
    link = cli(
        *c, "prove", allegation, "M2", "--claim", world.claims["involvement_role"], "--relation", "supports"
    )
    assert link.code == 0

    data = json.loads(cli(*c, "matrix", allegation, "--json").out)
    m2 = next(e for e in data["elements"] if e["code"] == "RS.25.3.a.co.M2")
    assert (m2["status"], m2["independent_sources"], len(m2["supporting"])) == ("corroborated", 2, 3)
    assert data["allegation"]["title"] == "Namvar: murder, co-perpetration"

    withdrawn = cli(*c, "withdraw-proof", link.out.strip(), "--reason", "linked to the wrong element")
    assert withdrawn.code == 0 and link.out.strip() in withdrawn.out
    data = json.loads(cli(*c, "matrix", allegation, "--json").out)
    m2 = next(e for e in data["elements"] if e["code"] == "RS.25.3.a.co.M2")
    assert (m2["status"], m2["independent_sources"]) == ("single-source", 1)  # one witness, twice
    assert cli(*c, "withdraw-proof", link.out.strip(), "--reason", "again").code == 6

    table = cli(*c, "matrix", allegation)
    assert table.code == 0
    rows = [
        line.split()
        for line in table.out.splitlines()
        if line.split()[1:2] and line.split()[1].startswith("RS.")
    ]
    assert (
        len(rows) == 10
        and rows[0][0] == "unsupported"
        and rows[-1][:2] == ["single-source", "RS.25.3.a.co.M2"]
    )
    assert "suggested evidence" in table.out and "why:" in table.out

    html, sheet = tmp_path / "matrix.html", tmp_path / "matrix.csv"
    assert cli(*c, "matrix", allegation, "--html", html).code == 0
    assert "Namvar: murder, co-perpetration" in html.read_text(encoding="utf-8")
    assert cli(*c, "matrix", allegation, "--csv", sheet).code == 0
    with sheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["element"] for r in rows if r["row"] == "element"} >= {"RS.7.1.a.E1", "RS.25.3.a.co.M6"}
    assert cli(*c, "matrix", allegation, "--csv", sheet, "--json").code == 2


def test_bad_input_is_refused_naming_the_field(case: Case, world: World, cli) -> None:  # type: ignore[no-untyped-def]
    c = ("--case", case.path)
    allegation = cli(
        *c, "allege", "--suspect", world["suspect"], "--crime", "RS.7.1.a", "--mode", "RS.25.3.a.co"
    ).out.strip()
    claim = world.claims["v1_act"]
    cases = {
        "element": ("prove", allegation, "RS.7.1.f.E2", "--claim", claim, "--relation", "supports"),
        "claim": (
            "prove",
            allegation,
            "E1",
            "--claim",
            "01J0000000000000000000000X",
            "--relation",
            "supports",
        ),
        "reliability": (
            "prove",
            allegation,
            "E1",
            "--claim",
            claim,
            "--relation",
            "supports",
            "--reliability",
            "G",
        ),
        "credibility": (
            "prove",
            allegation,
            "E1",
            "--claim",
            claim,
            "--relation",
            "supports",
            "--credibility",
            "0",
        ),
        "relation": ("prove", allegation, "E1", "--claim", claim, "--relation", "maybe"),
        "segment": ("prove", allegation, "E1", "--segment", "nope.1", "--relation", "supports"),
        "crime": ("allege", "--suspect", world["suspect"], "--crime", "RS.99.x", "--mode", "RS.28.b"),
        "mode": ("allege", "--suspect", world["suspect"], "--crime", "RS.7.1.a", "--mode", "RS.25.3.a"),
    }
    for field, args in cases.items():
        result = cli(*c, *args)
        assert result.code == 2, (field, result.out, result.err)
        assert f"field '{field}'" in result.err, (field, result.err)
    assert cli(*c, "matrix", "01J0000000000000000000000X").code == 5


def test_forums_suspect_on_the_command_line(case: Case, world: World, cli) -> None:  # type: ignore[no-untyped-def]
    with case.writer("analyst") as w:
        lonely = w.create("Person", {"name": "Nobody in particular"}, source=world["report"])
    result = cli("--case", case.path, "forums", "--suspect", lonely)
    assert result.code == 2 and "no allegation against" in result.err and "suspect" in result.err
    allege_murder(case, world)
    sitting_president_in_sweden(case, world)
    out = cli("--case", case.path, "forums", "--suspect", world["suspect"], "--as-of", "2025-05-01", "--json")
    assert out.code == 0, out.err
    data = json.loads(out.out)
    assert data["suspect"] == world["suspect"] and data["as_of"] == "2025-05-01"
    verdicts = {f["forum"]: f["verdict"] for f in data["forums"]}
    assert verdicts["SE"] == "barred" and verdicts["ICC"] == "barred"
    facts = {f["fact"]: f for f in data["facts"]}
    assert facts["stay"]["value"].startswith("present in SE")
    assert facts["nationality"]["value"] == "XA" and facts["nationality"]["claims"]
    table = cli("--case", case.path, "forums", "--suspect", world["suspect"], "--as-of", "2025-05-01")
    assert (
        table.code == 0 and "President of Amarestan" in table.out and "immunity_ratione_personae" in table.out
    )
    both = cli("--case", case.path, "forums")
    assert both.code == 2 and "--scenario" in both.err
