"""The fictional world: a country, its prisons, its institutions, its officials and the events.

Nothing here is drawn at random: the world is the same for every seed, so documentation and
examples can name its places and people. Coordinates lie in open water of the Arabian Sea
(11–16° N, 61–66° E), an invented landmass, so that no map puts the fiction on a real country.
The country code ``XA`` is from ISO 3166-1's user-assigned range, which no real country uses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dadkhah.demo.materials import (
    Event,
    Involvement,
    Organization,
    Person,
    Place,
    Position,
    Presence,
    Ref,
    Source,
    Text,
)

COUNTRY = "XA"  # ISO 3166-1 alpha-2 user-assigned range (XA–XZ): never a real country
COUNTRY_ALPHA3 = "XAM"  # user-assigned alpha-3 range (XAA–XZZ)
COUNTRY_NAME = ("Amarestan", "آمارستان")

REPORT = "source:report-jaa-2019"
GAZETTE = "source:gazette-1364-1368"
PROFILES = "source:hrm-profiles-2021"
PRESS_2019 = "source:press-2019-11"
PRESS_2023 = "source:press-2023-06"


def en(value: str) -> Text:
    return Text(value, "en", "Latn")


def fa(value: str) -> Text:
    return Text(value, "fa", "Arab")


@dataclass(frozen=True)
class PrisonSpec:
    key: str
    en: str
    fa: str
    short_en: str
    short_fa: str
    city: str
    lat: float
    lon: float
    wards: tuple[str, ...]
    weight: float  # share of the campaign's victims
    grave: str  # key of the mass grave its dead were taken to
    region: str  # key of the commission's region
    wave: tuple[dt.date, dt.date]
    director: str  # key of the official

    @property
    def place(self) -> str:
        return f"place:{self.key}-prison"

    @property
    def wave_event(self) -> str:
        return f"event:wave-{self.key}"


CITIES = {
    # key: (en, fa, province, lat, lon)
    "arzhang": ("Arzhang", "ارژنگ", "arzhang", 13.6218, 63.7124),
    "sangdasht": ("Sangdasht", "سنگدشت", "arzhang", 13.7012, 63.5236),
    "sarvand": ("Sarvand", "سروند", "sarvand", 15.2107, 64.4011),
    "golmehr": ("Golmehr", "گلمهر", "sarvand", 14.8826, 65.3183),
    "tishan": ("Tishan", "تیشان", "tishan", 12.0519, 62.8544),
    "kavand": ("Kavand", "کاوند", "tishan", 11.6203, 64.1049),
}
CAPITAL = "arzhang"

PROVINCES = {
    "arzhang": ("Arzhang Province", "استان ارژنگ", 13.55, 63.65),
    "sarvand": ("Sarvand Province", "استان سروند", 15.05, 64.85),
    "tishan": ("Tishan Province", "استان تیشان", 11.85, 63.45),
}

PRISONS = (
    PrisonSpec("arzhang-central", "Arzhang Central Prison", "زندان مرکزی ارژنگ", "Arzhang Central",
               "مرکزی ارژنگ", "arzhang", 13.6342, 63.7390, ("1", "2", "3", "4"), 0.27, "lalehgun",
               "arzhang", (dt.date(1988, 7, 28), dt.date(1988, 9, 14)), "sarlak"),
    PrisonSpec("sangdasht", "Sangdasht Prison", "زندان سنگدشت", "Sangdasht", "سنگدشت",
               "sangdasht", 13.7051, 63.5012, ("3", "5", "9", "12"), 0.25, "lalehgun", "arzhang",
               (dt.date(1988, 7, 29), dt.date(1988, 9, 5)), "kalantari"),
    PrisonSpec("sarvand", "Sarvand Prison", "زندان سروند", "Sarvand", "سروند", "sarvand",
               15.2230, 64.3861, ("1", "2", "3"), 0.14, "sarvand-kilns", "sarvand",
               (dt.date(1988, 8, 1), dt.date(1988, 8, 31)), "bazgir"),
    PrisonSpec("golmehr", "Golmehr Citadel Prison", "زندان دژ گلمهر", "Golmehr", "دژ گلمهر",
               "golmehr", 14.8911, 65.3367, ("1", "2"), 0.12, "golmehr-riverbank", "sarvand",
               (dt.date(1988, 8, 4), dt.date(1988, 9, 10)), "khoshnevis"),
    PrisonSpec("tishan", "Tishan Prison", "زندان تیشان", "Tishan", "تیشان", "tishan", 12.0433,
               62.8701, ("1", "2", "3"), 0.12, "tishan-road", "tishan",
               (dt.date(1988, 8, 8), dt.date(1988, 9, 18)), "ghorbanian"),
    PrisonSpec("kavand", "Kavand Prison", "زندان کاوند", "Kavand", "کاوند", "kavand", 11.6287,
               64.1174, ("1", "2"), 0.10, "kavand-wadi", "tishan",
               (dt.date(1988, 8, 13), dt.date(1988, 9, 21)), "ashtari"),
)  # fmt: skip
PRISON_BY_PLACE = {p.place: p for p in PRISONS}
PRISON_BY_KEY = {p.key: p for p in PRISONS}

GRAVES = {
    # key: (en, fa, lat, lon, city)
    "lalehgun": ("Lalehgun field mass grave", "گورهای جمعی دشت لاله‌گون", 13.5874, 63.8016, "arzhang"),
    "sarvand-kilns": ("Sarvand brick kilns mass grave", "گورهای جمعی کوره‌پزخانه‌های سروند",
                      15.2489, 64.4532, "sarvand"),
    "golmehr-riverbank": ("Golmehr riverbank mass grave", "گور جمعی کنار رود گلمهر", 14.8654, 65.3611,
                          "golmehr"),
    "tishan-road": ("Tishan desert road mass grave", "گور جمعی جاده بیابانی تیشان", 12.0911, 62.9402,
                    "tishan"),
    "kavand-wadi": ("Kavand dry riverbed mass grave", "گور جمعی مسیل خشک کاوند", 11.6015, 64.1531,
                    "kavand"),
}  # fmt: skip

# Places of exile where interviews were held (real cities; the only real places in the demo).
EXILE = {
    "stockholm": ("Stockholm", "SE", 59.3293, 18.0686),
    "gothenburg": ("Gothenburg", "SE", 57.7089, 11.9746),
    "berlin": ("Berlin", "DE", 52.5200, 13.4050),
    "cologne": ("Cologne", "DE", 50.9375, 6.9603),
    "paris": ("Paris", "FR", 48.8566, 2.3522),
    "the-hague": ("The Hague", "NL", 52.0705, 4.3007),
    "london": ("London", "GB", 51.5072, -0.1276),
    "oslo": ("Oslo", "NO", 59.9139, 10.7522),
}

REGIONS = {
    # key: (en, fa, prisons)
    "arzhang": ("Special Commission for the Arzhang Region", "هیئت ویژه منطقه ارژنگ",
                ("arzhang-central", "sangdasht")),
    "sarvand": ("Special Commission for the Sarvand Region", "هیئت ویژه منطقه سروند",
                ("sarvand", "golmehr")),
    "tishan": ("Special Commission for the Tishan Region", "هیئت ویژه منطقه تیشان",
               ("tishan", "kavand")),
}  # fmt: skip

# Political organisations the victims supported (invented); (en, fa short, en short, weight
# by region arzhang/sarvand/tishan, phase of the campaign in which its supporters were killed).
AFFILIATIONS = {
    "sahar": ("Sahar Organisation", "سحر", "Sahar Org.", (0.55, 0.50, 0.60), "early"),
    "vanguard": ("People's Vanguard Organisation", "پیشتازان خلق", "PVO", (0.10, 0.15, 0.10), "early"),
    "workers-unity": ("Workers' Unity Party", "حزب اتحاد کارگران", "Workers' Unity",
                      (0.18, 0.12, 0.10), "late"),
    "democratic-front": ("Democratic Front of Amarestan", "جبهه دموکراتیک", "Democratic Front",
                         (0.05, 0.12, 0.05), "late"),
    "student-league": ("Free Students' League", "اتحادیه دانشجویان آزاد", "Students' League",
                       (0.05, 0.03, 0.05), "late"),
}  # fmt: skip
NO_AFFILIATION_WEIGHT = (0.07, 0.08, 0.10)
REGION_INDEX = {"arzhang": 0, "sarvand": 1, "tishan": 2}

# Documenting groups (invented): key -> (en, fa, seat).
NGOS = {
    "jaa": ("Justice Archive of Amarestan", "بنیاد بایگانی عدالت آمارستان", "paris"),
    "families": ("Committee of Families of Political Prisoners", "کمیته خانواده‌های زندانیان سیاسی",
                 "arzhang"),
    "hrm": ("Amarestan Human Rights Monitor", "دیدبان حقوق بشر آمارستان", "london"),
    "memorial": ("Summer 1367 Memorial Project", "پروژه یادمان تابستان ۶۷", "berlin"),
}  # fmt: skip

CAMPAIGN = "event:campaign-1367"
VISIT_BAN = "event:visit-ban-1367"
CAMPAIGN_DATES = (dt.date(1988, 7, 25), dt.date(1988, 9, 21))
EARLIER_EVENTS = {
    # id: (en, fa, prison key, start, end, share of victims)
    "event:arzhang-central-1366-azar": (
        "Executions at Arzhang Central Prison, Azar 1366", "اعدام‌های آذر ۱۳۶۶ در زندان مرکزی ارژنگ",
        "arzhang-central", dt.date(1987, 11, 28), dt.date(1987, 12, 12), 0.02),
    "event:sarvand-1366-bahman": (
        "Executions at Sarvand Prison, Bahman 1366", "اعدام‌های بهمن ۱۳۶۶ در زندان سروند",
        "sarvand", dt.date(1988, 1, 25), dt.date(1988, 2, 8), 0.015),
}  # fmt: skip


@dataclass(frozen=True)
class Official:
    key: str
    en: str
    fa: str
    born: int
    posts: tuple[tuple[str, str, str, str | None, str | None, str], ...]
    # (organization id, title en, title fa, start, end, source locator)

    @property
    def id(self) -> str:
        return f"person:official-{self.key}"


Post = tuple[str, str, str, str | None, str | None, str]


def _posts(*rows: Post) -> tuple[Post, ...]:
    return rows


OFFICIALS = (
    Official("sadrnia", "Fazlollah Sadrnia", "فضل‌الله صدرنیا", 1921, _posts(
        ("org:office-supreme-guide", "Supreme Guide", "رهبر عالی", "1979-02", "1989-06", "p. 11"))),
    Official("ghaffarian", "Nasrollah Ghaffarian", "نصرالله غفاریان", 1950, _posts(
        ("org:revolutionary-court-arzhang", "Religious judge", "حاکم شرع", "1981", "1990", "p. 18"),
        ("org:commission-arzhang", "Chair (religious judge)", "رئیس هیئت (حاکم شرع)", "1988-07-25",
         "1988-09", "p. 19"))),
    Official("vaziri-moghadam", "Kazem Vaziri-Moghadam", "کاظم وزیری‌مقدم", 1958, _posts(
        ("org:prosecutor-arzhang", "Deputy prosecutor-general", "معاون دادستان کل", "1985-03", "1989",
         "p. 19"),
        ("org:commission-arzhang", "Member (prosecutor)", "عضو هیئت (دادستان)", "1988-07-25", "1988-09",
         "p. 19"),
        ("org:judiciary", "Head of the Judiciary", "رئیس قوه قضاییه", "2009-08", "2019-03", "p. 52"),
        ("org:state", "President of Amarestan", "رئیس‌جمهور آمارستان", "2019-08", None, "p. 53"))),
    Official("yazdanfar", "Jalal Yazdanfar", "جلال یزدان‌فر", 1955, _posts(
        ("org:commission-arzhang", "Member (Ministry of Security representative)",
         "عضو هیئت (نماینده وزارت امنیت)", "1988-07-25", "1988-09", "p. 20"),
        ("org:ministry-justice", "Minister of Justice", "وزیر دادگستری", "2013-08", "2017-08",
         "p. 54"))),
    Official("sadrzadeh", "Manouchehr Sadrzadeh", "منوچهر صدرزاده", 1952, _posts(
        ("org:prosecutor-arzhang", "Deputy prosecutor at Sangdasht Prison", "دادیار زندان سنگدشت",
         "1984-05", "1990-02", "p. 40"))),
    Official("suspect", "Javad Mehrabanpour", "جواد مهربان‌پور", 1961, _posts(
        ("org:prosecutor-arzhang", "Assistant to the deputy prosecutor, Sangdasht Prison",
         "دستیار دادیار زندان سنگدشت", "1985-03", "1990-01", "p. 41"),
        ("org:prisons-organisation", "Deputy director", "معاون سازمان زندان‌ها", "1994-06", "2004-02",
         "p. 55"))),
    Official("tashakori", "Abolghasem Tashakori", "ابوالقاسم تشکری", 1948, _posts(
        ("org:commission-sarvand", "Chair (religious judge)", "رئیس هیئت (حاکم شرع)", "1988-07-28",
         "1988-09", "p. 24"))),
    Official("pirouzbakht", "Siamak Pirouzbakht", "سیامک پیروزبخت", 1954, _posts(
        ("org:prosecutor-sarvand", "Revolutionary prosecutor of Sarvand", "دادستان انقلاب سروند", "1983",
         "1991", "p. 24"),
        ("org:commission-sarvand", "Member (prosecutor)", "عضو هیئت (دادستان)", "1988-07-28", "1988-09",
         "p. 24"))),
    Official("delavarzadeh", "Asghar Delavarzadeh", "اصغر دلاورزاده", 1957, _posts(
        ("org:commission-sarvand", "Member (Ministry of Security representative)",
         "عضو هیئت (نماینده وزارت امنیت)", "1988-07-28", "1988-09", "p. 25"))),
    Official("sabetian", "Gholamali Sabetian", "غلامعلی ثابتیان", 1946, _posts(
        ("org:commission-tishan", "Chair (religious judge)", "رئیس هیئت (حاکم شرع)", "1988-08-03",
         "1988-09", "p. 28"))),
    Official("nikbakht", "Farhad Nikbakht", "فرهاد نیک‌بخت", 1956, _posts(
        ("org:prosecutor-tishan", "Revolutionary prosecutor of Tishan", "دادستان انقلاب تیشان", "1984",
         "1992", "p. 28"),
        ("org:commission-tishan", "Member (prosecutor)", "عضو هیئت (دادستان)", "1988-08-03", "1988-09",
         "p. 28"))),
    Official("ostovari", "Rahim Ostovari", "رحیم استواری", 1959, _posts(
        ("org:commission-tishan", "Member (Ministry of Security representative)",
         "عضو هیئت (نماینده وزارت امنیت)", "1988-08-03", "1988-09", "p. 29"))),
    Official("sarlak", "Hadi Sarlak", "هادی سرلک", 1950, _posts(
        ("org:admin-arzhang-central", "Director", "رئیس زندان", "1985", "1991", "p. 33"))),
    Official("kalantari", "Davoud Kalantari", "داوود کلانتری", 1953, _posts(
        ("org:admin-sangdasht", "Director", "رئیس زندان", "1986-02", "1990", "p. 38"))),
    Official("bazgir", "Ahmad Bazgir", "احمد بازگیر", 1951, _posts(
        ("org:admin-sarvand", "Director", "رئیس زندان", "1984", "1989", "p. 44"))),
    Official("khoshnevis", "Mansour Khoshnevis", "منصور خوشنویس", 1949, _posts(
        ("org:admin-golmehr", "Director", "رئیس زندان", "1983", "1992", "p. 46"))),
    Official("ghorbanian", "Naser Ghorbanian", "ناصر قربانیان", 1955, _posts(
        ("org:admin-tishan", "Director", "رئیس زندان", "1986", "1990", "p. 48"))),
    Official("ashtari", "Karim Ashtari", "کریم اشتری", 1952, _posts(
        ("org:admin-kavand", "Director", "رئیس زندان", "1985", "1993", "p. 49"))),
    Official("tahmasbi", "Asadollah Tahmasbi", "اسدالله طهماسبی", 1944, _posts(
        ("org:prisons-organisation", "Head", "رئیس سازمان زندان‌ها", "1984-09", "1991-05", "p. 14"))),
    Official("sepehrnia", "Mahmoud Sepehrnia", "محمود سپهرنیا", 1949, _posts(
        ("org:ministry-security", "Minister of Security", "وزیر امنیت", "1984-08", "1989-08", "p. 15"))),
    Official("zolfaghari", "Bijan Zolfaghari", "بیژن ذوالفقاری", 1962, _posts(
        ("org:admin-sangdasht", "Head of guards", "رئیس نگهبانان", "1986-06", "1991", "p. 42"))),
)  # fmt: skip
OFFICIAL = {o.key: o for o in OFFICIALS}
COMMISSION_MEMBERS = {
    "arzhang": ("ghaffarian", "vaziri-moghadam", "yazdanfar"),
    "sarvand": ("tashakori", "pirouzbakht", "delavarzadeh"),
    "tishan": ("sabetian", "nikbakht", "ostovari"),
}


def sources() -> list[Source]:
    return [
        Source(REPORT, "The Summer of 1367: Structures of Command", "report", "org:ngo-jaa", "2019-08",
               "en"),
        Source(GAZETTE, "Official Gazette of Amarestan: appointments 1364–1368", "official_record",
               "org:state", "1985/1990", "fa"),
        Source(PROFILES, "Perpetrator profiles", "report", "org:ngo-hrm", "2021-03", "en"),
        Source(PRESS_2019, "Press reports of an arrest at Stockholm Arlanda airport", "media", None,
               "2019-11-10", "sv"),
        Source(PRESS_2023, "Press reports of the President's state visit to France", "media", None,
               "2023-06-14", "fr"),
    ]  # fmt: skip


def places() -> list[Place]:
    src = Ref(REPORT, "annex A")
    out = [
        Place(
            "place:amarestan",
            "country",
            (en(COUNTRY_NAME[0]), fa(COUNTRY_NAME[1])),
            src,
            13.60,
            63.90,
            None,
            COUNTRY,
            "Invented country on an invented landmass in the Arabian Sea.",
        )
    ]
    for key, (name_en, name_fa, lat, lon) in PROVINCES.items():
        out.append(
            Place(
                f"place:province-{key}",
                "region",
                (en(name_en), fa(name_fa)),
                src,
                lat,
                lon,
                "place:amarestan",
                COUNTRY,
            )
        )
    for key, (name_en, name_fa, prov, lat, lon) in CITIES.items():
        desc = "Capital of Amarestan." if key == CAPITAL else None
        out.append(
            Place(
                f"place:{key}",
                "city",
                (en(name_en), fa(name_fa)),
                src,
                lat,
                lon,
                f"place:province-{prov}",
                COUNTRY,
                desc,
            )
        )
        out.append(
            Place(
                f"place:{key}-cemetery",
                "grave_site",
                (en(f"{name_en} municipal cemetery"), fa(f"گورستان شهر {name_fa}")),
                src,
                round(lat - 0.012, 4),
                round(lon + 0.015, 4),
                f"place:{key}",
                COUNTRY,
            )
        )
    for p in PRISONS:
        out.append(
            Place(p.place, "prison", (en(p.en), fa(p.fa)), src, p.lat, p.lon, f"place:{p.city}", COUNTRY)
        )
        for i, ward in enumerate(p.wards):
            out.append(
                Place(
                    f"{p.place}-ward-{ward}",
                    "ward",
                    (en(f"Ward {ward}, {p.en}"), fa(f"بند {ward} {p.fa}")),
                    src,
                    round(p.lat + 0.0004 * i, 4),
                    round(p.lon + 0.0003 * i, 4),
                    p.place,
                    COUNTRY,
                )
            )
    out.append(
        Place(
            "place:sangdasht-prison-amphitheatre",
            "building",
            (en("Amphitheatre, Sangdasht Prison"), fa("آمفی‌تئاتر زندان سنگدشت")),
            src,
            13.7046,
            63.5019,
            "place:sangdasht-prison",
            COUNTRY,
        )
    )
    out.append(
        Place(
            "place:arzhang-central-prison-hall",
            "building",
            (en("Assembly hall, Arzhang Central Prison"), fa("سالن اجتماعات زندان مرکزی ارژنگ")),
            src,
            13.6339,
            63.7398,
            "place:arzhang-central-prison",
            COUNTRY,
        )
    )
    for key, (name_en, name_fa, lat, lon, city) in GRAVES.items():
        out.append(
            Place(
                f"place:grave-{key}",
                "grave_site",
                (en(name_en), fa(name_fa)),
                src,
                lat,
                lon,
                f"place:{city}",
                COUNTRY,
                "Mass grave of prisoners executed in 1988.",
            )
        )
    for key, (name, cc, lat, lon) in EXILE.items():
        out.append(Place(f"place:{key}", "city", (en(name),), Ref(REPORT), lat, lon, None, cc))
    return out


def organizations() -> list[Organization]:
    src = Ref(REPORT, "annex B")
    o: list[Organization] = [
        Organization("org:state", "government", (en("State of Amarestan"), fa("دولت آمارستان")), src,
                     place="place:arzhang"),
        Organization("org:office-supreme-guide", "government",
                     (en("Office of the Supreme Guide"), fa("دفتر رهبر عالی")), src, place="place:arzhang",
                     description="Issued the decree of Tir 1367 that set up the special commissions."),
        Organization("org:judiciary", "judiciary", (en("Judiciary of Amarestan"), fa("قوه قضاییه آمارستان")),
                     src, "org:office-supreme-guide", "place:arzhang"),
        Organization("org:revolutionary-court-arzhang", "judiciary",
                     (en("Revolutionary Court of Arzhang"), fa("دادگاه انقلاب ارژنگ")), src, "org:judiciary",
                     "place:arzhang"),
        Organization("org:ministry-security", "ministry", (en("Ministry of Security"), fa("وزارت امنیت")),
                     src, "org:state", "place:arzhang"),
        Organization("org:ministry-justice", "ministry", (en("Ministry of Justice"), fa("وزارت دادگستری")),
                     src, "org:state", "place:arzhang"),
        Organization("org:prisons-organisation", "prison_administration",
                     (en("State Prisons Organisation"), fa("سازمان زندان‌های کشور")), src, "org:judiciary",
                     "place:arzhang"),
    ]  # fmt: skip
    for key in REGIONS:
        city_en, city_fa = CITIES[key][0], CITIES[key][1]
        o.append(
            Organization(
                f"org:prosecutor-{key}",
                "judiciary",
                (en(f"Revolutionary Prosecutor's Office of {city_en}"), fa(f"دادسرای انقلاب {city_fa}")),
                src,
                "org:judiciary",
                f"place:{key}",
            )
        )
    for key, (name_en, name_fa, prisons) in REGIONS.items():
        o.append(
            Organization(
                f"org:commission-{key}",
                "commission",
                (en(name_en), fa(name_fa)),
                src,
                "org:office-supreme-guide",
                f"place:{key}",
                "Three-member 'special commission' that decided prisoners' fate in "
                f"{', '.join(PRISON_BY_KEY[k].en for k in prisons)}.",
            )
        )
    for p in PRISONS:
        o.append(
            Organization(
                f"org:admin-{p.key}",
                "prison_administration",
                (en(f"Administration of {p.en}"), fa(f"اداره {p.fa}")),
                src,
                "org:prisons-organisation",
                p.place,
            )
        )
    for key, (name_en, name_fa, *_rest) in AFFILIATIONS.items():
        o.append(
            Organization(
                f"org:{key}",
                "political",
                (en(name_en), fa(name_fa)),
                src,
                description="Opposition organisation (invented).",
            )
        )
    for key, (name_en, name_fa, seat) in NGOS.items():
        o.append(
            Organization(
                f"org:ngo-{key}",
                "ngo",
                (en(name_en), fa(name_fa)),
                Ref(REPORT),
                place=f"place:{seat}",
                description="Documenting group (invented).",
            )
        )
    return o


POSITION_KIND = {
    "Supreme Guide": "head_of_state",
    "President of Amarestan": "head_of_government",
    "Head of the Judiciary": "other_official",
    "Religious judge": "judge",
    "Deputy prosecutor-general": "prosecutor",
    "Deputy prosecutor at Sangdasht Prison": "prosecutor",
    "Revolutionary prosecutor of Sarvand": "prosecutor",
    "Revolutionary prosecutor of Tishan": "prosecutor",
    "Assistant to the deputy prosecutor, Sangdasht Prison": "prison_official",
    "Deputy director": "prison_official",
    "Director": "prison_official",
    "Head": "prison_official",
    "Head of guards": "guard",
    "Minister of Security": "minister",
    "Minister of Justice": "minister",
}


def _position_kind(title: str) -> str:
    if title.startswith(("Chair", "Member")):
        return "commission_member"
    return POSITION_KIND[title]


def officials() -> tuple[list[Person], list[Position]]:
    people, positions = [], []
    for off in OFFICIALS:
        people.append(
            Person(
                off.id,
                (en(off.en), fa(off.fa)),
                Ref(REPORT, "annex C"),
                ("official",),
                "male",
                str(off.born),
                nationality=(COUNTRY,),
            )
        )
        for i, (org, t_en, t_fa, start, end, loc) in enumerate(off.posts, 1):
            source = GAZETTE if org.startswith(("org:judiciary", "org:state", "org:ministry")) else REPORT
            positions.append(
                Position(
                    f"position:{off.key}-{i}",
                    off.id,
                    org,
                    (en(t_en), fa(t_fa)),
                    start,
                    end,
                    Ref(source, loc if source == REPORT else f"appointments {start}"),
                    _position_kind(t_en),
                )
            )
    return people, positions


def presences() -> list[Presence]:
    """Where officials were found: what forum analysis needs for presence and immunity."""
    return [
        # The suspect was arrested on arrival in Sweden and has been held there since.
        Presence("presence:suspect-se", OFFICIAL["suspect"].id, "present", "SE", "2019-11-09", None,
                 Ref(PRESS_2019), "place:stockholm"),
        # A sitting head of government on a state visit.
        Presence("presence:vaziri-moghadam-fr", OFFICIAL["vaziri-moghadam"].id, "present", "FR", "2023-06-12",
                 "2023-06-14", Ref(PRESS_2023), "place:paris"),
    ]  # fmt: skip


def events() -> list[Event]:
    src = Ref(REPORT, "ch. 2")
    start, end = CAMPAIGN_DATES
    out = [
        Event(CAMPAIGN, "campaign", (en("The summer 1367 prison executions"),
              fa("اعدام‌های زندانیان سیاسی در تابستان ۱۳۶۷")), start.isoformat(), end.isoformat(),
              tuple(p.place for p in PRISONS), src,
              description="Nationwide executions of political prisoners decided by special commissions."),
        Event(VISIT_BAN, "other", (en("Suspension of family visits"), fa("قطع ملاقات خانواده‌ها")),
              "1988-07-25", "1988-11-05", tuple(p.place for p in PRISONS), Ref(REPORT, "p. 22"), CAMPAIGN),
    ]  # fmt: skip
    for p in PRISONS:
        out.append(
            Event(
                p.wave_event,
                "mass_execution",
                (en(f"Executions at {p.en}, summer 1367"), fa(f"اعدام‌های تابستان ۱۳۶۷ در {p.fa}")),
                p.wave[0].isoformat(),
                p.wave[1].isoformat(),
                (p.place,),
                Ref(REPORT, f"ch. 3, {p.en}"),
                CAMPAIGN,
            )
        )
    for eid, (name_en, name_fa, key, s, e, _share) in EARLIER_EVENTS.items():
        out.append(
            Event(
                eid,
                "mass_execution",
                (en(name_en), fa(name_fa)),
                s.isoformat(),
                e.isoformat(),
                (PRISON_BY_KEY[key].place,),
                Ref(REPORT, "ch. 1"),
            )
        )
    return out


def involvements() -> list[Involvement]:
    out: list[Involvement] = []

    def add(actor: str, target: str, role: str, locator: str, source: str = REPORT) -> None:
        out.append(Involvement(f"involvement:{len(out) + 1:03d}", actor, target, role, Ref(source, locator)))

    add("org:office-supreme-guide", CAMPAIGN, "ordered", "p. 12")
    add(OFFICIAL["sadrnia"].id, CAMPAIGN, "ordered", "p. 12")
    add("org:ministry-security", CAMPAIGN, "aided", "p. 15")
    add(OFFICIAL["sepehrnia"].id, CAMPAIGN, "aided", "p. 15")
    add(OFFICIAL["tahmasbi"].id, CAMPAIGN, "commanded", "p. 14")
    for region, (_en, _fa, prisons) in REGIONS.items():
        for key in prisons:
            p = PRISON_BY_KEY[key]
            add(f"org:commission-{region}", p.wave_event, "ordered", f"ch. 3, {p.en}")
            for member in COMMISSION_MEMBERS[region]:
                add(OFFICIAL[member].id, p.wave_event, "participated", f"ch. 3, {p.en}")
            add(f"org:admin-{key}", p.wave_event, "carried_out", f"ch. 3, {p.en}")
            add(OFFICIAL[p.director].id, p.wave_event, "commanded", f"ch. 3, {p.en}")
    add(OFFICIAL["sadrzadeh"].id, "event:wave-sangdasht", "participated", "p. 40")
    add(OFFICIAL["suspect"].id, "event:wave-sangdasht", "participated", "p. 41")
    add(OFFICIAL["zolfaghari"].id, "event:wave-sangdasht", "carried_out", "p. 42")
    return out
