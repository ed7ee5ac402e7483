#!/usr/bin/env python3
"""Verify a Dadkhah evidence bag, trusting nothing but standard cryptography.

Usage (from anywhere; Python 3.10 or later and the ``cryptography`` package are all it needs)::

    python3 verify_bag.py [BAG_FOLDER] [--key VERIFIER_KEY]

It checks, and then says in plain words what it found:

1. **The files.** Every file in the bag's ``data/`` folder matches its SHA-256 and SHA-512 in the
   bag's manifests (BagIt, RFC 8493), and no file is missing or added.
2. **The signature.** The custody log's checkpoint in ``data/custody/checkpoint.txt`` — the log's
   name, its number of events and the hash of all of them — is signed (Ed25519, C2SP signed-note
   format) by the case's key. The key travels in the bag (``data/custody/public-key.txt``); a key
   that came with the bag proves only that the bag is consistent, so compare it with the key the
   sender published, or give that key with ``--key``.
3. **The custody.** Each custody event in ``data/custody/leaves.jsonl`` is proven, by an RFC 9162
   inclusion proof, to be in the signed log; and each evidence item's file is exactly the file its
   ``ingested`` (or ``derived``, ``imported``) event recorded.

Exit status 0 means everything holds; 1 means something does not, and the output says what.
This file was written by Dadkhah when the bag was made. Below the verifier are the exact texts of
the three Dadkhah modules it uses (``dadkhah/log/merkle.py``, ``note.py``, ``checkpoint.py``), so
that it runs without Dadkhah installed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

CHUNK = 4 << 20
ALGORITHMS = ("sha256", "sha512")
NAMES = {"sha256": "SHA-256", "sha512": "SHA-512"}
ARRIVALS = ("ingested", "derived", "imported")
_ERRORS_STUB = """
class DadkhahError(Exception):
    pass


class InputError(DadkhahError):
    def __init__(self, reason, *, file=None, line=None, field=None):
        super().__init__(f"{field}: {reason}" if field else reason)


class IntegrityError(DadkhahError):
    pass
"""


def _modules() -> tuple[Any, Any, Any]:
    """Dadkhah's merkle, note and checkpoint modules: installed, or the copies embedded below."""
    try:
        from dadkhah.log import checkpoint, merkle, note

        return merkle, note, checkpoint
    except ImportError:
        pass
    embedded: dict[str, str] = globals().get("EMBEDDED_MODULES", {})
    if not embedded:
        raise SystemExit("this verifier has no embedded modules; use the copy written into the bag")
    for name in ("dadkhah", "dadkhah.log"):
        package = types.ModuleType(name)
        package.__path__ = []
        sys.modules[name] = package
    errors = types.ModuleType("dadkhah.errors")
    exec(compile(_ERRORS_STUB, "<dadkhah/errors.py stub>", "exec"), errors.__dict__)  # noqa: S102
    sys.modules["dadkhah.errors"] = errors
    loaded = []
    for name in ("merkle", "note", "checkpoint"):
        module = types.ModuleType(f"dadkhah.log.{name}")
        sys.modules[module.__name__] = module
        exec(compile(embedded[name], f"<dadkhah/log/{name}.py>", "exec"), module.__dict__)  # noqa: S102
        loaded.append(module)
    return loaded[0], loaded[1], loaded[2]


@dataclass
class ItemReport:
    id: str
    path: str
    title: str | None
    sha256: str
    events: list[str] = field(default_factory=list)


@dataclass
class BagReport:
    """What ``verify_bag`` found: ``problems`` empty means the bag verifies."""

    root: Path
    files: int = 0
    bytes: int = 0
    origin: str = ""
    size: int = 0
    root_hash: str = ""
    key: str = ""
    key_from_bag: bool = True
    bag_id: str = ""
    items: list[ItemReport] = field(default_factory=list)
    proven_events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# -- 1. the files -------------------------------------------------------------------------------


