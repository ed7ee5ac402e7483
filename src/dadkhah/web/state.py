"""What the application holds while it runs: the open case, its settings, throttles, caches, jobs."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from dadkhah.case import Case
from dadkhah.web.accounts import LoginThrottle
from dadkhah.web.config import WebSettings

SESSION_CACHE_SECONDS = 10.0


@dataclass
class SessionCache:
    """Recently identified callers (by the hash of their cookie or token), so that a page's dozen
    requests, or a script's thousand, do not each query the database three times.

    Entries live a few seconds; signing out and revoking a token empty the cache at once, so a
    change of role, a disabled account or an expired session takes effect within those seconds.
    """

    entries: dict[str, tuple[float, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: str) -> Any | None:
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0] < time.monotonic():
                self.entries.pop(key, None)
                return None
            return found[1]

    def put(self, key: str, session: Any) -> None:
        with self.lock:
            if len(self.entries) > 10_000:
                self.entries.clear()
            self.entries[key] = (time.monotonic() + SESSION_CACHE_SECONDS, session)

    def drop(self, key: str) -> None:
        with self.lock:
            self.entries.pop(key, None)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


@dataclass
class WebState:
    case: Case
    settings: WebSettings
    throttle: LoginThrottle
    sessions: SessionCache = field(default_factory=SessionCache)
    #: background jobs (estimates): id -> record
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs_lock: threading.Lock = field(default_factory=threading.Lock)
