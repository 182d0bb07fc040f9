"""The `Pose`: six joint angles in the course's sign conventions, checked against the model's limits.

Also the preset poses of each variant (data/poses.csv) and the normal ranges of motion
(data/normal_ranges.csv).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..data_files import read_table
from ..validate import check_choice, check_in_range
from .variants import check_variant

POSE_FIELDS: tuple[str, ...] = (
    "trunk_lean",
    "lumbar_extension",
    "hip_extension",
    "knee_flexion",
    "pelvic_rotation",
    "pelvic_hike",
)
PRESET_NAMES: tuple[str, ...] = ("start", "correct_top", "arched_back", "pelvis_rotated", "too_little_range")


def describe_hip(hip_extension: float) -> str:
    """The hip angle in words, never signed: "hip extended 20°", "hip flexed 15°", "hip neutral (0°)".

    >>> describe_hip(-15.0), describe_hip(20.0)
    ('hip flexed 15°', 'hip extended 20°')
    """
    if abs(hip_extension) < 0.5:
        return "hip neutral (0°)"
    return f"hip {'extended' if hip_extension > 0 else 'flexed'} {abs(hip_extension):.0f}°"


def read_limits() -> dict[str, tuple[float, float, str]]:
    """Hard model limits from `data/model_limits.csv`: field -> (low, high, unit)."""
    return {
        row["field"]: (float(row["low"]), float(row["high"]), row["unit"])
        for row in read_table("model_limits")
    }


# --- pose -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pose:
    """Joint angles in degrees, in the course's sign conventions (DESIGN.md).

    Every field defaults to 0 and is checked against the model's hard limits in
    `data/model_limits.csv` (ValueError outside them).

    Parameters
    ----------
    trunk_lean : float
        Thorax inclination from vertical (degrees), forward +.
    lumbar_extension : float
        Lumbar spine beyond its neutral curve (degrees), arching +, flexion -.
    hip_extension : float
        Working thigh relative to the pelvis (degrees), behind the trunk line +, flexion -.
    knee_flexion : float
        Working knee (degrees), bent +, 0 straight.
    pelvic_rotation : float
        Pelvis opening toward the working side (degrees), opening +.
    pelvic_hike : float
        Frontal-plane tilt of the pelvis seen from behind (degrees), working side up +.
    """

    trunk_lean: float = 0.0
    lumbar_extension: float = 0.0
    hip_extension: float = 0.0
    knee_flexion: float = 0.0
    pelvic_rotation: float = 0.0
    pelvic_hike: float = 0.0

    def __post_init__(self) -> None:
        limits = read_limits()
        for name in POSE_FIELDS:
            value = check_in_range(name, getattr(self, name), *limits[name])
            object.__setattr__(self, name, value)

    def replace(self, **changes: float) -> Pose:
        """A copy with some angles changed (checked like the original)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        unknown = set(changes) - set(values)
        if unknown:
            raise ValueError(f"Pose has no field {sorted(unknown)[0]!r}; fields are {', '.join(POSE_FIELDS)}")
        values.update(changes)
        return Pose(**values)

    def as_dict(self) -> dict[str, float]:
        """The six angles by name."""
        return {name: getattr(self, name) for name in POSE_FIELDS}


def preset_pose(variant: str, name: str) -> Pose:
    """One of the illustrative poses in `data/poses.csv`, e.g. "start" or "arched_back".

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".
    name : str
        One of PRESET_NAMES: "start", "correct_top", "arched_back", "pelvis_rotated",
        "too_little_range".

    Returns
    -------
    Pose
        The preset's joint angles (degrees).
    """
    check_variant(variant)
    check_choice("name", name, PRESET_NAMES)
    for row in read_table("poses"):
        if row["variant"] == variant and row["name"] == name:
            return Pose(**{key: float(row[key]) for key in POSE_FIELDS})
    raise ValueError(f"data/poses.csv has no pose {name!r} for variant {variant!r}")


def start_pose(variant: str) -> Pose:
    """The variant's typical start position.

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".

    Returns
    -------
    Pose
        The start pose (degrees).
    """
    return preset_pose(variant, "start")


def top_pose(variant: str) -> Pose:
    """The variant's correct top position: the height comes from the hip.

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".

    Returns
    -------
    Pose
        The correct top pose (degrees).
    """
    return preset_pose(variant, "correct_top")


# --- what the hip can do alone --------------------------------------------------------------


@dataclass(frozen=True)
class NormalRange:
    """A normal range of motion with the value the course uses and where it comes from (degrees)."""

    field: str
    low: float
    typical: float
    high: float
    rationale: str
    source: str

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        name = self.field.replace("_", " ")
        printer.text(
            f"Normal {name}: {self.low:g}° to {self.high:g}°; the course uses {self.typical:g}°.\n"
            f"Why: {self.rationale}\nSources: {self.source}"
        )


def read_normal_range(field_name: str) -> NormalRange:
    """The normal range of a Pose field from `data/normal_ranges.csv`.

    Parameters
    ----------
    field_name : str
        A Pose field listed in the table, e.g. "hip_extension".

    Returns
    -------
    NormalRange
        `low`, `typical` and `high` in degrees, with the rationale and sources.
    """
    rows = {row["field"]: row for row in read_table("normal_ranges")}
    check_choice("field", field_name, tuple(rows))
    row = rows[field_name]
    return NormalRange(
        field_name,
        float(row["low"]),
        float(row["typical"]),
        float(row["high"]),
        row["rationale"],
        row["source"],
    )
