"""The body model: segment sizes from height and mass, the `Pose`, and where the joints sit in each variant.

Conventions (see DESIGN.md): metres, kilograms, degrees at the interface; the sagittal
plane with x forward (the way the learner faces) and y up; the working leg nearest the viewer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Mapping

import numpy as np

from ._check import check_choice, check_in_range
from .tables import read_table, to_float

VARIANTS: tuple[str, ...] = ("cable", "machine", "bodyweight")
POSE_FIELDS: tuple[str, ...] = (
    "trunk_lean",
    "lumbar_extension",
    "hip_extension",
    "knee_flexion",
    "pelvic_rotation",
)
PRESET_NAMES: tuple[str, ...] = ("start", "correct_top", "arched_back", "pelvis_rotated", "too_little_range")
ANTHROPOMETRIC_TABLES: tuple[str, ...] = ("winter", "deleva_male", "deleva_female")

Point = tuple[float, float]


def read_limits() -> dict[str, tuple[float, float, str]]:
    """Hard model limits from `data/model_limits.csv`: field -> (low, high, unit)."""
    return {row["field"]: (float(row["low"]), float(row["high"]), row["unit"]) for row in read_table("model_limits")}


def check_variant(variant: str) -> str:
    """Return `variant` if it is one of VARIANTS, else raise ValueError listing them."""
    return check_choice("variant", variant, VARIANTS)


# --- body size ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One body segment: its length (m), mass (kg) and where its centre of mass sits.

    `com_fraction` is measured from the proximal end as a fraction of the length;
    `gyration_fraction` is the radius of gyration about the centre of mass (or None).
    """

    name: str
    length: float
    mass: float
    com_fraction: float | None
    gyration_fraction: float | None
    source: str

    @property
    def com_distance(self) -> float:
        """Distance (m) from the proximal joint to the centre of mass."""
        return self.length * (self.com_fraction or 0.5)

    @property
    def inertia(self) -> float | None:
        """Moment of inertia (kg·m²) about the centre of mass, where the table gives a radius of gyration."""
        if self.gyration_fraction is None:
            return None
        return self.mass * (self.gyration_fraction * self.length) ** 2


@dataclass(frozen=True)
class Body:
    """A person's segments, scaled from height and body mass by a published table."""

    height: float
    mass: float
    segments: Mapping[str, Segment]
    geometry: Mapping[str, float]
    table: str = "winter"

    @classmethod
    def from_height_mass(cls, height_m: float, mass_kg: float, *, table: str = "winter") -> "Body":
        """Scale Winter's segment lengths to `height_m` and masses to `mass_kg`.

        `table="deleva_male"` or `"deleva_female"` swaps in de Leva's (1996) leg masses and
        centres of mass; lengths stay Winter's fractions of height.

        >>> Body.from_height_mass(1.75, 75).segments["thigh"].length
        0.42875
        """
        limits = read_limits()
        height = check_in_range("height_m", height_m, *limits["height_m"])
        mass = check_in_range("mass_kg", mass_kg, *limits["mass_kg"])
        check_choice("table", table, ANTHROPOMETRIC_TABLES)
        segments = {}
        for row in read_table("anthropometrics_winter"):
            segments[row["segment"]] = Segment(
                name=row["segment"],
                length=float(row["length_fraction"]) * height,
                mass=float(row["mass_fraction"]) * mass,
                com_fraction=to_float(row["com_fraction"]),
                gyration_fraction=to_float(row["gyration_fraction"]),
                source=row["source"],
            )
        if table != "winter":
            sex = table.removeprefix("deleva_")
            for row in read_table("anthropometrics_deleva"):
                if row["sex"] == sex:
                    name = row["segment"]
                    segments[name] = Segment(
                        name=name,
                        length=segments[name].length,
                        mass=float(row["mass_fraction"]) * mass,
                        com_fraction=float(row["com_fraction"]),
                        gyration_fraction=float(row["gyration_fraction"]),
                        source=row["source"],
                    )
        geometry = {row["name"]: _geometry_value(row, height, segments) for row in read_table("body_geometry")}
        return cls(height=height, mass=mass, segments=segments, geometry=geometry, table=table)

    def length(self, segment: str) -> float:
        """Length (m) of a segment by name."""
        return self.segments[segment].length

    @property
    def leg(self) -> tuple[Segment, Segment, Segment]:
        """The working leg's segments from the hip down: thigh, shank, foot."""
        return (self.segments["thigh"], self.segments["shank"], self.segments["foot"])


