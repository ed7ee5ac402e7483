"""Witnesses, testimonies and evidence files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import wave

import jdatetime
import pytest
from PIL import ExifTags, Image
from pypdf import PdfReader

from dadkhah.demo import Materials

SH_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
TO_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_testimony_files_hold_segments_and_translations(full: Materials) -> None:
    langs = {t.language for t in full.testimonies}
    assert langs == {"fa", "en"}
    for t in full.testimonies:
        doc = json.loads(full.path(t.path).read_text(encoding="utf-8"))
        assert doc["witness"] == t.witness and len(doc["segments"]) == len(t.segments) >= 2
        for seg, raw in zip(t.segments, doc["segments"], strict=True):
            assert raw["text"] == seg.text
            if t.language == "fa":
                assert re.search("[\u0600-\u06ff]", seg.text)
                assert seg.translation and not re.search("[\u0600-\u06ff]", seg.translation)
            else:
                assert seg.translation is None and not re.search("[\u0600-\u06ff]", seg.text)
        if t.language == "fa" and t.interpreter is None:
            assert t.interviewers == ("person:interviewer-arjomand",)  # the Persian-speaking interviewer


def test_persian_segments_give_solar_hijri_dates_and_translations_gregorian(full: Materials) -> None:
    checked = 0
    for t in full.testimonies:
        if t.language != "fa":
            continue
        for s in t.segments:
            for m in s.mentions:
                if m.kind == "date" and m.ref and len(m.ref) == 10:  # a day, stated exactly
                    day = dt.date.fromisoformat(m.ref)
                    j = jdatetime.date.fromgregorian(date=day)
                    sh = f"{j.day} {SH_MONTHS[j.month - 1]} {j.year}".translate(TO_PERSIAN_DIGITS)
                    assert sh in s.text, (t.id, s.index)
                    assert f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}" in (s.translation or ""), (
                        t.id,
                        s.index,
                    )
                    checked += 1
    assert checked > 30


def test_segments_cite_what_they_support(full: Materials) -> None:
    by_source = {t.source: t for t in full.testimonies}
    cited = [
        x for x in (*full.violations, *full.involvements, *full.assertions) if x.source.source in by_source
    ]
    assert len(cited) > 100
    for x in cited:
        t = by_source[x.source.source]
        n = int(x.source.locator.split()[-1])  # "segment 4"
        assert 1 <= n <= len(t.segments)
    ids = {x.id for g in (full.people, full.places, full.organizations, full.events) for x in g}
    for t in full.testimonies:
        for s in t.segments:
            for m in s.mentions:
                if m.kind != "date":
                    assert m.ref in ids, (t.id, s.index, m)


def test_victims_named_in_testimony_are_true_victims_of_that_prison(full: Materials) -> None:
    assert full.truth is not None
    named = [v for v in full.violations if v.act == "execution" and v.victim in full.truth.mention_victim]
    assert len(named) > 40
    for v in named:
        true = full.truth.mention_victim[v.victim]
        assert v.place is not None and v.place.startswith(full.truth.victim_prison[true])
    # Some of them are on no list: only a witness remembers them.
    unlisted = {full.truth.mention_victim[v.victim] for v in named} - {
        vid for vid, lists in full.truth.captured_by.items() if lists
    }
    assert unlisted


def test_suspect_is_named_by_several_witnesses(full: Materials) -> None:
    assert full.allegation is not None
    suspect = full.allegation.suspect
    naming = {t.witness for t in full.testimonies for s in t.segments for m in s.mentions if m.ref == suspect}
    assert len(naming) >= 4
    kinds = {w.kind for w in full.witnesses if w.code in naming}
    assert {"survivor", "former-guard"} <= kinds


def test_consent_and_protection(full: Materials) -> None:
    ws = full.witnesses
    assert [w.code for w in ws] == [f"W-{i:04d}" for i in range(1, 41)]
    assert any("publication" not in w.consent.uses for w in ws)
    assert all("investigation" in w.consent.uses for w in ws)
    withdrawn = [(w, x) for w in ws for x in w.consent.withdrawals]
    assert {x.recipient for _, x in withdrawn} == {"public", "un-fact-finding-mission"}
    for w, x in withdrawn:
        assert x.recipient in w.consent.recipients and x.date > w.consent.given
    assert {w.risk for w in ws} == {"low", "medium", "high"}
    assert {w.kind for w in ws} == {"survivor", "relative", "former-guard", "cemetery-worker"}
    for w in ws:
        assert w.protected.contact[0].startswith("+44 7700 900")  # Ofcom's drama range
        assert w.protected.contact[1].endswith("@example.org")


def test_protected_identities_stay_in_the_registry(full: Materials) -> None:
    """Real names, contacts and addresses appear in the witness registry and nowhere else."""
    secrets = set()
    for w in full.witnesses:
        secrets |= {t.value for t in w.protected.real_name}
        secrets |= set(w.protected.contact) | {w.protected.location}
    registry = full.path("materials/witnesses/registry.json").read_text(encoding="utf-8")
    assert all(s in registry for s in secrets)
    public = [full.path("materials/manifest.json").read_text(encoding="utf-8")]
    public += [full.path(t.path).read_text(encoding="utf-8") for t in full.testimonies]
    public += [
        full.path(e.path).read_bytes().decode("utf-8", "ignore")
        for e in full.evidence
        if e.path.endswith(".txt")
    ]
    leaks = [s for s in secrets for text in public if s in text]
    assert leaks == []


def test_second_statements_link_to_prior_and_differ_on_a_date(full: Materials) -> None:
    later = [t for t in full.testimonies if t.prior]
    assert later
    by_id = {t.id: t for t in full.testimonies}
    for t in later:
        assert by_id[t.prior].witness == t.witness and by_id[t.prior].date < t.date
    summary = json.loads(full.truth.summary_path.read_text())  # type: ignore[union-attr]
    assert summary["testimony_inconsistencies"]
    for inc in summary["testimony_inconsistencies"]:
        seg = by_id[inc["testimony"]].segments[int(inc["segment"]) - 1]
        assert any(m.ref == inc["date"] for m in seg.mentions)
        assert inc["date"] != inc["prior_date"]


@pytest.mark.parametrize("name", ["small", "full"])
def test_evidence_files_match_their_records(name: str, request: pytest.FixtureRequest) -> None:
    m: Materials = request.getfixturevalue(name)
    for e in m.evidence:
        data = m.path(e.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == e.sha256 and len(data) == e.size
    kinds = {e.media_type for e in m.evidence}
    assert {"image/jpeg", "application/pdf", "audio/x-wav"} <= kinds


def test_photo_exif_places_it_at_the_grave(full: Materials) -> None:
    photo = next(e for e in full.evidence if e.media_type == "image/jpeg")
    with Image.open(full.path(photo.path)) as img:
        exif = img.getexif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    lat = sum(float(x) / 60**i for i, x in enumerate(gps[ExifTags.GPS.GPSLatitude]))
    lon = sum(float(x) / 60**i for i, x in enumerate(gps[ExifTags.GPS.GPSLongitude]))
    grave = next(p for p in full.places if p.id == "place:grave-lalehgun")
    assert abs(lat - grave.lat) < 0.001 and abs(lon - grave.lon) < 0.001  # ~100 m
    assert abs(lat - photo.lat) < 1e-4 and abs(lon - photo.lon) < 1e-4
    assert exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] == "2009:08:29 07:41:12"


def test_documents_read_as_pdf_and_name_the_suspect(full: Materials) -> None:
    assert full.allegation is not None
    suspect = next(p for p in full.people if p.id == full.allegation.suspect)
    suspect_en = next(t.value for t in suspect.names if t.lang == "en")
    pdfs = [e for e in full.evidence if e.media_type == "application/pdf"]
    assert len(pdfs) == 2
    for e in pdfs:
        reader = PdfReader(full.path(e.path))
        assert len(reader.pages) == 2
        assert len(reader.pages[0].images) == 1
        assert "Translation from Persian" in reader.pages[1].extract_text()
    register = next(e for e in pdfs if "register" in e.path)
    text = PdfReader(full.path(register.path)).pages[1].extract_text()
    assert suspect_en in text
    listed = [p for p in full.people if p.source.source == register.source]
    assert len(listed) >= 5
    assert all(next(t.value for t in p.names if t.lang == "en") in text for p in listed)


def test_recording_duration_matches_segments(full: Materials) -> None:
    rec = next(e for e in full.evidence if e.media_type == "audio/x-wav")
    with wave.open(str(full.path(rec.path))) as w:
        seconds = w.getnframes() / w.getframerate()
    t = next(t for t in full.testimonies if t.recording == rec.id)
    assert rec.duration_s == pytest.approx(seconds)
    assert seconds == pytest.approx(max(s.end_s or 0 for s in t.segments))
    transcript = next(e for e in full.evidence if e.id == t.transcript)
    assert transcript.derived_from == rec.id
    translation = next(e for e in full.evidence if e.derived_from == transcript.id)
    assert translation.derivation == "translation"
    lines = full.path(translation.path).read_text(encoding="utf-8").split("\n\n")
    assert len([x for x in lines if x.strip()]) == len(t.segments)
