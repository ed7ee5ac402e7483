"""The commands: ingest, log checkpoint|proof|consistency|leaves|key, verify, derive, open, export and
import bags — with every proof they print checked independently."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

import bagit

from dadkhah.log import VerifierKey, tree_hash
from dadkhah.log.checkpoint import open_checkpoint
from dadkhah.log.merkle import leaf_hash, verify_consistency, verify_inclusion


def _b64(text: str) -> bytes:
    return base64.b64decode(text)


def test_ingest_then_prove_everything_from_the_printed_output(samples, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case"
    assert cli("init", case, "--owner", "tester", "--no-key").code == 0
    folder = samples.media_folder(tmp_path)
    done = cli("--case", case, "ingest", folder, "--collector", "Investigator 7", "--json")
    assert done.code == 0, done.err
    results = [json.loads(line) for line in done.out.splitlines()]
    assert [r["status"] for r in results] == ["ingested"] * 4

    key = VerifierKey.parse(cli("--case", case, "log", "key").out.splitlines()[0])
    first = json.loads(cli("--case", case, "log", "checkpoint", "--json").out)
    assert first["size"] == 4
    cp = open_checkpoint(first["note"], [key])
    assert cp.origin == key.name and cp.origin.endswith("/case/" + key.name.rsplit("/", 1)[1])

    photo = results[0]["item_id"]
    proof = json.loads(cli("--case", case, "log", "proof", photo, "--json").out)
    (entry,) = proof["proofs"]
    leaf = _b64(entry["leaf"])
    assert json.loads(leaf)["subjects"][0] == f"item:{photo}"
    verify_inclusion(
        entry["index"], cp.size, leaf_hash(leaf), [_b64(h) for h in entry["proof"]], cp.root_hash
    )

    assert cli("--case", case, "ingest", folder / "sub" / "notes.txt", "--again").code == 0
    second = open_checkpoint(
        json.loads(cli("--case", case, "log", "checkpoint", "--json").out)["note"], [key]
    )
    consistency = json.loads(cli("--case", case, "log", "consistency", "4", "--json").out)
    verify_consistency(
        4, second.size, [_b64(h) for h in consistency["proof"]], cp.root_hash, second.root_hash
    )

    leaves = json.loads(cli("--case", case, "log", "leaves", "--json").out)
    assert tree_hash([_b64(e["leaf"]) for e in leaves]) == second.root_hash
    lines = cli("--case", case, "log", "leaves", "--from", "3").out.splitlines()
    assert [line.split()[0] for line in lines] == ["3", "4"]

    ok = cli("--case", case, "verify")
    assert ok.code == 0 and "verified: every file, leaf and checkpoint holds" in ok.out


def test_verify_exits_8_and_names_the_altered_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case"
    cli("init", case, "--owner", "tester", "--no-key")
    note = tmp_path / "note.txt"
    note.write_bytes(b"a statement")
    item = json.loads(cli("--case", case, "ingest", note, "--json").out)
    blob = next(p for p in (case / "blobs" / "sha256").rglob("*") if p.is_file())
    blob.chmod(0o644)
    blob.write_bytes(b"a statemenT")
    bad = cli("--case", case, "verify")
    assert bad.code == 8
    assert f"item {item['item_id']}: blob {item['sha256']} now hashes to" in bad.err
    report = json.loads(cli("--case", case, "verify", "--json", "--no-record").out)
    assert report["ok"] is False and len(report["problems"]) == 1


def test_export_validates_with_bagit_and_import_records_the_transfer(samples, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sender, receiver = tmp_path / "sender", tmp_path / "receiver"
    cli("init", sender, "--owner", "tester", "--no-key")
    cli("init", receiver, "--owner", "tester", "--no-key")
    results = [
        json.loads(x)
        for x in cli("--case", sender, "ingest", samples.media_folder(tmp_path), "--json").out.split("\n")
        if x
    ]
    items = [r["item_id"] for r in results[:2]]
    bag = tmp_path / "bag"
    made = cli(
        "--case",
        sender,
        "export",
        "bag",
        bag,
        "--items",
        items[0],
        "--items",
        items[1],
        "--recipient",
        "icc-otp",
    )
    assert made.code == 0, made.err
    bagit.Bag(str(bag)).validate()  # raises if the bag is not valid BagIt
    listed = json.loads((bag / "data" / "custody" / "items.json").read_text())
    assert sorted(i["id"] for i in listed) == sorted(items)
    assert all(len(i["leaves"]) == 2 for i in listed)  # ingested, then exported

    key = cli("--case", sender, "log", "key").out.splitlines()[0]
    imported = cli("--case", receiver, "import", "bag", bag, "--key", key, "--json")
    assert imported.code == 0, imported.err
    mapping = json.loads(imported.out)["items"]
    assert sorted(mapping) == sorted(items)
    leaves = [
        json.loads(_b64(e["leaf"]))
        for e in json.loads(cli("--case", receiver, "log", "leaves", "--json").out)
    ]
    assert [e["kind"] for e in leaves] == ["imported", "imported", "transferred"]
    assert leaves[2]["subjects"][:2] == [
        f"bag:{json.loads((bag / 'data/custody/bag.json').read_text())['bag']}",
        f"log:{VerifierKey.parse(key).name}",
    ]
    assert cli("--case", receiver, "verify").code == 0


def test_a_tampered_bag_is_refused_and_nothing_is_imported(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sender, receiver = tmp_path / "sender", tmp_path / "receiver"
    cli("init", sender, "--owner", "tester", "--no-key")
    cli("init", receiver, "--owner", "tester", "--no-key")
    note = tmp_path / "note.txt"
    note.write_bytes(b"a statement")
    cli("--case", sender, "ingest", note)
    bag = tmp_path / "bag"
    assert cli("--case", sender, "export", "bag", bag, "--all").code == 0
    (payload,) = (bag / "data" / "items").rglob("note.txt")
    payload.write_bytes(b"a statemenT")
    refused = cli("--case", receiver, "import", "bag", bag)
    assert refused.code == 8
    assert "note.txt: its SHA-256 does not match the manifest" in refused.err
    with sqlite3.connect(receiver / "dadkhah.db") as conn:
        assert conn.execute("SELECT count(*) FROM log_leaves").fetchone() == (0,)


def test_an_older_case_gets_its_key_and_proofs_need_a_checkpoint(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = tmp_path / "case"
    cli("init", case, "--owner", "tester", "--no-key")
    for name in ("custody-log.pem", "custody-log.pub"):  # as a case made before the vault had
        (case / "keys" / name).unlink()
    note = tmp_path / "note.txt"
    note.write_bytes(b"a statement")
    assert cli("--case", case, "ingest", note).code == 0  # appends need no key
    assert cli("--case", case, "log", "key").code == 4
    made = json.loads(cli("--case", case, "log", "key", "--create", "--json").out)
    assert made["origin"].startswith("dadkhah.local/case/") and made["protected"] is False
    early = cli("--case", case, "log", "proof", "--index", "0")
    assert early.code == 5 and "no signed checkpoint yet" in early.err
    cli("--case", case, "log", "checkpoint")
    proof = json.loads(cli("--case", case, "log", "proof", "--index", "0", "--json").out)
    assert proof["proofs"][0]["index"] == 0 and proof["proofs"][0]["proof"] == []  # a tree of one leaf
    assert cli("--case", case, "log", "proof", "--index", "1").code == 5
