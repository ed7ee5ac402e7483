"""Claims with provenance on SQLite and PostgreSQL: validation, conflicts, corrections, withdrawals."""

import pytest
from sqlalchemy import text

from dadkhah.case import Case
from dadkhah.errors import Conflict, InputError, InvalidValue, LockedError, NotFound
from dadkhah.model import Sensitivity
from dadkhah.store import Locator


def _sources(case: Case) -> tuple[str, str]:
    with case.writer() as w:
        a = w.create("Source", {"title": "List A", "code": "A", "kind": "victim_list"})
        b = w.create("Source", {"title": "List B", "code": "B", "kind": "victim_list"})
    return a, b


def test_conflicting_claims_from_two_sources_both_show_with_their_sources(case: Case) -> None:
    a, b = _sources(case)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi"}, source=a, locator=Locator(row=12))
        w.claim(person, "birthDate", "1960", source=a, locator=Locator(row=12))
        w.claim(person, "birthDate", "1962-03", source=b, locator=Locator(page="4"))
        w.claim(person, "name", "رضا کریمی", source=b, locator=Locator(page="4"))
    view = case.view(person)
    birth = view.properties["birthDate"]
    assert birth.conflict
    assert {v.value for v in birth.values} == {"1960", "1962-03"}
    assert {v.value: v.sources for v in birth.values} == {"1960": [a], "1962-03": [b]}
    assert {str(v.claims[0].locator) for v in birth.values} == {"row 12", "p. 4"}
    names = view.properties["name"]
    assert not names.conflict  # names hold several values: both are current
    assert {v.value for v in names.values} == {"Reza Karimi", "رضا کریمی"}
    assert view.captions[a] == "List A" and view.captions[b] == "List B"


def test_compatible_dates_are_not_a_conflict_and_the_precise_one_is_preferred(case: Case) -> None:
    a, b = _sources(case)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi", "deathDate": "1988"}, source=a)
        w.claim(person, "deathDate", "1367-05-09 SH", source=b)
    death = case.view(person).properties["deathDate"]
    assert not death.conflict
    assert death.current.value == "1988-07-31"
    assert death.current.claims[0].original == "1367-05-09 SH"


def test_supersede_and_retract_keep_the_whole_history(case: Case) -> None:
    a, _ = _sources(case)
    with case.writer(author="amir") as w:
        person = w.create("Person", {"name": "Reza Karimi", "gender": "male"}, source=a)
        first = w.claim(person, "birthDate", "1961", source=a)
    with case.writer(author="sara") as w:
        fixed = w.supersede(first.id, "1960", reason="row misread; the register says 1960")
    assert case.view(person).properties["birthDate"].current.value == "1960"
    with case.writer(author="sara") as w:
        w.retract(fixed.id, reason="the correction was itself wrong")
    view = case.view(person, history=True)
    assert view.properties["birthDate"].current.value == "1961"  # retracting a correction restores
    history = view.history or []
    actions = [(h.action, h.claim.value, h.status.state) for h in history if h.claim.prop == "birthDate"]
    assert actions == [
        ("asserted", "1961", "current"),
        ("superseded", "1960", "retracted"),
        ("retracted", "1960", "retracted"),
    ]
    retraction = next(h.retraction for h in history if h.retraction)
    assert (retraction.author, retraction.reason) == ("sara", "the correction was itself wrong")
    assert next(h.claim for h in history if h.action == "superseded").reason.startswith("row misread")


def test_only_current_claims_can_be_corrected_or_withdrawn(case: Case) -> None:
    a, _ = _sources(case)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi"}, source=a)
        old = w.claim(person, "occupation", "teacher", source=a)
        w.supersede(old.id, "student", reason="typo")
    with pytest.raises(Conflict, match="superseded"), case.writer() as w:
        w.retract(old.id, reason="again")
    with case.writer() as w:
        gone = w.claim(person, "occupation", "engineer", source=a)
        w.retract(gone.id, reason="wrong person")
    with pytest.raises(Conflict, match="retracted"), case.writer() as w:
        w.supersede(gone.id, "doctor", reason="x")
    with pytest.raises(InputError, match="reason"), case.writer() as w:
        w.retract(old.id, reason="   ")


def test_a_failed_write_leaves_nothing_behind(case: Case) -> None:
    a, _ = _sources(case)
    before = case.summary().claims
    with pytest.raises(InvalidValue), case.writer() as w:
        w.create("Person", {"name": "Half Written", "birthDate": "1988-13-01"}, source=a)
    assert case.summary().claims == before
    assert case.search("Half Written") == []


