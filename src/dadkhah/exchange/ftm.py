"""FollowTheMoney entities, one JSON object per line, for Aleph / OpenAleph and the ``ftm`` tools.

Each Dadkhah entity becomes the FtM entity that means the same (the mapping is in
``docs/exchange.md``); values are cleaned by FtM's own property types, and a value FtM cannot
express is left out rather than forced (a fictional country code, say). Dates: FtM keeps ISO
prefixes only, so an uncertain date keeps its day (``1988-08-05~`` → ``1988-08-05``) and an
interval contributes its first day to a start and its last day to an end. Claims' sources become
``proof`` links to the Source's document where FtM has that property. Load the file with
``ftm store write -i OUT`` or ``alephclient write-entities``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dadkhah.exchange.output import ExportSummary, staged_file
from dadkhah.exchange.snapshot import EntityRecord, Snapshot, edtf_bounds, read_snapshot

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

    from dadkhah.access import Reader
    from dadkhah.case import Case

_TEXT_TYPES = {"name", "string", "text", "address"}
PUBLIC_BODIES = {"government", "ministry", "commission", "judiciary", "prison_administration"}
_MEDIA = (("image/", "Image"), ("audio/", "Audio"), ("video/", "Video"), ("application/pdf", "Pages"))


class _Mapper:
    def __init__(self, snapshot: Snapshot) -> None:
        from followthemoney import model

        self.model = model
        self.s = snapshot

    def make(self, schema: str, entity_id: str) -> EntityProxy:
        proxy = self.model.make_entity(schema)
        proxy.id = entity_id
        return proxy

    @staticmethod
    def add(proxy: EntityProxy, prop: str, values: Any) -> None:
        # Text is added as written: FtM's cleaning of names drops the zero-width non-joiner, which
        # changes how a Persian name is spelt (مهربان‌پور is not مهربانپور). Typed values (dates,
        # countries, languages, numbers) go through FtM's cleaning, which rejects what it cannot read.
        as_written = proxy.schema.properties[prop].type.name in _TEXT_TYPES
        for value in values if isinstance(values, list | tuple) else [values]:
            if value in (None, ""):
                continue
            if as_written:
                proxy.add(prop, str(value), cleaned=True)
            else:
                proxy.add(prop, value, quiet=True)

    def date(self, proxy: EntityProxy, prop: str, value: str | None, end: bool = False) -> None:
        if not value:
            return
        from followthemoney.types import registry

        cleaned = registry.date.clean(value.rstrip("?~%"))
        if cleaned is None:
            low, high = edtf_bounds(value)
            day = high if end else low
            cleaned = day.isoformat() if day else None
        self.add(proxy, prop, cleaned)

    def proof(self, proxy: EntityProxy, record: EntityRecord) -> None:
        if proxy.schema.get("proof") is None:
            return
        sources = [s for s in record.sources() if self.s.get(s) and self.s.entities[s].current()]
        self.add(proxy, "proof", sources)

    def common(self, proxy: EntityProxy, record: EntityRecord) -> None:
        if proxy.schema.get("summary") is not None:
            self.add(proxy, "summary", record.values("summary"))
        self.proof(proxy, record)

    # -- one function per Dadkhah type -------------------------------------------------------

    def entities(self, record: EntityRecord) -> Iterator[EntityProxy]:
        method = getattr(self, f"_{record.schema.lower()}", None)
        if method is None or not record.current():
            return
        yield from method(record)

    def _person(self, r: EntityRecord) -> Iterator[EntityProxy]:
        p = self.make("Person", r.id)
        names = r.values("name") or r.values("code")
        if not names:
            return
        self.add(p, "name", names)
        self.add(p, "fatherName", r.values("fatherName"))
        self.add(p, "gender", r.values("gender"))
        self.date(p, "birthDate", r.first("birthDate"))
        self.date(p, "deathDate", r.first("deathDate"), end=True)
        self.add(p, "nationality", r.values("nationality"))
        self.add(p, "political", r.values("affiliation"))
        self.add(p, "position", r.values("occupation"))
        self.add(p, "ethnicity", r.values("ethnicity"))
        self.add(p, "religion", r.values("religion"))
        self.add(p, "idNumber", r.values("idNumber"))
        self.add(p, "address", r.values("address"))
        self.add(p, "birthPlace", [self.s.caption(v) for v in r.values("birthPlace")])
        self.add(p, "keywords", [f"witness {c}" for c in r.values("code")])
        self.common(p, r)
        yield p

    def _organization(self, r: EntityRecord) -> Iterator[EntityProxy]:
        kind = r.first("kind")
        o = self.make("PublicBody" if kind in PUBLIC_BODIES else "Organization", r.id)
        self.add(o, "name", r.values("name"))
        self.add(o, "country", r.values("country"))
        self.add(o, "parent", r.values("parent"))
        self.add(o, "classification", self.s.label("Organization", "kind", kind) if kind else None)
        self.date(o, "incorporationDate", r.first("startDate"))
        self.date(o, "dissolutionDate", r.first("endDate"), end=True)
        self.common(o, r)
        yield o

    def _place(self, r: EntityRecord) -> Iterator[EntityProxy]:
        a = self.make("Address", r.id)
        self.add(a, "full", r.values("name"))
        self.add(a, "country", r.values("country"))
        point = r.first("point")
        if point:
            lat, _, lon = point.partition(",")
            self.add(a, "latitude", lat)
            self.add(a, "longitude", lon)
        kind = r.first("kind")
        self.add(a, "remarks", self.s.label("Place", "kind", kind) if kind else None)
        self.common(a, r)
        yield a

    def _event(self, r: EntityRecord) -> Iterator[EntityProxy]:
        e = self.make("Event", r.id)
        self.add(e, "name", r.values("title"))
        self.date(e, "startDate", r.first("startDate"))
        self.date(e, "endDate", r.first("endDate"), end=True)
        places = r.values("place")
        self.add(e, "addressEntity", places)
        self.add(e, "location", [self.s.caption(p) for p in places])
        self.add(e, "description", r.values("description"))
        kind = r.first("kind")
        self.add(e, "keywords", self.s.label("Event", "kind", kind) if kind else None)
        self.common(e, r)
        yield e

    def _violation(self, r: EntityRecord) -> Iterator[EntityProxy]:
        act = r.first("act")
        act_label = self.s.label("Violation", "act", act) if act else "Violation"
        victim = r.first("victim")
        e = self.make("Event", r.id)
        self.add(e, "name", f"{act_label}: {self.s.caption(victim)}" if victim else act_label)
        self.date(e, "date", r.first("date"))
        self.add(e, "addressEntity", r.values("place"))
        self.add(e, "involved", [victim] if victim and self.s.get(victim) else [])
        self.add(e, "description", r.values("description"))
        self.add(e, "keywords", act_label)
        self.common(e, r)
        yield e

    def _involvement(self, r: EntityRecord) -> Iterator[EntityProxy]:
        actor, target = r.first("actor"), r.first("violation") or r.first("event")
        if not actor or not target:
            return
        link = self.make("UnknownLink", r.id)
        self.add(link, "subject", actor)
        self.add(link, "object", target)
        role = r.first("role")
        self.add(link, "role", self.s.label("Involvement", "role", role) if role else None)
        self.date(link, "startDate", r.first("startDate"))
        self.date(link, "endDate", r.first("endDate"), end=True)
        self.common(link, r)
        yield link

    def _position(self, r: EntityRecord) -> Iterator[EntityProxy]:
        titles = r.values("title")
        if not titles:
            return
        post = self.make("Position", r.id)
        self.add(post, "name", titles)
        self.add(post, "organization", r.values("organization"))
        self.common(post, r)
        yield post
        holder = r.first("person")
        if holder:
            occupancy = self.make("Occupancy", f"{r.id}-holder")
            self.add(occupancy, "holder", holder)
            self.add(occupancy, "post", r.id)
            self.date(occupancy, "startDate", r.first("startDate"))
            self.date(occupancy, "endDate", r.first("endDate"), end=True)
            self.proof(occupancy, r)
            yield occupancy

    def _presence(self, r: EntityRecord) -> Iterator[EntityProxy]:
        person, place = r.first("person"), r.first("place")
        if not person or not place:
            return
        link = self.make("UnknownLink", r.id)
        self.add(link, "subject", person)
        self.add(link, "object", place)
        kind = r.first("kind")
        self.add(link, "role", self.s.label("Presence", "kind", kind) if kind else None)
        self.date(link, "startDate", r.first("startDate"))
        self.date(link, "endDate", r.first("endDate"), end=True)
        self.common(link, r)
        yield link

    def _source(self, r: EntityRecord) -> Iterator[EntityProxy]:
        d = self.make("Table" if r.first("kind") == "victim_list" else "Article", r.id)
        self._document(d, r)
        self.add(d, "publisher", r.values("publisher"))
        self.add(d, "sourceUrl", r.values("url"))
        self.date(d, "publishedAt", r.first("date"))
        yield d

    def _testimony(self, r: EntityRecord) -> Iterator[EntityProxy]:
        d = self.make("PlainText", r.id)
        self._document(d, r)
        self.date(d, "date", r.first("date"))
        witness = self.s.get(r.first("witness"))
        self.add(d, "keywords", [f"witness {c}" for c in witness.values("code")] if witness else [])
        yield d

    def _evidenceitem(self, r: EntityRecord) -> Iterator[EntityProxy]:
        media = r.first("mediaType") or ""
        schema = next((s for prefix, s in _MEDIA if media.startswith(prefix)), None)
        filename = r.first("originalFilename")
        if schema is None:
            schema = "Document" if filename else "Article"
        d = self.make(schema, r.id)
        self._document(d, r)
        self.add(d, "fileName", filename)
        self.add(d, "mimeType", media.split(";")[0] if media else None)
        self.add(d, "fileSize", r.values("size"))
        self.add(d, "author", r.values("author"))
        self.date(d, "date", r.first("date"))
        self.add(d, "notes", [f"SHA-256 {h}" for h in r.values("sha256")])
        yield d

    def _document(self, d: EntityProxy, r: EntityRecord) -> None:
        from followthemoney.types import registry

        self.add(d, "title", r.values("title"))
        self.add(d, "language", [registry.language.clean(v) for v in r.values("language")])
        self.add(d, "summary", r.values("summary"))

    def _allegation(self, r: EntityRecord) -> Iterator[EntityProxy]:
        suspect = r.first("suspect")
        if not suspect or not self.s.get(suspect):
            return
        note = self.make("Note", r.id)
        self.add(note, "entity", suspect)
        self.add(note, "name", r.values("title"))
        self.add(note, "description", f"Crime {r.first('crime')} by {r.first('mode')}")
        yield note


def entities(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Every FtM entity for the snapshot, as dictionaries, references only to entities emitted."""
    mapper = _Mapper(snapshot)
    proxies = [p for record in snapshot for p in mapper.entities(record)]
    emitted = {p.id for p in proxies}
    out = []
    for proxy in proxies:
        data = proxy.to_dict()
        for prop in list(data["properties"]):
            if proxy.schema.properties[prop].type.name == "entity":
                kept = [v for v in data["properties"][prop] if v in emitted]
                if kept:
                    data["properties"][prop] = kept
                else:
                    del data["properties"][prop]
        if all(data["properties"].get(p) for p in proxy.schema.required):
            out.append(data)
    return out


def export_ftm(case: Case, out: Path, reader: Reader | None = None) -> ExportSummary:
    """Write FollowTheMoney entities as JSON lines to ``out``."""
    snapshot = read_snapshot(case, reader)
    found = entities(snapshot)
    with staged_file(Path(out)) as tmp, tmp.open("w", encoding="utf-8") as stream:
        for data in found:
            stream.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
    return ExportSummary("ftm", Path(out), [Path(out).name], len(found), snapshot.notices)


__all__ = ["PUBLIC_BODIES", "entities", "export_ftm"]
