"""The fictional world: invented names only, valid coordinates, a code no country uses."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pycountry
import pytest

from dadkhah.demo import Materials
from dadkhah.demo.blocklist import DISTINCTIVE_SURNAMES, fold_surname, is_blocked, real_place
from dadkhah.demo.world import COUNTRY, COUNTRY_ALPHA3, EXILE

# Written out independently of the generator's blocklist: real people connected with the 1988
# executions in Iran or senior Iranian officials, in the spellings found in the press.
REAL = [
    "Hamid Noury",
    "Hamid Nouri",
    "Hamid Abbasi",
    "Ebrahim Raisi",
    "Ebrahim Raeisi",
    "Ebrahim Raeesi",
    "Hossein Ali Nayyeri",
    "Hosseinali Nayeri",
    "Morteza Eshraghi",
    "Morteza Eshraqi",
    "Mostafa Pourmohammadi",
    "Mostafa Pour-Mohammadi",
    "Ruhollah Khomeini",
    "Rouhollah Khomeini",
    "Hossein Ali Montazeri",
    "Hosseinali Montazeri",
    "Ali Khamenei",
    "Ali Khamenehei",
    "Akbar Hashemi Rafsanjani",
    "Akbar Hashemi",
    "Mohammad Mohammadi Reyshahri",
    "Mohammad Reyshahri",
    "Ali Fallahian",
    "Mohammad Moghiseh",
    "Mohammad Moghisseh",
    "Ali Razini",
    "Esmail Shushtari",
    "Mir Hossein Mousavi",
    "Mirhossein Mousavi",
    "Ali Akbar Velayati",
    "Asadollah Lajevardi",
    "Davoud Lashkari",
    "Gholamhossein Mohseni Ejei",
    "Mohammad Khatami",
    "Hassan Rouhani",
    "Mahmoud Ahmadinejad",
    "Ahmad Jannati",
    "Mohammad Yazdi",
    "Sadegh Larijani",
    "Ali Larijani",
    "Iraj Mesdaghi",
    "Monireh Baradaran",
    "Mehdi Aslani",
    "Massoud Rajavi",
    "Maryam Rajavi",
    "Shadi Sadr",
]


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub("[^a-z]", "", text)


REAL_PLAIN = {_plain(n) for n in REAL} | {_plain(" ".join(n.split()[1:] + n.split()[:1])) for n in REAL}


def _all_latin_names(m: Materials) -> list[str]:
    assert m.truth is not None
    truth = pd.read_csv(m.truth.victims_path)
    names = list(truth.given_latin + " " + truth.surname_latin)
    names += [t.value for p in m.people for t in p.names if t.lang == "en"]
    for w in m.witnesses:
        names += [t.value for t in w.protected.real_name if t.lang == "en"]
        names += [t.value for r in w.protected.relatives for t in r.name if t.lang == "en"]
    hrm = next(v for v in m.lists if v.id == "list:hrm")
    names += [f"{r['First name']} {r['Last name']}" for r in hrm.records()]
    return names


def test_no_generated_name_is_a_real_persons(full: Materials, small: Materials) -> None:
    for m in (full, small):
        names = _all_latin_names(m)
        assert len(names) > 100
        hits = [n for n in names if _plain(n) in REAL_PLAIN]
        assert hits == []
        assert [n for n in names if is_blocked(n)] == []
        surnames = {fold_surname(w) for n in names for w in re.split(r"[\s-]+", n)}
        assert surnames.isdisjoint({fold_surname(s) for s in DISTINCTIVE_SURNAMES})


def test_no_generated_persian_name_is_a_real_persons(full: Materials) -> None:
    assert full.truth is not None
    truth = pd.read_csv(full.truth.victims_path)
    names = list(truth.given_fa + " " + truth.surname_fa)
    names += [t.value for p in full.people for t in p.names if t.lang == "fa"]
    names += [t.value for w in full.witnesses for t in w.protected.real_name if t.lang == "fa"]
    assert [n for n in names if is_blocked(persian=n)] == []
    assert not any(re.sub(r"[\s\u200c]", "", n) in {"حمیدنوری", "ابراهیمرئیسی", "علیخامنهای"} for n in names)


@pytest.mark.parametrize(
    "name",
    [
        "Hameed Noori",
        "Noori Hamid",
        "Ebrahim Raeisi",
        "Hossein-Ali Nayeri",
        "Mostafa Pur-Mohammadi",
        "Mohammad Reyshahri",
        "Ali KHAMENEI",
    ],
)
def test_blocklist_catches_spelling_variants(name: str) -> None:
    assert is_blocked(name)


def test_blocklist_catches_persian_with_arabic_letters() -> None:
    assert is_blocked(persian="ابراهيم رئيسي")
    assert is_blocked(persian="حمید نوری")


def test_blocklist_leaves_common_names_alone() -> None:
    for name in ("Ali Hosseini", "Hamid Nazari", "Ali Nouri", "Mohammad Rezaei", "Fatemeh Karimi"):
        assert not is_blocked(name)


def test_country_code_is_not_a_real_country() -> None:
    assert pycountry.countries.get(alpha_2=COUNTRY) is None
    assert pycountry.countries.get(alpha_3=COUNTRY_ALPHA3) is None
    assert "XA" <= COUNTRY <= "XZ"  # ISO 3166-1 user-assigned range


def test_coordinates_are_valid_and_fiction_stays_in_its_region(full: Materials) -> None:
    exile = {f"place:{k}" for k in EXILE}
    kinds = {p.kind for p in full.places}
    assert kinds == {"country", "region", "city", "prison", "ward", "grave_site", "building"}
    for p in full.places:
        assert p.lat is not None and p.lon is not None, p.id
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p.id
        if p.id in exile:
            assert p.country != COUNTRY
            continue
        assert p.country == COUNTRY
        assert 11.0 <= p.lat <= 16.0 and 61.0 <= p.lon <= 66.0, p.id  # open sea: an invented land
        assert not any(real_place(t.value) for t in p.names if t.lang == "en"), p.id
    by_id = {p.id: p for p in full.places}
    for p in full.places:  # children lie near their parents (a prison within ~50 km of its city)
        if p.parent and p.kind in ("prison", "ward", "building", "grave_site"):
            parent = by_id[p.parent]
            assert abs(p.lat - parent.lat) < 0.5 and abs(p.lon - parent.lon) < 0.5, p.id


def test_dates_of_the_campaign(full: Materials) -> None:
    campaign = next(e for e in full.events if e.kind == "campaign")
    assert campaign.start == "1988-07-25" and campaign.end == "1988-09-21"  # 1367-05-03 to 1367-06-30
    waves = [e for e in full.events if e.part_of == campaign.id and e.kind == "mass_execution"]
    assert len(waves) == 6
    assert all(campaign.start <= w.start <= w.end <= campaign.end for w in waves)
    assert full.truth is not None
    truth = pd.read_csv(full.truth.victims_path)
    in_waves = truth[truth.event.str.startswith("event:wave-")]
    assert in_waves.death_date.between(campaign.start, campaign.end).all()
    assert (truth.death_date < campaign.start).sum() > 50  # the earlier, smaller events
    assert in_waves.death_date_sh.str.startswith("1367-0").all()
    assert 0.85 < (truth.gender == "male").mean() < 0.97
