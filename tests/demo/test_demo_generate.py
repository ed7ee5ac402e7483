"""The generator as a whole: determinism, sizes, capture structure, referential integrity."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from dadkhah.demo import ACTS, ROLES, Materials, generate
from dadkhah.errors import InputError


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=11, scale=0.04)
    generate(tmp_path / "b", seed=11, scale=0.04)
    a, b = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert a.keys() == b.keys()
    assert len(a) > 20  # lists, testimonies, registry, documents, manifest, truth
    assert a == b


@pytest.mark.slow
def test_output_does_not_depend_on_the_process(tmp_path: Path) -> None:
    """Nothing depends on hash randomisation, the clock or global random state."""
    code = (
        "import sys; from pathlib import Path; from dadkhah.demo import generate; "
        "generate(Path(sys.argv[1]), 3, 0.02)"
    )
    for name, hashseed in (("a", "1"), ("b", "4242")):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True, env=env)
    random.seed(99)  # global state must not matter either
    generate(tmp_path / "c", 3, 0.02)
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b") == _digests(tmp_path / "c")


def test_another_seed_gives_other_victims(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=11, scale=0.04)
    generate(tmp_path / "b", seed=12, scale=0.04)
    victims = "truth/victims.csv"
    assert (tmp_path / "a" / victims).read_bytes() != (tmp_path / "b" / victims).read_bytes()
    # The invented world itself does not depend on the seed.
    world = [
        line
        for line in (tmp_path / "a" / "materials/manifest.json").read_text().splitlines()
        if '"place:' in line and '"id"' in line
    ]
    assert world == [
        line
        for line in (tmp_path / "b" / "materials/manifest.json").read_text().splitlines()
        if '"place:' in line and '"id"' in line
    ]


def test_regenerating_replaces_previous_output(tmp_path: Path) -> None:
    generate(tmp_path, seed=1, scale=0.04)
    stray = tmp_path / "materials" / "lists" / "stale.csv"
    stray.write_text("x")
    generate(tmp_path, seed=1, scale=0.04)
    assert not stray.exists()


def test_truth_can_go_elsewhere(tmp_path: Path) -> None:
    m = generate(tmp_path / "case-materials", seed=2, scale=0.02, truth_dir=tmp_path / "truth-apart")
    assert m.truth is not None and m.truth.dir == tmp_path / "truth-apart"
    assert (tmp_path / "truth-apart" / "victims.csv").is_file()
    assert not (tmp_path / "case-materials" / "truth").exists()


def test_scale_is_checked(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="scale"):
        generate(tmp_path, scale=0)


def test_full_size(full: Materials) -> None:
    assert full.truth is not None
    assert full.truth.true_total == 5000
    assert len(full.lists) == 4
    assert len(full.witnesses) == 40
    assert len(full.testimonies) > 40  # some witnesses gave a second statement
    assert len([p for p in full.places if p.kind == "prison"]) == 6
    assert len({t.witness for t in full.testimonies}) == 40
    for vl in full.lists:
        assert 1000 <= len(vl.rows) <= 3500, vl.id
    assert 4 <= len(full.evidence) <= 10


def test_small_scale_shrinks(small: Materials) -> None:
    assert small.truth is not None
    assert small.truth.true_total == 250
    assert len(small.witnesses) == 8
    assert all(len(vl.rows) < 250 for vl in small.lists)


def _capture_matrix(m: Materials) -> tuple[list[str], np.ndarray]:
    assert m.truth is not None
    ids = sorted(m.truth.captured_by)
    lists = [vl.id for vl in m.lists]
    mat = np.array([[lst in m.truth.captured_by[v] for lst in lists] for v in ids])
    return ids, mat


def test_some_victims_are_on_no_list_and_lists_overlap(full: Materials) -> None:
    ids, cap = _capture_matrix(full)
    none = (~cap.any(axis=1)).mean()
    assert 0.05 < none < 0.30
    for i in range(cap.shape[1]):
        for j in range(i + 1, cap.shape[1]):
            both = (cap[:, i] & cap[:, j]).sum()
            only_i = (cap[:, i] & ~cap[:, j]).sum()
            only_j = (~cap[:, i] & cap[:, j]).sum()
            assert both > 100 and only_i > 100 and only_j > 100, (i, j)
    # Every one of the 16 capture patterns occurs: multiple systems estimation has data to work on.
    patterns = Counter(tuple(row) for row in cap)
    assert len(patterns) == 16


def test_list_coverage_varies_by_prison(full: Materials) -> None:
    assert full.truth is not None
    ids, cap = _capture_matrix(full)
    prisons = np.array([full.truth.victim_prison[v] for v in ids])
    names = [p.id for p in full.places if p.kind == "prison"]
    for j, vl in enumerate(full.lists):
        rates = [cap[prisons == p, j].mean() for p in names]
        assert max(rates) - min(rates) > 0.15, vl.id
    # The families' committee works inside the capital: it knows the capital's prisons best.
    fam = [vl.id for vl in full.lists].index("list:families")
    capital = np.isin(prisons, ["place:arzhang-central-prison", "place:sangdasht-prison"])
    assert cap[capital, fam].mean() > cap[~capital, fam].mean() + 0.2


def test_truth_rows_agree_with_lists_and_captures(full: Materials) -> None:
    assert full.truth is not None
    for vl in full.lists:
        rows = {r for (lst, r) in full.truth.row_victim if lst == vl.id}
        assert rows == set(range(1, len(vl.rows) + 1))
        on_list = {v for v, lists in full.truth.captured_by.items() if vl.id in lists}
        assert {full.truth.row_victim[(vl.id, r)] for r in rows} == on_list
    # Some victims appear twice in one list (within-list duplicates).
    dup = Counter((lst, v) for (lst, _), v in full.truth.row_victim.items())
    assert sum(1 for n in dup.values() if n > 1) > 30


def test_every_reference_resolves(full: Materials) -> None:
    ids = {
        x.id
        for group in (
            full.places,
            full.organizations,
            full.people,
            full.positions,
            full.events,
            full.violations,
            full.involvements,
        )
        for x in group
    }
    sources = {s.id for s in full.sources}
    for p in full.places:
        assert p.parent is None or p.parent in ids
    for o in full.organizations:
        assert o.parent is None or o.parent in ids
        assert o.place is None or o.place in ids
    for pos in full.positions:
        assert pos.person in ids and pos.organization in ids
    for e in full.events:
        assert e.part_of is None or e.part_of in ids
        assert all(p in ids for p in e.places)
    for v in full.violations:
        assert v.victim in ids and v.act in ACTS
        assert v.event is None or v.event in ids
        assert v.place is None or v.place in ids
    for inv in full.involvements:
        assert inv.actor in ids and inv.target in ids and inv.role in ROLES
    for a in full.assertions:
        assert a.entity in ids
    for pr in full.presences:
        assert pr.person in ids and (pr.place is None or pr.place in ids)
    refs = [x.source for x in full.presences] + [
        x.source
        for group in (
            full.places,
            full.organizations,
            full.people,
            full.positions,
            full.events,
            full.violations,
            full.involvements,
            full.assertions,
        )
        for x in group
    ]
    assert {r.source for r in refs} <= sources
    assert {vl.source for vl in full.lists} <= sources
    assert {t.source for t in full.testimonies} <= sources
    assert {e.source for e in full.evidence} <= sources
    assert len(ids) == sum(
        len(g)
        for g in (
            full.places,
            full.organizations,
            full.people,
            full.positions,
            full.events,
            full.violations,
            full.involvements,
        )
    )


def test_conflicting_sources_exist(full: Materials) -> None:
    """Two sources disagree about the suspect's birth year and about when he took up his post."""
    suspect = full.allegation.suspect if full.allegation else ""
    person = next(p for p in full.people if p.id == suspect)
    other = [a for a in full.assertions if a.entity == suspect and a.prop == "birth_date"]
    assert other and other[0].value != person.birth_date and other[0].source.source != person.source.source
    post = next(p for p in full.positions if p.id == "position:suspect-1")
    starts = {a.value for a in full.assertions if a.entity == post.id and a.prop == "start"}
    assert starts and post.start not in starts


