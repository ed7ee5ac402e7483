"""The case key from the command line: init, a wrong passphrase refused, rotation, the in-folder key file."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dadkhah.case import Case

Run = Callable[..., tuple[str, str]]
PROTECTED_NAME = "Zhaleh Parvaneh"


def _witness(run: Run, case: Path) -> str:
    out, err = run("--case", case, "witness", "add", "--name", PROTECTED_NAME, "--risk", "high", "--json")
    assert err == "", err
    return str(json.loads(out)["code"])


def test_a_passphrase_case_refuses_a_wrong_passphrase_and_rotates(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tmp_path / "case"
    monkeypatch.setenv("DADKHAH_PASSPHRASE", "correct horse battery")
    out, err = run("init", case, "--owner", "olga", "--json")
    assert json.loads(out)["key"] == {"kind": "passphrase"} and err == ""
    code = _witness(run, case)
    assert PROTECTED_NAME in run("--case", case, "witness", "show", code)[0]

    monkeypatch.setenv("DADKHAH_PASSPHRASE", "correct horse batterie")
    out, err = run("--case", case, "witness", "show", code)
    assert out == "" and "wrong passphrase: it does not open this case's key" in err
    assert "wrong passphrase" in run("--case", case, "unlock")[1]

    monkeypatch.setenv("DADKHAH_PASSPHRASE", "correct horse battery")
    monkeypatch.setenv("DADKHAH_NEW_PASSPHRASE", "a new passphrase")
    first = json.loads(run("--case", case, "log", "checkpoint", "--json")[0])
    out, err = run("--case", case, "keys", "rotate", "--json")
    rotated = json.loads(out)
    assert rotated["data_keys"] == 2, err
    assert rotated["log_key"] == "now opens with the new passphrase"
    assert "wrong passphrase" in run("--case", case, "witness", "show", code)[1]  # the old one is refused
    assert run("--case", case, "log", "checkpoint")[1] != ""  # nor signs checkpoints any more
    monkeypatch.setenv("DADKHAH_PASSPHRASE", "a new passphrase")
    assert PROTECTED_NAME in run("--case", case, "witness", "show", code)[0]  # sealed before: still readable
    _witness(run, case)  # sealed with the new data key
    assert run("--case", case, "unlock", "--json")[0].count('"unlocked": true') == 1
    # The log's signing key follows the case passphrase; it is the same key, so its checkpoints
    # before and after the rotation verify with the one published public key.
    second = json.loads(run("--case", case, "log", "checkpoint", "--json")[0])
    assert second["size"] > first["size"]
    out, err = run("--case", case, "verify", "--json")
    checked = json.loads(out)
    assert checked["ok"] is True and checked["checkpoints"] == 2, err


def test_without_a_passphrase_init_writes_a_key_file_into_the_case_and_says_loudly_to_move_it(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DADKHAH_PASSPHRASE", raising=False)
    monkeypatch.delenv("DADKHAH_KEY_FILE", raising=False)
    case = tmp_path / "case"
    out, err = run("init", case, "--owner", "olga")
    assert "WARNING" in err and "keys/case.key" in err and "Move the" in err
    code = _witness(run, case)  # the in-folder key file unlocks it
    status = json.loads(run("--case", case, "keys", "status", "--json")[0])
    assert status["key_file_inside_case"] is True and status["slots"][0]["kind"] == "key-file"
    # Moving the key off the machine: rotate to a key file elsewhere; the in-folder one is removed.
    outside = tmp_path / "usb" / "case.key"
    out, err = run("--case", case, "keys", "rotate", "--new-key-file", outside, "--json")
    assert json.loads(out)["removed_in_case_key_file"] is True, err
    assert not (case / "keys" / "case.key").exists()
    out, err = run("--case", case, "witness", "show", code, "--json")
    assert "name" not in json.loads(out)["details"]  # locked now
    monkeypatch.setenv("DADKHAH_KEY_FILE", str(outside))
    assert json.loads(run("--case", case, "witness", "show", code, "--json")[0])["details"]["name"] == [
        PROTECTED_NAME
    ]


def test_a_case_made_without_a_key_cannot_record_protected_values_until_keys_init(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DADKHAH_PASSPHRASE", raising=False)
    case = tmp_path / "case"
    run("init", case, "--owner", "olga", "--no-key")
    out, err = run("--case", case, "witness", "add", "--name", PROTECTED_NAME)
    assert "unlock the case" in err and out == ""
    monkeypatch.setenv("DADKHAH_KEY_FILE", str(tmp_path / "k.key"))
    out, err = run("--case", case, "keys", "init", "--key-file", tmp_path / "k.key", "--json")
    assert json.loads(out)["kind"] == "key-file", err
    _witness(run, case)
    with Case.open(case) as opened:
        opened.unlock(key_file=tmp_path / "k.key")
        person = opened.view(
            json.loads(run("--case", case, "witness", "list", "--json")[0])["witnesses"][0]["person"]
        )
    assert person.properties["name"].current.value == PROTECTED_NAME
