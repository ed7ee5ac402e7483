"""Real people and places the fiction must never name.

The demonstration case is modelled on the 1988 prison executions in Iran, so its invented people
must not collide with the real perpetrators, officials, survivors, advocates and investigators
connected with them. Common name *tokens* are fine (Ali, Hosseini); a *full name* that folds to a
real one is not, nor is any of the distinctive surnames below. The generator re-draws any name that
:func:`is_blocked` flags, and the tests check every generated name independently.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

REAL_PEOPLE = (
    # Officials, judges, prosecutors and guards named in connection with the 1988 killings.
    "Hamid Noury", "Hamid Abbasi", "Ebrahim Raisi", "Hossein-Ali Nayyeri", "Morteza Eshraghi",
    "Mostafa Pourmohammadi", "Ruhollah Khomeini", "Ahmad Khomeini", "Hossein-Ali Montazeri",
    "Ali Khamenei", "Akbar Hashemi Rafsanjani", "Ali Akbar Hashemi Rafsanjani", "Akbar Hashemi",
    "Mohammad Mohammadi Reyshahri", "Mohammad Reyshahri", "Ali Fallahian", "Mohammad Moghiseh",
    "Mohammad Nasserian", "Ali Razini", "Esmail Shushtari", "Abdolkarim Mousavi Ardebili",
    "Mir-Hossein Mousavi", "Ali Akbar Velayati", "Asadollah Lajevardi", "Davoud Lashkari",
    "Gholamhossein Mohseni-Ejei", "Gholamhossein Mohseni Ejei", "Ali Mobasheri",
    "Mojtaba Halvaei", "Alireza Avaei", "Mohammad Khatami", "Hassan Rouhani", "Ahmad Jannati",
    "Mohammad Yazdi", "Ali Akbar Nategh-Nouri", "Mahmoud Ahmadinejad", "Sadegh Larijani",
    "Ali Larijani", "Mohammad Reza Pahlavi",
    # Survivors, relatives, advocates and investigators who documented them.
    "Iraj Mesdaghi", "Monireh Baradaran", "Mehdi Aslani", "Massoud Rajavi", "Maryam Rajavi",
    "Shadi Sadr", "Javaid Rehman", "Ahmed Shaheed", "Kaveh Moussavi", "Geoffrey Robertson",
    "Kenneth Lewis", "Reza Shemirani", "Lajevardi",
)  # fmt: skip

REAL_PEOPLE_FA = (
    "حمید نوری", "ابراهیم رئیسی", "حسینعلی نیری", "مرتضی اشراقی", "مصطفی پورمحمدی",
    "روح‌الله خمینی", "احمد خمینی", "حسینعلی منتظری", "علی خامنه‌ای", "اکبر هاشمی رفسنجانی",
    "علی‌اکبر هاشمی رفسنجانی", "محمد محمدی ری‌شهری", "محمد ری‌شهری", "علی فلاحیان",
    "محمد مقیسه", "علی رازینی", "اسماعیل شوشتری", "عبدالکریم موسوی اردبیلی", "میرحسین موسوی",
    "اسدالله لاجوردی", "داوود لشکری", "غلامحسین محسنی اژه‌ای", "ایرج مصداقی", "منیره برادران",
    "مهدی اصلانی", "مسعود رجوی", "مریم رجوی", "شادی صدر",
)  # fmt: skip

# Surnames so tied to the real events that the fiction never uses them at all.
DISTINCTIVE_SURNAMES = (
    "Khomeini", "Khamenei", "Rafsanjani", "Reyshahri", "Montazeri", "Nayyeri", "Eshraghi",
    "Pourmohammadi", "Raisi", "Lajevardi", "Fallahian", "Moghiseh", "Razini", "Shushtari",
    "Mesdaghi", "Rajavi", "Ardebili", "Velayati", "Halvaei",
)  # fmt: skip

# Real prisons, grave sites and towns of the 1988 killings; the fiction's places avoid them.
REAL_PLACES = (
    "Evin", "Gohardasht", "Gohar Dasht", "Rajaei Shahr", "Khavaran", "Qezel Hesar", "Ghezel Hesar",
    "Karaj", "Dezful", "Tehran", "Mashhad", "Tabriz", "Shiraz", "Esfahan", "Isfahan", "Ahvaz",
    "Rasht", "Zanjan", "Hamedan", "Zahedan", "Vakilabad", "Adelabad", "Lakan", "Kachooei",
)  # fmt: skip

_ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ئ": "ی", "أ": "ا"})
_FOLDS = (
    (r"[^a-z]", ""),
    (r"kh", "x"),
    (r"gh|q", "q"),
    (r"zh", "j"),
    (r"sh", "c"),
    (r"ch", "c"),
    (r"w", "v"),
    (r"[aeiouy]", ""),
    (r"(.)\1+", r"\1"),
)


@lru_cache(maxsize=65536)
def fold_latin(name: str) -> str:
    """A consonant skeleton under which the romanisations of one name coincide.

    Deliberately coarse: Noury, Nouri, Noori and Nuri all fold to ``nr``. A false alarm only
    makes the generator draw another name.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for pattern, repl in _FOLDS:
        text = re.sub(pattern, repl, text)
    return text


@lru_cache(maxsize=65536)
def fold_surname(word: str) -> str:
    """A finer, vowel-keeping fold for single surnames (Raisi, Raeesi, Raeisi coincide)."""
    text = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z]", "", text)
    for pattern, repl in (
        (r"kh", "x"),
        (r"gh|q", "q"),
        (r"zh", "j"),
        (r"w", "v"),
        (r"ou|oo|o", "u"),
        (r"ee|y", "i"),
        (r"e(?=[aiu])|(?<=[aiu])e", ""),
    ):
        text = re.sub(pattern, repl, text)
    return re.sub(r"(.)\1+", r"\1", text)


def fold_persian(name: str) -> str:
    text = name.translate(_ARABIC_TO_PERSIAN)
    return re.sub(r"[\s\u200c\u200d\-]", "", text)


_BLOCKED_LATIN = frozenset(fold_latin(n) for n in REAL_PEOPLE)
_BLOCKED_FA = frozenset(fold_persian(n) for n in REAL_PEOPLE_FA)
_BLOCKED_SURNAMES = frozenset(fold_surname(n) for n in DISTINCTIVE_SURNAMES)


@lru_cache(maxsize=65536)
def is_blocked(latin: str | None = None, persian: str | None = None) -> bool:
    """True if a full name (in either script) is a real person's or uses a distinctive surname."""
    if latin:
        if fold_latin(latin) in _BLOCKED_LATIN:
            return True
        words = re.split(r"[\s]+", latin.strip())
        if any(fold_surname(w) in _BLOCKED_SURNAMES for w in re.split(r"[\s\-]+", latin)):
            return True
        # "Surname Given" order, as some lists write it.
        if len(words) >= 2 and fold_latin(" ".join(words[1:] + words[:1])) in _BLOCKED_LATIN:
            return True
    if persian:
        if fold_persian(persian) in _BLOCKED_FA:
            return True
        words = persian.split()
        if len(words) >= 2 and fold_persian(" ".join(words[1:] + words[:1])) in _BLOCKED_FA:
            return True
    return False


def real_place(name: str) -> bool:
    """True if a place name contains the name of a real prison, grave site or city of 1988."""
    folded = fold_surname(name)
    return any(fold_surname(p) in folded for p in REAL_PLACES)
