"""``dadkhah dossier`` and ``dadkhah dossiers`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dossier_world import World

pytestmark = pytest.mark.slow


def test_a_case_file_from_the_command_line_and_its_redaction_log(cli, world: World, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "public"
    made = cli(
        "--case", world.path, "dossier", "--event", world.ids["event"], "--recipient", "public",
        "--out", out, "--no-pdf", "--json",
    )  # fmt: skip
    assert made.code == 0, made.err
    result = json.loads(made.out)
    assert Path(result["html"]).is_file() and result["pdf"] is None
    assert (out / "bag" / "bagit.txt").is_file()
    assert "1 testimony withheld: consent withdrawn" in result["withheld"]
    listed = json.loads(cli("--case", world.path, "dossiers", "--json").out)
    assert [d["id"] for d in listed] == [result["id"]]
    log = json.loads(cli("--case", world.path, "dossiers", result["id"], "--json").out)
    assert log["dossier"]["recipient"] == "public"
    assert len(log["left_out"]) == result["left_out"] > 0
    assert all(set(entry) == {"kind", "target", "entity", "reason"} for entry in log["left_out"])


def test_the_command_line_refuses_an_unclear_scope_and_an_existing_folder(
    cli, world: World, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    both = cli(
        "--case",
        world.path,
        "dossier",
        "--all",
        "--event",
        world.ids["event"],
        "-r",
        "public",
        "-o",
        tmp_path / "x",
    )
    assert both.code == 2 and "exactly one of --allegation, --event or --all" in both.err
    taken = tmp_path / "taken"
    taken.mkdir()
    again = cli("--case", world.path, "dossier", "--all", "-r", "public", "-o", taken, "--no-pdf")
    assert again.code == 2 and "already exists" in again.err
    unknown = cli("--case", world.path, "dossier", "--all", "-r", "no-such-recipient", "-o", tmp_path / "y")
    assert unknown.code != 0 and not (tmp_path / "y").exists()
