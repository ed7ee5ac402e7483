"""Building a case file: read for the recipient, assemble the sections, decide the exhibits.

:func:`prepare` does everything up to the rendered HTML and PDF and changes nothing in the case
except, when the log has grown since, signing a checkpoint to prove the exhibits against. It is
deterministic: the same case state and options give byte-identical HTML. :func:`~dadkhah.dossier.
package.build_dossier` then records, packages and logs it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from dadkhah.access import Reader
from dadkhah.dossier.assemble import (
    Assembler,
    Dossier,
    EstimateView,
    ExhibitView,
    ForumAnalysis,
    MatrixView,
    estimate_view,
    forum_view,
    matrix_view,
    reader_text,
    scope_text,
)
from dadkhah.dossier.custody import Verification, ensure_checkpoint, exhibit_custody, verification
from dadkhah.dossier.scope import Scope, Selection, select_scope
from dadkhah.errors import AccessDenied, CaseError, InputError
from dadkhah.exchange import DEFAULT_PREFIX, Exhibit, Snapshot, number_exhibits, read_snapshot, vault_items
from dadkhah.exchange.exhibits import check_prefix
from dadkhah.exchange.i18n import LANGUAGES, format_date, number
from dadkhah.exchange.snapshot import Hidden, edtf_bounds

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dadkhah.case import Case
    from dadkhah.law import Matrix

ESTIMATE_SEED = 1988  # fixed, so that the same case gives the same estimate


@dataclass(frozen=True)
class DossierOptions:
    scope: Scope
    recipient: str
    lang: str = "en"
    prefix: str = DEFAULT_PREFIX
    batch: int = 1
    as_of: date | None = None
    estimate_method: str = "lcmcr"

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise InputError(f"language must be one of {', '.join(LANGUAGES)}", field="lang")
        check_prefix(self.prefix)


@dataclass
class Prepared:
    """A case file ready to be written: its content, rendered, and what it left out."""

    dossier: Dossier
    html: str
    pdf: bytes | None
    reader: Reader
    exhibits: list[Exhibit]
    redactions: list[Hidden] = field(default_factory=list)


def last_change(case: Case) -> str:
    """The time of the case's last recorded claim or retraction (the only time a case file shows)."""
    from dadkhah.store.tables import claims, retractions

    with case.reading() as conn:
        stamps = [
            conn.execute(select(func.max(c))).scalar()
            for c in (claims.c.recorded_at, retractions.c.recorded_at)
        ]
    latest = max((s for s in stamps if s is not None), default=None)
    if latest is None:
        return "—"
    if isinstance(latest, str):
        return latest[:19]
    return str(latest.isoformat(timespec="seconds"))


def _estimate(case: Case, method: str, lang: str) -> EstimateView:
    from dadkhah import estimate as mse

    try:
        captures = mse.capture_records_from_case(case)
    except CaseError as exc:
        return EstimateView("not yet estimated", str(exc))
    try:
        result = mse.estimate_strata(captures.records, captures.lists, method=method, seed=ESTIMATE_SEED)
    except InputError as exc:
        return EstimateView("not estimable", exc.problem.reason)
    return estimate_view(result, lang)


