"""The demonstration case built end to end at a small scale: contents, cross-script search, truth apart."""

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from dadkhah.case import Case
from dadkhah.demo.build import build_demo
from dadkhah.errors import CaseError
from dadkhah.store.tables import claims, entities


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "case"
    report = build_demo(path, scale=0.05)
    assert [line.split(":")[0] for line in report["steps"]] == [
        "world",
        "evidence",
        "witnesses",
        "claims",
        "victim lists",
        "users",
        "link",
        "review",
        "estimate",
        "analysis",
        "custody",
        "case files",
    ]
    return path


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_case_holds_the_whole_fictional_world(demo: Path) -> None:
    with Case.open(demo) as case:
        counts = case.summary().counts
    assert counts["Testimony"] >= 8 and counts["EvidenceItem"] == 6 and counts["Presence"] == 2
    assert counts["Person"] > 250 and counts["Violation"] > 250 and counts["Position"] > 20
    assert {"Source", "Place", "Organization", "Event", "Involvement"} <= set(counts)
    # linked: fewer canonical victims than list records, each list record in exactly one
    list_rows = len(_csv(demo.with_name("case.truth") / "list_rows.csv"))
    assert 0 < counts["CanonicalVictim"] < list_rows


def test_the_ground_truth_is_beside_the_case_and_never_in_it(demo: Path) -> None:
    truth = demo.with_name("case.truth")
    assert (truth / "victims.csv").is_file() and not (demo / "truth").exists()
    victim_ids = [row["victim_id"] for row in _csv(truth / "victims.csv")]
    with Case.open(demo) as case, case.reading() as conn:
        values = {row.value for row in conn.execute(select(claims.c.value))}
    assert not values & set(victim_ids)
    summary = json.loads((truth / "summary.json").read_text(encoding="utf-8"))
    assert summary["true_total"] == len(victim_ids)


def _row_entities(case: Case, list_title: str) -> dict[int, str]:
    """Data row → the Person imported from it, for one list."""
    with case.reading() as conn:
        source = conn.execute(
            select(claims.c.entity_id).where(claims.c.prop == "title", claims.c.value == list_title)
        ).scalar_one()
        rows = conn.execute(
            select(claims.c.entity_id, claims.c.locator)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(claims.c.source_id == source, entities.c.schema == "Person", claims.c.prop == "name")
        )
        return {json.loads(r.locator)["row"]: r.entity_id for r in rows}


def test_the_review_decided_every_uncertain_pair_as_the_truth_says(demo: Path) -> None:
    from dadkhah.demo.scoring import truth_of_records
    from dadkhah.demo.steps import LEFT_FOR_THE_WEB, REVIEWER
    from dadkhah.linkage import canonical_victims, review_queue
    from dadkhah.linkage.matches import read_matches

    with Case.open(demo) as case:
        who = truth_of_records(case, demo.with_name("case.truth"))
        with case.reading() as conn:
            decided = [m for m in read_matches(conn).values() if m.decision]
        assert decided and all(m.decided_by == REVIEWER for m in decided)
        assert all((m.decision == "same") == (who[m.pair[0]] == who[m.pair[1]]) for m in decided)
        left = review_queue(case).pairs  # a few pairs, the least uncertain, for the web's review page
        assert len(left) in (0, LEFT_FOR_THE_WEB) and len(left) < len(decided)
        victim_of = {r.person_id: v.id for v in canonical_victims(case) for r in v.records}
    # a "same" decision always joins its two records
    assert all(victim_of[m.pair[0]] == victim_of[m.pair[1]] for m in decided if m.decision == "same")


def test_no_witness_identity_is_in_the_case_folder_in_plain_text(demo: Path) -> None:
    from dadkhah.demo.build import REGISTRY

    registry = json.loads((demo.with_name("case.truth") / REGISTRY).read_text(encoding="utf-8"))
    with Case.open(demo) as case, case.reading() as conn:
        public = set(conn.execute(select(claims.c.value).where(claims.c.sensitivity < 3)).scalars())
    secrets = set()
    for entry in registry:
        identity = entry["protected"]
        secrets |= {identity["real_name"]["fa"], identity["real_name"]["en"], *identity["contact"]}
    secrets -= public  # invented names come from a shared pool: a victim may share a witness's name
    assert len(secrets) > 10
    for file in (f for f in demo.rglob("*") if f.is_file()):
        data = file.read_bytes()
        for secret in secrets:
            for form in {secret.encode("utf-8"), secret.encode("utf-16-le")}:
                assert form not in data, f"a witness's identity in plain text in {file.relative_to(demo)}"


def test_search_finds_a_victim_by_persian_script_name_and_by_another_latin_spelling(demo: Path) -> None:
    truth = demo.with_name("case.truth")
    victims = {r["victim_id"]: r for r in _csv(truth / "victims.csv")}
    rows: dict[str, dict[str, int]] = {}
    for r in _csv(truth / "list_rows.csv"):
        rows.setdefault(r["victim_id"], {})[r["list_id"]] = int(r["row"])
    both = [v for v, lists in rows.items() if {"list:jaa", "list:hrm"} <= set(lists)]
    assert len(both) >= 10
    with Case.open(demo) as case:
        jaa = _row_entities(case, "Justice Archive of Amarestan: Names of the executed, summer 1367")
        hrm = _row_entities(case, "Amarestan Human Rights Monitor: Executions 1988")
        found_latin = found_persian = 0
        for victim in both:
            truth_row = victims[victim]
            persian = f"{truth_row['given_fa']} {truth_row['surname_fa']}"
            latin = f"{truth_row['given_latin']} {truth_row['surname_latin']}"
            by_persian = {h.entity_id for h in case.search(persian, schema="Person", limit=50)}
            by_latin = {h.entity_id for h in case.search(latin, schema="Person", limit=50)}
            found_latin += hrm[rows[victim]["list:hrm"]] in by_persian  # Persian query, Latin record
            found_persian += jaa[rows[victim]["list:jaa"]] in by_latin  # Latin query, Persian record
    # The lists carry typos and swapped names on purpose; search must still find nearly all.
    assert found_latin >= 0.9 * len(both), (found_latin, len(both))
    assert found_persian >= 0.9 * len(both), (found_persian, len(both))


def test_a_second_build_needs_force_and_never_removes_a_foreign_folder(demo: Path, tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="--force"):
        build_demo(demo, scale=0.05)
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(CaseError, match="not removing"):
        build_demo(foreign, scale=0.05, force=True)
    assert (foreign / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_the_demo_analyses_the_allegation_and_writes_verifiable_case_files(demo: Path) -> None:
    import bagit

    from dadkhah import law
    from dadkhah.store.tables import entities as entity_table

    with Case.open(demo) as case, case.reading() as conn:
        allegation = conn.execute(
            select(entity_table.c.id).where(entity_table.c.schema == "Allegation")
        ).scalar()
    assert allegation is not None
    with Case.open(demo) as case:
        matrix = law.build_matrix(case, allegation)
    statuses = {row.element.code: row.status for row in matrix.rows}
    assert statuses["RS.7.1.a.E1"] == "corroborated"  # several witnesses and the prison register
    assert statuses["RS.7.1.a.E3"] == "unsupported"  # knowledge of the attack: an honest gap
    outputs = demo.with_name("case.dossiers")
    for name in ("national-war-crimes-unit-en", "public-fa"):
        bagit.Bag(str(outputs / name / "bag")).validate()
