"""The web application: a JSON API under ``/api/v1`` and an HTML interface, both behind one guard.

``create_app(case)`` builds the FastAPI application for an open case; ``serve(path, host, port)``
runs it with uvicorn (``dadkhah serve`` and the demo call it). Every answer passes through the
caller's redaction (``dadkhah.access.redaction``); every route declares its permission
(``dadkhah.web.guard``). See ``docs/web.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dadkhah.web.app import create_app
    from dadkhah.web.config import WebSettings
    from dadkhah.web.server import Server, serve

__all__ = ["Server", "WebSettings", "create_app", "serve"]

_WHERE = {"create_app": "app", "WebSettings": "config", "Server": "server", "serve": "server"}


def __getattr__(name: str) -> Any:
    # Lazy, so that importing dadkhah.web (e.g. from the CLI) does not pull in FastAPI.
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'dadkhah.web' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"dadkhah.web.{module}"), name)
