"""Recorded sets: read an angles or keypoints CSV, simulate a labelled set, write one out.

Reading, step by step: refuse a file by its size before opening it; decode it; skip `#` comment
lines; check the header; turn every cell into a number (blank or "nan" means missing); check that
time increases. Any problem raises `RecordingError` with one line naming it and the line of the file.

Simulated sets are honest examples, not measurements: each rep follows smooth ease-in/ease-out
curves between the variant's start and top poses (data/poses.csv) at a chosen tempo, with seeded
noise, and each carries the label of the one mistake it was made to show.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from ._check import check_choice, check_in_range
from .body import POSE_FIELDS, Body, Pose, check_variant, default_body, pose_joints, preset_pose, read_limits
from .form import MISTAKES
from .keypoints import SIDES, SKELETONS, Camera, angles_from_points, joint_name, model_point_name
from .reps import threshold

FORMATS: tuple[str, ...] = ("angles",) + tuple(SKELETONS)
ANGLE_COLUMNS: dict[str, str] = {f"{name}_deg": name for name in POSE_FIELDS}
REQUIRED_ANGLE_COLUMNS: tuple[str, ...] = ("time_s", "hip_extension_deg", "knee_flexion_deg")

SIDE_VIEW_NOTES: tuple[str, ...] = (
    "Seen from the side, the hip angle is the thigh's angle to the trunk line (shoulder to hip): "
    "it includes whatever the lower back lent.",
    "Trunk lean is the shoulder-hip line against the image's vertical; it assumes the camera is level.",
)
"""Notes every keypoint report carries; what a side view cannot judge at all is listed in `cannot_judge`."""


class RecordingError(ValueError):
    """A recording file that cannot be read; the message is one line naming the problem and where."""


@dataclass(frozen=True)
class Recording:
    """A recorded set: times (s) and joint angles (degrees) frame by frame.

    `angles` maps Pose field names ("hip_extension", "knee_flexion", and those measured of
    "lumbar_extension", "trunk_lean", "pelvic_rotation") to arrays; NaN marks a missing or
    low-confidence frame. `source` is "angles" or the keypoint skeleton; `hip_measure` is "hip"
    when the hip angle is the hip's own, "thigh_to_trunk" when it is the thigh against the trunk
    line (a side view, which includes what the lower back lends). `label` is the mistake a
    simulated set was made to show ("good" for none); None for a real recording.
    """

    time_s: np.ndarray
    angles: Mapping[str, np.ndarray]
    source: str = "angles"
    hip_measure: str = "hip"
    side: str | None = None
    notes: tuple[str, ...] = ()
    label: str | None = None

    def shifted(self, seconds: float) -> "Recording":
        """The same recording with every time moved by `seconds`."""
        return Recording(self.time_s + seconds, self.angles, self.source, self.hip_measure, self.side, self.notes, self.label)


# --- reading ---------------------------------------------------------------------------------


def _check_size(path: Path) -> None:
    """Refuse a missing, empty or too large file before reading it."""
    if not path.exists():
        raise RecordingError(f"{path}: no such file")
    if not path.is_file():
        raise RecordingError(f"{path}: not a file")
    size = path.stat().st_size
    limit_mb = threshold("max_file_mb")
    if size == 0:
        raise RecordingError(f"{path.name}: the file is empty (0 bytes)")
    if size > limit_mb * 1e6:
        raise RecordingError(f"{path.name}: the file is {size / 1e6:.1f} MB; recordings up to {limit_mb:g} MB are read")


def _read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The file's non-comment, non-blank lines as (line number, cells)."""
    _check_size(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordingError(f"{path.name}: not UTF-8 text (byte {error.start}); save it as a CSV text file") from None
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.lstrip().startswith("#")]
    try:
        rows = [(n, cells) for (n, _), cells in zip(numbered, csv.reader(line for _, line in numbered))]
    except csv.Error as error:
        raise RecordingError(f"{path.name}: not a readable CSV file ({error})") from None
    if not rows:
        raise RecordingError(f"{path.name}: no header row and no data (only comments or blank lines)")
    return rows


