"""What a linkage run compares: the standard fields, and the settings of one run."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

from dadkhah.errors import InputError
from dadkhah.linkage.dates import Calendar

FieldKind = Literal[
    "name", "given", "surname", "father", "date", "year", "place", "shared", "category",
    "identifier", "code", "text",
]  # fmt: skip

# The fields a list may have, and how each is compared. Input columns are mapped onto these
# names (``--map field=column``); a column already named like a field is used as it is.
FIELDS: dict[str, FieldKind] = {
    "name": "name",  # a full name in one cell
    "given_name": "given",
    "surname": "surname",
    "father_name": "father",
    "birth_date": "date",
    "birth_year": "year",
    "death_date": "date",
    "death_year": "year",
    "arrest_date": "date",
    "arrest_year": "year",
    "birth_place": "place",
    "death_place": "place",
    "prison": "shared",  # shared by many victims: never strong evidence on its own
    "burial_place": "shared",
    "gender": "category",
    "national_id": "identifier",
    "address": "text",
    "street_number": "code",
    "locality": "place",
    "postcode": "code",
    "region": "category",
}
NAME_FIELDS = ("name", "given_name", "surname")

LinkType = Literal["link_and_dedupe", "link_only", "dedupe_only"]
EmptyNames = Literal["error", "skip", "keep"]


@dataclass(frozen=True)
class LinkSpec:
    """Settings of one linkage run.

    ``threshold`` is the match probability at or above which two records are put in one cluster;
    pairs from ``keep_pairs_above`` up are reported with their probability (the band below the
    threshold is what a reviewer looks at). ``link_type``: ``link_and_dedupe`` links records
    within and across lists, ``link_only`` only across lists.
    """

    threshold: float = 0.9
    keep_pairs_above: float = 0.05
    link_type: LinkType = "link_and_dedupe"
    calendar: Calendar = "auto"
    empty_names: EmptyNames = "error"
    # Random pairs sampled to estimate u (how often non-matches agree); 10^6 gives the F1 of
    # 10^7 on FEBRL4 in a fifth of the time (statistics.md §6).
    u_max_pairs: int = 1_000_000
    # A blocking rule whose comparisons exceed this is narrowed with another field; None means
    # 20 per record (at least two million).
    max_pairs_per_rule: int | None = None
    em_max_iterations: int = 25
    seed: int = 19880719
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise InputError("the threshold must be between 0 and 1", field="threshold")
        if not 0.0 <= self.keep_pairs_above <= self.threshold:
            raise InputError("pairs are kept from a probability below the threshold", field="keep")


def parse_mapping(text: str | None, known: Collection[str] = tuple(FIELDS)) -> dict[str, str]:
    """Parse ``field=column,field=column`` into a dict, rejecting fields not in ``known``."""
    mapping: dict[str, str] = {}
    if not text:
        return mapping
    for item in text.split(","):
        if not item.strip():
            continue
        key, sep, column = item.partition("=")
        key, column = key.strip(), column.strip()
        if not sep or not key or not column:
            raise InputError(f"'{item.strip()}' is not field=column", field="--map")
        if key not in known:
            raise InputError(f"unknown field '{key}'; known fields: {', '.join(known)}", field="--map")
        if key in mapping:
            raise InputError(f"field '{key}' is mapped twice", field="--map")
        mapping[key] = column
    return mapping
