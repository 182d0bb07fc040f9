"""Is this the exercise? Decide whether a recording shows the kickback variant named before judging form.

A form checker that judges anything it is given (a jump, a walk) teaches people to distrust it.
The gate looks, in order, at what the input carries:

1. keypoints only: a person found with enough confidence in enough frames; a side view (the left and
   right shoulders and hips close together against the trunk's length); on the spot (the hip does
   not travel across the image); the variant's support (on all fours a wrist and a knee on the floor
   line; standing one foot planted);
2. every input: the trunk's lean in the variant's range (explorer_ranges.csv) in most frames; the
   thigh against the trunk line inside the variant's hip range; and its cycles lasting as long as a
   rep does (not a stride).

Every cut is a row of data/thresholds.csv (ids `gate_*`), each with its rationale. `check_exercise`
raises `NotTheExerciseError` (a ValueError) with one line such as "this does not look like a quadruped
kickback: the trunk is upright in 96 % of frames".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from ..data_files import read_table
from ..model.variants import QUADRUPED, check_variant
from ..validate import check_choice
from .keypoint_frames import KeypointFrames, Points, people_clause, people_note
from .keypoints import SIDES, SKELETONS, angles_from_points, facing_from_points, joint_name
from .recordings import Recording
from .reps import count_reps
from .signal import lowpass, resample_uniform
from .thresholds import threshold


class NotTheExerciseError(ValueError):
    """The recording does not show the variant named; the message says why, in one line."""


@dataclass(frozen=True, repr=False)
class GateVerdict:
    """What the gate decided: `reason` is None when the recording looks like the variant.

    `notes` are remarks for the report (e.g. that only one person is followed).
    """

    variant: str
    reason: str | None
    notes: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """True when the recording looks like the variant named."""
        return self.reason is None

    def message(self) -> str:
        """The one-line refusal, e.g. "this does not look like a cable kickback: ..."."""
        return f"this does not look like {exercise_name(self.variant)}: {self.reason}"

    def describe(self) -> str:
        """The verdict in words, with a tick or a cross (never colour alone)."""
        if self.passed:
            return f"✓ This looks like {exercise_name(self.variant)}: its form can be judged."
        return f"✗ {self.message()[0].upper()}{self.message()[1:]}. Its form is not judged."

    def __repr__(self) -> str:
        return self.describe()

    def _repr_html_(self) -> str:
        return f'<p class="kickback-readout">{html.escape(self.describe())}</p>'


def exercise_name(variant: str) -> str:
    """The variant as a learner names it, with its article: "a cable kickback", "a quadruped kickback"."""
    return "a quadruped kickback" if variant == QUADRUPED else f"a {variant} kickback"


def refuse_unless_passed(verdict: GateVerdict) -> GateVerdict:
    """The verdict unchanged when the recording looks like the variant; else refuse it in one line.

    The one place a verdict becomes an error, for every caller that refuses rather than reports.

    Raises
    ------
    NotTheExerciseError
        A ValueError whose message is the verdict's one line (`GateVerdict.message`).
    """
    if not verdict.passed:
        raise NotTheExerciseError(verdict.message())
    return verdict


def variant_range(variant: str, field: str) -> tuple[float, float]:
    """The variant's range of one Pose field (degrees) from data/explorer_ranges.csv."""
    for row in read_table("explorer_ranges"):
        if row["variant"] == variant and row["field"] == field:
            return float(row["low"]), float(row["high"])
    raise KeyError(f"data/explorer_ranges.csv has no {variant} {field} row")


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


# --- what every input carries: angles -----------------------------------------------------------


def _trunk_reason(trunk: np.ndarray, variant: str) -> str | None:
    """Why the trunk's lean does not fit the variant, or None."""
    seen = trunk[np.isfinite(trunk)]
    if len(seen) == 0:
        return None
    low, high = variant_range(variant, "trunk_lean")
    margin = threshold("gate_trunk_margin_deg")
    upright, flat = seen < low - margin, seen > high + margin
    allowed = 1.0 - threshold("gate_posture_min_fraction")
    if upright.mean() > allowed:
        what = "upright" if variant == QUADRUPED else "leaning back"
        return (
            f"the trunk is {what} in {_percent(upright.mean())} of frames "
            f"(the variant leans {low:g}-{high:g} deg from vertical)"
        )
    if flat.mean() > allowed:
        what = "tipped head-down" if variant == QUADRUPED else "near horizontal"
        return (
            f"the trunk is {what} in {_percent(flat.mean())} of frames "
            f"(the variant leans {low:g}-{high:g} deg from vertical)"
        )
    return None


