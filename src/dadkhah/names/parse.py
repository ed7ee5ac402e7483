"""Parse a personal name into titles, given names, surname and father's name, with keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from dadkhah.names.fold import Script, fold_text, script_of
from dadkhah.names.lexicon import (
    ARTICLES,
    INNER_TITLES,
    PATRONYMIC_MARKERS,
    SUFFIX_WORDS,
    TITLE_OF,
    canonical_latin,
    persian_romanisations,
    split_compound,
    surname_stem,
    token_key,
)

Part = Literal["full", "given", "surname"]

# "…, son of Ali", "s/o Ali", "daughter of", "fils de"; Persian فرزند / پسر / دختر + name. Words
# are told apart as _TOKEN tells them, as the rest of the parser does: "Ali:son:of:Reza" reads as
# "Ali son of Reza" does.
_SEP = r"[^\w']+"
_FATHER = re.compile(
    rf"(?<![\w'])(?:son{_SEP}of|daughter{_SEP}of|child{_SEP}of|s/o|d/o|fils{_SEP}de|fille{_SEP}de|"
    r"فرزند|پسر|دختر|ولد)(?![\w'])"
)
_TOKEN = re.compile(r"[\w']+")
_PUNCTUATION = " ,;:()/.-"
_ARABIC = re.compile("[\u0600-\u06ff]")
_ABD = frozenset({"abd", "abdol", "abdul", "abdel", "abdal", "عبد", "عبدال"})
_ABU = frozenset({"abu", "abou", "abo", "ابو"})
_ABOL = frozenset({"abol", "abul", "aboul", "ابول", "ابوال"})
_LINKS = ARTICLES | {"ed", "od", "ud", "ad", "e", "o"}  # Nasr-ed-Din, Nasr al-Din
_ALLAH = frozenset({"allah", "ollah", "ullah", "ellah", "الله"})
_DIN = frozenset({"din", "eddin", "oddin", "uddin", "aldin", "الدین"})


def _is_arabic(token: str) -> bool:
    return bool(_ARABIC.search(token))


@dataclass(frozen=True)
class NormalizedName:
    """A personal name taken apart for comparison.

    ``given`` and ``surname`` hold folded tokens in the script they were written in; compound
    given names are split (محمدرضا → محمد, رضا) and detached surname parts joined
    (Hossein Zadeh → hosseinzadeh). ``keys`` are the cross-script skeletons of ``tokens``
    (given names then surname), in the same order. When ``order`` is ``"assumed"`` the last
    token was taken as the surname; ``"explicit"`` means the caller or a comma said so.
    """

    text: str
    script: Script
    titles: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    surname: tuple[str, ...] = ()
    father: str | None = None
    order: Literal["explicit", "assumed"] = "assumed"
    keys: tuple[str, ...] = field(default=())
    latin: str = ""

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.given + self.surname

    @property
    def given_keys(self) -> tuple[str, ...]:
        return self.keys[: len(self.given)]

    @property
    def surname_keys(self) -> tuple[str, ...]:
        return self.keys[len(self.given) :]

    @property
    def skeleton(self) -> str:
        """All keys joined by spaces: the phonetic form of the whole name."""
        return " ".join(self.keys)

    @property
    def surname_stem(self) -> str:
        """The surname's key without its affix (Hosseini, Hosseinzadeh → ``hsin``)."""
        return surname_stem("".join(self.surname_keys))[0] if self.surname else ""

    @property
    def surname_affix(self) -> str:
        return surname_stem("".join(self.surname_keys))[1] if self.surname else ""

    @property
    def is_empty(self) -> bool:
        return not self.keys


def _split_father(text: str) -> tuple[str, str | None]:
    """The person's own name and their father's, where the text gives one.

    A father's name follows the person's own: a "son of" with no word before it ("son of Ali"
    alone) splits nothing, and its words stay as they are. The first marker with words on both
    sides wins, so the own part never holds another; that keeps normalising idempotent.
    """
    own_end, father = len(text), None
    for mark in _FATHER.finditer(text):
        if _TOKEN.search(text[: mark.start()]) and _TOKEN.search(text[mark.end() :]):
            own_end, father = mark.start(), text[mark.end() :]
            break
    # "A bin B, son of C": the first marker wins, and the father is "B, son of C".
    words = list(_TOKEN.finditer(text[:own_end]))
    for word in words[1:-1]:
        if word.group() in PATRONYMIC_MARKERS:
            return text[: word.start()], text[word.end() :].strip(_PUNCTUATION)
    if father is None:
        return text, None
    return text[:own_end].strip(_PUNCTUATION), father.strip(_PUNCTUATION)


