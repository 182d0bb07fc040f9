"""Small pictures for the trainers' printables: the correct pose beside the mistake, at thumbnail size.

The same drawing functions as the committed mistake figures (`body.draw_pose`, `pose_marks.mark_lower_back`,
`pelvis.draw_rear_view`) and the same poses (`form_diagrams.MISTAKE_POSES`), cropped to the body so it
reads at about 3 cm wide. Correct and mistake are told apart by a tick or a cross in words, a solid or
dashed frame, and colour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..content.mistakes import read_mistakes
from ..model.anthropometrics import default_body
from ..model.pose import Pose, preset_pose
from ..model.skeleton import pose_joints
from .body import draw_pose
from .form_diagrams import MISTAKE_POSES
from .pelvis import draw_rear_view
from .pose_marks import mark_lower_back
from .style import COLORS, LINESTYLES, MARKS

BODY_POINTS = (
    # the body's own landmarks from `pose_joints` (the equipment's are left out of the crop)
    "ankle",
    "c7",
    "elbow",
    "head",
    "heel",
    "hip",
    "knee",
    "knuckles",
    "shoulder",
    "toe",
    "wrist",
    "support_ankle",
    "support_heel",
    "support_knee",
    "support_toe",
    "sacrum",
)
HIKE_DEG = 12.0  # the hiked pelvis of the pictures, as in the committed pelvic-rotation figure


@dataclass(frozen=True)
class Thumbnail:
    """One small picture: its pose, whether it is the correct one, the words under it and the view."""

    pose: Pose
    kind: str  # "correct" or "mistake"
    words: str
    view: str  # "side" or "rear"


def picture_variant(mistake: str, variant: str | None = None) -> str:
    """The variant a mistake's pictures show: `variant`, else the one its committed figure uses."""
    return variant or read_mistakes()[mistake]["figure_variant"]


def thumbnails(mistake: str, variant: str | None = None) -> tuple[Thumbnail, Thumbnail] | None:
    """The correct pose and the mistake for `mistake` in `variant` (default: the variant of its committed
    figure), or None where no still picture shows it (those that need time: momentum, too much weight,
    a rocking trunk)."""
    if mistake not in MISTAKE_POSES:
        return None
    variant = picture_variant(mistake, variant)
    correct_name, fault_name = MISTAKE_POSES[mistake]
    correct = preset_pose(variant, correct_name)
    if mistake == "pelvic_rotation":
        return (
            Thumbnail(correct, "correct", "pelvis level", "rear"),
            Thumbnail(correct.replace(pelvic_hike=HIKE_DEG), "mistake", "pelvis hiked", "rear"),
        )
    fault = preset_pose(variant, fault_name)
    words = {"arched_back": ("back neutral", "back arched"), "incomplete_rom": ("full range", "stops short")}
    right, wrong = words.get(mistake, ("correct", "mistake"))
    return Thumbnail(correct, "correct", right, "side"), Thumbnail(fault, "mistake", wrong, "side")


def _crop_to_body(ax: Axes, poses: list[Pose], variant: str, aspect: float) -> None:
    """Set the axes on the body (every pose's joints, with a margin) at `aspect` (height / width)."""
    body = default_body()
    points = np.array(
        [
            xy
            for pose in poses
            for name, xy in pose_joints(pose, body, variant).items()
            if name in BODY_POINTS
        ],
        dtype=float,
    )
    points = points[np.all(np.isfinite(points), axis=1)]
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    margin = 0.12 * body.height
    x0, x1, y0, y1 = x0 - margin, x1 + margin, -0.04 * body.height, y1 + margin  # the floor (y = 0) in view
    width, height = x1 - x0, y1 - y0
    if height / width < aspect:  # too wide: add height at the top
        y1 = y0 + width * aspect
    else:
        middle = (x0 + x1) / 2
        x0, x1 = middle - height / aspect / 2, middle + height / aspect / 2
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def _frame(figure: Figure, box: tuple[float, float, float, float], kind: str) -> None:
    figure.add_artist(
        Rectangle(
            box[:2],
            box[2],
            box[3],
            transform=figure.transFigure,
            fill=False,
            edgecolor=COLORS[kind],
            linestyle=LINESTYLES[kind],
            linewidth=1.2,
        )
    )


def draw_thumbnail_pair(
    figure: Figure,
    mistake: str,
    box: tuple[float, float, float, float],
    *,
    label_pt: float,
    variant: str | None = None,
) -> str:
    """The correct pose and the mistake side by side in `box` (figure fractions: left, bottom, width,
    height), a line of words under each; returns the pair in words for alt text ("" if none).

    Parameters
    ----------
    figure : Figure
        The page.
    mistake : str
        One of the six mistake ids.
    box : tuple of float
        Where the pair goes, in figure fractions; the words take the lowest part.
    label_pt : float
        Size of the words under each picture (points).
    variant : str or None, optional
        The set-up drawn; None: the variant of the mistake's committed figure.
    """
    pair = thumbnails(mistake, variant)
    if pair is None:
        return ""
    variant = picture_variant(mistake, variant)
    left, bottom, width, height = box
    gap = 0.04 * width
    words_h = 1.9 * label_pt / (figure.get_figheight() * 72)
    each = (width - gap) / 2
    said = []
    for i, thumb in enumerate(pair):
        frame = (left + i * (each + gap), bottom, each, height)
        ax = figure.add_axes((frame[0], bottom + words_h, each, height - words_h))
        aspect = (height - words_h) * figure.get_figheight() / (each * figure.get_figwidth())
        if thumb.view == "rear":
            draw_rear_view(ax, thumb.pose, default_body(), words=False, variant=variant, sides=False)
            ax.set_aspect("equal", adjustable="box")
        else:
            artists = draw_pose(ax, thumb.pose, default_body(), variant, angles=False, caption=False)
            if thumb.kind == "mistake" and mistake == "arched_back":
                mark_lower_back(artists)
            _crop_to_body(ax, [p.pose for p in pair], variant, aspect)
            ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        ax.set_gid("picture")
        figure.text(
            frame[0] + each / 2,
            bottom + words_h / 2,
            f"{MARKS[thumb.kind]} {thumb.words}",
            ha="center",
            va="center",
            fontsize=label_pt,
            fontweight="bold",
            color=COLORS[thumb.kind],
            gid="picture_label",
        )
        _frame(figure, frame, thumb.kind)
        said.append(f"{'correct' if thumb.kind == 'correct' else 'mistake'}, {thumb.words}")
    view = "from behind" if pair[0].view == "rear" else "from the side"
    return f"Pictures {view}: " + "; ".join(said) + "."
