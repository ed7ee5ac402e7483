"""The content-addressed blob store: originals kept unmodified under their SHA-256.

A blob is written to a temporary file in the same folder tree, flushed to disk, then renamed into
place, so a crash leaves either no blob or a whole one; writing the same bytes twice stores them
once. Blobs are made read-only once in place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dadkhah.errors import InputError, IntegrityError, NotFound

CHUNK = 1 << 20


@dataclass(frozen=True)
class BlobInfo:
    sha256: str
    sha512: str
    size: int


class BlobStore(ABC):
    """Where originals live. The local folder is the default; object storage implements the same."""

    @abstractmethod
    def put(self, stream: BinaryIO) -> BlobInfo:
        """Store the bytes of ``stream`` (read once, to the end) and return their hashes and size."""

    @abstractmethod
    def open(self, sha256: str) -> BinaryIO:
        """Open a stored blob for reading."""

    @abstractmethod
    def exists(self, sha256: str) -> bool: ...

    @abstractmethod
    def __iter__(self) -> Iterator[str]:
        """Every stored SHA-256."""

    def put_file(self, path: Path) -> BlobInfo:
        try:
            with path.open("rb") as stream:
                return self.put(stream)
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror}", file=str(path)) from None

    def hash_of(self, sha256: str) -> BlobInfo:
        """Re-hash a stored blob (for verification)."""
        with self.open(sha256) as stream:
            return _hash_stream(stream, None)

    def check(self, sha256: str) -> None:
        """Raise IntegrityError unless the stored bytes still hash to their name."""
        actual = self.hash_of(sha256).sha256
        if actual != sha256:
            raise IntegrityError(f"blob {sha256} now hashes to {actual}: it was altered")


def _hash_stream(stream: BinaryIO, sink: BinaryIO | None) -> BlobInfo:
    h256, h512, size = hashlib.sha256(), hashlib.sha512(), 0
    while chunk := stream.read(CHUNK):
        h256.update(chunk)
        h512.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return BlobInfo(h256.hexdigest(), h512.hexdigest(), size)


def _valid(sha256: str) -> str:
    digest = sha256.lower()
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise InputError("not a SHA-256 hex digest", field="sha256")
    return digest


class LocalBlobStore(BlobStore):
    """Blobs in a folder: ``<root>/sha256/ab/cd/abcd…``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        digest = _valid(sha256)
        return self.root / "sha256" / digest[:2] / digest[2:4] / digest

    def put(self, stream: BinaryIO) -> BlobInfo:
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="incoming-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as sink:
                info = _hash_stream(stream, sink)
                sink.flush()
                os.fsync(sink.fileno())
            final = self.path_of(info.sha256)
            if final.exists():
                tmp.unlink()
                return info
            final.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(tmp, 0o444)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
            return info
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def open(self, sha256: str) -> BinaryIO:
        try:
            return self.path_of(sha256).open("rb")
        except FileNotFoundError:
            raise NotFound(f"no blob {sha256}") from None

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def __iter__(self) -> Iterator[str]:
        base = self.root / "sha256"
        if base.is_dir():
            for path in sorted(base.glob("*/*/*")):
                yield path.name

    def copy_to(self, sha256: str, target: Path) -> None:
        shutil.copyfile(self.path_of(sha256), target)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
