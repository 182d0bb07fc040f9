"""Hip-extension torque demand against hip angle: the leg's weight plus a cable, machine, band or dumbbell."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, Mapping

import numpy as np

from ._check import check_choice, check_in_range
from .body import Body, Pose, check_variant, place_foot, pose_joints, preset_pose
from .muscles import glute_force_needed, muscle_moment_arm
from .tables import read_table

G = 9.81
"""Gravitational acceleration (m/s²)."""

MACHINE_KINDS: tuple[str, ...] = ("cam", "plate")
BAND_ATTACH_POINTS: tuple[str, ...] = ("ankle", "knee")
LOAD_KINDS: tuple[str, ...] = ("cable", "cam", "plate", "band", "dumbbell")
SWEEP_BEYOND_TOP = 10.0
"""Degrees the default sweep runs past the variant's correct top (to show what overreaching costs)."""

Vector = np.ndarray


# --- the table ------------------------------------------------------------------------------


def read_load_table() -> dict[tuple[str, str], dict[str, str]]:
    """Rows of `data/loads.csv` by (load, field): default, low, high, unit, rationale, source."""
    return {(row["load"], row["field"]): row for row in read_table("loads")}


def _check_field(load: str, field: str, value: object) -> float:
    """`value` as a float inside the limits `data/loads.csv` gives for `load`'s `field`."""
    row = read_load_table()[(load, field)]
    unit = "" if row["unit"] == "1" else row["unit"]  # "1": a plain number (a ratio)
    return check_in_range(field, value, float(row["low"]), float(row["high"]), unit)


def _defaults() -> dict[tuple[str, str], str]:
    """Every default of `data/loads.csv` by (load, field), as the table's text."""
    return {key: row["default"] for key, row in read_load_table().items()}


def _default(load: str, field: str) -> str:
    """The default value of `load`'s `field`, as the table's text."""
    return _defaults()[(load, field)]


# --- the loads ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CableLoad:
    """A cable from a pulley in front to an ankle strap (variant "cable").

    Tension = stack mass × g ÷ pulley ratio; friction in the pulleys and the stack's inertia are
    ignored (a slow, steady rep). The pulley sits `pulley_distance_m` in front of the stance ankle
    and `pulley_height_m` above the floor; the torque is the tension times the signed perpendicular
    distance from the hip to the cable line, so the curve depends on where the pulley is.

    A low pulley pulls nearly along the floor, far below the hip: the cable's torque is largest at
    the start and eases as the ankle rises and the line tilts toward the hip. Raising the pulley
    tilts the line up toward the hip and shortens its moment arm at every angle; stepping back
    (a larger `pulley_distance_m`) flattens the line, which matters little with a low pulley and
    a lot with a high one. The cable's part alone at hip extension -15° (start), 0°, 20° (top), 30°:

    >>> body = Body.from_height_mass(1.75, 75)
    >>> start = preset_pose("cable", "start")
    >>> def cable_part(load):
    ...     poses = [start.replace(hip_extension=h) for h in (-15, 0, 20, 30)]
    ...     return [round(split_hip_torque(p, body, "cable", load=load).load) for p in poses]
    >>> cable_part(CableLoad(10, pulley_height_m=0.10, pulley_distance_m=0.70))  # low pulley (default)
    [82, 78, 68, 63]
    >>> cable_part(CableLoad(10, pulley_height_m=0.90, pulley_distance_m=0.70))  # raised to hip height
    [49, 42, 30, 24]
    >>> cable_part(CableLoad(10, pulley_height_m=0.10, pulley_distance_m=2.00))  # low, stepped back
    [83, 77, 64, 56]
    >>> cable_part(CableLoad(10, pulley_height_m=0.90, pulley_distance_m=2.00))  # hip height, stepped back
    [72, 62, 45, 36]

    The leg's own weight adds 5, 16, 30 and 35 N·m there, so with the default set-up the total
    stays within about 10 % over the rep:

    >>> describe_curve(*torque_curve("cable", body, load=CableLoad(10, 0.10, 0.70))).describe()
    'peaks: lowest 88 N·m at the start (hip -15°), highest 98 N·m at hip 23°'
    """

    stack_mass_kg: float
    pulley_height_m: float
    pulley_distance_m: float
    pulley_ratio: float = float(_default("cable", "pulley_ratio"))

    VARIANTS: ClassVar[tuple[str, ...]] = ("cable",)

    def __post_init__(self) -> None:
        for name in ("stack_mass_kg", "pulley_height_m", "pulley_distance_m", "pulley_ratio"):
            object.__setattr__(self, name, _check_field("cable", name, getattr(self, name)))

    @property
    def tension_n(self) -> float:
        """Cable tension (N): stack mass × g ÷ pulley ratio."""
        return self.stack_mass_kg * G / self.pulley_ratio

    @property
    def setup(self) -> dict[str, float]:
        """The pulley position as `pose_joints(..., setup=...)` takes it, so drawing and torque agree."""
        return {"pulley_height": self.pulley_height_m, "pulley_distance": self.pulley_distance_m}


