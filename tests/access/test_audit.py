"""Decrypting a protected value for display leaves an audit record: who, when, which ids — never values."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from access_world import FFM, SECRETS, build
from sqlalchemy import text

from dadkhah.access import audit
from dadkhah.case import Case

Run = Callable[..., tuple[str, str]]


def test_every_decryption_is_audited_by_id(case: Case, tmp_path: Path) -> None:
    world = build(case, tmp_path)
    with case.reading() as conn:
        before = len(audit.records(conn, limit=1000))
    case.view(world.witness)  # the owner, unlocked: the identity is decrypted
    case.view(world.witness, case.reader(view_as="analyst"))  # nothing decrypted: nothing recorded
    case.view(world.witness, case.reader(view_as="public"))
    with case.reading() as conn:
        found = audit.records(conn, limit=1000)
        dump = "\n".join(str(tuple(r)) for r in conn.execute(text("SELECT * FROM access_audit")))
    assert len(found) == before + 1
    record = found[0]
    assert (record.actor, record.reader, record.action) == ("tester", "tester", "reveal")
    assert (
        record.entity_ids == [world.witness] and len(record.claim_ids) == 5
    )  # 2 names, contact, address, relative
    assert not any(s in dump for s in SECRETS)
    with pytest.raises(Exception, match="append-only"), case.engine.begin() as conn:
        conn.execute(text("DELETE FROM access_audit"))


def test_a_recipient_preview_is_audited_under_the_user_who_made_it(
    case: Case, tmp_path: Path, run: Run
) -> None:
    world = build(case, tmp_path)
    env_key = ("DADKHAH_KEY_FILE", str(world.key))
    import os

    os.environ[env_key[0]] = env_key[1]
    try:
        out, _ = run("--case", case.path, "testimony", "show", world.testimony, "--as", FFM, "--json")
        shown = json.loads(out)
        assert shown["segments"][2]["text"] == SECRETS[5]  # the protected segment, for a consented recipient
        records = json.loads(run("--case", case.path, "audit", "--json")[0])
    finally:
        del os.environ[env_key[0]]
    reveal = next(r for r in records if r["action"] == "reveal")
    assert (reveal["actor"], reveal["reader"]) == ("tester", FFM)
    assert reveal["segments"] == [f"{world.testimony}.3"] and reveal["entities"] == [world.testimony]
