"""Request bodies of the API (responses are plain JSON objects, described in each route's doc)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Text = Annotated[str, Field(max_length=20_000)]
Short = Annotated[str, Field(min_length=1, max_length=200)]
Id = Annotated[str, Field(min_length=1, max_length=64)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Login(Body):
    user: Short
    password: Annotated[str, Field(min_length=1, max_length=1024)]
    otp: Annotated[str | None, Field(max_length=12)] = None


class NewEntity(Body):
    schema_: Annotated[str, Field(alias="schema", min_length=1, max_length=64)]
    values: dict[Annotated[str, Field(max_length=64)], list[Text]] = Field(
        default_factory=dict, max_length=64
    )
    source: Id | None = None
    locator: Annotated[str | None, Field(max_length=2000)] = None
    evidence: Id | None = None
    sensitivity: Annotated[str | None, Field(max_length=20)] = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class NewClaim(Body):
    prop: Annotated[str, Field(min_length=1, max_length=64)]
    value: Text
    source: Id | None = None
    locator: Annotated[str | None, Field(max_length=2000)] = None
    evidence: Id | None = None
    sensitivity: Annotated[str | None, Field(max_length=20)] = None


class Supersede(Body):
    value: Text
    reason: Annotated[str, Field(min_length=1, max_length=2000)]
    source: Id | None = None
    locator: Annotated[str | None, Field(max_length=2000)] = None
    evidence: Id | None = None


class Retract(Body):
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class Search(Body):
    q: Annotated[str, Field(min_length=1, max_length=500)]
    type: Annotated[str | None, Field(max_length=64)] = None
    limit: Annotated[int, Field(ge=1, le=200)] = 20


class NewToken(Body):
    label: Short
    days: Annotated[int | None, Field(ge=1, le=3650)] = None


class TotpCode(Body):
    code: Annotated[str, Field(min_length=1, max_length=12)]


class NewAllegation(Body):
    suspect: Id
    crime: Annotated[str, Field(min_length=1, max_length=64)]
    mode: Annotated[str, Field(min_length=1, max_length=64)]
    events: list[Id] = Field(default_factory=list, max_length=200)
    violations: list[Id] = Field(default_factory=list, max_length=2000)
    title: Annotated[str | None, Field(max_length=500)] = None
    source: Id | None = None


class NewProof(Body):
    element: Annotated[str, Field(min_length=1, max_length=64)]
    relation: Annotated[str, Field(min_length=1, max_length=16)]
    claim: Id | None = None
    segment: Annotated[str | None, Field(max_length=64)] = None
    item: Id | None = None
    reliability: Annotated[str | None, Field(max_length=1)] = None
    credibility: Annotated[str | None, Field(max_length=1)] = None
    note: Annotated[str | None, Field(max_length=5000)] = None


class NewEstimate(Body):
    table: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=1_000_000,
            description="capture table as CSV; none: the case's linked victims across its lists",
        ),
    ] = None
    method: Annotated[str, Field(max_length=16)] = "loglinear"
    title: Annotated[str | None, Field(max_length=200)] = None
