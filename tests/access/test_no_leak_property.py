"""Property: no output ever shows a protected value to a reader without clearance or consent.

Hypothesis builds cases with random protected values — witnesses' names, contacts, locations and
relatives, protected testimony segments, a victim's family contact — and random consent, some of it
withdrawn. Then every command that prints data is run, as table and as JSON, and every export
(JSON lines, CSV, FollowTheMoney, GeoJSON) is written, for each kind of reader that must not see
them: a viewer, an analyst, the public, a recipient below protected
clearance, a protected-cleared recipient the witness did not consent to, and the owner while the
case is locked. No output's bytes may contain a protected value (nor the start of one, in case a
table cut it). A protected-cleared recipient the witness *did* consent to must see that witness's
identity, so the test also shows the filter is not simply hiding everything. Finally the raw case
folder (database, WAL, blobs, keys) and, on PostgreSQL, every table's contents hold no protected
value in the clear.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from access_world import FFM, NWCU, READERS, add_profiles, add_team, key_case, leaks, outputs, raw_leaks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dadkhah.access.keys import IN_CASE_KEY_FILE
from dadkhah.case import Case
from dadkhah.model import Sensitivity
from dadkhah.testimony import (
    Relative,
    add_segments,
    add_testimony,
    cite,
    record_consent,
    register_witness,
    withdraw_consent,
)

MARK = "ژ"  # every secret carries a letter no public value in these cases uses
LETTERS = st.characters(categories=["Lu", "Ll", "Lo", "Nd"], exclude_characters=MARK)
RECIPIENTS = [NWCU, FFM, "public"]
USES = ["investigation", "prosecution", "un-submission", "publication"]


def secret_text() -> st.SearchStrategy[str]:
    def clean(raw: str) -> str:
        return unicodedata.normalize("NFC", MARK + raw)

    return st.text(LETTERS, min_size=5, max_size=24).map(clean).filter(lambda s: s == " ".join(s.split()))


@dataclass
class Witness:
    names: list[str]
    contact: str
    location: str
    relatives: list[str]
    protected_segment: str | None
    victim_contact: str
    uses: list[str]
    recipients: list[str]
    withdrawn: list[str]
    per_testimony: bool = False  # consent recorded for the one testimony rather than the witness
    public_words: list[str] = field(default_factory=list)

    @property
    def identity(self) -> list[str]:
        relatives = [f"{r}; sister" for r in self.relatives]
        return [*self.names, self.contact, self.location, *relatives]

    def ffm_may_read(self) -> bool:
        return "un-submission" in self.uses and FFM in self.recipients and FFM not in self.withdrawn


witnesses = st.builds(
    Witness,
    names=st.lists(secret_text(), min_size=1, max_size=2, unique=True),
    contact=secret_text(),
    location=secret_text(),
    relatives=st.lists(secret_text(), max_size=2, unique=True),
    protected_segment=st.none() | secret_text(),
    victim_contact=secret_text(),
    uses=st.lists(st.sampled_from(USES), min_size=1, max_size=4, unique=True),
    recipients=st.lists(st.sampled_from(RECIPIENTS), max_size=3, unique=True),
    withdrawn=st.lists(st.sampled_from(RECIPIENTS), max_size=2, unique=True),
    per_testimony=st.booleans(),
    public_words=st.lists(
        st.sampled_from(["ward", "prison", "July", "cell", "guard"]), min_size=1, max_size=4
    ),
)


@pytest.fixture
def world(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Case, Path]:
    key = key_case(case, tmp_path)
    add_profiles(case)
    add_team(case)
    monkeypatch.delenv("DADKHAH_PASSPHRASE", raising=False)
    return case, key


def _record(case: Case, witness: Witness) -> dict[str, str]:
    with case.writer() as w:
        source = w.create("Source", {"title": "List " + " ".join(witness.public_words)})
        person, code = register_witness(
            w,
            names=witness.names,
            contacts=[witness.contact],
            location=witness.location,
            relatives=[Relative(r, "sister") for r in witness.relatives],
            risk="medium",
            measures=["pseudonym"],
        )
        testimony = add_testimony(
            w, witness=code, date="2020-02-02", language="en", interviewers=["Anna Lindqvist"],
            sensitivity=Sensitivity.PUBLIC,
        )  # fmt: skip
        ids = add_segments(w, testimony, [" ".join(witness.public_words)], sensitivity=Sensitivity.PUBLIC)
        if witness.protected_segment:
            add_segments(w, testimony, [witness.protected_segment], sensitivity=Sensitivity.PROTECTED)
        victim = w.create("Person", {"name": "Reza " + witness.public_words[0]}, source=source)
        w.claim(victim, "contact", witness.victim_contact, source=source)
        cite(w, ids[0], victim, "deathDate", "1988-07-30", sensitivity=Sensitivity.PUBLIC)
        scope = testimony if witness.per_testimony else None
        record_consent(
            w, code, uses=witness.uses, recipients=witness.recipients, effective="2020-02-02", testimony=scope
        )
        if witness.withdrawn:
            withdraw_consent(w, code, recipients=witness.withdrawn, effective="2021-01-01", testimony=scope)
    return {"person": person, "code": code, "testimony": testimony, "victim": victim, "source": source}


@pytest.mark.slow
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(witness=witnesses, reader=st.sampled_from(sorted(READERS)))
def test_no_protected_value_reaches_a_reader_without_clearance_or_consent(
    world: tuple[Case, Path],
    run: Callable[..., tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    witness: Witness,
    reader: str,
) -> None:
    case, key = world
    made = _record(case, witness)
    secrets = [*witness.identity, witness.victim_contact]
    if witness.protected_segment:
        secrets.append(witness.protected_segment)
    if reader == "locked-owner":
        monkeypatch.delenv("DADKHAH_KEY_FILE", raising=False)
    else:
        monkeypatch.setenv("DADKHAH_KEY_FILE", str(key))
    output = outputs(run, case.path, reader, made, [witness.names[0], witness.contact])
    forbidden = list(secrets)
    if reader == FFM and witness.ffm_may_read():
        allowed = [*witness.identity, witness.victim_contact]
        if witness.protected_segment:
            allowed.append(witness.protected_segment)
        assert witness.names[0] in output, "a consented, cleared recipient sees the witness's name"
        forbidden = [s for s in secrets if s not in allowed]
    elif reader == FFM:
        forbidden = [s for s in secrets if s != witness.victim_contact]  # not a witness: no consent needed
    assert leaks(output, forbidden) == []
    assert raw_leaks(case, secrets) == []
    assert not (case.keys_path / IN_CASE_KEY_FILE).exists()
