"""The case matrix on a small fictional case, on SQLite and PostgreSQL.

Murder as a crime against humanity (RS.7.1.a) by co-perpetration (RS.25.3.a.co) against a
fictional commission member: every element is listed, independent sources are counted by witness,
Source and original document, statuses follow the documented rules and gaps come first.
"""

from __future__ import annotations

import pytest
from law_world import World, allege_murder
from sqlalchemy import text

from dadkhah import law
from dadkhah.access import Reader
from dadkhah.case import Case
from dadkhah.errors import AccessDenied, Conflict, InputError
from dadkhah.law.matrix import load_proofs
from dadkhah.model import Sensitivity

CRIME_AND_MODE = [
    "RS.7.1.a.E1",
    "RS.7.1.a.E2",
    "RS.7.1.a.E3",
    "RS.7.1.a.A30",
    *[f"RS.25.3.a.co.M{n}" for n in range(1, 7)],
]


def _row(matrix: law.Matrix, code: str) -> law.matrix.Row:
    return next(r for r in matrix.rows if r.element.code == code)


def test_every_element_with_sources_counted_and_statuses_gaps_first(case: Case, world: World) -> None:
    allegation = allege_murder(case, world)
    seg, cl = world.segments, world.claims
    with case.writer("analyst") as w:
        # E1: two executions from the same victim list are one source.
        law.prove(
            w, allegation, "E1", claim=cl["v1_act"], relation="supports", reliability="B", credibility=2
        )
        law.prove(w, allegation, "RS.7.1.a.E1", claim=cl["v2_act"], relation="supports")
        # M2: witness A twice (two testimonies) is one source; the NGO report is a second.
        law.prove(w, allegation, "M2", segment=seg["a1"], relation="supports")
        law.prove(w, allegation, "M2", segment=seg["a2"], relation="supports")
        law.prove(w, allegation, "M2", claim=cl["involvement_role"], relation="supports")
        # M1: the scanned minutes, their translation and a claim resting on the scan are one document.
        law.prove(w, allegation, "M1", item=world["scan"], relation="supports")
        law.prove(w, allegation, "M1", item=world["scan_translation"], relation="supports")
        law.prove(w, allegation, "M1", claim=cl["minutes_v1"], relation="supports")
        # M6: the gazette supports it, witness B contradicts it.
        law.prove(w, allegation, "M6", claim=cl["position_gazette"], relation="supports")
        law.prove(
            w,
            allegation,
            "M6",
            segment=seg["b1"],
            relation="contradicts",
            note="says the chair decided alone",
        )
    matrix = law.build_matrix(case, allegation)

    assert sorted(r.element.code for r in matrix.rows) == sorted(CRIME_AND_MODE)
    parts = {r.element.code: r.part for r in matrix.rows}
    assert parts["RS.7.1.a.E2"] == parts["RS.7.1.a.E3"] == "context"
    assert parts["RS.7.1.a.E1"] == "crime" and parts["RS.25.3.a.co.M1"] == "mode"

    e1, m1, m2, m6 = (
        _row(matrix, c) for c in ("RS.7.1.a.E1", "RS.25.3.a.co.M1", "RS.25.3.a.co.M2", "RS.25.3.a.co.M6")
    )
    assert (len(e1.supporting), len(e1.supporting_sources), e1.status) == (2, 1, "single-source")
    assert (len(m1.supporting), len(m1.supporting_sources), m1.status) == (3, 1, "single-source")
    assert (len(m2.supporting), len(m2.supporting_sources), m2.status) == (3, 2, "corroborated")
    assert [g.label for g in m2.supporting_sources] == [
        f"Witness ({world['wa_code']})",
        "Source: Structures of Command (fictional NGO report)",
    ]
    assert [p.group for p in m2.supporting] == [1, 1, 2]
    assert (m6.status, len(m6.supporting_sources), len(m6.contradicting_sources)) == ("contested", 1, 1)
    assert m6.contradicting[0].proof.note == "says the chair decided alone"

    statuses = [r.status for r in matrix.rows]
    assert statuses == sorted(statuses, key=law.matrix.STATUSES.index)  # gaps first
    assert matrix.counts() == {"unsupported": 6, "contested": 1, "single-source": 2, "corroborated": 1}
    unsupported = [r.element.code for r in matrix.rows if r.status == "unsupported"]
    assert unsupported == [
        "RS.7.1.a.E2",
        "RS.7.1.a.E3",
        "RS.7.1.a.A30",
        *[f"RS.25.3.a.co.M{n}" for n in (3, 4, 5)],
    ]
    assert matrix.violations == 2 and (matrix.scope.start, matrix.scope.end) == ("1988-07-28", "1988-09-30")


