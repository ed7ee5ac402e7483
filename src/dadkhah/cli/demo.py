"""``dadkhah demo``: build the fictional demonstration case and run every capability on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dadkhah.cli.app import app
from dadkhah.cli.common import JsonOption, console, print_json, text


@app.command()
def demo(
    path: Annotated[Path, typer.Argument(help="Folder for the demonstration case.")],
    seed: Annotated[
        int, typer.Option(help="Seed of the generator; the same seed gives the same case.")
    ] = 1988,
    scale: Annotated[float, typer.Option(min=0.01, max=4.0, help="Size relative to the full demo.")] = 1.0,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the folder if it holds a previous demo.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Build the fictional demonstration case into PATH (ground truth goes beside it, in PATH.truth)."""
    from dadkhah.demo.build import build_demo

    out = console()
    report = build_demo(
        path,
        seed=seed,
        scale=scale,
        force=force,
        progress=None if json_out else (lambda line: out.print(text(line))),
    )
    if json_out:
        print_json(report)
        return
    out.print(
        text(f"Demonstration case ready in {report['case']}; ground truth in {report['truth']}", "bold")
    )
