"""The standalone verifier in an exported bag, run where Dadkhah is not installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from dadkhah.case import Case
from dadkhah.vault import ingest_file
from dadkhah.vault.bag import export_bag, standalone_verifier


def test_the_verifier_embeds_the_exact_log_modules(tmp_path: Path) -> None:
    import dadkhah.log.checkpoint
    import dadkhah.log.merkle
    import dadkhah.log.note

    script = tmp_path / "verify_bag.py"
    script.write_text(standalone_verifier())
    spec = importlib.util.spec_from_file_location("verify_bag_copy", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    embedded = module.EMBEDDED_MODULES
    assert isinstance(embedded, dict)
    for module in (dadkhah.log.merkle, dadkhah.log.note, dadkhah.log.checkpoint):
        assert embedded[module.__name__.rsplit(".", 1)[1]] == Path(str(module.__file__)).read_text()


@pytest.mark.slow
def test_a_bag_verifies_in_a_fresh_venv_without_dadkhah(tmp_path: Path) -> None:
    with Case.init(tmp_path / "case", owner="tester") as case:
        (tmp_path / "statement.txt").write_text("I saw the trucks leave at night.\n")
        (tmp_path / "photo.bin").write_bytes(bytes(range(256)) * 40)
        items = [ingest_file(case, tmp_path / "statement.txt"), ingest_file(case, tmp_path / "photo.bin")]
        key = str(case.custody.public_key().verifier)
        export_bag(case, tmp_path / "bag", items, extra_files={"index.txt": b"two exhibits\n"})
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "cryptography"], check=True, timeout=600)
    probe = subprocess.run([python, "-c", "import dadkhah"], capture_output=True, text=True)
    assert probe.returncode != 0  # no Dadkhah here
    verifier = tmp_path / "bag" / "data" / "verify_bag.py"
    run = subprocess.run([python, verifier, "--key", key], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "RESULT: VERIFIED" in run.stdout and "4 custody event(s) are proven" in run.stdout

    payload = next((tmp_path / "bag" / "data" / "items").rglob("statement.txt"))
    payload.write_text("I saw the trucks leave at noon.\n")
    run = subprocess.run([python, verifier, tmp_path / "bag"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "RESULT: NOT VERIFIED" in run.stdout and "statement.txt: its SHA-256 does not match" in run.stdout
    assert sys.executable != str(python)
