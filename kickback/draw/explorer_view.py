"""The explorer's one persistent figure: the body in its set-up, the hip's reach, the pelvis from above."""

from __future__ import annotations

from ..model.anthropometrics import Body
from ..model.leg_height import hip_reach
from ..model.pose import Pose
from .body import draw_pose, update_pose
from .pelvis import draw_pelvis_from_above, update_pelvis_from_above
from .shapes import reach_line_points
from .style import COLORS, FONT_SIZES, LINESTYLES, new_figure, render_png

EXPLORER_WIDTH_PX = 620  # the explorer's picture in a notebook column (pixels)


class ExplorerView:
    """One persistent figure: the side view in the variant's set-up, the hip's reach, the pelvis.

    The pelvis is seen from above.
    """

    def __init__(self, variant: str, pose: Pose, body: Body, *, width_px: int = EXPLORER_WIDTH_PX) -> None:
        self.body = body
        self.figure = new_figure(width_px / 100, width_px / 100 * 0.85)
        self.side = self.figure.add_axes((0.0, 0.06, 1.0, 0.92))
        self.top = self.figure.add_axes((0.01, 0.70, 0.25, 0.27))  # top left: the space behind the body
        self.renders = 0
        self.draw_variant(variant, pose)

    def draw_variant(self, variant: str, pose: Pose) -> None:
        """Draw a new set-up (a variant switch is the only time artists are rebuilt)."""
        self.variant = variant
        self.side.clear()
        self.top.clear()
        self.artists = draw_pose(self.side, pose, self.body, variant)
        (self.reach,) = self.side.plot(
            [], [], color=COLORS["correct"], linestyle=LINESTYLES["mistake"], linewidth=1.6, zorder=5
        )
        self.reach_label = self.side.text(
            0,
            0,
            "",
            fontsize=FONT_SIZES["small"],
            color=COLORS["correct"],
            ha="center",
            va="center",
            zorder=6,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )
        self.pelvis = draw_pelvis_from_above(self.top, pose.pelvic_rotation)
        self.move(pose)

    def move(self, pose: Pose) -> None:
        """Move every artist to `pose` (no new artists)."""
        update_pose(self.artists, pose)
        update_pelvis_from_above(self.pelvis, pose.pelvic_rotation)
        reach = hip_reach(pose.trunk_lean)
        hip = self.artists.skeleton.joints["hip"]
        length = self.body.length("thigh") + self.body.length("shank")
        line = reach_line_points(hip, reach.apparent, length)
        self.reach.set_data(line[:, 0], line[:, 1])
        self.reach_label.set_position(tuple(line[0] + 0.72 * (line[1] - line[0])))
        self.reach_label.set_text(f"hip alone: {reach.apparent:.0f}°")

    def render(self) -> bytes:
        """The figure as PNG bytes."""
        self.renders += 1
        return render_png(self.figure)