def _manifest(root: Path, name: str, report: BagReport) -> dict[str, str]:
    entries: dict[str, str] = {}
    path = root / name
    if not path.is_file():
        report.problems.append(f"{name} is missing")
        return entries
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, rel = line.partition(" ")
        rel = rel.lstrip(" ")
        if not sep or not rel:
            report.problems.append(f"{name} line {n} is not 'checksum path'")
            continue
        entries[unquote(rel) if "%" in rel else rel] = digest.lower()
    return entries


def _hash_file(path: Path) -> tuple[dict[str, str], int]:
    hashes = {alg: hashlib.new(alg) for alg in ALGORITHMS}
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            for h in hashes.values():
                h.update(chunk)
            size += len(chunk)
    return {alg: h.hexdigest() for alg, h in hashes.items()}, size


def check_files(root: Path, report: BagReport) -> dict[str, dict[str, str]]:
    """Every payload and tag file against the bag's manifests; returns each payload file's hashes."""
    declaration = root / "bagit.txt"
    if not declaration.is_file() or "BagIt-Version:" not in declaration.read_text(encoding="utf-8"):
        report.problems.append("bagit.txt is missing or is not a BagIt declaration")
    manifests = {alg: _manifest(root, f"manifest-{alg}.txt", report) for alg in ALGORITHMS}
    on_disk = sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*") if p.is_file())
    listed = set().union(*(set(m) for m in manifests.values()))
    for rel in sorted(listed - set(on_disk)):
        report.problems.append(f"{rel} is listed in the manifest but missing from the bag")
    found: dict[str, dict[str, str]] = {}
    for rel in on_disk:
        if rel not in listed:
            report.problems.append(f"{rel} is in the bag but in no manifest (it was added)")
            continue
        hashes, size = _hash_file(root / rel)
        found[rel] = hashes
        report.files += 1
        report.bytes += size
        for alg in ALGORITHMS:
            expected = manifests[alg].get(rel)
            if expected is None:
                report.problems.append(f"{rel} is missing from manifest-{alg}.txt")
            elif expected != hashes[alg]:
                report.problems.append(
                    f"{rel}: its {NAMES[alg]} does not match the manifest (the file was altered)"
                )
    for alg in ALGORITHMS:
        tags = root / f"tagmanifest-{alg}.txt"
        if not tags.is_file():
            continue
        for rel, expected in _manifest(root, tags.name, report).items():
            target = root / rel
            if not target.is_file():
                report.problems.append(f"tag file {rel} is missing")
            elif _hash_file(target)[0][alg] != expected:
                report.problems.append(
                    f"tag file {rel}: its {NAMES[alg]} does not match tagmanifest-{alg}.txt"
                )
    return found


# -- 2. the signature and 3. the custody ---------------------------------------------------------


