"""Writing export files all at once or not at all, and the summary every export returns."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dadkhah.errors import InputError


@dataclass
class ExportSummary:
    """What an export wrote: where, how many files and records, and what the redaction left out."""

    format: str
    path: Path
    files: list[str] = field(default_factory=list)
    records: int = 0
    notices: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "format": self.format,
            "path": str(self.path),
            "files": list(self.files),
            "records": self.records,
            "withheld": list(self.notices),
        }


def _refuse_existing(out: Path) -> None:
    if out.exists():
        raise InputError("already exists; choose a new name for the export", file=str(out))


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A folder that appears at ``out`` only when the block finishes without error."""
    out = Path(out)
    _refuse_existing(out)
    staging = out.with_name(out.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        yield staging
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


@contextmanager
def staged_file(out: Path) -> Iterator[Path]:
    """A file that appears at ``out`` only when the block finishes without error."""
    out = Path(out)
    _refuse_existing(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(out.name + ".partial")
    try:
        yield staging
        os.replace(staging, out)
    finally:
        staging.unlink(missing_ok=True)


def listing(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


__all__ = ["ExportSummary", "listing", "staged_file", "staged_folder"]