def test_references_must_exist_and_fit_the_range(case: Case) -> None:
    a, _ = _sources(case)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi"}, source=a)
        place = w.create("Place", {"name": "Evin", "kind": "prison", "point": "35.79,51.39"}, source=a)
        w.create(
            "Violation", {"victim": person, "act": "execution", "place": place, "date": "1988-08"}, source=a
        )
    with pytest.raises(InvalidValue, match="must be a Person"), case.writer() as w:
        w.create("Violation", {"victim": place, "act": "execution"}, source=a)
    with pytest.raises(NotFound), case.writer() as w:
        w.create("Violation", {"victim": "01HZZZZZZZZZZZZZZZZZZZZZZZ", "act": "execution"}, source=a)
    referrers = case.view(person).referenced_by
    assert [(schema, prop) for _, schema, prop in referrers] == [("Violation", "victim")]


def test_every_claim_needs_a_source_and_required_properties(case: Case) -> None:
    a, _ = _sources(case)
    with pytest.raises(InputError, match="needs a source"), case.writer() as w:
        w.create("Person", {"name": "Nobody's Claim"})
    with pytest.raises(InputError, match="needs victim"), case.writer() as w:
        w.create("Violation", {"act": "torture"}, source=a)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi"}, source=a)
    with pytest.raises(InputError, match="not a Source"), case.writer() as w:
        w.claim(person, "occupation", "teacher", source=person)
    with pytest.raises(InputError, match="has no property 'surname'"), case.writer() as w:
        w.claim(person, "surname", "Karimi", source=a)


def test_sensitivity_floor_and_protected_values_need_the_key(case: Case) -> None:
    a, _ = _sources(case)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi"}, source=a, sensitivity=Sensitivity.PUBLIC)
    with pytest.raises(InputError, match="at least confidential"), case.writer() as w:
        w.claim(person, "religion", "Baha'i", source=a, sensitivity=Sensitivity.PUBLIC)
    with pytest.raises(LockedError), case.writer() as w:
        w.claim(person, "contact", "+00 000 000", source=a)


def test_readers_see_only_up_to_their_clearance(case: Case) -> None:
    from dadkhah.access import Reader

    a, _ = _sources(case)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi"}, source=a, sensitivity=Sensitivity.PUBLIC)
        w.claim(person, "occupation", "teacher", source=a, sensitivity=Sensitivity.CONFIDENTIAL)
    public = case.view(person, Reader.public())
    assert set(public.properties) == {"name"}
    assert set(case.view(person).properties) == {"name", "occupation"}
    assert case.search("teacher", Reader.public()) == []
    assert [h.entity_id for h in case.search("teacher")] == [person]


def test_claims_are_append_only_in_the_database_itself(case: Case) -> None:
    a, _ = _sources(case)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi"}, source=a)
    for statement in (
        "UPDATE claims SET value = 'forged'",
        "DELETE FROM claims",
        f"DELETE FROM entities WHERE id = '{person}'",
    ):
        with pytest.raises(Exception, match="append-only"), case.engine.begin() as conn:
            conn.execute(text(statement))
    assert case.view(person).properties["name"].current.value == "Reza Karimi"


def test_summary_counts_types_sources_and_date_range(case: Case) -> None:
    a, b = _sources(case)
    with case.writer() as w:
        p = w.create("Person", {"name": "Reza Karimi", "birthDate": "1960"}, source=a)
        w.create("Violation", {"victim": p, "act": "execution", "date": "1367-05-09 SH"}, source=b)
        early = w.claim(p, "deathDate", "1950", source=a)
        w.retract(early.id, reason="confused with his father")
    result = case.summary()
    assert result.counts == {"Person": 1, "Source": 2, "Violation": 1}
    assert result.date_range == ("1960-01-01", "1988-07-31")
    by_title = {s["title"]: s["claims"] for s in result.sources}
    assert by_title["List A"] == 2 + 3 + 1 and by_title["List B"] == 3 + 3  # own claims plus claims cited
    assert (result.claims, result.retracted) == (12, 1)


def test_an_invalid_protected_value_is_not_quoted_in_the_error(case: Case) -> None:
    class Clear:
        def seal(self, plaintext: str, *, context: str) -> str:
            return plaintext[::-1]

        def open(self, token: str, *, context: str) -> str:
            return token[::-1]

    a, _ = _sources(case)
    with case.writer() as w:
        person = w.create("Person", {"name": "Reza Karimi"}, source=a)
    case.protector = Clear()
    secret = "Secretname Hiddenpart"
    with pytest.raises(InvalidValue) as error, case.writer() as w:
        w.claim(person, "birthDate", secret, source=a, sensitivity=Sensitivity.PROTECTED)
    assert "Secret" not in str(error.value) and error.value.problem.field == "birthDate"
