"""Files with known metadata, made on the fly: a JPEG with EXIF (time, GPS, device), a PDF with
pages and information, a WAV of known length."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational
from pypdf import PdfWriter

# Fictional capture: 2024-03-01 12:30:05 at +03:30, 35°41'24.0"N 51°23'24.0"E, camera "Acme Cam 3".
EXIF_TIME = "2024:03:01 12:30:05"
EXIF_OFFSET = "+03:30"
LAT, LON = (35, 41, 24), (51, 23, 24)
LAT_DEC, LON_DEC = 35 + 41 / 60 + 24 / 3600, 51 + 23 / 60 + 24 / 3600


def jpeg_bytes(*, south_west: bool = False) -> bytes:
    img = Image.new("RGB", (64, 48), (120, 30, 200))
    exif = img.getexif()
    exif[0x010F] = "Acme"  # Make
    exif[0x0110] = "Cam 3"  # Model
    exif[0x0131] = "AcmeOS 1.2"  # Software
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = EXIF_TIME  # DateTimeOriginal
    sub[0x9011] = EXIF_OFFSET  # OffsetTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1] = "S" if south_west else "N"
    gps[2] = tuple(IFDRational(v, 1) for v in LAT)
    gps[3] = "W" if south_west else "E"
    gps[4] = tuple(IFDRational(v, 1) for v in LON)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def pdf_bytes(pages: int = 3) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata(
        {
            "/Title": "Report on Ward 3",
            "/Author": "Fictional Rights Group",
            "/Creator": "WriterApp 7",
            "/CreationDate": "D:20230915101500+02'00'",
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def wav_bytes(seconds: float = 2.5, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x00" * int(seconds * rate))
    return out.getvalue()


def media_folder(root: Path) -> Path:
    """A folder with a photo, a PDF, a recording and a text note (two in a subfolder)."""
    folder = root / "collected"
    (folder / "sub").mkdir(parents=True)
    (folder / "photo.jpg").write_bytes(jpeg_bytes())
    (folder / "report.pdf").write_bytes(pdf_bytes())
    (folder / "sub" / "interview.wav").write_bytes(wav_bytes())
    (folder / "sub" / "notes.txt").write_text("Ward 3, night of 1988-07-30.\n", encoding="utf-8")
    return folder


@pytest.fixture
def samples() -> SimpleNamespace:
    """The sample makers above, for tests (conftest modules are not importable by name)."""
    return SimpleNamespace(
        jpeg_bytes=jpeg_bytes,
        pdf_bytes=pdf_bytes,
        wav_bytes=wav_bytes,
        media_folder=media_folder,
        lat_dec=LAT_DEC,
        lon_dec=LON_DEC,
    )
