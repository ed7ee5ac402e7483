"""Four documenting groups, each holding its own list of victims in its own format and style.

Who is on which list follows a capture model with heterogeneity, so that multiple systems
estimation is meaningful and not trivial:

``P(victim i on list l) = logistic(alpha_l + prison_l[p_i] + affiliation_l[a_i] + early_l·e_i
+ beta_l·z_i)``

where ``z_i`` is the victim's latent *visibility* (shared by all lists: a well-known family is
known to every group) and the other terms give each group its own reach (a committee inside the
country knows the capital's prisons; a diaspora project knows the north). Given ``z`` and the
victim's covariates, lists capture independently. Some victims are on no list at all.

Each list is then written the way such a group keeps it: scripts, encodings, column names, date
calendars and digits, partial dates, spelling variation, typos, missing fields and duplicates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dadkhah.demo.dates import fa_digits, sh_numeric, sh_words, to_sh
from dadkhah.demo.materials import Source, VictimList
from dadkhah.demo.people import TrueVictim
from dadkhah.demo.translit import (
    SCHEMES,
    Clerk,
    arabic_letters,
    latin,
    latin_title,
    latin_typo,
    persian,
    persian_typo,
    without_zwnj,
)
from dadkhah.demo.world import AFFILIATIONS, CITIES, GRAVES, NGOS, PRISON_BY_KEY
from dadkhah.exchange.i18n import MONTHS_EN as EN_MONTHS
from dadkhah.exchange.i18n import MONTHS_SH as SH_MONTHS

if TYPE_CHECKING:
    from dadkhah.case import Case

_FIXED_ZIP_TIME = (1988, 8, 1, 0, 0, 0)
SortKey = tuple[str | int, ...]


@dataclass(frozen=True)
class ListSpec:
    key: str
    alpha: float
    beta: float  # loading on visibility
    prison: dict[str, float]
    affiliation: dict[str, float]
    early: float  # effect of being killed in an earlier, smaller event
    duplicates: float  # share of captured victims listed twice


SPECS = (
    ListSpec("jaa", 0.35, 1.0,
             {"arzhang-central": 0.4, "sangdasht": 0.5, "sarvand": 0.0, "golmehr": -0.3, "tishan": -0.5,
              "kavand": -0.8}, {}, 0.2, 0.015),
    ListSpec("families", -0.5, 0.8,
             {"arzhang-central": 1.0, "sangdasht": 0.9, "sarvand": -0.8, "golmehr": -1.2, "tishan": -0.4,
              "kavand": -0.6}, {"workers-unity": 0.5, "democratic-front": 0.3}, -1.0, 0.03),
    ListSpec("hrm", -0.15, 1.1,
             {"arzhang-central": 0.0, "sangdasht": 0.1, "sarvand": 0.0, "golmehr": 0.3, "tishan": 0.0,
              "kavand": -1.0}, {"sahar": 0.4}, -0.5, 0.01),
    ListSpec("memorial", -1.3, 0.9,
             {"arzhang-central": -0.2, "sangdasht": 0.0, "sarvand": 0.9, "golmehr": 0.8, "tishan": 0.0,
              "kavand": 0.0}, {}, -0.5, 0.02),
)  # fmt: skip


def capture(victims: list[TrueVictim], nprng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Per-victim capture probabilities (n × lists) and the realised captures."""
    n, k = len(victims), len(SPECS)
    logits = np.empty((n, k))
    z = np.array([v.visibility for v in victims])
    for j, spec in enumerate(SPECS):
        base = np.array(
            [
                spec.alpha
                + spec.prison.get(v.prison, 0.0)
                + spec.affiliation.get(v.affiliation or "", 0.0)
                + (spec.early if v.early else 0.0)
                for v in victims
            ]
        )
        logits[:, j] = base + spec.beta * z
    probs = 1.0 / (1.0 + np.exp(-logits))
    captured = nprng.random((n, k)) < probs
    return probs, captured


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _precision(v: TrueVictim, rng: random.Random, coarsen: float) -> str | None:
    """The precision a list records the death date with: at most what the family was told."""
    order = ["day", "month", "year"]
    if v.knowledge == "none":
        return None
    i = order.index(v.knowledge)
    if i < 2 and rng.random() < coarsen:
        i += 1
    return order[i]


