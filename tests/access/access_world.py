"""A small fictional case for the access tests: one witness, one testimony, a victim it names.

Every name, number and address here is invented (phone numbers from Ofcom's drama range).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import MetaData, select

from dadkhah.access import users
from dadkhah.access.keys import KdfParams, KeyFile, Passphrase, create_key_file, init_keyring
from dadkhah.case import Case
from dadkhah.model import Sensitivity
from dadkhah.testimony import (
    Relative,
    SegmentText,
    add_segments,
    add_testimony,
    add_translation,
    cite,
    record_consent,
    register_witness,
)

FAST = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
NWCU = "national-war-crimes-unit"
FFM = "un-fact-finding-mission"
#: the protected values of the world, which no uncleared output may contain
SECRETS = (
    "Zhaleh Parvaneh",
    "ژاله پروانه",
    "+44 7700 900123",
    "Golbargsvägen 12, Malmö",
    "Soraya Azadi; sister; Tabriz",
    "سخنان محرمانه در بند ۳",
)


@dataclass
class World:
    case: Case
    key: Path
    witness: str
    code: str
    testimony: str
    segments: list[str]
    victim: str
    cited: str


def key_case(case: Case, tmp_path: Path, *, passphrase: str | None = None) -> Path:
    """Give ``case`` a key (a key file outside the case folder, or a passphrase) and unlock it."""
    if passphrase is not None:
        init_keyring(case.keys_path, case.id, Passphrase(passphrase), kdf=FAST)
        case.unlock(passphrase)
        return case.keys_path
    key = create_key_file(tmp_path / "outside" / "case.key")
    init_keyring(case.keys_path, case.id, KeyFile(key))
    case.unlock(key_file=key)
    return key


def add_profiles(case: Case) -> None:
    with case.writer() as w:
        users.add_profile(
            w.conn, NWCU, label="National war crimes unit", clearance="confidential",
            purpose="prosecution", by="tester",
        )  # fmt: skip
        users.add_profile(
            w.conn, FFM, label="UN fact-finding mission", clearance="protected",
            purpose="un-submission", by="tester",
        )  # fmt: skip


def build(case: Case, tmp_path: Path) -> World:
    key = key_case(case, tmp_path)
    add_profiles(case)
    with case.writer() as w:
        source = w.create("Source", {"title": "Families list"}, sensitivity=Sensitivity.PUBLIC)
        person, code = register_witness(
            w,
            names=[SECRETS[0], SECRETS[1]],
            contacts=[SECRETS[2]],
            location=SECRETS[3],
            relatives=[Relative("Soraya Azadi", "sister", "Tabriz")],
            risk="high",
            measures=["pseudonym", "no contact except through the interviewing organisation"],
            gender="female",
        )
        testimony = add_testimony(
            w, witness=code, date="2019-05-04", language="fa", interviewers=["Anna Lindqvist"],
            interpreter="Dariush Farahmand", sensitivity=Sensitivity.PUBLIC,
        )  # fmt: skip
        segments = add_segments(
            w,
            testimony,
            [
                SegmentText("I was held in ward 3 of Evin.", "00:00:05", "00:01:10"),
                "They took Kaveh on 30 July.",
            ],
            language="en",
            sensitivity=Sensitivity.PUBLIC,
        )
        add_translation(w, segments[0], "من در بند ۳ اوین بودم.", language="fa", translator="Shirin Vafaei")
        add_segments(w, testimony, [SECRETS[5]], language="fa", sensitivity=Sensitivity.PROTECTED)
        victim = w.create("Person", {"name": "Kaveh Parvaneh"}, source=source, sensitivity=Sensitivity.PUBLIC)
        cited = cite(w, segments[1], victim, "deathDate", "1988-07-30", sensitivity=Sensitivity.PUBLIC)
        record_consent(
            w, code, uses=["investigation", "prosecution", "un-submission"], recipients=[NWCU, FFM],
            effective="2019-05-04",
        )  # fmt: skip
    return World(case, key, person, code, testimony, segments, victim, cited.id)


def made(world: World) -> dict[str, str]:
    return {"person": world.witness, "code": world.code, "testimony": world.testimony, "victim": world.victim}


# -- looking for leaks ------------------------------------------------------------------------

#: how each kind of reader is selected on the command line: (options before the command, after it)
READERS: dict[str, tuple[list[str], list[str]]] = {
    "viewer": (["--user", "vera"], []),
    "analyst": (["--user", "ali"], []),
    "public": ([], ["--as", "public"]),
    NWCU: ([], ["--as", NWCU]),
    FFM: ([], ["--as", FFM]),
    "locked-owner": ([], []),
}


def add_team(case: Case) -> None:
    with case.writer() as w:
        users.add_user(w.conn, "vera", "viewer", by="tester", owner=case.owner)
        users.add_user(w.conn, "ali", "analyst", by="tester", owner=case.owner)


def outputs(
    run: Callable[..., tuple[str, str]],
    case: Path,
    reader: str,
    made: dict[str, str],
    probes: list[str],
) -> str:
    """Everything every data-printing command prints (stdout and stderr) for one reader."""
    before, after = READERS[reader]
    person, victim, testimony, code = made["person"], made["victim"], made["testimony"], made["code"]
    commands = [
        ["show", person], ["show", person, "--json"], ["show", victim], ["show", victim, "--json"],
        ["show", testimony, "--json"],
        ["history", person], ["history", person, "--json"], ["history", victim, "--json"],
        ["summary"], ["summary", "--json"],
        ["testimony", "show", testimony], ["testimony", "show", testimony, "--json"],
        ["testimony", "export", testimony, "--format", "text"], ["testimony", "export", testimony],
        ["testimony", "list", "--json"],
        ["witness", "list", "--json"], ["witness", "show", code], ["witness", "show", code, "--json"],
        ["consent", "show", code, "--json"],
        *[["search", probe, "--json"] for probe in probes],
        ["search", probes[0]],
    ]  # fmt: skip
    printed = "\n".join("\n".join(run("--case", case, *before, *command, *after)) for command in commands)
    return printed + "\n" + _exported(run, case, before, after)


def _exported(run: Callable[..., tuple[str, str]], case: Path, before: list[str], after: list[str]) -> str:
    """What every export writes for the reader (and what the commands print), as text."""
    with tempfile.TemporaryDirectory(prefix="dadkhah-leak-") as tmp:
        out = Path(tmp)
        exports = (("jsonl", "all.jsonl"), ("csv", "csv"), ("ftm", "all.ftm"), ("geojson", "all.geojson"))
        said = [run("--case", case, *before, "export", kind, out / name, *after) for kind, name in exports]
        written = [f.read_bytes().decode("utf-8", "replace") for f in sorted(out.rglob("*")) if f.is_file()]
    assert written, "the exports wrote nothing: the check would prove nothing"
    return "\n".join(["\n".join(pair) for pair in said] + written)


def leaks(output: str, secrets: Iterable[str]) -> list[str]:
    """Secrets in ``output``, whole or by their first six characters (in case a table cut one)."""
    return [s for s in secrets if s in output or s[:6] in output]


def raw_leaks(case: Case, secrets: Iterable[str]) -> list[str]:
    """Secrets in the bytes of the case folder (database, WAL, blobs, keys) or in any table's rows."""
    secrets = list(secrets)
    raw = b"".join(p.read_bytes() for p in case.path.rglob("*") if p.is_file())
    found = [s for s in secrets if s.encode() in raw]
    tables = MetaData()
    tables.reflect(case.engine)
    with case.engine.connect() as conn:
        dump = "\n".join(
            repr(tuple(row)) for table in tables.sorted_tables for row in conn.execute(select(table))
        )
    return found + [s for s in secrets if s in dump]
