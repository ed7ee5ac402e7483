"""The true victims, and invented names for everyone else (witnesses, relatives, staff)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import numpy as np

from dadkhah.demo import lexicon as lx
from dadkhah.demo.blocklist import is_blocked
from dadkhah.demo.lexicon import Lexeme
from dadkhah.demo.translit import NamePart
from dadkhah.demo.world import (
    AFFILIATIONS,
    CITIES,
    EARLIER_EVENTS,
    NO_AFFILIATION_WEIGHT,
    PRISON_BY_KEY,
    PRISONS,
    REGION_INDEX,
)

# How far news of a victim travelled: an isolated family, an ordinary one, a well-connected one (in
# exile, or known to the organisations). Documenters reach the classes unequally; within a class the
# variation is small. A latent-class structure like this is what the LCMCR model assumes.
VISIBILITY_CLASSES = (("obscure", -1.0, 0.25), ("ordinary", 0.0, 0.5), ("prominent", 1.2, 0.25))
VISIBILITY_NOISE = 0.25
KNOWLEDGE = (("day", 0.55), ("month", 0.25), ("year", 0.15), ("none", 0.05))
BURIAL = (("mass-grave", 0.55), ("cemetery", 0.10), ("unknown", 0.35))


@dataclass(frozen=True)
class FullName:
    given: NamePart
    surname: NamePart
    title: Lexeme | None = None

    @property
    def latin(self) -> str:
        return f"{self.given.canon} {self.surname.canon}"

    @property
    def persian(self) -> str:
        return f"{self.given.fa} {self.surname.fa}"


@dataclass(frozen=True)
class TrueVictim:
    id: str
    gender: str
    name: FullName
    father: NamePart
    birth: dt.date
    home_city: str  # city key
    prison: str  # prison key
    ward: str
    affiliation: str | None  # affiliation key
    arrest: dt.date
    death: dt.date
    knowledge: str  # how precisely the family was ever told the date: day | month | year | none
    event: str
    burial_kind: str  # mass-grave | cemetery | unknown
    burial: str | None  # place id
    visibility: float  # latent: how likely documenters are to have heard of this person
    visibility_class: str

    @property
    def early(self) -> bool:
        return self.event in EARLIER_EVENTS


class NameDrawer:
    """Weighted draws of Persian names, never a blocked real name."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._compounds = [(lx.BY_FA[a], lx.BY_FA[b], canon, w) for a, b, canon, w in lx.COMPOUNDS]

    def _pick(self, items: tuple[Lexeme, ...]) -> Lexeme:
        return self.rng.choices(items, [i.weight for i in items])[0]

    def given(self, gender: str, compound_rate: float = 0.25) -> NamePart:
        if gender == "female":
            return NamePart((self._pick(lx.FEMALE),))
        if self.rng.random() < compound_rate:
            a, b, canon, _ = self.rng.choices(self._compounds, [c[3] for c in self._compounds])[0]
            return NamePart((a, b), "compound", canon)
        return NamePart((self._pick(lx.MALE),))

    def surname(self) -> NamePart:
        if self.rng.random() < 0.3:
            return NamePart((self._pick(lx.SURNAME_STEMS), self._pick(lx.SURNAME_SUFFIXES)), "affixed")
        return NamePart((self._pick(lx.SURNAMES),))

    def full(self, gender: str, *, surname: NamePart | None = None) -> FullName:
        while True:
            given = self.given(gender)
            sur = surname or self.surname()
            title = None
            seyyed_rate = 0.6 if sur.canon in lx.SEYYED_SURNAMES else 0.06
            if self.rng.random() < seyyed_rate:
                title = lx.TITLES[gender]
            name = FullName(given, sur, title)
            if not is_blocked(name.latin, name.persian):
                return name


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _arrest_date(rng: random.Random) -> dt.date:
    r = rng.random()
    if r < 0.6:
        return _date_between(rng, dt.date(1981, 6, 20), dt.date(1982, 12, 31))
    if r < 0.9:
        return _date_between(rng, dt.date(1983, 1, 1), dt.date(1985, 12, 31))
    return _date_between(rng, dt.date(1986, 1, 1), dt.date(1987, 6, 30))


def _execution_days(rng: random.Random, start: dt.date, end: dt.date) -> tuple[list[dt.date], list[float]]:
    """Killing came in batches: some days many, most days none."""
    days, weights = [], []
    for k in range((end - start).days + 1):
        if rng.random() < 0.45:
            days.append(start + dt.timedelta(days=k))
            weights.append(rng.gammavariate(1.5, 1.0))
    if not days:
        days, weights = [start], [1.0]
    return days, weights


