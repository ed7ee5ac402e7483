"""The case-level custody log: the key made at init (protected by a passphrase when one is set),
the origin, appends indexed by subject, checkpoints signed with the case's key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from dadkhah.case import Case
from dadkhah.errors import InputError, LockedError
from dadkhah.log import custody_event, open_checkpoint
from dadkhah.log.case_log import actor_id


def _event(*subjects: str) -> dict[str, object]:
    return custody_event(
        "opened", at=datetime(2024, 3, 1, tzinfo=UTC), actor="user:tester", subjects=list(subjects)
    )


def test_init_makes_a_key_named_after_the_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DADKHAH_LOG_PASSPHRASE", "DADKHAH_PASSPHRASE", "DADKHAH_LOG_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    with Case.init(tmp_path / "case", owner="tester") as case:
        public = case.custody.public_key()
        assert public.origin == f"dadkhah.local/case/{case.id}"
        assert public.pem.startswith("-----BEGIN PUBLIC KEY-----")
        assert not case.custody.is_protected()
        assert (case.keys_path / "custody-log.pem").stat().st_mode & 0o777 == 0o600
        with case.writer() as w:
            assert case.custody.append(w.conn, _event("item:A", "blob:sha256:" + "0" * 64)).idx == 0
            assert case.custody.append(w.conn, _event("item:B")).idx == 1
        assert case.custody.record(_event("item:A")).idx == 2
        with case.reading() as conn:
            assert case.custody.leaves_about(conn, ["item:A"]) == [0, 2]
            assert case.custody.leaves_about(conn, ["item:B", "item:A"]) == [0, 1, 2]
        stored = case.custody.checkpoint()
        opened = open_checkpoint(stored.note, [public.verifier], origin=public.origin)
        assert (opened.size, stored.seq) == (3, 1)
        assert [cp.size for cp in case.custody.checkpoints()] == [3]


def test_a_passphrase_in_the_environment_protects_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DADKHAH_LOG_PASSPHRASE", "correct horse battery staple")
    monkeypatch.setenv("DADKHAH_LOG_DOMAIN", "rights-group.example")
    with Case.init(tmp_path / "case", owner="tester") as case:
        assert case.custody.is_protected()
        assert case.custody.origin == f"rights-group.example/case/{case.id}"
        monkeypatch.delenv("DADKHAH_LOG_PASSPHRASE")
        monkeypatch.delenv("DADKHAH_PASSPHRASE", raising=False)
        with pytest.raises(LockedError, match="protected by a passphrase"):
            case.custody.checkpoint()
        with pytest.raises(LockedError, match="wrong passphrase"):
            case.custody.checkpoint("wrong")
        assert case.custody.checkpoint("correct horse battery staple").size == 0
        monkeypatch.setenv("DADKHAH_PASSPHRASE", "correct horse battery staple")  # the case passphrase
        assert case.custody.checkpoint().seq == 2


def test_a_bad_domain_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DADKHAH_LOG_DOMAIN", "not a domain")
    with pytest.raises(InputError, match="host name"):
        Case.init(tmp_path / "case", owner="tester")


def test_actors_are_identifiers() -> None:
    assert actor_id("tester") == "user:tester"
    assert actor_id("maryam.a@ngo.example") == "user:maryam.a@ngo.example"
    assert actor_id("مریم") == "user:x-" + "مریم".encode().hex()


def test_an_audit_record_of_protected_values_read_is_an_accessed_event(tmp_path: Path) -> None:
    from dadkhah.access import audit
    from dadkhah.log import decode_event

    ids = {"entity": "01HVPERSON0000000000000000", "claim": "01HVCLAIM00000000000000000"}
    with Case.init(tmp_path / "case", owner="tester") as case:
        with case.writer() as w:
            audit.record(w.conn, actor="tester", action="user.add", detail="analyst")  # no values read
            record = audit.record(
                w.conn, actor="tester", action="reveal", entity_ids=[ids["entity"]], claim_ids=[ids["claim"]]
            )
        with case.reading() as conn:
            tree = case.custody.tree(conn)
            assert tree.size == 1
            event = decode_event(tree.leaf(0).data)
            assert case.custody.leaves_about(conn, [f"claim:{ids['claim']}"]) == [0]
    assert event["kind"] == "accessed" and event["actor"] == "user:tester"
    assert event["subjects"] == [f"entity:{ids['entity']}", f"claim:{ids['claim']}"]
    assert event["fields"] == {"action": "reveal", "audit": record}
