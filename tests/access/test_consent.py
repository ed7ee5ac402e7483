"""Consent: its history folds to a known state, and withdrawing it removes testimony from outputs."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from access_world import FFM, NWCU, build

from dadkhah.access import Reader
from dadkhah.access.consent import (
    NO_CONSENT_REASON,
    NOT_COVERED_REASON,
    WITHDRAWN_REASON,
    ConsentEvent,
    fold,
    refusal,
)
from dadkhah.case import Case
from dadkhah.errors import AccessDenied
from dadkhah.model import Sensitivity
from dadkhah.testimony import export_testimony, view_testimony, withdraw_consent

T0 = datetime(2020, 1, 1, tzinfo=UTC)


def _event(action: str, uses: tuple[str, ...] = (), recipients: tuple[str, ...] = ()) -> ConsentEvent:
    return ConsentEvent("E", "W", None, action, uses, recipients, "2020-01-01", None, None, "t", T0)


def _recipient(name: str, purpose: str) -> Reader:
    return Reader(name, Sensitivity.CONFIDENTIAL, profile=name, purpose=purpose)


TEAM = Reader("olga", Sensitivity.PROTECTED, role="admin")
GIVE = _event("given", ("investigation", "prosecution"), ("nwcu", "ffm"))


@pytest.mark.parametrize(
    ("events", "reader", "expected"),
    [
        ([], TEAM, None),  # the team reads what nobody restricted
        ([], _recipient("nwcu", "prosecution"), NO_CONSENT_REASON),
        ([GIVE], _recipient("nwcu", "prosecution"), None),
        ([GIVE], _recipient("nwcu", "publication"), NOT_COVERED_REASON),  # use not given
        ([GIVE], _recipient("icc", "prosecution"), NOT_COVERED_REASON),  # recipient not named
        ([GIVE, _event("withdrawn", (), ("nwcu",))], _recipient("nwcu", "prosecution"), WITHDRAWN_REASON),
        ([GIVE, _event("withdrawn", (), ("nwcu",))], _recipient("ffm", "prosecution"), None),
        ([GIVE, _event("withdrawn", (), ("nwcu",))], TEAM, None),  # the team's own use stays
        ([GIVE, _event("withdrawn", ("prosecution",))], _recipient("ffm", "prosecution"), WITHDRAWN_REASON),
        ([GIVE, _event("withdrawn")], TEAM, WITHDRAWN_REASON),  # withdrawing everything
        ([GIVE, _event("withdrawn"), GIVE], _recipient("nwcu", "prosecution"), None),  # given again
        (
            [_event("given", ("prosecution",), ("any",)), _event("withdrawn", (), ("nwcu",))],
            _recipient("nwcu", "prosecution"),
            WITHDRAWN_REASON,
        ),
        (
            [_event("given", ("prosecution",), ("any",)), _event("withdrawn", (), ("nwcu",))],
            _recipient("icc", "prosecution"),
            None,
        ),
    ],
)
def test_consent_history_decides_who_may_read(
    events: list[ConsentEvent], reader: Reader, expected: str | None
) -> None:
    assert refusal(events, reader) == expected


def test_the_folded_state_lists_what_is_in_force() -> None:
    state = fold([_event("given", ("prosecution",), ("any",)), _event("withdrawn", (), ("nwcu",))])
    assert state.to_dict() == {"uses": ["prosecution"], "recipients": ["any"], "withdrawn_from": ["nwcu"]}


def test_withdrawing_consent_removes_the_testimony_for_that_recipient_and_says_so(
    case: Case, tmp_path: Path
) -> None:
    world = build(case, tmp_path)
    nwcu, ffm = case.reader(view_as=NWCU), case.reader(view_as=FFM)
    before = case.view(world.victim, nwcu)
    assert before.properties["deathDate"].current.value == "1988-07-30" and before.notices == []
    with case.redacted(nwcu) as (conn, red):
        shown = view_testimony(conn, case.model, red, world.testimony)
    assert [
        s["id"] for s in shown["segments"]
    ] == world.segments  # the protected third is above its clearance
    assert shown["segments"][1]["claims"][0]["claim"] == world.cited

    with case.writer() as w:
        withdraw_consent(
            w, world.code, recipients=[NWCU], effective="2021-02-01", note="relatives questioned"
        )

    after = case.view(world.victim, nwcu)
    assert "deathDate" not in after.properties and "name" in after.properties
    assert after.notices == ["1 testimony withheld: consent withdrawn"]
    with pytest.raises(AccessDenied, match="withheld from national-war-crimes-unit: consent withdrawn"):
        case.view(world.testimony, nwcu)
    with pytest.raises(AccessDenied, match="consent withdrawn"), case.redacted(nwcu) as (conn, red):
        export_testimony(conn, case.model, red, world.testimony)
    summary = case.summary(nwcu)
    assert "Testimony" not in summary.counts and summary.notices == [
        "1 testimony withheld: consent withdrawn"
    ]
    assert summary.date_range == (None, None)  # the only dated fact came from the testimony
    assert case.search("Kaveh", nwcu)[0].entity_id == world.victim  # his name has another source

    # Another recipient and the team are unaffected.
    assert case.view(world.victim, ffm).properties["deathDate"].current.value == "1988-07-30"
    assert case.view(world.testimony).notices == []
    assert "Testimony" in case.summary().counts


def test_the_public_sees_no_testimony_without_consent_to_publication(case: Case, tmp_path: Path) -> None:
    world = build(case, tmp_path)
    public = case.reader(view_as="public")
    with pytest.raises(AccessDenied, match="not covered by the witness's consent"):
        case.view(world.testimony, public)
    victim = case.view(world.victim, public)
    assert set(victim.properties) == {"name"}
    assert victim.notices == ["1 testimony withheld: not covered by the witness's consent"]
    assert [h.entity_id for h in case.search("ward Evin", public)] == []
    assert [h.entity_id for h in case.search("Evin")] == []  # segment text is not indexed at all


def test_a_cleared_recipient_sees_a_witness_identity_only_where_consent_names_it(
    case: Case, tmp_path: Path
) -> None:
    from access_world import add_profiles, key_case

    from dadkhah.testimony import add_testimony, record_consent, register_witness

    key_case(case, tmp_path)
    add_profiles(case)
    with case.writer() as w:
        silent, _ = register_witness(w, names=["Nasrin Kohan"])  # no consent at all
        per_testimony, code = register_witness(w, names=["Omid Sarvari"])
        t = add_testimony(w, witness=code, date="2020", language="fa")
        record_consent(w, code, uses=["un-submission"], recipients=[FFM], testimony=t)
        victim = w.create("Person", {"name": "Kaveh"}, source=t)
        w.claim(victim, "contact", "+44 7700 900999", source=t)  # not a witness: clearance decides
    ffm = case.reader(view_as=FFM)
    assert "name" not in case.view(silent, ffm).properties
    assert case.view(per_testimony, ffm).properties["name"].current.value == "Omid Sarvari"
    assert "name" not in case.view(per_testimony, case.reader(view_as=NWCU)).properties  # below protected
    assert case.view(victim, ffm).properties["contact"].current.value == "+44 7700 900999"
    with case.writer() as w:
        withdraw_consent(w, code, recipients=[FFM], testimony=t)
    assert "name" not in case.view(per_testimony, ffm).properties
