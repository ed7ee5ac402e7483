"""Reading a file once into the blob store: SHA-256 and SHA-512 while copying, in constant memory.

A file is read in chunks; each chunk is hashed twice and written to a temporary file in the blob
store's ``tmp/`` folder. For a large file the two hashes and the writes run on three more threads
(hashlib and writes release the interpreter lock), and the copy is written past the page cache
(``O_DIRECT``) where the file system allows it. Blobs are then made durable in batches: the
temporary files are flushed to disk together (one ``syncfs``), renamed to their content address,
and the renames flushed in turn — only then may the rows that refer to them commit. So a blob in
its place is always whole, a crash leaves at most unreferenced temporary files (removed by the
next intake), and a folder of small files costs two disk flushes per batch instead of two per file.

A file that changes or shrinks while it is read, vanishes before it is opened, or cannot be read
to the end is refused with a plain message, and nothing of it is kept. A full disk stops the
intake (``CaseError``): nothing more can be stored until space is freed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import itertools
import mmap
import os
import secrets
import stat
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from dadkhah.errors import CaseError, InputError
from dadkhah.store.blobs import LocalBlobStore
from dadkhah.vault.files import display_path

CHUNK = 4 << 20  # large enough that hashing releases the GIL and syscalls are few
HEAD = 8192  # what media type detection looks at
THREADED = 1 << 20  # below this a second thread costs more than it saves
_PREFIX = "intake-"
_O_DIRECT: int = getattr(os, "O_DIRECT", 0)  # Linux: write past the page cache
_BUFFERS = 3  # chunks of a large file in flight: one being read, two being hashed and written
_ALIGN = 4096  # a direct write's offset and length: whole blocks (4096 covers 512-byte sectors too)


@dataclass
class Incoming:
    """A file's bytes, copied into the blob store's waiting room (``tmp``) and then into place."""

    origin: Path
    tmp: Path | None
    sha256: str
    sha512: str
    size: int
    head: bytes
    mtime_ns: int
    placed: bool = field(default=False)


def _read(stream: BinaryIO, size: int) -> bytes:
    """One chunk (a seam for tests that make files change under the reader)."""
    return stream.read(size)


def _read_into(stream: BinaryIO, buffer: memoryview) -> int:
    """Fill ``buffer`` unless the file ends first; how many bytes were read (a seam for tests)."""
    got = 0
    while got < len(buffer):
        n = stream.readinto(buffer[got:])  # type: ignore[attr-defined]
        if not n:
            break
        got += n
    return got


def _write(sink: BinaryIO, chunk: bytes | memoryview) -> None:
    """Write one chunk whole: a short write (a disk filling up) is carried on until it raises (a
    seam for tests that fill the disk)."""
    view = memoryview(chunk)
    while view:
        view = view[sink.write(view) or 0 :]


def _disk_full(exc: OSError, what: str) -> CaseError:
    return CaseError(
        f"the disk holding the case is full ({exc.strerror}) while storing {what}; nothing was recorded "
        "for it. Free some space and run the ingest again: files already done are skipped"
    )


class Intake:
    """Copies files into a local blob store; see the module docstring."""

    def __init__(self, blobs: LocalBlobStore) -> None:
        self.blobs = blobs
        self.tmp_dir = blobs.root / "tmp"
        self._pools: list[ThreadPoolExecutor] | None = None  # large files: SHA-256, SHA-512, writes
        self._buffers: list[mmap.mmap] = []  # page-aligned, for large files
        self._folders: set[Path] = set()  # blob folders known to exist

    def __enter__(self) -> Intake:
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        remove_abandoned(self.tmp_dir)
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in self._pools or []:
            pool.shutdown()
        self._pools = None

    def read(self, path: Path) -> Incoming:
        """Copy ``path`` into ``tmp/``, hashing it; raise ``InputError`` saying why it cannot be."""
        shown = display_path(path)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # never block on a pipe
        except FileNotFoundError:
            raise InputError("vanished before it could be read", file=shown) from None
        except OSError as exc:
            raise InputError(f"cannot be read: {exc.strerror}", file=shown) from None
        with os.fdopen(fd, "rb", buffering=0) as stream:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise InputError("is not a regular file", file=shown)
            tmp = self.tmp_dir / f"{_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"
            try:
                incoming = self._copy(stream, tmp, path, shown, before)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        return incoming

    def _copy(self, stream: BinaryIO, tmp: Path, path: Path, shown: str, before: os.stat_result) -> Incoming:
        large = before.st_size >= THREADED
        # Created read-only (a blob is never written again): no chmod when it is placed.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
        try:
            try:
                fd = os.open(tmp, flags | (_O_DIRECT if large else 0), 0o444)
            except OSError as exc:
                if not (large and _O_DIRECT and exc.errno == errno.EINVAL):
                    raise
                fd = os.open(tmp, flags, 0o444)  # a file system without direct writes
            sink = os.fdopen(fd, "wb", buffering=0)
        except OSError as exc:
            raise _write_error(exc, shown) from None
        with sink:
            if large:
                sha256, sha512, head, size = self._pipelined(stream, sink, shown)
            else:
                sha256, sha512, head, size = _serial(stream, sink, shown, before.st_size)
        after = os.fstat(stream.fileno())
        if (
            size != before.st_size
            or after.st_size != before.st_size
            or after.st_mtime_ns != before.st_mtime_ns
        ):
            raise InputError(
                f"changed while it was being read ({before.st_size} bytes when opened, {size} read, "
                f"{after.st_size} now); nothing was recorded for it. Ingest it again once it is complete",
                file=shown,
            )
        return Incoming(path, tmp, sha256, sha512, size, head, before.st_mtime_ns)

    def _pipelined(self, stream: BinaryIO, sink: BinaryIO, shown: str) -> tuple[str, str, bytes, int]:
        """A large file: this thread only reads, into page-aligned buffers taken in turn, while
        three more hash (SHA-256, SHA-512) and write each chunk, each in chunk order — the slowest
        sets the pace, not their sum (reading a file not in the page cache costs as much as a
        hash). A buffer is read into again only once its chunk's work is done: memory stays
        constant. The copy is written with ``O_DIRECT`` where the file system allows it —
        straight from the buffer to the disk, sparing the processor a copy into the page cache
        (on two cores, as much work as the SHA-256); it is made durable by ``place`` like any
        other."""
        if self._pools is None:
            self._pools = [ThreadPoolExecutor(1, thread_name_prefix=n) for n in ("sha256", "sha512", "write")]
        if not self._buffers:
            self._buffers = [mmap.mmap(-1, CHUNK) for _ in range(_BUFFERS)]
        pool256, pool512, writer = self._pools
        h256, h512 = hashlib.sha256(), hashlib.sha512()
        head = b""
        size = 0
        in_flight: deque[list[Future[None]]] = deque()  # each chunk's work, oldest first
        try:
            for turn in itertools.count():
                if len(in_flight) == _BUFFERS:
                    _settle(in_flight.popleft())  # the chunk that last used this buffer
                buffer = memoryview(self._buffers[turn % _BUFFERS])
                try:
                    n = _read_into(stream, buffer)
                except OSError as exc:
                    raise _unreadable(exc, shown) from None
                if not n:
                    break
                chunk = buffer[:n]
                if len(head) < HEAD:
                    head += bytes(chunk[: HEAD - len(head)])
                offset, size = size, size + n
                in_flight.append(
                    [
                        pool256.submit(h256.update, chunk),
                        pool512.submit(h512.update, chunk),
                        writer.submit(_write_aligned, sink, buffer, n, offset),
                    ]
                )
                if n < len(buffer):
                    break  # the end of the file
            while in_flight:
                _settle(in_flight.popleft())
            if size % _ALIGN:
                os.ftruncate(sink.fileno(), size)  # the last block was written whole
        except OSError as exc:  # from a write
            raise _write_error(exc, shown) from None
        finally:
            # Never leave a write running on a file about to be closed or removed.
            wait([future for work in in_flight for future in work])
        return h256.hexdigest(), h512.hexdigest(), head, size

    def place(self, batch: Sequence[Incoming]) -> None:
        """Make a batch durable under its content addresses: flush, rename, flush the renames."""
        waiting = [item for item in batch if not item.placed]
        if not waiting:
            return
        _flush(self.tmp_dir)
        moved = False
        for item in waiting:
            assert item.tmp is not None
            final = self.blobs.path_of(item.sha256)
            # A folder made just now holds nothing yet; any other may already hold these bytes.
            if not self._made(final.parent) and final.exists():  # content addressing: stored once
                item.tmp.unlink(missing_ok=True)
            else:
                os.replace(item.tmp, final)  # already read-only (see _copy)
                moved = True
            item.tmp, item.placed = None, True
        if moved:
            _flush(self.tmp_dir)

    def _made(self, folder: Path) -> bool:
        """Make sure ``folder`` exists; whether it was made by this call."""
        if folder in self._folders:
            return False
        try:
            os.mkdir(folder)
            made = True
        except FileExistsError:
            made = False
        except FileNotFoundError:
            folder.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.mkdir(folder)
                made = True
            except FileExistsError:
                made = False
        self._folders.add(folder)
        return made

    def discard(self, item: Incoming) -> None:
        if item.tmp is not None:
            item.tmp.unlink(missing_ok=True)
            item.tmp = None

    def open_tmp(self, item: Incoming) -> Path:
        """Where the bytes are now (for metadata extraction before they are placed)."""
        return item.tmp if item.tmp is not None else self.blobs.path_of(item.sha256)


def _unreadable(exc: OSError, shown: str) -> InputError:
    return InputError(
        f"could not be read to the end ({exc.strerror}); nothing was recorded for it", file=shown
    )


def _read_chunk(stream: BinaryIO, size: int, shown: str) -> bytes:
    try:
        return _read(stream, size)
    except OSError as exc:
        raise _unreadable(exc, shown) from None


def _write_error(exc: OSError, shown: str) -> CaseError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(exc, shown)
    return CaseError(f"cannot write to the blob store ({exc.strerror})")


def _write_aligned(sink: BinaryIO, buffer: memoryview, n: int, offset: int) -> None:
    """Write the first ``n`` bytes of ``buffer`` at ``offset``: a direct write takes whole blocks,
    so a short last chunk is written zero-padded to one (the file is cut back to size after)."""
    whole = -(-n // _ALIGN) * _ALIGN
    if whole != n:
        buffer[n:whole] = bytes(whole - n)
    fd = sink.fileno()
    direct = bool(_O_DIRECT and fcntl.fcntl(fd, fcntl.F_GETFL) & _O_DIRECT)
    try:
        _write(sink, buffer[:whole])
    except OSError as exc:
        if not (direct and exc.errno == errno.EINVAL):
            raise
        # This file system refuses direct writes after all: write through the page cache.
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~_O_DIRECT)
        os.lseek(fd, offset, os.SEEK_SET)
        _write(sink, buffer[:whole])
        direct = False
    if not direct:
        _start_writeback(fd, offset, whole)


def _settle(futures: list[Future[None]]) -> None:
    """Wait for all of ``futures``, then raise the first one's error."""
    wait(futures)
    for future in futures:
        future.result()


