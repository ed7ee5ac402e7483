"""The witness registry: pseudonym codes, protected identities, risk and protective measures.

A witness is a Person known everywhere by a code (``W-0001``, …) allocated here. Their real
name, contact details, location and relatives are ``protected`` claims (encrypted with the case
key), so registering a witness needs an unlocked case. Their risk level and protective measures
are ``confidential``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select

from dadkhah.errors import Conflict, InputError, NotFound
from dadkhah.model import Sensitivity
from dadkhah.store import NewClaim, Writer, entity_claims, resolve
from dadkhah.store.tables import claims, entities
from dadkhah.testimony.tables import witnesses

_CODE = re.compile(r"^W-(\d{4,9})$")
REGISTRY_CODE = "WITNESS-REGISTRY"


@dataclass(frozen=True)
class Relative:
    """A witness's relative, recorded as one protected text: name, relation, where they live."""

    name: str
    relation: str
    location: str = ""

    def __str__(self) -> str:
        return "; ".join(p for p in (self.name, self.relation, self.location) if p)


@dataclass(frozen=True)
class WitnessRecord:
    code: str
    person_id: str
    registered_at: datetime
    registered_by: str


def register_witness(
    writer: Writer,
    *,
    names: Sequence[str] = (),
    contacts: Sequence[str] = (),
    location: str | None = None,
    relatives: Sequence[Relative | str] = (),
    risk: str | None = None,
    measures: Sequence[str] = (),
    gender: str | None = None,
    birth_date: str | None = None,
    nationality: Sequence[str] = (),
    code: str | None = None,
    source: str | None = None,
    person: str | None = None,
    details_sensitivity: Sensitivity = Sensitivity.CONFIDENTIAL,
) -> tuple[str, str]:
    """Register a witness; return ``(person id, code)``.

    ``names``, ``contacts``, ``location`` and ``relatives`` become protected claims (the writer
    must hold the unlocked case key when any is given). ``gender``, ``birth_date`` and
    ``nationality`` are recorded at ``details_sensitivity`` (confidential by default: together
    they can identify someone). ``code`` is allocated (next free ``W-nnnn``) unless given.
    ``source`` defaults to the case's "Witness registry" source. ``person`` registers a Person
    already in the case (say, a victim's relative named in a list) instead of creating one.
    """
    number, code = _allocate(writer.conn, code)
    source = source or registry_source(writer)
    if person is None:
        person = writer.new_entity("Person")
    elif not writer.schema_of(person).is_a("Person"):
        raise InputError(f"{person} is not a Person", field="person")
    elif writer.conn.execute(select(witnesses.c.code).where(witnesses.c.person_id == person)).first():
        raise Conflict(f"{person} is already a registered witness")
    protected, details = Sensitivity.PROTECTED, details_sensitivity
    items = [NewClaim(person, "code", code, source, sensitivity=Sensitivity.PUBLIC)]
    if not names and not _has_name(writer.conn, person):
        items.append(NewClaim(person, "name", code, source, sensitivity=Sensitivity.PUBLIC))
    items += [NewClaim(person, "name", n, source, sensitivity=protected) for n in names]
    items += [NewClaim(person, "contact", c, source, sensitivity=protected) for c in contacts]
    if location:
        items.append(NewClaim(person, "address", location, source, sensitivity=protected))
    items += [NewClaim(person, "relative", str(r), source, sensitivity=protected) for r in relatives]
    if risk:
        items.append(NewClaim(person, "riskLevel", risk, source))
    items += [NewClaim(person, "protectiveMeasure", m, source) for m in measures]
    if gender:
        items.append(NewClaim(person, "gender", gender, source, sensitivity=details))
    if birth_date:
        items.append(NewClaim(person, "birthDate", birth_date, source, sensitivity=details))
    items += [NewClaim(person, "nationality", n, source, sensitivity=details) for n in nationality]
    writer.add_many(items)
    writer.conn.execute(
        insert(witnesses).values(
            code=code,
            number=number,
            person_id=person,
            registered_at=datetime.now(UTC),
            registered_by=writer.author,
        )
    )
    return person, code


def registry_source(writer: Writer) -> str:
    """The case's "Witness registry" Source, created the first time it is needed."""
    found = writer.conn.execute(
        select(claims.c.entity_id)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(entities.c.schema == "Source", claims.c.prop == "code", claims.c.value == REGISTRY_CODE)
    ).scalar()
    if found:
        return str(found)
    return writer.create(
        "Source",
        {"title": "Witness registry", "code": REGISTRY_CODE, "kind": "other"},
        sensitivity=Sensitivity.INTERNAL,
    )


def set_risk(writer: Writer, witness: str, risk: str, *, source: str | None = None) -> str:
    """Record a (new) risk assessment; the latest is current, earlier ones stay in the history."""
    person = resolve_witness(writer.conn, witness).person_id
    found, retracted = entity_claims(writer.conn, person, prop="riskLevel")
    status = resolve(found, retracted)
    live = [c for c in found if status[c.id].state == "current"]
    if live:
        return writer.supersede(live[-1].id, risk, reason="risk reassessed", source=source).id
    return writer.claim(person, "riskLevel", risk, source=source or registry_source(writer)).id


def add_measure(writer: Writer, witness: str, measure: str, *, source: str | None = None) -> str:
    person = resolve_witness(writer.conn, witness).person_id
    return writer.claim(person, "protectiveMeasure", measure, source=source or registry_source(writer)).id


def resolve_witness(conn: Connection, ref: str) -> WitnessRecord:
    """A witness by code (``W-0001``, ``w-1``) or by person id."""
    text = ref.strip().upper()
    match = re.fullmatch(r"W-?(\d{1,9})", text)
    if match:
        query = select(witnesses).where(witnesses.c.number == int(match.group(1)))
    else:
        query = select(witnesses).where(witnesses.c.person_id == text)
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"no witness '{ref[:40]}'")
    return WitnessRecord(row.code, row.person_id, row.registered_at, row.registered_by)


def list_witnesses(conn: Connection) -> list[WitnessRecord]:
    rows = conn.execute(select(witnesses).order_by(witnesses.c.number))
    return [WitnessRecord(r.code, r.person_id, r.registered_at, r.registered_by) for r in rows]


def codes_by_person(conn: Connection) -> dict[str, str]:
    return {r.person_id: r.code for r in conn.execute(select(witnesses.c.person_id, witnesses.c.code))}


def _has_name(conn: Connection, person: str) -> bool:
    query = select(claims.c.id).where(claims.c.entity_id == person, claims.c.prop == "name")
    return conn.execute(query.limit(1)).first() is not None


def _allocate(conn: Connection, code: str | None) -> tuple[int, str]:
    if code is None:
        top = conn.execute(select(func.max(witnesses.c.number))).scalar()
        number = int(top or 0) + 1
        return number, f"W-{number:04d}"
    match = _CODE.match(code.strip().upper())
    if not match:
        raise InputError("a witness code looks like W-0001", field="code")
    number = int(match.group(1))
    if conn.execute(select(witnesses.c.code).where(witnesses.c.number == number)).first():
        raise Conflict(f"witness code {code} is taken")
    return number, f"W-{number:04d}"
