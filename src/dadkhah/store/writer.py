"""Writing entities and claims: validated, append-only, in the caller's transaction."""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Connection, insert, select

from dadkhah.errors import Conflict, InputError, InvalidValue, LockedError, NotFound
from dadkhah.model import Model, Property, Schema, Sensitivity
from dadkhah.model.types import DateType
from dadkhah.store import search
from dadkhah.store.engine import bulk_insert, db_time
from dadkhah.store.records import Claim, Locator, Retraction, resolve
from dadkhah.store.tables import claims, entities, retractions

_DATE = DateType()
_CHUNK = 5000
_CLEAN_MEMO, _CLEAN_MEMO_LENGTH = 1 << 16, 256  # cleaned values remembered per writer
_CLAIM_COLUMNS = (  # the order of Writer._row
    "id",
    "entity_id",
    "prop",
    "value",
    "original",
    "ref",
    "date_lo",
    "date_hi",
    "source_id",
    "locator",
    "evidence_id",
    "author",
    "recorded_at",
    "sensitivity",
    "supersedes",
    "reason",
)


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]  # 10 bits → two base32 digits


class _Ulids:
    """ULIDs (48-bit millisecond time, 80 random bits, Crockford base32), strictly increasing in
    this process, as python-ulid makes them: within one millisecond, or if the clock steps back,
    the previous value plus one. Made here in bulk, since a large import needs millions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0  # the last value handed out, as a 128-bit integer
        # Random bits drawn 100 values at a time: one system call per millisecond would make a
        # thread recording a batch wait for the interpreter lock each time. Drawn again after a fork.
        self._random, self._pid = b"", 0

    def _random80(self) -> int:
        if len(self._random) < 10 or self._pid != os.getpid():
            self._random, self._pid = os.urandom(1000), os.getpid()
        value, self._random = self._random[:10], self._random[10:]
        return int.from_bytes(value, "big")

    def take(self, count: int) -> list[str]:
        with self._lock:
            ms = time.time_ns() // 1_000_000
            if ms > self._last >> 80:
                first = ms << 80 | self._random80()
            else:
                first = self._last + 1
            self._last = first + count - 1
        pairs, digits = _PAIRS, _CROCKFORD
        out = []
        prefix_of = -1
        prefix = ""
        for value in range(first, first + count):
            high = value >> 80  # the time: 10 digits, shared by the values of one millisecond
            if high != prefix_of:
                prefix_of = high
                prefix = digits[high >> 45] + "".join(pairs[high >> s & 1023] for s in (35, 25, 15, 5))
                prefix += digits[high & 31]
            r = value & 0xFFFFFFFFFFFFFFFFFFFF  # the randomness: 16 digits
            out.append(
                prefix
                + pairs[r >> 70]
                + pairs[r >> 60 & 1023]
                + pairs[r >> 50 & 1023]
                + pairs[r >> 40 & 1023]
                + pairs[r >> 30 & 1023]
                + pairs[r >> 20 & 1023]
                + pairs[r >> 10 & 1023]
                + pairs[r & 1023]
            )
        return out


_ULIDS = _Ulids()


def new_id() -> str:
    """A new ULID (time-ordered, 26 characters)."""
    return _ULIDS.take(1)[0]


def new_ids(count: int) -> list[str]:
    """``count`` new ULIDs, in increasing order."""
    return _ULIDS.take(count) if count > 0 else []


@functools.lru_cache(maxsize=1 << 16)
def _date_bounds(value: str) -> tuple[str | None, str | None]:
    """ISO bounds of an EDTF date (dates repeat in bulk imports: years of birth, days of events)."""
    low, high = _DATE.bounds(value)
    return (low.isoformat() if low else None), (high.isoformat() if high else None)


class Protector(Protocol):
    """Encrypts protected values; ``context`` (the claim id) binds a ciphertext to its claim."""

    def seal(self, plaintext: str, *, context: str) -> str: ...

    def open(self, token: str, *, context: str) -> str: ...


@dataclass(frozen=True)
class NewClaim:
    """A claim to be written by :meth:`Writer.add_many`."""

    entity_id: str
    prop: str
    value: object
    source: str | None = None
    locator: Locator | None = None
    evidence: str | None = None
    sensitivity: Sensitivity | None = None
    original: str | None = None


class Writer:
    """Adds entities and claims within one open transaction (see ``Case.writer``).

    Every value is cleaned by its property type; references must point at existing entities of the
    right type; every claim names a source (a Source entity) or an evidence item, except claims
    about a Source itself, which are their own source.
    """

    def __init__(
        self,
        conn: Connection,
        model: Model,
        author: str,
        *,
        default_sensitivity: Sensitivity = Sensitivity.INTERNAL,
        protector: Protector | None = None,
    ) -> None:
        if not author or len(author) > 128:
            raise InputError("an author name of 1–128 characters is required", field="author")
        self.conn = conn
        self.model = model
        self.author = author
        self.default_sensitivity = default_sensitivity
        self.protector = protector
        self._schemas: dict[str, str] = {}
        # Checks already passed in this transaction (entities are never deleted or retyped).
        self._props: dict[tuple[str, str], Property] = {}
        self._kinds: set[tuple[str, str]] = set()
        self._cleaned: dict[tuple[object, str], str] = {}

    # -- entities ---------------------------------------------------------------------------

    def create(
        self,
        schema_name: str,
        values: Mapping[str, object | Sequence[object]] | None = None,
        *,
        source: str | None = None,
        locator: Locator | None = None,
        evidence: str | None = None,
        sensitivity: Sensitivity | None = None,
    ) -> str:
        """Create an entity with its first claims; return its id."""
        entity_id = self.new_entity(schema_name)
        schema = self.model.schema(schema_name)
        values = dict(values or {})
        missing = [p for p in schema.required if not _as_list(values.get(p))]
        if missing:
            raise InputError(f"a {schema.name} needs {', '.join(missing)}", field=missing[0])
        if schema.is_a("Source") and source is None:
            source = entity_id
        self.add_many(
            NewClaim(entity_id, prop, value, source, locator, evidence, sensitivity)
            for prop, raw in values.items()
            for value in _as_list(raw)
        )
        return entity_id

    def new_entity(self, schema_name: str) -> str:
        """Register an entity with no claims yet (``create`` is the usual way)."""
        schema = self.model.schema(schema_name)
        entity_id = new_id()
        self.conn.execute(
            insert(entities).values(
                id=entity_id, schema=schema.name, created_at=_now(), created_by=self.author
            )
        )
        self._schemas[entity_id] = schema.name
        return entity_id

    def new_entities(self, schema_name: str, count: int) -> list[str]:
        """Register ``count`` entities of one type at once (for bulk imports); their claims follow."""
        ids = self.reserve(schema_name, count)
        self.register(ids)
        return ids

    def reserve(self, schema_name: str, count: int) -> list[str]:
        """Ids for ``count`` new entities of one type, known to this writer so that claims about
        them can be prepared (:meth:`prepare`), but not yet in the database: :meth:`register`
        them before writing their claims, or :meth:`release` those not wanted after all."""
        schema = self.model.schema(schema_name)
        ids = new_ids(count)
        self._schemas.update(dict.fromkeys(ids, schema.name))
        return ids

    def register(self, ids: Sequence[str]) -> None:
        """Write the entity rows of reserved ids (one batched insert)."""
        now = db_time(self.conn, _now())
        columns = ("id", "schema", "created_at", "created_by")
        for start in range(0, len(ids), _CHUNK):
            rows = [(i, self._schemas[i], now, self.author) for i in ids[start : start + _CHUNK]]
            bulk_insert(self.conn, entities, columns, rows)

    def release(self, ids: Iterable[str]) -> None:
        """Forget reserved ids that will not be registered."""
        for i in ids:
            self._schemas.pop(i, None)

    def schema_of(self, entity_id: str) -> Schema:
        name = self._schemas.get(entity_id)
        if name is None:
            name = self.conn.execute(select(entities.c.schema).where(entities.c.id == entity_id)).scalar()
            if name is None:
                raise NotFound(f"no entity {entity_id[:40]}")
            self._schemas[entity_id] = name
        return self.model.schemas[name]

    # -- claims -----------------------------------------------------------------------------

    def claim(
        self,
        entity_id: str,
        prop: str,
        value: object,
        *,
        source: str | None = None,
        locator: Locator | None = None,
        evidence: str | None = None,
        sensitivity: Sensitivity | None = None,
        original: str | None = None,
    ) -> Claim:
        """Add one claim and return it."""
        claim = self._prepare(
            NewClaim(entity_id, prop, value, source, locator, evidence, sensitivity, original)
        )
        self._write([claim])
        return claim

    def add_many(self, items: Iterable[NewClaim]) -> int:
        """Add many claims with batched inserts; return how many were added.

        Every claim is validated before its batch is written; the first invalid one raises, and
        the caller's transaction decides what becomes of the batches already written.
        """
        count = 0
        for batch in _chunks(items, _CHUNK):
            self._write(self.prepare(batch))
            count += len(batch)
        return count

    def prepare(self, items: Sequence[NewClaim]) -> list[Claim]:
        """Validate claims and give them ids without writing them (``write`` does): a caller
        taking many records in one transaction can refuse one record's claims and keep the rest."""
        now = _now()
        return [
            self._prepare(item, claim_id=claim_id, now=now)
            for item, claim_id in zip(items, new_ids(len(items)), strict=True)
        ]

    def write(self, prepared: Sequence[Claim]) -> None:
        """Write claims made by :meth:`prepare` (in this writer, so in this transaction)."""
        for start in range(0, len(prepared), _CHUNK):
            self._write(prepared[start : start + _CHUNK])

    def supersede(
        self,
        claim_id: str,
        value: object,
        *,
        reason: str,
        source: str | None = None,
        locator: Locator | None = None,
        evidence: str | None = None,
        sensitivity: Sensitivity | None = None,
    ) -> Claim:
        """Correct a current claim with a new value; the old claim stays in the history."""
        reason = _reason(reason)
        old = self._current(claim_id, "supersede")
        item = NewClaim(
            old.entity_id,
            old.prop,
            value,
            source or old.source_id,
            locator if locator is not None else (None if source else old.locator),
            evidence if evidence is not None else (None if source else old.evidence_id),
            sensitivity if sensitivity is not None else old.sensitivity,
        )
        claim = self._prepare(item, supersedes=old.id, reason=reason)
        search.unindex(self.conn, [old.id])
        self._write([claim])
        return claim

    def retract(self, claim_id: str, *, reason: str) -> Retraction:
        """Withdraw a current claim; if it was a correction, the claim it corrected is current again."""
        reason = _reason(reason)
        old = self._current(claim_id, "retract")
        retraction = Retraction(new_id(), old.id, self.author, reason, _now())
        self.conn.execute(
            insert(retractions).values(
                id=retraction.id,
                claim_id=old.id,
                author=self.author,
                reason=retraction.reason,
                recorded_at=retraction.recorded_at,
            )
        )
        search.unindex(self.conn, [old.id])
        if old.supersedes:
            from dadkhah.store.reading import load_claim

            restored = load_claim(self.conn, old.supersedes)
            search.index(self.conn, self.model, [restored])
        return retraction

    # -- internals --------------------------------------------------------------------------

    def _current(self, claim_id: str, action: str) -> Claim:
        from dadkhah.store.reading import entity_claims, load_claim

        claim = load_claim(self.conn, claim_id)
        all_claims, retracted = entity_claims(self.conn, claim.entity_id, prop=claim.prop)
        status = resolve(all_claims, retracted)[claim.id]
        if status.state != "current":
            raise Conflict(f"cannot {action} claim {claim.id}: it is {status.state} ({status.by})")
        return claim

    def _prepare(
        self,
        item: NewClaim,
        *,
        supersedes: str | None = None,
        reason: str | None = None,
        claim_id: str | None = None,
        now: datetime | None = None,
    ) -> Claim:
        schema_name = self._schemas.get(item.entity_id) or self.schema_of(item.entity_id).name
        prop = self._props.get((schema_name, item.prop))
        if prop is None:
            prop = self._props[(schema_name, item.prop)] = self.model.schemas[schema_name].get(item.prop)
        raw_text = item.value if isinstance(item.value, str) and item.original is None else item.original
        level = self._sensitivity(prop, item.sensitivity)
        try:
            value = self._clean(prop, item.value)
        except InvalidValue:
            if level < Sensitivity.PROTECTED:
                raise
            # The reason may quote the value; a protected value must never reach a message.
            raise InvalidValue(f"is not a valid {prop.type.name}", field=prop.name) from None
        self._check_reference(prop, value)
        source, evidence = item.source, item.evidence
        if source is None and evidence is None:
            raise InputError(
                f"a claim on {schema_name}.{prop.name} needs a source or an evidence item", field="source"
            )
        if source is not None:
            self._check_kind(source, "Source", "source")
        if evidence is not None:
            self._check_kind(evidence, "EvidenceItem", "evidence")
        original = raw_text if raw_text is not None and raw_text.strip() != value else None
        return Claim(
            id=claim_id or new_id(),
            entity_id=item.entity_id,
            prop=prop.name,
            value=value,
            source_id=source,
            author=self.author,
            recorded_at=now or _now(),
            sensitivity=level,
            original=original,
            locator=item.locator,
            evidence_id=evidence,
            supersedes=supersedes,
            reason=reason,
        )

    def _clean(self, prop: Property, raw: object) -> str:
        """``prop.clean(raw)``, remembered for short text: cleaning is a pure function of the type
        and the text, and a bulk import repeats values (places, dates, occupations, given names)."""
        if type(raw) is not str or len(raw) > _CLEAN_MEMO_LENGTH:
            return prop.clean(raw)
        key = (prop.type, raw)
        value = self._cleaned.get(key)
        if value is None:
            value = prop.clean(raw)
            if len(self._cleaned) >= _CLEAN_MEMO:
                self._cleaned.clear()
            self._cleaned[key] = value
        return value

    def _sensitivity(self, prop: Property, given: Sensitivity | None) -> Sensitivity:
        floor = prop.sensitivity or Sensitivity.PUBLIC
        level = given if given is not None else (prop.sensitivity or self.default_sensitivity)
        if level < floor:
            raise InputError(
                f"{prop.name} is at least {floor.label}; cannot record it as {level.label}", field=prop.name
            )
        if level == Sensitivity.PROTECTED and self.protector is None:
            raise LockedError(
                "protected values are encrypted; unlock the case (passphrase or key file) first"
            )
        return level

    def _check_reference(self, prop: Property, value: str) -> None:
        if prop.type.name != "entity" or (value, prop.qname) in self._kinds:
            return
        target = self.schema_of(value)
        if not any(target.is_a(r) for r in prop.range):
            raise InvalidValue(f"must be a {' or '.join(prop.range)}, not a {target.name}", field=prop.name)
        self._kinds.add((value, prop.qname))

    def _check_kind(self, entity_id: str, kind: str, field: str) -> None:
        if (entity_id, kind) in self._kinds:
            return
        try:
            schema = self.schema_of(entity_id)
        except NotFound:
            raise InputError(f"no {kind} with id {entity_id[:40]}", field=field) from None
        if not schema.is_a(kind):
            raise InputError(f"{entity_id} is a {schema.name}, not a {kind}", field=field)
        self._kinds.add((entity_id, kind))

    def _write(self, batch: Sequence[Claim]) -> None:
        stamps: dict[datetime, object] = {}
        rows = []
        for claim in batch:
            stamp = stamps.get(claim.recorded_at)
            if stamp is None:
                stamp = stamps[claim.recorded_at] = db_time(self.conn, claim.recorded_at)
            rows.append(self._row(claim, stamp))
        bulk_insert(self.conn, claims, _CLAIM_COLUMNS, rows)
        search.index(
            self.conn,
            self.model,
            [c for c in batch if c.sensitivity < Sensitivity.PROTECTED],
            schemas=self._schemas,
        )

    def _row(self, claim: Claim, stamp: object) -> tuple[object, ...]:
        """The claim as a ``claims`` row, in ``_CLAIM_COLUMNS`` order."""
        kind = self._props[(self._schemas[claim.entity_id], claim.prop)].type.name
        value, original = claim.value, claim.original
        ref = lo = hi = None
        if claim.sensitivity == Sensitivity.PROTECTED:
            assert self.protector is not None
            value = self.protector.seal(value, context=claim.id)
            original = self.protector.seal(original, context=claim.id + ":original") if original else None
        elif kind == "entity":
            ref = claim.value
        elif kind == "date":
            lo, hi = _date_bounds(claim.value)
        return (
            claim.id,
            claim.entity_id,
            claim.prop,
            value,
            original,
            ref,
            lo,
            hi,
            claim.source_id,
            claim.locator.to_json() if claim.locator else None,
            claim.evidence_id,
            claim.author,
            stamp,
            int(claim.sensitivity),
            claim.supersedes,
            claim.reason,
        )


def _now() -> datetime:
    return datetime.now(UTC)


def _reason(reason: str) -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise InputError("a reason is required", field="reason")
    if len(text) > 2000:
        raise InputError("the reason is longer than 2000 characters", field="reason")
    return text


def _as_list(raw: object) -> list[object]:
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return list(raw)
    return [raw]


def _chunks(items: Iterable[NewClaim], size: int) -> Iterator[list[NewClaim]]:
    batch: list[NewClaim] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
