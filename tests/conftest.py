"""Shared fixtures: cases on SQLite and on the real PostgreSQL server, and a CLI runner."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dadkhah.case import Case

PG_URL = os.environ.get("DADKHAH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _drop_schema(schema: str) -> None:
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the database backend a store test runs on; every store test runs on both."""
    return str(request.param)


@pytest.fixture
def case(backend: str, tmp_path: Path) -> Iterator[Case]:
    """A new, empty case on the requested backend."""
    if backend == "sqlite":
        opened = Case.init(tmp_path / "case", owner="tester")
        yield opened
        opened.close()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    opened = Case.init(tmp_path / "case", owner="tester", database_url=PG_URL, database_schema=schema)
    try:
        yield opened
    finally:
        opened.close()
        _drop_schema(schema)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the dadkhah CLI in-process: ``cli("--case", d, "summary")`` → Result(code, out, err)."""
    from dadkhah.cli import run

    def invoke(*args: object) -> Result:
        capsys.readouterr()
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke
