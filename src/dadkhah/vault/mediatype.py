"""The media type of a file: from its first bytes (magic numbers), else its name, else its text.

The content decides: a PDF named ``photo.jpg`` is ``application/pdf``. When the name says
otherwise, both are reported, since a wrong extension is itself a fact worth noting in technical
analysis.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

import filetype

UNKNOWN = "application/octet-stream"


@dataclass(frozen=True)
class MediaType:
    mime: str
    by: str  # "content", "name", "text" or "unknown"
    name_says: str | None = None  # what the extension claims, when it differs from the content


def detect(head: bytes, name: str) -> MediaType:
    """The media type of a file whose first bytes are ``head`` and whose name is ``name``."""
    by_name = mimetypes.guess_type(name, strict=False)[0]
    by_content = filetype.guess_mime(head) if head else None
    if by_content:
        differs = by_name if by_name and by_name != by_content else None
        return MediaType(by_content, "content", differs)
    if by_name:
        return MediaType(by_name, "name")
    if head and _looks_like_text(head):
        return MediaType("text/plain", "text")
    return MediaType(UNKNOWN, "unknown")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut off at the end of the sample
    return True


__all__ = ["UNKNOWN", "MediaType", "detect"]
