"""The witness registry, testimonies, their files, segments, translations and citations."""

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from dadkhah.access.keys import KeyFile, create_key_file, init_keyring
from dadkhah.case import Case
from dadkhah.errors import Conflict, InputError, LockedError, NotFound
from dadkhah.model import Sensitivity
from dadkhah.testimony import (
    Relative,
    SegmentText,
    add_segments,
    add_testimony,
    add_translation,
    cite,
    link_prior,
    parse_segments,
    register_witness,
    resolve_witness,
    translate,
    view_testimony,
)
from dadkhah.vault.bag import export_bag


@pytest.fixture
def unlocked(case: Case, tmp_path: Path) -> Case:
    key = create_key_file(tmp_path / "key" / "case.key")
    init_keyring(case.keys_path, case.id, KeyFile(key))
    case.unlock(key_file=key)
    return case


def test_witness_codes_are_allocated_in_order_and_identities_need_the_key(unlocked: Case) -> None:
    with unlocked.writer() as w:
        first = register_witness(w, names=["Parisa Rahnama"], contacts=["+44 7700 900555"])
        second = register_witness(w, names=["Bahman Sadri"], relatives=[Relative("Mina Sadri", "mother")])
        tenth = register_witness(w, code="W-0010")  # no name known: the code stands in for it
        eleventh = register_witness(w)
    assert [c for _, c in (first, second, tenth, eleventh)] == ["W-0001", "W-0002", "W-0010", "W-0011"]
    with pytest.raises(Conflict, match="W-0002 is taken"), unlocked.writer() as w:
        register_witness(w, code="W-0002")
    with unlocked.reading() as conn:
        assert resolve_witness(conn, "w-1").person_id == first[0]
        assert resolve_witness(conn, first[0]).code == "W-0001"
        with pytest.raises(NotFound):
            resolve_witness(conn, "W-0099")
    view = unlocked.view(second[0])
    assert view.caption(unlocked.model) == "W-0002"  # a witness is captioned by pseudonym, even when cleared
    assert view.properties["relative"].current.value == "Mina Sadri; mother"
    assert unlocked.view(tenth[0]).properties["name"].current.value == "W-0010"
    unlocked.lock()
    with pytest.raises(LockedError), unlocked.writer() as w:
        register_witness(w, names=["Someone"])


def test_a_testimony_stores_its_files_by_hash_and_links_the_transcript_to_the_recording(
    unlocked: Case, tmp_path: Path
) -> None:
    recording, transcript = tmp_path / "interview.ogg", tmp_path / "interview.txt"
    recording.write_bytes(b"OggS fictional audio bytes")
    transcript.write_text("I was in ward 3.\n", encoding="utf-8")
    with unlocked.writer() as w:
        _, code = register_witness(w, names=["Parisa Rahnama"])
        tid = add_testimony(
            w, witness=code, date="1398-02-14 SH", language=["fa", "en"], interviewers=["Anna Lindqvist"],
            interpreter="Dariush Farahmand", recording=recording, transcript=transcript, blobs=unlocked.blobs,
        )  # fmt: skip
    view = unlocked.view(tid)
    assert view.properties["date"].current.value == "2019-05-04"  # 14 Ordibehesht 1398
    assert view.properties["title"].current.value == "Testimony of W-0001, 1398-02-14 SH"
    rec = unlocked.view(view.properties["recording"].current.value)
    audio = recording.read_bytes()
    assert rec.properties["sha256"].current.value == hashlib.sha256(audio).hexdigest()
    assert rec.properties["sha512"].current.value == hashlib.sha512(audio).hexdigest()
    assert rec.properties["size"].current.value == str(len(audio))
    assert rec.properties["mediaType"].current.value == "audio/ogg"
    assert unlocked.blobs.exists(hashlib.sha256(audio).hexdigest())
    tra = unlocked.view(view.properties["transcript"].current.value)
    assert tra.properties["derivedFrom"].current.value == rec.id
    assert tra.properties["derivation"].current.value == "transcript"
    assert tra.properties["mediaType"].current.value == "text/plain"


def test_a_recording_named_after_its_witness_leaves_the_name_nowhere_in_the_clear(
    unlocked: Case, tmp_path: Path
) -> None:
    folder = tmp_path / "Zhaleh Parvaneh interviews"  # a team's habit: files named after the speaker
    folder.mkdir()
    recording, transcript = folder / "Zhaleh_Parvaneh_1.ogg", folder / "Zhaleh_Parvaneh_1.txt"
    recording.write_bytes(b"OggS fictional audio bytes, another interview")
    transcript.write_text("The guards came at night.\n", encoding="utf-8")
    with unlocked.writer() as w:
        _, code = register_witness(w, names=["Zhaleh Parvaneh"])
        tid = add_testimony(
            w, witness=code, date="2019-05-04", language="en", interviewers=["Anna Lindqvist"],
            recording=recording, transcript=transcript, blobs=unlocked.blobs,
        )  # fmt: skip
    rec = unlocked.view(unlocked.view(tid).properties["recording"].current.value)
    assert rec.properties["originalFilename"].current.value == "Zhaleh_Parvaneh_1.ogg"  # sealed, opened
    raw = b"".join(p.read_bytes() for p in unlocked.path.rglob("*") if p.is_file())
    assert b"Parvaneh" not in raw and "Parvaneh".encode("utf-16-le") not in raw
    with unlocked.engine.connect() as conn:
        paths = conn.execute(text("SELECT original_path FROM vault_captures")).scalars().all()
    assert paths and all(p is None for p in paths)
    # nor does it become a file name in a bag for someone else, even exported by the owner
    export_bag(unlocked, tmp_path / "bag", [rec.id])
    bag = b"".join(p.read_bytes() + str(p).encode() for p in (tmp_path / "bag").rglob("*") if p.is_file())
    assert b"Parvaneh" not in bag


