"""English and Persian for outputs people read: dates in both calendars, digits, vocabulary labels.

Dates of facts are EDTF (``1988-07-30``, ``1988-08``, ``1988-07/1988-09``, ``1988-08-05~``). In
English they read as Gregorian dates ("30 July 1988", "about 5 August 1988"); in Persian as Solar
Hijri dates in Persian digits ("۸ مرداد ۱۳۶۷"). A Gregorian month or year does not fall on Solar
Hijri month boundaries, so a month reads as the Solar Hijri months it overlaps ("مرداد–شهریور
۱۳۶۷"), never as a false precise month. Conversion uses ``jdatetime`` (the 33-year arithmetic
rule, exact for 1178–1633 SH).
"""

from __future__ import annotations

from datetime import date, timedelta

from dadkhah.exchange.snapshot import edtf_bounds
from dadkhah.model import default_model, parse_edtf

LANGUAGES = ("en", "fa")
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_SH = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip

#: the vocabulary each kind of term comes from (the model's files hold every label, ``label_fa`` too)
_VOCABULARIES = {
    "act": "acts",
    "event_kind": "event_kinds",
    "role": "involvement_roles",
    "place_kind": "place_kinds",
    "position_kind": "position_kinds",
    "gender": "genders",
    "source_kind": "source_kinds",
}


def persian_digits(text: str) -> str:
    return text.translate(_PERSIAN_DIGITS)


def number(value: int | float, lang: str) -> str:
    text = f"{value:,.0f}" if isinstance(value, float) else f"{value:,}"
    return persian_digits(text.replace(",", "٬")) if lang == "fa" else text


def _solar(day: date) -> tuple[int, int, int]:
    import jdatetime

    solar = jdatetime.date.fromgregorian(date=day)
    return solar.year, solar.month, solar.day


def _en(low: date | None, high: date | None, precision: str) -> str:
    if low is None and high is None:
        return "date unknown"
    if low is None or high is None:
        known = low or high
        assert known is not None
        return (
            f"{'after' if high is None else 'before'} {known.day} {MONTHS_EN[known.month - 1]} {known.year}"
        )
    if precision == "day" or low == high:
        return f"{low.day} {MONTHS_EN[low.month - 1]} {low.year}"
    if precision == "month":
        return f"{MONTHS_EN[low.month - 1]} {low.year}"
    if precision == "year":
        return str(low.year)
    if precision in ("decade", "century"):
        return f"{low.year}–{high.year}"
    start = f"{low.day} {MONTHS_EN[low.month - 1]}"
    if low.year != high.year:
        start += f" {low.year}"
    return f"{start} – {high.day} {MONTHS_EN[high.month - 1]} {high.year}"


def _fa(low: date | None, high: date | None, precision: str) -> str:
    if low is None and high is None:
        return "تاریخ نامعلوم"
    if low is None or high is None:
        known = low or high
        assert known is not None
        y, m, d = _solar(known)
        return f"{'پس از' if high is None else 'پیش از'} {d} {MONTHS_SH[m - 1]} {y}"
    (y1, m1, d1), (y2, m2, d2) = _solar(low), _solar(high)
    if precision == "day" or low == high:
        return f"{d1} {MONTHS_SH[m1 - 1]} {y1}"
    whole_months = d1 == 1 and _solar(high + timedelta(days=1))[2] == 1
    if precision == "interval" and not whole_months:
        return f"{d1} {MONTHS_SH[m1 - 1]} {y1} تا {d2} {MONTHS_SH[m2 - 1]} {y2}"
    if precision in ("year", "decade", "century"):
        return f"{y1}–{y2}" if y1 != y2 else str(y1)
    if (y1, m1) == (y2, m2):
        return f"{MONTHS_SH[m1 - 1]} {y1}"
    if whole_months and (m1, m2) == (1, 12):
        return str(y1) if y1 == y2 else f"{y1}–{y2}"
    if y1 != y2:
        return f"{MONTHS_SH[m1 - 1]} {y1} تا {MONTHS_SH[m2 - 1]} {y2}"
    return f"{MONTHS_SH[m1 - 1]}–{MONTHS_SH[m2 - 1]} {y1}"


def format_date(value: str | None, lang: str = "en") -> str:
    """An EDTF value as people read it, in English (Gregorian) or Persian (Solar Hijri)."""
    if not value:
        return ""
    try:
        parsed = parse_edtf(value)
    except Exception:  # noqa: BLE001 (not a date we can read: show it as written)
        return value
    low, high = edtf_bounds(value)
    text = (_fa if lang == "fa" else _en)(low, high, parsed.precision)
    if parsed.qualifier in ("~", "%"):
        text = ("حدود " if lang == "fa" else "about ") + text
    if parsed.qualifier in ("?", "%"):
        text += "؟" if lang == "fa" else "?"
    return persian_digits(text) if lang == "fa" else text


def vocab_label(kind: str, code: str | None, english: str, lang: str) -> str:
    """A vocabulary term (or, for ``kind`` "schema", an entity type) in the output's language, from
    the model's labels; the English label when there is no translation."""
    if not code:
        return ""
    if lang == "en":
        return english
    model = default_model()
    if kind == "schema":
        schema = model.schemas.get(code)
        return schema.label_in(lang) if schema else english
    vocabulary = model.vocabularies.get(_VOCABULARIES.get(kind, ""))
    term = vocabulary.terms.get(code) if vocabulary else None
    return term.label_in(lang) if term else english


__all__ = [
    "LANGUAGES",
    "MONTHS_EN",
    "MONTHS_SH",
    "format_date",
    "number",
    "persian_digits",
    "vocab_label",
]
