"""Health and the API's own description."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from dadkhah.web.api import router
from dadkhah.web.guard import needs

api = router("meta")


@api.get("/health", **needs("public"))
def health() -> dict[str, Any]:
    """Whether the server is up (says nothing about the case)."""
    return {"status": "ok"}


@api.get("/openapi.json", include_in_schema=False, **needs("public"))
def openapi(request: Request) -> dict[str, Any]:
    """The OpenAPI 3.1 description of this API."""
    found: dict[str, Any] = request.app.openapi()
    return found
