"""EDTF dates and Solar Hijri input, against known conversions and as properties."""

from datetime import date, timedelta

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dadkhah.errors import InvalidValue
from dadkhah.model import parse_edtf
from dadkhah.model.types import DateType

# Nowruz (1 Farvardin) and other fixed points of the Iranian calendar, from published calendars.
KNOWN_SOLAR_HIJRI = [
    ("1357-11-22 SH", "1979-02-11"),  # 22 Bahman 1357, the revolution's anniversary
    ("1367-01-01 SH", "1988-03-21"),
    ("1367-05-09 SH", "1988-07-31"),
    ("1367-12-29 SH", "1989-03-20"),
    ("1368-01-01 SH", "1989-03-21"),
    ("1399-01-01 SH", "2020-03-20"),
    ("1403-01-01 SH", "2024-03-20"),
    ("1403-12-30 SH", "2025-03-20"),  # 1403 is a leap year: Esfand has 30 days
    ("۱۳۶۷/۰۵/۰۹", "1988-07-31"),  # Persian digits, no marker: read as Solar Hijri
    ("SH 1367/5/9", "1988-07-31"),
    ("1367-05-09 ه.ش", "1988-07-31"),
]


@pytest.mark.parametrize(("raw", "expected"), KNOWN_SOLAR_HIJRI)
def test_solar_hijri_days_convert_to_known_gregorian_days(raw: str, expected: str) -> None:
    assert parse_edtf(raw).text == expected


@pytest.mark.parametrize("raw", ["1367-05-09", "1367/05/09", "1367/5/9", " 1367-05-09"])
def test_new_input_with_an_unmarked_year_1200_to_1499_is_solar_hijri(raw: str) -> None:
    assert DateType().clean(raw) == "1988-07-31"
    assert DateType().clean("1367-05") == "1988-07-23/1988-08-22"
    # A stored value is read as written (Latin digits are Gregorian), so it is never converted
    # twice, and a value stored before this rule keeps the bounds it was indexed with.
    assert parse_edtf("1988-07-31").text == "1988-07-31"
    assert parse_edtf("1367-05-09").lower == date(1367, 5, 9)


@pytest.mark.parametrize(
    ("raw", "text", "lower", "upper", "precision"),
    [
        ("1988", "1988", "1988-01-01", "1988-12-31", "year"),
        ("1988-02", "1988-02", "1988-02-01", "1988-02-29", "month"),
        ("1988-08-05~", "1988-08-05~", "1988-08-05", "1988-08-05", "day"),
        ("1988-07?", "1988-07?", "1988-07-01", "1988-07-31", "month"),
        ("1988-07/1988-09", "1988-07/1988-09", "1988-07-01", "1988-09-30", "interval"),
        ("198X", "198X", "1980-01-01", "1989-12-31", "decade"),
        ("1988-XX", "1988-XX", "1988-01-01", "1988-12-31", "year"),
        ("1988/7", "1988-07", "1988-07-01", "1988-07-31", "month"),
        ("1367 SH", "1988-03-21/1989-03-20", "1988-03-21", "1989-03-20", "interval"),
        ("1367-05 SH", "1988-07-23/1988-08-22", "1988-07-23", "1988-08-22", "interval"),
        ("1367-05/1367-06 SH", "1988-07-23/1988-09-22", "1988-07-23", "1988-09-22", "interval"),
        ("30 July 1988", "1988-07-30", "1988-07-30", "1988-07-30", "day"),
        ("July 30, 1988", "1988-07-30", "1988-07-30", "1988-07-30", "day"),
        ("Aug 1988", "1988-08", "1988-08-01", "1988-08-31", "month"),
        ("مرداد ۱۳۶۷", "1988-07-23/1988-08-22", "1988-07-23", "1988-08-22", "interval"),
        ("شهريور 1367", "1988-08-23/1988-09-22", "1988-08-23", "1988-09-22", "interval"),  # Arabic yeh
        ("9 Mordad 1367", "1988-07-31", "1988-07-31", "1988-07-31", "day"),
    ],
)
def test_edtf_forms(raw: str, text: str, lower: str, upper: str, precision: str) -> None:
    parsed = parse_edtf(raw)
    assert (parsed.text, parsed.lower, parsed.upper, parsed.precision) == (
        text,
        date.fromisoformat(lower),
        date.fromisoformat(upper),
        precision,
    )


def test_open_and_unknown_interval_ends() -> None:
    assert parse_edtf("1988-07-19/..").upper is None
    assert parse_edtf("/1988").lower is None
    assert parse_edtf("/1988").upper == date(1988, 12, 31)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1988-13", "month 13"),
        ("1988-02-30", "no day 30"),
        ("1989/1988", "ends before it starts"),
        ("1367-12-30 SH", "no day 30"),  # 1367 is not a leap year
        ("0000", "year 0000"),
        ("30/07/1988", "not a date"),
        ("yesterday", "not a date"),
        ("/", "at least one known end"),
        ("1988/1989/1990", "not a date"),
        ("1100 SH", "outside"),
    ],
)
def test_invalid_dates_are_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason):
        parse_edtf(raw)


sh_days = st.builds(
    lambda y, m, d: (y, m, d),
    st.integers(1300, 1450),
    st.integers(1, 12),
    st.integers(1, 29),
)


@given(sh_days)
def test_solar_hijri_day_round_trips(ymd: tuple[int, int, int]) -> None:
    y, m, d = ymd
    gregorian = parse_edtf(f"{y}-{m:02d}-{d:02d} SH").lower
    assert gregorian is not None
    back = jdatetime.date.fromgregorian(date=gregorian)
    assert (back.year, back.month, back.day) == ymd


@given(st.integers(1300, 1450))
def test_solar_hijri_months_tile_the_year_without_gaps(year: int) -> None:
    spans = [parse_edtf(f"{year}-{m:02d} SH") for m in range(1, 13)]
    whole = parse_edtf(f"{year} SH")
    assert spans[0].lower == whole.lower and spans[-1].upper == whole.upper
    for before, after in zip(spans, spans[1:], strict=False):
        assert after.lower == before.upper + timedelta(days=1)  # type: ignore[operator]
    length = (whole.upper - whole.lower).days + 1  # type: ignore[operator]
    assert length in (365, 366)


@given(
    st.dates(date(1500, 1, 1), date(2999, 12, 31)),  # earlier years are read as Solar Hijri
    st.sampled_from(["day", "month", "year"]),
    st.sampled_from(["", "?", "~", "%"]),
)
def test_clean_is_idempotent_and_bounds_contain_the_day(day: date, precision: str, qualifier: str) -> None:
    raw = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[
        precision
    ] + qualifier
    cleaned = DateType().clean(raw)
    assert DateType().clean(cleaned) == cleaned
    parsed = parse_edtf(cleaned)
    assert parsed.lower is not None and parsed.upper is not None
    assert parsed.lower <= day <= parsed.upper


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_intervals_are_idempotent_and_ordered(a: date, b: date) -> None:
    lo, hi = min(a, b), max(a, b)
    cleaned = DateType().clean(f"{lo.isoformat()}/{hi.isoformat()}")
    assert DateType().clean(cleaned) == cleaned
    parsed = parse_edtf(cleaned)
    assert (parsed.lower, parsed.upper) == (lo, hi)
