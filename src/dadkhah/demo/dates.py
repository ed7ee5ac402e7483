"""Dates as the fictional documents write them: Solar Hijri with Persian digits, partial dates."""

from __future__ import annotations

import datetime as dt

import jdatetime

from dadkhah.exchange.i18n import MONTHS_EN as EN_MONTHS
from dadkhah.exchange.i18n import MONTHS_SH as SH_MONTHS
from dadkhah.exchange.i18n import persian_digits

SH_MONTHS_LATIN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip


def fa_digits(text: str | int) -> str:
    return persian_digits(str(text))


def to_sh(day: dt.date) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day


def sh_year_of(day: dt.date) -> int:
    return to_sh(day)[0]


def sh_year_for_gregorian_year(year: int) -> int:
    """The Solar Hijri year holding most of a Gregorian year's spring-to-winter (1988 -> 1367)."""
    return year - 621


def edtf(day: dt.date, precision: str) -> str:
    """``day`` cut to ``precision`` (day | month | year) as an EDTF string."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    raise ValueError(precision)


def sh_numeric(day: dt.date, precision: str, *, pad: bool = True, sep: str = "/") -> str:
    """``1367/05/09``, ``1367/05`` or ``1367`` (or unpadded ``1367/5/9``), ASCII digits."""
    y, m, d = to_sh(day)
    if precision == "year":
        return str(y)
    ms = f"{m:02d}" if pad else str(m)
    if precision == "month":
        return f"{y}{sep}{ms}"
    ds = f"{d:02d}" if pad else str(d)
    return f"{y}{sep}{ms}{sep}{ds}"


def sh_words(day: dt.date, precision: str) -> str:
    """``9 مرداد 1367`` or ``مرداد 1367`` (ASCII digits; apply :func:`fa_digits` for Persian)."""
    y, m, d = to_sh(day)
    if precision == "year":
        return str(y)
    if precision == "month":
        return f"{SH_MONTHS[m - 1]} {y}"
    return f"{d} {SH_MONTHS[m - 1]} {y}"


def en_words(day: dt.date, precision: str = "day") -> str:
    """``31 July 1988``, ``July 1988`` or ``1988``."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


def fa_words(day: dt.date, precision: str = "day") -> str:
    """Persian prose form with Persian digits: ``۹ مرداد ۱۳۶۷``."""
    return fa_digits(sh_words(day, precision))
