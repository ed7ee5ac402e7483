"""Cross-script keys and name parsing, table-driven from common Persian and Arabic naming patterns.

The tokens are common name words (Mohammad, Hosseini, Fatemeh, Zahra); no row is a real person.
"""

import re

import pytest

from dadkhah.names import name_keys, name_query_variants, normalize_name, token_key

# Each row: spellings of one name word seen in Persian script, Arabic script and Latin
# romanisations. All spellings in a row must share one key; rows must not share keys.
WORD_VARIANTS = [
    ["محمد", "مُحَمَّد", "Mohammad", "Mohamad", "Mohammed", "Mohamed", "Muhammad", "Muhammed"],
    ["محمود", "Mahmoud", "Mahmud", "Mahmood"],
    ["حسین", "حسين", "Hossein", "Hosein", "Hoseyn", "Hussein", "Husain", "Husayn", "Hussain"],
    ["حسن", "Hassan", "Hasan"],
    ["حسینی", "حسيني", "Hosseini", "Hosseyni", "Hoseini", "Hosseiny", "Hosseinee", "Husseini"],
    ["علی", "علي", "Ali", "Aly", "'Ali"],
    ["رضا", "Reza"],
    ["فاطمه", "فاطمة", "Fatemeh", "Fateme", "Fatemah", "Fatima"],
    ["زهرا", "Zahra"],
    ["موسوی", "موسوي", "Mousavi", "Musavi", "Moosavi", "Musawi"],
    ["داوود", "Davood", "Davoud", "Davud", "Dawood"],
    ["جواد", "Javad", "Jawad"],
    ["مهدی", "Mehdi", "Mahdi"],
    ["غلامرضا", "Gholamreza", "Qolamreza", "Ghulamreza"],
    ["مسعود", "Masoud", "Masood", "Massoud", "Mas'ud", "Masʿūd"],
    ["سعید", "Saeed", "Saeid", "Saied"],
    ["مریم", "Maryam", "Mariam"],
    ["رضایی", "رضائی", "Rezaei", "Rezaee", "Rezaie", "Rezayi"],
    ["اسماعیل", "Esmaeil", "Esmail", "Ismail"],
    ["ابراهیم", "إبراهيم", "Ebrahim", "Ibrahim", "Ebraheem"],
    ["مرتضی", "Morteza", "Murtaza", "Murtada"],
    ["مصطفی", "مصطفى", "Mostafa", "Mustafa"],
    ["عبدالله", "عبد الله", "Abdollah", "Abdullah", "Abd al-Lah", "Abdolah"],
    ["ابوالفضل", "ابو الفضل", "Abolfazl", "Abulfazl", "Abu al-Fazl", "Abol-Fazl"],
    ["روح‌الله", "روح الله", "Rouhollah", "Ruhollah", "Rouh-Allah"],
    ["نصرالدین", "Nasreddin", "Nasroddin", "Nasr al-Din", "Nasr-ed-Din"],
    ["حسین‌زاده", "حسین زاده", "Hosseinzadeh", "Hossein-Zadeh", "Hossein Zadeh", "Hoseinzade"],
    ["رحمانپور", "رحمان‌پور", "Rahmanpour", "Rahmanpur", "Rahman-Pour", "Rahmanpoor"],
    ["یوسف", "Yousef", "Yusuf", "Yousof"],
    ["داریوش", "Dariush", "Daryoush", "Dariyoush"],
    ["زینب", "Zeinab", "Zaynab", "Zainab"],
    ["معصومه", "Masoumeh", "Masumeh", "Ma'sumeh"],
    ["رقیه", "Roghayeh", "Roqayyeh", "Roghaieh"],
    ["حیدری", "Heydari", "Heidari", "Haidari"],
    ["قاسمی", "Ghasemi", "Qasemi"],
    ["کاظم", "Kazem", "Kazim", "Kadhim"],
    ["توکلی", "Tavakoli", "Tavakkoli"],
    ["خسرو", "Khosrow"],
    ["کوروش", "Kourosh", "Kurosh", "Koorosh"],
    ["منیژه", "Manizheh", "Manijeh"],
    ["هاشمی", "الهاشمی", "Hashemi", "al-Hashemi", "el-Hashemi", "Hashimi"],
    ["عبدالکریم", "عبد الکریم", "Abdolkarim", "Abdulkarim", "Abd al-Karim", "Abdel Karim"],
]


