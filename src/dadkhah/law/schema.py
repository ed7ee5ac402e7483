"""The schema of the knowledge-base files, declared once as strict pydantic models.

Every model forbids unknown fields, so a misspelt key is an error rather than a silent default.
``json_schema(kind)`` exports the same declaration as JSON Schema for editors and other tools.
Every entry that states a legal fact carries a :class:`Source` with its citation and confidence.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from dadkhah.law.dates import PartialDate

Confidence = Literal["V", "K", "U"]
ElementKind = Literal["material", "mental", "contextual"]
Act = Literal["killing", "imprisonment", "torture", "persecution", "disappearance", "inhumane_act"]
OfficeKind = Literal["head_of_state", "head_of_government", "foreign_minister", "other_official"]
BasisKind = Literal[
    "universal", "presence", "residence", "active_nationality", "passive_nationality", "victim_residence"
]

ACTS: tuple[str, ...] = Act.__args__  # type: ignore[attr-defined]
OFFICE_KINDS: tuple[str, ...] = OfficeKind.__args__  # type: ignore[attr-defined]

CRIME_CODE = re.compile(r"^RS\.\d+(\.\d+)?\.[a-z]$")
MODE_CODE = re.compile(r"^RS\.(25\.3\.[a-f](\.[a-z]+)?|28\.[ab])$")


def _country(value: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError("expected an ISO 3166-1 alpha-2 country code in capitals, e.g. SE")
    if pycountry.countries.get(alpha_2=value) is None:
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code")
    return value


Country = Annotated[str, AfterValidator(_country)]
Partial = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    PlainSerializer(lambda value: value.text, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, arbitrary_types_allowed=True, populate_by_name=True
    )


class Source(Strict):
    """Where a statement comes from and how sure we are: V verified, K general knowledge, U unverified."""

    cite: Text
    conf: Confidence
    url: str | None = None
    note: str | None = None


# --- crimes -------------------------------------------------------------------------------------


class SubElement(Strict):
    no: Annotated[str, Field(pattern=r"^[0-9a-z]+(\.[0-9a-z]+)*$")]
    text: Text
    label: str | None = None
    source: Source | None = None


class MeansOfProof(Strict):
    code: Annotated[str, Field(pattern=r"^P\.\d+(\.\d+)*$")]
    text: Text


class ElementSpec(Strict):
    """One numbered element: its own text, or a reference to a shared contextual element."""

    no: Annotated[int, Field(ge=1)]
    kind: ElementKind | None = None
    text: str | None = None
    context: str | None = None
    notes: list[str] = []
    source: Source | None = None
    sub_elements: list[SubElement] = []
    means_of_proof: list[MeansOfProof] = []

    @model_validator(mode="after")
    def _text_or_context(self) -> ElementSpec:
        if self.context is None and (self.kind is None or not self.text):
            raise ValueError("an element needs 'kind' and 'text', or a 'context' reference")
        if self.context is not None and (self.kind is not None or self.text is not None):
            raise ValueError("an element with 'context' takes its kind and text from that context")
        return self


class ContextSpec(Strict):
    code: Annotated[str, Field(pattern=r"^RS\.\d+\.C\d+$")]
    label: Text
    kind: Literal["contextual"]
    text: Text
    source: Source
    notes: list[str] = []
    sub_elements: list[SubElement] = []


class GeneralRule(Strict):
    code: Text
    title: Text
    text: Text
    source: Source


class CrimeSpec(Strict):
    code: Annotated[str, Field(pattern=CRIME_CODE.pattern)]
    article: Text
    title: Text
    category: Literal["crime_against_humanity", "genocide"]
    act: Act
    art30: bool = False
    continuing: bool = False
    source: Source
    notes: list[str] = []
    elements: Annotated[list[ElementSpec], Field(min_length=1)]

    @model_validator(mode="after")
    def _numbered_in_order(self) -> CrimeSpec:
        numbers = [e.no for e in self.elements]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"elements must be numbered 1, 2, 3 ... in order; found {numbers}")
        return self


class CrimesFile(Strict):
    kind: Literal["crimes"]
    as_of: date
    general: list[GeneralRule] = []
    contexts: list[ContextSpec] = []
    crimes: list[CrimeSpec]


# --- modes of liability -------------------------------------------------------------------------


class ModeElementSpec(Strict):
    no: Annotated[int, Field(ge=1)]
    kind: Literal["material", "mental"]
    text: Text
    group: str | None = None
    notes: list[str] = []
    source: Source | None = None


class ModeSpec(Strict):
    code: Annotated[str, Field(pattern=MODE_CODE.pattern)]
    article: Text
    title: Text
    source: Source
    authorities: list[Source] = []
    notes: list[str] = []
    elements: Annotated[list[ModeElementSpec], Field(min_length=1)]

    @model_validator(mode="after")
    def _numbered_in_order(self) -> ModeSpec:
        numbers = [e.no for e in self.elements]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"elements must be numbered 1, 2, 3 ... in order; found {numbers}")
        return self


class ModesFile(Strict):
    kind: Literal["modes"]
    as_of: date
    modes: list[ModeSpec]


# --- immunities ---------------------------------------------------------------------------------


class ImmunityRule(Strict):
    code: Annotated[str, Field(pattern=r"^IMM\.[A-Z]+$")]
    title: Text
    type: Literal["personae", "materiae", "international_court"]
    offices: Annotated[list[OfficeKind], Field(min_length=1)]
    exceptions: list[str] = []
    text: Text
    source: Source
    applied_in: list[Source] = []
    notes: list[str] = []


class ImmunitiesFile(Strict):
    kind: Literal["immunities"]
    as_of: date
    rules: list[ImmunityRule]


# --- forums -------------------------------------------------------------------------------------

FORUM_CODE = r"^([A-Z]{2}|ICC|UN\.[A-Z]+(-[A-Z]+)*)$"
LOCAL_CODE = r"^[A-Z]+(\.[A-Z0-9]+(-[A-Z0-9]+)*)+$"


class Limitation(Strict):
    applies: bool
    years: Annotated[int, Field(ge=1)] | None = None
    text: Text
    source: Source


class Offence(Strict):
    """A national (or ICC) offence: which conduct it reaches and from when (non-retroactivity)."""

    code: Annotated[str, Field(pattern=LOCAL_CODE)]
    title: Text
    covers: Annotated[list[str], Field(min_length=1)]
    armed_conflict: bool = False
    in_force: Partial | None
    in_force_source: Source | None = None
    source: Source
    limitation: Limitation | None = None
    notes: list[str] = []

    @model_validator(mode="after")
    def _unknown_date_explained(self) -> Offence:
        if self.in_force is None and self.in_force_source is None:
            raise ValueError("when in_force is null, in_force_source must say why the date is unknown")
        return self


class DoubleCriminality(Strict):
    required: bool | None
    text: str | None = None
    source: Source


class Basis(Strict):
    """A jurisdictional link: what connects the forum to the case."""

    code: Annotated[str, Field(pattern=LOCAL_CODE)]
    kind: BasisKind
    title: Text
    offences: list[str] | None = None
    valid_from: Partial | None = None
    valid_to: Partial | None = None
    double_criminality: DoubleCriminality | None = None
    source: Source


class Unrecorded(Strict):
    """A route the data leaves out on purpose: an offence or a jurisdictional basis that could apply.

    The engine never lets the absence of such a route decide a bar: a crime it ``covers`` (an
    offence) or a recorded offence it could link (a basis) comes out *uncertain* unless a recorded
    rule fails. What is known of the route's link may be given: ``bases`` (recorded bases that
    would serve it) or ``link`` (the kind of link it needs, per ``source``); with neither, its link
    is unknown too.
    """

    code: Annotated[str, Field(pattern=LOCAL_CODE)]
    what: Literal["offence", "basis"]
    title: Text
    text: Text
    covers: list[str] | None = None
    bases: list[str] | None = None
    link: BasisKind | None = None
    offences: list[str] | None = None
    source: Source

    @model_validator(mode="after")
    def _fields_fit_what(self) -> Unrecorded:
        if self.what == "offence":
            if not self.covers:
                raise ValueError("an unrecorded offence needs 'covers': the crimes it could reach")
            if self.offences is not None:
                raise ValueError("'offences' is for an unrecorded basis; use 'covers' for an offence")
            if self.bases is not None and self.link is not None:
                raise ValueError("give 'bases' or 'link', not both")
        elif self.covers is not None or self.bases is not None or self.link is not None:
            raise ValueError(
                "an unrecorded basis takes only 'offences' (the recorded offences it could link)"
            )
        return self


class PresenceRule(Strict):
    rule: Literal["none", "present", "resident"]
    text: str | None = None
    source: Source


class TrialPresence(Strict):
    rule: Literal["required", "in_absentia", "limited"]
    text: str | None = None
    source: Source


class Authorisation(Strict):
    text: Text
    source: Source


class Discretion(Strict):
    text: Text
    applies_when_absent_without_link: bool = False
    source: Source


class Procedure(Strict):
    investigation_presence: PresenceRule
    trial_presence: TrialPresence
    authorisation: Authorisation | None = None
    discretion: Discretion | None = None
    double_criminality: DoubleCriminality | None = None


class CaseRef(Strict):
    title: Text
    court: Text
    date: Partial
    outcome: Text
    source: Source


class ForumBase(Strict):
    kind: Literal["forum"]
    code: Annotated[str, Field(pattern=FORUM_CODE)]
    name: Text
    as_of: date
    source: Source
    notes: list[str] = []


class NationalForum(ForumBase):
    type: Literal["national"]
    state: Country
    offences: Annotated[list[Offence], Field(min_length=1)]
    bases: Annotated[list[Basis], Field(min_length=1)]
    procedure: Procedure
    immunity: list[str] = []
    cases: list[CaseRef] = []
    unrecorded: list[Unrecorded] = []

    @model_validator(mode="after")
    def _code_is_state(self) -> NationalForum:
        if self.code != self.state:
            raise ValueError(f"a national forum's code must be its state code ({self.state})")
        return self


class Precondition(Strict):
    text: Text
    source: Source


class Preconditions(Strict):
    territory_or_nationality: Precondition
    declaration: Precondition
    later_party: Precondition
    security_council: Precondition


class PartyEntry(Strict):
    state: Country
    status: Literal["party", "signatory", "non_signatory", "withdrawn"]
    in_force: date | None = None
    signed: date | None = None
    source: Source

    @model_validator(mode="after")
    def _party_has_date(self) -> PartyEntry:
        if self.status == "party" and self.in_force is None:
            raise ValueError("a party needs the date the Statute entered into force for it (in_force)")
        return self


class Declaration(Strict):
    state: Country
    lodged: date
    from_: Annotated[date, Field(alias="from")]
    to: date | None = None
    source: Source


class Referral(Strict):
    territory: Country
    by: Literal["security_council"]
    from_: Annotated[date, Field(alias="from")]
    text: Text
    source: Source


class InternationalForum(ForumBase):
    type: Literal["international"]
    offences: Annotated[list[Offence], Field(min_length=1)]
    preconditions: Preconditions
    parties: list[PartyEntry] = []
    declarations: list[Declaration] = []
    referrals: list[Referral] = []
    procedure: Procedure
    immunity: list[str] = []
    cases: list[CaseRef] = []


class Accepts(Strict):
    crimes: list[str] | Literal["any"]
    territories: list[Country] | Literal["any"]
    from_: Annotated[date | None, Field(alias="from")] = None
    to: date | None = None
    purpose: Text
    who_may_submit: Text
    who_may_submit_source: Source | None = None
    conditions: list[str] = []
    requires_unresolved: bool = False


class Established(Strict):
    text: Text
    source: Source


class UnMechanism(ForumBase):
    type: Literal["un_mechanism"]
    accepts: Accepts
    established: Established | None = None


Forum = NationalForum | InternationalForum | UnMechanism
FORUM_TYPES: dict[str, type[NationalForum] | type[InternationalForum] | type[UnMechanism]] = {
    "national": NationalForum,
    "international": InternationalForum,
    "un_mechanism": UnMechanism,
}
FILE_KINDS: dict[str, type[Strict]] = {
    "crimes": CrimesFile,
    "modes": ModesFile,
    "immunities": ImmunitiesFile,
    **FORUM_TYPES,
}


def json_schema(kind: str) -> dict[str, Any]:
    """JSON Schema for one kind of file: crimes, modes, immunities, national, international, un_mechanism."""
    if kind == "scenario":
        from dadkhah.law.scenario import ScenarioFile

        return ScenarioFile.model_json_schema(by_alias=True)
    return FILE_KINDS[kind].model_json_schema(by_alias=True)
