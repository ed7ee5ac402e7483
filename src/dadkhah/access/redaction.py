"""Redaction: the one place that decides what a reader may see.

Every output path — entity views and histories, search, summaries, testimony segments, exports —
asks a :class:`Redaction` before showing a claim, an entity, a segment or a file. It decides by:

1. **clearance** — a value more sensitive than the reader's clearance is left out;
2. **consent** — a testimony whose witness has not consented (or has withdrawn consent) to the
   reader's purpose and, for a recipient, to that recipient, is withheld together with everything
   that comes from it: its segments, the Testimony entity, its recording and transcript (and files
   derived from them), claims sourced to it or located in one of its segments, and claims that
   point at any of those;
3. **the key** — a protected value is decrypted only for a reader with protected clearance while
   the case is unlocked; a recipient sees a witness's protected identity only when the witness's
   consent covers that recipient as well.

Each decryption is remembered so that the caller can write it to the access audit
(:meth:`Redaction.revealed`); each consent-withheld testimony that an output touched is counted
so that the output can say so (:meth:`Redaction.notices`).

A segment is identified as ``<testimony id>.<n>`` (and a translation of it as
``<testimony id>.<n>.<language>``), so the testimony a citation points into is known from the
locator alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, not_, or_, select

from dadkhah.access import consent
from dadkhah.access.reader import Reader
from dadkhah.model.types import Sensitivity
from dadkhah.store.records import Claim
from dadkhah.store.tables import claims, entities
from dadkhah.store.writer import Protector

ULID_LENGTH = 26
_CHUNK = 500


def segment_testimony(segment_id: str | None) -> str | None:
    """The testimony a segment id belongs to (``None`` if it is not a segment id of ours)."""
    if not segment_id or len(segment_id) < ULID_LENGTH + 2 or segment_id[ULID_LENGTH] != ".":
        return None
    return segment_id[:ULID_LENGTH]


@dataclass(frozen=True)
class Withholding:
    """Why an entity is withheld, and the testimony whose consent decided it."""

    reason: str
    testimony: str
    schema: str


class Redaction:
    """What ``reader`` may see of one case, decided item by item during one read."""

    def __init__(self, conn: Connection, reader: Reader, protector: Protector | None = None) -> None:
        self.conn = conn
        self.reader = reader
        self.protector = protector
        self._withheld: dict[str, Withholding] | None = None
        self._identity: dict[str, str | None] = {}
        self._events: dict[str, list[consent.ConsentEvent]] | None = None
        self._touched: dict[str, str] = {}  # testimony id -> reason, for the notices
        self._locked = 0
        self._claims_out: dict[str, set[str]] = defaultdict(set)
        self._segments_out: dict[str, set[str]] = defaultdict(set)

    # -- the decisions ------------------------------------------------------------------------

    def claim(self, claim: Claim) -> Claim | None:
        """The claim as the reader may see it (decrypted if protected and allowed), or ``None``."""
        if not self.reader.sees(claim.sensitivity):
            return None
        withheld = self._withheld_map()
        if withheld:
            for ref in (
                claim.entity_id,
                claim.source_id,
                claim.evidence_id,
                claim.value,
                segment_testimony(claim.locator.segment if claim.locator else None),
            ):
                if ref and ref in withheld:
                    self._touch(withheld[ref])
                    return None
        if claim.sensitivity < Sensitivity.PROTECTED:
            return claim
        if not self._may_decrypt() or self._identity_refused(claim.entity_id):
            return None
        assert self.protector is not None
        value = self.protector.open(claim.value, context=claim.id)
        original = (
            self.protector.open(claim.original, context=claim.id + ":original") if claim.original else None
        )
        self._claims_out[claim.entity_id].add(claim.id)
        return replace(claim, value=value, original=original)

    def claims(self, found: Iterable[Claim]) -> list[Claim]:
        return [c for c in (self.claim(claim) for claim in found) if c is not None]

    def entity(self, entity_id: str) -> str | None:
        """Why the entity is withheld from the reader, or ``None`` if they may see it."""
        found = self._withheld_map().get(entity_id)
        if found is None:
            return None
        self._touch(found)
        return found.reason

    def file(self, evidence_id: str) -> str | None:
        """Why an evidence item (a recording, a transcript) is withheld, or ``None``."""
        return self.entity(evidence_id)

    def segment(self, segment_id: str, sensitivity: Sensitivity, text: str) -> str | None:
        """The text of a testimony segment as the reader may see it, or ``None``."""
        if not self.reader.sees(sensitivity):
            return None
        testimony = segment_testimony(segment_id)
        if testimony is not None and self.entity(testimony) is not None:
            return None
        if sensitivity < Sensitivity.PROTECTED:
            return text
        if not self._may_decrypt():
            return None
        assert self.protector is not None
        shown = self.protector.open(text, context=segment_id)
        self._segments_out[testimony or ""].add(segment_id)
        return shown

    # -- for queries over many claims ---------------------------------------------------------

    def claims_condition(self) -> ColumnElement[bool]:
        """SQL condition on ``claims``: within clearance and not withheld (for counts and ranges)."""
        condition: ColumnElement[bool] = claims.c.sensitivity <= int(self.reader.clearance)
        withheld = self._withheld_map()
        if not withheld:
            return condition
        ids = sorted(withheld)
        testimonies = sorted({w.testimony for w in withheld.values()})
        marker = '"segment":"'
        locate = func.instr if self.conn.dialect.name == "sqlite" else func.strpos
        segment_owner = func.substr(
            claims.c.locator, locate(claims.c.locator, marker) + len(marker), ULID_LENGTH
        )
        # Every term is guarded against NULL: NOT (NULL OR …) is NULL, which would hide the claim.
        return and_(
            condition,
            not_(
                or_(
                    claims.c.entity_id.in_(ids),
                    and_(claims.c.source_id.is_not(None), claims.c.source_id.in_(ids)),
                    and_(claims.c.evidence_id.is_not(None), claims.c.evidence_id.in_(ids)),
                    and_(claims.c.ref.is_not(None), claims.c.ref.in_(ids)),
                    and_(
                        claims.c.locator.is_not(None),
                        claims.c.locator.contains(marker),
                        segment_owner.in_(testimonies),
                    ),
                )
            ),
        )

    def withheld(self) -> dict[str, Withholding]:
        """Every withheld entity; the caller is about to account for all of them (e.g. in counts)."""
        found = self._withheld_map()
        for item in found.values():
            self._touch(item)
        return dict(found)

    # -- what the output must say, and what the audit must record -----------------------------

    def notices(self) -> list[str]:
        """Sentences an output prints to say what was left out, and why (never what it was)."""
        counts = Counter(self._touched.values())
        lines = [
            f"{n} {'testimony' if n == 1 else 'testimonies'} withheld: {reason}"
            for reason, n in sorted(counts.items())
        ]
        if self._locked:
            lines.append(
                f"{self._locked} protected {'value' if self._locked == 1 else 'values'} hidden: the case "
                "is locked (set DADKHAH_PASSPHRASE or DADKHAH_KEY_FILE, or run at a terminal)"
            )
        return lines

    def revealed(self) -> tuple[list[str], list[str], list[str]]:
        """(entity ids, claim ids, segment ids) of every protected value decrypted so far."""
        entity_ids = sorted(set(self._claims_out) | {t for t in self._segments_out if t})
        claim_ids = sorted({c for ids in self._claims_out.values() for c in ids})
        segment_ids = sorted({s for ids in self._segments_out.values() for s in ids})
        return entity_ids, claim_ids, segment_ids

    # -- internals ----------------------------------------------------------------------------

    def _may_decrypt(self) -> bool:
        if self.reader.may_decrypt and self.protector is not None:
            return True
        if self.reader.clearance >= Sensitivity.PROTECTED:
            self._locked += 1
        return False

    def _touch(self, item: Withholding) -> None:
        self._touched.setdefault(item.testimony, item.reason)

    def _consent_events(self) -> dict[str, list[consent.ConsentEvent]]:
        if self._events is None:
            self._events = consent.all_events(self.conn)
        return self._events

    def _identity_refused(self, entity_id: str) -> bool:
        """For a recipient: whether a witness's consent keeps their protected details from them.

        A witness (someone with consent on record, a pseudonym code, or a testimony) discloses their
        identity to a recipient only where some consent of theirs — for all their testimonies or for
        one — currently covers that recipient. Anyone else's protected values go by clearance alone.
        """
        if not self.reader.is_recipient:
            return False
        if entity_id not in self._identity:
            events = self._consent_events().get(entity_id, [])
            if not events and not self._is_witness(entity_id):
                self._identity[entity_id] = None
            else:
                scopes = {None} | {e.testimony_id for e in events}
                refusals = [consent.refusal(consent.concerning(events, s), self.reader) for s in scopes]
                self._identity[entity_id] = None if None in refusals else refusals[0]
        return self._identity[entity_id] is not None

    def _is_witness(self, entity_id: str) -> bool:
        coded = select(claims.c.id).where(claims.c.entity_id == entity_id, claims.c.prop == "code")
        testified = (
            select(claims.c.id)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(entities.c.schema == "Testimony", claims.c.prop == "witness", claims.c.ref == entity_id)
        )
        return any(self.conn.execute(q.limit(1)).first() for q in (coded, testified))

    def _withheld_map(self) -> dict[str, Withholding]:
        if self._withheld is None:
            self._withheld = self._compute()
        return self._withheld

    def _compute(self) -> dict[str, Withholding]:
        events = self._consent_events()
        if not events and not self.reader.is_recipient:
            return {}  # the team reads everything nobody has restricted
        result: dict[str, Withholding] = {}
        for testimony, witnesses in self._testimony_witnesses().items():
            for witness in witnesses:
                reason = consent.refusal(consent.concerning(events.get(witness, []), testimony), self.reader)
                if reason:
                    result[testimony] = Withholding(reason, testimony, "Testimony")
                    break
        if result:
            self._add_files(result)
        return result

    def _testimony_witnesses(self) -> dict[str, set[str]]:
        """Every testimony with every witness it ever named (a correction does not free it)."""
        query = (
            select(claims.c.entity_id, claims.c.value, claims.c.ref)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(entities.c.schema == "Testimony", claims.c.prop == "witness")
        )
        result: dict[str, set[str]] = {}
        for row in self.conn.execute(query):
            result.setdefault(row.entity_id, set()).add(row.ref or row.value)
        # A testimony recorded without a witness claim still falls under its consent, if any.
        for testimony_id in self.conn.execute(select(entities.c.id).where(entities.c.schema == "Testimony")):
            result.setdefault(testimony_id[0], set())
        return result

    def _add_files(self, result: dict[str, Withholding]) -> None:
        """Recordings and transcripts of withheld testimonies, and every copy derived from them."""
        frontier: dict[str, Withholding] = {}
        for rows in _chunked(self.conn, "recording_transcript", sorted(result)):
            for row in rows:
                frontier[row.ref] = replace(result[row.entity_id], schema="EvidenceItem")
        while frontier:
            result.update(frontier)
            parents, frontier = frontier, {}
            for rows in _chunked(self.conn, "derived", sorted(parents)):
                for row in rows:
                    if row.entity_id not in result:
                        frontier[row.entity_id] = parents[row.ref]


def _chunked(conn: Connection, kind: str, ids: Sequence[str]) -> Iterable[list[Any]]:
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        if kind == "recording_transcript":
            query = select(claims.c.entity_id, claims.c.ref).where(
                claims.c.entity_id.in_(chunk), claims.c.prop.in_(["recording", "transcript"])
            )
        else:
            query = select(claims.c.entity_id, claims.c.ref).where(
                claims.c.prop == "derivedFrom", claims.c.ref.in_(chunk)
            )
        yield [row for row in conn.execute(query) if row.ref]
