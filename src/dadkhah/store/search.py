"""Full-text search over names and text in every script: SQLite FTS5, or PostgreSQL tsvector.

Each current, searchable, non-protected claim has one row in ``search_docs`` holding its folded
words (``text``) and, for names, its cross-script name keys (``keys``, see ``dadkhah.names``). A
query matches a document when all of its words are in ``text``, or when all tokens of one of the
name-key variants of the query are in ``keys``; the second is what lets ``محمدرضا حسینی`` find
"Mohamad Reza Hoseyni".
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, delete, text

from dadkhah.access import Reader
from dadkhah.access import redaction as _redaction  # a module reference: access imports the store too
from dadkhah.model import Model, Sensitivity
from dadkhah.model.types import PropertyType
from dadkhah.names import fold_text, name_keys, name_query_variants
from dadkhah.store.engine import bulk_insert
from dadkhah.store.records import Claim, Locator
from dadkhah.store.tables import search_docs

_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_TERMS = 16
_DOC_COLUMNS = ("claim_id", "entity_id", "sensitivity", "text", "keys")


@dataclass(frozen=True)
class SearchHit:
    entity_id: str
    schema: str
    prop: str
    value: str
    score: float


def index(
    conn: Connection, model: Model, batch: Iterable[Claim], schemas: Mapping[str, str] | None = None
) -> None:
    """Add search documents for claims (the caller leaves protected claims out).

    ``schemas`` maps entity ids to their schema names where the caller knows them; the others are
    looked up.
    """
    from dadkhah.store.tables import entities

    claims = list(batch)
    known: Mapping[str, str] = schemas or {}
    missing = {c.entity_id for c in claims if c.entity_id not in known}
    if missing:
        found = conn.execute(entities.select().where(entities.c.id.in_(sorted(missing))))
        known = ChainMap({r.id: r.schema for r in found}, dict(known))
    types: dict[tuple[str, str], PropertyType] = {}
    rows: list[tuple[str, str, int, str, str]] = []
    for claim in claims:
        if claim.sensitivity >= Sensitivity.PROTECTED:
            continue
        key = (known[claim.entity_id], claim.prop)
        ptype = types.get(key)
        if ptype is None:
            ptype = types[key] = model.schemas[key[0]].properties[claim.prop].type
        if not ptype.searchable:
            continue
        words = " ".join(_WORD.findall(fold_text(claim.value)))
        keys = " ".join(name_keys(claim.value)) if ptype.name == "name" else ""
        rows.append((claim.id, claim.entity_id, int(claim.sensitivity), words, keys))
    bulk_insert(conn, search_docs, _DOC_COLUMNS, rows)


def unindex(conn: Connection, claim_ids: Iterable[str]) -> None:
    ids = list(claim_ids)
    if ids:
        conn.execute(delete(search_docs).where(search_docs.c.claim_id.in_(ids)))


def _terms(query: str) -> tuple[list[str], list[list[str]]]:
    words = _WORD.findall(fold_text(query))[:_MAX_TERMS]
    variants = [v[:_MAX_TERMS] for v in name_query_variants(query)[:_MAX_TERMS] if v]
    return words, variants


def _fts5_query(words: list[str], variants: list[list[str]]) -> str:
    def quote(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    parts = []
    if words:
        parts.append("text : (" + " AND ".join(quote(w) for w in words) + ")")
    if variants:
        alternatives = " OR ".join("(" + " AND ".join(quote(k) for k in v) + ")" for v in variants)
        parts.append("keys : (" + alternatives + ")")
    return " OR ".join(parts)


def _tsquery(words: list[str], variants: list[list[str]]) -> str:
    def quote(term: str, weight: str) -> str:
        return "'" + term.replace("'", "''").replace("\\", "\\\\") + "':" + weight

    parts = []
    if words:
        parts.append("(" + " & ".join(quote(w, "A") for w in words) + ")")
    for variant in variants:
        parts.append("(" + " & ".join(quote(k, "B") for k in variant) + ")")
    return " | ".join(parts)


def search(
    conn: Connection,
    text_query: str,
    reader: Reader,
    *,
    schema: str | None = None,
    limit: int = 20,
    redact: _redaction.Redaction | None = None,
) -> list[SearchHit]:
    """Entities whose current claims match ``text_query``, best first, as ``reader`` may see them."""
    red = redact or _redaction.Redaction(conn, reader)
    words, variants = _terms(text_query)
    if not words and not variants:
        return []
    params = {
        "clearance": int(reader.clearance),
        "protected": int(Sensitivity.PROTECTED),
        "limit": limit * 10,
        "schema": schema,
    }
    columns = (
        "c.id, c.entity_id, e.schema, c.prop, c.value, c.source_id, c.evidence_id, c.locator, "
        "c.author, c.recorded_at, c.sensitivity"
    )
    if conn.dialect.name == "sqlite":
        sql = f"""
            SELECT {columns}, bm25(search_fts) AS score
            FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
            JOIN entities e ON e.id = d.entity_id JOIN claims c ON c.id = d.claim_id
            WHERE search_fts MATCH :q AND d.sensitivity <= :clearance AND d.sensitivity < :protected
              AND (:schema IS NULL OR e.schema = :schema)
            ORDER BY score LIMIT :limit"""  # noqa: S608 (only our column list is interpolated)
        params["q"] = _fts5_query(words, variants)
        sign = -1.0
    else:
        sql = f"""
            SELECT {columns}, ts_rank(d.tsv, q) AS score
            FROM search_docs d, to_tsquery('simple', :q) q, entities e, claims c
            WHERE d.tsv @@ q AND e.id = d.entity_id AND c.id = d.claim_id
              AND d.sensitivity <= :clearance AND d.sensitivity < :protected
              AND (CAST(:schema AS TEXT) IS NULL OR e.schema = :schema)
            ORDER BY score DESC LIMIT :limit"""  # noqa: S608 (only our column list is interpolated)
        params["q"] = _tsquery(words, variants)
        sign = 1.0
    hits: dict[str, SearchHit] = {}
    for row in conn.execute(text(sql), params):
        if row.entity_id in hits:
            continue
        claim = Claim(
            id=row.id,
            entity_id=row.entity_id,
            prop=row.prop,
            value=row.value,
            source_id=row.source_id,
            author=row.author,
            recorded_at=row.recorded_at,
            sensitivity=Sensitivity(row.sensitivity),
            locator=Locator.from_json(row.locator),
            evidence_id=row.evidence_id,
        )
        if red.claim(claim) is not None:
            hits[row.entity_id] = SearchHit(row.entity_id, row.schema, row.prop, row.value, sign * row.score)
    return list(hits.values())[:limit]
