"""The demonstration's work after loading: linkage, review, estimation, analysis, web users, custody,
case files.

Each step takes the :class:`~dadkhah.demo.loader.Loader` (for the case, the materials and the id
map) and returns a line for the report.
"""

from __future__ import annotations

from pathlib import Path

from dadkhah.demo.loader import OWNER, Loader
from dadkhah.errors import CaseError
from dadkhah.store import Writer

#: web users of the demonstration case, by role; the owner ("demo") is the admin
DEMO_USERS = {"investigator": "ivan", "analyst": "ana", "viewer": "vic"}
DEMO_PASSWORD = "demo password 1367"  # noqa: S105 (invented people; a published demonstration password)
#: Rome Statute codes the demo's allegation uses (the generator says "RS.25.3.a"; co-perpetration is meant)
MODES = {"RS.25.3.a": "RS.25.3.a.co"}


def link(loader: Loader, truth: Path) -> str:
    """Link the four lists into canonical victims, then score the result against the ground truth."""
    from dadkhah.demo.scoring import linkage_accuracy
    from dadkhah.linkage import link_case

    report = link_case(loader.case, author=OWNER)
    acc = linkage_accuracy(loader.case, truth)
    return (
        f"link: {report.records:,} records on {report.lists} lists -> "
        f"{report.victims.victims:,} canonical victims, {report.review_queue:,} pairs for review "
        f"({report.seconds:.0f} s); against the truth: precision {acc.precision:.3f}, "
        f"recall {acc.recall:.3f}, F1 {acc.f1:.3f}"
    )


#: the demo's reviewer, and why their decisions can be trusted here
REVIEWER = DEMO_USERS["analyst"]
REVIEW_REASON = (
    "checked against the lists' source registers (demonstration: the ground truth stands in for them)"
)
#: pairs left in the queue for the web application's review page (those farthest from the threshold)
LEFT_FOR_THE_WEB = 20


def review(loader: Loader, truth: Path) -> str:
    """The analyst works through the review queue: the pairs the model was unsure of are decided
    (the ground truth stands in for the archive a reviewer would consult), then the canonical
    victims are formed again. What linkage alone gives and what review adds are both reported.
    A few pairs, the least uncertain, are left for a person to try the review page on."""
    from dadkhah.demo.scoring import linkage_accuracy, truth_of_records
    from dadkhah.linkage import decide, list_records, recluster_case, review_queue

    case = loader.case
    reader = case.reader(OWNER)
    who = truth_of_records(case, truth)
    records = list_records(case, reader)
    pairs = review_queue(case, reader).pairs  # nearest the threshold first
    if len(pairs) > 2 * LEFT_FOR_THE_WEB:
        pairs = pairs[:-LEFT_FOR_THE_WEB]
    for pair in pairs:
        verdict = "same" if who[pair.left.person_id] == who[pair.right.person_id] else "different"
        decide(case, pair.match_id, verdict, reason=REVIEW_REASON, author=REVIEWER, reader=reader,
               records=records, recluster_now=False)  # fmt: skip
    victims = recluster_case(case, author=OWNER, reason=f"{len(pairs):,} pairs reviewed by {REVIEWER}")
    acc = linkage_accuracy(case, truth)
    same = sum(1 for p in pairs if who[p.left.person_id] == who[p.right.person_id])
    return (
        f"review: {REVIEWER} decided {len(pairs):,} pairs of the review band "
        f"({same:,} same person, {len(pairs) - same:,} different) -> {victims.victims:,} canonical "
        f"victims; against the truth: precision {acc.precision:.3f}, recall {acc.recall:.3f}, F1 {acc.f1:.3f}"
    )


def estimate(loader: Loader, truth: Path) -> str:
    """LCMCR on the linked victims: how many the lists missed, beside the true total."""
    from dadkhah.demo.scoring import true_total
    from dadkhah.estimate import capture_records_from_case, estimate_strata

    captures = capture_records_from_case(loader.case)
    total = estimate_strata(captures.records, captures.lists, method="lcmcr", seed=1367).total
    if total.estimate is None or total.lower is None or total.upper is None:
        raise CaseError("the demonstration's lists gave no estimate")
    actual = true_total(truth)
    covered = "covers" if total.lower <= actual <= total.upper else "MISSES"
    return (
        f"estimate: {total.observed:,} documented victims on {len(captures.lists)} lists; LCMCR "
        f"{total.estimate:,.0f} ({total.level:.0%} interval {total.lower:,.0f}–{total.upper:,.0f}), "
        f"which {covered} the true total of {actual:,} (from the ground truth, never in the case)"
    )


