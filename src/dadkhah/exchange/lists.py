"""``dadkhah import list``: a victim list file into the case, one Person and Violation per row.

Reading is the linkage service's hostile-input reader (:func:`dadkhah.linkage.read_table`:
UTF-8, UTF-16, Windows-1256, CSV/TSV/XLSX, mixed encodings refused, long cells and control
characters found); turning rows into claims is :func:`import_rows`. The import is one
transaction: every row or none. A bad row is reported with its line, column and reason; with
``skip_bad`` the good rows are imported and the bad ones written to a rejects file (line,
column, reason, then the row as it was, safe to open in a spreadsheet).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from dadkhah.errors import InputError, InvalidData, Problem
from dadkhah.exchange.victims import FIELDS, ListSpec, import_rows
from dadkhah.model import Sensitivity
from dadkhah.store import Writer, is_current
from dadkhah.store.tables import claims, entities

if TYPE_CHECKING:
    from dadkhah.case import Case

NAME_FIELDS = ("full_name", "given_name", "surname", "name_fa", "name_latin")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class ListImport:
    """What an import did."""

    file: str
    source_id: str
    source_title: str
    source_created: bool
    encoding: str | None
    rows: int  # data rows in the file
    imported: int
    people: int
    violations: int
    rejected: list[Problem] = field(default_factory=list)
    rejects_file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "source": self.source_id,
            "source_title": self.source_title,
            "source_created": self.source_created,
            "encoding": self.encoding,
            "rows": self.rows,
            "imported": self.imported,
            "people": self.people,
            "violations": self.violations,
            "rejected": len(self.rejected),
            "rejects_file": self.rejects_file,
        }


def parse_list_map(text: str | None) -> dict[str, str]:
    """``field=column,...`` with the fields of :data:`dadkhah.exchange.victims.FIELDS`."""
    from dadkhah.linkage import parse_mapping

    return parse_mapping(text, known=FIELDS)


def field_map_for(columns: list[str], given: Mapping[str, str], file: str) -> dict[str, str]:
    """The given map, plus every column named like a field (case aside) that it leaves out."""
    mapping = dict(given)
    for name, column in mapping.items():
        if column not in columns:
            raise InputError(f"has no column '{column}' (mapped to {name})", file=file, field=column)
    taken = set(mapping.values())
    for column in columns:
        key = column.strip().lower()
        if key in FIELDS and key not in mapping and column not in taken:
            mapping[key] = column
    if not any(f in mapping for f in NAME_FIELDS):
        raise InputError(
            "has no name column: map one with --map full_name=COLUMN (or given_name=, surname=, name_fa=, "
            f"name_latin=); its columns are {', '.join(columns)}",
            file=file,
        )
    return mapping


def import_list(
    case: Case,
    path: str | Path,
    *,
    source: str,
    author: str,
    field_map: Mapping[str, str] | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    calendar: str = "auto",
    date_order: str = "dmy",
    act: str = "execution",
    event: str | None = None,
    sensitivity: Sensitivity | None = None,
    append: bool = False,
    new_places: bool = False,
    skip_bad: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ListImport:
    """Import the list file at ``path`` as ``source`` (a Source id, title or code; a new victim
    list Source titled ``source`` when none matches). All rows or none; with ``skip_bad``, the
    good rows, the bad ones written there. ``progress(done, total)`` follows the rows."""
    from dadkhah.linkage import read_table

    name = str(path)
    bad: list[Problem] = []
    table = read_table(path, encoding=encoding, sheet=sheet, row_problems=bad)
    mapping = field_map_for(table.columns, field_map or {}, name)
    with case.writer(author) as w:
        source_id, title, created = _source(w, source, sensitivity)
        if not created and not append:
            held = _records_of(w, source_id)
            if held:
                raise InputError(
                    f"source '{title[:60]}' already holds {held:,} list record(s); importing into it again "
                    "would list those people twice (pass --append if this file adds new rows only)",
                    field="source",
                )
        spec = ListSpec(source_id, mapping, calendar, act, event, sensitivity, name, date_order, new_places)
        unreadable = {p.line for p in bad}
        rows = [
            (line, number, dict(zip(table.columns, cells, strict=True)))
            for number, (line, cells) in enumerate(zip(table.lines, table.rows, strict=True), 1)
            if line not in unreadable
        ]
        rejected = list(bad)

        def refuse(line: int, number: int, row: Mapping[str, str], error: InputError) -> None:
            rejected.append(error.problem)

        total = len(table.rows)
        tick = (lambda done: progress(done + len(unreadable), total)) if progress else None
        result = import_rows(w, spec, rows, on_error=refuse, progress=tick)
        rejected.sort(key=lambda p: (p.line or 0, p.field or ""))
        if rejected and skip_bad is None:
            raise InvalidData(
                rejected,
                f"{name}: {len(rejected)} bad row(s); nothing was imported (--skip-bad REJECTS.csv "
                "imports the others and writes these there)",
            )
        rejects = None
        if rejected and skip_bad is not None:
            rejects = str(
                _write_rejects(
                    Path(skip_bad), table.columns, dict(zip(table.lines, table.rows, strict=True)), rejected
                )
            )
    return ListImport(
        name, source_id, title, created, table.encoding, len(table.rows), result.rows,
        len(result.people), len(result.violations), rejected, rejects,
    )  # fmt: skip


def _source(w: Writer, ref: str, sensitivity: Sensitivity | None) -> tuple[str, str, bool]:
    """(Source id, title, created): the Source ``ref`` names by id, title or code, or a new one."""
    ref = ref.strip()
    if not ref:
        raise InputError("--source names the list's source: a Source id, title or code", field="source")
    kinds = ("Source",)
    by_id = w.conn.execute(
        select(entities.c.id).where(entities.c.id == ref.upper(), entities.c.schema.in_(kinds))
    ).first()
    if by_id is not None:
        found = [str(by_id[0])]
    else:
        query = (
            select(claims.c.entity_id)
            .distinct()
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(
                entities.c.schema.in_(kinds),
                claims.c.prop.in_(["title", "code"]),
                claims.c.value == ref,
                is_current(),
            )
        )
        found = [str(row[0]) for row in w.conn.execute(query)]
    if len(found) > 1:
        raise InputError(f"'{ref[:60]}' names {len(found)} sources; give the id", field="source")
    if not found:
        created = w.create("Source", {"title": ref, "kind": "victim_list"}, sensitivity=sensitivity)
        return created, ref, True
    source_id = found[0]
    props = dict(
        w.conn.execute(
            select(claims.c.prop, claims.c.value).where(
                claims.c.entity_id == source_id, claims.c.prop.in_(["title", "kind"]), is_current()
            )
        ).all()
    )
    if props.get("kind") != "victim_list":
        kind = props.get("kind") or "no kind"
        raise InputError(
            f"source '{props.get('title', source_id)[:60]}' is a {kind}, not a victim list: its records "
            "would not be linked; name a victim-list source, or a new title to create one",
            field="source",
        )
    return source_id, props.get("title", source_id), False


def _records_of(w: Writer, source_id: str) -> int:
    query = (
        select(func.count(claims.c.entity_id.distinct()))
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(entities.c.schema == "Person", claims.c.prop == "name", claims.c.source_id == source_id)
    )
    return int(w.conn.execute(query).scalar() or 0)


def _write_rejects(
    path: Path, columns: list[str], rows: dict[int, list[str]], rejected: list[Problem]
) -> Path:
    """line, column, reason, then the row's cells; control characters shown as U+FFFD."""
    from dadkhah.linkage import write_csv

    def shown(cell: str) -> str:
        return _CONTROL.sub("\ufffd", cell)

    write_csv(
        path,
        ["line", "column", "reason", *columns],
        (
            [p.line or "", p.field or "", p.reason, *(shown(c) for c in rows.get(p.line or 0, []))]
            for p in rejected
        ),
    )
    return path
