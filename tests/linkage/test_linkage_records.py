"""Loading list files into records: ids, mappings, names."""

from pathlib import Path

import pytest

from dadkhah.errors import InputError, InvalidData
from dadkhah.linkage import load_records, parse_mapping


def csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_mapping_and_same_named_columns(tmp_path: Path) -> None:
    a = csv(tmp_path, "a.csv", "ID,Full name,father_name,Died\nx1,Ali Karimi,Reza,1367\n")
    records = load_records([a], "ID", parse_mapping("name=Full name, death_date=Died"))
    row = records.iloc[0]
    assert (row["source"], row["record_id"], row["line"]) == (str(a), "x1", 2)
    assert (row["name"], row["father_name"], row["death_date"]) == ("Ali Karimi", "Reza", "1367")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name=A,name=B", "twice"),
        ("age=A", "unknown field"),
        ("name", "field=column"),
    ],
)
def test_bad_mapping(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_mapping(text)


def test_missing_id_or_mapped_column(tmp_path: Path) -> None:
    a = csv(tmp_path, "a.csv", "id,name\n1,Ali\n")
    with pytest.raises(InputError, match="no id column") as err:
        load_records([a], "record")
    assert err.value.problem.field == "record"
    with pytest.raises(InputError, match="no column 'Father'"):
        load_records([a], "id", {"father_name": "Father"})
    b = csv(tmp_path, "b.csv", "id,age\n1,30\n")
    with pytest.raises(InputError, match="no name column"):
        load_records([b], "id")


def test_empty_and_duplicated_ids_name_their_lines(tmp_path: Path) -> None:
    a = csv(tmp_path, "a.csv", "id,name\n1,Ali\n,Reza\n1,Zahra\n")
    with pytest.raises(InvalidData) as err:
        load_records([a], "id")
    assert [(p.line, p.field) for p in err.value.problems] == [(3, "id"), (4, "id")]
    assert "also on line 2" in err.value.problems[1].reason


def test_one_bad_file_loads_nothing(tmp_path: Path) -> None:
    good = csv(tmp_path, "good.csv", "id,name\n1,Ali\n")
    bad = csv(tmp_path, "bad.csv", "id,name\n1," + "x" * 5000 + "\n")
    with pytest.raises(InvalidData) as err:
        load_records([good, bad], "id")
    assert err.value.problems[0].file == str(bad)
