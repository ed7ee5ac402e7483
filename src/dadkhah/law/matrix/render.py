"""The matrix as HTML (for lawyers, printable), CSV (for spreadsheets) and JSON (for tools).

All three are pure functions of a :class:`Matrix`, which was built for one reader: nothing the
reader may not see is in it. Output is deterministic — the only time shown is the case state's
last change — so the same case gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from typing import Any

import pycountry
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from dadkhah.law.matrix.build import PART_TEXT, STATUS_TEXT, STATUSES, Matrix, grading_text
from dadkhah.law.matrix.evidence import EvidenceView

CATEGORY_TEXT = {
    "involvement": "Involvement of the suspect",
    "position": "Post held by the suspect",
    "co_actor": "Other participant",
    "violation": "Violation",
    "pattern": "Pattern or campaign",
    "document": "Document",
    "segment": "Testimony segment",
}
CONFIDENCE_TEXT = {"V": "verified", "K": "general knowledge", "U": "unverified"}
CSV_COLUMNS = (
    "row",
    "element",
    "label",
    "part",
    "kind",
    "status",
    "independent_sources",
    "contradicting_sources",
    "element_text",
    "relation",
    "evidence_kind",
    "evidence_id",
    "evidence_state",
    "statement",
    "about",
    "provenance",
    "source_group",
    "reliability",
    "credibility",
    "counted",
    "note",
    "why",
    "parallel",
)


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("dadkhah.law", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def language_name(code: str | None) -> str:
    """``Persian`` for ``fa``; the code itself when it is not an ISO 639 code."""
    if not code:
        return "Unknown language"
    base = code.split("-")[0].lower()
    found = pycountry.languages.get(alpha_2=base) if len(base) == 2 else pycountry.languages.get(alpha_3=base)
    return found.name if found is not None else code


def parallel_text(evidence: EvidenceView) -> str:
    """A segment's other-language versions as one cell: ``[en translation, T.1.en] text | ...``."""
    return " | ".join(f"[{p.language} {p.kind}, {p.id}] {p.text}" for p in evidence.parallel)


def render_html(matrix: Matrix) -> str:
    """A self-contained, printable HTML page (no scripts, no external files)."""
    template = _environment().get_template("matrix.html.j2")
    return template.render(
        m=matrix,
        a=matrix.allegation,
        statuses=STATUSES,
        status_text=STATUS_TEXT,
        part_text=PART_TEXT,
        category_text=CATEGORY_TEXT,
        confidence=CONFIDENCE_TEXT,
        counts=matrix.counts(),
        grading=grading_text,
        language_name=language_name,
    )


def render_json(matrix: Matrix) -> str:
    return json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(matrix: Matrix) -> str:
    """An ``element`` row per element (gaps first), each followed by its ``proof`` and ``suggestion`` rows."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in matrix.rows:
        base = {
            "element": row.element.code,
            "label": row.element.label,
            "part": row.part,
            "kind": row.element.kind,
            "status": row.status,
            "independent_sources": len(row.supporting_sources),
            "contradicting_sources": len(row.contradicting_sources),
        }
        writer.writerow(_safe({**base, "row": "element", "element_text": row.element.text}))
        for link in (*row.supporting, *row.contradicting):
            e = link.evidence
            writer.writerow(
                _safe(
                    {
                        **base,
                        "row": "proof",
                        "relation": link.proof.relation,
                        "evidence_kind": e.kind,
                        "evidence_id": e.target,
                        "evidence_state": e.state,
                        "statement": e.statement,
                        "about": e.about,
                        "provenance": e.provenance,
                        "source_group": link.group,
                        "reliability": link.proof.reliability,
                        "credibility": link.proof.credibility,
                        "counted": "yes" if link.counted else f"no: {link.why_not}",
                        "note": link.proof.note,
                        "parallel": parallel_text(e),
                    }
                )
            )
        for s in row.suggestions:
            writer.writerow(
                _safe(
                    {
                        **base,
                        "row": "suggestion",
                        "evidence_kind": s.kind,
                        "evidence_id": s.target,
                        "statement": s.statement,
                        "provenance": s.provenance,
                        "why": "; ".join(s.why),
                    }
                )
            )
    return out.getvalue()


def _safe(row: dict[str, Any]) -> dict[str, str]:
    """Cells as text; a cell a spreadsheet would run as a formula gets a leading apostrophe."""
    out = {}
    for key in CSV_COLUMNS:
        value = row.get(key)
        text = "" if value is None else str(value)
        if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
            text = "'" + text
        out[key] = text
    return out


__all__ = ["CSV_COLUMNS", "language_name", "render_csv", "render_html", "render_json"]
