"""``dadkhah import list``: list files in every encoding, hostile ones refused whole or set aside."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from dadkhah.case import Case
from dadkhah.errors import InputError, InvalidData
from dadkhah.exchange.lists import import_list, parse_list_map

HEADER = ["ID", "Name", "Father", "Born", "Prison", "Executed"]
ROWS = [
    ["A-1", "محمدرضا حسینی", "علی", "1340", "زندان اوین", "1367/05/12"],
    ["A-2", "Zahra Karimi", "Hassan", "1962", "Evin Prison", "1988-08-20"],
    ["A-3", "فاطمه احمدی", "مهدی", "۱۳۴۲", "زندان اوین", "۱۳۶۷/۰۶/۰۱"],
]
MAP = {"record_id": "ID", "full_name": "Name", "father_name": "Father", "birth_year": "Born",
       "prison": "Prison", "death_date": "Executed"}  # fmt: skip


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([HEADER, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def case(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Case.init(tmp_path / "case", owner="tester") as opened:
        yield opened


def people(case: Case) -> int:
    return case.summary().counts.get("Person", 0)


@pytest.mark.parametrize(
    ("encoding", "delimiter", "suffix"),
    [("utf-8", ",", ".csv"), ("utf-8-sig", ";", ".csv"), ("utf-16", "\t", ".txt"), ("cp1256", ",", ".csv")],
)
def test_each_encoding_imports_every_row(case: Case, tmp_path: Path, encoding: str, delimiter: str,
                                         suffix: str) -> None:  # fmt: skip
    # Windows-1256 has the Arabic yeh and kaf and no Persian digits: lists typed in it use those.
    arabic = str.maketrans("یک۰۱۲۳۴۵۶۷۸۹", "يك0123456789")
    rows = ROWS if encoding != "cp1256" else [[c.translate(arabic) for c in r] for r in ROWS]
    path = write(tmp_path / f"list{suffix}", rows, encoding, delimiter)
    result = import_list(case, path, source="Families' list", author="tester", field_map=MAP, new_places=True)
    assert (result.imported, result.people, result.rejected) == (3, 3, [])
    assert result.source_created and result.encoding is not None
    person = case.view(result_person(case, result.source_id, row=1))
    name = person.properties["name"].current
    assert name.value.replace("ي", "ی") == "محمدرضا حسینی"
    assert name.claims[0].locator is not None and name.claims[0].locator.row == 1
    assert name.claims[0].locator.note == "record A-1"


def result_person(case: Case, source: str, row: int) -> str:
    from sqlalchemy import select

    from dadkhah.store.tables import claims, entities

    with case.reading() as conn:
        found = conn.execute(
            select(claims.c.entity_id, claims.c.locator)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(claims.c.source_id == source, claims.c.prop == "name", entities.c.schema == "Person")
        ).all()
    return next(e for e, loc in found if json.loads(loc)["row"] == row)


def test_xlsx_with_numbers_and_a_second_sheet(case: Case, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Victims"
    sheet.append(HEADER)
    sheet.append(["A-1", "Ali Rezaei", "Reza", 1958, "Evin Prison", "1988-08-03"])
    book.create_sheet("About").append(["not a list"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    result = import_list(case, path, source="HRM", author="tester", field_map=MAP, sheet="Victims")
    assert result.imported == 1
    view = case.view(result_person(case, result.source_id, row=1))
    assert view.properties["birthDate"].current.value == "1958"


def test_a_bad_row_stops_the_import_and_names_line_and_column(case: Case, tmp_path: Path) -> None:
    rows = [
        *ROWS,
        ["A-4", "", "Ali", "1960", "Evin", "1988"],
        ["A-5", "Reza Rahimi", "x", "1961", "Evin", "1988-13-40"],
    ]
    path = write(tmp_path / "list.csv", rows)
    with pytest.raises(InvalidData) as error:
        import_list(case, path, source="L", author="tester", field_map=MAP)
    problems = error.value.problems
    assert [(p.line, p.field) for p in problems] == [(5, "Name"), (6, "Executed")]
    assert "no name" in problems[0].reason and "--skip-bad" in str(error.value)
    assert people(case) == 0 and case.summary().counts.get("Source", 0) == 0  # nothing half-imported


def test_skip_bad_imports_the_rest_and_writes_safe_rejects(case: Case, tmp_path: Path) -> None:
    evil = '=HYPERLINK("http://example.invalid","x")'
    long = "ب" * 10_000
    rows = [*ROWS, ["A-4", "", evil, "1960", "Evin", "1988"], ["A-5", long, "Ali", "1960", "Evin", "1988"],
            ["@A-6", "Reza Rahimi", "+Ali", "1961", "Evin", "-1988"]]  # fmt: skip
    path = write(tmp_path / "list.csv", rows)
    rejects = tmp_path / "rejects.csv"
    result = import_list(case, path, source="L", author="tester", field_map=MAP, skip_bad=rejects)
    assert (result.imported, len(result.rejected)) == (3, 3)
    assert people(case) == 3
    with rejects.open(encoding="utf-8", newline="") as f:
        got = list(csv.reader(f))
    assert got[0] == ["line", "column", "reason", *HEADER]
    by_line = {row[0]: row for row in got[1:]}
    assert by_line["5"][1] == "Name" and "no name" in by_line["5"][2]
    assert by_line["5"][3 + HEADER.index("Father")] == "'" + evil  # a spreadsheet shows it as text
    assert by_line["6"][1] == "Name" and "10,000 characters" in by_line["6"][2]
    assert by_line["6"][3 + HEADER.index("Name")] == long  # the row as it was
    assert by_line["7"][1] == "Executed" and by_line["7"][3] == "'@A-6"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in got for cell in row)


def test_a_file_that_mixes_encodings_is_refused_whole(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    good = ",".join(ROWS[0]).encode("utf-8")
    bad = ",".join(ROWS[2]).encode("utf-8").replace("فاطمه".encode(), "فاطمه".encode("cp1256"))
    path.write_bytes(",".join(HEADER).encode() + b"\n" + good + b"\n" + bad + b"\n")
    with pytest.raises(InputError, match="mixes encodings") as error:
        import_list(case, path, source="L", author="tester", field_map=MAP, skip_bad=tmp_path / "r.csv")
    assert error.value.problem.line == 3 and error.value.problem.field == "Name"
    assert people(case) == 0 and not (tmp_path / "r.csv").exists()


def test_sources_are_found_created_or_refused(case: Case, tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", ROWS)
    with case.writer() as w:
        report = w.create("Source", {"title": "A report", "kind": "report"})
        w.create("Source", {"title": "Old list", "code": "OLD", "kind": "victim_list"})
    with pytest.raises(InputError, match="is a report, not a victim list"):
        import_list(case, path, source="A report", author="tester", field_map=MAP)
    with pytest.raises(InputError, match="is a report"):
        import_list(case, path, source=report, author="tester", field_map=MAP)
    first = import_list(case, path, source="OLD", author="tester", field_map=MAP)
    assert not first.source_created and first.source_title == "Old list"
    with pytest.raises(InputError, match="already holds 3 list record"):
        import_list(case, path, source="Old list", author="tester", field_map=MAP)
    again = import_list(case, path, source="Old list", author="tester", field_map=MAP, append=True)
    assert again.imported == 3 and people(case) == 6


def test_columns_named_like_fields_need_no_map(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("full_name,Death_Date,notes\nAli Karimi,1988-08-03,from the family\n", encoding="utf-8")
    assert import_list(case, path, source="L", author="tester").imported == 1
    bare = tmp_path / "bare.csv"
    bare.write_text("who,when\nAli Karimi,1988\n", encoding="utf-8")
    with pytest.raises(InputError, match="no name column.*who, when"):
        import_list(case, bare, source="L2", author="tester")
    with pytest.raises(InputError, match="has no column 'Nom'"):
        import_list(case, bare, source="L2", author="tester", field_map={"full_name": "Nom"})
    with pytest.raises(InputError, match="unknown field 'nam'"):
        parse_list_map("nam=who")


def test_the_command(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "case"
    Case.init(path, owner="tester").close()
    listed = write(tmp_path / "list.csv", [*ROWS, ["A-4", "", "x", "", "", ""]])
    mapping = ",".join(f"{k}={v}" for k, v in MAP.items())
    refused = cli("--case", path, "import", "list", listed, "--source", "Families", "--map", mapping)
    assert refused.code == 2 and "list.csv:5, field 'Name'" in refused.err
    rejects = tmp_path / "rejects.csv"
    done = cli("--case", path, "import", "list", listed, "--source", "Families", "--map", mapping,
               "--skip-bad", rejects, "--new-places", "--json")  # fmt: skip
    assert done.code == 0, done.err
    summary = json.loads(done.out)
    assert (summary["imported"], summary["rejected"], summary["source_created"]) == (3, 1, True)
    assert summary["rejects_file"] == str(rejects) and rejects.exists()
    with Case.open(path) as case:
        assert case.summary().counts["Place"] == 2  # زندان اوین and Evin Prison, as the list writes them
    same = cli("--case", path, "import", "list", listed, "--source", "Families", "--skip-bad", listed)
    assert same.code == 2 and "overwrite the list itself" in same.err
