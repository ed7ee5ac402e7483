"""Entities and their claims: list, read (with sources, conflicts, history), add, correct, withdraw."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Query

from dadkhah.model import Sensitivity
from dadkhah.store import Locator, captions
from dadkhah.store.reading import entity_view
from dadkhah.store.search import search as search_claims
from dadkhah.web import data
from dadkhah.web.api import router
from dadkhah.web.api.models import NewClaim, NewEntity, Retract, Search, Supersede
from dadkhah.web.guard import Caller, caller, needs

api = router("entities")

Page = Annotated[int, Query(ge=1, le=100_000)]
Size = Annotated[int, Query(ge=1, le=data.MAX_PAGE)]
Ref = Annotated[str | None, Query(max_length=64)]


def _level(raw: str | None) -> Sensitivity | None:
    return Sensitivity.parse(raw) if raw else None


def _locator(raw: str | None) -> Locator | None:
    return Locator.parse(raw) if raw else None


@api.get("/schema", **needs("read"))
def schema(who: Caller = Depends(caller)) -> dict[str, Any]:
    """The entity types, their properties and vocabularies."""
    return who.state.case.model.to_dict()


@api.get("/summary", **needs("read"))
def summary(who: Caller = Depends(caller)) -> dict[str, Any]:
    """What the case holds, as the caller may see it."""
    case = who.state.case
    return {"case": case.name, **case.summary(who.reader).to_dict()}


@api.get("/entities", **needs("read"))
def list_entities(
    type: Ref = None, source: Ref = None, page: Page = 1, size: Size = 50, who: Caller = Depends(caller)
) -> dict[str, Any]:
    """A page of entities, newest first; filter by type (e.g. Person) and by the source they cite."""
    case = who.state.case
    with who.read() as (conn, red):
        return data.list_entities(conn, case.model, red, schema=type, source=source, page=page, size=size)


@api.post("/entities", status_code=201, **needs("write"))
def create_entity(body: NewEntity, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Create an entity with its first claims from one source."""
    with who.write() as w:
        entity_id = w.create(
            body.schema_,
            body.values,
            source=body.source.upper() if body.source else None,
            locator=_locator(body.locator),
            evidence=body.evidence.upper() if body.evidence else None,
            sensitivity=_level(body.sensitivity),
        )
    return {"id": entity_id}


@api.get("/entities/{entity_id}", **needs("read"))
def get_entity(entity_id: str, history: bool = False, who: Caller = Depends(caller)) -> dict[str, Any]:
    """An entity: current values with the claims and sources behind each, conflicts, references, history."""
    case = who.state.case
    with who.read() as (conn, red):
        view = entity_view(conn, case.model, entity_id[:64], red.reader, history=history, redact=red)
    return data.view_json(case.model, view)


@api.post("/entities/{entity_id}/claims", status_code=201, **needs("write"))
def add_claim(entity_id: str, body: NewClaim, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Add a claim: one property value of the entity, with its source."""
    with who.write() as w:
        made = w.claim(
            entity_id[:64].upper(),
            body.prop,
            body.value,
            source=body.source.upper() if body.source else None,
            locator=_locator(body.locator),
            evidence=body.evidence.upper() if body.evidence else None,
            sensitivity=_level(body.sensitivity),
        )
    return _own(made.to_dict(), who)


def _own(claim: dict[str, Any], who: Caller) -> dict[str, Any]:
    """A claim the caller just wrote, as they may read it back (a protected value is not echoed)."""
    if claim["sensitivity"] == Sensitivity.PROTECTED.label:
        claim = {**claim, "value": None, "original": None}
    return claim


@api.post("/claims/{claim_id}/supersede", status_code=201, **needs("write"))
def supersede(claim_id: str, body: Supersede, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Correct a claim; the old one stays in the history."""
    _readable_claim(claim_id, who)
    with who.write() as w:
        made = w.supersede(
            claim_id[:64].upper(),
            body.value,
            reason=body.reason,
            source=body.source.upper() if body.source else None,
            locator=_locator(body.locator),
            evidence=body.evidence.upper() if body.evidence else None,
        )
    return _own(made.to_dict(), who)


@api.post("/claims/{claim_id}/retract", status_code=201, **needs("write"))
def retract(claim_id: str, body: Retract, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Withdraw a claim with a reason; it stays in the history, marked retracted."""
    _readable_claim(claim_id, who)
    with who.write() as w:
        return w.retract(claim_id[:64].upper(), reason=body.reason).to_dict()


def _readable_claim(claim_id: str, who: Caller) -> None:
    """Refuse to act on a claim the caller may not see (as if it did not exist)."""
    from dadkhah.errors import NotFound
    from dadkhah.store import load_claim

    with who.read() as (conn, red):
        if red.claim(load_claim(conn, claim_id[:64])) is None:
            raise NotFound(f"no claim {claim_id[:40]}")


@api.post("/search", **needs("read"))
def search(body: Search, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Find entities by name or words in any script (the query travels in the body, never the URL)."""
    case = who.state.case
    kind = case.model.schema(body.type).name if body.type else None
    with who.read() as (conn, red):
        hits = search_claims(conn, body.q, red.reader, schema=kind, limit=body.limit, redact=red)
        names = captions(conn, case.model, [h.entity_id for h in hits], red.reader, redact=red)
        notices = red.notices()
    return {
        "hits": [
            {
                "id": h.entity_id,
                "schema": h.schema,
                "caption": names.get(h.entity_id, ""),
                "matched": h.prop,
                "value": h.value,
            }
            for h in hits
        ],
        "withheld": notices,
    }


@api.get("/geo", **needs("read"))
def geo(
    who: Caller = Depends(caller), lang: Annotated[Literal["en", "fa"], Query()] = "en"
) -> dict[str, Any]:
    """Places with coordinates as GeoJSON, each with the events there (kinds of place in ``lang``)."""
    with who.read() as (conn, red):
        return data.geo(conn, who.state.case.model, red, lang)


@api.get("/timeline", **needs("read"))
def timeline(who: Caller = Depends(caller)) -> dict[str, Any]:
    """Dated events for a timeline (uncertain dates as ranges)."""
    with who.read() as (conn, red):
        return data.timeline(conn, who.state.case.model, red)


@api.get("/graph", **needs("read"))
def graph(who: Caller = Depends(caller)) -> dict[str, Any]:
    """People, positions and organizations: the command structure."""
    with who.read() as (conn, red):
        return data.command_graph(conn, who.state.case.model, red)
