"""The evidence vault: ingest files, register derived copies, open originals, export and import bags."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dadkhah.cli.app import app
from dadkhah.cli.common import (
    AsOption,
    CaseOption,
    JsonOption,
    acting_user,
    console,
    open_case,
    print_json,
    progress,
    reader_for,
    resolve_source,
    text,
)
from dadkhah.errors import InputError
from dadkhah.vault import Capture, IngestResult, ingest_paths, open_original, store_derived

if TYPE_CHECKING:
    from rich.console import Console


def _collected_at(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        raise InputError(
            "not an ISO 8601 time such as 2024-03-01T12:30:00+03:30", field="--collected-at"
        ) from None
    if when.utcoffset() is None:
        raise InputError("give the time zone, e.g. 2024-03-01T12:30:00Z", field="--collected-at")
    return when


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (folders are walked recursively).")],
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Where the files came from: a Source.")
    ] = None,
    collector: Annotated[str | None, typer.Option(help="Who collected them.")] = None,
    method: Annotated[str | None, typer.Option(help="How they were collected.")] = None,
    note: Annotated[str | None, typer.Option(help="A note on this collection.")] = None,
    url: Annotated[str | None, typer.Option(help="The URL they were captured from.")] = None,
    collected_at: Annotated[
        str | None, typer.Option("--collected-at", help="When they were collected (default: now).")
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Record files already ingested from the same path once more.")
    ] = False,
    case: CaseOption = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="One JSON object per file, as each is done.")
    ] = False,
) -> None:
    """Ingest files into the evidence vault: hashed, stored unmodified, described, logged.

    Each file is reported as soon as it is committed. Re-running the same command after an
    interruption skips the files already done and finishes the rest.
    """
    counts = {"ingested": 0, "again": 0, "skipped": 0, "failed": 0}
    with open_case(ctx, case) as opened:
        capture = Capture(
            source=resolve_source(opened, source),
            collector=collector,
            method=method,
            note=note,
            url=url,
            collected_at=_collected_at(collected_at),
        )
        author = acting_user(ctx, opened)
        out = console()
        with progress("Ingesting", None) as bar:  # on a terminal only; the lines stay on stdout
            for result in ingest_paths(opened, paths, capture, author=author, again=again):
                bar.advance(1)
                _report(result, counts, out, json_out)
    if not json_out:
        summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        sys.stderr.write(f"{summary or 'nothing to ingest'}\n")
    if counts["failed"]:
        raise typer.Exit(InputError.exit_code)


def _report(result: IngestResult, counts: dict[str, int], out: Console, json_out: bool) -> None:
    """One file's line, as soon as it is committed."""
    counts[result.status] += 1
    if json_out:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    elif result.status == "failed":
        sys.stderr.write(f"failed   {result.path}: {result.message}\n")
    else:
        out.print(text(f"{result.status:<8} {result.path} → {result.item_id}"))
    sys.stdout.flush()


@app.command()
def derive(
    ctx: typer.Context,
    original: Annotated[str, typer.Argument(help="The evidence item the file was made from.")],
    file: Annotated[Path, typer.Argument(help="The derived file.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind", "-k", help="transcript, translation, redacted, still_frame, excerpt or other."
        ),
    ],
    title: Annotated[str | None, typer.Option(help="Title of the derived copy.")] = None,
    language: Annotated[
        str | None, typer.Option(help="Its language (ISO 639), e.g. for a translation.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="How it was made.")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Register a derived copy of an item; the original stays the evidentiary copy."""
    with open_case(ctx, case) as opened:
        item = store_derived(
            opened,
            original,
            file,
            kind,
            title=title,
            language=language,
            note=note,
            author=acting_user(ctx, opened),
        )
    if json_out:
        print_json({"id": item, "derived_from": original.upper(), "kind": kind})
    else:
        console().print(text(item))


@app.command("open")
def open_command(
    ctx: typer.Context,
    item: Annotated[str, typer.Argument(help="Evidence item.")],
    to: Annotated[
        Path, typer.Option("--to", help="Where to put the working copy (a file or a folder).")
    ] = Path(),
    purpose: Annotated[str | None, typer.Option(help="Why it is opened (recorded in the log).")] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Copy an original out as a working copy (checked against its hashes) and log that it was opened."""
    with open_case(ctx, case) as opened:
        path = open_original(opened, item, to, author=acting_user(ctx, opened), purpose=purpose)
    if json_out:
        print_json({"id": item.upper(), "path": str(path)})
    else:
        console().print(text(str(path)))


export_app = typer.Typer(help="Export evidence for a recipient.", no_args_is_help=True)
import_app = typer.Typer(help="Take in evidence from elsewhere.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


@export_app.command("bag")
def export_bag_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="Folder to create for the bag.")],
    items: Annotated[list[str] | None, typer.Option("--items", help="Evidence item ids (repeat).")] = None,
    all_items: Annotated[bool, typer.Option("--all", help="Every item in the vault.")] = False,
    recipient: Annotated[str | None, typer.Option(help="Who it is for (an id, recorded in the log).")] = None,
    view_as: AsOption = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Write a BagIt bag of items with their custody proofs, signed checkpoint, key and a verifier."""
    from dadkhah.cli.log import _passphrase
    from dadkhah.vault.bag import export_bag

    if bool(items) == all_items:
        raise InputError("give --items ID (repeatable) or --all", field="--items")
    with open_case(ctx, case) as opened:
        summary = export_bag(
            opened,
            out,
            items,
            reader=reader_for(ctx, opened, view_as),
            author=acting_user(ctx, opened),
            recipient=recipient,
            passphrase=_passphrase(opened.custody.is_protected()),
        )
    data = {
        "bag": str(summary.path),
        "id": summary.bag_id,
        "items": summary.items,
        "files": summary.files,
        "bytes": summary.bytes,
        "checkpoint_size": summary.checkpoint_size,
    }
    if json_out:
        print_json(data)
    else:
        console().print(
            text(
                f"Wrote bag {summary.bag_id} to {summary.path}: {summary.items} item(s), "
                f"{summary.files} file(s), {summary.bytes} bytes; verify with: "
                f"python3 {summary.path}/data/verify_bag.py {summary.path}"
            )
        )


@import_app.command("bag")
def import_bag_command(
    ctx: typer.Context,
    bag: Annotated[Path, typer.Argument(help="The bag folder.")],
    key: Annotated[
        str | None,
        typer.Option("--key", help="The sender's verifier key, obtained separately (recommended)."),
    ] = None,
    case: CaseOption = None,
    json_out: JsonOption = False,
) -> None:
    """Verify a bag from another case and take its items in, recording the transfer."""
    from dadkhah.vault.bag import import_bag

    with open_case(ctx, case) as opened:
        summary = import_bag(opened, bag, author=acting_user(ctx, opened), trusted_key=key)
    if json_out:
        print_json(
            {
                "bag": summary.bag_id,
                "origin": summary.origin,
                "source": summary.source_id,
                "items": summary.items,
            }
        )
        return
    out = console()
    if key is None:
        out.print(text("note: verified with the key inside the bag; give --key (received apart from "
                       "the bag) to prove who sent it", "yellow"))  # fmt: skip
    out.print(text(f"Imported bag {summary.bag_id} from {summary.origin} (source {summary.source_id}):"))
    for theirs, ours in summary.items.items():
        out.print(text(f"  {theirs} → {ours}"))
