"""The words above each rep in the set chart: its number, ✓ or ✗, and its faults, one a line.

A rep's faults used to share one comma-separated line, and with three faults a label ran over its
neighbours'. Now each label is a narrow column, and the labels sit in two rows (odd reps low, even
reps just above their neighbours), so a label may be up to two reps wide.
"""

from __future__ import annotations

from ..form.report import SetReport
from ..form.shown_numbers import measured_words as measured_words  # shared with the report's words
from ..form.video_findings import is_uncertain
from .style import MARKS

FAULT_WORDS: dict[str, str] = {
    "arched_back": "arched back",
    "momentum": "momentum",
    "excessive_load": "too heavy",
    "incomplete_rom": "short range",
    "weak_core": "weak core",
    "pelvic_rotation": "hips turn",
}
LINE_PT = 11.0
"""The height of one line of a rep label (points), at FONT_SIZES["small"] and line spacing 1.1."""


UNCERTAIN_MARK = "?"
"""After a fault a camera cannot tell from a good rep (the video report's rule, `is_uncertain`)."""


def from_video(report: SetReport) -> bool:
    """True when the set was read from video keypoints (not measured angles): the camera's error applies."""
    return report.source != "angles"


def rep_faults(report: SetReport, rep: int) -> list[str]:
    """The faults found in one rep, in words, each once, in the report's order.

    From video a fault whose every finding in the rep lies within the camera's error of its limit gets
    a "?" (the same rule and mark as the video report); measured angles have no camera error.
    """
    found = [finding for finding in report.findings if finding.rep == rep]
    faults: list[str] = []
    for mistake in dict.fromkeys(finding.mistake for finding in found):
        words = FAULT_WORDS.get(mistake, mistake.replace("_", " "))
        unsure = from_video(report) and all(is_uncertain(f) for f in found if f.mistake == mistake)
        words += UNCERTAIN_MARK if unsure else ""
        if words not in faults:
            faults.append(words)
    return faults


def rep_label(number: int, faults: list[str]) -> str:
    """A rep's number and ✓ or ✗, then each fault on a line of its own (a narrow column per rep)."""
    mark = MARKS["mistake"] if faults else MARKS["correct"]
    return "\n".join([f"{number} {mark}", *faults])


def label_lines(report: SetReport) -> int:
    """The most lines any rep's label takes (1 for a clean rep), to leave room above the chart."""
    return max((1 + len(rep_faults(report, rep.number)) for rep in report.reps), default=1)


def label_offset(report: SetReport, number: int) -> float:
    """Points above the chart: odd reps low, even reps just above their odd neighbours' labels."""
    if number % 2:
        return 3.0
    neighbours = [
        1 + len(rep_faults(report, n)) for n in (number - 1, number + 1) if 1 <= n <= len(report.reps)
    ]
    return 3.0 + max(neighbours, default=0) * LINE_PT


def label_room(report: SetReport) -> float:
    """The height (points) the two rows of labels need above the chart, beyond a one-line label's room."""
    return max(0.0, 6.0 + 2 * label_lines(report) * LINE_PT - 28.0)


MOMENTUM_WORDS: dict[str, str] = {
    # the momentum checks (kickback/form/rep_checks.py) and how the number behind each is written
    "lift_time": "up {} s",
    "top_hold": "hold {} s",
    "peak_speed": "kick {}°/s",
}


def lift_time_words(report: SetReport, rep: int) -> str:
    """Under a rep flagged for momentum, the numbers behind the ✗, one a line ("up 0.9 s", "hold 0.0 s").

    The lift's time, the pause at the top and the lift's peak speed are what the momentum checks judge
    (concentric_min_s, top_hold_min_s, peak_speed_factor in data/thresholds.csv); "" for any other rep.
    """
    lines = []
    for finding in report.findings:
        template = MOMENTUM_WORDS.get(finding.check)
        if finding.rep == rep and finding.mistake == "momentum" and template:
            lines.append(template.format(measured_words(finding.measured, finding.limit, finding.unit)))
    return "\n".join(lines)
