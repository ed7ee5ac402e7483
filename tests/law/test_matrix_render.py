"""The matrix as HTML, CSV and JSON: the content a lawyer reads, deterministic, redacted for the reader."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from law_world import World

from dadkhah import law
from dadkhah.access import Reader
from dadkhah.access.keys import KeyFile, create_key_file, init_keyring
from dadkhah.case import Case
from dadkhah.errors import AccessDenied
from dadkhah.model import Sensitivity
from dadkhah.testimony import add_segments, add_testimony, add_translation, record_consent, register_witness

TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _matrix_case(case: Case, world: World) -> str:
    seg, cl = world.segments, world.claims
    with case.writer("analyst") as w:
        allegation = law.allege(
            w, suspect=world["suspect"], crime="RS.7.1.a", mode="RS.25.3.a.co", events=[world["event"]]
        )
        law.prove(
            w, allegation, "E1", claim=cl["v1_act"], relation="supports", reliability="B", credibility=2
        )
        law.prove(w, allegation, "M2", segment=seg["a1"], relation="supports")
        law.prove(w, allegation, "M2", segment=seg["a2"], relation="supports")
        law.prove(w, allegation, "M2", claim=cl["involvement_role"], relation="supports")
        law.prove(
            w, allegation, "M6", segment=seg["b1"], relation="contradicts", note='=HYPERLINK("x") <script>'
        )
        law.prove(w, allegation, "M6", claim=cl["position_gazette"], relation="supports")
    return allegation


def test_html_csv_and_json_say_what_the_matrix_says(case: Case, world: World) -> None:
    allegation = _matrix_case(case, world)
    matrix = law.build_matrix(case, allegation)
    html = law.render_html(matrix)

    # Headings, the allegation and every element's text, each with its status in words.
    assert "<h1>Case matrix</h1>" in html and "<h2>Elements, gaps first</h2>" in html
    assert "Dariush Namvar" in html and "Rome Statute art. 7(1)(a)" in html and "Co-perpetration" in html
    for row in matrix.rows:
        assert f'id="{row.element.code}"' in html
        assert row.element.text.replace("'", "&#39;") in html
    for label in (
        "Unsupported — no evidence linked",
        "Contested — evidence contradicts it",
        "Single source — needs corroboration",
        "Corroborated — two or more independent sources",
    ):
        assert label in html
    assert "<li>3: The attack was widespread or systematic.</li>" in html  # CMN sub-elements of the attack
    articles = re.findall(r'<article class="element ([a-z-]+)-row" id="([^"]+)"', html)
    assert [code for _, code in articles] == [r.element.code for r in matrix.rows]
    assert articles[0][0] == "unsupported" and articles[-1][0] == "corroborated"
    # Proofs quoted, with their provenance; the witness is shown by code, never by person id.
    quote = "Namvar read out the names of the prisoners the commission had condemned."
    assert f'<blockquote dir="auto">{quote}</blockquote>' in html
    assert f"witness {world['wa_code']}, segment 1, 00:12:03–00:13:10" in html
    assert "Source: Structures of Command (fictional NGO report), p. 41" in html
    assert f"Independent sources: (1) Witness ({world['wa_code']}); (2) Source: Structures of Command" in html
    assert "graded B (usually reliable) / 2 (probably true)" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert world["wa"] not in html and world["wb"] not in html
    # Printable and deterministic: the only time is the case state's.
    assert "@media print" in html
    assert TIMESTAMP.findall(html) == TIMESTAMP.findall(matrix.state.last_change or "")
    assert law.render_html(law.build_matrix(case, allegation)) == html

    rows = list(csv.DictReader(io.StringIO(law.render_csv(matrix))))
    elements = [r for r in rows if r["row"] == "element"]
    assert [r["element"] for r in elements] == [r.element.code for r in matrix.rows]
    m2 = next(r for r in elements if r["element"] == "RS.25.3.a.co.M2")
    assert (m2["status"], m2["independent_sources"]) == ("corroborated", "2")
    proofs = [r for r in rows if r["row"] == "proof" and r["element"] == "RS.25.3.a.co.M2"]
    assert [p["source_group"] for p in proofs] == ["1", "1", "2"]
    assert proofs[0]["statement"].startswith("Namvar read out")
    contra = next(r for r in rows if r["row"] == "proof" and r["relation"] == "contradicts")
    assert contra["note"] == '\'=HYPERLINK("x") <script>'  # a spreadsheet must not run it
    assert any(r["row"] == "suggestion" and r["why"] for r in rows)

    data = json.loads(law.render_json(matrix))
    assert (
        data["allegation"]["crime"]["code"] == "RS.7.1.a"
        and data["allegation"]["mode"]["code"] == "RS.25.3.a.co"
    )
    assert data["summary"] == {"unsupported": 7, "contested": 1, "single-source": 1, "corroborated": 1}
    by_code = {e["code"]: e for e in data["elements"]}
    assert by_code["RS.25.3.a.co.M6"]["contradicted_by"][0]["label"] == f"Witness ({world['wb_code']})"
    assert by_code["RS.7.1.a.E1"]["supporting"][0]["grading"] == "B (usually reliable) / 2 (probably true)"
    assert by_code["RS.7.1.a.E2"]["suggestions"][0]["category"] == "pattern"
    assert world["wa"] not in json.dumps(data)


def test_a_recipient_sees_only_what_consent_and_clearance_allow(case: Case, world: World) -> None:
    allegation = _matrix_case(case, world)
    with case.writer("analyst") as w:
        record_consent(w, world["wa_code"], uses=["investigation", "prosecution"], recipients=["any"])
        record_consent(w, world["wb_code"], uses=["investigation"])
    unit = Reader(
        "war-crimes-unit", Sensitivity.CONFIDENTIAL, profile="war-crimes-unit", purpose="prosecution"
    )
    matrix = law.build_matrix(case, allegation, unit)
    m6 = next(r for r in matrix.rows if r.element.code == "RS.25.3.a.co.M6")
    # Witness B did not consent to prosecution: the contradiction is withheld, and said to be.
    assert m6.status == "single-source" and m6.contradicting == ()
    assert matrix.withheld == 1 and any("withheld" in n for n in matrix.notices)
    m2 = next(r for r in matrix.rows if r.element.code == "RS.25.3.a.co.M2")
    assert m2.status == "corroborated"  # witness A consented to prosecution by anyone
    html = law.render_html(matrix)
    assert "The commission sat every day" not in html and "1 linked item(s) not shown" in html
    # A reader below the allegation's sensitivity does not get a matrix at all.
    with pytest.raises(AccessDenied, match="not visible"):
        law.build_matrix(case, allegation, Reader("visitor", Sensitivity.PUBLIC))


PERSIAN = "نامور نام زندانیانی را که هیئت محکوم کرده بود خواند."
ENGLISH = "Namvar read out the names of the prisoners the board had condemned."
PERSIAN_2 = "نگهبانان شب‌ها مردان را می‌بردند."
SEALED_ENGLISH = "The guards took the men away at night."


def _persian_testimony(case: Case, world: World, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """A Persian testimony with English translations; the second translation is sealed (protected)."""
    key = create_key_file(tmp_path / "key" / "case.key")
    init_keyring(case.keys_path, case.id, KeyFile(key))
    case.unlock(key_file=key)
    with case.writer("analyst") as w:
        _, code = register_witness(w)
        tid = add_testimony(w, witness=code, date="2022-02-02", language="fa")
        fa1, fa2 = add_segments(w, tid, [PERSIAN, PERSIAN_2])
        en1 = add_translation(w, fa1, ENGLISH, language="en", translator="Translator T (fictional)")
        en2 = add_translation(w, fa2, SEALED_ENGLISH, language="en", sensitivity=Sensitivity.PROTECTED)
        allegation = law.allege(
            w, suspect=world["suspect"], crime="RS.7.1.a", mode="RS.25.3.a.co", events=[world["event"]]
        )
        law.prove(w, allegation, "M2", segment=fa1, relation="supports")  # the Persian original
        law.prove(w, allegation, "M6", segment=en1, relation="supports")  # its English translation
        law.prove(w, allegation, "M1", segment=fa2, relation="supports")  # translation sealed
    return allegation, {"fa1": fa1, "en1": en1, "fa2": fa2, "en2": en2, "code": code}


def _quotes(html: str, element: str) -> list[tuple[str, str]]:
    """(lang, text) of every quote in one element's section, in order."""
    section = html.split(f'id="{element}"', 1)[1].split("</article>", 1)[0]
    return re.findall(r'<blockquote dir="auto" lang="([a-z-]+)">([^<]*)</blockquote>', section)


