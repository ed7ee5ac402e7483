"""What protecting witnesses costs: sealing values, unlocking the key, reading through the redaction.

Each figure is measured beside its anchor in the same run:

- seal + open of a protected value (padding, AES-256-GCM with the claim id as associated data,
  base64 text) beside bare ``cryptography`` AESGCM encrypt + decrypt of the same bytes;
- unlocking the keyring (Argon2id, RFC 9106's 64 MiB / t=3 / p=4, then unwrapping) beside
  argon2-cffi's own ``PasswordHasher().hash`` at its defaults (the same RFC 9106 parameters);
- an entity view through the redaction (a witness with protected identity, consent on record) as
  the owner beside the bare SQL select of that entity's claims (the floor any view pays).

    .venv/bin/python bench/protect.py            # 20,000 values, 5 unlocks, 300 views
    .venv/bin/python bench/protect.py --quick    # a tenth of that
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select

from dadkhah.access.crypto import AesGcmProtector
from dadkhah.access.keys import KeyFile, Passphrase, create_key_file, init_keyring, unlock
from dadkhah.case import Case
from dadkhah.store.tables import claims
from dadkhah.testimony import Relative, record_consent, register_witness

ROW = "{:<34} {:>14} {:>14} {:>7}"


def per_second(run: Callable[[], None], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        run()
    return n / (time.perf_counter() - start)


def seal_open(n: int) -> tuple[float, float]:
    key = os.urandom(32)
    ours = AesGcmProtector({"k": key}, "k")
    value = "ژاله پروانه · Zhaleh Parvaneh · +44 7700 900123"
    raw, aead, nonce = value.encode(), AESGCM(key), os.urandom(12)

    def ours_once() -> None:
        ours.open(
            ours.seal(value, context="01J00000000000000000000000"), context="01J00000000000000000000000"
        )

    def anchor_once() -> None:
        aead.decrypt(
            nonce, aead.encrypt(nonce, raw, b"01J00000000000000000000000"), b"01J00000000000000000000000"
        )

    return per_second(ours_once, n), per_second(anchor_once, n)


def unlocking(n: int, folder: Path) -> tuple[float, float]:
    init_keyring(folder, "01J00000000000000000000000", Passphrase("correct horse battery"))
    hasher = PasswordHasher()

    def ours_once() -> None:
        unlock(folder, "01J00000000000000000000000", Passphrase("correct horse battery"))

    def anchor_once() -> None:
        hasher.hash("correct horse battery")

    return per_second(ours_once, n), per_second(anchor_once, n)


def viewing(n: int, folder: Path) -> tuple[float, float]:
    with Case.init(folder / "case", owner="bench") as case:
        key = create_key_file(folder / "case.key")
        init_keyring(case.keys_path, case.id, KeyFile(key))
        case.unlock(key_file=key)
        with case.writer() as w:
            person, code = register_witness(
                w, names=["Zhaleh Parvaneh", "ژاله پروانه"], contacts=["+44 7700 900123"],
                location="Golbargsvägen 12, Malmö", relatives=[Relative("Soraya Azadi", "sister")],
                risk="high", measures=["pseudonym"],
            )  # fmt: skip
            record_consent(w, code, uses=["investigation"], effective="2019-05-04")
        owner = case.reader()

        def ours_once() -> None:
            case.view(person, owner)

        def anchor_once() -> None:
            with case.reading() as conn:
                conn.execute(select(claims).where(claims.c.entity_id == person)).all()

        return per_second(ours_once, n), per_second(anchor_once, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    scale = 10 if parser.parse_args().quick else 1
    print(ROW.format("operation", "ours /s", "anchor /s", "ratio"))
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            ("seal + open a value", seal_open(20_000 // scale)),
            ("unlock (Argon2id 64 MiB, t=3, p=4)", unlocking(max(5 // scale, 2), Path(tmp) / "keys")),
            ("view a witness as the owner", viewing(300 // scale, Path(tmp))),
        ]
    for name, (ours, anchor) in rows:
        print(ROW.format(name, f"{ours:,.1f}", f"{anchor:,.1f}", f"{ours / anchor:.2f}"))
    print("anchors: bare AESGCM; argon2-cffi PasswordHasher().hash; a bare select of the entity's claims")


if __name__ == "__main__":
    main()
