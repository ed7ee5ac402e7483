"""`dadkhah law ...` lists and shows the knowledge base; the fictional demo scenario runs end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from dadkhah.law.kb import DATA_DIR

DEMO = Path(__file__).parents[2] / "src" / "dadkhah" / "law" / "examples" / "fictional-official.yaml"


def test_law_crimes_json_lists_every_element_with_its_kind_and_source(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("law", "crimes", "--json")
    assert result.code == 0, result.err
    crimes = {c["code"]: c for c in json.loads(result.out)}
    murder = crimes["RS.7.1.a"]
    assert [(e["code"], e["kind"]) for e in murder["elements"]] == [
        ("RS.7.1.a.E1", "material"),
        ("RS.7.1.a.E2", "contextual"),
        ("RS.7.1.a.E3", "contextual"),
        ("RS.7.1.a.A30", "mental"),
    ]
    assert all(e["source"]["conf"] in {"V", "K", "U"} and e["source"]["cite"] for e in murder["elements"])


def test_law_modes_and_forums_tables_and_json(cli) -> None:  # type: ignore[no-untyped-def]
    modes = json.loads(cli("law", "modes", "--json").out)
    assert "RS.28.b" in {m["code"] for m in modes}
    forums = {f["code"]: f for f in json.loads(cli("law", "forums", "--json").out)}
    assert forums["SE"]["offences"][0]["in_force"] == "2014-07-01"
    table = cli("law", "forums")
    assert table.code == 0 and "ICC" in table.out and "UN.WGEID" in table.out


def test_law_show_finds_crimes_elements_offences_and_explains_ambiguity(cli) -> None:  # type: ignore[no-untyped-def]
    element = json.loads(cli("law", "show", "RS.7.1.i.E3", "--json").out)
    assert element["kind"] == "mental"
    offence = json.loads(cli("law", "show", "DE.VSTGB-7", "--json").out)
    assert offence["in_force"] == "2002-06-30"
    ambiguous = cli("law", "show", "RS.25.3.a")
    assert ambiguous.code == 5 and "RS.25.3.a.co" in ambiguous.err
    assert cli("law", "show", "NOPE").code == 5


def test_law_schema_and_check(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(cli("law", "schema", "national").out)
    assert "offences" in schema["properties"] and schema["additionalProperties"] is False
    assert cli("law", "schema", "nonsense").code == 2
    shutil.copytree(DATA_DIR, tmp_path / "data")
    assert cli("law", "check", tmp_path / "data").code == 0
    bad = tmp_path / "data" / "forums" / "fi.yaml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("rule: present", "rule: sometimes"), encoding="utf-8"
    )
    result = cli("law", "check", tmp_path / "data")
    assert (
        result.code == 2 and "fi.yaml" in result.err and "procedure.investigation_presence.rule" in result.err
    )


def test_fictional_demo_scenario(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("forums", "--scenario", DEMO, "--json").out)
    assert data["fictional"] is True
    verdicts = {f["forum"]: f["verdict"] for f in data["forums"]}
    # Murder in 1988 can be tried in Sweden as an ordinary crime; the continuing disappearance is contested
    # in Germany; the ICC is closed (1988, and Iran is not a party); the WGEID takes the open disappearance.
    assert verdicts["SE"] == "available"
    assert verdicts["DE"] == "uncertain"
    assert verdicts["ICC"] == "barred"
    assert verdicts["UN.WGEID"] == "available"