def _geometry_value(row: Mapping[str, str], height: float, segments: Mapping[str, Segment]) -> float:
    """A body_geometry.csv value in metres (or as a plain fraction where its unit is one)."""
    value = float(row["value"])
    unit = row["unit"]
    if unit == "H":
        return value * height
    if unit in segments:
        return value * segments[unit].length
    return value


DEFAULT_BODY_SIZE = (1.75, 75.0)


def default_body() -> Body:
    """The course's reference person: 1.75 m and 75 kg (the size the lessons quote)."""
    return Body.from_height_mass(*DEFAULT_BODY_SIZE)


# --- pose -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pose:
    """Joint angles in degrees, in the course's sign conventions (DESIGN.md).

    trunk_lean: thorax from vertical, forward +. lumbar_extension: arching +.
    hip_extension: thigh behind the trunk line +. knee_flexion: bent +.
    pelvic_rotation: pelvis opening toward the working side +. Every field is checked
    against the model's hard limits in `data/model_limits.csv`.
    """

    trunk_lean: float = 0.0
    lumbar_extension: float = 0.0
    hip_extension: float = 0.0
    knee_flexion: float = 0.0
    pelvic_rotation: float = 0.0

    def __post_init__(self) -> None:
        limits = read_limits()
        for name in POSE_FIELDS:
            value = check_in_range(name, getattr(self, name), *limits[name])
            object.__setattr__(self, name, value)

    def replace(self, **changes: float) -> "Pose":
        """A copy with some angles changed (checked like the original)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        unknown = set(changes) - set(values)
        if unknown:
            raise ValueError(f"Pose has no field {sorted(unknown)[0]!r}; fields are {', '.join(POSE_FIELDS)}")
        values.update(changes)
        return Pose(**values)

    def as_dict(self) -> dict[str, float]:
        """The five angles by name."""
        return {name: getattr(self, name) for name in POSE_FIELDS}


def preset_pose(variant: str, name: str) -> Pose:
    """One of the illustrative poses in `data/poses.csv` (see PRESET_NAMES), e.g. "start" or "arched_back"."""
    check_variant(variant)
    check_choice("name", name, PRESET_NAMES)
    for row in read_table("poses"):
        if row["variant"] == variant and row["name"] == name:
            return Pose(**{key: float(row[key]) for key in POSE_FIELDS})
    raise ValueError(f"data/poses.csv has no pose {name!r} for variant {variant!r}")


def start_pose(variant: str) -> Pose:
    """The variant's typical start position."""
    return preset_pose(variant, "start")


def top_pose(variant: str) -> Pose:
    """The variant's correct top position: the height comes from the hip."""
    return preset_pose(variant, "correct_top")


# --- how high the leg looks -----------------------------------------------------------------


@dataclass(frozen=True)
class LegHeight:
    """How high the working thigh looks, and where that height comes from (degrees).

    `apparent` is the thigh's angle from hanging straight down (90 = parallel to the floor).
    It is exactly `hip + lumbar + trunk`: the hip's own extension, what the arching lumbar
    spine lends by tilting the pelvis, and how far the trunk leans forward.
    """

    hip: float
    lumbar: float
    trunk: float

    @property
    def apparent(self) -> float:
        """Thigh angle from hanging straight down, behind the body + (degrees)."""
        return self.hip + self.lumbar + self.trunk

    @property
    def above_floor(self) -> float:
        """Thigh angle above the horizontal (degrees); 0 means parallel to the floor."""
        return self.apparent - 90.0

    def describe(self) -> str:
        """The split in words, e.g. "leg 60° from hanging = hip 15° + lower back 25° + trunk 20°"."""
        return (
            f"leg {self.apparent:.0f}° from hanging ({describe_level(self.above_floor)}) = hip {self.hip:.0f}°"
            f" + lower back {self.lumbar:.0f}° + trunk {self.trunk:.0f}°"
        )

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(f"How high the leg looks: {self.describe()}")

    @property
    def spine_share(self) -> float:
        """Fraction of the height above hanging that the lumbar spine lends (0 where the thigh hangs)."""
        return self.lumbar / self.apparent if self.apparent > 0 else 0.0


def describe_level(above_floor: float) -> str:
    """An angle above the horizontal in words: "parallel to the floor", "12° above it" or "30° below it"."""
    if abs(above_floor) < 0.5:
        return "parallel to the floor"
    side = "above" if above_floor > 0 else "below"
    return f"{abs(above_floor):.0f}° {side} parallel to the floor"


def split_leg_height(pose: Pose) -> LegHeight:
    """Split how high the thigh looks into hip, lumbar spine and trunk parts (degrees).

    >>> split_leg_height(Pose(trunk_lean=20, lumbar_extension=25, hip_extension=15)).apparent
    60.0
    """
    return LegHeight(hip=pose.hip_extension, lumbar=pose.lumbar_extension, trunk=pose.trunk_lean)


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
    """The normal range of a Pose field from `data/normal_ranges.csv`."""
    rows = {row["field"]: row for row in read_table("normal_ranges")}
    check_choice("field", field_name, tuple(rows))
    row = rows[field_name]
    return NormalRange(field_name, float(row["low"]), float(row["typical"]), float(row["high"]), row["rationale"], row["source"])


@dataclass(frozen=True)
class HipReach:
    """How high the thigh can rise by the hip alone, at a given trunk lean, and what parallel would take.

    All in degrees. `apparent` is the thigh's angle from hanging with the hip at its normal
    extension and a neutral lower back; 90 would be parallel to the floor.
    """

    trunk_lean: float
    hip: float
    apparent: float
    short_of_parallel: float
    lean_for_parallel: float

    def describe(self) -> str:
        """The reach in words."""
        text = (
            f"Trunk lean {self.trunk_lean:.0f}° + hip {self.hip:.0f}° (its normal range, back neutral): "
            f"the thigh reaches {self.apparent:.0f}° from hanging ({describe_level(self.apparent - 90.0)})."
        )
        if self.short_of_parallel > 0:
            return text + f" Parallel is {self.short_of_parallel:.0f}° further; the hip alone gets there only with a trunk lean of {self.lean_for_parallel:.0f}°."
        return text + " The hip alone can bring the thigh to parallel."

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(self.describe())


def hip_reach(trunk_lean: float) -> HipReach:
    """How high the thigh can go with the hip alone (normal range, neutral spine) at this trunk lean.

    The rest of the way to parallel (if any) has to come from leaning the trunk further or from
    the lower back arching: `lean_for_parallel` is the trunk lean at which the hip alone would do.

    >>> hip_reach(20).apparent
    40.0
    """
    low, high, _ = read_limits()["trunk_lean"]
    lean = check_in_range("trunk_lean", trunk_lean, low, high, "deg")
    hip = read_normal_range("hip_extension").typical
    apparent = lean + hip
    return HipReach(
        trunk_lean=lean,
        hip=hip,
        apparent=apparent,
        short_of_parallel=max(0.0, 90.0 - apparent),
        lean_for_parallel=90.0 - hip,
    )


# --- forward kinematics ---------------------------------------------------------------------


def _down(angle_deg: float) -> np.ndarray:
    """Unit vector of a limb `angle_deg` behind hanging straight down (x forward, y up)."""
    a = math.radians(angle_deg)
    return np.array([-math.sin(a), -math.cos(a)])


def _up(angle_deg: float) -> np.ndarray:
    """Unit vector of a trunk part leaning `angle_deg` forward from vertical."""
    a = math.radians(angle_deg)
    return np.array([math.sin(a), math.cos(a)])


def _bend_toward(start: np.ndarray, target: np.ndarray, first: float, second: float, side: float) -> tuple[np.ndarray, np.ndarray]:
    """Two-link chain from `start` toward `target` (an arm or a stance leg); lengths are kept exactly.

    Returns the middle joint and the end. `side` (+1 or -1) picks which way the middle joint
    bends. A target out of reach leaves the chain straight, pointing at it.
    """
    offset = target - start
    distance = float(np.hypot(*offset))
    direction = offset / distance if distance > 1e-12 else np.array([0.0, -1.0])
    reach = min(max(distance, abs(first - second) + 1e-9), first + second)
    cos_angle = (first**2 + reach**2 - second**2) / (2 * first * reach)
    angle = math.acos(max(-1.0, min(1.0, cos_angle))) * side
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    middle = start + first * (rotation @ direction)
    toward = target - middle
    toward_length = float(np.hypot(*toward))
    end = middle + second * (toward / toward_length if toward_length > 1e-12 else direction)
    return middle, end


def _spine_points(hip: np.ndarray, pose: Pose, body: Body, steps: int = 12) -> np.ndarray:
    """Points along the spine from the hip to the shoulder.

    The pelvis is tilted by trunk lean + lumbar extension; the lumbar spine turns smoothly from
    the pelvis's tilt to the thorax's; the thorax leans by `trunk_lean`. Its length never changes.
    """
    trunk = body.length("trunk")
    pelvis_length = body.geometry["pelvis_length"]
    lumbar_length = body.geometry["lumbar_length"]
    thorax_length = trunk - pelvis_length - lumbar_length
    pelvis_tilt = pose.trunk_lean + pose.lumbar_extension
    points = [hip, hip + pelvis_length * _up(pelvis_tilt)]
    piece = lumbar_length / steps
    for i in range(steps):
        middle_angle = pelvis_tilt - pose.lumbar_extension * (i + 0.5) / steps
        points.append(points[-1] + piece * _up(middle_angle))
    points.append(points[-1] + thorax_length * _up(pose.trunk_lean))
    return np.array(points)


