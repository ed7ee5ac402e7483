"""Generation-direction transliteration: how a clerk might write a Persian name in Latin letters.

A name part (given name, surname, father's name) is a sequence of :class:`~.lexicon.Lexeme`
tokens with a phonemic spelling. A :class:`Scheme` says how each phoneme may be written, with
weights; a :class:`Clerk` renders one record, remembering the choices it made so that one record is
internally consistent (the same clerk writes ``ou`` throughout), while different records and
lists differ. Schemes model real practice:

* ``common``  — the usual Iranian English spelling: Hosseini, Mahmoud, Sadeghi, Fatemeh;
* ``bgn``     — BGN/PCGN-like, ASCII only: ق as q, ey/ow, ' for ain: Hoseyni, Mahmud, Sadeqi;
* ``simple``  — passport-style, single consonants, final -e: Hoseini, Mahmud, Fateme;
* ``anglo``   — English/Arabic-influenced: Husseini, Mahmood, Fatima, Saeed.

Compound given names are joined, split, hyphenated or camel-cased; surname suffixes (-zadeh,
-pour, -nejad, -nia) are joined, hyphenated or spaced; the Seyyed title is kept, abbreviated or
dropped. Persian-script variants cover Arabic yeh/kaf, ZWNJ written as space or dropped, hamza
spellings and dot-confusion typos. Nothing here reads names: the reverse direction belongs to
``dadkhah.names``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from dadkhah.demo.lexicon import NON_JOINING, ZWNJ, Lexeme

VOWELS = set("aeoAuiEYW")
_DIGRAPHS = {"C": "ch", "S": "sh", "X": "kh", "Z": "zh", "J": "j", "q": "gh", "G": "gh"}


@dataclass(frozen=True)
class Scheme:
    name: str
    options: dict[str, tuple[tuple[str, float], ...]]
    geminate: float  # probability of writing a doubled consonant twice
    alt_rate: float  # probability of using one of a token's listed other spellings


def _o(*pairs: tuple[str, float]) -> tuple[tuple[str, float], ...]:
    return pairs


# Keys: a symbol; "s>n" (symbol s before n); "s$" (s at the end of the token); "^s" (at the start).
SCHEMES: dict[str, Scheme] = {
    "common": Scheme(
        "common",
        {
            "u": _o(("ou", 0.85), ("u", 0.15)),
            "Y": _o(("ei", 0.7), ("ey", 0.3)),
            "W": _o(("ow", 0.8), ("o", 0.2)),
            "E": _o(("eh", 0.9), ("e", 0.1)),
            "'": _o(("", 1.0)),
            "'>i": _o(("e", 0.6), ("", 0.4)),
            "Z": _o(("zh", 1.0)),
        },
        geminate=0.85,
        alt_rate=0.1,
    ),
    "bgn": Scheme(
        "bgn",
        {
            "u": _o(("u", 1.0)),
            "Y": _o(("ey", 1.0)),
            "W": _o(("ow", 1.0)),
            "E": _o(("eh", 1.0)),
            "q": _o(("q", 1.0)),
            "'": _o(("'", 0.6), ("", 0.4)),
            "^'": _o(("", 1.0)),
            "J": _o(("zh", 1.0)),
        },
        geminate=0.5,
        alt_rate=0.05,
    ),
    "simple": Scheme(
        "simple",
        {
            "u": _o(("u", 0.6), ("ou", 0.4)),
            "Y": _o(("ei", 0.6), ("ey", 0.4)),
            "W": _o(("o", 0.7), ("ow", 0.3)),
            "E": _o(("e", 0.8), ("eh", 0.2)),
            "q": _o(("gh", 0.6), ("q", 0.4)),
            "'": _o(("", 1.0)),
            "'>i": _o(("e", 0.3), ("", 0.7)),
        },
        geminate=0.25,
        alt_rate=0.1,
    ),
    "anglo": Scheme(
        "anglo",
        {
            "o": _o(("o", 0.55), ("u", 0.45)),
            "u": _o(("oo", 0.5), ("ou", 0.3), ("u", 0.2)),
            "i": _o(("i", 0.65), ("ee", 0.35)),
            "i$": _o(("i", 0.9), ("y", 0.1)),
            "Y": _o(("ai", 0.4), ("ei", 0.4), ("ay", 0.2)),
            "W": _o(("ow", 0.5), ("ou", 0.3), ("o", 0.2)),
            "E": _o(("a", 0.4), ("eh", 0.3), ("e", 0.2), ("ah", 0.1)),
            "q": _o(("q", 0.5), ("gh", 0.5)),
            "G": _o(("gh", 0.8), ("q", 0.2)),
            "A": _o(("a", 0.92), ("aa", 0.08)),
            "'": _o(("", 0.7), ("'", 0.3)),
            "'>i": _o(("e", 0.6), ("", 0.4)),
            "^'": _o(("", 1.0)),
        },
        geminate=0.9,
        alt_rate=0.3,
    ),
}


@dataclass
class Clerk:
    """Renders one record under one scheme, keeping its choices consistent within the record."""

    scheme: Scheme
    rng: random.Random
    _memory: dict[str, str] = field(default_factory=dict)

    def _pick(self, key: str) -> str | None:
        opts = self.scheme.options.get(key)
        if opts is None:
            return None
        if key not in self._memory:
            values = [v for v, _ in opts]
            weights = [w for _, w in opts]
            self._memory[key] = self.rng.choices(values, weights)[0]
        return self._memory[key]

    def token(self, lx: Lexeme) -> str:
        """One token in lower case."""
        if lx.alts and self.rng.random() < self.scheme.alt_rate:
            return self.rng.choice(lx.alts).lower()
        if "gem" not in self._memory:
            self._memory["gem"] = "2" if self.rng.random() < self.scheme.geminate else "1"
        return render(lx.phon, self._pick, double=self._memory["gem"] == "2")


def render(phon: str, choose: Callable[[str], str | None], *, double: bool) -> str:
    """Render a phonemic spelling; ``choose(key)`` returns the scheme's choice for a key or None."""
    out: list[str] = []
    n = len(phon)
    i = 0
    while i < n:
        sym = phon[i]
        if sym == ":":
            i += 1
            continue
        nxt = phon[i + 1] if i + 1 < n else ""
        gem = nxt == ":"
        after = phon[i + 2] if gem and i + 2 < n else nxt
        keys = []
        if i == 0:
            keys.append("^" + sym)
        if after:
            keys.append(f"{sym}>{after}")
        else:
            keys.append(sym + "$")
        keys.append(sym)
        value = None
        for key in keys:
            value = choose(key)
            if value is not None:
                break
        if value is None:
            value = _default(sym)
        if gem and double and len(value) == 1:
            value = value * 2
        out.append(value)
        i += 1
    return "".join(out)


