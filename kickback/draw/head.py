"""The head and neck in profile: a skull with brow, nose, lips and chin on a neck rising from C7.

The cervical spine runs from C7 (the top of the thorax) to the base of the skull: on all fours
at the model's `neck` point (the neck long, in line with the back); standing, along the trunk's
line, a little more upright, so the ear sits over the shoulders and the head never juts forward.
The head turns on it toward where the person looks: on all fours at the floor just ahead of the
hands; standing, forward and a little down (lower as the trunk leans further). The head's turn
on the neck is kept within a comfortable range, so the neck never looks broken. Proportions are
drawing choices (a teaching illustration), scaled from the model's head-and-neck length; the
shapes are pure numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..model.anthropometrics import Body
from ..model.hinge import VARIANT_NAME as HINGE
from ..model.skeleton import Skeleton
from ..model.variants import QUADRUPED
from .anatomy import trunk_outline

STANDING_GAZE_DOWN = (
    12.0  # degrees below horizontal: standing upright, the eyes look forward and a little down
)
GAZE_DOWN_PER_LEAN = 0.6  # standing, the gaze drops this many degrees more per degree the trunk leans: the
# head follows the trunk's line (a neutral neck), so leaning 30° the face looks about 20° down, not level
FLOOR_AHEAD_OF_HANDS = 0.12  # m: on all fours the eyes rest on the floor this far ahead of the knuckles
EYES_BELOW_FACE = 10.0  # degrees the eyes look below the face's own forward line (the rest is the head)
HEAD_TURN_LIMIT = 35.0  # degrees the head may nod or lift on the neck from its neutral carriage
NECK_BEHIND_TRUNK = 0.0  # standing, the neck rises this many degrees more upright than the trunk's line
NAPE_BOW = 0.002  # m the back of the neck bows in (the neck's own inward curve; negative: out)
THROAT_BOW = -0.006  # m the front of the neck bows out a little from the chin down to the chest
NECK_SHOWN = 0.85  # standing, the skull's base sits this share of the neck's length above C7: a neck that
# reads as long as a real one (the thorax's outline already rises a little above C7), not a stalk

# The skull and face in the head's frame, in head radii: x forward (the way the face looks), y up.
# From the nape, over the back of the skull to the crown, down the forehead, brow, nose, lips,
# chin, and under the jaw to the throat.
# A few smooth strokes only (forehead and brow, nose, mouth and chin), so the face still reads
# as a face at the size of a cue card and never breaks into a saw-tooth.
PROFILE = (
    (-0.62, -0.50),
    (-0.86, -0.22),
    (-0.96, 0.14),
    (-0.86, 0.56),
    (-0.46, 0.92),
    (0.02, 1.03),
    (0.46, 0.92),
    (0.78, 0.62),
    (0.92, 0.30),
    (0.97, 0.10),
    (1.00, -0.04),
    (1.12, -0.24),
    (1.01, -0.36),
    (1.00, -0.60),
    (0.97, -0.82),
    (0.86, -0.95),
    (0.62, -0.96),
    (0.40, -0.90),
)
NAPE, THROAT = PROFILE[0], PROFILE[-1]
BASE_OF_SKULL = (-0.12, -0.58)  # where the top of the neck (the model's `neck` point) meets the skull
EYE = (0.64, 0.10)
NOSE_TIP = (1.12, -0.24)
EAR = ((-0.14, -0.08), (0.13, 0.19))  # centre and half-width, half-height of the ear


@dataclass(frozen=True)
class HeadShapes:
    """Outlines (m) of the head on its neck, the neck's join with the thorax, the ear; the eye and gaze.

    `neck` is a patch without an outline drawn over the top of the thorax, so the neck flows into
    the shoulders with no seam.
    """

    head: np.ndarray
    neck: np.ndarray
    ear: np.ndarray
    eye: np.ndarray
    gaze: np.ndarray  # unit vector: the way the eyes look
    face: np.ndarray  # unit vector: the way the face points


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.hypot(*vector)), 1e-12)


def _turn(vector: np.ndarray, degrees: float) -> np.ndarray:
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    return np.array([c * vector[0] - s * vector[1], s * vector[0] + c * vector[1]])


def _signed_angle(a: np.ndarray, b: np.ndarray) -> float:
    """Degrees from `a` to `b`, counter-clockwise positive."""
    return math.degrees(math.atan2(a[0] * b[1] - a[1] * b[0], a[0] * b[0] + a[1] * b[1]))


def head_radius(body: Body) -> float:
    """Half the head's height from chin to crown (m): the head-and-neck length less the neck."""
    return (body.length("head_neck") - body.geometry["neck_length"]) / 2


