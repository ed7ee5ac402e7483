"""Partial dates in the Gregorian and Solar Hijri calendars, against known conversions."""

from datetime import date

import pytest

from dadkhah.linkage import parse_partial_date


@pytest.mark.parametrize(
    ("text", "start", "end", "code"),
    [
        ("1988", date(1988, 1, 1), date(1988, 12, 31), "1988"),
        ("1988-08", date(1988, 8, 1), date(1988, 8, 31), "198808"),
        ("1988-02", date(1988, 2, 1), date(1988, 2, 29), "198802"),  # a leap year
        ("1988-08-03", date(1988, 8, 3), date(1988, 8, 3), "19880803"),
        ("19880803", date(1988, 8, 3), date(1988, 8, 3), "19880803"),
        ("03/08/1988", date(1988, 8, 3), date(1988, 8, 3), "19880803"),  # day first
        ("3.8.1988", date(1988, 8, 3), date(1988, 8, 3), "19880803"),
        ("08/1988", date(1988, 8, 1), date(1988, 8, 31), "198808"),
        ("5 Aug 1988", date(1988, 8, 5), date(1988, 8, 5), "19880805"),
        ("August 1988", date(1988, 8, 1), date(1988, 8, 31), "198808"),
        # Solar Hijri: 1 Farvardin 1367 = 21 March 1988; 1367 is not a leap year (Esfand has 29
        # days), so the year ends on 20 March 1989.
        ("1367", date(1988, 3, 21), date(1989, 3, 20), "1367"),
        ("1367/01/01", date(1988, 3, 21), date(1988, 3, 21), "19880321"),
        ("1367/05/12", date(1988, 8, 3), date(1988, 8, 3), "19880803"),
        ("۱۳۶۷/۰۵/۱۲", date(1988, 8, 3), date(1988, 8, 3), "19880803"),
        ("12 مرداد 1367", date(1988, 8, 3), date(1988, 8, 3), "19880803"),
        ("مرداد ۱۳۶۷", date(1988, 7, 23), date(1988, 8, 22), "136705"),
        ("1367/05", date(1988, 7, 23), date(1988, 8, 22), "136705"),
        ("1367 ش", date(1988, 3, 21), date(1989, 3, 20), "1367"),
        # EDTF: intervals, unspecified digits, approximate dates.
        ("1988-07/1988-09", date(1988, 7, 1), date(1988, 9, 30), "19880"),
        ("198X", date(1980, 1, 1), date(1989, 12, 31), "198"),
        ("19XX", date(1900, 1, 1), date(1999, 12, 31), "19"),
        ("1988~", date(1986, 12, 31), date(1990, 1, 1), "1988"),
    ],
)
def test_parse(text: str, start: date, end: date, code: str) -> None:
    parsed = parse_partial_date(text)
    assert parsed is not None
    assert (parsed.start(), parsed.end(), parsed.code) == (start, end, code)


def test_calendar_can_be_forced() -> None:
    jalali = parse_partial_date("1367", calendar="jalali")
    gregorian = parse_partial_date("1367", calendar="gregorian")
    assert jalali is not None and jalali.start() == date(1988, 3, 21)
    assert gregorian is not None and gregorian.start() == date(1367, 1, 1)


@pytest.mark.parametrize("text", [None, "", "unknown", "nan", "1988-13-01", "31/02/1988", "abc", "12"])
def test_unreadable_dates_are_none(text: str | None) -> None:
    assert parse_partial_date(text) is None


def test_year_in_either_calendar_overlaps() -> None:
    sh = parse_partial_date("1367")
    day = parse_partial_date("1988-08-03")
    other = parse_partial_date("1990")
    assert sh and day and other
    assert sh.lo <= day.lo <= sh.hi
    assert other.lo > sh.hi
    assert sh.precision_days == 365 and day.precision_days == 1
