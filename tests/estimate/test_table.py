from __future__ import annotations

import numpy as np
import pytest

from dadkhah.errors import InputError, InvalidData
from dadkhah.estimate import from_memberships, parse_table, read_table, write_table
from dadkhah.estimate.table import from_cell_counts


def problems(raw: bytes) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_table(raw, source="t.csv")
    return [str(p) for p in caught.value.problems]


def test_reads_a_fixture_with_observed_zeros_filled(fixture_table):
    table = fixture_table("artificial_3")
    assert table.lists == ("A", "B", "C")
    assert table.observed == 96
    # Bit j is list j: A=1, B=2, C=4; AB = 3; the unlisted patterns are zeros.
    assert table.cell_counts().tolist() == [0, 40, 30, 6, 20, 0, 0, 0]
    assert table.list_sizes() == {"A": 46, "B": 36, "C": 20}


def test_uk_table_total_matches_the_home_office_count(fixture_table):
    assert fixture_table("uk_modern_slavery_2013").observed == 2744


def test_round_trip_through_csv(fixture_table):
    table = fixture_table("uk_modern_slavery_2013")
    again = parse_table(write_table(table).encode())
    assert again.lists == table.lists
    assert np.array_equal(again.cell_counts(), table.cell_counts())


def test_bad_bit_names_line_and_column():
    found = problems(b"A,B,count\n1,0,5\n1,2,3\n")
    assert found == ["t.csv:3, field 'B': must be 0 or 1"]


def test_negative_and_non_integer_counts():
    found = problems(b"A,B,count\n1,0,-5\n0,1,2.5\n")
    assert found == [
        "t.csv:2, field 'count': must not be negative",
        "t.csv:3, field 'count': must be a whole number",
    ]


def test_duplicate_pattern_names_both_lines():
    found = problems(b"A,B,count\n1,0,5\n0,1,2\n1,0,1\n")
    assert found == ["t.csv:4: duplicate capture pattern (first given on line 2)"]


def test_all_zero_pattern_is_refused():
    found = problems(b"A,B,C,count\n0,0,0,12\n1,1,0,3\n")
    assert len(found) == 1 and found[0].startswith("t.csv:2: the all-zero pattern")


def test_fewer_than_two_lists():
    found = problems(b"A,count\n1,5\n")
    assert found == ["t.csv:1: needs at least 2 list columns besides 'count', found 1"]


def test_missing_count_column_and_repeated_name():
    found = problems(b"A,B,B\n1,0,1\n")
    assert "t.csv:1: no 'count' column" in found
    assert "t.csv:1, field 'B': column name given twice" in found


def test_wrong_number_of_fields():
    assert problems(b"A,B,count\n1,0\n") == ["t.csv:2: expected 3 fields, found 2"]


def test_wrong_encoding_names_the_line():
    raw = "A,B,count\n1,0,5\n0,1,3 # é\n".encode("latin-1")
    with pytest.raises(InputError) as caught:
        parse_table(raw, source="t.csv")
    assert caught.value.problem.line == 3
    assert "not UTF-8" in str(caught.value)


def test_all_problems_are_reported_at_once():
    with pytest.raises(InvalidData) as caught:
        parse_table(b"A,B,count\n1,x,1\n1,0,-1\n0,0,4\n", source="t.csv")
    assert [p.line for p in caught.value.problems] == [2, 3, 4]


def test_byte_order_mark_and_blank_lines_are_accepted():
    table = parse_table(b"\xef\xbb\xbfA,B,count\n\n1,0,5\n0,1,3\n1,1,2\n")
    assert table.lists == ("A", "B") and table.observed == 10


def test_empty_table_and_unreadable_file(tmp_path):
    with pytest.raises(InputError, match="records nobody"):
        parse_table(b"A,B,count\n1,0,0\n")
    with pytest.raises(InputError, match="cannot read"):
        read_table(tmp_path / "missing.csv")


def test_from_memberships_counts_people_by_pattern():
    table = from_memberships(
        ["A", "B", "C"],
        [frozenset({"A"}), frozenset({"A", "C"}), frozenset({"A"}), frozenset(), frozenset({"X"})],
    )
    assert table.cell_counts().tolist() == [0, 2, 0, 0, 0, 1, 0, 0]


def test_lists_that_recorded_nobody_are_dropped_and_named():
    table = from_cell_counts(["A", "B", "C"], [0, 5, 0, 0, 7, 2, 0, 0])
    reduced, dropped = table.without_empty_lists()
    assert dropped == ("B",)
    assert reduced.lists == ("A", "C")
    assert reduced.cell_counts().tolist() == [0, 5, 7, 2]


def test_many_lists_store_only_observed_patterns():
    lists = [f"L{j}" for j in range(40)]
    people = [frozenset({"L0", "L39"}), frozenset({"L0", "L39"}), frozenset({"L7"})]
    table = from_memberships(lists, people)
    assert table.patterns.shape == (2, 40)
    assert sorted(table.counts.tolist()) == [1, 2]
    reduced, dropped = table.without_empty_lists()
    assert reduced.lists == ("L0", "L7", "L39") and len(dropped) == 37
    assert reduced.cell_counts().tolist() == [0, 0, 1, 0, 0, 2, 0, 0]