def _serial(stream: BinaryIO, sink: BinaryIO, shown: str, expected: int) -> tuple[str, str, bytes, int]:
    """A small file, read, hashed and written on this thread (a second one costs more than it saves)."""
    h256, h512 = hashlib.sha256(), hashlib.sha512()
    head = b""
    size = 0
    # Ask for no more than the file holds (plus one byte to see its end): a read of a whole chunk
    # would allocate CHUNK bytes for every small file.
    want = min(CHUNK, expected + 1)
    while chunk := _read_chunk(stream, want, shown):
        if len(head) < HEAD:
            head += chunk[: HEAD - len(head)]
        size += len(chunk)
        h512.update(chunk)
        h256.update(chunk)
        try:
            _write(sink, chunk)
        except OSError as exc:
            raise _write_error(exc, shown) from None
        if size > HEAD:
            _start_writeback(sink.fileno(), size - len(chunk), len(chunk))
    return h256.hexdigest(), h512.hexdigest(), head, size


def remove_abandoned(tmp_dir: Path) -> int:
    """Delete temporary files left by intakes whose process is gone (killed mid-copy)."""
    removed = 0
    for path in tmp_dir.glob(f"{_PREFIX}*"):
        pid_text = path.name[len(_PREFIX) :].partition("-")[0]
        if pid_text.isdigit() and not _alive(int(pid_text)):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _load_syncfs() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        fn: Callable[[int], int] = libc.syncfs
    except (OSError, AttributeError, TypeError):
        return None
    return fn


_SYNCFS = _load_syncfs()


def _load_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        fn = libc.sync_file_range
    except (OSError, AttributeError, TypeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    found: Callable[[int, int, int, int], int] = fn
    return found


_SYNC_FILE_RANGE = _load_sync_file_range()
_SYNC_FILE_RANGE_WRITE = 2


def _start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing a chunk to disk now (Linux), so the disk works while we hash
    the next one instead of all at the final flush. Only a hint: durability still comes from it."""
    if _SYNC_FILE_RANGE is not None:
        _SYNC_FILE_RANGE(fd, offset, length, _SYNC_FILE_RANGE_WRITE)


def _flush(folder: Path) -> None:
    """Flush every pending write on the file system holding ``folder`` (data and renames)."""
    if _SYNCFS is None:
        os.sync()
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        if _SYNCFS(fd) != 0:
            code = ctypes.get_errno()
            raise CaseError(f"cannot flush the blob store to disk: {os.strerror(code)}")
    finally:
        os.close(fd)


__all__ = ["CHUNK", "Incoming", "Intake", "remove_abandoned"]
