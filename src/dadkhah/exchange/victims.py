"""Victim-list rows to entities: one Person and one or two Violations per row, every claim sourced to the row.

Lists arrive in many shapes; a *field map* names, for each field below, the column that holds it.
Reading the file (encodings, CSV dialects, XLSX) is the caller's job; this module turns already-read
rows into claims, in the caller's transaction, and refuses a bad row with its line and field.

Fields: ``record_id``, ``full_name``, ``given_name``, ``surname``, ``name_fa``, ``name_latin``,
``father_name``, ``gender``, ``birth_year``, ``birth_year_sh``, ``age`` (at death), ``affiliation``,
``prison``, ``arrest_date``, ``death_date``, ``burial_place``, ``city``, ``notes``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from dadkhah.errors import InputError, InvalidValue
from dadkhah.model import Sensitivity, parse_edtf
from dadkhah.names import fold_text, name_keys
from dadkhah.store import Locator, NewClaim, Writer, is_current
from dadkhah.store.tables import claims, entities

FIELDS = (
    "record_id",
    "full_name",
    "given_name",
    "surname",
    "name_fa",
    "name_latin",
    "father_name",
    "gender",
    "birth_year",
    "birth_year_sh",
    "age",
    "affiliation",
    "prison",
    "arrest_date",
    "death_date",
    "burial_place",
    "city",
    "notes",
)
CALENDARS = ("gregorian", "solar-hijri", "auto")
DATE_ORDERS = ("dmy", "mdy")  # how to read 08/07/1988; year-first dates are always year-month-day
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_GENDERS = {
    "male": ("m", "male", "man", "mr", "مرد", "آقا", "ذكر", "ذکر"),
    "female": ("f", "female", "woman", "mrs", "ms", "زن", "خانم", "انثی", "أنثى"),
}
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_PLACE_KINDS = {"prison": ("prison", "ward", "building"), "burial_place": ("grave_site",), "city": ("city",)}


@dataclass(frozen=True)
class ListSpec:
    """How to read one list: its Source, which column holds which field, and its calendar."""

    source_id: str
    field_map: Mapping[str, str]
    calendar: str = "auto"
    act: str = "execution"
    event_id: str | None = None
    sensitivity: Sensitivity | None = None
    file: str | None = None  # named in error messages
    date_order: str = "dmy"
    # Create a Place for each prison or burial place the case does not know yet (else the name
    # is kept in a note on the person).
    create_places: bool = False

    def __post_init__(self) -> None:
        unknown = set(self.field_map) - set(FIELDS)
        if unknown:
            raise InputError(
                f"unknown list fields: {', '.join(sorted(unknown))} (known: {', '.join(FIELDS)})", field="map"
            )
        if self.date_order not in DATE_ORDERS:
            raise InputError(f"date order must be one of {', '.join(DATE_ORDERS)}", field="date_order")
        if self.calendar not in CALENDARS:
            raise InputError(f"calendar must be one of {', '.join(CALENDARS)}", field="calendar")
        names = {"full_name", "given_name", "surname", "name_fa", "name_latin"}
        if not names & set(self.field_map):
            raise InputError(
                "the map names no name column (full_name, given_name/surname, name_fa or name_latin)",
                field="map",
            )


@dataclass
class ImportResult:
    people: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    rows: int = 0


#: words that name a kind of place, not a place, in the scripts lists are written in
_GENERIC_WORDS = (
    "prison", "jail", "central", "municipal", "cemetery", "graveyard", "city", "town", "village",
    "province", "ward", "court", "زندان", "مرکزی", "گورستان", "قبرستان", "شهر", "روستا", "استان",
    "بند", "دادگاه",
)  # fmt: skip
_GENERIC = frozenset(key for word in _GENERIC_WORDS for key in name_keys(word))


class PlaceResolver:
    """Matches place names as a list writes them ("مرکزي ارژنگ", "Sangdasht") to the case's Place entities."""

    def __init__(self, writer: Writer) -> None:
        self._keys: dict[str, list[tuple[str, set[str]]]] = {}
        kinds = writer.conn.execute(
            select(claims.c.entity_id, claims.c.value)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(entities.c.schema == "Place", claims.c.prop == "kind", is_current())
        )
        kind_of = {row.entity_id: row.value for row in kinds}
        names = writer.conn.execute(
            select(claims.c.entity_id, claims.c.value)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(
                entities.c.schema == "Place",
                claims.c.prop == "name",
                is_current(),
                claims.c.sensitivity < int(Sensitivity.PROTECTED),
            )
        )
        for row in names:
            keys = set(name_keys(row.value))
            self._keys.setdefault(kind_of.get(row.entity_id, "other"), []).append((row.entity_id, keys))
        self._cache: dict[tuple[str, str], str | None] = {}

    def add(self, entity_id: str, kind: str, name: str) -> None:
        """Know a place made during this import."""
        self._keys.setdefault(kind, []).append((entity_id, set(name_keys(name))))
        self._cache.clear()

    def resolve(self, text: str, field_name: str) -> str | None:
        """The place of the kinds this field can name whose name is this one, give or take words.

        One name's words must all be among the other's ("Sangdasht" and "Sangdasht Prison"), so
        shared generic words never make a match: "Kavand municipal cemetery" is not "Sarvand
        municipal cemetery", and a name of generic words alone ("Prison") names no place. The
        closest such place wins (Jaccard of the name keys); a tie between two places is ambiguous
        and matches neither.
        """
        cache_key = (field_name, fold_text(text))
        if cache_key not in self._cache:
            wanted = set(name_keys(text))
            if wanted <= _GENERIC:
                wanted = set()
            scores: dict[str, float] = {}
            for kind in _PLACE_KINDS.get(field_name, ()):
                for entity_id, keys in self._keys.get(kind, []):
                    if keys and wanted and (keys <= wanted or wanted <= keys):
                        score = len(wanted & keys) / len(wanted | keys)
                        scores[entity_id] = max(score, scores.get(entity_id, 0.0))
            best = max(scores.values(), default=0.0)
            found = [entity_id for entity_id, score in scores.items() if score == best]
            self._cache[cache_key] = found[0] if len(found) == 1 else None
        return self._cache[cache_key]


