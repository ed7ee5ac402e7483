"""Settings of the web application, read from the ``[web]`` section of ``dadkhah.toml``.

Every setting has a default, so a case without a ``[web]`` section serves as is. Command-line
options of ``dadkhah serve`` override the host and port.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from dadkhah.errors import CaseError
from dadkhah.settings import Settings

#: media types an upload may have (checked on the bytes, not on the name the browser sends)
DEFAULT_UPLOAD_TYPES = (
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/tiff",
    "application/pdf",
    "audio/mpeg",
    "audio/ogg",
    "audio/x-wav",
    "audio/wav",
    "audio/mp4",
    "audio/x-flac",
    "video/mp4",
    "video/webm",
    "video/quicktime",
    "text/plain",
    "text/csv",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)


@dataclass(frozen=True)
class WebSettings:
    """What ``dadkhah serve`` reads from ``[web]`` (help text in ``docs/web.md``)."""

    host: str = "127.0.0.1"
    port: int = 8642
    #: hours a login lasts (absolute, not sliding)
    session_hours: float = 12.0
    #: "auto": Secure cookies when the request came over TLS (or a trusted proxy said so)
    secure_cookies: str = "auto"
    #: failed logins per user name and client address before a pause
    login_attempts: int = 5
    #: the pause, and the window failures are counted over (seconds)
    login_window: int = 900
    #: the largest upload, in megabytes
    max_upload_mb: int = 2048
    upload_types: tuple[str, ...] = DEFAULT_UPLOAD_TYPES
    #: a tile URL template for the map (e.g. a local tile server); empty: points on a plain background
    tile_url: str = ""
    tile_attribution: str = ""
    #: trust X-Forwarded-Proto from a reverse proxy (only behind one you run)
    behind_proxy: bool = False
    #: the default interface language (en or fa)
    language: str = "en"

    @classmethod
    def from_case(cls, settings: Settings) -> WebSettings:
        raw: dict[str, Any] = {}
        for f in fields(cls):
            value = settings.get("web", f.name)
            if value is not None:
                raw[f.name] = value
        return cls().with_values(raw)

    def with_values(self, raw: dict[str, Any]) -> WebSettings:
        cleaned: dict[str, Any] = {}
        for f in fields(self):
            if f.name not in raw or raw[f.name] is None:
                continue
            value, default = raw[f.name], getattr(self, f.name)
            try:
                if isinstance(default, bool):
                    if not isinstance(value, bool):
                        raise TypeError
                elif isinstance(default, int):
                    value = int(value)
                elif isinstance(default, float):
                    value = float(value)
                elif isinstance(default, tuple):
                    value = tuple(str(v) for v in value)
                else:
                    value = str(value)
            except (TypeError, ValueError):
                raise CaseError(f"dadkhah.toml: [web] {f.name} must be a {type(default).__name__}") from None
            cleaned[f.name] = value
        made = replace(self, **cleaned)
        if made.secure_cookies not in ("auto", "always", "never"):
            raise CaseError("dadkhah.toml: [web] secure_cookies is auto, always or never")
        if made.language not in ("en", "fa"):
            raise CaseError("dadkhah.toml: [web] language is en or fa")
        return made

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024
