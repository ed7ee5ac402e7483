"""Custody events as canonical JSON (RFC 8785, the JSON Canonicalization Scheme).

A custody event is one leaf of the custody log. It records *that* something happened to evidence
(who, when, to which items, with which hashes), never *what the evidence says*: the log is shown
to recipients and to the public, so an event holds identifiers (ULIDs, witness codes such as
``W-0042``, SHA-256 digests, user ids), never a protected value such as a witness's name, contact
or location. Identifiers are checked for shape (no spaces, so a personal name cannot slip in as
an id) and a few field names that only ever carry personal data are refused; the rest is the
caller's duty.

The canonical bytes are the leaf: the same event always yields the same bytes, so anyone can
re-derive the leaf hash from the decoded event.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import rfc8785

from dadkhah.errors import InputError, IntegrityError

EVENT_VERSION = 1

EVENT_KINDS = frozenset(
    {
        "collected",  # captured at the source (Berkeley Protocol: collection)
        "ingested",  # stored content-addressed in the case
        "derived",  # a working copy made from an original (transcript, redaction, still frame)
        "opened",  # an original's bytes were read
        "exported",  # sent out, e.g. in a bag
        "transferred",  # custody passed to another holder
        "verified",  # hashes and proofs re-checked
        "imported",  # received from another case
        "accessed",  # a record was viewed
    }
)

# Field names whose values are, by their nature, personal data. Refusing them is a guard rail, not
# a guarantee; see the module docstring.
FORBIDDEN_FIELDS = frozenset(
    {"name", "full_name", "real_name", "contact", "phone", "email", "address", "location", "coordinates"}
)

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+\-]{0,199}")
_FIELD = re.compile(r"[a-z][a-z0-9_]{0,63}")
_HASH_ALGS = {"sha256": 64, "sha512": 128}
_HEX = re.compile(r"[0-9a-f]+")

JSON = Any  # a JSON value: None, bool, int, float, str, list of JSON, dict of str to JSON


_SAFE = 2**53 - 1  # the largest integer RFC 8785 writes as written (beyond: a float's spelling)
_COMPACT = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def plain_json(value: object) -> bool:
    """Whether ``value`` is JSON whose compact, key-sorted standard-library encoding *is* its RFC
    8785 form: no floats (RFC 8785 spells numbers its own way), integers within the safe range,
    object keys ASCII strings (sorted alike by code point and by UTF-16 unit), and only the exact
    built-in types. Strings need no check: both escape exactly ``"``, ``\\`` and the control
    characters, in the same spelling (``\\n``, ``\\u001f``), and write the rest as UTF-8."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        return -_SAFE <= value <= _SAFE  # type: ignore[operator]
    if kind is list:
        return all(plain_json(item) for item in value)  # type: ignore[attr-defined]
    if kind is dict:
        return all(
            type(k) is str and k.isascii() and plain_json(item)
            for k, item in value.items()  # type: ignore[attr-defined]
        )
    return False


def canonical_json(value: JSON, *, field: str | None = None) -> bytes:
    """RFC 8785 canonical UTF-8 bytes of a JSON value."""
    if plain_json(value):  # the common case, in C; the rest (and any doubt) goes to rfc8785
        try:
            return _COMPACT(value).encode("utf-8")
        except (UnicodeError, RecursionError, ValueError):
            pass  # a lone surrogate, or nesting too deep: rfc8785 says what is wrong
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as exc:  # NaN, infinities, integers beyond 2^53, bad keys
        raise InputError(f"not representable as canonical JSON: {exc}", field=field) from exc
    except (TypeError, ValueError) as exc:
        raise InputError(f"not a JSON value: {exc}", field=field) from exc


