"""Deterministic synthetic victim lists with known truth, for tests and benchmarks.

Fictional people with Persian names drawn from common name words, written the way different
documentation groups write them: Persian script or one of many romanisations, compound given
names joined or split, titles, the father's name in its own column or as "son of", birth years
in either calendar, death dates in 1988 at varying precision, and the prison (shared by
hundreds). A share of records carry typos. Every record keeps ``person_id``, the truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import jdatetime
import pandas as pd

# (Persian script, usual romanisation, relative frequency)
MALE = [
    ("محمد", "mohammad", 40), ("علی", "ali", 30), ("حسین", "hossein", 20), ("حسن", "hassan", 15),
    ("رضا", "reza", 15), ("مهدی", "mehdi", 10), ("مجید", "majid", 8), ("جواد", "javad", 8),
    ("احمد", "ahmad", 10), ("محمود", "mahmoud", 8), ("عباس", "abbas", 7), ("مسعود", "masoud", 7),
    ("سعید", "saeed", 7), ("حمید", "hamid", 7), ("ناصر", "naser", 5), ("بهروز", "behrouz", 5),
    ("فرهاد", "farhad", 5), ("داوود", "davoud", 5), ("کاظم", "kazem", 5), ("یوسف", "yousef", 5),
    ("ابراهیم", "ebrahim", 5), ("اسماعیل", "esmaeil", 4), ("مصطفی", "mostafa", 5),
    ("مرتضی", "morteza", 5), ("مجتبی", "mojtaba", 3), ("جعفر", "jafar", 4), ("کریم", "karim", 4),
    ("رحیم", "rahim", 3), ("هادی", "hadi", 3), ("محسن", "mohsen", 4), ("امیر", "amir", 5),
    ("بیژن", "bijan", 3), ("کوروش", "kourosh", 3), ("داریوش", "dariush", 3), ("ایرج", "iraj", 3),
    ("منوچهر", "manouchehr", 2), ("پرویز", "parviz", 3), ("هوشنگ", "houshang", 2),
    ("فریدون", "fereydoun", 2), ("خسرو", "khosrow", 2), ("بهمن", "bahman", 3), ("رستم", "rostam", 2),
    ("شهرام", "shahram", 3), ("کامران", "kamran", 2), ("نادر", "nader", 2), ("منصور", "mansour", 3),
    ("وحید", "vahid", 3), ("نوید", "navid", 2), ("امید", "omid", 3), ("جمشید", "jamshid", 2),
    ("قاسم", "ghasem", 3), ("هاشم", "hashem", 2), ("صادق", "sadegh", 3), ("باقر", "bagher", 2),
    ("تقی", "taghi", 2), ("اکبر", "akbar", 3), ("اصغر", "asghar", 3), ("ابوالفضل", "abolfazl", 3),
    ("عبدالله", "abdollah", 3), ("روح‌الله", "rouhollah", 2), ("نصرالله", "nasrollah", 2),
]  # fmt: skip
FEMALE = [
    ("فاطمه", "fatemeh", 15), ("زهرا", "zahra", 12), ("مریم", "maryam", 12), ("معصومه", "masoumeh", 6),
    ("زینب", "zeinab", 5), ("طاهره", "tahereh", 4), ("اشرف", "ashraf", 4), ("اکرم", "akram", 4),
    ("پروین", "parvin", 4), ("مهری", "mehri", 3), ("شهلا", "shahla", 3), ("سیمین", "simin", 3),
    ("ناهید", "nahid", 4), ("فریده", "farideh", 3), ("منیژه", "manijeh", 3), ("نرگس", "narges", 3),
    ("شیرین", "shirin", 3), ("مینا", "mina", 3), ("فرشته", "fereshteh", 3), ("نسرین", "nasrin", 4),
    ("سودابه", "soudabeh", 2), ("سهیلا", "soheila", 2), ("ثریا", "soraya", 2), ("الهام", "elham", 2),
]  # fmt: skip
# Second parts of compound given names (Mohammad|reza, Ali|akbar, Gholam|hossein).
COMPOUNDS = [
    (("محمد", "mohammad"), ("رضا", "reza")), (("محمد", "mohammad"), ("علی", "ali")),
    (("محمد", "mohammad"), ("حسین", "hossein")), (("محمد", "mohammad"), ("جواد", "javad")),
    (("علی", "ali"), ("رضا", "reza")), (("علی", "ali"), ("اکبر", "akbar")),
    (("علی", "ali"), ("اصغر", "asghar")), (("غلام", "gholam"), ("حسین", "hossein")),
    (("غلام", "gholam"), ("رضا", "reza")), (("امیر", "amir"), ("حسین", "hossein")),
    (("فاطمه", "fatemeh"), ("زهرا", "zahra")),
]  # fmt: skip
STEMS = [
    ("حسین", "hossein"), ("محمد", "mohammad"), ("احمد", "ahmad"), ("رضا", "reza"),
    ("کریم", "karim"), ("رحیم", "rahim"), ("هاشم", "hashem"), ("قاسم", "ghasem"),
    ("صادق", "sadegh"), ("حیدر", "heydar"), ("صالح", "saleh"), ("کاظم", "kazem"),
    ("باقر", "bagher"), ("عباس", "abbas"), ("ابراهیم", "ebrahim"), ("نادر", "nader"),
    ("نظر", "nazar"), ("اکبر", "akbar"), ("اسد", "asad"), ("یوسف", "yousef"), ("امین", "amin"),
    ("سلیمان", "soleiman"), ("نور", "nour"), ("طاهر", "taher"), ("قربان", "ghorban"),
    ("جلال", "jalal"), ("نجف", "najaf"), ("شیراز", "shiraz"), ("تهران", "tehran"),
    ("تبریز", "tabriz"), ("رستم", "rostam"), ("فرهاد", "farhad"), ("کیان", "kian"),
    ("منتظر", "montazer"), ("مراد", "morad"), ("شریف", "sharif"), ("یزدان", "yazdan"),
    ("خسرو", "khosrow"), ("بهشت", "behesht"), ("انصار", "ansar"), ("شجاع", "shoja"),
    ("غفار", "ghaffar"), ("قنبر", "ghanbar"), ("جواد", "javad"), ("اسلام", "eslam"),
    ("ملک", "malek"), ("رحمان", "rahman"), ("جعفر", "jafar"), ("کرمان", "kerman"),
    ("زنجان", "zanjan"), ("قزوین", "ghazvin"), ("همدان", "hamedan"), ("مشهد", "mashhad"),
    ("نیک", "nik"), ("پاک", "pak"), ("آزاد", "azad"), ("فتح", "fath"), ("امیر", "amir"),
    ("شهاب", "shahab"), ("افشار", "afshar"), ("بابا", "baba"), ("طالب", "taleb"),
]  # fmt: skip
AFFIXES = [("ی", "i", 10), ("زاده", "zadeh", 3), ("پور", "pour", 2), ("نژاد", "nejad", 1),
           ("فر", "far", 1), ("نیا", "nia", 1), ("", "", 2), ("آبادی", "abadi", 1),
           ("یان", "ian", 1), ("خانی", "khani", 1), ("راد", "rad", 1), ("دوست", "doust", 1)]  # fmt: skip
# Surnames also begin with a word of lineage or trade (Mirhosseini, Hajiahmadi, Pourkarimi).
PREFIXES = [("", "", 20), ("میر", "mir", 1), ("حاجی", "haji", 1), ("پور", "pour", 1),
            ("آقا", "agha", 1), ("شیخ", "sheikh", 1), ("ملا", "molla", 1)]  # fmt: skip
PRISONS = [
    ("اوین", "Evin", 35), ("گوهردشت", "Gohardasht", 30), ("دیزل‌آباد", "Dizelabad", 6),
    ("عادل‌آباد", "Adelabad", 6), ("وکیل‌آباد", "Vakilabad", 5), ("تبریز", "Tabriz", 4),
    ("قزل‌حصار", "Ghezel Hesar", 4), ("دستگرد", "Dastgerd", 3), ("سپیدار", "Sepidar", 3),
    ("لاکان", "Lakan", 2), ("ارومیه", "Urmia", 1), ("همدان", "Hamedan", 1),
]  # fmt: skip
# Ways romanisations differ (applied at random to a usual romanisation).
SPELLINGS = [
    ("ou", "u"), ("ou", "oo"), ("ei", "ey"), ("ee", "i"), ("gh", "q"), ("ss", "s"),
    ("mm", "m"), ("eh", "e"), ("ae", "a"), ("v", "w"), ("ossein", "osein"), ("ossein", "usain"),
    ("ohammad", "ohamad"), ("ohammad", "uhammad"), ("ohammad", "ohammed"), ("zadeh", "zade"),
    ("pour", "pur"), ("jeh", "zheh"), ("i", "y"), ("dj", "j"),
]  # fmt: skip
SEYYED = ["Seyyed", "Seyed", "Sayed", "Sayyid"]
SOURCES_STYLE = [  # share of records in Persian script; father's name apart; birth calendar
    {"persian": 0.85, "father_column": 0.7, "jalali": 0.9},
    {"persian": 0.10, "father_column": 0.3, "jalali": 0.2},
    {"persian": 0.50, "father_column": 0.5, "jalali": 0.6},
    {"persian": 0.30, "father_column": 0.6, "jalali": 0.4},
]
DEATHS_FROM, DEATH_DAYS = date(1988, 7, 19), 80


@dataclass(frozen=True)
class Person:
    pid: int
    given: tuple[tuple[str, str], ...]  # parts, each (Persian, Latin)
    surname: tuple[str, str]
    father: tuple[str, str]
    seyyed: bool
    birth: date
    death: date
    prison: tuple[str, str]


def _weighted(rng: random.Random, items: list[tuple[str, str, int]]) -> tuple[str, str]:
    fa, latin, _ = rng.choices(items, weights=[w for *_, w in items])[0]
    return fa, latin


def make_people(n: int, seed: int = 1367) -> list[Person]:
    """``n`` fictional people; the same ``(n, seed)`` always gives the same people."""
    rng = random.Random(seed)  # noqa: S311 — a seeded generator of fictional data, not secrets
    people = []
    for pid in range(n):
        female = rng.random() < 0.15
        if rng.random() < (0.12 if female else 0.25):
            compound = [c for c in COMPOUNDS if (c[0][1] == "fatemeh") == female]
            given: tuple[tuple[str, str], ...] = rng.choice(compound)
        else:
            given = (_weighted(rng, FEMALE if female else MALE),)
        stem = rng.choice(STEMS + [(fa, latin) for fa, latin, _ in MALE])
        affix = _weighted(rng, AFFIXES)
        prefix = _weighted(rng, PREFIXES)
        surname = (prefix[0] + stem[0] + ("\u200c" if affix[0] in ("زاده", "پور") else "") + affix[0],
                   prefix[1] + stem[1] + affix[1])  # fmt: skip
        birth = date(rng.randint(1925, 1970), 1, 1) + timedelta(days=rng.randrange(365))
        death = DEATHS_FROM + timedelta(days=int(rng.triangular(0, DEATH_DAYS, 15)))
        people.append(
            Person(
                pid,
                given,
                surname,
                _weighted(rng, MALE),
                rng.random() < 0.1,
                birth,
                death,
                _weighted(rng, PRISONS),
            )  # fmt: skip
        )
    return people


def _typo(rng: random.Random, text: str) -> str:
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:])
    kind = rng.random()
    if kind < 0.4:
        return text[:i] + text[i + 1 :]
    if kind < 0.7 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    pool = "بپتجچحخدرزسشصطعغفقکگلمنوهی" if not text.isascii() else "abdefghiklmnoprstuvz"
    return text[:i] + rng.choice(pool) + text[i + 1 :]


def _romanise(rng: random.Random, latin: str) -> str:
    for old, new in rng.sample(SPELLINGS, k=3):
        if old in latin and rng.random() < 0.5:
            latin = latin.replace(old, new, 1)
    return latin.capitalize()


def _write_given(rng: random.Random, parts: tuple[tuple[str, str], ...], persian: bool) -> str:
    if persian:
        joiner = rng.choice(["", " ", "\u200c"]) if len(parts) > 1 else ""
        return joiner.join(fa for fa, _ in parts)
    spelled = [_romanise(rng, latin) for _, latin in parts]
    if len(spelled) == 1:
        return spelled[0]
    style = rng.random()
    if style < 0.4:
        return spelled[0] + spelled[1].lower()
    return spelled[0] + ("-" if style < 0.6 else " ") + spelled[1]


def _date_text(rng: random.Random, d: date, jalali: bool, precision: str) -> str:
    if jalali:
        j = jdatetime.date.fromgregorian(date=d)
        digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹") if rng.random() < 0.5 else None
        text = {"day": f"{j.year}/{j.month:02d}/{j.day:02d}", "month": f"{j.year}/{j.month:02d}",
                "year": f"{j.year}"}[precision]  # fmt: skip
        return text.translate(digits) if digits else text
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


def _record(rng: random.Random, p: Person, style: dict[str, float], typos: float) -> dict[str, object]:
    persian = rng.random() < style["persian"]
    given = _write_given(rng, p.given, persian)
    surname = p.surname[0] if persian else _romanise(rng, p.surname[1])
    if rng.random() < typos:
        if rng.random() < 0.5:
            given = _typo(rng, given)
        else:
            surname = _typo(rng, surname)
    name = f"{given} {surname}"
    if p.seyyed and rng.random() < 0.6:
        name = ("سید " if persian else rng.choice(SEYYED) + " ") + name
    father = p.father[0] if persian else _romanise(rng, p.father[1])
    father_column: str | None = None
    roll = rng.random()
    if roll < style["father_column"]:
        father_column = father
    elif roll < style["father_column"] + 0.2:
        name += (" فرزند " if persian else ", son of ") + father
    jalali = rng.random() < style["jalali"]
    birth = None
    if rng.random() < 0.75:
        birth = _date_text(rng, p.birth, jalali, rng.choice(["year", "year", "year", "day"]))
    death = None
    if rng.random() < 0.8:
        d = p.death + timedelta(days=rng.choice([0] * 8 + [-1, 1]))  # a date misremembered
        death = _date_text(rng, d, jalali, rng.choice(["day", "day", "month", "year"]))
    prison = None
    if rng.random() < 0.8:
        prison = p.prison[0] if persian else p.prison[1] + rng.choice(["", "", " Prison"])
    return {"name": name, "father_name": father_column, "birth_year": birth, "death_date": death,
            "prison": prison, "person_id": p.pid}  # fmt: skip


def victim_lists(
    n_people: int,
    coverage: tuple[float, ...] = (0.6, 0.5, 0.35),
    *,
    duplicates: float = 0.03,
    typos: float = 0.08,
    seed: int = 1367,
) -> pd.DataFrame:
    """Lists kept by ``len(coverage)`` groups, each listing each person with that probability.

    Within a list a person appears again with probability ``duplicates``. Columns: ``source``
    (``list1`` ...), ``record_id``, ``name``, ``father_name``, ``birth_year``, ``death_date``,
    ``prison``, ``person_id`` (the truth).
    """
    rng = random.Random(seed + 1)  # noqa: S311 — reproducible fictional data
    rows = []
    for li, share in enumerate(coverage):
        style = SOURCES_STYLE[li % len(SOURCES_STYLE)]
        count = 0
        for p in make_people(n_people, seed):
            copies = (rng.random() < share) * (1 + (rng.random() < duplicates))
            for _ in range(copies):
                count += 1
                rows.append({"source": f"list{li + 1}", "record_id": f"L{li + 1}-{count:06d}",
                             **_record(rng, p, style, typos)})  # fmt: skip
    return pd.DataFrame(rows)


def dedupe_records(n_records: int, *, duplicate_share: float = 0.3, seed: int = 1988) -> pd.DataFrame:
    """``n_records`` records of one merged list, ``duplicate_share`` of them extra copies of
    someone already listed, as written by a randomly chosen group (for the scale benchmark)."""
    rng = random.Random(seed + 2)  # noqa: S311 — reproducible fictional data
    n_people = max(1, round(n_records * (1 - duplicate_share)))
    people = make_people(n_people, seed)
    chosen = list(range(n_people)) + [rng.randrange(n_people) for _ in range(n_records - n_people)]
    rows = []
    for i, pid in enumerate(chosen):
        style = SOURCES_STYLE[rng.randrange(len(SOURCES_STYLE))]
        rows.append({"source": "merged", "record_id": f"R{i + 1:07d}",
                     **_record(rng, people[pid], style, 0.08)})  # fmt: skip
    return pd.DataFrame(rows)
