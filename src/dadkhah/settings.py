"""A case's settings, kept in ``dadkhah.toml``, declared once as data with their help text."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dadkhah.errors import CaseError

FILENAME = "dadkhah.toml"


@dataclass(frozen=True)
class Setting:
    section: str
    name: str
    default: Any
    help: str


SETTINGS = (
    Setting("case", "id", "", "Unique identifier of the case (a ULID), set at init."),
    Setting("case", "name", "", "Human-readable name of the case."),
    Setting("case", "owner", "", "The user who created the case; the CLI acts as them by default."),
    Setting("case", "created", "", "When the case was created (UTC, RFC 3339)."),
    Setting(
        "case",
        "default_sensitivity",
        "internal",
        "Sensitivity of a claim when neither the command nor the property says otherwise.",
    ),
    Setting(
        "database",
        "url",
        "sqlite:///dadkhah.db",
        "SQLAlchemy URL; a relative SQLite path is inside the case folder. "
        "For PostgreSQL: postgresql+psycopg://user@host/dbname.",
    ),
    Setting(
        "database", "schema", "", "PostgreSQL schema holding this case's tables (several cases per database)."
    ),
    Setting("blobs", "path", "blobs", "Folder of the content-addressed blob store, relative to the case."),
    Setting("keys", "path", "keys", "Folder of the case's keys, relative to the case."),
)


class Settings:
    """Values of ``dadkhah.toml`` with defaults filled in."""

    def __init__(self, values: dict[str, dict[str, Any]]) -> None:
        self._values = values

    def get(self, section: str, name: str) -> Any:
        for setting in SETTINGS:
            if (setting.section, setting.name) == (section, name):
                return self._values.get(section, {}).get(name, setting.default)
        return self._values.get(section, {}).get(name)

    def section(self, section: str) -> dict[str, Any]:
        defaults = {s.name: s.default for s in SETTINGS if s.section == section}
        return {**defaults, **self._values.get(section, {})}

    @classmethod
    def read(cls, folder: Path) -> Settings:
        path = folder / FILENAME
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise CaseError(
                f"{folder} is not a Dadkhah case (no {FILENAME}); create one with 'dadkhah init'"
            ) from None
        try:
            values = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise CaseError(f"{path}: cannot read settings: {error}") from None
        return cls(values)

    def write(self, folder: Path) -> None:
        """Write ``dadkhah.toml`` (atomically: a crash leaves the old or the new file, never half)."""
        lines = ["# Dadkhah case settings. See docs/settings.md for every option.", ""]
        for section in dict.fromkeys(s.section for s in SETTINGS) | dict.fromkeys(self._values):
            values = self.section(section)
            lines.append(f"[{section}]")
            lines += [f"{name} = {_toml_value(value)}" for name, value in values.items()]
            lines.append("")
        tmp = folder / (FILENAME + ".tmp")
        tmp.write_text("\n".join(lines), encoding="utf-8")
        tmp.replace(folder / FILENAME)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise CaseError(f"cannot write setting value of type {type(value).__name__}")