def prepare(
    case: Case,
    options: DossierOptions,
    reader: Reader | None = None,
    *,
    pdf: bool = True,
    passphrase: str | None = None,
) -> Prepared:
    """Assemble and render the case file for ``reader`` (default: the recipient profile's reader)."""
    from dadkhah import law
    from dadkhah.dossier.render import render_html, render_pdf

    reader = reader or case.reader(view_as=options.recipient)
    checkpoint = ensure_checkpoint(case, passphrase)
    snapshot = read_snapshot(case, reader, explain=True)
    with case.reading() as conn:
        stored = vault_items(conn)
    sel = select_scope(snapshot, options.scope, stored)
    lang = options.lang
    changed = last_change(case)
    as_of = options.as_of or (
        date.fromisoformat(changed[:10]) if changed != "—" else datetime.now(UTC).date()
    )

    matrices: list[Matrix] = []
    proof_items: set[str] = set()
    suspects_of: dict[str, list[str]] = {}
    notices = list(snapshot.notices)
    for allegation in sel.allegations:
        try:
            matrix = law.build_matrix(case, allegation, reader)
        except AccessDenied:
            notices.append(f"allegation {allegation} is not visible at this clearance")
            continue
        matrices.append(matrix)
        proof_items |= {
            p.proof.target
            for r in matrix.rows
            for p in (*r.supporting, *r.contradicting)
            if p.evidence.kind == "item"
        }
        suspects_of.setdefault(matrix.allegation.suspect, []).append(matrix.allegation.title)
        notices += [n for n in matrix.notices if n not in notices]

    claim_items = _claim_items(snapshot, sel)
    candidates = set(sel.items) | (proof_items & stored) | {i for i in claim_items.values() if i in stored}
    exhibits = number_exhibits(snapshot, candidates, stored, prefix=options.prefix, batch=options.batch)
    erns = {e.item: e.ern_start for e in exhibits}
    matrix_views = [matrix_view(m, erns, claim_items) for m in matrices]

    forums = []
    kb = law.default()
    for suspect in sorted(suspects_of):
        facts = law.case_facts(case, suspect, as_of, reader, kb)
        forums.append(forum_view(snapshot.caption(suspect), facts, law.analyse(facts.scenario, kb)))

    custody = exhibit_custody(case, {e.item: e.sha256 for e in exhibits}, checkpoint)
    exhibit_views = [
        ExhibitView(
            exhibit=e,
            date=format_date(e.date, lang),
            path=f"data/items/{e.item}/",
            custody=custody[e.item][0],
            proof=custody[e.item][1],
            cited_for=_cited(matrix_views, e.ern_start),
        )
        for e in exhibits
    ]
    redactions = _redactions(snapshot, sel, candidates, exhibits, stored, matrices)
    dossier = _assemble(
        case,
        snapshot,
        sel,
        options,
        reader,
        (matrix_views, forums, exhibit_views),
        verification=verification(case, checkpoint),
        estimate=_estimate(case, options.estimate_method, lang),
        dates=(format_date(as_of.isoformat(), lang), changed),
        notices=_notices(notices, redactions, lang),
    )
    html = render_html(dossier)
    return Prepared(dossier, html, render_pdf(html) if pdf else None, reader, exhibits, redactions)


def _assemble(
    case: Case,
    snapshot: Snapshot,
    sel: Selection,
    options: DossierOptions,
    reader: Reader,
    sections: tuple[list[MatrixView], list[ForumAnalysis], list[ExhibitView]],
    *,
    verification: Verification,
    estimate: EstimateView,
    dates: tuple[str, str],
    notices: list[str],
) -> Dossier:
    """Every section but those computed by the law service and the custody log, which come in ``sections``."""
    matrices, forums, exhibits = sections
    lang = options.lang
    a = Assembler(snapshot, sel, lang)
    events = a.events()
    places, svg, legend = a.places()
    victims, unnamed = a.victims()
    suspects_of: dict[str, list[str]] = {}
    for m in matrices:
        suspects_of.setdefault(m.suspect_id, []).append(m.title)
    recipient, clearance, purpose = reader_text(reader)
    label = _profile_label(case, reader)
    victims_total = len({v for x in sel.violations for v in snapshot.entities[x].values("victim")})
    counts = _counts(lang, sel, victims_total, exhibits, matrices)
    return Dossier(
        lang=lang,
        case_name=case.name,
        case_id=case.id,
        recipient=recipient,
        recipient_label=label,
        clearance=clearance,
        purpose=purpose,
        scope=options.scope,
        scope_text=scope_text(snapshot, options.scope, lang),
        as_of=dates[0],
        last_change=dates[1],
        counts=counts,
        events=events,
        chronology=a.chronology(events),
        places=places,
        map_svg=svg,
        legend=legend,
        victims=victims,
        victims_documented=number(victims_total, lang),
        victims_unnamed=unnamed,
        estimate=estimate,
        suspects=a.suspects(suspects_of),
        matrices=matrices,
        forums=forums,
        exhibits=exhibits,
        verification=verification,
        notices=notices,
        sources=a.sources(),
    )


