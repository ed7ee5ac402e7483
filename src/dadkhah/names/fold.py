"""Fold text for search and comparison, in any script.

``fold_text`` is deliberately lossy: it maps every spelling a careful typist and a careless one
might produce for the same word onto one string. It is for matching, never for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Script = Literal["arabic", "latin", "mixed", "other"]

# Combining marks that are diacritics on Latin, Greek or Cyrillic letters and Arabic harakat,
# tanwin, shadda, sukun, superscript alef and Quranic annotation signs. Marks of other scripts
# (Devanagari vowel signs, Hebrew points used as letters, ...) change meaning and are kept.
_STRIPPED_MARKS = re.compile(
    "["
    "\u0300-\u036f"  # combining diacritical marks
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # their extensions
    "\u0610-\u061a"  # Arabic honorific and Quranic signs
    "\u064b-\u065f"  # harakat, tanwin, shadda, sukun, hamza above/below, maddah
    "\u0670"  # superscript alef
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Quranic annotation marks
    "\u08d3-\u08ff"  # extended Arabic marks
    "]"
)

# Letter variants that Persian and Arabic keyboards, OCR and transliteration tools produce for
# the same letter. Targets are the Persian forms (ی, ک, ه), as the primary users write Persian.
_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي Arabic yeh → ی
        "\u0649": "\u06cc",  # ى alef maksura → ی
        "\u06d0": "\u06cc",  # ې
        "\u06cd": "\u06cc",  # ۍ
        "\u0643": "\u06a9",  # ك Arabic kaf → ک
        "\u06aa": "\u06a9",  # ڪ swash kaf
        "\u0629": "\u0647",  # ة teh marbuta → ه
        "\u06c3": "\u0647",  # ۃ teh marbuta goal
        "\u06d5": "\u0647",  # ە ae (what ۀ decomposes to)
        "\u06be": "\u0647",  # ھ heh doachashmee
        "\u06c1": "\u0647",  # ہ heh goal
        "\u0671": "\u0627",  # ٱ alef wasla (أ إ آ lose their marks in _STRIPPED_MARKS)
        "\u0672": "\u0627",
        "\u0673": "\u0627",
        "\u0675": "\u0627",
        "\u0621": "",  # ء lone hamza: a glottal stop most spellings omit
        "\u0640": "",  # tatweel, a stretching stroke
        "\u060c": ",",  # ، Arabic comma
        "\u061b": ";",  # ؛
        "\u061f": "?",  # ؟
        "\u066b": ".",  # ٫ Arabic decimal separator
        "\u066c": ",",  # ٬ Arabic thousands separator
        "\u066a": "%",  # ٪
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
        # Modifier letters and quotes used for ayn and hamza in romanisations.
        "\u02bf": "'",
        "\u02be": "'",
        "\u02bb": "'",
        "\u02bc": "'",
        "\u2018": "'",
        "\u2019": "'",
        "\u0060": "'",
        "\u00b4": "'",
    }
)

# Zero-width and bidirectional formatting characters: invisible, and never part of a word.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060-\u206f\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _STRIPPED_MARKS.sub("", unicodedata.normalize("NFD", text))
    text = text.translate(_LETTERS)
    # ZWNJ joins the parts of one word (حسین‌زاده, می‌روم): remove it; the other invisibles too.
    text = _INVISIBLE.sub("", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


# Characters every step of folding leaves as they are: lower-case printable ASCII and the
# unified Persian letters. A first pass that yields only these needs no second pass.
_FIXED = re.compile("[\x20-\x40\x5b-\x5f\x61-\x7e\u0627-\u0628\u062a-\u063a\u0641-\u0642\u0644-\u0648"
                    "\u067e\u0686\u0698\u06a9\u06af\u06cc]*")  # fmt: skip
_ASCII_PLAIN = re.compile(r"[\x20-\x7e\t\n\r]*")


@lru_cache(maxsize=1 << 18)
def fold_text(text: str) -> str:
    """Fold ``text`` for search: one string for all the ways one word is commonly written.

    NFKC, casefold, strip Latin diacritics and Arabic harakat, remove tatweel and zero-width
    characters (a ZWNJ inside a word joins its parts), unify Arabic and Persian letter variants
    (ي ى→ی, ك→ک, ة→ه, أ إ آ ٱ→ا, ؤ→و, ئ→ی, ۀ→ه), map Persian and Arabic-Indic digits to ASCII and
    collapse whitespace. ``fold_text(fold_text(s)) == fold_text(s)`` for every string.
    """
    if text.isascii() and _ASCII_PLAIN.fullmatch(text):  # the common case, 20x faster
        return " ".join(text.lower().replace("`", "'").split())
    folded = _fold_once(text)
    if _FIXED.fullmatch(folded):  # only characters that folding maps to themselves
        return folded
    # Casefolding or NFKC can expose a character that a second pass folds further (e.g. a
    # compatibility character that decomposes to a letter with a mark); iterate to the fixpoint.
    for _ in range(4):
        again = _fold_once(folded)
        if again == folded:
            return folded
        folded = again
    return folded


_ARABIC_SCRIPT = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_LATIN_SCRIPT = "A-Za-z\u00c0-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff"
_HAS_ARABIC = re.compile(f"[{_ARABIC_SCRIPT}]")
_HAS_LATIN = re.compile(f"[{_LATIN_SCRIPT}]")
_ARABIC_OR_LATIN = re.compile(f"[{_ARABIC_SCRIPT}{_LATIN_SCRIPT}\u02bb\u02bc\u02be\u02bf]+")


def script_of(text: str) -> Script:
    """The script of the letters in ``text``: ``arabic``, ``latin``, ``mixed`` or ``other``.

    Digits, punctuation and marks are ignored; text without letters is ``other``. Arabic covers
    Persian, Urdu and the presentation forms.
    """
    arabic = any(ch.isalpha() for ch in _HAS_ARABIC.findall(text))
    latin = any(ch.isalpha() for ch in _HAS_LATIN.findall(text))
    other = any(ch.isalpha() for ch in _ARABIC_OR_LATIN.sub("", text))
    if arabic + latin + other > 1:
        return "mixed"
    if arabic:
        return "arabic"
    if latin:
        return "latin"
    return "other"
