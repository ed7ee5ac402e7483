"""What every command shares: the case option, the acting user, JSON and table output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from dadkhah.access import Reader
from dadkhah.case import Case
from dadkhah.cli.errors import safe_text
from dadkhah.errors import AccessDenied, InputError, NotFound
from dadkhah.model import Sensitivity
from dadkhah.store import Locator

if TYPE_CHECKING:
    from dadkhah.access.users import Member

CaseOption = Annotated[
    Path | None,
    typer.Option(
        "--case", help="Case folder (default: the --case given before the command, or the current folder)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SourceOption = Annotated[
    str | None, typer.Option("--source", "-s", help="Source of the claims: a Source id, title or code.")
]
LocatorOption = Annotated[
    str | None,
    typer.Option(
        "--locator", "-l", help="Where in the source: page=3, row=57, time=00:12:03-00:13:10, segment=ID."
    ),
]
EvidenceOption = Annotated[str | None, typer.Option("--evidence", help="Evidence item the claims rest on.")]
SensitivityOption = Annotated[
    str | None, typer.Option("--sensitivity", help="public, internal, confidential or protected.")
]
AsOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="Show exactly what a role (admin, investigator, analyst, viewer) or a recipient "
        "profile (e.g. public) would see.",
    ),
]


class LazyModule:
    """A module imported on first use, so ``dadkhah --help`` and light commands start fast.

    CLI modules reach heavy services (splink, numba, pandas, WeasyPrint, ...) through this; a test
    (tests/cli/test_startup.py) keeps them out of the import of ``dadkhah.cli``. For the type
    checker, import the real module under ``if TYPE_CHECKING:`` (see ``cli/estimate.py``).
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        import importlib

        return getattr(importlib.import_module(self._name), attr)


def console() -> Console:
    # Built per call so that output goes to whatever sys.stdout is now (tests capture it). Piped
    # output gets a wide page rather than Rich's 80 columns, so tables stay one row per line.
    width = None if sys.stdout.isatty() else 200
    return Console(file=sys.stdout, highlight=False, soft_wrap=False, emoji=False, width=width)


def case_path(ctx: typer.Context, case: Path | None) -> Path:
    root = (ctx.find_root().obj or {}).get("case")
    return case or root or Path.cwd()


def _user_option(ctx: typer.Context) -> str | None:
    user: str | None = (ctx.find_root().obj or {}).get("user")
    return user


def acting_member(ctx: typer.Context, case: Case) -> Member:
    """The user the command acts as (``--user``, default the owner), with their role and clearance."""
    from dadkhah.access.users import member

    with case.reading() as conn:
        return member(conn, case.owner, _user_option(ctx))


def acting_user(ctx: typer.Context, case: Case) -> str:
    """The user a write is recorded as; refuses a role that may not write."""
    who = acting_member(ctx, case)
    if not who.role.writes:
        raise AccessDenied(f"{who.name} is a {who.role.name}; a {who.role.name} records nothing")
    return who.name


def require_admin(ctx: typer.Context, case: Case) -> str:
    who = acting_member(ctx, case)
    if not who.role.manages:
        raise AccessDenied(f"only an admin may do this; {who.name} is a{_an(who.role.name)} {who.role.name}")
    return who.name


def _an(word: str) -> str:
    return "n" if word[:1] in "aeiou" else ""


def reader_for(ctx: typer.Context, case: Case, view_as: str | None = None) -> Reader:
    """The reader a command prints for: the acting user, or the role or profile given with ``--as``."""
    return case.reader(_user_option(ctx), view_as=view_as)


def print_notices(notices: list[str]) -> None:
    """Say what an output left out, and why (never what it was)."""
    for notice in notices:
        console().print(text(notice, "yellow"))


def print_stderr_notices(notices: list[str]) -> None:
    """The notices of a JSON list output, on stderr so that stdout stays one JSON document."""
    for notice in notices:
        sys.stderr.write(f"note: {safe_text(notice)}\n")


@contextmanager
def open_case(ctx: typer.Context, case: Path | None) -> Iterator[Case]:
    """Open the case for the acting user: unlocked (from the environment, a key file or, at a terminal,
    a prompt on first need) when the user's clearance reaches protected values."""
    from dadkhah.access.crypto import RefusingProtector
    from dadkhah.access.unlocking import protector_for_process

    opened = Case.open(case_path(ctx, case))
    try:
        who = acting_member(ctx, opened)
        if who.clearance >= Sensitivity.PROTECTED:
            opened.protector = protector_for_process(opened.keys_path, opened.id)
        else:
            opened.protector = RefusingProtector(who.name, who.role.name)
        yield opened
    finally:
        opened.close()


def read_text_file(path: Path, field: str) -> str:
    """A UTF-8 text file an option names; a clear error naming the file and the option if not."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=str(path), field=field) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=str(path), field=field) from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def text(value: object, style: str = "") -> Text:
    """A Rich Text that never interprets markup and shows control characters harmlessly."""
    return Text(safe_text(str(value)), style=style)


def parse_assignments(items: list[str] | None, option: str = "--set") -> dict[str, list[str]]:
    """``prop=value`` pairs to a mapping (a property given twice gets two values)."""
    values: dict[str, list[str]] = {}
    for item in items or []:
        prop, sep, value = item.partition("=")
        if not sep or not prop.strip():
            raise InputError(f"{option} expects prop=value, got '{item[:60]}'", field=option)
        values.setdefault(prop.strip(), []).append(value)
    return values


def parse_locator(raw: str | None) -> Locator | None:
    return Locator.parse(raw) if raw else None


def resolve_source(case: Case, ref: str | None) -> str | None:
    """A Source id from an id, an exact title or a short code."""
    if ref is None:
        return None
    from sqlalchemy import select

    from dadkhah.store.tables import claims, entities

    kinds = [s.name for s in case.model.schemas.values() if s.is_a("Source")]  # a Testimony is one
    with case.reading() as conn:
        if conn.execute(
            select(entities.c.id).where(entities.c.id == ref.upper(), entities.c.schema.in_(kinds))
        ).first():
            return ref.upper()
        query = (
            select(claims.c.entity_id)
            .distinct()
            .join(entities, entities.c.id == claims.c.entity_id)
            .where(entities.c.schema.in_(kinds), claims.c.prop.in_(["title", "code"]), claims.c.value == ref)
        )
        found = [row[0] for row in conn.execute(query)]
    if len(found) == 1:
        return str(found[0])
    if not found:
        raise NotFound(f"no source '{ref[:60]}'; create it with: dadkhah add Source --set title='...'")
    raise InputError(f"'{ref[:60]}' names {len(found)} sources; give the id", field="source")


@contextmanager
def progress(description: str, total: int | None) -> Iterator[Any]:
    """A progress bar on stderr for long work; ``advance(n)`` on the yielded object."""
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    with bar:
        task = bar.add_task(description, total=total)

        class _Tick:
            def advance(self, n: int = 1) -> None:
                bar.advance(task, n)

            def describe(self, text: str) -> None:
                bar.update(task, description=text)

        yield _Tick()
