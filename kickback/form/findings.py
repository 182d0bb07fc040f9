"""Findings: what one pose shows of the six common mistakes, each with its cue.

`check_pose(pose, variant, hip_range=...)` judges a single pose; `Finding` is the one shape every
check returns, for a pose or a rep of a recorded set. With the person's own hip extension range
(`hip_range`, degrees) the range of motion is judged against what their hip can do, and the arched
back by what the lower back does.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.pose import Pose
from ..model.variants import check_variant
from .thresholds import personal_hip_range, target_top, thigh_trunk_limit, threshold

MISTAKES: tuple[str, ...] = (
    "arched_back",
    "momentum",
    "excessive_load",
    "incomplete_rom",
    "weak_core",
    "pelvic_rotation",
)
SEVERITIES: tuple[str, ...] = ("mild", "moderate", "marked")

CUES: dict[str, str] = {
    "arched_back": (
        "Draw your belly gently in toward your spine and lift only as high as your glute can take "
        "the leg; stop before your lower back joins in."
    ),
    "momentum": (
        "Slow down, no swinging: about 2 seconds up, a 1-second hold at the top, "
        "and 2 to 3 seconds down (your plan's tempo)."
    ),
    "excessive_load": "Lighten the load until your last rep looks like your first: form before weight.",
    "incomplete_rom": (
        "Finish every rep: push the leg back until your glute squeezes hard, then lower it under control."
    ),
    "weak_core": (
        "Draw your belly gently in toward your spine and keep your chest and hips still while the leg moves."
    ),
    "pelvic_rotation": (
        "Keep both hips square and level: send the leg straight back, not out to the side, "
        "and do not lift that hip."
    ),
}
CHECK_CUES: dict[str, str] = {
    "rebound": "Let the leg come to rest at the bottom for a moment before the next lift: no bouncing.",
    "lowering_time": (
        "Lower the leg slowly, over 2 to 3 seconds (your plan's tempo), resisting the pull all the way."
    ),
    "top_hold": "Hold the top for a full second and squeeze the glute before you lower.",
}


@dataclass(frozen=True)
class Finding:
    """One mistake seen, in which rep, how bad, what was measured, and a coaching cue.

    Parameters
    ----------
    mistake : str
        One of MISTAKES, e.g. "arched_back".
    rep : int or None
        Rep number from 1; None for a single pose or the whole set.
    severity : str
        "mild", "moderate" or "marked".
    measured : float
        The value measured, in `unit`.
    limit : float
        The limit it crossed, in `unit`.
    unit : str
        Unit of `measured` and `limit`, e.g. "deg" (degrees) or "s" (seconds).
    message : str
        What it means, in plain words.
    cue : str
        A coaching cue.
    check : str, optional
        The measure that showed it, e.g. "lumbar_extension" or "thigh_to_trunk".
    """

    mistake: str
    rep: int | None
    severity: str
    measured: float
    limit: float
    unit: str
    message: str
    cue: str
    check: str = ""

    def as_dict(self) -> dict[str, object]:
        """The finding as plain values (what `--json` prints)."""
        return {
            "mistake": self.mistake,
            "check": self.check,
            "rep": self.rep,
            "severity": self.severity,
            "measured": round(self.measured, 2),
            "limit": round(self.limit, 2),
            "unit": self.unit,
            "message": self.message,
            "cue": self.cue,
        }


@dataclass(frozen=True)
class CannotJudge:
    """A check that was not run, and why.

    E.g. a missing column, a side view, a gap in the signal, too few reps.
    """

    mistake: str
    check: str
    reason: str
    rep: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {"mistake": self.mistake, "check": self.check, "rep": self.rep, "reason": self.reason}


def _severity(excess: float, margin: float) -> str:
    """How far past its limit a measure went, in words, relative to the check's own margin."""
    ratio = abs(excess) / margin if margin > 0 else float("inf")
    if ratio <= threshold("severity_moderate"):
        return "mild"
    if ratio <= threshold("severity_marked"):
        return "moderate"
    return "marked"


def _finding(
    mistake: str,
    check: str,
    rep: int | None,
    measured: float,
    limit: float,
    unit: str,
    margin: float,
    message: str,
) -> Finding:
    """A Finding with its severity and cue filled in."""
    return Finding(
        mistake=mistake,
        rep=rep,
        severity=_severity(measured - limit, margin),
        measured=float(measured),
        limit=float(limit),
        unit=unit,
        message=message,
        cue=CHECK_CUES.get(check, CUES[mistake]),
        check=check,
    )


def _rep_words(rep: int | None) -> str:
    return "This pose" if rep is None else f"Rep {rep}"


# --- the person's own range ---------------------------------------------------------------------


def _checked_range(hip_range: float | None) -> float | None:
    """`hip_range` checked (degrees), or None for the course's typical range."""
    return None if hip_range is None else personal_hip_range(hip_range)


def _range_words(hip_range: float | None) -> str:
    """Whose hip range the message quotes."""
    return "your hip's own range" if hip_range is not None else "the course's typical hip range"


# --- the checks on one position ------------------------------------------------------------------


