"""Generated evidence files: a grave-site photograph, two prison documents, an interview recording.

* a JPEG photograph of a mass grave with EXIF capture time, camera and GPS position;
* a PDF prison register page (a Persian facsimile and an English translation) listing prisoners
  executed at Sangdasht on one day, signed by the director and naming who delivered them;
* a PDF order of the special commission to the prison administration, signed by its members;
* a WAV recording of the first interview (synthetic speech-like noise: no voice), with its
  Persian transcript and English translation as derived text files.

Each file is an :class:`EvidenceFile`; the facts a document supports (named victims, who signed,
who delivered) come back as person, violation and involvement records citing page and line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import ImageFont

from dadkhah.demo.dates import en_words, fa_digits, fa_words
from dadkhah.demo.materials import (
    EvidenceFile,
    Involvement,
    Person,
    Ref,
    Source,
    Testimony,
    Text,
    Violation,
)
from dadkhah.demo.pdf import ImagePage, TextPage, write_pdf
from dadkhah.demo.people import TrueVictim
from dadkhah.demo.translit import SCHEMES, Clerk, latin, persian
from dadkhah.demo.world import COUNTRY, GRAVES, OFFICIAL, PRISON_BY_KEY

_FONT = "DejaVuSans.ttf"
SAMPLE_RATE = 8000


@dataclass
class DocBundle:
    evidence: list[EvidenceFile] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    mention_victim: dict[str, str] = field(default_factory=dict)


def _evidence(out_dir: Path, rel: str, data: bytes, **fields: object) -> EvidenceFile:
    path = out_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return EvidenceFile(path=rel, sha256=hashlib.sha256(data).hexdigest(), size=len(data), **fields)  # type: ignore[arg-type]


def generate(
    rng: random.Random,
    nprng: np.random.Generator,
    victims: list[TrueVictim],
    recorded: Testimony,
    out_dir: Path,
) -> DocBundle:
    b = DocBundle()
    _photo(b, nprng, out_dir)
    _register(b, rng, victims, out_dir)
    _order(b, out_dir)
    _recording(b, nprng, recorded, out_dir)
    return b


# -- the photograph ---------------------------------------------------------------------------


def _photo(b: DocBundle, nprng: np.random.Generator, out_dir: Path) -> None:
    from PIL import ExifTags, Image, ImageDraw, ImageFilter

    w, h = 960, 640
    sky = np.linspace([150, 175, 205], [215, 215, 210], h // 3)
    ground = np.linspace([165, 140, 100], [120, 95, 65], h - h // 3)
    img = np.concatenate([sky, ground])[:, None, :].repeat(w, axis=1)
    img += nprng.normal(0, 9, img.shape)
    photo = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(photo)
    for _ in range(14):  # low mounds of disturbed earth
        x, y = int(nprng.uniform(40, w - 120)), int(nprng.uniform(h // 3 + 40, h - 40))
        rx, ry = int(nprng.uniform(40, 110)), int(nprng.uniform(8, 18))
        f = nprng.uniform(0.7, 0.9)
        shade = (int(160 * f), int(128 * f), int(88 * f))
        draw.ellipse([x, y, x + rx * 2, y + ry * 2], fill=shade)
    for _ in range(6):  # red flowers left by families
        x, y = int(nprng.uniform(0, w)), int(nprng.uniform(h // 3 + 30, h))
        draw.ellipse([x, y, x + 6, y + 6], fill=(170, 25, 30))
    photo = photo.filter(ImageFilter.GaussianBlur(0.8))
    name_en, _fa, lat, lon, _city = GRAVES["lalehgun"]
    lat += float(nprng.uniform(-0.0004, 0.0004))
    lon += float(nprng.uniform(-0.0004, 0.0004))
    taken = dt.datetime(2009, 8, 29, 7, 41, 12)  # noqa: DTZ001 - EXIF times are naive local time
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Dadkhah demonstration"
    exif[ExifTags.Base.Model] = "Fictional camera"
    exif[ExifTags.Base.ImageDescription] = f"{name_en}, anniversary gathering"
    exif[ExifTags.Base.DateTime] = taken.strftime("%Y:%m:%d %H:%M:%S")
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.DateTimeOriginal] = taken.strftime("%Y:%m:%d %H:%M:%S")
    sub[ExifTags.Base.OffsetTimeOriginal] = "+04:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N" if lat >= 0 else "S"
    gps[ExifTags.GPS.GPSLatitude] = _dms(abs(lat))
    gps[ExifTags.GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
    gps[ExifTags.GPS.GPSLongitude] = _dms(abs(lon))
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=85, exif=exif)
    src = "source:doc-photo-lalehgun"
    b.sources.append(
        Source(
            src,
            "Photograph of the Lalehgun field mass grave",
            "document",
            "org:ngo-jaa",
            "2009-08-29",
            None,
            "materials/documents/lalehgun-2009-08-29.jpg",
        )
    )
    b.evidence.append(_evidence(
        out_dir, "materials/documents/lalehgun-2009-08-29.jpg", buf.getvalue(),
        id="evidence:photo-lalehgun", source=src, media_type="image/jpeg",
        title="Photograph of the Lalehgun field mass grave",
        description="Taken by a relative at the anniversary gathering; mounds of disturbed earth.",
        created="2009-08-29T07:41:12+04:00", collector="person:interviewer-arjomand",
        method="handed over by the photographer", lat=round(lat, 6), lon=round(lon, 6)))  # fmt: skip


def _dms(value: float) -> tuple[float, float, float]:
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 2)
    return (float(d), float(m), s)


# -- text rendering for facsimiles ------------------------------------------------------------


def _fonts(size: int) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, bool]:
    """A font able to draw Persian, or Pillow's own (Latin only) when none is installed."""
    try:
        return ImageFont.truetype(_FONT, size, layout_engine=ImageFont.Layout.BASIC), True
    except OSError:
        return ImageFont.load_default(size), False


