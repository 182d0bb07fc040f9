"""Kickback Lab: the body model, mechanics, drawings and widgets behind the leg-kickback course."""

from .body import (
    VARIANTS,
    Body,
    LegHeight,
    Pose,
    build_skeleton,
    default_body,
    pose_joints,
    preset_pose,
    split_leg_height,
    start_pose,
    top_pose,
)
from .figures import show_figure

__all__ = [
    "VARIANTS",
    "Body",
    "LegHeight",
    "Pose",
    "build_skeleton",
    "default_body",
    "pose_joints",
    "preset_pose",
    "show_figure",
    "split_leg_height",
    "start_pose",
    "top_pose",
]
