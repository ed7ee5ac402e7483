"""The pages. Each reads through the caller's redaction, exactly as the API does."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from dadkhah import testimony
from dadkhah.errors import DadkhahError, NotFound
from dadkhah.model import Sensitivity
from dadkhah.store import Locator, captions
from dadkhah.store.reading import entity_view
from dadkhah.store.search import search as search_claims
from dadkhah.web import accounts, data
from dadkhah.web.api.cases import allegation_rows
from dadkhah.web.api.evidence import item_subject
from dadkhah.web.guard import Caller, GuardedRoute, caller, needs, web_state
from dadkhah.web.problems import WebProblem
from dadkhah.web.signin import secure_cookies, set_session_cookie, sign_in, sign_out
from dadkhah.web.ui.i18n import LANGUAGES
from dadkhah.web.ui.render import LANG_COOKIE, language, page

ui = APIRouter(route_class=GuardedRoute, include_in_schema=False)
LOGIN_COOKIE = "dk_login"
VISUAL = ("image/", "video/")


def _local(target: str | None) -> str:
    """A path on this site to return to (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# -- signing in ---------------------------------------------------------------------------------


@ui.get("/login", **needs("public"))
def login_page(request: Request, next: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    token = secrets.token_urlsafe(24)
    response = page(request, "login.html", login_token=token, next=_local(next), error=None)
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        max_age=1800,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request, web_state(request)),
        path="/login",
    )
    return response


@ui.post("/login", **needs("public"))
def login_submit(
    request: Request,
    user: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1024)],
    login_token: Annotated[str, Form(max_length=100)],
    otp: Annotated[str | None, Form(max_length=12)] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, login_token):
        raise WebProblem(403, "the sign-in form expired; reload the page and try again")
    state = web_state(request)
    try:
        cookie, _ = sign_in(state, request, user, password, otp or None)
    except WebProblem as problem:
        refused = page(
            request,
            "login.html",
            status=problem.status,
            login_token=expected,
            next=_local(next),
            error=problem.detail,
            user=user[:200],
        )
        for key, value in problem.headers.items():
            refused.headers[key] = value
        return refused
    response: Response = RedirectResponse(_local(next), status_code=303)
    set_session_cookie(response, request, state, cookie)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@ui.post("/logout", **needs("read"))
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    sign_out(web_state(request), request, response)
    return response