def _header(path: Path, rows: list[tuple[int, list[str]]]) -> list[str]:
    """The header's column names, trimmed; refuses a first row of numbers or repeated names."""
    line, cells = rows[0]
    names = [cell.strip() for cell in cells]
    if names and _is_number(names[0]):
        raise RecordingError(f"{path.name}: line {line} holds numbers; the first row must be a header naming the columns (time_s, ...)")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise RecordingError(f"{path.name}: line {line}: column {repeated[0]!r} appears twice in the header")
    if len(rows) < 2:
        raise RecordingError(f"{path.name}: a header but no data rows")
    return names


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _cell(path: Path, line: int, column: str, text: str) -> float:
    """One cell as a number; blank or "nan" is missing (NaN); anything else non-numeric is refused."""
    text = text.strip()
    if text == "" or text.lower() == "nan":
        return math.nan
    try:
        value = float(text)
    except ValueError:
        raise RecordingError(f"{path.name}: line {line}, column {column}: {text!r} is not a number") from None
    if math.isinf(value):
        raise RecordingError(f"{path.name}: line {line}, column {column}: {text!r} is not a finite number")
    return value


def _columns(path: Path, rows: list[tuple[int, list[str]]], wanted: Sequence[str]) -> dict[str, np.ndarray]:
    """The wanted columns as float arrays, every cell checked."""
    names = _header(path, rows)
    index = {name: names.index(name) for name in wanted}
    data = {name: np.empty(len(rows) - 1) for name in wanted}
    for row, (line, cells) in enumerate(rows[1:]):
        if len(cells) != len(names):
            raise RecordingError(f"{path.name}: line {line} has {len(cells)} cells; the header has {len(names)}")
        for name, position in index.items():
            data[name][row] = _cell(path, line, name, cells[position])
    return data


def _check_time(path: Path, rows: list[tuple[int, list[str]]], time_s: np.ndarray) -> None:
    """Time must be given on every row, increase from row to row, and come often enough."""
    lines = [line for line, _ in rows[1:]]
    if len(time_s) < 2:
        raise RecordingError(f"{path.name}: only one data row (line {lines[0]}); a set needs many frames")
    for i, value in enumerate(time_s):
        if math.isnan(value):
            raise RecordingError(f"{path.name}: line {lines[i]}: time_s is missing")
        if i and value <= time_s[i - 1]:
            raise RecordingError(f"{path.name}: line {lines[i]}: time_s {value:g} does not increase (the line before has {time_s[i - 1]:g})")
    rate = 1.0 / float(np.median(np.diff(time_s)))
    if rate < threshold("min_frame_rate"):
        raise RecordingError(f"{path.name}: {rate:.1f} frames per second is too few; at least {threshold('min_frame_rate'):g} are needed to time the phases")


def _check_angles(path: Path, rows: list[tuple[int, list[str]]], angles: Mapping[str, np.ndarray]) -> None:
    """Every angle must lie inside the model's hard limits (data/model_limits.csv)."""
    limits = read_limits()
    lines = [line for line, _ in rows[1:]]
    for name, values in angles.items():
        low, high, unit = limits[name]
        outside = np.flatnonzero((values < low) | (values > high))
        if len(outside):
            i = outside[0]
            raise RecordingError(f"{path.name}: line {lines[i]}: {name}_deg is outside the allowed range {low:g} to {high:g} {unit}; got {values[i]:g}")


def read_angles_csv(path: str | Path) -> Recording:
    """Read an angles CSV: `time_s, hip_extension_deg, knee_flexion_deg` and, where measured,
    `lumbar_extension_deg, trunk_lean_deg, pelvic_rotation_deg` (degrees, the course's signs).

    Raises RecordingError (one line) on any problem with the file.
    """
    path = Path(path)
    rows = _read_rows(path)
    names = _header(path, rows)
    missing = [name for name in REQUIRED_ANGLE_COLUMNS if name not in names]
    if missing:
        hint = "; this looks like a keypoints file: give its --format" if any(name.endswith("_x") for name in names) else ""
        raise RecordingError(f"{path.name}: missing column {missing[0]} (the header has: {_listed(names)}){hint}")
    present = ["time_s"] + [name for name in ANGLE_COLUMNS if name in names]
    data = _columns(path, rows, present)
    _check_time(path, rows, data["time_s"])
    angles = {ANGLE_COLUMNS[name]: data[name] for name in present[1:]}
    _check_angles(path, rows, angles)
    ignored = [name for name in names if name not in present]
    notes = (f"Columns not used: {', '.join(ignored)}.",) if ignored else ()
    return Recording(time_s=data["time_s"], angles=angles, source="angles", notes=notes)


