"""Jurisdictional links: national bases (universal, presence, residence, nationality); ICC preconditions."""

from __future__ import annotations

from datetime import date

from dadkhah.law._text import known, tri_word
from dadkhah.law.kb import KnowledgeBase
from dadkhah.law.scenario import Conduct, Scenario
from dadkhah.law.schema import (
    Basis,
    InternationalForum,
    NationalForum,
    Procedure,
    Source,
    Unrecorded,
)
from dadkhah.law.verdict import Reason, Tri, all3, any3, effect_of, failing


def national_links(
    forum: NationalForum, conduct: Conduct, scenario: Scenario, kb: KnowledgeBase, reasons: list[Reason]
) -> dict[str, Tri]:
    """For each offence (recorded, or noted as unrecorded and covering the conduct's crimes), whether
    some jurisdictional basis connects the forum to this conduct."""
    per_basis: list[tuple[Basis, Tri]] = []
    for basis in forum.bases:
        if not _basis_valid(basis, scenario.as_of, reasons):
            continue
        per_basis.append((basis, _basis_status(forum, basis, conduct, scenario, reasons)))
    # A basis the data leaves out links nothing for sure and bars nothing: it is unknown.
    basis_gaps = [g for g in forum.unrecorded if g.what == "basis"]
    for gap in basis_gaps:
        reasons.append(
            Reason.of(
                "unrecorded_route",
                "unknown",
                f"{gap.title} is not recorded in the knowledge base ({gap.text}); whether it links "
                f"{forum.name} to {conduct.label} cannot be told.",
                gap.source,
                ref=gap.code,
            )
        )
    out: dict[str, Tri] = {}
    for offence in forum.offences:
        relevant = [
            status for basis, status in per_basis if basis.offences is None or offence.code in basis.offences
        ]
        relevant += [None for g in basis_gaps if g.offences is None or offence.code in g.offences]
        out[offence.code] = any3(relevant)
    statuses = {basis.code: status for basis, status in per_basis}
    crimes = [kb.crime(code) for code in conduct.crimes]
    for gap in forum.unrecorded:
        if gap.what == "offence" and any(
            crime in kb.crimes_matching(pattern) for crime in crimes for pattern in gap.covers or ()
        ):
            own = _unrecorded_offence_link(forum, gap, statuses, conduct, scenario, reasons)
            out[gap.code] = any3([own, *(None for g in basis_gaps if g.offences is None)])
    if not any(status is not False for status in out.values()):
        reasons.append(
            Reason.of(
                "jurisdiction_link",
                "bars",
                f"No jurisdictional basis of {forum.name} is met for {conduct.label} on {scenario.as_of}.",
                forum.source,
                ref=forum.code,
            )
        )
    return out


def _basis_status(
    forum: NationalForum, basis: Basis, conduct: Conduct, scenario: Scenario, reasons: list[Reason]
) -> Tri:
    link = _link(forum, basis, conduct, scenario, reasons)
    dc = _double_criminality(basis, forum.procedure, conduct, reasons) if link is not False else True
    return all3([link, dc])


def _unrecorded_offence_link(
    forum: NationalForum,
    gap: Unrecorded,
    statuses: dict[str, Tri],
    conduct: Conduct,
    scenario: Scenario,
    reasons: list[Reason],
) -> Tri:
    """The link an unrecorded offence would need: recorded bases, a recorded kind of link, or unknown."""
    if gap.bases is not None:
        # A named basis not in force on the as-of date is absent from ``statuses``: it does not serve.
        return any3(statuses.get(code, False) for code in gap.bases)
    if gap.link is not None:
        basis = Basis(code=gap.code, kind=gap.link, title=gap.title, source=gap.source)
        return _basis_status(forum, basis, conduct, scenario, reasons)
    return None


