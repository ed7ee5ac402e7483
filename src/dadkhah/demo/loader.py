"""Loading the generated materials into a case, through the same APIs a user's commands use.

``Loader`` keeps ``ids``, the map from the generator's readable ids (``person:official-suspect``)
to entity ids, and loads one kind of material per step; each step returns a line for the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from dadkhah.access.users import add_profile
from dadkhah.case import Case
from dadkhah.demo.materials import Materials, Ref, Text, VictimList
from dadkhah.exchange import ListSpec, import_rows
from dadkhah.model import Sensitivity
from dadkhah.store import Locator, NewClaim, Writer

OWNER = "demo"
PROFILES = (
    ("national-war-crimes-unit", "National war crimes unit", "confidential", "prosecution"),
    ("un-fact-finding-mission", "UN fact-finding mission", "confidential", "un-submission"),
)

_PAGE = re.compile(r"^(?:p\.|page) (\w+)(?:, line (\d+))?$")
_ROW = re.compile(r"^row (\d+)$")
_SEGMENT = re.compile(r"^segment (\d+)$")
_PROPS = {"start": "startDate", "end": "endDate", "birth_date": "birthDate"}


class Loader:
    """Loads the materials step by step; ``ids`` maps the generator's ids to entity ids."""

    def __init__(self, case: Case, materials: Materials) -> None:
        self.case = case
        self.m = materials
        self.ids: dict[str, str] = {}
        self.testimony_sources = {t.source: t.id for t in materials.testimonies}
        self.witness_people = {w.person for w in materials.witnesses}
        self.names = {p.id: p.names[0].value for p in materials.people}

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        with self.case.writer(OWNER) as w:
            yield w

    def _new(self, w: Writer, schema: str, demo_id: str) -> str:
        self.ids[demo_id] = w.new_entity(schema)
        return self.ids[demo_id]

    def locator(self, ref: Ref) -> Locator | None:
        """The generator's locators ("p. 41", "page 1, line 3", "segment 4") as Locators."""
        text = ref.locator
        if not text:
            return None
        segment = _SEGMENT.match(text)
        if segment and ref.source in self.testimony_sources:
            return Locator(segment=f"{self.ids[self.testimony_sources[ref.source]]}.{segment[1]}")
        page = _PAGE.match(text)
        if page:
            return Locator.from_dict({"page": page[1], "line": page[2]})
        row = _ROW.match(text)
        if row:
            return Locator(row=int(row[1]))
        return Locator(note=text)

    def _claims(
        self, w: Writer, entity: str, ref: Ref, values: dict[str, Any], sensitivity: Sensitivity | None = None
    ) -> None:
        where = self.locator(ref)
        items = []
        for prop, raw in values.items():
            for value in raw if isinstance(raw, (list, tuple)) else [raw]:
                if value is None or value == "":
                    continue
                items.append(
                    NewClaim(entity, prop, value, self.ids[ref.source], where, sensitivity=sensitivity)
                )
        w.add_many(items)

    def _ref(self, demo_id: str | None) -> str | None:
        return self.ids[demo_id] if demo_id else None

    # -- steps --------------------------------------------------------------------------------

    def entities(self) -> str:
        """Every researched entity, so that claims can point at each other; sources get their own claims."""
        m = self.m
        with self.writer() as w:
            for source in m.sources:
                if source.id in self.testimony_sources:
                    continue  # a testimony is its own source; it is created with the testimony
                sid = self._new(w, "Source", source.id)
                self._claims(
                    w,
                    sid,
                    Ref(source.id),
                    {
                        "title": source.title,
                        "kind": source.kind,
                        "date": source.date,
                        "language": source.language,
                    },
                    Sensitivity.PUBLIC,
                )
            for schema, items in (
                ("Organization", m.organizations),
                ("Place", m.places),
                ("Person", m.people),
                ("Position", m.positions),
                ("Presence", m.presences),
                ("Event", m.events),
                ("Violation", m.violations),
                ("Involvement", m.involvements),
            ):
                for item in items:
                    self._new(w, schema, item.id)
        return (
            f"world: {len(m.places)} places, {len(m.organizations)} organisations, {len(m.people)} people, "
            f"{len(m.positions)} positions, {len(m.events)} events, {len(m.sources)} sources"
        )

    def evidence(self) -> str:
        """The evidence files, through the vault: hashed, stored unmodified, each a custody event."""
        from dadkhah.vault import ingest_file, store_derived

        originals = [e for e in self.m.evidence if not e.derived_from]
        derived = [e for e in self.m.evidence if e.derived_from]
        with self.writer() as w:
            for item in originals:
                collector = self.names.get(item.collector or "", item.collector)
                # A recording is what its testimony rests on, so it is taken in before the testimony
                # exists: its provenance is its own capture record.
                source = None if item.source in self.testimony_sources else self.ids[item.source]
                self.ids[item.id] = ingest_file(
                    w,
                    self.m.path(item.path),
                    blobs=self.case.blobs,
                    source=source,
                    collector=collector,
                    method=item.method,
                    title=item.title,
                    language=item.language,
                    note=item.description,
                    author=OWNER,
                )
            for item in derived:
                self.ids[item.id] = store_derived(
                    w,
                    self.ids[item.derived_from or ""],
                    self.m.path(item.path),
                    item.derivation or "other",
                    blobs=self.case.blobs,
                    title=item.title,
                    language=item.language,
                    author=OWNER,
                )
        return f"evidence: {len(originals)} files ingested, {len(derived)} derived copies registered"

    def witnesses(self) -> str:
        """Recipients, the witness registry (identities protected), consent, and the testimonies."""
        from dadkhah import testimony as tm

        m = self.m
        withdrawn = 0
        with self.writer() as w:
            for name, label, clearance, purpose in PROFILES:
                add_profile(w.conn, name, label=label, clearance=clearance, purpose=purpose, by=OWNER)
            people = {p.id: p for p in m.people}
            for witness in m.witnesses:
                person = people[witness.person]
                details = witness.protected
                tm.register_witness(
                    w,
                    person=self.ids[witness.person],
                    code=witness.code,
                    names=_texts(details.real_name),
                    contacts=list(details.contact),
                    location=details.location,
                    relatives=[
                        tm.Relative(" / ".join(_texts(r.name)), r.relation, r.location)
                        for r in details.relatives
                    ],
                    risk=witness.risk,
                    measures=list(witness.measures),
                    gender=witness.gender,
                    birth_date=person.birth_date,
                    nationality=list(person.nationality),
                )
                consent = witness.consent
                tm.record_consent(
                    w,
                    witness.code,
                    uses=list(consent.uses),
                    recipients=list(consent.recipients),
                    effective=consent.given,
                    note=consent.note,
                )
                for withdrawal in consent.withdrawals:
                    tm.withdraw_consent(
                        w,
                        witness.code,
                        recipients=[withdrawal.recipient],
                        effective=withdrawal.date,
                        note=withdrawal.reason,
                    )
                    withdrawn += 1
            segments = 0
            for t in m.testimonies:
                tid = tm.add_testimony(
                    w,
                    witness=t.witness,
                    date=t.date,
                    language=t.language,
                    interviewers=[self.names[i] for i in t.interviewers],
                    interpreter=self.names.get(t.interpreter or ""),
                    place=self._ref(t.place),
                    title=next(s.title for s in m.sources if s.id == t.source),
                    recording=self._ref(t.recording),
                    transcript=self._ref(t.transcript),
                    prior=[self.ids[t.prior]] if t.prior else [],
                )
                self.ids[t.id] = self.ids[t.source] = tid
                tm.add_segments(
                    w, tid, [tm.SegmentText.timed(s.text, s.start_s, s.end_s) for s in t.segments]
                )
                if t.language != "en":
                    tm.translate(
                        w,
                        tid,
                        [s.translation or "" for s in t.segments],
                        language="en",
                        translator=self.names.get(t.interpreter or ""),
                    )
                segments += len(t.segments)
        return (
            f"witnesses: {len(m.witnesses)} registered under pseudonyms (identities encrypted), "
            f"{len(m.testimonies)} testimonies with {segments} segments and English translations, "
            f"{withdrawn} consent withdrawals"
        )

    def claims(self) -> str:
        """Every researched fact as a claim citing its source and where in it; conflicts kept side by side."""
        m, public = self.m, Sensitivity.PUBLIC
        orgs = {o.id: o for o in m.organizations}
        with self.writer() as w:
            for org in m.organizations:
                self._claims(
                    w,
                    self.ids[org.id],
                    org.source,
                    {
                        "name": _texts(org.names),
                        "kind": org.kind,
                        "parent": self._ref(org.parent),
                        "country": m.country,
                        "summary": org.description,
                    },
                    public,
                )
            for source in m.sources:
                if source.publisher and source.id not in self.testimony_sources:
                    self._claims(
                        w,
                        self.ids[source.id],
                        Ref(source.id),
                        {"publisher": orgs[source.publisher].names[0].value},
                        public,
                    )
            for place in m.places:
                point = f"{place.lat},{place.lon}" if place.lat is not None else None
                self._claims(
                    w,
                    self.ids[place.id],
                    place.source,
                    {
                        "name": _texts(place.names),
                        "kind": place.kind,
                        "point": point,
                        "country": place.country,
                        "parent": self._ref(place.parent),
                        "summary": place.description,
                    },
                    public,
                )
            for person in m.people:
                if person.id in self.witness_people:
                    continue  # registered with the witnesses, identity protected
                affiliation = orgs[person.affiliation].names[0].value if person.affiliation else None
                self._claims(
                    w,
                    self.ids[person.id],
                    person.source,
                    {
                        "name": _texts(person.names),
                        "gender": person.gender,
                        "birthDate": person.birth_date,
                        "fatherName": _texts(person.father_name),
                        "nationality": person.nationality,
                        "affiliation": affiliation,
                    },
                    Sensitivity.parse(person.sensitivity),
                )
            for pos in m.positions:
                self._claims(
                    w,
                    self.ids[pos.id],
                    pos.source,
                    {
                        "person": self.ids[pos.person],
                        "organization": self.ids[pos.organization],
                        "title": _texts(pos.title),
                        "kind": pos.kind,
                        "startDate": pos.start,
                        "endDate": pos.end,
                    },
                    public,
                )
            for presence in m.presences:
                self._claims(
                    w,
                    self.ids[presence.id],
                    presence.source,
                    {
                        "person": self.ids[presence.person],
                        "kind": presence.kind,
                        "country": presence.country,
                        "place": self._ref(presence.place),
                        "startDate": presence.start,
                        "endDate": presence.end,
                    },
                )
            for event in m.events:
                self._claims(
                    w,
                    self.ids[event.id],
                    event.source,
                    {
                        "title": _texts(event.titles),
                        "kind": event.kind,
                        "startDate": event.start,
                        "endDate": event.end,
                        "place": [self.ids[p] for p in event.places],
                        "partOf": self._ref(event.part_of),
                        "description": event.description,
                    },
                    public,
                )
            for v in m.violations:
                self._claims(
                    w,
                    self.ids[v.id],
                    v.source,
                    {
                        "victim": self.ids[v.victim],
                        "act": v.act,
                        "event": self._ref(v.event),
                        "date": v.date,
                        "place": self._ref(v.place),
                    },
                )
            for inv in m.involvements:
                target = "violation" if inv.target.startswith("violation:") else "event"
                self._claims(
                    w,
                    self.ids[inv.id],
                    inv.source,
                    {
                        "actor": self.ids[inv.actor],
                        "role": inv.role,
                        target: self.ids[inv.target],
                        "note": inv.note,
                    },
                )
            for assertion in m.assertions:
                prop = _PROPS.get(assertion.prop, assertion.prop)
                self._claims(w, self.ids[assertion.entity], assertion.source, {prop: assertion.value})
        return (
            f"claims: {len(m.violations)} violations and {len(m.involvements)} involvements from reports, "
            f"documents and testimony; {len(m.assertions)} deliberately conflicting claims"
        )

    def lists(self) -> str:
        """Each documenting group's victim list: a Person and Violations per row, sourced to the row."""
        rows = 0
        campaign = next(e.id for e in self.m.events if e.kind == "campaign")
        for victim_list in self.m.lists:
            with self.writer() as w:
                rows += self._import_list(w, victim_list, self.ids[campaign])
        return f"victim lists: {len(self.m.lists)} lists, {rows:,} rows imported"

    def _import_list(self, w: Writer, victim_list: VictimList, event: str) -> int:
        spec = ListSpec(
            source_id=self.ids[victim_list.source],
            field_map=dict(victim_list.columns),
            calendar={"solar-hijri": "solar-hijri", "gregorian": "gregorian"}.get(
                victim_list.calendar, "auto"
            ),
            event_id=event,
            sensitivity=Sensitivity.PUBLIC,
            file=victim_list.path,
        )
        records = victim_list.records()
        return import_rows(w, spec, ((n + 1, n, r) for n, r in enumerate(records, 1))).rows


def _texts(texts: tuple[Text, ...]) -> list[str]:
    return [t.value for t in texts]
