"""Forum analysis from a case's claims: the decisive points come out as they do for scenario files."""

from __future__ import annotations

from datetime import date

import pytest
from law_world import World, allege_murder, sitting_president_in_sweden
from sqlalchemy import select

from dadkhah import law
from dadkhah.case import Case
from dadkhah.errors import InputError
from dadkhah.store.tables import claims


def _result(results: list[law.ForumResult], forum: str) -> law.ForumResult:
    return next(r for r in results if r.forum == forum)


def test_facts_come_from_claims_and_unknowns_stay_unknown(case: Case, world: World) -> None:
    allege_murder(case, world)
    found = law.case_facts(case, world["suspect"], date(2025, 5, 1))
    s = found.scenario
    assert s.suspect.label == "Dariush Namvar" and s.suspect.nationalities == ("XA",)
    (office,) = s.suspect.offices
    assert (office.kind, office.state, office.title) == ("other_official", "XA", "Member (prosecutor)")
    (conduct,) = s.conduct
    # The territory comes from the prison's parent place; dates span the event and the violations.
    assert conduct.crimes == ("RS.7.1.a",) and conduct.territory == "XA"
    assert (conduct.start.earliest, conduct.end.latest) == (date(1988, 7, 28), date(1988, 9, 30))
    assert conduct.victim_nationalities == ("XA",)
    assert conduct.armed_conflict is None and conduct.continuing is None
    # No Presence recorded: presence anywhere is unknown, not "absent".
    assert (
        s.suspect.in_state("SE", s.as_of) is None and s.suspect.in_state("DE", s.as_of, resident=True) is None
    )
    assert any("no Presence recorded" in u for u in found.unknown)
    # One victim without a recorded nationality makes the victims' nationalities unknown.
    with case.writer("analyst") as w:
        stranger = w.create("Person", {"name": "Unnamed prisoner"}, source=world["list"])
        w.create(
            "Violation",
            {"victim": stranger, "act": "execution", "event": world["event"]},
            source=world["list"],
        )
    again = law.case_facts(case, world["suspect"], date(2025, 5, 1))
    assert again.scenario.conduct[0].victim_nationalities is None
    assert any("1 of 3 victims" in u for u in again.unknown)


def test_a_sitting_head_of_state_is_immune_abroad_and_old_conduct_is_not_cah_in_sweden(
    case: Case, world: World
) -> None:
    allege_murder(case, world)
    sitting_president_in_sweden(case, world)
    kb = law.default()
    while_in_office = law.scenario_from_case(case, world["suspect"], date(2025, 5, 1))
    results = law.analyse(while_in_office, kb)
    sweden = _result(results, "SE")
    assert sweden.verdict == "barred"
    bars = {r.rule for r in sweden.reasons if r.effect == "bars"}
    assert "immunity_ratione_personae" in bars
    # 1988 conduct: Sweden's crimes-against-humanity offence (1 July 2014) cannot reach it; murder can.
    routes = {r.offence: r.status for r in sweden.routes}
    assert routes["SE.CAH"] == "barred" and routes["SE.MURDER"] == "available"
    assert any(r.rule == "non_retroactivity" and r.ref == "SE.CAH" for r in sweden.reasons)
    # The ICC cannot reach conduct before 1 July 2002; the president's own state is no foreign court.
    assert _result(results, "ICC").verdict == "barred"
    # After the last day the case shows him in office, immunity is no longer a known bar.
    later = law.analyse(law.scenario_from_case(case, world["suspect"], date(2025, 9, 1)), kb)
    sweden_later = _result(later, "SE")
    immunity = [r for r in sweden_later.reasons if r.rule == "immunity_ratione_personae"]
    assert [r.effect for r in immunity] == ["unknown"] and sweden_later.verdict != "barred"
    # Once the end of the term is recorded, personal immunity has ended with it.
    with case.writer("analyst") as w:
        end = w.conn.execute(
            select(claims.c.id).where(claims.c.prop == "endDate", claims.c.value == "2025-06-01/..")
        ).scalar()
        w.supersede(str(end), "2025-07-15", reason="the gazette of 16 July 2025 records the end of the term")
    ended = law.analyse(law.scenario_from_case(case, world["suspect"], date(2025, 9, 1)), kb)
    effects = [r.effect for r in _result(ended, "SE").reasons if r.rule == "immunity_ratione_personae"]
    assert effects == ["establishes"]
    assert _result(ended, "SE").verdict == "available"


def test_the_suspect_must_be_a_person(case: Case, world: World) -> None:
    with pytest.raises(InputError) as error:
        law.case_facts(case, world["event"])
    assert error.value.problem.field == "suspect"
