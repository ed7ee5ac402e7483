"""Partial and uncertain dates as EDTF (ISO 8601-2), with Solar Hijri input.

Stored values are a subset of EDTF levels 0 and 1:

* a day, month or year: ``1988-07-30``, ``1988-07``, ``1988``;
* a qualifier at the end: ``?`` uncertain, ``~`` approximate, ``%`` both: ``1988-08-05~``;
* unspecified digits from the right: ``198X``, ``19XX``, ``1988-XX``, ``1988-07-XX``;
* intervals ``A/B`` whose ends are dates, unknown (empty) or open (``..``): ``1988-07/1988-09``,
  ``1988-07-19/..``.

Month names are understood: ``30 July 1988``, ``Aug 1988``, and the Solar Hijri months in Persian
or Latin letters (``مرداد ۱۳۶۷``, ``9 Mordad 1367``), which imply the Solar Hijri calendar.

Input may also be written in the Solar Hijri (Iranian) calendar, marked by ``SH``, ``AP``, ``ش``,
``ه.ش`` (before or after), or by Persian digits: ``1367-05-09 SH`` is 1988-07-31. New input
(``DateType.clean``) with an unmarked year from 1200 to 1499 is read as Solar Hijri too
(``1367-05-09`` is 1988-07-31, as ``dadkhah import list --calendar auto`` reads it): a date must not
depend on the command that entered it, and in this domain a Gregorian year before 1500 is never
meant. ``parse_edtf`` reads stored values, which are Gregorian, as written.
A Solar Hijri month or year becomes the Gregorian interval it covers (``1367 SH`` →
``1988-03-21/1989-03-20``), because it does not fall on Gregorian month or year boundaries.
Conversion uses ``jdatetime`` (the 33-year arithmetic rule, exact for 1178–1633 SH).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import jdatetime

from dadkhah.errors import InvalidValue
from dadkhah.model.types.common import PropertyType

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_SH_MARK = re.compile(
    r"^\s*(?:sh|ap|ه\.?\s*ش|ش)(?=[\s:.\d])[\s:.]*|(?<=[\d\s?~%])\s*(?:sh|ap|ه\.?\s*ش\.?|ش)\.?\s*$", re.I
)
_PART = re.compile(
    r"^(?P<y>\d{4}|\d{3}X|\d{2}XX)(?:[-/](?P<m>\d{1,2}|XX)(?:[-/](?P<d>\d{1,2}|XX))?)?(?P<q>[?~%])?$",
    re.I,
)
_SH_LIMITS = (1178, 1633)
_GREGORIAN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_SOLAR_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("فروردین", "farvardin"),
            ("اردیبهشت", "ordibehesht"),
            ("خرداد", "khordad"),
            ("تیر", "tir"),
            ("مرداد", "امرداد", "mordad", "amordad"),
            ("شهریور", "shahrivar", "shahrivar"),
            ("مهر", "mehr"),
            ("آبان", "aban"),
            ("آذر", "azar"),
            ("دی", "dey", "dei"),
            ("بهمن", "bahman"),
            ("اسفند", "esfand", "espand"),
        ),
        1,
    )
    for name in names
}
_MONTH_NAMED = re.compile(r"^(?:(\d{1,2})\s+)?([^\W\d_]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})([?~%]?)$")


@dataclass(frozen=True)
class Edtf:
    """A parsed EDTF value: an interval [lower, upper] of days, with the text it came from."""

    text: str
    lower: date | None  # None: unknown or open start
    upper: date | None  # None: unknown or open end
    precision: str  # "day", "month", "year", "decade", "century" or "interval"
    qualifier: str  # "", "?", "~" or "%"

    def overlaps(self, other: Edtf) -> bool:
        """Whether the two values could denote the same day."""
        lo_a, hi_a = self.lower or date.min, self.upper or date.max
        lo_b, hi_b = other.lower or date.min, other.upper or date.max
        return lo_a <= hi_b and lo_b <= hi_a


@dataclass(frozen=True)
class _Point:
    text: str
    lower: date
    upper: date
    precision: str
    qualifier: str


def _gregorian_point(match: re.Match[str]) -> _Point:
    y, m, d, q = match["y"].upper(), match["m"], match["d"], match["q"] or ""
    if "X" in y:
        if m is not None:
            raise InvalidValue("a year with unspecified digits cannot have a month")
        span = 10 ** y.count("X")
        first = int(y.replace("X", "0"))
        return _Point(
            y + q,
            date(max(first, 1), 1, 1),
            date(first + span - 1, 12, 31),
            "decade" if span == 10 else "century",
            q,
        )
    year = int(y)
    if year < 1:
        raise InvalidValue("year 0000 is not a date in this system")
    if m is None:
        return _Point(f"{year:04d}{q}", date(year, 1, 1), date(year, 12, 31), "year", q)
    if m.upper() == "XX":
        if d is not None and d.upper() != "XX":
            raise InvalidValue("a day needs a known month")
        return _Point(f"{year:04d}-XX{q}", date(year, 1, 1), date(year, 12, 31), "year", q)
    month = int(m)
    if not 1 <= month <= 12:
        raise InvalidValue(f"month {month} does not exist")
    last = calendar.monthrange(year, month)[1]
    if d is None or d.upper() == "XX":
        suffix = "-XX" if d is not None else ""
        return _Point(
            f"{year:04d}-{month:02d}{suffix}{q}", date(year, month, 1), date(year, month, last), "month", q
        )
    day = int(d)
    if not 1 <= day <= last:
        raise InvalidValue(f"{year:04d}-{month:02d} has no day {day}")
    when = date(year, month, day)
    return _Point(f"{when.isoformat()}{q}", when, when, "day", q)


def _sh_to_gregorian(year: int, month: int, day: int) -> date:
    gregorian: date = jdatetime.date(year, month, day).togregorian()
    return gregorian


def _solar_hijri_point(match: re.Match[str]) -> _Point:
    """Convert a Solar Hijri day, month or year to the Gregorian day or interval it covers."""
    y, m, d, q = match["y"].upper(), match["m"], match["d"], match["q"] or ""
    if "X" in y or (m is not None and m.upper() == "XX") or (d is not None and d.upper() == "XX"):
        raise InvalidValue("unspecified digits are not accepted in Solar Hijri dates")
    year = int(y)
    if not _SH_LIMITS[0] <= year <= _SH_LIMITS[1]:
        raise InvalidValue(f"Solar Hijri year {year} is outside {_SH_LIMITS[0]}–{_SH_LIMITS[1]}")
    if m is None:
        lo = _sh_to_gregorian(year, 1, 1)
        hi = _sh_to_gregorian(year, 12, _sh_month_length(year, 12))
        return _Point(_interval_text(lo, hi, q), lo, hi, "interval", q)
    month = int(m)
    if not 1 <= month <= 12:
        raise InvalidValue(f"Solar Hijri month {month} does not exist")
    length = _sh_month_length(year, month)
    if d is None:
        lo, hi = _sh_to_gregorian(year, month, 1), _sh_to_gregorian(year, month, length)
        return _Point(_interval_text(lo, hi, q), lo, hi, "interval", q)
    day = int(d)
    if not 1 <= day <= length:
        raise InvalidValue(f"Solar Hijri {year}-{month:02d} has no day {day}")
    when = _sh_to_gregorian(year, month, day)
    return _Point(f"{when.isoformat()}{q}", when, when, "day", q)


def _sh_month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def _interval_text(lo: date, hi: date, qualifier: str) -> str:
    return f"{lo.isoformat()}{qualifier}/{hi.isoformat()}{qualifier}"


def _not_a_date(text: str) -> InvalidValue:
    return InvalidValue(
        f"'{text[:40]}' is not a date; write 1988, 1988-07, 1988-07-30, 1988-08-05~, "
        "1988-07/1988-09, or a Solar Hijri date such as 1367-05-09 SH"
    )


def _point(text: str, solar: bool) -> _Point:
    match = _PART.match(text.strip())
    if match is None:
        raise _not_a_date(text)
    return _solar_hijri_point(match) if solar else _gregorian_point(match)


def _month_named(text: str) -> tuple[str, bool] | None:
    """``30 July 1988`` → (``1988-07-30``, False); ``مرداد 1367`` → (``1367-05``, True)."""
    match = _MONTH_NAMED.match(text)
    if match is None:
        return None
    day_before, name, day_after, year, qualifier = match.groups()
    word = name.lower().replace("ي", "ی").replace("ك", "ک")
    solar = word in _SOLAR_MONTHS
    month = _SOLAR_MONTHS.get(word) or _GREGORIAN_MONTHS.get(word)
    if month is None or (day_before and day_after):
        return None
    day = day_before or day_after
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "") + qualifier, solar


def _solar_year(text: str) -> bool:
    """Whether the text begins with a year that can only be Solar Hijri here (1200–1499)."""
    year = re.match(r"\s*(\d{4})(?!\d)", text.translate(_DIGITS))
    return year is not None and 1200 <= int(year.group(1)) <= 1499


def parse_edtf(raw: str) -> Edtf:
    """Parse EDTF or Solar Hijri input into an :class:`Edtf`; raise :class:`InvalidValue` if invalid."""
    text = raw.translate(_DIGITS).strip()
    solar = False
    named = _month_named(_SH_MARK.sub("", text).strip())
    if named is not None:
        text, solar = named[0] + (" SH" if _SH_MARK.search(text) else ""), named[1]
    if _SH_MARK.search(text):
        solar = True
        text = _SH_MARK.sub("", text).strip()
    elif raw.strip() and raw.strip()[0] in "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩":
        solar = _solar_year(text)

    # "1367/05/09" uses slashes as separators; an interval has exactly one slash between two ends.
    if text.count("/") == 1 and not re.fullmatch(r"\d{4}/\d{1,2}[?~%]?", text):
        return _interval(text, solar)
    if text.count("/") == 2 and re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}[?~%]?", text):
        text = text.replace("/", "-")
    elif "/" in text and not re.fullmatch(r"\d{4}/\d{1,2}[?~%]?", text):
        raise _not_a_date(raw)
    point = _point(text, solar)
    return Edtf(point.text, point.lower, point.upper, point.precision, point.qualifier)


def _interval(text: str, solar: bool) -> Edtf:
    start_text, end_text = (part.strip() for part in text.split("/"))
    ends: list[_Point | None] = []
    labels: list[str] = []
    for part in (start_text, end_text):
        if part in ("", ".."):
            ends.append(None)
            labels.append(part)
            continue
        point = _point(part, solar)
        ends.append(point)
        labels.append(point.text)
    start, end = ends
    if start is None and end is None:
        raise InvalidValue("an interval needs at least one known end")
    if start is not None and end is not None and start.lower > end.upper:
        raise InvalidValue("the interval ends before it starts")
    # A Solar Hijri month as an interval end becomes its own interval; keep the outer bounds.
    if start is not None and "/" in start.text:
        labels[0] = start.text.split("/")[0]
    if end is not None and "/" in end.text:
        labels[1] = end.text.split("/")[1]
    lower = start.lower if start is not None else None
    upper = end.upper if end is not None else None
    return Edtf("/".join(labels), lower, upper, "interval", "")


class DateType(PropertyType):
    """A date of a fact, stored as EDTF."""

    name = "date"
    max_length = 64
    searchable = False

    def clean_text(self, text: str) -> str:
        """New input: an unmarked year 1200–1499 is Solar Hijri (see the module docstring). Stored
        values are read by :func:`parse_edtf`, which takes Latin digits as Gregorian, so a value
        is never converted twice."""
        if _solar_year(text) and not _SH_MARK.search(text) and _month_named(text.strip()) is None:
            text = f"{text} SH"
        return parse_edtf(text).text

    def bounds(self, value: str) -> tuple[date | None, date | None]:
        parsed = parse_edtf(value)
        return parsed.lower, parsed.upper
