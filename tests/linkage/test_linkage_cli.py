"""``dadkhah link`` standalone, end to end in-process."""

import csv
import json
from pathlib import Path

import pytest

from dadkhah.linkage import pairwise_accuracy
from dadkhah.linkage.synthetic import victim_lists


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.fixture
def list_files(tmp_path: Path) -> tuple[list[Path], dict[tuple[str, str], int]]:
    records = victim_lists(150, seed=11)
    paths, truth = [], {}
    for source, group in records.groupby("source"):
        path = tmp_path / f"{source}.csv"
        group.rename(columns={"record_id": "ID", "name": "Full name"}).drop(
            columns=["source", "person_id"]
        ).to_csv(path, index=False)
        paths.append(path)
        truth.update(
            {(str(path), rid): pid for rid, pid in zip(group["record_id"], group["person_id"], strict=True)}
        )
    return paths, truth


def test_link_files(cli, tmp_path: Path, list_files) -> None:  # noqa: ANN001
    paths, truth = list_files
    out = tmp_path / "clusters.csv"
    result = cli("link", *paths, "--id-column", "ID", "--map", "name=Full name", "--out", out, "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    rows = read(out)
    assert rows[0] == ["file", "record_id", "cluster_id"]
    assert len(rows) - 1 == len(truth) == summary["records"]
    predicted = [row[2] for row in rows[1:]]
    actual = [truth[(row[0], row[1])] for row in rows[1:]]
    acc = pairwise_accuracy(predicted, actual)
    assert acc.precision >= 0.95 and acc.f1 >= 0.85
    assert summary["clusters"] == len(set(predicted))


def test_formula_injection_is_neutralised(cli, tmp_path: Path) -> None:  # noqa: ANN001
    src = tmp_path / "evil.csv"
    src.write_text(
        'id,name\n=HYPERLINK("http://x"),Ali Karimi\n+2,Zahra Ahmadi\n@3,Ali Karimi\n', encoding="utf-8"
    )
    out = tmp_path / "clusters.csv"
    result = cli("link", src, "--id-column", "id", "--out", out, "--threshold", "0.5")
    assert result.code == 0, result.err
    ids = [row[1] for row in read(out)[1:]]
    assert ids == ['\'=HYPERLINK("http://x")', "'+2", "'@3"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id-column", "id"], "--out"),
        (["--out", "x.csv"], "--id-column"),
        (["--id-column", "id", "--out", "x.csv", "--engine", "oracle"], "unknown engine"),
        (["--id-column", "id", "--out", "x.csv", "--map", "age=x"], "unknown field"),
    ],
)
def test_bad_options(cli, tmp_path: Path, args: list[str], message: str) -> None:  # noqa: ANN001
    src = tmp_path / "a.csv"
    src.write_text("id,name\n1,Ali\n", encoding="utf-8")
    result = cli("link", src, *args)
    assert result.code == 2 and message in result.err


def test_hostile_file_fails_cleanly_and_writes_nothing(cli, tmp_path: Path) -> None:  # noqa: ANN001
    good = tmp_path / "good.csv"
    good.write_text("id,name\n1,Ali Karimi\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_bytes("id,name\n1,علی\n".encode() + "2,حسين\n".encode("cp1256"))
    out = tmp_path / "clusters.csv"
    result = cli("link", good, bad, "--id-column", "id", "--out", out)
    assert result.code == 2
    assert "bad.csv:3" in result.err and "name" in result.err and "mixes encodings" in result.err
    assert not out.exists()
