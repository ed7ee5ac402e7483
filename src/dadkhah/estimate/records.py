"""Where an in-case estimate gets its capture records: the linked victims of a case."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dadkhah.errors import InvalidValue
from dadkhah.estimate.strata import UNKNOWN, CaseCaptures
from dadkhah.model import parse_edtf

if TYPE_CHECKING:
    from dadkhah.access import Reader
    from dadkhah.case import Case
    from dadkhah.linkage import CaseRecord

#: the fields a case's capture records can be stratified by
STRATA = ("prison", "month", "year", "sex", "burial")


def capture_records_from_case(case: Case, reader: Reader | None = None) -> CaseCaptures:
    """The case's victim lists and, per linked (canonical) victim, the lists that recorded them.

    Each record is ``(lists, strata)``: the frozenset of list (Source) names holding a record of
    that victim after linkage, and the victim's stratification fields — ``prison`` (the place of
    the killing, as most of their records give it), ``month`` and ``year`` of death (from the
    most precise date their records give, when it falls in one month or year), ``sex`` and
    ``burial`` — each ``(unknown)`` when no record says. Read as ``reader`` (default: the owner)
    may see it. Raises :class:`~dadkhah.errors.CaseError` until ``dadkhah link`` has run over
    every list record.
    """
    from dadkhah.linkage import canonical_victims, list_records

    reader = reader or case.reader()
    victims = canonical_victims(case, reader)
    lists = list_records(case, reader)
    names = _list_names(lists.lists)
    places = lists.places
    used = {r.list_id for v in victims for r in v.records}
    records = [
        (frozenset(names[list_id] for list_id in v.lists), _strata(v.records, places)) for v in victims
    ]
    return CaseCaptures(tuple(sorted(names[i] for i in used)), records)


def _list_names(titles: dict[str, str]) -> dict[str, str]:
    """List titles as names, made unique with the id where two lists share a title."""
    counts = Counter(titles.values())
    return {i: t if counts[t] == 1 else f"{t} ({i})" for i, t in titles.items()}


def _strata(records: Iterable[CaseRecord], places: dict[str, str]) -> dict[str, str]:
    records = list(records)
    prison = _most_common(places.get(r.prison, r.prison) for r in records if r.prison)
    burial = _most_common(places.get(r.burial, r.burial) for r in records if r.burial)
    sex = _most_common(r.gender for r in records if r.gender)
    month, year = _death_period(r.death for r in records if r.death)
    return {
        "prison": prison or UNKNOWN,
        "month": month or UNKNOWN,
        "year": year or UNKNOWN,
        "sex": sex or UNKNOWN,
        "burial": burial or UNKNOWN,
    }


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    top = max(counted.values())
    return min(v for v, n in counted.items() if n == top)  # ties: the same answer every time


def _death_period(dates: Iterable[str]) -> tuple[str | None, str | None]:
    """The month and year of death from the narrowest date that falls in one of them."""
    best = None
    for text in dates:
        try:
            parsed = parse_edtf(text)
        except InvalidValue:
            continue
        if parsed.lower is None or parsed.upper is None:
            continue
        width = (parsed.upper - parsed.lower).days
        if best is None or width < best[0]:
            best = (width, parsed.lower, parsed.upper)
    if best is None:
        return None, None
    _, low, high = best
    year = str(low.year) if low.year == high.year else None
    month = f"{low.year}-{low.month:02d}" if year and low.month == high.month else None
    return month, year
