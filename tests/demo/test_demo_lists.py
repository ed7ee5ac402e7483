"""The four victim lists: each parses back in its declared format, with realistic variation."""

from __future__ import annotations

import csv
import datetime as dt
import re

import jdatetime
import pytest
from openpyxl import load_workbook

from dadkhah.demo import Materials, VictimList
from dadkhah.demo.blocklist import fold_latin

PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def _read(m: Materials, vl: VictimList) -> list[tuple[str, ...]]:
    """Read a list file the way an importer told only the declared format would."""
    path = m.path(vl.path)
    if vl.format == "xlsx":
        wb = load_workbook(path, read_only=True)
        try:
            rows = wb[vl.sheet].iter_rows(values_only=True)
            return [tuple("" if c is None else str(c) for c in row) for row in rows]
        finally:
            wb.close()
    assert vl.encoding and vl.delimiter
    with open(path, encoding=vl.encoding, newline="") as fh:
        return [tuple(row) for row in csv.reader(fh, delimiter=vl.delimiter)]


@pytest.mark.parametrize("name", ["small", "full"])
def test_every_list_parses_back_to_its_rows(name: str, request: pytest.FixtureRequest) -> None:
    m: Materials = request.getfixturevalue(name)
    assert {vl.format for vl in m.lists} == {"csv", "tsv", "xlsx"}
    assert {vl.encoding for vl in m.lists} == {"utf-8-sig", "cp1256", "utf-16", None}
    for vl in m.lists:
        rows = _read(m, vl)
        assert rows[0] == vl.header, vl.id
        assert rows[1:] == list(vl.rows), vl.id
        assert set(dict(vl.columns).values()) <= set(vl.header)


def test_encodings_are_really_different(full: Materials) -> None:
    by_id = {vl.id: vl for vl in full.lists}
    jaa = full.path(by_id["list:jaa"].path).read_bytes()
    assert jaa.startswith(b"\xef\xbb\xbf")
    families = full.path(by_id["list:families"].path).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        families.decode("utf-8")
    text = families.decode("cp1256")
    assert "\u06cc" not in text and "\u064a" in text  # Arabic yeh, never the Persian one
    assert "\r\n" in text
    memorial = full.path(by_id["list:memorial"].path).read_bytes()
    assert memorial[:2] in (b"\xff\xfe", b"\xfe\xff")
    # The memorial list mixes scripts within rows.
    recs = by_id["list:memorial"].records()
    both = [r for r in recs if r["name_fa"] and r["name_latin"]]
    assert len(both) > 0.6 * len(recs)
    assert any(re.search("[\u0600-\u06ff]", r["father"]) for r in recs)
    assert any(re.search("[A-Za-z]", r["father"]) for r in recs)


def _sh_to_gregorian(text: str) -> tuple[dt.date, str] | None:
    """``۱۳۶۷/۰۵/۰۹`` → (date, "day"); ``1367/5`` → (first of month, "month"); else None."""
    parts = text.translate(PERSIAN_DIGITS).split("/")
    if not all(p.isdigit() for p in parts):
        return None
    y, mo, d = (int(p) for p in parts + ["1"] * (3 - len(parts)))
    prec = {1: "year", 2: "month", 3: "day"}[len(parts)]
    return jdatetime.date(y, mo if len(parts) > 1 else 1, d).togregorian(), prec


def test_solar_hijri_dates_convert_to_the_true_dates(full: Materials) -> None:
    assert full.truth is not None
    import pandas as pd

    truth = pd.read_csv(full.truth.victims_path).set_index("victim_id")
    for list_id, column in (("list:jaa", "تاریخ اعدام"), ("list:families", "تاريخ")):
        vl = next(v for v in full.lists if v.id == list_id)
        exact = near = partial = 0
        for i, rec in enumerate(vl.records(), 1):
            parsed = _sh_to_gregorian(rec[column])
            if parsed is None:
                continue
            day, prec = parsed
            true = dt.date.fromisoformat(truth.loc[full.truth.row_victim[(list_id, i)], "death_date"])
            if prec == "day":
                exact += day == true
                near += abs((day - true).days) <= 3
            elif prec == "month":
                # A Solar Hijri month straddles two Gregorian months: the true date lies within it.
                partial += 0 <= (true - day).days < 31
        assert exact > 0.9 * near and near > 500, list_id
        assert partial > 100, list_id
    # Persian digits in the first list, ASCII digits in the second.
    jaa = next(v for v in full.lists if v.id == "list:jaa")
    dates = [r["تاریخ اعدام"] for r in jaa.records() if r["تاریخ اعدام"]]
    assert all(not re.search("[0-9]", d) for d in dates)
    assert any("مرداد" in d or "شهریور" in d for d in dates)  # month names as well as numbers


def test_partial_dates_occur_in_every_list(full: Materials) -> None:
    fields = {
        "list:jaa": "تاریخ اعدام",
        "list:families": "تاريخ",
        "list:hrm": "Date of execution",
        "list:memorial": "died",
    }
    for vl in full.lists:
        values = [r[fields[vl.id]] for r in vl.records()]
        years_only = sum(1 for v in values if re.fullmatch(r"[0-9۰-۹]{4}", v))
        blank = sum(1 for v in values if not v)
        assert years_only > 0.03 * len(values), vl.id
        assert blank > 0.02 * len(values), vl.id


def test_latin_spellings_vary_like_real_lists(full: Materials) -> None:
    """Most rows spell a name differently from the canonical form, yet as the same name."""
    assert full.truth is not None
    import pandas as pd

    truth = pd.read_csv(full.truth.victims_path).set_index("victim_id")
    hrm = next(v for v in full.lists if v.id == "list:hrm")
    differ = same_skeleton = n = 0
    spellings: dict[str, set[str]] = {}
    for i, rec in enumerate(hrm.records(), 1):
        v = truth.loc[full.truth.row_victim[("list:hrm", i)]]
        written = rec["Last name"]
        n += 1
        differ += written.casefold() != v.surname_latin.casefold()
        same_skeleton += fold_latin(written) == fold_latin(v.surname_latin)
        spellings.setdefault(v.surname_latin, set()).add(written.casefold())
    assert 0.25 < differ / n < 0.8
    assert same_skeleton / n > 0.85  # variants, not noise
    assert {"hosseini", "hoseini", "hoseyni"} <= spellings["Hosseini"]
    assert len(spellings["Hassanzadeh"]) >= 4  # joined, spaced, hyphenated; -zadeh/-zade
    # Compound given names are written joined, spaced and hyphenated.
    given = {r["First name"] for r in hrm.records()}
    assert any(" " in g and not g.startswith(("Sey", "Say", "Syed", "S.")) for g in given)
    assert any("-" in g for g in given)


def test_persian_spellings_vary_too(full: Materials) -> None:
    assert full.truth is not None
    import pandas as pd

    truth = pd.read_csv(full.truth.victims_path).set_index("victim_id")
    jaa = next(v for v in full.lists if v.id == "list:jaa")
    recs = jaa.records()
    differ = sum(
        rec["نام"] != truth.loc[full.truth.row_victim[("list:jaa", i)], "given_fa"]
        for i, rec in enumerate(recs, 1)
    )
    assert 0.05 < differ / len(recs) < 0.5
    assert any(r["نام"].startswith("سید ") for r in recs)
    assert any("\u064a" in r["نام خانوادگی"] for r in recs)  # typed on an Arabic keyboard
    assert sum(1 for r in recs if not r["نام پدر"]) > 0.05 * len(recs)
