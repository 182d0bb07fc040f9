"""The three variants of the kickback, named once.

- "cable": standing, an ankle cuff on a low cable pulley;
- "machine": a kickback machine, the thigh pushing a pad on a lever;
- "bodyweight": the quadruped kickback, on all fours (hands and knees), no equipment.

"bodyweight" is the name in every table and call; `QUADRUPED` says what it is.
"""

from __future__ import annotations

from ..validate import check_choice

VARIANTS: tuple[str, ...] = ("cable", "machine", "bodyweight")


def check_variant(variant: str) -> str:
    """Return `variant` if it is one of VARIANTS, else raise ValueError listing them."""
    return check_choice("variant", variant, VARIANTS)


QUADRUPED = "bodyweight"
"""The quadruped kickback (on all fours) is the variant named "bodyweight" everywhere in the course."""
