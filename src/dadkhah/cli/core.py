"""Core commands: create a case, record claims, read entities back, search, summarise."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from dadkhah.case import Case
from dadkhah.cli import render
from dadkhah.cli.app import app
from dadkhah.cli.common import (
    AsOption,
    CaseOption,
    EvidenceOption,
    JsonOption,
    LocatorOption,
    SensitivityOption,
    SourceOption,
    acting_user,
    console,
    open_case,
    parse_assignments,
    parse_locator,
    print_json,
    print_notices,
    print_stderr_notices,
    reader_for,
    resolve_source,
    text,
)
from dadkhah.model import Sensitivity


def _level(raw: str | None) -> Sensitivity | None:
    return Sensitivity.parse(raw) if raw else None


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Folder for the new case (created if missing).")],
    name: Annotated[str | None, typer.Option(help="Name of the case.")] = None,
    owner: Annotated[str | None, typer.Option(help="Owner's user name (default: your login).")] = None,
    database: Annotated[
        str | None, typer.Option(help="PostgreSQL URL instead of the embedded SQLite.")
    ] = None,
    schema: Annotated[str | None, typer.Option(help="PostgreSQL schema for this case.")] = None,
    key_file: Annotated[
        Path | None,
        typer.Option("--key-file", help="Protect the case key with a new key file written here."),
    ] = None,
    no_key: Annotated[
        bool, typer.Option("--no-key", help="Create no case key now (add one with 'dadkhah keys init').")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Create a new, empty case, with its key (see 'dadkhah keys --help')."""
    from dadkhah.cli.access import create_case_key

    with Case.init(path, name=name, owner=owner, database_url=database, database_schema=schema) as case:
        how = None if no_key else create_case_key(case, key_file)
        if json_out:
            print_json({"case": str(case.path), "id": case.id, "owner": case.owner, "key": how})
        else:
            console().print(text(f"Created case '{case.name}' in {case.path} (owner: {case.owner})"))


