"""Estimates of the number of victims: jobs run in the background, results kept while the server runs.

A job estimates from a capture table (CSV: one 0/1 column per list and a ``count`` column, as
``dadkhah estimate --table`` reads) or, without one, from the case: the canonical victims of the
latest ``dadkhah link`` run and the lists that hold each, as the caller may see them. A job from
the case is shown only to the user who started it: its counts come from what they may see.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from fastapi import Depends

from dadkhah.access import Reader
from dadkhah.errors import DadkhahError, InputError, NotFound
from dadkhah.store import new_id
from dadkhah.web.api import router
from dadkhah.web.api.models import NewEstimate
from dadkhah.web.guard import Caller, caller, needs
from dadkhah.web.state import WebState

api = router("estimates")
METHODS = ("loglinear", "dga", "lcmcr")
MAX_JOBS = 50


def _run(state: WebState, job_id: str, table_csv: str | None, method: str, reader: Reader) -> None:
    from dadkhah import estimate as mse

    job = state.jobs[job_id]
    try:
        if table_csv is None:
            captures = mse.capture_records_from_case(state.case, reader)
            memberships = (lists for lists, _strata in captures.records)
            table = mse.from_memberships(captures.lists, memberships, source="the case's linked victims")
        else:
            table = mse.parse_table(table_csv.encode("utf-8"), source="uploaded table")
        options: dict[str, Any] = {"seed": 1} if method == "lcmcr" else {}
        result = mse.estimate(table, method, **options)
        observed = {
            name: int(table.counts[table.patterns[:, i] == 1].sum()) for i, name in enumerate(table.lists)
        }
        posterior = _curve(result.posterior)
        job.update(status="done", result=result.to_dict(), observed_by_list=observed, posterior=posterior)
    except DadkhahError as exc:
        job.update(status="failed", error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a job reports its failure instead of dying silently
        job.update(status="failed", error=f"{type(exc).__name__} while estimating")
    job["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")


def _curve(found: Any) -> dict[str, Any] | None:
    """The uncertainty about N as (x, y) points for a chart: a histogram of draws, or the grid."""
    if found is None:
        return None
    import numpy as np

    if found.draws is not None:
        counts, edges = np.histogram(np.asarray(found.draws), bins=40)
        mids = (edges[:-1] + edges[1:]) / 2
        return {"kind": found.kind, "x": [round(float(m)) for m in mids], "y": counts.tolist()}
    if found.grid is not None and found.weights is not None:
        step = max(1, len(found.grid) // 200)
        return {
            "kind": found.kind,
            "x": [round(float(v)) for v in found.grid[::step]],
            "y": [float(v) for v in found.weights[::step]],
        }
    return None


@api.post("/estimates", status_code=202, **needs("write"))
def start(body: NewEstimate, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Start an estimate from a capture table, or from the case's linked victims when none is
    given; poll ``GET /estimates/{id}`` for the result."""
    if body.method not in METHODS:
        raise InputError(
            f"unknown method '{body.method[:20]}'; choose one of {', '.join(METHODS)}", field="method"
        )
    state = who.state
    job_id = new_id()
    job = {
        "id": job_id,
        "title": body.title
        or f"{body.method} estimate"
        + (" from the uploaded table" if body.table else " from the case's linked victims"),
        "method": body.method,
        "from_case": body.table is None,
        "status": "running",
        "by": who.name,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with state.jobs_lock:
        if len(state.jobs) >= MAX_JOBS:
            oldest = min(state.jobs, key=lambda k: state.jobs[k]["started_at"])
            del state.jobs[oldest]
        state.jobs[job_id] = job
    threading.Thread(
        target=_run, args=(state, job_id, body.table, body.method, who.reader), daemon=True
    ).start()
    return dict(job)


@api.get("/estimates", **needs("read"))
def jobs(who: Caller = Depends(caller)) -> dict[str, Any]:
    """Estimate jobs of this server run that the caller may see, newest first."""
    with who.state.jobs_lock:
        items = sorted(who.state.jobs.values(), key=lambda j: j["started_at"], reverse=True)
        return {"items": [dict(j) for j in items if _visible(j, who)]}


@api.get("/estimates/{job_id}", **needs("read"))
def job(job_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
    """One estimate job with its result when done."""
    found = who.state.jobs.get(job_id[:64].upper())
    if found is None or not _visible(found, who):
        raise NotFound(f"no estimate job {job_id[:40]}")
    return dict(found)


def _visible(job: dict[str, Any], who: Caller) -> bool:
    """An uploaded table's job is anyone's; one from the case only its starter's (others may see
    less of the case, and counts would tell them about records hidden from them)."""
    return not job.get("from_case") or job["by"] == who.name
