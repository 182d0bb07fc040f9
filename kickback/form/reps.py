"""Reps from the hip angle: counting with hysteresis, the phases of each rep.

Also the measured tempo and time under tension.

Steps, each a small function:
1. the angles are put on one even grid and smoothed (`kickback.form.signal`);
2. `count_reps` finds each rep with two thresholds and hysteresis, as fractions of the set's own range;
3. `time_phases` times the lift, the hold at the top, the lowering and the pause at the bottom
   from the hip's angular speed;
4. `summarize_tempo` (a `MeasuredTempo`) and `measured_time_under_tension` sum the set up.

The counting thresholds live in data/thresholds.csv (group "count"), apart from the form thresholds,
so that a camera angle that skews the form angles cannot silently break the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .recording_checks import as_series, check_time, frame_where
from .signal import lowpass
from .thresholds import threshold

# --- counting ---------------------------------------------------------------------------------


def count_thresholds(hip_deg: np.ndarray) -> tuple[float, float] | None:
    """The low and high counting thresholds (degrees) for this hip signal, or None if it hardly moves."""
    hip_deg = np.asarray(hip_deg, dtype=float)
    if len(hip_deg) < 2 or not np.isfinite(hip_deg).all():
        return None
    percentile = threshold("count_range_percentile")
    low, high = np.percentile(hip_deg, [percentile, 100 - percentile])
    span = high - low
    if span < threshold("count_min_range_deg"):
        return None
    return low + threshold("count_low_fraction") * span, low + threshold("count_high_fraction") * span


def count_reps(hip_deg: np.ndarray, rate_hz: float) -> list[tuple[int, int]]:
    """Each rep as (index where the hip rose past the high threshold, index where it fell below the low one).

    A rep counts only after the hip was below the low threshold; twitches shorter than
    `count_min_rep_s` above the low threshold are skipped; a rep still up when the recording ends
    is not counted.
    """
    levels = count_thresholds(hip_deg)
    if levels is None:
        return []
    low, high = levels
    cycles, rose_past_low, up = [], None, None
    state = "unknown"
    for i, value in enumerate(hip_deg.tolist()):
        if value < low:
            if state == "high" and (i - rose_past_low) / rate_hz >= threshold("count_min_rep_s"):
                cycles.append((up, i))
            state, rose_past_low = "low", None
        elif state == "low" and rose_past_low is None:
            rose_past_low = i
        if state == "low" and value > high:
            state, up = "high", i
    return cycles


# --- phases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rep:
    """One rep: when it happened, how long each phase took, how far and how fast the hip went.

    Times in seconds, angles in degrees, speeds in degrees per second. `bottom_pause_s` is
    the pause at the bottom before this rep's lift (None for the first rep). The `*_index`
    fields point into the evenly resampled signal the rep was found in.
    """

    number: int
    start_s: float
    end_s: float
    concentric_s: float
    top_hold_s: float
    eccentric_s: float
    bottom_pause_s: float | None
    peak_hip_extension_deg: float
    start_hip_extension_deg: float
    peak_speed_deg_s: float
    peak_lowering_speed_deg_s: float
    start_index: int
    lift_peak_index: int
    top_start_index: int
    top_end_index: int
    lower_peak_index: int
    end_index: int

    @property
    def range_deg(self) -> float:
        """How far the hip travelled from the start of the lift to its peak (degrees)."""
        return self.peak_hip_extension_deg - self.start_hip_extension_deg

    def as_dict(self) -> dict[str, float | int | None]:
        """The rep's numbers by name, rounded for people (what `--json` prints)."""
        values = {
            "rep": self.number,
            "start_s": self.start_s,
            "end_s": self.end_s,
            "concentric_s": self.concentric_s,
            "top_hold_s": self.top_hold_s,
            "eccentric_s": self.eccentric_s,
            "bottom_pause_s": self.bottom_pause_s,
            "peak_hip_extension_deg": self.peak_hip_extension_deg,
            "range_deg": self.range_deg,
            "peak_speed_deg_s": self.peak_speed_deg_s,
        }
        return {
            key: (round(value, 2) if isinstance(value, float) else value) for key, value in values.items()
        }


