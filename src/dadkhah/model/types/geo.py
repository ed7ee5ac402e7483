"""Places: coordinates and ISO 3166 country codes."""

from __future__ import annotations

import re

import pycountry

from dadkhah.errors import InvalidValue
from dadkhah.model.types.common import PropertyType

# ISO 3166-1 reserves these alpha-2 codes for user assignment; fictional countries use them.
_USER_ASSIGNED = (
    {"AA", "ZZ"} | {f"Q{c}" for c in "MNOPQRSTUVWXYZ"} | {f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
)
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_POINT = re.compile(rf"^\s*({_NUMBER})\s*[, ]\s*({_NUMBER})\s*$")


class PointType(PropertyType):
    """A WGS 84 point written ``latitude,longitude`` in decimal degrees."""

    name = "point"
    searchable = False

    def clean_text(self, text: str) -> str:
        match = _POINT.match(text)
        if match is None:
            raise InvalidValue(f"'{text[:40]}' is not 'latitude,longitude' in decimal degrees")
        lat, lon = float(match[1]), float(match[2])
        if not -90 <= lat <= 90:
            raise InvalidValue(f"latitude {lat} is outside -90..90")
        if not -180 <= lon <= 180:
            raise InvalidValue(f"longitude {lon} is outside -180..180")
        return f"{round(lat, 6):.6f},{round(lon, 6):.6f}".replace("-0.000000", "0.000000")

    @staticmethod
    def split(value: str) -> tuple[float, float]:
        lat, lon = value.split(",")
        return float(lat), float(lon)


class CountryType(PropertyType):
    """An ISO 3166-1 alpha-2 code (upper case); alpha-3 codes and English names are converted."""

    name = "country"
    searchable = False

    def clean_text(self, text: str) -> str:
        code = text.strip().upper()
        if code in _USER_ASSIGNED:
            return code
        country = None
        if len(code) == 2:
            country = pycountry.countries.get(alpha_2=code)
        elif len(code) == 3:
            country = pycountry.countries.get(alpha_3=code)
        if country is None:
            try:
                country = pycountry.countries.lookup(text.strip())
            except LookupError:
                country = None
        if country is None:
            raise InvalidValue(f"'{text[:40]}' is not an ISO 3166 country")
        return str(country.alpha_2)