def _death(v: TrueVictim, rng: random.Random, error: float) -> dt.date:
    if rng.random() < error:
        return v.death + dt.timedelta(days=rng.choice([-3, -2, -1, 1, 1, 2]))
    return v.death


def _age_at(v: TrueVictim, day: dt.date) -> int:
    return day.year - v.birth.year - ((day.month, day.day) < (v.birth.month, v.birth.day))


def _wrong_prison(v: TrueVictim, rng: random.Random, rate: float) -> str:
    """Now and then a list records the prison a victim was transferred from."""
    if rng.random() < rate:
        region = PRISON_BY_KEY[v.prison].region
        others = [p for p in PRISON_BY_KEY.values() if p.region == region and p.key != v.prison]
        if others:
            return rng.choice(others).key
    return v.prison


@dataclass
class _Row:
    sort_key: SortKey
    cells: dict[str, str]
    victim: str
    duplicate: bool


# ---------------------------------------------------------------------------------------------
# List 1: Justice Archive of Amarestan — Persian script, UTF-8 with BOM, Solar Hijri, Persian digits

JAA_COLUMNS = (
    ("record_id", "کد"),
    ("given_name", "نام"),
    ("surname", "نام خانوادگی"),
    ("father_name", "نام پدر"),
    ("birth_year_sh", "سال تولد"),
    ("gender", "جنسیت"),
    ("affiliation", "گرایش سیاسی"),
    ("prison", "زندان"),
    ("arrest_date", "تاریخ بازداشت"),
    ("death_date", "تاریخ اعدام"),
    ("burial_place", "محل دفن"),
    ("notes", "توضیحات"),
)
_JAA_NOTES = ("", "", "", "", "به نقل از خانواده", "به نقل از هم‌بندی", "خبر از طریق زندانی آزادشده")


def _jaa_row(v: TrueVictim, rng: random.Random) -> dict[str, str]:
    given = persian(v.name.given, rng)
    if v.name.title and rng.random() < 0.7:
        given = v.name.title.fa + " " + given
    surname = persian(v.name.surname, rng)
    father = persian(v.father, rng) if rng.random() > 0.12 else ""
    if rng.random() < 0.02:
        which = rng.choice(["given", "surname", "father"])
        if which == "given":
            given = persian_typo(given, rng)
        elif which == "surname":
            surname = persian_typo(surname, rng)
        else:
            father = persian_typo(father, rng)
    if rng.random() < 0.01:
        given, surname = surname, given
    birth = ""
    if rng.random() > 0.25:
        year = to_sh(v.birth)[0] + (rng.choice([-1, 1]) if rng.random() < 0.03 else 0)
        birth = fa_digits(year)
    aff = ""
    if v.affiliation and rng.random() > 0.1:
        aff = AFFILIATIONS[v.affiliation][1]
        if rng.random() < 0.3:
            aff = "هوادار " + aff
    prison = PRISON_BY_KEY[_wrong_prison(v, rng, 0.02)]
    arrest = ""
    if rng.random() > 0.3:
        arrest = fa_digits(sh_numeric(v.arrest, rng.choice(["month", "year", "day"])))
    death = ""
    prec = _precision(v, rng, 0.15)
    if prec:
        day = _death(v, rng, 0.03)
        if prec == "month" and rng.random() < 0.5:
            death = fa_digits(sh_words(day, "month"))
        else:
            death = fa_digits(sh_numeric(day, prec))
    burial = ""
    if v.burial_kind == "mass-grave" and rng.random() < 0.8:
        burial = GRAVES[PRISON_BY_KEY[v.prison].grave][1]
    elif v.burial_kind == "cemetery":
        burial = f"گورستان شهر {CITIES[v.home_city][1]}"
    elif rng.random() < 0.5:
        burial = "نامعلوم"
    cells = {
        "given_name": given,
        "surname": surname,
        "father_name": father,
        "birth_year_sh": birth,
        "gender": ("زن" if v.gender == "female" else "مرد") if rng.random() > 0.05 else "",
        "affiliation": aff,
        "prison": prison.fa if rng.random() < 0.9 else prison.short_fa,
        "arrest_date": arrest,
        "death_date": death,
        "burial_place": burial,
        "notes": rng.choice(_JAA_NOTES),
    }
    if rng.random() < 0.04:  # typed on an Arabic keyboard
        cells = {k: arabic_letters(c) for k, c in cells.items()}
    if rng.random() < 0.1:
        cells = {k: without_zwnj(c, rng) for k, c in cells.items()}
    return cells


