"""FollowTheMoney export: every line is an entity the followthemoney library accepts as valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dossier_world import World
from followthemoney import model

from dadkhah.case import Case
from dadkhah.exchange import export_ftm


def _validate(lines: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    """Check each entity as Aleph's loader would; return them by id."""
    by_id = {}
    for data in lines:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        assert schema.validate(data) is None, (data["id"], schema.validate(data))
        for prop in schema.required:
            assert data["properties"].get(prop), f"{data['schema']} {data['id']} lacks {prop}"
        for name, values in data["properties"].items():
            prop = schema.get(name)
            assert prop is not None, f"{data['schema']} has no property {name}"
            for value in values:
                assert prop.type.validate(value), (name, value)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.id == data["id"]
        assert data["id"] not in by_id
        by_id[data["id"]] = data
    for data in by_id.values():  # references resolve to entities in the file
        schema = model.get(data["schema"])
        for name, values in data["properties"].items():
            if schema.get(name).type.name == "entity":
                assert all(v in by_id for v in values), (data["id"], name)
    return by_id


@pytest.mark.slow
@pytest.mark.parametrize("recipient", [None, "public"])
def test_the_ftm_export_validates_with_the_followthemoney_library(
    demo_world: World, demo_case: Case, tmp_path: Path, recipient: str | None
) -> None:
    reader = demo_case.reader(view_as=recipient) if recipient else None
    summary = export_ftm(demo_case, tmp_path / "case.ftm.json", reader)
    lines = [
        json.loads(line) for line in (tmp_path / "case.ftm.json").read_text(encoding="utf-8").splitlines()
    ]
    assert summary.records == len(lines) > 400
    entities = _validate(lines)
    suspect = entities[demo_world.ids["suspect"]]
    assert suspect["schema"] == "Person"
    assert {"Javad Mehrabanpour", "جواد مهربان\u200cپور"} <= set(suspect["properties"]["name"])
    # A post is a Position with its holder linked by an Occupancy, as FtM models offices.
    occupancies = [e for e in entities.values() if e["schema"] == "Occupancy"]
    held = [o for o in occupancies if o["properties"]["holder"] == [demo_world.ids["suspect"]]]
    assert held and all(entities[o["properties"]["post"][0]]["schema"] == "Position" for o in held)
    places = [e for e in entities.values() if e["schema"] == "Address" and e["properties"].get("latitude")]
    assert places
    text = (tmp_path / "case.ftm.json").read_text(encoding="utf-8")
    if recipient == "public":
        for value in demo_world.secrets + demo_world.withdrawn_public:
            assert value not in text


def test_violations_become_events_involving_their_victims(
    demo_world: World, demo_case: Case, tmp_path: Path
) -> None:
    export_ftm(demo_case, tmp_path / "x.json")
    entities = {
        e["id"]: e for e in map(json.loads, (tmp_path / "x.json").read_text(encoding="utf-8").splitlines())
    }
    violation = entities[demo_world.ids["protected_violation"]]
    assert violation["schema"] == "Event"
    assert violation["properties"]["date"] == ["1988-08-10"]
    assert violation["properties"]["involved"] == [demo_world.ids["protected_victim"]]
    assert violation["properties"]["name"][0].startswith("Execution: ")
