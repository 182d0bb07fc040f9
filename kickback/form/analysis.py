"""Check a recorded set: count the reps, time their phases, and judge each against the six mistakes.

`analyze_set(recording, variant)` validates the recording, finds the reps (`kickback.form.reps`),
runs every rep check that the recorded angles allow, and returns a `SetReport` that says in
words what it found and what it could not judge.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from ..model.variants import check_variant
from .findings import (
    SEVERITIES,
    CannotJudge,
    Finding,
    _arched,
    _finding,
    _pelvis,
    _short_top,
)
from .recordings import Recording
from .reps import (
    MeasuredTempo,
    Rep,
    count_reps,
    measured_time_under_tension,
    summarize_tempo,
    time_phases,
)
from .signal import lowpass, resample_uniform
from .thresholds import threshold


@dataclass(frozen=True)
class SetReport:
    """What a recorded set showed: its reps, tempo, findings, what could not be judged, and notes."""

    variant: str
    source: str
    reps: tuple[Rep, ...]
    findings: tuple[Finding, ...]
    cannot_judge: tuple[CannotJudge, ...]
    tempo: MeasuredTempo | None
    time_under_tension_s: float
    notes: tuple[str, ...] = ()

    def mistakes(self) -> set[str]:
        """The mistake ids found anywhere in the set."""
        return {finding.mistake for finding in self.findings}

    def as_dict(self) -> dict[str, object]:
        """The report as plain values: keys reps, findings, cannot_judge, tempo, ... (what `--json` prints)."""
        tempo = self.tempo
        return {
            "variant": self.variant,
            "source": self.source,
            "reps": [rep.as_dict() for rep in self.reps],
            "tempo": str(tempo) if tempo else None,
            "tempo_s": {"up": round(tempo.up_s, 2), "hold": round(tempo.hold_s, 2), "down": round(tempo.down_s, 2)} if tempo else None,
            "time_under_tension_s": round(self.time_under_tension_s, 2),
            "findings": [finding.as_dict() for finding in self.findings],
            "cannot_judge": [item.as_dict() for item in self.cannot_judge],
            "notes": list(self.notes),
        }

    def describe(self) -> str:
        """The report in words: a line for the set, a table of reps, the findings grouped by check."""
        return "\n".join(_describe_set(self) + _describe_reps(self.reps) + _describe_findings(self.findings) + _describe_rest(self))

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(self.describe())


# --- the checks on a set ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _SetData:
    """What every per-rep check reads: the smoothed angles on an even grid and where they are missing."""

    variant: str
    step: float
    angles: dict[str, np.ndarray]
    missing: dict[str, np.ndarray]
    side_view: bool

    def window(self, name: str, rep: Rep) -> np.ndarray | None:
        """One angle over a rep (start to end), or None if the angle is absent or has a long gap there."""
        if name not in self.angles:
            return None
        part = slice(rep.start_index, rep.end_index + 1)
        if self.missing[name][part].any():
            return None
        return self.angles[name][part]


def _check_arched(data: _SetData, rep: Rep) -> list[Finding]:
    hip = data.window("hip_extension", rep)
    lumbar = data.window("lumbar_extension", rep)
    thigh_to_trunk = hip + lumbar if lumbar is not None else hip
    return _arched(rep.number, None if lumbar is None else float(lumbar.max()), float(thigh_to_trunk.max()), data.side_view)


def _check_pelvis(data: _SetData, rep: Rep) -> list[Finding]:
    rotation = data.window("pelvic_rotation", rep)
    return _pelvis(rep.number, float(rotation[np.argmax(np.abs(rotation))]))


def _check_trunk(data: _SetData, rep: Rep) -> list[Finding]:
    trunk = data.window("trunk_lean", rep)
    moved = float(trunk.max() - trunk.min())
    limit = threshold("trunk_excursion_max")
    if moved <= limit:
        return []
    message = f"Rep {rep.number}: the trunk moved through {moved:.0f}° while the leg worked (limit {limit:.0f}°); the core did not hold it still."
    if data.side_view:
        message += " From the side this can also be the lower back arching, which tilts the shoulder-hip line."
    return [_finding("weak_core", "trunk_excursion", rep.number, moved, limit, "deg", limit, message)]


def _check_range(data: _SetData, rep: Rep) -> list[Finding]:
    return _short_top(rep.number, rep.peak_hip_extension_deg, data.variant, data.side_view)


def _check_lowering(data: _SetData, rep: Rep) -> list[Finding]:
    limit = threshold("eccentric_min_s")
    if rep.eccentric_s >= limit:
        return []
    message = f"Rep {rep.number}: the leg came down in {rep.eccentric_s:.1f} s (at least {limit:.0f} s, ideally 3 s); the lowering was not controlled."
    return [_finding("incomplete_rom", "lowering_time", rep.number, rep.eccentric_s, limit, "s", limit / 2, message)]


def _check_lift(data: _SetData, rep: Rep) -> list[Finding]:
    """momentum: a lift that is too quick, or a burst of speed within it."""
    found = []
    limit = threshold("concentric_min_s")
    if rep.concentric_s < limit:
        message = f"Rep {rep.number}: the lift took {rep.concentric_s:.1f} s (at least {limit:.0f} s); momentum did part of the glute's work."
        found.append(_finding("momentum", "lift_time", rep.number, rep.concentric_s, limit, "s", limit / 2, message))
    speed_limit = threshold("peak_speed_factor") * max(rep.range_deg, 0.0) / limit
    if rep.range_deg > 0 and rep.peak_speed_deg_s > speed_limit:
        message = (
            f"Rep {rep.number}: the leg peaked at {rep.peak_speed_deg_s:.0f}°/s, faster than {speed_limit:.0f}°/s "
            f"for its {rep.range_deg:.0f}° range: a kick, not a squeeze."
        )
        found.append(_finding("momentum", "peak_speed", rep.number, rep.peak_speed_deg_s, speed_limit, "deg/s", speed_limit / 2, message))
    return found


def _check_hold(data: _SetData, rep: Rep) -> list[Finding]:
    limit = threshold("top_hold_min_s")
    if rep.top_hold_s >= limit:
        return []
    message = f"Rep {rep.number}: no pause at the top ({rep.top_hold_s:.1f} s; at least {limit:.1f} s): the leg swung through."
    return [_finding("momentum", "top_hold", rep.number, rep.top_hold_s, limit, "s", limit / 2, message)]


def _arrival_fraction(data: _SetData, previous: Rep, rep: Rep) -> float:
    """How fast the leg arrived at the bottom before `rep`, as a fraction of the previous rep's fastest lowering."""
    hip = data.angles["hip_extension"]
    bottom = previous.lower_peak_index + int(np.argmin(hip[previous.lower_peak_index : rep.lift_peak_index + 1]))
    window = max(1, int(round(threshold("rebound_window_s") / data.step)))
    first = max(previous.lower_peak_index, bottom - window)
    speeds = -np.diff(hip[first : bottom + 1]) / data.step
    return float(speeds.mean()) / previous.peak_lowering_speed_deg_s if len(speeds) else 0.0


