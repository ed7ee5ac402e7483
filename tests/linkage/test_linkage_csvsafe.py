"""CSV output that a spreadsheet will not run as a formula."""

import csv
from pathlib import Path

import pytest

from dadkhah.linkage import safe_cell, write_csv


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Ali", "Ali"),
        ("علی=", "علی="),
        (12, "12"),
        (None, ""),
    ],
)
def test_safe_cell(value: object, written: str) -> None:
    assert safe_cell(value) == written


def test_write_csv_escapes_every_cell_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    rows = [["=cmd|' /C calc'!A0", "حسینی", 1], ["ok", "+x", None]]
    assert write_csv(out, ["file", "@id", "n"], rows) == 2
    with out.open(encoding="utf-8", newline="") as f:
        read = list(csv.reader(f))
    assert read == [["file", "'@id", "n"], ["'=cmd|' /C calc'!A0", "حسینی", "1"], ["ok", "'+x", ""]]


def test_write_csv_leaves_no_file_when_rows_fail(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"

    def rows():
        yield ["a"]
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError):
        write_csv(out, ["x"], rows())
    assert not out.exists() and not list(tmp_path.iterdir())
