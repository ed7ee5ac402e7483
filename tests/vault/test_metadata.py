"""Media types and metadata against files whose content we wrote ourselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from dadkhah.vault.mediatype import detect
from dadkhah.vault.metadata import extract


def test_the_content_decides_the_media_type_and_a_lying_name_is_noted(samples) -> None:
    assert detect(samples.pdf_bytes()[:8192], "holiday.jpg").mime == "application/pdf"
    assert detect(samples.pdf_bytes()[:8192], "holiday.jpg").name_says == "image/jpeg"
    assert detect(b"plain words\n", "notes").mime == "text/plain"
    assert detect(b"\x00\x01\x02binary", "blob").mime == "application/octet-stream"
    assert detect(b"a,b\n1,2\n", "list.csv").mime == "text/csv"
    assert detect(b"", "empty").mime == "application/octet-stream"


def test_exif_capture_time_gps_and_device(samples, tmp_path: Path) -> None:
    path = tmp_path / "p.jpg"
    path.write_bytes(samples.jpeg_bytes())
    found = extract(path, "image/jpeg").values
    assert found["capturedAt"] == "2024-03-01T12:30:05+03:30"
    assert found["date"] == "2024-03-01"
    assert found["location"] == f"{samples.lat_dec:.6f},{samples.lon_dec:.6f}" == "35.690000,51.390000"
    assert (found["device"], found["software"]) == ("Acme Cam 3", "AcmeOS 1.2")
    assert (found["width"], found["height"]) == ("64", "48")


def test_gps_references_south_and_west_are_negative(samples, tmp_path: Path) -> None:
    path = tmp_path / "p.jpg"
    path.write_bytes(samples.jpeg_bytes(south_west=True))
    assert extract(path, "image/jpeg").values["location"] == "-35.690000,-51.390000"


def test_pdf_pages_and_information(samples, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(samples.pdf_bytes(pages=3))
    found = extract(path, "application/pdf").values
    assert found == {
        "pages": "3",
        "embeddedTitle": "Report on Ward 3",
        "author": "Fictional Rights Group",
        "software": "WriterApp 7",
        "date": "2023-09-15",
    }


@pytest.mark.parametrize(("seconds", "rate"), [(2.5, 8000), (0.25, 44100)])
def test_audio_duration(samples, tmp_path: Path, seconds: float, rate: int) -> None:
    path = tmp_path / "a.wav"
    path.write_bytes(samples.wav_bytes(seconds, rate))
    found = extract(path, "audio/x-wav")
    assert float(found.values["duration"]) == pytest.approx(seconds, abs=1e-3)
    assert found.details["media"]["sample_rate"] == rate  # type: ignore[index]


def test_a_broken_file_yields_a_problem_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage that is no PDF at all")
    found = extract(path, "application/pdf")
    assert "pages" not in found.values
    assert found.problems and found.problems[0].startswith("application metadata unreadable")
