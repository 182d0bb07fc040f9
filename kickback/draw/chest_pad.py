"""The kickback machine's chest pad, shaped round the posed chest: a crowned cushion on a metal plate.

Pure geometry (metres; x forward, y up), so tests can measure it; `machine.py` draws it. The cushion
is a rounded rectangle, not an ellipse (an ellipse in the trunk's grey read as a bulge of the chest),
its face a hair off the chest (`PAD_GAP`), crowned a little in the middle as upholstery is; the plate
on its back is where the machine's post holds it. Sizes come from `data/equipment.csv` (machine rows).
"""

from __future__ import annotations

import numpy as np

from ..model.anthropometrics import Body
from ..model.skeleton import Skeleton
from .anatomy import trunk_outline

PAD_GAP = 0.003  # m between the chest and the chest pad's face: a hair, drawn as a white line
PAD_CORNER = 0.35  # the cushion's corner radius, as a share of its thickness
PAD_CROWN = 0.004  # m the cushion's face crowns toward the chest in its middle, as upholstery does
PLATE = 0.012  # m, thickness of the chest pad's metal backing plate
PAD_TUCK = 0.04  # m the cushion reaches in behind the chest's side-view outline at least (`pad_tuck`)
PAD_TUCK_MOST = 0.07  # m it reaches in at most, behind a near arm hanging far behind the chest's front


def _unit(vector: np.ndarray) -> np.ndarray:
    length = float(np.hypot(*vector))
    return vector / length if length > 1e-12 else np.array([0.0, 1.0])


def _dense(outline: np.ndarray, step: float) -> np.ndarray:
    """A closed outline with points added along every edge longer than `step` (m), so it can bend."""
    following = np.roll(outline, -1, axis=0)
    pieces = []
    for start, end in zip(outline, following):
        count = max(int(np.ceil(np.hypot(*(end - start)) / step)), 1)
        pieces.append(start + np.linspace(0.0, 1.0, count, endpoint=False)[:, None] * (end - start))
    return np.vstack(pieces)


def rounded_rectangle(
    length: float, depth: float, corner: float, steps: int = 6, crown: float = 0.0
) -> np.ndarray:
    """A rectangle `length` along by `depth` across with round corners, in its own frame (m): x along
    from -length/2 to length/2, y across from 0 to depth. Straight sides, so it never reads as an
    ellipse; `crown` (m) bows the y = 0 side out to -crown in its middle (a cushion's face)."""
    corner = min(corner, length / 2, depth / 2)
    half = length / 2
    centres = ((half - corner, corner), (half - corner, depth - corner))
    centres += ((-half + corner, depth - corner), (-half + corner, corner))
    starts = (-90.0, 0.0, 90.0, 180.0)
    points = []
    for (cx, cy), start in zip(centres, starts):
        turn = np.radians(np.linspace(start, start + 90.0, steps))
        points.append(np.column_stack([cx + corner * np.cos(turn), cy + corner * np.sin(turn)]))
    points = _dense(np.vstack(points), 0.01)
    bow = crown * np.clip(1.0 - (points[:, 0] / half) ** 2, 0.0, 1.0) * (1.0 - points[:, 1] / depth)
    return points - np.column_stack([np.zeros(len(points)), bow])


