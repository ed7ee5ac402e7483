"""``dadkhah dossier``: a case file for a recipient; ``dadkhah dossiers``: those made, what each left out."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from dadkhah.cli.app import app
from dadkhah.cli.common import (
    CaseOption,
    JsonOption,
    acting_user,
    console,
    open_case,
    print_json,
    reader_for,
    text,
)
from dadkhah.errors import InputError


def _scope(allegation: list[str] | None, event: list[str] | None, everything: bool):  # type: ignore[no-untyped-def]
    from dadkhah.dossier import Scope

    chosen = [bool(allegation), bool(event), everything]
    if sum(chosen) != 1:
        raise InputError("give exactly one of --allegation, --event or --all", field="--all")
    if allegation:
        return Scope("allegation", tuple(allegation))
    if event:
        return Scope("event", tuple(event))
    return Scope("all")


def _as_of(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError("not a date such as 2025-06-30", field="--as-of") from None


@app.command("dossier")
def dossier_command(
    ctx: typer.Context,
    recipient: Annotated[
        str,
        typer.Option("--recipient", "-r", help="Who it is for: a recipient profile (e.g. public) or a role."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to create for the case file and its bag.")],
    allegation: Annotated[
        list[str] | None,
        typer.Option("--allegation", help="An allegation the case file argues (repeatable)."),
    ] = None,
    event: Annotated[
        list[str] | None, typer.Option("--event", help="An event it covers (repeatable).")
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="The whole case.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="en or fa.")] = "en",
    prefix: Annotated[
        str, typer.Option("--prefix", help="Evidence reference number prefix, e.g. AMR-OTP.")
    ] = "DKH",
    batch: Annotated[int, typer.Option("--batch", help="ERN batch number (1–9999).")] = 1,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date of the forum analysis (default: the case's last change)."),
    ] = None,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="HTML only (faster).")] = False,
    json_out: JsonOption = False,
    case: CaseOption = None,
) -> None:
    """Make a case file for RECIPIENT: HTML and PDF, exhibits with hashes and proofs, packed as a BagIt bag.

    Everything the recipient may not see — values above their clearance, protected identities,
    testimony without the witness's consent — is left out; the case keeps a log of what was
    left out and why (``dadkhah dossiers ID``). The case file's hashes are recorded in the custody log.
    """
    from dadkhah.cli.log import _passphrase
    from dadkhah.dossier import DossierOptions, build_dossier

    scope = _scope(allegation, event, everything)
    options = DossierOptions(scope, recipient, lang=lang, prefix=prefix, batch=batch, as_of=_as_of(as_of))
    with open_case(ctx, case) as opened:
        reader = reader_for(ctx, opened, recipient)
        if sys.stderr.isatty():
            sys.stderr.write("assembling the case file (a large case takes minutes for the PDF)…\n")
        result = build_dossier(
            opened,
            options,
            out,
            reader=reader,
            author=acting_user(ctx, opened),
            passphrase=_passphrase(opened.custody.is_protected()),
            pdf=not no_pdf,
        )
    if json_out:
        print_json(result.to_dict())
        return
    shown = console()
    shown.print(text(f"Case file {result.id} for {recipient} in {result.out}", "bold"))
    shown.print(text(f"  {result.html}  sha256 {result.html_sha256}"))
    if result.pdf:
        shown.print(text(f"  {result.pdf}  sha256 {result.pdf_sha256}"))
    shown.print(text(f"  bag {result.bag_id} with {result.exhibits} exhibit(s): {result.bag}"))
    shown.print(
        text(f"  verify with: python3 {result.bag}/data/dossier/verify_dossier.py {result.bag}", "dim")
    )
    for notice in result.notices:
        shown.print(text(f"  left out: {notice}", "yellow"))
    shown.print(
        text(f"  {result.left_out} item(s) in the redaction log: dadkhah dossiers {result.id}", "dim")
    )


@app.command("dossiers")
def dossiers_command(
    ctx: typer.Context,
    dossier_id: Annotated[str | None, typer.Argument(help="A case file: show what it left out.")] = None,
    json_out: JsonOption = False,
    case: CaseOption = None,
) -> None:
    """List the case files made, or show one's redaction log (ids and reasons, never values)."""
    from dadkhah.cli.common import require_admin
    from dadkhah.dossier import list_dossiers, redaction_log, summarize

    with open_case(ctx, case) as opened:
        require_admin(ctx, opened)  # the log names what each recipient was refused
        if dossier_id is None:
            found = list_dossiers(opened)
            if json_out:
                print_json([d.to_dict() for d in found])
                return
            table = Table("id", "made", "recipient", "scope", "lang", "exhibits", "html sha256", box=None)
            for d in found:
                table.add_row(
                    text(d.id),
                    text(d.created_at.isoformat(timespec="seconds")),
                    text(d.recipient),
                    text(d.scope.get("kind", "")),
                    text(d.lang),
                    text(str(d.exhibits)),
                    text(d.html_sha256[:16] + "…"),
                )
            console().print(table)
            return
        record, left_out = redaction_log(opened, dossier_id)
    if json_out:
        print_json({"dossier": record.to_dict(), "left_out": [r.to_dict() for r in left_out]})
        return
    shown = console()
    shown.print(
        text(f"Case file {record.id} for {record.recipient} ({record.clearance}, {record.purpose})", "bold")
    )
    table = Table("kind", "reason", "count", box=None)
    for kind, reason, n in summarize(left_out):
        table.add_row(text(kind), text(reason), text(str(n)))
    shown.print(table)
