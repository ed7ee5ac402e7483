"""JSON lines: exporting a case and importing it into a new one loses nothing (property test), and
a bad file is refused with its line and field, leaving the target case untouched."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from dossier_world import World
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dadkhah.access.keys import KeyFile, create_key_file, init_keyring
from dadkhah.case import Case
from dadkhah.errors import Conflict, InputError, InvalidData
from dadkhah.exchange import export_jsonl, import_jsonl
from dadkhah.model import Sensitivity
from dadkhah.store import Locator
from dadkhah.store.tables import entities


def _new_case(root: Path, name: str) -> Case:
    case = Case.init(root / name, owner="tester")
    key = create_key_file(root / f"{name}.key")
    init_keyring(case.keys_path, case.id, KeyFile(key))
    case.unlock(key_file=key)
    return case


def _records(path: Path) -> list[str]:
    """The file's records without its header (which names the reader who exported it)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["record"] == "header"
    return lines[1:]


def _round_trip(source: Case, root: Path, reader=None) -> tuple[list[str], list[str], Case]:  # type: ignore[no-untyped-def]
    first = root / "first.jsonl"
    export_jsonl(source, first, reader)
    target = _new_case(root, "target")
    import_jsonl(target, first)
    second = root / "second.jsonl"
    export_jsonl(target, second)
    return _records(first), _records(second), target


# -- the property ----------------------------------------------------------------------------------

NAMES = st.text(
    alphabet=st.sampled_from(list("abcdefghij ABC-آابپتجچحخدرزژسشغفقکگلمنوهی\u200c")), min_size=1, max_size=14
)
DATES = st.sampled_from(
    ["1988", "1988-07", "1988-07-30", "1988-08-05~", "1988-07/1988-09", "1367-05-09 SH", "198X"]
)
LEVELS = st.sampled_from(
    [Sensitivity.PUBLIC, Sensitivity.INTERNAL, Sensitivity.CONFIDENTIAL, Sensitivity.PROTECTED]
)
LOCATORS = st.one_of(
    st.none(),
    st.builds(Locator, row=st.integers(1, 9999)),
    st.builds(Locator, page=st.sampled_from(["3", "iv", "12a"]), line=st.integers(1, 60)),
    st.builds(Locator, note=NAMES.filter(lambda t: t.strip() != "")),
)
PERSON = st.fixed_dictionaries(
    {
        "names": st.lists(NAMES.filter(lambda t: t.strip() != ""), min_size=1, max_size=3),
        "birth": st.one_of(st.none(), DATES),
        "level": LEVELS,
        "locator": LOCATORS,
        "correct": st.booleans(),
        "retract": st.booleans(),
    }
)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(PERSON, min_size=1, max_size=4), place_point=st.booleans())
def test_exporting_and_importing_loses_nothing(people: list[dict], place_point: bool) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = _new_case(root, "source")
        with source.writer() as w:
            list_source = w.create("Source", {"title": "Families' list", "kind": "victim_list"})
            place = w.create(
                "Place",
                {"name": "Sangdasht", **({"point": "13.7, 63.5"} if place_point else {})},
                source=list_source,
            )
            event = w.create(
                "Event", {"title": "Executions", "place": place, "startDate": "1988-07"}, source=list_source
            )
            for n, person in enumerate(people):
                pid = w.new_entity("Person")
                claims = [
                    w.claim(
                        pid,
                        "name",
                        name,
                        source=list_source,
                        locator=person["locator"],
                        sensitivity=person["level"],
                    )
                    for name in person["names"]
                ]
                if person["birth"]:
                    w.claim(
                        pid, "birthDate", person["birth"], source=list_source, sensitivity=person["level"]
                    )
                violation = w.create(
                    "Violation",
                    {"victim": pid, "act": "execution", "event": event},
                    source=list_source,
                    locator=Locator(row=n + 1),
                )
                dated = w.claim(violation, "date", "1988-08-01", source=list_source)
                if person["correct"]:
                    w.supersede(claims[0].id, "Corrected " + str(n), reason="the list was misread")
                if person["retract"]:
                    w.retract(dated.id, reason="wrong row")
        first, second, target = _round_trip(source, root)
        assert first == second
        assert len(first) >= 3 + 2 * len(people)
        source.close()
        target.close()


# -- the demonstration case -------------------------------------------------------------------------


@pytest.mark.slow
def test_the_demonstration_case_round_trips_for_the_team_and_for_the_public(
    demo_world: World, demo_case: Case, tmp_path: Path
) -> None:
    team_first, team_second, target = _round_trip(demo_case, tmp_path / "team")
    assert team_first == team_second
    kinds = {json.loads(line)["record"] for line in team_first}
    assert kinds == {"entity", "segment", "witness", "profile", "consent"}
    # The imported case decides for recipients as the original did: the consent came with it.
    public = target.reader(view_as="public")
    assert (
        target.view(demo_world.ids["event"], public).properties["description"]
        == (
            demo_case.view(demo_world.ids["event"], demo_case.reader(view_as="public")).properties[
                "description"
            ]
        )
    )
    target.close()
    public_first, public_second, public_target = _round_trip(
        demo_case, tmp_path / "public", demo_case.reader(view_as="public")
    )
    assert public_first == public_second
    text = "\n".join(public_first)
    for value in demo_world.secrets + demo_world.withdrawn_public:
        assert value not in text
    public_target.close()


def test_a_bad_file_is_refused_with_its_line_and_field_and_nothing_is_written(tmp_path: Path) -> None:
    source = _new_case(tmp_path, "source")
    with source.writer() as w:
        s = w.create("Source", {"title": "A list"})
        w.create("Person", {"name": "Nasrin Alavi", "birthDate": "1960"}, source=s)
    good = tmp_path / "good.jsonl"
    export_jsonl(source, good)
    lines = good.read_text(encoding="utf-8").splitlines()
    person = next(n for n, line in enumerate(lines) if '"schema":"Person"' in line)
    record = json.loads(lines[person])
    next(c for c in record["claims"] if c["prop"] == "birthDate")["value"] = "not a date"
    lines[person] = json.dumps(record, ensure_ascii=False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = _new_case(tmp_path, "target")
    with pytest.raises(InvalidData) as refused:
        import_jsonl(target, bad)
    problem = refused.value.problems[0]
    assert (problem.file, problem.line, problem.field) == (str(bad), person + 1, "birthDate")
    with target.reading() as conn:
        assert conn.execute(select(func.count()).select_from(entities)).scalar() == 0
    import_jsonl(target, good)
    with pytest.raises(Conflict):  # the same entities twice
        import_jsonl(target, good)
    with pytest.raises(InputError):
        (tmp_path / "plain.jsonl").write_text('{"record": "entity"}\n', encoding="utf-8")
        import_jsonl(target, tmp_path / "plain.jsonl")
