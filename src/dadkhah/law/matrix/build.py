"""The case matrix: every element of an allegation with its evidence, sources, status and gaps.

Status of an element, from the links the reader may see and that count (see ``proofs``: links
graded E or 5 are listed but not counted; links to claims since retracted or superseded are listed
but not counted):

* **contested** — at least one counted link contradicts it;
* **corroborated** — no contradiction, and supported by two or more independent sources;
* **single-source** — no contradiction, and supported by exactly one independent source;
* **unsupported** — nothing counted supports or contradicts it.

Rows come gaps first — unsupported, contested, single-source, corroborated — and in statutory
order (the crime's elements, its contextual elements, then the mode's) within each status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from dadkhah.access import Reader
from dadkhah.law._claims import CaseRead
from dadkhah.law.kb import Element, KnowledgeBase
from dadkhah.law.matrix.allegations import Allegation, load_allegation
from dadkhah.law.matrix.evidence import Describer, EvidenceView
from dadkhah.law.matrix.independence import groups
from dadkhah.law.matrix.proofs import CREDIBILITY, RELIABILITY, Proof, load_proofs
from dadkhah.law.matrix.scope import Scope, scope_of
from dadkhah.law.matrix.suggest import Finder, Suggestion, rank
from dadkhah.law.tables import law_proof_withdrawals, law_proofs
from dadkhah.store.tables import claims, retractions

if TYPE_CHECKING:
    from dadkhah.case import Case

STATUSES = ("unsupported", "contested", "single-source", "corroborated")
STATUS_TEXT = {
    "unsupported": "Unsupported — no evidence linked",
    "contested": "Contested — evidence contradicts it",
    "single-source": "Single source — needs corroboration",
    "corroborated": "Corroborated — two or more independent sources",
}
PART_TEXT = {"crime": "Crime", "context": "Contextual", "mode": "Mode of liability"}


@dataclass(frozen=True)
class LinkedProof:
    """A link as shown in the matrix: the link, what the evidence says, and whether it counts."""

    proof: Proof
    evidence: EvidenceView
    counted: bool
    why_not: str | None = None
    group: int | None = None  # the independent source (1-based, per element and relation) it falls in

    def to_dict(self) -> dict[str, Any]:
        e = self.evidence
        return {
            "id": self.proof.id,
            "relation": self.proof.relation,
            "evidence": {"kind": e.kind, "id": e.target, "state": e.state},
            "statement": e.statement,
            "language": e.language,
            "parallel": [p.to_dict() for p in e.parallel],
            "original": e.original,
            "about": e.about,
            "provenance": e.provenance,
            "reliability": self.proof.reliability,
            "credibility": self.proof.credibility,
            "grading": grading_text(self.proof),
            "note": self.proof.note,
            "author": self.proof.author,
            "counted": self.counted,
            "not_counted_because": self.why_not,
            "source_group": self.group,
        }


@dataclass(frozen=True)
class SourceGroup:
    label: str
    proofs: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    order: int
    part: str  # crime | context | mode
    element: Element
    status: str
    supporting: tuple[LinkedProof, ...]
    contradicting: tuple[LinkedProof, ...]
    supporting_sources: tuple[SourceGroup, ...]
    contradicting_sources: tuple[SourceGroup, ...]
    alternatives: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()

    @property
    def gap(self) -> bool:
        return self.status in ("unsupported", "contested", "single-source")

    def to_dict(self) -> dict[str, Any]:
        e = self.element
        return {
            "code": e.code,
            "label": e.label,
            "part": self.part,
            "kind": e.kind,
            "text": e.text,
            "citation": e.source.cite,
            "confidence": e.source.conf,
            "sub_elements": [{"no": s.no, "text": s.text} for s in e.sub_elements],
            "means_of_proof": [{"code": c, "text": t} for c, t in e.means_of_proof],
            "status": self.status,
            "independent_sources": len(self.supporting_sources),
            "contradicting_sources": len(self.contradicting_sources),
            "sources": [{"label": g.label, "proofs": list(g.proofs)} for g in self.supporting_sources],
            "contradicted_by": [
                {"label": g.label, "proofs": list(g.proofs)} for g in self.contradicting_sources
            ],
            "alternatives": list(self.alternatives),
            "supporting": [p.to_dict() for p in self.supporting],
            "contradicting": [p.to_dict() for p in self.contradicting],
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


@dataclass(frozen=True)
class CaseState:
    """What the matrix was computed from: the only time it shows is the case's last change."""

    claims: int
    proof_links: int
    last_change: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"claims": self.claims, "proof_links": self.proof_links, "last_change": self.last_change}