@app.command()
def add(
    ctx: typer.Context,
    schema: Annotated[str, typer.Argument(help="Entity type, e.g. Person, Place, Violation.")],
    sets: Annotated[list[str] | None, typer.Option("--set", help="prop=value; repeat for more.")] = None,
    source: SourceOption = None,
    locator: LocatorOption = None,
    evidence: EvidenceOption = None,
    sensitivity: SensitivityOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Create an entity with claims from one source."""
    with open_case(ctx, case) as opened:
        source_id = resolve_source(opened, source)
        with opened.writer(acting_user(ctx, opened)) as w:
            entity_id = w.create(
                schema,
                parse_assignments(sets),
                source=source_id,
                locator=parse_locator(locator),
                evidence=evidence,
                sensitivity=_level(sensitivity),
            )
    if json_out:
        print_json({"id": entity_id})
    else:
        console().print(text(entity_id))


@app.command()
def claim(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="Entity id.")],
    prop: Annotated[str, typer.Argument(help="Property name.")],
    value: Annotated[str, typer.Argument(help="Value, as the source gives it.")],
    source: SourceOption = None,
    locator: LocatorOption = None,
    evidence: EvidenceOption = None,
    sensitivity: SensitivityOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Add a claim: one property value of an entity, with its source."""
    with open_case(ctx, case) as opened:
        source_id = resolve_source(opened, source)
        with opened.writer(acting_user(ctx, opened)) as w:
            made = w.claim(
                entity.upper(),
                prop,
                value,
                source=source_id,
                locator=parse_locator(locator),
                evidence=evidence,
                sensitivity=_level(sensitivity),
            )
    _print_claim_result(made.to_dict(), json_out)


@app.command()
def supersede(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="CLAIM", help="The claim to correct.")],
    value: Annotated[str, typer.Argument(help="The corrected value.")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why the correction is made.")],
    source: SourceOption = None,
    locator: LocatorOption = None,
    evidence: EvidenceOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Correct a claim. The old claim stays in the history; the new one supersedes it."""
    with open_case(ctx, case) as opened:
        source_id = resolve_source(opened, source)
        with opened.writer(acting_user(ctx, opened)) as w:
            made = w.supersede(
                claim_id.upper(),
                value,
                reason=reason,
                source=source_id,
                locator=parse_locator(locator),
                evidence=evidence,
            )
    _print_claim_result(made.to_dict(), json_out)


@app.command()
def retract(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="CLAIM", help="The claim to withdraw.")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why it is withdrawn.")],
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Withdraw a claim. It stays in the history, marked retracted, with your reason."""
    with open_case(ctx, case) as opened, opened.writer(acting_user(ctx, opened)) as w:
        made = w.retract(claim_id.upper(), reason=reason)
    if json_out:
        print_json(made.to_dict())
    else:
        console().print(text(f"retracted {made.claim_id} ({made.id})"))


def _print_claim_result(data: dict[str, Any], json_out: bool) -> None:
    if json_out:
        print_json(data)
    else:
        console().print(text(data["id"]))


@app.command()
def show(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="Entity id.")],
    history: Annotated[bool, typer.Option("--history", help="Also show every claim ever made.")] = False,
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show an entity: current values, conflicting values with their sources, references."""
    with open_case(ctx, case) as opened:
        view = opened.view(entity, reader_for(ctx, opened, view_as), history=history)
        if json_out:
            print_json(render.view_to_dict(opened.model, view) | {"withheld": view.notices})
        else:
            render.print_view(console(), opened.model, view)
            print_notices(view.notices)


@app.command("history")
def history_command(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="Entity id.")],
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Every claim about an entity, in order, with corrections and withdrawals."""
    with open_case(ctx, case) as opened:
        view = opened.view(entity, reader_for(ctx, opened, view_as), history=True)
        if json_out:
            print_json(render.view_to_dict(opened.model, view)["history"])
            print_stderr_notices(view.notices)
        else:
            render.print_history(console(), view)
            print_notices(view.notices)


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or a name, in any script.")],
    schema: Annotated[str | None, typer.Option("--type", "-t", help="Only this entity type.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Most results to show.")] = 20,
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Find entities by name or text; names match across Persian, Arabic and Latin spellings."""
    from dadkhah.store import captions
    from dadkhah.store.search import search

    with open_case(ctx, case) as opened:
        kind = opened.model.schema(schema).name if schema else None
        with opened.redacted(reader_for(ctx, opened, view_as)) as (conn, red):
            hits = search(conn, query, red.reader, schema=kind, limit=limit, redact=red)
            names = captions(conn, opened.model, [h.entity_id for h in hits], red.reader, redact=red)
            notices = red.notices()
    rows = [
        {
            "id": h.entity_id,
            "type": h.schema,
            "caption": names.get(h.entity_id, ""),
            "matched": h.prop,
            "value": h.value,
        }
        for h in hits
    ]
    if json_out:
        print_json(rows)
        print_stderr_notices(notices)
        return
    table = Table("id", "type", "caption", "matched", box=None)
    for row in rows:
        table.add_row(
            text(row["id"], "dim"),
            text(row["type"]),
            text(row["caption"], "bold"),
            text(f"{row['matched']}: {row['value']}"[:80]),
        )
    console().print(table if rows else text("no matches"))
    print_notices(notices)


@app.command()
def summary(
    ctx: typer.Context, view_as: AsOption = None, case: CaseOption = None, json_out: JsonOption = False
) -> None:
    """What the case holds: entities by type, sources, the span of dated facts."""
    with open_case(ctx, case) as opened:
        result = opened.summary(reader_for(ctx, opened, view_as))
        name, path = opened.name, opened.path
    if json_out:
        print_json({"case": name, "path": str(path), **result.to_dict()})
    else:
        render.print_summary(console(), name, result)
        print_notices(result.notices)


@app.command("schema")
def schema_command(
    ctx: typer.Context,
    schema: Annotated[str | None, typer.Argument(help="An entity type; omit to list them all.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Describe the entity types, their properties and vocabularies."""
    from dadkhah.model import default_model

    model = default_model()
    if schema is None:
        data = model.to_dict()
        if json_out:
            print_json(data)
            return
        table = Table("type", "description", box=None)
        for name, spec in data["schemas"].items():
            table.add_row(text(name, "bold"), text(spec["description"][:100]))
        console().print(table)
        return
    found = model.schema(schema)
    if json_out:
        print_json(found.to_dict())
        return
    render.print_schema(console(), found)