def _arched(
    rep: int | None,
    lumbar: float | None,
    thigh_to_trunk: float,
    side_view: bool,
    hip_range: float | None = None,
) -> list[Finding]:
    """arched_back, judged by what the lower back does.

    Where the lumbar angle is measured, by it alone, whatever the hip's range. Where it is not (a side
    view), from the thigh's angle to the trunk line: beyond the person's own hip range (`hip_range`,
    degrees; None for the course's) plus a margin, the lower back most likely lent the rest.
    """
    who = _rep_words(rep)
    if lumbar is not None:
        limit = threshold("lumbar_extension_max")
        if lumbar <= limit:
            return []
        message = (
            f"{who}: the lower back arched {lumbar:.0f}° past neutral (up to {limit:.0f}° is allowed); "
            "that height came from the spine, not the hip."
        )
        return [_finding("arched_back", "lumbar_extension", rep, lumbar, limit, "deg", limit, message)]
    own = _checked_range(hip_range)
    limit = thigh_trunk_limit(own)
    if thigh_to_trunk <= limit:
        return []
    normal = personal_hip_range(own)
    line = "the trunk line (shoulder to hip)" if side_view else "the trunk"
    message = (
        f"{who}: the thigh reached {thigh_to_trunk:.0f}° behind {line}. "
        f"The hip extends about {normal:.0f}° on its own ({_range_words(own)}), "
        f"so the lower back most likely lent the other {thigh_to_trunk - normal:.0f}°."
    )
    margin = threshold("thigh_trunk_margin")
    return [_finding("arched_back", "thigh_to_trunk", rep, thigh_to_trunk, limit, "deg", margin, message)]


def _pelvis(rep: int | None, rotation: float, hike: float = 0.0) -> list[Finding]:
    """pelvic_rotation ("tilt or rotate"): the pelvis turned, or hiked up on one side, past its limit."""
    found = []
    limit = threshold("pelvic_rotation_max")
    if abs(rotation) > limit:
        message = (
            f"{_rep_words(rep)}: the pelvis turned {abs(rotation):.0f}° (up to {limit:.0f}° is allowed); "
            "the hips did not stay square."
        )
        found.append(
            _finding("pelvic_rotation", "pelvic_rotation", rep, abs(rotation), limit, "deg", limit, message)
        )
    hike_limit = threshold("pelvic_hike_max")
    if abs(hike) > hike_limit:
        side = "working" if hike > 0 else "standing"
        message = (
            f"{_rep_words(rep)}: the pelvis tilted {abs(hike):.0f}° up on the {side} side "
            f"(up to {hike_limit:.0f}° is allowed): a hip hike, so the hips did not stay level."
        )
        found.append(
            _finding("pelvic_rotation", "pelvic_hike", rep, abs(hike), hike_limit, "deg", hike_limit, message)
        )
    return found


def _short_top(
    rep: int | None, peak: float, variant: str, side_view: bool, hip_range: float | None = None
) -> list[Finding]:
    """incomplete_rom: the top stopped short of the variant's target, or of the person's own range.

    `hip_range` is the person's own hip extension range (degrees); None for the course's.
    """
    own = _checked_range(hip_range)
    target = target_top(variant, own)
    limit = target - threshold("rom_shortfall_max")
    if peak >= limit:
        return []
    what = "the thigh reached" if side_view else "the hip reached"
    whose = (
        f"your own range lets the hip reach about {target:.0f}°"
        if own is not None and target < target_top(variant)
        else f"the {variant} kickback's top is about {target:.0f}°"
    )
    message = (
        f"{_rep_words(rep)}: {what} {peak:.0f}° of extension; {whose}, "
        f"and a rep should reach at least {limit:.0f}°, so the glute did not finish the rep."
    )
    margin = threshold("rom_shortfall_max")
    return [_finding("incomplete_rom", "top_position", rep, peak, limit, "deg", margin, message)]


def check_pose(pose: Pose, variant: str, *, hip_range: float | None = None) -> list[Finding]:
    """Mistakes one pose can show: arched_back, pelvic_rotation (turn or hike), incomplete_rom (at the top).

    The arched back is judged by the pose's lumbar extension, whatever the hip does. The range of
    motion is judged against the variant's top, or the person's own hip range if smaller: a learner
    whose hip extends 10° is not told to push further than that. Momentum, excessive load and a weak
    core need movement over time: see `analyze_set`.

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees); `pelvic_hike` is judged where the pose has it.
    variant : str
        "cable", "machine" or "bodyweight".
    hip_range : float or None, optional
        The person's own hip extension range (degrees, 0 to the high end of data/normal_ranges.csv);
        None for the course's typical range.

    Returns
    -------
    list of Finding
        One finding per mistake seen (angles in degrees); empty for a good pose.

    >>> from kickback.model.pose import preset_pose
    >>> check_pose(preset_pose("cable", "correct_top"), "cable")
    []
    >>> [f.mistake for f in check_pose(preset_pose("cable", "arched_back"), "cable")]
    ['arched_back']
    >>> short = preset_pose("cable", "correct_top").replace(hip_extension=8)
    >>> [f.mistake for f in check_pose(short, "cable")], check_pose(short, "cable", hip_range=10)
    (['incomplete_rom'], [])
    """
    check_variant(variant)
    if not isinstance(pose, Pose):
        raise ValueError(f"pose must be a Pose; got {type(pose).__name__}")
    own = _checked_range(hip_range)
    thigh_to_trunk = pose.hip_extension + pose.lumbar_extension
    hike = float(getattr(pose, "pelvic_hike", 0.0))
    return (
        _arched(None, pose.lumbar_extension, thigh_to_trunk, side_view=False, hip_range=own)
        + _pelvis(None, pose.pelvic_rotation, hike)
        + _short_top(None, pose.hip_extension, variant, side_view=False, hip_range=own)
    )
