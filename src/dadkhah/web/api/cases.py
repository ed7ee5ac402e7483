"""Testimony, witnesses, allegations and the case matrix, forums, and the custody log."""

from __future__ import annotations

import base64
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query
from sqlalchemy import select

from dadkhah import testimony
from dadkhah.errors import InputError, NotFound
from dadkhah.store import captions
from dadkhah.store.tables import entities
from dadkhah.web.api import router
from dadkhah.web.api.models import NewAllegation, NewProof
from dadkhah.web.guard import Caller, caller, needs

api = router("case")


# -- testimony ---------------------------------------------------------------------------------


@api.get("/testimonies", **needs("read"))
def testimonies(who: Caller = Depends(caller)) -> dict[str, Any]:
    """Testimonies the caller may read (consent decides for each), oldest first."""
    with who.read() as (conn, red):
        rows = testimony.list_testimonies(conn, who.state.case.model, red)
        return {"items": rows, "withheld": red.notices()}


@api.get("/testimonies/{testimony_id}", **needs("read"))
def get_testimony(testimony_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
    """A testimony with its segments, their translations, and the claims citing each segment."""
    with who.read() as (conn, red):
        return testimony.view_testimony(conn, who.state.case.model, red, testimony_id[:64])


@api.get("/witnesses", **needs("read"))
def witnesses(who: Caller = Depends(caller)) -> dict[str, Any]:
    """The witness registry by code (real names never listed; see a witness for cleared details)."""
    with who.read() as (conn, red):
        return {"items": testimony.witness_rows(conn, who.state.case.model, red), "withheld": red.notices()}


@api.get("/witnesses/{code}", **needs("read"))
def witness(code: str, who: Caller = Depends(caller)) -> dict[str, Any]:
    """One witness as the caller may see them: identity only with protected clearance and the key."""
    with who.read() as (conn, red):
        return testimony.witness_view(conn, who.state.case.model, red, code[:64])


# -- allegations, the matrix, forums ------------------------------------------------------------


def allegation_rows(who: Caller) -> list[dict[str, Any]]:
    case = who.state.case
    with who.read() as (conn, red):
        ids = [r[0] for r in conn.execute(select(entities.c.id).where(entities.c.schema == "Allegation"))]
        ids = [i for i in ids if red.entity(i) is None]
        names = captions(conn, case.model, ids, red.reader, redact=red)
    return [{"id": i, "title": names.get(i, i)} for i in sorted(ids)]


@api.get("/allegations", **needs("read"))
def allegations(who: Caller = Depends(caller)) -> dict[str, Any]:
    """The allegations of the case."""
    return {"items": allegation_rows(who)}


@api.post("/allegations", status_code=201, **needs("write"))
def new_allegation(body: NewAllegation, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Frame an allegation: suspect, crime, mode of liability, and its scope."""
    from dadkhah import law

    with who.write() as w:
        made = law.allege(
            w,
            suspect=body.suspect.upper(),
            crime=body.crime,
            mode=body.mode,
            events=[e.upper() for e in body.events],
            violations=[v.upper() for v in body.violations],
            title=body.title,
            source=body.source.upper() if body.source else None,
        )
    return {"id": made}


@api.get("/allegations/{allegation_id}/matrix", **needs("read"))
def matrix(allegation_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Every element of the allegation with its evidence, independent sources and status, gaps first."""
    from dadkhah import law

    built = law.build_matrix(who.state.case, allegation_id[:64].upper(), who.reader)
    return built.to_dict()


@api.post("/allegations/{allegation_id}/proofs", status_code=201, **needs("write"))
def new_proof(allegation_id: str, body: NewProof, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Link a claim, a testimony segment or an evidence item to an element of the allegation."""
    from dadkhah import law

    with who.write() as w:
        made = law.prove(
            w,
            allegation_id[:64].upper(),
            body.element,
            claim=body.claim,
            segment=body.segment,
            item=body.item,
            relation=body.relation,
            reliability=body.reliability,
            credibility=body.credibility,
            note=body.note,
            reader=who.reader,
        )
    return dict(made.to_dict())


@api.get("/forums", **needs("read"))
def forums(
    suspect: Annotated[str, Query(min_length=1, max_length=64)],
    as_of: Annotated[date | None, Query()] = None,
    who: Caller = Depends(caller),
) -> dict[str, Any]:
    """Which courts and UN mechanisms could act against a suspect in the case, and what stands in the way."""
    from dadkhah import law

    kb = law.default()
    found = law.case_facts(who.state.case, suspect.upper(), as_of, who.reader, kb)
    results = law.analyse(found.scenario, kb, None)
    return {"suspect": suspect.upper(), **found.to_dict(), "forums": [r.to_dict() for r in results]}


# -- the custody log ----------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@api.get("/custody", **needs("read"))
def custody(who: Caller = Depends(caller)) -> dict[str, Any]:
    """The log's size, its checkpoints (newest last) and its public key."""
    case = who.state.case
    with case.reading() as conn:
        size = case.custody.tree(conn).size
        kept = case.custody.checkpoints(conn)
    public = case.custody.public_key()
    return {
        "size": size,
        "checkpoints": [cp.to_dict() for cp in kept[-20:]],
        "origin": public.origin,
        "verifier_key": str(public.verifier),
        "public_key_pem": public.pem,
    }


@api.post("/custody/checkpoints", status_code=201, **needs("write"))
def checkpoint(who: Caller = Depends(caller)) -> dict[str, Any]:
    """Sign a checkpoint of the log now (the signing key's passphrase comes from the server's environment)."""
    return who.state.case.custody.checkpoint().to_dict()


@api.get("/custody/leaves/{index}/proof", **needs("read"))
def proof(index: int, who: Caller = Depends(caller)) -> dict[str, Any]:
    """The inclusion proof of one leaf in the latest checkpoint, with the leaf's bytes."""
    case = who.state.case
    if index < 0:
        raise InputError("must not be negative", field="index")
    with case.reading() as conn:
        latest = case.custody.latest(conn)
        if index >= latest.size:
            raise NotFound(f"leaf {index} is not in the latest checkpoint (size {latest.size})")
        tree = case.custody.tree(conn)
        leaf = tree.leaf(index)
        path = tree.inclusion_proof(index, latest.size)
    return {
        "checkpoint": latest.to_dict(),
        "index": index,
        "leaf": _b64(leaf.data),
        "leaf_hash": _b64(leaf.leaf_hash),
        "proof": [_b64(h) for h in path],
    }


@api.get("/custody/consistency", **needs("read"))
def consistency(
    old_size: Annotated[int, Query(ge=0, le=2**53)], who: Caller = Depends(caller)
) -> dict[str, Any]:
    """The proof that the log of ``old_size`` leaves is a prefix of the latest checkpoint's."""
    case = who.state.case
    with case.reading() as conn:
        latest = case.custody.latest(conn)
        if old_size > latest.size:
            raise InputError(f"must be at most the latest checkpoint's size {latest.size}", field="old_size")
        path = case.custody.tree(conn).consistency_proof(old_size, latest.size)
    return {"old_size": old_size, "checkpoint": latest.to_dict(), "proof": [_b64(h) for h in path]}
