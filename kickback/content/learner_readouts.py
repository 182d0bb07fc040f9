"""One-call readouts for the lessons: plain sentences and tables with units, no code names or file paths.

Each wraps a model or checker function a lesson would otherwise call in two steps (build a Pose, then
split it) or whose bare result lacks a unit (a float of seconds, a list of file names).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data_files import read_table
from ..form.recordings import guess_format, list_recordings
from ..model.leg_height import LegHeight, split_leg_height
from ..model.pose import Pose, read_limits, read_normal_range
from ..model.variants import VARIANTS
from ..table import Table
from ..validate import check_choice, check_in_range
from .plain_words import plain_text
from .tempo import parse_tempo, prescribed_time_under_tension

FORMAT_WORDS: dict[str, str] = {
    "angles": "joint angles over time",
    "coco17": "body points from a video (17 points a frame)",
}
NORMAL_RANGE_NAMES: dict[str, str] = {"hip extension": "hip_extension"}


@dataclass(frozen=True)
class Readout:
    """A short answer in words, shown as plain text in a notebook."""

    text: str

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(self.text)


def _checked_angle(field: str, pose_field: str, value: float) -> float:
    """`value` checked against the model's limits for `pose_field`, the error naming the learner's word."""
    low, high, _unit = read_limits()[pose_field]
    return check_in_range(field, value, low, high, "°")


def show_leg_height(
    hip_extension: float = 15, lower_back_arch: float = 25, trunk_lean: float = 20
) -> LegHeight:
    """How high the leg looks, split into what the hip, the lower back and the trunk each add.

    Parameters
    ----------
    hip_extension : float
        How far the thigh is behind the trunk line at the hip (degrees; minus is flexed).
    lower_back_arch : float
        How far the lower back arches past its neutral curve (degrees).
    trunk_lean : float
        How far the trunk leans forward from upright (degrees).

    Returns
    -------
    LegHeight
        The leg's angle from hanging and its three parts (degrees), shown as one sentence.

    >>> show_leg_height(15, 25, 20).apparent
    60.0
    """
    pose = Pose(
        hip_extension=_checked_angle("hip_extension", "hip_extension", hip_extension),
        lumbar_extension=_checked_angle("lower_back_arch", "lumbar_extension", lower_back_arch),
        trunk_lean=_checked_angle("trunk_lean", "trunk_lean", trunk_lean),
    )
    return split_leg_height(pose)


def show_time_under_tension(tempo: str = "2-1-3", reps: int = 10) -> Readout:
    """How long a set keeps the muscle working, with the sum that gives it.

    Parameters
    ----------
    tempo : str
        Seconds up-hold-down (optionally -pause), e.g. "2-1-3"; X for explosive counts 0 s.
    reps : int
        Reps in the set, 1 to 100.

    Returns
    -------
    Readout
        E.g. "Time under tension: 60 s (10 reps × 6 s a rep)."
    """
    total_s = prescribed_time_under_tension(tempo, reps)
    rep_s = parse_tempo(tempo).rep_s
    lower_bound = " at least" if "X" in str(tempo).upper() else ""
    return Readout(
        f"Time under tension:{lower_bound} {total_s:.0f} s ({int(reps)} reps × {rep_s:g} s a rep, "
        f"tempo {tempo} seconds up-hold-down)."
    )


def _recording_mistake(stem: str, variant: str, fmt: str) -> str:
    """The mistake a shipped recording shows, from its name: its title, or "none: good form"."""
    middle = stem.removeprefix(variant + "_").removesuffix("_" + fmt)
    if middle == "good":
        return "none: good form"
    titles = {row["id"]: row["title"] for row in read_table("mistakes")}
    return titles.get(middle, middle.replace("_", " "))


def show_recordings() -> Table:
    """The example recordings shipped with the course: variant, mistake shown and kind of file.

    Returns
    -------
    Table
        One row per recording; the last column is the name to give `show_set` or `check_your_set`.
    """
    rows = []
    for name in list_recordings():
        stem = Path(name).stem
        variant = next((v for v in VARIANTS if stem.startswith(v + "_")), "")
        fmt = guess_format(name)
        words = "bodyweight (on all fours)" if variant == "bodyweight" else variant
        rows.append((words, _recording_mistake(stem, variant, fmt), FORMAT_WORDS.get(fmt, fmt), name))
    return Table(
        ("variant", "mistake it shows", "kind of file", "name to use"),
        rows,
        "Simulated sets made for the course (not real people); each shows one mistake, or none.",
    )


def show_normal_range(joint: str = "hip extension") -> Readout:
    """A joint's normal range in plain words: the spread in published norms and the value the course uses.

    Parameters
    ----------
    joint : str
        "hip extension" (the only range the course tables).

    Returns
    -------
    Readout
        The range in degrees (°), why the course picks its value, and the sources by name.
    """
    key = str(joint).replace("_", " ") if isinstance(joint, str) else joint
    check_choice("joint", key, tuple(NORMAL_RANGE_NAMES))
    normal = read_normal_range(NORMAL_RANGE_NAMES[key])
    return Readout(
        f"Normal {key}: {normal.low:g}° to {normal.high:g}°; the course uses {normal.typical:g}°.\n"
        f"Why: {plain_text(normal.rationale)}\n"
        f"Sources: {plain_text(normal.source)}."
    )
