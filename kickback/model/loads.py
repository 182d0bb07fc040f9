"""The loads a kickback can work against: cable, machine (cam or plate), bands (mini, anchored), dumbbell."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from ..validate import check_choice, check_in_range
from .anthropometrics import Body
from .bands import BAND_ATTACH_POINTS, BandLoad, MiniBandLoad  # noqa: F401 (re-exported)
from .load_table import G, read_load_table  # noqa: F401 (re-exported)
from .load_table import check_load_field as _check_field
from .load_table import load_default as _default
from .load_table import load_defaults as _defaults
from .variants import check_variant

MACHINE_KINDS: tuple[str, ...] = ("cam", "plate")
LOAD_KINDS: tuple[str, ...] = ("cable", "cam", "plate", "mini_band", "anchored_band", "dumbbell")
KIND_ALIASES: dict[str, str] = {"band": "anchored_band"}
"""Older names still accepted: "band" was the anchored band before the mini band was modelled."""

Vector = np.ndarray


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

    >>> from kickback.model.pose import preset_pose
    >>> from kickback.model.torque import describe_curve, split_hip_torque, torque_curve
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
    'peaks: lowest 88 N·m at the start (hip flexed 15°), highest 98 N·m with the hip extended 23°'

    Parameters
    ----------
    stack_mass_kg : float
        Weight-stack mass (kg).
    pulley_height_m : float
        Pulley height above the floor (m).
    pulley_distance_m : float
        Pulley distance in front of the stance ankle (m).
    pulley_ratio : float, optional
        Mechanical ratio of the pulleys (1 = tension equals the stack's weight).
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

    kind="cam": a selectorized machine whose cam keeps the machine's own part of the torque even.
    Modelled as a constant torque, mass × g × `lever_arm_m` (the effective arm): an idealisation;
    real cams are shaped for an average person and are only roughly even. What the hip works
    against is not even: the leg's own weight adds more as the thigh rises behind, so with 20 kg
    the total climbs from about 70 to about 105 N·m over the default sweep (see `torque_curve`).

    kind="plate": a plate-loaded lever. Its arm is taken to turn with the thigh, hanging straight
    down when the thigh does (a modelling choice), so the torque is mass × g × `lever_arm_m` ×
    sin(thigh angle from hanging). With the thigh in front of vertical the plates would swing the
    lever away from the leg; the pad can push but not pull, so the machine's part is then 0.

    The pivot is on the hip joint, so the torque about the pivot is the torque about the hip,
    wherever the pad sits along the thigh. The leg's own weight adds to it.

    >>> round(MachineLoad(20).get_torque(90.0), 1)
    68.7

    Parameters
    ----------
    mass_kg : float
        Selected stack or plate mass (kg).
    kind : str, optional
        "cam" or "plate" (default from `data/loads.csv`).
    lever_arm_m : float, optional
        Effective lever arm of the mass about the hip (m).
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
class DumbbellLoad:
    """A dumbbell held in the crease behind the knee on all fours (variant "bodyweight").

    Modelled as a point mass at the knee joint: its weight adds mass × g × (hip x − knee x).

    >>> DumbbellLoad(5).mass_kg
    5.0

    Parameters
    ----------
    mass_kg : float
        Dumbbell mass (kg).
    """

    mass_kg: float

    VARIANTS: ClassVar[tuple[str, ...]] = ("bodyweight",)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mass_kg", _check_field("dumbbell", "mass_kg", self.mass_kg))


Load = CableLoad | MachineLoad | MiniBandLoad | BandLoad | DumbbellLoad
LOAD_TYPES: tuple[type, ...] = (CableLoad, MachineLoad, MiniBandLoad, BandLoad, DumbbellLoad)


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
    that fits the variant: "cable", "cam", "plate", "mini_band" (the article's loop round both
    legs, bodyweight or standing), "anchored_band" (a band tied in front; "band" is an older name
    for it) or "dumbbell".

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".
    kind : str or None, optional
        The kind of load; None for the variant's usual one.

    Returns
    -------
    CableLoad, MachineLoad, MiniBandLoad, BandLoad, DumbbellLoad or None
        The load with the table's defaults (kg, m, N/m); None for the leg's weight only.

    >>> default_load("cable")
    CableLoad(stack_mass_kg=10.0, pulley_height_m=0.1, pulley_distance_m=0.7, pulley_ratio=1.0)
    >>> default_load("bodyweight", "mini_band")
    MiniBandLoad(stiffness_n_per_m=200.0, rest_span_m=0.1, leg_spacing_m=0.15, attach='knee')
    """
    check_variant(variant)
    if kind is None:
        kind = {"cable": "cable", "machine": "cam", "bodyweight": None}[variant]
        if kind is None:
            return None
    kind = KIND_ALIASES.get(kind, kind) if isinstance(kind, str) else kind
    check_choice("kind", kind, LOAD_KINDS)
    table = {"cam": "machine", "plate": "machine", "anchored_band": "band"}.get(kind, kind)
    value = {field: text for (name, field), text in _defaults().items() if name == table}
    number = {field: float(text) for field, text in value.items() if field not in ("kind", "attach")}
    if kind == "cable":
        load: Load = CableLoad(**number)
    elif kind in MACHINE_KINDS:
        load = MachineLoad(kind=kind, **number)
    elif kind == "mini_band":
        load = MiniBandLoad(attach=value["attach"], **number)
    elif kind == "anchored_band":
        load = BandLoad(attach=value["attach"], **number)
    else:
        load = DumbbellLoad(**number)
    return check_load(load, variant)