def _shape(text: str) -> str:
    import arabic_reshaper
    from bidi.algorithm import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


def _facsimile(
    lines: list[tuple[str, str]], signatures: list[str], rng: random.Random
) -> tuple[bytes, int, int]:
    """A paper-coloured page with right-aligned Persian lines (or their Latin fallback)."""
    from PIL import Image, ImageDraw

    w, h = 1240, 1754
    page = Image.new("RGB", (w, h), (238, 231, 214))
    draw = ImageDraw.Draw(page)
    font, persian_ok = _fonts(30)
    y = 120
    for fa_text, en_text in lines:
        text = _shape(fa_text) if persian_ok else en_text
        width = draw.textlength(text, font=font)
        x = w - 110 - width if persian_ok else 110
        draw.text((x, y), text, fill=(35, 35, 60), font=font)
        y += 58
    for name in signatures:  # a scrawl under each signature line
        y += 40
        pts = [(w - 420 + i * 14, y + int(rng.gauss(0, 9))) for i in range(22)]
        draw.line(pts, fill=(20, 30, 110), width=3)
        y += 30
        small, _ = _fonts(22)
        label = _shape(name) if persian_ok else name
        draw.text((w - 110 - draw.textlength(label, font=small), y), label, fill=(35, 35, 60), font=small)
        y += 40
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=80)
    return buf.getvalue(), w, h


# -- the register page ------------------------------------------------------------------------


