"""The root Typer application; each command group lives in its own module and registers here."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from dadkhah.cli.errors import run_guarded

app = typer.Typer(
    name="dadkhah",
    help="Document atrocity crimes, preserve evidence, protect witnesses, build case files.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    ctx: typer.Context,
    case: Annotated[
        Path | None,
        typer.Option("--case", envvar="DADKHAH_CASE", help="Case folder (default: current folder)."),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--user", envvar="DADKHAH_USER", help="Act as this user (default: the case owner)."),
    ] = None,
) -> None:
    ctx.obj = {"case": case, "user": user}


# Each module defines its commands on `app` (or adds a sub-Typer) when imported.
COMMAND_MODULES = (
    "dadkhah.cli.core",
    "dadkhah.cli.demo",
    "dadkhah.cli.law",
    "dadkhah.cli.estimate",
    "dadkhah.cli.vault",
    "dadkhah.cli.log",
    "dadkhah.cli.access",
    "dadkhah.cli.testimony",
    "dadkhah.cli.link",
    "dadkhah.cli.web",
    "dadkhah.cli.dossier",
    "dadkhah.cli.exchange",  # after cli.vault: adds formats to its export and import groups
    "dadkhah.cli.lists",  # after cli.vault: adds `import list`
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name)


def run(args: list[str] | None = None) -> int:
    """Run the CLI with ``args`` (default: ``sys.argv``) and return the exit code."""
    return run_guarded(app, args)


def main() -> None:
    """Console entry point."""
    sys.exit(run())
