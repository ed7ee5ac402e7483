"""In-case linkage: pairs as claims, canonical victims, decisions that survive re-linking."""

from __future__ import annotations

from pathlib import Path

import pytest
from linkage_world import ListsWorld, fill
from sqlalchemy import select

from dadkhah.case import Case
from dadkhah.errors import AccessDenied, CaseError, InputError, NotFound
from dadkhah.estimate import capture_records_from_case
from dadkhah.linkage import (
    canonical_victims,
    decide,
    link_case,
    list_records,
    pairwise_accuracy,
    review_queue,
)
from dadkhah.linkage.matches import read_matches
from dadkhah.linkage.tables import linkage_runs
from dadkhah.store import entity_claims


def clusters(case: Case) -> dict[str, str]:
    """Person id of each list record -> its canonical victim."""
    return {r.person_id: v.id for v in canonical_victims(case) for r in v.records}


def accuracy(case: Case, world: ListsWorld):  # type: ignore[no-untyped-def]
    found = clusters(case)
    people = sorted(world.truth)
    return pairwise_accuracy([found[p] for p in people], [world.truth[p] for p in people])


def test_linking_then_deciding_then_linking_again(case: Case) -> None:
    """On SQLite and PostgreSQL: the lists are linked accurately; a reviewer's "different" on a
    pair the model joined splits it, a "same" on two strangers joins them, and both decisions
    hold when the lists are linked again."""
    world = fill(case, n_people=80)
    report = link_case(case, author="tester")
    acc = accuracy(case, world)
    assert acc.precision >= 0.97 and acc.f1 >= 0.9
    assert report.victims.created == len(set(clusters(case).values()))
    with case.reading() as conn:
        stored = read_matches(conn)
    joined = next(m for m in sorted(stored.values(), key=lambda m: -(m.probability or 0)))
    assert (joined.probability or 0) >= 0.99
    before = clusters(case)
    assert before[joined.pair[0]] == before[joined.pair[1]]
    a, b = world.people["list1"][0], world.people["list3"][-1]  # different people, never paired
    assert world.truth[a] != world.truth[b] and before[a] != before[b]

    decide(case, joined.id, "different", reason="different fathers on the original forms", author="tester")
    decide(case, (a, b), "same", reason="confirmed by the family", author="tester")
    after = clusters(case)
    assert after[joined.pair[0]] != after[joined.pair[1]]
    assert after[a] == after[b]

    again = link_case(case, author="tester")
    assert again.decisions_applied == 2
    final = clusters(case)
    assert final[joined.pair[0]] != final[joined.pair[1]] and final[a] == final[b]
    with case.reading() as conn:
        match = read_matches(conn)[joined.pair]
    assert match.decision == "different" and match.decided_by == "tester"
    assert match.reason == "different fathers on the original forms"


def test_running_again_on_unchanged_lists_changes_nothing(copy: tuple[Case, ListsWorld]) -> None:
    case, _ = copy
    before = clusters(case)
    with case.reading() as conn:
        claims_before = conn.exec_driver_sql("SELECT count(*) FROM claims").scalar()
    report = link_case(case, author="tester")
    assert not report.changed and report.source_id is None
    assert report.victims.unchanged == len(set(before.values()))
    assert clusters(case) == before
    with case.reading() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM claims").scalar() == claims_before
        runs = conn.execute(select(linkage_runs.c.source_id)).all()
    assert len(runs) == 2 and runs[1].source_id is None  # the run is recorded, even when idle


def test_a_canonical_victim_shows_every_list_that_names_them(copy: tuple[Case, ListsWorld]) -> None:
    case, world = copy
    victims = canonical_victims(case)
    widest = max(victims, key=lambda v: len(v.lists))
    assert len(widest.lists) == 3
    view = case.view(widest.id)
    records = view.properties["record"]
    assert {v.value for v in records.values} == {r.person_id for r in widest.records}
    cited = {c.source_id for v in records.values for c in v.claims}
    assert cited == set(widest.lists) == {world.lists[n] for n in ("list1", "list2", "list3")}
    rows = {c.locator.row for v in records.values for c in v.claims if c.locator}
    assert len(rows) == len(widest.records)  # each record cited to its own row
    names = {c.source_id for v in view.properties["name"].values for c in v.claims}
    assert names == cited


def test_the_model_is_the_provenance_of_every_probability(copy: tuple[Case, ListsWorld]) -> None:
    case, _ = copy
    with case.reading() as conn:
        run = conn.execute(select(linkage_runs)).first()
        match = next(iter(read_matches(conn).values()))
        claims, _ = entity_claims(conn, match.id)
    assert run is not None and run.source_id is not None
    assert {c.source_id for c in claims} == {run.source_id}
    source = case.view(run.source_id)
    assert source.properties["kind"].current.value == "analysis"
    assert run.model_sha256 in source.properties["summary"].current.value
    assert '"comparisons"' in run.model  # splink's trained model, m and u of every level


