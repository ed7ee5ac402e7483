"""Witnesses and their testimonies: survivors, relatives, former prison staff.

Each witness has a pseudonym code, protected identity details (all invented), a risk level,
protective measures and structured consent. Each testimony is a sequence of segments in the
interview's language, with an English translation segment by segment for Persian interviews.
Segments name victims, officials, prisons, wards and dates; every fact a segment supports is
returned as a structured record (violation, involvement, assertion) citing that segment, and every
victim named gets a person record whose true identity is kept in the ground truth only.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from dadkhah.demo import phrases as ph
from dadkhah.demo.dates import en_words, fa_digits, fa_words
from dadkhah.demo.materials import (
    Assertion,
    Consent,
    Involvement,
    Mention,
    Person,
    ProtectedDetails,
    Ref,
    Relative,
    Segment,
    Source,
    Testimony,
    Text,
    Violation,
    Withdrawal,
    Witness,
)
from dadkhah.demo.people import FullName, NameDrawer, TrueVictim
from dadkhah.demo.translit import SCHEMES, Clerk, NamePart, latin, persian
from dadkhah.demo.world import (
    AFFILIATIONS,
    CITIES,
    COMMISSION_MEMBERS,
    COUNTRY,
    EXILE,
    GRAVES,
    OFFICIAL,
    PRISON_BY_KEY,
    PRISONS,
    REGIONS,
    VISIT_BAN,
    en,
    fa,
)

INTERVIEWERS = (
    # key, name, organization, speaks Persian
    ("arjomand", "Leila Arjomand", "org:ngo-jaa", True),
    ("lindqvist", "Anna Lindqvist", "org:ngo-hrm", False),
    ("berger", "Thomas Berger", "org:ngo-hrm", False),
    ("moreau", "Claire Moreau", "org:ngo-jaa", False),
)
INTERPRETERS = (("farahmand", "Dariush Farahmand"), ("vafaei", "Shirin Vafaei"))
STAFF_SOURCE = "source:staff-register"
_KIN = {"male": ("father", "brother", "son", "cousin"), "female": ("mother", "sister", "daughter", "cousin")}
_SAME_SURNAME = {"father", "brother", "son", "sister", "daughter"}
# Addresses are invented: street names that exist nowhere, Ofcom's drama phone range, example.org.
_STREETS = ("Golbargsvägen", "Nilufar-Straße", "Rue des Tilleuls-Roses", "Lalehgracht", "Sarv Lane",
            "Anaristraße", "Parvanehveien", "Shaghayegh Road")  # fmt: skip


@dataclass
class Bundle:
    """Everything the testimony generator produces, for :func:`dadkhah.demo.generate`."""

    people: list[Person] = field(default_factory=list)
    witnesses: list[Witness] = field(default_factory=list)
    testimonies: list[Testimony] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    mention_victim: dict[str, str] = field(default_factory=dict)
    inconsistencies: list[dict[str, str]] = field(default_factory=list)


@dataclass
class _Draft:
    """Segments being written for one testimony, with the records they support."""

    lang: str
    source: str
    segments: list[Segment] = field(default_factory=list)

    def add(
        self, pair: ph.Pair, en_slots: dict[str, str], fa_slots: dict[str, str], mentions: list[Mention]
    ) -> str:
        text_en = pair[0].format(**en_slots)
        if self.lang == "fa":
            seg = Segment(len(self.segments) + 1, pair[1].format(**fa_slots), text_en, tuple(mentions))
        else:
            seg = Segment(len(self.segments) + 1, text_en, None, tuple(mentions))
        self.segments.append(seg)
        return f"segment {seg.index}"


class _Writer:
    def __init__(self, rng: random.Random, drawer: NameDrawer, victims: list[TrueVictim]) -> None:
        self.rng = rng
        self.drawer = drawer
        self.victims = victims
        self.by_prison: dict[str, list[TrueVictim]] = {}
        for v in victims:
            if not v.early:
                self.by_prison.setdefault(v.prison, []).append(v)
        self.out = Bundle()
        self._used: set[str] = set()
        # Protected names must not occur anywhere else in the materials, so that a search of a
        # case's raw bytes for them finds only leaks, never a namesake.
        self._taken = {v.name.latin for v in victims} | {v.name.persian for v in victims}

    def private_name(self, gender: str, surname: NamePart | None = None) -> FullName:
        for attempt in range(10_000):
            # In a large population every given name may already go with a common surname.
            name = self.drawer.full(gender, surname=surname if attempt < 50 else None)
            if name.latin not in self._taken and name.persian not in self._taken:
                self._taken |= {name.latin, name.persian}
                return name
        raise RuntimeError("no unused name left for a protected identity")  # not reachable in practice

    # -- naming -------------------------------------------------------------------------------

    def _pick_victim(self, prison: str, ward: str | None = None, *, weighted: bool = False) -> TrueVictim:
        everyone = self.by_prison.get(prison) or [v for vs in self.by_prison.values() for v in vs]
        pool = [v for v in everyone if v.id not in self._used] or everyone
        if ward:
            same = [v for v in pool if v.ward == ward]
            pool = same or pool
        if weighted:  # families who testify are those documenters already know
            v = self.rng.choices(pool, [2.718**v.visibility for v in pool])[0]
        else:
            v = self.rng.choice(pool)
        self._used.add(v.id)
        return v

    def _victim_person(
        self, v: TrueVictim, draft: _Draft, locator: str, clerk: Clerk
    ) -> tuple[str, dict[str, str], dict[str, str]]:
        """A person record for a victim as this witness names them, and the slots to name them."""
        pid = f"person:named-victim-{len(self.out.mention_victim) + 1:04d}"
        given_fa, sur_fa = persian(v.name.given, self.rng), persian(v.name.surname, self.rng)
        given_en, sur_en = latin(v.name.given, clerk), latin(v.name.surname, clerk)
        father_fa, father_en = persian(v.father, self.rng), latin(v.father, clerk)
        names: tuple[Text, ...] = (
            Text(f"{given_fa} {sur_fa}", "fa", "Arab"),
            Text(f"{given_en} {sur_en}", "en", "Latn"),
        )
        if draft.lang == "en":
            names = names[1:]
        self.out.people.append(
            Person(
                pid,
                names,
                Ref(draft.source, locator),
                ("victim",),
                v.gender,
                father_name=(Text(father_fa, "fa", "Arab"), Text(father_en, "en"))
                if draft.lang == "fa"
                else (Text(father_en, "en"),),
                nationality=(COUNTRY,),
            )
        )
        self.out.mention_victim[pid] = v.id
        he = "she" if v.gender == "female" else "he"
        en_slots = {
            "victim": f"{given_en} {sur_en}",
            "father": father_en,
            "given": given_en,
            "he": he,
            "He": he.capitalize(),
            "his": "her" if he == "she" else "his",
            "child": "daughter" if he == "she" else "son",
        }
        fa_slots = {
            "victim": f"{given_fa} {sur_fa}",
            "father": father_fa,
            "given": given_fa,
            "child": "دختر" if he == "she" else "پسر",
        }
        return pid, en_slots, fa_slots

    def _remembered(self, day: dt.date) -> tuple[dt.date, bool]:
        """Memory after thirty years: sometimes a day off, sometimes only 'around'."""
        r = self.rng.random()
        if r < 0.12:
            return day + dt.timedelta(days=self.rng.choice([-2, -1, 1, 2])), False
        if r < 0.22:
            return day, True
        return day, False

    @staticmethod
    def _date_slots(day: dt.date, approx: bool = False, precision: str = "day") -> tuple[str, str, str]:
        e, f = en_words(day, precision), fa_words(day, precision)
        iso = day.isoformat() if precision == "day" else day.isoformat()[: 7 if precision == "month" else 4]
        if approx:
            return "around " + e, "حدود " + f, iso + "~"
        return e, f, iso

    # -- records ------------------------------------------------------------------------------

    def _violation(
        self, victim: str, act: str, ref: Ref, event: str | None, date: str | None, place: str | None
    ) -> str:
        vid = f"violation:{len(self.out.violations) + 1:04d}"
        self.out.violations.append(Violation(vid, victim, act, ref, event, date, place))
        return vid

    def _involve(self, actor: str, target: str, role: str, ref: Ref, note: str | None = None) -> None:
        iid = f"involvement:t{len(self.out.involvements) + 1:03d}"
        self.out.involvements.append(Involvement(iid, actor, target, role, ref, note))


def _official_slots(key: str) -> tuple[str, str, Mention]:
    off = OFFICIAL[key]
    return off.en, off.fa, Mention("person", off.en, off.id)


def _place_mention(place_id: str, text: str) -> Mention:
    return Mention("place", text, place_id)


def generate(
    rng: random.Random,
    drawer: NameDrawer,
    victims: list[TrueVictim],
    n: int,
    out_dir: Path,
    recording_segment_s: float,
) -> Bundle:
    """``n`` witnesses (at least 8) with their testimonies, written under ``materials/``."""
    n = max(8, n)
    w = _Writer(rng, drawer, victims)
    _staff(w)
    guards = max(1, round(n * 0.1))
    workers = 1
    survivors = round(n * 0.4)
    kinds = ["survivor"] * survivors + ["former-guard"] * guards + ["cemetery-worker"] * workers
    kinds += ["relative"] * (n - len(kinds))
    # The first survivors and the first guard were at Sangdasht: they saw the suspect.
    sangdasht_survivors = max(3, round(survivors * 0.4))
    withdrawals = 0
    for i, kind in enumerate(kinds, 1):
        code = f"W-{i:04d}"
        if kind == "survivor":
            prison = (
                "sangdasht"
                if i <= sangdasht_survivors
                else rng.choices([p.key for p in PRISONS], [p.weight for p in PRISONS])[0]
            )
        elif kind == "former-guard":
            prison = "sangdasht" if i == survivors + 1 else rng.choice([p.key for p in PRISONS])
        else:
            prison = rng.choices([p.key for p in PRISONS], [p.weight for p in PRISONS])[0]
        lang = "fa" if kind in ("former-guard", "cemetery-worker") or rng.random() < 0.6 or i == 1 else "en"
        if kind == "relative" and lang == "fa" and rng.random() < 0.3:
            lang = "en"
        # Two witnesses later withdraw consent: one for publication, one for the UN mission.
        withdraw = None
        if withdrawals < 2 and kind in ("survivor", "relative") and i % 7 == 3:
            withdraw = ("public", "un-fact-finding-mission")[withdrawals]
            withdrawals += 1
        _witness(
            w,
            code,
            kind,
            prison,
            lang,
            withdraw,
            out_dir,
            recorded=(i == 1),
            recording_segment_s=recording_segment_s,
        )
    # Some witnesses gave a second statement; the later one repeats facts, one slightly differently.
    for t in list(w.out.testimonies):
        if t.recording is None and rng.random() < 0.12:
            _second_statement(w, t, out_dir)
    if not any(t.prior for t in w.out.testimonies):
        _second_statement(w, w.out.testimonies[1], out_dir)
    _write_registry(w.out, out_dir)
    return w.out


def _staff(w: _Writer) -> None:
    w.out.sources.append(
        Source(STAFF_SOURCE, "Interview staff register", "other", "org:ngo-jaa", "2023", "en")
    )
    for key, name, _org, _fa in INTERVIEWERS:
        w.out.people.append(
            Person(f"person:interviewer-{key}", (en(name),), Ref(STAFF_SOURCE), ("interviewer",))
        )
    for key, name in INTERPRETERS:
        w.out.people.append(
            Person(f"person:interpreter-{key}", (en(name),), Ref(STAFF_SOURCE), ("interpreter",))
        )


def _witness(
    w: _Writer,
    code: str,
    kind: str,
    prison_key: str,
    lang: str,
    withdraw: str | None,
    out_dir: Path,
    *,
    recorded: bool,
    recording_segment_s: float,
) -> None:
    rng = w.rng
    gender = "female" if (kind == "relative" and rng.random() < 0.55) or rng.random() < 0.1 else "male"
    if kind in ("former-guard", "cemetery-worker"):
        gender = "male"
    born = rng.randint(1955, 1966) if kind != "relative" else rng.randint(1940, 1980)
    city_key = rng.choice(list(EXILE))
    city, cc = EXILE[city_key][0], EXILE[city_key][1]
    date = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    interviewer = rng.choice(INTERVIEWERS)
    interpreter = None
    if lang == "fa" and not interviewer[3]:
        interpreter = f"person:interpreter-{rng.choice(INTERPRETERS)[0]}"
    tid = f"T-{len(w.out.testimonies) + 1:04d}"
    source = f"source:testimony-{tid}"
    draft = _Draft(lang, source)
    person_id = f"person:witness-{code.lower()}"
    relatives_victim: TrueVictim | None = None
    relation: str | None = None
    if kind == "survivor":
        _survivor(w, draft, person_id, prison_key)
    elif kind == "relative":
        relation = rng.choice(ph.RELATIONS_BY_GENDER[gender])
        relatives_victim = _relative(w, draft, prison_key, relation)
    elif kind == "former-guard":
        _guard(w, draft, prison_key)
    else:
        _worker(w, draft, prison_key)
    segments = draft.segments
    recording = transcript = None
    if recorded:
        segments = [
            Segment(
                s.index,
                s.text,
                s.translation,
                s.mentions,
                round((s.index - 1) * recording_segment_s, 1),
                round(s.index * recording_segment_s, 1),
            )
            for s in segments
        ]
        recording, transcript = f"evidence:recording-{tid}", f"evidence:transcript-{tid}"
    rel_path = f"materials/testimonies/{tid}.json"
    testimony = Testimony(
        tid,
        source,
        code,
        date.isoformat(),
        f"place:{city_key}",
        lang,
        (f"person:interviewer-{interviewer[0]}",),
        interpreter,
        tuple(segments),
        rel_path,
        recording,
        transcript,
    )
    w.out.testimonies.append(testimony)
    w.out.sources.append(
        Source(
            source, f"Interview with {code}", "interview", interviewer[2], date.isoformat(), lang, rel_path
        )
    )
    _write_testimony(testimony, out_dir)

    # Identity and protection.
    # Siblings and children share the victim's surname; spouses keep their own.
    shares = relation is not None and ph.RELATIONS[relation][2]
    surname = relatives_victim.name.surname if relatives_victim and shares else None
    real = w.private_name(gender, surname)
    phone = f"+44 7700 900{rng.randrange(1000):03d}"  # Ofcom's range reserved for drama
    email = f"{real.given.canon.lower()}.{rng.randrange(100, 999)}@example.org"
    location = f"{rng.choice(_STREETS)} {rng.randint(2, 140)}, {city}"
    relatives = []
    for _ in range(rng.randint(1, 3)):
        rel_gender = rng.choice(["male", "female"])
        kin = rng.choice(_KIN[rel_gender])
        rname = w.private_name(rel_gender, real.surname if kin in _SAME_SURNAME else None)
        where = city if rng.random() < 0.5 else f"{CITIES[rng.choice(list(CITIES))][0]}, Amarestan"
        relatives.append(Relative((fa(rname.persian), en(rname.latin)), kin, where))
    inside = any("Amarestan" in r.location for r in relatives)
    risk = "high" if kind in ("former-guard", "cemetery-worker") else ("medium" if inside else "low")
    measures = ["pseudonym"]
    if recorded:
        measures.append("voice distortion in any copy of the recording")
    if risk != "low":
        measures.append("no contact except through the interviewing organisation")
    if risk == "high":
        measures.append("relocation assistance")
    uses = list(("investigation", "prosecution", "un-submission", "publication"))
    refuses_publication = rng.random() < 0.3 or kind == "former-guard"
    if refuses_publication and withdraw != "public":  # one cannot withdraw what was never given
        uses.remove("publication")
    if rng.random() < 0.08:
        uses.remove("prosecution")
    recipients = [
        r
        for u, r in (
            ("prosecution", "national-war-crimes-unit"),
            ("un-submission", "un-fact-finding-mission"),
            ("publication", "public"),
        )
        if u in uses
    ]
    withdrawals: tuple[Withdrawal, ...] = ()
    if withdraw:
        target = withdraw if withdraw in recipients else recipients[-1]
        when = date + dt.timedelta(days=rng.randint(200, 700))
        withdrawals = (
            Withdrawal(
                target, when.isoformat(), "Relatives inside the country were questioned about the witness."
            ),
        )
    consent = Consent(tuple(uses), tuple(recipients), date.isoformat(), withdrawals)
    w.out.people.append(
        Person(
            person_id,
            (en(code),),
            Ref(source),
            ("witness",),
            gender,
            str(born),
            nationality=(COUNTRY, cc),
            sensitivity="internal",
        )
    )
    w.out.witnesses.append(
        Witness(
            code,
            person_id,
            kind,
            gender,
            born,
            (lang,) if lang == "fa" else ("en", "fa"),
            risk,
            tuple(measures),
            ProtectedDetails((fa(real.persian), en(real.latin)), (phone, email), location, tuple(relatives)),
            consent,
            PRISON_BY_KEY[prison_key].place,
            cc,
        )
    )


# -- the four kinds of witness ----------------------------------------------------------------


def _clerk_for(w: _Writer) -> Clerk:
    return Clerk(SCHEMES[w.rng.choice(["common", "common", "simple", "anglo"])], w.rng)


def _survivor(w: _Writer, d: _Draft, person_id: str, key: str) -> None:
    rng, p = w.rng, PRISON_BY_KEY[key]
    clerk = _clerk_for(w)
    ward = rng.choice(p.wards)
    arrest = dt.date(1981, 6, 20) + dt.timedelta(days=rng.randrange(900))
    aff = rng.choice(list(AFFILIATIONS))
    home = rng.choice(list(CITIES))
    transfer = arrest + dt.timedelta(days=rng.randrange(120, 500))
    years = rng.choice([5, 8, 10, 15])
    loc = d.add(
        ph.SURVIVOR_ARREST,
        {
            "arrest": en_words(arrest, "month"),
            "home": CITIES[home][0],
            "org": AFFILIATIONS[aff][0],
            "years": str(years),
            "transfer": en_words(transfer, "year"),
            "prison": p.en,
        },
        {
            "arrest": fa_words(arrest, "month"),
            "home": CITIES[home][1],
            "org": AFFILIATIONS[aff][1],
            "years": fa_digits(years),
            "transfer": fa_words(transfer, "year"),
            "prison": p.fa,
        },
        [
            Mention("date", en_words(arrest, "month"), arrest.isoformat()[:7]),
            _place_mention(f"place:{home}", CITIES[home][0]),
            _place_mention(p.place, p.en),
            Mention("organization", AFFILIATIONS[aff][0], f"org:{aff}"),
        ],
    )
    release = dt.date(1989, 1, 1) + dt.timedelta(days=rng.randrange(1500))
    w._violation(
        person_id,
        "arbitrary_detention",
        Ref(d.source, loc),
        None,
        f"{arrest.isoformat()[:7]}/{release.isoformat()[:7]}",
        p.place,
    )
    if rng.random() < 0.5:
        loc = d.add(ph.SURVIVOR_TORTURE, {"prison": p.en}, {"prison": p.fa}, [_place_mention(p.place, p.en)])
        w._violation(person_id, "torture", Ref(d.source, loc), None, arrest.isoformat()[:4], p.place)
    e, f, iso = w._date_slots(dt.date(1988, 7, 25))
    d.add(
        ph.SURVIVOR_VISITS,
        {"ward": ward, "prison": p.en, "date": e},
        {"ward": fa_digits(ward), "prison": p.fa, "date": f},
        [
            _place_mention(f"{p.place}-ward-{ward}", f"ward {ward}"),
            Mention("event", "visits stopped", VISIT_BAN),
            Mention("date", e, iso),
        ],
    )
    members = COMMISSION_MEMBERS[p.region]
    o1, o2 = rng.sample(members, 2)
    (o1en, o1fa, m1), (o2en, o2fa, m2) = _official_slots(o1), _official_slots(o2)
    start = p.wave[0] + dt.timedelta(days=rng.randrange(3))
    e, f, iso = w._date_slots(start)
    loc = d.add(
        ph.SURVIVOR_COMMISSION,
        {"date": e, "official1": o1en, "official2": o2en},
        {"date": f, "official1": o1fa, "official2": o2fa},
        [Mention("date", e, iso), m1, m2, Mention("event", p.en, p.wave_event)],
    )
    for off in (o1, o2):
        w._involve(
            OFFICIAL[off].id,
            p.wave_event,
            "participated",
            Ref(d.source, loc),
            "witness saw them sitting on the commission",
        )
    cellmate_violations = []
    for _ in range(rng.randint(1, 3)):
        v = w._pick_victim(key, ward)
        day, approx = w._remembered(v.death)
        e, f, iso = w._date_slots(day, approx)
        loc = f"segment {len(d.segments) + 1}"
        pid, es, fs = w._victim_person(v, d, loc, clerk)
        pair = ph.SURVIVOR_CELLMATE if rng.random() < 0.7 else ph.SURVIVOR_CELLMATE_NO_FATHER
        d.add(
            pair,
            {**es, "date": e},
            {**fs, "date": f},
            [Mention("person", es["victim"], pid), Mention("date", e, iso)],
        )
        vid = w._violation(pid, "execution", Ref(d.source, loc), p.wave_event, iso, p.place)
        cellmate_violations.append((vid, pid, day, es, fs))
    if key == "sangdasht":
        vid, pid, day, es, fs = cellmate_violations[0]
        s_en, s_fa, ms = _official_slots("suspect")
        e, f, iso = w._date_slots(day)
        loc = d.add(
            ph.SURVIVOR_SUSPECT,
            {"suspect": s_en, "date": e, "victim": es["victim"]},
            {"suspect": s_fa, "date": f, "victim": fs["victim"]},
            [
                ms,
                Mention("date", e, iso),
                Mention("person", es["victim"], pid),
                _place_mention("place:sangdasht-prison-amphitheatre", "amphitheatre"),
            ],
        )
        ref = Ref(d.source, loc)
        w._involve(
            OFFICIAL["suspect"].id,
            p.wave_event,
            "participated",
            ref,
            "read out names and led condemned prisoners to the amphitheatre",
        )
        w._involve(OFFICIAL["suspect"].id, vid, "participated", ref, "took the victim to the execution site")
    else:
        d_en, d_fa, md = _official_slots(p.director)
        site = (
            ("assembly hall", "سالن اجتماعات") if key == "arzhang-central" else ("prison yard", "حیاط زندان")
        )
        loc = d.add(
            ph.SURVIVOR_DIRECTOR,
            {"director": d_en, "site": site[0]},
            {"director": d_fa, "site": site[1]},
            [md],
        )
        w._involve(OFFICIAL[p.director].id, p.wave_event, "commanded", Ref(d.source, loc))
    night = p.wave[0] + dt.timedelta(days=rng.randrange((p.wave[1] - p.wave[0]).days))
    e, f, iso = w._date_slots(night)
    count = rng.choice([12, 18, 20, 25, 30, 40])
    d.add(
        ph.SURVIVOR_TRUCKS,
        {"date": e, "count": str(count), "ward": ward},
        {"date": f, "count": fa_digits(count), "ward": fa_digits(ward)},
        [Mention("date", e, iso), _place_mention(f"{p.place}-ward-{ward}", f"ward {ward}")],
    )
    exile = release.year + rng.randint(0, 3)
    d.add(
        ph.SURVIVOR_RELEASE,
        {"date": en_words(release, "month"), "year": str(exile)},
        {"date": fa_words(release, "month"), "year": fa_digits(exile - 621)},
        [Mention("date", en_words(release, "month"), release.isoformat()[:7])],
    )


def _relative(w: _Writer, d: _Draft, key: str, relation: str) -> TrueVictim:
    rng, p = w.rng, PRISON_BY_KEY[key]
    clerk = _clerk_for(w)
    v = w._pick_victim(key, weighted=True)
    rel_en, rel_fa, _ = ph.RELATIONS[relation]
    loc = "segment 1"
    pid, es, fs = w._victim_person(v, d, loc, clerk)
    d.add(
        ph.RELATIVE_INTRO,
        {**es, "relation": rel_en, "arrest": en_words(v.arrest, "month"), "prison": p.en},
        {**fs, "relation": rel_fa, "arrest": fa_words(v.arrest, "month"), "prison": p.fa},
        [
            Mention("person", es["victim"], pid),
            _place_mention(p.place, p.en),
            Mention("date", en_words(v.arrest, "month"), v.arrest.isoformat()[:7]),
        ],
    )
    w._violation(
        pid, "arbitrary_detention", Ref(d.source, loc), None, f"{v.arrest.isoformat()[:7]}/1988", p.place
    )
    last = dt.date(1988, 7, rng.randint(10, 24))
    e, f, iso = w._date_slots(last)
    d.add(
        ph.RELATIVE_VISITS,
        {"date": e},
        {"date": f},
        [Mention("date", e, iso), Mention("event", "visits stopped", VISIT_BAN)],
    )
    notice = dt.date(1988, 11, 1) + dt.timedelta(days=rng.randrange(60))
    prosecutor = (
        f"Revolutionary Prosecutor's Office of {CITIES[p.region][0]}",
        f"دادسرای انقلاب {CITIES[p.region][1]}",
    )
    en_slots = {**es, "notice": en_words(notice, "month"), "prosecutor": prosecutor[0]}
    fa_slots = {**fs, "notice": fa_words(notice, "month"), "prosecutor": prosecutor[1]}
    mentions = [
        Mention("organization", prosecutor[0], f"org:prosecutor-{p.region}"),
        Mention("date", en_words(notice, "month"), notice.isoformat()[:7]),
    ]
    loc = f"segment {len(d.segments) + 1}"
    if v.knowledge in ("day", "month"):
        e, f, iso = w._date_slots(v.death, precision=v.knowledge)
        d.add(
            ph.RELATIVE_NOTICE_DATED,
            {**en_slots, "date": e},
            {**fa_slots, "date": f},
            [*mentions, Mention("date", e, iso)],
        )
    else:
        iso = "1988"
        d.add(ph.RELATIVE_NOTICE_UNDATED, en_slots, fa_slots, mentions)
    w._violation(pid, "execution", Ref(d.source, loc), v.event, iso, p.place)
    grave = GRAVES[p.grave]
    loc = d.add(
        ph.RELATIVE_GRAVE,
        {**es, "grave": grave[0]},
        {**fs, "grave": grave[1]},
        [_place_mention(f"place:grave-{p.grave}", grave[0])],
    )
    w._violation(pid, "enforced_disappearance", Ref(d.source, loc), p.wave_event, "1988/..", None)
    if rng.random() < 0.5:
        year = rng.randint(1990, 2012)
        d.add(
            ph.RELATIVE_HARASSMENT,
            {"grave": grave[0], "year": str(year)},
            {"grave": grave[1], "year": fa_digits(year - 621)},
            [
                _place_mention(f"place:grave-{p.grave}", grave[0]),
                Mention("organization", "Ministry of Security", "org:ministry-security"),
            ],
        )
    if rng.random() < 0.3:
        v2 = w._pick_victim(key)
        loc = f"segment {len(d.segments) + 1}"
        pid2, es2, fs2 = w._victim_person(v2, d, loc, clerk)
        d.add(
            ph.RELATIVE_NEIGHBOUR,
            {**es2, "prison": p.en},
            {**fs2, "prison": p.fa},
            [Mention("person", es2["victim"], pid2), _place_mention(p.place, p.en)],
        )
        w._violation(pid2, "execution", Ref(d.source, loc), p.wave_event, "1988", p.place)
    return v


def _guard(w: _Writer, d: _Draft, key: str) -> None:
    rng, p = w.rng, PRISON_BY_KEY[key]
    clerk = _clerk_for(w)
    post = rng.choice(list(ph.POSTS))
    start, end = rng.randint(1984, 1987), rng.randint(1989, 1993)
    d.add(
        ph.GUARD_SERVICE,
        {"post": ph.POSTS[post][0], "prison": p.en, "start": str(start), "end": str(end)},
        {
            "post": ph.POSTS[post][1],
            "prison": p.fa,
            "start": fa_digits(start - 621),
            "end": fa_digits(end - 621),
        },
        [_place_mention(p.place, p.en)],
    )
    d_en, d_fa, md = _official_slots(p.director)
    commission = REGIONS[p.region]
    loc = d.add(
        ph.GUARD_ORDER,
        {"director": d_en, "commission": commission[0]},
        {"director": d_fa, "commission": commission[1]},
        [md, Mention("organization", commission[0], f"org:commission-{p.region}")],
    )
    w._involve(OFFICIAL[p.director].id, p.wave_event, "commanded", Ref(d.source, loc))
    w._involve(f"org:commission-{p.region}", p.wave_event, "ordered", Ref(d.source, loc))
    signer = COMMISSION_MEMBERS[p.region][0]
    o_en, o_fa, mo = _official_slots(signer)
    loc = d.add(ph.GUARD_SIGNING, {"official": o_en}, {"official": o_fa}, [mo])
    w._involve(OFFICIAL[signer].id, p.wave_event, "ordered", Ref(d.source, loc), "signed the daily lists")
    if key == "sangdasht":
        s_en, s_fa, ms = _official_slots("suspect")
        loc = d.add(
            ph.GUARD_SUSPECT,
            {"suspect": s_en, "year": "1986"},
            {"suspect": s_fa, "year": fa_digits(1365)},
            [ms, _place_mention("place:sangdasht-prison-amphitheatre", "amphitheatre")],
        )
        ref = Ref(d.source, loc)
        w._involve(
            OFFICIAL["suspect"].id,
            p.wave_event,
            "participated",
            ref,
            "took prisoners from the commission to the execution site",
        )
        # The report gives March 1985 for the start of this post; this witness says 1986.
        w.out.assertions.append(
            Assertion(
                "position:suspect-1",
                "start",
                "1986",
                ref,
                "witness recollection; conflicts with the JAA report",
            )
        )
    grave = GRAVES[p.grave]
    d.add(
        ph.GUARD_TRUCKS,
        {"grave": grave[0]},
        {"grave": grave[1]},
        [_place_mention(f"place:grave-{p.grave}", grave[0])],
    )
    v = w._pick_victim(key)
    day, approx = w._remembered(v.death)
    e, f, iso = w._date_slots(day, approx)
    loc = f"segment {len(d.segments) + 1}"
    pid, es, fs = w._victim_person(v, d, loc, clerk)
    d.add(
        ph.GUARD_VICTIM,
        {**es, "date": e},
        {**fs, "date": f},
        [Mention("person", es["victim"], pid), Mention("date", e, iso)],
    )
    w._violation(pid, "execution", Ref(d.source, loc), p.wave_event, iso, p.place)


def _worker(w: _Writer, d: _Draft, key: str) -> None:
    rng, p = w.rng, PRISON_BY_KEY[key]
    clerk = _clerk_for(w)
    grave = GRAVES[p.grave]
    city = CITIES[grave[4]]
    start, end = rng.randint(1980, 1986), rng.randint(1990, 1996)
    d.add(
        ph.WORKER_SERVICE,
        {"cemetery": f"{city[0]} municipal cemetery", "start": str(start), "end": str(end)},
        {"cemetery": f"گورستان شهر {city[1]}", "start": fa_digits(start - 621), "end": fa_digits(end - 621)},
        [_place_mention(f"place:{grave[4]}-cemetery", f"{city[0]} municipal cemetery")],
    )
    month = p.wave[0] + dt.timedelta(days=10)
    d.add(
        ph.WORKER_TRENCHES,
        {"month": en_words(month, "month"), "grave": grave[0], "prison": p.en},
        {"month": fa_words(month, "month"), "grave": grave[1], "prison": p.fa},
        [
            _place_mention(f"place:grave-{p.grave}", grave[0]),
            _place_mention(p.place, p.en),
            Mention("date", en_words(month, "month"), month.isoformat()[:7]),
        ],
    )
    v = w._pick_victim(key)
    loc = f"segment {len(d.segments) + 1}"
    pid, es, fs = w._victim_person(v, d, loc, clerk)
    d.add(ph.WORKER_NAMES, es, fs, [Mention("person", es["victim"], pid)])
    w._violation(pid, "execution", Ref(d.source, loc), p.wave_event, "1988", p.place)
    d.add(
        ph.WORKER_THREAT, {}, {}, [Mention("organization", "Ministry of Security", "org:ministry-security")]
    )


def _second_statement(w: _Writer, first: Testimony, out_dir: Path) -> None:
    """A later, shorter statement: the same victims, one date remembered differently."""
    rng = w.rng
    when = dt.date.fromisoformat(first.date) + dt.timedelta(days=rng.randint(300, 900))
    tid = f"T-{len(w.out.testimonies) + 1:04d}"
    source = f"source:testimony-{tid}"
    segs: list[Segment] = []
    changed = False
    for s in first.segments:
        text, tr, mentions = s.text, s.translation, s.mentions
        date_mentions = [m for m in mentions if m.kind == "date" and len(m.ref or "") >= 10]
        people = [m for m in mentions if m.kind == "person" and m.ref and m.ref in w.out.mention_victim]
        if not changed and people and date_mentions:
            old = dt.date.fromisoformat(date_mentions[0].ref[:10])  # type: ignore[index]
            new = old + dt.timedelta(days=rng.choice([-3, -2, 2, 3]))
            text = text.replace(en_words(old), en_words(new)).replace(fa_words(old), fa_words(new))
            tr = tr.replace(en_words(old), en_words(new)) if tr else None
            mentions = tuple(
                Mention("date", en_words(new), new.isoformat()) if m is date_mentions[0] else m
                for m in mentions
            )
            w.out.inconsistencies.append(
                {
                    "testimony": tid,
                    "prior": first.id,
                    "segment": str(len(segs) + 1),
                    "prior_segment": str(s.index),
                    "prior_date": old.isoformat(),
                    "date": new.isoformat(),
                }
            )
            changed = True
        if people or s.index == 1 or rng.random() < 0.5:
            segs.append(Segment(len(segs) + 1, text, tr, mentions))
    rel_path = f"materials/testimonies/{tid}.json"
    t = Testimony(
        tid,
        source,
        first.witness,
        when.isoformat(),
        first.place,
        first.language,
        first.interviewers,
        first.interpreter,
        tuple(segs),
        rel_path,
        prior=first.id,
    )
    w.out.testimonies.append(t)
    w.out.sources.append(
        Source(
            source,
            f"Second interview with {first.witness}",
            "interview",
            next(s.publisher for s in w.out.sources if s.id == first.source),
            when.isoformat(),
            first.language,
            rel_path,
        )
    )
    _write_testimony(t, out_dir)


def _write_testimony(t: Testimony, out_dir: Path) -> None:
    doc = {
        "id": t.id,
        "witness": t.witness,
        "date": t.date,
        "place": t.place,
        "language": t.language,
        "interviewers": list(t.interviewers),
        "interpreter": t.interpreter,
        "prior": t.prior,
        "recording": t.recording,
        "transcript": t.transcript,
        "segments": [
            {
                "index": s.index,
                "text": s.text,
                "translation": s.translation,
                "start_s": s.start_s,
                "end_s": s.end_s,
            }
            for s in t.segments
        ],
    }
    path = out_dir / t.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_registry(b: Bundle, out_dir: Path) -> None:
    """The interviewing organisations' witness registry: protected by design, invented in full."""
    doc = []
    for wt in b.witnesses:
        p = wt.protected
        doc.append({
            "code": wt.code, "kind": wt.kind, "gender": wt.gender, "birth_year": wt.birth_year,
            "risk": wt.risk, "measures": list(wt.measures), "residence_country": wt.residence_country,
            "protected": {
                "real_name": {t.lang: t.value for t in p.real_name}, "contact": list(p.contact),
                "location": p.location,
                "relatives": [{"name": {t.lang: t.value for t in r.name}, "relation": r.relation,
                               "location": r.location} for r in p.relatives],
            },
            "consent": {
                "uses": list(wt.consent.uses), "recipients": list(wt.consent.recipients),
                "given": wt.consent.given,
                "withdrawals": [{"recipient": x.recipient, "date": x.date, "reason": x.reason}
                                for x in wt.consent.withdrawals],
            },
        })  # fmt: skip
    path = out_dir / "materials" / "witnesses" / "registry.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


__all__ = ["Bundle", "FullName", "generate"]
