"""Proof links: evidence tied to an element of an allegation, append-only, withdrawable with a reason.

A link names exactly one item of evidence — a claim, a testimony segment or an evidence item —
its relation to the element (``supports`` or ``contradicts``) and, optionally, the analyst's
grading on the Admiralty scale (NATO AJP-2.1): the reliability of the source, A-F, and the
credibility of the information, 1-6. Links are never updated or deleted; a withdrawal records who
withdrew one and why, and the link stays in the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, insert, select

from dadkhah.access import Reader
from dadkhah.access.redaction import Redaction
from dadkhah.errors import AccessDenied, Conflict, InputError, NotFound
from dadkhah.law._claims import CaseRead
from dadkhah.law.kb import KnowledgeBase
from dadkhah.law.matrix import segments
from dadkhah.law.matrix.allegations import load_allegation
from dadkhah.law.tables import law_proof_withdrawals, law_proofs
from dadkhah.model import Sensitivity
from dadkhah.store import Writer, new_id

Relation = Literal["supports", "contradicts"]
RELATIONS: tuple[Relation, ...] = ("supports", "contradicts")

#: Admiralty (NATO AJP-2.1) source reliability
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
#: Admiralty (NATO AJP-2.1) information credibility
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
#: gradings under which a link is shown but not counted towards an element's status
DISCOUNTED_RELIABILITY = frozenset({"E"})
DISCOUNTED_CREDIBILITY = frozenset({5})


@dataclass(frozen=True)
class Proof:
    """One link between an item of evidence and an element of an allegation."""

    id: str
    allegation: str
    element: str
    kind: Literal["claim", "segment", "item"]
    target: str
    relation: Relation
    reliability: str | None
    credibility: int | None
    note: str | None
    sensitivity: Sensitivity
    author: str
    recorded_at: datetime
    withdrawn: str | None = None  # the withdrawal's reason, when withdrawn

    @property
    def counted(self) -> bool:
        """Whether the grading lets this link count towards the element's status."""
        return (
            self.reliability not in DISCOUNTED_RELIABILITY and self.credibility not in DISCOUNTED_CREDIBILITY
        )

    @property
    def grading(self) -> str:
        """``B2``, ``C``, ``3`` or empty: the Admiralty code as analysts write it."""
        return f"{self.reliability or ''}{self.credibility or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "allegation": self.allegation,
            "element": self.element,
            "evidence": {"kind": self.kind, "id": self.target},
            "relation": self.relation,
            "reliability": self.reliability,
            "credibility": self.credibility,
            "note": self.note,
            "sensitivity": self.sensitivity.label,
            "author": self.author,
        }


def parse_reliability(raw: str | None) -> str | None:
    if raw is None or raw == "":
        return None
    code = str(raw).strip().upper()
    if code not in RELIABILITY:
        raise InputError(
            f"'{str(raw)[:10]}' is not a source reliability grade; use A-F "
            "(A completely reliable … E unreliable, F cannot be judged)",
            field="reliability",
        )
    return code


def parse_credibility(raw: str | int | None) -> int | None:
    if raw is None or raw == "":
        return None
    text = str(raw).strip()
    if not text.isdigit() or int(text) not in CREDIBILITY:
        raise InputError(
            f"'{text[:10]}' is not an information credibility grade; use 1-6 "
            "(1 confirmed … 5 improbable, 6 cannot be judged)",
            field="credibility",
        )
    return int(text)


def parse_relation(raw: str) -> Relation:
    value = (raw or "").strip().lower()
    for relation in RELATIONS:
        if value == relation:
            return relation
    raise InputError(f"'{raw[:20]}' is not a relation; use supports or contradicts", field="relation")


def prove(
    writer: Writer,
    allegation: str,
    element: str,
    *,
    claim: str | None = None,
    segment: str | None = None,
    item: str | None = None,
    relation: str = "supports",
    reliability: str | None = None,
    credibility: str | int | None = None,
    note: str | None = None,
    sensitivity: Sensitivity | None = None,
    reader: Reader | None = None,
    kb: KnowledgeBase | None = None,
) -> Proof:
    """Link one item of evidence to an element of an allegation; return the new link."""
    given = [(k, v.strip()) for k, v in (("claim", claim), ("segment", segment), ("item", item)) if v]
    if len(given) != 1:
        raise InputError("give exactly one of --claim, --segment or --item", field="evidence")
    kind, target = given[0]
    rel = parse_relation(relation)
    grade_r, grade_c = parse_reliability(reliability), parse_credibility(credibility)
    text = " ".join((note or "").split()) or None
    if text is not None and len(text) > 4000:
        raise InputError("the note is longer than 4000 characters", field="note")
    red = Redaction(writer.conn, reader or Reader.owner(writer.author), writer.protector)
    read = CaseRead(writer.conn, writer.model, red)
    found = load_allegation(read, allegation, kb)
    _, el = found.element(element)
    target = _check_target(read, writer, kind, target)
    level = sensitivity if sensitivity is not None else writer.default_sensitivity
    proof = Proof(
        new_id(),
        found.id,
        el.code,
        kind,  # type: ignore[arg-type]
        target,
        rel,
        grade_r,
        grade_c,
        text,
        level,
        writer.author,
        datetime.now(UTC),
    )
    writer.conn.execute(
        insert(law_proofs).values(
            id=proof.id,
            allegation_id=proof.allegation,
            element=proof.element,
            claim_id=target if kind == "claim" else None,
            item_id=target if kind == "item" else None,
            segment_id=target if kind == "segment" else None,
            relation=proof.relation,
            reliability=proof.reliability,
            credibility=proof.credibility,
            note=proof.note,
            sensitivity=int(proof.sensitivity),
            author=proof.author,
            recorded_at=proof.recorded_at,
        )
    )
    return proof


