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
from matplotlib.patches import Circle

from ..form.keypoints import ROLES
from ..model.anthropometrics import default_body
from ..model.pose import Pose, read_limits
from .body import draw_pose
from .style import COLORS, FONT_SIZES, LINESTYLES, MARKS, OKABE_ITO, new_figure
from .video_verdicts import FrameVerdict, verdict_words

Track = Mapping[str, tuple[np.ndarray, np.ndarray]]
"""Role ("shoulder", "hip", "knee", "ankle") -> (x, y) pixel arrays (y down) of the side facing the camera."""

HEAD_BEYOND_SHOULDER = 0.5  # the drawn head's centre, in trunk lengths beyond the shoulder (drawing choice)
HEAD_RADIUS = 0.17  # the drawn head's radius, in trunk lengths (about a head beside a trunk)
TITLE_IN = 0.62  # inches above each frame for its verdict, its time and the thigh angle (a line each)
WHY_LINE_IN = 0.19  # inches for each line saying how a fault was called (judged_why), where a frame has one
HEADING_IN = 1.25  # inches above the frames for the title and the key

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


def angle_words(name: str, value: float) -> str:
    """A measured angle in words, never a bare sign: "thigh 38° behind the trunk line", "knee bent 9°"."""
    if name == "hip_extension":
        return describe_thigh_to_trunk(value)
    if name == "knee_flexion":
        return f"knee bent {value:.0f}°" if value >= 0.5 else "knee straight"
    return f"trunk {abs(value):.0f}° {'forward' if value >= 0 else 'back'} from upright"


def _label_angles(ax: Axes, points: Mapping[str, tuple[float, float]], values: Mapping[str, float]) -> None:
    """The measured angles in words, one a line, in the corner of the frame the skeleton leaves most free
    (on a white ground so they read on any frame; the words name the joint, so no leader is needed)."""
    lines = [angle_words(name, values[name]) for name in ANGLE_NAMES if np.isfinite(values.get(name, np.nan))]
    if not lines:
        return
    renderer = ax.figure.canvas.get_renderer()
    marks = [p.get_window_extent(renderer) for p in ax.patches if p.get_gid() == "drawn_head"]
    chain = ax.transData.transform(
        np.array([xy for xy in points.values() if np.all(np.isfinite(xy))], dtype=float).reshape(-1, 2)
    )
    best = None
    for x, y, ha, va in (
        (0.02, 0.12, "left", "bottom"),
        (0.98, 0.12, "right", "bottom"),
        (0.02, 0.98, "left", "top"),
        (0.98, 0.98, "right", "top"),
    ):
        text = ax.text(
            x,
            y,
            "\n".join(lines),
            transform=ax.transAxes,
            ha=ha,
            va=va,
            fontsize=9,
            color=COLORS["outline"],
            linespacing=1.3,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )
        box = text.get_window_extent(renderer).expanded(1.15, 1.2)
        covered = sum(box.contains(*xy) for xy in chain) + sum(box.overlaps(mark) for mark in marks)
        if best is None or covered < best[0]:
            if best is not None:
                best[1].remove()
            best = (covered, text)
        else:
            text.remove()


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
    video_ax = figure.add_axes((0.01, 0.02, 0.55, 0.78))
    body_ax = figure.add_axes((0.58, 0.02, 0.41, 0.78))
    values = frame_angles(angles, frame)
    points = draw_skeleton(video_ax, image, track, frame, size)
    if image is None:  # no video: the floor and a drawn head say which way is down and which way they face
        x0, x1, top, floor_y = drawn_view(track, [frame], size)
        _floor_and_head(video_ax, track, frame, floor_y)
        video_ax.set_xlim(x0, x1)
        video_ax.set_ylim(max(floor_y, top) + 0.06 * (x1 - x0), top)
    _label_angles(video_ax, points, values)
    drawn = " · circle: the head (drawn)" if image is None else ""
    video_ax.set_title(f"Frame {frame}, measured\ndotted: trunk line{drawn}", fontsize=9, loc="left")
    draw_pose(body_ax, pose_from_angles(values), default_body(), variant, angles=True, caption=False)
    body_ax.set_title(
        "The course's body at the same angles\n(a side camera cannot see the lower back's own curve)",
        fontsize=9,
    )
    figure.suptitle(title, fontsize=12, x=0.01, ha="left")
    return figure


