"""A measured number written for a learner: rounded, but never onto the wrong side of its limit.

The set chart (kickback.draw.rep_labels) writes the numbers behind a ✗ with `measured_words`; the
report's table and finding messages should write them the same way, so a hold of 0.29 s against a
0.3 s limit reads "0.29" everywhere, not "0.3" in one place and "0.29" in another.
"""

from __future__ import annotations

MOST_DIGITS = 6
"""The most decimals a number is written with (closer to its limit than that, it is written as equal)."""


def measured_words(measured: float, limit: float, unit: str) -> str:
    """A measured number to one decimal (seconds) or whole (degrees, speeds), with as many more as it
    takes (up to MOST_DIGITS) for the written number to lie on the same side of the limit as the
    measured one: 0.29 s against 0.3 s is "0.29", not "0.3".

    >>> measured_words(0.29, 0.3, "s"), measured_words(0.6, 1.0, "s"), measured_words(9.6, 10.0, "deg")
    ('0.29', '0.6', '9.6')
    """
    digits = 0 if unit != "s" else 1
    words = f"{measured:.{digits}f}"
    while (float(words) >= limit) != (measured >= limit) and digits < MOST_DIGITS:
        digits += 1
        words = f"{measured:.{digits}f}"
    return words