def _jaa_sort(v: TrueVictim, cells: dict[str, str]) -> SortKey:
    return (list(PRISON_BY_KEY).index(v.prison), v.death.isoformat(), cells["surname"])


# ---------------------------------------------------------------------------------------------
# List 2: Committee of Families — Persian script in Windows-1256, semicolons, CRLF, ASCII digits

# The header was typed on the same Arabic-locale machine: Arabic yeh.
FAMILIES_COLUMNS = tuple(
    (f, arabic_letters(c, kaf=False))
    for f, c in (
        ("full_name", "نام و نام خانوادگی"),
        ("father_name", "نام پدر"),
        ("age", "سن"),
        ("prison", "زندان"),
        ("death_date", "تاریخ"),
        ("city", "شهر"),
        ("notes", "ملاحظات"),
    )
)
_FAMILY_NOTES = ("", "", "", "", "", "مادر پیگیر است", "ساک وسایل تحویل شد", "مزار نامعلوم")


def _families_row(v: TrueVictim, rng: random.Random) -> dict[str, str]:
    given = persian(v.name.given, rng)
    surname = persian(v.name.surname, rng)
    if rng.random() < 0.08:
        full = f"{surname} {given}"
    else:
        full = f"{given} {surname}"
    if v.name.title and rng.random() < 0.6:
        full = v.name.title.fa + " " + full
    father = persian(v.father, rng) if rng.random() > 0.3 else ""
    if rng.random() < 0.03:
        full = persian_typo(full, rng)
    prec = _precision(v, rng, 0.25)
    death = ""
    if prec:
        day = _death(v, rng, 0.04)
        if prec == "month" and rng.random() < 0.4:
            death = sh_words(day, "month")
        else:
            death = sh_numeric(day, prec, pad=False)
    age = ""
    if rng.random() > 0.35:
        age = str(_age_at(v, v.death) + (rng.choice([-1, 1]) if rng.random() < 0.1 else 0))
    prison = PRISON_BY_KEY[_wrong_prison(v, rng, 0.03)]
    cells = {
        "full_name": full,
        "father_name": father,
        "age": age,
        "prison": prison.short_fa if rng.random() < 0.7 else prison.fa,
        "death_date": death,
        "city": CITIES[v.home_city][1] if rng.random() > 0.2 else "",
        "notes": rng.choice(_FAMILY_NOTES),
    }
    # Windows-1256 has no Persian yeh: everything is typed with the Arabic one, and on some
    # machines with the Arabic kaf too.
    kaf = rng.random() < 0.5
    cells = {k: arabic_letters(c, kaf=kaf) for k, c in cells.items()}
    if rng.random() < 0.4:
        cells = {k: without_zwnj(c, rng) for k, c in cells.items()}
    return cells


def _families_sort(v: TrueVictim, cells: dict[str, str]) -> SortKey:
    return (cells["full_name"],)


# ---------------------------------------------------------------------------------------------
# List 3: Human Rights Monitor — XLSX, Latin transliterations, Gregorian dates

HRM_COLUMNS = (
    ("record_id", "ID"),
    ("surname", "Last name"),
    ("given_name", "First name"),
    ("father_name", "Father's name"),
    ("gender", "Sex"),
    ("birth_year", "Year of birth"),
    ("affiliation", "Affiliation"),
    ("prison", "Place of detention"),
    ("arrest_date", "Date of arrest"),
    ("death_date", "Date of execution"),
    ("burial_place", "Burial"),
    ("notes", "Source"),
)
_HRM_SCHEMES = (("common", 0.45), ("simple", 0.3), ("bgn", 0.1), ("anglo", 0.15))
_HRM_SOURCES = ("Family", "Family", "Former prisoner", "Former prisoner", "Press", "Other NGO")


def _clerk(rng: random.Random, weights: tuple[tuple[str, float], ...]) -> Clerk:
    name = rng.choices([s for s, _ in weights], [w for _, w in weights])[0]
    return Clerk(SCHEMES[name], rng)


def _gregorian(day: dt.date, prec: str, rng: random.Random, *, styles: bool = True) -> str:
    if prec == "year":
        return str(day.year)
    if prec == "month":
        if styles and rng.random() < 0.3:
            return f"{EN_MONTHS[day.month - 1][:3]} {day.year}"
        return f"{day.year}-{day.month:02d}"
    if styles and rng.random() < 0.3:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return day.isoformat()


