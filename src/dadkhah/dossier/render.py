"""The case file as HTML (self-contained: inline style and map, no script) and as PDF (WeasyPrint).

Right-to-left text: each Persian (Arabic-script) string is wrapped in ``<span lang="fa" dir="rtl">``,
each Latin one in ``<span lang="en" dir="ltr">``, so that the browser's and WeasyPrint's
bidirectional algorithm orders it correctly inside text of the other direction, and the stylesheet
gives it a font that has its glyphs. The Persian case file is ``dir="rtl"`` throughout.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from dadkhah.dossier.assemble import Dossier, Names
from dadkhah.dossier.labels import labels, paragraphs
from dadkhah.exchange.i18n import persian_digits
from dadkhah.names import script_of


def bidi(value: object) -> Markup:
    """A string isolated for the bidirectional algorithm, marked with its language and direction.

    A ``dir`` attribute (not ``<bdi>``): browsers isolate both, but WeasyPrint honours only ``dir``.
    """
    text = "" if value is None else str(value)
    if not text:
        return Markup("")
    script = script_of(text)
    if script == "arabic":
        return Markup('<span lang="fa" dir="rtl">{}</span>').format(text)
    if script == "latin":
        return Markup('<span lang="en" dir="ltr">{}</span>').format(text)
    return Markup('<span dir="auto">{}</span>').format(text)


def _number(lang: str):  # type: ignore[no-untyped-def]
    def num(value: object) -> str:
        text = f"{value:,}" if isinstance(value, int) else str(value)
        return persian_digits(text.replace(",", "٬")) if lang == "fa" else text

    return num


@cache
def _environment(lang: str) -> Environment:
    env = Environment(
        loader=PackageLoader("dadkhah.dossier", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["bidi"] = bidi
    env.filters["num"] = _number(lang)
    return env


def render_html(dossier: Dossier) -> str:
    """The case file as one HTML document; a pure function of ``dossier``."""
    lang = dossier.lang

    def ordered(names: Names) -> tuple[str, ...]:
        return (names.persian + names.latin) if lang == "fa" else (names.latin + names.persian)

    def title(names: Names) -> str:
        found = ordered(names)
        return found[0] if found else ""

    def alt(names: Names) -> str:
        return " · ".join(ordered(names)[1:])

    def names(found: Names) -> Markup:
        return Markup(" · ").join(bidi(n) for n in ordered(found)) or escape("—")

    template = _environment(lang).get_template("dossier.html.j2")
    css = (Path(__file__).parent / "templates" / "dossier.css").read_text(encoding="utf-8")
    return template.render(
        d=dossier,
        t=labels(lang),
        text=paragraphs(lang),
        dir="rtl" if lang == "fa" else "ltr",
        css=Markup(css),  # noqa: S704 (our own stylesheet, read from the package)
        title=title,
        alt=alt,
        names=names,
    )


def render_pdf(html: str) -> bytes:
    """The PDF of a case file's HTML (WeasyPrint; fonts from the system)."""
    import weasyprint

    return bytes(weasyprint.HTML(string=html, base_url=None).write_pdf())


__all__ = ["bidi", "render_html", "render_pdf"]
