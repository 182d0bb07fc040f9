"""Stills from a checked video: a frame with the skeleton and its angles beside the course's drawn body, and a
contact sheet of the clip.

The frame comes as an RGB array (or None: the skeleton is drawn on white, as for a keypoints CSV with
no video). The drawn body takes the same trunk lean, thigh-to-trunk angle and knee angle, so a learner
can compare the person with the course's picture of that pose.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..form.keypoints import ROLES
from ..model.anthropometrics import default_body
from ..model.pose import Pose, read_limits
from .body import draw_pose
from .style import COLORS, OKABE_ITO, new_figure

Track = Mapping[str, tuple[np.ndarray, np.ndarray]]
"""Role ("shoulder", "hip", "knee", "ankle") -> (x, y) pixel arrays (y down) of the side facing the camera."""

ANGLE_NAMES: dict[str, str] = {
    "trunk_lean": "trunk",
    "hip_extension": "thigh to trunk",
    "knee_flexion": "knee",
}


def frame_angles(angles: Mapping[str, np.ndarray], frame: int) -> dict[str, float]:
    """The measured angles (degrees) of one frame; NaN where not measured."""
    return {name: float(angles[name][frame]) for name in ANGLE_NAMES if name in angles}


def pose_from_angles(values: Mapping[str, float]) -> Pose:
    """A Pose with the measured angles, each clipped to the model's limits (missing ones left at 0)."""
    limits = read_limits()
    clipped = {
        name: float(np.clip(value, limits[name][0], limits[name][1]))
        for name, value in values.items()
        if np.isfinite(value)
    }
    return Pose(**clipped)


def _label_angles(ax: Axes, points: Mapping[str, tuple[float, float]], values: Mapping[str, float]) -> None:
    """Write each measured angle beside its joint, on a white ground so it reads on any frame."""
    anchors = {"trunk_lean": "shoulder", "hip_extension": "hip", "knee_flexion": "knee"}
    for name, joint in anchors.items():
        value = values.get(name, float("nan"))
        x, y = points.get(joint, (float("nan"), float("nan")))
        if not (np.isfinite(value) and np.isfinite(x) and np.isfinite(y)):
            continue
        ax.annotate(
            f"{ANGLE_NAMES[name]} {value:.0f}°",
            (x, y),
            xytext=(10, 8),
            textcoords="offset points",
            fontsize=9,
            color=COLORS["outline"],
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )


def draw_skeleton(
    ax: Axes, image: np.ndarray | None, track: Track, frame: int, size: tuple[int, int]
) -> dict:
    """The frame (or white) with the side's shoulder-hip-knee-ankle drawn and the trunk line extended."""
    width, height = size
    if image is not None:
        ax.imshow(image, extent=(0, width, height, 0))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    points = {role: (float(track[role][0][frame]), float(track[role][1][frame])) for role in ROLES}
    chain = np.array([points[role] for role in ROLES])
    ax.plot(chain[:, 0], chain[:, 1], "-o", color=OKABE_ITO["blue"], linewidth=2.5, markersize=5)
    shoulder, hip = np.array(points["shoulder"]), np.array(points["hip"])
    if np.all(np.isfinite(shoulder)) and np.all(np.isfinite(hip)):
        beyond = hip + 0.8 * (hip - shoulder)
        ax.plot(*zip(hip, beyond), linestyle=":", color=OKABE_ITO["black"], linewidth=1.5)
    return points


def draw_still(
    image: np.ndarray | None,
    track: Track,
    angles: Mapping[str, np.ndarray],
    frame: int,
    variant: str,
    *,
    size: tuple[int, int],
    title: str,
) -> Figure:
    """One finding's still: the frame with skeleton and angles (left), the drawn body at those angles (right).

    Parameters
    ----------
    image : numpy.ndarray or None
        The video frame (RGB, rows by columns), or None for white.
    track : Mapping
        The side's joints in pixels (y down), frame by frame.
    angles : Mapping
        Measured angles (degrees), frame by frame.
    frame : int
        The frame shown.
    variant : str
        "cable", "machine" or "bodyweight", for the drawn body.
    size : tuple of int
        The video's width and height in pixels.
    title : str
        What the still shows, e.g. "Rep 3: arched back (uncertain)".
    """
    figure = new_figure(9.0, 4.0)
    video_ax = figure.add_axes((0.01, 0.02, 0.55, 0.84))
    body_ax = figure.add_axes((0.58, 0.02, 0.41, 0.84))
    values = frame_angles(angles, frame)
    points = draw_skeleton(video_ax, image, track, frame, size)
    _label_angles(video_ax, points, values)
    video_ax.set_title(f"Video, frame {frame}: measured (dotted: the trunk line)", fontsize=10)
    draw_pose(body_ax, pose_from_angles(values), default_body(), variant, angles=True, caption=False)
    body_ax.set_title("The course's body at the same angles", fontsize=10)
    figure.suptitle(title, fontsize=12, x=0.01, ha="left")
    return figure


def draw_contact_sheet(
    images: Sequence[np.ndarray | None],
    frames: Sequence[int],
    track: Track,
    angles: Mapping[str, np.ndarray],
    time_s: np.ndarray,
    *,
    size: tuple[int, int],
    columns: int = 4,
) -> Figure:
    """A grid of frames across the clip, each with its skeleton, time (s) and thigh-to-trunk angle (deg)."""
    rows = max(1, int(np.ceil(len(frames) / columns)))
    aspect = size[1] / size[0]
    figure = new_figure(9.0, rows * (9.0 / columns) * aspect + 0.5)
    for i, (image, frame) in enumerate(zip(images, frames)):
        ax = figure.add_subplot(rows, columns, i + 1)
        draw_skeleton(ax, image, track, frame, size)
        hip = float(angles["hip_extension"][frame])
        hip_text = f"thigh {hip:.0f}°" if np.isfinite(hip) else "no person"
        ax.set_title(f"{time_s[frame]:.1f} s · {hip_text}", fontsize=8)
    figure.suptitle("Contact sheet: frames across the clip (blue: the side facing the camera)", fontsize=11)
    figure.subplots_adjust(
        left=0.01, right=0.99, bottom=0.01, top=1 - 0.45 / figure.get_figheight(), wspace=0.04
    )
    return figure