def _check_rebound(data: _SetData, rep: Rep, previous: Rep | None) -> list[Finding]:
    """momentum: the leg was not braked at the bottom but bounced into this rep's lift."""
    if previous is None or previous.peak_lowering_speed_deg_s <= 0:
        return []
    fraction = _arrival_fraction(data, previous, rep)
    limit = threshold("rebound_speed_fraction")
    if fraction <= limit:
        return []
    message = (
        f"Rep {rep.number}: the leg reached the bottom still moving at {fraction:.0%} of its fastest lowering speed "
        f"(limit {limit:.0%}) and bounced into the lift."
    )
    return [_finding("momentum", "rebound", rep.number, fraction, limit, "fraction", 0.2, message)]


# Each per-rep check: (mistake, check, the angles it needs, the function).
_REP_CHECKS: tuple[tuple[str, str, tuple[str, ...], Callable[[_SetData, Rep], list[Finding]]], ...] = (
    ("arched_back", "arched_back", ("hip_extension",), _check_arched),
    ("momentum", "lift", ("hip_extension",), _check_lift),
    ("momentum", "top_hold", ("hip_extension",), _check_hold),
    ("incomplete_rom", "top_position", ("hip_extension",), _check_range),
    ("incomplete_rom", "lowering_time", ("hip_extension",), _check_lowering),
    ("weak_core", "trunk_excursion", ("trunk_lean",), _check_trunk),
    ("pelvic_rotation", "pelvic_rotation", ("pelvic_rotation",), _check_pelvis),
)


