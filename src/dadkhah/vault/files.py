"""Finding the files to ingest: folders walked recursively, in a stable order, safely.

Every path is either yielded as a file to read or reported as skipped with a plain reason:
missing, broken symbolic link, a symbolic link back into a folder already being walked (a loop),
not a regular file (a pipe, socket or device would block or never end), or a folder that cannot
be listed. Names may hold any bytes: ``display_path`` turns them into printable text for
messages and records.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Skipped:
    """A path that was not ingested, and why."""

    path: Path
    reason: str


def display_path(path: Path | str) -> str:
    """Printable text for a path: undecodable bytes as ``\\xNN``, control characters escaped."""
    raw = os.fsencode(path)
    text = raw.decode("utf-8", "backslashreplace")
    if text.isprintable():  # the common case: no control or surrogate character (both unprintable)
        return text
    return "".join(f"\\x{ord(ch):02x}" if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def walk(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Each regular file under ``paths`` (folders recursively, names in sorted order), or why not.

    Symbolic links are followed, but never into a folder that is already on the way down (that
    would loop forever) or one already walked.
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        yield from _walk_one(Path(os.path.abspath(path)), seen)


def _walk_one(path: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Skipped]:
    try:
        info = path.stat()
    except FileNotFoundError:
        is_link = path.is_symlink()
        yield Skipped(path, "broken symbolic link" if is_link else "does not exist")
        return
    except OSError as exc:
        yield Skipped(path, _loop_or(exc))
        return
    if stat.S_ISREG(info.st_mode):
        yield path
        return
    if not stat.S_ISDIR(info.st_mode):
        yield Skipped(path, _kind(info.st_mode))
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        yield Skipped(path, "a symbolic link to a folder already walked (a loop); skipped")
        return
    seen.add(key)
    try:
        with os.scandir(path) as entries:
            names = sorted(os.fsencode(e.name) for e in entries)
    except OSError as exc:
        yield Skipped(path, f"cannot list the folder: {exc.strerror}")
        return
    for name in names:
        yield from _walk_one(path / os.fsdecode(name), seen)


def _loop_or(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read: {exc.strerror}"


__all__ = ["Skipped", "display_path", "walk"]
