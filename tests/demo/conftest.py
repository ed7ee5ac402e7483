"""Demo materials generated once per test session: a full-size case and a small one."""

from __future__ import annotations

import pytest

from dadkhah.demo import Materials, generate


@pytest.fixture(scope="session")
def full(tmp_path_factory: pytest.TempPathFactory) -> Materials:
    """The demonstration case at full size (5,000 victims, 40 witnesses), default seed."""
    return generate(tmp_path_factory.mktemp("demo-full"))


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Materials:
    """A twentieth of the case, another seed."""
    return generate(tmp_path_factory.mktemp("demo-small"), seed=7, scale=0.05)
