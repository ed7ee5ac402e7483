"""Opening an original: a working copy of its bytes, checked and logged as an ``opened`` event.

The evidentiary copy in the blob store is never handed out to be edited; opening copies it to a
path of the user's choosing (re-hashing on the way, so a damaged original is never passed on
silently) and records who opened which item, when, and for what purpose.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from dadkhah.errors import InputError, IntegrityError, NotFound
from dadkhah.log.canonical import custody_event
from dadkhah.log.case_log import actor_id
from dadkhah.store.tables import claims, entities
from dadkhah.vault.items import blob_subject, item_subject

if TYPE_CHECKING:
    from dadkhah.case import Case

CHUNK = 4 << 20


def item_content(case: Case, item_id: str) -> tuple[str, str]:
    """The (sha256, sha512) an evidence item claims for its bytes."""
    item_id = item_id.upper()
    with case.reading() as conn:
        schema = conn.execute(select(entities.c.schema).where(entities.c.id == item_id)).scalar()
        if schema != "EvidenceItem":
            raise NotFound(f"no evidence item {item_id[:40]}")
        rows = conn.execute(
            select(claims.c.prop, claims.c.value)
            .where(claims.c.entity_id == item_id, claims.c.prop.in_(["sha256", "sha512"]))
            .order_by(claims.c.recorded_at)
        ).all()
    found = {prop: value for prop, value in rows}
    if "sha256" not in found:
        raise NotFound(f"evidence item {item_id} has no stored file")
    return found["sha256"], found.get("sha512", "")


def open_original(
    case: Case, item_id: str, target: Path, *, author: str | None = None, purpose: str | None = None
) -> Path:
    """Copy an item's original to ``target`` (a file, or a folder to put it in) and log ``opened``."""
    item_id = item_id.upper()
    sha256, sha512 = item_content(case, item_id)
    if target.is_dir():
        target = target / f"{item_id}-{sha256[:12]}"
    if target.exists():
        raise InputError("already exists; choose another name", file=str(target))
    tmp = target.with_name(f".{target.name}.partial")
    h256, h512 = hashlib.sha256(), hashlib.sha512()
    try:
        with case.blobs.open(sha256) as src, tmp.open("xb") as out:
            while chunk := src.read(CHUNK):
                h256.update(chunk)
                h512.update(chunk)
                out.write(chunk)
        if h256.hexdigest() != sha256 or (sha512 and h512.hexdigest() != sha512):
            raise IntegrityError(f"evidence item {item_id}: its stored bytes no longer match their hashes")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    fields: dict[str, object] = {"purpose": purpose} if purpose else {}
    event = custody_event(
        "opened",
        at=datetime.now(UTC),
        actor=actor_id(author or case.owner),
        subjects=[item_subject(item_id), blob_subject(sha256)],
        hashes={"sha256": sha256},
        fields=fields,
    )
    case.custody.record(event)
    return target


__all__ = ["item_content", "open_original"]