@dataclass(frozen=True)
class Skeleton:
    """Everything the drawing needs for one pose: named joints and the spine's curve."""

    joints: dict[str, Point]
    spine: np.ndarray
    variant: str
    extras: dict[str, float] = field(default_factory=dict)


def _hip_anchor(body: Body, variant: str, setup: Mapping[str, float]) -> np.ndarray:
    """Where the hip joint sits for a variant: held by the stance leg or the support knee."""
    thigh, shank = body.length("thigh"), body.length("shank")
    if variant == "bodyweight":
        return np.array([0.0, thigh + body.geometry["shank_width"] / 2])
    bend = math.radians(setup["stance_knee_flexion"])
    hip_to_ankle = math.sqrt(thigh**2 + shank**2 + 2 * thigh * shank * math.cos(bend))
    floor = setup.get("platform_height", 0.0)
    return np.array([0.0, floor + body.geometry["ankle_height"] + hip_to_ankle])


def equipment(variant: str, changes: Mapping[str, float] | None = None) -> dict[str, float]:
    """The variant's equipment set-up from `data/equipment.csv` (metres, degrees or fractions).

    `changes` overrides some values (e.g. a pulley moved higher); unknown names are refused.
    """
    check_variant(variant)
    rows = {row["name"]: row for row in read_table("equipment") if row["variant"] == variant}
    setup = {name: float(row["value"]) for name, row in rows.items()}
    for name, value in (changes or {}).items():
        check_choice(f"{variant} set-up", name, tuple(rows))
        row = rows[name]
        setup[name] = check_in_range(name, value, float(row["low"]), float(row["high"]), row["unit"])
    return setup


def _hand_target(body: Body, variant: str, setup: Mapping[str, float]) -> np.ndarray:
    """Where the hands hold on: the frame, the handles, or the floor under the shoulders.

    Fixed for the variant (found from its start pose), so the arms reach for it as the trunk moves.
    """
    hip = _hip_anchor(body, variant, setup)
    shoulder = _spine_points(hip, start_pose(variant), body)[-1]
    if variant == "bodyweight":
        return np.array([shoulder[0], setup["wrist_height"]])
    arm = body.length("upper_arm") + body.length("forearm")
    if variant == "cable":
        post_x = setup["pulley_distance"]
    else:
        post_x = setup["handle_distance"]
    drop = math.sqrt(max(arm**2 * 0.85**2 - (post_x - shoulder[0]) ** 2, 0.0))
    return np.array([post_x - 0.03, shoulder[1] - drop])


