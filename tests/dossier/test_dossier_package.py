"""The prosecutor's case file: its exhibits, its bag (valid for bagit-python and for the standalone
verifier without Dadkhah installed), its own hashes in the custody log, and tampering detected."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
from dossier_world import NWCU, WITHDRAWN_FOR_NWCU, WITHDRAWN_FOR_PUBLIC, World, copy_world
from sqlalchemy import select

from dadkhah.case import Case
from dadkhah.dossier import DossierOptions, Scope, build_dossier, list_dossiers
from dadkhah.dossier.tables import dossiers
from dadkhah.log import decode_event

pytestmark = pytest.mark.slow


def _plain_python() -> str:
    """A Python without Dadkhah (the verifier must then use the modules embedded in the bag), if any."""
    for candidate in (shutil.which("python3"), "/usr/bin/python3"):
        if not candidate:
            continue
        probe = "import cryptography\ntry:\n import dadkhah\nexcept ImportError:\n print('plain')"  # noqa: E501
        found = subprocess.run([candidate, "-c", probe], capture_output=True, text=True, check=False)
        if found.stdout.strip() == "plain":
            return candidate
    return sys.executable


def _verify(bag: Path) -> subprocess.CompletedProcess[str]:
    script = bag / "data" / "dossier" / "verify_dossier.py"
    return subprocess.run(
        [_plain_python(), str(script), str(bag)], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def made_world(demo_world: World, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One prosecutor's case file for the tests of this module (they only read it)."""
    world = copy_world(demo_world, tmp_path_factory.mktemp("nwcu"))
    with world.open() as case:
        options = DossierOptions(Scope("allegation", (world.ids["allegation"],)), NWCU, prefix="AMR-OTP")
        return world, build_dossier(case, options, world.path.parent / "out")


@pytest.fixture
def made(made_world):  # type: ignore[no-untyped-def]
    return made_world[1]


def test_the_prosecutor_gets_the_evidence_their_clearance_and_consent_allow(made_world) -> None:  # type: ignore[no-untyped-def]
    world, made = made_world
    html = (made.out / "dossier.html").read_text(encoding="utf-8")
    # W-0003 consented to the war crimes unit; W-0005 withdrew that consent.
    assert WITHDRAWN_FOR_PUBLIC in html
    assert WITHDRAWN_FOR_NWCU not in html
    for value in world.secrets:
        assert value not in html
    items = {p.parent.name for p in (made.bag / "data" / "items").glob("*/*")}
    assert world.ids["register"] in items and world.ids["order"] in items
    assert made.exhibits == len(items)
    assert "AMR-OTP-0001-0001" in html


def test_the_bag_validates_with_bagit_and_with_the_standalone_verifier(made) -> None:  # type: ignore[no-untyped-def]
    bagit.Bag(str(made.bag)).validate()
    checked = _verify(made.bag)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "CASE FILE: VERIFIED" in checked.stdout
    assert "RESULT: VERIFIED" in checked.stdout


def test_a_changed_case_file_or_exhibit_fails_verification(made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bag = shutil.copytree(made.bag, tmp_path / "bag")
    html = bag / "data" / "dossier" / "dossier.html"
    html.write_bytes(html.read_bytes().replace(b"Case file", b"Case flie", 1))
    checked = _verify(bag)
    assert checked.returncode == 1
    assert "dossier/dossier.html" in checked.stdout
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bag)).validate()


def test_the_case_files_hashes_are_custody_events_in_the_case(made_world) -> None:  # type: ignore[no-untyped-def]
    world, made = made_world
    demo_case = world.open()
    (record,) = [d for d in list_dossiers(demo_case) if d.id == made.id]
    assert record.html_sha256 == made.html_sha256 and record.bag_id == made.bag_id
    with demo_case.reading() as conn:
        tree = demo_case.custody.tree(conn)
        events = [decode_event(tree.leaf(i).data) for i in record.leaves]
        assert conn.execute(select(dossiers.c.recipient).where(dossiers.c.id == made.id)).scalar() == NWCU
    assert [e["kind"] for e in events] == ["exported", "exported"]
    assert {e["hashes"]["sha256"] for e in events} == {made.html_sha256, made.pdf_sha256}
    assert all(f"dossier:{made.id}" in e["subjects"] for e in events)
    custody = json.loads((made.bag / "data" / "dossier" / "custody.json").read_text(encoding="utf-8"))
    assert custody["dossier"] == made.id and [f["index"] for f in custody["files"]] == record.leaves
    demo_case.close()


def test_the_public_bag_without_exhibits_still_verifies(
    world: World, demo_case: Case, tmp_path: Path
) -> None:
    result = build_dossier(
        demo_case, DossierOptions(Scope("event", (world.ids["event"],)), "public"), tmp_path / "p", pdf=False
    )
    assert result.exhibits == 0
    bagit.Bag(str(result.bag)).validate()
    checked = _verify(result.bag)
    assert checked.returncode == 0, checked.stdout + checked.stderr
