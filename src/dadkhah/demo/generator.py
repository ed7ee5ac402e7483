"""``generate``: build the demonstration materials and their ground truth, deterministically."""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
from pathlib import Path

import numpy as np

from dadkhah.demo import documents, testimony, world
from dadkhah.demo.lists import build_lists, capture
from dadkhah.demo.materials import AllegationSpec, Assertion, Materials, Ref
from dadkhah.demo.people import NameDrawer, victims
from dadkhah.demo.truth import write_truth
from dadkhah.errors import InputError

FULL_VICTIMS = 5000
FULL_WITNESSES = 40
RECORDING_SEGMENT_S = 4.0


#: where a witness's identity is (``dadkhah demo`` moves the registry out of the case folder)
REGISTRY_NOTE = "materials/witnesses/registry.json (`dadkhah demo` moves it to PATH.truth)"


def _streams(seed: int, part: str) -> tuple[random.Random, np.random.Generator]:
    """Independent random streams per part, so a change in one part leaves the others' output alone."""
    digest = random.Random(f"{seed}:{part}").getrandbits(64)
    return random.Random(digest), np.random.default_rng(digest)


def generate(
    out_dir: Path, seed: int = 1988, scale: float = 1.0, *, truth_dir: Path | None = None
) -> Materials:
    """Write the materials under ``out_dir/materials`` and the truth under ``out_dir/truth``.

    The same ``seed`` and ``scale`` always give byte-identical files. ``scale`` shrinks the
    population and the number of witnesses (``scale=0.05``: about 250 victims, 8 witnesses).
    ``truth_dir`` puts the ground truth elsewhere (it must not be inside a case folder). Existing
    ``materials`` and truth folders are replaced.
    """
    if not 0 < scale <= 4:
        raise InputError("scale must be greater than 0 and at most 4", field="scale")
    out_dir = Path(out_dir)
    truth = Path(truth_dir) if truth_dir is not None else out_dir / "truth"
    for folder in (out_dir / "materials", truth):
        if folder.exists():
            shutil.rmtree(folder)
    (out_dir / "materials").mkdir(parents=True)

    m = Materials(seed=seed, scale=scale, root=out_dir, country=world.COUNTRY)
    m.sources += world.sources()
    m.places += world.places()
    m.organizations += world.organizations()
    officials, positions = world.officials()
    m.people += officials
    m.positions += positions
    m.presences += world.presences()
    m.events += world.events()
    m.involvements += world.involvements()

    rng, nprng = _streams(seed, "victims")
    drawer = NameDrawer(rng)
    true_victims = victims(rng, nprng, max(50, round(FULL_VICTIMS * scale)), drawer)

    rng, nprng = _streams(seed, "lists")
    probs, captured = capture(true_victims, nprng)
    built = build_lists(true_victims, captured, rng, out_dir)
    for bl in built:
        m.lists.append(bl.spec)
        m.sources.append(bl.source)

    rng, _ = _streams(seed, "testimony")
    tb = testimony.generate(
        rng, NameDrawer(rng), true_victims, round(FULL_WITNESSES * scale), out_dir, RECORDING_SEGMENT_S
    )
    m.people += tb.people
    m.witnesses += tb.witnesses
    m.testimonies += tb.testimonies
    m.sources += tb.sources
    m.violations += tb.violations
    m.involvements += tb.involvements
    m.assertions += tb.assertions

    rng, nprng = _streams(seed, "documents")
    recorded = next(t for t in m.testimonies if t.recording)
    db = documents.generate(rng, nprng, true_victims, recorded, out_dir)
    m.evidence += db.evidence
    m.sources += db.sources
    m.people += db.people
    m.violations += db.violations
    m.involvements += db.involvements

    m.assertions += _conflicts()
    m.allegation = AllegationSpec(
        suspect=world.OFFICIAL["suspect"].id,
        crime="RS.7.1.a",
        mode="RS.25.3.a",
        events=("event:wave-sangdasht",),
        note="Murder as a crime against humanity, committed jointly with others (co-perpetration): "
        "the suspect read out the names of prisoners condemned by the commission and led them to the "
        "execution site at Sangdasht Prison. In the fiction he was arrested on arrival in Sweden.",
    )
    mention_source = {
        p.id: p.source.source for p in m.people if p.id in tb.mention_victim or p.id in db.mention_victim
    }
    m.truth = write_truth(
        truth,
        seed,
        scale,
        true_victims,
        probs,
        captured,
        built,
        {**tb.mention_victim, **db.mention_victim},
        mention_source,
        tb.inconsistencies,
    )
    _write_manifest(m)
    return m


def _conflicts() -> list[Assertion]:
    """Sources that disagree, so that conflicting claims show side by side."""
    suspect = world.OFFICIAL["suspect"].id
    return [
        Assertion(suspect, "birth_date", "1960", Ref(world.PROFILES, "p. 7"),
                  "the HRM profile gives 1960; the JAA report gives 1961"),
        Assertion("position:vaziri-moghadam-2", "start", "1988-07-28", Ref(world.PROFILES, "p. 12"),
                  "HRM dates his seat on the commission from the first executions"),
        Assertion("event:wave-sarvand", "end", "1988-09-04", Ref(world.PROFILES, "p. 20"),
                  "HRM counts executions at Sarvand until early September"),
    ]  # fmt: skip


def _plain(obj: object) -> object:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, Path):
        return str(obj)
    return obj


def _without(obj: object, name: str) -> dict[str, object]:
    plain = _plain(obj)
    assert isinstance(plain, dict)
    return {k: v for k, v in plain.items() if k != name}


def _write_manifest(m: Materials) -> None:
    """Everything but list rows and truth, as JSON, for people and for loaders in other languages."""
    doc = {
        "seed": m.seed,
        "scale": m.scale,
        "country": m.country,
        "sources": _plain(m.sources),
        "places": _plain(m.places),
        "organizations": _plain(m.organizations),
        "people": _plain(m.people),
        "positions": _plain(m.positions),
        "presences": _plain(m.presences),
        "events": _plain(m.events),
        "violations": _plain(m.violations),
        "involvements": _plain(m.involvements),
        "assertions": _plain(m.assertions),
        "lists": [_without(vl, "rows") | {"row_count": len(vl.rows)} for vl in m.lists],
        "witnesses": [_without(w, "protected") | {"protected": REGISTRY_NOTE} for w in m.witnesses],
        "testimonies": _plain(m.testimonies),
        "evidence": _plain(m.evidence),
        "allegation": _plain(m.allegation),
    }
    path = m.root / "materials" / "manifest.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