def _chest_frame(skeleton: Skeleton, body: Body, dims: dict[str, float]) -> tuple[np.ndarray, ...]:
    """Where the chest pad's face rests (m), and the unit vectors along the trunk and out from the chest.

    The face lies along the chord of the trunk's front outline under the pad, centred at
    `chest_pad_level` of the way from the sacrum to C7, `PAD_GAP` clear of every point of the outline
    along its length: it meets the chest where the chest stands out most, whatever the trunk lean
    and lower-back angle.
    """
    outline, _ = trunk_outline(skeleton, body)
    front = outline[len(skeleton.spine) :][::-1]  # sacrum -> C7 along the front of the trunk
    steps = np.hypot(*np.diff(front, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(steps)]) / steps.sum()
    level = dims["chest_pad_level"]
    centre = np.array([np.interp(level, s, front[:, 0]), np.interp(level, s, front[:, 1])])
    half = dims["chest_pad_length"] / 2 / steps.sum()  # the pad's half length, as a share of the front
    ahead = np.array([np.interp(level + half, s, front[:, i]) for i in (0, 1)])
    behind = np.array([np.interp(level - half, s, front[:, i]) for i in (0, 1)])
    along = _unit(ahead - behind)  # toward the head, along the chest under the whole pad (a flat face)
    outward = np.array([along[1], -along[0]])  # away from the chest
    relative = front - centre
    position = relative @ along
    within = np.abs(position) <= dims["chest_pad_length"] / 2
    crowned = PAD_CROWN * (1.0 - (position[within] / (dims["chest_pad_length"] / 2)) ** 2)
    rest = centre + outward * (max(float((relative[within] @ outward + crowned).max()), 0.0) + PAD_GAP)
    return rest, along, outward


def _in_pad_frame(rest: np.ndarray, along: np.ndarray, outward: np.ndarray, local: np.ndarray) -> np.ndarray:
    return rest + local[:, :1] * along + local[:, 1:2] * outward


def chest_pad(
    skeleton: Skeleton, body: Body, dims: dict[str, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The chest pad's cushion resting on the posed chest (m), the middle of its metal backing plate's
    back (where the post holds it), and the unit vector from the chest out through the pad.

    The cushion is a rounded rectangle `chest_pad_length` long, standing `chest_pad_thickness` out
    from the chest (`_chest_frame`). A chest pad is wider than the chest, so seen from the side its
    near end lies over the chest's near side and the near arm, hanging beside the chest, passes in
    front of it: the cushion reaches PAD_TUCK in behind the chest's outline, where the arm (drawn
    over it) hides it. Drawn only up to the chest's outline, its face met the arm's edge along its
    whole length and the pad read as pinning the arm to the chest.
    """
    rest, along, outward = _chest_frame(skeleton, body, dims)
    thickness = dims["chest_pad_thickness"]
    tuck = pad_tuck(skeleton, dims, rest, along, outward)
    local = rounded_rectangle(
        dims["chest_pad_length"], thickness + tuck, PAD_CORNER * thickness, crown=PAD_CROWN
    )
    cushion = _in_pad_frame(rest, along, outward, local - np.array([0.0, tuck]))
    return cushion, rest + outward * (thickness + PLATE), outward


def pad_tuck(
    skeleton: Skeleton, dims: dict[str, float], rest: np.ndarray, along: np.ndarray, outward: np.ndarray
) -> float:
    """How far (m) the cushion reaches in behind the chest's outline: to the near upper arm's axis
    where the arm passes the pad, so the arm covers the cushion's inner edge and is seen in front of
    it; PAD_TUCK at least (an arm crossing the pad elsewhere), PAD_TUCK_MOST at most."""
    shoulder, elbow = (np.asarray(skeleton.joints[name], dtype=float) for name in ("shoulder_joint", "elbow"))
    axis = shoulder + np.linspace(0.0, 1.0, 25)[:, None] * (elbow - shoulder)
    position, depth = (axis - rest) @ along, (axis - rest) @ outward
    beside = np.abs(position) <= dims["chest_pad_length"] / 2
    if not beside.any():
        return PAD_TUCK
    return float(np.clip(-np.median(depth[beside]), PAD_TUCK, PAD_TUCK_MOST))


def chest_plate(skeleton: Skeleton, body: Body, dims: dict[str, float]) -> np.ndarray:
    """The chest pad's metal backing plate (m): a thin plate on the cushion's back, a little shorter."""
    rest, along, outward = _chest_frame(skeleton, body, dims)
    local = rounded_rectangle(0.8 * dims["chest_pad_length"], PLATE, 0.3 * PLATE, 3)
    return _in_pad_frame(rest, along, outward, local + np.array([0.0, dims["chest_pad_thickness"]]))
