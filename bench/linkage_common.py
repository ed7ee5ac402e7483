"""Shared by the linkage benchmarks: run a measured job in a fresh process, print a table.

Each job runs in its own Python process so that its peak resident memory (``ru_maxrss``) is its
own, and so that DuckDB's caches from one job do not speed up the next.
"""

from __future__ import annotations

import json
import logging
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Job = Callable[[dict[str, Any]], dict[str, Any]]


def run_child(script: Path, job: str, params: dict[str, Any], timeout: int = 7200) -> dict[str, Any]:
    """Run ``script --child job params-json`` and return the JSON it prints last."""
    proc = subprocess.run(
        [sys.executable, str(script), "--child", job, json.dumps(params)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{job} failed ({proc.returncode}):\n{tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def child_main(jobs: dict[str, Job]) -> bool:
    """If this process is a child (``--child job params``), run the job, print JSON, return True."""
    if len(sys.argv) < 4 or sys.argv[1] != "--child":
        return False
    job, params = sys.argv[2], json.loads(sys.argv[3])
    start = time.perf_counter()
    result = jobs[job](params)
    result.setdefault("seconds", time.perf_counter() - start)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    return True


def table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [[_fmt(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(out)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}" if value < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def accuracy(labels: Any, truth: Any) -> dict[str, float]:
    from dadkhah.linkage import pairwise_accuracy

    acc = pairwise_accuracy(list(labels), list(truth))
    return {"precision": acc.precision, "recall": acc.recall, "f1": acc.f1}


def splink_clusters(
    frame: Any,
    *,
    exact: list[str],
    threshold: float,
    names: tuple[str, ...] = ("first_name", "surname", "father_name"),
) -> tuple[Any, int]:
    """Plain splink as a statistician would set it up: the default ``NameComparison`` on
    ``names`` (which must include first_name, surname, father_name), exact matches elsewhere (all
    term-frequency adjusted); blocking on first name + surname, surname + birth year, first name +
    birth year, surname + father's name; λ from near-certain rules, u from 10^6 random pairs, EM
    on two blocks; clusters at ``threshold``. Returns the clusters and the pairs scored ≥ 0.05."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    settings = SettingsCreator(
        unique_id_column_name="record_id",
        link_type="dedupe_only",
        comparisons=[
            *(cl.NameComparison(c).configure(term_frequency_adjustments=True) for c in names),
            *(cl.ExactMatch(c).configure(term_frequency_adjustments=True) for c in exact),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "birth_year"),
            block_on("first_name", "birth_year"),
            block_on("surname", "father_name"),
        ],
    )
    linker = Linker(DuckDBAPI().register(frame), settings, log_level=logging.ERROR)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "birth_year"), block_on("first_name", "surname", "father_name")],
        recall=0.7,
    )
    training.estimate_u_using_random_sampling(max_pairs=1_000_000, seed=1)
    for rule in (block_on("first_name", "surname"), block_on("birth_year", "father_name")):
        training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    predictions = linker.inference.predict(threshold_match_probability=0.05)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    pairs = predictions.as_duckdbpyrelation().aggregate("count(*)").fetchall()[0][0]
    return clusters.as_pandas_dataframe(), int(pairs)
