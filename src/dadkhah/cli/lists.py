"""``dadkhah import list``: a victim list (CSV, TSV or XLSX) into the case, all rows or none.

The command joins the ``import`` group the evidence vault defines (``import bag``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dadkhah.cli.common import (
    CaseOption,
    JsonOption,
    LazyModule,
    SensitivityOption,
    acting_user,
    console,
    open_case,
    print_json,
    progress,
    text,
)
from dadkhah.cli.vault import import_app
from dadkhah.errors import InputError
from dadkhah.model import Sensitivity

lists = LazyModule("dadkhah.exchange.lists")

CALENDARS = ("auto", "gregorian", "solar-hijri")


@import_app.command("list")
def import_list_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The list: CSV or TSV (UTF-8, UTF-16, Windows-1256) or XLSX.")],
    source: Annotated[
        str,
        typer.Option(
            "--source",
            "-s",
            help="The list's Source: an id, title or code; a new title creates a victim-list Source.",
        ),
    ],
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="field=column,... Fields: record_id, full_name, given_name, surname, name_fa, name_latin, "
            "father_name, gender, birth_year, birth_year_sh, age, affiliation, prison, arrest_date, "
            "death_date, burial_place, city, notes. A column named like a field needs no mapping.",
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="CSV encoding (default: detect UTF-8/16, Windows-1256).")
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")] = None,
    calendar: Annotated[
        str,
        typer.Option(
            "--calendar", help="Dates: auto (years below 1500 are Solar Hijri), gregorian or solar-hijri."
        ),
    ] = "auto",
    date_order: Annotated[
        str, typer.Option("--date-order", help="dmy or mdy: how to read 08/07/1988.")
    ] = "dmy",
    act: Annotated[
        str, typer.Option("--act", help="What was done to each victim (acts vocabulary).")
    ] = "execution",
    event: Annotated[str | None, typer.Option("--event", help="An Event the violations belong to.")] = None,
    sensitivity: SensitivityOption = None,
    append: Annotated[
        bool, typer.Option("--append", help="Add rows to a source that already holds list records.")
    ] = False,
    new_places: Annotated[
        bool,
        typer.Option("--new-places", help="Create the prisons and burial places the case does not have yet."),
    ] = False,
    skip_bad: Annotated[
        Path | None,
        typer.Option("--skip-bad", help="Import the good rows and write the bad ones (and why) to this CSV."),
    ] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Import a victim list: one Person and Violation per row, every claim citing the list and row.

    All rows or none: a bad row is reported with its line, column and reason and nothing is
    imported, unless --skip-bad names a file for the bad rows.
    """
    if calendar not in CALENDARS:
        raise InputError(f"--calendar is one of {', '.join(CALENDARS)}", field="--calendar")
    if skip_bad is not None and skip_bad.resolve() == file.resolve():
        raise InputError("--skip-bad would overwrite the list itself", field="--skip-bad")
    level = Sensitivity.parse(sensitivity) if sensitivity else None
    with open_case(ctx, case) as opened, progress(f"Importing {file.name}", None) as bar:
        seen = [0]

        def advance(done: int, total: int) -> None:
            if seen[0] == 0:
                bar.describe(f"Importing {file.name} ({total:,} rows)")
            bar.advance(done - seen[0])
            seen[0] = done

        summary = lists.import_list(
            opened,
            file,
            source=source,
            author=acting_user(ctx, opened),
            field_map=lists.parse_list_map(mapping),
            encoding=encoding,
            sheet=sheet,
            calendar=calendar,
            date_order=date_order,
            act=act,
            event=event,
            sensitivity=level,
            append=append,
            new_places=new_places,
            skip_bad=skip_bad,
            progress=advance,
        )
    if json_out:
        print_json(summary.to_dict())
        return
    c = console()
    made = "created" if summary.source_created else "existing"
    c.print(
        text(
            f"Imported {summary.imported:,} of {summary.rows:,} rows from {summary.file} "
            f"({summary.encoding or 'xlsx'}): {summary.people:,} people, {summary.violations:,} violations, "
            f"citing the {made} source {summary.source_title} [{summary.source_id}]"
        )
    )
    if summary.rejected:
        c.print(text(f"{len(summary.rejected):,} bad row(s) written to {summary.rejects_file}:", "yellow"))
        for problem in summary.rejected[:10]:
            c.print(text(f"  {problem}", "yellow"))
    c.print(text("Link the lists when all are in: dadkhah link", "dim"))