def _register(b: DocBundle, rng: random.Random, victims: list[TrueVictim], out_dir: Path) -> None:
    p = PRISON_BY_KEY["sangdasht"]
    by_day: dict[dt.date, list[TrueVictim]] = {}
    for v in victims:
        if v.event == p.wave_event:
            by_day.setdefault(v.death, []).append(v)
    day = max(sorted(by_day), key=lambda d: len(by_day[d]))
    listed = sorted(by_day[day], key=lambda v: v.id)[:12]
    src, rel = "source:doc-register-sangdasht", "materials/documents/register-sangdasht-1367.pdf"
    clerk = Clerk(SCHEMES["common"], rng)
    director, suspect, deputy = OFFICIAL[p.director], OFFICIAL["suspect"], OFFICIAL["sadrzadeh"]
    fa_lines = [
        (
            f"زندان سنگدشت — دفتر اجرای احکام — {fa_words(day)}",
            f"Sangdasht Prison - register of executed sentences - {en_words(day)}",
        ),
        ("ردیف — نام و نام خانوادگی — نام پدر — بند — ملاحظات", "No. - name - father - ward - remarks"),
    ]
    en_lines = [
        "Translation from Persian (certified by the Justice Archive of Amarestan)",
        "",
        f"Sangdasht Prison - Register of executed sentences - {en_words(day)}",
        "",
        "No.  Name                          Father          Ward  Remarks",
    ]
    for i, v in enumerate(listed, 1):
        name_fa = f"{persian(v.name.given, rng)} {persian(v.name.surname, rng)}"
        father_fa = persian(v.father, rng)
        name_en = f"{latin(v.name.given, clerk)} {latin(v.name.surname, clerk)}"
        father_en = latin(v.father, clerk)
        fa_lines.append(
            (
                f"{fa_digits(i)} — {name_fa} — {father_fa} — {fa_digits(v.ward)} — اجرا شد",
                f"{i} - {name_en} - {father_en} - {v.ward} - executed",
            )
        )
        en_lines.append(f"{i:<4} {name_en:<29} {father_en:<15} {v.ward:<5} sentence carried out")
        pid = f"person:register-sangdasht-{i:02d}"
        locator = f"page 1, line {i}"
        b.people.append(
            Person(
                pid,
                (Text(name_fa, "fa", "Arab"), Text(name_en, "en")),
                Ref(src, locator),
                ("victim",),
                v.gender,
                father_name=(Text(father_fa, "fa", "Arab"), Text(father_en, "en")),
                nationality=(COUNTRY,),
            )
        )
        b.mention_victim[pid] = v.id
        vid = f"violation:register-{i:02d}"
        b.violations.append(
            Violation(
                vid,
                pid,
                "execution",
                Ref(src, locator),
                p.wave_event,
                day.isoformat(),
                "place:sangdasht-prison-amphitheatre",
            )
        )
        b.involvements.append(
            Involvement(
                f"involvement:register-{i:02d}",
                suspect.id,
                vid,
                "participated",
                Ref(src, "page 1, 'delivered by'"),
                "named as delivering the prisoners",
            )
        )
    fa_lines.append((f"تحویل‌دهنده: {suspect.fa} — دفتر دادیاری", f"Delivered by: {suspect.en}"))
    en_lines += [
        "",
        f"Delivered by: {suspect.en}, office of the deputy prosecutor",
        f"Seen: {deputy.en}, deputy prosecutor",
        f"Director of the prison: {director.en}",
        "",
        "[signatures]",
    ]
    jpeg, w, h = _facsimile(fa_lines, [f"دادیار: {deputy.fa}", f"رئیس زندان: {director.fa}"], rng)
    pdf = write_pdf(
        [ImagePage(jpeg, w, h), TextPage(tuple(en_lines))],
        title=f"Sangdasht Prison register, {day.isoformat()}",
        author="Sangdasht Prison",
    )
    b.sources.append(
        Source(
            src,
            f"Sangdasht Prison register page, {en_words(day)}",
            "document",
            f"org:admin-{p.key}",
            day.isoformat(),
            "fa",
            rel,
        )
    )
    b.evidence.append(_evidence(
        out_dir, rel, pdf, id="evidence:register-sangdasht", source=src, media_type="application/pdf",
        title=f"Sangdasht Prison register page, {en_words(day)}",
        description="Page 1: facsimile of the Persian register; page 2: English translation.",
        created=day.isoformat(), collector="person:interviewer-arjomand",
        method="copy smuggled out by a former prison clerk", language="fa"))  # fmt: skip
    for actor, role, loc in ((director.id, "commanded", "page 1, signature"),
                             (deputy.id, "participated", "page 1, signature"),
                             (suspect.id, "participated", "page 1, 'delivered by'"),
                             (f"org:admin-{p.key}", "carried_out", "page 1")):  # fmt: skip
        b.involvements.append(
            Involvement(
                f"involvement:register-{len(b.involvements) + 1:02d}",
                actor,
                p.wave_event,
                role,
                Ref(src, loc),
            )
        )


# -- the commission's order -------------------------------------------------------------------


