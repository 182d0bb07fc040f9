"""The checker's thresholds: the one reader of data/thresholds.csv, and the limits derived from it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data_files import read_table
from ..model.pose import preset_pose


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


def thigh_trunk_limit() -> float:
    """Largest angle (degrees) of the thigh behind the trunk line the hip reaches alone.

    The hip's normal range plus a margin.
    """
    return hip_normal_extension() + threshold("thigh_trunk_margin")


def target_top(variant: str) -> float:
    """The variant's target hip extension at the top (degrees): its correct_top pose in data/poses.csv."""
    return preset_pose(variant, "correct_top").hip_extension
