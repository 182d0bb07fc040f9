"""The kickback's muscles: their roles, where to draw them, and their hip-extension moment arms."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from ..data_files import read_notes, read_table
from ..validate import check_choice, check_in_range

ROLES: tuple[str, ...] = ("primary_mover", "synergist", "stabilizer")
SEGMENTS: tuple[str, ...] = ("pelvis", "lumbar", "thorax", "thigh", "shank")
MODELS: tuple[str, ...] = ("rajagopal2016", "gait2392")
GLMAX_PARTS: dict[str, tuple[str, ...]] = {
    "rajagopal2016": ("glmax1", "glmax2", "glmax3"),
    "gait2392": ("glut_max1", "glut_max2", "glut_max3"),
}
HIP_EXTENSION_RANGE: tuple[float, float] = (-100.0, 20.0)
KNEE_FLEXION_RANGE: tuple[float, float] = (0.0, 90.0)

Curve = tuple[np.ndarray, np.ndarray]


# --- roles and attachments ------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    """A schematic drawing position on a side-view body (a teaching heuristic, not anatomy).

    `fraction` runs along `segment` from its proximal end; `offset` is perpendicular to it as a
    fraction of body height, + toward the back of the body (posterior).
    """

    segment: str
    fraction: float
    offset: float


@dataclass(frozen=True)
class Muscle:
    """One muscle as the course names it: role, anatomy in plain words, sources and drawing points."""

    id: str
    name: str
    role: str
    origin: str
    insertion: str
    action: str
    source: str
    role_source: str
    origin_point: Attachment
    insertion_point: Attachment


def _read_attachment(row: dict[str, str], end: str) -> Attachment:
    """The `origin` or `insertion` drawing point of a row of `data/muscles.csv`, checked."""
    where = f"{row['id']} {end}"
    return Attachment(
        segment=check_choice(f"{where}_segment", row[f"{end}_segment"], SEGMENTS),
        fraction=check_in_range(f"{where}_fraction", float(row[f"{end}_fraction"]), 0.0, 1.0),
        offset=check_in_range(f"{where}_offset", float(row[f"{end}_offset"]), -0.2, 0.2, "of height"),
    )


def read_muscles() -> list[Muscle]:
    """The muscles of `data/muscles.csv`, in the table's order.

    >>> [m.id for m in read_muscles()][:2]
    ['glmax', 'bflh']
    """
    return [
        Muscle(
            id=row["id"],
            name=row["name"],
            role=check_choice(f"{row['id']} role", row["role"], ROLES),
            origin=row["origin"],
            insertion=row["insertion"],
            action=row["action"],
            source=row["source"],
            role_source=row["role_source"],
            origin_point=_read_attachment(row, "origin"),
            insertion_point=_read_attachment(row, "insertion"),
        )
        for row in read_table("muscles")
    ]


def muscles_by_role() -> dict[str, list[Muscle]]:
    """The muscles grouped by role, in the order primary mover, synergists, stabilizers.

    >>> [m.name for m in muscles_by_role()["primary_mover"]]
    ['Gluteus maximus']
    """
    muscles = read_muscles()
    return {role: [m for m in muscles if m.role == role] for role in ROLES}


# --- moment arms and lengths ----------------------------------------------------------------


@cache
def _read_curves() -> dict[tuple[str, str, int], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(model, muscle, knee_flexion_deg) -> (hip_extension_deg, length_m, moment_arm_m), hip ascending."""
    grouped: dict[tuple[str, str, int], list[tuple[float, float, float]]] = {}
    for row in read_table("moment_arms"):
        key = (row["model"], row["muscle"], int(row["knee_flexion_deg"]))
        grouped.setdefault(key, []).append(
            (float(row["hip_extension_deg"]), float(row["length_m"]), float(row["moment_arm_m"]))
        )
    curves = {}
    for key, points in grouped.items():
        columns = np.array(sorted(points)).T
        columns.setflags(write=False)
        curves[key] = (columns[0], columns[1], columns[2])
    return curves


def list_model_muscles(model: str = "rajagopal2016") -> list[str]:
    """Muscle names the moment-arm table holds for `model`, with "glmax" (the mean of its parts) first.

    >>> list_model_muscles()[:4]
    ['glmax', 'glmax1', 'glmax2', 'glmax3']
    """
    check_choice("model", model, MODELS)
    names = list(dict.fromkeys(muscle for m, muscle, _ in _read_curves() if m == model))
    return ["glmax", *names]


def _check_muscle(muscle: str, model: str) -> tuple[str, ...]:
    """The model muscles to average for `muscle` (one name, or the parts of "glmax")."""
    check_choice("model", model, MODELS)
    check_choice("muscle", muscle, list_model_muscles(model))
    return GLMAX_PARTS[model] if muscle == "glmax" else (muscle,)


def _check_knee(knee_flexion: float) -> float:
    """Knee flexion in degrees, inside the table's 0 to 90."""
    return check_in_range("knee_flexion", knee_flexion, *KNEE_FLEXION_RANGE, unit="degrees")


