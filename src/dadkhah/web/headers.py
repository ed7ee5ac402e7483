"""Security headers on every response, and an access log that never records a query string.

The content security policy allows scripts, styles, fonts and images from this server only: no
inline script, no ``eval``, no framing (``frame-ancestors 'none'``). Leaflet and vis-timeline set
element styles from script (allowed: CSP governs style *attributes* in markup, not the CSSOM).
When a tile server is configured for the map, its origin is added to ``img-src``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("dadkhah.web.access")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]


def _tile_origin(tile_url: str) -> str | None:
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://" + parts.netloc.replace("{s}.", "*.").replace("{s}", "*")


def content_security_policy(tile_url: str = "") -> str:
    images = "'self' data: blob:"
    origin = _tile_origin(tile_url) if tile_url else None
    if origin:
        images += f" {origin}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # vis-timeline injects <style> elements and lays items out with style attributes.
            # Styles cannot run code; scripts stay restricted to this server.
            "style-src 'self' 'unsafe-inline'",
            f"img-src {images}",
            "media-src 'self' blob:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "frame-src 'self'",  # the PDF viewer shows our own originals in a frame
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


def security_headers(csp: str, *, tls: bool) -> list[tuple[bytes, bytes]]:
    headers = {
        "content-security-policy": csp,
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
    }
    if tls:
        headers["strict-transport-security"] = "max-age=31536000"
    return [(k.encode(), v.encode()) for k, v in headers.items()]


class SecurityHeaders:
    """ASGI middleware: adds the headers, keeps caches off for pages and API answers, logs the request."""

    def __init__(self, app: Any, *, csp: str, behind_proxy: bool = False) -> None:
        self.app = app
        self.csp = csp
        self.behind_proxy = behind_proxy

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        tls = scope.get("scheme") == "https"
        if self.behind_proxy:
            for name, value in scope.get("headers", []):
                if name == b"x-forwarded-proto" and value == b"https":
                    tls = True
        path: str = scope.get("path", "")
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [h for h in security_headers(self.csp, tls=tls) if h[0] not in present]
                if b"cache-control" not in present and not path.startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            # The path only: a query string may hold what someone typed, and a body is never logged.
            log.info(
                "%s %s %s %.1fms", scope.get("method"), path, status, (time.perf_counter() - started) * 1000
            )