def _profile_label(case: Case, reader: Reader) -> str:
    if reader.profile is None:
        return reader.name
    from dadkhah.access.users import get_profile

    with case.reading() as conn:
        profile = get_profile(conn, reader.profile)
    return profile.label if profile else reader.profile


def _counts(
    lang: str, sel: Selection, victims: int, exhibits: list[ExhibitView], matrices: list[MatrixView]
) -> dict[str, str]:
    en = (
        ("Events", len(sel.events) + len(sel.context)),
        ("Violations recorded", len(sel.violations)),
        ("Victims documented (records)", victims),
        ("Places", len(sel.places)),
        ("Suspects and other people involved", len(sel.suspects)),
        ("Allegations", len(matrices)),
        ("Exhibits", len(exhibits)),
        ("Sources", len(sel.sources)),
    )
    fa = (
        "رویدادها",
        "نقض‌های ثبت‌شده",
        "قربانیان مستندشده (ثبت‌ها)",
        "مکان‌ها",
        "متهمان و دیگر دست‌اندرکاران",
        "اتهام‌ها",
        "اسناد پیوست",
        "منابع",
    )
    return {(fa[i] if lang == "fa" else label): number(n, lang) for i, (label, n) in enumerate(en)}


def _claim_items(snapshot: Snapshot, sel: Selection) -> dict[str, str]:
    """Claim id → the evidence item it rests on, for the claims of the covered entities."""
    found = {}
    for entity_id in sel.entities():
        record = snapshot.get(entity_id)
        if record is None:
            continue
        for claim in record.claims:
            if claim.evidence_id:
                found[claim.id] = claim.evidence_id
    return found


def _cited(matrices: list[MatrixView], ern: str) -> list[str]:
    return sorted(
        {
            f"{m.title}: {el.label} ({el.code.rsplit('.', 1)[-1]})"
            for m in matrices
            for el in m.elements
            for ev in el.evidence
            if ev.exhibit == ern
        }
    )


def _redactions(
    snapshot: Snapshot,
    sel: Selection,
    candidates: set[str],
    exhibits: list[Exhibit],
    stored: set[str],
    matrices: Sequence[Matrix],
) -> list[Hidden]:
    """What the case file leaves out, by id and reason: the redaction log kept in the case."""
    covered = sel.entities() | candidates
    found = [h for h in snapshot.hidden if h.kind == "entity" or h.entity in covered]
    given = {e.item for e in exhibits}
    for item in sorted(candidates - given):
        if item in snapshot.withheld:
            reason = f"exhibit withheld: {snapshot.withheld[item]}"
        elif item not in stored:
            reason = "no file in the vault"
        else:
            reason = "exhibit not given: its description is above the reader's clearance"
        found.append(Hidden("exhibit", item, item, reason))
    for matrix in matrices:
        if matrix.withheld:
            allegation = matrix.allegation.id
            found.append(
                Hidden("links", str(matrix.withheld), allegation, "proof links not visible at this clearance")
            )
    return found


def _notices(notices: list[str], redactions: list[Hidden], lang: str) -> list[str]:
    """What the case file says was left out: counts and reasons, never content."""
    out = list(dict.fromkeys(notices))
    counts = Counter(
        (h.kind, h.reason.split(" (")[0].split(":")[0]) for h in redactions if h.kind != "entity"
    )
    for (kind, reason), n in sorted(counts.items()):
        if kind == "links":
            continue
        noun = {"claim": "value", "exhibit": "exhibit"}.get(kind, kind)
        out.append(f"{n} {noun}{'' if n == 1 else 's'} left out: {reason}")
    return out


def scope_bounds(value: str | None) -> tuple[date | None, date | None]:
    return edtf_bounds(value)


__all__ = ["ESTIMATE_SEED", "DossierOptions", "Prepared", "last_change", "prepare"]