def _hrm_row(v: TrueVictim, rng: random.Random) -> dict[str, str]:
    clerk = _clerk(rng, _HRM_SCHEMES)
    given = latin(v.name.given, clerk)
    surname = latin(v.name.surname, clerk)
    father = latin(v.father, clerk) if rng.random() > 0.4 else ""
    if rng.random() < 0.04:
        if rng.random() < 0.5:
            given = latin_typo(given, rng)
        else:
            surname = latin_typo(surname, rng)
    if v.name.title and rng.random() < 0.5:
        given = latin_title(v.name.title, clerk) + " " + given
    if rng.random() < 0.25:
        surname = surname.upper()
    if rng.random() < 0.01:
        given, surname = surname, given
    prec = _precision(v, rng, 0.2)
    death = _gregorian(_death(v, rng, 0.03), prec, rng) if prec else ""
    aff = ""
    if v.affiliation and rng.random() > 0.15:
        full, _fa, short = AFFILIATIONS[v.affiliation][:3]
        aff = full if rng.random() < 0.5 else short
    prison = PRISON_BY_KEY[_wrong_prison(v, rng, 0.02)]
    burial = "Unknown"
    if v.burial_kind == "mass-grave" and rng.random() < 0.7:
        burial = GRAVES[PRISON_BY_KEY[v.prison].grave][0]
    elif v.burial_kind == "cemetery":
        burial = f"{CITIES[v.home_city][0]} municipal cemetery"
    return {
        "surname": surname,
        "given_name": given,
        "father_name": father,
        "gender": ("F" if v.gender == "female" else "M") if rng.random() > 0.03 else "",
        "birth_year": str(v.birth.year + (rng.choice([-1, 1]) if rng.random() < 0.04 else 0))
        if rng.random() > 0.35
        else "",
        "affiliation": aff,
        "prison": prison.en if rng.random() < 0.6 else prison.short_en,
        "arrest_date": _gregorian(v.arrest, rng.choice(["year", "month"]), rng, styles=False)
        if rng.random() > 0.4
        else "",
        "death_date": death,
        "burial_place": burial,
        "notes": rng.choice(_HRM_SOURCES),
    }


def _hrm_sort(v: TrueVictim, cells: dict[str, str]) -> SortKey:
    return (cells["surname"].casefold(), cells["given_name"].casefold())


# ---------------------------------------------------------------------------------------------
# List 4: Memorial project — UTF-16 tab-separated text (Excel's "Unicode text"), mixed scripts

MEMORIAL_COLUMNS = (
    ("record_id", "ref"),
    ("name_fa", "name_fa"),
    ("name_latin", "name_latin"),
    ("father_name", "father"),
    ("birth_year", "born"),
    ("prison", "prison"),
    ("death_date", "died"),
    ("notes", "added_by"),
)
_MEMORIAL_SCHEMES = (("anglo", 0.45), ("bgn", 0.25), ("common", 0.2), ("simple", 0.1))
_MEMORIAL_ADDED = ("family", "family", "volunteer", "volunteer", "survivor", "imported")


def _memorial_row(v: TrueVictim, rng: random.Random) -> dict[str, str]:
    clerk = _clerk(rng, _MEMORIAL_SCHEMES)
    show = rng.choices(["both", "fa", "latin"], [0.8, 0.1, 0.1])[0]
    name_fa = name_latin = ""
    if show in ("both", "fa"):
        name_fa = f"{persian(v.name.given, rng)} {persian(v.name.surname, rng)}"
        if v.name.title and rng.random() < 0.4:
            name_fa = v.name.title.fa + " " + name_fa
        if rng.random() < 0.06:
            name_fa = arabic_letters(name_fa)
        if rng.random() < 0.2:
            name_fa = without_zwnj(name_fa, rng)
    if show in ("both", "latin"):
        given, surname = latin(v.name.given, clerk), latin(v.name.surname, clerk)
        if rng.random() < 0.05:
            surname = latin_typo(surname, rng)
        if v.name.title and rng.random() < 0.4:
            given = latin_title(v.name.title, clerk) + " " + given
        name_latin = f"{surname.upper()}, {given}" if rng.random() < 0.15 else f"{given} {surname}"
    father = rng.choices(["latin", "fa", ""], [0.5, 0.3, 0.2])[0]
    if father == "latin":
        father = latin(v.father, clerk)
    elif father == "fa":
        father = persian(v.father, rng)
    born = rng.choices(["sh", "greg", ""], [0.4, 0.3, 0.3])[0]
    born = {"sh": str(to_sh(v.birth)[0]), "greg": str(v.birth.year), "": ""}[born]
    prison = PRISON_BY_KEY[_wrong_prison(v, rng, 0.03)]
    prison_text = rng.choices([prison.short_en, prison.short_fa, prison.en], [0.5, 0.3, 0.2])[0]
    prec = _precision(v, rng, 0.3)
    died = ""
    if prec:
        day = _death(v, rng, 0.04)
        died = sh_numeric(day, prec) if rng.random() < 0.55 else _gregorian(day, prec, rng, styles=False)
    return {
        "name_fa": name_fa,
        "name_latin": name_latin,
        "father_name": father,
        "birth_year": born,
        "prison": prison_text,
        "death_date": died,
        "notes": rng.choice(_MEMORIAL_ADDED),
    }


