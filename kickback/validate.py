"""Input checks shared by every module, so every error reads the same way."""

from __future__ import annotations

import math
from collections.abc import Iterable


def check_in_range(field: str, value: object, low: float, high: float, unit: str = "") -> float:
    """Return `value` as a float, or raise ValueError naming the field, the range and the value.

    Rejects non-numbers, NaN and infinities as well as values outside [low, high].
    """
    units = f" {unit}" if unit else ""
    allowed = f"allowed range {low:g} to {high:g}{units}"
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise ValueError(f"{field} must be a number ({allowed}); got {value!r}")
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ValueError(f"{field} must be a finite number ({allowed}); got {value!r}")
    if not low <= number <= high:
        raise ValueError(f"{field} is outside the {allowed}; got {value!r}")
    return number


def check_choice(field: str, value: object, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`, or raise ValueError listing them."""
    options = list(choices)
    if value not in options:
        listed = ", ".join(repr(c) for c in options)
        raise ValueError(f"{field} must be one of {listed}; got {value!r}")
    return str(value)
