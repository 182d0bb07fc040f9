"""Findings: what one pose shows of the six common mistakes, each with its cue.

`check_pose(pose, variant)` judges a single pose; `Finding` is the one shape every check
returns, for a pose or a rep of a recorded set.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.pose import Pose
from ..model.variants import check_variant
from .thresholds import hip_normal_extension, target_top, thigh_trunk_limit, threshold

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
        "Brace your core and lift only as high as your glute can take the leg; "
        "stop before your lower back joins in."
    ),
    "momentum": "Slow down: 2 seconds up, 1 second hold, 3 seconds down, and no swinging.",
    "excessive_load": "Lighten the load until your last rep looks like your first: form before weight.",
    "incomplete_rom": (
        "Finish every rep: push the leg back until your glute squeezes hard, then lower it under control."
    ),
    "weak_core": (
        "Brace your belly as if someone were about to poke it, "
        "and keep your chest and hips still while the leg moves."
    ),
    "pelvic_rotation": "Keep both hips square and send the leg straight back, not out to the side.",
}
CHECK_CUES: dict[str, str] = {
    "rebound": "Let the leg come to rest at the bottom for a moment before the next lift: no bouncing.",
    "lowering_time": "Lower the leg slowly, about 3 seconds, resisting the pull all the way down.",
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


# --- the checks on one position ------------------------------------------------------------------


def _arched(rep: int | None, lumbar: float | None, thigh_to_trunk: float, side_view: bool) -> list[Finding]:
    """arched_back from the lumbar angle where measured, else from the thigh's angle to the trunk."""
    limit = threshold("lumbar_extension_max")
    who = _rep_words(rep)
    if lumbar is not None and lumbar > limit:
        message = (
            f"{who}: the lower back arched {lumbar:.0f}° past neutral (limit {limit:.0f}°); "
            "that height came from the spine, not the hip."
        )
        return [_finding("arched_back", "lumbar_extension", rep, lumbar, limit, "deg", limit, message)]
    limit = thigh_trunk_limit()
    if thigh_to_trunk > limit:
        normal = hip_normal_extension()
        line = "the trunk line (shoulder to hip)" if side_view else "the trunk"
        message = (
            f"{who}: the thigh reached {thigh_to_trunk:.0f}° behind {line}. "
            f"The hip extends about {normal:.0f}° on its own, "
            f"so the lower back most likely lent the other {thigh_to_trunk - normal:.0f}°."
        )
        return [
            _finding(
                "arched_back",
                "thigh_to_trunk",
                rep,
                thigh_to_trunk,
                limit,
                "deg",
                threshold("thigh_trunk_margin"),
                message,
            )
        ]
    return []


def _pelvis(rep: int | None, rotation: float) -> list[Finding]:
    """pelvic_rotation: the pelvis turned more than the limit either way."""
    limit = threshold("pelvic_rotation_max")
    if abs(rotation) <= limit:
        return []
    message = (
        f"{_rep_words(rep)}: the pelvis turned {abs(rotation):.0f}° (limit {limit:.0f}°); "
        "the hips did not stay square."
    )
    return [_finding("pelvic_rotation", "pelvic_rotation", rep, abs(rotation), limit, "deg", limit, message)]


def _short_top(rep: int | None, peak: float, variant: str, side_view: bool) -> list[Finding]:
    """incomplete_rom: the top stopped short of the variant's target."""
    target = target_top(variant)
    limit = target - threshold("rom_shortfall_max")
    if peak >= limit:
        return []
    what = "the thigh reached" if side_view else "the hip reached"
    message = (
        f"{_rep_words(rep)}: {what} {peak:.0f}° of extension; "
        f"the {variant} kickback's top is about {target:.0f}° "
        f"(limit {limit:.0f}°), so the glute did not finish the rep."
    )
    return [
        _finding(
            "incomplete_rom", "top_position", rep, peak, limit, "deg", threshold("rom_shortfall_max"), message
        )
    ]


def check_pose(pose: Pose, variant: str) -> list[Finding]:
    """Mistakes one pose can show: arched_back, pelvic_rotation, and incomplete_rom (if this is the top).

    Momentum, excessive load and a weak core need movement over time: see `analyze_set`.

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).
    variant : str
        "cable", "machine" or "bodyweight".

    Returns
    -------
    list of Finding
        One finding per mistake seen (angles in degrees); empty for a good pose.

    >>> from kickback.model.pose import preset_pose
    >>> check_pose(preset_pose("cable", "correct_top"), "cable")
    []
    >>> [f.mistake for f in check_pose(preset_pose("cable", "arched_back"), "cable")]
    ['arched_back']
    """
    check_variant(variant)
    if not isinstance(pose, Pose):
        raise ValueError(f"pose must be a Pose; got {type(pose).__name__}")
    thigh_to_trunk = pose.hip_extension + pose.lumbar_extension
    return (
        _arched(None, pose.lumbar_extension, thigh_to_trunk, side_view=False)
        + _pelvis(None, pose.pelvic_rotation)
        + _short_top(None, pose.hip_extension, variant, side_view=False)
    )