def test_segments_translations_and_the_claims_that_cite_them(unlocked: Case) -> None:
    with unlocked.writer() as w:
        source = w.create("Source", {"title": "Prison register"})
        _, code = register_witness(w, names=["Parisa Rahnama"])
        tid = add_testimony(w, witness=code, date="2019-05-04", language="fa")
        ids = add_segments(
            w, tid, [SegmentText("من در بند ۳ بودم.", "00:00:05", "00:01:10"), "برادرم را بردند."]
        )
        more = add_segments(w, tid, ["محرمانه"], sensitivity=Sensitivity.PROTECTED)
        first_en = add_translation(w, ids[0], "I was in ward 3.", language="en", translator="Shirin Vafaei")
        second_en = add_translation(w, ids[0], "I was held in ward 3.", language="en")
        with pytest.raises(InputError, match="translate the original"):
            add_translation(w, first_en, "x", language="de")
        with pytest.raises(InputError, match="cannot be less"):
            add_translation(w, more[0], "confidential", language="en", sensitivity=Sensitivity.INTERNAL)
        with pytest.raises(InputError, match="3 segments but 2"):
            translate(w, tid, ["a", "b"], language="de")
        with pytest.raises(InputError, match="segment's end must be a time"):
            add_segments(w, tid, [SegmentText("x", "00:01", "later")])
        victim = w.create("Person", {"name": "Kaveh Rahnama"}, source=source)
        claim = cite(w, ids[1], victim, "deathDate", "1988-07-30")
        later = cite(w, ids[1], victim, "occupation", "teacher")
        w.retract(later.id, reason="misheard")
    assert ids == [f"{tid}.1", f"{tid}.2"] and more == [f"{tid}.3"]
    assert (first_en, second_en) == (f"{tid}.1.en", f"{tid}.1.en-2")
    assert claim.source_id == tid and claim.locator is not None and claim.locator.segment == ids[1]
    with unlocked.redacted() as (conn, red):
        shown = view_testimony(conn, unlocked.model, red, tid)
        stored = conn.execute(text(f"SELECT text FROM segments WHERE id = '{tid}.3'")).scalar()
    assert [s["id"] for s in shown["segments"]] == [*ids, *more]
    first, second, third = shown["segments"]
    assert (first["start"], first["end"], first["language"]) == ("00:00:05", "00:01:10", "fa")
    assert [t["text"] for t in first["translations"]] == ["I was in ward 3.", "I was held in ward 3."]
    assert first["translations"][0]["translator"] == "Shirin Vafaei"
    assert [(c["prop"], c["value"], c["caption"]) for c in second["claims"]] == [
        ("deathDate", "1988-07-30", "Kaveh Rahnama")  # the retracted claim is gone
    ]
    assert third["text"] == "محرمانه" and stored.startswith("dk1:") and "محرمانه" not in stored
    analyst = unlocked.reader(view_as="analyst")
    with unlocked.redacted(analyst) as (conn, red):
        limited = view_testimony(conn, unlocked.model, red, tid)
    assert len(limited["segments"]) == 2 and limited["segments_hidden"] == 1


def test_prior_statements_of_the_same_witness_are_linked_both_ways(unlocked: Case) -> None:
    with unlocked.writer() as w:
        _, code = register_witness(w)
        _, other = register_witness(w)
        first = add_testimony(w, witness=code, date="2017-03-01", language="fa")
        second = add_testimony(w, witness=code, date="2019-05-04", language="fa", prior=[first])
        elsewhere = add_testimony(w, witness=other, date="2019-05-04", language="fa")
        with pytest.raises(InputError, match="same witness"):
            link_prior(w, second, elsewhere)
    with unlocked.redacted() as (conn, red):
        later = view_testimony(conn, unlocked.model, red, second)
        earlier = view_testimony(conn, unlocked.model, red, first)
    assert later["prior_statements"] == [{"id": first, "title": "Testimony of W-0001, 2017-03-01"}]
    assert earlier["later_statements"] == [{"id": second, "title": "Testimony of W-0001, 2019-05-04"}]


def test_transcripts_split_into_paragraph_and_time_range_segments() -> None:
    parsed = parse_segments(
        "[00:00:05-00:01:10] I was in ward 3.\nIt was summer.\n\n\n"
        "[1:10 – 2:00]\nThey took him.\n\n"
        "After that, nothing."
    )
    assert parsed == [
        SegmentText("I was in ward 3.\nIt was summer.", "00:00:05", "00:01:10"),
        SegmentText("They took him.", "1:10", "2:00"),
        SegmentText("After that, nothing."),
    ]


def test_times_in_seconds_become_recording_timestamps() -> None:
    assert SegmentText.timed("x", 75.5, 3725) == SegmentText("x", "00:01:15.5", "01:02:05")
    assert SegmentText.timed("x", None, None) == SegmentText("x")


def test_a_person_already_in_the_case_can_be_registered_as_a_witness(unlocked: Case) -> None:
    with unlocked.writer() as w:
        source = w.create("Source", {"title": "Families list"})
        sister = w.create("Person", {"name": "Mina Rahnama"}, source=source)
        person, code = register_witness(w, person=sister, risk="medium")
        with pytest.raises(Conflict, match="already a registered witness"):
            register_witness(w, person=sister)
    view = unlocked.view(person)
    assert person == sister and code == "W-0001"
    assert [v.value for v in view.properties["name"].values] == ["Mina Rahnama"]  # no pseudonym as name
    assert view.caption(unlocked.model) == "W-0001"
