"""Read victim lists from CSV or XLSX files that may be hostile or just badly made.

Every problem names the file, the line (the physical line in a CSV file, the row in a sheet)
and the column, never the cell's content. Encodings: UTF-8 (with or without BOM), UTF-16 (with
BOM, or detected from its zero bytes) and Windows-1256 are recognised; a file that mixes
encodings is refused rather than half-decoded.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dadkhah.errors import InputError, InvalidData, Problem

MAX_CELL_CHARS = 4096
# Letters and punctuation of Arabic and Persian text (not the harakat): telling Windows-1256
# Arabic from Latin-1 bytes that cp1256 would turn into stray marks.
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u060c\u061b\u061f\u0640]")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Table:
    """A table of text cells: ``rows[i][j]`` is the cell of column ``columns[j]``."""

    path: str
    columns: list[str]
    rows: list[list[str]]
    lines: list[int]  # where each row starts: CSV line number or sheet row number
    encoding: str | None = None


def read_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    max_cell_chars: int = MAX_CELL_CHARS,
    row_problems: list[Problem] | None = None,
) -> Table:
    """Read a CSV (any of ``, ; tab |`` as delimiter) or XLSX file into a :class:`Table`.

    Raises :class:`InputError` or :class:`InvalidData` naming file, line and column for an
    undecodable or mixed encoding, a missing or duplicated header, a row with more cells than
    the header, a control character, or a cell longer than ``max_cell_chars``. Given a list as
    ``row_problems``, the problems of single rows (the last three) are appended to it instead,
    and those rows kept in the table, for a caller that sets bad rows aside.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    found: list[Problem] = []
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        table = _read_xlsx(path, sheet, found)
    else:
        if sheet is not None:
            raise InputError("--sheet applies to XLSX files only", file=str(path))
        table = _read_csv(path, encoding, found)
    found += cell_problems(table, max_cell_chars)
    if row_problems is not None:
        row_problems.extend(sorted(found, key=lambda p: p.line or 0))
    elif found:
        raise InvalidData(found, f"{table.path}: {len(found)} bad row(s) or cell(s)")
    return table


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    name = str(path)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}'", file=name) from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            raise InputError(
                f"not valid {encoding} at byte {e.start}", file=name, line=_line_of(data, e.start)
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), "utf-16"
    if b"\x00" in data:  # UTF-16 without a BOM: delimiters and digits put NULs on one side
        odd, even, enough = data[1::2].count(0), data[0::2].count(0), max(8, len(data) // 20)
        if odd >= enough and not even:
            return _strict(path, data, "utf-16-le"), "utf-16-le"
        if even >= enough and not odd:
            return _strict(path, data, "utf-16-be"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    # Not UTF-8. If some lines are UTF-8 with non-ASCII letters, the file mixes encodings.
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if max(raw, default=0) < 0x80:
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        raise InputError(
            f"mixes encodings: line {number} is UTF-8 but this line is not; "
            "re-save the file in one encoding (UTF-8)",
            file=name,
            line=_line_of(data, first_bad),
            field=_column_at(data, first_bad),
        )
    text = data.decode("cp1256", errors="replace")
    high = [ch for ch in text if ord(ch) > 0x7F]
    arabic = sum(1 for ch in high if _ARABIC_LETTER.match(ch))
    if "\ufffd" not in text and high and arabic >= 0.8 * len(high):
        return text, "windows-1256"
    raise InputError(
        "is not UTF-8, UTF-16 or Windows-1256 Arabic text; pass --encoding",
        file=name,
        line=_line_of(data, first_bad),
        field=_column_at(data, first_bad),
    )


def _strict(path: Path, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"not valid {encoding} at byte {e.start}", file=str(path)) from None
    return text.lstrip("\ufeff")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _column_at(data: bytes, offset: int) -> str | None:
    """The header name of the column holding byte ``offset``, when it can be told."""
    header_end = data.find(b"\n")
    line_start = data.rfind(b"\n", 0, offset) + 1
    if header_end < 0 or line_start == 0:
        return None
    header = next(csv.reader([data[:header_end].decode("utf-8", "replace").strip("\r")]), [])
    prefix = data[line_start:offset].decode("utf-8", "replace")
    index = len(next(csv.reader([prefix + "\ufffd"]), [])) - 1
    return header[index] if 0 <= index < len(header) else None


def _read_csv(path: Path, encoding: str | None, problems: list[Problem]) -> Table:
    data = path.read_bytes()
    name = str(path)
    if not data.strip():
        raise InputError("is empty", file=name)
    text, used = _decode(path, data, encoding)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("contains a NUL character (binary data?)", file=name, line=line)
    sample = text[:65536]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(64 * 1024 * 1024)  # long cells are refused below, with their line
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            if header is None:
                header = [c.strip() for c in cells]
                start = reader.line_num + 1
                continue
            if any(c.strip() for c in cells):
                if len(cells) > len(header):
                    problems.append(
                        Problem(
                            f"has {len(cells)} cells but the header has {len(header)}",
                            name,
                            start,
                        )
                    )
                rows.append(cells + [""] * (len(header) - len(cells)))
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as e:
        raise InputError(f"is not valid CSV ({e})", file=name, line=reader.line_num) from None
    if header is None:
        raise InputError("has no header row", file=name)
    _check_header(name, header)
    return Table(name, header, rows, lines, used)


def _check_header(name: str, header: list[str]) -> None:
    if not any(header):
        raise InputError("has an empty header row", file=name, line=1)
    for i, col in enumerate(header):
        if not col:
            raise InputError(f"column {i + 1} has no name in the header", file=name, line=1)
        if header.index(col) != i:
            raise InputError("column name appears twice in the header", file=name, line=1, field=col)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, sheet: str | None, problems: list[Problem]) -> Table:
    import openpyxl  # imported here: only XLSX input needs it

    name = str(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged or foreign file
        raise InputError(f"cannot be read as XLSX ({type(e).__name__})", file=name) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(f"has no sheet named '{sheet}'", file=name)
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        header: list[str] | None = None
        rows: list[list[str]] = []
        lines: list[int] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if header is None:
                if any(c.strip() for c in cells):
                    while cells and not cells[-1].strip():
                        cells.pop()
                    header = [c.strip() for c in cells]
                continue
            if any(c.strip() for c in cells):
                extra = [c for c in cells[len(header) :] if c.strip()]
                if extra:
                    problems.append(
                        Problem(f"has {len(cells)} cells but the header has {len(header)}", name, number)
                    )
                cells = cells[: len(header)]
                rows.append(cells + [""] * (len(header) - len(cells)))
                lines.append(number)
    finally:
        book.close()
    if header is None:
        raise InputError("has no header row", file=name)
    _check_header(name, header)
    return Table(name, header, rows, lines, None)


def cell_problems(table: Table, max_cell_chars: int = MAX_CELL_CHARS) -> list[Problem]:
    """Cells too long or holding a control character, each named by line and column."""
    problems: list[Problem] = []
    for row, line in zip(table.rows, table.lines, strict=True):
        for col, cell in zip(table.columns, row, strict=False):
            if len(cell) > max_cell_chars:
                problems.append(
                    Problem(
                        f"cell is {len(cell):,} characters long; the limit is {max_cell_chars:,}",
                        table.path,
                        line,
                        col,
                    )
                )
            elif _FORBIDDEN.search(cell):
                problems.append(Problem("cell contains a control character", table.path, line, col))
    return problems
