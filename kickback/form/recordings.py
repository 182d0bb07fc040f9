"""Recorded sets: read an angles or keypoints CSV into a `Recording`, write one out.

Also lists the shipped examples.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..data_files import DATA_DIR
from ..model.pose import POSE_FIELDS, read_limits
from ..validate import check_choice
from .keypoints import SIDES, SKELETONS, angles_from_points, joint_name
from .thresholds import threshold

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

    Parameters
    ----------
    time_s : numpy.ndarray
        Frame times (s), increasing.
    angles : Mapping[str, numpy.ndarray]
        Pose field name -> angle per frame (degrees); NaN where missing.
    source : str, optional
        "angles" or the keypoint skeleton, e.g. "coco17".
    hip_measure : str, optional
        "hip" or "thigh_to_trunk".
    side : str or None, optional
        "left" or "right", the side facing the camera (keypoints only).
    notes : tuple of str, optional
        Remarks made while reading, e.g. columns not used.
    label : str or None, optional
        The mistake a simulated set shows, "good", or None for a real recording.
    """

    time_s: np.ndarray
    angles: Mapping[str, np.ndarray]
    source: str = "angles"
    hip_measure: str = "hip"
    side: str | None = None
    notes: tuple[str, ...] = ()
    label: str | None = None

    def shifted(self, seconds: float) -> Recording:
        """The same recording with every time moved by `seconds`."""
        return Recording(
            self.time_s + seconds,
            self.angles,
            self.source,
            self.hip_measure,
            self.side,
            self.notes,
            self.label,
        )


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
        raise RecordingError(
            f"{path.name}: the file is {size / 1e6:.1f} MB; recordings up to {limit_mb:g} MB are read"
        )


def _read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The file's non-comment, non-blank lines as (line number, cells)."""
    _check_size(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordingError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save it as a CSV text file"
        ) from None
    numbered = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
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
        raise RecordingError(
            f"{path.name}: line {line} holds numbers; "
            "the first row must be a header naming the columns (time_s, ...)"
        )
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
            raise RecordingError(
                f"{path.name}: line {line} has {len(cells)} cells; the header has {len(names)}"
            )
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
            raise RecordingError(
                f"{path.name}: line {lines[i]}: time_s {value:g} does not increase "
                f"(the line before has {time_s[i - 1]:g})"
            )
    rate = 1.0 / float(np.median(np.diff(time_s)))
    if rate < threshold("min_frame_rate"):
        raise RecordingError(
            f"{path.name}: {rate:.1f} frames per second is too few; "
            f"at least {threshold('min_frame_rate'):g} are needed to time the phases"
        )


def _check_angles(path: Path, rows: list[tuple[int, list[str]]], angles: Mapping[str, np.ndarray]) -> None:
    """Every angle must lie inside the model's hard limits (data/model_limits.csv)."""
    limits = read_limits()
    lines = [line for line, _ in rows[1:]]
    for name, values in angles.items():
        low, high, unit = limits[name]
        outside = np.flatnonzero((values < low) | (values > high))
        if len(outside):
            i = outside[0]
            raise RecordingError(
                f"{path.name}: line {lines[i]}: {name}_deg is outside the allowed range "
                f"{low:g} to {high:g} {unit}; got {values[i]:g}"
            )


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
        hint = (
            "; this looks like a keypoints file: give its --format"
            if any(name.endswith("_x") for name in names)
            else ""
        )
        raise RecordingError(
            f"{path.name}: missing column {missing[0]} (the header has: {_listed(names)}){hint}"
        )
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
        raise RecordingError(
            f"{path.name}: missing column {missing[0]} "
            f"({skeleton} names, {side} side facing the camera){hint}"
        )
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


def _confident_point(
    data: Mapping[str, np.ndarray], joint: str, score_column: str | None
) -> tuple[np.ndarray, np.ndarray]:
    """A joint's pixel coordinates with low-confidence frames set to NaN."""
    x, y = data[f"{joint}_x"].copy(), data[f"{joint}_y"].copy()
    if score_column:
        score = data[score_column]
        low = ~(score >= threshold("keypoint_score_min"))
        x[low] = np.nan
        y[low] = np.nan
    return x, y


def read_recording(path: str | Path, *, format: str = "angles", side: str | None = None) -> Recording:
    """Read a recording in any supported format; keypoint formats need the `side` facing the camera.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    format : str, optional
        "angles" (default, degrees) or a keypoint skeleton: "coco17", "mediapipe33", "halpe26",
        "body25" (image pixels, y down).
    side : str or None, optional
        "left" or "right": the side of the body facing the camera (keypoint formats only).

    Returns
    -------
    Recording
        Times (s) and joint angles (degrees).

    Raises
    ------
    RecordingError
        A one-line message on any problem with the file.
    """
    check_choice("format", format, FORMATS)
    if format == "angles":
        return read_angles_csv(path)
    if side is None:
        raise RecordingError(
            "a keypoints file needs --side left or --side right: the side of the body facing the camera"
        )
    return read_keypoints_csv(path, format, side)


# --- writing ---------------------------------------------------------------------------------


def write_angles_csv(path: str | Path, recording: Recording, *, comments: Iterable[str] = ()) -> Path:
    """Write a recording as an angles CSV (with `#` comment lines first); returns the path."""
    path = Path(path)
    names = [name for name in POSE_FIELDS if name in recording.angles]
    header = ["time_s"] + [f"{name}_deg" for name in names]
    columns = [recording.time_s] + [recording.angles[name] for name in names]
    _write(path, comments, header, columns, decimals=[4] + [2] * len(names))
    return path


def _write(
    path: Path,
    comments: Iterable[str],
    header: Sequence[str],
    columns: Sequence[np.ndarray],
    decimals: Sequence[int],
) -> None:
    """Write columns of numbers as CSV, NaN as a blank cell."""
    lines = [f"# {comment}" for comment in comments] + [",".join(header)]
    for row in zip(*columns):
        lines.append(",".join("" if math.isnan(v) else f"{v:.{d}f}" for v, d in zip(row, decimals)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


RECORDINGS_DIR = DATA_DIR / "recordings"


def list_recordings() -> list[str]:
    """The shipped example recordings (file names in data/recordings).

    Returns
    -------
    list of str
        File names, sorted, e.g. "cable_momentum_angles.csv".
    """
    return sorted(path.name for path in RECORDINGS_DIR.glob("*.csv"))


def guess_format(name: str) -> str:
    """The format a shipped recording is in, from its file name (e.g. ..._coco17.csv)."""
    stem = Path(name).stem
    return next((fmt for fmt in FORMATS if stem.endswith("_" + fmt)), "angles")
