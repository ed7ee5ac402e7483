"""The one exception tree of Dadkhah.

Every error that crosses a module boundary is one of these. The CLI maps them to exit codes
(``cli/errors.py``) and the web API to RFC 9457 problem details (``web/problems.py``), each in
one place, using the ``exit_code`` and ``status`` class attributes declared here::

    DadkhahError
    ├── InputError            bad input; names the file, line and field      exit 2  · 422
    │   ├── InvalidValue      one value failed its type's clean()
    │   └── InvalidData       several problems, collected before raising
    ├── InvalidModel          the schema files contradict each other         exit 3  · 500
    ├── CaseError             no case here, or its settings are unusable     exit 4  · 500
    ├── NotFound              no such entity, claim, item or user            exit 5  · 404
    ├── Conflict              the request contradicts the record             exit 6  · 409
    ├── AccessDenied          the reader's role, clearance or consent forbids exit 7  · 403
    │   └── LockedError       protected values need a key that was not given
    └── IntegrityError        stored bytes or log do not match their proofs  exit 8  · 500

Messages never contain protected values: callers pass field names and positions, not the text
that failed, when the text may be protected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class DadkhahError(Exception):
    """Base of every Dadkhah error."""

    exit_code = 1
    status = 500
    title = "Internal error"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and why."""

    reason: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        parts = [where] if where else []
        if self.field:
            parts.append(f"field '{self.field}'")
        prefix = ", ".join(parts)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class InputError(DadkhahError):
    """Bad input from a user or a file; the message names the file, line and field."""

    exit_code = 2
    status = 422
    title = "Invalid input"

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.problem = Problem(reason, file, line, field)
        super().__init__(str(self.problem))

    @property
    def problems(self) -> list[Problem]:
        return [self.problem]


class InvalidValue(InputError):
    """A value that its property type cannot clean."""


class InvalidData(InputError):
    """Several problems with one input, collected so the user can fix them all at once."""

    def __init__(self, problems: Iterable[Problem], summary: str | None = None) -> None:
        self._problems = list(problems)
        if not self._problems:
            raise ValueError("InvalidData needs at least one problem")
        first = self._problems[0]
        super().__init__(first.reason, file=first.file, line=first.line, field=first.field)
        lines = [str(p) for p in self._problems[:20]]
        if len(self._problems) > 20:
            lines.append(f"... and {len(self._problems) - 20} more")
        head = summary or f"{len(self._problems)} problem(s)"
        self.args = (head + ":\n  " + "\n  ".join(lines),)

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)


class InvalidModel(DadkhahError):
    """The domain schema files are inconsistent."""

    exit_code = 3
    title = "Invalid model"


class CaseError(DadkhahError):
    """No case at the given path, or its settings cannot be used."""

    exit_code = 4
    title = "Case unavailable"


class NotFound(DadkhahError):
    """No entity, claim, item or user with that identifier."""

    exit_code = 5
    status = 404
    title = "Not found"


class Conflict(DadkhahError):
    """The request contradicts what is recorded (e.g. retracting a retracted claim)."""

    exit_code = 6
    status = 409
    title = "Conflict"


class AccessDenied(DadkhahError):
    """The reader's role, clearance or a witness's consent forbids this."""

    exit_code = 7
    status = 403
    title = "Forbidden"


class LockedError(AccessDenied):
    """Protected values are encrypted and no valid key was supplied."""

    title = "Case locked"


class IntegrityError(DadkhahError):
    """Stored bytes, a log leaf or a checkpoint do not match their hashes or signatures."""

    exit_code = 8
    title = "Integrity failure"


__all__ = [
    "AccessDenied",
    "CaseError",
    "Conflict",
    "DadkhahError",
    "InputError",
    "IntegrityError",
    "InvalidData",
    "InvalidModel",
    "InvalidValue",
    "LockedError",
    "NotFound",
    "Problem",
]
