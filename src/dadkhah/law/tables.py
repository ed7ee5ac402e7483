"""The legal-analysis tables, on the shared ``dadkhah.store.tables.metadata``.

A *proof link* ties one item of evidence (a claim, a testimony segment or an evidence item) to one
element of an allegation, as supporting or contradicting it, with the analyst's Admiralty grading.
Links are append-only, like claims: a mistaken link is withdrawn with a reason (a row in
``law_proof_withdrawals``), never updated or deleted; the migration installs triggers that refuse
UPDATE and DELETE on both tables.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, ForeignKey, SmallInteger, String, Table, Text

from dadkhah.store.tables import ID, UtcDateTime, metadata

law_proofs = Table(
    "law_proofs",
    metadata,
    Column("id", ID, primary_key=True),
    Column("allegation_id", ID, ForeignKey("entities.id"), nullable=False, index=True),
    Column("element", String(64), nullable=False),  # full element code, e.g. RS.7.1.a.E1
    Column("claim_id", ID, ForeignKey("claims.id"), index=True),
    Column("item_id", ID, ForeignKey("entities.id"), index=True),
    Column("segment_id", String(64), index=True),  # a testimony segment (owned by the testimony service)
    Column("relation", String(16), nullable=False),  # supports | contradicts
    Column("reliability", String(1)),  # Admiralty source reliability A-F
    Column("credibility", SmallInteger),  # Admiralty information credibility 1-6
    Column("note", Text),
    Column("sensitivity", SmallInteger, nullable=False),
    Column("author", String(128), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    CheckConstraint(
        "(CASE WHEN claim_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN item_id IS NULL THEN 0 ELSE 1 END)"
        " + (CASE WHEN segment_id IS NULL THEN 0 ELSE 1 END) = 1",
        name="one_target",
    ),
    CheckConstraint("relation IN ('supports', 'contradicts')", name="relation"),
)

law_proof_withdrawals = Table(
    "law_proof_withdrawals",
    metadata,
    Column("id", ID, primary_key=True),
    Column("proof_id", ID, ForeignKey("law_proofs.id"), nullable=False, unique=True),
    Column("author", String(128), nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)

APPEND_ONLY = ("law_proofs", "law_proof_withdrawals")

__all__ = ["APPEND_ONLY", "law_proof_withdrawals", "law_proofs"]