def rfc3339_utc(at: datetime, *, field: str = "at") -> str:
    """``2024-03-01T12:00:00.000000Z``: always UTC, always microseconds, so the form is unique."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise InputError("time must be timezone-aware", field=field)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_rfc3339_utc(text: str, *, field: str = "at") -> datetime:
    """Inverse of ``rfc3339_utc``; only that exact form is accepted."""
    try:
        at = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except (TypeError, ValueError) as exc:
        form = "YYYY-MM-DDTHH:MM:SS.ffffffZ"
        raise InputError(f"not an RFC 3339 UTC time of the form {form}", field=field) from exc
    if rfc3339_utc(at) != text:
        raise InputError("time is not in canonical form", field=field)
    return at


def _check_id(value: object, field: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InputError(
            "must be an identifier (letters, digits and . _ : / @ + -, no spaces, at most 200 characters); "
            "pass an id, never a name",
            field=field,
        )
    return value


def custody_event(
    kind: str,
    *,
    at: datetime,
    actor: str,
    subjects: Sequence[str],
    hashes: Mapping[str, str] | None = None,
    fields: Mapping[str, JSON] | None = None,
) -> dict[str, JSON]:
    """Build and validate a custody event.

    ``actor`` is the id of the user or process acting; ``subjects`` are the ids the event is about
    (evidence items, blobs, bags, cases); ``hashes`` maps an algorithm (``sha256``, ``sha512``) to a
    lowercase hex digest of the bytes concerned; ``fields`` holds further facts (method, tool,
    purpose, a recipient's id...) — never a protected value.
    """
    if kind not in EVENT_KINDS:
        kinds = ", ".join(sorted(EVENT_KINDS))
        raise InputError(f"unknown custody event kind; expected one of {kinds}", field="kind")
    if isinstance(subjects, str):
        raise InputError("must be a list of ids, not one string", field="subjects")
    event: dict[str, JSON] = {
        "v": EVENT_VERSION,
        "kind": kind,
        "at": rfc3339_utc(at),
        "actor": _check_id(actor, "actor"),
        "subjects": [_check_id(s, f"subjects[{i}]") for i, s in enumerate(subjects)],
    }
    if hashes:
        checked: dict[str, str] = {}
        for alg, digest in hashes.items():
            width = _HASH_ALGS.get(alg)
            if width is None:
                algs = ", ".join(_HASH_ALGS)
                raise InputError(f"unknown hash algorithm; expected one of {algs}", field="hashes")
            if not isinstance(digest, str) or len(digest) != width or not _HEX.fullmatch(digest):
                raise InputError(f"must be {width} lowercase hex digits", field=f"hashes.{alg}")
            checked[alg] = digest
        event["hashes"] = checked
    if fields:
        for key in fields:
            if not isinstance(key, str) or not _FIELD.fullmatch(key):
                raise InputError("field names are lowercase letters, digits and _", field="fields")
            if key in FORBIDDEN_FIELDS:
                raise InputError("carries personal data by its name; custody events hold ids only", field=key)
        event["fields"] = dict(fields)
    canonical_json(event, field="fields")  # fail now, not at append time
    return event


def encode_event(event: Mapping[str, JSON]) -> bytes:
    """The leaf bytes of an event: its RFC 8785 canonical JSON."""
    return canonical_json(dict(event))


def decode_event(leaf: bytes, *, index: int | None = None) -> dict[str, JSON]:
    """Parse a leaf back into an event, checking it is canonical and well-formed.

    A leaf that is not canonical JSON, or not a custody event, raises ``IntegrityError`` naming the
    leaf: such bytes were never written by Dadkhah.
    """
    where = "leaf" if index is None else f"leaf {index}"
    try:
        value = json.loads(leaf.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise IntegrityError(f"{where} is not UTF-8 JSON: {exc}") from exc
    try:
        again = canonical_json(value)
    except InputError as exc:
        raise IntegrityError(f"{where} holds a value canonical JSON cannot express") from exc
    if again != leaf:
        raise IntegrityError(f"{where} is JSON but not in RFC 8785 canonical form")
    if not isinstance(value, dict) or value.get("v") != EVENT_VERSION:
        raise IntegrityError(f"{where} is not a version {EVENT_VERSION} custody event")
    try:
        rebuilt = custody_event(
            value["kind"],
            at=parse_rfc3339_utc(value["at"]),
            actor=value["actor"],
            subjects=value["subjects"],
            hashes=value.get("hashes"),
            fields=value.get("fields"),
        )
    except (KeyError, TypeError, InputError) as exc:
        raise IntegrityError(f"{where} is not a valid custody event: {exc}") from exc
    if rebuilt != value:
        raise IntegrityError(f"{where} has members a custody event does not have")
    return value


__all__ = [
    "EVENT_KINDS",
    "EVENT_VERSION",
    "FORBIDDEN_FIELDS",
    "canonical_json",
    "custody_event",
    "decode_event",
    "encode_event",
    "parse_rfc3339_utc",
    "plain_json",
    "rfc3339_utc",
]