def test_grading_retraction_and_withdrawal(case: Case, world: World) -> None:
    allegation = allege_murder(case, world)
    cl = world.claims
    with case.writer("analyst") as w:
        law.prove(w, allegation, "E1", claim=cl["v1_act"], relation="supports")
        weak = law.prove(w, allegation, "E1", claim=cl["minutes_v1"], relation="supports", reliability="e")
        doubt = law.prove(
            w, allegation, "A30", claim=cl["involvement_role"], relation="contradicts", credibility="5"
        )
        gone = law.prove(w, allegation, "M3", claim=cl["position_report"], relation="supports")
        mistaken = law.prove(w, allegation, "M4", claim=cl["position_gazette"], relation="supports")
        w.retract(cl["position_report"], reason="misread page 40")
        law.withdraw_proof(w, mistaken.id, reason="the post does not show awareness")
        with pytest.raises(Conflict):
            law.withdraw_proof(w, mistaken.id, reason="again")
    matrix = law.build_matrix(case, allegation)

    e1 = _row(matrix, "RS.7.1.a.E1")
    # Graded E (unreliable): listed but not counted, so the victim list alone stands.
    assert e1.status == "single-source" and [p.counted for p in e1.supporting] == [True, False]
    assert e1.supporting[1].why_not == "graded E (unreliable)" and weak.grading == "E"
    # Credibility 5 (improbable) does not make an element contested.
    a30 = _row(matrix, "RS.7.1.a.A30")
    assert a30.status == "unsupported" and a30.contradicting[0].proof.id == doubt.id
    # A link to a claim retracted since is shown, flagged, and not counted.
    m3 = _row(matrix, "RS.25.3.a.co.M3")
    assert m3.status == "unsupported" and m3.supporting[0].proof.id == gone.id
    assert m3.supporting[0].why_not == "the evidence is retracted"
    # A withdrawn link is gone from the matrix but stays in the record.
    assert _row(matrix, "RS.25.3.a.co.M4").supporting == ()
    with case.reading() as conn:
        kept = load_proofs(conn, allegation, withdrawn=True)
    assert [p.withdrawn for p in kept if p.id == mistaken.id] == ["the post does not show awareness"]


def test_proof_links_are_append_only_in_the_database(case: Case, world: World) -> None:
    allegation = allege_murder(case, world)
    with case.writer("analyst") as w:
        law.prove(w, allegation, "E1", claim=world.claims["v1_act"], relation="supports")
    for statement in ("UPDATE law_proofs SET relation = 'contradicts'", "DELETE FROM law_proofs"):
        with pytest.raises(Exception, match="append-only"), case.writer() as w:
            w.conn.execute(text(statement))


def test_suggestions_are_ranked_explained_and_exclude_linked_evidence(case: Case, world: World) -> None:
    allegation = allege_murder(case, world)
    with case.writer("analyst") as w:
        law.prove(w, allegation, "M2", claim=world.claims["involvement_role"], relation="supports")
    matrix = law.build_matrix(case, allegation)

    # The attack (contextual element): the mass execution and the campaign come first.
    context = _row(matrix, "RS.7.1.a.E2").suggestions
    assert [s.evidence for s in context[:2]] == ["pattern", "pattern"]
    assert context[0].target == world.claims["event_kind"]
    assert "2 violation(s)" in context[0].why[0]
    # The common plan: the fellow commission member's involvement and post.
    plan = _row(matrix, "RS.25.3.a.co.M1").suggestions
    assert {s.evidence for s in plan[:2]} == {"co_actor"}
    assert any("Bahram Kheradmand also took part (decided)" in s.why[0] for s in plan)
    # The essential contribution: the linked claim is not suggested again; witness A's segment
    # naming the suspect is, as a source not yet behind the element.
    contribution = _row(matrix, "RS.25.3.a.co.M2").suggestions
    targets = [s.target for s in contribution]
    assert world.claims["involvement_role"] not in targets
    named = [s for s in matrix.rows[0].suggestions + contribution if s.kind == "segment"]
    assert named and all(s.target in (world.segments["a1"], world.segments["a2"]) for s in named)
    assert all("naming the suspect" in s.why[0] for s in named)
    # The killing: the executions in scope, explained by the act.
    killing = _row(matrix, "RS.7.1.a.E1").suggestions
    assert {s.target for s in killing if s.evidence == "violation"} == {
        world.claims["v1_act"],
        world.claims["v2_act"],
    }
    assert "the act can establish RS.7.1.a" in killing[0].why[0]
    # The same case gives the same suggestions.
    again = law.build_matrix(case, allegation)
    assert [[s.target for s in r.suggestions] for r in again.rows] == [
        [s.target for s in r.suggestions] for r in matrix.rows
    ]


