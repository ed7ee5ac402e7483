"""Properties of the name normaliser that must hold for every input."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dadkhah.names import name_keys, name_query_variants, normalize_name

# Spellings of given names and surnames (each inner list one name), titles and father clauses.
GIVEN = [
    ["محمد", "Mohammad", "Mohamad", "Mohammed", "Muhammad"],
    ["علی", "علي", "Ali", "Aly"],
    ["فاطمه", "فاطمة", "Fatemeh", "Fateme", "Fatima"],
    ["زهرا", "Zahra"],
    ["حسین", "Hossein", "Hosein", "Hussein", "Husain"],
    ["مهدی", "Mehdi", "Mahdi"],
    ["مریم", "Maryam", "Mariam"],
    ["داوود", "Davood", "Davoud", "Dawood"],
]
# Compound given names as they occur: (first part, second part), each a list of spellings.
COMPOUNDS = [
    (["محمد", "Mohammad", "Mohamad", "Mohammed"], ["رضا", "Reza"]),
    (["محمد", "Mohammad", "Mohamad"], ["علی", "Ali"]),
    (["محمد", "Mohammad", "Muhammad"], ["حسین", "Hossein", "Hosein"]),
    (["علی", "Ali"], ["اکبر", "Akbar"]),
    (["علی", "Ali"], ["رضا", "Reza"]),
    (["غلام", "Gholam", "Qolam", "Ghulam"], ["حسین", "Hossein", "Hussein"]),
    (["امیر", "Amir"], ["حسین", "Hossein"]),
    (["فاطمه", "Fatemeh", "Fateme"], ["زهرا", "Zahra"]),
]
SURNAME = [
    ["حسینی", "حسيني", "Hosseini", "Hosseyni", "Hoseini", "Husseini"],
    ["موسوی", "Mousavi", "Musavi", "Moosavi"],
    ["رضایی", "رضائی", "Rezaei", "Rezaee", "Rezaie"],
    ["کریمی", "Karimi", "Kareemi"],
    ["حسین‌زاده", "حسین زاده", "Hosseinzadeh", "Hossein-Zadeh", "Hossein Zadeh"],
    ["هاشمی", "Hashemi", "al-Hashemi", "Hashimi"],
]
TITLES = ["", "Seyyed ", "Sayed ", "سید ", "Haj ", "حاج ", "Sheikh ", "Haj Seyed "]
FATHERS = ["", ", son of Ali", " s/o Reza", " فرزند حسن", ", daughter of Mehdi"]


@st.composite
def spelled_names(draw: st.DrawFn) -> tuple[tuple[str, ...], str]:
    """A (canonical name, one of its spellings) pair."""
    s = draw(st.sampled_from(range(len(SURNAME))))
    if draw(st.booleans()):
        first, second = draw(st.sampled_from(COMPOUNDS))
        canonical = [first[0], second[0]]
        head, tail = draw(st.sampled_from(first)), draw(st.sampled_from(second))
        same_script = head.isascii() == tail.isascii()
        joiner = draw(st.sampled_from([" ", "-", "", "\u200c"] if same_script else [" "]))
        given_spelling = head + joiner + tail
    else:
        g = draw(st.sampled_from(GIVEN))
        canonical, given_spelling = [g[0]], draw(st.sampled_from(g))
    canonical.append(SURNAME[s][0])
    spelling = (
        draw(st.sampled_from(TITLES))
        + given_spelling
        + " "
        + draw(st.sampled_from(SURNAME[s]))
        + draw(st.sampled_from(FATHERS))
    )
    if draw(st.booleans()):
        spelling = spelling.upper()
    return tuple(canonical), spelling


@given(spelled_names())
@settings(max_examples=400, deadline=None)
def test_every_spelling_maps_to_the_canonical_keys(pair: tuple[tuple[str, ...], str]) -> None:
    canonical, spelling = pair
    assert normalize_name(spelling).keys == normalize_name(" ".join(canonical)).keys


@given(spelled_names())
@settings(max_examples=200, deadline=None)
def test_every_spelling_finds_the_canonical_record(pair: tuple[tuple[str, ...], str]) -> None:
    canonical, spelling = pair
    index = set(name_keys(" ".join(canonical)))
    assert any(set(v) <= index for v in name_query_variants(spelling))


name_like_text = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(
            [w for row in GIVEN + SURNAME + [p for c in COMPOUNDS for p in c] for w in row]
            + [t.strip() for t in TITLES if t]
            + ["al", "zadeh", "پور", "bin", "son of", ",", "-", "'", "ابو", "abd", "allah", "din"]
        ),
        max_size=8,
    ).map(" ".join),
)


@given(name_like_text.map(lambda t: t.replace(",", " ")))
@example("SON:OF:0")
@example("0:BIN:0")  # a marker between punctuation is a word, as it is between spaces
@example("0:BIN:0 SON OF 0")
@example("0:SON:OF:0")
@settings(max_examples=500, deadline=None)
def test_normalize_name_is_idempotent(text: str) -> None:
    # Without a comma: "Zadeh, Ali" keeps its surname apart, but its normalised text
    # "ali zadeh" reads back as one surname-less word, as "Ali Zadeh" would.
    once = normalize_name(text)
    twice = normalize_name(once.text)
    assert twice.keys == once.keys
    assert twice.text == once.text
    assert (twice.given, twice.surname) == (once.given, once.surname)


@given(name_like_text)
@settings(max_examples=500, deadline=None)
def test_keys_are_ascii_and_every_query_variant_matches_its_own_name(text: str) -> None:
    keys = name_keys(text)
    assert all(re.fullmatch("[a-z0-9]+", k) for k in keys)
    assert len(keys) == len(set(keys))
    variants = name_query_variants(text)
    assert all(set(v) <= set(keys) for v in variants)
    assert (variants == []) == (keys == [])