def _basis_valid(basis: Basis, as_of: date, reasons: list[Reason]) -> bool:
    if basis.valid_from is not None and as_of < basis.valid_from.earliest:
        reasons.append(
            Reason.of(
                "procedural_law_in_force",
                "note",
                f"{basis.title}: not yet in force on {as_of} (from {basis.valid_from}).",
                basis.source,
                ref=basis.code,
            )
        )
        return False
    if basis.valid_to is not None and as_of > basis.valid_to.latest:
        reasons.append(
            Reason.of(
                "procedural_law_in_force",
                "note",
                f"{basis.title}: no longer in force on {as_of} (until {basis.valid_to}).",
                basis.source,
                ref=basis.code,
            )
        )
        return False
    return True


def _link(
    forum: NationalForum, basis: Basis, conduct: Conduct, scenario: Scenario, reasons: list[Reason]
) -> Tri:
    state, suspect, day = forum.state, scenario.suspect, scenario.as_of
    kind = basis.kind
    if kind == "universal":
        value: Tri = True
        fact = "no link to the forum state is needed"
    elif kind in ("presence", "residence"):
        value = suspect.in_state(state, day, resident=kind == "residence")
        word = "present in" if kind == "presence" else "resident in"
        fact = f"the suspect is {tri_word(value)}{word} {state} on {day}"
    elif kind == "active_nationality":
        value = None if suspect.nationalities is None else state in suspect.nationalities
        fact = f"the suspect's nationality {known(suspect.nationalities)}"
    elif kind == "passive_nationality":
        value = None if conduct.victim_nationalities is None else state in conduct.victim_nationalities
        fact = f"the victims' nationality {known(conduct.victim_nationalities)}"
    else:  # victim_residence
        value = None if conduct.victim_residences is None else state in conduct.victim_residences
        fact = f"the victims' residence at the time {known(conduct.victim_residences)}"
    effect = effect_of(value, "note")
    reasons.append(
        Reason.of("jurisdiction_link", effect, f"{basis.title}: {fact}.", basis.source, ref=basis.code)
    )
    return value


def _double_criminality(basis: Basis, procedure: Procedure, conduct: Conduct, reasons: list[Reason]) -> Tri:
    rule = basis.double_criminality or procedure.double_criminality
    if rule is None or rule.required is False:
        return True
    ref = basis.code
    if rule.required is None:
        reasons.append(
            Reason.of(
                "double_criminality",
                "unknown",
                "Whether double criminality is required is not recorded.",
                rule.source,
                ref=ref,
            )
        )
        return None
    text = rule.text or "The conduct must also be punishable where it was committed."
    if conduct.punishable_in_territory is None:
        reasons.append(
            Reason.of(
                "double_criminality",
                "unknown",
                f"{text} The scenario does not say whether {conduct.territory} law punishes it.",
                rule.source,
                ref=ref,
            )
        )
        return None
    if conduct.punishable_in_territory is False:
        reasons.append(
            Reason.of(
                "double_criminality",
                "bars",
                f"{text} The scenario says {conduct.territory} law does not punish it.",
                rule.source,
                ref=ref,
            )
        )
        return failing(rule.source)
    reasons.append(
        Reason.of(
            "double_criminality",
            "establishes",
            f"{text} {conduct.territory} law punishes it.",
            rule.source,
            ref=ref,
        )
    )
    return True


def icc_preconditions(
    forum: InternationalForum, conduct: Conduct, scenario: Scenario, kb: KnowledgeBase, reasons: list[Reason]
) -> dict[str, Tri]:
    pre = forum.preconditions
    ongoing = conduct.continuing is not False and any(kb.crime(c).continuing for c in conduct.crimes)
    referral = _referral(forum, conduct, scenario, reasons)
    territory = _accepted(forum, conduct.territory, conduct, scenario, reasons, "territory", ongoing)
    if scenario.suspect.nationalities is None:
        nationality: Tri = None
        reasons.append(
            Reason.of(
                "icc_preconditions",
                "unknown",
                "The suspect's nationality is unknown.",
                pre.territory_or_nationality.source,
                ref="art. 12(2)(b)",
            )
        )
    else:
        nationality = any3(
            _accepted(forum, s, conduct, scenario, reasons, "nationality", ongoing)
            for s in scenario.suspect.nationalities
        )
    status = any3([referral, territory, nationality])
    if status is False:
        reasons.append(
            Reason.of(
                "icc_preconditions",
                "bars",
                f"{conduct.label}: neither the territorial State "
                f"({conduct.territory}) nor the suspect's State of nationality is a party or has "
                "accepted jurisdiction, and there is no Security Council referral. "
                + pre.territory_or_nationality.text,
                pre.territory_or_nationality.source,
                ref="art. 12(2)",
            )
        )
    return {offence.code: status for offence in forum.offences}


