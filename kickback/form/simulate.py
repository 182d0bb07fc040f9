"""Simulated sets: a labelled set of reps with one mistake (or none).

Also its keypoints as a camera would see them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..model.anthropometrics import Body, default_body
from ..model.pose import Pose, preset_pose, read_limits
from ..model.skeleton import pose_joints
from ..model.variants import QUADRUPED, check_variant
from ..validate import check_choice, check_in_range
from .findings import MISTAKES
from .keypoints import SIDES, SKELETONS, Camera, model_point_name
from .recordings import Recording, _write
from .thresholds import threshold

# --- simulating ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepPlan:
    """What one simulated rep does: its top, how much the spine, trunk and pelvis join in.

    And its timing (s). `hike` is the pelvis's side tilt at the top (working side up +, degrees).
    """

    top_hip: float
    lumbar: float = 0.0
    trunk_swing: float = 0.0
    pelvic: float = 0.0
    hike: float = 0.0
    up_s: float = 2.0
    hold_s: float = 1.0
    down_s: float = 3.0
    bottom_s: float = 0.0
    drop: bool = False


def _plan(
    variant: str, mistake: str | None, number: int, reps: int, tempo: Sequence[float], bottom_s: float
) -> RepPlan:
    """The plan of rep `number` (0-based) of a simulated set showing `mistake` (None for a good set)."""
    top = preset_pose(variant, "correct_top").hip_extension
    up, hold, down = tempo
    base = RepPlan(top_hip=top, up_s=up, hold_s=hold, down_s=down, bottom_s=bottom_s)
    fatigue = number / max(reps - 1, 1)
    if mistake == "arched_back":
        arched = preset_pose(variant, "arched_back")
        return _replace(base, top_hip=arched.hip_extension, lumbar=arched.lumbar_extension)
    if mistake == "momentum":
        return _replace(base, up_s=0.5, hold_s=0.0, down_s=1.5, bottom_s=0.0, drop=True)
    if mistake == "excessive_load":
        return _replace(
            base,
            top_hip=top - 12 * fatigue,
            lumbar=18 * fatigue,
            up_s=up * (1 - 0.6 * fatigue),
            hold_s=hold * (1 - fatigue),
            down_s=down * (1 - fatigue / 3),
        )
    if mistake == "incomplete_rom":
        return _replace(base, top_hip=top - 15)
    if mistake == "weak_core":
        return _weak_core(variant, base)
    if mistake == "pelvic_rotation":
        return _replace(base, pelvic=18.0)
    return base


# On all fours a weak core lets the lower back sag and the pelvis drop on the unsupported (working)
# side as the leg rises; both stay inside the arched-back and hip-hike limits (data/thresholds.csv), so
# the set shows the wobble a weak core lets through, not those two mistakes.
ALL_FOURS_SAG_DEG = 8.0
ALL_FOURS_DROP_DEG = -4.0


def _weak_core(variant: str, base: RepPlan) -> RepPlan:
    """A weak core: standing, the trunk rocks 15° with the leg; on all fours it cannot (hands and knees
    hold the shoulders and hips over the floor), so the lower back sags and the pelvis drops instead."""
    if variant == QUADRUPED:
        return _replace(base, lumbar=ALL_FOURS_SAG_DEG, hike=ALL_FOURS_DROP_DEG)
    return _replace(base, trunk_swing=15.0)


def _replace(plan: RepPlan, **changes: float | bool) -> RepPlan:
    values = dict(plan.__dict__)
    values.update(changes)
    return RepPlan(**values)


def _progress(t: np.ndarray, plan: RepPlan) -> np.ndarray:
    """How far up (0 bottom, 1 top) the leg is at times `t` within one rep.

    Ease in and out, or a dropping fall.
    """
    up, hold, down = plan.up_s, plan.hold_s, plan.down_s
    rising = 0.5 - 0.5 * np.cos(np.pi * np.clip(t / up, 0, 1))
    after = np.clip((t - up - hold) / down, 0, 1)
    falling = np.cos(0.5 * np.pi * after) if plan.drop else 0.5 + 0.5 * np.cos(np.pi * after)
    return np.where(t < up, rising, np.where(t < up + hold, 1.0, falling))


def simulate_set(
    variant: str,
    mistake: str | None = None,
    *,
    reps: int = 8,
    seed: int = 0,
    noise_deg: float = 1.0,
    tempo: Sequence[float] = (2.0, 1.0, 3.0),
    fps: float = 30.0,
    bottom_pause_s: float = 0.0,
    lead_s: float = 1.5,
) -> Recording:
    """A simulated, labelled set of `reps` kickbacks in `variant` showing one `mistake` (None: a good set).

    Every rep eases from the variant's start pose to its top and back (data/poses.csv) at `tempo`
    (up, hold, down in seconds; the article's 2-1-3 by default), with seeded Gaussian noise of
    `noise_deg` on every angle. What each mistake changes:

    - arched_back: the top of poses.csv's arched_back (the correct top's hip, the lower back arching 25°);
    - momentum: 0.5 s up, no hold, a 1.5 s fall that is not braked and bounces into the next rep;
    - excessive_load: over the set the top sinks by 12°, the back arches up to 18°, the hold vanishes
      and the lift turns into a swing, down to 0.8 s (rep 1 is clean). A heavier load slows a clean
      lift; the quicker lifts are the swing a lifter adds to get the weight up, and part of the shorter
      time is only the shorter range;
    - incomplete_rom: the top stops 15° short;
    - weak_core: standing (cable, machine) the trunk swings 15° with the leg; on all fours (bodyweight),
      where hands and knees hold the trunk's lean, the lower back sags 8° and the pelvis drops 4° on the
      working side as the leg rises (both inside the arched-back and hip-hike limits);
    - pelvic_rotation: the pelvis opens 18° toward the working side at the top.

    Every set carries all six angles of a Pose, the pelvis's side tilt (`pelvic_hike`) included.

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".
    mistake : str or None, optional
        One of the six mistake ids; None for a good set.
    reps : int, optional
        Number of reps, 1 to 100.
    seed : int, optional
        Seed of the noise.
    noise_deg : float, optional
        Standard deviation of the Gaussian noise on every angle (degrees).
    tempo : sequence of float, optional
        Up, hold and down times (s).
    fps : float, optional
        Frames per second.
    bottom_pause_s : float, optional
        Pause at the bottom between reps (s).
    lead_s : float, optional
        Still time before the first rep and after the last (s).

    Returns
    -------
    Recording
        Times (s) and joint angles (degrees), labelled with `mistake` (or "good").

    >>> recording = simulate_set("cable", "momentum", reps=3)
    >>> recording.label, sorted(recording.angles)[:2]
    ('momentum', ['hip_extension', 'knee_flexion'])
    """
    check_variant(variant)
    if mistake is not None:
        check_choice("mistake", mistake, MISTAKES)
    reps = int(check_in_range("reps", reps, 1, 100))
    check_in_range("noise_deg", noise_deg, 0, 20, "deg")
    check_in_range("fps", fps, threshold("min_frame_rate"), threshold("max_frame_rate"), "frames per s")
    tempo = _check_tempo(tempo)
    bottom_pause_s = check_in_range("bottom_pause_s", bottom_pause_s, 0, 60, "s")
    lead_s = check_in_range("lead_s", lead_s, 0, 60, "s")
    plans = [_plan(variant, mistake, i, reps, tempo, bottom_pause_s) for i in range(reps)]
    total = 2 * lead_s + reps * (sum(tempo) + bottom_pause_s)
    if total > threshold("max_set_duration_s"):
        raise ValueError(
            f"the set would last {total:.0f} s; at most {threshold('max_set_duration_s'):g} s: "
            "fewer reps or a shorter tempo"
        )
    time_s, angles = _trace(variant, plans, fps, lead_s)
    rng = np.random.default_rng(seed)
    noisy = {name: values + rng.normal(0.0, noise_deg, len(values)) for name, values in angles.items()}
    return Recording(
        time_s=time_s,
        angles=noisy,
        source="angles",
        label=mistake or "good",
        notes=(f"Simulated {variant} set ({mistake or 'good'}), seed {seed}, noise {noise_deg:g} deg.",),
    )


def _check_tempo(tempo: object) -> tuple[float, float, float]:
    """Up, hold and down times (s): the lift and the lowering 0.1 to 60 s each, the hold 0 to 60 s."""
    if isinstance(tempo, (str, bytes)) or not hasattr(tempo, "__len__") or len(tempo) != 3:  # type: ignore[arg-type]
        raise ValueError(f"tempo must be three times in seconds (up, hold, down); got {tempo!r:.60}")
    up, hold, down = tempo  # type: ignore[misc]
    return (
        check_in_range("tempo up", up, 0.1, 60, "s"),
        check_in_range("tempo hold", hold, 0, 60, "s"),
        check_in_range("tempo down", down, 0.1, 60, "s"),
    )


def _trace(
    variant: str, plans: Sequence[RepPlan], fps: float, lead_s: float
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Time and the six angles of a simulated set, frame by frame, before noise."""
    start = preset_pose(variant, "start")
    durations = [
        plan.bottom_s * (i > 0) + plan.up_s + plan.hold_s + plan.down_s for i, plan in enumerate(plans)
    ]
    total = 2 * lead_s + sum(durations)
    time_s = np.arange(0.0, total, 1.0 / fps)
    p = np.zeros_like(time_s)
    owner = np.full(len(time_s), -1)
    begin = lead_s
    for i, (plan, duration) in enumerate(zip(plans, durations)):
        lift = begin + plan.bottom_s * (i > 0)
        inside = (time_s >= lift) & (time_s < begin + duration)
        p[inside] = _progress(time_s[inside] - lift, plan)
        owner[inside] = i
        begin += duration
    top = _per_frame(plans, owner, "top_hip", start.hip_extension)
    angles = {
        "hip_extension": start.hip_extension + p * (top - start.hip_extension),
        "knee_flexion": np.full_like(time_s, start.knee_flexion),
        "lumbar_extension": start.lumbar_extension + p * _per_frame(plans, owner, "lumbar"),
        "trunk_lean": start.trunk_lean + p * _per_frame(plans, owner, "trunk_swing"),
        "pelvic_rotation": start.pelvic_rotation + p * _per_frame(plans, owner, "pelvic"),
        "pelvic_hike": start.pelvic_hike + p * _per_frame(plans, owner, "hike"),
    }
    return time_s, angles


