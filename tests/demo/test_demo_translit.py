"""Generation-direction transliteration against spellings seen in real lists."""

from __future__ import annotations

import random

from dadkhah.demo import lexicon as lx
from dadkhah.demo.blocklist import fold_latin
from dadkhah.demo.translit import (
    SCHEMES,
    Clerk,
    NamePart,
    arabic_letters,
    latin,
    most_likely,
    persian,
    persian_typo,
)


def _spellings(part: NamePart, n: int = 400) -> set[str]:
    out = set()
    for seed in range(n):
        rng = random.Random(seed)
        clerk = Clerk(SCHEMES[rng.choice(list(SCHEMES))], rng)
        out.add(latin(part, clerk))
    return out


def _lex(canon: str) -> lx.Lexeme:
    return next(
        x
        for g in (lx.MALE, lx.FEMALE, lx.SURNAMES, lx.SURNAME_STEMS, lx.SURNAME_SUFFIXES, lx.COMPOUND_ONLY)
        for x in g
        if x.canon == canon
    )


def test_each_scheme_renders_as_its_practice_does() -> None:
    assert most_likely("hos:Yni", "common") == "hosseini"
    assert most_likely("mahmud", "common") == "mahmoud"
    assert most_likely("fAtemE", "common") == "fatemeh"
    # BGN/PCGN-like: ق as q, ey for the diphthong, long u as u, ain kept as an apostrophe.
    assert most_likely("sAdeqi", "bgn") == "sadeqi"
    assert most_likely("hos:Yni", "bgn", double=False) == "hoseyni"
    assert most_likely("mas'ud", "bgn") == "mas'ud"
    assert most_likely("'ali", "bgn") == "ali"  # but never at the start of a word
    assert most_likely("biJan", "bgn") == "bizhan"
    # Passport style: final -e, gh for ق.
    assert most_likely("fAtemE", "simple", double=False) == "fateme"
    assert most_likely("sAdeqi", "simple") == "sadeghi"
    # English/Arabic-influenced: oo for long u, final -a.
    assert most_likely("mahmud", "anglo") == "mahmood"
    assert most_likely("fAtemE", "anglo") == "fatema"
    assert most_likely("sa'id", "anglo") == "saeid"


def test_known_variants_of_common_names_are_produced() -> None:
    hosseini = {s.casefold() for s in _spellings(NamePart((_lex("Hosseini"),)))}
    assert {"hosseini", "hoseini", "hosseyni", "hoseyni", "husseini"} <= hosseini
    mahmoud = {s.casefold() for s in _spellings(NamePart((_lex("Mahmoud"),)))}
    assert {"mahmoud", "mahmud", "mahmood"} <= mahmoud
    sadeghi = {s.casefold() for s in _spellings(NamePart((_lex("Sadeghi"),)))}
    assert {"sadeghi", "sadeqi"} <= sadeghi
    fatemeh = {s.casefold() for s in _spellings(NamePart((_lex("Fatemeh"),)))}
    assert {"fatemeh", "fateme", "fatema"} <= fatemeh


def test_compound_and_affixed_names_join_split_and_hyphenate() -> None:
    mr = NamePart((_lex("Mohammad"), _lex("Reza")), "compound", "محمدرضا")
    assert mr.canon == "Mohammadreza" and mr.fa == "محمدرضا"
    spellings = _spellings(mr)
    assert {"Mohammadreza", "Mohammad Reza", "Mohammad-Reza", "Mohamadreza"} <= spellings
    hz = NamePart((_lex("Hassan"), _lex("zadeh")), "affixed")
    assert hz.canon == "Hassanzadeh"
    assert hz.fa == "حسن\u200cزاده"  # ZWNJ after a joining letter
    assert NamePart((_lex("Reza"), _lex("zadeh")), "affixed").fa == "رضازاده"  # none after ا
    spellings = _spellings(hz)
    assert {"Hassanzadeh", "Hasanzade", "Hassan-Zadeh"} <= spellings
    forms = {persian(hz, random.Random(s)) for s in range(200)}
    assert forms == {"حسن\u200cزاده", "حسن زاده", "حسنزاده"}


def test_every_variant_keeps_the_consonant_skeleton_mostly() -> None:
    """Spelling variants are variants of the same name: the skeleton rarely moves."""
    same = total = 0
    for group in (lx.MALE, lx.FEMALE, lx.SURNAMES):
        for lexeme in group:
            for s in _spellings(NamePart((lexeme,)), 40):
                total += 1
                same += fold_latin(s) == fold_latin(lexeme.canon)
    assert same / total > 0.9


def test_lexicon_is_consistent() -> None:
    everything = [x for g in (lx.MALE, lx.FEMALE, lx.SURNAMES, lx.SURNAME_STEMS, lx.COMPOUND_ONLY) for x in g]
    for x in everything:
        assert "\u064a" not in x.fa and "\u0643" not in x.fa  # Persian letters only
        assert set(x.phon) <= set("abdefghijklmnopqrstuvwxyzACEGJSWXYZ':")
        assert x.canon[0].isupper()
    for first, second, canon, _w in lx.COMPOUNDS:
        assert canon.replace("\u200c", "") == first + second


def test_arabic_keyboard_and_typos() -> None:
    assert arabic_letters("کریمی") == "كريمي"
    assert arabic_letters("کریمی", kaf=False) == "کريمي"
    rng = random.Random(3)
    typos = {persian_typo("حسینی", rng) for _ in range(50)}
    assert "حسینی" not in typos and len(typos) > 3
