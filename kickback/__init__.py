"""Kickback Lab: the body model, mechanics, form checks, drawings and widgets behind the leg-kickback course."""

from .body import (
    VARIANTS,
    Body,
    LegHeight,
    Pose,
    build_skeleton,
    default_body,
    hip_reach,
    pose_joints,
    preset_pose,
    split_leg_height,
    start_pose,
    top_pose,
)
from .figures import show_figure
from .form import Finding, analyze_set, check_pose
from .load import hip_extension_torque, torque_curve
from .muscles import muscle_moment_arm


def explore(variant: str = "cable", **options):
    """The joint-angle explorer (see `kickback.explorer.explore`)."""
    from .explorer import explore as make_explorer

    return make_explorer(variant, **options)


__all__ = [
    "VARIANTS",
    "Body",
    "Finding",
    "LegHeight",
    "Pose",
    "analyze_set",
    "build_skeleton",
    "check_pose",
    "default_body",
    "explore",
    "hip_extension_torque",
    "hip_reach",
    "muscle_moment_arm",
    "pose_joints",
    "preset_pose",
    "show_figure",
    "split_leg_height",
    "start_pose",
    "top_pose",
    "torque_curve",
]
