"""Input checks shared by every module, so every error reads the same way."""

from __future__ import annotations

import math
from collections.abc import Iterable


def check_in_range(field: str, value: object, low: float, high: float, unit: str = "") -> float:
    """Return `value` as a float, or raise ValueError naming the field, the range and the value.

    Rejects non-numbers (text, booleans, arrays, even of one element), NaN and infinities as well
    as values outside [low, high]. Python and numpy numbers of any size are accepted and compared
    exactly as numbers: an integer too large for a float is out of range, not an OverflowError.
    """
    units = f" {unit}" if unit else ""
    allowed = f"allowed range {low:g} to {high:g}{units}"
    if getattr(value, "ndim", 0) != 0:
        raise ValueError(f"{field} must be a single number, not an array ({allowed}); got {_shown(value)}")
    if not _is_single_number(value):
        raise ValueError(f"{field} must be a number ({allowed}); got {_shown(value)}")
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        raise ValueError(f"{field} is outside the {allowed}; got {_shown(value)}") from None
    except (TypeError, ValueError):
        raise ValueError(f"{field} must be a number ({allowed}); got {_shown(value)}") from None
    if not math.isfinite(number):
        raise ValueError(f"{field} must be a finite number ({allowed}); got {_shown(value)}")
    if not low <= number <= high:
        raise ValueError(f"{field} is outside the {allowed}; got {_shown(value)}")
    return number


def _is_single_number(value: object) -> bool:
    """A real number, not a truth value, not text, not an array (numpy scalars count as numbers)."""
    kind = type(value)
    if isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")):
        return False
    if getattr(value, "ndim", 0) != 0 or isinstance(value, (str, bytes, complex)):
        return False
    return isinstance(value, (int, float)) or hasattr(value, "__float__")


def _shown(value: object) -> str:
    """The value for a message, short: a huge integer by its size, anything else by its repr, cut."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        digits = int(abs(value).bit_length() * 0.30103) + 1
        return f"an integer of about {digits} digits"
    try:
        text = repr(value)
    except ValueError:
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def check_choice(field: str, value: object, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`, or raise ValueError listing them."""
    options = list(choices)
    if value not in options:
        listed = ", ".join(repr(c) for c in options)
        raise ValueError(f"{field} must be one of {listed}; got {_shown(value)}")
    return str(value)