def check_custody(
    root: Path, files: dict[str, dict[str, str]], report: BagReport, trusted_key: str | None
) -> None:
    merkle, note, checkpoint = _modules()
    custody = root / "data" / "custody"
    try:
        key_text = (custody / "public-key.txt").read_text(encoding="ascii").splitlines()[0]
        bag_key = note.VerifierKey.parse(key_text)
        items = json.loads((custody / "items.json").read_text(encoding="utf-8"))
        leaves = [
            json.loads(line)
            for line in (custody / "leaves.jsonl").read_text(encoding="utf-8").splitlines()
            if line
        ]
        signed = (custody / "checkpoint.txt").read_text(encoding="utf-8")
        bag_info = json.loads((custody / "bag.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, IndexError) as exc:
        report.problems.append(f"the custody files in data/custody are missing or unreadable: {exc}")
        return
    report.bag_id = str(bag_info.get("bag", ""))
    key = bag_key
    if trusted_key:
        key = note.VerifierKey.parse(trusted_key)
        report.key_from_bag = False
        if key != bag_key:
            report.problems.append("the key in the bag is not the key you gave with --key")
    report.key = key.label
    try:
        cp = checkpoint.open_checkpoint(signed, [key], what="the checkpoint")
    except Exception as exc:  # noqa: BLE001 (the stubbed IntegrityError, or anything a damaged note causes)
        report.problems.append(f"the signature does not hold: {exc}")
        return
    report.origin, report.size, report.root_hash = cp.origin, cp.size, cp.root_hash.hex()
    events: dict[int, dict[str, Any]] = {}
    for entry in leaves:
        index = entry.get("index")
        try:
            data = base64.b64decode(entry["leaf"], validate=True)
            proof = [base64.b64decode(h, validate=True) for h in entry["proof"]]
            merkle.verify_inclusion(index, cp.size, merkle.leaf_hash(data), proof, cp.root_hash)
            events[index] = json.loads(data)
            report.proven_events += 1
        except Exception as exc:  # noqa: BLE001 (a damaged entry can fail in many ways; each is a failure)
            report.problems.append(f"custody event {index} is not proven to be in the signed log: {exc}")
    for item in items:
        _check_item(item, files, events, report)


def _check_item(
    item: dict[str, Any],
    files: dict[str, dict[str, str]],
    events: dict[int, dict[str, Any]],
    report: BagReport,
) -> None:
    found = ItemReport(item["id"], item["path"], item.get("title"), item["sha256"])
    report.items.append(found)
    where = f"item {found.id} ({found.path})"
    hashes = files.get(found.path)
    if hashes is None:
        report.problems.append(f"{where}: its file is not in the bag")
        return
    if hashes["sha256"] != found.sha256 or hashes["sha512"] != item.get("sha512"):
        report.problems.append(f"{where}: the file is not the one the custody log recorded")
    arrived = False
    for index in item.get("leaves", []):
        event = events.get(index)
        if event is None:
            report.problems.append(f"{where}: custody event {index} is missing or unproven")
            continue
        if f"item:{found.id}" not in event.get("subjects", []):
            report.problems.append(f"{where}: custody event {index} is about something else")
            continue
        if event.get("kind") in ARRIVALS and f"item:{found.id}" == event["subjects"][0]:
            arrived = arrived or event.get("hashes", {}).get("sha256") == hashes["sha256"]
        found.events.append(
            f"{event.get('kind')} {event.get('at', '')[:19].replace('T', ' ')} UTC by {event.get('actor')}"
        )
    if not arrived:
        report.problems.append(f"{where}: no proven custody event records the arrival of these exact bytes")


def verify_bag(root: Path, trusted_key: str | None = None) -> BagReport:
    report = BagReport(root)
    files = check_files(root, report)
    check_custody(root, files, report, trusted_key)
    return report


# -- the plain-language result ----------------------------------------------------------------


def describe(report: BagReport) -> str:
    lines = [f"Bag {report.root}" + (f" (bag {report.bag_id})" if report.bag_id else "")]
    lines.append(
        f"Files: {report.files} file(s), {report.bytes:,} bytes, each checked against its SHA-256 "
        "and SHA-512."
    )
    if report.origin:
        lines.append(
            f"Signature: the custody log '{report.origin}' of {report.size:,} events (root hash "
            f"{report.root_hash[:16]}…) is signed by key {report.key}."
        )
        if report.key_from_bag:
            lines.append(
                "  That key came inside the bag: compare it with the key the sender published, "
                "or run again with --key to check against a key you hold."
            )
        lines.append(f"Custody: {report.proven_events} custody event(s) are proven to be in that signed log.")
    for item in report.items:
        lines.append(f"  {item.id}  {item.title or item.path}")
        lines.extend(f"      {event}" for event in item.events)
    if report.ok:
        lines.append(
            "RESULT: VERIFIED. Every file is exactly the file recorded when it entered the case, and every "
            "custody event shown is in the signed log."
        )
    else:
        lines.append(f"RESULT: NOT VERIFIED. {len(report.problems)} problem(s):")
        lines.extend(f"  - {p}" for p in report.problems)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    key = None
    if "--key" in args:
        at = args.index("--key")
        if at + 1 >= len(args):
            sys.stderr.write("--key needs a verifier key (name+keyid+base64)\n")
            return 2
        key = args[at + 1]
        del args[at : at + 2]
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent
    report = verify_bag(root, key)
    sys.stdout.write(describe(report) + "\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