def skull_base(skeleton: Skeleton, body: Body) -> np.ndarray:
    """Where the neck meets the skull (m).

    On all fours and in a hinge, the model's own `neck` point (the neck long, in line with the
    back). Standing, the neck rises from C7 along the trunk's line (hip to C7), a little more
    upright (`NECK_BEHIND_TRUNK`), so the ear sits over the shoulders and the head never juts
    forward of the trunk.
    """
    j = skeleton.joints
    if skeleton.variant in (QUADRUPED, HINGE):
        return np.asarray(j["neck"], dtype=float)
    c7 = np.asarray(j["c7"], dtype=float)
    trunk_line = _unit(c7 - np.asarray(j["hip"], dtype=float))
    return c7 + NECK_SHOWN * body.geometry["neck_length"] * _turn(trunk_line, NECK_BEHIND_TRUNK)


def neck_line(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The cervical spine's direction from C7 to the base of the skull (unit vector)."""
    return _unit(skull_base(skeleton, body) - np.asarray(skeleton.joints["c7"], dtype=float))


def face_direction(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The way the face points (unit vector): toward the gaze, turned on the neck no further than is easy."""
    j = skeleton.joints
    neck_line_ = neck_line(skeleton, body)
    neutral = _turn(neck_line_, -90.0 + _neck_lean(skeleton))
    if skeleton.variant == HINGE:  # a hinge keeps the neck neutral: the head continues the spine's line
        return neutral
    if skeleton.variant == QUADRUPED:
        ahead = np.array([j["knuckles"][0] + FLOOR_AHEAD_OF_HANDS, 0.0])
        eye_guess = np.asarray(j["neck"]) + head_radius(body) * (0.8 * neutral + 0.7 * neck_line_)
        gaze = _unit(ahead - eye_guess)
    else:
        gaze = _turn(np.array([1.0, 0.0]), -_standing_gaze_down(skeleton))
    wanted = _turn(gaze, EYES_BELOW_FACE)
    turn = max(-HEAD_TURN_LIMIT, min(HEAD_TURN_LIMIT, _signed_angle(neutral, wanted)))
    return _turn(neutral, turn)


def _standing_gaze_down(skeleton: Skeleton) -> float:
    """Degrees below horizontal the eyes look standing: a little down, lower as the trunk leans forward."""
    trunk = np.subtract(skeleton.joints["c7"], skeleton.joints["hip"])
    lean = max(math.degrees(math.atan2(trunk[0], trunk[1])), 0.0)
    return STANDING_GAZE_DOWN + GAZE_DOWN_PER_LEAN * lean


def _neck_lean(skeleton: Skeleton) -> float:
    """How far (degrees) the neck leans forward of the head's own vertical when the head is carried level.

    Standing, the cervical spine leans forward about this much while the face looks level; on
    all fours and in a hinge the head simply continues the line of the neck.
    """
    return 0.0 if skeleton.variant in (QUADRUPED, HINGE) else 18.0


def _in_head(centre: np.ndarray, face: np.ndarray, radius: float, points) -> np.ndarray:
    """Head-frame points (head radii) in metres, for a head centred at `centre` facing `face`."""
    up = np.array([-face[1], face[0]])
    local = np.asarray(points, dtype=float) * radius
    return centre + local[:, :1] * face + local[:, 1:2] * up


def _trunk_top(skeleton: Skeleton, body: Body) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the neck leaves the thorax: the top of the back and of the chest on the trunk's outline
    (m), and a point inside the thorax below C7."""
    outline, back = trunk_outline(skeleton, body)
    count = len(back)
    along = _unit(skeleton.spine[-1] - skeleton.spine[-3])
    inside = np.asarray(skeleton.joints["c7"], dtype=float) - along * 0.25 * body.geometry["trunk_width"]
    return outline[count - 1], outline[count + 1], inside


def _seam(points: np.ndarray, inset: float) -> np.ndarray:
    """`points` moved `inset` metres toward their centre: a patch just inside an outline."""
    middle = points.mean(axis=0)
    offsets = points - middle
    lengths = np.maximum(np.hypot(offsets[:, 0], offsets[:, 1]), 1e-12)[:, None]
    return middle + offsets * np.maximum(lengths - inset, 0.0) / lengths


def head_and_neck(skeleton: Skeleton, body: Body) -> HeadShapes:
    """The head in profile on its neck, for one skeleton (m).

    Parameters
    ----------
    skeleton : Skeleton
        The posed joints; uses "c7", "neck" (the base of the skull) and, on all fours, "knuckles".
    body : Body
        Segment lengths (m).

    Returns
    -------
    HeadShapes
        The head-and-neck silhouette, the neck alone (inside it), the ear, the eye (m) and the
        gaze and face directions (unit vectors).
    """
    radius = head_radius(body)
    face = face_direction(skeleton, body)
    base = skull_base(skeleton, body)
    centre = base - _in_head(np.zeros(2), face, radius, [BASE_OF_SKULL])[0]
    back_base, front_base, inside = _trunk_top(skeleton, body)
    nape, throat = _in_head(centre, face, radius, [NAPE, THROAT])
    neck_back = _curve(back_base, nape, toward=front_base - back_base, depth=NAPE_BOW)
    neck_front = _curve(throat, front_base, toward=back_base - front_base, depth=THROAT_BOW)
    profile = _in_head(centre, face, radius, PROFILE)
    head = np.vstack([[inside], neck_back[:-1], _smooth_open(profile, 3)[1:-1], neck_front[1:]])
    rise = 0.35
    neck = _seam(
        np.array(
            [
                inside,
                back_base,
                back_base + rise * (nape - back_base),
                front_base + rise * (throat - front_base),
                front_base,
            ]
        ),
        0.004,
    )
    eye = _in_head(centre, face, radius, [EYE])[0]
    angles = np.linspace(0, 2 * math.pi, 25)
    (cx, cy), (hx, hy) = EAR
    ear = _in_head(
        centre, face, radius, np.column_stack([cx + hx * np.cos(angles), cy + hy * np.sin(angles)])
    )
    return HeadShapes(head, neck, ear, eye, _turn(face, -EYES_BELOW_FACE), face)


def _smooth_open(points: np.ndarray, rounds: int) -> np.ndarray:
    """An open outline rounded by corner cutting (Chaikin), its two ends kept where they were."""
    for _ in range(rounds):
        a, b = points[:-1], points[1:]
        cut = np.column_stack([0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b]).reshape(-1, 2)
        points = np.vstack([points[:1], cut, points[-1:]])
    return points


def _curve(start: np.ndarray, end: np.ndarray, *, toward: np.ndarray, depth: float) -> np.ndarray:
    """Five points from `start` to `end`, bowed `depth` metres toward `toward` in the middle."""
    t = np.linspace(0.0, 1.0, 5)[:, None]
    bow = np.sin(np.pi * t) * depth * _unit(toward)
    return start + t * (end - start) + bow
