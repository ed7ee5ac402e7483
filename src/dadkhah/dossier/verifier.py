#!/usr/bin/env python3
"""Verify a Dadkhah case file and its evidence bag, trusting nothing but standard cryptography.

Usage, from the bag's folder (Python 3.10+ and the ``cryptography`` package are all it needs)::

    python3 data/dossier/verify_dossier.py [BAG_FOLDER] [--key VERIFIER_KEY]

First it runs the bag's own verifier (``data/verify_bag.py``): every file against the manifests,
the signed checkpoint, the custody events of every exhibit. Then it checks the case file itself:

- ``data/dossier/custody.json`` holds the custody-log events that recorded the SHA-256 and SHA-512
  of ``dossier.html`` and ``dossier.pdf`` when they were made, each with an RFC 9162 inclusion
  proof, and the checkpoint (signed by the same key) the proofs lead to;
- each event must be proven to be in that signed log, must name this case file, and must record
  exactly the hashes of the file in the bag.

Exit status 0 means everything holds; 1 means something does not, and the output says what.
This file was written by Dadkhah when the case file was made.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any


def _bag_verifier(root: Path) -> Any:
    path = root / "data" / "verify_bag.py"
    spec = importlib.util.spec_from_file_location("verify_bag", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path} is missing: this is not a complete case-file bag")
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_bag"] = module
    spec.loader.exec_module(module)
    return module


def check_case_file(root: Path, bag: Any, trusted_key: str | None) -> tuple[list[str], list[str]]:
    """(what was verified, problems) for the case file's own custody records."""
    merkle, note, checkpoint = bag._modules()
    folder = root / "data" / "dossier"
    problems: list[str] = []
    found: list[str] = []
    try:
        custody = json.loads((folder / "custody.json").read_text(encoding="utf-8"))
        key_line = (root / "data" / "custody" / "public-key.txt").read_text(encoding="ascii").splitlines()[0]
    except (OSError, ValueError, IndexError) as exc:
        return found, [f"the case file's custody record is missing or unreadable: {exc}"]
    key = note.VerifierKey.parse(trusted_key or key_line)
    try:
        cp = checkpoint.open_checkpoint(custody["checkpoint"], [key], what="the case file's checkpoint")
    except Exception as exc:  # noqa: BLE001 (the stubbed IntegrityError, or a damaged note)
        return found, [f"the case file's checkpoint signature does not hold: {exc}"]
    dossier = custody.get("dossier", "")
    for entry in custody.get("files", []):
        name = entry.get("file", "?")
        try:
            data = base64.b64decode(entry["leaf"], validate=True)
            proof = [base64.b64decode(h, validate=True) for h in entry["proof"]]
            merkle.verify_inclusion(entry["index"], cp.size, merkle.leaf_hash(data), proof, cp.root_hash)
            event = json.loads(data)
        except Exception as exc:  # noqa: BLE001 (a damaged entry can fail in many ways; each is a failure)
            problems.append(f"{name}: its custody event is not proven to be in the signed log: {exc}")
            continue
        if f"dossier:{dossier}" not in event.get("subjects", []):
            problems.append(f"{name}: the proven event is about another case file")
            continue
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is not in the bag")
            continue
        content = path.read_bytes()
        hashes = event.get("hashes", {})
        if (
            hashes.get("sha256") != hashlib.sha256(content).hexdigest()
            or hashes.get("sha512") != hashlib.sha512(content).hexdigest()
        ):
            problems.append(f"{name} is not the file whose hashes the custody log recorded (it was altered)")
            continue
        found.append(
            f"{name}: recorded in the signed log as event {entry['index']} of {cp.size} "
            f"({event.get('kind')} {event.get('at', '')[:19].replace('T', ' ')} UTC)"
        )
    if not custody.get("files"):
        problems.append("the case file's custody record lists no file")
    return found, problems


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
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent.parent
    bag = _bag_verifier(root)
    report = bag.verify_bag(root, key)
    sys.stdout.write(bag.describe(report) + "\n")
    found, problems = check_case_file(root, bag, key)
    sys.stdout.write("Case file:\n" + "".join(f"  {line}\n" for line in found))
    if problems:
        sys.stdout.write(f"CASE FILE: NOT VERIFIED. {len(problems)} problem(s):\n")
        sys.stdout.write("".join(f"  - {p}\n" for p in problems))
    else:
        sys.stdout.write(
            "CASE FILE: VERIFIED. Its HTML and PDF are exactly the files recorded in the signed log.\n"
        )
    return 0 if report.ok and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
