"""A small fictional case for the web tests: places with coordinates, a campaign of executions,
victims with Persian names, a commission with its members, a witness whose identity is protected,
a testimony in Persian with an English translation, an evidence file, an allegation with proof,
and one user per role.

Every person, body and place is invented; the country code XA is reserved for user assignment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dadkhah import law
from dadkhah.access import keys
from dadkhah.access.users import add_user, set_password
from dadkhah.case import Case
from dadkhah.store import Locator
from dadkhah.testimony import (
    SegmentText,
    add_segments,
    add_testimony,
    add_translation,
    cite,
    register_witness,
)
from dadkhah.vault import ingest_file

PASSWORD = "correct horse battery"
PASSPHRASE = "web tests passphrase"
#: user name per role (the case owner is the admin)
USERS = {"admin": "tester", "investigator": "ivan", "analyst": "ana", "viewer": "vic"}
#: values that only protected clearance with the key may ever see
PROTECTED = ("Shirin Tavakoli-Secret", "شیرین توکلی‌راز", "+98 912 000 1234", "Kargar Street 17, Karaj")
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f6f0b50000000049454e44ae426082"
)


@dataclass
class World:
    ids: dict[str, str] = field(default_factory=dict)
    segments: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def build(case: Case, tmp: Path) -> World:
    """Fill an empty case (owner ``tester``) with the small world; unlocks the case."""
    keys.init_keyring(case.keys_path, case.id, keys.Passphrase(PASSPHRASE))
    case.unlock(PASSPHRASE)
    world = World()
    ids = world.ids
    with case.writer() as w:
        set_password(w.conn, "tester", PASSWORD, by="tester", owner=case.owner)
        for role, name in USERS.items():
            if role != "admin":
                add_user(w.conn, name, role, by="tester", owner=case.owner, password=PASSWORD)
        ids["report"] = w.create(
            "Source", {"title": "Structures of Command (fictional report)", "kind": "report"}
        )
        ids["list"] = w.create("Source", {"title": "Families Committee victim list", "kind": "victim_list"})
        r, v = ids["report"], ids["list"]
        ids["country"] = w.create(
            "Place", {"name": "Amarestan", "kind": "country", "country": "XA"}, source=r
        )
        ids["prison"] = w.create(
            "Place",
            {
                "name": ["Sangdasht Prison", "زندان سنگدشت"],
                "kind": "prison",
                "point": "35.7,51.1",
                "parent": ids["country"],
            },
            source=r,
        )
        ids["cemetery"] = w.create(
            "Place", {"name": "Khavaran-e Now cemetery", "kind": "grave_site", "point": "35.6,51.6"}, source=r
        )
        ids["commission"] = w.create("Organization", {"name": "Sangdasht Death Commission"}, source=r)
        ids["ministry"] = w.create("Organization", {"name": "Ministry of Order (fictional)"}, source=r)
        w.claim(ids["commission"], "parent", ids["ministry"], source=r)
        ids["suspect"] = w.create("Person", {"name": "Dariush Namvar"}, source=r)
        ids["victim"] = w.create(
            "Person",
            {"name": "محمدرضا حسینی", "fatherName": "علی", "gender": "male", "deathDate": "1988-08-05"},
            source=v,
            locator=Locator(row=57),
        )
        # A second source disagrees on the date of death: a conflict the entity page must show.
        w.claim(ids["victim"], "deathDate", "1988-08-12", source=r, locator=Locator(page="41"))
        ids["campaign"] = w.create(
            "Event",
            {
                "title": "Summer 1988 prison killings",
                "kind": "campaign",
                "startDate": "1988-07",
                "endDate": "1988-09",
            },
            source=r,
        )
        ids["event"] = w.create(
            "Event",
            {
                "title": "Executions at Sangdasht Prison",
                "kind": "mass_execution",
                "startDate": "1988-07-28",
                "endDate": "1988-08-30",
                "place": ids["prison"],
                "partOf": ids["campaign"],
            },
            source=r,
        )
        ids["burial"] = w.create(
            "Event",
            {
                "title": "Night burials",
                "startDate": "1988-08-15",
                "place": ids["cemetery"],
                "partOf": ids["campaign"],
            },
            source=r,
        )
        ids["violation"] = w.create(
            "Violation",
            {"victim": ids["victim"], "act": "execution", "date": "1988-08-05", "event": ids["event"]},
            source=v,
        )
        ids["position"] = w.create(
            "Position",
            {
                "person": ids["suspect"],
                "organization": ids["commission"],
                "title": "Prosecutor member",
                "startDate": "1988-07-25",
            },
            source=r,
        )
        ids["involvement"] = w.create(
            "Involvement", {"actor": ids["suspect"], "role": "decided", "event": ids["event"]}, source=r
        )
        ids["witness"], ids["code"] = register_witness(
            w, names=PROTECTED[:2], contacts=[PROTECTED[2]], location=PROTECTED[3], risk="high"
        )
        ids["testimony"] = add_testimony(
            w, witness=ids["code"], date="2019-05-04", language="fa", title="Interview with W-0001"
        )
        world.segments = add_segments(
            w,
            ids["testimony"],
            [
                SegmentText("نامور فهرست زندانیان محکوم را می‌خواند.", "00:12:03", "00:13:10"),
                "ما هفته‌ها در بند بی‌خبر بودیم.",
            ],
        )
        add_translation(
            w, world.segments[0], "Namvar read out the list of condemned prisoners.", language="en"
        )
        cite(w, world.segments[0], ids["involvement"], "role", "decided")
    image = tmp / "cell-photo.png"
    image.write_bytes(PNG)
    ids["photo"] = ingest_file(case, image, title="Photograph of a cell door", author="tester")
    with case.writer() as w:
        ids["allegation"] = law.allege(
            w, suspect=ids["suspect"], crime="RS.7.1.a", mode="RS.25.3.a.co", events=[ids["event"]]
        )
    case.custody.checkpoint()
    return world
