"""Every reader who may not see a protected value, on every output, on a fixed case; and the raw folder."""

from collections.abc import Callable
from pathlib import Path

import pytest
from access_world import FFM, NWCU, READERS, SECRETS, add_team, build, leaks, made, outputs, raw_leaks

from dadkhah.case import Case

Run = Callable[..., tuple[str, str]]


@pytest.mark.slow
def test_no_output_shows_a_protected_value_to_a_reader_without_clearance_or_consent(
    case: Case, tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = build(case, tmp_path)
    add_team(case)
    probes = [SECRETS[0], "Zhaleh", SECRETS[2]]
    monkeypatch.setenv("DADKHAH_KEY_FILE", str(world.key))
    owner = outputs(run, case.path, "locked-owner", made(world), probes)  # unlocked: the owner sees all
    assert leaks(owner, SECRETS) == list(SECRETS)
    ffm = outputs(run, case.path, FFM, made(world), probes)  # cleared, and the witness consented
    assert leaks(ffm, SECRETS) == list(SECRETS)
    for reader in ("viewer", "analyst", "public", NWCU):
        assert leaks(outputs(run, case.path, reader, made(world), probes), SECRETS) == [], reader
    monkeypatch.delenv("DADKHAH_KEY_FILE")
    locked = outputs(run, case.path, "locked-owner", made(world), probes)
    assert leaks(locked, SECRETS) == []
    assert "protected values hidden: the case is locked" in locked
    assert set(READERS) == {"viewer", "analyst", "public", NWCU, FFM, "locked-owner"}


def test_the_raw_case_folder_and_every_table_hold_no_protected_value(case: Case, tmp_path: Path) -> None:
    world = build(case, tmp_path)
    assert world.key.parent != case.keys_path
    assert raw_leaks(case, SECRETS) == []
    # ... while the same search finds what is not protected: in the SQLite file and in the rows.
    visible = ["Anna Lindqvist", "They took Kaveh on 30 July."]
    places = 2 if case.engine.dialect.name == "sqlite" else 1  # the PostgreSQL files are not in the folder
    assert raw_leaks(case, visible) == visible * places