@dataclass(frozen=True)
class MachineLoad:
    """A hip-extension machine (variant "machine"): a lever pivoting at the hip, its pad behind the knee.

    kind="cam": a selectorized machine whose cam keeps the resisting torque nearly even. Modelled
    as a constant torque, mass × g × `lever_arm_m` (the effective arm): an idealisation; real cams
    are shaped for an average person and are only roughly even.

    kind="plate": a plate-loaded lever. Its arm is taken to turn with the thigh, hanging straight
    down when the thigh does (a modelling choice), so the torque is mass × g × `lever_arm_m` ×
    sin(thigh angle from hanging). With the thigh in front of vertical the plates would swing the
    lever away from the leg; the pad can push but not pull, so the machine's part is then 0.

    The pivot is on the hip joint, so the torque about the pivot is the torque about the hip,
    wherever the pad sits along the thigh. The leg's own weight adds to it.

    >>> round(MachineLoad(20).get_torque(90.0), 1)
    68.7
    """

    mass_kg: float
    kind: str = _default("machine", "kind")
    lever_arm_m: float = float(_default("machine", "lever_arm_m"))

    VARIANTS: ClassVar[tuple[str, ...]] = ("machine",)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mass_kg", _check_field("machine", "mass_kg", self.mass_kg))
        check_choice("kind", self.kind, MACHINE_KINDS)
        object.__setattr__(self, "lever_arm_m", _check_field("machine", "lever_arm_m", self.lever_arm_m))

    def get_torque(self, thigh_angle: float) -> float:
        """The machine's part of the hip torque (N·m) with the thigh `thigh_angle` degrees behind hanging."""
        full = self.mass_kg * G * self.lever_arm_m
        if self.kind == "cam":
            return full
        return max(0.0, full * math.sin(math.radians(thigh_angle)))


@dataclass(frozen=True)
class BandLoad:
    """An elastic band from an anchor in front to the ankle or just above the knee.

    Force = stiffness × stretch while stretched beyond `rest_length_m`, 0 while slack (a linear
    spring: a simplification; real bands stiffen as they stretch). Works with variant "cable"
    (standing; the anchor is `anchor_distance_m` in front of the stance ankle, e.g. a rack post)
    or "bodyweight" (on all fours; the anchor is in front of the support knee at the floor, where
    the hands hold the band down: about 0.5 m in front for a 1.75 m person).

    >>> round(BandLoad(150, 0.6, 0.05, 0.55).get_force(0.8), 1)
    30.0
    """

    stiffness_n_per_m: float
    rest_length_m: float
    anchor_height_m: float
    anchor_distance_m: float
    attach: str = _default("band", "attach")

    VARIANTS: ClassVar[tuple[str, ...]] = ("cable", "bodyweight")

    def __post_init__(self) -> None:
        for name in ("stiffness_n_per_m", "rest_length_m", "anchor_height_m", "anchor_distance_m"):
            object.__setattr__(self, name, _check_field("band", name, getattr(self, name)))
        check_choice("attach", self.attach, BAND_ATTACH_POINTS)

    def get_force(self, length_m: float) -> float:
        """Band force (N) when anchor and attachment are `length_m` apart; 0 while slack."""
        return self.stiffness_n_per_m * max(0.0, length_m - self.rest_length_m)

    @property
    def anchor(self) -> Vector:
        """Anchor position (x forward, y up; m)."""
        return np.array([self.anchor_distance_m, self.anchor_height_m])


@dataclass(frozen=True)
class DumbbellLoad:
    """A dumbbell held in the crease behind the knee on all fours (variant "bodyweight").

    Modelled as a point mass at the knee joint: its weight adds mass × g × (hip x − knee x).

    >>> DumbbellLoad(5).mass_kg
    5.0
    """

    mass_kg: float

    VARIANTS: ClassVar[tuple[str, ...]] = ("bodyweight",)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mass_kg", _check_field("dumbbell", "mass_kg", self.mass_kg))


