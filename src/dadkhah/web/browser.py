"""Debian's Chromium driven by Playwright: for the browser tests and ``make screenshots``.

``playwright install`` downloads its own browsers, which this project does not do: the Chromium
from ``deps/apt.txt`` is launched instead, headless, sandbox off (containers), with a fresh
profile, and with everything that would reach the network on its own turned off.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for path in CHROMIUM:
        if Path(path).is_file():
            return path
    return shutil.which("chromium")


@contextmanager
def browser_context(**options: Any) -> Iterator[Any]:
    """A Playwright browser context on Debian's Chromium with a throw-away profile."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium is not installed; 'make setup' installs it from deps/apt.txt")
    profile = tempfile.mkdtemp(prefix="dadkhah-chromium-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile, executable_path=executable, args=ARGS, headless=True, **options
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