def _death_date(rng: random.Random, days: list[dt.date], weights: list[float], phase: str) -> dt.date:
    """Supporters of 'early' organisations fill the first part of a wave, 'late' the second."""
    n = len(days)
    if phase == "early":
        window = slice(0, max(1, int(n * 0.6)))
    elif phase == "late":
        window = slice(int(n * 0.45), n)
    else:
        window = slice(0, n)
    return rng.choices(days[window], weights[window])[0]


def victims(rng: random.Random, nprng: np.random.Generator, n: int, drawer: NameDrawer) -> list[TrueVictim]:
    """``n`` true victims: names, life data, and when, where and how they were killed."""
    plans: list[tuple[str, str]] = []  # (prison key, event id)
    early_total = 0
    for eid, (*_names, key, _s, _e, share) in EARLIER_EVENTS.items():
        k = round(n * share)
        plans += [(key, eid)] * k
        early_total += k
    main = n - early_total
    weights = np.array([p.weight for p in PRISONS])
    counts = nprng.multinomial(main, weights / weights.sum())
    for p, k in zip(PRISONS, counts, strict=True):
        plans += [(p.key, p.wave_event)] * int(k)
    rng.shuffle(plans)  # so that a victim's number says nothing about their prison

    schedule = {}
    for p in PRISONS:
        schedule[p.wave_event] = _execution_days(rng, *p.wave)
    for eid, (*_names, _key, s, e, _share) in EARLIER_EVENTS.items():
        schedule[eid] = _execution_days(rng, s, e)

    classes = nprng.choice(len(VISIBILITY_CLASSES), size=n, p=[c[2] for c in VISIBILITY_CLASSES])
    z = np.array([VISIBILITY_CLASSES[c][1] for c in classes]) + nprng.normal(0, VISIBILITY_NOISE, n)
    affiliations = list(AFFILIATIONS)
    seen: set[tuple[str, str, str, int]] = set()
    out: list[TrueVictim] = []
    for i, (prison_key, event) in enumerate(plans):
        prison = PRISON_BY_KEY[prison_key]
        gender = "female" if rng.random() < 0.08 else "male"
        region = REGION_INDEX[prison.region]
        aff_weights = [AFFILIATIONS[a][3][region] for a in affiliations] + [NO_AFFILIATION_WEIGHT[region]]
        aff = rng.choices([*affiliations, None], aff_weights)[0]
        phase = AFFILIATIONS[aff][4] if aff else "any"
        while True:
            name = drawer.full(gender)
            father = drawer.given("male", compound_rate=0.2)
            birth = _date_between(rng, dt.date(1945, 1, 1), dt.date(1969, 12, 31))
            if rng.random() < 0.7:  # most prisoners were in their twenties
                birth = _date_between(rng, dt.date(1956, 1, 1), dt.date(1966, 12, 31))
            ident = (name.latin, name.surname.canon, father.canon, birth.year)
            if ident not in seen:
                seen.add(ident)
                break
        arrest = _arrest_date(rng)
        days, day_weights = schedule[event]
        death = _death_date(rng, days, day_weights, phase)
        if arrest >= death:
            arrest = death - dt.timedelta(days=rng.randrange(200, 1500))
        home = prison.city if rng.random() < 0.7 else rng.choice(list(CITIES))
        burial_kind = rng.choices([b for b, _ in BURIAL], [w for _, w in BURIAL])[0]
        burial = {
            "mass-grave": f"place:grave-{prison.grave}",
            "cemetery": f"place:{home}-cemetery",
            "unknown": None,
        }[burial_kind]
        visibility = float(z[i]) + (0.3 if gender == "female" else 0.0)
        out.append(
            TrueVictim(
                id=f"V-{i + 1:05d}",
                gender=gender,
                name=name,
                father=father,
                birth=birth,
                home_city=home,
                prison=prison_key,
                ward=rng.choice(prison.wards),
                affiliation=aff,
                arrest=arrest,
                death=death,
                knowledge=rng.choices([k for k, _ in KNOWLEDGE], [w for _, w in KNOWLEDGE])[0],
                event=event,
                burial_kind=burial_kind,
                burial=burial,
                visibility=visibility,
                visibility_class=VISIBILITY_CLASSES[classes[i]][0],
            )
        )
    return out