Load = CableLoad | MachineLoad | BandLoad | DumbbellLoad
LOAD_TYPES: tuple[type, ...] = (CableLoad, MachineLoad, BandLoad, DumbbellLoad)


def check_load(load: object, variant: str) -> Load | None:
    """Return `load` if it is None or a load that fits `variant`, else raise ValueError.

    The error names the load, the variant and the variants the load allows.
    """
    check_variant(variant)
    if load is None:
        return None
    if not isinstance(load, LOAD_TYPES):
        names = ", ".join(t.__name__ for t in LOAD_TYPES)
        raise ValueError(f"load must be None or one of {names}; got {load!r}")
    check_choice(f"variant for a {type(load).__name__}", variant, load.VARIANTS)
    return load


def default_load(variant: str, kind: str | None = None) -> Load | None:
    """The default load from `data/loads.csv` (teaching heuristics).

    Without `kind`, the variant's usual load: "cable" a 10 kg stack on a low pulley, "machine" a
    20 kg cam machine, "bodyweight" None (the leg's weight only). `kind` asks for another load
    that fits the variant: "cable", "cam", "plate", "band" or "dumbbell".

    >>> default_load("cable")
    CableLoad(stack_mass_kg=10.0, pulley_height_m=0.1, pulley_distance_m=0.7, pulley_ratio=1.0)
    >>> default_load("bodyweight", "dumbbell")
    DumbbellLoad(mass_kg=5.0)
    """
    check_variant(variant)
    if kind is None:
        kind = {"cable": "cable", "machine": "cam", "bodyweight": None}[variant]
        if kind is None:
            return None
    check_choice("kind", kind, LOAD_KINDS)
    table = "machine" if kind in MACHINE_KINDS else kind
    value = {field: text for (name, field), text in _defaults().items() if name == table}
    number = {field: float(text) for field, text in value.items() if field not in ("kind", "attach")}
    if kind == "cable":
        load: Load = CableLoad(**number)
    elif kind in MACHINE_KINDS:
        load = MachineLoad(kind=kind, **number)
    elif kind == "band":
        load = BandLoad(attach=value["attach"], **number)
    else:
        load = DumbbellLoad(**number)
    return check_load(load, variant)


# --- torque ---------------------------------------------------------------------------------


def measure_pad_force(load: MachineLoad, body: Body, *, pad_position: float, thigh_angle: float = 90.0) -> float:
    """The force (N) the machine's pad presses on the thigh, with the pad `pad_position` of the way down the thigh.

    The lever pivots at the hip, so the pad force times its distance from the pivot equals the
    machine's torque: the same torque presses harder when the pad sits higher, nearer the hip.

    >>> round(measure_pad_force(MachineLoad(20), Body.from_height_mass(1.75, 75), pad_position=0.85))
    188
    """
    low, high, unit = (float(row) if i < 2 else row for i, row in enumerate(_equipment_limits("pad_position")))
    fraction = check_in_range("pad_position", pad_position, low, high, unit)
    return load.get_torque(thigh_angle) / (fraction * body.length("thigh"))


def _equipment_limits(name: str) -> tuple[str, str, str]:
    """Low, high and unit of a machine set-up value in data/equipment.csv."""
    from .tables import read_table

    row = next(row for row in read_table("equipment") if row["variant"] == "machine" and row["name"] == name)
    return row["low"], row["high"], row["unit"]


def describe_load(load: Load | None) -> str:
    """A load in a few words, for readouts and captions (e.g. "a 10 kg stack on a pulley 0.10 m high")."""
    if load is None:
        return "the leg's own weight only"
    if isinstance(load, CableLoad):
        ratio = "" if load.pulley_ratio == 1 else f", pulley ratio {load.pulley_ratio:g}:1"
        return (
            f"the leg's weight + a {load.stack_mass_kg:g} kg stack on a pulley {load.pulley_height_m:.2f} m high, "
            f"{load.pulley_distance_m:.2f} m in front{ratio}"
        )
    if isinstance(load, MachineLoad):
        machine = "a cam machine" if load.kind == "cam" else "a plate-loaded lever"
        return f"the leg's weight + {machine} with {load.mass_kg:g} kg"
    if isinstance(load, BandLoad):
        return f"the leg's weight + a band of {load.stiffness_n_per_m:g} N/m at the {load.attach}"
    return f"the leg's weight + a {load.mass_kg:g} kg dumbbell behind the knee"


