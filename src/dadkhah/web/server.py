"""Running the application: ``serve`` for the command line and the demo, ``Server`` for tests."""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path

from dadkhah.case import Case
from dadkhah.web.config import WebSettings


def _unlock(case: Case) -> None:
    """Give the server the case key if the environment (or the case folder) offers one."""
    from dadkhah.access.unlocking import protector_for_process

    case.protector = protector_for_process(case.keys_path, case.id, prompt=False)


def serve(
    case_path: Path | str,
    host: str | None = None,
    port: int | None = None,
    *,
    log_level: str = "info",
) -> None:
    """Serve the case at ``case_path`` until interrupted (the demo ends with this).

    The case key comes from ``DADKHAH_KEY_FILE`` or ``DADKHAH_PASSPHRASE`` when set; without it the
    server runs locked and shows no protected value to anyone.
    """
    import uvicorn

    from dadkhah.web.app import create_app

    with Case.open(Path(case_path)) as case:
        _unlock(case)
        settings = WebSettings.from_case(case.settings)
        overrides = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
        settings = settings.with_values(overrides) if overrides else settings
        app = create_app(case, settings)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level=log_level,
            access_log=False,  # ours logs paths without query strings (see headers.py)
            server_header=False,
            proxy_headers=settings.behind_proxy,
            timeout_graceful_shutdown=5,
        )


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class Server:
    """The application served by uvicorn in a background thread (for tests, screenshots, benchmarks)."""

    def __init__(self, case: Case, settings: WebSettings | None = None, *, host: str = "127.0.0.1") -> None:
        import uvicorn

        from dadkhah.web.app import create_app

        self.port = free_port(host)
        self.url = f"http://{host}:{self.port}"
        self.app = create_app(case, settings)
        config = uvicorn.Config(
            self.app, host=host, port=self.port, log_level="warning", access_log=False, server_header=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
