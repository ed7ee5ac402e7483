"""Users, roles and clearance; recipient profiles; what --user and --as let a command see and do."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from access_world import NWCU, SECRETS, add_team, build

from dadkhah.access import users
from dadkhah.case import Case
from dadkhah.errors import Conflict, InputError
from dadkhah.model import Sensitivity

Run = Callable[..., tuple[str, str]]


def test_roles_cap_clearance_and_the_owner_is_always_admin(case: Case) -> None:
    with case.writer() as w:
        ali = users.add_user(
            w.conn, "ali", "analyst", by="tester", owner=case.owner, password="a long password"
        )
        with pytest.raises(InputError, match="an analyst can hold at most confidential"):
            users.add_user(w.conn, "bob", "analyst", by="tester", owner=case.owner, clearance="protected")
        with pytest.raises(Conflict, match="always an admin"):
            users.set_role(w.conn, case.owner, "viewer", by="tester", owner=case.owner)
        with pytest.raises(InputError, match="too short"):
            users.add_user(w.conn, "cy", "viewer", by="tester", owner=case.owner, password="short")
        vera = users.set_role(w.conn, "ali", "viewer", by="tester", owner=case.owner, clearance="public")
        stored = w.conn.exec_driver_sql("SELECT password_hash FROM users WHERE name = 'ali'").scalar()
    assert ali.clearance == Sensitivity.CONFIDENTIAL and vera.clearance == Sensitivity.PUBLIC
    assert stored.startswith("$argon2id$") and "a long password" not in stored
    with case.reading() as conn:
        assert users.verify_password(conn, "ali", "a long password")
        assert not users.verify_password(conn, "ali", "a long passwore")
        assert not users.verify_password(conn, "nobody", "a long password")
        names = [u.name for u in users.list_users(conn, case.owner)]
    assert names == [case.owner, "ali"]


def test_previewing_a_role_or_profile_never_raises_clearance(case: Case) -> None:
    with case.writer() as w:
        users.add_user(w.conn, "vera", "viewer", by="tester", owner=case.owner)
    assert case.reader("vera", view_as="investigator").clearance == Sensitivity.INTERNAL
    assert case.reader(view_as="analyst").clearance == Sensitivity.CONFIDENTIAL
    public = case.reader(view_as="public")
    assert (public.profile, public.purpose, public.clearance) == ("public", "publication", Sensitivity.PUBLIC)
    with pytest.raises(InputError, match="no role or profile 'nobody'"):
        case.reader(view_as="nobody")


def test_what_each_user_may_do_from_the_command_line(
    case: Case, tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = build(case, tmp_path)
    add_team(case)
    base = ("--case", case.path)
    src = json.loads(run(*base, "add", "Source", "--set", "title=Register", "--json")[0])["id"]
    out, err = run(*base, "--user", "vera", "add", "Person", "--set", "name=A", "--source", src)
    assert "vera is a viewer; a viewer records nothing" in err
    out, err = run(*base, "--user", "ali", "claim", world.victim, "contact", "x", "--source", src)
    assert "ali (analyst) may not record or read protected values" in err
    out, err = run(*base, "--user", "ali", "claim", world.victim, "occupation", "teacher", "--source", src)
    assert err == "" and out.strip()
    out, err = run(*base, "--user", "ghost", "summary")
    assert "no user 'ghost' in this case" in err
    out, err = run(*base, "--user", "ali", "user", "add", "eve", "--role", "admin")
    assert "only an admin may do this; ali is an analyst" in err
    out, err = run(*base, "user", "add", "ines", "--role", "investigator", "--json")
    assert json.loads(out)["clearance"] == "protected"
    out, _ = run(*base, "--user", "ines", "witness", "show", world.code, "--json")  # no key given: locked
    assert json.loads(out)["details"].get("name") is None
    out, err = run(*base, "show", world.witness, "--as", "nobody")
    assert "--as: no role or profile 'nobody'" in err and f"{NWCU}" in err
    users_json = json.loads(run(*base, "user", "list", "--json")[0])
    assert [(u["name"], u["role"]) for u in users_json] == [
        ("tester", "admin"), ("ali", "analyst"), ("ines", "investigator"), ("vera", "viewer"),
    ]  # fmt: skip
    monkeypatch.setenv("DADKHAH_USER_PASSWORD", "ines's long password")
    assert run(*base, "--user", "ali", "user", "passwd", "ines")[1].startswith("error: only an admin")
    assert run(*base, "--user", "ines", "user", "passwd", "ines")[0].startswith("Password set for ines")
    with case.reading() as conn:
        assert users.verify_password(conn, "ines", "ines's long password")
    profiles = [p["name"] for p in json.loads(run(*base, "profile", "list", "--json")[0])]
    assert profiles == ["public", NWCU, "un-fact-finding-mission"]
    assert SECRETS[0] not in out
