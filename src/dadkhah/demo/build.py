"""Build the demonstration case: generate the fictional materials, then load them the way a team would.

The generator (``dadkhah.demo.generate``) writes what documenting groups hold; this module turns it
into a case through the same public APIs a user's commands use, one step at a time, and reports
each step. The ground truth goes to ``PATH.truth`` beside the case and is never loaded into it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dadkhah.access import keys as case_keys
from dadkhah.access.unlocking import ENV_PASSPHRASE
from dadkhah.case import Case
from dadkhah.demo import steps as after
from dadkhah.demo.generator import generate
from dadkhah.demo.loader import OWNER, Loader
from dadkhah.demo.steps import DEMO_PASSWORD, DEMO_USERS
from dadkhah.errors import CaseError
from dadkhah.settings import FILENAME

__all__ = ["CASE_NAME", "DEMO_PASSWORD", "DEMO_USERS", "OWNER", "build_demo"]

CASE_NAME = "Amarestan 1367 (fictional demonstration case)"
REGISTRY = "witness-registry.json"  # in PATH.truth: the witnesses' identities in plain text
MARKER = ".dadkhah-demo"  # marks a folder this command made, so --force only ever removes its own work
Step = Callable[[], str]


def build_demo(
    path: Path,
    *,
    seed: int = 1988,
    scale: float = 1.0,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    dossiers: bool = True,
) -> dict[str, Any]:
    """Generate and load the demonstration case into ``path``; return a report of the steps.

    Beside the case go ``PATH.truth`` (the ground truth, for evaluation only) and, unless
    ``dossiers`` is false, ``PATH.dossiers`` (case files for a war crimes unit and for the public).
    """
    path = path.resolve()
    truth = path.with_name(path.name + ".truth")
    outputs = path.with_name(path.name + ".dossiers")
    _prepare(path, truth, force)
    if outputs.exists():
        if not force:
            raise CaseError(f"{outputs} exists; use --force to replace it")
        shutil.rmtree(outputs)
    materials = generate(path, seed=seed, scale=scale, truth_dir=truth)
    # The witnesses' identities reach the case only encrypted (the loader registers them from
    # memory): the registry file a field office would hold goes beside the case, with the truth.
    (path / "materials" / "witnesses" / "registry.json").replace(truth / REGISTRY)
    (path / MARKER).write_text(f"seed={seed} scale={scale}\n", encoding="utf-8")
    steps: list[str] = []
    with Case.init(path, name=CASE_NAME, owner=OWNER) as case:
        key = _case_key(case)
        loader = Loader(case, materials)
        plan: list[Step] = [
            loader.entities,
            loader.evidence,
            loader.witnesses,
            loader.claims,
            loader.lists,
            lambda: after.users(loader),
            lambda: after.link(loader, truth),
            lambda: after.review(loader, truth),
            lambda: after.estimate(loader, truth),
            lambda: after.analysis(loader),
            lambda: after.custody(loader),
        ]
        if dossiers:
            plan.append(lambda: after.dossiers(loader, outputs))
        for step in plan:
            steps.append(step())
            if progress:
                progress(steps[-1])
    report = {
        "case": str(path),
        "truth": str(truth),
        "seed": seed,
        "scale": scale,
        "key": key,
        "steps": steps,
    }
    if dossiers:
        report["dossiers"] = str(outputs)
    return report


def _prepare(path: Path, truth: Path, force: bool) -> None:
    if path.exists() and any(path.iterdir()):
        if not force:
            raise CaseError(f"{path} is not empty; use --force to replace a previous demonstration case")
        if not (path / MARKER).exists() or not (path / FILENAME).exists():
            raise CaseError(
                f"{path} does not hold a demonstration case made by 'dadkhah demo'; not removing it"
            )
        shutil.rmtree(path)
    if truth.exists():
        if not force:
            raise CaseError(f"{truth} exists; use --force to replace it")
        shutil.rmtree(truth)


def _case_key(case: Case) -> str:
    """The demo's case key: the passphrase in DADKHAH_PASSPHRASE, else a key file inside the case.

    A key file beside the data is acceptable only because every person in the demo is invented.
    """
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase:
        case_keys.init_keyring(case.keys_path, case.id, case_keys.Passphrase(passphrase))
        case.unlock(passphrase)
        return f"passphrase from {ENV_PASSPHRASE}"
    key_file = case_keys.create_key_file(case.keys_path / case_keys.IN_CASE_KEY_FILE)
    case_keys.init_keyring(case.keys_path, case.id, case_keys.KeyFile(key_file))
    case.unlock(key_file=key_file)
    return f"key file inside the case ({key_file}); fine for invented people only"
