"""Dossier jobs: case files for a recipient, made in the background by the dossier service.

The case file is read for the recipient *as the caller may see it*: previewing a profile never
raises clearance, so a user cannot obtain through a case file what they could not read. The files
go to ``<case>/dossiers/<job id>/``; only the user who asked may download the HTML.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends
from pydantic import Field
from starlette.responses import FileResponse

from dadkhah.errors import DadkhahError, InputError, NotFound
from dadkhah.store import new_id
from dadkhah.web.api import router
from dadkhah.web.api.models import Body, Id
from dadkhah.web.guard import Caller, caller, needs
from dadkhah.web.state import WebState

api = router("dossiers")
SCOPES = ("allegation", "event", "all")


class NewDossier(Body):
    recipient: Annotated[str, Field(min_length=1, max_length=64)]
    scope: Annotated[str, Field(max_length=16)] = "all"
    ids: list[Id] = Field(default_factory=list, max_length=50)
    lang: Annotated[str, Field(max_length=2)] = "en"
    pdf: bool = False


def _run(state: WebState, job_id: str, who: Caller, body: NewDossier) -> None:
    from dadkhah.dossier import DossierOptions, Scope, build_dossier

    job = state.jobs[job_id]
    try:
        scope = Scope(body.scope, tuple(i.upper() for i in body.ids)) if body.scope != "all" else Scope("all")
        options = DossierOptions(scope, body.recipient, lang=body.lang)
        reader = state.case.reader(who.name, view_as=body.recipient)
        out = state.case.path / "dossiers" / job_id
        out.parent.mkdir(exist_ok=True)
        result = build_dossier(state.case, options, out, reader=reader, author=who.name, pdf=body.pdf)
        job.update(
            status="done",
            dossier=result.id,
            html_sha256=result.html_sha256,
            exhibits=result.exhibits,
            left_out=result.left_out,
            notices=list(result.notices),
            html=str(result.html),
        )
    except DadkhahError as exc:
        job.update(status="failed", error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a job reports its failure instead of dying silently
        job.update(status="failed", error=f"{type(exc).__name__} while making the case file")
    job["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")


@api.post("/dossiers", status_code=202, **needs("write"))
def start(body: NewDossier, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Start making a case file for a recipient profile or role; poll ``GET /dossiers/jobs/{id}``."""
    if body.scope not in SCOPES:
        raise InputError(f"scope is one of {', '.join(SCOPES)}", field="scope")
    if (body.scope == "all") == bool(body.ids):
        raise InputError("give ids for an allegation or event scope, and none for all", field="ids")
    who.state.case.reader(who.name, view_as=body.recipient)  # an unknown recipient fails now
    job_id = new_id()
    job = {
        "id": job_id,
        "kind": "dossier",
        "recipient": body.recipient,
        "status": "running",
        "by": who.name,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with who.state.jobs_lock:
        who.state.jobs[job_id] = job
    threading.Thread(target=_run, args=(who.state, job_id, who, body), daemon=True).start()
    return {k: v for k, v in job.items() if k != "html"}


@api.get("/dossiers", **needs("read"))
def dossiers(who: Caller = Depends(caller)) -> dict[str, Any]:
    """Case files made for this case (who asked, for whom, hashes), and this server's jobs."""
    from dadkhah.dossier import list_dossiers

    with who.state.jobs_lock:
        jobs = [
            {k: v for k, v in j.items() if k != "html"}
            for j in who.state.jobs.values()
            if j.get("kind") == "dossier"
        ]
    return {"items": [r.to_dict() for r in list_dossiers(who.state.case)], "jobs": jobs}


def _job(who: Caller, job_id: str) -> dict[str, Any]:
    found = who.state.jobs.get(job_id[:64].upper())
    if found is None or found.get("kind") != "dossier":
        raise NotFound(f"no dossier job {job_id[:40]}")
    return found


@api.get("/dossiers/jobs/{job_id}", **needs("read"))
def job(job_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
    """One dossier job, with the case file's id and hash when done."""
    return {k: v for k, v in _job(who, job_id).items() if k != "html"}


@api.get("/dossiers/jobs/{job_id}/html", **needs("write"))
def html(job_id: str, who: Caller = Depends(caller)) -> FileResponse:
    """The case file's HTML, for the user who asked for it."""
    found = _job(who, job_id)
    if found["by"] != who.name or found.get("status") != "done":
        raise NotFound(f"no finished case file of yours for job {job_id[:40]}")
    return FileResponse(
        found["html"],
        media_type="text/html",
        headers={
            "content-security-policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
        },
    )
