"""The explorer's readouts in words.

They cover the leg-height split, the hip's reach, torque, the gluteus maximus lever and findings.

Everything here is computed by the model and the form checker; the explorer widget only shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..data_files import read_table
from ..form.findings import check_pose
from ..form.report import mistake_title
from ..form.thresholds import hip_normal_extension, hip_range_bounds, personal_hip_range
from ..model.anthropometrics import Body
from ..model.leg_height import hip_reach, split_leg_height
from ..model.pose import Pose, preset_pose
from ..model.variants import check_variant

OPENING_PRESET = "correct_top"
"""The pose an explorer opens on: a correct top, so a first look shows no fault."""

START_MESSAGE = (
    "◦ This is the start of the movement, the leg down and ready to lift: not a fault. "
    "The form check judges the top of a rep: move hip extension up, or press 'correct top'."
)


def read_slider_ranges(variant: str) -> dict[str, tuple[int, int]]:
    """The explorer's slider ranges for a variant, from `data/explorer_ranges.csv` (degrees).

    Every Pose field the table lists gets a slider, in the table's order; a row for a field the
    Pose does not have (yet) is left out.
    """
    check_variant(variant)
    pose_fields = {field.name for field in fields(Pose)}
    return {
        row["field"]: (int(row["low"]), int(row["high"]))
        for row in read_table("explorer_ranges")
        if row["variant"] == variant and row["field"] in pose_fields
    }


def hip_range_field_bounds() -> tuple[int, int, int]:
    """(lowest, course default, highest) own hip extension range a learner can enter (degrees).

    From `data/normal_ranges.csv`: the course's typical 20° is the default; the field goes from
    0 to the high end of the normal spread.
    """
    low, high = hip_range_bounds()
    return int(round(low)), int(round(hip_normal_extension())), int(round(high))


def check_hip_range(hip_range: float | None) -> float | None:
    """`hip_range` checked against `hip_range_field_bounds` (ValueError outside), or None for the course's."""
    if hip_range is None:
        return None
    return personal_hip_range(hip_range)


@dataclass(frozen=True)
class Readouts:
    """Everything the explorer says about a pose, in words, from the library's functions."""

    leg_height: str
    pelvis: str
    hip_reach: str
    torque: str
    glute: str
    findings: str


def describe_leg_height(pose: Pose) -> str:
    """How high the leg looks and where that comes from."""
    height = split_leg_height(pose)
    return f"How high the leg looks: {height.describe()}."


def describe_hip_reach(pose: Pose, hip_range: float | None = None) -> str:
    """How high the hip alone could take the thigh at this trunk lean, and what parallel would take.

    With `hip_range` (the person's own hip extension, degrees) the reach is theirs; without it,
    the course's normal range.
    """
    reach = hip_reach(pose.trunk_lean)
    if hip_range is None:
        hip, apparent, short, lean_needed = (
            reach.hip,
            reach.apparent,
            reach.short_of_parallel,
            reach.lean_for_parallel,
        )
        whose, line = f"its normal {hip:.0f}°", " (dashed line)"
    else:  # the same sums hip_reach makes, with this person's own hip range
        hip = float(check_hip_range(hip_range))
        apparent = reach.trunk_lean + hip
        short, lean_needed = 90 - apparent, 90 - hip
        whose, line = f"your own {hip:.0f}°", ""
    text = (
        f"With the trunk leaning {reach.trunk_lean:.0f}°, the hip alone ({whose}, back neutral) "
        f"takes the thigh to {apparent:.0f}° from hanging{line}."
    )
    if short > 0:
        text += (
            f" Parallel to the floor (90°) is {short:.0f}° beyond that: it would take a trunk lean of "
            f"{lean_needed:.0f}°, or the lower back arching, which is the mistake."
        )
    else:
        text += " At this lean the hip alone can bring the thigh to parallel."
    return text


