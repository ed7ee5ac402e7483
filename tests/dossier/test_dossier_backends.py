"""The case file and the JSON lines round trip on both backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import bagit
from sqlalchemy import func, select

from dadkhah.access.keys import KeyFile, create_key_file, init_keyring
from dadkhah.access.users import add_profile
from dadkhah.case import Case
from dadkhah.dossier import DossierOptions, Scope, build_dossier, redaction_log
from dadkhah.dossier.tables import dossier_redactions
from dadkhah.exchange import export_jsonl, import_jsonl
from dadkhah.model import Sensitivity
from dadkhah.testimony import (
    add_segments,
    add_testimony,
    cite,
    record_consent,
    register_witness,
    withdraw_consent,
)
from dadkhah.vault import ingest_file

WITNESS = "Roya Farzaneh"  # invented; protected
WITHDRAWN = "She saw the trucks leave the prison at night."


def _small_case(case: Case, tmp_path: Path) -> dict[str, str]:
    key = create_key_file(tmp_path / "keys" / "case.key")
    init_keyring(case.keys_path, case.id, KeyFile(key))
    case.unlock(key_file=key)
    photo = tmp_path / "grave.txt"
    photo.write_text("a description of the grave site\n", encoding="utf-8")
    public = Sensitivity.PUBLIC
    with case.writer() as w:
        add_profile(
            w.conn,
            "prosecutor",
            label="Prosecutor",
            clearance="confidential",
            purpose="prosecution",
            by=case.owner,
        )
        s = w.create("Source", {"title": "List of the executed", "kind": "victim_list"}, sensitivity=public)
        prison = w.create(
            "Place",
            {"name": ["Sangdasht Prison", "زندان سنگدشت"], "point": "13.7,63.5"},
            source=s,
            sensitivity=public,
        )
        event = w.create(
            "Event",
            {"title": "Executions at Sangdasht", "place": prison, "startDate": "1988-07-28"},
            source=s,
            sensitivity=public,
        )
        victim = w.create("Person", {"name": ["Nasrin Alavi", "نسرین علوی"]}, source=s, sensitivity=public)
        w.create(
            "Violation",
            {"victim": victim, "act": "execution", "event": event, "date": "1988-08-05"},
            source=s,
            sensitivity=public,
        )
        _, code = register_witness(w, names=[WITNESS], contacts=["+44 7700 900777"])
        testimony = add_testimony(w, witness=code, date="2019-05-04", language="en", sensitivity=public)
        (segment,) = add_segments(w, testimony, [WITHDRAWN], sensitivity=public)
        cite(w, segment, event, "description", WITHDRAWN, sensitivity=public)
        record_consent(w, code, uses=["investigation", "prosecution", "publication"], recipients=["any"])
        withdraw_consent(w, code, recipients=["public"])
    item = ingest_file(case, photo, source=s, title="Grave site description")
    return {"event": event, "item": item}


def test_case_file_and_round_trip_on_each_backend(case: Case, tmp_path: Path) -> None:
    ids = _small_case(case, tmp_path)
    for recipient, sees in (("public", False), ("prosecutor", True)):
        result = build_dossier(
            case, DossierOptions(Scope("event", (ids["event"],)), recipient), tmp_path / recipient, pdf=False
        )
        html = (result.out / "dossier.html").read_text(encoding="utf-8")
        assert (WITHDRAWN in html) is sees
        assert WITNESS not in html and "+44 7700 900777" not in html
        assert "زندان سنگدشت" in html
        bagit.Bag(str(result.bag)).validate()
        assert result.exhibits == (1 if sees else 0)  # the file's description is internal
        _, left_out = redaction_log(case, result.id)
        with case.reading() as conn:
            stored = conn.execute(
                select(func.count())
                .select_from(dossier_redactions)
                .where(dossier_redactions.c.dossier_id == result.id)
            ).scalar()
        assert stored == len(left_out) == result.left_out
        assert (result.left_out > 0) is not sees  # the public loses the withdrawn testimony
    # JSON lines out of this backend and into SQLite: nothing lost.
    first = tmp_path / "first.jsonl"
    export_jsonl(case, first)
    target = Case.init(tmp_path / "target", owner="tester")
    key = create_key_file(tmp_path / "target.key")
    init_keyring(target.keys_path, target.id, KeyFile(key))
    target.unlock(key_file=key)
    import_jsonl(target, first)
    second = tmp_path / "second.jsonl"
    export_jsonl(target, second)
    assert (
        first.read_text(encoding="utf-8").splitlines()[1:]
        == second.read_text(encoding="utf-8").splitlines()[1:]
    )
    header = json.loads(first.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "dadkhah-jsonl"
    target.close()
