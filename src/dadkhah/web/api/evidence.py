"""Evidence: streaming upload (hash returned), originals (each opening is a custody event),
custody history and verification."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse

from dadkhah.errors import IntegrityError, NotFound
from dadkhah.log import custody_event, decode_event, verify_inclusion
from dadkhah.log.case_log import actor_id
from dadkhah.store.reading import entity_view
from dadkhah.vault import ingest_file
from dadkhah.web.api import router
from dadkhah.web.guard import Caller, caller, needs
from dadkhah.web.uploads import receive

api = router("evidence")

INLINE = ("image/", "audio/", "video/", "application/pdf", "text/plain")

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "description": "The file's bytes. Send its name in X-Filename (percent-encoded UTF-8).",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def item_subject(item_id: str) -> str:
    return f"item:{item_id}"


@api.post("/evidence", status_code=201, **needs("write", **UPLOAD_BODY))
async def upload(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Upload a file into the vault; answers with its evidence item and SHA-256/SHA-512."""
    settings = who.state.settings
    got = await receive(request, limit=settings.max_upload_bytes, allowed=settings.upload_types)
    title = unquote(request.headers.get("x-title") or "", errors="replace").strip()[:500] or None
    try:
        item = await run_in_threadpool(
            ingest_file,
            who.state.case,
            got.path,
            title=title,
            author=who.name,
            collector=who.name,
            method="uploaded through the web application",
        )
    finally:
        got.discard()
    stored = await run_in_threadpool(_hashes, who, item)
    if stored["sha256"] != got.sha256:
        raise IntegrityError(f"evidence item {item}: the stored bytes do not hash as received")
    return {"id": item, "size": got.size, "media_type": got.media_type, **stored}


def _hashes(who: Caller, item: str) -> dict[str, str]:
    case = who.state.case
    with who.read() as (conn, red):
        view = entity_view(conn, case.model, item, red.reader, redact=red)
    return {
        p: view.properties[p].current.value for p in ("sha256", "sha512", "mediaType") if p in view.properties
    }


def _item(who: Caller, item_id: str) -> dict[str, str]:
    """The item's hashes and type, if the caller may see the item (NotFound/AccessDenied otherwise)."""
    case = who.state.case
    item_id = item_id[:64].strip().upper()
    with who.read() as (conn, red):
        view = entity_view(conn, case.model, item_id, red.reader, redact=red)
    if view.schema != "EvidenceItem" or "sha256" not in view.properties:
        raise NotFound(f"no stored file for {item_id[:40]}")
    found = {
        p: v.current.value
        for p, v in view.properties.items()
        if p in ("sha256", "sha512", "mediaType", "title")
    }
    return {"id": item_id, **found}


@api.get("/evidence/{item_id}/original", **needs("read"))
def original(item_id: str, request: Request, who: Caller = Depends(caller)) -> FileResponse:
    """The original bytes, unmodified. Opening an original (not a later part of it) is recorded in
    the custody log, with who opened it."""
    found = _item(who, item_id)
    case = who.state.case
    path = case.blobs.path_of(found["sha256"])
    if not path.is_file():
        raise NotFound(f"the bytes of {found['id']} are missing from the blob store")
    ranged = request.headers.get("range", "")
    if not ranged or ranged.replace(" ", "").startswith("bytes=0-"):
        event = custody_event(
            "opened",
            at=datetime.now(UTC),
            actor=actor_id(who.name),
            subjects=[item_subject(found["id"]), f"blob:sha256:{found['sha256']}"],
            hashes={"sha256": found["sha256"]},
            fields={"purpose": "viewed in the web application"},
        )
        case.custody.record(event)
    media = found.get("mediaType") or "application/octet-stream"
    inline = media.startswith(INLINE)
    return FileResponse(
        path,
        media_type=media if inline else "application/octet-stream",
        headers={
            "content-disposition": "inline" if inline else f'attachment; filename="{found["id"]}"',
            "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; media-src 'self'",
            "cache-control": "private, no-store",
        },
    )


@api.get("/evidence/{item_id}/custody", **needs("read"))
def custody(item_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Every custody event about the item, oldest first, and whether a checkpoint covers it."""
    found = _item(who, item_id)
    case = who.state.case
    with case.reading() as conn:
        tree = case.custody.tree(conn)
        indices = case.custody.leaves_about(conn, [item_subject(found["id"])])
        checkpoints = case.custody.checkpoints(conn)
        events = [(i, decode_event(tree.leaf(i).data, index=i)) for i in indices]
    latest = checkpoints[-1].size if checkpoints else 0
    return {
        "item": found["id"],
        "events": [{"index": i, "covered": i < latest, **e} for i, e in events],
        "checkpoint_size": latest,
    }


@api.post("/evidence/{item_id}/verify", **needs("read"))
def verify(item_id: str, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Re-hash the stored bytes against the item's recorded hashes, and check each custody event's
    inclusion proof against the latest signed checkpoint."""
    found = _item(who, item_id)
    case = who.state.case
    h256, h512 = hashlib.sha256(), hashlib.sha512()
    try:
        with case.blobs.open(found["sha256"]) as stream:
            while chunk := stream.read(4 << 20):
                h256.update(chunk)
                h512.update(chunk)
    except NotFound:
        return {"item": found["id"], "ok": False, "bytes": "missing", "events": []}
    bytes_ok = h256.hexdigest() == found["sha256"] and (
        "sha512" not in found or h512.hexdigest() == found["sha512"]
    )
    results = []
    with case.reading() as conn:
        tree = case.custody.tree(conn)
        checkpoints = case.custody.checkpoints(conn)
        indices = case.custody.leaves_about(conn, [item_subject(found["id"])])
        if checkpoints:
            latest = checkpoints[-1]
            key = case.custody.public_key().verifier
            for i in indices:
                if i >= latest.size:
                    results.append({"index": i, "proven": None, "why": "newer than the latest checkpoint"})
                    continue
                try:
                    verify_inclusion(
                        tree.leaf(i).data, i, tree.inclusion_proof(i, latest.size), latest.note, key
                    )
                    results.append({"index": i, "proven": True})
                except IntegrityError as exc:
                    results.append({"index": i, "proven": False, "why": str(exc)})
    ok = bytes_ok and all(r["proven"] is not False for r in results)
    return {
        "item": found["id"],
        "ok": ok,
        "bytes": "match" if bytes_ok else "altered",
        "sha256": found["sha256"],
        "computed_sha256": h256.hexdigest(),
        "checkpoint_size": checkpoints[-1].size if checkpoints else 0,
        "events": results,
    }