def _curve(muscle: str, column: int, knee_flexion: float, model: str) -> Curve:
    """Hip extension (deg) and one column (1 length, 2 moment arm) at `knee_flexion`, knee interpolated."""
    parts = _check_muscle(muscle, model)
    knee = _check_knee(knee_flexion)
    curves = _read_curves()
    hip = curves[(model, parts[0], 0)][0]
    straight = np.mean([curves[(model, p, 0)][column] for p in parts], axis=0)
    bent = np.mean([curves[(model, p, 90)][column] for p in parts], axis=0)
    return hip.copy(), straight + (bent - straight) * knee / 90.0


def _value_at(muscle: str, column: int, hip_extension: float, knee_flexion: float, model: str) -> float:
    """One column of the table, interpolated in hip extension and knee flexion."""
    hip, values = _curve(muscle, column, knee_flexion, model)
    angle = check_in_range("hip_extension", hip_extension, *HIP_EXTENSION_RANGE, unit="degrees")
    return float(np.interp(angle, hip, values))


def muscle_moment_arm(
    muscle: str, *, hip_extension: float, knee_flexion: float = 0.0, model: str = "rajagopal2016"
) -> float:
    """Hip-extension moment arm (m) of a muscle; positive means it extends the hip.

    Linear interpolation of `data/moment_arms.csv` in hip extension (degrees, -100 to 20; our
    hip extension is minus the model's hip flexion) and in knee flexion between the 0 and 90
    degree tables. `muscle` is a model name ("glmax1", "bflh", ...) or "glmax", the mean of the
    three gluteus maximus parts. `model` is "rajagopal2016" or "gait2392".

    Parameters
    ----------
    muscle : str
        Model muscle name, or "glmax".
    hip_extension : float
        Hip extension (degrees), -100 to 20.
    knee_flexion : float, optional
        Knee flexion (degrees), 0 to 90.
    model : str, optional
        "rajagopal2016" (default) or "gait2392".

    Returns
    -------
    float
        Hip-extension moment arm (m); positive extends the hip.

    >>> round(muscle_moment_arm("glmax1", hip_extension=0), 3)
    0.049
    """
    return _value_at(muscle, 2, hip_extension, knee_flexion, model)


def muscle_length(
    muscle: str, *, hip_extension: float, knee_flexion: float = 0.0, model: str = "rajagopal2016"
) -> float:
    """Muscle-tendon length (m), interpolated like `muscle_moment_arm` ("glmax": mean of the parts).

    Parameters
    ----------
    muscle : str
        Model muscle name, or "glmax".
    hip_extension : float
        Hip extension (degrees), -100 to 20.
    knee_flexion : float, optional
        Knee flexion (degrees), 0 to 90.
    model : str, optional
        "rajagopal2016" (default) or "gait2392".

    Returns
    -------
    float
        Muscle-tendon length (m).

    >>> muscle_length("bflh", hip_extension=0, knee_flexion=90) < muscle_length("bflh", hip_extension=0)
    True
    """
    return _value_at(muscle, 1, hip_extension, knee_flexion, model)


def moment_arm_curve(muscle: str, *, knee_flexion: float = 0.0, model: str = "rajagopal2016") -> Curve:
    """The table's hip angles (degrees of hip extension, ascending) and moment arms (m) at `knee_flexion`.

    >>> hip, arm = moment_arm_curve("glmax")
    >>> float(hip[0]), float(hip[-1])
    (-100.0, 20.0)
    """
    return _curve(muscle, 2, knee_flexion, model)


def glute_force_needed(
    torque_nm: float, *, hip_extension: float, knee_flexion: float = 0.0, model: str = "rajagopal2016"
) -> float:
    """Gluteus maximus force (N) that would make `torque_nm` alone: torque / mean glmax moment arm.

    An estimate that ignores the other extensors' share (hamstrings, adductor magnus), so the
    real glute force is lower.

    >>> round(glute_force_needed(30.0, hip_extension=0))
    482
    """
    torque = check_in_range("torque_nm", torque_nm, 0.0, float("inf"), "N·m")
    arm = muscle_moment_arm("glmax", hip_extension=hip_extension, knee_flexion=knee_flexion, model=model)
    if arm <= 0:
        raise ValueError(
            f"gluteus maximus has no extension moment arm at hip_extension {hip_extension!r}; got {arm:g} m"
        )
    return torque / arm


def moment_arm_source() -> list[str]:
    """The notes at the top of `data/moment_arms.csv`: models, their sources and the method."""
    return read_notes("moment_arms")


# --- how well a muscle can pull at its current length -------------------------------------------


@cache
def _read_parameters() -> dict[str, dict[str, float]]:
    """Rajagopal 2016 muscle parameters by model muscle name, from data/muscle_parameters.csv."""
    return {
        row["muscle"]: {key: float(value) for key, value in row.items() if key not in ("model", "muscle")}
        for row in read_table("muscle_parameters")
    }


