"""The poses the step-by-step figures draw: the pose table's, the working knee bent more where needed.

The pose table (data/poses.csv) keeps the standing cable kickback's working knee bent only 10°, and
lessons quote its numbers. Drawn as they are, the lift and lower steps between its start and top
show the foot skimming the floor (it clears 5 cm only three quarters of the way up), so the four
step panels would look alike. For the drawing only, a moving step (lift, lower) bends the working
knee a little more, in whole steps of `KNEE_STEP`, until the foot clears the floor by
`STEP_FOOT_CLEARANCE`; the hip, lower back and trunk stay exactly the table's, and `knee_note`
says so in words for the figure's caption and alt text. Wiring into the steps figure:
`form_diagrams.build_steps_figure` draws `step_poses(...)` and `step_trail(...)` in place of
`blend(start, top, share)`.
"""

from __future__ import annotations

import numpy as np

from ..model.anthropometrics import Body
from ..model.pose import Pose, preset_pose
from ..model.skeleton import build_skeleton
from .pose_marks import blend

STEP_FOOT_CLEARANCE = 0.05  # m: in a moving step the working foot's lowest point is this far off the floor
KNEE_STEP = (
    5.0  # degrees: the drawn knee is bent more in whole steps of this (the caption says round numbers)
)
KNEE_MOST = 60.0  # degrees: the most a drawn knee may bend beyond the pose table's, whatever happens


def foot_height(pose: Pose, body: Body, variant: str) -> float:
    """How high (m) the working foot's lowest landmark (heel or toe) is above the floor or mat's top."""
    joints = build_skeleton(pose, body, variant).joints
    return float(min(joints["toe"][1], joints["heel"][1]))


def knee_bent_to_clear(pose: Pose, body: Body, variant: str, clearance: float = STEP_FOOT_CLEARANCE) -> Pose:
    """`pose` with its knee bent the least whole number of `KNEE_STEP`s that lifts the foot `clearance`
    (m) off the floor; `pose` itself when it clears already (or when no bend up to `KNEE_MOST` does).
    """
    if foot_height(pose, body, variant) >= clearance:
        return pose
    for extra in np.arange(KNEE_STEP, KNEE_MOST + KNEE_STEP / 2, KNEE_STEP):
        knee = float(np.ceil((pose.knee_flexion + extra) / KNEE_STEP) * KNEE_STEP)
        bent = pose.replace(knee_flexion=knee)
        if foot_height(bent, body, variant) >= clearance:
            return bent
    return pose


def step_poses(variant: str, body: Body, shares: list[float], ways: list[str]) -> list[Pose]:
    """The pose each step panel draws (degrees): `shares` of the way from start to top, the moving
    steps (a non-empty `way`) with the knee bent to clear the floor (`knee_bent_to_clear`).

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".
    body : Body
        Segment lengths (m).
    shares : list of float
        Each panel's share of the way from the start pose to the correct top (0 to 1).
    ways : list of str
        Each panel's direction of movement: "up", "down" or "" for a held pose.

    Returns
    -------
    list of Pose
        One pose a panel.
    """
    start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
    poses = []
    for share, way in zip(shares, ways):
        pose = blend(start, top, share)
        poses.append(knee_bent_to_clear(pose, body, variant) if way else pose)
    return poses


def step_trail(variant: str, drawn: Pose, share: float, way: str, points: int = 9) -> list[Pose]:
    """The poses along a moving step's motion trail, from set-up (up) or the top (down) to `drawn`.

    The hip, lower back and trunk follow the table's blend; the knee goes evenly from the table's
    at the trail's start to the drawn panel's, so the trail joins the drawn leg without a jump.
    """
    start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
    origin = 0.0 if way == "up" else 1.0
    knee_from = blend(start, top, origin).knee_flexion
    trail = []
    for t in np.linspace(0.0, 1.0, points):
        pose = blend(start, top, origin + t * (share - origin))
        trail.append(pose.replace(knee_flexion=float(knee_from + t * (drawn.knee_flexion - knee_from))))
    return trail


def knee_note(variant: str, titles: list[str], poses: list[Pose]) -> str:
    """In words, where a panel's drawn knee differs from the pose table's ("" where none does).

    E.g. "Lift: knee drawn bent 40° (the pose table's 10°) so the foot clears the floor; the hip
    angles are the table's."
    """
    start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
    said = []
    for title, pose in zip(titles, poses):
        table = float(
            np.interp(_share_of(pose, start, top), [0.0, 1.0], [start.knee_flexion, top.knee_flexion])
        )
        if abs(pose.knee_flexion - table) >= 0.5:
            said.append(f"{title}: knee drawn bent {pose.knee_flexion:.0f}° (the pose table's {table:.0f}°)")
    if not said:
        return ""
    return "; ".join(said) + ", so the foot clears the floor; the hip, back and trunk angles are the table's."


def _share_of(pose: Pose, start: Pose, top: Pose) -> float:
    """How far (0 to 1) `pose`'s hip is along the way from `start`'s to `top`'s."""
    span = top.hip_extension - start.hip_extension
    return 0.0 if abs(span) < 1e-9 else (pose.hip_extension - start.hip_extension) / span