def _referral(forum: InternationalForum, conduct: Conduct, scenario: Scenario, reasons: list[Reason]) -> Tri:
    source = forum.preconditions.security_council.source
    if scenario.icc.security_council_referral:
        reasons.append(
            Reason.of(
                "icc_referral",
                "establishes",
                "Assumed in the scenario: the Security Council refers "
                "the situation. " + forum.preconditions.security_council.text,
                source,
                ref="art. 13(b)",
            )
        )
        return True
    for ref in forum.referrals:
        if ref.territory == conduct.territory and conduct.end.latest >= ref.from_:
            reasons.append(
                Reason.of(
                    "icc_referral",
                    "establishes",
                    f"Security Council referral: {ref.text}, covering events from {ref.from_}.",
                    ref.source,
                    ref="art. 13(b)",
                )
            )
            return True
    return False


def _accepted(
    forum: InternationalForum,
    state: str,
    conduct: Conduct,
    scenario: Scenario,
    reasons: list[Reason],
    role: str,
    ongoing: bool,
) -> Tri:
    """Whether ``state`` (territorial or nationality) accepted the Court's jurisdiction for the conduct."""
    pre = forum.preconditions
    ref = "art. 12(2)(a)" if role == "territory" else "art. 12(2)(b)"
    declarations = [(d.state, d.from_, d.source) for d in forum.declarations]
    declarations += [
        (s, f, Source(cite="Assumed in the scenario", conf="V")) for s, f in scenario.icc.declarations
    ]
    for dstate, start, source in declarations:
        if dstate == state and conduct.end.latest >= start:
            reasons.append(
                Reason.of(
                    "icc_preconditions",
                    "establishes",
                    f"{state} ({role}) accepted jurisdiction by "
                    f"an art. 12(3) declaration from {start}. {pre.declaration.text}",
                    source,
                    ref="art. 12(3)",
                )
            )
            return True
    entry = next((p for p in forum.parties if p.state == state), None)
    if entry is None:
        reasons.append(
            Reason(
                "icc_preconditions",
                "unknown",
                f"Whether {state} ({role}) is a party is not recorded in the knowledge base, which "
                f"lists the status of {len(forum.parties)} states only (see docs/law.md, Limits).",
                pre.territory_or_nationality.source.cite,
                "U",
                ref=ref,
            )
        )
        return None
    if entry.status != "party":
        reasons.append(
            Reason.of(
                "icc_preconditions",
                "note",
                f"{state} ({role}) is not a party ({entry.status}"
                f"{', signed ' + str(entry.signed) if entry.signed else ''}).",
                entry.source,
                ref=ref,
            )
        )
        return failing(entry.source)
    assert entry.in_force is not None
    statute_start = min(o.in_force.earliest for o in forum.offences if o.in_force is not None)
    if conduct.start.earliest >= entry.in_force or entry.in_force <= statute_start:
        # A founding party is bound from the Statute's own start; the temporal limit itself is
        # the offence's in-force rule, applied separately.
        reasons.append(
            Reason.of(
                "icc_preconditions",
                "establishes",
                f"{state} ({role}) is a party; the Statute applies to it from {entry.in_force}.",
                entry.source,
                ref=ref,
            )
        )
        return True
    reasons.append(
        Reason.of(
            "icc_later_party",
            "note",
            f"{state} ({role}) became bound only on {entry.in_force}, "
            f"after the conduct began. {pre.later_party.text}",
            pre.later_party.source,
            ref="art. 11(2)",
        )
    )
    if conduct.end.latest >= entry.in_force or ongoing:
        return None
    return failing(pre.later_party.source)
