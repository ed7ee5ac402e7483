"""What a case holds: counts by type, sources with how much they say, the span of dated facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from dadkhah.access import Reader
from dadkhah.access import redaction as _redaction  # a module reference: access imports the store too
from dadkhah.model import Model
from dadkhah.store.reading import captions, is_current
from dadkhah.store.tables import claims, entities, retractions


@dataclass
class Summary:
    counts: dict[str, int]  # entities per type
    claims: int
    retracted: int
    superseding: int
    sources: list[dict[str, Any]] = field(default_factory=list)  # id, title, claims
    date_range: tuple[str | None, str | None] = (None, None)
    notices: list[str] = field(default_factory=list)  # what was withheld, and why

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": self.counts,
            "claims": self.claims,
            "retracted": self.retracted,
            "superseding": self.superseding,
            "sources": self.sources,
            "date_range": {"from": self.date_range[0], "to": self.date_range[1]},
            "withheld": self.notices,
        }


def summarize(
    conn: Connection, model: Model, reader: Reader, *, redact: _redaction.Redaction | None = None
) -> Summary:
    red = redact or _redaction.Redaction(conn, reader)
    visible = red.claims_condition()
    withheld = red.withheld()
    by_schema = select(entities.c.schema, func.count()).group_by(entities.c.schema)
    counts: dict[str, int] = {row[0]: row[1] for row in conn.execute(by_schema)}
    for item in withheld.values():
        counts[item.schema] -= 1
    total = conn.execute(select(func.count()).select_from(claims).where(visible)).scalar_one()
    retracted = conn.execute(
        select(func.count())
        .select_from(retractions.join(claims, claims.c.id == retractions.c.claim_id))
        .where(visible)
    ).scalar_one()
    superseding = conn.execute(
        select(func.count()).select_from(claims).where(claims.c.supersedes.is_not(None), visible)
    ).scalar_one()
    per_source = conn.execute(
        select(claims.c.source_id, func.count())
        .where(claims.c.source_id.is_not(None), visible)
        .group_by(claims.c.source_id)
    ).all()
    source_ids = [r[0] for r in conn.execute(select(entities.c.id).where(entities.c.schema == "Source"))]
    titles = captions(conn, model, source_ids, reader, redact=red)
    used: dict[str, int] = dict(per_source)
    sources = [{"id": s, "title": titles.get(s, s), "claims": used.get(s, 0)} for s in source_ids]
    sources.sort(key=lambda s: (-s["claims"], s["title"]))
    span = select(func.min(claims.c.date_lo), func.max(claims.c.date_hi)).where(visible, is_current())
    low, high = conn.execute(span).one()
    ordered = {name: counts[name] for name in sorted(counts) if counts[name] > 0}
    return Summary(ordered, total, retracted, superseding, sources, (low, high), red.notices())
