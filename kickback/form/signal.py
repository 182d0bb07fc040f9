"""Signal helpers: put angles on one even time grid, bridge short gaps, and smooth without lag."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from .recording_checks import RecordingError, as_series, check_time, frame_where
from .thresholds import threshold

# --- signals ---------------------------------------------------------------------------------


def resample_uniform(
    time_s: np.ndarray, channels: Mapping[str, np.ndarray]
) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """Put every channel on an even grid (the median frame interval) and bridge short gaps.

    Returns `(grid, filled, missing)`: `filled` has no NaN (gaps longer than `gap_fill_max_s`
    are bridged too, so counting can go on); `missing[name]` marks the grid points that lie in
    such a long gap, so their form cannot be judged.

    The times are checked first (`check_time`: a plausible rate, duration and no long break), so
    the grid never has more points than the recording's frames times `time_gap_max_frames`: a
    wrong time column is refused in one line instead of asking for gigabytes.
    """
    time_s = check_time(time_s, frame_where())
    channels = {name: as_series(name, values, frame_where()) for name, values in channels.items()}
    uneven = [name for name, values in channels.items() if len(values) != len(time_s)]
    if uneven:
        raise RecordingError(
            f"recording: {uneven[0]} has {len(channels[uneven[0]])} values for {len(time_s)} frames"
        )
    step = float(np.median(np.diff(time_s)))
    count = int(math.floor((time_s[-1] - time_s[0]) / step + 1e-6)) + 1
    grid = time_s[0] + step * np.arange(count)
    filled, missing = {}, {}
    for name, values in channels.items():
        filled[name], missing[name] = _fill(time_s, np.asarray(values, dtype=float), grid)
    return grid, filled, missing


def _fill(time_s: np.ndarray, values: np.ndarray, grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One channel on `grid`, straight lines across gaps; and where the gap was too long to trust."""
    valid = np.isfinite(values)
    if not valid.any():
        return np.zeros_like(grid), np.ones(grid.shape, dtype=bool)
    known_t, known_v = time_s[valid], values[valid]
    filled = np.interp(grid, known_t, known_v)
    gap_before = np.searchsorted(known_t, grid, side="right")
    left = known_t[np.clip(gap_before - 1, 0, len(known_t) - 1)]
    right = known_t[np.clip(gap_before, 0, len(known_t) - 1)]
    left = np.where(gap_before == 0, -np.inf, left)
    right = np.where(gap_before == len(known_t), np.inf, right)
    on_sample = np.isclose(grid, left, atol=1e-9, rtol=0)
    missing = ~on_sample & (right - left > threshold("gap_fill_max_s") + 1e-9)
    return filled, missing


def _butterworth2(cutoff_hz: float, rate_hz: float) -> tuple[tuple[float, float, float], tuple[float, float]]:
    """Coefficients of a 2nd-order Butterworth low-pass by the bilinear transform (pre-warped)."""
    k = math.tan(math.pi * cutoff_hz / rate_hz)
    norm = 1.0 + math.sqrt(2.0) * k + k * k
    b0 = k * k / norm
    return (b0, 2 * b0, b0), (2 * (k * k - 1) / norm, (1 - math.sqrt(2.0) * k + k * k) / norm)


def _run_filter(b: Sequence[float], a: Sequence[float], x: np.ndarray) -> np.ndarray:
    """Run the filter forward over `x`, starting at rest on its first value."""
    y = np.empty_like(x)
    x1 = x2 = y1 = y2 = float(x[0])
    for n, xn in enumerate(x.tolist()):
        yn = b[0] * xn + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2
        y[n] = yn
        x2, x1, y2, y1 = x1, xn, y1, yn
    return y


def lowpass(values: np.ndarray, rate_hz: float, cutoff_hz: float | None = None) -> np.ndarray:
    """Zero-phase low-pass: a 2nd-order Butterworth run forward, then backward.

    Running it both ways cancels the delay (no phase shift) and squares the gain, so the
    cut-off frequency (default `smoothing_cutoff_hz`) is where the amplitude halves.
    Each end is padded with its mirror image, as if the learner held still there, so noise in the
    last frames is not mistaken for movement.

    >>> np.allclose(lowpass(np.full(50, 3.0), 30.0), 3.0)
    True
    """
    cutoff = threshold("smoothing_cutoff_hz") if cutoff_hz is None else cutoff_hz
    values = np.asarray(values, dtype=float)
    if len(values) < 3 or cutoff >= rate_hz / 2:
        return values.copy()
    pad = min(len(values) - 1, int(round(3 * rate_hz / cutoff)))
    padded = np.concatenate([values[pad:0:-1], values, values[-2 : -pad - 2 : -1]])
    b, a = _butterworth2(cutoff, rate_hz)
    forward = _run_filter(b, a, padded)
    both = _run_filter(b, a, forward[::-1])[::-1]
    return both[pad : pad + len(values)]
