"""Assembling a case file: every section's content, read for one recipient through the one redaction.

Nothing here reads a value the redaction has not passed: facts come from the recipient's
:class:`~dadkhah.exchange.Snapshot`; the case matrix and the forum facts are built by the law
service *for the same reader*; exhibits are items the reader may be given. The result,
:class:`Dossier`, is plain data that the templates render; it holds no time but the case's own
(the last change and the checkpoint), so the same case state gives the same case file.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from dadkhah.access import Reader
from dadkhah.dossier.custody import CustodyEvent, InclusionProof, Verification
from dadkhah.dossier.mapfig import MapPoint, legend_marker, map_svg
from dadkhah.dossier.scope import Scope, Selection
from dadkhah.exchange import Exhibit, Snapshot
from dadkhah.exchange.i18n import format_date, number, vocab_label
from dadkhah.exchange.snapshot import EntityRecord, Hidden, edtf_bounds, sort_key_date
from dadkhah.names import script_of

if TYPE_CHECKING:
    from dadkhah.law import CaseFacts, ForumResult, Matrix


# -- the sections' content -------------------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """A name as the sources wrote it, Latin and Arabic script apart."""

    latin: tuple[str, ...]
    persian: tuple[str, ...]

    @property
    def first(self) -> str:
        return (self.latin or self.persian or ("",))[0]


@dataclass
class EventView:
    id: str
    title: Names
    kind: str
    dates: str
    start: str | None
    places: list[str]
    part_of: str
    description: list[str]
    violations: int
    involvements: list[tuple[str, str]]  # (actor, role)


@dataclass
class ChronologyRow:
    when: str
    sort: tuple[int, str]
    what: str
    count: int = 0


@dataclass
class PlaceView:
    number: int
    id: str
    names: Names
    kind: str
    kind_code: str | None
    coordinates: str
    within: str
    events: int
    violations: int
    marker: str


@dataclass
class VictimRow:
    number: int
    id: str
    names: Names
    father: str
    birth: str
    act: str
    date: str
    place: str
    sources: str


@dataclass
class EstimateView:
    status: str  # "estimated" | "not estimable" | "not yet estimated"
    text: str
    method: str = ""
    observed: str = ""
    estimate: str = ""
    interval: str = ""
    lists: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)


@dataclass
class PositionView:
    title: str
    organization: str
    kind: str
    dates: str
    reports_to: str
    chain: list[str]  # the organization and its parents, innermost first


@dataclass
class SuspectView:
    id: str
    names: Names
    code: str
    positions: list[PositionView]
    involvements: list[tuple[str, str, str]]  # (role, target, dates)
    allegations: list[str]


@dataclass
class EvidenceLine:
    relation: str
    statement: str
    provenance: str
    exhibit: str  # ERN of the exhibit it rests on, when it does
    counted: bool
    note: str


@dataclass
class ElementView:
    code: str
    label: str
    part: str
    status: str
    text: str
    citation: str
    sources: int
    evidence: list[EvidenceLine]


@dataclass
class MatrixView:
    id: str
    title: str
    suspect_id: str
    suspect: str
    crime: str
    mode: str
    period: str
    violations: int
    counts: dict[str, int]
    elements: list[ElementView]
    withheld: int


@dataclass
class ForumView:
    name: str
    type: str
    verdict: str
    trial: str
    reasons: list[tuple[str, str, str]]  # (text, citation, confidence)


@dataclass
class ForumAnalysis:
    suspect: str
    facts: list[tuple[str, str]]
    unknown: list[str]
    forums: list[ForumView]


@dataclass
class ExhibitView:
    exhibit: Exhibit
    date: str
    path: str  # where the file is inside the bag
    custody: list[CustodyEvent]
    proof: InclusionProof | None
    cited_for: list[str]


@dataclass
class Dossier:
    lang: str
    case_name: str
    case_id: str
    recipient: str
    recipient_label: str
    clearance: str
    purpose: str
    scope: Scope
    scope_text: str
    as_of: str
    last_change: str
    counts: dict[str, str]
    events: list[EventView]
    chronology: list[ChronologyRow]
    places: list[PlaceView]
    map_svg: str
    legend: list[tuple[str, str]]
    victims: list[VictimRow]
    victims_documented: str
    victims_unnamed: int
    estimate: EstimateView
    suspects: list[SuspectView]
    matrices: list[MatrixView]
    forums: list[ForumAnalysis]
    exhibits: list[ExhibitView]
    verification: Verification
    notices: list[str]
    sources: list[tuple[str, str, str, int]]  # (key, title, kind, claims resting on it)


# -- assembling ------------------------------------------------------------------------------------


def names_of(record: EntityRecord | None, prop: str = "name") -> Names:
    if record is None:
        return Names((), ())
    values = record.values(prop)
    return Names(
        tuple(v for v in values if script_of(v) != "arabic"),
        tuple(v for v in values if script_of(v) == "arabic"),
    )


class Assembler:
    """Builds each section from the snapshot and the law service's results."""

    def __init__(self, snapshot: Snapshot, selection: Selection, lang: str) -> None:
        self.s = snapshot
        self.sel = selection
        self.lang = lang
        self.source_keys: dict[str, str] = {}

    # -- small helpers -------------------------------------------------------------------------

    def name(self, entity_id: str | None) -> str:
        """A display name in the case file's language (a Persian name in Persian, else Latin)."""
        record = self.s.get(entity_id)
        if record is None:
            return ""
        prop = next((p for p in ("name", "title") if record.values(p)), None)
        if prop is not None and record.schema in (
            "Person",
            "Place",
            "Organization",
            "Event",
            "Source",
            "Position",
        ):
            found = names_of(record, prop)
            ordered = (found.persian + found.latin) if self.lang == "fa" else (found.latin + found.persian)
            if ordered and not (record.schema == "Person" and record.values("code")):
                return ordered[0]
        return str(self.s.caption(entity_id))

    def title(self, names: Names) -> str:
        ordered = (names.persian + names.latin) if self.lang == "fa" else (names.latin + names.persian)
        return ordered[0] if ordered else ""

    def vocab(self, kind: str, schema: str, prop: str, code: str | None) -> str:
        if not code:
            return ""
        return vocab_label(kind, code, self.s.label(schema, prop, code), self.lang)

    def date(self, value: str | None) -> str:
        return format_date(value, self.lang)

    def span(self, start: str | None, end: str | None) -> str:
        if start and end and start != end:
            return f"{self.date(start)} – {self.date(end)}"
        return self.date(start or end)

    # -- sections ------------------------------------------------------------------------------

    def events(self) -> list[EventView]:
        by_event: Counter[str] = Counter()
        for v in self.sel.violations:
            for e in self.s.entities[v].values("event"):
                by_event[e] += 1
        views = []
        for event_id in [*self.sel.context, *self.sel.events]:
            record = self.s.entities.get(event_id)
            if record is None:
                continue
            involvements = [
                (self.name(i.first("actor")), self.vocab("role", "Involvement", "role", i.first("role")))
                for i in self.s.referrers(event_id, "event")
                if i.schema == "Involvement" and i.first("actor")
            ]
            views.append(
                EventView(
                    id=event_id,
                    title=names_of(record, "title"),
                    kind=self.vocab("event_kind", "Event", "kind", record.first("kind")),
                    dates=self.span(record.first("startDate"), record.first("endDate")),
                    start=record.first("startDate"),
                    places=[self.name(p) for p in record.values("place")],
                    part_of=self.name(record.first("partOf")),
                    description=record.values("description"),
                    violations=by_event[event_id],
                    involvements=sorted(set(involvements)),
                )
            )
        return sorted(views, key=lambda e: (sort_key_date(e.start), e.id))

    def chronology(self, events: list[EventView]) -> list[ChronologyRow]:
        """Events by date, and violations counted by act and month (by year when only the year is known)."""
        rows = [ChronologyRow(e.dates, sort_key_date(e.start), self.title(e.title)) for e in events]
        groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for v in self.sel.violations:
            record = self.s.entities[v]
            groups[(_period(record.first("date")), record.first("act") or "")][
                self.name(record.first("place"))
            ] += 1
        for (period, act), places in groups.items():
            label = self.vocab("act", "Violation", "act", act) or "—"
            top = ", ".join(f"{p} ({n})" if p else f"? ({n})" for p, n in places.most_common(4))
            more = len(places) - 4
            if more > 0:
                top += f", +{more}"
            rows.append(
                ChronologyRow(
                    self.date(period) if period else "—",
                    sort_key_date(period or None),
                    f"{label}: {top}",
                    sum(places.values()),
                )
            )
        return sorted(rows, key=lambda r: (r.sort, -r.count, r.what))

    def places(self) -> tuple[list[PlaceView], str, list[tuple[str, str]]]:
        events_at: Counter[str] = Counter()
        for e in self.sel.events:
            for p in self.s.entities[e].values("place"):
                events_at[p] += 1
        violations_at: Counter[str] = Counter()
        for v in self.sel.violations:
            record = self.s.entities[v]
            for p in {*record.values("place"), *record.values("burialPlace")}:
                violations_at[p] += 1
        views, points = [], []
        for n, place_id in enumerate(self.sel.places, start=1):
            record = self.s.entities[place_id]
            kind = record.first("kind")
            point = record.first("point")
            if point:
                lat, _, lon = point.partition(",")
                points.append(MapPoint(n, float(lat), float(lon), kind))
            views.append(
                PlaceView(
                    number=n,
                    id=place_id,
                    names=names_of(record),
                    kind=self.vocab("place_kind", "Place", "kind", kind),
                    kind_code=kind,
                    coordinates=point or "",
                    within=self.name(record.first("parent")),
                    events=events_at[place_id],
                    violations=violations_at[place_id],
                    marker=legend_marker(kind),
                )
            )
        legend = sorted(
            {(legend_marker(v.kind_code), v.kind) for v in views if v.coordinates}, key=lambda x: x[1]
        )
        title = "نقشهٔ مکان‌ها" if self.lang == "fa" else "Map of the places"
        return views, map_svg(points, title=title), legend

    def victims(self) -> tuple[list[VictimRow], int]:
        rows: list[VictimRow] = []
        unnamed = 0
        by_victim: dict[str, list[EntityRecord]] = defaultdict(list)
        for v in self.sel.violations:
            record = self.s.entities[v]
            for victim in record.values("victim"):
                by_victim[victim].append(record)
        for victim_id in sorted(by_victim, key=lambda i: (self._victim_sort(i), i)):
            person = self.s.get(victim_id)
            names = names_of(person)
            if not (names.latin or names.persian):
                unnamed += 1
                continue
            first = sorted(by_victim[victim_id], key=lambda r: (sort_key_date(r.first("date")), r.id))[0]
            keys = {self._source_code(x) for r in [person, *by_victim[victim_id]] if r for x in r.sources()}
            sources = sorted((k for k in keys if k), key=lambda k: int(k[1:]))
            rows.append(
                VictimRow(
                    number=len(rows) + 1,
                    id=victim_id,
                    names=names,
                    father=" · ".join(person.values("fatherName")) if person else "",
                    birth=self.date(person.first("birthDate")) if person else "",
                    act=self.vocab("act", "Violation", "act", first.first("act")),
                    date=self.date(first.first("date")),
                    place=self.name(first.first("place")),
                    sources=", ".join(s for s in sources if s),
                )
            )
        return rows, unnamed

    def _victim_sort(self, victim_id: str) -> str:
        names = names_of(self.s.get(victim_id))
        ordered = (names.persian + names.latin) if self.lang == "fa" else (names.latin + names.persian)
        return ordered[0].casefold() if ordered else "\uffff"

    def _source_code(self, source_id: str) -> str:
        if not self.source_keys:
            self.sources()
        return self.source_keys.get(source_id, "")

    def suspects(self, allegations: dict[str, list[str]]) -> list[SuspectView]:
        views = []
        for person_id in self.sel.suspects:
            record = self.s.get(person_id)
            if record is None:
                continue
            positions = [
                self._position(p)
                for p in sorted(
                    (p for p in self.s.referrers(person_id, "person") if p.schema == "Position"),
                    key=lambda p: (sort_key_date(p.first("startDate")), p.id),
                )
            ]
            involvements = []
            for inv in self.s.referrers(person_id, "actor"):
                if inv.id not in self.sel.involvements:
                    continue
                target = inv.first("violation") or inv.first("event")
                involvements.append(
                    (
                        self.vocab("role", "Involvement", "role", inv.first("role")),
                        self.name(target) if target else "",
                        self.span(inv.first("startDate"), inv.first("endDate")),
                    )
                )
            views.append(
                SuspectView(
                    id=person_id,
                    names=names_of(record),
                    code=record.first("code") or "",
                    positions=positions,
                    involvements=sorted(set(involvements)),
                    allegations=allegations.get(person_id, []),
                )
            )
        # Suspects named in allegations first, then by the number of recorded involvements.
        return sorted(
            views, key=lambda v: (not v.allegations, -len(v.involvements), v.names.first.casefold(), v.id)
        )

    def _position(self, record: EntityRecord) -> PositionView:
        organization = record.first("organization")
        chain: list[str] = []
        current, seen = organization, set()
        while current and current not in seen and len(chain) < 8:
            seen.add(current)
            chain.append(self.name(current))
            parent = self.s.get(current)
            current = parent.first("parent") if parent else None
        boss = self.s.get(record.first("reportsTo"))
        reports_to = ""
        if boss is not None:
            holder = self.name(boss.first("person"))
            title = (boss.values("title") or [""])[0]
            reports_to = f"{title} ({holder})" if holder else title
        titles = names_of(record, "title")
        ordered = (titles.persian + titles.latin) if self.lang == "fa" else (titles.latin + titles.persian)
        return PositionView(
            title=ordered[0] if ordered else "",
            organization=self.name(organization),
            kind=self.vocab("position_kind", "Position", "kind", record.first("kind")),
            dates=self.span(record.first("startDate"), record.first("endDate")),
            reports_to=reports_to,
            chain=chain,
        )

    def sources(self) -> list[tuple[str, str, str, int]]:
        """(key, title, kind, number of claims) for each source the covered claims cite, most used first."""
        used: Counter[str] = Counter()
        for entity_id in self.sel.entities():
            record = self.s.get(entity_id)
            if record is None:
                continue
            for claim in record.current():
                origin = claim.source_id or claim.evidence_id
                if origin:
                    used[origin] += 1
        rows = []
        for source_id, count in used.items():
            record = self.s.get(source_id)
            if record is None or record.schema == "EvidenceItem":
                continue
            kind = record.first("kind") if record.schema == "Source" else None
            if kind:
                label = self.vocab("source_kind", "Source", "kind", kind)
            else:
                english = self.s.model.schemas[record.schema].label
                label = vocab_label("schema", record.schema, english, self.lang)
            rows.append((source_id, self.s.caption(source_id), label, count))
        rows.sort(key=lambda r: (-r[3], r[1], r[0]))
        self.source_keys = {r[0]: f"S{n}" for n, r in enumerate(rows, start=1)}
        return [(self.source_keys[r[0]], r[1], r[2], r[3]) for r in rows]