@ui.get("/lang/{code}", **needs("public"))
def set_language(
    code: str, request: Request, next: Annotated[str | None, Query(max_length=500)] = None
) -> Response:
    """Switch the interface language (a preference kept in the browser only)."""
    response = RedirectResponse(_local(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE,
            code,
            max_age=365 * 86400,
            samesite="lax",
            path="/",
            secure=secure_cookies(request, web_state(request)),
        )
    return response


# -- the dashboard, lists, search -----------------------------------------------------------------


@ui.get("/", **needs("read"))
def dashboard(request: Request, who: Caller = Depends(caller)) -> Response:
    case = who.state.case
    summary = case.summary(who.reader)
    with who.read() as (conn, red):
        recent = data.recent_claims(conn, case.model, red, lang=language(request))
    allegations = allegation_rows(who)
    matrices = []
    for row in allegations[:4]:
        try:
            from dadkhah import law

            built = law.build_matrix(case, row["id"], who.reader)
            matrices.append(
                {"id": row["id"], "title": row["title"], "counts": built.counts(), "rows": len(built.rows)}
            )
        except DadkhahError:
            continue
    return page(
        request,
        "dashboard.html",
        summary=summary,
        recent=recent,
        matrices=matrices,
        labels={n: s.plural_in(language(request)) for n, s in case.model.schemas.items()},
    )


@ui.get("/entities", **needs("read"))
def entity_list(
    request: Request,
    type: Annotated[str | None, Query(max_length=64)] = None,
    source: Annotated[str | None, Query(max_length=64)] = None,
    page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    who: Caller = Depends(caller),
) -> Response:
    case = who.state.case
    with who.read() as (conn, red):
        found = data.list_entities(
            conn, case.model, red, schema=type, source=source, page=page_no, size=50, lang=language(request)
        )
    schema = case.model.schema(type) if type else None
    columns = list(schema.featured) if schema else []
    labels = {p: schema.properties[p].label_in(language(request)) for p in columns} if schema else {}
    return page(
        request,
        "entities.html",
        found=found,
        schema=schema,
        columns=columns,
        labels=labels,
        type=type,
        source=source,
        section=_section(type),
    )


def _section(schema: str | None) -> str:
    return {"Person": "people", "Event": "events", "EvidenceItem": "evidence"}.get(schema or "", "")


@ui.get("/entities/{entity_id}", **needs("read"))
def entity_page(entity_id: str, request: Request, who: Caller = Depends(caller)) -> Response:
    case = who.state.case
    with who.read() as (conn, red):
        view = entity_view(conn, case.model, entity_id[:64], red.reader, history=True, redact=red)
    if view.schema == "EvidenceItem":
        return RedirectResponse(f"/evidence/{view.id}", status_code=303)
    shown = data.view_json(case.model, view, language(request))
    schema = case.model.schemas[view.schema]
    return page(
        request,
        "entity.html",
        e=shown,
        schema=schema,
        section=_section(view.schema),
        levels=[s.label for s in Sensitivity],
    )


@ui.post("/entities/{entity_id}/claims", **needs("write"))
def add_claim(
    entity_id: str,
    prop: Annotated[str, Form(max_length=64)],
    value: Annotated[str, Form(max_length=20_000)],
    source: Annotated[str | None, Form(max_length=64)] = None,
    locator: Annotated[str | None, Form(max_length=2000)] = None,
    sensitivity: Annotated[str | None, Form(max_length=20)] = None,
    who: Caller = Depends(caller),
) -> Response:
    with who.write() as w:
        w.claim(
            entity_id[:64].upper(),
            prop,
            value,
            source=(source or "").strip().upper() or None,
            locator=Locator.parse(locator) if locator else None,
            sensitivity=Sensitivity.parse(sensitivity) if sensitivity else None,
        )
    return RedirectResponse(f"/entities/{entity_id[:64].upper()}", status_code=303)


@ui.post("/claims/{claim_id}/supersede", **needs("write"))
def supersede(
    claim_id: str,
    value: Annotated[str, Form(max_length=20_000)],
    reason: Annotated[str, Form(max_length=2000)],
    entity: Annotated[str, Form(max_length=64)],
    who: Caller = Depends(caller),
) -> Response:
    from dadkhah.web.api.entities import _readable_claim

    _readable_claim(claim_id, who)
    with who.write() as w:
        w.supersede(claim_id[:64].upper(), value, reason=reason)
    return RedirectResponse(f"/entities/{entity[:64].upper()}", status_code=303)


@ui.post("/claims/{claim_id}/retract", **needs("write"))
def retract(
    claim_id: str,
    reason: Annotated[str, Form(max_length=2000)],
    entity: Annotated[str, Form(max_length=64)],
    who: Caller = Depends(caller),
) -> Response:
    from dadkhah.web.api.entities import _readable_claim

    _readable_claim(claim_id, who)
    with who.write() as w:
        w.retract(claim_id[:64].upper(), reason=reason)
    return RedirectResponse(f"/entities/{entity[:64].upper()}", status_code=303)


@ui.get("/search", **needs("read"))
def search_page(request: Request, who: Caller = Depends(caller)) -> Response:
    return page(request, "search.html", q="", hits=None, notices=[])


@ui.post("/search", **needs("read"))
def search_results(
    request: Request,
    q: Annotated[str, Form(max_length=500)],
    type: Annotated[str | None, Form(max_length=64)] = None,
    who: Caller = Depends(caller),
) -> Response:
    """Search by POST, so what was typed never lands in a URL, a log or the browser's history."""
    case = who.state.case
    kind = case.model.schema(type).name if type else None
    with who.read() as (conn, red):
        hits = search_claims(conn, q, red.reader, schema=kind, limit=50, redact=red)
        names = captions(conn, case.model, [h.entity_id for h in hits], red.reader, redact=red)
        notices = red.notices()
    rows = [
        {
            "id": h.entity_id,
            "schema": h.schema,
            "caption": names.get(h.entity_id, ""),
            "prop": case.model.schemas[h.schema].properties[h.prop].label_in(language(request)),
            "value": h.value,
        }
        for h in hits
    ]
    template = "search_results.html" if request.headers.get("hx-request") else "search.html"
    return page(request, template, q=q, hits=rows, notices=notices)


# -- evidence -------------------------------------------------------------------------------------


@ui.get("/evidence", **needs("read"))
def evidence_list(
    request: Request,
    page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    who: Caller = Depends(caller),
) -> Response:
    case = who.state.case
    with who.read() as (conn, red):
        found = data.list_entities(
            conn, case.model, red, schema="EvidenceItem", page=page_no, size=50, lang=language(request)
        )
    return page(
        request,
        "evidence_list.html",
        found=found,
        section="evidence",
        max_mb=who.state.settings.max_upload_mb,
        types=who.state.settings.upload_types,
    )


@ui.get("/evidence/{item_id}", **needs("read"))
def evidence_page(item_id: str, request: Request, who: Caller = Depends(caller)) -> Response:
    case = who.state.case
    with who.read() as (conn, red):
        view = entity_view(conn, case.model, item_id[:64], red.reader, history=False, redact=red)
    if view.schema != "EvidenceItem":
        raise NotFound(f"no evidence item {item_id[:40]}")
    shown = data.view_json(case.model, view, language(request))
    media = view.properties["mediaType"].current.value if "mediaType" in view.properties else ""
    with case.reading() as conn:
        tree = case.custody.tree(conn)
        from dadkhah.log import decode_event

        events = [
            (i, decode_event(tree.leaf(i).data, index=i))
            for i in case.custody.leaves_about(conn, [item_subject(view.id)])
        ]
    return page(
        request,
        "evidence.html",
        e=shown,
        media=media,
        events=events,
        section="evidence",
        visual=media.startswith(VISUAL),
        audio=media.startswith("audio/"),
        pdf=media == "application/pdf",
        text=media.startswith("text/"),
    )


# -- testimony ------------------------------------------------------------------------------------


@ui.get("/testimonies", **needs("read"))
def testimony_list(request: Request, who: Caller = Depends(caller)) -> Response:
    with who.read() as (conn, red):
        rows = testimony.list_testimonies(conn, who.state.case.model, red)
        notices = red.notices()
    return page(request, "testimonies.html", rows=rows, notices=notices, section="testimonies")


@ui.get("/testimonies/{testimony_id}", **needs("read"))
def testimony_page(testimony_id: str, request: Request, who: Caller = Depends(caller)) -> Response:
    with who.read() as (conn, red):
        found = testimony.view_testimony(conn, who.state.case.model, red, testimony_id[:64])
    return page(request, "testimony.html", tm=found, section="testimonies")


# -- the matrix and forums --------------------------------------------------------------------------


@ui.get("/allegations", **needs("read"))
def allegation_list(request: Request, who: Caller = Depends(caller)) -> Response:
    rows = allegation_rows(who)
    if len(rows) == 1:
        return RedirectResponse(f"/allegations/{rows[0]['id']}", status_code=303)
    return page(request, "allegations.html", rows=rows, section="matrix")


@ui.get("/allegations/{allegation_id}", **needs("read"))
def matrix_page(allegation_id: str, request: Request, who: Caller = Depends(caller)) -> Response:
    from dadkhah import law

    built = law.build_matrix(who.state.case, allegation_id[:64].upper(), who.reader)
    return page(
        request,
        "matrix.html",
        m=built.to_dict(),
        statuses=law.matrix.STATUSES,
        others=allegation_rows(who),
        section="matrix",
    )


@ui.get("/forums/{suspect}", **needs("read"))
def forums_page(suspect: str, request: Request, who: Caller = Depends(caller)) -> Response:
    from dadkhah import law

    kb = law.default()
    found = law.case_facts(who.state.case, suspect[:64].upper(), None, who.reader, kb)
    results = [r.to_dict() for r in law.analyse(found.scenario, kb, None)]
    return page(
        request,
        "forums.html",
        facts=found.to_dict(),
        results=results,
        suspect=suspect[:64].upper(),
        section="matrix",
    )


# -- map, timeline, graph, estimates, review, custody, account -----------------------------------------


@ui.get("/map", **needs("read"))
def map_page(request: Request, who: Caller = Depends(caller)) -> Response:
    s = who.state.settings
    return page(request, "map.html", section="map", tile_url=s.tile_url, tile_attribution=s.tile_attribution)


@ui.get("/timeline", **needs("read"))
def timeline_page(request: Request, who: Caller = Depends(caller)) -> Response:
    return page(request, "timeline.html", section="timeline")


@ui.get("/graph", **needs("read"))
def graph_page(request: Request, who: Caller = Depends(caller)) -> Response:
    return page(request, "graph.html", section="graph")


@ui.get("/estimates", **needs("read"))
def estimates_page(request: Request, who: Caller = Depends(caller)) -> Response:
    from dadkhah.web.api.estimates import jobs

    return page(request, "estimates.html", jobs=jobs(who)["items"], section="estimates")


@ui.get("/review", **needs("read"))
def review_page(request: Request, who: Caller = Depends(caller)) -> Response:
    from dadkhah.web.api.review import queue

    return page(request, "review.html", queue=queue(who, limit=20), section="review")


@ui.post("/review/{pair_id}", **needs("write"))
def review_decide(
    pair_id: str,
    decision: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(min_length=1, max_length=2000)],
    who: Caller = Depends(caller),
) -> Response:
    from dadkhah.web.api.review import record_decision

    record_decision(who, pair_id, decision, reason)
    return RedirectResponse("/review", status_code=303)


