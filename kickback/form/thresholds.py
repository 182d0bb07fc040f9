"""The checker's thresholds: the one reader of data/thresholds.csv, and the limits derived from it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data_files import read_table
from ..model.pose import preset_pose, read_normal_range
from ..validate import check_in_range


@dataclass(frozen=True)
class Threshold:
    """One row of data/thresholds.csv."""

    id: str
    group: str
    value: float
    unit: str
    rationale: str
    source: str
    written: str = ""
    """The value as the table writes it (e.g. "1.0"), for quoting it exactly."""


@cache
def read_thresholds() -> dict[str, Threshold]:
    """Every threshold of the set checker, by id, from data/thresholds.csv."""
    return {
        row["id"]: Threshold(
            row["id"],
            row["group"],
            float(row["value"]),
            row["unit"],
            row["rationale"],
            row["source"],
            row["value"],
        )
        for row in read_table("thresholds")
    }


def threshold(name: str) -> float:
    """The value of one threshold by id (raises KeyError naming it if the table lacks it)."""
    table = read_thresholds()
    if name not in table:
        raise KeyError(f"data/thresholds.csv has no threshold {name!r}")
    return table[name].value


# --- limits ------------------------------------------------------------------------------------


def hip_normal_extension() -> float:
    """The hip's own extension range the course uses (degrees).

    The typical value in data/normal_ranges.csv.
    """
    for row in read_table("normal_ranges"):
        if row["field"] == "hip_extension":
            return float(row["typical"])
    raise KeyError("data/normal_ranges.csv has no hip_extension row")


def hip_range_bounds() -> tuple[float, float]:
    """Lowest and highest own hip extension range (degrees) a person may give as `hip_range`.

    From none at all (0) to the high end of the normal spread in data/normal_ranges.csv (30°): a
    larger value is more likely a back that arched during the test than a hip.
    """
    return 0.0, read_normal_range("hip_extension").high


def personal_hip_range(hip_range: float | None = None) -> float:
    """The hip extension range to judge against (degrees): the person's own, checked, or the course's.

    Parameters
    ----------
    hip_range : float or None
        The person's own hip extension range (degrees); None for the course's typical value.

    Returns
    -------
    float
        The range (degrees).

    >>> personal_hip_range(), personal_hip_range(12)
    (20.0, 12.0)
    """
    if hip_range is None:
        return hip_normal_extension()
    low, high = hip_range_bounds()
    return check_in_range("hip_range", hip_range, low, high, "deg")


def thigh_trunk_limit(hip_range: float | None = None) -> float:
    """Largest angle (degrees) of the thigh behind the trunk line the hip reaches alone.

    The person's own hip range (or the course's typical one) plus a margin for a 2-D side view.
    """
    return personal_hip_range(hip_range) + threshold("thigh_trunk_margin")


def target_top(variant: str, hip_range: float | None = None) -> float:
    """The hip extension a complete rep reaches at the top (degrees).

    The variant's correct_top pose in data/poses.csv; for a person whose own range is smaller, their
    range: nobody is asked to go past what their hip can do (the rest would come from the back).
    """
    top = preset_pose(variant, "correct_top").hip_extension
    return top if hip_range is None else min(top, personal_hip_range(hip_range))
