"""The keyring: passphrase and key-file slots, wrong keys refused, rotation."""

import json
import unicodedata
from pathlib import Path

import pytest

from dadkhah.access.crypto import b64e
from dadkhah.access.keys import (
    KdfParams,
    KeyFile,
    Passphrase,
    create_key_file,
    init_keyring,
    rotate,
    status,
    unlock,
)
from dadkhah.case import Case
from dadkhah.errors import Conflict, InputError, LockedError
from dadkhah.model import Sensitivity

FAST = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)  # tests only; the default is RFC 9106's
CASE = "01J00000000000000000000000"


def test_a_passphrase_opens_the_keyring_and_a_wrong_one_is_refused(tmp_path: Path) -> None:
    init_keyring(tmp_path, CASE, Passphrase("correct horse battery"), kdf=FAST)
    opened = unlock(tmp_path, CASE, Passphrase("correct horse battery"))
    token = opened.seal("Zhaleh", context="c1")
    with pytest.raises(LockedError, match="wrong passphrase"):
        unlock(tmp_path, CASE, Passphrase("correct horse batterY"))
    again = unlock(tmp_path, CASE, Passphrase("correct horse battery"))
    assert again.open(token, context="c1") == "Zhaleh"
    doc = json.loads((tmp_path / "keyring.json").read_text())
    assert doc["slots"][0]["kdf"] | {"salt": "-"} == {
        "name": "argon2id", "version": 19, "time_cost": 1, "memory_cost": 1024, "parallelism": 1, "salt": "-",
    }  # fmt: skip
    # The data key itself is never in the file in the clear.
    data_key = again._keys[again.current]
    assert b64e(data_key) not in (tmp_path / "keyring.json").read_text()


def test_the_passphrase_is_compared_in_unicode_normal_form(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", "café آزادی رمز")
    init_keyring(tmp_path, CASE, Passphrase(composed), kdf=FAST)
    unlock(tmp_path, CASE, Passphrase(unicodedata.normalize("NFD", composed)))


def test_key_files_and_their_fingerprints(tmp_path: Path) -> None:
    key = create_key_file(tmp_path / "a.key")
    assert key.stat().st_mode & 0o777 == 0o600
    with pytest.raises(Conflict):
        create_key_file(key)
    init_keyring(tmp_path / "keys", CASE, KeyFile(key))
    unlock(tmp_path / "keys", CASE, KeyFile(key))
    other = create_key_file(tmp_path / "b.key")
    expected = status(tmp_path / "keys").slots[0]["fingerprint"]
    with pytest.raises(LockedError, match=f"does not open.*{expected}"):
        unlock(tmp_path / "keys", CASE, KeyFile(other))
    with pytest.raises(LockedError, match="give its key file"):
        unlock(tmp_path / "keys", CASE, Passphrase("anything long"))
    (tmp_path / "c.key").write_text("not a key\n")
    with pytest.raises(InputError, match="not a Dadkhah key file"):
        unlock(tmp_path / "keys", CASE, KeyFile(tmp_path / "c.key"))


def test_rotation_keeps_old_values_readable_with_the_new_key_only(tmp_path: Path) -> None:
    init_keyring(tmp_path, CASE, Passphrase("old passphrase"), kdf=FAST)
    before = unlock(tmp_path, CASE, Passphrase("old passphrase"))
    old_token = before.seal("before rotation", context="c1")
    state = rotate(tmp_path, CASE, Passphrase("old passphrase"), Passphrase("new passphrase"), kdf=FAST)
    assert state.data_keys == 2 and state.rotated is not None and len(state.slots) == 1
    with pytest.raises(LockedError, match="wrong passphrase"):
        unlock(tmp_path, CASE, Passphrase("old passphrase"))
    after = unlock(tmp_path, CASE, Passphrase("new passphrase"))
    assert after.open(old_token, context="c1") == "before rotation"
    new_token = after.seal("after rotation", context="c2")
    assert new_token.split(":")[1] == after.current != before.current
    # To a key file and back: each rotation leaves exactly one way in.
    key = create_key_file(tmp_path / "k.key")
    rotate(tmp_path, CASE, Passphrase("new passphrase"), KeyFile(key), new_data_key=False)
    with pytest.raises(LockedError):
        unlock(tmp_path, CASE, Passphrase("new passphrase"))
    assert unlock(tmp_path, CASE, KeyFile(key)).open(new_token, context="c2") == "after rotation"


def test_weak_or_repeated_set_up_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="too short"):
        init_keyring(tmp_path, CASE, Passphrase("short"), kdf=FAST)
    init_keyring(tmp_path, CASE, Passphrase("long enough"), kdf=FAST)
    with pytest.raises(Conflict, match="already has a key"):
        init_keyring(tmp_path, CASE, Passphrase("long enough"), kdf=FAST)
    from dadkhah.errors import CaseError

    with pytest.raises(CaseError, match="another case"):
        unlock(tmp_path, "01J00000000000000000000001", Passphrase("long enough"))


def test_a_case_rotated_to_a_new_passphrase_reads_everything_with_it_only(case: Case, tmp_path: Path) -> None:
    init_keyring(case.keys_path, case.id, Passphrase("the old passphrase"), kdf=FAST)
    with pytest.raises(LockedError, match="wrong passphrase"):
        case.unlock("not the passphrase")
    case.unlock("the old passphrase")
    with case.writer() as w:
        source = w.create("Source", {"title": "Intake"})
        person = w.create(
            "Person", {"name": "Zhaleh Parvaneh"}, source=source, sensitivity=Sensitivity.PROTECTED
        )
    rotate(
        case.keys_path, case.id, Passphrase("the old passphrase"), Passphrase("the new passphrase"), kdf=FAST
    )
    case.lock()
    with case.writer() as w, pytest.raises(LockedError):  # locked: nothing protected can be written
        w.claim(person, "contact", "+44 7700 900123", source=source)
    with Case.open(case.path) as reopened:
        with pytest.raises(LockedError, match="wrong passphrase"):
            reopened.unlock("the old passphrase")
        assert "name" not in reopened.view(person).properties  # locked: hidden, and said so
        assert reopened.view(person).notices[-1].startswith("1 protected value hidden: the case is locked")
        reopened.unlock("the new passphrase")
        with reopened.writer() as w:
            w.claim(person, "contact", "+44 7700 900123", source=source)
        view = reopened.view(person)
    assert view.properties["name"].current.value == "Zhaleh Parvaneh"  # sealed under the old data key
    assert view.properties["contact"].current.value == "+44 7700 900123"  # under the new one
