"""The CLI starts fast: importing it must not pull in the heavy libraries that only some commands need."""

import subprocess
import sys

HEAVY = (
    "pandas",
    "splink",
    "duckdb",
    "numba",
    "scipy",
    "matplotlib",
    "weasyprint",
    "pyspark",
    "fastapi",
    "openpyxl",
    "PIL",
    "pypdf",
    "mutagen",
)


def test_importing_the_cli_leaves_heavy_libraries_unloaded() -> None:
    code = "import sys, dadkhah.cli; print(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert loaded.isdisjoint(HEAVY), f"imported at start-up: {sorted(loaded & set(HEAVY))}"