RowError = Callable[[int, int, Mapping[str, str], InputError], None]


def import_rows(
    writer: Writer,
    spec: ListSpec,
    rows: Iterable[tuple[int, int, Mapping[str, str]]],
    *,
    on_error: RowError | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Create the people and violations of ``rows``: (file line, data row number, {column: cell}).

    Raises InputError naming the file, line and field of the first bad cell; the caller's
    transaction then rolls back, so nothing of the list is half-imported. With ``on_error``,
    each row is written in a savepoint instead: a bad row is undone and handed to ``on_error``
    (line, row number, the row, the error naming file, line and column) and the rest go on.
    ``progress`` is called with the number of rows done, every 100 rows and at the end.
    """
    places = PlaceResolver(writer)
    result = ImportResult()
    done = 0
    if spec.create_places:
        rows = list(rows)
        _create_places(writer, spec, places, rows)
    for line, row_number, row in rows:
        values = {f: (row.get(column) or "").strip() for f, column in spec.field_map.items()}
        made = ImportResult()
        try:
            if on_error is None:
                _import_row(writer, spec, places, row_number, values, made)
            else:
                with writer.conn.begin_nested():
                    _import_row(writer, spec, places, row_number, values, made)
        except InputError as error:
            located = InputError(
                error.problem.reason, file=spec.file, line=line, field=_column(spec, error.problem.field)
            )
            if on_error is None:
                raise located from None
            on_error(line, row_number, row, located)
        else:
            result.people += made.people
            result.violations += made.violations
            result.rows += 1
        done += 1
        if progress is not None and done % 100 == 0:
            progress(done)
    if progress is not None:
        progress(done)
    return result


_NEW_PLACE_KIND = {"prison": "prison", "burial_place": "grave_site"}
# What lists write for "not known": never a place.
_NOT_A_PLACE = frozenset(
    fold_text(w) for w in ("unknown", "not known", "n/a", "na", "none", "?", "نامعلوم", "نامشخص", "مجهول")
)


def _create_places(
    writer: Writer, spec: ListSpec, places: PlaceResolver, rows: list[tuple[int, int, Mapping[str, str]]]
) -> None:
    """A Place for every prison and burial place the rows name and the case lacks, named as the
    list first writes it and cited to that row; later spellings resolve to it by name keys."""
    for _line, row_number, row in rows:
        for field_name, kind in _NEW_PLACE_KIND.items():
            column = spec.field_map.get(field_name)
            text = (row.get(column) or "").strip() if column else ""
            if not name_keys(text) or fold_text(text) in _NOT_A_PLACE:
                continue
            if places.resolve(text, field_name) is not None:
                continue
            where = Locator(row=row_number, column=column)
            place = writer.create(
                "Place", {"name": text, "kind": kind}, source=spec.source_id, locator=where,
                sensitivity=spec.sensitivity,
            )  # fmt: skip
            places.add(place, kind, text)


def _column(spec: ListSpec, field_name: str | None) -> str | None:
    return spec.field_map.get(field_name, field_name) if field_name else None


def _import_row(
    writer: Writer,
    spec: ListSpec,
    places: PlaceResolver,
    row_number: int,
    v: dict[str, str],
    result: ImportResult,
) -> None:
    names = _names(v)
    if not names:
        raise InputError("the row has no name", field=next(f for f in spec.field_map if "name" in f))
    note = f"record {v['record_id']}" if v.get("record_id") else None
    where = Locator(row=row_number, note=note)
    person = writer.new_entity("Person")
    items: list[NewClaim] = [NewClaim(person, "name", n) for n in names]
    if v.get("father_name"):
        items.append(NewClaim(person, "fatherName", v["father_name"]))
    gender = _gender(v.get("gender", ""))
    if gender:
        items.append(NewClaim(person, "gender", gender, original=v["gender"]))
    death = _date(v.get("death_date", ""), spec.calendar, "death_date", spec.date_order)
    birth = _birth(v, spec.calendar, death)
    if birth:
        items.append(NewClaim(person, "birthDate", birth[0], original=birth[1]))
    if v.get("affiliation"):
        items.append(NewClaim(person, "affiliation", v["affiliation"]))
    unresolved = [
        f"{f}: {v[f]}"
        for f in ("prison", "burial_place", "city")
        if v.get(f) and places.resolve(v[f], f) is None
    ]
    if v.get("notes") or unresolved:
        text = "; ".join([*unresolved, *([v["notes"]] if v.get("notes") else [])])
        items.append(NewClaim(person, "note", text, sensitivity=Sensitivity.INTERNAL))  # notes stay internal
    writer.add_many(_sourced(items, spec, where))
    result.people.append(person)

    violation = writer.new_entity("Violation")
    facts: list[NewClaim] = [NewClaim(violation, "victim", person), NewClaim(violation, "act", spec.act)]
    if death:
        facts.append(NewClaim(violation, "date", death[0], original=death[1]))
    prison = places.resolve(v["prison"], "prison") if v.get("prison") else None
    if prison:
        facts.append(NewClaim(violation, "place", prison, original=v["prison"]))
    burial = places.resolve(v["burial_place"], "burial_place") if v.get("burial_place") else None
    if burial:
        facts.append(NewClaim(violation, "burialPlace", burial, original=v["burial_place"]))
    if spec.event_id:
        facts.append(NewClaim(violation, "event", spec.event_id))
    writer.add_many(_sourced(facts, spec, where))
    result.violations.append(violation)

    arrest = _date(v.get("arrest_date", ""), spec.calendar, "arrest_date", spec.date_order)
    if arrest:
        detention = writer.new_entity("Violation")
        span = f"{_start(arrest[0])}/{_end(death[0]) if death else '..'}"
        writer.add_many(
            _sourced(
                [
                    NewClaim(detention, "victim", person),
                    NewClaim(detention, "act", "arbitrary_detention"),
                    NewClaim(detention, "date", span, original=arrest[1]),
                    *([NewClaim(detention, "place", prison)] if prison else []),
                ],
                spec,
                where,
            )
        )
        result.violations.append(detention)


def _sourced(items: list[NewClaim], spec: ListSpec, where: Locator) -> list[NewClaim]:
    return [
        NewClaim(
            i.entity_id,
            i.prop,
            i.value,
            spec.source_id,
            where,
            None,
            i.sensitivity or spec.sensitivity,
            i.original,
        )
        for i in items
    ]


def _names(v: dict[str, str]) -> list[str]:
    found = []
    if v.get("full_name"):
        found.append(v["full_name"])
    joined = " ".join(p for p in (v.get("given_name"), v.get("surname")) if p)
    if joined:
        found.append(joined)
    found += [v[f] for f in ("name_fa", "name_latin") if v.get(f)]
    return list(dict.fromkeys(found))


def _gender(raw: str) -> str | None:
    word = raw.strip().lower().rstrip(".")
    for gender, spellings in _GENDERS.items():
        if word in spellings:
            return gender
    if word:
        raise InvalidValue(
            f"'{raw[:20]}' is not a gender this importer knows (M/F, male/female, مرد/زن)", field="gender"
        )
    return None


def _date(raw: str, calendar: str, field_name: str, order: str = "dmy") -> tuple[str, str] | None:
    """(EDTF, as written) or None; Solar Hijri when the list's calendar says so or, on auto, by the year."""
    text = raw.strip()
    if not text:
        return None
    ascii_text = text.translate(_DIGITS)
    day_first = _DAY_MONTH_YEAR.match(ascii_text)
    if day_first:
        a, b, year_text = day_first.groups()
        day, month = (a, b) if order == "dmy" else (b, a)
        ascii_text = f"{year_text}-{int(month):02d}-{int(day):02d}"
    year = re.match(r"\d{4}", ascii_text)
    solar = calendar == "solar-hijri" or (
        calendar == "auto" and year is not None and int(year.group()) < 1500
    )
    marked = f"{ascii_text} SH" if solar and year is not None else ascii_text
    try:
        return parse_edtf(marked).text, text
    except InvalidValue as error:
        raise InvalidValue(error.problem.reason, field=field_name) from None


def _birth(v: dict[str, str], calendar: str, death: tuple[str, str] | None) -> tuple[str, str] | None:
    if v.get("birth_year_sh"):
        return _date(v["birth_year_sh"], "solar-hijri", "birth_year_sh")
    if v.get("birth_year"):
        return _date(v["birth_year"], calendar, "birth_year")
    if v.get("age") and death:
        age_text = v["age"].translate(_DIGITS)
        if not age_text.isdigit() or not 0 < int(age_text) < 120:
            raise InvalidValue(f"'{v['age'][:10]}' is not an age in years", field="age")
        died = parse_edtf(death[0]).lower
        if died is None:
            return None
        year = died.year - int(age_text)
        return f"{year - 1}/{year}", f"age {v['age']} at death"  # born in one of the two years
    return None


def _start(edtf: str) -> str:
    return edtf.split("/")[0]


def _end(edtf: str) -> str:
    return edtf.split("/")[-1]