def _join_parts(tokens: list[str]) -> list[str]:
    """Glue the words of one name that are often written apart: Abd al-, -ollah, -zadeh."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if out and tok in _LINKS and nxt is not None and (nxt in _DIN or nxt in _ALLAH):
            out[-1] += tok + nxt
            i += 2
            continue
        abu_al = tok in _ABU and (nxt in ARTICLES or (nxt or "").startswith("ال"))
        if nxt is not None and (tok in _ABD or tok in _ABOL or abu_al):
            # Abd al-Karim, Abdol Hossein, عبد الله, Abu al-Fazl, ابو الفضل
            glued = tok
            i += 1
            if tokens[i] in ARTICLES and i + 1 < len(tokens):
                glued += tokens[i]
                i += 1
            out.append(glued + tokens[i])
            i += 1
            continue
        if out and (tok in SUFFIX_WORDS or tok in _ALLAH or tok in _DIN):
            out[-1] += tok
            i += 1
            continue
        if tok in ARTICLES and nxt is not None:
            i += 1  # al-Hashemi, el Amin: the article is not part of the key
            continue
        out.append(tok)
        i += 1
    return out


def _keyed(tokens: list[str]) -> list[str]:
    """Drop words with no key: stray apostrophes, letters of scripts we cannot key."""
    return [t for t in tokens if token_key(t)]


def _cut(token: str, head: str, tail: str) -> tuple[str, str]:
    """The two spellings inside a compound token, in its own script where we can find them."""
    head_key, tail_key = token_key(head), token_key(tail)
    for i in range(1, len(token)):
        if token_key(token[:i]) == head_key and token_key(token[i:]) == tail_key:
            return token[:i], token[i:]
    return head, tail  # the seam changed a letter: use the usual spellings


def _split_compounds(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        parts = None if tok in TITLE_OF else split_compound(token_key(tok))
        out.extend(_cut(tok, *parts) if parts else (tok,))
    return out


def _take_titles(tokens: list[str]) -> tuple[list[str], list[str]]:
    titles: list[str] = []
    rest = list(tokens)
    while len(rest) > 1 and rest[0] in TITLE_OF:
        titles.append(TITLE_OF[rest.pop(0)])
    kept = rest[:1]
    for tok in rest[1:]:
        if TITLE_OF.get(tok) in INNER_TITLES:  # Fatemeh Sadat, Ali Agha, Maryam Khanom
            titles.append(TITLE_OF[tok])
        else:
            kept.append(tok)
    return kept, titles


@lru_cache(maxsize=200_000)
def _romanise(token: str) -> str:
    if not _is_arabic(token):
        return canonical_latin(token)
    known = persian_romanisations()
    if token in known:
        return known[token]
    # A known name with a surname ending: حسین|زاده, رحمان|پور, کریم|ی.
    for cut in range(len(token) - 1, 1, -1):
        head, tail = token[:cut], token[cut:]
        if head in known and (tail in known or tail == "ی"):
            return known[head] + known.get(tail, "i")
    return _letters_to_latin(token)


_LETTER_LATIN = {
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t",
    "ظ": "z", "غ": "gh", "ف": "f", "ق": "gh", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
}  # fmt: skip


def _letters_to_latin(token: str) -> str:
    """A readable letter-by-letter romanisation (for display; short vowels cannot be known)."""
    out = []
    n = len(token)
    for i, ch in enumerate(token):
        nxt = token[i + 1] if i + 1 < n else ""
        if ch == "ا":
            out.append("a")
        elif ch == "ع":
            out.append("a" if i == 0 else "")
        elif ch == "و":
            out.append("v" if i == 0 or nxt in "ایو" else "u")
        elif ch == "ی":
            out.append("y" if i == 0 else "i")
        elif ch == "ه":
            out.append("eh" if i == n - 1 and n > 1 else "h")
        else:
            out.append(_LETTER_LATIN.get(ch, ch if ch.isascii() else ""))
    return "".join(out)


@lru_cache(maxsize=100_000)
def normalize_name(text: str, part: Part = "full") -> NormalizedName:
    """Take a personal name apart: titles, given names, surname, father's name and keys.

    ``part`` says what ``text`` holds: a full name (``"full"``; "Surname, Given" with a comma is
    understood, otherwise the last word is assumed to be the surname), only given names, or
    only a surname. A father's name given as "son of X", "s/o X", "bin X", "فرزند X" is split
    off into ``father``. Empty or unparseable text gives an empty name (``is_empty``).
    """
    folded = fold_text(text)
    script = script_of(folded)
    body, father = _split_father(folded) if part == "full" else (folded, None)
    order: Literal["explicit", "assumed"] = "explicit" if part != "full" else "assumed"
    surname_first: list[str] | None = None
    if part == "full" and "," in body:
        head, _, tail = body.partition(",")
        if _keyed(_TOKEN.findall(head)) and _keyed(_TOKEN.findall(tail)):
            surname_first, body = _TOKEN.findall(head), tail
            order = "explicit"
        else:
            body = f"{head} {tail}"
    tokens = _keyed(_join_parts(_TOKEN.findall(body)))
    if surname_first is not None or part == "given":
        tokens = _split_compounds(tokens)
    elif part == "full":
        tokens = _split_compounds(tokens[:-1]) + tokens[-1:]
    tokens, titles = _take_titles(tokens)
    if surname_first is not None:
        given, surname = tokens, _keyed(_join_parts(surname_first))
    elif part == "given":
        given, surname = tokens, []
    elif part == "surname":
        given, surname = [], tokens
    elif len(tokens) >= 2:
        given, surname = tokens[:-1], tokens[-1:]
    else:
        given, surname = tokens, []
    all_tokens = given + surname
    keys = tuple(token_key(t) for t in all_tokens)
    return NormalizedName(
        text=" ".join(all_tokens),
        script=script,
        titles=tuple(titles),
        given=tuple(given),
        surname=tuple(surname),
        father=father or None,
        order=order,
        keys=keys,
        latin=" ".join(_romanise(t) for t in all_tokens),
    )


def _merged_keys(left: str, right: str) -> list[str]:
    """Keys of two adjacent words written as one word.

    Two forms: the keys joined at the seam (the same in every script, because each word's key
    is), and the key of the letters run together, which is what a single written token gets
    when the seam changes a rule (Fatemeh|zahra: the final h is silent only at a word end).
    """
    joined = token_key(left)
    tail = token_key(right, initial=False)
    seam = joined + tail[1:] if joined and tail and joined[-1] == tail[0] else joined + tail
    forms = [seam]
    if _is_arabic(left) == _is_arabic(right):
        forms.append(token_key(left + right))
    return [f for f in dict.fromkeys(forms) if f]


def name_keys(text: str) -> list[str]:
    """Cross-script search keys of a personal name: ASCII tokens ``[a-z0-9]+``.

    The key of every word (titles and a "son of" clause left out; compound given names split,
    detached surname parts joined) followed by the key of every two adjacent words written as
    one, without duplicates. Names that are spellings of each other in Persian or Arabic
    script or a Latin romanisation share their word keys: "Mohammad Reza Hosseini",
    "Mohammadreza Hosseini", "محمدرضا حسینی" and "Mohamad-Reza Hoseini" all give
    ``mhmd``, ``rz``, ``hsini``.
    """
    name = normalize_name(text)
    keys = list(name.keys)
    tokens = name.tokens
    for left, right in zip(tokens, tokens[1:], strict=False):
        keys.extend(_merged_keys(left, right))
    return list(dict.fromkeys(keys))


MAX_QUERY_VARIANTS = 32


def name_query_variants(text: str) -> list[list[str]]:
    """Alternative key sets for searching a name; a record matches if it has all keys of one.

    The first alternative is the key of every word of the query; the others write pairs of
    adjacent words as one (so "Gol Naz" finds "Golnaz"). A record indexed with
    ``name_keys(stored_name)`` matches the query ``q`` when, for some alternative in
    ``name_query_variants(q)``, every key of the alternative is among the record's keys. An
    empty list means the query has no name in it and should match nothing.
    """
    name = normalize_name(text)
    keys, tokens = list(name.keys), name.tokens
    if not keys:
        return []
    merged = [_merged_keys(a, b) for a, b in zip(tokens, tokens[1:], strict=False)]
    variants: list[list[str]] = []

    def walk(i: int, acc: list[str]) -> None:
        if len(variants) >= MAX_QUERY_VARIANTS:
            return
        if i == len(keys):
            variants.append(list(dict.fromkeys(acc)))
            return
        walk(i + 1, [*acc, keys[i]])
        if i + 1 < len(keys):
            for form in merged[i]:
                walk(i + 2, [*acc, form])

    walk(0, [])
    unique: dict[tuple[str, ...], list[str]] = {}
    for v in variants:
        unique.setdefault(tuple(v), v)
    return list(unique.values())