def describe_thigh_to_trunk(angle: float) -> str:
    """The thigh's angle to the trunk line in words (a side camera's hip angle), e.g. "thigh 14° in front of
    the trunk line"; "no person" when it was not measured."""
    if not np.isfinite(angle):
        return "no person"
    if abs(angle) < 0.5:
        return "thigh in line with the trunk"
    return f"thigh {abs(angle):.0f}° {'behind' if angle > 0 else 'in front of'} the trunk line"


def drawn_head(track: Track, frame: int) -> tuple[float, float, float] | None:
    """The drawn head of a frame: centre x, y and radius in pixels, or None without shoulder and hip."""
    shoulder = np.array([track["shoulder"][0][frame], track["shoulder"][1][frame]], dtype=float)
    hip = np.array([track["hip"][0][frame], track["hip"][1][frame]], dtype=float)
    if not (np.all(np.isfinite(shoulder)) and np.all(np.isfinite(hip))):
        return None
    trunk = shoulder - hip
    x, y = shoulder + HEAD_BEYOND_SHOULDER * trunk
    return float(x), float(y), HEAD_RADIUS * float(np.hypot(*trunk))


def drawn_view(
    track: Track, frames: Sequence[int], size: tuple[int, int]
) -> tuple[float, float, float, float]:
    """Where to look on drawn (white) frames: x0, x1, y_top, floor_y in pixels (y down).

    Every joint and drawn head of the frames shown fits, with a margin; the floor sits just under the
    lowest joint of the whole clip (a frame with the leg lifted has its floor where the resting leg was).
    """
    xs, ys = [], []
    for frame in frames:
        for role in ROLES:
            if role in track:
                xs.append(track[role][0][frame])
                ys.append(track[role][1][frame])
        head = drawn_head(track, frame)
        if head is not None:
            xs += [head[0] - head[2], head[0] + head[2]]
            ys.append(head[1] - head[2])
    xs_, ys_ = np.array(xs, dtype=float), np.array(ys, dtype=float)
    if not (np.isfinite(xs_).any() and np.isfinite(ys_).any()):
        return 0.0, float(size[0]), 0.0, float(size[1])
    margin = 0.06 * max(np.nanmax(xs_) - np.nanmin(xs_), np.nanmax(ys_) - np.nanmin(ys_), 1.0)
    joints = np.concatenate([np.asarray(track[r][1], dtype=float) for r in ROLES if r in track])
    floor_y = float(np.nanmax(joints)) + 0.5 * margin if np.isfinite(joints).any() else float(np.nanmax(ys_))
    return (
        float(np.nanmin(xs_)) - margin,
        float(np.nanmax(xs_)) + margin,
        float(np.nanmin(ys_)) - margin,
        floor_y,
    )


def _floor_and_head(ax: Axes, track: Track, frame: int, floor_y: float) -> None:
    """On a drawn (white) frame: the floor under the lowest joint of the clip, and a head beyond the shoulder.

    The head is drawn, not measured: a circle on the trunk line half a trunk beyond the shoulder, so the
    way the person faces reads at a glance.
    """
    ax.axhspan(floor_y, floor_y + 1e6, color=COLORS["floor"], alpha=0.35, linewidth=0, zorder=0.5)
    ax.axhline(floor_y, color=COLORS["floor"], linewidth=1.5, zorder=0.6, gid="floor")
    head = drawn_head(track, frame)
    if head is not None:
        ax.add_patch(
            Circle(
                head[:2],
                head[2],
                facecolor=COLORS["body"],
                edgecolor=COLORS["outline"],
                linewidth=1.0,
                zorder=3,
                gid="drawn_head",
            )
        )


def _mark_frame(ax: Axes, mark: str) -> None:
    """A solid frame for a rep without a fault, a dashed one for a rep with one (the mark says it too)."""
    kind = "correct" if mark == MARKS["correct"] else "mistake" if mark else None
    for spine in ax.spines.values():
        if kind:
            spine.set_edgecolor(COLORS[kind])
            spine.set_linestyle(LINESTYLES[kind])
            spine.set_linewidth(2.0)
        else:
            spine.set_edgecolor(COLORS["reference"])


