"""Capture-pattern tables: how many people each combination of lists recorded.

A table over J lists has 2^J cells, one per capture pattern. The all-zero cell (people no list
recorded) is the unknown that multiple systems estimation extrapolates to; every other cell is
observed, and a pattern that does not appear in the input is an observed zero.

Cells are indexed by bitmask: list ``j`` (in the table's list order) is bit ``j``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from dadkhah.errors import InputError, InvalidData, Problem

COUNT_COLUMN = "count"
_INTEGER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class CaptureTable:
    """Counts of people by capture pattern over named lists.

    ``patterns`` is (P, J) of 0/1, ``counts`` is (P,) of non-negative integers; each observed
    pattern appears at most once and the all-zero pattern never appears.
    """

    lists: tuple[str, ...]
    patterns: NDArray[np.int8]
    counts: NDArray[np.int64]
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.patterns.ndim != 2 or self.patterns.shape[1] != len(self.lists):
            raise ValueError("patterns must be (P, J) with one column per list")
        if self.patterns.shape[0] != self.counts.shape[0]:
            raise ValueError("one count per pattern")

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def observed(self) -> int:
        """How many distinct people the lists recorded between them."""
        return int(self.counts.sum())

    def cell_counts(self) -> NDArray[np.int64]:
        """Counts for all 2^J cells by bitmask; cell 0 (unobserved) is 0."""
        full = np.zeros(2**self.n_lists, dtype=np.int64)
        np.add.at(full, self.cell_index(), self.counts)
        return full

    def cell_index(self) -> NDArray[np.int64]:
        weights = (1 << np.arange(self.n_lists)).astype(np.int64)
        return np.asarray(self.patterns.astype(np.int64) @ weights, dtype=np.int64)

    def list_sizes(self) -> dict[str, int]:
        """How many people each list recorded."""
        sizes = self.counts @ self.patterns.astype(np.int64)
        return {name: int(size) for name, size in zip(self.lists, sizes, strict=True)}

    def without_empty_lists(self) -> tuple[CaptureTable, tuple[str, ...]]:
        """This table without lists that recorded nobody, and the names dropped."""
        sizes = self.list_sizes()
        keep = [j for j, name in enumerate(self.lists) if sizes[name] > 0]
        dropped = tuple(name for name in self.lists if sizes[name] == 0)
        if not dropped:
            return self, ()
        lists = tuple(self.lists[j] for j in keep)
        observed = self.nonzero()  # rows left all-zero by the projection all have count 0
        rows = zip(observed.patterns[:, keep].tolist(), observed.counts.tolist(), strict=True)
        return from_patterns(lists, rows, source=self.source), dropped

    def nonzero(self) -> CaptureTable:
        """The same table with zero-count rows removed (zeros are implicit anyway)."""
        keep = self.counts > 0
        return CaptureTable(self.lists, self.patterns[keep], self.counts[keep], self.source)


def from_cell_counts(
    lists: Sequence[str], cells: Sequence[int] | NDArray[np.int64], *, source: str | None = None
) -> CaptureTable:
    """Build a table from 2^J counts indexed by bitmask (cell 0 is ignored)."""
    cells = np.asarray(cells, dtype=np.int64)
    n_lists = len(lists)
    if cells.shape != (2**n_lists,):
        raise ValueError(f"expected {2**n_lists} cells for {n_lists} lists")
    index = np.arange(1, 2**n_lists)
    patterns = ((index[:, None] >> np.arange(n_lists)) & 1).astype(np.int8)
    return CaptureTable(tuple(lists), patterns, cells[1:].copy(), source)


def from_patterns(
    lists: Sequence[str], rows: Iterable[tuple[Sequence[int], int]], *, source: str | None = None
) -> CaptureTable:
    """Build a table from ``(pattern, count)`` pairs, adding counts of repeated patterns.

    Only observed patterns are stored, so many lists cost nothing until a method needs all 2^J
    cells.
    """
    totals: dict[tuple[int, ...], int] = {}
    for pattern, count in rows:
        key = tuple(1 if bit else 0 for bit in pattern)
        if not any(key):
            raise ValueError("the all-zero pattern cannot be observed")
        totals[key] = totals.get(key, 0) + int(count)
    return _sparse(lists, totals, source)


def from_memberships(
    lists: Sequence[str], memberships: Iterable[frozenset[str]], *, source: str | None = None
) -> CaptureTable:
    """Build a table from one set of list names per person (people on no list are skipped)."""
    position = {name: j for j, name in enumerate(lists)}
    totals: dict[tuple[int, ...], int] = {}
    for member_of in memberships:
        bits = [0] * len(lists)
        for name in member_of:
            if name in position:
                bits[position[name]] = 1
        if any(bits):
            key = tuple(bits)
            totals[key] = totals.get(key, 0) + 1
    return _sparse(lists, totals, source)


def _sparse(lists: Sequence[str], totals: Mapping[tuple[int, ...], int], source: str | None) -> CaptureTable:
    keys = sorted(totals)
    patterns = np.array(keys, dtype=np.int8).reshape(len(keys), len(lists))
    counts = np.array([totals[k] for k in keys], dtype=np.int64)
    return CaptureTable(tuple(lists), patterns, counts, source)


def read_table(path: str | Path) -> CaptureTable:
    """Read and validate a capture-pattern CSV: one 0/1 column per list and a ``count`` column."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the table: {error.strerror}", file=name) from error
    return parse_table(raw, source=name)


