"""Verifying without trusting whoever holds the case folder: a key and checkpoints received apart.

The holder of a case folder holds its public key, and with the signing key could rewrite the log
and sign the new history. These tests play that holder: a copy of the case taken before some
events is given another history, signed with the same key, and only what a recipient kept from
before (the key, an earlier checkpoint) shows it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path


def _ingest(cli, case: Path, folder: Path, name: str, content: bytes) -> None:  # type: ignore[no-untyped-def]
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(content)
    done = cli("--case", case, "ingest", folder / name, "--json")
    assert done.code == 0, done.err


def test_a_rewritten_history_signed_with_the_same_key_fails_against_an_earlier_checkpoint(
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    case, files = tmp_path / "case", tmp_path / "files"
    assert cli("init", case, "--owner", "tester", "--no-key").code == 0
    _ingest(cli, case, files, "order.txt", b"the commission's order, as received")
    shutil.copytree(case, tmp_path / "before")  # the holder keeps a copy, signing key included
    _ingest(cli, case, files, "register.txt", b"the prison register, page 12")

    # What a recipient (a prosecutor) received apart from the folder: the key and a checkpoint.
    (tmp_path / "key.txt").write_text(cli("--case", case, "log", "key").out, encoding="utf-8")
    note = json.loads(cli("--case", case, "log", "checkpoint", "--json").out)["note"]
    (tmp_path / "checkpoint.txt").write_text(note, encoding="utf-8")
    trust = ("--key", tmp_path / "key.txt", "--checkpoint", tmp_path / "checkpoint.txt")

    honest = cli("--case", case, "verify", "--json", *trust)
    assert honest.code == 0, honest.err
    report = json.loads(honest.out)
    assert report["key_trusted"] is True and report["held"] == 1

    # The holder swaps the register for another page, re-ingests, signs with the same key.
    forged = tmp_path / "before"
    _ingest(cli, forged, files, "register-forged.txt", b"the prison register, page 12 (altered)")
    assert cli("--case", forged, "log", "checkpoint").code == 0
    assert cli("--case", forged, "verify").code == 0  # by itself the forged folder verifies
    caught = cli("--case", forged, "verify", "--json", *trust)
    assert caught.code != 0
    problems = json.loads(caught.out)["problems"]
    assert any("no longer hash to the root it signed" in p and "rewritten" in p for p in problems)


def test_the_case_key_must_be_the_key_the_recipient_trusts(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case, other = tmp_path / "case", tmp_path / "other"
    for folder in (case, other):
        assert cli("init", folder, "--owner", "tester", "--no-key").code == 0
        _ingest(cli, folder, tmp_path / "files", "note.txt", b"field notes")
        assert cli("--case", folder, "log", "checkpoint").code == 0
    (tmp_path / "key.txt").write_text(cli("--case", other, "log", "key").out, encoding="utf-8")
    swapped = cli("--case", case, "verify", "--json", "--key", tmp_path / "key.txt")
    assert swapped.code != 0
    problems = json.loads(swapped.out)["problems"]
    assert any("is not the key you trust" in p for p in problems)
    assert any("checkpoint" in p and "signature" in p.lower() for p in problems)
    (tmp_path / "junk.txt").write_text("not a key\n", encoding="utf-8")
    bad = cli("--case", case, "verify", "--key", tmp_path / "junk.txt")
    assert bad.code == 2 and "verifier key" in bad.err
