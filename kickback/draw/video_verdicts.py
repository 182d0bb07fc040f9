"""What a checked video's report judged at each frame shown: the rep, the faults judged at that very frame
(✗, only there), and how a call was made where it rests on a teaching heuristic.

A fault is judged at one frame (an arched back at the rep's top, data/thresholds.csv); the rep's other
frames are neutral, so a mid-lowering frame is never marked with a fault it does not show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..form.findings import Finding
from ..form.recordings import Recording
from ..form.report import SetReport
from ..form.video_findings import is_uncertain, locate_findings
from .style import MARKS


@dataclass(frozen=True)
class FrameVerdict:
    """What the report judged at a frame, and about the rep it falls in.

    `rep` is the rep's number, or None for a frame before, between or after the reps; `faults` names
    the faults judged at this very frame (the frame each finding names: the rep's top for an arched
    back) in words ("arched back"), a "?" after a fault within the camera's error; `why` says how a
    call was made where the learner needs it ("29° > 25°: the back likely helped (teaching
    heuristic)"); `elsewhere` the times (s) of this rep's frames where its faults are judged, when
    they are judged on other frames: this frame itself is then neutral, neither ✓ nor ✗.
    """

    rep: int | None
    faults: tuple[str, ...] = ()
    why: tuple[str, ...] = ()
    elsewhere: tuple[float, ...] = ()


def judged_why(finding: Finding) -> str:
    """How a finding was called, where the call rests on a teaching heuristic ("" otherwise).

    An arched back judged from a side video's thigh-to-trunk angle (thigh_trunk_margin on top of the
    hip's range, data/thresholds.csv) says its numbers and that the cut is a teaching heuristic.

    >>> judged_why(Finding("arched_back", 1, "mild", 29.2, 25.0, "deg", "", "", "thigh_to_trunk"))
    '29° > 25°: the back likely helped (teaching heuristic)'
    """
    if finding.mistake == "arched_back" and finding.check == "thigh_to_trunk":
        return f"{finding.measured:.0f}° > {finding.limit:.0f}°: the back likely helped (teaching heuristic)"
    return ""


def frame_verdicts(
    report: SetReport, recording: Recording, frames: Sequence[int], names: Mapping[str, str]
) -> dict[int, FrameVerdict]:
    """Each frame's rep and that rep's faults, from the report's findings (a set-wide finding marks no frame).

    Parameters
    ----------
    report : SetReport
        From `analyze_set` on `recording`.
    recording : Recording
        The recording (times in s) the frames are rows of.
    frames : Sequence of int
        The frames shown.
    names : Mapping of str to str
        Mistake id -> its name in words, e.g. "arched_back" -> "arched back".

    Returns
    -------
    dict of int to FrameVerdict
        By frame number.
    """
    located = locate_findings(report, recording)
    verdicts = {}
    for frame in frames:
        now = float(recording.time_s[frame])
        rep = next((r for r in report.reps if r.start_s <= now <= r.end_s), None)
        if rep is None:
            verdicts[frame] = FrameVerdict(None)
            continue
        own = [item for item in located if item.finding.rep == rep.number]
        here = [item.finding for item in own if item.frame == frame]
        faults = (names.get(f.mistake, f.mistake) + ("?" if is_uncertain(f) else "") for f in here)
        why = tuple(w for w in (judged_why(f) for f in here) if w)
        times = {round(float(recording.time_s[item.frame]), 1) for item in own}  # as the frames say them
        elsewhere = () if here else tuple(sorted(times))
        verdicts[frame] = FrameVerdict(rep.number, tuple(dict.fromkeys(faults)), why, elsewhere)
    return verdicts


def verdict_words(verdict: FrameVerdict | None) -> tuple[str, str]:
    """A frame's mark and words: ("✓", "rep 2: no fault"), ("✗", "rep 3: arched back"), ("", "not in a rep"),
    or, on a frame of a faulty rep away from where the fault is judged, ("", "rep 3: fault judged at 4.2 s").

    ("", "") when the frame was not judged.
    """
    if verdict is None:
        return "", ""
    if verdict.rep is None:
        return "", "not in a rep"
    if verdict.faults:
        return MARKS["mistake"], f"rep {verdict.rep}: {', '.join(verdict.faults)}"
    if verdict.elsewhere:
        faults = "faults" if len(verdict.elsewhere) > 1 else "fault"
        return (
            "",
            f"rep {verdict.rep}: {faults} judged at {', '.join(f'{t:.1f}' for t in verdict.elsewhere)} s",
        )
    return MARKS["correct"], f"rep {verdict.rep}: no fault"


__all__ = ["FrameVerdict", "frame_verdicts", "judged_why", "verdict_words"]