def most_likely(phon: str, scheme: str, *, double: bool = True) -> str:
    """The rendering a scheme gives most often (its highest-weighted choice for every symbol)."""
    options = SCHEMES[scheme].options

    def choose(key: str) -> str | None:
        opts = options.get(key)
        return max(opts, key=lambda o: o[1])[0] if opts else None

    return render(phon, choose, double=double)


def _default(sym: str) -> str:
    if sym in _DIGRAPHS:
        return _DIGRAPHS[sym]
    return {"A": "a", "u": "ou", "i": "i", "E": "eh", "Y": "ei", "W": "ow", "'": ""}.get(sym, sym)


# ---------------------------------------------------------------------------------------------
# Name parts


@dataclass(frozen=True)
class NamePart:
    """A given name, surname or father's name: one or two tokens and how they combine."""

    parts: tuple[Lexeme, ...]
    kind: str = "simple"  # simple | compound | affixed
    fa_canonical: str | None = None  # for compounds with a conventional spelling

    @property
    def fa(self) -> str:
        if self.fa_canonical:
            return self.fa_canonical
        if self.kind == "affixed":
            stem, suffix = self.parts
            glue = "" if stem.fa[-1] in NON_JOINING else ZWNJ
            return stem.fa + glue + suffix.fa
        return "".join(p.fa for p in self.parts)

    @property
    def canon(self) -> str:
        text = "".join(p.canon for p in self.parts)
        return text[:1].upper() + text[1:].lower()


def _cap(token: str) -> str:
    # Title-case each hyphen/space piece and keep an apostrophe's next letter lower: Ja'far.
    return "".join(piece[:1].upper() + piece[1:] for piece in _split_keep(token.lower(), " -"))


def _split_keep(text: str, seps: str) -> list[str]:
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in seps:
            out.append(cur)
            cur = ""
    out.append(cur)
    return out