@pytest.mark.parametrize("row", WORD_VARIANTS, ids=lambda row: str(row[1 if len(row) < 3 else 2]))
def test_every_spelling_of_a_word_has_one_key(row: list[str]) -> None:
    keys = {s: tuple(normalize_name(s, part="surname").keys) for s in row}
    assert len(set(keys.values())) == 1, keys


def test_different_names_have_different_keys() -> None:
    first_keys = [tuple(normalize_name(row[0], part="surname").keys) for row in WORD_VARIANTS]
    assert len(set(first_keys)) == len(first_keys)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("محمد", "محمود"),  # Mohammad is not Mahmoud
        ("حسین", "حسن"),  # Hossein is not Hassan
        ("Hosseini", "Hassani"),
        ("Zahra", "Zohre"),  # not told apart by a skeleton: a known limit
    ],
)
def test_close_names(a: str, b: str) -> None:
    expected_equal = {"Zahra"} == {a}
    assert (token_key(normalize_name(a).text) == token_key(normalize_name(b).text)) is expected_equal


FULL_NAME_VARIANTS = [
    [
        "Mohammad Reza Hosseini",
        "Mohammadreza Hosseini",
        "Mohammad-Reza Hosseini",
        "محمدرضا حسینی",
        "محمد رضا حسینی",
        "محمد‌رضا حسيني",
        "Mohamad Reza Hoseyni, son of Ali",
        "Seyyed Mohammad Reza Hosseini",
        "سید محمدرضا حسینی فرزند علی",
        "Hosseini, Mohammadreza",
        "MOHAMMAD REZA HOSSEINI",
    ],
    [
        "Fatemeh Zahra Karimi",
        "Fatemehzahra Karimi",
        "فاطمه‌زهرا کریمی",
        "فاطمه زهرا کریمی",
        "Fatemeh Sadat Zahra Karimi",
    ],
    [
        "Gholam Hossein Rahman Pour",
        "Gholamhossein Rahmanpour",
        "Haj Gholam-Hossein Rahman-Pour",
        "غلامحسین رحمانپور",
        "حاج غلام حسین رحمان‌پور",
    ],
    ["Ali Akbar Mousavi", "Aliakbar Musavi", "علی‌اکبر موسوی", "Mir Aliakbar Mousavi"],
]


@pytest.mark.parametrize("row", FULL_NAME_VARIANTS, ids=lambda row: row[0])
def test_every_spelling_of_a_full_name_has_the_same_keys(row: list[str]) -> None:
    parsed = {s: normalize_name(s) for s in row}
    assert len({p.keys for p in parsed.values()}) == 1, {s: p.keys for s, p in parsed.items()}
    assert len({tuple(name_keys(s)[: len(parsed[s].keys)]) for s in row}) == 1


@pytest.mark.parametrize("row", FULL_NAME_VARIANTS, ids=lambda row: row[0])
def test_every_spelling_finds_every_other(row: list[str]) -> None:
    for stored in row:
        index = set(name_keys(stored))
        for query in row:
            variants = name_query_variants(query)
            assert any(set(v) <= index for v in variants), (stored, query)


