"""Partial and uncertain dates as day intervals, in the Gregorian or Solar Hijri calendar.

A victim list may give a death date as ``1367/05/12`` (Solar Hijri), ``1988-08``, ``1988``,
``Aug 1988`` or the EDTF ``1988-07/1988-09``. Each becomes the interval of days it could mean,
so that two dates compare by what both say: ``1367`` (21 Mar 1988 – 20 Mar 1989) agrees with
``1988-08-03`` at year precision and disagrees with ``1990``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import jdatetime

from dadkhah.names import fold_text

Calendar = Literal["auto", "gregorian", "jalali"]

EPOCH = date(1970, 1, 1)
# In "auto" mode a year below this is a Solar Hijri year (1367 SH = 1988/89). Gregorian years
# this early do not occur in victim lists; Lunar Hijri years (1408 AH = 1987/88) are not
# told apart from Solar Hijri and need ``calendar="gregorian"`` after conversion upstream.
JALALI_BEFORE = 1500

_MONTHS = {
    **{
        m: i
        for i, names in enumerate(
            [
                ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
                ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
                ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
                ("december", "dec"),
            ],
            start=1,
        )
        for m in names
    },
}  # fmt: skip
_JALALI_MONTHS = {
    fold_text(m): i
    for i, m in enumerate(
        ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
         "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
        start=1,
    )
}  # fmt: skip
_JALALI_MARKS = re.compile(r"\b(?:sh|ap|hs|h\.sh|ه\.?\s?ش|هجری شمسی|شمسی)\b|ش$")
_GREGORIAN_MARKS = re.compile(r"\b(?:ad|ce|م|میلادی)\b")
_EDTF_QUALIFIER = re.compile(r"[?~%]$")
_NUMERIC = re.compile(r"^(\d{1,4})(?:[-/. ](\d{1,4}))?(?:[-/. ](\d{1,4}))?$")
_UNSPECIFIED = re.compile(r"^(\d{2,3})(x+)$")  # EDTF 198X (a decade), 19XX (a century)


@dataclass(frozen=True)
class PartialDate:
    """The days a partial date may denote, as day numbers since 1970-01-01 (inclusive)."""

    lo: int
    hi: int
    # Gregorian digits at the precision given ("19880803", "198808", "1988"): typos show here.
    code: str

    @property
    def precision_days(self) -> int:
        return self.hi - self.lo + 1

    @property
    def year(self) -> int:
        """The Gregorian year of the interval's middle (for blocking)."""
        return (EPOCH + timedelta(days=(self.lo + self.hi) // 2)).year

    def start(self) -> date:
        return EPOCH + timedelta(days=self.lo)

    def end(self) -> date:
        return EPOCH + timedelta(days=self.hi)


def _day(d: date) -> int:
    return (d - EPOCH).days


def _gregorian(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        first = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    d = date(year, month, day)
    return d, d


def _jalali(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    if month is None:
        first = jdatetime.date(year, 1, 1).togregorian()
        return first, jdatetime.date(year + 1, 1, 1).togregorian() - timedelta(days=1)
    if day is None:
        first = jdatetime.date(year, month, 1).togregorian()
        nxt = jdatetime.date(year + (month == 12), month % 12 + 1, 1).togregorian()
        return first, nxt - timedelta(days=1)
    d = jdatetime.date(year, month, day).togregorian()
    return d, d


def _interval(year: int, month: int | None, day: int | None, calendar: Calendar) -> PartialDate:
    jalali = calendar == "jalali" or (calendar == "auto" and year < JALALI_BEFORE)
    first, last = (_jalali if jalali else _gregorian)(year, month, day)
    if month is None:
        code = f"{first.year:04d}" if not jalali else f"{year:04d}"
    elif day is None:
        code = f"{first.year:04d}{first.month:02d}" if not jalali else f"{year:04d}{month:02d}"
    else:
        code = f"{first.year:04d}{first.month:02d}{first.day:02d}"
    return PartialDate(_day(first), _day(last), code)


def _widen(d: PartialDate) -> PartialDate:
    """An approximate date (EDTF ~ or %) may be off by one unit of its precision."""
    width = d.precision_days
    pad = 366 if width > 31 else 31 if width > 1 else 7
    return PartialDate(d.lo - pad, d.hi + pad, d.code)


def _parse_one(text: str, calendar: Calendar) -> PartialDate | None:
    approximate = bool(_EDTF_QUALIFIER.search(text))
    text = _EDTF_QUALIFIER.sub("", text).strip()
    if _JALALI_MARKS.search(text):
        calendar = "jalali"
        text = _JALALI_MARKS.sub("", text).strip()
    elif _GREGORIAN_MARKS.search(text):
        calendar = "gregorian"
        text = _GREGORIAN_MARKS.sub("", text).strip()
    parsed = _parse_fields(text, calendar)
    if parsed is None:
        return None
    year, month, day, calendar = parsed
    try:
        result = _interval(year, month, day, calendar)
    except ValueError:
        return None
    return _widen(result) if approximate else result


def _parse_fields(text: str, calendar: Calendar) -> tuple[int, int | None, int | None, Calendar] | None:
    if re.fullmatch(r"\d{8}", text):  # 19880803
        return int(text[:4]), int(text[4:6]), int(text[6:]), calendar
    words = text.replace(",", " ").split()
    if any(w.isalpha() for w in words):
        return _parse_words(words, calendar)
    m = _NUMERIC.match(text)
    if not m:
        return None
    parts = [g for g in m.groups() if g]
    if len(parts) == 1:
        return (int(parts[0]), None, None, calendar) if len(parts[0]) == 4 else None
    if len(parts[0]) == 4 and all(len(p) <= 2 for p in parts[1:]):  # 1988-08-03, 1367/05/12
        return int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else None, calendar
    if len(parts[-1]) == 4 and all(len(p) <= 2 for p in parts[:-1]):  # 03/08/1988, 08/1988
        day = int(parts[0]) if len(parts) == 3 else None
        return int(parts[-1]), int(parts[-2]), day, calendar
    return None


def _parse_words(words: list[str], calendar: Calendar) -> tuple[int, int | None, int | None, Calendar] | None:
    day = year = month = None
    for w in words:
        if w.isdigit():
            if len(w) == 4 or (len(w) == 3 and year is None and day is not None):
                year = int(w)
            elif day is None and len(w) <= 2:
                day = int(w)
            else:
                return None
        elif w in _MONTHS and month is None:
            month, calendar = _MONTHS[w], "gregorian" if calendar == "auto" else calendar
        elif w in _JALALI_MONTHS and month is None:
            month, calendar = _JALALI_MONTHS[w], "jalali"
        else:
            return None
    if year is None or (day is not None and month is None):
        return None
    return year, month, day, calendar


def parse_partial_date(text: str | None, calendar: Calendar = "auto") -> PartialDate | None:
    """Parse a partial date into the interval of days it may denote; ``None`` if unreadable.

    Accepts EDTF (``1988``, ``1988-08``, ``1988-08-03``, ``1988-08-03~``, ``198X``,
    ``1988-07/1988-09``), ``YYYYMMDD``, year-first and day-first numeric dates with ``-``, ``/``
    or ``.``, month names in English or Persian (``5 Aug 1988``, ``12 مرداد 1367``), Persian and
    Arabic-Indic digits. With ``calendar="auto"`` a year below 1500 is Solar Hijri, as is any
    date marked SH / ش / ه.ش or written with a Persian month name.
    """
    if text is None:
        return None
    folded = fold_text(str(text))
    if not folded or folded in {"nan", "none", "null", "unknown", "..", "na", "n/a"}:
        return None
    if m := _UNSPECIFIED.match(folded):
        prefix, unknown = m.group(1), len(m.group(2))
        if len(prefix) + unknown != 4:
            return None
        lo, hi = int(prefix) * 10**unknown, int(prefix) * 10**unknown + 10**unknown - 1
        first, last = _parse_one(str(lo), calendar), _parse_one(str(hi), calendar)
        if first is None or last is None:
            return None
        return PartialDate(first.lo, last.hi, prefix)
    if folded.count("/") == 1 and re.search(r"\d{4}.*/.*\d{4}", folded):  # EDTF interval
        left, right = (part.strip() for part in folded.split("/"))
        a, b = _parse_one(left, calendar), _parse_one(right, calendar)
        if a is None or b is None or b.hi < a.lo:
            return None
        return PartialDate(a.lo, b.hi, _common_prefix(a.code, b.code))
    return _parse_one(folded, calendar)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]
