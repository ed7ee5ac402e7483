"""The custody facts a case file shows: the checkpoint it is proven against, each exhibit's custody
events and the inclusion proof of its arrival; and recording the case file's own hashes in the log.

A case file is built against one signed checkpoint: the latest one if it covers the whole log,
else a new one signed first. Everything shown is read at that checkpoint's size, so building the
same case state twice shows the same events, proofs and checkpoint.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dadkhah.log import decode_event, leaf_hash
from dadkhah.log.canonical import custody_event
from dadkhah.log.case_log import actor_id, append_event, passphrase_from_env

if TYPE_CHECKING:
    from dadkhah.case import Case
    from dadkhah.log.sql import StoredCheckpoint

ARRIVALS = ("ingested", "derived", "imported")


@dataclass(frozen=True)
class CustodyEvent:
    index: int
    kind: str
    at: str
    actor: str
    detail: str


@dataclass(frozen=True)
class InclusionProof:
    """That the event recording an exhibit's arrival is leaf ``index`` of the signed log."""

    index: int
    size: int
    leaf_hash: str  # hex
    path: tuple[str, ...]  # base64 hashes, leaf side first (RFC 9162 §2.1.3)


@dataclass(frozen=True)
class Verification:
    """What a recipient checks everything against."""

    origin: str
    size: int
    root_hex: str
    note: str
    verifier_key: str
    pem: str
    signed_at: str


def ensure_checkpoint(case: Case, passphrase: str | None = None) -> StoredCheckpoint:
    """The latest signed checkpoint if it covers the whole log; else sign one now."""
    with case.reading() as conn:
        kept = case.custody.checkpoints(conn)
        size = case.custody.tree(conn).size
    if kept and kept[-1].size == size:
        return kept[-1]
    return case.custody.checkpoint(passphrase or passphrase_from_env())


def verification(case: Case, checkpoint: StoredCheckpoint) -> Verification:
    public = case.custody.public_key()
    return Verification(
        origin=public.origin,
        size=checkpoint.size,
        root_hex=checkpoint.root_hash.hex(),
        note=checkpoint.note,
        verifier_key=str(public.verifier),
        pem=public.pem.strip(),
        signed_at=checkpoint.signed_at.astimezone(UTC).isoformat(timespec="seconds"),
    )


def _detail(event: dict[str, Any]) -> str:
    fields = event.get("fields") or {}
    parts = [
        f"{k} {fields[k]}" for k in ("method", "derivation", "purpose", "recipient", "bag") if k in fields
    ]
    return ", ".join(str(p) for p in parts)


def exhibit_custody(
    case: Case, items: dict[str, str], checkpoint: StoredCheckpoint
) -> dict[str, tuple[list[CustodyEvent], InclusionProof | None]]:
    """For each item (id → sha256): its custody events up to the checkpoint and the proof of its arrival."""
    from dadkhah.vault.items import item_subject

    result: dict[str, tuple[list[CustodyEvent], InclusionProof | None]] = {}
    with case.reading() as conn:
        tree = case.custody.tree(conn)
        for item, sha256 in items.items():
            events, proof = [], None
            for index in case.custody.leaves_about(conn, [item_subject(item)]):
                if index >= checkpoint.size:
                    continue
                data = tree.leaf(index).data
                event = decode_event(data, index=index)
                events.append(
                    CustodyEvent(index, event["kind"], event["at"][:19] + "Z", event["actor"], _detail(event))
                )
                arrived = (
                    event["kind"] in ARRIVALS
                    and event["subjects"][0] == item_subject(item)
                    and (event.get("hashes") or {}).get("sha256") == sha256
                )
                if arrived and proof is None:
                    path = tree.inclusion_proof(index, checkpoint.size)
                    proof = InclusionProof(
                        index,
                        checkpoint.size,
                        leaf_hash(data).hex(),
                        tuple(base64.b64encode(h).decode("ascii") for h in path),
                    )
            result[item] = (events, proof)
    return result


@dataclass(frozen=True)
class RecordedFile:
    """A file of the case file whose hashes are now a leaf of the custody log."""

    name: str
    sha256: str
    sha512: str
    index: int


def record_files(
    w: Any, files: dict[str, bytes], *, dossier_id: str, case_id: str, fields: dict[str, object]
) -> list[RecordedFile]:
    """One ``exported`` custody event per file of the case file, with its hashes, in ``w``'s transaction."""
    at = datetime.now(UTC)
    recorded = []
    for name, content in files.items():
        sha256, sha512 = hashlib.sha256(content).hexdigest(), hashlib.sha512(content).hexdigest()
        event = custody_event(
            "exported",
            at=at,
            actor=actor_id(w.author),
            subjects=[f"dossier:{dossier_id}", f"case:{case_id}", f"file:sha256:{sha256}"],
            hashes={"sha256": sha256, "sha512": sha512},
            fields={**fields, "file": name},
        )
        leaf = append_event(w.conn, event)
        recorded.append(RecordedFile(name, sha256, sha512, leaf.idx))
    return recorded


def proofs_for(case: Case, conn: Any, recorded: list[RecordedFile], size: int) -> list[dict[str, Any]]:
    """Each recorded file's leaf (base64) and inclusion proof in the tree of ``size`` leaves."""
    tree = case.custody.tree(conn)
    out = []
    for item in recorded:
        data = tree.leaf(item.index).data
        out.append(
            {
                "file": item.name,
                "sha256": item.sha256,
                "sha512": item.sha512,
                "index": item.index,
                "leaf": base64.b64encode(data).decode("ascii"),
                "proof": [
                    base64.b64encode(h).decode("ascii") for h in tree.inclusion_proof(item.index, size)
                ],
            }
        )
    return out


__all__ = [
    "ARRIVALS",
    "CustodyEvent",
    "InclusionProof",
    "RecordedFile",
    "Verification",
    "ensure_checkpoint",
    "exhibit_custody",
    "proofs_for",
    "record_files",
    "verification",
]
