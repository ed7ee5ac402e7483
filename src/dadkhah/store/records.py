"""Claims, retractions and locators as values, and the rule that decides which claims are current."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from dadkhah.errors import InputError
from dadkhah.model.types import Sensitivity

_TIME = re.compile(r"^(\d{1,2}:)?\d{1,2}:\d{2}(\.\d+)?$")


@dataclass(frozen=True)
class Locator:
    """Where inside a source a claim is found: a page, a row, a time range, a testimony segment."""

    page: str | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None
    start: str | None = None  # time in a recording, [hh:]mm:ss
    end: str | None = None
    segment: str | None = None  # a testimony segment identifier
    note: str | None = None

    @classmethod
    def parse(cls, text: str) -> Locator:
        """Read ``page=3,row=57`` / ``time=00:12:03-00:13:10`` / ``segment=ID`` / free text."""
        if "=" not in text:
            return cls(note=text.strip()[:500])
        values: dict[str, Any] = {}
        for part in text.split(","):
            key, _, value = part.partition("=")
            key, value = key.strip().lower(), value.strip()
            if key == "time":
                start, _, end = value.partition("-")
                values["start"], values["end"] = start.strip(), (end.strip() or None)
            elif key in {f.name for f in fields(cls)}:
                values[key] = value
            else:
                raise InputError(
                    f"unknown locator part '{key[:30]}' (use page, row, column, line, time, segment, note)",
                    field="locator",
                )
        return cls.from_dict(values)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Locator:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise InputError(f"unknown locator fields: {', '.join(sorted(unknown))}", field="locator")
        values = {k: v for k, v in data.items() if v not in (None, "")}
        for key in ("row", "line"):
            if key in values:
                try:
                    values[key] = int(values[key])
                except (TypeError, ValueError):
                    raise InputError(f"locator {key} must be a whole number", field="locator") from None
        for key in ("start", "end"):
            if key in values and not _TIME.match(str(values[key])):
                raise InputError(f"locator {key} must be a time such as 00:12:03", field="locator")
        for key, value in values.items():
            if isinstance(value, str) and len(value) > 500:
                raise InputError(f"locator {key} is longer than 500 characters", field="locator")
        return cls(**values)

    def to_json(self) -> str:
        return json.dumps(
            {k: v for k, v in asdict(self).items() if v is not None},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | None) -> Locator | None:
        return cls.from_dict(json.loads(text)) if text else None

    def __str__(self) -> str:
        parts = []
        if self.page:
            parts.append(f"p. {self.page}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.start:
            parts.append(f"{self.start}–{self.end}" if self.end else f"at {self.start}")
        if self.segment:
            parts.append(f"segment {self.segment}")
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)


@dataclass(frozen=True)
class Claim:
    """One property value of one entity, with where it comes from. Never updated, never deleted."""

    id: str
    entity_id: str
    prop: str
    value: str
    source_id: str | None
    author: str
    recorded_at: datetime
    sensitivity: Sensitivity
    original: str | None = None
    locator: Locator | None = None
    evidence_id: str | None = None
    supersedes: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entity": self.entity_id,
            "prop": self.prop,
            "value": self.value,
            "original": self.original,
            "source": self.source_id,
            "locator": json.loads(self.locator.to_json()) if self.locator else None,
            "evidence": self.evidence_id,
            "author": self.author,
            "recorded_at": self.recorded_at.isoformat(),
            "sensitivity": self.sensitivity.label,
            "supersedes": self.supersedes,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Retraction:
    """The withdrawal of a claim, by whom and why. The claim itself stays in the record."""

    id: str
    claim_id: str
    author: str
    reason: str
    recorded_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim": self.claim_id,
            "author": self.author,
            "reason": self.reason,
            "recorded_at": self.recorded_at.isoformat(),
        }


@dataclass(frozen=True)
class Status:
    """Where a claim stands: current, superseded by a later claim, or retracted."""

    state: str  # "current", "superseded" or "retracted"
    by: str | None = None  # the superseding claim or the retraction


def resolve(claims: Iterable[Claim], retracted: Mapping[str, str]) -> dict[str, Status]:
    """The status of every claim.

    ``retracted`` maps a retracted claim's id to its retraction's id. A claim is superseded while
    some claim that supersedes it stands unretracted; retracting a correction therefore restores the
    claim it corrected.
    """
    claims = list(claims)
    live_successor: dict[str, str] = {}
    for claim in claims:
        if claim.supersedes and claim.id not in retracted:
            live_successor[claim.supersedes] = claim.id
    result: dict[str, Status] = {}
    for claim in claims:
        if claim.id in retracted:
            result[claim.id] = Status("retracted", retracted[claim.id])
        elif claim.id in live_successor:
            result[claim.id] = Status("superseded", live_successor[claim.id])
        else:
            result[claim.id] = Status("current")
    return result
