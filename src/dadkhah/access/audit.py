"""The audit of access: who decrypted which protected values, and who changed who may see what.

Records hold identifiers only (entity, claim and segment ids, user and profile names), never a
value. Each record of protected values read is also an ``accessed`` custody-log event.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from dadkhah.access import tables
from dadkhah.log.canonical import custody_event
from dadkhah.log.case_log import actor_id, append_event
from dadkhah.store.writer import new_id


@dataclass(frozen=True)
class AuditRecord:
    id: str
    at: datetime
    actor: str
    reader: str
    action: str
    entity_ids: list[str]
    claim_ids: list[str]
    segment_ids: list[str]
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "reader": self.reader,
            "action": self.action,
            "entities": self.entity_ids,
            "claims": self.claim_ids,
            "segments": self.segment_ids,
            "detail": self.detail,
        }


def record(
    conn: Connection,
    *,
    actor: str,
    action: str,
    reader: str | None = None,
    entity_ids: Iterable[str] = (),
    claim_ids: Iterable[str] = (),
    segment_ids: Iterable[str] = (),
    detail: str = "",
) -> str:
    """Append one audit record in the caller's transaction and return its id.

    A record of protected values read (claims or segments) is also appended to the custody log as
    an ``accessed`` event naming the ids, in the same transaction.
    """
    record_id = new_id()
    at = datetime.now(UTC)
    entity_list, claim_list, segment_list = (sorted(set(ids)) for ids in (entity_ids, claim_ids, segment_ids))
    conn.execute(
        insert(tables.access_audit).values(
            id=record_id,
            at=at,
            actor=actor[:128],
            reader=(reader or actor)[:200],
            action=action,
            entity_ids=json.dumps(entity_list),
            claim_ids=json.dumps(claim_list),
            segment_ids=json.dumps(segment_list),
            detail=detail,
        )
    )
    if claim_list or segment_list:
        subjects = [
            *(f"entity:{i}" for i in entity_list),
            *(f"claim:{i}" for i in claim_list),
            *(f"segment:{i}" for i in segment_list),
        ]
        event = custody_event(
            "accessed",
            at=at,
            actor=actor_id(actor),
            subjects=subjects,
            fields={"action": action, "audit": record_id},
        )
        append_event(conn, event)
    return record_id


def records(conn: Connection, *, limit: int = 100, entity_id: str | None = None) -> list[AuditRecord]:
    """The latest audit records, newest first (optionally only those naming ``entity_id``)."""
    table = tables.access_audit
    query = select(table).order_by(table.c.at.desc(), table.c.id.desc())
    if entity_id:
        query = query.where(table.c.entity_ids.like(f'%"{entity_id}"%'))
    rows = conn.execute(query.limit(limit))
    return [
        AuditRecord(
            r.id,
            r.at,
            r.actor,
            r.reader,
            r.action,
            json.loads(r.entity_ids),
            json.loads(r.claim_ids),
            json.loads(r.segment_ids),
            r.detail,
        )
        for r in rows
    ]