def analysis(loader: Loader) -> str:
    """The allegation against the fictional suspect, evidence linked element by element, forums."""
    from datetime import date

    from dadkhah import law

    spec = loader.m.allegation
    if spec is None:
        return "analysis: no allegation in the materials"
    suspect = loader.ids[spec.suspect]
    with loader.writer() as w:
        allegation = law.allege(
            w,
            suspect=suspect,
            crime=spec.crime,
            mode=MODES.get(spec.mode, spec.mode),
            events=[loader.ids[e] for e in spec.events],
            title=None,
        )
        _link_evidence(loader, w, allegation, spec.suspect)
    matrix = law.build_matrix(loader.case, allegation)
    counts = ", ".join(f"{n} {status}" for status, n in matrix.counts().items() if n)
    results = law.analyse(law.scenario_from_case(loader.case, suspect, as_of=date(2025, 6, 1)), law.default())
    verdicts = {v: sum(1 for r in results if r.verdict == v) for v in ("available", "barred", "uncertain")}
    return (
        f"analysis: allegation {spec.crime} by {MODES.get(spec.mode, spec.mode)} with "
        f"{len(matrix.rows)} elements ({counts}); forums as of 2025-06-01: "
        + ", ".join(f"{n} {v}" for v, n in verdicts.items())
    )


def _link_evidence(loader: Loader, w: Writer, allegation: str, suspect: str) -> None:
    """What an analyst would link first: the witnesses who saw the suspect at work, the commission's
    order, the prison register and the grave. Knowledge and intent stay as honest gaps."""
    from dadkhah import law

    def link(element: str, *, segment: str | None = None, item: str | None = None) -> None:
        law.prove(
            w,
            allegation,
            element,
            segment=segment,
            item=item,
            relation="supports",
            reliability="B",
            credibility="2",
        )

    for t in loader.m.testimonies:
        for segment in t.segments:
            if any(m.ref == suspect for m in segment.mentions):
                seg = f"{loader.ids[t.id]}.{segment.index}"
                link("RS.7.1.a.E1", segment=seg)
                link("RS.25.3.a.co.M2", segment=seg)
    known = {e.id for e in loader.m.evidence}
    for evidence_id, element in (
        ("evidence:order-commission", "RS.25.3.a.co.M1"),
        ("evidence:register-sangdasht", "RS.7.1.a.E1"),
        ("evidence:photo-lalehgun", "RS.7.1.a.E2"),
    ):
        if evidence_id in known:
            link(element, item=loader.ids[evidence_id])


def users(loader: Loader) -> str:
    """Web accounts for each role, with the published demonstration password."""
    from dadkhah.access.users import add_user, set_password

    with loader.writer() as w:
        set_password(w.conn, OWNER, DEMO_PASSWORD, by=OWNER, owner=OWNER)
        for role, name in DEMO_USERS.items():
            add_user(w.conn, name, role, by=OWNER, owner=OWNER, password=DEMO_PASSWORD)
    accounts = ", ".join(f"{name} ({role})" for role, name in {"admin": OWNER, **DEMO_USERS}.items())
    return f"users: {accounts}; password '{DEMO_PASSWORD}'"


def custody(loader: Loader) -> str:
    """A signed checkpoint of the custody log, then a full verification of files, log and signatures."""
    from dadkhah.vault.verify import verify_case

    checkpoint = loader.case.custody.checkpoint()
    report = verify_case(loader.case, author=OWNER)
    if not report.ok:
        raise CaseError("the demonstration case does not verify: " + "; ".join(report.problems))
    return (
        f"custody: {checkpoint.size} events under a signed checkpoint; verify re-hashed {report.items} "
        f"items and {report.leaves} log leaves: every file, leaf and checkpoint holds"
    )


def dossiers(loader: Loader, out: Path) -> str:
    """Case files for the war crimes unit (the allegation) and for the public (Persian), as bags."""
    from sqlalchemy import select

    from dadkhah.dossier import DossierOptions, Scope, build_dossier
    from dadkhah.store.tables import entities

    with loader.case.reading() as conn:
        allegations = [
            r[0] for r in conn.execute(select(entities.c.id).where(entities.c.schema == "Allegation"))
        ]
    made = []
    for recipient, scope, lang in (
        ("national-war-crimes-unit", Scope("allegation", tuple(allegations)), "en"),
        ("public", Scope("allegation", tuple(allegations)), "fa"),
    ):
        build_dossier(
            loader.case,
            DossierOptions(scope=scope, recipient=recipient, lang=lang),
            out / f"{recipient}-{lang}",
            author=OWNER,
        )
        made.append(f"{recipient} ({lang})")
    return f"case files: {', '.join(made)} in {out}, each a BagIt bag with its standalone verifier"
