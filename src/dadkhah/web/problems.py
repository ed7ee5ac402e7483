"""Errors as RFC 9457 problem details: the web application's one place for it.

A ``DadkhahError`` becomes ``application/problem+json`` with its class's ``status`` and ``title``
(see ``dadkhah.errors``); the ``detail`` is the error's message, which by that module's rule never
holds a protected value. Unexpected exceptions become a bare 500 whose body says nothing about
the cause (the log gets the type and the route, not the request). Browser pages get the same
facts as an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from dadkhah.errors import DadkhahError, InputError

log = logging.getLogger("dadkhah.web")

MEDIA_TYPE = "application/problem+json"
_TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many attempts",
    500: "Internal error",
}


class ProblemResponse(JSONResponse):
    media_type = MEDIA_TYPE


class WebProblem(Exception):
    """A problem raised by the web layer itself (authentication, limits), with its status."""

    def __init__(
        self, status: int, detail: str, *, title: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or _TITLES.get(status, "Error")
        self.headers = headers or {}


def problem(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> ProblemResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or _TITLES.get(status, "Error"),
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(extra)
    return ProblemResponse(body, status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _render(request: Request, status: int, title: str, detail: str | None, **extra: Any) -> Response:
    headers = extra.pop("headers", None)
    if _wants_html(request):
        from dadkhah.web.ui.render import error_page

        return error_page(request, status, title, detail, headers=headers)
    # The instance is the path only: a query string may hold what the user typed.
    return problem(status, detail, title=title, instance=request.url.path, headers=headers, **extra)


async def _dadkhah_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DadkhahError)
    extra: dict[str, Any] = {}
    if isinstance(exc, InputError):
        extra["errors"] = [{k: v for k, v in vars(p).items() if v is not None} for p in exc.problems[:50]]
    if exc.status >= 500:
        log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
    return _render(request, exc.status, exc.title, str(exc), **extra)


async def _web_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebProblem)
    return _render(request, exc.status, exc.title, exc.detail, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else None
    headers = dict(exc.headers) if exc.headers else None
    return _render(request, exc.status_code, _TITLES.get(exc.status_code, "Error"), detail, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # Name where the problem is, never the value that was sent: it may be a protected one.
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", ())), "reason": str(e.get("msg", ""))[:200]}
        for e in exc.errors()[:50]
    ]
    return _render(
        request, 422, "Invalid input", "the request does not match the API description", errors=errors
    )


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
    # The traceback only when asked for: an exception's message could quote a value.
    log.debug("traceback of the unexpected error", exc_info=exc)
    return _render(
        request, 500, "Internal error", "the server failed; the error is in its log (without values)"
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(DadkhahError, _dadkhah_error)
    app.add_exception_handler(WebProblem, _web_problem)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
