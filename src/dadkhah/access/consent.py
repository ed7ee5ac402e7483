"""A witness's consent: which uses of their testimony, and which recipients, they allow.

Consent is a history of events, never edited: *given* adds uses and recipients; *withdrawn* takes
recipients away (or uses, or everything when it names neither). An event may concern one
testimony or, when it names none, every testimony of the witness. The current consent for a
testimony is the events that concern it, folded in the order they were recorded.

Who may read a testimony:

- the case team reads for the investigation: allowed unless the witness has consent on record
  that no longer covers investigation (for instance after withdrawing everything);
- a recipient profile reads for its purpose (e.g. ``prosecution``): allowed only when the current
  consent covers that use *and* names that recipient (or ``any``) and has not withdrawn it.

When a reader is refused, the reason says whether consent was withdrawn, never given, or given
for other uses, so that outputs can say why material is missing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from dadkhah.access import tables
from dadkhah.access.reader import INVESTIGATION, Reader
from dadkhah.access.roles import ANY_RECIPIENT, use
from dadkhah.errors import InputError, NotFound
from dadkhah.model.types import DateType
from dadkhah.store.tables import entities
from dadkhah.store.writer import new_id

GIVEN, WITHDRAWN = "given", "withdrawn"
WITHDRAWN_REASON = "consent withdrawn"
NO_CONSENT_REASON = "no consent recorded"
NOT_COVERED_REASON = "not covered by the witness's consent"
_DATE = DateType()


@dataclass(frozen=True)
class ConsentEvent:
    id: str
    witness_id: str
    testimony_id: str | None
    action: str
    uses: tuple[str, ...]
    recipients: tuple[str, ...]
    effective: str
    evidence_id: str | None
    note: str | None
    author: str
    recorded_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "witness": self.witness_id,
            "testimony": self.testimony_id,
            "action": self.action,
            "uses": list(self.uses),
            "recipients": list(self.recipients),
            "effective": self.effective,
            "evidence": self.evidence_id,
            "note": self.note,
            "author": self.author,
            "recorded_at": self.recorded_at.isoformat(),
        }


@dataclass
class ConsentState:
    """The consent in force after some events."""

    uses: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    excluded: set[str] = field(default_factory=set)  # recipients withdrawn from an ``any`` consent

    def apply(self, event: ConsentEvent) -> None:
        if event.action == GIVEN:
            self.uses |= set(event.uses)
            self.recipients |= set(event.recipients)
            self.excluded -= set(event.recipients)
            if ANY_RECIPIENT in event.recipients:
                self.excluded.clear()
            return
        if not event.uses and not event.recipients:
            self.uses.clear()
            self.recipients.clear()
            self.excluded.clear()
            return
        self.uses -= set(event.uses)
        for recipient in event.recipients:
            if recipient == ANY_RECIPIENT:
                self.recipients.clear()
                self.excluded.clear()
            else:
                self.recipients.discard(recipient)
                self.excluded.add(recipient)

    def allows(self, purpose: str, recipient: str | None) -> bool:
        """Whether this consent covers ``purpose`` for ``recipient`` (``None``: the case team)."""
        if purpose not in self.uses:
            return False
        if recipient is None:
            return True
        named = recipient in self.recipients or ANY_RECIPIENT in self.recipients
        return named and recipient not in self.excluded

    def to_dict(self) -> dict[str, Any]:
        return {
            "uses": sorted(self.uses),
            "recipients": sorted(self.recipients),
            "withdrawn_from": sorted(self.excluded),
        }


def fold(events: Iterable[ConsentEvent]) -> ConsentState:
    state = ConsentState()
    for event in events:
        state.apply(event)
    return state


def concerning(events: Iterable[ConsentEvent], testimony_id: str | None) -> list[ConsentEvent]:
    """The events that bear on one testimony (those naming it, and those naming no testimony)."""
    return [e for e in events if e.testimony_id is None or e.testimony_id == testimony_id]


def refusal(events: Sequence[ConsentEvent], reader: Reader) -> str | None:
    """Why ``reader`` may not read material these consent events govern, or ``None`` if they may."""
    recipient = reader.profile
    purpose = reader.purpose if recipient else INVESTIGATION
    if not events:
        return NO_CONSENT_REASON if recipient else None
    state, ever = ConsentState(), False
    for event in events:
        state.apply(event)
        ever = ever or state.allows(purpose, recipient)
    if state.allows(purpose, recipient):
        return None
    return WITHDRAWN_REASON if ever else NOT_COVERED_REASON


# -- recording and reading --------------------------------------------------------------------


def record_consent(
    conn: Connection,
    witness_id: str,
    *,
    uses: Sequence[str],
    recipients: Sequence[str] = (),
    author: str,
    effective: str | None = None,
    testimony_id: str | None = None,
    evidence_id: str | None = None,
    note: str | None = None,
) -> ConsentEvent:
    """Record that the witness gave consent to ``uses`` for ``recipients`` (profile names or ``any``)."""
    codes = _uses(uses)
    if not codes:
        raise InputError("consent names at least one use", field="use")
    return _append(
        conn, witness_id, GIVEN, codes, recipients, author, effective, testimony_id, evidence_id, note
    )


def withdraw_consent(
    conn: Connection,
    witness_id: str,
    *,
    author: str,
    recipients: Sequence[str] = (),
    uses: Sequence[str] = (),
    effective: str | None = None,
    testimony_id: str | None = None,
    note: str | None = None,
) -> ConsentEvent:
    """Record a withdrawal: of ``recipients``, of ``uses``, or (naming neither) of all consent."""
    return _append(
        conn, witness_id, WITHDRAWN, _uses(uses), recipients, author, effective, testimony_id, None, note
    )


def history(conn: Connection, witness_id: str) -> list[ConsentEvent]:
    table = tables.consents
    query = select(table).where(table.c.witness_id == witness_id).order_by(table.c.recorded_at, table.c.id)
    return [_event(r) for r in conn.execute(query)]


def all_events(conn: Connection) -> dict[str, list[ConsentEvent]]:
    """Every consent event, by witness, in recorded order."""
    table = tables.consents
    result: dict[str, list[ConsentEvent]] = defaultdict(list)
    for row in conn.execute(select(table).order_by(table.c.recorded_at, table.c.id)):
        result[row.witness_id].append(_event(row))
    return dict(result)


def _event(row: Any) -> ConsentEvent:
    return ConsentEvent(
        row.id,
        row.witness_id,
        row.testimony_id,
        row.action,
        tuple(json.loads(row.uses)),
        tuple(json.loads(row.recipients)),
        row.effective,
        row.evidence_id,
        row.note,
        row.author,
        row.recorded_at,
    )


def _uses(uses: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(use(u) for u in uses))


def _append(
    conn: Connection,
    witness_id: str,
    action: str,
    uses: list[str],
    recipients: Sequence[str],
    author: str,
    effective: str | None,
    testimony_id: str | None,
    evidence_id: str | None,
    note: str | None,
) -> ConsentEvent:
    from dadkhah.access.users import require_profiles

    _check_entity(conn, witness_id, "Person", "witness")
    if testimony_id is not None:
        _check_entity(conn, testimony_id, "Testimony", "testimony")
    if evidence_id is not None:
        _check_entity(conn, evidence_id, "EvidenceItem", "evidence")
    names = list(dict.fromkeys(require_profiles(conn, list(recipients))))
    when = _DATE.clean(effective) if effective else datetime.now(UTC).date().isoformat()
    note = " ".join(note.split()) if note else None
    if note and len(note) > 2000:
        raise InputError("the note is longer than 2000 characters", field="note")
    event = ConsentEvent(
        new_id(), witness_id, testimony_id, action, tuple(uses), tuple(names), when,
        evidence_id, note, author, datetime.now(UTC),
    )  # fmt: skip
    conn.execute(
        insert(tables.consents).values(
            id=event.id,
            witness_id=witness_id,
            testimony_id=testimony_id,
            action=action,
            uses=json.dumps(list(event.uses)),
            recipients=json.dumps(list(event.recipients)),
            effective=when,
            evidence_id=evidence_id,
            note=note,
            author=author,
            recorded_at=event.recorded_at,
        )
    )
    return event


def _check_entity(conn: Connection, entity_id: str, schema: str, field: str) -> None:
    found = conn.execute(select(entities.c.schema).where(entities.c.id == entity_id)).scalar()
    if found is None:
        raise NotFound(f"no {schema} {entity_id[:40]}")
    if found != schema:
        raise InputError(f"{entity_id} is a {found}, not a {schema}", field=field)
