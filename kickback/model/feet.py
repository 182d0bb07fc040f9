"""Feet seen from the side: where the heel and toes sit for a relaxed ankle, kept off the floor.

A foot hangs at a right angle to its shank; where that would push it through the floor, the ankle
turns (within `ANKLE_TURNS`) for the foot to rest on it, and a working knee that would drive the
foot into the floor bends further instead.

The foot's outline is rigid in the foot's own frame (the sole along it, the ankle `ankle_height`
above the sole), so how far its lowest point sits below the ankle depends on the foot's angle
alone: `_drop_below_ankle` gives it in closed form for every candidate angle at once. The searches
below are array operations on that, not hundreds of calls that build outlines.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from .anthropometrics import Body

ANKLE_TURNS = (-25, 90)  # how far a foot may turn from a right angle to the shank (deg), dorsi- / plantar-
ANKLE_CLEARANCE = 0.03  # m: the ankle's own thickness, kept above the floor
FLOOR_TOLERANCE = 0.005  # the sole may press this far (m) into a shoe or mat before the knee must bend

# Turns tried in order: none, then ever larger either way (plantar first), within ANKLE_TURNS.
_TURNS = np.array(
    [
        turn
        for turn in [0]
        + [sign * step for step in range(2, max(-ANKLE_TURNS[0], ANKLE_TURNS[1]) + 1, 2) for sign in (1, -1)]
        if ANKLE_TURNS[0] <= turn <= ANKLE_TURNS[1]
    ],
    dtype=float,
)
_BEND_STEPS = np.arange(2, 182, 2, dtype=float)  # the knee's extra bend tried first (deg), then refined

# The outline from under the heel: along the sole (fraction of foot length from the heel landmark),
# and up from the sole as a fraction of the ankle's height above it plus a fixed amount (m). In
# order: the heel pad; the arch, lifting off the floor between heel and ball; the ball; the toes,
# flat on the floor, round at the tip and about 2-3 cm thick (never a point, even with the foot
# pointed); the toe box and instep up to the front of the ankle; the Achilles tendon down the back
# of the ankle to the heel bone, which rounds out a little behind the heel landmark.
_ALONG = np.array(
    [0.03, 0.20, 0.40, 0.60, 0.73, 0.88, 0.97, 1.0, 0.985, 0.93, 0.80, 0.66, 0.50, 0.38, 0.14, 0.07, -0.03]
    + [-0.025, 0.0]
)
_OF_HEIGHT = np.array(
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.35, 0.75, 1.0, 1.0, 0.62, 0.40, 0.14, 0.02]
)
_EXTRA = np.array(
    [0.002, 0.004, 0.012, 0.006, 0.0, 0.0, 0.006, 0.016, 0.027, 0.034, 0.045, 0.036, 0.022, 0.018, 0.014]
    + [0.0, 0.0, 0.0, 0.0]
)


def foot_profile(heel: np.ndarray, toe: np.ndarray, ankle: np.ndarray, body: Body) -> np.ndarray:
    """Points round a foot seen from the side (heel pad, arch, ball, toes, instep, ankle, heel), in metres.

    The drawing rounds these into the foot's outline; the model keeps them all off the floor.

    Parameters
    ----------
    heel, toe, ankle : array-like of float
        (x, y) in metres.
    body : Body
        The foot's length (m).

    Returns
    -------
    numpy.ndarray
        Shape (19, 2): the outline's points (m).
    """
    heel, toe, ankle = (np.asarray(p, dtype=float) for p in (heel, toe, ankle))
    along = (toe - heel) / max(float(np.hypot(*(toe - heel))), 1e-12)
    across = np.array([-along[1], along[0]])
    if np.dot(ankle - heel, across) < 0:
        across = -across
    height = float(np.dot(ankle - heel, across))
    up = _OF_HEIGHT * height + _EXTRA
    return heel + (body.length("foot") * _ALONG)[:, None] * along + up[:, None] * across


def lowest_point(heel: np.ndarray, toe: np.ndarray, ankle: np.ndarray, body: Body) -> float:
    """Height (m) of the lowest point of a foot: its sole or anywhere round its outline."""
    return float(min(heel[1], toe[1], foot_profile(heel, toe, ankle, body)[:, 1].min()))


@cache
def _frame(foot: float, ankle_height: float) -> tuple[np.ndarray, np.ndarray]:
    """The heel, toe and outline points in the foot's frame: (along the sole, up from it), in metres."""
    along = np.concatenate(([0.0, foot], foot * _ALONG))
    up = np.concatenate(([0.0, 0.0], _OF_HEIGHT * ankle_height + _EXTRA))
    return along, up


@cache
def _frame_points(foot: float, ankle_height: float) -> tuple[tuple[float, float], ...]:
    """`_frame` as plain (along, up) pairs, for one foot at a time without numpy's overhead."""
    along, up = _frame(foot, ankle_height)
    return tuple(zip(along.tolist(), up.tolist()))


def _relaxed_drop(pointing: float, body: Body) -> float:
    """`_drop_below_ankle` for a single foot angle (radians), in plain Python: the common, quick case."""
    ankle_height, heel_offset = body.geometry["ankle_height"], body.geometry["heel_offset"]
    sine, cosine = math.sin(pointing), math.cos(pointing)
    points = _frame_points(body.length("foot"), ankle_height)
    return (
        -ankle_height * cosine + heel_offset * sine + min(up * cosine - along * sine for along, up in points)
    )