def _hip_reason(hip: np.ndarray, variant: str) -> str | None:
    """Why the thigh's angles against the trunk line do not fit the variant, or None."""
    seen = hip[np.isfinite(hip)]
    if len(seen) == 0:
        return None
    low, high = variant_range(variant, "hip_extension")
    margin = threshold("gate_hip_margin_deg")
    front, back = np.percentile(seen, [5, 95])
    if back > high + margin:
        return (
            f"the thigh reaches {back:.0f} deg behind the trunk line, more than {high + margin:g} deg "
            "(the variant's range and a margin): that is not a kickback's thigh"
        )
    if front < low - margin:
        return (
            f"the thigh comes {abs(front):.0f} deg in front of the trunk line, more than "
            f"{abs(low - margin):g} deg (the variant's range and a margin): a squat, a jump or a stride"
        )
    return None


def _cycle_reason(time_s: np.ndarray, hip: np.ndarray) -> str | None:
    """Why the thigh's cycles are not reps (too quick, too slow), or None."""
    if np.isfinite(hip).sum() < 2:
        return None
    grid, filled, _ = resample_uniform(time_s, {"hip_extension": hip})
    if len(grid) < 3:
        return None
    rate = 1.0 / float(grid[1] - grid[0])
    cycles = count_reps(lowpass(filled["hip_extension"], rate), rate)
    if len(cycles) < 2:
        return None
    starts = np.array([grid[start] for start, _ in cycles])
    period = float(np.median(np.diff(starts)))
    if period < threshold("gate_min_rep_s"):
        return (
            f"the thigh swings back and forth every {period:.1f} s, quicker than any rep "
            f"(at least {threshold('gate_min_rep_s'):g} s): a stride or a bounce"
        )
    if period > threshold("gate_max_rep_s"):
        return (
            f"the thigh's cycles last {period:.0f} s, longer than a rep ({threshold('gate_max_rep_s'):g} s)"
        )
    return None


def judge_angles(recording: Recording, variant: str) -> GateVerdict:
    """The gate on what any recording carries: trunk lean, the thigh's range and its cycles.

    Parameters
    ----------
    recording : Recording
        Times (s) and angles (degrees); an angles CSV may lack the trunk lean (then it is not judged).
    variant : str
        "cable", "machine" or "bodyweight".

    Returns
    -------
    GateVerdict
        `reason` None when the recording looks like the variant.
    """
    check_variant(variant)
    angles = recording.angles
    trunk = angles.get("trunk_lean")
    hip = np.asarray(angles["hip_extension"], dtype=float)
    reason = _trunk_reason(np.asarray(trunk, dtype=float), variant) if trunk is not None else None
    reason = reason or _hip_reason(hip, variant) or _cycle_reason(np.asarray(recording.time_s, float), hip)
    return GateVerdict(variant, reason)


def check_exercise(recording: Recording, variant: str) -> Recording:
    """Refuse a recording that does not look like the variant named; return it unchanged otherwise.

    Raises
    ------
    NotTheExerciseError
        A ValueError whose one line says why, e.g. "this does not look like a quadruped kickback:
        the trunk is upright in 96 % of frames (...)".

    >>> from kickback.form.simulate import simulate_set
    >>> check_exercise(simulate_set("cable"), "cable").label
    'good'
    """
    refuse_unless_passed(judge_angles(recording, variant))
    return recording


# --- what keypoints add: the person, the view and the support ------------------------------------


def _track(points: Points, skeleton: str, role: str, side: str) -> tuple[np.ndarray, np.ndarray]:
    """One joint's pixels with low-confidence frames set to NaN (NaN too when the skeleton lacks it)."""
    name = joint_name(skeleton, role, side)
    if name not in points:
        raise ValueError(f"keypoints: joint {name!r} missing ({skeleton} names)")
    x, y, score = (np.asarray(a, dtype=float) for a in points[name])
    low = ~(score >= threshold("keypoint_score_min"))
    return np.where(low, np.nan, x), np.where(low, np.nan, y)


