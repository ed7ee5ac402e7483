"""Multiple systems estimation: how many victims no list recorded.

Three estimators, each written from its paper:

- :func:`estimate_loglinear` — Poisson log-linear models with stepwise selection of pairwise
  interactions (Bales, Hesketh & Silverman 2015), profile-likelihood intervals, and checks that
  refuse a number when the maximum-likelihood estimate does not exist or is not identifiable;
- :func:`estimate_dga` — Bayesian model averaging over decomposable graphical models
  (Madigan & York 1997, the method of R's dga), up to 5 lists;
- :func:`estimate_lcmcr` — the latent-class model of Manrique-Vallier (2016), a Gibbs sampler
  compiled with numba, with convergence diagnostics over several chains.

Input is a :class:`CaptureTable` (:func:`read_table` for CSV files) or, for a case, capture
records estimated per stratum with :func:`estimate_strata`. Every result carries its assumptions
in plain words.
"""

from dadkhah.estimate.dga import estimate_dga
from dadkhah.estimate.glm import Existence
from dadkhah.estimate.graphs import decomposable_graphs
from dadkhah.estimate.lcmcr import SamplerSettings, estimate_lcmcr
from dadkhah.estimate.loglinear import estimate_loglinear, fit_model, parse_pairs, stepwise
from dadkhah.estimate.plots import plot_format, save_plot, save_trace
from dadkhah.estimate.records import capture_records_from_case
from dadkhah.estimate.result import Estimate, PosteriorN
from dadkhah.estimate.strata import (
    CaptureRecord,
    CaseCaptures,
    StratifiedEstimate,
    StratumEstimate,
    estimate_strata,
    tables_by_stratum,
)
from dadkhah.estimate.table import (
    CaptureTable,
    from_cell_counts,
    from_memberships,
    from_patterns,
    parse_table,
    read_table,
    write_table,
)

METHODS = ("lcmcr", "loglinear", "dga")


def estimate(table: CaptureTable, method: str = "lcmcr", **options: object) -> Estimate:
    """Estimate N for one table with the named method; ``options`` go to that method's function."""
    from dadkhah.errors import InputError

    functions = {"lcmcr": estimate_lcmcr, "loglinear": estimate_loglinear, "dga": estimate_dga}
    if method not in functions:
        raise InputError(f"unknown method '{method}'; choose one of {', '.join(METHODS)}", field="method")
    result: Estimate = functions[method](table, **options)  # type: ignore[operator]
    return result


__all__ = [
    "METHODS",
    "CaptureRecord",
    "CaptureTable",
    "CaseCaptures",
    "Estimate",
    "Existence",
    "PosteriorN",
    "SamplerSettings",
    "StratifiedEstimate",
    "StratumEstimate",
    "capture_records_from_case",
    "decomposable_graphs",
    "estimate",
    "estimate_dga",
    "estimate_lcmcr",
    "estimate_loglinear",
    "estimate_strata",
    "fit_model",
    "from_cell_counts",
    "from_memberships",
    "from_patterns",
    "parse_pairs",
    "read_table",
    "parse_table",
    "plot_format",
    "save_plot",
    "save_trace",
    "stepwise",
    "tables_by_stratum",
    "write_table",
]
