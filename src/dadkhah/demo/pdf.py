"""A minimal PDF writer: pages that hold one JPEG image or lines of Helvetica text.

Enough for demonstration exhibits, written by hand so that the bytes are deterministic (no
creation date, no random document id) and need nothing beyond the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass

A4 = (595, 842)


@dataclass(frozen=True)
class ImagePage:
    jpeg: bytes
    width_px: int
    height_px: int


@dataclass(frozen=True)
class TextPage:
    lines: tuple[str, ...]
    size: int = 10


def _escape(text: str) -> bytes:
    data = text.encode("latin-1", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def write_pdf(pages: list[ImagePage | TextPage], *, title: str, author: str) -> bytes:
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info = add(
        b"<< /Title (" + _escape(title) + b") /Author (" + _escape(author) + b") /Producer (Dadkhah demo) >>"
    )
    kids = []
    w, h = A4
    for page in pages:
        if isinstance(page, ImagePage):
            img = add(
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                % (page.width_px, page.height_px, len(page.jpeg))
                + page.jpeg
                + b"\nendstream"
            )
            scale = min((w - 40) / page.width_px, (h - 40) / page.height_px)
            dw, dh = page.width_px * scale, page.height_px * scale
            content = b"q %.2f 0 0 %.2f %.2f %.2f cm /Im0 Do Q" % (dw, dh, (w - dw) / 2, (h - dh) / 2)
            resources = b"<< /XObject << /Im0 %d 0 R >> >>" % img
        else:
            leading = page.size * 1.4
            ops = [b"BT /F1 %d Tf %.1f TL 50 %d Td" % (page.size, leading, h - 60)]
            for line in page.lines:
                ops.append(b"(" + _escape(line) + b") Tj T*")
            ops.append(b"ET")
            content = b"\n".join(ops)
            resources = b"<< /Font << /F1 %d 0 R >> >>" % font
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R /Resources %s >>"
            % (pages_obj, w, h, stream, resources)
        ))  # fmt: skip
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)
