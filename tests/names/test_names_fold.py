"""fold_text and script_of against hand-checked examples in Persian, Arabic and Latin."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dadkhah.names import fold_text, script_of


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        # Arabic letter forms and Persian letter forms of the same name.
        ("علي كريمي", "علی کریمی"),
        ("فاطمة", "فاطمه"),
        ("خانهٔ", "خانه"),  # heh with yeh above (ezafe)
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهیم"),
        ("آزاده", "ازاده"),
        ("ٱلله", "الله"),
        ("مؤمن", "مومن"),
        ("رئیس", "رییس"),
        ("موسى", "موسی"),
        # Harakat, shadda, superscript alef, tatweel.
        ("مُحَمَّد", "محمد"),
        ("رحمٰن", "رحمن"),
        ("نامـــه", "نامه"),
        # The ZWNJ joins the parts of one word; other invisible characters go too.
        ("حسین\u200cزاده", "حسینزاده"),
        ("\u200fعلی\u200e", "علی"),
        ("\ufeffAli", "ali"),
        # Persian and Arabic-Indic digits, Arabic punctuation.
        ("۱۳۶۷/۰۵/۱۲", "1367/05/12"),
        ("١٩٨٨", "1988"),
        ("تهران، ایران", "تهران, ایران"),
        # Latin: case, accents, ligatures, modifier-letter ayn and hamza.
        ("Müller ÉCOLE", "muller ecole"),
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),
        ("Ḥusayn ʿAlī", "husayn 'ali"),
        ("ﬁrst", "first"),
        # Presentation forms (as pasted from old PDFs) become ordinary letters.
        ("ﻻ", "لا"),
        # Whitespace of every kind collapses.
        ("  Mohammad\t\nReza  ", "mohammad reza"),
    ],
)
def test_fold_text(raw: str, folded: str) -> None:
    assert fold_text(raw) == folded


def test_fold_text_keeps_marks_that_are_letters_in_other_scripts() -> None:
    # Devanagari vowel signs are combining marks but change the word: they stay.
    assert fold_text("किताब") == "किताब"


@given(st.text())
def test_fold_text_is_idempotent(text: str) -> None:
    once = fold_text(text)
    assert fold_text(once) == once


@given(st.text())
def test_fold_text_output_has_no_invisible_or_control_characters(text: str) -> None:
    folded = fold_text(text)
    assert all(ch.isprintable() for ch in folded)
    assert "\u200c" not in folded and "\u0640" not in folded
    assert folded == folded.strip() and "  " not in folded


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("محمدرضا حسینی", "arabic"),
        ("علي", "arabic"),
        ("Mohammadreza Hosseini", "latin"),
        ("Ḥusayn", "latin"),
        ("Ali علی", "mixed"),
        ("Иван", "other"),
        ("1367/05/12", "other"),
        ("", "other"),
        ("Ali, 1988", "latin"),
    ],
)
def test_script_of(text: str, script: str) -> None:
    assert script_of(text) == script
