"""Writing a case file out: HTML and PDF, their hashes in the custody log, the redaction log in the
case, and a BagIt bag with the exhibits, the proofs and the standalone verifiers.

``OUT/`` receives::

    dossier.html  dossier.pdf      the case file (also inside the bag)
    bag/                           the BagIt bag to hand over:
      data/items/<item>/<file>       the exhibits, byte for byte (from the vault's export)
      data/custody/...               their custody events, proofs, checkpoint, public key
      data/verify_bag.py             the vault's standalone verifier
      data/dossier/dossier.html|pdf  the case file
      data/dossier/custody.json      the events recording the case file's hashes, with proofs
      data/dossier/verify_dossier.py verifies all of the above

Order of work: render (no change to the case but a checkpoint); record the case file's hashes as
``exported`` custody events and sign a checkpoint covering them; write the bag (the vault logs one
``exported`` event per exhibit); then keep the record of the case file and its redaction log. The
output folder appears only when everything succeeded.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert

from dadkhah.access import Reader
from dadkhah.dossier.build import DossierOptions, Prepared, prepare
from dadkhah.dossier.custody import proofs_for, record_files
from dadkhah.dossier.tables import dossier_redactions, dossiers
from dadkhah.errors import Conflict, InputError
from dadkhah.exchange.output import staged_folder
from dadkhah.log.case_log import passphrase_from_env
from dadkhah.store import new_id

if TYPE_CHECKING:
    from dadkhah.case import Case

_README = """This folder holds a case file made by Dadkhah, in HTML and PDF.

Verify it, with the evidence it cites, from the bag's folder:

    python3 data/dossier/verify_dossier.py .

custody.json holds the custody-log events that recorded the hashes of dossier.html and
dossier.pdf when they were made, with their inclusion proofs and the signed checkpoint.
"""


@dataclass(frozen=True)
class DossierResult:
    id: str
    out: Path
    html: Path
    pdf: Path | None
    bag: Path
    bag_id: str
    exhibits: int
    html_sha256: str
    pdf_sha256: str | None
    left_out: int
    notices: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "out": str(self.out),
            "html": str(self.html),
            "pdf": str(self.pdf) if self.pdf else None,
            "bag": str(self.bag),
            "bag_id": self.bag_id,
            "exhibits": self.exhibits,
            "html_sha256": self.html_sha256,
            "pdf_sha256": self.pdf_sha256,
            "left_out": self.left_out,
            "withheld": list(self.notices),
        }


def verifier_script() -> str:
    from dadkhah.dossier import verifier

    return Path(str(verifier.__file__)).read_text(encoding="utf-8")


def build_dossier(
    case: Case,
    options: DossierOptions,
    out: Path,
    *,
    reader: Reader | None = None,
    author: str | None = None,
    passphrase: str | None = None,
    pdf: bool = True,
) -> DossierResult:
    """Make the case file for ``options.recipient`` into the new folder ``out``."""
    if Path(out).exists():
        raise InputError("already exists; choose a new folder for the case file", file=str(out))
    passphrase = passphrase or passphrase_from_env()
    signer = case.custody.signer(passphrase)  # fail before any work if the log key will not open
    prepared = prepare(case, options, reader, pdf=pdf, passphrase=passphrase)
    dossier_id = new_id()
    files = {"dossier.html": prepared.html.encode("utf-8")}
    if prepared.pdf is not None:
        files["dossier.pdf"] = prepared.pdf
    with staged_folder(Path(out)) as folder:
        for name, content in files.items():
            (folder / name).write_bytes(content)
        custody = _record(case, prepared, options, files, dossier_id, signer, author)
        extra: dict[str, Path | bytes] = {f"dossier/{n}": c for n, c in files.items()}
        extra["dossier/custody.json"] = json.dumps(custody, indent=1).encode("utf-8")
        extra["dossier/verify_dossier.py"] = verifier_script().encode("utf-8")
        extra["dossier/README.txt"] = _README.encode("utf-8")
        bag_id = _bag(case, prepared, folder / "bag", extra, custody, author, passphrase)
        _keep(case, prepared, options, dossier_id, bag_id, custody, author)
    final = Path(out)
    return DossierResult(
        id=dossier_id,
        out=final,
        html=final / "dossier.html",
        pdf=final / "dossier.pdf" if prepared.pdf is not None else None,
        bag=final / "bag",
        bag_id=bag_id,
        exhibits=len(prepared.exhibits),
        html_sha256=hashlib.sha256(files["dossier.html"]).hexdigest(),
        pdf_sha256=hashlib.sha256(files["dossier.pdf"]).hexdigest() if prepared.pdf is not None else None,
        left_out=len(prepared.redactions),
        notices=tuple(prepared.dossier.notices),
    )


def _record(
    case: Case,
    prepared: Prepared,
    options: DossierOptions,
    files: dict[str, bytes],
    dossier_id: str,
    signer: object,
    author: str | None,
) -> dict[str, object]:
    """The case file's hashes as custody events, a checkpoint covering them, and their proofs."""
    fields: dict[str, object] = {
        "recipient": prepared.dossier.recipient,
        "scope": options.scope.kind,
        "lang": options.lang,
        "exhibits": len(prepared.exhibits),
    }
    for attempt in range(5):
        try:
            with case.writer(author) as w:
                recorded = record_files(w, files, dossier_id=dossier_id, case_id=case.id, fields=fields)
                stored = case.custody.sign(w.conn, signer)  # type: ignore[arg-type]
                proofs = proofs_for(case, w.conn, recorded, stored.size)
            break
        except Conflict:
            if attempt == 4:
                raise
    return {
        "dossier": dossier_id,
        "origin": case.custody.origin,
        "checkpoint": stored.note,
        "size": stored.size,
        "files": proofs,
    }


