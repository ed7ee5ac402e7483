"""A demonstration case for the dossier and exchange tests, with known secrets and withdrawn testimony.

``build_demo`` (scale 0.05) brings the world, the victim lists, the evidence files, the witnesses
with their protected identities and consent, and their testimonies. This adds, through the public
APIs, what makes the tests able to fail:

- testimony words the *public* would see were it not for consent: a public segment of W-0003's
  testimony (the witness withdrew consent to publication) and a public claim cited from it; the
  same for W-0005, whose consent to the war crimes unit is withdrawn here;
- a control that must appear: a public claim cited from W-0001, who consented to publication;
- a protected segment of W-0001's testimony (seen by nobody below protected clearance);
- the demo's photograph described publicly, so the public has one exhibit;
- the demo's allegation against the suspect, with proof links to a document and to segments.

Everything is fictional (see docs/demo.md). ``World.secrets`` are the protected values of the
registry that no output for an uncleared recipient may contain.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from dadkhah import law
from dadkhah.case import Case
from dadkhah.demo.build import REGISTRY, build_demo
from dadkhah.model import Sensitivity
from dadkhah.store.tables import claims, entities
from dadkhah.testimony import add_segments, cite, withdraw_consent

NWCU = "national-war-crimes-unit"
FFM = "un-fact-finding-mission"
PUBLIC = "public"
PROTECTED_WORDS = "سخن محرمانه دربارهٔ خانواده در کوچهٔ لاله‌ها"
WITHDRAWN_FOR_PUBLIC = "Guards carried the bodies out through the kitchen gate at dawn."
WITHDRAWN_FOR_NWCU = "The amphitheatre doors were chained from the outside that week."
CONSENTED = "The lists were read out in the corridor before the noon prayer."
#: a victim whose family asked that her name be protected: shown only to protected clearance
PROTECTED_VICTIM = ("Shirin Golnaraghi", "شیرین گل‌نراقی")


@dataclass
class World:
    path: Path
    ids: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)
    withdrawn_public: list[str] = field(default_factory=list)
    withdrawn_nwcu: list[str] = field(default_factory=list)

    def open(self) -> Case:
        case = Case.open(self.path)
        case.unlock()  # the demo's key file inside the case
        return case


def _find(conn, schema: str, prop: str, value: str) -> str:  # type: ignore[no-untyped-def]
    query = (
        select(claims.c.entity_id)
        .join(entities, entities.c.id == claims.c.entity_id)
        .where(entities.c.schema == schema, claims.c.prop == prop, claims.c.value == value)
        .order_by(claims.c.entity_id)
    )
    found = conn.execute(query).scalar()
    assert found, f"no {schema} with {prop} {value!r}"
    return str(found)


def _testimony_of(conn, code: str) -> str:  # type: ignore[no-untyped-def]
    person = _find(conn, "Person", "code", code)
    return _find(conn, "Testimony", "witness", person)


def build_world(root: Path, *, scale: float = 0.05) -> World:
    path = root / "demo"
    build_demo(path, scale=scale, dossiers=False)  # the tests write their own
    materials = path / "materials"
    registry = json.loads((path.with_name("demo.truth") / REGISTRY).read_text(encoding="utf-8"))
    manifest = json.loads((materials / "manifest.json").read_text(encoding="utf-8"))
    world = World(path)
    with world.open() as case:
        with case.writer("demo") as w:
            event = _find(w.conn, "Event", "title", "Executions at Sangdasht Prison, summer 1367")
            world.ids["event"] = event
            _consent_and_citations(w, world, event)
            _public_photo(w, world, manifest)
            _protected_victim(w, world, event)
        _allegation(case, world)
        world.secrets = _secrets(case, registry)
    return world


def _consent_and_citations(w, world: World, event: str) -> None:  # type: ignore[no-untyped-def]
    withdraw_consent(w, "W-0005", recipients=[NWCU], effective="2024-06-01", note="test: withdrawn")
    for code, text, bucket in (
        ("W-0001", CONSENTED, None),
        ("W-0003", WITHDRAWN_FOR_PUBLIC, world.withdrawn_public),
        ("W-0005", WITHDRAWN_FOR_NWCU, world.withdrawn_nwcu),
    ):
        testimony = _testimony_of(w.conn, code)
        world.ids[f"testimony:{code}"] = testimony
        (segment,) = add_segments(w, testimony, [text], language="en", sensitivity=Sensitivity.PUBLIC)
        world.ids[f"segment:{code}"] = segment
        cite(w, segment, event, "description", text, sensitivity=Sensitivity.PUBLIC)
        if bucket is not None:
            bucket.append(text)
    add_segments(
        w, world.ids["testimony:W-0001"], [PROTECTED_WORDS], language="fa", sensitivity=Sensitivity.PROTECTED
    )


def _protected_victim(w, world: World, event: str) -> None:  # type: ignore[no-untyped-def]
    source = _find(w.conn, "Source", "kind", "report")
    prison = _find(w.conn, "Place", "name", "Sangdasht Prison")
    victim = w.create(
        "Person", {"name": list(PROTECTED_VICTIM)}, source=source, sensitivity=Sensitivity.PROTECTED
    )
    w.claim(victim, "gender", "female", source=source, sensitivity=Sensitivity.PUBLIC)
    values = {"victim": victim, "act": "execution", "event": event, "date": "1988-08-10", "place": prison}
    world.ids["protected_victim"] = victim
    world.ids["protected_violation"] = w.create(
        "Violation", values, source=source, sensitivity=Sensitivity.PUBLIC
    )


def _public_photo(w, world: World, manifest: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    """The grave-site photograph is published: its description becomes public."""
    photo_title = next(e["title"] for e in manifest["evidence"] if e["id"] == "evidence:photo-lalehgun")
    photo = _find(w.conn, "EvidenceItem", "title", photo_title)
    world.ids["photo"] = photo
    for prop in ("title", "sha256", "sha512", "mediaType", "size"):
        value = w.conn.execute(
            select(claims.c.value).where(claims.c.entity_id == photo, claims.c.prop == prop)
        ).scalar()
        w.claim(photo, prop, value, evidence=photo, sensitivity=Sensitivity.PUBLIC)
    w.claim(photo, "date", "2009-08-29", evidence=photo, sensitivity=Sensitivity.PUBLIC)
    for key, title in (
        ("register", "Sangdasht Prison register page"),
        ("order", "Order of the Special Commission"),
    ):
        found = next(e["title"] for e in manifest["evidence"] if e["title"].startswith(title))
        world.ids[key] = _find(w.conn, "EvidenceItem", "title", found)


def _allegation(case: Case, world: World) -> None:
    with case.writer("demo") as w:
        suspect = _find(w.conn, "Person", "name", "Javad Mehrabanpour")
        world.ids["suspect"] = suspect
        found = w.conn.execute(
            select(claims.c.entity_id)
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(entities.c.schema == "Allegation", claims.c.prop == "suspect", claims.c.value == suspect)
        ).scalar()
        allegation = found or law.allege(
            w, suspect=suspect, crime="RS.7.1.a", mode="RS.25.3.a.co", events=[world.ids["event"]]
        )
        world.ids["allegation"] = str(allegation)
        law.prove(w, allegation, "E1", item=world.ids["register"], reliability="B", credibility=2)
        law.prove(w, allegation, "E2", item=world.ids["order"])
        for code in ("W-0001", "W-0003", "W-0005"):
            law.prove(w, allegation, "E1", segment=world.ids[f"segment:{code}"])


def _secrets(case: Case, registry: list) -> list[str]:  # type: ignore[type-arg]
    """Every protected value of the registry that is not also, independently, a public value.

    Names are invented from a shared pool, so a witness's real name may also be the name of some
    victim on a public list; such a value cannot show a leak and is left out of the check.
    """
    candidates: set[str] = set()
    for entry in registry:
        secret = entry["protected"]
        candidates |= {secret["real_name"]["fa"], secret["real_name"]["en"], secret["location"]}
        candidates |= set(secret["contact"])
    with case.reading() as conn:
        public = set(
            conn.execute(
                select(claims.c.value).where(claims.c.sensitivity < int(Sensitivity.PROTECTED))
            ).scalars()
        )
    return sorted(c for c in candidates if c not in public) + [PROTECTED_WORDS, *PROTECTED_VICTIM]


def copy_world(world: World, target: Path) -> World:
    """A private copy of a built world, so that a test may write to it."""
    shutil.copytree(world.path, target / "demo")
    return World(
        target / "demo",
        dict(world.ids),
        list(world.secrets),
        list(world.withdrawn_public),
        list(world.withdrawn_nwcu),
    )


_BUILT: dict[str, World] = {}


def shared_world(root: Path) -> World:
    """The world, built once per test process (tests that write to it take a copy)."""
    if "world" not in _BUILT:
        _BUILT["world"] = build_world(root)
    return _BUILT["world"]
