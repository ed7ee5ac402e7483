"""What a person says about how files were collected, and what the machine can say itself.

The Berkeley Protocol asks that a capture record the collector, the time (from a clock
synchronised to NTP), the tool and the machine, the method and the source (law.md §4, [V]).
``Capture`` holds what the user gives; ``capture_environment`` adds the tool, the machine and
whether the kernel reports its clock synchronised.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import socket
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from dadkhah.errors import InputError
from dadkhah.model import Sensitivity


@dataclass(frozen=True)
class Capture:
    """How files reached the case: given by the person ingesting them."""

    source: str | None = None  # a Source entity id: where the files came from
    collector: str | None = None  # who collected them (a name or pseudonym, as the team records it)
    method: str | None = None  # how: "downloaded from the channel", "copied from a USB stick"...
    note: str | None = None
    url: str | None = None
    collected_at: datetime | None = None  # when; default: now
    at: datetime = field(default_factory=lambda: datetime.now(UTC))
    #: the files' own names and folders are as secret as this (a recording named after its witness):
    #: protected ones are sealed in their claims and never kept in the capture table
    name_sensitivity: Sensitivity | None = None

    @property
    def names_withheld(self) -> bool:
        return self.name_sensitivity is not None and self.name_sensitivity >= Sensitivity.PROTECTED

    def __post_init__(self) -> None:
        if self.collected_at is not None and self.collected_at.utcoffset() is None:
            raise InputError("the collection time must include a time zone", field="collected_at")

    @property
    def when(self) -> datetime:
        return (self.collected_at or self.at).astimezone(UTC)


@dataclass(frozen=True)
class Environment:
    tool: str
    host: str
    clock_synchronized: bool | None


@cache
def capture_environment() -> Environment:
    from dadkhah import __version__

    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return Environment(
        f"dadkhah {__version__} (Python {python})", socket.gethostname()[:200], clock_synchronized()
    )


def clock_synchronized() -> bool | None:
    """Whether the kernel reports the system clock synchronised (NTP), or None if it cannot say.

    Linux's ``adjtimex`` returns ``TIME_ERROR`` (5) while the clock is unsynchronised; asking
    (mode 0) changes nothing.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        buffer = ctypes.create_string_buffer(512)  # struct timex is 208 bytes on 64-bit Linux
        state = libc.adjtimex(buffer)
    except (OSError, AttributeError):
        return None
    if state < 0:
        return None
    return bool(state != 5)


__all__ = ["Capture", "Environment", "capture_environment", "clock_synchronized"]