def _bag(
    case: Case,
    prepared: Prepared,
    target: Path,
    extra: dict[str, Path | bytes],
    custody: dict[str, object],
    author: str | None,
    passphrase: str | None,
) -> str:
    if prepared.exhibits:
        from dadkhah.vault.bag import export_bag

        summary = export_bag(
            case,
            target,
            [e.item for e in prepared.exhibits],
            extra_files=extra,
            reader=prepared.reader,
            author=author,
            recipient=prepared.dossier.recipient,
            passphrase=passphrase,
        )
        return summary.bag_id
    return _bag_without_exhibits(case, target, extra, custody)


def _bag_without_exhibits(
    case: Case, target: Path, extra: dict[str, Path | bytes], custody: dict[str, object]
) -> str:
    """A bag holding only the case file, when the recipient may be given no evidence file.

    The vault's export needs at least one item; this writes the same layout with an empty item list,
    the checkpoint that covers the case file's own events, and the same standalone verifier.
    """
    import bagit

    from dadkhah import __version__
    from dadkhah.vault.bag import standalone_verifier

    bag_id = new_id()
    target.mkdir(parents=True)
    for rel, content in extra.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            shutil.copyfile(content, path)
    folder = target / "custody"
    folder.mkdir()
    public = case.custody.public_key()
    (folder / "items.json").write_text("[]", encoding="utf-8")
    (folder / "leaves.jsonl").write_text("", encoding="utf-8")
    (folder / "checkpoint.txt").write_text(str(custody["checkpoint"]), encoding="utf-8")
    (folder / "public-key.txt").write_text(f"{public.verifier}\n{public.pem}", encoding="ascii")
    info = {
        "bag": bag_id,
        "origin": public.origin,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "checkpoint_size": custody["size"],
        "items": 0,
    }
    (folder / "bag.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    (target / "verify_bag.py").write_text(standalone_verifier(), encoding="utf-8")
    bagit.make_bag(
        str(target),
        {
            "Bag-Software-Agent": f"Dadkhah {__version__}",
            "External-Identifier": bag_id,
            "Internal-Sender-Identifier": f"case:{case.id}",
            "External-Description": "A case file with its custody proofs; verify with: "
            "python3 data/dossier/verify_dossier.py .",
        },
        checksums=["sha256", "sha512"],
    )
    return bag_id


def _keep(
    case: Case,
    prepared: Prepared,
    options: DossierOptions,
    dossier_id: str,
    bag_id: str,
    custody: dict[str, object],
    author: str | None,
) -> None:
    """The record of the case file and its redaction log, in the case (never in the case file)."""
    files = custody["files"]
    assert isinstance(files, list)
    hashes = {f["file"]: f["sha256"] for f in files}
    with case.writer(author) as w:
        w.conn.execute(
            insert(dossiers).values(
                id=dossier_id,
                created_at=datetime.now(UTC),
                author=w.author,
                recipient=prepared.dossier.recipient,
                purpose=prepared.reader.purpose,
                clearance=prepared.reader.clearance.label,
                scope=json.dumps(options.scope.to_dict()),
                lang=options.lang,
                html_sha256=hashes["dossier.html"],
                pdf_sha256=hashes.get("dossier.pdf"),
                exhibits=len(prepared.exhibits),
                bag_id=bag_id,
                leaves=json.dumps([f["index"] for f in files]),
            )
        )
        rows = [
            {
                "dossier_id": dossier_id,
                "seq": n,
                "kind": h.kind,
                "target": h.target,
                "entity": h.entity,
                "reason": h.reason[:2000],
            }
            for n, h in enumerate(prepared.redactions, start=1)
        ]
        for start in range(0, len(rows), 5000):
            w.conn.execute(insert(dossier_redactions), rows[start : start + 5000])


__all__ = ["DossierResult", "build_dossier", "verifier_script"]
