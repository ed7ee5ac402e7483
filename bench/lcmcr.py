"""LCMCR Gibbs sampler speed: iterations per second beside the reference R implementation.

Two tables, as measured for the reference in reference/statistics.md §7 (R package LCMCR 0.4.14,
C++ core, R 4.2.2, one core of this same 2-core machine type):

    4 lists, about 4,400 observed records  → about 55,000 iterations/s
    20 lists, 982 observed records         → about 10,000 iterations/s

R cannot be installed here, so those figures are RECORDED, not re-measured in this run; ours are
measured now on simulated tables of the same shape (two latent classes, K = min(2^J − 1, 15)).

    .venv/bin/python bench/lcmcr.py            # 100,000 / 40,000 iterations per table
    .venv/bin/python bench/lcmcr.py --quick    # a tenth of that
"""

from __future__ import annotations

import argparse

import numpy as np

from dadkhah.estimate import SamplerSettings, from_cell_counts
from dadkhah.estimate.lcmcr import sample

ROW = "{:<10} {:>8} {:>9} {:>14} {:>24} {:>6}"
RECORDED_R = {"4 lists": 55_000.0, "20 lists": 10_000.0}


def simulated_table(
    n_lists: int, total: int, visible: tuple[float, float], hidden: tuple[float, float], seed: int
):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    in_visible = rng.random(total) < 0.35
    p = np.where(
        in_visible[:, None],
        rng.uniform(*visible, size=n_lists)[None, :],
        rng.uniform(*hidden, size=n_lists)[None, :],
    )
    captured = rng.random((total, n_lists)) < p
    index = captured.astype(np.int64) @ (1 << np.arange(n_lists, dtype=np.int64))
    cells = np.bincount(index, minlength=2**n_lists)
    cells[0] = 0
    return from_cell_counts([f"L{j + 1}" for j in range(n_lists)], cells)


def measure(table, iterations: int, repeats: int = 3) -> float:  # type: ignore[no-untyped-def]
    """Best of ``repeats`` single-chain runs, per second of processor time (the machine is shared;
    wall-clock time would also count other people's work). Compilation is excluded by ``sample``."""
    settings = SamplerSettings(chains=1, burn_in=iterations // 2, draws=iterations // 2, thin=1)
    return max(sample(table, settings, seed=r).iterations_per_cpu_second for r in range(repeats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the iterations")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    tables = {
        "4 lists": (simulated_table(4, 5_650, (0.3, 0.6), (0.1, 0.3), seed=1), 100_000 // scale),
        "20 lists": (simulated_table(20, 1_900, (0.05, 0.15), (0.005, 0.03), seed=2), 40_000 // scale),
    }
    header = ("table", "records", "patterns", "ours it/cpu-s", "R LCMCR it/s (recorded)", "ratio")
    print(ROW.format(*header))
    for name, (table, iterations) in tables.items():
        ours = measure(table, iterations)
        anchor = RECORDED_R[name]
        patterns = int((table.counts > 0).sum())
        print(
            ROW.format(
                name,
                f"{table.observed:,}",
                f"{patterns:,}",
                f"{ours:,.0f}",
                f"{anchor:,.0f}",
                f"{ours / anchor:.2f}",
            )
        )
    print(
        "R figures: RECORDED in reference/statistics.md §7, not measured in this run (R is not installable)."
    )


if __name__ == "__main__":
    main()
