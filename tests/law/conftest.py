"""Fixtures for the legal-analysis tests: the small fictional case of ``law_world``."""

from __future__ import annotations

import pytest
from law_world import World, build_world

from dadkhah.case import Case


@pytest.fixture
def world(case: Case) -> World:
    return build_world(case)