def test_search_contract_examples() -> None:
    assert name_keys("Mohammad Reza Hosseini") == ["mhmd", "rz", "hsini", "mhmdrz", "rzhsini"]
    assert name_keys("محمدرضا حسینی") == name_keys("Mohammad Reza Hosseini")
    # A partial query matches a longer stored name.
    index = set(name_keys("Seyyed Mohammad Reza Hosseini, son of Ali"))
    assert set(name_query_variants("Mohammad Hosseini")[0]) <= index
    # ... but not another person.
    assert not any(set(v) <= index for v in name_query_variants("Mahmoud Hosseini"))
    # Titles and the father's name are not searchable as the person's name.
    assert "ali" not in index and "sid" not in index
    # An unknown compound is found with and without the space.
    assert any(set(v) <= set(name_keys("Golnaz Amini")) for v in name_query_variants("Gol Naz"))
    assert any(set(v) <= set(name_keys("Gol Naz Amini")) for v in name_query_variants("Golnaz"))
    # Nothing in, nothing out.
    assert name_keys("") == [] and name_query_variants("  ,; ") == []


@pytest.mark.parametrize(
    ("text", "titles", "given", "surname", "father"),
    [
        ("Seyyed Ali Mousavi", ("seyyed",), ("ali",), ("mousavi",), None),
        ("سید علی موسوی", ("seyyed",), ("علی",), ("موسوی",), None),
        ("Haj Seyed Hassan Tehrani", ("haj", "seyyed"), ("hassan",), ("tehrani",), None),
        ("Sheikh Ahmad Ansari", ("sheikh",), ("ahmad",), ("ansari",), None),
        ("Mullah Nasreddin", ("mullah",), ("nasreddin",), (), None),
        ("Mirza Hassan Shirazi", ("mirza",), ("hassan",), ("shirazi",), None),
        ("Mir Hossein Mousavi", ("mir",), ("hossein",), ("mousavi",), None),
        ("Fatemeh Sadat Hosseini", ("sadat",), ("fatemeh",), ("hosseini",), None),
        ("Mohammadreza Karimi", (), ("mohammad", "reza"), ("karimi",), None),
        ("محمدرضا کریمی", (), ("محمد", "رضا"), ("کریمی",), None),
        ("Karimi, Mohammad Reza", (), ("mohammad", "reza"), ("karimi",), None),
        ("Zahra Ahmadi, daughter of Hassan", (), ("zahra",), ("ahmadi",), "hassan"),
        ("Ali Hosseini s/o Reza", (), ("ali",), ("hosseini",), "reza"),
        ("علی حسینی فرزند رضا", (), ("علی",), ("حسینی",), "رضا"),
        ("Ahmad bin Ali", (), ("ahmad",), (), "ali"),
        ("Reza Hossein Zadeh", (), ("reza",), ("hosseinzadeh",), None),
        ("Seyyed", (), ("seyyed",), (), None),  # a title alone is taken as the name
        ("Haji Karimi", ("haj",), ("karimi",), (), None),
    ],
)
def test_parse(text: str, titles: tuple, given: tuple, surname: tuple, father: str | None) -> None:
    name = normalize_name(text)
    assert (name.titles, name.given, name.surname, name.father) == (titles, given, surname, father)


def test_parts_given_explicitly() -> None:
    given = normalize_name("Mohammadreza", part="given")
    assert given.given == ("mohammad", "reza") and given.surname == () and given.order == "explicit"
    surname = normalize_name("Hossein Zadeh", part="surname")
    assert surname.surname == ("hosseinzadeh",) and surname.surname_stem == "hsin"
    assert surname.surname_affix == "zd"
    assert normalize_name("حسینی", part="surname").surname_stem == "hsin"


def test_latin_form_of_persian_script() -> None:
    assert normalize_name("سید محمدرضا حسینی").latin == "mohammad reza hosseini"
    assert normalize_name("ابوالفضل حسین‌زاده").latin == "abolfazl hosseinzadeh"
    # Unknown words are romanised letter by letter; short vowels cannot be known.
    assert normalize_name("جمشیدی").latin == "jmshidi"


def test_keys_are_ascii_tokens() -> None:
    for row in WORD_VARIANTS + FULL_NAME_VARIANTS:
        for s in row:
            assert all(re.fullmatch("[a-z0-9]+", k) for k in name_keys(s))