def _period(value: str | None) -> str:
    """The month a date falls in (its first day's), or its year when it is less precise than a month."""
    low, high = edtf_bounds(value)
    if low is None:
        return ""
    if high is not None and (high - low).days <= 31:
        return f"{low.year:04d}-{low.month:02d}"
    return f"{low.year:04d}"


def matrix_view(matrix: Matrix, erns: dict[str, str], claim_items: dict[str, str]) -> MatrixView:
    """The law service's matrix, condensed for the case file (suggestions are the team's, not shown)."""
    a = matrix.allegation
    elements = []
    for row in matrix.rows:
        lines = []
        for link in (*row.supporting, *row.contradicting):
            e = link.evidence
            if e.kind == "item":
                exhibit = erns.get(e.target, "")
            elif e.kind == "claim":
                exhibit = erns.get(claim_items.get(e.target, ""), "")
            else:
                exhibit = ""
            lines.append(
                EvidenceLine(
                    link.proof.relation,
                    e.statement or "",
                    e.provenance,
                    exhibit,
                    link.counted,
                    link.why_not or "",
                )
            )
        elements.append(
            ElementView(
                code=row.element.code,
                label=row.element.label,
                part=row.part,
                status=row.status,
                text=row.element.text,
                citation=f"{row.element.source.cite} [{row.element.source.conf}]",
                sources=len(row.supporting_sources),
                evidence=lines,
            )
        )
    return MatrixView(
        id=a.id,
        title=a.title,
        suspect_id=a.suspect,
        suspect=matrix.suspect_label,
        crime=f"{a.crime.title} — {a.crime.article}",
        mode=f"{a.mode.title} — {a.mode.article}",
        period=f"{matrix.scope.start or '?'} – {matrix.scope.end or '?'}",
        violations=matrix.violations,
        counts=matrix.counts(),
        elements=elements,
        withheld=matrix.withheld,
    )


