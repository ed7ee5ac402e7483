"""Partial dates (``1988``, ``1988-07``, ``1988-07-30``) as the interval of days they may mean.

Legal facts are often known only to the year or month. Rules compare intervals: conduct is
certainly after a law came into force only if its earliest day is on or after the law's latest
possible day, and certainly before it only if its latest day is before the law's earliest day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A day, month or year; ``earliest`` and ``latest`` are the first and last day it may mean."""

    earliest: date
    latest: date
    text: str

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read a ``date``, a year (int or str), ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value, value, value.isoformat())
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError("expected a date such as 1988, 1988-07 or 1988-07-30")
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            if month is None:
                return cls(date(year, 1, 1), date(year, 12, 31), text)
            if day is None:
                last = calendar.monthrange(year, month)[1]
                return cls(date(year, month, 1), date(year, month, last), text)
            exact = date(year, month, day)
        except ValueError as error:
            raise ValueError(f"'{text}' is not a real date") from error
        return cls(exact, exact, text)

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def __str__(self) -> str:
        return self.text


def parse_optional(value: Any) -> PartialDate | None:
    return None if value is None else PartialDate.parse(value)