@ui.get("/custody", **needs("read"))
def custody_page(request: Request, who: Caller = Depends(caller)) -> Response:
    from dadkhah.web.api.cases import custody

    return page(request, "custody.html", log=custody(who), section="custody")


@ui.post("/custody/checkpoint", **needs("write"))
def custody_checkpoint(who: Caller = Depends(caller)) -> Response:
    who.state.case.custody.checkpoint()
    return RedirectResponse("/custody", status_code=303)


@ui.get("/account", **needs("read"))
def account_page(request: Request, who: Caller = Depends(caller)) -> Response:
    with who.state.case.reading() as conn:
        tokens = accounts.list_tokens(conn, who.name)
        totp = accounts.totp_enabled(conn, who.name)
    return page(request, "account.html", tokens=tokens, totp=totp, new_token=None, section="account")


@ui.post("/account/tokens", **needs("read"))
def account_token(
    request: Request, label: Annotated[str, Form(max_length=200)], who: Caller = Depends(caller)
) -> Response:
    with who.state.case.writer(who.name) as w:
        text, _ = accounts.create_token(w.conn, who.name, label, by=who.name)
    with who.state.case.reading() as conn:
        tokens = accounts.list_tokens(conn, who.name)
        totp = accounts.totp_enabled(conn, who.name)
    return page(request, "account.html", tokens=tokens, totp=totp, new_token=text, section="account")


__all__ = ["ui"]
