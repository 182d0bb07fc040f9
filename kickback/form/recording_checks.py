"""One validation for every way a recording comes in: a file, a `Recording` built in Python, a grid.

The checks bound the work before anything is allocated: the frame rate must be plausible
(`min_frame_rate` to `max_frame_rate`), the set no longer than `max_set_duration_s`, and no two
frames further apart than `time_gap_max_frames` typical intervals. Then an even grid never has
more points than the file has rows times that gap, and never more than duration times rate.

`signal_problem` says in words why a recording that is valid holds no signal to judge (no hip
angle at all, values that look like radians, a flat line, too short); the command line and the
lesson refuse such a file, `analyze_set` reports it as a set that could not be judged.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from ..model.pose import POSE_FIELDS, read_limits
from .thresholds import threshold

Where = Callable[["int | None"], str]
"""Names a place for a message: where(None) the recording, where(i) its frame i (or file line)."""


class RecordingError(ValueError):
    """A recording that cannot be used; the message is one line naming the problem and where."""


def file_where(name: str, lines: Sequence[int]) -> Where:
    """Places in a file: "bad.csv" or "bad.csv: line 7"."""
    return lambda i: name if i is None else f"{name}: line {lines[i]}"


def frame_where(name: str = "recording") -> Where:
    """Places in a recording built in Python: "recording" or "recording: frame 7" (counted from 1)."""
    return lambda i: name if i is None else f"{name}: frame {i + 1}"


def as_series(field: str, values: object, where: Where) -> np.ndarray:
    """`values` as a 1-D float array, or a RecordingError naming the field (never a TypeError)."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise RecordingError(
            f"{where(None)}: {field} must be a sequence of numbers; got {type(values).__name__}"
        ) from None
    if array.ndim != 1:
        raise RecordingError(
            f"{where(None)}: {field} must be one value per frame (1-D); got shape {array.shape}"
        )
    return array


def check_time(time_s: object, where: Where) -> np.ndarray:
    """Frame times (s) as a float array, checked: finite, increasing, a plausible rate, duration and gaps.

    Raises RecordingError (a ValueError) with a one-line message naming the place.
    """
    time_s = as_series("time_s", time_s, where)
    if len(time_s) < 2:
        first = where(0) if len(time_s) else where(None)
        raise RecordingError(f"{first}: only one frame; a set needs many frames")
    bad = np.flatnonzero(~np.isfinite(time_s))
    if len(bad):
        i = int(bad[0])
        problem = "is missing" if math.isnan(time_s[i]) else f"{time_s[i]:g} is not a finite number"
        raise RecordingError(f"{where(i)}: time_s {problem}")
    with np.errstate(over="ignore", invalid="ignore"):
        steps = np.diff(time_s)
    back = np.flatnonzero(~(steps > 0))
    if len(back):
        i = int(back[0]) + 1
        raise RecordingError(
            f"{where(i)}: time_s {time_s[i]:g} does not increase (the line before has {time_s[i - 1]:g})"
        )
    step = float(np.median(steps))
    _check_rate(1.0 / step if step > 0 else math.inf, where)
    _check_duration(float(time_s[-1]) - float(time_s[0]), where)
    _check_gaps(steps, step, where)
    return time_s


def _check_rate(rate: float, where: Where) -> None:
    low, high = threshold("min_frame_rate"), threshold("max_frame_rate")
    if rate < low * (1 - 1e-6):
        hint = (
            "; the times look like milliseconds: give time_s in seconds" if low <= rate * 1000 <= high else ""
        )
        raise RecordingError(
            f"{where(None)}: {f'{rate:.1f}' if rate >= 0.1 else f'{rate:.2g}'} frames per second is too few; "
            f"at least {low:g} are needed to time the phases{hint}"
        )
    if rate > high * (1 + 1e-6):
        raise RecordingError(
            f"{where(None)}: {rate:.4g} frames per second is more than any camera gives (at most {high:g}); "
            "is time_s in seconds?"
        )


def _check_duration(duration: float, where: Where) -> None:
    longest = threshold("max_set_duration_s")
    if not duration <= longest:
        raise RecordingError(
            f"{where(None)}: the recording lasts {duration:.4g} s; one set lasts at most "
            f"{longest:g} s ({longest / 60:g} minutes): split the file into sets"
        )


def _check_gaps(steps: np.ndarray, step: float, where: Where) -> None:
    most = threshold("time_gap_max_frames")
    wide = np.flatnonzero(steps > most * step * (1 + 1e-9))
    if len(wide):
        i = int(wide[0])
        raise RecordingError(
            f"{where(i + 1)}: {steps[i]:.4g} s pass since the frame before, more than {most:g} frames "
            f"at {1 / step:.0f} per second: split the recording there, or give the missing frames "
            "with blank angle cells"
        )


