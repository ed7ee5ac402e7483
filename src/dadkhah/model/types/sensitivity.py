"""Sensitivity levels, lowest to highest; a reader sees a value only up to their clearance."""

from __future__ import annotations

from enum import IntEnum

from dadkhah.errors import InvalidValue
from dadkhah.model.types.common import PropertyType


class Sensitivity(IntEnum):
    PUBLIC = 0
    INTERNAL = 1
    CONFIDENTIAL = 2
    PROTECTED = 3  # encrypted at rest: a witness's real name, contact, location

    @classmethod
    def parse(cls, raw: str | int | Sensitivity) -> Sensitivity:
        if isinstance(raw, Sensitivity):
            return raw
        if isinstance(raw, int):
            return cls(raw)
        try:
            return cls[raw.strip().upper()]
        except KeyError:
            names = ", ".join(level.label for level in cls)
            raise InvalidValue(f"'{raw[:30]}' is not a sensitivity level ({names})") from None

    @property
    def label(self) -> str:
        return self.name.lower()

    def __str__(self) -> str:
        return self.label


class SensitivityType(PropertyType):
    name = "sensitivity"
    searchable = False

    def clean_text(self, text: str) -> str:
        return Sensitivity.parse(text).label
