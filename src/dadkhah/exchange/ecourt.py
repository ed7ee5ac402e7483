"""Evidence metadata for a court's e-Court system, as a spreadsheet (XLSX) and CSV.

In the style of the ICC's e-Court protocol: one row per document, identified by its evidence
reference numbers (ERN, first and last page), with title, document date, type, author, source,
language, pages, confidentiality and the related witness's code (law.md §3; the protocol's exact
field list is unverified [U], so the columns are configurable). ``columns`` is a list of field
names, each optionally renamed with ``Header=field``::

    export_ecourt(case, out, columns=["Doc ID=ern_start", "End ID=ern_end", "title", "pages"])

The XLSX is written with fixed document properties so that the same case gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dadkhah.errors import InputError
from dadkhah.exchange.exhibits import DEFAULT_PREFIX, Exhibit, number_exhibits, vault_items
from dadkhah.exchange.output import ExportSummary, staged_folder
from dadkhah.exchange.snapshot import read_snapshot

if TYPE_CHECKING:
    from dadkhah.access import Reader
    from dadkhah.case import Case

#: every field a column may hold, with its default heading
FIELDS: dict[str, str] = {
    "ern_start": "ERN start",
    "ern_end": "ERN end",
    "title": "Title",
    "document_date": "Document date",
    "document_type": "Document type",
    "author": "Author",
    "source": "Source",
    "language": "Language",
    "pages": "Pages",
    "confidentiality": "Confidentiality",
    "related_witness": "Related witness",
    "media_type": "Media type",
    "size": "Size (bytes)",
    "sha256": "SHA-256",
    "sha512": "SHA-512",
    "derived_from": "Derived from (ERN)",
    "derivation": "Kind of copy",
    "item_id": "Dadkhah item",
}
DEFAULT_COLUMNS = (
    "ern_start",
    "ern_end",
    "title",
    "document_date",
    "document_type",
    "author",
    "source",
    "language",
    "pages",
    "confidentiality",
    "related_witness",
    "sha256",
)
_FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC).replace(tzinfo=None)  # openpyxl writes naive times


@dataclass(frozen=True)
class Column:
    header: str
    field: str


def parse_columns(spec: Sequence[str] | None) -> list[Column]:
    """Columns from ``field`` or ``Header=field`` items (default: :data:`DEFAULT_COLUMNS`)."""
    chosen = []
    for item in spec or DEFAULT_COLUMNS:
        header, sep, name = item.rpartition("=")
        name = name.strip()
        if name not in FIELDS:
            raise InputError(
                f"unknown e-Court field '{name[:40]}' (fields: {', '.join(FIELDS)})", field="columns"
            )
        chosen.append(Column(header.strip() if sep and header.strip() else FIELDS[name], name))
    if not chosen:
        raise InputError("give at least one column", field="columns")
    return chosen


def _value(exhibit: Exhibit, field: str, erns: dict[str, str]) -> str | int | None:
    values: dict[str, str | int | None] = {
        "ern_start": exhibit.ern_start,
        "ern_end": exhibit.ern_end,
        "title": exhibit.title,
        "document_date": exhibit.date,
        "document_type": exhibit.type,
        "author": exhibit.author,
        "source": exhibit.source,
        "language": exhibit.language,
        "pages": exhibit.pages,
        "confidentiality": exhibit.confidentiality,
        "related_witness": exhibit.witness,
        "media_type": exhibit.media_type,
        "size": exhibit.size,
        "sha256": exhibit.sha256,
        "sha512": exhibit.sha512,
        "derived_from": erns.get(exhibit.derived_from or "", exhibit.derived_from),
        "derivation": exhibit.derivation,
        "item_id": exhibit.item,
    }
    return values[field]


def table(exhibits: list[Exhibit], columns: list[Column]) -> list[list[str | int | None]]:
    erns = {e.item: e.ern_start for e in exhibits}
    return [[_value(e, c.field, erns) for c in columns] for e in exhibits]


def export_ecourt(
    case: Case,
    out: Path,
    reader: Reader | None = None,
    *,
    columns: Sequence[str] | None = None,
    prefix: str = DEFAULT_PREFIX,
    batch: int = 1,
) -> ExportSummary:
    """Write ``OUT/evidence.xlsx`` and ``OUT/evidence.csv`` listing every exhibit the reader may be given."""
    from dadkhah.linkage.csvsafe import write_csv  # the formula-injection guard (heavy package)

    chosen = parse_columns(columns)
    snapshot = read_snapshot(case, reader)
    with case.reading() as conn:
        stored = vault_items(conn)
    exhibits = number_exhibits(snapshot, stored, stored, prefix=prefix, batch=batch)
    rows = table(exhibits, chosen)
    headers = [c.header for c in chosen]
    summary = ExportSummary("ecourt", Path(out), notices=snapshot.notices, records=len(rows))
    with staged_folder(Path(out)) as folder:
        write_csv(folder / "evidence.csv", headers, rows)
        _xlsx(folder / "evidence.xlsx", headers, rows)
        summary.files = ["evidence.csv", "evidence.xlsx"]
    return summary


def _xlsx(path: Path, headers: list[str], rows: list[list[str | int | None]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from dadkhah.linkage.csvsafe import safe_cell

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Evidence"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Numbers stay numbers; text is written as text (never a formula), guarded like the CSV.
        sheet.append([v if isinstance(v, int) else (safe_cell(v) if v is not None else None) for v in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    book.properties.creator = "Dadkhah"
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    book.save(path)


__all__ = ["DEFAULT_COLUMNS", "FIELDS", "Column", "export_ecourt", "parse_columns", "table"]
