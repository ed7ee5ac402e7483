"""Technical metadata read from a file: image EXIF (capture time, GPS, device), PDF information,
audio and video duration and codec.

Extraction never fails an ingest: a file a library cannot parse simply yields less, and the
reason is kept in ``problems`` (recorded in the item's technical metadata). Values are returned
as the text of EvidenceItem properties (``capturedAt``, ``location``, ``pages``, ``duration``...);
``details`` holds everything read, for the ``technicalMetadata`` claim.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from dadkhah.log.canonical import JSON

_EXIF_TIME = re.compile(r"(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"[+-]\d{2}:\d{2}")
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")
_TEXT_LIMIT = 500  # characters kept of any one embedded text value


@dataclass
class Extracted:
    values: dict[str, str] = field(default_factory=dict)
    details: dict[str, JSON] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def extract(path: Path, media_type: str) -> Extracted:
    """Whatever metadata the installed libraries can read from the file at ``path``."""
    found = Extracted()
    family = media_type.split("/", 1)[0]
    try:
        if family == "image":
            _image(path, found)
        elif media_type == "application/pdf":
            _pdf(path, found)
        elif family in ("audio", "video"):
            _media(path, found)
    except Exception as exc:  # noqa: BLE001 (a hostile file may make any parser raise anything)
        found.problems.append(f"{family} metadata unreadable: {type(exc).__name__}: {str(exc)[:200]}")
    return found


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    text = "".join(ch for ch in value if ch.isprintable() or ch == " ").strip().strip("\x00")
    return text[:_TEXT_LIMIT] or None


# -- images -------------------------------------------------------------------------------------


def _image(path: Path, found: Extracted) -> None:
    from PIL import ExifTags, Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # decompression-bomb warnings: pixels are never decoded here
        with Image.open(path) as img:
            found.values["width"], found.values["height"] = str(img.width), str(img.height)
            found.details["format"] = img.format
            exif = img.getexif()
            base = {ExifTags.TAGS.get(k, str(k)): v for k, v in exif.items()}
            sub = {ExifTags.TAGS.get(k, str(k)): v for k, v in exif.get_ifd(ExifTags.IFD.Exif).items()}
            gps = {ExifTags.GPSTAGS.get(k, str(k)): v for k, v in exif.get_ifd(ExifTags.IFD.GPSInfo).items()}
    device = " ".join(t for t in (_text(base.get("Make")), _text(base.get("Model"))) if t)
    if device:
        found.values["device"] = device
    if software := _text(base.get("Software")):
        found.values["software"] = software
    stamp = _text(sub.get("DateTimeOriginal")) or _text(base.get("DateTime"))
    offset = _text(sub.get("OffsetTimeOriginal"))
    if stamp and (captured := _exif_time(stamp, offset)):
        found.values["capturedAt"] = captured
        found.values["date"] = captured[:10]
    point = _gps_point(gps)
    if point:
        found.values["location"] = point
    found.details["exif"] = {k: _plain(v) for k, v in {**base, **sub}.items() if _plain(v) is not None}
    if gps:
        found.details["gps"] = {k: _plain(v) for k, v in gps.items() if _plain(v) is not None}


def _exif_time(stamp: str, offset: str | None) -> str | None:
    """EXIF ``2024:03:01 12:30:05`` (+ ``+03:30``) as ISO 8601; without an offset the zone is unknown."""
    match = _EXIF_TIME.match(stamp)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups())
    try:
        datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 (validating the fields only)
    except ValueError:
        return None
    text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    return text + offset if offset and _OFFSET.fullmatch(offset) else text


def _degrees(value: Any) -> float | None:
    try:
        d, m, s = (
            float(Fraction(x).limit_denominator(10**9)) if not isinstance(x, float) else x for x in value
        )
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return d + m / 60 + s / 3600


def _gps_point(gps: dict[str, Any]) -> str | None:
    lat, lon = _degrees(gps.get("GPSLatitude")), _degrees(gps.get("GPSLongitude"))
    if lat is None or lon is None or lat != lat or lon != lon:
        return None
    if _text(gps.get("GPSLatitudeRef")) == "S":
        lat = -lat
    if _text(gps.get("GPSLongitudeRef")) == "W":
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return f"{lat:.6f},{lon:.6f}"


def _plain(value: Any) -> JSON:
    """An EXIF value as JSON, or None for binary blobs (maker notes, thumbnails)."""
    if isinstance(value, bytes):
        return None
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, bool | int):
        return value if abs(int(value)) < 2**53 else str(value)
    if isinstance(value, float | Fraction) or hasattr(value, "numerator"):
        try:
            number = float(value)
        except (ZeroDivisionError, ValueError):
            return None
        return round(number, 9) if number == number and abs(number) != float("inf") else None
    if isinstance(value, tuple | list):
        items = [_plain(v) for v in value]
        return items if all(i is not None for i in items) else None
    return None


# -- PDF ----------------------------------------------------------------------------------------


def _pdf(path: Path, found: Extracted) -> None:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        found.details["encrypted"] = True
        try:
            reader.decrypt("")
        except Exception:  # noqa: BLE001 (wrong or unsupported encryption: report what we can)
            found.problems.append("PDF is encrypted; its contents were not read")
            return
    found.values["pages"] = str(len(reader.pages))
    info: Any = reader.metadata or {}
    details: dict[str, JSON] = {}
    for key in ("/Title", "/Author", "/Subject", "/Creator", "/Producer", "/CreationDate", "/ModDate"):
        text = _text(info.get(key))
        if text:
            details[key[1:]] = text
    found.details["pdf"] = details
    if details.get("Title"):
        found.values["embeddedTitle"] = str(details["Title"])
    if details.get("Author"):
        found.values["author"] = str(details["Author"])
    if tool := details.get("Creator") or details.get("Producer"):
        found.values["software"] = str(tool)
    created = _pdf_date(str(details.get("CreationDate", "")))
    if created:
        found.values["date"] = created


def _pdf_date(text: str) -> str | None:
    """The date part of a PDF date string ``D:YYYYMMDDHHmmSS…`` as EDTF (``2024``, ``2024-03-01``)."""
    match = _PDF_DATE.match(text)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month and day:
        try:
            datetime(int(year), int(month), int(day))  # noqa: DTZ001 (validating the fields only)
        except ValueError:
            return None
        return f"{year}-{month}-{day}"
    return f"{year}-{month}" if month and 1 <= int(month) <= 12 else year


# -- audio and video ----------------------------------------------------------------------------


def _media(path: Path, found: Extracted) -> None:
    import mutagen

    parsed = mutagen.File(path)
    if parsed is None or parsed.info is None:
        found.problems.append("no audio or video stream a library could read")
        return
    info = parsed.info
    details: dict[str, JSON] = {"container": type(parsed).__name__}
    length = getattr(info, "length", None)
    if isinstance(length, int | float) and length == length and length >= 0:
        found.values["duration"] = f"{round(float(length), 3)}"
        details["duration"] = round(float(length), 3)
    codec = _text(getattr(info, "codec_description", None)) or _text(getattr(info, "codec", None))
    if not codec:
        codec = type(info).__name__.removesuffix("Info").removesuffix("Stream") or None
    if codec:
        found.values["codec"] = codec
        details["codec"] = codec
    for attr in ("bitrate", "sample_rate", "channels", "bits_per_sample"):
        value = getattr(info, attr, None)
        if isinstance(value, int) and value > 0:
            details[attr] = value
    found.details["media"] = details


__all__ = ["Extracted", "extract"]