def test_bad_input_names_the_field(case: Case, world: World) -> None:
    allegation = allege_murder(case, world)
    cl = world.claims

    def fails(field: str, **kw: object) -> str:
        args = {"claim": cl["v1_act"], "relation": "supports", **kw}
        element = str(args.pop("element", "E1"))
        with pytest.raises(InputError) as error, case.writer("analyst") as w:
            law.prove(w, allegation, element, **args)  # type: ignore[arg-type]
        assert error.value.problem.field == field, error.value
        return str(error.value)

    assert "not an element of RS.7.1.a by RS.25.3.a.co" in fails("element", element="RS.7.1.b.E2")
    assert "E1, E2, E3, A30, M1" in fails("element", element="M9")
    assert "no claim with id 01J0000000000000000000000X" in fails("claim", claim="01J0000000000000000000000X")
    assert "A-F" in fails("reliability", reliability="G")
    assert "1-6" in fails("credibility", credibility="7")
    fails("relation", relation="proves")
    fails("evidence", claim=None)
    fails("item", claim=None, item=world["suspect"])
    viewer = Reader("viewer", Sensitivity.INTERNAL)
    with pytest.raises(AccessDenied, match="withheld from viewer"), case.writer("analyst") as w:
        law.prove(w, allegation, "M2", segment=world.segments["a1"], relation="supports", reader=viewer)
    with pytest.raises(InputError) as error, case.writer("analyst") as w:
        law.allege(w, suspect=world["suspect"], crime="RS.7.1.z", mode="RS.25.3.a.co")
    assert error.value.problem.field == "crime"
    with pytest.raises(InputError) as error, case.writer("analyst") as w:
        law.allege(w, suspect=world["suspect"], crime="RS.7.1.a", mode="RS.25.3.a")
    assert error.value.problem.field == "mode" and "RS.25.3.a.co" in str(error.value)
    with pytest.raises(InputError) as error, case.writer("analyst") as w:
        law.allege(
            w,
            suspect=world["suspect"],
            crime="RS.7.1.a",
            mode="RS.28.b",
            events=["01J0000000000000000000000X"],
        )
    assert error.value.problem.field == "event"


def test_allegations_cite_the_analysts_own_source(case: Case, world: World) -> None:
    allegation = allege_murder(case, world)
    with case.writer("analyst") as w:
        second = law.allege(
            w, suspect=world["suspect"], crime="RS.7.1.h", mode="RS.28.b", title="Persecution"
        )
    view = case.view(allegation)
    source = view.properties["crime"].current.claims[0].source_id
    assert view.captions[source] == "Analysis by analyst"
    assert case.view(second).properties["mode"].current.claims[0].source_id == source  # one per author
    assert case.view(second).properties["title"].current.value == "Persecution"


def test_a_file_collected_from_a_source_is_not_independent_of_it(case: Case, world: World) -> None:
    allegation = allege_murder(case, world)
    with case.writer("analyst") as w:
        page = w.create(
            "EvidenceItem",
            {"title": "Gazette of 1988, page 19 (scan)", "collectedFrom": world["gazette"]},
            source=world["gazette"],
        )
        law.prove(w, allegation, "M4", claim=world.claims["position_gazette"], relation="supports")
        law.prove(w, allegation, "M4", item=page, relation="supports")
        law.prove(w, allegation, "M4", claim=world.claims["position_report"], relation="supports")
    m4 = _row(law.build_matrix(case, allegation), "RS.25.3.a.co.M4")
    assert [len(g.proofs) for g in m4.supporting_sources] == [2, 1]
    assert m4.supporting_sources[0].label == "Source: Official Gazette of Amarestan 1988"