def latin(part: NamePart, clerk: Clerk) -> str:
    """One Latin spelling of a name part, as this clerk would write it."""
    toks = [clerk.token(p) for p in part.parts]
    rng = clerk.rng
    if part.kind == "compound":
        style = clerk._memory.setdefault(
            "compound", rng.choices(["join", "space", "hyphen", "camel"], [0.45, 0.3, 0.2, 0.05])[0]
        )
        if style == "join":
            return _cap("".join(toks))
        if style == "camel":
            return "".join(_cap(t) for t in toks)
        return _cap((" " if style == "space" else "-").join(toks))
    if part.kind == "affixed":
        style = clerk._memory.setdefault(
            "affix", rng.choices(["join", "hyphen", "space"], [0.8, 0.12, 0.08])[0]
        )
        stem, suffix = toks
        if style == "join":
            return _cap(stem + suffix)
        if style == "hyphen":
            return _cap(stem) + "-" + _cap(suffix)
        return _cap(stem) + " " + _cap(suffix)
    return _cap(toks[0])


def latin_title(title: Lexeme, clerk: Clerk) -> str:
    if clerk.rng.random() < 0.08:
        return "S."
    if clerk.rng.random() < 0.5:
        return title.canon
    return clerk.rng.choice(title.alts)


def persian(part: NamePart, rng: random.Random, *, spacing: str | None = None) -> str:
    """One Persian-script spelling: ZWNJ kept, spaced or dropped; a listed alternative spelling."""
    if len(part.parts) == 1:
        lx = part.parts[0]
        if lx.fa_alts and rng.random() < 0.25:
            return rng.choice(lx.fa_alts)
        return lx.fa
    style = spacing or rng.choices(["canonical", "space", "joined"], [0.7, 0.2, 0.1])[0]
    if style == "canonical":
        return part.fa
    a, b = part.parts
    if style == "space":
        return a.fa + " " + b.fa
    return a.fa + b.fa


# ---------------------------------------------------------------------------------------------
# Errors people make when typing names

_DOT_CONFUSIONS = {
    "ب": "پ",
    "پ": "ب",
    "ج": "چ",
    "چ": "ج",
    "ز": "ژ",
    "ژ": "ز",
    "ک": "گ",
    "گ": "ک",
    "س": "ش",
    "ش": "س",
    "ت": "ث",
    "ر": "ز",
    "ح": "خ",
    "خ": "ح",
}
_KEY_NEIGHBOURS = {
    "a": "sq",
    "e": "wr",
    "i": "uo",
    "o": "ip",
    "u": "yi",
    "s": "ad",
    "h": "gj",
    "r": "et",
    "n": "bm",
    "m": "n",
    "d": "sf",
    "z": "x",
    "k": "jl",
    "l": "k",
    "t": "ry",
    "b": "vn",
}


def latin_typo(text: str, rng: random.Random) -> str:
    """One keyboard slip: a dropped, doubled, swapped or neighbouring letter."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:-1])
    op = rng.choice(["drop", "double", "swap", "neighbour"])
    if op == "drop":
        return text[:i] + text[i + 1 :]
    if op == "double":
        return text[:i] + text[i] + text[i:]
    if op == "swap" and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    near = _KEY_NEIGHBOURS.get(text[i].lower())
    if near:
        return text[:i] + rng.choice(near) + text[i + 1 :]
    return text[:i] + text[i + 1 :]


def persian_typo(text: str, rng: random.Random) -> str:
    """A dot confusion (ب/پ, ج/چ, ک/گ …) or a dropped or doubled letter."""
    letters = [i for i, ch in enumerate(text) if "\u0600" <= ch <= "\u06ff"]
    if len(letters) < 3:
        return text
    confusable = [i for i in letters if text[i] in _DOT_CONFUSIONS]
    if confusable and rng.random() < 0.6:
        i = rng.choice(confusable)
        return text[:i] + _DOT_CONFUSIONS[text[i]] + text[i + 1 :]
    i = rng.choice(letters[1:])
    if rng.random() < 0.5:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


ARABIC_FORMS = str.maketrans({"ی": "ي", "ک": "ك"})
ARABIC_YEH = str.maketrans({"ی": "ي"})


def arabic_letters(text: str, *, kaf: bool = True) -> str:
    """The text as typed on an Arabic keyboard: Arabic yeh, and Arabic kaf if ``kaf``."""
    return text.translate(ARABIC_FORMS if kaf else ARABIC_YEH)


def without_zwnj(text: str, rng: random.Random) -> str:
    return text.replace(ZWNJ, rng.choice([" ", ""]))