@dataclass(frozen=True)
class Matrix:
    allegation: Allegation
    suspect_label: str
    events: tuple[tuple[str, str], ...]  # (id, caption)
    violations: int  # violations in scope
    scope: Scope
    rows: tuple[Row, ...]
    reader: str
    clearance: str
    state: CaseState
    withheld: int = 0
    unplaced: tuple[LinkedProof, ...] = field(default=())
    notices: tuple[str, ...] = field(default=())  # what the redaction left out, and why

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for r in self.rows if r.status == s) for s in STATUSES}

    @property
    def gaps(self) -> list[Row]:
        return [r for r in self.rows if r.gap]

    def to_dict(self) -> dict[str, Any]:
        a = self.allegation
        return {
            "allegation": {
                "id": a.id,
                "title": a.title,
                "suspect": {"id": a.suspect, "label": self.suspect_label},
                "crime": {"code": a.crime.code, "title": a.crime.title, "article": a.crime.article},
                "mode": {"code": a.mode.code, "title": a.mode.title, "article": a.mode.article},
                "events": [{"id": i, "title": t} for i, t in self.events],
                "violations_in_scope": self.violations,
                "period": {"start": self.scope.start, "end": self.scope.end},
            },
            "reader": {"name": self.reader, "clearance": self.clearance},
            "case_state": self.state.to_dict(),
            "summary": self.counts(),
            "withheld_links": self.withheld,
            "notices": list(self.notices),
            "elements": [r.to_dict() for r in self.rows],
            "unplaced": [p.to_dict() for p in self.unplaced],
        }


def grading_text(proof: Proof) -> str | None:
    parts = []
    if proof.reliability:
        parts.append(f"{proof.reliability} ({RELIABILITY[proof.reliability]})")
    if proof.credibility:
        parts.append(f"{proof.credibility} ({CREDIBILITY[proof.credibility]})")
    return " / ".join(parts) or None


def build_matrix(
    case: Case, allegation_id: str, reader: Reader | None = None, kb: KnowledgeBase | None = None
) -> Matrix:
    """The matrix of one allegation, as ``reader`` (default: the case's reader) may see it."""
    with case.redacted(reader) as (conn, red):
        return _build(CaseRead(conn, case.model, red), allegation_id, kb)


def _build(read: CaseRead, allegation_id: str, kb: KnowledgeBase | None) -> Matrix:
    allegation = load_allegation(read, allegation_id, kb)
    describer = Describer(read)
    scope = scope_of(read, allegation)
    elements = allegation.elements()
    codes = {e.code for _, e in elements}
    linked: dict[str, list[LinkedProof]] = {code: [] for code in codes}
    withheld, unplaced = 0, []
    for proof in load_proofs(read.conn, allegation.id):
        view = describer.describe(proof.kind, proof.target)
        if not read.reader.sees(proof.sensitivity) or view.state == "withheld":
            withheld += 1
            continue
        entry = _linked(proof, view)
        if proof.element in linked:
            linked[proof.element].append(entry)
        else:
            unplaced.append(entry)
    candidates = Finder(read, describer, allegation, scope).all()
    rows = []
    for order, (part, element) in enumerate(elements):
        rows.append(_row(order, part, element, linked[element.code], elements, describer, candidates))
    rows.sort(key=lambda r: (STATUSES.index(r.status), r.order))
    events = tuple((e, read.caption(e)) for e in allegation.events)
    return Matrix(
        allegation,
        read.caption(allegation.suspect),
        events,
        len(scope.violations),
        scope,
        tuple(rows),
        read.reader.name,
        read.reader.clearance.label,
        case_state(read),
        withheld,
        tuple(unplaced),
        tuple(read.red.notices()),
    )


