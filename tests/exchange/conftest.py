"""Fixtures for the export tests: the demonstration case of ``tests/dossier/dossier_world.py``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "dossier"))

from dossier_world import World, shared_world  # noqa: E402

from dadkhah.case import Case  # noqa: E402


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return shared_world(tmp_path_factory.mktemp("exchange-world"))


@pytest.fixture
def demo_case(demo_world: World) -> Iterator[Case]:
    """The shared world, opened: exports only read (tests that write make their own case)."""
    case = demo_world.open()
    yield case
    case.close()
