"""Hip-extension torque demand against hip angle: the leg's weight plus the load, and its curve."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .anthropometrics import Body
from .loads import (
    BandLoad,
    CableLoad,
    DumbbellLoad,
    G,
    Load,
    MachineLoad,
    MiniBandLoad,
    Vector,
    check_load,
)
from .muscles import glute_force_needed, muscle_moment_arm
from .pose import Pose, describe_hip, preset_pose
from .skeleton import place_foot, pose_joints

SWEEP_BEYOND_TOP = 10.0
"""Degrees the default sweep runs past the variant's correct top (to show what overreaching costs)."""


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
    """The cable's or band's line of pull for these joints; None for other loads.

    A mini band pulls the working leg toward the same point on the supporting leg, with the side
    view's part of its tension.
    """
    if isinstance(load, CableLoad):
        anchor, attach = joints["pulley"], joints["strap"]
    elif isinstance(load, MiniBandLoad):
        anchor, attach = joints[load.support_point], joints[load.attach]
    elif isinstance(load, BandLoad):
        anchor, attach = load.anchor, joints[load.attach]
    else:
        return None
    offset = anchor - attach
    length = float(np.hypot(*offset))
    if isinstance(load, CableLoad):
        force = load.tension_n
    elif isinstance(load, MiniBandLoad):
        force = load.get_pull(length)
    else:
        force = load.get_force(length)
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

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).
    body : Body
        Segment lengths (m) and masses (kg).
    variant : str
        "cable", "machine" or "bodyweight".
    load : CableLoad, MachineLoad, MiniBandLoad, BandLoad, DumbbellLoad or None, optional
        The load; None for the leg's own weight only.

    Returns
    -------
    TorqueParts
        `leg`, `load` and their sum `total` (N·m); positive means the hip extensors must work.

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

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).
    body : Body
        Segment lengths (m) and masses (kg).
    variant : str
        "cable", "machine" or "bodyweight".
    load : CableLoad, MachineLoad, MiniBandLoad, BandLoad, DumbbellLoad or None, optional
        The load; None (default) for the leg's own weight only.

    Returns
    -------
    float
        Hip-extension torque demand (N·m); positive means the hip extensors must work.

    >>> body = Body.from_height_mass(1.75, 75)
    >>> round(hip_extension_torque(preset_pose("bodyweight", "correct_top"), body, "bodyweight"), 1)
    33.6
    """
    return split_hip_torque(pose, body, variant, load=load).total


def measure_line_of_pull(pose: Pose, body: Body, variant: str, load: Load) -> LineOfPull | None:
    """Where a cable or band pulls (anchor, attachment; m), how hard (N) and its moment arm (m).

    None for a machine or a dumbbell, which have no line of pull.

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).
    body : Body
        Segment lengths (m).
    variant : str
        "cable", "machine" or "bodyweight".
    load : CableLoad, MachineLoad, MiniBandLoad, BandLoad or DumbbellLoad
        The load.

    Returns
    -------
    LineOfPull or None
        `anchor` and `attach` as (x, y) in metres, `force_n` (N), `moment_arm_m` (m, positive
        when the pull resists hip extension) and `torque_nm` (N·m).

    >>> from kickback.model.loads import default_load
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

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).
    body : Body
        Segment lengths (m) and masses (kg).
    variant : str
        "cable", "machine" or "bodyweight".
    load : CableLoad, MachineLoad, MiniBandLoad, BandLoad, DumbbellLoad or None, optional
        The load; None (default) for the leg's own weight only.

    Returns
    -------
    float
        Estimated gluteus maximus force (N), 0 or more.

    >>> body = Body.from_height_mass(1.75, 75)
    >>> round(glute_force_estimate(preset_pose("bodyweight", "correct_top"), body, "bodyweight"))
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

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".
    body : Body
        Segment lengths (m) and masses (kg).
    load : CableLoad, MachineLoad, MiniBandLoad, BandLoad, DumbbellLoad or None, optional
        The load; None (default) for the leg's own weight only.
    hip_extension : array-like of float or None, optional
        Hip extension angles to evaluate (degrees).
    base_pose : Pose or None, optional
        The other joint angles (degrees).

    Returns
    -------
    hip_extension : numpy.ndarray
        The angles (degrees).
    torque : numpy.ndarray
        Hip-extension torque demand at each angle (N·m).

    >>> hip, torque = torque_curve("machine", Body.from_height_mass(1.75, 75), load=MachineLoad(20))
    >>> float(hip[0]), float(hip[-1]), len(hip)
    (-45.0, 30.0, 76)
    """
    check_load(load, variant)
    angles = (
        sweep_range(variant)
        if hip_extension is None
        else np.atleast_1d(np.asarray(hip_extension, dtype=float))
    )
    if angles.ndim != 1 or angles.size == 0:
        raise ValueError(
            f"hip_extension must be a non-empty list of angles in degrees; got {hip_extension!r}"
        )
    base = preset_pose(variant, "start") if base_pose is None else base_pose
    if not isinstance(base, Pose):
        raise ValueError(f"base_pose must be a Pose; got {type(base).__name__}")
    torques = [
        hip_extension_torque(base.replace(hip_extension=float(a)), body, variant, load=load) for a in angles
    ]
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
        """ "even" (peak and low within 5 % of the peak), else where the extremes sit.

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
        """The curve in words.

        E.g. "falls: highest 82 N·m at the start (hip flexed 15°), lowest 58 N·m at the end (hip extended
        30°)".
        """
        peak = f"highest {self.peak_torque:.0f} N·m {self._where(self.peak_angle)}"
        low = f"lowest {self.low_torque:.0f} N·m {self._where(self.low_angle)}"
        first, second = (low, peak) if self.low_angle < self.peak_angle else (peak, low)
        return f"{self.shape}: {first}, {second}"

    def _where(self, angle: float) -> str:
        """ "at the start (hip flexed 15°)", "at the end (hip extended 30°)" or "with the hip extended 5°"."""
        if angle == self.start_angle:
            return f"at the start ({describe_hip(angle)})"
        if angle == self.end_angle:
            return f"at the end ({describe_hip(angle)})"
        return f"with the {describe_hip(angle)}"


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
            "hip_extension and torque must be equal-length lists of at least 2 values; "
            f"got {angles.size} and {values.size}"
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
