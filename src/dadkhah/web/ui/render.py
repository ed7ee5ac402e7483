"""Rendering pages: one Jinja2 environment (autoescaped), the shared page context, error pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse, RedirectResponse, Response

from dadkhah.web.ui.i18n import LANGUAGES, direction, translate

TEMPLATES = Path(__file__).parent.parent / "templates"
LANG_COOKIE = "dk_lang"

NAV = (
    ("Dashboard", "/", "dashboard"),
    ("People", "/entities?type=Person", "people"),
    ("Events", "/entities?type=Event", "events"),
    ("Evidence", "/evidence", "evidence"),
    ("Testimonies", "/testimonies", "testimonies"),
    ("Case matrix", "/allegations", "matrix"),
    ("Map", "/map", "map"),
    ("Timeline", "/timeline", "timeline"),
    ("Command structure", "/graph", "graph"),
    ("Estimates", "/estimates", "estimates"),
    ("Linkage review", "/review", "review"),
    ("Custody log", "/custody", "custody"),
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.filters["thousands"] = lambda v: f"{v:,}" if isinstance(v, int) else v
    return env


def language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE)
    if lang in LANGUAGES:
        return str(lang)
    return str(request.app.state.web.settings.language)


def context(request: Request, **values: Any) -> dict[str, Any]:
    lang = language(request)
    who = getattr(request.state, "caller", None)
    return {
        "request": request,
        "lang": lang,
        "dir": direction(lang),
        "t": lambda text: translate(lang, text),
        "type_label": _type_label(request, lang),
        "who": who,
        "csrf": who.csrf if who is not None else None,
        "nav": NAV,
        "case_name": request.app.state.web.case.name,
        "path": request.url.path,
        "missing_vendor": request.app.state.missing_vendor,
        **values,
    }


def _type_label(request: Request, lang: str) -> Callable[[str], str]:
    """An entity type's label in the page's language (from the model's ``label_fa``), by type name."""
    schemas = request.app.state.web.case.model.schemas

    def label(name: str) -> str:
        return schemas[name].label_in(lang) if name in schemas else name

    return label


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = environment().get_template(template).render(context(request, **values))
    return HTMLResponse(html, status_code=status)


def error_page(
    request: Request, status: int, title: str, detail: str | None, *, headers: dict[str, str] | None = None
) -> Response:
    if status == 401:
        target = "/login"
        if request.method == "GET" and request.url.path not in ("/login", "/"):
            target += "?next=" + quote(request.url.path, safe="")
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    response = page(request, "error.html", status=status, status_code=status, title=title, detail=detail)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response
