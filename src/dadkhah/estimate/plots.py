"""Plots a person can read: observed against estimated per stratum, and the uncertainty about N.

Drawn with matplotlib's object API (no pyplot state), saved as PNG or SVG by the file's suffix.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from dadkhah.errors import InputError
from dadkhah.estimate.result import Estimate
from dadkhah.estimate.strata import StratifiedEstimate

FORMATS = {".png": "png", ".svg": "svg"}
OBSERVED_COLOUR = "#4c72b0"
ESTIMATE_COLOUR = "#dd8452"


def plot_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError("the plot file must end in .png or .svg", file=str(path), field="plot")
    return FORMATS[suffix]


def save_plot(result: Estimate | StratifiedEstimate, path: str | Path) -> Path:
    """Draw ``result`` (one table or a stratified estimate) and save it to ``path``."""
    path = Path(path)
    kind = plot_format(path)
    rows = _rows(result)
    figure = Figure(figsize=(11, max(3.5, 0.45 * len(rows) + 2.0)), layout="constrained")
    bars, density = figure.subplots(1, 2, width_ratios=[1.1, 1.0])
    _draw_bars(bars, rows, _level(result))
    _draw_density(density, rows)
    method = result.method
    figure.suptitle(f"Documented and estimated victims ({method})", fontsize=12)
    try:
        figure.savefig(path, format=kind, dpi=150)
    except OSError as error:
        raise InputError(f"cannot write the plot: {error.strerror}", file=str(path)) from error
    return path


_Row = tuple[str, int, float | None, float | None, float | None, Estimate | None]


def _level(result: Estimate | StratifiedEstimate) -> float:
    return result.level if isinstance(result, Estimate) else result.total.level


def _rows(result: Estimate | StratifiedEstimate) -> list[_Row]:
    if isinstance(result, Estimate):
        return [("all", result.observed, result.estimate, result.lower, result.upper, result)]
    rows: list[_Row] = [
        (s.label, s.table.observed, *(_triple(s.estimate)), s.estimate) for s in result.strata
    ]
    if len(result.strata) > 1:
        t = result.total
        rows.append(("TOTAL", t.observed, t.estimate, t.lower, t.upper, None))
    return rows


def _triple(estimate: Estimate | None) -> tuple[float | None, float | None, float | None]:
    if estimate is None or not estimate.estimable:
        return None, None, None
    return estimate.estimate, estimate.lower, estimate.upper


def _draw_bars(axes, rows: list[_Row], level: float) -> None:  # type: ignore[no-untyped-def]
    y = np.arange(len(rows))[::-1]
    height = 0.38
    observed = [r[1] for r in rows]
    axes.barh(y + height / 2, observed, height, color=OBSERVED_COLOUR, label="documented (on a list)")
    label: str | None = f"estimated total, {level:.0%} interval"
    for position, (_, obs, est, low, high, _e) in zip(y, rows, strict=True):
        if est is None:
            axes.text(obs, position - height / 2, "  not estimable", va="center", fontsize=8, color="#555555")
            continue
        upper = high if high is not None and np.isfinite(high) else est
        axes.barh(position - height / 2, est, height, color=ESTIMATE_COLOUR, label=label)
        label = None
        axes.errorbar(
            est,
            position - height / 2,
            xerr=[[est - (low if low is not None else est)], [upper - est]],
            fmt="none",
            ecolor="black",
            capsize=3,
            linewidth=1,
        )
    axes.set_yticks(y, [r[0] for r in rows], fontsize=8)
    axes.set_xlabel("people")
    handles, labels = axes.get_legend_handles_labels()
    axes.figure.legend(handles, labels, loc="outside lower left", ncol=2, fontsize=8, frameon=False)
    axes.set_title("Documented against estimated", fontsize=10)


def _draw_density(axes, rows: list[_Row]) -> None:  # type: ignore[no-untyped-def]
    drawn = 0
    label_y = (
        "posterior density"
        if any(r[5] and r[5].posterior and r[5].posterior.kind == "draws" for r in rows)
        else "posterior probability"
    )
    for name, _, _, _, _, estimate in rows:
        posterior = estimate.posterior if estimate is not None and estimate.estimable else None
        if posterior is None:
            continue
        if posterior.kind == "draws" and posterior.draws is not None:
            axes.hist(posterior.draws, bins=60, density=True, histtype="step", linewidth=1.2, label=name)
        elif posterior.grid is not None and posterior.weights is not None:
            weights = posterior.weights
            if posterior.kind == "profile-likelihood":
                label_y = "relative profile likelihood"
            else:
                cut = np.cumsum(weights) <= 0.9995
                grid, weights = posterior.grid[cut], weights[cut]
                axes.plot(grid, weights, linewidth=1.2, label=name)
                drawn += 1
                continue
            axes.plot(posterior.grid, weights, linewidth=1.2, label=name)
        drawn += 1
    if drawn == 0:
        axes.text(0.5, 0.5, "no estimate to show", ha="center", va="center", transform=axes.transAxes)
    elif drawn <= 12:
        axes.legend(fontsize=7)
    axes.set_xlabel("total N (documented + undocumented)")
    axes.set_ylabel(label_y)
    axes.set_title("Uncertainty about N per stratum", fontsize=10)


def save_trace(result: Estimate, path: str | Path) -> Path:
    """Trace plot of an MCMC estimate: N and the occupied latent classes per chain, draw by draw.

    Chains that wander apart, or one that sits at a different level with fewer classes, are the
    multimodality the diagnostics warn about.
    """
    path = Path(path)
    kind = plot_format(path)
    posterior = result.posterior
    if posterior is None or posterior.chains is None:
        raise InputError("a trace needs Markov chain draws: use --method lcmcr", field="trace")
    figure = Figure(figsize=(11, 5.5), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True)
    for index, row in enumerate(posterior.chains):
        top.plot(row, linewidth=0.6, label=f"chain {index + 1}")
    top.set_ylabel("total N")
    top.legend(fontsize=7, ncol=min(len(posterior.chains), 6))
    if posterior.occupied is not None:
        for row in posterior.occupied:
            bottom.step(np.arange(len(row)), row, linewidth=0.6, where="post")
    bottom.set_ylabel("occupied classes")
    bottom.set_xlabel("kept draw")
    figure.suptitle(f"LCMCR traces ({', '.join(result.lists)})", fontsize=12)
    try:
        figure.savefig(path, format=kind, dpi=150)
    except OSError as error:
        raise InputError(f"cannot write the plot: {error.strerror}", file=str(path)) from error
    return path
