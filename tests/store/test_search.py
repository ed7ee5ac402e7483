"""Full-text search over names in Persian and Latin script, on SQLite and PostgreSQL."""

from dadkhah.case import Case
from dadkhah.model import Sensitivity


def _people(case: Case) -> dict[str, str]:
    with case.writer() as w:
        src = w.create("Source", {"title": "List"})
        ids = {
            "hosseini": w.create(
                "Person",
                {"name": "محمدرضا حسینی", "fatherName": "علی"},
                source=src,
                sensitivity=Sensitivity.PUBLIC,
            ),
            "karimi": w.create(
                "Person", {"name": "Fatemeh Karimi"}, source=src, sensitivity=Sensitivity.PUBLIC
            ),
            "ghasemi": w.create(
                "Person", {"name": "Ghasem Ghasemi"}, source=src, sensitivity=Sensitivity.PUBLIC
            ),
        }
        w.create(
            "Event",
            {"title": "Executions at the northern prison", "description": "Mass graves were dug"},
            source=src,
        )
    return ids


def test_a_persian_name_is_found_by_latin_spellings_and_by_itself(case: Case) -> None:
    ids = _people(case)
    for query in (
        "محمدرضا حسینی",
        "Mohammadreza Hosseini",
        "Mohammad Reza Hoseyni",
        "Mohamad-Reza Husseini",
        "حسینی",
    ):
        hits = [h.entity_id for h in case.search(query)]
        assert hits and hits[0] == ids["hosseini"], query


def test_a_latin_name_is_found_from_persian_script_and_variants(case: Case) -> None:
    ids = _people(case)
    assert case.search("فاطمه کریمی")[0].entity_id == ids["karimi"]
    assert case.search("Fatima Karimi")[0].entity_id == ids["karimi"]
    assert case.search("Qasem Qasemi")[0].entity_id == ids["ghasemi"]


def test_words_in_text_are_found_and_filtered_by_type(case: Case) -> None:
    _people(case)
    assert [h.schema for h in case.search("mass graves")] == ["Event"]
    assert case.search("mass graves", schema="Person") == []
    assert case.search("") == []
    assert case.search("\"' OR 1=1 --") == []  # query syntax of the engines cannot be injected


def test_withdrawn_and_corrected_values_leave_the_index(case: Case) -> None:
    with case.writer() as w:
        src = w.create("Source", {"title": "List"})
        person = w.create("Person", {"name": "Bahram Tehrani"}, source=src)
        occupation = w.claim(person, "occupation", "carpenter", source=src)
    assert case.search("carpenter")
    with case.writer() as w:
        fixed = w.supersede(occupation.id, "blacksmith", reason="misheard")
    assert not case.search("carpenter") and case.search("blacksmith")
    with case.writer() as w:
        w.retract(fixed.id, reason="unsure")
    assert case.search("carpenter") and not case.search("blacksmith")  # the original is current again