def check_angles(angles: object, frames: int, where: Where) -> dict[str, np.ndarray]:
    """Angles by Pose field name as float arrays of `frames` values, inside the model's limits; NaN allowed.

    Raises RecordingError naming the field, the allowed range and the value given.
    """
    if not isinstance(angles, Mapping):
        raise RecordingError(
            f"{where(None)}: angles must map Pose field names to arrays; got {type(angles).__name__}"
        )
    unknown = [name for name in angles if name not in POSE_FIELDS]
    if unknown:
        raise RecordingError(
            f"{where(None)}: angles has the unknown name {unknown[0]!r}; "
            f"the names are {', '.join(POSE_FIELDS)}"
        )
    if "hip_extension" not in angles:
        raise RecordingError(f"{where(None)}: no hip_extension angle; the reps are counted from it")
    limits = read_limits()
    checked = {}
    for name, values in angles.items():
        series = as_series(f"{name}_deg", values, where)
        if len(series) != frames:
            raise RecordingError(
                f"{where(None)}: {name} has {len(series)} values for {frames} frames; give one per frame"
            )
        low, high, unit = limits[name]
        with np.errstate(invalid="ignore"):
            outside = np.flatnonzero(np.isinf(series) | (series < low) | (series > high))
        if len(outside):
            i = int(outside[0])
            raise RecordingError(
                f"{where(i)}: {name}_deg is outside the allowed range {low:g} to {high:g} {unit}; "
                f"got {series[i]:g}"
            )
        checked[name] = series
    return checked


def check_recording_parts(
    time_s: object, angles: object, where: Where
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Time and angles of a recording, checked together (see `check_time` and `check_angles`)."""
    time_s = check_time(time_s, where)
    return time_s, check_angles(angles, len(time_s), where)


# --- is there a signal? ------------------------------------------------------------------------------


def looks_like_radians(angles: Mapping[str, np.ndarray]) -> bool:
    """True when every angle lies within ±2π and the hip still moves: degrees would be a twitch."""
    values = np.concatenate([np.asarray(v, dtype=float) for v in angles.values()])
    values = values[np.isfinite(values)]
    hip = np.asarray(angles["hip_extension"], dtype=float)
    hip = hip[np.isfinite(hip)]
    if len(hip) < 3 or not len(values):
        return False
    return bool(np.max(np.abs(values)) <= 2 * math.pi and np.ptp(hip) >= 0.1)


def radians_hint(angles: Mapping[str, np.ndarray]) -> str:
    """The sentence that says the angles look like radians."""
    hip = np.asarray(angles["hip_extension"], dtype=float)
    return (
        f"every angle lies within ±2π and the hip moves only {np.nanmax(hip) - np.nanmin(hip):.2f}: "
        "the angles look like radians; give degrees (radians × 57.3)"
    )


def hip_span(hip_deg: np.ndarray) -> float:
    """How far the hip angle moves (degrees): the span between the counting percentiles, NaN ignored."""
    hip = np.asarray(hip_deg, dtype=float)
    hip = hip[np.isfinite(hip)]
    if not len(hip):
        return 0.0
    percentile = threshold("count_range_percentile")
    low, high = np.percentile(hip, [percentile, 100 - percentile])
    return float(high - low)


def signal_problem(time_s: np.ndarray, angles: Mapping[str, np.ndarray]) -> str | None:
    """Why a valid recording holds no signal to judge, in one sentence; None when it has one."""
    hip = np.asarray(angles["hip_extension"], dtype=float)
    known = np.isfinite(hip)
    if not known.any():
        return (
            "No hip angle in any frame (every cell blank or NaN, or every keypoint below the "
            f"confidence {threshold('keypoint_score_min'):g}): there is nothing to judge."
        )
    share = 1.0 - float(known.mean())
    if share > threshold("missing_max_fraction"):
        return (
            f"The hip angle is missing or low-confidence in {share:.0%} of the frames (more than "
            f"{threshold('missing_max_fraction'):.0%}): the set cannot be judged."
        )
    duration = float(time_s[-1] - time_s[0])
    if duration < threshold("min_set_duration_s"):
        return (
            f"The recording lasts {duration:.2f} s; a rep needs at least "
            f"{threshold('min_set_duration_s'):g} s: there is nothing to judge."
        )
    if looks_like_radians(angles):
        return radians_hint(angles)[0].upper() + radians_hint(angles)[1:] + "."
    span = hip_span(hip)
    if span < threshold("count_min_range_deg"):
        return (
            f"The hip angle moves only {span:.1f}° over the recording (a rep needs "
            f"{threshold('count_min_range_deg'):g}° or more): a flat line, no movement to judge."
        )
    return None