# --- torque ---------------------------------------------------------------------------------


def measure_pad_force(
    load: MachineLoad, body: Body, *, pad_position: float, thigh_angle: float = 90.0
) -> float:
    """The force (N) the machine's pad presses on the thigh.

    The lever pivots at the hip, so the pad force times its distance from the pivot equals the
    machine's torque: the same torque presses harder when the pad sits higher, nearer the hip.

    Parameters
    ----------
    load : MachineLoad
        The machine and its mass (kg).
    body : Body
        The person; only the thigh length (m) is used.
    pad_position : float
        Where the pad sits, as a fraction of the thigh's length from the hip (0 to 1).
    thigh_angle : float, optional
        Thigh angle behind hanging straight down (degrees); 90 is parallel to the floor.

    Returns
    -------
    float
        Pad force on the thigh (N).

    >>> round(measure_pad_force(MachineLoad(20), Body.from_height_mass(1.75, 75), pad_position=0.85))
    188
    """
    low, high, unit = (
        float(row) if i < 2 else row for i, row in enumerate(_equipment_limits("pad_position"))
    )
    fraction = check_in_range("pad_position", pad_position, low, high, unit)
    return load.get_torque(thigh_angle) / (fraction * body.length("thigh"))


def _equipment_limits(name: str) -> tuple[str, str, str]:
    """Low, high and unit of a machine set-up value in data/equipment.csv."""
    from ..data_files import read_table

    row = next(row for row in read_table("equipment") if row["variant"] == "machine" and row["name"] == name)
    return row["low"], row["high"], row["unit"]


def describe_load(load: Load | None) -> str:
    """A load in a few words, for readouts and captions.

    Parameters
    ----------
    load : CableLoad, MachineLoad, MiniBandLoad, BandLoad, DumbbellLoad or None
        The load; None for the leg's own weight only.

    Returns
    -------
    str
        E.g. "the leg's weight + a 10 kg stack on a pulley 0.10 m high, 0.70 m in front".
    """
    if load is None:
        return "the leg's own weight only"
    if isinstance(load, CableLoad):
        ratio = "" if load.pulley_ratio == 1 else f", pulley ratio {load.pulley_ratio:g}:1"
        return (
            f"the leg's weight + a {load.stack_mass_kg:g} kg stack on a pulley "
            f"{load.pulley_height_m:.2f} m high, "
            f"{load.pulley_distance_m:.2f} m in front{ratio}"
        )
    if isinstance(load, MachineLoad):
        machine = "a cam machine" if load.kind == "cam" else "a plate-loaded lever"
        return f"the leg's weight + {machine} with {load.mass_kg:g} kg"
    if isinstance(load, MiniBandLoad):
        where = "above the knees" if load.attach == "knee" else "round the ankles"
        return (
            f"the leg's weight + a mini band of {load.stiffness_n_per_m:g} N/m {where} "
            "(a teaching value for a light band)"
        )
    if isinstance(load, BandLoad):
        return (
            f"the leg's weight + a band of {load.stiffness_n_per_m:g} N/m anchored in front, "
            f"at the {load.attach}"
        )
    return f"the leg's weight + a {load.mass_kg:g} kg dumbbell behind the knee"
