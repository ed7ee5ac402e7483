"""Fixtures of the in-case linkage tests: a small case with three linked victim lists."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from linkage_world import ListsWorld, fill

from dadkhah.case import Case
from dadkhah.linkage import link_case


@pytest.fixture(scope="session")
def linked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ListsWorld]:
    """A case with three lists, linked once; tests that write work on a copy."""
    path = tmp_path_factory.mktemp("linked") / "case"
    with Case.init(path, owner="tester") as case:
        world = fill(case, n_people=120)
        link_case(case, author="tester")
    return path, world


@pytest.fixture
def copy(linked: tuple[Path, ListsWorld], tmp_path: Path) -> Iterator[tuple[Case, ListsWorld]]:
    path, world = linked
    shutil.copytree(path, tmp_path / "case")
    case = Case.open(tmp_path / "case")
    yield case, world
    case.close()
