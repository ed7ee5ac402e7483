"""Fixture tables and a simulator of capture records with known truth."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dadkhah.estimate import CaptureTable, from_cell_counts, read_table

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_table():  # type: ignore[no-untyped-def]
    def load(name: str) -> CaptureTable:
        return read_table(FIXTURES / f"{name}.csv")

    return load


@pytest.fixture
def simulate():  # type: ignore[no-untyped-def]
    """The two-class population simulator (see :func:`simulate_latent_classes`)."""
    return simulate_latent_classes


def simulate_latent_classes(
    rng: np.random.Generator,
    total: int,
    n_lists: int,
    share: float,
    visible: tuple[float, float],
    hidden: tuple[float, float],
) -> CaptureTable:
    """A population of ``total`` in two classes with their own capture probability per list."""
    in_visible = rng.random(total) < share
    p_visible = rng.uniform(*visible, size=n_lists)
    p_hidden = rng.uniform(*hidden, size=n_lists)
    p = np.where(in_visible[:, None], p_visible[None, :], p_hidden[None, :])
    captured = rng.random((total, n_lists)) < p
    cells = np.bincount(captured.astype(np.int64) @ (1 << np.arange(n_lists)), minlength=2**n_lists)
    cells[0] = 0
    return from_cell_counts([f"L{j + 1}" for j in range(n_lists)], cells)