def test_allegation_is_backed_by_testimony_and_documents(full: Materials) -> None:
    assert full.allegation is not None
    suspect = full.allegation.suspect
    inv = [i for i in full.involvements if i.actor == suspect]
    kinds = {next(s.kind for s in full.sources if s.id == i.source.source) for i in inv}
    assert {"interview", "document", "report"} <= kinds
    witnesses = {i.source.source for i in inv if i.source.source.startswith("source:testimony-")}
    assert len(witnesses) >= 3


def _vocab(name: str) -> set[str]:
    import yaml

    import dadkhah.model

    path = Path(dadkhah.model.__file__).parent / "vocab" / f"{name}.yaml"
    return set(yaml.safe_load(path.read_text(encoding="utf-8"))["terms"])


def test_terms_are_the_models_vocabulary(full: Materials) -> None:
    """A loader can pass every kind, act and role straight to the model."""
    assert {v.act for v in full.violations} <= _vocab("acts")
    assert {i.role for i in full.involvements} <= _vocab("involvement_roles")
    assert {e.kind for e in full.events} <= _vocab("event_kinds")
    assert {p.kind for p in full.places} <= _vocab("place_kinds")
    assert {o.kind for o in full.organizations} <= _vocab("organization_kinds")
    assert {p.kind for p in full.positions} <= _vocab("position_kinds")
    assert {s.kind for s in full.sources} <= _vocab("source_kinds")
    assert {p.kind for p in full.presences} <= _vocab("presence_kinds")
    assert {w.risk for w in full.witnesses} <= _vocab("risk_levels")
    assert {e.derivation for e in full.evidence if e.derivation} <= _vocab("derivation_kinds")
    assert {p.gender for p in full.people if p.gender} <= _vocab("genders")
    kinds = {p.id: p.kind for p in full.positions}
    assert kinds["position:vaziri-moghadam-4"] == "head_of_government"  # sitting, for immunity
