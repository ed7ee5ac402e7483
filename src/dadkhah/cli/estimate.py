"""``dadkhah estimate``: multiple systems estimation of how many victims no list recorded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from dadkhah.cli.app import app
from dadkhah.cli.common import (
    AsOption,
    CaseOption,
    JsonOption,
    LazyModule,
    console,
    open_case,
    print_json,
    reader_for,
    text,
)
from dadkhah.errors import InputError

if TYPE_CHECKING:
    from dadkhah import estimate as mse
else:
    mse = LazyModule("dadkhah.estimate")

MethodOption = Annotated[
    str,
    typer.Option(
        "--method", "-m", help="lcmcr (latent classes), loglinear (stepwise) or dga (model averaging)."
    ),
]


@app.command("estimate")
def estimate_command(
    ctx: typer.Context,
    table_file: Annotated[
        Path | None,
        typer.Option(
            "--table", "-t", help="Capture-pattern CSV: one 0/1 column per list and a 'count' column."
        ),
    ] = None,
    method: MethodOption = "lcmcr",
    stratify: Annotated[
        str | None, typer.Option("--stratify", help="In a case: fields to stratify by, comma-separated.")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for reproducible sampling.")] = None,
    iterations: Annotated[
        int, typer.Option("--iterations", help="LCMCR: iterations per chain after burn-in.")
    ] = 20_000,
    burn_in: Annotated[
        int, typer.Option("--burn-in", help="LCMCR: iterations discarded per chain.")
    ] = 10_000,
    thin: Annotated[int, typer.Option("--thin", help="LCMCR: keep every n-th iteration.")] = 20,
    chains: Annotated[int, typer.Option("--chains", help="LCMCR: independent chains, compared.")] = 4,
    model: Annotated[
        str | None,
        typer.Option("--model", help="loglinear: fixed interactions, e.g. 'A*B,B*C' (default: stepwise)."),
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help="loglinear stepwise: p-value a new interaction must beat.")
    ] = 0.05,
    delta: Annotated[
        float | None,
        typer.Option("--delta", help="dga: hyper-Dirichlet prior count per cell (default 2^-J)."),
    ] = None,
    level: Annotated[float, typer.Option("--level", help="Interval level.")] = 0.95,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write a plot: OUT.png or OUT.svg.")] = None,
    trace: Annotated[
        Path | None,
        typer.Option("--trace", help="LCMCR with --table: write chain traces, OUT.png or OUT.svg."),
    ] = None,
    view_as: AsOption = None,
    json_out: JsonOption = False,
    case: CaseOption = None,
) -> None:
    """Estimate the total number of victims, documented and undocumented, from overlapping lists."""
    if method not in mse.METHODS:
        raise InputError(f"unknown method '{method}'; choose one of {', '.join(mse.METHODS)}", field="method")
    if not 0.5 <= level < 1.0:
        raise InputError("the level must be at least 0.5 and below 1", field="level")
    if iterations < thin * 2 or thin < 1:
        raise InputError("--iterations must be at least twice --thin", field="iterations")
    for out in (plot, trace):
        if out is not None:
            mse.plot_format(out)  # fail before a long run, not after
    if trace is not None and (method != "lcmcr" or table_file is None):
        raise InputError(
            "--trace draws LCMCR chains for one table: use --table and --method lcmcr", field="trace"
        )
    settings = mse.SamplerSettings(chains=chains, burn_in=burn_in, draws=iterations // thin, thin=thin)
    options: dict[str, Any] = {
        "method": method,
        "seed": seed,
        "settings": settings,
        "threshold": threshold,
        "delta": delta,
        "level": level,
    }
    if table_file is not None:
        if stratify:
            raise InputError(
                "--stratify works inside a case; a table is one stratum already", field="stratify"
            )
        result: mse.Estimate | mse.StratifiedEstimate = _estimate_table(table_file, model, options)
    else:
        if model:
            raise InputError("--model applies to one table (--table)", field="model")
        fields = [f.strip() for f in (stratify or "").split(",") if f.strip()]
        with open_case(ctx, case) as opened:
            captures = mse.capture_records_from_case(opened, reader_for(ctx, opened, view_as))
        result = estimate_case(captures, fields, options)
    if plot is not None:
        mse.save_plot(result, plot)
    if trace is not None and isinstance(result, mse.Estimate):
        mse.save_trace(result, trace)
    if json_out:
        data = result.to_dict()
        if plot is not None:
            data["plot"] = str(plot)
        if trace is not None:
            data["trace"] = str(trace)
        print_json(data)
        return
    if isinstance(result, mse.Estimate):
        _print_estimate(result)
    else:
        _print_strata(result)
    for out in (plot, trace):
        if out is not None:
            console().print(text(f"written to {out}", "dim"))


def _estimate_table(path: Path, model: str | None, options: dict[str, Any]) -> mse.Estimate:
    table = mse.read_table(path)
    method = options["method"]
    if model and method != "loglinear":
        raise InputError("--model applies to --method loglinear", field="model")
    if method == "loglinear":
        pairs = mse.parse_pairs(table.lists, model.split(",")) if model else None
        return mse.estimate_loglinear(
            table, pairs=pairs, threshold=options["threshold"], level=options["level"]
        )
    if method == "dga":
        return mse.estimate_dga(table, delta=options["delta"], level=options["level"], seed=options["seed"])
    return mse.estimate_lcmcr(
        table, settings=options["settings"], seed=options["seed"], level=options["level"]
    )


def estimate_case(
    captures: mse.CaseCaptures, fields: list[str], options: dict[str, Any]
) -> mse.StratifiedEstimate:
    """The in-case path once the capture records are known: stratify, estimate, total."""
    return mse.estimate_strata(captures.records, captures.lists, fields, **options)


def _interval(lower: float | None, upper: float | None) -> str:
    if lower is None:
        return "—"
    high = "∞" if upper is None or upper == float("inf") else f"{upper:,.0f}"
    return f"{lower:,.0f} – {high}"


def _print_estimate(result: mse.Estimate) -> None:
    out = console()
    out.print(text(f"Method: {result.method}   lists: {', '.join(result.lists)}", "bold"))
    table = Table("observed", "estimate", f"{result.level:.0%} interval", "status", box=None, show_edge=False)
    shown = "—" if result.estimate is None else f"{result.estimate:,.0f}"
    table.add_row(
        text(f"{result.observed:,}"),
        text(shown, "bold"),
        text(_interval(result.lower, result.upper)),
        text(result.status),
    )
    out.print(table)
    if result.reason:
        out.print(text(f"Not estimable: {result.reason}", "bold red"))
    _print_details(result)
    _print_notes(result.warnings, result.assumptions)


def _print_details(result: mse.Estimate) -> None:
    out = console()
    details = result.details
    if result.method == "loglinear":
        out.print(text("Model: " + " + ".join(details.get("model", [])), "dim"))
    elif result.method == "dga":
        for top in details.get("top_models", [])[:3]:
            out.print(text(f"model {top['graph']}: posterior probability {top['probability']:.2f}", "dim"))
    elif result.method == "lcmcr":
        out.print(
            text(
                f"chains {details['chains_run']}, split R-hat {details['split_rhat_log_n']:.3f}, effective "
                f"draws {details['effective_sample_size_log_n']:.0f}, seed {details['seed']}, "
                f"{details['iterations_per_second']:,.0f} iterations/s",
                "dim",
            )
        )


def _print_strata(result: mse.StratifiedEstimate) -> None:
    out = console()
    out.print(text(f"Method: {result.method}   lists: {', '.join(result.lists)}", "bold"))
    level = result.total.level
    table = Table("stratum", "lists", "observed", "estimate", f"{level:.0%} interval", "status", box=None)
    for stratum in result.strata:
        e = stratum.estimate
        shown = "—" if e is None or e.estimate is None else f"{e.estimate:,.0f}"
        interval = "—" if e is None else _interval(e.lower, e.upper)
        status = stratum.status if stratum.status == "ok" else "NOT ESTIMABLE"
        table.add_row(
            text(stratum.label),
            text(str(len(stratum.lists_used))),
            text(f"{stratum.table.observed:,}"),
            text(shown),
            text(interval),
            text(status, "" if stratum.status == "ok" else "bold yellow"),
        )
    t = result.total
    table.add_row(
        text("TOTAL", "bold"),
        text(""),
        text(f"{t.observed:,}", "bold"),
        text("—" if t.estimate is None else f"{t.estimate:,.0f}", "bold"),
        text(_interval(t.lower, t.upper), "bold"),
        text(""),
    )
    out.print(table)
    out.print(text(f"Total: {t.combined}", "dim"))
    for stratum in result.strata:
        if stratum.reason:
            out.print(text(f"{stratum.label}: {stratum.reason}", "yellow"))
    warnings = list(result.warnings)
    for stratum in result.strata:
        if stratum.estimate is not None:
            warnings += [f"{stratum.label}: {w}" for w in stratum.estimate.warnings]
    _print_notes(warnings, result.assumptions)


def _print_notes(warnings: list[str], assumptions: list[str]) -> None:
    out = console()
    for warning in warnings:
        out.print(text(f"warning: {warning}", "bold yellow"))
    out.print(text("Assumptions:", "bold"))
    for line in assumptions:
        out.print(text(f"  - {line}"))
