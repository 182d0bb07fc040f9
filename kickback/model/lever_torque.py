"""How much hip-extension torque each hip muscle can make: its effective lever × its greatest force.

`rank_levers` (muscles.py) says how well each muscle is placed per newton of its own force; it leaves
out how strong the muscle is. The gluteus maximus (three parts, about 3300 N in the Rajagopal 2016
model) is several times as strong as the semitendinosus (about 600 N), so a muscle with a poorer lever
can still make the most torque. This module adds the strength back in, from the same model's table.
"""

from __future__ import annotations

from functools import cache

from ..data_files import read_table
from ..validate import check_choice
from .muscles import LEVER_PARTS, force_capacity, muscle_moment_arm


@cache
def _max_forces() -> dict[str, float]:
    """Greatest isometric force (N) of each Rajagopal 2016 muscle part, from data/muscle_parameters.csv."""
    return {row["muscle"]: float(row["max_isometric_force_n"]) for row in read_table("muscle_parameters")}


def max_isometric_force(muscle: str) -> float:
    """The greatest force (N) a course muscle can make at its best length: its parts' forces summed.

    Parameters
    ----------
    muscle : str
        A course muscle id ranked by `rank_levers` ("glmax", "semiten", ...).

    Returns
    -------
    float
        Maximum isometric force (N), Rajagopal et al. (2016) model.

    >>> round(max_isometric_force("glmax")), round(max_isometric_force("semiten"))
    (3338, 591)
    """
    check_choice("muscle", muscle, tuple(LEVER_PARTS))
    forces = _max_forces()
    return float(sum(forces[part] for part in LEVER_PARTS[muscle]))


def rank_lever_torques(*, hip_extension: float, knee_flexion: float = 0.0) -> list[tuple[str, float]]:
    """The hip muscles by the hip-extension torque each can make here, fully active, largest first.

    Torque = moment arm × force share at this length × greatest isometric force, summed over a
    muscle's parts: the effective lever of `rank_levers` times how strong the muscle is. Same model
    and simplifications as `rank_levers` (Rajagopal et al. 2016, force-length curve after Thelen
    2003, a tendon taken not to stretch), so read the numbers as a ranking, not as measured torques.

    Parameters
    ----------
    hip_extension : float
        Hip extension (degrees), -100 to 20.
    knee_flexion : float, optional
        Knee flexion (degrees), 0 to 90.

    Returns
    -------
    list of (str, float)
        Course muscle id and the torque it can make (N·m; negative: it pulls toward flexion), largest first.

    >>> [name for name, _ in rank_lever_torques(hip_extension=10, knee_flexion=90)][:1]
    ['glmax']
    """
    forces = _max_forces()
    torques = []
    for muscle, parts in LEVER_PARTS.items():
        torque = sum(
            muscle_moment_arm(part, hip_extension=hip_extension, knee_flexion=knee_flexion)
            * force_capacity(part, hip_extension=hip_extension, knee_flexion=knee_flexion)
            * forces[part]
            for part in parts
        )
        torques.append((muscle, float(torque)))
    return sorted(torques, key=lambda item: item[1], reverse=True)