def _check_target(read: CaseRead, writer: Writer, kind: str, target: str) -> str:
    if kind == "claim":
        state = read.claim_state(target.upper())
        if state is None:
            raise InputError(f"no claim with id {target[:40]}", field="claim")
        if state.claim is None:
            raise AccessDenied(f"claim {target.upper()} is withheld from {read.reader.name}")
        if state.state != "current":
            raise InputError(
                f"claim {target.upper()} is {state.state} ({state.by}); link the claim that stands",
                field="claim",
            )
        return target.upper()
    if kind == "item":
        ident = target.upper()
        schema = read.schema_of(ident)
        if schema is None:
            raise InputError(f"no evidence item with id {target[:40]}", field="item")
        if not writer.model.schemas[schema].is_a("EvidenceItem"):
            raise InputError(f"{ident} is a {schema}, not an EvidenceItem", field="item")
        if read.red.file(ident) is not None:
            raise AccessDenied(f"evidence item {ident} is withheld from {read.reader.name}")
        return ident
    found = segments.lookup(read, target)
    if found is None:
        raise InputError(f"no testimony segment with id {target[:64]}", field="segment")
    if found.text is None:
        raise AccessDenied(f"segment {found.id} is withheld from {read.reader.name}")
    return found.id


def withdraw(writer: Writer, proof_id: str, *, reason: str) -> str:
    """Withdraw a link with a reason; the link stays in the record. Returns the withdrawal's id."""
    text = " ".join((reason or "").split())
    if not text:
        raise InputError("a reason is required", field="reason")
    if len(text) > 2000:
        raise InputError("the reason is longer than 2000 characters", field="reason")
    ident = proof_id.strip().upper()
    exists = writer.conn.execute(select(law_proofs.c.id).where(law_proofs.c.id == ident)).scalar()
    if exists is None:
        raise NotFound(f"no proof link {proof_id[:40]}")
    done = writer.conn.execute(
        select(law_proof_withdrawals.c.id).where(law_proof_withdrawals.c.proof_id == ident)
    ).scalar()
    if done is not None:
        raise Conflict(f"proof link {ident} is already withdrawn ({done})")
    withdrawal = new_id()
    writer.conn.execute(
        insert(law_proof_withdrawals).values(
            id=withdrawal, proof_id=ident, author=writer.author, reason=text, recorded_at=datetime.now(UTC)
        )
    )
    return withdrawal


def load_proofs(conn: Connection, allegation: str, *, withdrawn: bool = False) -> list[Proof]:
    """The links of an allegation in the order they were made; withdrawn ones only if asked."""
    query = (
        select(law_proofs, law_proof_withdrawals.c.reason.label("withdrawn"))
        .outerjoin(law_proof_withdrawals, law_proof_withdrawals.c.proof_id == law_proofs.c.id)
        .where(law_proofs.c.allegation_id == allegation)
        .order_by(law_proofs.c.recorded_at, law_proofs.c.id)
    )
    out = []
    for row in conn.execute(query):
        if row.withdrawn is not None and not withdrawn:
            continue
        kind: Literal["claim", "segment", "item"] = (
            "claim" if row.claim_id else "item" if row.item_id else "segment"
        )
        out.append(
            Proof(
                row.id,
                row.allegation_id,
                row.element,
                kind,
                row.claim_id or row.item_id or row.segment_id,
                row.relation,
                row.reliability,
                row.credibility,
                row.note,
                Sensitivity(row.sensitivity),
                row.author,
                row.recorded_at,
                row.withdrawn,
            )
        )
    return out


__all__ = [
    "CREDIBILITY",
    "RELATIONS",
    "RELIABILITY",
    "Proof",
    "load_proofs",
    "parse_credibility",
    "parse_relation",
    "parse_reliability",
    "prove",
    "withdraw",
]
