"""Case-file benchmark: the whole demonstration case (``--all``, every exhibit) for the war crimes unit.

Times, separately, assembling the HTML (reading the case for the recipient, the case matrix, the forum
analysis, custody proofs, rendering) and rendering the PDF, then writing the whole case file (custody
events, bag, redaction log). Anchors from the same run:

- WeasyPrint rendering a plain HTML page of the same length: the case file's own text, in paragraphs,
  no tables, no map, no page furniture — what the PDF costs before anything Dadkhah asks of it;
- hashing every exhibit's bytes (SHA-256 and SHA-512), the floor of any verifiable export.

    .venv/bin/python bench/dossier.py            # the full demonstration case (5,000 victims)
    .venv/bin/python bench/dossier.py --quick    # scale 0.05 (250 victims)
    .venv/bin/python bench/dossier.py --case DIR # a case already built with `dadkhah demo DIR`
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import tempfile
import time
from pathlib import Path

from dadkhah.case import Case
from dadkhah.demo.build import build_demo
from dadkhah.dossier import DossierOptions, Scope, build_dossier, prepare, render_pdf

RECIPIENT = "national-war-crimes-unit"


def plain_page(case_file_html: str) -> str:
    """The case file's text as plain paragraphs: same length, nothing but text."""
    body = case_file_html.split("<body>", 1)[1]
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)))
    words = text.split()
    paragraphs = [" ".join(words[i : i + 120]) for i in range(0, len(words), 120)]
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font:10pt "DejaVu Serif"} '
        ':lang(fa){font-family:"Noto Naskh Arabic"}</style></head><body>'
        + "".join(f'<p dir="auto">{html.escape(p)}</p>' for p in paragraphs)
        + "</body></html>"
    )


def pages(pdf: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def hash_exhibits(case: Case, hashes: list[str]) -> tuple[float, int]:
    start, size = time.perf_counter(), 0
    for digest in hashes:
        h256, h512 = hashlib.sha256(), hashlib.sha512()
        with case.blobs.open(digest) as stream:
            while chunk := stream.read(4 << 20):
                h256.update(chunk)
                h512.update(chunk)
                size += len(chunk)
    return time.perf_counter() - start, size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a demonstration case at scale 0.05")
    parser.add_argument("--case", type=Path, help="use this demonstration case instead of building one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.case
        built = 0.0
        if path is None:
            path = Path(tmp) / "demo"
            start = time.perf_counter()
            build_demo(path, scale=0.05 if args.quick else 1.0, dossiers=False)
            built = time.perf_counter() - start
        with Case.open(path) as case:
            case.unlock()
            options = DossierOptions(Scope("all"), RECIPIENT)
            prepare(case, options, pdf=False)  # warm: imports, the checkpoint the proofs lead to
            start = time.perf_counter()
            prepared = prepare(case, options, pdf=False)
            html_seconds = time.perf_counter() - start
            start = time.perf_counter()
            pdf = render_pdf(prepared.html)
            pdf_seconds = time.perf_counter() - start
            plain = plain_page(prepared.html)
            start = time.perf_counter()
            plain_pdf = render_pdf(plain)
            plain_seconds = time.perf_counter() - start
            hash_seconds, hashed = hash_exhibits(case, [e.sha256 for e in prepared.exhibits])
            start = time.perf_counter()
            result = build_dossier(case, options, Path(tmp) / "out")
            whole_seconds = time.perf_counter() - start
    d = prepared.dossier
    made = f" (built in {built:.0f} s)" if built else ""
    print(
        f"demonstration case{made}: {len(d.victims):,} named victims, {len(d.events)} events, "
        f"{len(d.places)} places, {len(d.exhibits)} exhibits ({hashed:,} bytes), "
        f"{len(d.matrices)} allegation(s); "
        f"HTML {len(prepared.html):,} characters, PDF {pages(pdf)} pages"
    )
    print(f"{'':44}{'seconds':>10}")
    print(f"{'case file HTML (assemble + render)':44}{html_seconds:>10.2f}")
    print(f"{'case file PDF (WeasyPrint)':44}{pdf_seconds:>10.2f}")
    plain_label = f"anchor: plain page, same text ({pages(plain_pdf)} pp)"
    print(f"{plain_label:44}{plain_seconds:>10.2f}")
    print(f"{'anchor: hashing every exhibit':44}{hash_seconds:>10.3f}")
    print(f"{'whole case file (PDF, custody, bag, log)':44}{whole_seconds:>10.2f}")
    print(f"ratio PDF / plain page of the same text: {pdf_seconds / plain_seconds:.2f}")
    print(f"ratio HTML / PDF: {html_seconds / pdf_seconds:.2f}")
    print(f"ratio HTML / hashing the exhibits: {html_seconds / max(hash_seconds, 1e-6):.0f}")
    print(
        f"case file {result.id}: {result.exhibits} exhibits in the bag, "
        f"{result.left_out} items in its redaction log"
    )


if __name__ == "__main__":
    main()
