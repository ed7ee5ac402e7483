"""Reading back the case files made and their redaction logs (for the team, never for recipients)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dadkhah.dossier.tables import dossier_redactions, dossiers
from dadkhah.errors import NotFound

if TYPE_CHECKING:
    from dadkhah.case import Case


@dataclass(frozen=True)
class DossierRecord:
    id: str
    created_at: datetime
    author: str
    recipient: str
    purpose: str
    clearance: str
    scope: dict[str, Any]
    lang: str
    html_sha256: str
    pdf_sha256: str | None
    exhibits: int
    bag_id: str | None
    leaves: list[int]

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["created_at"] = self.created_at.isoformat(timespec="seconds")
        return data


@dataclass(frozen=True)
class Redacted:
    kind: str
    target: str
    entity: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _record(row: Any) -> DossierRecord:
    return DossierRecord(
        row.id, row.created_at, row.author, row.recipient, row.purpose, row.clearance,
        json.loads(row.scope), row.lang, row.html_sha256, row.pdf_sha256, row.exhibits, row.bag_id,
        json.loads(row.leaves),
    )  # fmt: skip


def list_dossiers(case: Case) -> list[DossierRecord]:
    with case.reading() as conn:
        return [
            _record(r) for r in conn.execute(select(dossiers).order_by(dossiers.c.created_at, dossiers.c.id))
        ]


def redaction_log(case: Case, dossier_id: str) -> tuple[DossierRecord, list[Redacted]]:
    """A case file's record and everything it left out (ids and reasons, never values)."""
    ident = dossier_id.strip().upper()
    with case.reading() as conn:
        row = conn.execute(select(dossiers).where(dossiers.c.id == ident)).first()
        if row is None:
            raise NotFound(f"no case file {dossier_id[:40]}")
        query = (
            select(dossier_redactions)
            .where(dossier_redactions.c.dossier_id == ident)
            .order_by(dossier_redactions.c.seq)
        )
        found = [Redacted(r.kind, r.target, r.entity, r.reason) for r in conn.execute(query)]
    return _record(row), found


def summarize(found: list[Redacted]) -> list[tuple[str, str, int]]:
    """(kind, reason, count), most frequent first."""
    counts = Counter((r.kind, r.reason) for r in found)
    return sorted(((k, reason, n) for (k, reason), n in counts.items()), key=lambda x: (-x[2], x[0], x[1]))


__all__ = ["DossierRecord", "Redacted", "list_dossiers", "redaction_log", "summarize"]
