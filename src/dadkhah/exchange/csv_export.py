"""CSV, one file per entity type, for spreadsheets.

``OUT/Person.csv``, ``OUT/Event.csv``, … hold one row per entity the reader may see: its id, then
one column per property of the type (current values; several values joined with `` | ``), a
``<prop>_label`` column beside every reference with the referred entity's display name, and the
sources the row rests on. Every cell goes through the linkage package's formula-injection guard, so
a name such as ``=HYPERLINK(...)`` arrives as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dadkhah.exchange.output import ExportSummary, staged_folder
from dadkhah.exchange.snapshot import Snapshot, read_snapshot

if TYPE_CHECKING:
    from dadkhah.access import Reader
    from dadkhah.case import Case

SEPARATOR = " | "


def columns(snapshot: Snapshot, schema_name: str) -> list[str]:
    schema = snapshot.model.schemas[schema_name]
    out = ["id"]
    for name, prop in schema.properties.items():
        out.append(name)
        if prop.type.name == "entity":
            out.append(f"{name}_label")
    return [*out, "sources"]


def rows(snapshot: Snapshot, schema_name: str) -> list[list[str]]:
    schema = snapshot.model.schemas[schema_name]
    found = []
    for record in snapshot.of_schema(schema_name):
        if record.schema != schema_name or not record.current():
            continue
        row = [record.id]
        for name, prop in schema.properties.items():
            values = record.values(name)
            row.append(SEPARATOR.join(values))
            if prop.type.name == "entity":
                row.append(SEPARATOR.join(snapshot.caption(v) for v in values))
        row.append(SEPARATOR.join(snapshot.caption(s) for s in record.sources()))
        found.append(row)
    return found


def export_csv(case: Case, out: Path, reader: Reader | None = None) -> ExportSummary:
    """Write ``OUT/<Type>.csv`` for every entity type the reader sees something of."""
    from dadkhah.linkage.csvsafe import write_csv  # the formula-injection guard (heavy package)

    snapshot = read_snapshot(case, reader)
    summary = ExportSummary("csv", Path(out), notices=snapshot.notices)
    with staged_folder(Path(out)) as folder:
        for schema_name in sorted({r.schema for r in snapshot}):
            found = rows(snapshot, schema_name)
            if not found:
                continue
            name = f"{schema_name}.csv"
            summary.records += write_csv(folder / name, columns(snapshot, schema_name), found)
            summary.files.append(name)
    return summary


__all__ = ["SEPARATOR", "columns", "export_csv", "rows"]