def _absent_reasons(data: _SetData) -> list[CannotJudge]:
    """What cannot be judged at all because an angle was not measured."""
    items = []
    if "lumbar_extension" not in data.angles:
        if data.side_view:
            reason = ("From a side view the lumbar spine is not seen: its arch is not measured. arched_back is judged "
                      "from the thigh's angle to the trunk line instead (beyond the hip's own range the back lent the rest).")
        else:
            reason = ("No lumbar_extension_deg column: the lower back's arch was not measured. arched_back is judged "
                      "from the hip angle alone (beyond the hip's own range the back lent the rest).")
        items.append(CannotJudge("arched_back", "lumbar_extension", reason))
    if "trunk_lean" not in data.angles:
        items.append(CannotJudge("weak_core", "trunk_excursion", "No trunk_lean_deg column: how still the trunk stayed was not measured."))
    if "pelvic_rotation" not in data.angles:
        reason = ("A side view cannot see the pelvis turn: it turns across the camera's line of sight." if data.side_view
                  else "No pelvic_rotation_deg column: the pelvis's turning was not measured.")
        items.append(CannotJudge("pelvic_rotation", "pelvic_rotation", reason))
    return items


def _judge_reps(data: _SetData, reps: Sequence[Rep]) -> tuple[list[Finding], list[CannotJudge]]:
    """Run every per-rep check on every rep; a rep with a long gap in an angle a check needs is not judged by it."""
    findings: list[Finding] = []
    unjudged: list[CannotJudge] = []
    for i, rep in enumerate(reps):
        for mistake, check, needs, function in _REP_CHECKS:
            if any(name not in data.angles for name in needs):
                continue
            if any(data.window(name, rep) is None for name in needs):
                unjudged.append(CannotJudge(mistake, check, _gap_reason(needs), rep.number))
                continue
            findings += function(data, rep)
        if data.window("hip_extension", rep) is not None:
            findings += _check_rebound(data, rep, reps[i - 1] if i else None)
    return findings, unjudged


def _gap_reason(needs: Iterable[str]) -> str:
    gap = threshold("gap_fill_max_s")
    return f"{' and '.join(needs)} is missing (or low-confidence) for more than {gap:g} s in this rep."