def _order(b: DocBundle, out_dir: Path) -> None:
    p = PRISON_BY_KEY["sangdasht"]
    day = dt.date(1988, 7, 27)  # two days after the commission first sat, before the killing began
    members = [OFFICIAL[k] for k in ("ghaffarian", "vaziri-moghadam", "yazdanfar")]
    guide = OFFICIAL["sadrnia"]
    src, rel = "source:doc-order-commission", "materials/documents/order-commission-arzhang-1367.pdf"
    fa_lines = [
        (
            f"هیئت ویژه منطقه ارژنگ — {fa_words(day)}",
            f"Special Commission for the Arzhang Region - {en_words(day)}",
        ),
        ("به: اداره زندان سنگدشت", "To: Administration of Sangdasht Prison"),
        (
            f"در اجرای فرمان رهبر عالی، {guide.fa}،",
            f"Pursuant to the decree of the Supreme Guide, {guide.en},",
        ),
        ("حکم زندانیانی که نامشان در برگه‌های پیوست آمده", "the sentences of the prisoners named in the"),
        (
            "و بر مواضع خود پافشاری کرده‌اند، اعدام است.",
            "attached sheets who maintain their positions: execution.",
        ),
        ("اجرای حکم بی‌درنگ و محرمانه باشد.", "To be carried out at once and in secret."),
    ]
    en_lines = [
        "Translation from Persian (certified by the Justice Archive of Amarestan)",
        "",
        f"Special Commission for the Arzhang Region - {en_words(day)}",
        "Classified",
        "",
        "To: Administration of Sangdasht Prison",
        "",
        f"Pursuant to the decree of the Supreme Guide, {guide.en}, the sentence of the prisoners",
        "named in the attached sheets who maintain their positions is execution.",
        "The sentences are to be carried out at once and in secret.",
        "",
        *(f"Signed: {m.en}" for m in members),
    ]
    jpeg, w, h = _facsimile(fa_lines, [m.fa for m in members], random.Random(day.toordinal()))
    pdf = write_pdf(
        [ImagePage(jpeg, w, h), TextPage(tuple(en_lines))],
        title="Order of the Special Commission for the Arzhang Region",
        author="Special Commission",
    )
    b.sources.append(
        Source(
            src,
            f"Order of the Special Commission for the Arzhang Region, {en_words(day)}",
            "document",
            "org:commission-arzhang",
            day.isoformat(),
            "fa",
            rel,
        )
    )
    b.evidence.append(_evidence(
        out_dir, rel, pdf, id="evidence:order-commission", source=src, media_type="application/pdf",
        title=f"Order of the Special Commission for the Arzhang Region, {en_words(day)}",
        description="Page 1: facsimile of the Persian order; page 2: English translation.",
        created=day.isoformat(), collector="person:interviewer-moreau",
        method="received from a former official's relative", language="fa"))  # fmt: skip
    n = len(b.involvements)
    rows = [
        ("org:commission-arzhang", p.wave_event, "ordered", "page 1"),
        (guide.id, "event:campaign-1367", "ordered", "page 1, line 3"),
    ]
    rows += [(m.id, p.wave_event, "ordered", "page 1, signatures") for m in members]
    for i, (actor, target, role, loc) in enumerate(rows, n + 1):
        b.involvements.append(Involvement(f"involvement:order-{i:02d}", actor, target, role, Ref(src, loc)))


# -- the interview recording and its texts ----------------------------------------------------


def _recording(b: DocBundle, nprng: np.random.Generator, t: Testimony, out_dir: Path) -> None:
    end = max(s.end_s or 0.0 for s in t.segments)
    n = int(end * SAMPLE_RATE)
    # Speech-like: noise shaped by a syllable-rate envelope, silent between segments.
    noise = nprng.normal(0, 1, n)
    kernel = np.ones(8) / 8
    voiced = np.convolve(noise, kernel, mode="same")
    time = np.arange(n) / SAMPLE_RATE
    envelope = np.clip(np.sin(2 * np.pi * 3.5 * time + nprng.uniform(0, 6)), 0, None) ** 0.7
    for s in t.segments:
        gap = (time >= (s.end_s or 0) - 0.6) & (time < (s.end_s or 0))
        envelope[gap] = 0.0
    hum = 0.02 * np.sin(2 * np.pi * 120 * time)
    signal = np.clip(0.35 * voiced * envelope + hum, -1, 1)
    pcm = (signal * 32767).astype("<i2").tobytes()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(pcm)
    base = f"materials/documents/interview-{t.id}"
    b.evidence.append(_evidence(
        out_dir, f"{base}.wav", buf.getvalue(), id=t.recording, source=t.source, media_type="audio/x-wav",
        title=f"Audio recording of interview {t.id}", description="Interview recording (synthetic audio).",
        created=t.date, collector=t.interviewers[0], method="recorded during the interview",
        duration_s=round(n / SAMPLE_RATE, 3), language=t.language))  # fmt: skip
    transcript = "\n\n".join(f"[{s.start_s:05.1f}–{s.end_s:05.1f}] {s.text}" for s in t.segments) + "\n"
    b.evidence.append(_evidence(
        out_dir, f"{base}-transcript-{t.language}.txt", transcript.encode(), id=t.transcript, source=t.source,
        media_type="text/plain; charset=utf-8", title=f"Transcript of interview {t.id}",
        description="Verbatim transcript, segment by segment with times.", created=t.date,
        collector=t.interviewers[0], method="transcribed from the recording", derived_from=t.recording,
        derivation="transcript", language=t.language))  # fmt: skip
    if t.language != "en":
        translation = (
            "\n\n".join(f"[{s.start_s:05.1f}–{s.end_s:05.1f}] {s.translation}" for s in t.segments) + "\n"
        )
        b.evidence.append(_evidence(
            out_dir, f"{base}-translation-en.txt", translation.encode(), id=f"evidence:translation-{t.id}",
            source=t.source, media_type="text/plain; charset=utf-8",
            title=f"English translation of interview {t.id}", description="Translation, segment by segment.",
            created=t.date, collector=t.interviewers[0], method="translated from the transcript",
            derived_from=t.transcript, derivation="translation", language="en"))  # fmt: skip
