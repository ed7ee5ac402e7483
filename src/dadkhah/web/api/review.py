"""The linkage review queue: pairs of records that may be one person, decided by a reviewer.

The queue and the decisions belong to the linkage service (``dadkhah.linkage.review``): the
pairs of the latest ``dadkhah link`` run whose probability lies in its review band, nearest the
threshold first, shown as the caller may see them. A decision (same person, different people,
unsure) is recorded with the caller as its author and their reason, and the canonical victims
follow at once.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Query
from pydantic import Field

from dadkhah.web.api import router
from dadkhah.web.api.models import Body
from dadkhah.web.guard import Caller, caller, needs

api = router("linkage")
MAX_SHOWN = 200


class Decision(Body):
    decision: Literal["same", "different", "unsure"]
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


@api.get("/review", **needs("read"))
def queue(
    who: Caller = Depends(caller),
    limit: Annotated[int, Query(ge=1, le=MAX_SHOWN)] = 50,
    decided: bool = False,
) -> dict[str, Any]:
    """Pairs waiting for a reviewer's decision, nearest the clustering threshold first
    (``decided=true``: the decided pairs, latest first)."""
    from dadkhah.linkage import review_queue

    found = review_queue(who.state.case, who.reader, decided=decided, limit=limit)
    return {"available": True, **found.to_dict()}


@api.post("/review/{pair_id}/decision", **needs("write"))
def decide(pair_id: str, body: Decision, who: Caller = Depends(caller)) -> dict[str, Any]:
    """Record the caller's decision on a pair, with their reason; the canonical victims follow."""
    return record_decision(who, pair_id, body.decision, body.reason)


def record_decision(who: Caller, pair_id: str, verdict: str, reason: str) -> dict[str, Any]:
    from dadkhah.linkage import decide as decide_pair

    who.require_writer()  # decide opens its own writer
    report = decide_pair(
        who.state.case, pair_id[:64], verdict, reason=reason, author=who.name, reader=who.reader
    )
    return report.to_dict()
