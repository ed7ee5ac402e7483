"""Fixtures for the case-file tests: the demonstration case of ``dossier_world``, built once per process."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The tests import their helper module by name, under either of pytest's import modes.
sys.path.insert(0, str(Path(__file__).parent))

from dossier_world import World, copy_world, shared_world  # noqa: E402

from dadkhah.case import Case  # noqa: E402


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The built world; read it only (use ``world`` to write)."""
    return shared_world(tmp_path_factory.mktemp("dossier-world"))


@pytest.fixture
def world(demo_world: World, tmp_path: Path) -> World:
    """A private copy of the world that a test may write to (case files record custody events)."""
    return copy_world(demo_world, tmp_path)


@pytest.fixture
def demo_case(world: World) -> Iterator[Case]:
    case = world.open()
    yield case
    case.close()