def parse_table(raw: bytes, *, source: str = "<table>") -> CaptureTable:
    """Validate CSV bytes and return the table; every problem found is reported at once."""
    text = _decode(raw, source)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows_with_lines = [
        (number, row) for number, row in enumerate(rows, start=1) if any(c.strip() for c in row)
    ]
    if not rows_with_lines:
        raise InputError("the table is empty", file=source)
    header_line, header = rows_with_lines[0]
    columns = [cell.strip() for cell in header]
    lists = _check_header(columns, source, header_line)
    count_at = columns.index(COUNT_COLUMN)
    list_at = [j for j, column in enumerate(columns) if column != COUNT_COLUMN]

    problems: list[Problem] = []
    seen: dict[tuple[int, ...], int] = {}
    patterns: list[tuple[int, ...]] = []
    counts: list[int] = []
    for line, row in rows_with_lines[1:]:
        if len(row) != len(columns):
            problems.append(Problem(f"expected {len(columns)} fields, found {len(row)}", source, line))
            continue
        pattern = _parse_pattern(row, list_at, columns, source, line, problems)
        count = _parse_count(row[count_at], source, line, problems)
        if pattern is None or count is None:
            continue
        if not any(pattern):
            problems.append(
                Problem(
                    "the all-zero pattern (on no list) cannot be observed: it is what is estimated",
                    source,
                    line,
                )
            )
            continue
        if pattern in seen:
            problems.append(
                Problem(f"duplicate capture pattern (first given on line {seen[pattern]})", source, line)
            )
            continue
        seen[pattern] = line
        patterns.append(pattern)
        counts.append(count)
    if problems:
        raise InvalidData(problems, summary=f"{source}: {len(problems)} problem(s) in the table")
    if not patterns or sum(counts) == 0:
        raise InputError("the table records nobody: every count is zero or missing", file=source)
    return CaptureTable(
        tuple(lists),
        np.array(patterns, dtype=np.int8).reshape(len(patterns), len(lists)),
        np.array(counts, dtype=np.int64),
        source,
    )


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte {error.start + 1} cannot be decoded); save the table as UTF-8 CSV",
            file=source,
            line=line,
        ) from error


def _check_header(columns: list[str], source: str, line: int) -> list[str]:
    problems: list[Problem] = []
    if COUNT_COLUMN not in columns:
        problems.append(Problem(f"no '{COUNT_COLUMN}' column", source, line))
    seen: set[str] = set()
    for position, column in enumerate(columns, start=1):
        if not column:
            problems.append(Problem(f"column {position} has no name", source, line))
        elif column in seen:
            problems.append(Problem("column name given twice", source, line, column))
        seen.add(column)
    lists = [column for column in columns if column != COUNT_COLUMN]
    if len(lists) < 2:
        problems.append(
            Problem(
                f"needs at least 2 list columns besides '{COUNT_COLUMN}', found {len(lists)}", source, line
            )
        )
    if problems:
        raise InvalidData(problems, summary=f"{source}: bad header")
    return lists


def _parse_pattern(
    row: list[str],
    list_at: list[int],
    columns: list[str],
    source: str,
    line: int,
    problems: list[Problem],
) -> tuple[int, ...] | None:
    bits: list[int] = []
    ok = True
    for j in list_at:
        cell = row[j].strip()
        if cell not in ("0", "1"):
            problems.append(Problem("must be 0 or 1", source, line, columns[j]))
            ok = False
        else:
            bits.append(int(cell))
    return tuple(bits) if ok else None


def _parse_count(cell: str, source: str, line: int, problems: list[Problem]) -> int | None:
    cell = cell.strip()
    if not _INTEGER.fullmatch(cell):
        problems.append(Problem("must be a whole number", source, line, COUNT_COLUMN))
        return None
    count = int(cell)
    if count < 0:
        problems.append(Problem("must not be negative", source, line, COUNT_COLUMN))
        return None
    return count


def write_table(table: CaptureTable) -> str:
    """The table as CSV text, in the format ``read_table`` accepts (observed patterns only)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*table.lists, COUNT_COLUMN])
    for pattern, count in zip(table.patterns, table.counts, strict=True):
        writer.writerow([*(int(b) for b in pattern), int(count)])
    return out.getvalue()


def table_summary(table: CaptureTable) -> Mapping[str, object]:
    """A small description for reports: lists, their sizes and the observed total."""
    return {"lists": list(table.lists), "list_sizes": table.list_sizes(), "observed": table.observed}