def _listed(names: Sequence[str], most: int = 8) -> str:
    """Column names for a message, the first few only."""
    shown = ", ".join(names[:most])
    return shown + (f", ... ({len(names)} columns)" if len(names) > most else "")


def _score_column(names: Sequence[str], joint: str) -> str | None:
    """The confidence column of a joint: `<joint>_score`, or MediaPipe's `<joint>_visibility`."""
    for suffix in ("_score", "_visibility"):
        if joint + suffix in names:
            return joint + suffix
    return None


def read_keypoints_csv(path: str | Path, skeleton: str, side: str) -> Recording:
    """Read a keypoints CSV (`time_s`, `<joint>_x`, `<joint>_y`, optional `<joint>_score`; pixels, y down)
    and turn the side facing the camera into angles (see keypoints.py).

    A frame where a joint needed is missing or scores below `keypoint_score_min` has NaN angles.
    """
    check_choice("format", skeleton, SKELETONS)
    check_choice("side", side, SIDES)
    path = Path(path)
    rows = _read_rows(path)
    names = _header(path, rows)
    joints = {role: joint_name(skeleton, role, side) for role in ("shoulder", "hip", "knee", "ankle")}
    wanted = ["time_s"] + [f"{joint}_{axis}" for joint in joints.values() for axis in "xy"]
    missing = [name for name in wanted if name not in names]
    if missing:
        hint = "; this looks like an angles file: use --format angles" if "hip_extension_deg" in names else ""
        raise RecordingError(f"{path.name}: missing column {missing[0]} ({skeleton} names, {side} side facing the camera){hint}")
    scores = {joint: _score_column(names, joint) for joint in joints.values()}
    data = _columns(path, rows, wanted + [column for column in scores.values() if column])
    _check_time(path, rows, data["time_s"])
    points = {role: _confident_point(data, joint, scores[joint]) for role, joint in joints.items()}
    return Recording(
        time_s=data["time_s"],
        angles=angles_from_points(points, side),
        source=skeleton,
        hip_measure="thigh_to_trunk",
        side=side,
        notes=SIDE_VIEW_NOTES,
    )


def _confident_point(data: Mapping[str, np.ndarray], joint: str, score_column: str | None) -> tuple[np.ndarray, np.ndarray]:
    """A joint's pixel coordinates with low-confidence frames set to NaN."""
    x, y = data[f"{joint}_x"].copy(), data[f"{joint}_y"].copy()
    if score_column:
        score = data[score_column]
        low = ~(score >= threshold("keypoint_score_min"))
        x[low] = np.nan
        y[low] = np.nan
    return x, y


def read_recording(path: str | Path, *, format: str = "angles", side: str | None = None) -> Recording:
    """Read a recording in any supported format; keypoint formats need the `side` facing the camera."""
    check_choice("format", format, FORMATS)
    if format == "angles":
        return read_angles_csv(path)
    if side is None:
        raise RecordingError("a keypoints file needs --side left or --side right: the side of the body facing the camera")
    return read_keypoints_csv(path, format, side)


# --- simulating ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepPlan:
    """What one simulated rep does: its top, how much the spine, trunk and pelvis join in, and its timing (s)."""

    top_hip: float
    lumbar: float = 0.0
    trunk_swing: float = 0.0
    pelvic: float = 0.0
    up_s: float = 2.0
    hold_s: float = 1.0
    down_s: float = 3.0
    bottom_s: float = 0.0
    drop: bool = False


def _plan(variant: str, mistake: str | None, number: int, reps: int, tempo: Sequence[float], bottom_s: float) -> RepPlan:
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
        return _replace(base, top_hip=top - 12 * fatigue, lumbar=18 * fatigue, up_s=up * (1 - 0.6 * fatigue),
                        hold_s=hold * (1 - fatigue), down_s=down * (1 - fatigue / 3))
    if mistake == "incomplete_rom":
        return _replace(base, top_hip=top - 15)
    if mistake == "weak_core":
        return _replace(base, trunk_swing=15.0)
    if mistake == "pelvic_rotation":
        return _replace(base, pelvic=18.0)
    return base


