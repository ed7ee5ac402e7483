"""Ingest on SQLite and PostgreSQL: items, claims and their provenance, capture records, custody
events in the log, content addressing, resuming, derived copies, opening originals."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from dadkhah.case import Case
from dadkhah.errors import Conflict, InputError
from dadkhah.log import decode_event
from dadkhah.store.tables import claims
from dadkhah.vault import Capture, ingest_file, ingest_paths, open_original, store_derived
from dadkhah.vault.tables import vault_captures
from dadkhah.vault.verify import verify_case


def _claims(case: Case, item: str) -> dict[str, list[tuple[str, str | None, str | None]]]:
    found: dict[str, list[tuple[str, str | None, str | None]]] = {}
    with case.reading() as conn:
        rows = conn.execute(
            select(claims.c.prop, claims.c.value, claims.c.source_id, claims.c.evidence_id).where(
                claims.c.entity_id == item
            )
        )
        for prop, value, source, evidence in rows:
            found.setdefault(prop, []).append((value, source, evidence))
    return found


def _event(case: Case, index: int) -> dict[str, object]:
    with case.reading() as conn:
        return decode_event(case.custody.tree(conn).leaf(index).data)


def test_a_folder_becomes_items_with_claims_capture_records_and_custody_events(
    samples, case: Case, tmp_path: Path
) -> None:
    folder = samples.media_folder(tmp_path)
    with case.writer() as w:
        source = w.create("Source", {"title": "USB stick from the field team"})
    capture = Capture(source=source, collector="Investigator 7", method="copied from a USB stick")
    results = list(ingest_paths(case, [folder], capture, author="tester"))
    assert [Path(r.path).name for r in results] == ["photo.jpg", "report.pdf", "interview.wav", "notes.txt"]
    assert {r.status for r in results} == {"ingested"}
    assert [r.leaf for r in results] == [0, 1, 2, 3]

    photo = results[0]
    data = (folder / "photo.jpg").read_bytes()
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert case.blobs.path_of(photo.sha256).read_bytes() == data
    found = _claims(case, photo.item_id)
    item = photo.item_id
    # what the file says about itself rests on the file; what the person says rests on the source
    assert found["sha512"] == [(hashlib.sha512(data).hexdigest(), None, item)]
    assert found["mediaType"] == [("image/jpeg", None, item)]
    assert found["capturedAt"] == [("2024-03-01T12:30:05+03:30", None, item)]
    assert found["location"] == [("35.690000,51.390000", None, item)]
    assert found["collector"] == [("Investigator 7", source, None)]
    assert found["collectionMethod"] == [("copied from a USB stick", source, None)]
    assert found["collectedFrom"] == [(source, source, None)]
    assert found["originalPath"][0][0] == str(folder / "photo.jpg")
    assert json.loads(found["technicalMetadata"][0][0])["exif"]["Make"] == "Acme"
    pdf = _claims(case, results[1].item_id)
    assert pdf["pages"][0][0] == "3"
    wav = _claims(case, results[2].item_id)
    assert wav["duration"][0][0] == "2.5"

    event = _event(case, 0)
    assert event["kind"] == "ingested"
    assert event["subjects"] == [f"item:{item}", f"blob:sha256:{photo.sha256}"]
    assert event["hashes"] == {"sha256": photo.sha256, "sha512": hashlib.sha512(data).hexdigest()}
    with case.reading() as conn:
        row = conn.execute(select(vault_captures).where(vault_captures.c.item_id == item)).one()
        assert (row.leaf_idx, row.kind, row.source_id) == (0, "ingested", source)
        assert case.custody.leaves_about(conn, [f"item:{item}"]) == [0]


def test_re_running_skips_done_files_and_the_same_bytes_elsewhere_are_one_item_with_two_events(
    samples, case: Case, tmp_path: Path
) -> None:
    folder = samples.media_folder(tmp_path)
    first = list(ingest_paths(case, [folder]))
    again = list(ingest_paths(case, [folder]))
    assert {r.status for r in again} == {"skipped"}
    assert [r.item_id for r in again] == [r.item_id for r in first]

    copy = tmp_path / "copy-of-photo.jpg"
    copy.write_bytes(samples.jpeg_bytes())
    (dup,) = ingest_paths(case, [copy], Capture(collector="Investigator 9"))
    assert dup.status == "again" and dup.item_id == first[0].item_id and dup.leaf == 4
    assert len([p for p in (case.blobs.root / "sha256").rglob("*") if p.is_file()]) == 4  # stored once
    names = [v for v, _, _ in _claims(case, dup.item_id)["originalFilename"]]
    assert sorted(names) == ["copy-of-photo.jpg", "photo.jpg"]
    assert _event(case, 4)["fields"]["new_content"] is False  # type: ignore[index]
    (forced,) = ingest_paths(case, [folder / "photo.jpg"], again=True)
    assert forced.status == "again" and forced.leaf == 5
    assert verify_case(case, record=False).ok


def test_ingest_file_within_a_callers_transaction_commits_with_it(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "rec.wav"
    path.write_bytes(b"RIFF....not really")
    with pytest.raises(RuntimeError), case.writer() as w:
        ingest_file(w, path, blobs=case.blobs, title="Recording")
        raise RuntimeError("the caller fails after the ingest")
    with case.reading() as conn:
        assert case.custody.tree(conn).size == 0
        assert conn.execute(select(vault_captures)).first() is None
    with case.writer() as w:
        item = ingest_file(w, path, blobs=case.blobs, title="Recording", language="fa")
    found = _claims(case, item)
    assert found["title"] == [("Recording", None, item)] and found["language"] == [("fa", None, item)]


def test_derived_copies_link_to_their_original_and_are_logged(case: Case, tmp_path: Path) -> None:
    original = tmp_path / "interview.wav"
    original.write_bytes(b"the original recording")
    transcript = tmp_path / "transcript.txt"
    transcript.write_text("Question: where were you held?\n", encoding="utf-8")
    item = ingest_file(case, original)
    derived = store_derived(case, item, transcript, "Transcript", language="en")
    found = _claims(case, derived)
    assert found["derivedFrom"] == [(item, None, derived)]
    assert found["derivation"] == [("transcript", None, derived)]
    event = _event(case, 1)
    assert event["kind"] == "derived"
    assert event["subjects"][0] == f"item:{derived}" and f"item:{item}" in event["subjects"]  # type: ignore[index]
    with pytest.raises(InputError, match="same bytes as its original"):
        store_derived(case, item, original, "excerpt")
    with pytest.raises(Conflict, match="already evidence item"):
        store_derived(case, item, transcript, "excerpt")


def test_opening_an_original_gives_a_checked_copy_and_an_opened_event(
    samples, case: Case, tmp_path: Path
) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(samples.jpeg_bytes())
    item = ingest_file(case, path)
    copy = open_original(case, item, tmp_path / "work.jpg", author="tester", purpose="geolocation")
    assert copy.read_bytes() == path.read_bytes()
    event = _event(case, 1)
    assert (event["kind"], event["fields"]) == ("opened", {"purpose": "geolocation"})
