"""Victim-list rows become people and violations sourced to their row; bad rows are named precisely."""

import pytest

from dadkhah.case import Case
from dadkhah.errors import InputError
from dadkhah.exchange import ListSpec, import_rows
from dadkhah.store import entity_claims


def _setup(case: Case) -> tuple[str, str]:
    with case.writer() as w:
        source = w.create("Source", {"title": "Families' list"})
        prison = w.create(
            "Place",
            {"name": ["زندان مرکزی ارژنگ", "Arzhang Central Prison"], "kind": "prison"},
            source=source,
        )
    return source, prison


def test_rows_become_people_and_violations_with_row_locators(case: Case) -> None:
    source, prison = _setup(case)
    spec = ListSpec(
        source,
        {
            "full_name": "name",
            "father_name": "father",
            "age": "age",
            "prison": "prison",
            "death_date": "date",
            "gender": "sex",
        },
        calendar="solar-hijri",
        file="list.csv",
    )
    rows = [
        (
            2,
            1,
            {
                "name": "آرش گلستانی",
                "father": "محمد",
                "age": "24",
                "prison": "مرکزي ارژنگ",
                "date": "1367/5/28",
                "sex": "مرد",
            },
        ),
        (
            3,
            2,
            {
                "name": "فریبا پارسا",
                "father": "",
                "age": "",
                "prison": "Unknown Fort",
                "date": "مرداد ۱۳۶۷",
                "sex": "زن",
            },
        ),
    ]
    with case.writer() as w:
        result = import_rows(w, spec, rows)
    assert (result.rows, len(result.people), len(result.violations)) == (2, 2, 2)
    first = case.view(result.people[0])
    assert first.properties["gender"].current.value == "male"
    assert first.properties["birthDate"].current.value == "1963/1964"  # 24 at death in 1988
    name_claim = first.properties["name"].current.claims[0]
    assert (name_claim.source_id, name_claim.locator.row if name_claim.locator else None) == (source, 1)
    violation = case.view(result.violations[0])
    assert violation.properties["date"].current.value == "1988-08-19"
    assert violation.properties["place"].current.value == prison  # a variant spelling resolves
    assert violation.properties["place"].current.claims[0].original == "مرکزي ارژنگ"
    second = case.view(result.violations[1])
    assert second.properties["date"].current.value == "1988-07-23/1988-08-22"
    assert "place" not in second.properties
    with case.reading() as conn:
        notes = [c.value for c in entity_claims(conn, result.people[1])[0] if c.prop == "note"]
    assert notes == ["prison: Unknown Fort"]  # what could not be resolved is kept, not lost


def test_a_bad_row_is_named_by_file_line_and_column_and_nothing_is_imported(case: Case) -> None:
    source, _ = _setup(case)
    spec = ListSpec(
        source, {"full_name": "Name", "death_date": "Date of execution"}, calendar="gregorian", file="hrm.csv"
    )
    rows = [
        (2, 1, {"Name": "Behruz Aghaei", "Date of execution": "23/08/1988"}),
        (3, 2, {"Name": "Kaveh Javadi", "Date of execution": "1988-13-01"}),
    ]
    before = case.summary().counts.get("Person", 0)
    with pytest.raises(InputError) as error, case.writer() as w:
        import_rows(w, spec, rows)
    problem = error.value.problem
    assert (problem.file, problem.line, problem.field) == ("hrm.csv", 3, "Date of execution")
    assert "month 13" in problem.reason
    assert case.summary().counts.get("Person", 0) == before


def test_a_row_without_a_name_is_refused() -> None:
    with pytest.raises(InputError, match="no name column"):
        ListSpec("S", {"death_date": "d"})
    with pytest.raises(InputError, match="unknown list fields: surnmae"):
        ListSpec("S", {"surnmae": "x", "full_name": "n"})


def test_day_first_dates_follow_the_declared_order(case: Case) -> None:
    source, _ = _setup(case)
    for order, expected in (("dmy", "1988-08-05"), ("mdy", "1988-05-08")):
        spec = ListSpec(source, {"full_name": "n", "death_date": "d"}, calendar="gregorian", date_order=order)
        with case.writer() as w:
            result = import_rows(w, spec, [(2, 1, {"n": "Reza Karimi", "d": "05/08/1988"})])
        assert case.view(result.violations[0]).properties["date"].current.value == expected


def test_places_match_by_whole_names_never_by_shared_generic_words(case: Case) -> None:
    from dadkhah.exchange.victims import PlaceResolver

    with case.writer() as w:
        source = w.create("Source", {"title": "Gazetteer"})
        kavand = w.create("Place", {"name": "Kavand municipal cemetery", "kind": "grave_site"}, source=source)
        sangdasht = w.create(
            "Place", {"name": ["Sangdasht Prison", "زندان سنگدشت"], "kind": "prison"}, source=source
        )
        w.create("Place", {"name": "Sarvand municipal cemetery", "kind": "grave_site"}, source=source)
        places = PlaceResolver(w)
        assert places.resolve("Kavand Municipal Cemetery", "burial_place") == kavand
        assert places.resolve("Tarom municipal cemetery", "burial_place") is None  # two words in common
        assert places.resolve("municipal cemetery", "burial_place") is None  # which one? neither
        assert places.resolve("Sangdasht", "prison") == sangdasht  # a word left out
        assert places.resolve("Prison", "prison") is None  # a kind of place names no place
        assert places.resolve("سنگدشت", "prison") == sangdasht  # in the other script
        assert places.resolve("Sangdasht Prison", "burial_place") is None  # a prison is no burial place
