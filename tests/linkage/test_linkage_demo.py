"""The demonstration case's four lists, linked in the case, against the ground truth beside it.

Scale 0.2 (about 1,000 true victims and 1,800 list rows); ``bench/linkage_demo.py`` measures the
full demonstration case beside plain splink.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dadkhah.case import Case
from dadkhah.demo.build import build_demo
from dadkhah.demo.lists import import_list_files
from dadkhah.demo.scoring import linkage_accuracy, true_total
from dadkhah.estimate import SamplerSettings, capture_records_from_case, estimate_strata
from dadkhah.linkage import link_case

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    path = tmp_path_factory.mktemp("demo") / "case"
    build_demo(path, scale=0.2, dossiers=False)  # links the lists, then reviews the uncertain pairs
    return path, path.with_name("case.truth")


def test_the_demonstration_lists_after_review_are_nearly_exact(demo: tuple[Path, Path]) -> None:
    path, truth = demo
    with Case.open(path) as case:
        acc = linkage_accuracy(case, truth)
    assert acc.precision >= 0.99
    assert acc.f1 >= 0.98


def test_the_estimate_after_linking_covers_the_true_total(demo: tuple[Path, Path]) -> None:
    path, truth = demo
    actual = true_total(truth)
    with Case.open(path) as case:
        captures = capture_records_from_case(case)
    assert len(captures.lists) == 4
    settings = SamplerSettings(chains=2, burn_in=4_000, draws=500, thin=10)
    result = estimate_strata(captures.records, captures.lists, method="lcmcr", seed=1367, settings=settings)
    total = result.total
    assert total.observed < actual  # some victims are on no list
    assert total.lower is not None and total.upper is not None
    assert total.lower <= actual <= total.upper


def test_the_list_files_imported_afresh_link_as_well(demo: tuple[Path, Path], tmp_path: Path) -> None:
    """From the files, as a team would: `import list` for each (four formats and encodings), then
    `link`; the model alone, before any review, meets the floors."""
    path, truth = demo
    with Case.init(tmp_path / "fresh", owner="tester") as case:
        rows = import_list_files(case, path, "tester")
        assert rows == len((truth / "list_rows.csv").read_text(encoding="utf-8").splitlines()) - 1
        link_case(case, author="tester")
        acc = linkage_accuracy(case, truth)
    assert acc.precision >= 0.98 and acc.f1 >= 0.95
