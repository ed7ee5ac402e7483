"""The web application's secrets at rest (``dadkhah.web.sealing``)."""

from __future__ import annotations

from pathlib import Path

import pyotp
import pytest

from dadkhah.errors import CaseError
from dadkhah.web import sealing


def test_a_seal_opens_only_for_its_user_and_its_key(tmp_path: Path) -> None:
    seed = pyotp.random_base32()
    sealed = sealing.seal_seed(tmp_path, "vic", seed)
    assert seed not in sealed
    assert sealed != sealing.seal_seed(tmp_path, "vic", seed)  # a fresh nonce each time
    assert sealing.unseal_seed(tmp_path, "vic", sealed) == seed
    with pytest.raises(CaseError, match="does not open"):
        sealing.unseal_seed(tmp_path, "vicky", sealed)
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(CaseError, match="does not open"):
        sealing.unseal_seed(other, "vic", sealed)  # another case's key


def test_a_changed_byte_in_a_seal_is_refused(tmp_path: Path) -> None:
    sealed = sealing.seal_seed(tmp_path, "vic", pyotp.random_base32())
    flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
    with pytest.raises(CaseError, match="does not open"):
        sealing.unseal_seed(tmp_path, "vic", flipped)


def test_the_key_is_made_once_for_its_owner_only_and_a_broken_one_is_named(tmp_path: Path) -> None:
    sealing.seal_seed(tmp_path, "vic", "JBSWY3DPEHPK3PXP")
    key = tmp_path / sealing.KEY_FILE
    made = key.read_bytes()
    sealing.seal_seed(tmp_path, "ana", "JBSWY3DPEHPK3PXP")
    assert key.read_bytes() == made and key.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [sealing.KEY_FILE]  # no temporary file left
    key.write_bytes(made[:16])
    with pytest.raises(CaseError, match="not a 32-byte key"):
        sealing.seal_seed(tmp_path, "vic", "JBSWY3DPEHPK3PXP")


def test_a_seed_stored_before_sealing_still_reads(tmp_path: Path) -> None:
    assert sealing.unseal_seed(tmp_path, "vic", "JBSWY3DPEHPK3PXP") == "JBSWY3DPEHPK3PXP"
