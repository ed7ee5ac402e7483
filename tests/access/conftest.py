"""Fixtures for the access tests: a fast in-process CLI runner; ``access_world`` made importable."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dadkhah.cli.app import app
from dadkhah.cli.errors import run_guarded

# The tests import their helper module by name, under either of pytest's import modes.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[str, str]]:
    """Run the CLI in-process → (stdout, stderr); ``run_guarded`` builds the command tree once."""

    def invoke(*args: object) -> tuple[str, str]:
        capsys.readouterr()
        run_guarded(app, [str(a) for a in args])
        captured = capsys.readouterr()
        return captured.out, captured.err

    return invoke