def describe_torque(pose: Pose, body: Body, variant: str) -> str:
    """The hip-extension torque the variant's default load demands at this pose."""
    from ..model.loads import default_load, describe_load
    from ..model.torque import hip_extension_torque

    load = default_load(variant)
    torque = hip_extension_torque(pose, body, variant, load=load)
    what = describe_load(load)
    if torque >= 0:
        return f"Hip extensors must produce {torque:.0f} N·m here ({what})."
    return (
        f"Here the load pulls the leg backward: {-torque:.0f} N·m would have to come from "
        f"the hip flexors ({what})."
    )


def describe_glute(pose: Pose) -> str:
    """The gluteus maximus moment arm and length at this hip and knee angle (Rajagopal 2016 model)."""
    from ..model.muscles import (
        HIP_EXTENSION_RANGE,
        KNEE_FLEXION_RANGE,
        muscle_length,
        muscle_moment_arm,
    )

    low, high = HIP_EXTENSION_RANGE
    knee = min(max(pose.knee_flexion, KNEE_FLEXION_RANGE[0]), KNEE_FLEXION_RANGE[1])
    if not low <= pose.hip_extension <= high:
        return (
            f"Gluteus maximus: its lever is shown from hip flexed {-low:.0f}° to hip extended {high:.0f}°, "
            "the range the published model's table covers; this pose is past it, so no number is given."
        )
    arm = muscle_moment_arm("glmax", hip_extension=pose.hip_extension, knee_flexion=knee)
    length = muscle_length("glmax", hip_extension=pose.hip_extension, knee_flexion=knee)
    return (
        f"Gluteus maximus (mean of its three parts, Rajagopal 2016 model): moment arm {arm * 1000:.0f} mm, "
        f"muscle–tendon length {length * 100:.1f} cm."
    )


def is_start_pose(pose: Pose, variant: str) -> bool:
    """True if `pose` is the variant's start position (data/poses.csv), where no rep has a top yet."""
    return pose == preset_pose(variant, "start")


def describe_findings(pose: Pose, variant: str, hip_range: float | None = None) -> str:
    """The form findings for this pose, each with its cue, or a plain all-clear.

    The start position is said to be the start, not judged as a top that fell short. With
    `hip_range` (degrees) the range of motion is judged against the person's own hip, where the
    checker supports it.
    """
    hip_range = check_hip_range(hip_range)
    if is_start_pose(pose, variant):
        return START_MESSAGE
    findings = check_pose(pose, variant, hip_range=hip_range)
    if not findings:
        return "✓ Form, judged as the top of a rep: nothing wrong in this pose."
    lines = [
        f"✗ {mistake_title(finding.mistake)}: {finding.message} Cue: {finding.cue}" for finding in findings
    ]
    return "\n".join(["Form, judged as the top of a rep:"] + lines)


def describe_pose_fully(pose: Pose, body: Body, variant: str, *, hip_range: float | None = None) -> Readouts:
    """Every readout for a pose: the explorer shows these, and tests compare them with the library.

    `hip_range` is the person's own hip extension range (degrees), or None for the course's.
    """
    return Readouts(
        leg_height=describe_leg_height(pose),
        pelvis=describe_pelvis(pose),
        hip_reach=describe_hip_reach(pose, hip_range),
        torque=describe_torque(pose, body, variant),
        glute=describe_glute(pose),
        findings=describe_findings(pose, variant, hip_range),
    )


def describe_pelvis(pose: Pose) -> str:
    """The pelvis as the rear view shows it: its turn (rotation) and its sideways tilt (hike)."""
    rotation = describe_pelvic_rotation(pose.pelvic_rotation)
    return f"Seen from behind: {rotation}, {describe_pelvic_hike(float(pose.pelvic_hike))}."


def describe_pelvic_hike(hike_deg: float) -> str:
    """The pelvis's sideways tilt (a hip hike) in words."""
    if abs(hike_deg) < 0.5:
        return "pelvis level"
    side = "working" if hike_deg > 0 else "standing"
    return f"pelvis tilted {abs(hike_deg):.0f}° up on the {side} side"


def describe_pelvic_rotation(rotation_deg: float) -> str:
    """The pelvis's transverse rotation in words."""
    if abs(rotation_deg) < 0.5:
        return "pelvis square"
    side = "open to the working side" if rotation_deg > 0 else "turned toward the stance side"
    return f"pelvis turned {abs(rotation_deg):.0f}° {side}"