def _rise(speed: np.ndarray, i: int, level: float) -> float:
    """Fractional index where the speed crosses `level` between samples i - 1 and i."""
    before, after = speed[i - 1], speed[i]
    return i - 1 + (level - before) / (after - before) if after != before else float(i)


def _phase_start(speed: np.ndarray, start: int, peak: int, low: float, high: float) -> float:
    """Where a phase starts: the line through the speed's crossings of `low` and `high` met at zero speed."""
    reached = next((i for i in range(start, peak + 1) if speed[i] >= high), peak)
    below = next((i for i in range(reached, start - 1, -1) if speed[i] < low), None)
    if below is None or reached == start:
        return float(start)
    a, b = _rise(speed, below + 1, low), _rise(speed, reached, high)
    return max(a - (b - a) * low / (high - low), float(start))


def _phase(speed: np.ndarray, start: int, stop: int, peak: int) -> tuple[float, float]:
    """Start and end (fractional indices) of the movement phase around `peak`.

    The speed's first rise past `phase_speed_high` of its peak and the last crossing below
    `phase_speed_low` before it define a straight line; followed down to zero speed, it marks the
    start. The end is found the same way, backwards in time. Near zero the speed is mostly noise;
    the line reads the start from the clear part of the rise and does not cut a slow start short.
    """
    start, stop = min(start, peak), max(stop, peak)
    if speed[peak] <= 0:
        return float(peak), float(peak)
    low = threshold("phase_speed_low") * speed[peak]
    high = threshold("phase_speed_high") * speed[peak]
    begin = _phase_start(speed, start, peak, low, high)
    reverse = speed[::-1]
    last = len(speed) - 1
    end = last - _phase_start(reverse, last - stop, last - peak, low, high)
    return begin, end


def time_phases(time_s: np.ndarray, hip_deg: np.ndarray, cycles: Sequence[tuple[int, int]]) -> list[Rep]:
    """Time each counted rep's phases from the smoothed hip angle on an even grid.

    The lift is the stretch around the fastest rise (see `_phase`), the lowering likewise
    around the fastest fall; the hold is what lies between them; the bottom pause lies
    between one rep's lowering and the next rep's lift.
    """
    step = float(time_s[1] - time_s[0])
    velocity = np.gradient(hip_deg) / step
    reps: list[Rep] = []
    for number, ((up, down), (left, right)) in enumerate(zip(cycles, _rep_bounds(hip_deg, cycles)), start=1):
        lift_peak = left + int(np.argmax(velocity[left : down + 1]))
        lower_peak = up + int(np.argmin(velocity[up : right + 1]))
        start, top_start = _phase(velocity, left, lower_peak, lift_peak)
        top_end, end = _phase(-velocity, lift_peak, right, lower_peak)
        marks = (start, lift_peak, top_start, top_end, lower_peak, end)
        reps.append(
            _make_rep(number, float(time_s[0]), step, hip_deg, velocity, marks, reps[-1] if reps else None)
        )
    return reps


