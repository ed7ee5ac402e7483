"""What a linked item of evidence says, where it comes from, and which origins it depends on.

Every item of evidence resolves to a set of *origins* (``witness:<id>``, ``source:<id>``,
``item:<id>``); two items that share an origin are not independent (see ``independence``):

* a testimony segment: its witness;
* a claim: its Source entity; the original of its evidence item; the witness of the testimony
  segment its locator names; and the witness of a testimony whose own record cites the same Source
  (an interview registered as a Source);
* an evidence item: its original (a transcript, translation or redacted copy counts as the file it
  was derived from), the Sources the original was collected from (``collectedFrom``) and, if that
  original is a testimony's recording or transcript, the witness.

Witnesses are never named in outputs: only their testimony's title or pseudonym code is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select

from dadkhah.access.redaction import segment_testimony
from dadkhah.law._claims import CaseRead
from dadkhah.law.matrix import segments
from dadkhah.store import Claim
from dadkhah.store.reading import is_current
from dadkhah.store.tables import claims, entities

_MAX_DERIVATION = 20


@dataclass(frozen=True)
class EvidenceView:
    """A linked item of evidence as the matrix shows it."""

    kind: str  # claim | segment | item
    target: str
    state: str  # current | superseded | retracted | withheld | missing
    statement: str | None = None  # what it says: the claimed value, the segment's words, the item's title
    original: str | None = None  # the words as the source wrote them, when cleaning changed them
    about: str | None = None  # the fact the claim belongs to, in a sentence
    provenance: str = ""  # source and locator, document, testimony
    origins: frozenset[str] = field(default_factory=frozenset)
    language: str | None = None  # a segment's language
    parallel: tuple[segments.Parallel, ...] = ()  # a segment's translations, or a translation's original
    translated_from: str | None = None  # for a translated segment: the segment it translates
    translator: str | None = None

    def versions(self) -> list[segments.Parallel]:
        """A segment and its other-language versions, original first; empty when it has none."""
        if not self.parallel or self.statement is None:
            return []
        kind: Literal["original", "translation"] = "translation" if self.translated_from else "original"
        this = segments.Parallel(self.target, self.language or "", kind, self.statement, self.translator)
        originals = [p for p in self.parallel if p.kind == "original"]
        translations = [p for p in self.parallel if p.kind == "translation"]
        return [*originals, this, *translations] if kind == "translation" else [this, *translations]

    @property
    def usable(self) -> bool:
        return self.state == "current"


class Describer:
    """Resolves evidence for one reader, with caches shared across a whole matrix."""

    def __init__(self, read: CaseRead) -> None:
        self.read = read
        self._source_witnesses: dict[str, frozenset[str]] = {}
        self._roots: dict[str, str] = {}
        self._item_witnesses: dict[str, frozenset[str]] = {}
        self.witness_labels: dict[str, str] = {}

    # -- the three kinds ---------------------------------------------------------------------------

    def describe(self, kind: str, target: str) -> EvidenceView:
        if kind == "claim":
            return self.claim(target)
        if kind == "item":
            return self.item(target)
        return self.segment(target)

    def claim(self, claim_id: str) -> EvidenceView:
        state = self.read.claim_state(claim_id)
        if state is None:
            return EvidenceView("claim", claim_id, "missing")
        if state.claim is None:
            return EvidenceView("claim", claim_id, "withheld")
        claim = state.claim
        return EvidenceView(
            "claim",
            claim_id,
            state.state,
            statement=f"{self.read.label(claim.entity_id, claim.prop)}: {self.value(claim)}",
            original=claim.original,
            about=self.sentence(claim.entity_id),
            provenance=self.provenance(claim),
            origins=self.claim_origins(claim),
        )

    def item(self, item_id: str) -> EvidenceView:
        if self.read.schema_of(item_id) is None:
            return EvidenceView("item", item_id, "missing")
        facts = self.read.fact(item_id) if self.read.red.file(item_id) is None else None
        if facts is None:
            return EvidenceView("item", item_id, "withheld")
        title = facts.value("title")
        if title is None:
            return EvidenceView("item", item_id, "withheld")
        details = [facts.value("date"), facts.value("author"), facts.value("mediaType")]
        digest = facts.value("sha256")
        root = self.root(item_id)
        where = ", ".join(d for d in details if d)
        provenance = f"Evidence item {item_id}" + (f", SHA-256 {digest[:16]}…" if digest else "")
        if root != item_id:
            provenance += f"; derived from {self.read.caption(root)} [{root}]"
        return EvidenceView(
            "item",
            item_id,
            "current",
            statement=title + (f" ({where})" if where else ""),
            about=None,
            provenance=provenance,
            origins=self.item_origins(item_id),
        )

    def segment(self, segment_id: str) -> EvidenceView:
        found = segments.lookup_many(self.read, [segment_id]).get(segment_id)
        if found is None:
            return EvidenceView("segment", segment_id, "missing" if segments.available() else "withheld")
        if found.text is None:
            return EvidenceView("segment", segment_id, "withheld")
        origins = self._witnesses_of([found.testimony]) or frozenset({f"source:{found.testimony}"})
        return EvidenceView(
            "segment",
            segment_id,
            "current",
            statement=found.text,
            provenance=found.where,
            origins=origins,
            language=found.language,
            parallel=segments.parallels(self.read, found),
            translated_from=found.translation_of,
            translator=found.translator,
        )

    # -- origins -----------------------------------------------------------------------------------

    def claim_origins(self, claim: Claim) -> frozenset[str]:
        out: set[str] = set()
        if claim.source_id:
            out.add(f"source:{claim.source_id}")
            out |= self.source_witnesses(claim.source_id)
        if claim.evidence_id:
            out |= self.item_origins(claim.evidence_id)
        testimony = segment_testimony(claim.locator.segment if claim.locator else None)
        if testimony is not None:
            out |= self._witnesses_of([testimony])
        return frozenset(out)

    def item_origins(self, item_id: str) -> frozenset[str]:
        root = self.root(item_id)
        out = {f"item:{root}"} | self.item_witnesses(root)
        facts = self.read.fact(root)
        for source in facts.values("collectedFrom") if facts else ():
            out |= {f"source:{source}"} | self.source_witnesses(source)
        return frozenset(out)

    def root(self, item_id: str) -> str:
        """The original an evidence item was derived from (itself if it is an original)."""
        if item_id in self._roots:
            return self._roots[item_id]
        current, seen = item_id, {item_id}
        for _ in range(_MAX_DERIVATION):
            facts = self.read.fact(current)
            parent = facts.value("derivedFrom") if facts else None
            if parent is None or parent in seen:
                break
            seen.add(parent)
            current = parent
        self._roots[item_id] = current
        return current

    def item_witnesses(self, root: str) -> frozenset[str]:
        """The witness whose testimony this original is the recording or transcript of."""
        if root not in self._item_witnesses:
            query = (
                select(claims.c.entity_id)
                .distinct()
                .join(entities, entities.c.id == claims.c.entity_id)
                .where(
                    entities.c.schema == "Testimony",
                    claims.c.prop.in_(["recording", "transcript"]),
                    claims.c.ref == root,
                    is_current(),
                )
            )
            testimonies = sorted(r.entity_id for r in self.read.conn.execute(query))
            self._item_witnesses[root] = self._witnesses_of(testimonies)
        return self._item_witnesses[root]

    def source_witnesses(self, source: str) -> frozenset[str]:
        """The witness when ``source`` is a testimony, or a Source cited by one witness's testimonies."""
        if source not in self._source_witnesses:
            if self.read.schema_of(source) == "Testimony":
                self._source_witnesses[source] = self._witnesses_of([source])
                return self._source_witnesses[source]
            query = (
                select(claims.c.entity_id)
                .distinct()
                .join(entities, entities.c.id == claims.c.entity_id)
                .where(entities.c.schema == "Testimony", claims.c.source_id == source, is_current())
            )
            testimonies = sorted(r.entity_id for r in self.read.conn.execute(query))
            witnesses = self._witnesses_of(testimonies)
            # A Source shared by several witnesses' interviews is a collection, not one statement.
            self._source_witnesses[source] = witnesses if len(witnesses) == 1 else frozenset()
        return self._source_witnesses[source]

    def _witnesses_of(self, testimonies: list[str]) -> frozenset[str]:
        out = set()
        for testimony, witness in sorted(segments.testimony_witnesses(self.read, testimonies).items()):
            out.add(f"witness:{witness}")
            if witness not in self.witness_labels:
                code = segments.witness_code(self.read, witness)
                self.witness_labels[witness] = code or f"testimony “{self.read.caption(testimony)}”"
        return frozenset(out)

    def origin_label(self, origin: str) -> str:
        """A display label for an origin; witnesses are shown by testimony or pseudonym, never by name."""
        kind, _, ident = origin.partition(":")
        if kind == "witness":
            return f"Witness ({self.witness_labels.get(ident, 'testimony')})"
        if kind == "source":
            return f"Source: {self.read.caption(ident)}"
        if kind == "item":
            return f"Document: {self.read.caption(ident)}"
        return f"Segment {ident}"

    # -- display -----------------------------------------------------------------------------------

    def value(self, claim: Claim) -> str:
        if claim.prop == "witness":
            return "(the witness)"
        return self.read.display(claim)

    def provenance(self, claim: Claim) -> str:
        parts = []
        if claim.source_id:
            where = f"Source: {self.read.caption(claim.source_id)}"
            if claim.locator is not None and str(claim.locator):
                where += f", {claim.locator}"
            parts.append(where)
        elif claim.locator is not None and str(claim.locator):
            parts.append(str(claim.locator))
        if claim.evidence_id:
            parts.append(f"evidence item: {self.read.caption(claim.evidence_id)} [{claim.evidence_id}]")
        parts.append(f"claim {claim.id}")
        return "; ".join(parts)

    def sentence(self, entity_id: str) -> str:
        """One line describing the fact an entity records (an involvement, a position, a violation…)."""
        facts = self.read.fact(entity_id)
        if facts is None:
            return entity_id
        name = self.read.caption
        v = facts.value
        span = _span(v("startDate"), v("endDate"))
        if facts.schema == "Involvement":
            target = v("violation") or v("event")
            role = facts.claim("role")
            return " — ".join(
                p
                for p in (
                    name(v("actor")),
                    self.read.display(role) if role else None,
                    name(target) if target else None,
                    span,
                )
                if p
            )
        if facts.schema == "Position":
            held = f"{name(v('person'))}: {v('title') or 'position'}"
            if v("organization"):
                held += f", {name(v('organization'))}"
            return held + (f" ({span})" if span else "")
        if facts.schema == "Violation":
            act = facts.claim("act")
            bits = [name(v("victim")), v("date"), name(v("place")) if v("place") else None]
            return f"{self.read.display(act) if act else 'Violation'}: " + ", ".join(b for b in bits if b)
        if facts.schema == "Event":
            kind = facts.claim("kind")
            extra = ", ".join(b for b in (self.read.display(kind) if kind else None, span) if b)
            return (v("title") or "Event") + (f" ({extra})" if extra else "")
        if facts.schema == "Presence":
            kind = facts.claim("kind")
            return (
                f"{name(v('person'))}: {self.read.display(kind) if kind else 'present'} in {v('country')}"
                + (f" ({span})" if span else "")
            )
        if facts.schema == "Testimony":
            return f"Testimony: {name(entity_id)}"
        schema = self.read.model.schemas[facts.schema]
        return f"{schema.label}: {name(entity_id)}"


def _span(start: str | None, end: str | None) -> str | None:
    if not start and not end:
        return None
    return f"{start or '?'} – {end or '?'}"


__all__ = ["Describer", "EvidenceView"]