def _drop_below_ankle(pointing: np.ndarray, body: Body) -> np.ndarray:
    """How far (m) above the ankle the foot's lowest point sits (negative: below), per foot angle.

    `pointing` is the shank's angle from hanging plus the ankle's turn (radians), any shape. The
    sole runs along (cos, -sin) of it and the ankle sits `ankle_height` up from the sole along
    (sin, cos), `heel_offset` in front of the heel.
    """
    ankle_height, heel_offset = body.geometry["ankle_height"], body.geometry["heel_offset"]
    along, up = _frame(body.length("foot"), ankle_height)
    sine, cosine = np.sin(pointing)[..., None], np.cos(pointing)[..., None]
    heel_below_ankle = -ankle_height * cosine[..., 0] + heel_offset * sine[..., 0]
    return heel_below_ankle + np.min(-along * sine + up * cosine, axis=-1)


def _heel_and_toe(ankle: np.ndarray, pointing: float, body: Body) -> tuple[np.ndarray, np.ndarray]:
    """Heel and toe (m) of a foot whose sole points at `pointing` (radians; see `_drop_below_ankle`)."""
    toward_toe = np.array([math.cos(pointing), -math.sin(pointing)])
    sole_drop = -body.geometry["ankle_height"] * np.array([math.sin(pointing), math.cos(pointing)])
    heel = ankle + sole_drop - body.geometry["heel_offset"] * toward_toe
    return heel, heel + body.length("foot") * toward_toe


def place_foot(
    ankle: np.ndarray, shank_angle: float, body: Body, floor: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Heel and toe (on the sole) for a relaxed ankle: at a right angle to the shank, toes forward.

    Where that would push the foot (its whole outline, `foot_profile`) through the floor, the
    ankle turns the least it can (within `ANKLE_TURNS`) for the foot to rest on it, as a real
    foot does; if none fits, it takes the turn that comes closest.

    Parameters
    ----------
    ankle : array-like of float
        (x, y) in metres.
    shank_angle : float
        The shank's angle behind hanging straight down (degrees).
    body : Body
        Foot length, heel offset and ankle height (m).
    floor : float, optional
        Height of the floor (m); -inf for a foot in the air whatever its height.

    Returns
    -------
    heel, toe : numpy.ndarray
        (x, y) in metres.
    """
    ankle = np.asarray(ankle, dtype=float)
    relaxed = math.radians(shank_angle)
    if not math.isfinite(floor) or ankle[1] + _relaxed_drop(relaxed, body) >= floor - 1e-9:
        return _heel_and_toe(ankle, relaxed, body)  # the foot at a right angle fits: the usual case
    pointing = np.radians(shank_angle + _TURNS)
    lowest = ankle[1] + _drop_below_ankle(pointing, body)
    fits = np.flatnonzero(lowest >= floor - 1e-9)
    turn = int(fits[0]) if fits.size else int(np.argmax(lowest))
    return _heel_and_toe(ankle, float(pointing[turn]), body)


def _clear(knee: np.ndarray, angles: np.ndarray, body: Body) -> np.ndarray:
    """For each shank angle (deg from hanging): do the ankle and some turn of the foot stay off the floor?"""
    radians = np.radians(np.asarray(angles, dtype=float))
    ankle_y = knee[1] - body.length("shank") * np.cos(radians)
    best = np.max(_drop_below_ankle(radians[..., None] + np.radians(_TURNS), body), axis=-1)
    return (ankle_y >= ANKLE_CLEARANCE) & (ankle_y + best >= -FLOOR_TOLERANCE)


def _clears(knee: np.ndarray, angle: float, body: Body) -> bool:
    """`_clear` for one shank angle, trying the relaxed foot first (no numpy unless the ankle must turn)."""
    radians = math.radians(angle)
    ankle_y = float(knee[1]) - body.length("shank") * math.cos(radians)
    if ankle_y < ANKLE_CLEARANCE:
        return False
    if ankle_y + _relaxed_drop(radians, body) >= -FLOOR_TOLERANCE:
        return True
    return bool(_clear(knee, np.array([angle]), body)[0])


def working_shank_angle(knee: np.ndarray, shank_angle: float, body: Body) -> float:
    """The shank's angle from hanging, folded back just enough that the foot stays off the floor.

    A knee that would drive the foot into the floor bends further instead (the foot rests on
    the floor as the knee folds); the pose's knee flexion is kept wherever it fits. The extra
    bend is found to a hundredth of a degree, so it changes smoothly as the leg moves.

    Parameters
    ----------
    knee : numpy.ndarray
        (x, y) of the knee (m).
    shank_angle : float
        The shank's angle behind hanging straight down that the pose asks for (degrees).
    body : Body
        Shank and foot dimensions (m).

    Returns
    -------
    float
        The shank's angle as drawn (degrees).
    """
    if _clears(knee, shank_angle, body):
        return shank_angle
    coarse = _clear(knee, shank_angle + _BEND_STEPS, body)
    if not coarse.any():
        return shank_angle + 180.0
    first = int(np.argmax(coarse))
    high = float(_BEND_STEPS[first])
    low = float(_BEND_STEPS[first - 1]) if first else 0.0
    while high - low > 0.01:
        middle = (low + high) / 2
        if _clears(knee, shank_angle + middle, body):
            high = middle
        else:
            low = middle
    return shank_angle + high