def _load_trend(data: _SetData, reps: Sequence[Rep], findings: Sequence[Finding]) -> tuple[list[Finding], list[CannotJudge]]:
    """excessive_load: the range shrinking, or arching, momentum or a moving trunk appearing, late in the set."""
    needed = int(threshold("load_min_reps"))
    if len(reps) < needed:
        reason = f"{len(reps)} reps: a trend over the set needs at least {needed}."
        return [], [CannotJudge("excessive_load", "load_trend", reason)]
    k = max(2, len(reps) // 3)
    early, late = reps[:k], reps[-k:]
    found = _range_drop(early, late) + _appearing(early, late, findings)
    return found, []


def _range_drop(early: Sequence[Rep], late: Sequence[Rep]) -> list[Finding]:
    first = float(np.mean([rep.peak_hip_extension_deg for rep in early]))
    last = float(np.mean([rep.peak_hip_extension_deg for rep in late]))
    drop, limit = first - last, threshold("load_rom_drop_deg")
    if drop <= limit:
        return []
    message = (
        f"The hip's peak fell from {first:.0f}° in the first {len(early)} reps to {last:.0f}° in the last {len(late)} "
        f"({drop:.0f}° less; limit {limit:.0f}°): the load outlasted the glute."
    )
    return [_finding("excessive_load", "range_drop", None, drop, limit, "deg", limit, message)]


_SHOWN_AS = {"arched_back": "An arched back", "momentum": "Momentum", "weak_core": "A moving trunk"}


def _appearing(early: Sequence[Rep], late: Sequence[Rep], findings: Sequence[Finding]) -> list[Finding]:
    """A compensation seen in the last third of the set but not in the first."""
    found = []
    early_numbers = {rep.number for rep in early}
    late_numbers = {rep.number for rep in late}
    for mistake, words in _SHOWN_AS.items():
        reps_with = {f.rep for f in findings if f.mistake == mistake}
        showing = sorted(reps_with & late_numbers)
        if showing and not reps_with & early_numbers:
            listed = ", ".join(str(n) for n in showing)
            message = f"{words} appeared in rep {listed} but not in the first {len(early)} reps: the load grew heavier than your form."
            found.append(_finding("excessive_load", f"{mistake}_appearing", None, len(showing), 0, "reps", len(late), message))
    return found


def _as_recording(recording: "Recording | str | Path") -> "Recording":
    """A Recording as given, or read from an angles CSV path."""
    from .recordings import Recording, read_angles_csv

    if isinstance(recording, (str, Path)):
        return read_angles_csv(recording)
    if not isinstance(recording, Recording):
        raise ValueError(f"recording must be a Recording or the path of an angles CSV; got {type(recording).__name__}")
    if "hip_extension" not in recording.angles or len(recording.time_s) < 2:
        raise ValueError("recording must hold a hip_extension angle over at least two frames")
    return recording


def analyze_set(recording: "Recording | str | Path", variant: str) -> SetReport:
    """Reps, tempo and findings of a recorded set (a Recording, or the path of an angles CSV).

    >>> from kickback.recordings import simulate_set
    >>> report = analyze_set(simulate_set("cable", "momentum"), "cable")
    >>> len(report.reps), "momentum" in report.mistakes()
    (8, True)
    """
    check_variant(variant)
    recording = _as_recording(recording)
    grid, filled, missing = resample_uniform(recording.time_s, recording.angles)
    step = float(grid[1] - grid[0]) if len(grid) > 1 else 1.0
    data = _SetData(variant, step, {name: lowpass(values, 1.0 / step) for name, values in filled.items()}, missing,
                    recording.hip_measure == "thigh_to_trunk")
    unjudged = _absent_reasons(data)
    share = float(missing["hip_extension"].mean())
    if share > threshold("missing_max_fraction"):
        reason = f"The hip angle is missing or low-confidence in {share:.0%} of the frames: the set cannot be judged."
        return _report(data, recording, [], [], unjudged + [CannotJudge("", "reps", reason)])
    hip = data.angles["hip_extension"]
    reps = time_phases(grid, hip, count_reps(hip, 1.0 / step))
    if not reps:
        reason = "No rep was found: the hip angle never rose and fell back through a clear range."
        return _report(data, recording, [], [], unjudged + [CannotJudge("", "reps", reason)])
    findings, gaps = _judge_reps(data, reps)
    trend, too_few = _load_trend(data, reps, findings)
    return _report(data, recording, reps, findings + trend, unjudged + gaps + too_few)


def _report(data: _SetData, recording: "Recording", reps: Sequence[Rep], findings: Sequence[Finding], unjudged: Sequence[CannotJudge]) -> SetReport:
    return SetReport(
        variant=data.variant,
        source=recording.source,
        reps=tuple(reps),
        findings=tuple(findings),
        cannot_judge=tuple(unjudged),
        tempo=summarize_tempo(reps),
        time_under_tension_s=measured_time_under_tension(reps),
        notes=tuple(recording.notes),
    )


# --- the report in words ------------------------------------------------------------------------


def _describe_set(report: SetReport) -> list[str]:
    count = len(report.reps)
    line = f"{report.variant} kickback set ({report.source}): {count} rep{'s' if count != 1 else ''}"
    if report.tempo:
        line += f", tempo {report.tempo} (seconds up-hold-down), {report.time_under_tension_s:.0f} s under tension"
    return [line + "."]


def _describe_reps(reps: Sequence[Rep]) -> list[str]:
    if not reps:
        return []
    lines = ["", " rep  start s   up s  hold s  down s  pause s  peak hip"]
    for rep in reps:
        pause = "-" if rep.bottom_pause_s is None else f"{rep.bottom_pause_s:.1f}"
        lines.append(
            f"{rep.number:4d} {rep.start_s:8.1f} {rep.concentric_s:6.1f} {rep.top_hold_s:7.1f} {rep.eccentric_s:7.1f}"
            f" {pause:>8} {rep.peak_hip_extension_deg:8.0f}°"
        )
    return lines


def _describe_findings(findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return ["", "No mistakes found."]
    lines = ["", "Findings:"]
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.mistake, finding.check), []).append(finding)
    for (mistake, check), group in groups.items():
        worst = max(group, key=lambda f: (SEVERITIES.index(f.severity), abs(f.measured - f.limit)))
        reps = [str(f.rep) for f in group if f.rep is not None]
        where = f" in rep{'s' if len(reps) > 1 else ''} {', '.join(reps)}" if reps else ""
        lines.append(f"- {mistake} ({check}){where}, at worst {worst.severity}. {worst.message}")
        lines.append(f"  Cue: {worst.cue}")
    return lines


def _describe_rest(report: SetReport) -> list[str]:
    lines = []
    if report.cannot_judge:
        lines += ["", "Cannot judge:"]
        lines += [f"- {item.mistake or item.check}{f' (rep {item.rep})' if item.rep else ''}: {item.reason}" for item in report.cannot_judge]
    if report.notes:
        lines += ["", "Notes:"] + [f"- {note}" for note in report.notes]
    return lines