def forum_view(suspect: str, facts: CaseFacts, results: list[ForumResult]) -> ForumAnalysis:
    forums = [
        ForumView(
            name=r.name,
            type=r.type,
            verdict=r.verdict,
            trial=r.stages.get("trial", ""),
            reasons=[(x.text, x.citation, x.confidence) for x in r.decisive()],
        )
        for r in results
    ]
    order = {"available": 0, "uncertain": 1, "barred": 2}
    forums.sort(key=lambda f: (order.get(f.verdict, 3), f.name))
    return ForumAnalysis(
        suspect=suspect,
        facts=[(f.what, f.value) for f in facts.facts],
        unknown=list(facts.unknown),
        forums=forums,
    )


def estimate_view(result: Any, lang: str) -> EstimateView:
    """A stratified estimate (``dadkhah.estimate``) as the case file shows it."""
    total = result.total
    level = f"{total.level:.0%}"
    if total.estimate is None:
        return EstimateView(
            "not estimable",
            "; ".join(s.reason for s in result.strata if s.reason) or "the data cannot support a number",
            method=result.method,
            observed=number(total.observed, lang),
            lists=list(result.lists),
            assumptions=list(result.assumptions),
        )
    upper = "∞" if total.upper is None else number(round(total.upper), lang)
    return EstimateView(
        "estimated",
        total.combined,
        method=result.method,
        observed=number(total.observed, lang),
        estimate=number(round(total.estimate), lang),
        interval=f"{level}: {number(round(total.lower), lang)} – {upper}",
        lists=list(result.lists),
        assumptions=list(result.assumptions),
    )


