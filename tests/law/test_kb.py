"""The shipped knowledge base: it validates, cites every entry, and its codes resolve across files."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema_rs
import pytest
from pydantic import BaseModel

from dadkhah.errors import InvalidData, NotFound
from dadkhah.law import default, json_schema, load
from dadkhah.law._yaml import load_located
from dadkhah.law.kb import DATA_DIR
from dadkhah.law.schema import Source

KB = default()


def _sources(value: object, path: str = "") -> list[tuple[str, object]]:
    """Every (path, value) in a model tree that should carry a Source."""
    found: list[tuple[str, object]] = []
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found.extend(_sources(getattr(value, name), f"{path}.{name}"))
        if "source" in type(value).model_fields:
            found.append((path, value.source))  # type: ignore[attr-defined]
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            found.extend(_sources(item, f"{path}[{i}]"))
    return found


def test_required_crimes_modes_and_forums_are_present() -> None:
    assert {
        "RS.7.1.a",
        "RS.7.1.b",
        "RS.7.1.e",
        "RS.7.1.f",
        "RS.7.1.h",
        "RS.7.1.i",
        "RS.7.1.k",
        "RS.6.a",
    } <= set(KB.crimes)
    assert {
        "RS.25.3.a.direct",
        "RS.25.3.a.co",
        "RS.25.3.a.indirect",
        "RS.25.3.b",
        "RS.25.3.c",
        "RS.25.3.d",
        "RS.28.a",
        "RS.28.b",
    } <= set(KB.modes)
    assert {
        "ICC",
        "SE",
        "DE",
        "FR",
        "NL",
        "BE",
        "CH",
        "AR",
        "FI",
        "UN.WGEID",
        "UN.SR-IR",
        "UN.FFM-IR",
    } <= set(KB.forums)


# Element counts and kinds from the ICC Elements of Crimes as given in law.md §1.2-1.3.
@pytest.mark.parametrize(
    ("crime", "kinds"),
    [
        ("RS.7.1.a", "material contextual contextual"),
        ("RS.7.1.b", "material material contextual contextual"),
        ("RS.7.1.e", "material material mental contextual contextual"),
        ("RS.7.1.f", "material material material contextual contextual"),
        ("RS.7.1.h", "material mental material material contextual contextual"),
        ("RS.7.1.i", "material material mental material material mental contextual contextual"),
        ("RS.7.1.k", "material material mental contextual contextual"),
        ("RS.6.a", "material material mental contextual"),
    ],
)
def test_elements_follow_the_elements_of_crimes(crime: str, kinds: str) -> None:
    elements = [e for e in KB.crime(crime).elements if ".E" in e.code]
    assert [e.kind for e in elements] == kinds.split()
    assert [e.code for e in elements] == [f"{crime}.E{n}" for n in range(1, len(elements) + 1)]
    # art. 30 supplies the default mental element for every crime
    assert KB.element(f"{crime}.A30").kind == "mental"


def test_article_7_crimes_end_with_the_two_contextual_elements() -> None:
    for crime in (c for c in KB.crimes.values() if c.category == "crime_against_humanity"):
        last_two = [e for e in crime.elements if e.context]
        assert [e.context for e in last_two] == ["RS.7.C1", "RS.7.C2"], crime.code
        assert last_two[0].sub_elements[0].text == "There was an attack."


def test_sub_elements_and_means_of_proof_keep_their_numbers() -> None:
    similar = KB.element("RS.7.1.k.E2")
    assert [s.label for s in similar.sub_elements] == ["CMN 6.1", "CMN 6.2"]
    assert [code for code, _ in similar.means_of_proof] == [
        "RS.7.1.k.E2.P21",
        "RS.7.1.k.E2.P22",
        "RS.7.1.k.E2.P23",
        "RS.7.1.k.E2.P24",
        "RS.7.1.k.E2.P24.1",
        "RS.7.1.k.E2.P25",
    ]
    pattern = KB.element("RS.7.1.a.E2")
    assert "3.2" in [s.no for s in pattern.sub_elements]  # CMN 1.3.2 "pattern" under widespread/systematic


def test_modes_keep_cmn_numbering_and_alternatives() -> None:
    co = KB.mode("RS.25.3.a.co")
    assert [e.code for e in co.elements] == [f"RS.25.3.a.co.M{n}" for n in range(1, 7)]
    assert co.elements[1].text.startswith("The person made an essential contribution")
    common = KB.mode("RS.25.3.d")
    assert [e.group for e in common.elements] == [None, None, None, "aim_or_knowledge", "aim_or_knowledge"]
    assert len(KB.mode("RS.28.a").elements) == 8
    assert {e.kind for e in KB.mode("RS.28.b").elements} == {"material", "mental"}


def test_ambiguous_and_unknown_codes_say_what_to_do() -> None:
    with pytest.raises(NotFound, match=r"RS\.25\.3\.a\.co"):
        KB.mode("RS.25.3.a")
    with pytest.raises(NotFound, match="dadkhah law crimes"):
        KB.crime("RS.7.1.z")


def test_every_entry_has_a_citation_and_confidence() -> None:
    models: list[tuple[str, object]] = [(code, f) for code, f in KB.forums.items()]
    models += [(code, r) for code, r in KB.immunities.items()]
    checked = 0
    for owner, model in models:
        for path, source in _sources(model):
            assert isinstance(source, Source), f"{owner}{path} has no source"
            assert source.cite.strip() and source.conf in {"V", "K", "U"}
            checked += 1
    for owner in (*KB.crimes.values(), *KB.modes.values()):
        for element in owner.elements:
            assert element.source.cite and element.source.conf in {"V", "K", "U"}, element.code
            checked += 1
    assert checked > 200


def test_unverified_entries_are_marked_and_explained() -> None:
    # Argentina's and Finland's in-force dates are not in the reference: null and tagged U, never guessed.
    for code in ("AR", "FI"):
        offence = KB.forum(code).offences[0]  # type: ignore[union-attr]
        assert offence.in_force is None
        assert offence.in_force_source is not None and offence.in_force_source.conf == "U"


@pytest.mark.parametrize("path", sorted(DATA_DIR.rglob("*.yaml")), ids=lambda p: p.name)
def test_data_files_validate_against_the_exported_json_schema(path: Path) -> None:
    # Our loader, not yaml.safe_load: YAML 1.1 would read the key `no:` (element number) as False.
    data = load_located(path).data
    kind = data.get("type") if data.get("kind") == "forum" else data["kind"]
    as_json = json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, date) else str(v)))
    jsonschema_rs.validator_for(json_schema(kind)).validate(as_json)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_broken_cross_reference_names_file_line_and_field(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    se = data / "forums" / "se.yaml"
    se.write_text(
        se.read_text(encoding="utf-8").replace('covers: ["RS.7.*"]', 'covers: ["RS.9.*"]'), encoding="utf-8"
    )
    with pytest.raises(InvalidData) as caught:
        load(data)
    (problem,) = caught.value.problems
    assert problem.file == str(se)
    assert problem.field == "offences[0].covers[0]"
    line = se.read_text(encoding="utf-8").splitlines()[problem.line - 1]  # type: ignore[operator]
    assert "RS.9.*" in line


def test_unknown_fields_and_missing_citations_are_rejected(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    de = data / "forums" / "de.yaml"
    text = de.read_text(encoding="utf-8")
    text = text.replace("    in_force: 2002-06-30\n", "    in_forse: 2002-06-30\n", 1)
    text = text.replace(
        'source: {cite: "VStGB §1; German statement', 'source: {note: "VStGB §1; German statement'
    )
    de.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidData) as caught:
        load(data)
    found = {(p.field, p.reason) for p in caught.value.problems}
    assert ("offences[0].in_forse", "unknown field (check its spelling)") in found
    assert ("offences[0].in_force", "required field is missing") in found
    assert ("bases[0].source.cite", "required field is missing") in found
    assert all(p.file == str(de) and p.line for p in caught.value.problems)


def test_adding_a_state_is_adding_a_file(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    text = (data / "forums" / "ch.yaml").read_text(encoding="utf-8")
    (data / "forums" / "at.yaml").write_text(
        text.replace("code: CH", "code: AT").replace("state: CH", "state: AT").replace("CH.", "AT."),
        encoding="utf-8",
    )
    assert "AT" in load(data).forums
    (data / "forums" / "austria.yaml").write_text(
        text.replace("code: CH", "code: LI").replace("state: CH", "state: LI").replace("CH.", "LI."),
        encoding="utf-8",
    )
    with pytest.raises(InvalidData, match="must live in a file named li.yaml"):
        load(data)


def test_unrecorded_routes_are_checked_like_recorded_ones(tmp_path: Path) -> None:
    # France's left-out 1994 offence names the bases it would rest on; a wrong name is an error.
    assert {g.code for g in KB.forum("FR").unrecorded} == {"FR.CAH-1994", "FR.CAT-TORTURE"}  # type: ignore[union-attr]
    data = _copy(tmp_path)
    fr = data / "forums" / "fr.yaml"
    fr.write_text(
        fr.read_text(encoding="utf-8").replace("bases: [FR.PASSIVE, FR.ACTIVE]", "bases: [FR.PASIVE]"),
        encoding="utf-8",
    )
    with pytest.raises(InvalidData) as caught:
        load(data)
    (problem,) = caught.value.problems
    assert problem.field == "unrecorded[0].bases[0]" and "unknown basis FR.PASIVE" in problem.reason