def normalized_fiber_length(muscle: str, *, hip_extension: float, knee_flexion: float = 0.0) -> float:
    """Fibre length as a multiple of the fibre's optimal length (1 = where it pulls hardest).

    (muscle-tendon length - tendon slack length) / cos(pennation) / optimal fibre length, with
    the muscle-tendon length from data/moment_arms.csv and the rest from data/muscle_parameters.csv
    (Rajagopal 2016 model). The tendon is taken not to stretch: a teaching simplification that
    exaggerates how short a long-tendon muscle gets. Never below 0.

    >>> bent = normalized_fiber_length("bflh", hip_extension=10, knee_flexion=90)
    >>> bent < normalized_fiber_length("bflh", hip_extension=10) < 1
    True
    """
    parts = _read_parameters()
    check_choice("muscle", muscle, tuple(parts))
    p = parts[muscle]
    length = muscle_length(muscle, hip_extension=hip_extension, knee_flexion=knee_flexion)
    fiber = (length - p["tendon_slack_length_m"]) / np.cos(p["pennation_at_optimal_rad"])
    return max(0.0, float(fiber / p["optimal_fiber_length_m"]))


def force_capacity(muscle: str, *, hip_extension: float, knee_flexion: float = 0.0) -> float:
    """Share (0 to 1) of its greatest force a fully active muscle can produce at this length.

    The active force-length curve exp(-(l - 1)² / width) of Thelen (2003), l from
    `normalized_fiber_length`. A muscle made short (the hamstrings with the knee bent and the hip
    extended) or long pulls less hard than at its optimal length.

    >>> straight = force_capacity("semimem", hip_extension=10)
    >>> bent = force_capacity("semimem", hip_extension=10, knee_flexion=90)
    >>> round(straight, 2), round(bent, 2)
    (0.95, 0.11)
    """
    fiber = normalized_fiber_length(muscle, hip_extension=hip_extension, knee_flexion=knee_flexion)
    width = _read_parameters()[muscle]["force_length_width"]
    return float(np.exp(-((fiber - 1.0) ** 2) / width))


# --- which muscle has the best lever at an angle --------------------------------------------
LEVER_PARTS: dict[str, tuple[str, ...]] = {
    # the course's muscle ids (data/muscles.csv) -> their parts in the Rajagopal 2016 model
    "glmax": ("glmax1", "glmax2", "glmax3"),
    "bflh": ("bflh",),
    "semiten": ("semiten",),
    "semimem": ("semimem",),
    "glmed": ("glmed1", "glmed2", "glmed3"),
    "glmin": ("glmin1", "glmin2", "glmin3"),
    "addmag": ("addmagIsch",),  # its back (ischial) part, the one that extends the hip
}


def rank_levers(*, hip_extension: float, knee_flexion: float = 0.0) -> list[tuple[str, float]]:
    """The course's hip-crossing muscles by their effective hip-extension lever here, best first.

    Effective lever = moment arm × force capacity: how much hip-extension torque each newton of the
    muscle's greatest force gives at this hip and knee angle. The moment arm says how well placed
    the muscle is; the force capacity (`force_capacity`, 0 to 1) says how hard it can still pull at
    its current length. That is why the knee matters: the hamstrings cross the knee as well as the
    hip, so bending the knee (on all fours, on the machine) shortens them, and with the hip extended
    too they are so short that they can pull only weakly. The gluteus maximus does not cross the
    knee and keeps its force, so near the top of a bent-knee kickback it has by far the best
    effective lever: it does more of the work. With the knee straight (prone or standing with a
    straight leg) the hamstrings keep their length and share the work. Moment arms alone hardly
    change with the knee (under 2 mm); the length does.

    A muscle made of parts (gluteus maximus, medius, minimus) gets the mean of its parts; the
    adductor magnus is ranked by its back (ischial) part, the one that extends the hip. Trunk
    muscles do not cross the hip and are not ranked. Rajagopal et al. (2016) model; force-length
    curve after Thelen (2003); the tendon is taken not to stretch, a teaching simplification: read
    the result as a ranking, not as forces.

    Parameters
    ----------
    hip_extension : float
        Hip extension (degrees), -100 to 20.
    knee_flexion : float, optional
        Knee flexion (degrees), 0 to 90.

    Returns
    -------
    list of (str, float)
        Course muscle id and its effective lever (m: moment arm × force capacity), largest first.

    >>> [name for name, _ in rank_levers(hip_extension=10, knee_flexion=90)][:2]
    ['glmax', 'semiten']
    """
    levers = []
    for muscle, parts in LEVER_PARTS.items():
        values = [
            muscle_moment_arm(part, hip_extension=hip_extension, knee_flexion=knee_flexion)
            * force_capacity(part, hip_extension=hip_extension, knee_flexion=knee_flexion)
            for part in parts
        ]
        levers.append((muscle, float(np.mean(values))))
    return sorted(levers, key=lambda item: item[1], reverse=True)
