"""Load list files into the record frame that :func:`link_records` takes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from dadkhah.errors import InputError, InvalidData, Problem
from dadkhah.linkage.files import MAX_CELL_CHARS, Table, read_table
from dadkhah.linkage.spec import FIELDS, NAME_FIELDS


def table_records(table: Table, id_column: str, mapping: Mapping[str, str]) -> pd.DataFrame:
    """Records of one table: ``source`` (the file), ``record_id``, ``line`` and mapped fields.

    Fields not in ``mapping`` are taken from a column of the same name when there is one.
    """
    name = table.path
    columns = {c: i for i, c in enumerate(table.columns)}
    if id_column not in columns:
        raise InputError(f"has no id column '{id_column}'", file=name, field=id_column)
    for field_name, column in mapping.items():
        if column not in columns:
            raise InputError(f"has no column '{column}' (mapped to {field_name})", file=name, field=column)
    used = {f: mapping.get(f, f) for f in FIELDS if mapping.get(f, f) in columns}
    if not any(f in used for f in NAME_FIELDS):
        raise InputError(
            "has no name column: map one with --map name=COLUMN (or given_name=, surname=)",
            file=name,
        )
    ids = [row[columns[id_column]].strip() for row in table.rows]
    problems = [
        Problem("record id is empty", name, line, id_column)
        for rid, line in zip(ids, table.lines, strict=True)
        if not rid
    ]
    first: dict[str, int] = {}
    for rid, line in zip(ids, table.lines, strict=True):
        if rid and rid in first:
            problems.append(Problem(f"record id also on line {first[rid]}", name, line, id_column))
        first.setdefault(rid, line)
    if problems:
        raise InvalidData(problems, f"{name}: {len(problems)} bad record id(s)")
    frame = pd.DataFrame(
        {
            "source": name,
            "record_id": ids,
            "line": table.lines,
            **{f: [row[columns[c]].strip() or None for row in table.rows] for f, c in used.items()},
        }
    )
    frame.attrs["columns"] = used  # field → column, for messages
    return frame


def load_records(
    paths: Sequence[str | Path],
    id_column: str,
    mapping: Mapping[str, str] | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    max_cell_chars: int = MAX_CELL_CHARS,
) -> pd.DataFrame:
    """Read and check every file, then concatenate their records (all files or nothing)."""
    if not paths:
        raise InputError("no list file given")
    names = [str(p) for p in paths]
    if len(set(names)) != len(names):
        raise InputError("the same file is given twice")
    frames = [
        table_records(
            read_table(p, encoding=encoding, sheet=sheet, max_cell_chars=max_cell_chars),
            id_column,
            mapping or {},
        )
        for p in paths
    ]
    records = pd.concat(frames, ignore_index=True)
    records.attrs["columns"] = {k: v for f in frames for k, v in f.attrs["columns"].items()}
    return records
