"""Building the memorial site from a public snapshot of the case."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from dadkhah.errors import InputError
from dadkhah.exchange.i18n import format_date, number, vocab_label
from dadkhah.exchange.output import ExportSummary, listing, staged_folder
from dadkhah.exchange.snapshot import EntityRecord, Snapshot, read_snapshot, sort_key_date
from dadkhah.names import normalize_name, script_of

if TYPE_CHECKING:
    from dadkhah.access import Reader
    from dadkhah.case import Case

PUBLIC = "public"


@dataclass
class Happening:
    """One violation, as both languages tell it."""

    act_en: str
    act_fa: str
    date: str | None
    date_en: str
    date_fa: str
    place_en: str
    place_fa: str
    events_en: list[str]
    events_fa: list[str]
    burial_en: str
    burial_fa: str
    description: list[str]


@dataclass
class SourceNote:
    title: str
    kind: str
    locators: list[str]
    url: str | None


@dataclass
class MemorialVictim:
    id: str
    names_latin: list[str]
    names_persian: list[str]
    romanised: bool  # the Latin name is a transliteration made here, not one any source wrote
    father_latin: list[str]
    father_persian: list[str]
    birth_en: str
    birth_fa: str
    affiliation: list[str]
    happenings: list[Happening] = field(default_factory=list)
    sources: list[SourceNote] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"victims/{self.id}.html"

    @property
    def sort_key(self) -> str:
        return (self.names_latin[0] if self.names_latin else self.names_persian[0]).casefold()


def _split(values: list[str]) -> tuple[list[str], list[str]]:
    latin = [v for v in values if script_of(v) != "arabic"]
    persian = [v for v in values if script_of(v) == "arabic"]
    return latin, persian


def _romanise(persian: list[str]) -> list[str]:
    out = []
    for name in persian[:1]:
        latin = normalize_name(name).latin
        if latin:
            out.append(" ".join(w.capitalize() for w in latin.split()))
    return out


def _place(snapshot: Snapshot, place_id: str | None) -> tuple[str, str]:
    record = snapshot.get(place_id)
    if record is None:
        return "", ""
    latin, persian = _split(record.values("name"))
    en = latin[0] if latin else snapshot.caption(place_id)
    return en, persian[0] if persian else en


def _titles(snapshot: Snapshot, event_ids: list[str]) -> tuple[list[str], list[str]]:
    en, fa = [], []
    for event_id in event_ids:
        record = snapshot.get(event_id)
        if record is None:
            continue
        latin, persian = _split(record.values("title"))
        en.append(latin[0] if latin else snapshot.caption(event_id))
        fa.append(persian[0] if persian else en[-1])
    return en, fa


def _happening(snapshot: Snapshot, violation: EntityRecord) -> Happening:
    act = violation.first("act")
    label = snapshot.label("Violation", "act", act) if act else "Violation"
    place_en, place_fa = _place(snapshot, violation.first("place"))
    burial_en, burial_fa = _place(snapshot, violation.first("burialPlace"))
    events_en, events_fa = _titles(snapshot, violation.values("event"))
    day = violation.first("date")
    return Happening(
        act_en=label,
        act_fa=vocab_label("act", act, label, "fa"),
        date=day,
        date_en=format_date(day, "en"),
        date_fa=format_date(day, "fa"),
        place_en=place_en,
        place_fa=place_fa,
        events_en=events_en,
        events_fa=events_fa,
        burial_en=burial_en,
        burial_fa=burial_fa,
        description=violation.values("description"),
    )


def _sources(snapshot: Snapshot, records: list[EntityRecord]) -> list[SourceNote]:
    found: dict[str, set[str]] = {}
    for record in records:
        for claim in record.current():
            origin = claim.source_id or claim.evidence_id
            if origin:
                found.setdefault(origin, set())
                if claim.locator is not None and not claim.locator.segment:
                    found[origin].add(str(claim.locator))
    notes = []
    for origin, locators in found.items():
        source = snapshot.get(origin)
        if source is None:
            continue
        kind = source.first("kind")
        notes.append(
            SourceNote(
                snapshot.caption(origin),
                snapshot.label(source.schema, "kind", kind) if kind and source.schema == "Source" else "",
                sorted(locators, key=lambda t: (len(t), t))[:20],
                source.first("url"),
            )
        )
    return sorted(notes, key=lambda n: n.title.casefold())


def victims(snapshot: Snapshot) -> list[MemorialVictim]:
    """Every person a visible violation names as victim, with a name the public may see."""
    by_victim: dict[str, list[EntityRecord]] = {}
    for violation in snapshot.of_schema("Violation"):
        victim = violation.first("victim")
        if victim:
            by_victim.setdefault(victim, []).append(violation)
    found = []
    for victim_id, violations in by_victim.items():
        person = snapshot.get(victim_id)
        if person is None or not person.values("name"):
            continue
        latin, persian = _split(person.values("name"))
        romanised = not latin
        father_latin, father_persian = _split(person.values("fatherName"))
        birth = person.first("birthDate")
        violations.sort(key=lambda v: (sort_key_date(v.first("date")), v.id))
        entry = MemorialVictim(
            id=victim_id,
            names_latin=latin or _romanise(persian),
            names_persian=persian,
            romanised=romanised,
            father_latin=father_latin,
            father_persian=father_persian,
            birth_en=format_date(birth, "en"),
            birth_fa=format_date(birth, "fa"),
            affiliation=person.values("affiliation"),
            happenings=[_happening(snapshot, v) for v in violations],
            sources=_sources(snapshot, [person, *violations]),
        )
        if entry.names_latin or entry.names_persian:
            found.append(entry)
    return sorted(found, key=lambda v: (v.sort_key, v.id))


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("dadkhah.exchange.memorial", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def export_memorial(
    case: Case, out: Path, reader: Reader | None = None, *, title: str | None = None
) -> ExportSummary:
    """Write the memorial site into the new folder ``out``; only the public's view of the case is used."""
    if reader is not None and reader.profile != PUBLIC:
        raise InputError(
            "the memorial is for the public; it is always made as the 'public' recipient", field="recipient"
        )
    snapshot = read_snapshot(case, reader or case.reader(view_as=PUBLIC))
    people = victims(snapshot)
    env = _environment()
    heading = title or case.name
    common = {"site_title": heading, "count": len(people), "count_fa": number(len(people), "fa")}
    with staged_folder(Path(out)) as folder:
        (folder / "victims").mkdir()
        (folder / "style.css").write_text(
            (Path(__file__).parent / "templates" / "style.css").read_text(encoding="utf-8"), encoding="utf-8"
        )
        page = env.get_template("index.html.j2")
        (folder / "index.html").write_text(page.render(victims=people, root="", **common), encoding="utf-8")
        page = env.get_template("about.html.j2")
        sources = sorted(
            {
                (snapshot.caption(s.id), s.first("publisher") or "")
                for s in snapshot.of_schema("Source")
                if s.current()
            }
        )
        (folder / "about.html").write_text(
            page.render(sources=sources, notices=snapshot.notices, root="", **common), encoding="utf-8"
        )
        page = env.get_template("victim.html.j2")
        for n, person in enumerate(people):
            previous = people[n - 1] if n else None
            following = people[n + 1] if n + 1 < len(people) else None
            html = page.render(v=person, previous=previous, following=following, root="../", **common)
            (folder / person.page).write_text(html, encoding="utf-8")
        files = listing(folder)
    return ExportSummary("memorial", Path(out), files, len(people), snapshot.notices)


__all__ = ["MemorialVictim", "export_memorial", "victims"]