def _linked(proof: Proof, view: EvidenceView) -> LinkedProof:
    if not view.usable:
        return LinkedProof(proof, view, False, f"the evidence is {view.state}")
    if not proof.counted:
        graded = grading_text(proof)
        return LinkedProof(proof, view, False, f"graded {graded}")
    return LinkedProof(proof, view, True)


def _row(
    order: int,
    part: str,
    element: Element,
    links: list[LinkedProof],
    elements: list[tuple[str, Element]],
    describer: Describer,
    candidates: list[Any],
) -> Row:
    sides: dict[str, tuple[list[LinkedProof], list[SourceGroup]]] = {}
    for relation in ("supports", "contradicts"):
        mine = [p for p in links if p.proof.relation == relation]
        counted = [p for p in mine if p.counted]
        found = groups([(p.proof.id, p.evidence.origins) for p in counted])
        number = {pid: i + 1 for i, members in enumerate(found) for pid in members}
        by_id = {p.proof.id: p for p in counted}
        labelled = [
            SourceGroup(_group_label(describer, [by_id[m] for m in members]), tuple(members))
            for members in found
        ]
        shown = [LinkedProof(p.proof, p.evidence, p.counted, p.why_not, number.get(p.proof.id)) for p in mine]
        sides[relation] = (shown, labelled)
    supporting, support_groups = sides["supports"]
    contradicting, contra_groups = sides["contradicts"]
    if contra_groups:
        status = "contested"
    elif len(support_groups) >= 2:
        status = "corroborated"
    elif support_groups:
        status = "single-source"
    else:
        status = "unsupported"
    alternatives = tuple(
        e.code for _, e in elements if element.group and e.group == element.group and e.code != element.code
    )
    support_origins = {o for p in supporting if p.counted for o in p.evidence.origins}
    suggestions = rank(element, candidates, {p.proof.target for p in links}, support_origins)
    return Row(
        order,
        part,
        element,
        status,
        tuple(supporting),
        tuple(contradicting),
        tuple(support_groups),
        tuple(contra_groups),
        alternatives,
        tuple(suggestions),
    )


def _group_label(describer: Describer, members: list[LinkedProof]) -> str:
    """Name a group by its most telling origin: a witness, else a Source, else a document."""
    origins = sorted({o for m in members for o in m.evidence.origins})
    for prefix in ("witness:", "source:", "item:", "segment:"):
        for origin in origins:
            if origin.startswith(prefix):
                return describer.origin_label(origin)
    return "Unattributed"


def case_state(read: CaseRead) -> CaseState:
    conn = read.conn
    count = conn.execute(select(func.count()).select_from(claims)).scalar() or 0
    links = conn.execute(select(func.count()).select_from(law_proofs)).scalar() or 0
    stamps = [
        conn.execute(select(func.max(column))).scalar()
        for column in (
            claims.c.recorded_at,
            retractions.c.recorded_at,
            law_proofs.c.recorded_at,
            law_proof_withdrawals.c.recorded_at,
        )
    ]
    latest = max((s for s in stamps if s is not None), default=None)
    if latest is not None and not isinstance(latest, str):
        latest = latest.isoformat(timespec="seconds")
    return CaseState(int(count), int(links), latest)


__all__ = [
    "PART_TEXT",
    "STATUSES",
    "STATUS_TEXT",
    "CaseState",
    "LinkedProof",
    "Matrix",
    "Row",
    "SourceGroup",
    "build_matrix",
]
