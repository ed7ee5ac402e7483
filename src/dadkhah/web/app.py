"""The application factory: the case, the API, the pages, the static files, the guards."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from dadkhah.case import Case
from dadkhah.errors import CaseError
from dadkhah.web import problems
from dadkhah.web.accounts import LoginThrottle
from dadkhah.web.config import WebSettings
from dadkhah.web.headers import SecurityHeaders, content_security_policy
from dadkhah.web.state import WebState

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"
REQUIRED_VENDOR = (
    "htmx.min.js",
    "leaflet/leaflet.js",
    "vis-timeline/vis-timeline-graph2d.min.js",
    "cytoscape.min.js",
    "chart.umd.min.js",
    "fonts/Vazirmatn-wght.woff2",
)

log = logging.getLogger("dadkhah.web")


def missing_vendor() -> list[str]:
    """Front-end files that ``make assets`` has not put in place."""
    return [name for name in REQUIRED_VENDOR if not (VENDOR / name).is_file()]


def vendor_versions() -> dict[str, str]:
    try:
        found: dict[str, str] = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found


def create_app(case: Case, settings: WebSettings | None = None, *, require_assets: bool = True) -> FastAPI:
    """The web application for an open case (the caller keeps the case open while it serves)."""
    settings = settings or WebSettings.from_case(case.settings)
    missing = missing_vendor()
    if missing and require_assets:
        raise CaseError(
            "the web application's front-end files are missing ("
            + ", ".join(missing)
            + "); run 'make assets' (npm ci in web/, then copies into src/dadkhah/web/static/vendor/)"
        )
    app = FastAPI(
        title="Dadkhah",
        version="1",
        summary="Documentation and case-building for crimes against humanity",
        description=(
            "Every answer is filtered for the caller by the case's redaction. "
            "Errors are RFC 9457 problem details."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.web = WebState(
        case, settings, LoginThrottle(case, settings.login_attempts, settings.login_window)
    )
    app.state.missing_vendor = missing
    problems.install(app)
    _routes(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(
        SecurityHeaders, csp=content_security_policy(settings.tile_url), behind_proxy=settings.behind_proxy
    )
    return app


def _routes(app: FastAPI) -> None:
    from dadkhah.web.api import account, cases, dossiers, entities, estimates, evidence, meta, review
    from dadkhah.web.ui import pages

    for module in (meta, account, entities, evidence, cases, estimates, dossiers, review):
        app.include_router(module.api)
    app.include_router(pages.ui)


def openapi_document(app: FastAPI) -> dict[str, Any]:
    found: dict[str, Any] = app.openapi()
    return found