def place_foot(ankle: np.ndarray, shank_angle: float, body: Body, floor: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Heel and toe (on the sole) for a relaxed ankle: at a right angle to the shank, toes forward.

    Where that would push the foot through the floor, the ankle turns just enough (the least
    turn either way) for the foot to rest on it, as a real foot does.
    """
    foot = body.length("foot")
    turns = [0] + [sign * step for step in range(2, 182, 2) for sign in (-1, 1)]
    for pointing in turns:
        toward_toe = _down(shank_angle - 90.0 + pointing)
        sole_drop = body.geometry["ankle_height"] * _down(shank_angle + pointing)
        heel = ankle + sole_drop - body.geometry["heel_offset"] * toward_toe
        toe = heel + foot * toward_toe
        if min(heel[1], toe[1]) >= floor - 1e-9:
            break
    return heel, toe


def build_skeleton(pose: Pose, body: Body, variant: str, *, setup: Mapping[str, float] | None = None) -> Skeleton:
    """Joint positions (m) and the spine curve for `pose` in the variant's set-up.

    `setup` changes some of the equipment's positions (see `equipment`).
    """
    check_variant(variant)
    if not isinstance(pose, Pose):
        raise ValueError(f"pose must be a Pose; got {type(pose).__name__}")
    setup = equipment(variant, setup)
    hip = _hip_anchor(body, variant, setup)
    spine = _spine_points(hip, pose, body)
    shoulder = spine[-1]
    head_neck = body.length("head_neck")
    neck = shoulder + body.geometry["neck_length"] * _up(pose.trunk_lean)
    head = neck + (head_neck - body.geometry["neck_length"]) / 2 * _up(pose.trunk_lean)

    thigh_angle = split_leg_height(pose).apparent
    shank_angle = thigh_angle + pose.knee_flexion
    knee = hip + body.length("thigh") * _down(thigh_angle)
    ankle = knee + body.length("shank") * _down(shank_angle)
    heel, toe = place_foot(ankle, shank_angle, body)

    hand = _hand_target(body, variant, setup)
    elbow_side = 1.0 if variant == "bodyweight" else -1.0
    elbow, wrist = _bend_toward(shoulder, hand, body.length("upper_arm"), body.length("forearm"), elbow_side)
    knuckles = wrist + body.length("hand") * np.array([1.0, 0.0] if variant == "bodyweight" else (wrist - elbow) / body.length("forearm"))

    joints: dict[str, np.ndarray] = {
        "hip": hip,
        "lumbar_base": spine[1],
        "lumbar_top": spine[-2],
        "shoulder": shoulder,
        "neck": neck,
        "head": head,
        "knee": knee,
        "ankle": ankle,
        "heel": heel,
        "toe": toe,
        "elbow": elbow,
        "wrist": wrist,
        "knuckles": knuckles,
    }
    joints.update(_support_limb(body, variant, hip, setup))
    joints.update(_equipment_points(body, variant, joints, setup, pose))
    as_points = {name: (float(p[0]), float(p[1])) for name, p in joints.items()}
    return Skeleton(joints=as_points, spine=spine, variant=variant)


def _support_limb(body: Body, variant: str, hip: np.ndarray, setup: Mapping[str, float]) -> dict[str, np.ndarray]:
    """The leg the body stands or kneels on: fixed for the variant."""
    thigh, shank = body.length("thigh"), body.length("shank")
    if variant == "bodyweight":
        knee = hip + thigh * _down(0.0)
        ankle = knee + shank * _down(90.0)
        toe = ankle + body.length("foot") * 0.75 * _down(90.0)
        heel = ankle + body.geometry["ankle_height"] * np.array([0.0, 1.0])
        return {"support_knee": knee, "support_ankle": ankle, "support_heel": heel, "support_toe": toe}
    floor = setup.get("platform_height", 0.0)
    ankle_target = np.array([0.0, floor + body.geometry["ankle_height"]])
    knee, ankle = _bend_toward(hip, ankle_target, thigh, shank, 1.0)
    heel, toe = place_foot(ankle, 0.0, body, floor)
    return {"support_knee": knee, "support_ankle": ankle, "support_heel": heel, "support_toe": toe}


def _equipment_points(body: Body, variant: str, joints: Mapping[str, np.ndarray], setup: Mapping[str, float], pose: Pose) -> dict[str, np.ndarray]:
    """The equipment's points: pulley and frame, lever and pad, or the floor contacts."""
    if variant == "cable":
        post = setup["pulley_distance"]
        return {
            "pulley": np.array([post, setup["pulley_height"]]),
            "strap": joints["ankle"],
            "frame_base": np.array([post + 0.05, 0.0]),
            "frame_top": np.array([post + 0.05, setup["frame_height"]]),
            "handle": joints["wrist"],
        }
    if variant == "machine":
        thigh_angle = split_leg_height(pose).apparent
        along = setup["pad_position"] * body.length("thigh")
        behind = np.array([-math.cos(math.radians(thigh_angle)), math.sin(math.radians(thigh_angle))])
        offset = body.geometry["thigh_width"] / 2 + 0.05
        pivot = joints["hip"]
        pad = pivot + along * _down(thigh_angle) + offset * behind
        floor = setup["platform_height"]
        return {
            "pivot": pivot,
            "pad": pad,
            "platform_front": np.array([0.30, floor]),
            "platform_back": np.array([-0.30, floor]),
            "handle": joints["wrist"],
            "column_base": np.array([setup["handle_distance"] + 0.05, 0.0]),
            "column_top": np.array([setup["handle_distance"] + 0.05, joints["wrist"][1] + 0.25]),
        }
    return {"support_hand": joints["wrist"]}


def pose_joints(pose: Pose, body: Body, variant: str, *, setup: Mapping[str, float] | None = None) -> dict[str, Point]:
    """Named joint and equipment positions (x forward, y up; metres) for `pose` in `variant`.

    Always holds at least "shoulder", "hip", "knee" and "ankle".

    >>> joints = pose_joints(Pose(), Body.from_height_mass(1.75, 75), "cable")
    >>> round(joints["hip"][0] - joints["knee"][0], 6)
    0.0
    """
    return build_skeleton(pose, body, variant, setup=setup).joints
