"""The poses the step-by-step figures draw: the pose table's, the working knee bent more where needed.

The pose table (data/poses.csv) keeps the standing cable kickback's working knee bent only 10°, and
lessons quote its numbers. Drawn as they are, the lift and lower steps between its start and top
show the foot skimming the floor (it clears 5 cm only three quarters of the way up), so the four
step panels would look alike. For the drawing only, a moving step (lift, lower) bends the working
knee a little more, in whole steps of `KNEE_STEP`, until the foot clears the floor by
`STEP_FOOT_CLEARANCE`; the hip, lower back and trunk stay exactly the table's, and the figure says
so in words, in its alt text with the degrees (`knee_note`) and under the drawings (`knee_key`).

A moving step also shows which way it goes (`draw_step_motion`): a faint dashed ghost of the
working leg where the step before drew it (set-up for the lift, the top for the lower) and a bold
dotted trail from that foot toward the drawn one, its arrowhead in free space short of the foot
(`motion_path`); `key_step_motion` says what the marks mean. `form_diagrams.build_steps_figure`
wires these in.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

from ..model.anthropometrics import Body
from ..model.pose import Pose, preset_pose
from ..model.skeleton import build_skeleton
from .anatomy import foot_outline
from .artists import PoseArtists
from .pose_marks import TRAIL_ARROW_ID, blend, draw_ghost
from .style import COLORS, FONT_SIZES

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


def _knee_changes(variant: str, titles: list[str], poses: list[Pose]) -> list[tuple[str, float, float]]:
    """(title, drawn knee, the pose table's knee) in degrees for each panel whose drawn knee differs."""
    start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
    changes = []
    for title, pose in zip(titles, poses):
        table = float(
            np.interp(_share_of(pose, start, top), [0.0, 1.0], [start.knee_flexion, top.knee_flexion])
        )
        if abs(pose.knee_flexion - table) >= 0.5:
            changes.append((title, pose.knee_flexion, table))
    return changes


def _listed(words: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}"


def knee_note(variant: str, titles: list[str], poses: list[Pose]) -> str:
    """In words, for alt text, where a panel's knee is drawn bent more than at the start and the top
    ("" where none is), with the numbers.

    E.g. "In Lift the knee is drawn bent 35° and in Lower 25°, more than the 10° it keeps at the start
    and the top, so the foot clears the floor; nothing else changes."
    """
    changes = _knee_changes(variant, titles, poses)
    if not changes:
        return ""
    first, *rest = changes
    said = f"In {first[0]} the knee is drawn bent {first[1]:.0f}°" + "".join(
        f" and in {title} {knee:.0f}°" for title, knee, _ in rest
    )
    tables = _listed(sorted({f"{table:.0f}°" for _, _, table in changes}))
    return (
        f"{said}, more than the {tables} it keeps at the start and the top, so the foot clears the floor; "
        "nothing else changes."
    )


def knee_key(variant: str, titles: list[str], poses: list[Pose]) -> str:
    """The knee's extra bend in a learner's words, one line under the figure ("" where no panel's knee
    is bent more), so a sighted learner is told too why the leg looks more bent in those steps.

    E.g. "In Lift and Lower the knee bends a little more, so the foot clears the floor."
    """
    changes = _knee_changes(variant, titles, poses)
    if not changes:
        return ""
    steps = _listed([title for title, _, _ in changes])
    return f"In {steps} the knee bends a little more, so the foot clears the floor."


def _share_of(pose: Pose, start: Pose, top: Pose) -> float:
    """How far (0 to 1) `pose`'s hip is along the way from `start`'s to `top`'s."""
    span = top.hip_extension - start.hip_extension
    return 0.0 if abs(span) < 1e-9 else (pose.hip_extension - start.hip_extension) / span


# --- the motion marks of a moving step ------------------------------------------------------------

STEP_GHOST_Z = 3.5  # over the far leg, trunk and arm, under the drawn working leg (4.0 and up)
TRAIL_GAP = 0.04  # m: the arrowhead's tip stops this far short of the drawn foot
TRAIL_LEAST = 0.22  # m: a trail shorter than this (about 22 px at 900 px) is moved back beside the path
TRAIL_PUSH_MOST = 0.3  # m: ... by at most this much
TRAIL_PUSH_STEP = 0.02  # m: in steps of this
LEG_HALF_WIDTHS = {"thigh": 0.08, "shank": 0.055}  # m: about the drawn thigh's and lower leg's half-widths
TRAIL_FLOOR_GAP = 0.03  # m: and never drawn lower than this above the floor or mat
FOOT_LANDMARKS = (
    "ankle",
    "toe",
)  # the foot points whose paths a trail may follow (the heel sits over the ankle)


def _segment_gap(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each point's distance (m) from the segment a-b."""
    along = np.clip((points - a) @ (b - a) / max(float((b - a) @ (b - a)), 1e-12), 0.0, 1.0)
    return np.hypot(*(points - (a + along[:, None] * (b - a))).T)


def _clear_of_leg(points: np.ndarray, pose: Pose, body: Body, variant: str, gap: float) -> np.ndarray:
    """Whether each point (m) lies at least `gap` clear of the drawn working leg: outside the foot's
    outline and its `gap`, and farther than a half-width and `gap` from the thigh's and lower leg's axis.
    """
    j = {
        name: np.asarray(point, dtype=float)
        for name, point in build_skeleton(pose, body, variant).joints.items()
    }
    foot = MplPath(foot_outline(j["heel"], j["toe"], j["ankle"], body), closed=True)
    near_foot = np.hypot(*(points[:, None, :] - foot.vertices[None, :, :]).transpose(2, 0, 1)).min(axis=1)
    clear = ~foot.contains_points(points) & (near_foot >= gap)
    clear &= _segment_gap(points, j["hip"], j["knee"]) >= LEG_HALF_WIDTHS["thigh"] + gap
    clear &= _segment_gap(points, j["knee"], j["ankle"]) >= LEG_HALF_WIDTHS["shank"] + gap
    return clear


def _length(points: np.ndarray) -> float:
    return float(np.hypot(*np.diff(points, axis=0).T).sum()) if len(points) > 1 else 0.0


def _extended_back(path: np.ndarray, least: float) -> np.ndarray:
    """`path` with its tail carried straight on backward (away from its head) until it is `least` long."""
    short = least - _length(path)
    if short <= 0 or len(path) < 2:
        return path
    back = path[0] - path[1]
    back = back / max(float(np.hypot(*back)), 1e-12)
    tail = path[0] + np.linspace(short, 0.0, 9, endpoint=False)[:, None] * back
    return np.vstack([tail, path])


def _shifts(ankles: np.ndarray) -> list[np.ndarray]:
    """Unit directions (m) a too-short trail may be moved in: back (the body faces +x), and either way
    square to the foot's travel."""
    chord = ankles[-1] - ankles[0]
    normal = np.array([-chord[1], chord[0]]) / max(float(np.hypot(*chord)), 1e-12)
    return [np.array([-1.0, 0.0]), normal, -normal]


def motion_path(
    variant: str, body: Body, drawn: Pose, share: float, way: str, points: int = 41
) -> np.ndarray:
    """The trail's points (m), from the previous step's foot toward the drawn one, ending clear of the leg.

    The path is one foot point's (ankle or toe), from where it was at the previous step (set-up
    for "up", the top for "down") to where it is drawn, cut where it comes within `TRAIL_GAP` of the
    drawn leg, so the arrowhead at its end lies in free space. Of the paths at least `TRAIL_LEAST`
    long, the one whose arrowhead stops nearest its own point on the drawn foot is kept, so the arrow
    ends at the drawn foot, not halfway (the ankle's path, cut early beside the drawn lower leg, can stop
    nearer the earlier foot than the drawn one). Where every path is short (the two
    feet overlap, as on the cable's short lower), the path is moved aside (back, or square to the
    travel) and its tail carried on until it is `TRAIL_LEAST` long, whichever free placement keeps
    its ends nearest the two feet: a motion line beside the foot's path, pointing the way it goes.
    """
    poses = step_trail(variant, drawn, share, way, points)
    skeletons = [build_skeleton(pose, body, variant).joints for pose in poses]
    ankles = np.array([joints["ankle"] for joints in skeletons], dtype=float)
    path, best, cost = ankles[:1], None, np.inf
    for landmark in FOOT_LANDMARKS:  # whichever foot point's path, cut clear of the leg, ends nearest it
        along = np.array([joints[landmark] for joints in skeletons], dtype=float)
        path = along[_last_run(_free(along, drawn, body, variant))]
        short_by = float(np.hypot(*(path[-1] - along[-1]))) if len(path) else np.inf
        if _length(path) >= TRAIL_LEAST and short_by < cost:
            best, cost = path, short_by
    if best is not None:
        return best
    best, cost = (path if len(path) else ankles[:1]), np.inf
    for shift in np.arange(TRAIL_PUSH_STEP, TRAIL_PUSH_MOST + 1e-9, TRAIL_PUSH_STEP):
        for direction in _shifts(ankles):
            moved = _extended_back(ankles + shift * direction, TRAIL_LEAST)
            if not np.all(_free(moved, drawn, body, variant)):
                continue
            ends = np.hypot(*(moved[0] - ankles[0])) + np.hypot(*(moved[-1] - ankles[-1]))
            if ends < cost:
                best, cost = moved, ends
    return best


def _free(points: np.ndarray, drawn: Pose, body: Body, variant: str) -> np.ndarray:
    """Whether each point (m) is free for the trail: clear of the drawn leg and above the floor."""
    return _clear_of_leg(points, drawn, body, variant, TRAIL_GAP) & (points[:, 1] >= TRAIL_FLOOR_GAP)


def _last_run(keep: np.ndarray) -> slice:
    """The last unbroken run of True in `keep` (an empty slice when there is none)."""
    where = np.flatnonzero(keep)
    if not len(where):
        return slice(0, 0)
    end = int(where[-1])
    start = end
    while start > 0 and keep[start - 1]:
        start -= 1
    return slice(start, end + 1)


def draw_step_motion(
    ax: Axes, variant: str, body: Body, shown: PoseArtists, share: float, way: str
) -> np.ndarray:
    """Mark a moving step's direction: a faint dashed ghost of the working leg where the previous step
    drew it, and a bold dotted trail from there to the drawn foot, its arrowhead clear of the foot.

    Returns the trail's points (m), first to last (the arrowhead's tip).
    """
    earlier = preset_pose(variant, "start" if way == "up" else "correct_top")
    # the working leg is nearest the viewer: its ghost too
    draw_ghost(ax, earlier, body, variant, shown=shown, z=STEP_GHOST_Z)
    path = motion_path(variant, body, shown.pose, share, way)
    ax.plot(
        path[:, 0],
        path[:, 1],
        color=COLORS["working_leg"],
        linestyle=(0, (1, 1.6)),
        linewidth=2.4,
        dash_capstyle="round",
        zorder=4.8,
    )
    ax.add_patch(
        FancyArrowPatch(
            tuple(path[-2]),
            tuple(path[-1]),
            arrowstyle="-|>,head_length=7,head_width=4",
            color=COLORS["working_leg"],
            linewidth=0,
            shrinkA=0,
            shrinkB=0,
            zorder=4.85,
            gid=TRAIL_ARROW_ID,
        )
    )
    return path


STEP_KEY = (
    "Grey dashed outline: the leg where the step before drew it.  "
    "Blue dots and arrow: the way the foot travels."
)


def key_step_motion(figure: Figure, knee: str = "") -> Text:
    """The key to the moving steps' ghost and trail, and `knee` (`knee_key`) on a second line if given:
    small text along the figure's foot (the figure leaves room for it), so the marks are said in
    words, not left to be guessed."""
    words = f"{STEP_KEY}\n{knee}" if knee else STEP_KEY
    return figure.text(
        0.5, 0.012, words, ha="center", va="bottom", fontsize=FONT_SIZES["small"], color=COLORS["outline"]
    )