def test_a_testimony_segment_is_shown_beside_its_translation(
    case: Case, world: World, tmp_path: Path
) -> None:
    allegation, ids = _persian_testimony(case, world, tmp_path)
    matrix = law.build_matrix(case, allegation)
    html = law.render_html(matrix)
    # Linked the Persian original: the English translation is beside it, original first.
    assert _quotes(html, "RS.25.3.a.co.M2") == [("fa", PERSIAN), ("en", ENGLISH)]
    assert f'Persian original <span class="code">[{ids["fa1"]}]</span> · linked' in html
    assert (
        f'English translation <span class="code">[{ids["en1"]}]</span> · translated by Translator T' in html
    )
    # Linked the translation: its Persian original is shown too, still first.
    assert _quotes(html, "RS.25.3.a.co.M6") == [("fa", PERSIAN), ("en", ENGLISH)]
    assert f'English translation <span class="code">[{ids["en1"]}]</span> · linked' in html
    # The owner holds the key: the sealed translation is opened for them.
    assert _quotes(html, "RS.25.3.a.co.M1") == [("fa", PERSIAN_2), ("en", SEALED_ENGLISH)]
    # The original and its translation are one witness: one independent source, not two.
    m2 = next(r for r in matrix.rows if r.element.code == "RS.25.3.a.co.M2")
    assert len(m2.supporting_sources) == 1

    data = json.loads(law.render_json(matrix))
    link = {e["code"]: e for e in data["elements"]}["RS.25.3.a.co.M2"]["supporting"][0]
    assert link["statement"] == PERSIAN and link["language"] == "fa"
    assert link["parallel"] == [
        {
            "id": ids["en1"],
            "language": "en",
            "kind": "translation",
            "text": ENGLISH,
            "translator": "Translator T (fictional)",
        }
    ]
    rows = list(csv.DictReader(io.StringIO(law.render_csv(matrix))))
    proof = next(r for r in rows if r["row"] == "proof" and r["evidence_id"] == ids["en1"])
    assert proof["statement"] == ENGLISH and proof["parallel"] == f"[fa original, {ids['fa1']}] {PERSIAN}"


def test_a_translation_the_reader_may_not_see_is_left_out(case: Case, world: World, tmp_path: Path) -> None:
    allegation, ids = _persian_testimony(case, world, tmp_path)
    counsel = Reader("counsel", Sensitivity.CONFIDENTIAL)  # no access to protected (sealed) text
    matrix = law.build_matrix(case, allegation, counsel)
    html = law.render_html(matrix)
    # The readable translation is still beside its original ...
    assert _quotes(html, "RS.25.3.a.co.M2") == [("fa", PERSIAN), ("en", ENGLISH)]
    # ... but the sealed one is not: the Persian is quoted alone, as before translations were shown.
    assert SEALED_ENGLISH not in html and ids["en2"] not in html
    assert f'<blockquote dir="auto">{PERSIAN_2}</blockquote>' in html
    assert SEALED_ENGLISH not in law.render_json(matrix) and SEALED_ENGLISH not in law.render_csv(matrix)
