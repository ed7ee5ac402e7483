"""What the generator hands to a loader: the fictional world in structured form.

Everything here is what a documentation team *holds* — their lists, interviews, documents and
research — each fact carrying the source it comes from (``Ref``). A loader turns these into
entities and claims without re-parsing any file. The ground truth (who each list row really is,
how many victims there really were) is in :class:`Truth`, written to a separate folder, and must
never be loaded into a case: the whole point of the demonstration is to recover it.

Identifiers are stable readable strings (``place:sangdasht-prison``, ``person:official-suspect``);
paths are relative to the output folder given to :func:`dadkhah.demo.generate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Controlled vocabulary the demo uses: terms of the model's vocabularies (model/vocab/*.yaml).
ACTS = ("execution", "enforced_disappearance", "arbitrary_detention", "torture")
ROLES = ("ordered", "carried_out", "participated", "aided", "commanded")
EVENT_KINDS = ("campaign", "mass_execution", "other")
PLACE_KINDS = ("country", "region", "city", "prison", "ward", "building", "grave_site")
ORGANIZATION_KINDS = ("government", "ministry", "commission", "judiciary", "prison_administration",
                      "political", "ngo")  # fmt: skip
POSITION_KINDS = ("head_of_state", "head_of_government", "minister", "judge", "prosecutor",
                  "commission_member", "prison_official", "guard", "other_official")  # fmt: skip
SOURCE_KINDS = ("victim_list", "report", "interview", "document", "media", "official_record", "other")
CONSENT_USES = ("investigation", "prosecution", "un-submission", "publication")
RECIPIENTS = ("national-war-crimes-unit", "un-fact-finding-mission", "public")


@dataclass(frozen=True)
class Text:
    """A string with its language (BCP 47: ``fa``, ``en``, ``sv``) and script (ISO 15924)."""

    value: str
    lang: str
    script: str = "Latn"


@dataclass(frozen=True)
class Ref:
    """Where a fact comes from: a source id and a locator inside it (page, row, segment)."""

    source: str
    locator: str | None = None


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    kind: str  # one of SOURCE_KINDS
    publisher: str | None = None  # organization id
    date: str | None = None  # EDTF
    language: str | None = None
    path: str | None = None  # file holding it, relative to the output folder


@dataclass(frozen=True)
class Place:
    id: str
    kind: str  # one of PLACE_KINDS
    names: tuple[Text, ...]
    source: Ref
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, or the user-assigned XA for the fiction
    description: str | None = None


@dataclass(frozen=True)
class Organization:
    id: str
    kind: str  # one of ORGANIZATION_KINDS
    names: tuple[Text, ...]
    source: Ref
    parent: str | None = None
    place: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Person:
    """A person the case knows of: an official, a witness (by pseudonym), a named victim.

    Victims named in lists are *not* here: each list row becomes a person when the list is
    imported. Victims here are those named in testimony and documents, sourced to the segment or
    page that names them.
    """

    id: str
    names: tuple[Text, ...]
    source: Ref
    roles: tuple[str, ...] = ()  # official | witness | victim | interviewer | interpreter
    gender: str | None = None  # male | female
    birth_date: str | None = None  # EDTF
    father_name: tuple[Text, ...] = ()
    nationality: tuple[str, ...] = ()
    affiliation: str | None = None  # organization id
    sensitivity: str = "public"


@dataclass(frozen=True)
class Position:
    id: str
    person: str
    organization: str
    title: tuple[Text, ...]
    start: str | None
    end: str | None
    source: Ref
    kind: str | None = None  # one of POSITION_KINDS


@dataclass(frozen=True)
class Presence:
    """Where a person was present or lived, and when (EDTF; ``2019-11-09/..`` is still there)."""

    id: str
    person: str
    kind: str  # present | resident
    country: str  # ISO alpha-2
    start: str
    end: str | None
    source: Ref
    place: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    kind: str  # one of EVENT_KINDS; waves are mass executions that are part of the campaign
    titles: tuple[Text, ...]
    start: str
    end: str
    places: tuple[str, ...]
    source: Ref
    part_of: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Violation:
    id: str
    victim: str  # person id
    act: str  # one of ACTS
    source: Ref
    event: str | None = None
    date: str | None = None  # EDTF
    place: str | None = None


@dataclass(frozen=True)
class Involvement:
    id: str
    actor: str  # person or organization id
    target: str  # event or violation id
    role: str  # one of ROLES
    source: Ref
    note: str | None = None


@dataclass(frozen=True)
class Assertion:
    """One more claim about an entity, from a source that disagrees with or adds to another."""

    entity: str
    prop: str
    value: str
    source: Ref
    note: str | None = None


@dataclass(frozen=True)
class VictimList:
    """One documenting group's list, as the file holds it.

    ``columns`` maps the demo's field names (``given_name``, ``surname``, ``full_name``,
    ``father_name``, ``birth_year``, ``birth_year_sh``, ``age``, ``gender``, ``affiliation``,
    ``prison``, ``arrest_date``, ``death_date``, ``burial_place``, ``city``, ``record_id``,
    ``notes``, ``name_fa``, ``name_latin``) to the column names used in this file. ``rows``
    are the cells as written, in ``header`` order, one tuple per data row (file order).
    """

    id: str
    source: str
    holder: str  # organization id
    path: str
    format: str  # csv | tsv | xlsx
    encoding: str | None  # Python codec name; None for xlsx
    delimiter: str | None
    line_terminator: str | None
    sheet: str | None
    header: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]
    id_column: str | None
    calendar: str  # solar-hijri | gregorian | mixed
    digits: str  # persian | ascii
    script: str  # Arab | Latn | mixed
    rows: tuple[tuple[str, ...], ...]
    description: str = ""

    def column(self, field_name: str) -> str | None:
        return dict(self.columns).get(field_name)

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Withdrawal:
    recipient: str
    date: str
    reason: str


@dataclass(frozen=True)
class Consent:
    uses: tuple[str, ...]
    recipients: tuple[str, ...]
    given: str  # date
    withdrawals: tuple[Withdrawal, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Relative:
    name: tuple[Text, ...]
    relation: str
    location: str


@dataclass(frozen=True)
class ProtectedDetails:
    """A witness's identity: every field is a ``protected`` claim, encrypted at rest."""

    real_name: tuple[Text, ...]
    contact: tuple[str, ...]
    location: str
    relatives: tuple[Relative, ...]


