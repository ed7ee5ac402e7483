"""Export evidence as a BagIt 1.0 bag (RFC 8493) that a recipient can verify alone; import one.

A bag made by ``export_bag``::

    bagit.txt  bag-info.txt  README.txt
    manifest-sha256.txt  manifest-sha512.txt  tagmanifest-sha256.txt  tagmanifest-sha512.txt
    data/items/<item id>/<file name>    the originals, byte for byte
    data/custody/items.json             each item: id, title, hashes, path, its custody leaves
    data/custody/leaves.jsonl           each of those leaves (base64) with its inclusion proof
    data/custody/checkpoint.txt         the signed checkpoint the proofs lead to
    data/custody/public-key.txt         the log's verifier key and PEM
    data/custody/bag.json               the bag's id, origin, time, checkpoint size
    data/verify_bag.py                  the standalone verifier (Python + cryptography only)
    data/<name>                         any extra files (a case file, an index...)

The export is logged first — one ``exported`` event per item, committed with a new checkpoint that
covers them — so the bag proves its own export. The bag is assembled in ``OUT.partial`` and
renamed into place only when complete.

``import_bag`` verifies a bag from another case with the same code as the standalone verifier,
then takes each item in as an ``imported`` arrival (its file read from the bag like any ingest)
under a Source for the bag, and logs one ``transferred`` event for the bag.
"""

from __future__ import annotations

import base64
import hashlib
import json
import mimetypes
import os
import re
import shutil
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dadkhah.errors import Conflict, InputError, IntegrityError
from dadkhah.log import checkpoint as _checkpoint_module
from dadkhah.log import merkle as _merkle_module
from dadkhah.log import note as _note_module
from dadkhah.log.canonical import custody_event
from dadkhah.log.case_log import actor_id, append_event, passphrase_from_env
from dadkhah.model import Sensitivity
from dadkhah.vault import bag_verifier
from dadkhah.vault.items import blob_subject, item_subject
from dadkhah.vault.opening import item_content
from dadkhah.vault.tables import vault_captures

if TYPE_CHECKING:
    from dadkhah.access import Reader
    from dadkhah.case import Case

CHUNK = 4 << 20
VERIFIER_NAME = "verify_bag.py"
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class BagSummary:
    path: Path
    bag_id: str
    items: int
    files: int
    bytes: int
    checkpoint_size: int


def _safe_name(name: str, media_type: str | None) -> str:
    """A file name any file system and BagIt tool accepts: letters, digits, ``. _ -``."""
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip("._")[:120] or "file"
    if "." not in stem and media_type:
        stem += mimetypes.guess_extension(media_type, strict=False) or ""
    return stem


def _copy_checked(case: Case, sha256: str, target: Path) -> int:
    h = hashlib.sha256()
    size = 0
    with case.blobs.open(sha256) as src, target.open("xb") as out:
        while chunk := src.read(CHUNK):
            h.update(chunk)
            out.write(chunk)
            size += len(chunk)
    if h.hexdigest() != sha256:
        raise IntegrityError(f"blob {sha256} no longer matches its hash; run 'dadkhah verify'")
    return size


def _item_facts(case: Case, item: str, reader: Reader | None) -> dict[str, Any]:
    sha256, sha512 = item_content(case, item)
    view = case.view(item, reader)

    def first(prop: str, below: Sensitivity = Sensitivity.PROTECTED) -> str | None:
        """The value, unless it is sealed: a bag goes to someone else, and a protected file name
        (a recording named after its witness) must not become a file name in it."""
        found = view.properties.get(prop)
        shown = [v for v in found.values if min(c.sensitivity for c in v.claims) < below] if found else []
        return shown[0].value if shown else None

    return {
        "id": item,
        "title": first("title"),
        "media_type": first("mediaType"),
        "filename": first("originalFilename"),
        "sha256": sha256,
        "sha512": sha512,
    }


