"""``dadkhah export ftm|csv|jsonl|geojson|ecourt|memorial`` and ``dadkhah import jsonl``.

The commands join the ``export`` and ``import`` groups the evidence vault defines (``export bag``,
``import bag``), so there is one ``export`` group with every format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from dadkhah.cli.common import (
    CaseOption,
    JsonOption,
    LazyModule,
    acting_user,
    console,
    open_case,
    print_json,
    reader_for,
    text,
)
from dadkhah.cli.vault import export_app, import_app

exchange = LazyModule("dadkhah.exchange")

RecipientOption = Annotated[
    str | None,
    typer.Option(
        "--recipient",
        "--as",
        help="Export what this recipient profile (e.g. public) or role would see (default: you).",
    ),
]
OutArgument = Annotated[Path, typer.Argument(help="File or folder to create.")]


def _report(summary: Any, json_out: bool) -> None:
    if json_out:
        print_json(summary.to_dict())
        return
    shown = console()
    shown.print(text(f"Wrote {summary.records:,} record(s) as {summary.format} to {summary.path}"))
    for notice in summary.notices:
        shown.print(text(f"  left out: {notice}", "yellow"))


def _export(
    ctx: typer.Context, fmt: str, out: Path, recipient: str | None, case: Path | None, **options: Any
) -> Any:
    function, _ = exchange.EXPORTS[fmt]
    with open_case(ctx, case) as opened:
        return function(opened, out, reader_for(ctx, opened, recipient), **options)


@export_app.command("ftm")
def export_ftm(
    ctx: typer.Context,
    out: OutArgument,
    recipient: RecipientOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """FollowTheMoney entities as JSON lines, for Aleph / OpenAleph (load with ftm or alephclient)."""
    _report(_export(ctx, "ftm", out, recipient, case), json_out)


@export_app.command("csv")
def export_csv(
    ctx: typer.Context,
    out: OutArgument,
    recipient: RecipientOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """One CSV file per entity type in the folder OUT (safe to open in a spreadsheet)."""
    _report(_export(ctx, "csv", out, recipient, case), json_out)


@export_app.command("jsonl")
def export_jsonl(
    ctx: typer.Context,
    out: OutArgument,
    recipient: RecipientOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Entities with every claim and its provenance, as JSON lines (read back by dadkhah import jsonl)."""
    _report(_export(ctx, "jsonl", out, recipient, case), json_out)


@export_app.command("geojson")
def export_geojson(
    ctx: typer.Context,
    out: OutArgument,
    recipient: RecipientOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Places, events and violations with their dates, as one GeoJSON FeatureCollection."""
    _report(_export(ctx, "geojson", out, recipient, case), json_out)


@export_app.command("ecourt")
def export_ecourt(
    ctx: typer.Context,
    out: OutArgument,
    recipient: RecipientOption = None,
    columns: Annotated[
        str | None,
        typer.Option("--columns", help="Comma-separated fields, each optionally 'Heading=field' (see docs)."),
    ] = None,
    prefix: Annotated[str, typer.Option("--prefix", help="Evidence reference number prefix.")] = "DKH",
    batch: Annotated[int, typer.Option("--batch", help="ERN batch number.")] = 1,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Evidence metadata for a court's e-Court system: OUT/evidence.xlsx and OUT/evidence.csv."""
    chosen = [c for c in (columns or "").split(",") if c.strip()] or None
    summary = _export(ctx, "ecourt", out, recipient, case, columns=chosen, prefix=prefix, batch=batch)
    _report(summary, json_out)


@export_app.command("memorial")
def export_memorial(
    ctx: typer.Context,
    out: OutArgument,
    title: Annotated[
        str | None, typer.Option("--title", help="The site's title (default: the case name).")
    ] = None,
    recipient: RecipientOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """The static bilingual memorial website of the victims, from public claims only (no JavaScript)."""
    with open_case(ctx, case) as opened:
        reader = reader_for(ctx, opened, recipient or "public")
        summary = exchange.export_memorial(opened, out, reader, title=title)
    _report(summary, json_out)


@import_app.command("jsonl")
def import_jsonl(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file made by 'dadkhah export jsonl'.")],
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Take a JSON lines export into this case, keeping every id, time, author and provenance."""
    with open_case(ctx, case) as opened:
        summary = exchange.import_jsonl(opened, file, author=acting_user(ctx, opened))
    if json_out:
        print_json(summary.to_dict())
        return
    console().print(
        text(
            f"Imported {summary.entities:,} entities, {summary.claims:,} claims "
            f"({summary.retractions:,} withdrawn), "
            f"{summary.segments:,} testimony segments, {summary.witnesses:,} witness codes, "
            f"{summary.consents:,} consent events (file sha256 {summary.sha256})"
        )
    )
