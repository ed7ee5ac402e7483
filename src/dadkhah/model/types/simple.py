"""Small value types: strings, text, numbers, identifiers, languages, URLs, hashes."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pycountry

from dadkhah.errors import InvalidValue
from dadkhah.model.types.common import PropertyType

_ULID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


class StringType(PropertyType):
    name = "string"


class TextType(PropertyType):
    name = "text"
    max_length = 200_000
    multiline = True


class IdentifierType(PropertyType):
    """A code such as a register number or a pseudonym (``W-0042``)."""

    name = "identifier"
    max_length = 128


class NumberType(PropertyType):
    name = "number"
    searchable = False

    def clean_text(self, text: str) -> str:
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            raise InvalidValue(f"'{text[:40]}' is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidValue("is not a finite number")
        return repr(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


class IntegerType(PropertyType):
    name = "integer"
    searchable = False

    def clean_text(self, text: str) -> str:
        if not re.fullmatch(r"[+-]?\d{1,18}", text):
            raise InvalidValue(f"'{text[:40]}' is not a whole number")
        return str(int(text))


class EntityType(PropertyType):
    """A reference to another entity by its ULID; the store checks that it exists and fits the range."""

    name = "entity"
    searchable = False

    def clean_text(self, text: str) -> str:
        ident = text.upper()
        if not _ULID.match(ident):
            raise InvalidValue(f"'{text[:40]}' is not an entity identifier")
        return ident


class LanguageType(PropertyType):
    """An ISO 639 language code, stored as the two-letter code where one exists (``fa``, ``en``)."""

    name = "language"
    searchable = False

    def clean_text(self, text: str) -> str:
        code = text.strip().lower()
        lang = None
        if len(code) == 2:
            lang = pycountry.languages.get(alpha_2=code)
        elif len(code) == 3:
            lang = pycountry.languages.get(alpha_3=code)
        if lang is None:
            raise InvalidValue(f"'{text[:40]}' is not an ISO 639 language code")
        return str(getattr(lang, "alpha_2", None) or lang.alpha_3)


class UrlType(PropertyType):
    name = "url"
    max_length = 4096
    searchable = False

    def clean_text(self, text: str) -> str:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InvalidValue("is not an http(s) URL")
        return text


class HashType(PropertyType):
    """A hex digest: SHA-256 (64 digits) or SHA-512 (128 digits)."""

    name = "hash"
    searchable = False

    def clean_text(self, text: str) -> str:
        digest = text.lower()
        if not re.fullmatch(r"[0-9a-f]{64}|[0-9a-f]{128}", digest):
            raise InvalidValue("is not a SHA-256 or SHA-512 hex digest")
        return digest


class MimeType(PropertyType):
    name = "mimetype"
    searchable = False

    def clean_text(self, text: str) -> str:
        mime = text.lower()
        if not re.fullmatch(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*(;.*)?", mime):
            raise InvalidValue(f"'{text[:60]}' is not a media type")
        return mime


class BooleanType(PropertyType):
    name = "boolean"
    searchable = False

    def clean_text(self, text: str) -> str:
        word = text.lower()
        if word in ("true", "yes", "1", "y"):
            return "true"
        if word in ("false", "no", "0", "n"):
            return "false"
        raise InvalidValue(f"'{text[:20]}' is not true or false")
