"""Allegations: creating them with codes checked against the knowledge base, and reading them back.

An allegation is the analyst's own work product, not a fact found in a source. Its claims are
therefore sourced to an *analysis* Source: by default one per author, created on first use with
the title "Analysis by <author>" and the short code ``analysis:<author>`` (kind ``other``); a
``source`` may be given instead, e.g. a legal memorandum registered as a Source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from dadkhah.errors import AccessDenied, InputError, NotFound
from dadkhah.law._claims import CaseRead
from dadkhah.law.kb import Crime, Element, KnowledgeBase, Mode
from dadkhah.law.kb import default as default_kb
from dadkhah.store import Writer
from dadkhah.store.reading import is_current
from dadkhah.store.tables import claims, entities

PARTS = ("crime", "context", "mode")


@dataclass(frozen=True)
class Allegation:
    """An allegation as one reader sees it, with its crime and mode resolved in the knowledge base."""

    id: str
    title: str
    suspect: str
    crime: Crime
    mode: Mode
    events: tuple[str, ...]
    violations: tuple[str, ...]

    def elements(self) -> list[tuple[str, Element]]:
        """Every element in statutory order: the crime's (contextual ones marked), then the mode's."""
        out = [("context" if e.kind == "contextual" else "crime", e) for e in self.crime.elements]
        return out + [("mode", e) for e in self.mode.elements]

    def element(self, code: str) -> tuple[str, Element]:
        """An element of this allegation by its full code or its short label (``E1``, ``A30``, ``M2``)."""
        wanted = code.strip()
        for part, element in self.elements():
            short = element.code.rsplit(".", 1)[1]
            if wanted in (element.code, short):
                return part, element
        known = ", ".join(e.code.rsplit(".", 1)[1] for _, e in self.elements())
        raise InputError(
            f"'{wanted[:60]}' is not an element of {self.crime.code} by {self.mode.code} (elements: {known})",
            field="element",
        )


def analysis_source(writer: Writer) -> str:
    """The author's analysis Source, created on first use."""
    code = f"analysis:{writer.author}"[:128]
    query = (
        select(claims.c.entity_id)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(entities.c.schema == "Source", claims.c.prop == "code", claims.c.value == code, is_current())
        .order_by(claims.c.entity_id)
    )
    found = writer.conn.execute(query).scalar()
    if found:
        return str(found)
    return writer.create(
        "Source",
        {"title": f"Analysis by {writer.author}", "code": code, "kind": "other"},
    )


def allege(
    writer: Writer,
    *,
    suspect: str,
    crime: str,
    mode: str,
    events: Sequence[str] = (),
    violations: Sequence[str] = (),
    title: str | None = None,
    source: str | None = None,
    kb: KnowledgeBase | None = None,
) -> str:
    """Create an Allegation; codes are checked against the knowledge base. Returns its id."""
    kb = kb or default_kb()
    crime_entry = _known(kb.crime, crime, "crime")
    mode_entry = _known(kb.mode, mode, "mode")
    values: dict[str, object] = {
        "suspect": suspect.strip().upper(),
        "crime": crime_entry.code,
        "mode": mode_entry.code,
        "title": title or f"{crime_entry.title} — {mode_entry.title.lower()}",
    }
    if events:
        values["event"] = [e.strip().upper() for e in events]
    if violations:
        values["violation"] = [v.strip().upper() for v in violations]
    for field, ids in (("suspect", [values["suspect"]]), ("event", events), ("violation", violations)):
        for raw in ids:
            _exists(writer, str(raw).strip().upper(), field)
    return writer.create("Allegation", values, source=source or analysis_source(writer))


def _known(lookup, code: str, field: str):  # type: ignore[no-untyped-def]
    try:
        return lookup(code.strip())
    except NotFound as error:
        raise InputError(str(error), field=field) from None


def _exists(writer: Writer, entity_id: str, field: str) -> None:
    try:
        writer.schema_of(entity_id)
    except NotFound:
        raise InputError(f"no entity with id {entity_id[:40]}", field=field) from None


def load_allegation(read: CaseRead, allegation_id: str, kb: KnowledgeBase | None = None) -> Allegation:
    """Read an allegation as ``read``'s reader sees it; errors name the allegation's field at fault."""
    kb = kb or default_kb()
    ident = allegation_id.strip().upper()
    facts = read.fact(ident)
    if facts is None:
        raise NotFound(f"no allegation {allegation_id[:40]}")
    if facts.schema != "Allegation":
        raise InputError(f"{ident} is a {facts.schema}, not an Allegation", field="allegation")
    suspect, crime, mode = facts.value("suspect"), facts.value("crime"), facts.value("mode")
    if suspect is None or crime is None or mode is None:
        raise AccessDenied(f"allegation {ident} is not visible at this reader's clearance")
    return Allegation(
        id=ident,
        title=facts.value("title") or ident,
        suspect=suspect,
        crime=_known(kb.crime, crime, "crime"),
        mode=_known(kb.mode, mode, "mode"),
        events=tuple(sorted(facts.values("event"))),
        violations=tuple(sorted(facts.values("violation"))),
    )


def allegations_against(read: CaseRead, suspect: str) -> list[str]:
    """The allegations naming ``suspect`` that the reader may see."""
    return read.referring(suspect, "suspect", schema="Allegation")


__all__ = ["PARTS", "Allegation", "allegations_against", "allege", "analysis_source", "load_allegation"]
