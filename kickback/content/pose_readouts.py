"""The explorer's readouts in words.

They cover the leg-height split, the hip's reach, torque, the gluteus maximus lever and findings.

Everything here is computed by the model and the form checker; the explorer widget only shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data_files import read_table
from ..model.anthropometrics import Body
from ..model.leg_height import hip_reach, split_leg_height
from ..model.pose import Pose
from ..model.variants import check_variant


def read_slider_ranges(variant: str) -> dict[str, tuple[int, int]]:
    """The explorer's slider ranges for a variant, from `data/explorer_ranges.csv` (degrees)."""
    check_variant(variant)
    return {
        row["field"]: (int(row["low"]), int(row["high"]))
        for row in read_table("explorer_ranges")
        if row["variant"] == variant
    }


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


def describe_hip_reach(pose: Pose) -> str:
    """How high the hip alone could take the thigh at this trunk lean, and what parallel would take."""
    reach = hip_reach(pose.trunk_lean)
    text = (
        f"With the trunk leaning {reach.trunk_lean:.0f}°, "
        f"the hip alone (its normal {reach.hip:.0f}°, back neutral) "
        f"takes the thigh to {reach.apparent:.0f}° from hanging (dashed line)."
    )
    if reach.short_of_parallel > 0:
        text += (
            f" Parallel to the floor (90°) is {reach.short_of_parallel:.0f}° beyond that: "
            "it would take a trunk lean of "
            f"{reach.lean_for_parallel:.0f}°, or the lower back arching, which is the mistake."
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
            f"Gluteus maximus: the model's table covers hip extension {low:.0f}° to {high:.0f}°; "
            "this pose is outside it."
        )
    arm = muscle_moment_arm("glmax", hip_extension=pose.hip_extension, knee_flexion=knee)
    length = muscle_length("glmax", hip_extension=pose.hip_extension, knee_flexion=knee)
    return (
        f"Gluteus maximus (mean of its three parts, Rajagopal 2016 model): moment arm {arm * 1000:.0f} mm, "
        f"muscle–tendon length {length * 100:.1f} cm."
    )


def describe_findings(pose: Pose, variant: str) -> str:
    """The form findings for this pose, each with its cue, or a plain all-clear."""
    from ..form.findings import check_pose

    findings = check_pose(pose, variant)
    if not findings:
        return "✓ Form, judged as the top of a rep: nothing wrong in this pose."
    lines = [
        f"✗ {finding.mistake.replace('_', ' ')}: {finding.message} Cue: {finding.cue}" for finding in findings
    ]
    return "\n".join(["Form, judged as the top of a rep:"] + lines)


def describe_pose_fully(pose: Pose, body: Body, variant: str) -> Readouts:
    """Every readout for a pose: the explorer shows these, and tests compare them with the library."""
    return Readouts(
        leg_height=describe_leg_height(pose),
        pelvis=f"Seen from above: {describe_pelvic_rotation(pose.pelvic_rotation)}.",
        hip_reach=describe_hip_reach(pose),
        torque=describe_torque(pose, body, variant),
        glute=describe_glute(pose),
        findings=describe_findings(pose, variant),
    )


def describe_pelvic_rotation(rotation_deg: float) -> str:
    """The pelvis's transverse rotation in words."""
    if abs(rotation_deg) < 0.5:
        return "pelvis square"
    side = "open to the working side" if rotation_deg > 0 else "turned toward the stance side"
    return f"pelvis turned {abs(rotation_deg):.0f}° {side}"
