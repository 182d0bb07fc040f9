"""How strong the hip extensors are at each hip angle: the measured strength curve's shape.

Lessons say the hip extensors are strongest with the hip bent and weakest near full extension. This module
backs that sentence with measured numbers (Anderson et al. 2007, `data/strength_curve.csv`), as a fraction of
each group's own peak, so it can be compared with where each load is hardest.
"""

from __future__ import annotations

import math

from ..data_files import read_table
from ..validate import check_choice, check_in_range

FLEXED_LIMIT = -90.0
"""The most flexed hip angle (degrees of hip extension) the curve is used at."""

NEUTRAL = 0.0
"""The fit is not extrapolated past standing straight (0 degrees)."""


def _curves() -> dict[tuple[str, str], tuple[float, float]]:
    """Each (sex, age group)'s curve shape (c2, c3 in radians) from the table."""
    return {
        (r["sex"], r["age_group"]): (float(r["c2"]), float(r["c3_rad"])) for r in read_table("strength_curve")
    }


def _curve(sex: str, age_group: str) -> tuple[float, float]:
    """One measured group's curve shape (c2, c3 in radians), its sex and age group checked."""
    curves = _curves()
    sex = check_choice("sex", sex, sorted({s for s, _ in curves}))
    age_group = check_choice("age_group", age_group, sorted({a for _, a in curves}))
    return curves[(sex, age_group)]


def strength_groups() -> list[tuple[str, str]]:
    """The (sex, age group) pairs the strength curve was measured for, in the table's order.

    Returns
    -------
    list of (str, str)
        Sex ("male" or "female") and age group ("18-25", "55-65", "over 65").
    """
    return list(_curves())


def hip_extension_strength(hip_extension: float, *, sex: str = "female", age_group: str = "18-25") -> float:
    """The hip extensors' greatest isometric torque at this hip angle, as a fraction of their peak.

    Parameters
    ----------
    hip_extension : float
        Hip extension (degrees; negative = flexed, the course's sign), -90 to 0.
    sex : str, optional
        "female" or "male".
    age_group : str, optional
        "18-25", "55-65" or "over 65".

    Returns
    -------
    float
        Strength as a fraction (0 to 1) of the group's peak (Anderson et al. 2007, Table 3).

    Examples
    --------
    >>> hip_extension_strength(-60.0) > hip_extension_strength(0.0)
    True
    """
    angle = check_in_range("hip_extension", hip_extension, FLEXED_LIMIT, NEUTRAL, "deg")
    c2, c3 = _curve(sex, age_group)
    flexion = math.radians(-angle)
    return max(0.0, math.cos(c2 * (flexion - c3)))


def strongest_hip_angle(*, sex: str = "female", age_group: str = "18-25") -> float:
    """The hip angle where the hip extensors are strongest, in the course's sign.

    Parameters
    ----------
    sex : str, optional
        "female" or "male".
    age_group : str, optional
        "18-25", "55-65" or "over 65".

    Returns
    -------
    float
        Hip extension (degrees; negative = flexed) at the curve's peak.
    """
    return -math.degrees(_curve(sex, age_group)[1])
