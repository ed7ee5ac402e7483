"""A small fictional case for the case matrix and forum facts: one commission, two executions, two
witnesses (one heard twice), a gazette, an NGO report and a scanned document.

Every person, body, place and event is invented. The country is ``XA``, from the ISO 3166-1 range
reserved for user assignment, so it can never be a real state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dadkhah import law
from dadkhah.case import Case
from dadkhah.store import Locator
from dadkhah.testimony import SegmentText, add_segments, add_testimony, cite, register_witness


@dataclass
class World:
    """The ids of everything in the small case, by a readable key."""

    ids: dict[str, str] = field(default_factory=dict)
    claims: dict[str, str] = field(default_factory=dict)
    segments: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def build_world(case: Case) -> World:
    world = World()
    ids, cl = world.ids, world.claims
    with case.writer("analyst") as w:
        ids["gazette"] = w.create(
            "Source", {"title": "Official Gazette of Amarestan 1988", "kind": "official_record"}
        )
        ids["report"] = w.create(
            "Source", {"title": "Structures of Command (fictional NGO report)", "kind": "report"}
        )
        ids["list"] = w.create(
            "Source", {"title": "Victim list of the Families Committee", "kind": "victim_list"}
        )
        g, r, v = ids["gazette"], ids["report"], ids["list"]
        ids["country"] = w.create(
            "Place", {"name": "Amarestan", "kind": "country", "country": "XA"}, source=g
        )
        ids["prison"] = w.create(
            "Place", {"name": "Sangdasht Prison", "kind": "prison", "parent": ids["country"]}, source=r
        )
        ids["commission"] = w.create(
            "Organization", {"name": "Sangdasht Death Commission", "country": "XA"}, source=g
        )
        ids["state"] = w.create("Organization", {"name": "State of Amarestan", "country": "XA"}, source=g)
        ids["suspect"] = w.create("Person", {"name": "Dariush Namvar", "nationality": "XA"}, source=g)
        ids["colleague"] = w.create("Person", {"name": "Bahram Kheradmand"}, source=g)
        ids["victim1"] = w.create("Person", {"name": "Nasrin Alavi", "nationality": "XA"}, source=v)
        ids["victim2"] = w.create("Person", {"name": "Parviz Rahnama", "nationality": "XA"}, source=v)
        ids["campaign"] = w.create(
            "Event",
            {"title": "Summer 1988 prison killings (fictional)", "kind": "campaign", "startDate": "1988-07"},
            source=r,
        )
        ids["event"] = w.create(
            "Event",
            {
                "title": "Executions at Sangdasht Prison",
                "kind": "mass_execution",
                "startDate": "1988-07-28",
                "endDate": "1988-09",
                "place": ids["prison"],
                "partOf": ids["campaign"],
            },
            source=r,
        )
        ids["v1"] = w.create(
            "Violation",
            {"victim": ids["victim1"], "act": "execution", "date": "1988-08-05", "event": ids["event"]},
            source=v,
        )
        ids["v2"] = w.create(
            "Violation",
            {"victim": ids["victim2"], "act": "execution", "date": "1988-08-12", "event": ids["event"]},
            source=v,
        )
        ids["position"] = w.create(
            "Position",
            {
                "person": ids["suspect"],
                "organization": ids["commission"],
                "title": "Member (prosecutor)",
                "kind": "commission_member",
                "startDate": "1988-07-25",
                "endDate": "1988-09",
            },
            source=g,
            locator=Locator(page="19"),
        )
        ids["colleague_position"] = w.create(
            "Position",
            {
                "person": ids["colleague"],
                "organization": ids["commission"],
                "title": "Chair",
                "startDate": "1988-07-25",
            },
            source=g,
        )
        ids["involvement"] = w.create(
            "Involvement",
            {"actor": ids["suspect"], "role": "decided", "event": ids["event"]},
            source=r,
            locator=Locator(page="41"),
        )
        ids["colleague_involvement"] = w.create(
            "Involvement", {"actor": ids["colleague"], "role": "decided", "event": ids["event"]}, source=r
        )
        ids["scan"] = w.create(
            "EvidenceItem",
            {
                "title": "Commission minutes, 5 August 1988 (scan)",
                "mediaType": "application/pdf",
                "date": "1988-08-05",
            },
            source=r,
        )
        ids["scan_translation"] = w.create(
            "EvidenceItem",
            {
                "title": "Commission minutes, English translation",
                "derivedFrom": ids["scan"],
                "derivation": "translation",
            },
            source=r,
        )
        # The same post, stated again by the report: a second, independent source for it.
        cl["position_gazette"] = _claim_id(w, ids["position"], "person", g)
        cl["position_report"] = w.claim(
            ids["position"], "person", ids["suspect"], source=r, locator=Locator(page="40")
        ).id
        cl["involvement_role"] = _claim_id(w, ids["involvement"], "role", r)
        cl["v1_act"] = _claim_id(w, ids["v1"], "act", v)
        cl["v2_act"] = _claim_id(w, ids["v2"], "act", v)
        cl["event_kind"] = _claim_id(w, ids["event"], "kind", r)
        # The minutes, as a claim resting on the scan.
        cl["minutes_v1"] = w.claim(
            ids["v1"], "description", "Listed as sentenced by the commission", evidence=ids["scan"]
        ).id

        # Witness A is heard twice; witness B once.
        ids["wa"], ids["wa_code"] = register_witness(w)
        ids["wb"], ids["wb_code"] = register_witness(w)
        ids["ta1"] = add_testimony(w, witness=ids["wa_code"], date="2019-05-04", language="en")
        ids["ta2"] = add_testimony(w, witness=ids["wa_code"], date="2021-03-02", language="en")
        ids["tb"] = add_testimony(w, witness=ids["wb_code"], date="2020-01-15", language="en")
        seg = world.segments
        seg["a1"], seg["a1_other"] = add_segments(
            w,
            ids["ta1"],
            [
                SegmentText(
                    "Namvar read out the names of the prisoners the commission had condemned.",
                    "00:12:03",
                    "00:13:10",
                ),
                "We were kept in the ward for weeks without any news.",
            ],
        )
        (seg["a2"],) = add_segments(w, ids["ta2"], ["I saw Dariush Namvar lead the prisoners to the hall."])
        (seg["b1"],) = add_segments(
            w, ids["tb"], ["The commission sat every day; guards took the men away at night."]
        )
        cl["a1_cite"] = cite(w, seg["a1"], ids["involvement"], "role", "decided").id
        cl["b1_cite"] = cite(w, seg["b1"], ids["colleague_involvement"], "role", "decided").id
    return world


def _claim_id(w, entity: str, prop: str, source: str) -> str:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from dadkhah.store.tables import claims

    return str(
        w.conn.execute(
            select(claims.c.id).where(
                claims.c.entity_id == entity, claims.c.prop == prop, claims.c.source_id == source
            )
        ).scalar()
    )


def allege_murder(case: Case, world: World) -> str:
    """Murder as a crime against humanity by co-perpetration, over the Sangdasht executions."""
    with case.writer("analyst") as w:
        return law.allege(
            w, suspect=world["suspect"], crime="RS.7.1.a", mode="RS.25.3.a.co", events=[world["event"]]
        )


def sitting_president_in_sweden(case: Case, world: World) -> None:
    """The fictional suspect later became head of state and travels to Sweden."""
    with case.writer("analyst") as w:
        w.create(
            "Position",
            {
                "person": world["suspect"],
                "organization": world["state"],
                "title": "President of Amarestan",
                "kind": "head_of_state",
                "startDate": "2019-08",
                "endDate": "2025-06-01/..",  # still in office on 1 June 2025, end not yet known
            },
            source=world["gazette"],
        )
        w.create(
            "Presence",
            {
                "person": world["suspect"],
                "kind": "present",
                "country": "SE",
                "startDate": "2025-04-10",
                "endDate": "2025-10-01/..",
            },
            source=world["report"],
        )