@dataclass(frozen=True)
class LineOfPull:
    """A cable's or band's pull on the leg: from `attach` (on the leg) toward `anchor` (m).

    `moment_arm_m` is the signed perpendicular distance from the hip to the line: positive when
    the pull resists hip extension. Torque = `force_n` × `moment_arm_m`.
    """

    anchor: tuple[float, float]
    attach: tuple[float, float]
    force_n: float
    moment_arm_m: float

    @property
    def torque_nm(self) -> float:
        """The pull's hip-extension torque demand (N·m)."""
        return self.force_n * self.moment_arm_m


@dataclass(frozen=True)
class TorqueParts:
    """A hip-extension torque demand (N·m) split into the leg's own weight and the load."""

    leg: float
    load: float

    @property
    def total(self) -> float:
        """What the hip extensors must produce (N·m); negative means the flexors would have to."""
        return self.leg + self.load


def _joints(pose: Pose, body: Body, variant: str, load: Load | None) -> dict[str, Vector]:
    """Joint positions as arrays, with the cable's pulley where the load puts it."""
    setup = load.setup if isinstance(load, CableLoad) else None
    return {name: np.array(p) for name, p in pose_joints(pose, body, variant, setup=setup).items()}


def _angle_from_hanging(start: Vector, end: Vector) -> float:
    """Degrees a limb from `start` to `end` is turned behind hanging straight down."""
    dx, dy = end - start
    return math.degrees(math.atan2(-dx, -dy))


def _moment(point: Vector, force: Vector, hip: Vector) -> float:
    """z-moment (N·m, counter-clockwise +) of `force` at `point` about the hip.

    Counter-clockwise swings the foot forward (hip flexion), so this is what the extensors must supply.
    """
    r = point - hip
    return float(r[0] * force[1] - r[1] * force[0])


def _leg_centres(joints: Mapping[str, Vector], body: Body) -> list[tuple[float, Vector]]:
    """(mass kg, centre of mass) of the working thigh, shank and foot.

    The foot is held at a right angle to the shank (a relaxed ankle) as the drawing holds it in the
    air; where the drawing turns the foot to rest on the floor, the torque keeps it unturned (the
    model ignores the floor's support), so the torque stays continuous.
    """
    thigh, shank, foot = body.leg
    hip, knee, ankle = joints["hip"], joints["knee"], joints["ankle"]
    heel, toe = place_foot(ankle, _angle_from_hanging(knee, ankle), body, -math.inf)
    return [
        (thigh.mass, hip + thigh.com_distance / thigh.length * (knee - hip)),
        (shank.mass, knee + shank.com_distance / shank.length * (ankle - knee)),
        (foot.mass, heel + foot.com_distance / foot.length * (toe - heel)),
    ]


def _line_of_pull(joints: Mapping[str, Vector], load: Load) -> LineOfPull | None:
    """The cable's or band's line of pull for these joints; None for other loads."""
    if isinstance(load, CableLoad):
        anchor, attach = joints["pulley"], joints["strap"]
    elif isinstance(load, BandLoad):
        anchor, attach = load.anchor, joints[load.attach]
    else:
        return None
    offset = anchor - attach
    length = float(np.hypot(*offset))
    force = load.tension_n if isinstance(load, CableLoad) else load.get_force(length)
    arm = _moment(attach, offset / length, joints["hip"]) if length > 1e-12 else 0.0
    return LineOfPull(tuple(map(float, anchor)), tuple(map(float, attach)), force, arm)


def _load_torque(joints: Mapping[str, Vector], load: Load | None) -> float:
    """The load's part of the hip-extension torque demand (N·m)."""
    if load is None:
        return 0.0
    if isinstance(load, MachineLoad):
        return load.get_torque(_angle_from_hanging(joints["hip"], joints["knee"]))
    if isinstance(load, DumbbellLoad):
        return _moment(joints["knee"], np.array([0.0, -load.mass_kg * G]), joints["hip"])
    line = _line_of_pull(joints, load)
    return line.torque_nm if line is not None else 0.0


