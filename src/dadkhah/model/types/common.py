"""The base of every property type: ``clean()`` normalises a raw value or rejects it."""

from __future__ import annotations

import unicodedata

from dadkhah.errors import InvalidValue


def check_text(raw: object, *, max_length: int, multiline: bool = False) -> str:
    """Return ``raw`` as NFC text with whitespace tidied; refuse control characters and overlong text.

    Tabs and line breaks are whitespace: kept as line breaks in multi-line text, folded to one space
    elsewhere. Every other control character is refused (they hide text from readers and terminals).
    """
    if not isinstance(raw, str):
        raise InvalidValue(f"expected text, got {type(raw).__name__}")
    text = unicodedata.normalize("NFC", raw)
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in "\n\t\r":
            raise InvalidValue(f"contains the control character U+{ord(ch):04X}")
    if multiline:
        text = "\n".join(" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")).strip()
    else:
        text = " ".join(text.split())
    if not text:
        raise InvalidValue("is empty")
    if len(text) > max_length:
        raise InvalidValue(f"is {len(text)} characters long; the limit is {max_length}")
    return text


class PropertyType:
    """A kind of value. Subclasses override :meth:`clean_text`."""

    name: str = "string"
    #: longest accepted value, in characters
    max_length: int = 1024
    #: whether values may span lines
    multiline: bool = False
    #: whether values are indexed for full-text search
    searchable: bool = True

    def clean(self, raw: object) -> str:
        """Normalise ``raw`` to its stored form or raise :class:`InvalidValue`."""
        return self.clean_text(check_text(raw, max_length=self.max_length, multiline=self.multiline))

    def clean_text(self, text: str) -> str:
        return text

    def validate(self, raw: object) -> bool:
        try:
            self.clean(raw)
        except InvalidValue:
            return False
        return True

    def __repr__(self) -> str:
        return f"<PropertyType {self.name}>"
