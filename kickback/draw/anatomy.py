"""Outlines of the body's parts for the side view: torso (pelvis and trunk), hands and feet (head: head.py).

The torso is one smooth outline whose back follows the spine's curve, so the lower back's
hollow deepens as it arches while the upper back keeps its shape (`torso_lines`).

Pure geometry (numpy arrays of (x, y) points in metres); `body.py` turns them into patches.
Each part is drawn in its own frame (e.g. the pelvis's tilt, the foot's sole), so it moves
with the model's joints and landmarks. Proportions are drawing choices (a teaching
schematic), scaled from `data/body_geometry.csv`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model.anthropometrics import Body
from ..model.skeleton import SPINE_STEPS, Skeleton, foot_profile
from .shapes import tube_outline

# Depth of the torso behind and in front of the spine's centre line (fractions of the trunk's drawn
# thickness) along the spine, from the hip joint (about -0.25) through the sacrum (0) to C7 (1):
# the buttock behind the hip, the sacrum, the lower back, the shoulder blades above it; the
# lower belly, belly and chest in front. The lumbar hollow is not in these tables: it comes from
# the spine's own curve and `_HOLLOW` (sunk into the lumbar part alone, so the thorax keeps its
# shape), so it deepens as the lower back arches.
_BACK_DEPTH = (
    (-0.30, 0.56),
    (-0.14, 0.53),
    (0.0, 0.47),
    (0.19, 0.44),
    (0.375, 0.44),
    (0.62, 0.52),
    (0.86, 0.50),
    (1.0, 0.30),
)
_FRONT_DEPTH = (
    (-0.30, 0.50),
    (0.0, 0.50),
    (0.2, 0.51),
    (0.375, 0.52),
    (0.62, 0.56),
    (0.84, 0.50),
    (1.0, 0.34),
)
_HOLLOW = 0.17  # trunk widths the back sinks toward the spine, at most, per (radian of lumbar bend)²
_HOLLOW_APEX = 0.4  # share of the way from the sacrum to T12 where the hollow is deepest
_BELLY = 0.35  # share of the back's sinking that the belly moves forward with it (the trunk keeps its bulk)
_SMOOTH = 0.30  # width (trunk widths) over which the outline's direction and depth are smoothed
_SOFTEN = 0.35  # width (trunk widths) over which the lower back's hollow is rounded into the lines beside it
_ROUND = 0.7  # width (trunk widths) over which the back and front lines are rounded, so no bend is sharp
_STEP = 0.004  # m between the points of the drawn torso outline
_SEAT = 0.44  # how far (trunk widths) the buttock reaches below the hip joint
_MARK_DEPTH = 0.4  # share of the way from the back's outline to the front's that the lower-back mark spans


def smooth_closed(points: np.ndarray, rounds: int = 3) -> np.ndarray:
    """A closed outline rounded by corner cutting (Chaikin): no new bumps, corners softened."""
    points = np.asarray(points, dtype=float)
    for _ in range(rounds):
        following = np.roll(points, -1, axis=0)
        points = np.column_stack(
            [0.75 * points + 0.25 * following, 0.25 * points + 0.75 * following]
        ).reshape(-1, 2)
    return points


def _unit(vector: np.ndarray) -> np.ndarray:
    length = float(np.hypot(*vector))
    return vector / length if length > 1e-12 else np.array([0.0, 1.0])


def _smoothed(values: np.ndarray, width: float) -> np.ndarray:
    """`values` (evenly spaced) averaged over a Gaussian `width` points wide, ends held level."""
    sigma = max(width, 1e-9) / 2
    reach = int(3 * sigma) + 1
    kernel = np.exp(-0.5 * (np.arange(-reach, reach + 1) / sigma) ** 2)
    padded = np.pad(values, reach, mode="edge")
    return np.convolve(padded, kernel / kernel.sum(), mode="valid")


def _smoothed_line(points: np.ndarray, width: float) -> np.ndarray:
    """An open line's points averaged over a Gaussian `width` points wide: its bends rounded, its two
    ends kept where they were and its end directions kept (the line is mirrored through each end)."""
    sigma = max(width, 1e-9) / 2
    reach = min(int(3 * sigma) + 1, len(points) - 1)
    kernel = np.exp(-0.5 * (np.arange(-reach, reach + 1) / sigma) ** 2)
    kernel /= kernel.sum()
    head = 2 * points[0] - points[reach:0:-1]
    tail = 2 * points[-1] - points[-2 : -reach - 2 : -1]
    padded = np.vstack([head, points, tail])
    return np.column_stack([np.convolve(padded[:, i], kernel, mode="valid") for i in (0, 1)])


def _heading(vector: np.ndarray) -> float:
    return float(np.arctan2(vector[1], vector[0]))


def lumbar_bend(skeleton: Skeleton) -> float:
    """How far (radians) the lumbar spine turns backward from sacrum to T12: its lordosis plus any arch."""
    spine = skeleton.spine
    first, last = spine[2] - spine[1], spine[SPINE_STEPS + 1] - spine[SPINE_STEPS]
    turn = _heading(last) - _heading(first)
    return float((turn + np.pi) % (2 * np.pi) - np.pi)


def _hollow_profile(lumbar: np.ndarray) -> np.ndarray:
    """How deep (0 to 1) the lower back's hollow is along the lumbar spine (0 at the sacrum, 1 at T12).

    Deepest two-fifths of the way up (about L3 to L4, where the lumbar curve's apex lies), level at
    both ends, and rising gently toward T12, so the hollow sweeps up into the lower ribs instead of
    ending in a rim there."""
    lumbar = np.clip(lumbar, 0.0, 1.0)
    return lumbar**2 * (1.0 - lumbar) ** 3 / (_HOLLOW_APEX**2 * (1.0 - _HOLLOW_APEX) ** 3)


@dataclass(frozen=True)
class TorsoLines:
    """The torso's back and front lines from the hip joint's level up to C7, as dense smooth curves (m).

    `at_spine` are the indices (in `back` and `front`) level with each point of the skeleton's
    spine; `up` and `dorsal` are the unit vectors of the pelvis at the hip, for the buttock.
    """

    back: np.ndarray
    front: np.ndarray
    at_spine: np.ndarray
    up: np.ndarray
    dorsal: np.ndarray


def torso_lines(skeleton: Skeleton, body: Body) -> TorsoLines:
    """The torso's back and front, one smooth line each, following the spine's curve (m).

    Both lines stand off the spine's centre line (hip, sacrum, lumbar curve, thorax, C7) along its
    normal, by depths that change smoothly along the spine (`_BACK_DEPTH`, `_FRONT_DEPTH`); the
    direction and depth are smoothed so the sacrum's bend leaves no notch, and the lines rounded
    (`_ROUND`). Only then does the back sink toward the lumbar spine, between the sacrum and T12
    (`_hollow_profile`), with the square of the lumbar bend (`_HOLLOW`; a drawing choice: the skin
    hollows faster than the spine bends), and that sinking is rounded only lightly (`_SOFTEN`). So
    the hollow of the lower back deepens visibly as the back arches and flattens as it rounds,
    while the upper back keeps the shape it has with a neutral spine: a hollow sunk before the wide
    rounding was spread by it past T12, sinking the lower ribs too and leaving the mid-back
    standing out as a hump above a shallow dip.
    """
    spine = np.asarray(skeleton.spine, dtype=float)
    width = body.geometry["trunk_width"]
    vertex_u = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(spine, axis=0).T))])
    count = max(int(np.ceil(vertex_u[-1] / _STEP)), 8)
    u = np.unique(np.concatenate([np.linspace(0.0, vertex_u[-1], count + 1), vertex_u]))
    centre = np.column_stack([np.interp(u, vertex_u, spine[:, 0]), np.interp(u, vertex_u, spine[:, 1])])
    spacing = vertex_u[-1] / count
    tangent = np.gradient(centre, axis=0)
    heading = _smoothed(np.unwrap(np.arctan2(tangent[:, 1], tangent[:, 0])), _SMOOTH * width / spacing)
    dorsal = np.column_stack([-np.sin(heading), np.cos(heading)])
    s = (u - vertex_u[1]) / (vertex_u[-1] - vertex_u[1])
    lumbar = np.clip(s / ((vertex_u[SPINE_STEPS + 1] - vertex_u[1]) / (vertex_u[-1] - vertex_u[1])), 0, 1)
    hollow = _HOLLOW * max(lumbar_bend(skeleton), 0.0) ** 2 * _hollow_profile(lumbar)
    back_depth = _smoothed(np.interp(s, *zip(*_BACK_DEPTH)), _SMOOTH * width / spacing)
    front_depth = _smoothed(np.interp(s, *zip(*_FRONT_DEPTH)) + _BELLY * hollow, _SMOOTH * width / spacing)
    at_spine = np.searchsorted(u, vertex_u)
    up = np.array([np.cos(heading[0]), np.sin(heading[0])])
    rounding = _ROUND * width / spacing
    back = _smoothed_line(centre + dorsal * (back_depth * width)[:, None], rounding)
    return TorsoLines(
        back=_smoothed_line(back - dorsal * (hollow * width)[:, None], _SOFTEN * width / spacing),
        front=_smoothed_line(centre - dorsal * (front_depth * width)[:, None], rounding),
        at_spine=at_spine,
        up=up,
        dorsal=dorsal[0],
    )


def trunk_outline(skeleton: Skeleton, body: Body) -> tuple[np.ndarray, np.ndarray]:
    """The trunk from the sacrum to the neck, and its back's contour, one point level with each
    point of the spine from the sacrum to C7 (m).

    The back contour follows the spine's own curve, so a deeper lordosis hollows it visibly.
    """
    lines = torso_lines(skeleton, body)
    levels = lines.at_spine[1:]
    back, front = lines.back[levels], lines.front[levels]
    outline = np.vstack([back, [_crown(skeleton, body)], front[::-1]])
    return outline, back


def _crown(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The top of the trunk, just above C7 on the spine's line (m)."""
    spine = np.asarray(skeleton.spine, dtype=float)
    return spine[-1] + _unit(spine[-1] - spine[-2]) * 0.04 * body.geometry["trunk_width"]


def _seat(lines: TorsoLines, body: Body) -> np.ndarray:
    """The buttock and the underside of the pelvis: a half-ellipse below the hip joint from the
    front line round to the back line, meeting both without a corner (m), end points left out."""
    start, end = lines.front[0], lines.back[0]
    middle, half = (start + end) / 2, float(np.hypot(*(end - start))) / 2
    phi = np.linspace(np.pi, 2 * np.pi, 25)[1:-1]
    depth = _SEAT * body.geometry["trunk_width"]
    return middle + np.outer(half * np.cos(phi), lines.dorsal) + np.outer(depth * np.sin(phi), lines.up)


def torso_outline(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The whole torso, pelvis included, as one closed smooth outline (m).

    From the buttock up the back (sacrum, lower back's hollow, shoulder blades) to the neck, down
    the chest and belly to the front of the hip, and under the pelvis back to the buttock. Its
    neck points are those of `trunk_outline`, so the neck joins it the same way.
    """
    lines = torso_lines(skeleton, body)
    return np.vstack([lines.back, [_crown(skeleton, body)], lines.front[::-1], _seat(lines, body)])


def pelvis_outline(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The pelvis and buttock: the torso below the sacrum, on the same smooth back and front lines (m).

    It tilts as one piece with the pelvis; its top edge runs straight across at the sacrum's level.
    """
    lines = torso_lines(skeleton, body)
    sacrum = lines.at_spine[1]
    return np.vstack([lines.back[: sacrum + 1], lines.front[sacrum::-1], _seat(lines, body)])


def foot_outline(heel: np.ndarray, toe: np.ndarray, ankle: np.ndarray, body: Body) -> np.ndarray:
    """A foot from the side (m): heel pad, arch, ball, a rounded toe box, instep up to the ankle and
    the Achilles tendon down to the heel, corners rounded (`model.feet.foot_profile` holds the shape)."""
    return smooth_closed(foot_profile(heel, toe, ankle, body), 3)


def hand_outline(wrist: np.ndarray, knuckles: np.ndarray, flat: bool, radius: float) -> np.ndarray:
    """A flat hand on the floor (palm down, fingers forward) or a fist closed round a grip (m)."""
    wrist, knuckles = np.asarray(wrist, dtype=float), np.asarray(knuckles, dtype=float)
    if flat:
        along = knuckles - wrist
        palm = np.array([wrist, wrist + 0.55 * along, knuckles])
        return tube_outline(palm, np.array([radius, radius * 0.9, radius * 0.55]))
    middle = wrist + 0.55 * (knuckles - wrist)
    return tube_outline(np.array([wrist, middle]), np.array([radius * 0.9, radius * 1.45]))


def lower_back_region(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The lumbar band of the back itself, from the sacrum's level up to T12's (m), for marking a fault.

    Its outer edge is the torso's own back outline there, so it hollows with the back as the lower
    back arches; its inner edge runs `_MARK_DEPTH` of the way across the trunk (to just behind the
    spine's centre line: a band along the back, not a patch in the trunk's middle); its ends run
    straight across the trunk at the sacrum's and at T12's level. Built on the torso's outline, it
    lies within the body and never sticks out of it.
    """
    lines = torso_lines(skeleton, body)
    levels = slice(lines.at_spine[1], lines.at_spine[SPINE_STEPS + 1] + 1)
    back, front = lines.back[levels], lines.front[levels]
    inner = back + _MARK_DEPTH * (front - back)
    return np.vstack([back, inner[::-1]])
