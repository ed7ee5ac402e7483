"""The records of a case's victim lists, read from current claims, as linkage compares them.

A *list record* is a Person named by a Source of kind ``victim_list`` (``dadkhah import list``
makes one per row). Its fields come from its claims and its violations: names in every script,
father's name, birth date and gender from the Person; death date, prison and burial place from
the killing (execution or killing); the arrest date from the detention. Everything is read
through the reader's redaction, and protected values are never used: linkage runs on what the
person running it may see, and never decrypts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import Connection, distinct, func, select

from dadkhah.access import Reader
from dadkhah.model import Sensitivity
from dadkhah.store import Claim, Locator, captions, is_current
from dadkhah.store.reading import claim_from_row
from dadkhah.store.tables import claims, entities

if TYPE_CHECKING:
    from dadkhah.access.redaction import Redaction
    from dadkhah.case import Case

KILLINGS = ("execution", "killing")
DETENTION = "arbitrary_detention"
_ARABIC = re.compile("[\u0600-\u06ff]")
_CHUNK = 500


@dataclass(frozen=True)
class CaseRecord:
    """One list record as a reviewer sees it (what the reader may see of it)."""

    person_id: str
    list_id: str
    list_title: str
    locator: Locator | None
    names: tuple[str, ...]
    sensitivity: Sensitivity  # of its least sensitive name claim: who may learn it is listed
    name_levels: tuple[Sensitivity, ...] = ()  # of each name: the least sensitive claim of it
    father: str | None = None
    birth: str | None = None
    death: str | None = None
    prison: str | None = None  # a Place id
    burial: str | None = None  # a Place id
    arrest: str | None = None  # as the list wrote it
    gender: str | None = None

    @property
    def where(self) -> str:
        """ "row 12, record JAA-00012" — where in its list the record is."""
        return str(self.locator) if self.locator else ""

    def to_dict(self, places: dict[str, str] | None = None) -> dict[str, Any]:
        places = places or {}
        return {
            "person": self.person_id,
            "list": self.list_id,
            "list_title": self.list_title,
            "row": self.locator.row if self.locator else None,
            "where": self.where,
            "names": list(self.names),
            "father": self.father,
            "birth": self.birth,
            "death": self.death,
            "prison": places.get(self.prison or "", self.prison),
            "burial": places.get(self.burial or "", self.burial),
            "arrest": self.arrest,
            "gender": self.gender,
        }


@dataclass
class ListRecords:
    """Every list record of a case, the lists, and the captions of the places they name."""

    records: dict[str, CaseRecord]
    lists: dict[str, str]  # list Source id -> title
    places: dict[str, str] = field(default_factory=dict)  # Place id -> caption
    hidden: int = 0  # list records the reader may not see (protected-only names aside)

    def frame(self) -> pd.DataFrame:
        """The record frame :func:`dadkhah.linkage.link_records` takes: ``source`` is the list,
        ``record_id`` the Person. A name in Persian or Arabic script is preferred: its keys
        meet every romanisation, while two romanisations may not meet each other."""
        rows = [
            {
                "source": r.list_id,
                "record_id": r.person_id,
                "name": next((n for n in r.names if _ARABIC.search(n)), r.names[0]),
                "father_name": r.father,
                "birth_date": r.birth,
                "death_date": r.death,
                "arrest_date": r.arrest,
                "prison": self._place(r.prison),
                "burial_place": self._place(r.burial),
                "gender": r.gender,
            }
            for r in self.records.values()
        ]
        columns = ["source", "record_id", "name", "father_name", "birth_date", "death_date",
                   "arrest_date", "prison", "burial_place", "gender"]  # fmt: skip
        frame = pd.DataFrame(rows, columns=columns)
        # A field no record has would only add an untrainable comparison.
        empty = [c for c in columns[3:] if frame[c].isna().all()]
        return frame.drop(columns=empty)

    def _place(self, place_id: str | None) -> str | None:
        """A place by its name (compared by cross-script key); a place the reader may not see
        is unknown."""
        caption = self.places.get(place_id or "")
        return None if caption in (None, "Place") else caption


def list_records(case: Case, reader: Reader | None = None) -> ListRecords:
    """Read every list record the reader may see."""
    with case.redacted(reader) as (conn, red):
        lists = _lists(conn, red)
        found = _record_names(conn, red, lists)
        people = sorted(found)
        person_claims = _claims_of(conn, red, people, ("fatherName", "birthDate", "deathDate", "gender"))
        violations = _violations(conn, red, people)
        records: dict[str, CaseRecord] = {}
        place_ids: set[str] = set()
        for person in people:
            names, list_id, locator = found[person]
            values = _values(person_claims.get(person, []), list_id)
            fields = _violation_fields(violations.get(person, []), list_id)
            place_ids |= {p for p in (fields.get("prison"), fields.get("burial")) if p}
            records[person] = CaseRecord(
                person,
                list_id,
                lists[list_id],
                locator,
                tuple(names),
                min(names.values()),
                tuple(names.values()),
                father=values.get("fatherName"),
                birth=values.get("birthDate"),
                death=fields.get("death") or values.get("deathDate"),
                prison=fields.get("prison"),
                burial=fields.get("burial"),
                arrest=fields.get("arrest"),
                gender=values.get("gender"),
            )
        places = captions(conn, case.model, place_ids, red.reader, redact=red) if place_ids else {}
        hidden = _all_records(conn) - len(records)
    return ListRecords(records, lists, places, max(hidden, 0))


def _all_records(conn: Connection) -> int:
    """List records anyone could see: people a victim list names with a value not protected.
    (Bookkeeping for refusing a partial link: a count, no values.)"""
    kinds = select(claims.c.entity_id).where(
        claims.c.prop == "kind", claims.c.value == "victim_list", is_current()
    )
    lists = [row[0] for row in conn.execute(kinds)]
    query = (
        select(func.count(distinct(claims.c.entity_id)))
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(
            entities.c.schema == "Person",
            claims.c.prop == "name",
            claims.c.source_id.in_(lists),
            claims.c.sensitivity < int(Sensitivity.PROTECTED),
            is_current(),
        )
    )
    return int(conn.execute(query).scalar() or 0)


def _current(conn: Connection, query: Any) -> list[Claim]:
    return [claim_from_row(row) for row in conn.execute(query)]


def _visible(red: Redaction) -> Any:
    return (claims.c.sensitivity < int(Sensitivity.PROTECTED)) & red.claims_condition() & is_current()


def _lists(conn: Connection, red: Redaction) -> dict[str, str]:
    kinds = select(claims.c.entity_id).where(
        claims.c.prop == "kind", claims.c.value == "victim_list", _visible(red)
    )
    ids = [row[0] for row in conn.execute(kinds) if red.entity(row[0]) is None]
    titles: dict[str, str] = {}
    for chunk in _chunks(sorted(set(ids))):
        query = select(claims).where(claims.c.entity_id.in_(chunk), claims.c.prop == "title", _visible(red))
        for claim in red.claims(_current(conn, query)):
            titles.setdefault(claim.entity_id, claim.value)
    return {i: titles.get(i, i) for i in sorted(set(ids))}


_Names = tuple[dict[str, Sensitivity], str, Locator | None]


def _record_names(conn: Connection, red: Redaction, lists: dict[str, str]) -> dict[str, _Names]:
    """Person → (each name with its lowest sensitivity, its list, where in it)."""
    found: dict[str, _Names] = {}
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, list[Claim]] = defaultdict(list)
    for chunk in _chunks(sorted(lists)):
        query = (
            select(claims)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(
                entities.c.schema == "Person",
                claims.c.prop == "name",
                claims.c.source_id.in_(chunk),
                _visible(red),
            )
            .order_by(claims.c.entity_id, claims.c.recorded_at, claims.c.id)
        )
        for claim in red.claims(_current(conn, query)):
            names[claim.entity_id].append(claim)
            counts[claim.entity_id][claim.source_id or ""] += 1
    for person, held in names.items():
        if red.entity(person) is not None:
            continue
        # A record comes from one list; should another list's claim name it too, the list
        # giving most of its names is its own.
        list_id = max(counts[person], key=lambda s: (counts[person][s], s))
        own = [c for c in held if c.source_id == list_id]
        values: dict[str, Sensitivity] = {}
        for c in held:
            values[c.value] = min(values.get(c.value, c.sensitivity), c.sensitivity)
        found[person] = (values, list_id, own[0].locator)
    return found


def _claims_of(
    conn: Connection, red: Redaction, ids: Sequence[str], props: Iterable[str]
) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = defaultdict(list)
    wanted = list(props)
    for chunk in _chunks(ids):
        query = (
            select(claims)
            .where(claims.c.entity_id.in_(chunk), claims.c.prop.in_(wanted), _visible(red))
            .order_by(claims.c.recorded_at, claims.c.id)
        )
        for claim in red.claims(_current(conn, query)):
            out[claim.entity_id].append(claim)
    return out


def _violations(conn: Connection, red: Redaction, people: Sequence[str]) -> dict[str, list[list[Claim]]]:
    """Person → the claims of each Violation whose victim they are."""
    victim_of: dict[str, str] = {}
    for chunk in _chunks(people):
        query = (
            select(claims)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(
                entities.c.schema == "Violation",
                claims.c.prop == "victim",
                claims.c.ref.in_(chunk),
                _visible(red),
            )
        )
        for claim in red.claims(_current(conn, query)):
            victim_of.setdefault(claim.entity_id, claim.value)
    held = _claims_of(conn, red, sorted(victim_of), ("act", "date", "place", "burialPlace"))
    out: dict[str, list[list[Claim]]] = defaultdict(list)
    for violation, person in victim_of.items():
        out[person].append(held.get(violation, []))
    return out


def _first(found: list[Claim], prop: str, list_id: str) -> Claim | None:
    """The value the record's own list gives, else the earliest."""
    mine = [c for c in found if c.prop == prop]
    return next((c for c in mine if c.source_id == list_id), mine[0] if mine else None)


def _values(found: list[Claim], list_id: str) -> dict[str, str]:
    out = {}
    for prop in ("fatherName", "birthDate", "deathDate", "gender"):
        claim = _first(found, prop, list_id)
        if claim is not None:
            out[prop] = claim.value
    return out


def _violation_fields(violations: list[list[Claim]], list_id: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for held in violations:
        act = _first(held, "act", list_id)
        date = _first(held, "date", list_id)
        place = _first(held, "place", list_id)
        if act is None:
            continue
        if act.value in KILLINGS:
            if date is not None:
                out.setdefault("death", date.value)
            if place is not None:
                out.setdefault("prison", place.value)
            burial = _first(held, "burialPlace", list_id)
            if burial is not None:
                out.setdefault("burial", burial.value)
        elif act.value == DETENTION:
            if date is not None:
                # The list's own words: a detention runs from the arrest to the death, and its
                # stored start is the arrest date's first day, not its precision.
                out.setdefault("arrest", date.original or date.value.split("/")[0])
            if place is not None:
                out.setdefault("detention_place", place.value)
    if "prison" not in out and "detention_place" in out:
        out["prison"] = out["detention_place"]
    return out


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])
