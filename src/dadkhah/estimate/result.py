"""The result every estimator returns, and its JSON form."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Why a method gave no number; ``None`` when it did.
NOT_ESTIMABLE = "not_estimable"
OK = "ok"


@dataclass
class PosteriorN:
    """What a plot needs to draw the uncertainty about N.

    Either Monte Carlo ``draws`` (LCMCR), or a ``grid`` with ``weights`` summing to one (dga), or a
    ``grid`` with relative profile likelihood in ``weights`` (log-linear: not a posterior).
    """

    kind: str  # "draws" | "posterior" | "profile-likelihood"
    grid: NDArray[np.float64] | None = None
    weights: NDArray[np.float64] | None = None
    draws: NDArray[np.float64] | None = None
    chains: NDArray[np.float64] | None = None  # MCMC: N per chain (chains, kept draws), for traces
    occupied: NDArray[np.int64] | None = None  # MCMC: occupied latent classes, same shape


@dataclass
class Estimate:
    """One estimate of a population size, with its interval, its method and its assumptions.

    ``estimate``, ``lower`` and ``upper`` are ``None`` when the data cannot support a number;
    ``status`` is then ``"not_estimable"`` and ``reason`` says why in plain words.
    """

    method: str
    lists: tuple[str, ...]
    observed: int
    estimate: float | None
    lower: float | None
    upper: float | None
    level: float
    assumptions: list[str]
    status: str = OK
    reason: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    posterior: PosteriorN | None = field(default=None, repr=False)

    @property
    def estimable(self) -> bool:
        return self.status == OK

    @property
    def undocumented(self) -> float | None:
        """Estimated number of people on no list."""
        return None if self.estimate is None else self.estimate - self.observed

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary; numbers are rounded for reading, not for further computation."""
        return {
            "method": self.method,
            "status": self.status,
            "reason": self.reason,
            "lists": list(self.lists),
            "observed": self.observed,
            "estimate": _number(self.estimate),
            "lower": _number(self.lower),
            "upper": _number(self.upper),
            "level": self.level,
            "details": _jsonable(self.details),
            "warnings": list(self.warnings),
            "assumptions": list(self.assumptions),
        }


def not_estimable(
    method: str,
    lists: tuple[str, ...],
    observed: int,
    level: float,
    reason: str,
    assumptions: list[str],
    details: dict[str, Any] | None = None,
) -> Estimate:
    """An honest "no number": the data or the model cannot determine N."""
    return Estimate(
        method=method,
        lists=lists,
        observed=observed,
        estimate=None,
        lower=None,
        upper=None,
        level=level,
        assumptions=assumptions,
        status=NOT_ESTIMABLE,
        reason=reason,
        details=details or {},
    )


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    if math.isinf(value):
        return None
    return round(float(value), 2)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        if not math.isfinite(number):
            return None
        return round(number, 6)
    return value
