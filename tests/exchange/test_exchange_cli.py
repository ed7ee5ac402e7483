"""``dadkhah export FORMAT OUT`` and ``dadkhah import jsonl`` end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from dossier_world import World

from dadkhah.case import Case

pytestmark = pytest.mark.slow  # each export reads the whole demonstration case


@pytest.fixture
def world_copy(demo_world: World, tmp_path: Path) -> Path:
    return Path(shutil.copytree(demo_world.path, tmp_path / "demo"))


@pytest.mark.parametrize(
    ("fmt", "out", "made"),
    [
        ("ftm", "case.ftm.json", ["case.ftm.json"]),
        ("csv", "csv", ["Person.csv", "Place.csv"]),
        ("geojson", "case.geojson", ["case.geojson"]),
        ("ecourt", "ecourt", ["evidence.csv", "evidence.xlsx"]),
        ("memorial", "site", ["index.html", "about.html", "style.css"]),
    ],
)
def test_every_format_exports_for_a_recipient(
    cli, world_copy: Path, tmp_path: Path, fmt: str, out: str, made: list[str]
) -> None:  # type: ignore[no-untyped-def]
    result = cli("--case", world_copy, "export", fmt, tmp_path / out, "--recipient", "public", "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["format"] == fmt and summary["records"] > 0
    assert set(made) <= set(summary["files"])
    assert "1 testimony withheld: consent withdrawn" in summary["withheld"]
    again = cli("--case", world_copy, "export", fmt, tmp_path / out, "--recipient", "public")
    assert again.code == 2 and "already exists" in again.err


def test_jsonl_out_of_one_case_and_into_another(cli, world_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exported = cli(
        "--case", world_copy, "export", "jsonl", tmp_path / "public.jsonl", "--as", "public", "--json"
    )
    assert exported.code == 0, exported.err
    Case.init(tmp_path / "new", owner="tester").close()
    imported = cli("--case", tmp_path / "new", "import", "jsonl", tmp_path / "public.jsonl", "--json")
    assert imported.code == 0, imported.err
    counts = json.loads(imported.out)
    assert (
        counts["entities"] == json.loads(exported.out)["records"] - counts["segments"] - counts["witnesses"]
    )
    assert counts["consents"] == 0  # a recipient is not given the witnesses' consent history
    twice = cli("--case", tmp_path / "new", "import", "jsonl", tmp_path / "public.jsonl")
    assert twice.code == 6  # Conflict: those entities are here already