def _replace(plan: RepPlan, **changes: float | bool) -> RepPlan:
    values = dict(plan.__dict__)
    values.update(changes)
    return RepPlan(**values)


def _progress(t: np.ndarray, plan: RepPlan) -> np.ndarray:
    """How far up (0 bottom, 1 top) the leg is at times `t` within one rep: ease in and out, or a dropping fall."""
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

    - arched_back: the top of poses.csv's arched_back (the hip does less, the lower back arches 25°);
    - momentum: 0.5 s up, no hold, a 1.5 s fall that is not braked and bounces into the next rep;
    - excessive_load: over the set the top sinks by 12°, the back arches up to 18°, the lift speeds up
      to 0.8 s and the hold vanishes (rep 1 is clean);
    - incomplete_rom: the top stops 15° short; weak_core: the trunk swings 15° with the leg;
    - pelvic_rotation: the pelvis opens 18° toward the working side at the top.

    >>> recording = simulate_set("cable", "momentum", reps=3)
    >>> recording.label, sorted(recording.angles)[:2]
    ('momentum', ['hip_extension', 'knee_flexion'])
    """
    check_variant(variant)
    if mistake is not None:
        check_choice("mistake", mistake, MISTAKES)
    reps = int(check_in_range("reps", reps, 1, 100))
    check_in_range("noise_deg", noise_deg, 0, 20, "deg")
    check_in_range("fps", fps, threshold("min_frame_rate"), 1000, "frames per s")
    plans = [_plan(variant, mistake, i, reps, tempo, bottom_pause_s) for i in range(reps)]
    time_s, angles = _trace(variant, plans, fps, lead_s)
    rng = np.random.default_rng(seed)
    noisy = {name: values + rng.normal(0.0, noise_deg, len(values)) for name, values in angles.items()}
    return Recording(time_s=time_s, angles=noisy, source="angles", label=mistake or "good",
                     notes=(f"Simulated {variant} set ({mistake or 'good'}), seed {seed}, noise {noise_deg:g} deg.",))


def _trace(variant: str, plans: Sequence[RepPlan], fps: float, lead_s: float) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Time and the five angles of a simulated set, frame by frame, before noise."""
    start = preset_pose(variant, "start")
    durations = [plan.bottom_s * (i > 0) + plan.up_s + plan.hold_s + plan.down_s for i, plan in enumerate(plans)]
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
    }
    return time_s, angles


def _per_frame(plans: Sequence[RepPlan], owner: np.ndarray, attribute: str, outside: float = 0.0) -> np.ndarray:
    """One plan value frame by frame: the value of the rep each frame belongs to, `outside` between sets."""
    return np.array([getattr(plans[i], attribute) if i >= 0 else outside for i in owner])


# --- writing ---------------------------------------------------------------------------------


def write_angles_csv(path: str | Path, recording: Recording, *, comments: Iterable[str] = ()) -> Path:
    """Write a recording as an angles CSV (with `#` comment lines first); returns the path."""
    path = Path(path)
    names = [name for name in POSE_FIELDS if name in recording.angles]
    header = ["time_s"] + [f"{name}_deg" for name in names]
    columns = [recording.time_s] + [recording.angles[name] for name in names]
    _write(path, comments, header, columns, decimals=[4] + [2] * len(names))
    return path


def _write(path: Path, comments: Iterable[str], header: Sequence[str], columns: Sequence[np.ndarray], decimals: Sequence[int]) -> None:
    """Write columns of numbers as CSV, NaN as a blank cell."""
    lines = [f"# {comment}" for comment in comments] + [",".join(header)]
    for row in zip(*columns):
        lines.append(",".join("" if math.isnan(v) else f"{v:.{d}f}" for v, d in zip(row, decimals)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def model_keypoints(recording: Recording, variant: str, skeleton: str, side: str, *, camera: Camera | None = None, body: Body | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every joint of `skeleton`, frame by frame, in image pixels, as the body model places it for each frame's Pose."""
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
        columns += [x + rng.normal(0, noise_px, len(x)), y + rng.normal(0, noise_px, len(y)), np.full(len(x), score)]
        decimals += [2, 2, 2]
    path = Path(path)
    _write(path, comments, header, columns, decimals)
    return path