def _memorial_sort(v: TrueVictim, cells: dict[str, str]) -> SortKey:
    return ()


# ---------------------------------------------------------------------------------------------
# Assembling and writing


@dataclass(frozen=True)
class _Format:
    key: str
    title: str
    filename: str
    columns: tuple[tuple[str, str], ...]
    make: Callable[[TrueVictim, random.Random], dict[str, str]]
    sort: Callable[[TrueVictim, dict[str, str]], SortKey]
    id_format: str | None
    format: str
    encoding: str | None
    delimiter: str | None
    terminator: str | None
    calendar: str
    digits: str
    script: str
    published: str
    description: str


FORMATS = {
    "jaa": _Format("jaa", "Names of the executed, summer 1367", "jaa-executed-1367.csv", JAA_COLUMNS,
                   _jaa_row, _jaa_sort, "JAA-{:05d}", "csv", "utf-8-sig", ",", "\n", "solar-hijri",
                   "persian", "Arab", "2014-06",
                   "Persian-script CSV in UTF-8 with a byte-order mark; Solar Hijri dates in Persian "
                   "digits, sometimes with month names; sorted by prison and date."),
    "families": _Format("families", "List of our martyrs", "families-committee.csv", FAMILIES_COLUMNS,
                        _families_row, _families_sort, None, "csv", "cp1256", ";", "\r\n", "solar-hijri",
                        "ascii", "Arab", "1990/2005",
                        "Persian script in Windows-1256 (Arabic yeh, sometimes Arabic kaf), semicolon "
                        "separated, CRLF; one full-name column; age at death instead of birth year; "
                        "no record numbers."),
    "hrm": _Format("hrm", "Executions 1988", "hrm-executions-1988.xlsx", HRM_COLUMNS, _hrm_row, _hrm_sort,
                   "HRM-88-{:04d}", "xlsx", None, None, None, "gregorian", "ascii", "Latn", "2018-12",
                   "Excel workbook, Latin transliterations under several schemes, Gregorian dates in "
                   "three styles; second sheet describes the list."),
    "memorial": _Format("memorial", "Memorial names", "memorial-names.txt", MEMORIAL_COLUMNS,
                        _memorial_row, _memorial_sort, "M-{:04d}", "tsv", "utf-16", "\t", "\r\n", "mixed",
                        "ascii", "mixed",
                        "2021-09", "UTF-16 tab-separated text as Excel saves it; Persian and Latin "
                        "names side by side, father's names in either script, birth years and dates in "
                        "either calendar; in the order names were added."),
}  # fmt: skip


@dataclass
class BuiltList:
    spec: VictimList
    source: Source
    row_victims: list[tuple[str, bool]]  # per data row: (victim id, is a within-list duplicate)


