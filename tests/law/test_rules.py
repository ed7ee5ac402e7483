"""Each decisive rule of forum analysis in isolation, table-driven, on small constructed scenarios.

Every row names the rule it tests; the facts are fictional and minimal ("Official A").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from dadkhah.law import (
    Conduct,
    IccFacts,
    Office,
    PartialDate,
    Period,
    Scenario,
    Stay,
    Suspect,
    assess,
    default,
)
from dadkhah.law.schema import Source
from dadkhah.law.verdict import all3, any3

KB = default()
NO_ICC_FACTS = IccFacts()
D = PartialDate.parse


def conduct(
    start: str = "2015-03", end: str | None = None, crimes: tuple[str, ...] = ("RS.7.1.a",), **kw
) -> Conduct:  # type: ignore[no-untyped-def]
    return Conduct(
        label="incident",
        crimes=crimes,
        start=D(start),
        end=D(end or start),
        territory=kw.pop("territory", "IR"),
        **kw,
    )


def scenario(
    *items: Conduct,
    as_of: str = "2024-01-01",
    nationalities: tuple[str, ...] | None = ("IR",),
    offices: tuple[Office, ...] = (),
    stays: tuple[Stay, ...] = (),
    icc: IccFacts = NO_ICC_FACTS,
) -> Scenario:
    suspect = Suspect("Official A (fictional)", nationalities, offices, stays)
    return Scenario(
        "rule test", suspect, items or (conduct(),), date.fromisoformat(as_of), icc, fictional=True
    )


def stay(state: str, start: str, end: str | None = None, kind: str = "present") -> Stay:
    return Stay(state, kind, Period(D(start), D(end) if end else None, ongoing=end is None))  # type: ignore[arg-type]


def office(kind: str, start: str, end: str | None, state: str = "IR") -> Office:
    return Office(kind, state, Period(D(start), D(end) if end else None, ongoing=end is None))  # type: ignore[arg-type]


@dataclass
class Row:
    description: str
    forum: str
    facts: Scenario
    verdict: str
    rule: str | None = None  # a reason with this rule ...
    effect: str | None = None  # ... and this effect must be given
    trial: str | None = None


ROWS = [
    # --- non-retroactivity of national crimes-against-humanity offences -------------------------
    Row(
        "Swedish CAH offence (1 Jul 2014) cannot reach 1988 conduct; the forum falls back on murder",
        "SE",
        scenario(conduct("1988-08")),
        "available",
        "non_retroactivity",
        "bars",
    ),
    Row(
        "Swedish CAH offence reaches conduct after 1 Jul 2014",
        "SE",
        scenario(conduct("2015-03")),
        "available",
        "non_retroactivity",
        "establishes",
    ),
    Row(
        "German VStGB (30 Jun 2002) cannot reach 1988 imprisonment; no other route is noted: barred",
        "DE",
        scenario(conduct("1988-08", crimes=("RS.7.1.e",))),
        "barred",
        "non_retroactivity",
        "bars",
    ),
    Row(
        "German VStGB cannot reach a 1988 killing, but ordinary murder is noted as unrecorded: uncertain",
        "DE",
        scenario(conduct("1988-08")),
        "uncertain",
        "unrecorded_route",
        "unknown",
    ),
    Row(
        "French 2010 offence cannot reach 2005 torture of a French national; the 1994 offence is "
        "not recorded: uncertain",
        "FR",
        scenario(conduct("2005-03", crimes=("RS.7.1.f",), territory="SY", victim_nationalities=("FR",))),
        "uncertain",
        "unrecorded_route",
        "unknown",
    ),
    Row(
        "The unrecorded French 1994 offence would rest on nationality: neither victims nor suspect French",
        "FR",
        scenario(conduct("2005-03", crimes=("RS.7.1.a",), territory="SY", victim_nationalities=("SY",))),
        "barred",
        "unrecorded_route",
        "note",
    ),
    Row(
        "The unrecorded French torture route (CAT) needs presence: a suspect visiting France leaves it open",
        "FR",
        scenario(
            conduct("2005-03", crimes=("RS.7.1.f",), territory="SY", victim_nationalities=("SY",)),
            stays=(stay("FR", "2023"),),
        ),
        "uncertain",
        "unrecorded_route",
        "unknown",
    ),
    Row(
        "No French genocide offence is recorded: a gap in the data, not a bar",
        "FR",
        scenario(conduct("2015-03", crimes=("RS.6.a",), victim_nationalities=("FR",))),
        "uncertain",
        "no_offence",
        "unknown",
    ),
    Row(
        "German VStGB reaches conduct from 30 Jun 2002",
        "DE",
        scenario(conduct("2002-06-30")),
        "available",
        "non_retroactivity",
        "establishes",
    ),
    Row(
        "German VStGB does not reach conduct one day before it came into force",
        "DE",
        scenario(conduct("2002-06-29", crimes=("RS.7.1.e",))),
        "barred",
        "non_retroactivity",
        "bars",
    ),
    Row(
        "Dutch WIM known only to the year 2003: conduct within 2003 cannot be placed before or after it",
        "NL",
        scenario(conduct("2003-06"), stays=(stay("NL", "2020"),)),
        "uncertain",
        "non_retroactivity",
        "unknown",
    ),
    Row(
        "Swiss art. 264a (1 Jan 2011) cannot reach 2010 conduct",
        "CH",
        scenario(conduct("2010-12"), stays=(stay("CH", "2020"),)),
        "barred",
        "non_retroactivity",
        "bars",
    ),
    Row(
        "Argentina's in-force date is unrecorded [U]: never assumed, so the verdict is uncertain",
        "AR",
        scenario(conduct("2017-08")),
        "uncertain",
        "non_retroactivity",
        "unknown",
    ),
    Row(
        "war-crimes route needs an armed conflict; without one only murder remains",
        "SE",
        scenario(conduct("1988-08", armed_conflict="none")),
        "available",
        "armed_conflict_nexus",
        "bars",
    ),
    # --- the ICC ------------------------------------------------------------------------------------
    Row(
        "ICC cannot reach conduct before 1 Jul 2002 even with a Security Council referral",
        "ICC",
        scenario(conduct("2002-06-30"), icc=IccFacts(security_council_referral=True)),
        "barred",
        "non_retroactivity",
        "bars",
    ),
    Row(
        "ICC: conduct in a non-party state by its national, no referral or declaration: barred",
        "ICC",
        scenario(conduct("2015-03")),
        "barred",
        "icc_preconditions",
        "bars",
    ),
    Row(
        "ICC: a Security Council referral opens a non-party situation",
        "ICC",
        scenario(conduct("2015-03"), icc=IccFacts(security_council_referral=True)),
        "available",
        "icc_referral",
        "establishes",
    ),
    Row(
        "ICC: an art. 12(3) declaration by the territorial state opens it",
        "ICC",
        scenario(conduct("2015-03"), icc=IccFacts(declarations=(("IR", date(2002, 7, 1)),))),
        "available",
        "icc_preconditions",
        "establishes",
    ),
    Row(
        "ICC: a national of a state party, even in a non-party state",
        "ICC",
        scenario(conduct("2015-03"), nationalities=("DE",)),
        "available",
        "icc_preconditions",
        "establishes",
    ),
    Row(
        "ICC: conduct on a state party's territory",
        "ICC",
        scenario(conduct("2015-03", territory="FR")),
        "available",
        "icc_preconditions",
        "establishes",
    ),
    Row(
        "ICC: a recorded Security Council referral (Darfur) covers Sudan",
        "ICC",
        scenario(conduct("2004-05", territory="SD"), nationalities=("SD",)),
        "available",
        "icc_referral",
        "establishes",
    ),
    Row(
        "ICC: a state whose party status is not recorded is unknown, not assumed",
        "ICC",
        scenario(conduct("2015-03", territory="BR"), nationalities=("BR",)),
        "uncertain",
        "icc_preconditions",
        "unknown",
    ),
    Row(
        "ICC: a sitting head of state has no immunity (art. 27)",
        "ICC",
        scenario(conduct("2015-03", territory="FR"), offices=(office("head_of_state", "2010", None),)),
        "available",
        "immunity_icc",
        "note",
    ),
    # --- personal immunity --------------------------------------------------------------------------
    Row(
        "sitting foreign head of state is immune from German courts while in office",
        "DE",
        scenario(offices=(office("head_of_state", "2010", None),)),
        "barred",
        "immunity_ratione_personae",
        "bars",
    ),
    Row(
        "sitting foreign minister is immune too",
        "DE",
        scenario(offices=(office("foreign_minister", "2013", None),)),
        "barred",
        "immunity_ratione_personae",
        "bars",
    ),
    Row(
        "sitting head of government is immune too",
        "FR",
        scenario(
            conduct(victim_nationalities=("FR",)), offices=(office("head_of_government", "2013", None),)
        ),
        "barred",
        "immunity_ratione_personae",
        "bars",
    ),
    Row(
        "personal immunity ends with office: after the term the same facts are not barred by it",
        "DE",
        scenario(offices=(office("head_of_state", "2010", "2020-12-31"),)),
        "available",
        "immunity_ratione_personae",
        "establishes",
    ),
    Row(
        "personal immunity shields only against foreign courts, not the official's own state",
        "DE",
        scenario(
            conduct(territory="DE"),
            nationalities=("DE",),
            offices=(office("head_of_state", "2010", None, "DE"),),
        ),
        "available",
        "immunity_ratione_personae",
        "note",
    ),
    Row(
        "an office whose end is unknown leaves immunity open",
        "DE",
        scenario(offices=(Office("head_of_state", "IR", Period(D("2010"), None)),)),
        "uncertain",
        "immunity_ratione_personae",
        "unknown",
    ),
    Row(
        "other officials have no personal immunity; functional immunity does not cover CAH",
        "DE",
        scenario(offices=(office("other_official", "2010", None),)),
        "available",
        "immunity_ratione_materiae",
        "note",
    ),
    # --- presence and residence: investigation vs trial ---------------------------------------------
    Row(
        "Germany investigates without presence but cannot try an absent suspect",
        "DE",
        scenario(),
        "available",
        "presence_trial",
        "requires",
        trial="barred",
    ),
    Row(
        "Germany can try a suspect present on the as-of date",
        "DE",
        scenario(stays=(stay("DE", "2019-02"),)),
        "available",
        "presence_trial",
        "establishes",
        trial="available",
    ),
    Row(
        "presence that ended before the as-of date does not count",
        "DE",
        scenario(stays=(stay("DE", "2019-02", "2020-01"),)),
        "available",
        "presence_trial",
        "requires",
        trial="barred",
    ),
    Row(
        "Netherlands needs presence (or a Dutch suspect or victim) to open proceedings",
        "NL",
        scenario(conduct(victim_nationalities=("IR",))),
        "barred",
        "jurisdiction_link",
        "bars",
    ),
    Row(
        "Netherlands with the suspect present",
        "NL",
        scenario(stays=(stay("NL", "2023"),)),
        "available",
        "jurisdiction_link",
        "establishes",
        trial="available",
    ),
    Row(
        "Netherlands with a Dutch victim but no presence: proceedings; in absentia only in limited cases",
        "NL",
        scenario(conduct(victim_nationalities=("NL",))),
        "available",
        "presence_trial",
        "unknown",
        trial="uncertain",
    ),
    Row(
        "France 689-11 needs habitual residence; a visitor is not enough",
        "FR",
        scenario(conduct(victim_nationalities=("IR",)), stays=(stay("FR", "2023"),)),
        "barred",
        "jurisdiction_link",
        "bars",
    ),
    Row(
        "France 689-11 with residence still needs double criminality, which the scenario leaves open",
        "FR",
        scenario(conduct(victim_nationalities=("IR",)), stays=(stay("FR", "2020", kind="resident"),)),
        "uncertain",
        "double_criminality",
        "unknown",
    ),
    Row(
        "France 689-11 with residence and conduct punishable where committed",
        "FR",
        scenario(
            conduct(victim_nationalities=("IR",), punishable_in_territory=True),
            stays=(stay("FR", "2020", kind="resident"),),
        ),
        "available",
        "double_criminality",
        "establishes",
    ),
    Row(
        "France: a French victim founds jurisdiction and the trial may proceed in absentia",
        "FR",
        scenario(conduct(victim_nationalities=("FR",))),
        "available",
        "presence_trial",
        "establishes",
        trial="available",
    ),
    Row(
        "France: the victims' nationality unknown leaves the link open",
        "FR",
        scenario(conduct()),
        "uncertain",
        "jurisdiction_link",
        "unknown",
    ),
    Row(
        "Belgium's pure universal jurisdiction applied before its repeal on 5 Aug 2003",
        "BE",
        scenario(conduct("2000-05"), as_of="2002-01-01"),
        "available",
        "jurisdiction_link",
        "establishes",
    ),
    Row(
        "after the repeal Belgium needs a link: here the suspect's main residence",
        "BE",
        scenario(
            conduct("2000-05", victim_nationalities=()),
            stays=(stay("BE", "2003", kind="resident"),),
            as_of="2010-01-01",
        ),
        "available",
        "jurisdiction_link",
        "establishes",
    ),
    Row(
        "after the repeal, no Belgian link at all: barred",
        "BE",
        scenario(conduct("2000-05", victim_nationalities=(), victim_residences=()), as_of="2010-01-01"),
        "barred",
        "jurisdiction_link",
        "bars",
    ),
    Row(
        "Finland in practice needs presence to proceed",
        "FI",
        scenario(),
        "barred",
        "presence_investigation",
        "bars",
    ),
    # --- enforced disappearance as a continuing crime -----------------------------------------------
    Row(
        "ED begun in 1988 with concealment continuing: the ICC temporal bar is contested, not assumed",
        "ICC",
        scenario(conduct("1988-08", crimes=("RS.7.1.i",), territory="FR", continuing=True)),
        "uncertain",
        "continuing_crime",
        "contested",
    ),
    Row(
        "ED begun before Sweden's 2014 offence, still concealed: contested; murder is not in play",
        "SE",
        scenario(conduct("1988-08", crimes=("RS.7.1.i",), continuing=True), stays=(stay("SE", "2020"),)),
        "uncertain",
        "continuing_crime",
        "contested",
    ),
    Row(
        "ED begun in 1988 and since clarified: barred as any other pre-2002 conduct",
        "ICC",
        scenario(conduct("1988-08", crimes=("RS.7.1.i",), territory="FR", continuing=False)),
        "barred",
        "non_retroactivity",
        "bars",
    ),
    Row(
        "murder in 1988 is not a continuing crime even if families are still not told",
        "ICC",
        scenario(conduct("1988-08", crimes=("RS.7.1.a",), territory="FR", continuing=True)),
        "barred",
        "non_retroactivity",
        "bars",
    ),
    Row(
        "ED begun in 1988 and still concealed in 2025 is not simply 'later conduct' for Germany's 2002 law",
        "DE",
        scenario(conduct("1988-08", "2025-06", crimes=("RS.7.1.i",), continuing=True)),
        "uncertain",
        "continuing_crime",
        "contested",
    ),
    Row(
        "the Iran fact-finding mission does not take up concealment that began in 1988",
        "UN.FFM-IR",
        scenario(conduct("1988-08", "2025-06", crimes=("RS.7.1.i",), continuing=True)),
        "barred",
        "mandate_period",
        "bars",
    ),
    # --- UN mechanisms ------------------------------------------------------------------------------
    Row(
        "WGEID takes an open disappearance from any country, whatever its date",
        "UN.WGEID",
        scenario(conduct("1988-08", crimes=("RS.7.1.i",), continuing=True)),
        "available",
        "mandate_subject",
        "establishes",
    ),
    Row(
        "WGEID does not deal with killings as such",
        "UN.WGEID",
        scenario(conduct("1988-08")),
        "barred",
        "mandate_subject",
        "bars",
    ),
    Row(
        "the Iran fact-finding mission does not cover 1988",
        "UN.FFM-IR",
        scenario(conduct("1988-08")),
        "barred",
        "mandate_period",
        "bars",
    ),
    Row(
        "the Iran fact-finding mission covers the 2022 protests",
        "UN.FFM-IR",
        scenario(conduct("2022-10")),
        "available",
        "mandate_condition",
        "requires",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.description for r in ROWS])
def test_rule(row: Row) -> None:
    result = assess(KB.forum(row.forum), row.facts, KB)
    assert result.verdict == row.verdict, [(r.effect, r.rule, r.text) for r in result.reasons]
    if row.rule:
        assert any(r.rule == row.rule and r.effect == row.effect for r in result.reasons), [
            (r.effect, r.rule) for r in result.reasons
        ]
    if row.trial:
        assert result.stages["trial"] == row.trial
    for reason in result.reasons:
        assert reason.citation and reason.confidence in {"V", "K", "U"}


def test_as_of_date_moves_the_immunity_verdict() -> None:
    facts = scenario(offices=(office("head_of_state", "2010", "2020-12-31"),))
    assert assess(KB.forum("DE"), replace(facts, as_of=date(2019, 1, 1)), KB).verdict == "barred"
    assert assess(KB.forum("DE"), replace(facts, as_of=date(2021, 1, 1)), KB).verdict == "available"


def test_an_unverified_bar_is_reported_as_uncertain_not_as_fact() -> None:
    # A party entry tagged U saying "not a party" must not bar: it is a doubt, not a fact.
    icc = KB.forum("ICC")
    unverified = [
        p.model_copy(update={"source": Source(cite="placeholder", conf="U")}) if p.state == "IR" else p
        for p in icc.parties  # type: ignore[union-attr]
    ]
    forum = icc.model_copy(update={"parties": unverified})
    result = assess(forum, scenario(conduct("2015-03"), nationalities=("BR",)), KB)
    assert result.verdict == "uncertain"


def test_a_later_knowledge_base_date_is_flagged() -> None:
    result = assess(KB.forum("DE"), scenario(as_of="2030-01-01"), KB)
    assert any(r.rule == "knowledge_base_date" for r in result.reasons)
    assert not any(r.rule == "knowledge_base_date" for r in assess(KB.forum("DE"), scenario(), KB).reasons)


@pytest.mark.parametrize(
    ("values", "conj", "disj"),
    [
        ([True, True], True, True),
        ([True, None], None, True),
        ([True, False], False, True),
        ([None, False], False, None),
        ([None, None], None, None),
        ([False, False], False, False),
        ([], True, False),
    ],
)
def test_three_valued_logic(values: list[bool | None], conj: bool | None, disj: bool | None) -> None:
    assert all3(values) is conj
    assert any3(values) is disj