def _all_items(case: Case) -> list[str]:
    with case.reading() as conn:
        return sorted({str(i) for i in conn.execute(select(vault_captures.c.item_id)).scalars()})


def export_bag(
    case: Case,
    out: Path,
    items: Sequence[str] | None = None,
    *,
    extra_files: Mapping[str, Path | bytes] | None = None,
    reader: Reader | None = None,
    author: str | None = None,
    recipient: str | None = None,
    passphrase: str | None = None,
) -> BagSummary:
    """Write a verifiable bag of ``items`` (default: every item in the vault) to ``out``.

    ``extra_files`` maps a path under ``data/`` (``"case-file.pdf"``, ``"exhibits/index.html"``) to a
    file or bytes. ``reader`` decides which titles and names the bag shows (default: the owner).
    ``recipient`` (an id, e.g. a profile name) is recorded in the ``exported`` events.
    """
    out = Path(out)
    if out.exists():
        raise InputError("already exists; choose a new folder for the bag", file=str(out))
    chosen = sorted({i.upper() for i in items}) if items is not None else _all_items(case)
    if not chosen:
        raise InputError("no evidence items to export", field="items")
    signer = case.custody.signer(passphrase or passphrase_from_env())  # fail before writing anything
    bag_id = _new_bag_id()
    staging = out.with_name(out.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    data = staging / "data"
    try:
        facts = [_item_facts(case, item, reader) for item in chosen]
        (data / "custody").mkdir(parents=True)
        for fact in facts:
            folder = data / "items" / fact["id"]
            folder.mkdir(parents=True)
            name = _safe_name(fact["filename"] or fact["title"] or fact["id"], fact["media_type"])
            fact["path"] = f"data/items/{fact['id']}/{name}"
            _copy_checked(case, fact["sha256"], staging / fact["path"])
        for rel, content in (extra_files or {}).items():
            _add_extra(data, rel, content)
        stored = _log_export(case, chosen, facts, bag_id, signer, author, recipient)
        _write_custody(case, data, facts, stored, bag_id)
        (data / VERIFIER_NAME).write_text(standalone_verifier(), encoding="utf-8")
        files, size = _write_bag_files(staging, bag_id, case, stored)
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BagSummary(out, bag_id, len(chosen), files, size, stored.size)


def _new_bag_id() -> str:
    from dadkhah.store import new_id

    return new_id()


def _add_extra(data: Path, rel: str, content: Path | bytes) -> None:
    parts = Path(rel).parts
    if (
        not parts
        or Path(rel).is_absolute()
        or ".." in parts
        or parts[0] in ("items", "custody", VERIFIER_NAME)
    ):
        raise InputError(
            "must be a relative path outside items/ and custody/", field=f"extra file {rel[:80]}"
        )
    target = data.joinpath(*parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        shutil.copyfile(content, target)


def _log_export(
    case: Case,
    chosen: list[str],
    facts: list[dict[str, Any]],
    bag_id: str,
    signer: _note_module.NoteSigner,
    author: str | None,
    recipient: str | None,
) -> Any:
    """One ``exported`` event per item and a checkpoint covering them, in one transaction."""
    at = datetime.now(UTC)
    fields: dict[str, object] = {"bag": bag_id}
    if recipient:
        fields["recipient"] = recipient
    for attempt in range(5):
        try:
            with case.writer(author) as w:
                for fact in facts:
                    event = custody_event(
                        "exported",
                        at=at,
                        actor=actor_id(w.author),
                        subjects=[item_subject(fact["id"]), blob_subject(fact["sha256"]), f"bag:{bag_id}"],
                        hashes={"sha256": fact["sha256"], "sha512": fact["sha512"]},
                        fields=fields,
                    )
                    append_event(w.conn, event)
                return case.custody.sign(w.conn, signer)
        except Conflict:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _write_custody(case: Case, data: Path, facts: list[dict[str, Any]], stored: Any, bag_id: str) -> None:
    custody = data / "custody"
    with case.reading() as conn:
        tree = case.custody.tree(conn)
        wanted: set[int] = set()
        for fact in facts:
            fact["leaves"] = [
                i for i in case.custody.leaves_about(conn, [item_subject(fact["id"])]) if i < stored.size
            ]
            wanted.update(fact["leaves"])
        with (custody / "leaves.jsonl").open("w", encoding="utf-8") as out:
            for index in sorted(wanted):
                leaf = tree.leaf(index)
                proof = [_b64(h) for h in tree.inclusion_proof(index, stored.size)]
                out.write(json.dumps({"index": index, "leaf": _b64(leaf.data), "proof": proof}) + "\n")
    public = case.custody.public_key()
    (custody / "items.json").write_text(
        json.dumps(
            [{k: v for k, v in f.items() if v is not None} for f in facts], ensure_ascii=False, indent=1
        ),
        encoding="utf-8",
    )
    (custody / "checkpoint.txt").write_text(stored.note, encoding="utf-8")
    (custody / "public-key.txt").write_text(f"{public.verifier}\n{public.pem}", encoding="ascii")
    info = {
        "bag": bag_id,
        "origin": public.origin,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "checkpoint_size": stored.size,
        "items": len(facts),
    }
    (custody / "bag.json").write_text(json.dumps(info, indent=1), encoding="utf-8")


def standalone_verifier() -> str:
    """The verifier script, with the exact texts of the log modules it needs embedded."""
    template = Path(bag_verifier.__file__).read_text(encoding="utf-8")
    head, marker, tail = template.rpartition('\nif __name__ == "__main__":')
    if not marker:
        raise AssertionError("the verifier template lost its main block")
    parts = [
        "\n\n# -- the exact texts of Dadkhah's log modules this verifier uses " + "-" * 30,
        "EMBEDDED_MODULES = {",
    ]
    for module in (_merkle_module, _note_module, _checkpoint_module):
        name = module.__name__.rsplit(".", 1)[1]
        source = Path(str(module.__file__)).read_text(encoding="utf-8")
        if "'''" in source or source.endswith("\\"):
            parts.append(f"    {name!r}: {source!r},")
        else:
            parts.append(f"    {name!r}: r'''{source}''',")
    parts.append("}\n")
    return head + "\n".join(parts) + marker + tail


def _manifest_line(digest: str, rel: str) -> str:
    encoded = rel.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"{digest}  {encoded}\n"


def _write_bag_files(staging: Path, bag_id: str, case: Case, stored: Any) -> tuple[int, int]:
    payload: list[tuple[str, dict[str, str], int]] = []
    for path in sorted(p for p in (staging / "data").rglob("*") if p.is_file()):
        hashes, size = bag_verifier._hash_file(path)
        payload.append((path.relative_to(staging).as_posix(), hashes, size))
    total = sum(size for _, _, size in payload)
    for alg in ("sha256", "sha512"):
        lines = "".join(_manifest_line(h[alg], rel) for rel, h, _ in payload)
        (staging / f"manifest-{alg}.txt").write_text(lines, encoding="utf-8")
    (staging / "bagit.txt").write_text(
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8"
    )
    from dadkhah import __version__

    info = [
        ("Bag-Software-Agent", f"Dadkhah {__version__}"),
        ("Bagging-Date", datetime.now(UTC).date().isoformat()),
        ("External-Identifier", bag_id),
        ("Internal-Sender-Identifier", f"case:{case.id}"),
        ("Payload-Oxum", f"{total}.{len(payload)}"),
        ("Dadkhah-Log-Origin", case.custody.origin),
        ("Dadkhah-Checkpoint-Size", str(stored.size)),
        (
            "External-Description",
            "Evidence with its custody log proofs; verify with: python3 data/verify_bag.py",
        ),
    ]
    (staging / "bag-info.txt").write_text("".join(f"{k}: {v}\n" for k, v in info), encoding="utf-8")
    (staging / "README.txt").write_text(_README, encoding="utf-8")
    tags = ["bagit.txt", "bag-info.txt", "README.txt", "manifest-sha256.txt", "manifest-sha512.txt"]
    for alg in ("sha256", "sha512"):
        lines = "".join(
            _manifest_line(bag_verifier._hash_file(staging / name)[0][alg], name) for name in tags
        )
        (staging / f"tagmanifest-{alg}.txt").write_text(lines, encoding="utf-8")
    return len(payload), total


_README = """This is a BagIt bag (RFC 8493) of evidence made by Dadkhah.

data/items/       the evidence files, byte for byte as they entered the case
data/custody/     their custody events, inclusion proofs, the signed checkpoint and the public key
data/verify_bag.py  a verifier that needs only Python 3.10+ and the 'cryptography' package

To verify everything, from this folder:

    python3 data/verify_bag.py .

or, with the case's public key obtained separately (recommended):

    python3 data/verify_bag.py . --key 'origin+keyid+base64key'

Any BagIt tool can check the files alone, e.g.: bagit.py --validate .
"""


# -- import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSummary:
    bag_id: str
    origin: str
    source_id: str
    items: dict[str, str]  # the sender's item id → the item here


def import_bag(
    case: Case, bag: Path, *, author: str | None = None, trusted_key: str | None = None
) -> ImportSummary:
    """Verify a bag from another case and take its items in, recording the transfer."""
    from dadkhah.vault.capture import Capture
    from dadkhah.vault.ingest import _intake, _prepare
    from dadkhah.vault.items import record_arrival

    bag = Path(bag)
    report = bag_verifier.verify_bag(bag, trusted_key)
    if not report.ok:
        raise IntegrityError(
            "the bag does not verify; nothing was imported:\n  " + "\n  ".join(report.problems)
        )
    if report.origin == case.custody.origin:
        raise Conflict("this bag was exported by this very case; its items are already here")
    author = author or case.owner
    pending = {}
    with _intake(case.blobs) as intake:
        for item in report.items:
            pending[item.id] = _prepare(intake, bag / item.path)
        intake.place(list(p.incoming for p in pending.values()))
    at = datetime.now(UTC)
    with case.writer(author) as w:
        note = (
            f"Received in bag {report.bag_id} from the custody log {report.origin} "
            f"(checkpoint of {report.size} events, root {report.root_hash}, key {report.key})."
        )
        source = w.create(
            "Source",
            {"title": f"Bag {report.bag_id} from {report.origin}"[:1000], "kind": "other", "note": note},
        )
        capture = Capture(source=source, method=f"transfer in bag {report.bag_id}", at=at)
        mapping: dict[str, str] = {}
        for item in report.items:
            p = pending[item.id]
            recorded = record_arrival(
                w,
                p.incoming,
                p.media,
                p.meta,
                capture,
                kind="imported",
                title=item.title,
                extra_fields={"bag": report.bag_id, "from_item": item.id},
            )
            mapping[item.id] = recorded.item_id
        event = custody_event(
            "transferred",
            at=at,
            actor=actor_id(w.author),
            subjects=[
                f"bag:{report.bag_id}",
                f"log:{report.origin}",
                *(item_subject(i) for i in mapping.values()),
            ],
            fields={
                "checkpoint_size": report.size,
                "root": report.root_hash,
                "direction": "received",
                "sender_key": report.key,  # name+keyid of the key the bag was verified with
                "sender_key_given": not report.key_from_bag,  # or only the bag's own (--key absent)
            },
        )
        append_event(w.conn, event)
    return ImportSummary(report.bag_id, report.origin, source, mapping)


__all__ = ["BagSummary", "ImportSummary", "export_bag", "import_bag", "standalone_verifier"]
