"""PDF pages as PNG images, to look at a case file the way a reader will (``make dossier-pages``).

Uses ``pdftoppm`` from Debian's ``poppler-utils`` (listed in ``deps/apt.txt``): a renderer other
than the one that wrote the PDF, so the images show what any PDF viewer shows.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from dadkhah.errors import CaseError, InputError

if TYPE_CHECKING:
    pass


def render_pages(
    pdf: Path, out: Path, *, dpi: int = 80, first: int | None = None, last: int | None = None
) -> list[Path]:
    """Render the pages of ``pdf`` (or ``first``…``last``) to ``out/page-NN.png``; return the files."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise CaseError("pdftoppm is missing: install poppler-utils (make setup installs deps/apt.txt)")
    if not Path(pdf).is_file():
        raise InputError("no such PDF", file=str(pdf))
    out.mkdir(parents=True, exist_ok=True)
    command = [tool, "-png", "-r", str(dpi)]
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    subprocess.run([*command, str(pdf), str(out / "page")], check=True, capture_output=True)  # noqa: S603
    return sorted(out.glob("page-*.png"))


__all__ = ["render_pages"]


def main(argv: list[str] | None = None) -> int:
    """``python -m dadkhah.dossier.pages OUT [SCALE]``: a small demonstration case, case files for the
    war crimes unit (English) and the public (Persian), and every page of each as a PNG."""
    import shutil as _shutil
    import sys

    from dadkhah.case import Case as OpenCase
    from dadkhah.demo.build import build_demo
    from dadkhah.dossier.build import DossierOptions
    from dadkhah.dossier.package import build_dossier
    from dadkhah.dossier.scope import Scope

    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0] if args else "out/dossier-pages")
    scale = float(args[1]) if len(args) > 1 else 0.05
    build_demo(out / "case", scale=scale, force=True, dossiers=False)
    with OpenCase.open(out / "case") as case:
        case.unlock()
        for recipient, lang in (("national-war-crimes-unit", "en"), ("public", "fa")):
            folder = out / f"{recipient}-{lang}"
            if folder.exists():
                _shutil.rmtree(folder)
            result = build_dossier(case, DossierOptions(Scope("all"), recipient, lang=lang), folder)
            assert result.pdf is not None
            pages = render_pages(result.pdf, folder / "pages")
            sys.stdout.write(
                f"{len(pages)} pages of the case file for {recipient} ({lang}) in {folder / 'pages'}\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