def _tracks(points: Points, skeleton: str) -> dict[tuple[str, str], np.ndarray]:
    """(role, side) -> (frames, 2) pixel array for shoulders, hips, knees, ankles and wrists."""
    roles = ("shoulder", "hip", "knee", "ankle", "wrist")
    return {
        (role, side): np.stack(_track(points, skeleton, role, side), axis=-1)
        for role in roles
        for side in SIDES
    }


def _span(values: np.ndarray) -> float:
    """Robust range (5th to 95th percentile) of finite values; 0 if there are none."""
    values = values[np.isfinite(values)]
    return float(np.subtract(*np.percentile(values, [95, 5]))) if len(values) else 0.0


def _person_reason(seen: np.ndarray) -> str | None:
    """Why the person is not found often enough, or None."""
    share_missing = 1.0 - float(seen.mean()) if len(seen) else 1.0
    if share_missing >= 1.0:
        return "no person was found in any frame"
    if share_missing > threshold("missing_max_fraction"):
        return (
            f"no person was found with enough confidence in {_percent(share_missing)} of frames "
            f"(the shoulder, hip, knee and ankle facing the camera; scores of at least "
            f"{threshold('keypoint_score_min'):g})"
        )
    return None


def _side_view_reason(t: dict[tuple[str, str], np.ndarray], trunk_px: np.ndarray) -> str | None:
    """Why the camera is not at the person's side (the far shoulder and hip far from the near ones)."""
    widths = [np.linalg.norm(t[(role, "left")] - t[(role, "right")], axis=-1) for role in ("shoulder", "hip")]
    ratio = np.fmax(*widths) / trunk_px
    ratio = ratio[np.isfinite(ratio)]
    if len(ratio) == 0:
        return None  # the far side is hidden: as seen from the side
    typical = float(np.median(ratio))
    if typical > threshold("gate_side_width_max"):
        return (
            f"the camera is not at the side: the shoulders or hips are {typical:.1f} trunk lengths apart "
            f"in the image (a side view keeps them under {threshold('gate_side_width_max'):g})"
        )
    return None


def _on_floor_share(t: dict[tuple[str, str], np.ndarray], trunk_px: np.ndarray) -> float:
    """Share of frames where a wrist and a knee lie on the floor line (the lowest keypoints)."""
    lowest = [t[(role, side)][:, 1] for role in ("knee", "ankle", "wrist") for side in SIDES]
    floor = np.nanmax(np.stack(lowest), axis=0)
    tolerance = threshold("gate_floor_tolerance") * trunk_px

    def near(role: str) -> np.ndarray:
        heights = np.stack([floor - t[(role, side)][:, 1] for side in SIDES])
        return np.nanmin(np.where(np.isfinite(heights), heights, np.inf), axis=0) <= tolerance

    usable = np.isfinite(floor) & np.isfinite(trunk_px)
    return float((near("wrist") & near("knee"))[usable].mean()) if usable.any() else 1.0


def _support_reason(t: dict[tuple[str, str], np.ndarray], trunk_px: float, variant: str) -> str | None:
    """Why the support does not fit the variant (hands and knee on the floor; one foot planted)."""
    left, right = t[("hip", "left")], t[("hip", "right")]
    hips = np.where(np.isfinite(left) & np.isfinite(right), (left + right) / 2, np.fmax(left, right))
    travel = max(_span(hips[:, 0]), _span(hips[:, 1])) / trunk_px
    if travel > threshold("gate_travel_max"):
        return (
            f"the hip travels {travel:.1f} trunk lengths across the image; a kickback is done on the spot "
            f"(at most {threshold('gate_travel_max'):g})"
        )
    if variant == QUADRUPED:
        share = _on_floor_share(t, np.full(len(hips), trunk_px))
        if share < threshold("gate_posture_min_fraction"):
            return (
                f"the hands and knees are not on the floor in {_percent(1 - share)} of frames "
                "(not on all fours)"
            )
        return None
    left, right = t[("ankle", "left")], t[("ankle", "right")]
    # The planted foot is the lower ankle in each frame: pose estimators often swap left and right.
    lower = np.where(
        (np.nan_to_num(left[:, 1], nan=-np.inf) >= np.nan_to_num(right[:, 1], nan=-np.inf))[:, None],
        left,
        right,
    )
    moves = _span(lower[:, 1]) / trunk_px  # up and down: across the image is the hip's travel
    if moves > threshold("gate_planted_travel_max"):
        return (
            f"no foot stays planted: the lower ankle rises and falls {moves:.1f} trunk lengths "
            f"(standing on one foot it moves under {threshold('gate_planted_travel_max'):g})"
        )
    return None