def draw_contact_sheet(
    images: Sequence[np.ndarray | None],
    frames: Sequence[int],
    track: Track,
    angles: Mapping[str, np.ndarray],
    time_s: np.ndarray,
    *,
    size: tuple[int, int],
    columns: int = 4,
    verdicts: Mapping[int, FrameVerdict] | None = None,
) -> Figure:
    """Frames across the clip: each with its skeleton, time, the thigh's angle to the trunk line in words
    and, where `verdicts` says, its rep marked ✓ (no fault) or ✗ with the fault named.

    Parameters
    ----------
    images : Sequence of numpy.ndarray or None
        The frames (RGB), or None where the skeleton is drawn on white (then a floor and a head are drawn).
    frames : Sequence of int
        The frame numbers shown.
    track : Mapping
        The side's joints in pixels (y down), frame by frame.
    angles : Mapping
        Measured angles (degrees), frame by frame; "hip_extension" is the thigh-to-trunk angle.
    time_s : numpy.ndarray
        Each frame's time (s).
    size : tuple of int
        The video's width and height in pixels.
    columns : int, optional
        Frames a row.
    verdicts : Mapping of int to FrameVerdict or None, optional
        From `frame_verdicts`; None: no frame is marked.

    Returns
    -------
    Figure
        About 900 px wide at 100 dpi.
    """
    rows = max(1, int(np.ceil(len(frames) / columns)))
    drawn = all(image is None for image in images)  # no video: skeletons on white, floor and head drawn
    x0, x1, top, floor_y = drawn_view(track, frames, size) if drawn else (0, size[0], 0, size[1])
    bottom = floor_y + 0.06 * (x1 - x0) if drawn else size[1]
    aspect = (bottom - top) / (x1 - x0)
    panel_in = 9.0 / columns
    verdicts = verdicts or {}
    why_lines = max([2 * len(verdicts[f].why) for f in frames if f in verdicts] + [0])
    title_in = TITLE_IN + WHY_LINE_IN * why_lines
    heading_in = HEADING_IN + WHY_LINE_IN * why_lines  # the first row's titles hang into the heading
    figure = new_figure(9.0, rows * (panel_in * aspect + title_in) + heading_in)
    marked = unsure = False
    for i, (image, frame) in enumerate(zip(images, frames)):
        ax = figure.add_subplot(rows, columns, i + 1)
        draw_skeleton(ax, image, track, frame, size)
        if drawn:
            _floor_and_head(ax, track, frame, floor_y)
            ax.set_xlim(x0, x1)
            ax.set_ylim(bottom, top)
        mark, words = verdict_words(verdicts.get(frame))
        marked = marked or bool(mark)
        _mark_frame(ax, mark)
        thigh = describe_thigh_to_trunk(float(angles["hip_extension"][frame]))
        lines = [f"{mark} {words}".strip()] if words else []
        why = [w.replace(" (", "\n(") for w in verdicts.get(frame, FrameVerdict(None)).why]
        ax.set_title(
            "\n".join([*lines, f"{time_s[frame]:.1f} s", thigh, *why]),
            fontsize=FONT_SIZES["small"],
            pad=3,
            loc="left",
            linespacing=1.3,
        )
        unsure = unsure or any(
            fault.endswith("?") for fault in verdicts.get(frame, FrameVerdict(None)).faults
        )
    height = figure.get_figheight()
    figure.text(
        0.01,
        1 - 0.08 / height,
        f"{len(frames)} frames from your clip",
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
        va="top",
    )
    key = ["blue: the side facing the camera", "dotted: trunk line"]
    if drawn:
        key.append("grey circle: where the head is (drawn, not measured)")
    marks = []
    if marked:
        marks.append(f"{MARKS['correct']} rep with no fault (solid frame)")
        marks.append(f"{MARKS['mistake']} where a fault is judged (dashed frame)")
        marks.append("grey frame: no fault judged here")
    if unsure:
        marks.append("? within the camera's error")
    figure.text(0.01, 1 - 0.36 / height, " · ".join(key), fontsize=FONT_SIZES["small"], va="top")
    figure.text(0.01, 1 - 0.56 / height, " · ".join(marks), fontsize=FONT_SIZES["small"], va="top")
    figure.subplots_adjust(
        left=0.01,
        right=0.99,
        bottom=0.01,
        top=1 - heading_in / height,
        wspace=0.04,
        hspace=title_in / (panel_in * aspect),
    )
    return figure
