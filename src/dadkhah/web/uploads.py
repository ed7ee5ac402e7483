"""Receiving an upload: streamed to a temporary file with its size capped and its type checked.

The body is the file's bytes (no multipart wrapping), so a file of gigabytes streams through in
constant memory; the SHA-256 is computed on the way and checked against what the vault stores.
The type is decided from the bytes (their signature), never from the name or the header the
browser sends, and must be one of ``[web] upload_types``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import filetype
from fastapi import Request

from dadkhah.web.problems import WebProblem

HEAD = 8192
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


@dataclass
class Received:
    folder: Path
    path: Path
    size: int
    sha256: str
    media_type: str

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def safe_filename(raw: str | None) -> str:
    """A file name from the X-Filename header (percent-encoded UTF-8), made safe to store."""
    name = unquote(raw or "", errors="replace")
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    return name[:200] or "upload"


def sniff(head: bytes, name: str) -> str:
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.mime)
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a multi-byte character cut at the end is fine
                return "application/octet-stream"
        return "text/csv" if name.lower().endswith(".csv") else "text/plain"
    return "application/octet-stream"


async def receive(request: Request, *, limit: int, allowed: tuple[str, ...]) -> Received:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise WebProblem(413, f"the file is larger than the limit of {limit // (1024 * 1024)} MB")
    name = safe_filename(request.headers.get("x-filename"))
    folder = Path(tempfile.mkdtemp(prefix="dadkhah-upload-"))
    path = folder / name
    h256, size, head = hashlib.sha256(), 0, b""
    try:
        with path.open("xb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise WebProblem(413, f"the file is larger than the limit of {limit // (1024 * 1024)} MB")
                if len(head) < HEAD:
                    head += chunk[: HEAD - len(head)]
                h256.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise WebProblem(422, "the file is empty", title="Invalid input")
        media_type = sniff(head, name)
        if media_type not in allowed:
            raise WebProblem(415, f"files of type {media_type} are not accepted here")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Received(folder, path, size, h256.hexdigest(), media_type)