def judge_keypoints(
    time_s: np.ndarray,
    points: Points,
    skeleton: str,
    side: str,
    variant: str,
    *,
    people: np.ndarray | None = None,
) -> GateVerdict:
    """The whole gate on a keypoint recording: the person, the view, the support, then the angles.

    Parameters
    ----------
    time_s : numpy.ndarray
        Frame times (s), increasing.
    points : Mapping
        Joint name (the skeleton's own) -> (x, y, score) arrays in image pixels, y down.
    skeleton : str
        "coco17", "mediapipe33", "halpe26" or "body25".
    side : str
        "left" or "right": the side of the body facing the camera.
    variant : str
        "cable", "machine" or "bodyweight".
    people : numpy.ndarray or None, optional
        People seen per frame (NaN where not counted), for the note on who was followed.

    Returns
    -------
    GateVerdict
        Its `reason` says in words why the recording is not the variant (None when it is).
        The verdict depends on no unit or direction: it is the same for a mirrored image (with the
        other side named) and for any scale.
    """
    check_variant(variant)
    check_choice("skeleton", skeleton, SKELETONS)
    check_choice("side", side, SIDES)
    notes = (people_note(people, skeleton),)
    verdict = _judge_one_person(time_s, _tracks(points, skeleton), skeleton, side, variant)
    clause = people_clause(people)
    reason = f"{verdict.reason}; {clause}" if verdict.reason and clause else verdict.reason
    return GateVerdict(variant, reason, notes)


def _judge_one_person(
    time_s: np.ndarray, t: dict[tuple[str, str], np.ndarray], skeleton: str, side: str, variant: str
) -> GateVerdict:
    """The gate on the one person the keypoints follow (see `judge_keypoints`); no notes."""
    near = {role: t[(role, side)] for role in ("shoulder", "hip", "knee", "ankle")}
    seen = np.all([np.isfinite(p).all(axis=-1) for p in near.values()], axis=0)
    reason = _person_reason(seen)
    if reason:
        return GateVerdict(variant, reason)
    trunk_px = np.linalg.norm(near["shoulder"] - near["hip"], axis=-1)
    trunk_px = np.where(trunk_px > 0, trunk_px, np.nan)
    typical_trunk = float(np.nanmedian(trunk_px[seen]))
    reason = _side_view_reason(t, trunk_px) or _support_reason(t, typical_trunk, variant)
    if reason:
        return GateVerdict(variant, reason)
    pixels = {role: (p[:, 0], p[:, 1]) for role, p in near.items()}
    facing = facing_from_points(pixels) or side  # as the reader does: a camera on the other side is no fault
    angles = angles_from_points(pixels, facing)
    recording = Recording(np.asarray(time_s, dtype=float), angles, skeleton, "thigh_to_trunk", side)
    return judge_angles(recording, variant)


def judge_keypoint_frames(frames: KeypointFrames, side: str, variant: str) -> GateVerdict:
    """The whole gate on keypoints already read by the one reader (`keypoint_frames`, or a Recording's).

    Parameters
    ----------
    frames : KeypointFrames
        A keypoints file as read (`read_recording(...).keypoints`).
    side : str
        "left" or "right": the side of the body facing the camera.
    variant : str
        "cable", "machine" or "bodyweight".

    Returns
    -------
    GateVerdict
        As `judge_keypoints`, its notes saying how many people were seen where the file counts them.
    """
    return judge_keypoints(frames.time_s, frames.points, frames.skeleton, side, variant, people=frames.people)