@dataclass(frozen=True)
class Witness:
    code: str  # W-0001: the only name used outside the protected registry
    person: str  # person id
    kind: str  # survivor | relative | former-guard | cemetery-worker
    gender: str
    birth_year: int
    languages: tuple[str, ...]
    risk: str  # low | medium | high
    measures: tuple[str, ...]
    protected: ProtectedDetails
    consent: Consent
    prison: str | None = None  # place id of the prison the witness knows
    residence_country: str | None = None  # ISO alpha-2 (not protected: the city is)


@dataclass(frozen=True)
class Mention:
    kind: str  # person | place | organization | event | date
    text: str
    ref: str | None = None  # id, or EDTF for dates


@dataclass(frozen=True)
class Segment:
    index: int  # 1-based
    text: str  # in the testimony's language
    translation: str | None  # English, for non-English testimony
    mentions: tuple[Mention, ...] = ()
    start_s: float | None = None  # time range in the recording, when there is one
    end_s: float | None = None


@dataclass(frozen=True)
class Testimony:
    id: str
    source: str
    witness: str  # witness code
    date: str
    place: str  # place id
    language: str
    interviewers: tuple[str, ...]  # person ids
    interpreter: str | None  # person id
    segments: tuple[Segment, ...]
    path: str
    recording: str | None = None  # evidence id
    transcript: str | None = None  # evidence id
    prior: str | None = None  # an earlier testimony of the same witness


@dataclass(frozen=True)
class EvidenceFile:
    id: str
    source: str
    path: str
    media_type: str
    title: str
    description: str
    sha256: str
    size: int
    created: str | None = None  # ISO 8601 / EDTF
    collector: str | None = None
    method: str | None = None
    lat: float | None = None
    lon: float | None = None
    duration_s: float | None = None
    derived_from: str | None = None  # evidence id
    derivation: str | None = None  # transcript | translation
    language: str | None = None


@dataclass(frozen=True)
class AllegationSpec:
    """A ready-made allegation for the legal-analysis demonstration (issue 5)."""

    suspect: str
    crime: str
    mode: str
    events: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Truth:
    """Ground truth for evaluation. Never load any of it into a case."""

    dir: Path
    true_total: int
    victims_path: Path
    rows_path: Path
    mentions_path: Path
    capture_path: Path
    summary_path: Path
    row_victim: dict[tuple[str, int], str]  # (list id, 1-based data row) -> victim id
    mention_victim: dict[str, str]  # person id of a victim named in testimony/document -> victim id
    captured_by: dict[str, tuple[str, ...]]  # victim id -> list ids holding them
    victim_prison: dict[str, str]  # victim id -> prison place id


@dataclass
class Materials:
    seed: int
    scale: float
    root: Path
    country: str
    sources: list[Source] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    presences: list[Presence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    lists: list[VictimList] = field(default_factory=list)
    witnesses: list[Witness] = field(default_factory=list)
    testimonies: list[Testimony] = field(default_factory=list)
    evidence: list[EvidenceFile] = field(default_factory=list)
    allegation: AllegationSpec | None = None
    truth: Truth | None = None

    def path(self, relative: str) -> Path:
        return self.root / relative