def test_a_new_list_keeps_the_victims_whose_records_did_not_change(tmp_path: Path) -> None:
    with Case.init(tmp_path / "case", owner="tester") as case:
        fill(case, n_people=120, only=("list1", "list2"))
        link_case(case, author="tester")
        before = {v.id: frozenset(r.person_id for r in v.records) for v in canonical_victims(case)}
        added = set(fill(case, n_people=120, only=("list3",)).truth)
        report = link_case(case, author="tester")
        after = {v.id: frozenset(r.person_id for r in v.records) for v in canonical_victims(case)}
    # The model is trained again on more records, so a few old pairs move; every cluster whose
    # old records are exactly a previous victim's (whether or not the new list joined it)
    # keeps that victim's id, and every new list record belongs to some victim.
    holder = {records: victim for victim, records in before.items()}
    same = [
        (victim, holder[records - added]) for victim, records in after.items() if records - added in holder
    ]
    assert len(same) >= 0.9 * len(before)
    assert all(now == then for now, then in same)
    assert set().union(*after.values()) == set().union(*before.values()) | added
    assert report.victims.created == len(set(after) - set(before))


def test_review_queue_shows_undecided_pairs_in_the_band(copy: tuple[Case, ListsWorld]) -> None:
    case, _ = copy
    queue = review_queue(case, band=(0.05, 1.0))
    assert queue.pairs and all(0.05 <= (p.probability or 0) < 1.0 for p in queue.pairs)
    distances = [abs((p.probability or 0) - queue.threshold) for p in queue.pairs]
    assert distances == sorted(distances)  # nearest the threshold first
    first = queue.pairs[0]
    decide(case, first.match_id, "unsure", reason="the forms are illegible", author="tester")
    assert first.match_id not in {p.match_id for p in review_queue(case, band=(0.05, 1.0)).pairs}
    done = review_queue(case, decided=True)
    assert [p.match_id for p in done.pairs] == [first.match_id] and done.pairs[0].decision == "unsure"


def test_decisions_are_checked(copy: tuple[Case, ListsWorld]) -> None:
    case, world = copy
    pair = review_queue(case, band=(0.0, 1.0)).pairs[0].match_id
    with pytest.raises(InputError, match="one of same, different, unsure"):
        decide(case, pair, "maybe", reason="x", author="tester")
    with pytest.raises(InputError, match="reason"):
        decide(case, pair, "same", reason="  ", author="tester")
    with pytest.raises(NotFound):
        decide(case, "01J0000000000000000000000Z", "same", reason="x", author="tester")
    a = world.people["list1"][0]
    with pytest.raises(InputError, match="itself"):
        decide(case, (a, a), "same", reason="x", author="tester")


def test_linking_needs_a_reader_who_sees_every_record(copy: tuple[Case, ListsWorld]) -> None:
    case, _ = copy
    # The lists are internal: the public sees none of their records.
    with pytest.raises(AccessDenied, match="above public's clearance"):
        link_case(case, author="tester", reader=case.reader(view_as="public"))


def test_capture_records_for_estimation(copy: tuple[Case, ListsWorld]) -> None:
    case, world = copy
    captures = capture_records_from_case(case)
    assert captures.lists == ("Victim list list1", "Victim list list2", "Victim list list3")
    assert len(captures.records) == len(canonical_victims(case))
    on_lists = sum(len(lists) for lists, _ in captures.records)
    assert on_lists == len({(r.list_id, v.id) for v in canonical_victims(case) for r in v.records})
    prisons = {strata["prison"] for _, strata in captures.records}
    assert "(unknown)" in prisons and len(prisons) > 3
    months = {strata["month"] for _, strata in captures.records} - {"(unknown)"}
    assert months and all(m.startswith("1988-") for m in months)


def test_estimation_waits_for_linkage(tmp_path: Path) -> None:
    with Case.init(tmp_path / "case", owner="tester") as case:
        fill(case, n_people=30, only=("list1",))
        with pytest.raises(CaseError, match="not linked yet"):
            capture_records_from_case(case)
        link_case(case, author="tester")
        fill(case, n_people=30, seed=8, only=("list2",))
        with pytest.raises(CaseError, match="added since"):
            capture_records_from_case(case)


def test_list_records_are_read_from_claims(copy: tuple[Case, ListsWorld]) -> None:
    case, world = copy
    records = list_records(case)
    assert set(records.records) == set(world.truth)
    first = records.records[world.people["list1"][0]]
    assert first.list_id == world.lists["list1"] and first.locator is not None and first.locator.row == 1
    frame = records.frame()
    assert list(frame.columns[:3]) == ["source", "record_id", "name"]
    assert "prison" in frame and frame["prison"].notna().any()