def _per_frame(
    plans: Sequence[RepPlan], owner: np.ndarray, attribute: str, outside: float = 0.0
) -> np.ndarray:
    """One plan value frame by frame: the value of the rep each frame belongs to, `outside` between sets."""
    return np.array([getattr(plans[i], attribute) if i >= 0 else outside for i in owner])


def model_keypoints(
    recording: Recording,
    variant: str,
    skeleton: str,
    side: str,
    *,
    camera: Camera | None = None,
    body: Body | None = None,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every joint of `skeleton`, frame by frame, in image pixels.

    As the body model places it for each frame's Pose.
    """
    check_variant(variant)
    check_choice("skeleton", skeleton, SKELETONS)
    check_choice("side", side, SIDES)
    camera = camera or Camera()
    body = body or default_body()
    frames = [pose_joints(_frame_pose(recording, i), body, variant) for i in range(len(recording.time_s))]
    points = {}
    for joint in SKELETONS[skeleton]:
        name = model_point_name(joint, side)
        pixels = np.array([camera.to_pixels(frame[name], side) for frame in frames])
        points[joint] = (pixels[:, 0], pixels[:, 1])
    return points


def _frame_pose(recording: Recording, i: int) -> Pose:
    """The Pose of frame `i`, each angle clipped to the model's limits."""
    limits = read_limits()
    values = {}
    for name, series in recording.angles.items():
        low, high, _ = limits[name]
        values[name] = float(np.clip(series[i], low, high))
    return Pose(**values)


def write_keypoints_csv(
    path: str | Path,
    recording: Recording,
    variant: str,
    *,
    skeleton: str = "coco17",
    side: str = "right",
    noise_px: float = 0.0,
    seed: int = 0,
    score: float = 0.9,
    camera: Camera | None = None,
    comments: Iterable[str] = (),
) -> Path:
    """Film a recording with the body model: write a keypoints CSV as a pose estimator would.

    Each frame's Pose goes through `pose_joints`; a side-on `camera` turns metres into pixels
    (y down) with `side` of the body toward it; seeded Gaussian noise of `noise_px` is added to
    every coordinate, and every joint gets the confidence `score`. Returns the path.
    """
    points = model_keypoints(recording, variant, skeleton, side, camera=camera)
    rng = np.random.default_rng(seed)
    header, columns, decimals = ["time_s"], [recording.time_s], [4]
    for joint, (x, y) in points.items():
        header += [f"{joint}_x", f"{joint}_y", f"{joint}_score"]
        columns += [
            x + rng.normal(0, noise_px, len(x)),
            y + rng.normal(0, noise_px, len(y)),
            np.full(len(x), score),
        ]
        decimals += [2, 2, 2]
    path = Path(path)
    _write(path, comments, header, columns, decimals)
    return path