def split_hip_torque(pose: Pose, body: Body, variant: str, *, load: Load | None = None) -> TorqueParts:
    """The hip-extension torque demand (N·m) split into the leg's weight and the load's part.

    >>> parts = split_hip_torque(Pose(), Body.from_height_mass(1.75, 75), "machine", load=MachineLoad(20))
    >>> round(parts.load, 1)
    68.7
    """
    check_load(load, variant)
    joints = _joints(pose, body, variant, load)
    hip = joints["hip"]
    leg = sum(_moment(centre, np.array([0.0, -mass * G]), hip) for mass, centre in _leg_centres(joints, body))
    return TorqueParts(leg=float(leg), load=_load_torque(joints, load))


def hip_extension_torque(pose: Pose, body: Body, variant: str, *, load: Load | None = None) -> float:
    """N·m the hip extensors must produce; negative means the hip flexors would have to.

    The z-moment (counter-clockwise +, x forward, y up) about the hip of every external force on
    the working leg: gravity on its thigh, shank and foot (Winter's masses and centres of mass),
    plus the load. For gravity alone that is g × Σ mᵢ × (hip x − centre-of-mass xᵢ).

    On all fours with the knee at 90° (1.75 m, 75 kg) it is 33.6 N·m with the thigh parallel to
    the floor; it peaks at 35.6 N·m with the thigh about 19° below that, where the raised shank
    leans back and the leg's centre of mass is level with the hip:

    >>> body = Body.from_height_mass(1.75, 75)
    >>> round(hip_extension_torque(preset_pose("bodyweight", "correct_top"), body, "bodyweight"), 1)
    33.6
    """
    return split_hip_torque(pose, body, variant, load=load).total


def measure_line_of_pull(pose: Pose, body: Body, variant: str, load: Load) -> LineOfPull | None:
    """Where a cable or band pulls (anchor, attachment; m), how hard (N) and its moment arm (m).

    None for a machine or a dumbbell, which have no line of pull.

    >>> line = measure_line_of_pull(Pose(), Body.from_height_mass(1.75, 75), "cable", default_load("cable"))
    >>> round(line.force_n, 1), round(line.moment_arm_m, 2)
    (98.1, 0.86)
    """
    check_load(load, variant)
    return _line_of_pull(_joints(pose, body, variant, load), load)


def glute_force_estimate(pose: Pose, body: Body, variant: str, *, load: Load | None = None) -> float:
    """Gluteus maximus force (N) that would produce the torque alone: torque ÷ its mean moment arm.

    An estimate that ignores the other extensors' share (hamstrings, adductor magnus), so the real
    glute force is lower. Moment arms come from `kickback.muscles` at this pose's hip extension and
    knee flexion (tables cover hip extension -100 to 20°, knee 0 to 90°; outside them this raises
    that module's error). Where the torque is not positive the extensors need not work: 0.

    >>> round(glute_force_estimate(preset_pose("bodyweight", "correct_top"), Body.from_height_mass(1.75, 75), "bodyweight"))
    546
    """
    torque = hip_extension_torque(pose, body, variant, load=load)
    if torque <= 0.0:
        muscle_moment_arm("glmax", hip_extension=pose.hip_extension, knee_flexion=pose.knee_flexion)
        return 0.0
    return glute_force_needed(torque, hip_extension=pose.hip_extension, knee_flexion=pose.knee_flexion)


# --- curves ---------------------------------------------------------------------------------


def sweep_range(variant: str) -> np.ndarray:
    """The default hip-extension sweep (degrees, 1° steps): the start pose to 10° beyond the correct top.

    >>> sweep_range("bodyweight")[[0, -1]]
    array([-80.,  20.])
    """
    start = preset_pose(variant, "start").hip_extension
    stop = preset_pose(variant, "correct_top").hip_extension + SWEEP_BEYOND_TOP
    return np.arange(start, stop + 0.5, 1.0)


