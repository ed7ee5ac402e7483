"""Reading hostile list files: encodings, giant cells, control characters, malformed rows."""

import codecs
from pathlib import Path

import openpyxl
import pytest

from dadkhah.errors import InputError, InvalidData
from dadkhah.linkage import read_table

HEADER = "id,name,father\n"


def write(tmp_path: Path, data: bytes, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    body = HEADER + "1,محمدرضا حسینی,علی\n2,Zahra Karimi,Hassan\n"
    for data in (body.encode(), codecs.BOM_UTF8 + body.encode()):
        table = read_table(write(tmp_path, data))
        assert table.columns == ["id", "name", "father"]
        assert table.rows[0] == ["1", "محمدرضا حسینی", "علی"]
        assert table.lines == [2, 3]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(tmp_path: Path, encoding: str) -> None:
    body = HEADER + "1,فاطمه کریمی,حسن\n"
    table = read_table(write(tmp_path, body.encode(encoding)))
    assert table.rows == [["1", "فاطمه کریمی", "حسن"]]


def test_windows_1256_is_recognised(tmp_path: Path) -> None:
    body = HEADER + "1,علي كريمي,حسن\n"
    table = read_table(write(tmp_path, body.encode("cp1256")))
    assert table.encoding == "windows-1256"
    assert table.rows == [["1", "علي كريمي", "حسن"]]


def test_mixed_encodings_are_refused_with_line_and_column(tmp_path: Path) -> None:
    data = (HEADER + "1,علی,حسن\n").encode() + "2,Ali,حسين\n".encode("cp1256")
    with pytest.raises(InputError) as err:
        read_table(write(tmp_path, data))
    problem = err.value.problem
    assert (problem.line, problem.field) == (3, "father")
    assert "mixes encodings" in problem.reason and problem.file.endswith("list.csv")


def test_explicit_encoding_error_names_the_line(tmp_path: Path) -> None:
    data = (HEADER + "1,Ali,Hassan\n").encode() + b"2,\xff\xfe,x\n"
    with pytest.raises(InputError) as err:
        read_table(write(tmp_path, data), encoding="utf-8")
    assert err.value.problem.line == 3


def test_undecodable_latin_bytes_ask_for_an_encoding(tmp_path: Path) -> None:
    data = HEADER.encode() + "1,Müller,Jörg\n".encode("latin-1")
    with pytest.raises(InputError, match="--encoding") as err:
        read_table(write(tmp_path, data))
    assert err.value.problem.line == 2 and err.value.problem.field == "name"
    assert read_table(write(tmp_path, data), encoding="latin-1").rows == [["1", "Müller", "Jörg"]]


def test_a_10000_character_cell_is_refused(tmp_path: Path) -> None:
    data = (HEADER + "1,Ali,Hassan\n2," + "ب" * 10_000 + ",Reza\n").encode()
    with pytest.raises(InvalidData) as err:
        read_table(write(tmp_path, data))
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (3, "name")
    assert "10,000 characters" in problem.reason
    assert "ب" not in str(err.value)  # the content is never echoed


def test_control_characters_and_nul(tmp_path: Path) -> None:
    with pytest.raises(InvalidData) as err:
        read_table(write(tmp_path, (HEADER + "1,Ali\x1b[31m,Reza\n").encode()))
    assert err.value.problems[0].field == "name"
    with pytest.raises(InputError, match="NUL"):
        read_table(write(tmp_path, (HEADER + "1,A\x00li,Reza\n").encode()))


def test_row_with_too_many_cells(tmp_path: Path) -> None:
    with pytest.raises(InvalidData) as err:
        read_table(write(tmp_path, (HEADER + "1,Ali,Reza\n2,Zahra,Hassan,extra\n").encode()))
    assert err.value.problems[0].line == 3


def test_quoted_multiline_cells_keep_line_numbers(tmp_path: Path) -> None:
    data = (HEADER + '1,"Ali\nKarimi",Reza\n2,Zahra,Hassan\n').encode()
    table = read_table(write(tmp_path, data))
    assert table.lines == [2, 4] and table.rows[0][1] == "Ali\nKarimi"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"id,name,id\n1,a,2\n", "twice"),
        (b"id,,father\n1,a,b\n", "no name"),
    ],
)
def test_bad_headers(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_table(write(tmp_path, data))


def test_semicolon_and_tab_delimiters(tmp_path: Path) -> None:
    for sep in (";", "\t"):
        data = f"id{sep}name\n1{sep}Ali Karimi\n".encode()
        assert read_table(write(tmp_path, data)).rows == [["1", "Ali Karimi"]]


def test_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "victims"
    sheet.append(["id", "name", "birth"])
    sheet.append([1, "محمد حسینی", 1340])
    sheet.append([None, None, None])
    sheet.append([2.0, "Zahra Karimi", None])
    book.save(path)
    table = read_table(path, sheet="victims")
    assert table.columns == ["id", "name", "birth"]
    assert table.rows == [["1", "محمد حسینی", "1340"], ["2", "Zahra Karimi", ""]]
    assert table.lines == [2, 4]
    with pytest.raises(InputError, match="no sheet"):
        read_table(path, sheet="other")


def test_damaged_xlsx(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="XLSX"):
        read_table(write(tmp_path, b"PK\x03\x04 not really a zip", "bad.xlsx"))