def build_lists(
    victims: list[TrueVictim], captured: np.ndarray, rng: random.Random, out_dir: Path
) -> list[BuiltList]:
    (out_dir / "materials" / "lists").mkdir(parents=True, exist_ok=True)
    built = []
    for j, spec in enumerate(SPECS):
        fmt = FORMATS[spec.key]
        on_list = [v for v, c in zip(victims, captured[:, j], strict=True) if c]
        rows = []
        for v in on_list:
            cells = fmt.make(v, rng)
            rows.append(_Row(fmt.sort(v, cells), cells, v.id, False))
            if rng.random() < spec.duplicates:
                again = fmt.make(v, rng)
                rows.append(_Row(fmt.sort(v, again), again, v.id, True))
        if fmt.key == "memorial":
            rng.shuffle(rows)  # the order names were added
        else:
            rows.sort(key=lambda r: r.sort_key)
        header = tuple(col for _, col in fmt.columns)
        table = []
        for i, row in enumerate(rows, 1):
            if fmt.id_format:
                row.cells["record_id"] = fmt.id_format.format(i)
            table.append(tuple(row.cells.get(f, "") for f, _ in fmt.columns))
        rel = f"materials/lists/{fmt.filename}"
        _write(out_dir / rel, fmt, header, table)
        source_id = f"source:list-{fmt.key}"
        ngo = NGOS[fmt.key]
        built.append(
            BuiltList(
                VictimList(
                    id=f"list:{fmt.key}",
                    source=source_id,
                    holder=f"org:ngo-{fmt.key}",
                    path=rel,
                    format=fmt.format,
                    encoding=fmt.encoding,
                    delimiter=fmt.delimiter,
                    line_terminator=fmt.terminator,
                    sheet="Executions 1988" if fmt.format == "xlsx" else None,
                    header=header,
                    columns=fmt.columns,
                    id_column=dict(fmt.columns).get("record_id") if fmt.id_format else None,
                    calendar=fmt.calendar,
                    digits=fmt.digits,
                    script=fmt.script,
                    rows=tuple(table),
                    description=fmt.description,
                ),
                Source(
                    source_id,
                    f"{ngo[0]}: {fmt.title}",
                    "victim_list",
                    f"org:ngo-{fmt.key}",
                    fmt.published,
                    "fa" if fmt.script == "Arab" else "en",
                    rel,
                ),
                [(r.victim, r.duplicate) for r in rows],
            )
        )
    return built


def _write(path: Path, fmt: _Format, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    if fmt.format == "xlsx":
        _write_xlsx(path, header, rows, fmt)
        return
    assert fmt.encoding and fmt.delimiter and fmt.terminator
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=fmt.delimiter, lineterminator=fmt.terminator)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(fmt.encoding))  # strict: a bad character is a bug


def _write_xlsx(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]], fmt: _Format) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Executions 1988"
    ws.append(list(header))
    year_col = header.index("Year of birth")
    for row in rows:
        cells: list[object] = list(row)
        if row[year_col]:
            cells[year_col] = int(row[year_col])  # numbers are numbers in a real spreadsheet
        ws.append(cells)
    about = wb.create_sheet("About")
    about.append(["Amarestan Human Rights Monitor — executions of political prisoners, 1988"])
    about.append(["Compiled from family interviews, former prisoners and press reports."])
    about.append(["Dates are Gregorian; partial dates give the month or year only."])
    fixed = dt.datetime(2018, 12, 10, 9, 0, 0)  # noqa: DTZ001 - the workbook's own, naive, timestamp
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "HRM"
    wb.save(path)
    _normalise_zip(path, fixed.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _normalise_zip(path: Path, modified: str) -> None:
    """Rewrite a workbook with fixed timestamps so the same content gives the same bytes.

    openpyxl stamps the save time into ``docProps/core.xml`` and into every zip member.
    """
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    stamp = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    members = [
        (name, stamp.sub(rb"\g<1>" + modified.encode() + rb"\g<2>", data))
        if name == "docProps/core.xml"
        else (name, data)
        for name, data in members
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)
    path.write_bytes(buf.getvalue())


SH_MONTH_NAMES = SH_MONTHS  # re-exported for documentation and tests


def import_list_files(case: Case, demo: Path, author: str) -> int:
    """Import the four list files of a built demonstration at ``demo`` into ``case`` as a team
    would, with ``dadkhah import list``'s service: each with the column map and calendar this
    module describes, unknown places created. Returns the rows imported."""
    from dadkhah.exchange.lists import import_list

    rows = 0
    for fmt in FORMATS.values():
        calendar = {"solar-hijri": "solar-hijri", "gregorian": "gregorian"}.get(fmt.calendar, "auto")
        rows += import_list(
            case,
            demo / "materials" / "lists" / fmt.filename,
            source=fmt.title,
            author=author,
            field_map=dict(fmt.columns),
            calendar=calendar,
            new_places=True,
        ).imported
    return rows