def torque_curve(
    variant: str,
    body: Body,
    *,
    load: Load | None = None,
    hip_extension: np.ndarray | list[float] | None = None,
    base_pose: Pose | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Hip extension (degrees) and the torque demand (N·m) at each, the other angles from `base_pose`.

    Default sweep: `sweep_range(variant)`; default `base_pose`: the variant's start pose.

    >>> hip, torque = torque_curve("machine", Body.from_height_mass(1.75, 75), load=MachineLoad(20))
    >>> float(hip[0]), float(hip[-1]), len(hip)
    (-45.0, 30.0, 76)
    """
    check_load(load, variant)
    angles = sweep_range(variant) if hip_extension is None else np.atleast_1d(np.asarray(hip_extension, dtype=float))
    if angles.ndim != 1 or angles.size == 0:
        raise ValueError(f"hip_extension must be a non-empty list of angles in degrees; got {hip_extension!r}")
    base = preset_pose(variant, "start") if base_pose is None else base_pose
    if not isinstance(base, Pose):
        raise ValueError(f"base_pose must be a Pose; got {type(base).__name__}")
    torques = [hip_extension_torque(base.replace(hip_extension=float(a)), body, variant, load=load) for a in angles]
    return angles, np.array(torques)


@dataclass(frozen=True)
class CurveSummary:
    """Where a torque curve is highest and lowest, and its ends (degrees of hip extension, N·m)."""

    start_angle: float
    start_torque: float
    end_angle: float
    end_torque: float
    peak_angle: float
    peak_torque: float
    low_angle: float
    low_torque: float

    @property
    def shape(self) -> str:
        """"even" (peak and low within 5 % of the peak), else where the extremes sit.

        "falls" (highest at the start, lowest at the end), "rises" (the reverse), "peaks"
        (highest mid-range) or "dips" (lowest mid-range, highest at one end).
        """
        if self.peak_torque - self.low_torque <= 0.05 * abs(self.peak_torque):
            return "even"
        ends = (self.start_angle, self.end_angle)
        if self.peak_angle not in ends:
            return "peaks"
        if self.low_angle not in ends:
            return "dips"
        return "falls" if self.peak_angle == self.start_angle else "rises"

    def describe(self) -> str:
        """The curve in words, e.g. "falls: highest 82 N·m at the start (hip -15°), lowest 58 N·m at the end (hip 30°)"."""
        peak = f"highest {self.peak_torque:.0f} N·m {self._where(self.peak_angle)}"
        low = f"lowest {self.low_torque:.0f} N·m {self._where(self.low_angle)}"
        first, second = (low, peak) if self.low_angle < self.peak_angle else (peak, low)
        return f"{self.shape}: {first}, {second}"

    def _where(self, angle: float) -> str:
        """"at the start (hip -15°)", "at the end (hip 30°)" or "at hip 5°"."""
        if angle == self.start_angle:
            return f"at the start (hip {angle:.0f}°)"
        if angle == self.end_angle:
            return f"at the end (hip {angle:.0f}°)"
        return f"at hip {angle:.0f}°"


def describe_curve(hip_extension: np.ndarray, torque: np.ndarray) -> CurveSummary:
    """Where a torque curve peaks and where it is lowest (degrees of hip extension, N·m).

    The start is the first angle given, the end the last.

    >>> summary = describe_curve(np.array([0.0, 10.0, 20.0]), np.array([5.0, 9.0, 7.0]))
    >>> summary.peak_angle, summary.peak_torque, summary.shape
    (10.0, 9.0, 'peaks')
    """
    angles = np.asarray(hip_extension, dtype=float)
    values = np.asarray(torque, dtype=float)
    if angles.ndim != 1 or angles.shape != values.shape or angles.size < 2:
        raise ValueError(
            f"hip_extension and torque must be equal-length lists of at least 2 values; got {angles.size} and {values.size}"
        )
    if not (np.all(np.isfinite(angles)) and np.all(np.isfinite(values))):
        raise ValueError("hip_extension and torque must be finite numbers; got NaN or infinity")
    top, bottom = int(np.argmax(values)), int(np.argmin(values))
    return CurveSummary(
        start_angle=float(angles[0]),
        start_torque=float(values[0]),
        end_angle=float(angles[-1]),
        end_torque=float(values[-1]),
        peak_angle=float(angles[top]),
        peak_torque=float(values[top]),
        low_angle=float(angles[bottom]),
        low_torque=float(values[bottom]),
    )


__all__ = [
    "G",
    "BandLoad",
    "CableLoad",
    "CurveSummary",
    "DumbbellLoad",
    "LineOfPull",
    "MachineLoad",
    "TorqueParts",
    "check_load",
    "default_load",
    "describe_curve",
    "describe_load",
    "measure_pad_force",
    "glute_force_estimate",
    "hip_extension_torque",
    "measure_line_of_pull",
    "read_load_table",
    "split_hip_torque",
    "sweep_range",
    "torque_curve",
]
