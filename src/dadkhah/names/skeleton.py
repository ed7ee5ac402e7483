"""Rule-based cross-script skeletons of single name tokens.

Persian and Arabic script write consonants and long vowels but not short vowels; Latin
romanisations write every vowel, each in several ways. A skeleton keeps what both scripts
record:

* consonants, folded into classes that romanisations confuse (q/gh/ق/غ → ``q``; w/v/و → ``v``;
  j/dj/zh/ج/ژ → ``j`` (Manijeh, Manizheh); x/kh → ``kh``; ph → ``f``; c/ck → ``k``;
  ث ص → ``s``; ذ ض ظ → ``z``; ط → ``t``),
* long vowels as ``i`` (ی; Latin i, ee, y, ei, ey, ai) and ``u`` (و; Latin u, ou, oo, ow),
* a word-initial vowel, ayn or alef as ``a`` (its quality is not written in Persian script),

and drops short vowels, ayn and hamza inside the word, a final silent h (-eh, -ah; final ه and
ح in Arabic script) and doubled letters. So ``Mohammad``, ``Mohamad``, ``Mohammed`` and
``محمد`` are all ``mhmd``, while ``Mahmoud``/``محمود`` is ``mhmud`` and ``Hossein``/``حسین`` is
``hsin``, distinct from ``Hassan``/``حسن`` ``hsn``.

These are the letter rules only; ``lexicon`` corrects them for common names the rules get wrong
(Persian مرتضی is Morteza, not "Mortezi").
"""

from __future__ import annotations

import re
import unicodedata

_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ß": "ss"}
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")

_DIGRAPHS = {
    "dj": "j",
    "ch": "ch",
    "sh": "sh",
    "kh": "kh",
    "gh": "q",
    "zh": "j",
    "ph": "f",
    "ck": "k",
}
_SINGLE = {"x": "kh", "c": "k", "q": "q", "v": "v"}
_VOWELS = frozenset("aeiou")

# Marker for a vowel unit in the unit lists below: ("v", letters) holds the written vowels,
# ("c", unit) a consonant class.
Unit = tuple[str, str]


def ascii_word(token: str) -> str:
    """A folded Latin token reduced to ``[a-z0-9]`` (accents, apostrophes and hyphens go)."""
    decomposed = unicodedata.normalize("NFKD", token.lower().translate(_LATIN_EXTRA))
    return _NOT_ALNUM.sub("", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _latin_units(word: str) -> list[Unit]:
    units: list[Unit] = []
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        if word.startswith("tch", i):
            units.append(("c", "ch"))
            i += 3
            continue
        if word[i : i + 2] in _DIGRAPHS:
            units.append(("c", _DIGRAPHS[word[i : i + 2]]))
            i += 2
            continue
        prev_is_vowel = bool(units) and units[-1][0] == "v"
        if ch in _VOWELS:
            units.append(("v", ch))
        elif ch == "y":
            # A consonant only at the start of a word before a vowel (Yousef, یوسف);
            # elsewhere it spells a long i or a diphthong (Hosseyni, Maryam, Heydar).
            units.append(("c", "y") if i == 0 and nxt in _VOWELS else ("v", "y"))
        elif ch == "w":
            # After a vowel and not before one, w closes a diphthong (Khosrow, Mowlavi).
            units.append(("v", "w") if prev_is_vowel and nxt not in _VOWELS else ("c", "v"))
        else:
            units.append(("c", _SINGLE.get(ch, ch)))
        i += 1
    return units


def _vowel_marker(letters: str) -> str:
    letters = letters.replace("ee", "i").replace("oo", "u")
    marks = ["i" if ch in "iy" else "u" for ch in letters if ch in "iyuw"]
    return "".join(m for k, m in enumerate(marks) if k == 0 or marks[k - 1] != m)


def _assemble(units: list[Unit], initial: bool) -> str:
    # A silent final h after a vowel: Fatemeh, Zahra(h), Abdollah, Saleh.
    if len(units) >= 2 and units[-1] == ("c", "h") and units[-2][0] == "v":
        units = units[:-1]
    out: list[str] = []
    k = 0
    while k < len(units):
        kind, value = units[k]
        if kind == "c":
            out.append(value)
            k += 1
            continue
        group = ""
        while k < len(units) and units[k][0] == "v":
            group += units[k][1]
            k += 1
        marker = _vowel_marker(group)
        if initial and not out:
            out.append("a")
        if marker:
            out.append(marker)
    collapsed = [u for j, u in enumerate(out) if j == 0 or out[j - 1] != u]
    return "".join(collapsed)


def latin_rule_key(token: str, *, initial: bool = True) -> str:
    """The skeleton of one Latin-script token by the letter rules alone.

    ``initial=False`` gives the skeleton the token has inside a compound (``ali`` in
    ``Mohammadali`` is ``li``: the vowel is no longer word-initial).
    """
    word = ascii_word(token)
    return _assemble(_latin_units(word), initial) if word else ""


_ARABIC_CONSONANTS = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ث": "s",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "z",
    "ر": "r",
    "ز": "z",
    "ژ": "j",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "غ": "q",
    "ف": "f",
    "ق": "q",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
}
_ARABIC_VOWEL_LETTERS = frozenset("ایو")


def _arabic_units(word: str, initial: bool) -> list[Unit]:
    word = word.replace("خوا", "خا")  # the silent و of خواجه, خواهر
    units: list[Unit] = []
    n = len(word)
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if ch in "اع":
            units.append(("v", "a"))
        elif ch == "و":
            # A consonant at the start, before a vowel letter, or after a medial alef
            # (وحید, جواد, موسوی, داوود, داوری); otherwise a long u (نوری, محمود).
            consonant = (i == 0 and initial) or nxt in _ARABIC_VOWEL_LETTERS or (prev == "ا" and i >= 2)
            units.append(("c", "v") if consonant else ("v", "u"))
        elif ch == "ی":
            units.append(("c", "y") if i == 0 and initial else ("v", "i"))
        elif ch == "ه" or ch == "ح":
            # Final ه is the vowel -e (فاطمه); final ح is romanised like it (Saleh, صالح).
            if not (i == n - 1 and n > 1):
                units.append(("c", "h"))
        elif ch in _ARABIC_CONSONANTS:
            units.append(("c", _ARABIC_CONSONANTS[ch]))
        elif ch.isdigit() or "a" <= ch <= "z":
            units.append(("c", ch))
    return units


def arabic_rule_key(token: str, *, initial: bool = True) -> str:
    """The skeleton of one folded Arabic-script token by the letter rules alone."""
    return _assemble(_arabic_units(token, initial), initial) if token else ""