def scope_text(snapshot: Snapshot, scope: Scope, lang: str) -> str:
    if scope.kind == "all":
        return "کل پرونده" if lang == "fa" else "The whole case"
    kind = {"allegation": ("Allegation", "اتهام"), "event": ("Event", "رویداد")}[scope.kind]
    label = kind[1] if lang == "fa" else kind[0]
    return f"{label}: " + "; ".join(snapshot.caption(i.strip().upper()) for i in scope.ids)


def reader_text(reader: Reader) -> tuple[str, str, str]:
    return reader.profile or reader.role or reader.name, reader.clearance.label, reader.purpose


def hidden_counts(hidden: list[Hidden], covered: set[str]) -> Counter[str]:
    return Counter(h.reason for h in hidden if h.entity in covered)


def last_day(value: str | None) -> date | None:
    return edtf_bounds(value)[1]


__all__ = [
    "Assembler",
    "ChronologyRow",
    "Dossier",
    "ElementView",
    "EstimateView",
    "EventView",
    "EvidenceLine",
    "ExhibitView",
    "ForumAnalysis",
    "ForumView",
    "MatrixView",
    "Names",
    "PlaceView",
    "PositionView",
    "SuspectView",
    "VictimRow",
    "estimate_view",
    "forum_view",
    "matrix_view",
    "names_of",
    "scope_text",
]