def _rep_bounds(hip_deg: np.ndarray, cycles: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each rep, the stretch of signal it may use.

    From the lowest point before it to the lowest point after.
    """
    lows = [0]
    for (_, down), (next_up, _) in zip(cycles, cycles[1:]):
        lows.append(down + int(np.argmin(hip_deg[down : next_up + 1])))
    lows.append(len(hip_deg) - 1)
    return [(lows[i], lows[i + 1]) for i in range(len(cycles))]


def _make_rep(
    number: int,
    t0: float,
    step: float,
    hip_deg: np.ndarray,
    velocity: np.ndarray,
    marks: tuple[float, ...],
    previous: Rep | None,
) -> Rep:
    """Build a Rep from its six marks (fractional indices).

    The marks: start, fastest rise, top reached, top left, fastest fall, end.
    """
    start, lift_peak, top_start, top_end, lower_peak, end = marks
    first, last = int(round(start)), int(round(end))
    return Rep(
        number=number,
        start_s=float(t0 + start * step),
        end_s=float(t0 + end * step),
        concentric_s=float((top_start - start) * step),
        top_hold_s=float(max(top_end - top_start, 0.0) * step),
        eccentric_s=float((end - top_end) * step),
        bottom_pause_s=None if previous is None else float(max(t0 + start * step - previous.end_s, 0.0)),
        peak_hip_extension_deg=float(np.max(hip_deg[first : last + 1])),
        start_hip_extension_deg=float(np.interp(start, np.arange(len(hip_deg)), hip_deg)),
        peak_speed_deg_s=float(velocity[int(lift_peak)]),
        peak_lowering_speed_deg_s=float(-velocity[int(lower_peak)]),
        start_index=first,
        lift_peak_index=int(lift_peak),
        top_start_index=int(round(top_start)),
        top_end_index=int(round(top_end)),
        lower_peak_index=int(lower_peak),
        end_index=last,
    )


def detect_reps(time_s: np.ndarray, hip_deg: np.ndarray) -> list[Rep]:
    """Reps from an evenly sampled hip-extension signal (degrees): smooth, count, time.

    >>> t = np.arange(0, 20, 1 / 30)
    >>> len(detect_reps(t, 20 * np.sin(2 * np.pi * t / 5 - np.pi / 2)))
    4
    """
    time_s = check_time(time_s, frame_where())
    hip_deg = as_series("hip_extension", hip_deg, frame_where())
    if len(hip_deg) != len(time_s) or np.ptp(np.diff(time_s)) > 1e-6 * np.median(np.diff(time_s)):
        raise ValueError(
            f"detect_reps needs one hip angle per frame on an even grid; got {len(hip_deg)} angles "
            f"for {len(time_s)} frames (use analyze_set for a recording with uneven times)"
        )
    rate = 1.0 / (time_s[1] - time_s[0])
    smooth = lowpass(hip_deg, rate)
    return time_phases(time_s, smooth, count_reps(smooth, rate))


# --- the set ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasuredTempo:
    """The set's typical tempo (median over reps, seconds): up, hold at the top, down.

    Written as the course article writes it, up-hold-down ("2-1-3"), to the nearest half second.
    The common four-digit notation runs the other way (down, bottom pause, up, top pause).
    """

    up_s: float
    hold_s: float
    down_s: float

    def __str__(self) -> str:
        return "-".join(_half_seconds(value) for value in (self.up_s, self.hold_s, self.down_s))


def _half_seconds(value: float) -> str:
    """A duration to the nearest half second, without a trailing ".0": 2, 1.5, 0."""
    rounded = round(value * 2) / 2
    return f"{rounded:g}"


def summarize_tempo(reps: Sequence[Rep]) -> MeasuredTempo | None:
    """The median lift, hold and lowering times of the reps, or None without reps."""
    if not reps:
        return None
    return MeasuredTempo(
        up_s=float(np.median([rep.concentric_s for rep in reps])),
        hold_s=float(np.median([rep.top_hold_s for rep in reps])),
        down_s=float(np.median([rep.eccentric_s for rep in reps])),
    )


def measured_time_under_tension(reps: Sequence[Rep]) -> float:
    """Seconds from the first rep's lift to the last rep's lowering, pauses at the bottom included.

    The leg works the whole time (the weight never rests between reps), so the short pauses at
    the bottom count; the time before the first rep and after the last does not.

    Parameters
    ----------
    reps : Sequence[Rep]
        The reps of a set, in order (times in seconds).

    Returns
    -------
    float
        Time under tension (s); 0 without reps.
    """
    if not reps:
        return 0.0
    return reps[-1].end_s - reps[0].start_s
