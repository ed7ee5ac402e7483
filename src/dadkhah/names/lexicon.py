"""Word lists and the token-level key: titles, name parts, affixes and spelling exceptions.

Two data files in ``data/`` back this module:

* ``persian-names.csv`` — common Persian given names, surnames and surname parts in Persian
  script with their usual romanisation (compiled for Dadkhah). It fixes the skeletons the
  letter rules get wrong (مرتضی is Morteza; توکلی is Tavakoli) and gives a readable Latin form.
* ``latin-variants.csv`` — Arabic- and South-Asian-style spellings of common names that Persian
  romanises otherwise (Muhammad, Husain, Murtaza), with the usual Persian romanisation.
* ``arabic-name-tokens.csv`` — Arabic-script name tokens with the English spellings seen for
  them, from the TechForPalestine palestine-datasets project (public domain; see
  ``data/ATTRIBUTION.txt``). From it we learn Latin spellings whose letter-rule skeleton
  differs from that of the Arabic-script token they were written for (Muhammad, Hussein,
  Fatima, Ibrahim) and map them to the Arabic-script skeleton.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from functools import cache, lru_cache
from importlib.resources import files

from dadkhah.names.fold import fold_text
from dadkhah.names.skeleton import arabic_rule_key, ascii_word, latin_rule_key

# Canonical title → folded spellings (Latin and Persian script). Titles are honorifics and
# lineage markers, not part of a person's name: they are kept apart and never in a key.
TITLES: dict[str, tuple[str, ...]] = {
    "seyyed": (
        "seyyed",
        "seyed",
        "sayyed",
        "sayed",
        "sayyid",
        "sayid",
        "seyyid",
        "syed",
        "سید",
        "seyyedeh",
        "seyedeh",
        "sayyida",
        "sayyidah",
        "سیده",
    ),
    "sadat": ("sadat", "saadat", "سادات"),
    "haj": (
        "haj",
        "hajj",
        "haji",
        "hajji",
        "hadj",
        "hadji",
        "hajieh",
        "hajiyeh",
        "hajiye",
        "حاج",
        "حاجی",
        "حاجیه",
    ),
    "mir": ("mir", "میر"),
    "mirza": ("mirza", "mirzah", "میرزا"),
    "sheikh": ("sheikh", "shaikh", "shaykh", "sheykh", "sheik", "shaik", "cheikh", "شیخ"),
    "mullah": ("mullah", "mulla", "molla", "mollah", "mulah", "molah", "ملا"),
    "agha": ("agha", "aqa", "aga", "اقا"),
    "khanom": ("khanom", "khanum", "khanoum", "khanoom", "خانم"),
    "karbalaei": ("karbalaei", "karbalai", "karbalayi", "کربلایی"),
    "mashhadi": ("mashhadi", "mashti", "مشهدی", "مشتی"),
    "dr": ("dr", "doctor", "دکتر"),
    "ayatollah": ("ayatollah", "ayatullah", "ayatolah", "ایتالله"),
    "hojatoleslam": ("hojatoleslam", "hojjatoleslam", "hojatolislam", "حجتالاسلام"),
}
TITLE_OF: dict[str, str] = {
    fold_text(spelling): canonical for canonical, spellings in TITLES.items() for spelling in spellings
}
# Titles that also follow a given name (Fatemeh Sadat, Ali Agha, Maryam Khanom).
INNER_TITLES = frozenset({"sadat", "agha", "khanom"})

# Surname parts written as separate words or with a hyphen (Hossein Zadeh, Rahman-Pour);
# joined to the word before them, as in the usual spelling.
SUFFIX_WORDS = frozenset(
    fold_text(w)
    for w in (
        "zadeh",
        "zade",
        "zaade",
        "zadegan",
        "pour",
        "pur",
        "poor",
        "far",
        "fard",
        "nia",
        "nejad",
        "nezhad",
        "nejhad",
        "rad",
        "zadeh",
        "زاده",
        "زادگان",
        "پور",
        "فر",
        "فرد",
        "نیا",
        "نژاد",
        "راد",
    )
)
# Skeletons of surname endings, longest first: Hosseinzadeh → stem hsin + zd.
SURNAME_AFFIX_KEYS = ("zdgn", "njd", "pur", "frd", "zd", "fr", "rd", "ni", "in", "i")
# Arabic article before a surname (al-Hashemi, el-Amin, الهاشمی written apart).
ARTICLES = frozenset({"al", "el", "ol", "ul", "ال"})
PATRONYMIC_MARKERS = frozenset({"bin", "ibn", "ben", "bint", "ebn", "بن", "ابن", "بنت"})

# Given names that begin a compound given name, and names that end one (Mohammad|reza,
# Gholam|hossein, Ali|akbar). Compounds are split only into two of these.
COMPOUND_HEADS = (
    "mohammad",
    "ali",
    "amir",
    "gholam",
    "hossein",
    "hassan",
    "mir",
    "fatemeh",
    "zahra",
)
COMPOUND_TAILS = (
    "reza",
    "ali",
    "hossein",
    "hassan",
    "mehdi",
    "javad",
    "taghi",
    "naghi",
    "bagher",
    "sadegh",
    "kazem",
    "akbar",
    "asghar",
    "karim",
    "rahim",
    "hadi",
    "mohsen",
    "abbas",
    "ahmad",
    "jafar",
    "hamid",
    "majid",
    "saeed",
    "mahmoud",
    "ebrahim",
    "esmaeil",
    "yousef",
    "ghasem",
    "hashem",
    "amin",
    "masoud",
    "naser",
    "mohammad",
    "sadegh",
    "ali",
    "amir",
    "hamzeh",
    "nabi",
    "baqer",
    "rasoul",
    "mousa",
    "jalal",
    "kamal",
    "sadat",
    "zahra",
    "fatemeh",
)

_LATIN_REWRITES = (
    # abd al-, abdol, abdul, abdel: one spelling, so that the vowel marker never differs.
    (re.compile(r"^abd(?:a|e|o|u|ou)l"), "abdol"),
    # abol-, abul-, abu l- (ابوال): Abolfazl, Abulqasim.
    (re.compile(r"^ab(?:o|u|ou|oo)(?:a|e|o)?l(?=[^aeiou])"), "aboul"),
    # -eddin, -oddin, -uddin, -al-din (الدین).
    (re.compile(r"(?<=[a-z])(?:a|e|o|u|ou)(?:d|l)din$"), "oldin"),
    # -ollah, -ullah, -allah (الله).
    (re.compile(r"(?<=[a-z])(?:a|e|o|u|ou)llah?$"), "ollah"),
)
_ARABIC_REWRITES = (
    (re.compile("^ابوال"), "ابول"),  # the و of ابوال is a vowel, not the consonant before ا
)


def _data_rows(name: str) -> list[list[str]]:
    text = files("dadkhah.names").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.reader(text.splitlines()))


@cache
def persian_romanisations() -> dict[str, str]:
    """Folded Persian-script token → its usual romanisation (lower case)."""
    rows = _data_rows("persian-names.csv")[1:]
    return {fold_text(fa): latin for fa, latin in rows}


@lru_cache(maxsize=200_000)
def canonical_latin(word: str) -> str:
    """``word`` (a folded Latin token) reduced to ASCII with the affix spellings unified."""
    word = ascii_word(word)
    for pattern, repl in _LATIN_REWRITES:
        word = pattern.sub(repl, word)
    return word


def _arabic_canonical(token: str) -> str:
    for pattern, repl in _ARABIC_REWRITES:
        token = pattern.sub(repl, token)
    return token


def arabic_key(token: str, *, initial: bool = True) -> str:
    """Skeleton of a folded Arabic-script token: the romanisation table first, then the rules.

    A leading article ال is dropped (الهاشمی is Hashemi) unless the token is a known name that
    merely starts with those letters (الهام, Elham).
    """
    known = persian_romanisations().get(token)
    if known is not None:
        return latin_rule_key(canonical_latin(known), initial=initial)
    if token.startswith("ال") and len(token) >= 5:
        return arabic_key(token[2:], initial=initial)
    return arabic_rule_key(_arabic_canonical(token), initial=initial)


@cache
def latin_overrides() -> dict[str, str]:
    """Latin spellings whose rule skeleton differs from the Arabic-script token they render.

    Built from the public-domain Arabic name-token table: for each single-word English spelling,
    the skeleton of the Arabic-script tokens it was written for, when at least two thirds of
    them agree and the spelling is not one of our own Persian romanisations.
    """
    ours = {canonical_latin(v) for v in persian_romanisations().values()}
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for row in _data_rows("arabic-name-tokens.csv"):
        if len(row) != 2:
            continue
        ar, en = fold_text(row[0]), fold_text(row[1])
        if not ar or not en or " " in ar or ar.startswith("ال") or not re.fullmatch(r"[a-z']+", en):
            continue
        word = canonical_latin(en)
        if word and word not in ours:
            seen[word][arabic_key(ar)] += 1
    overrides: dict[str, str] = {}
    for word, keys in seen.items():
        key, count = keys.most_common(1)[0]
        rule = latin_rule_key(word)
        if count * 3 >= 2 * sum(keys.values()) and key and key != rule and _close(key, rule):
            overrides[word] = key
    # Our own list of common Arabic- and South-Asian-style spellings of names usually
    # romanised otherwise in Persian (Muhammad, Husain, Murtaza) comes last and wins.
    for variant, usual in _data_rows("latin-variants.csv")[1:]:
        overrides[canonical_latin(variant)] = latin_rule_key(canonical_latin(usual))
    return overrides


def _close(a: str, b: str) -> bool:
    """Whether two skeletons differ only in vowel markers, th/s, dh/z or one consonant."""

    def consonants(key: str) -> str:
        return re.sub("(?<=.)[iu]", "", key.replace("th", "s").replace("dh", "z"))

    a, b = consonants(a), consonants(b)
    if a == b:
        return True
    if len(a) != len(b) or len(a) < 3:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _join_keys(left: str, right: str) -> str:
    return left + right[1:] if left and right and left[-1] == right[0] else left + right


def _medial_override(word: str) -> str | None:
    """The learned key of ``word`` inside a compound, when it does not depend on position."""
    key = latin_overrides().get(word)
    if key is not None and key[0] not in "aiu" and word[0] not in "aeiouy":
        return key
    return None


def _medial_key(word: str) -> str:
    return _medial_override(word) or latin_rule_key(word, initial=False)


@lru_cache(maxsize=200_000)
def latin_key(token: str, *, initial: bool = True) -> str:
    """Skeleton of a folded Latin token, corrected by the learned spelling table.

    A spelling not in the table may start or end with one that is (Husseini = Hussein + i,
    Gholamhussein = Gholam + Hussein).
    """
    word = canonical_latin(token)
    overrides = latin_overrides()
    if word in overrides:
        return overrides[word] if initial else _medial_key(word)
    if initial:
        for cut in range(len(word) - 1, 4, -1):
            head = overrides.get(word[:cut])
            if head is not None:
                return _join_keys(head, _medial_key(word[cut:]))
    for cut in range(3, len(word) - 4):
        tail = _medial_override(word[cut:])
        if tail is not None:
            return _join_keys(latin_rule_key(word[:cut], initial=initial), tail)
    return latin_rule_key(word, initial=initial)


@lru_cache(maxsize=200_000)
def token_key(token: str, *, initial: bool = True) -> str:
    """The cross-script skeleton of one folded token in any supported script ('' if none)."""
    if any("\u0600" <= ch <= "\u06ff" for ch in token):
        return arabic_key(token, initial=initial)
    return latin_key(token, initial=initial)


@cache
def _compound_parts() -> tuple[dict[str, str], dict[str, str]]:
    heads = {latin_key(h): h for h in COMPOUND_HEADS}
    # Inside a compound a head's final silent h is sounded: Fatemeh|zahra is ftmh + zhr.
    heads.update({latin_key(h + "0")[:-1]: h for h in COMPOUND_HEADS})
    tails = {latin_key(t, initial=False): t for t in COMPOUND_TAILS}
    return heads, tails


def split_compound(key: str) -> tuple[str, str] | None:
    """The two names a compound given-name skeleton is made of (``mhmdrz`` → Mohammad, Reza)."""
    heads, tails = _compound_parts()
    for cut in range(1, len(key)):
        head, tail = key[:cut], key[cut:]
        if head in heads:
            # A doubled letter may have collapsed at the seam (Mohammad|Davood → mhmdvud).
            for candidate in (tail, head[-1] + tail) if len(tail) >= 2 else (tail,):
                if candidate in tails and _join_keys(head, candidate) == key:
                    return heads[head], tails[candidate]
    return None


@lru_cache(maxsize=200_000)
def surname_stem(key: str) -> tuple[str, str]:
    """Split a surname skeleton into stem and affix (``hsinzd`` → ``hsin``, ``zd``)."""
    for affix in SURNAME_AFFIX_KEYS:
        stem = key[: -len(affix)]
        if key.endswith(affix) and len(stem) >= 3:
            if affix == "ni" and stem[-1] in "iu":
                continue  # Hosseini is Hossein + i, not Hosse + nia
            return stem, affix
    return key, ""
