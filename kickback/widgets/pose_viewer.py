"""A drawn body that moves in place, and the first slider a learner meets (lesson 00)."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from ..content.pose_readouts import read_slider_ranges
from ..draw.body import describe_angles, describe_hip, draw_pose, update_pose, view_limits
from ..draw.pelvis import PelvisArtists, draw_rear_view, update_rear_view
from ..draw.style import COLORS, FONT_SIZES, new_figure, render_png
from ..model.anthropometrics import Body, default_body
from ..model.leg_height import describe_level, split_leg_height
from ..model.pose import Pose, start_pose
from ..model.variants import check_variant
from .static_twin import IMAGE_WIDTH_PX, StaticTwin

CAPTION_ROOM_IN = 0.35  # inches under the floor for the caption (and 2 % of the height), when labelled
INSET_BOUNDS = (0.005, 0.5, 0.25, 0.495)  # the view from behind, in the main picture's axes fractions
INSET_TITLE_ROOM = 0.14  # share of the inset's height added above the body for its title


class PoseViewer:
    """A drawn body in one variant's set-up that can be moved to a new pose in place."""

    def __init__(
        self,
        variant: str,
        pose: Pose | None = None,
        body: Body | None = None,
        *,
        width_px: int = IMAGE_WIDTH_PX,
        pelvis_view: bool = False,
        labels: bool = True,
    ) -> None:
        """`labels=False` draws the body without angle labels.

        For exercises where the labels would give the answer.
        """
        check_variant(variant)
        self.variant = variant
        self.body = body or default_body()
        self.pose = pose or start_pose(variant)
        (x0, x1), (y0, y1) = view_limits(self.body, variant)
        width_in = width_px / 100
        caption_in = CAPTION_ROOM_IN if labels else 0.0  # no caption drawn: no empty strip under the floor
        self.figure = new_figure(width_in, width_in * (y1 - y0) / (x1 - x0) + caption_in)
        bottom = caption_in / self.figure.get_figheight() + (0.02 if labels else 0.0)
        ax = self.figure.add_axes((0.0, bottom, 1.0, 1.0 - bottom))
        self.artists = draw_pose(ax, self.pose, self.body, variant, angles=labels, caption=labels)
        self.pelvis = self._draw_inset(ax) if pelvis_view else None
        self.image = widgets.Image(format="png", width=width_px, layout=widgets.Layout(width=f"{width_px}px"))
        self.image.add_class("kickback-figure")
        self.renders = 0
        self.render()

    def _draw_inset(self, ax: Axes) -> PelvisArtists:
        """The view from behind as a framed picture in the top left corner, titled inside its frame.

        Framed, its own floor reads as the floor of that small picture, not as a line in mid-air.
        """
        inset = ax.inset_axes(INSET_BOUNDS)
        pelvis = draw_rear_view(inset, self.pose, self.body, words=False, variant=self.variant, sides=False)
        y0, y1 = inset.get_ylim()
        inset.set_ylim(y0, y1 + INSET_TITLE_ROOM * (y1 - y0))
        inset.add_patch(
            Rectangle(
                (0.0, 0.0),
                1.0,
                1.0,
                transform=inset.transAxes,
                facecolor="white",
                edgecolor=COLORS["reference"],
                linewidth=1.0,
                zorder=0.1,
                gid="rear_view_frame",
            )
        )
        inset.text(
            0.5,
            0.98,
            "seen from behind",
            transform=inset.transAxes,
            ha="center",
            va="top",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
        )
        return pelvis

    def show(self, pose: Pose) -> None:
        """Move the body to `pose` and send the new picture to the browser."""
        self.pose = pose
        update_pose(self.artists, pose)
        if self.pelvis is not None:
            update_rear_view(self.pelvis, pose)
        self.render()

    def render(self) -> None:
        """Draw the figure to PNG bytes and put them in the Image widget."""
        self.image.value = render_png(self.figure)
        self.renders += 1


def describe_pose(pose: Pose) -> str:
    """The pose in words: how high the leg looks and where that comes from."""
    height = split_leg_height(pose)
    level = describe_level(height.above_floor)
    thigh, parts = describe_angles(pose, height)["sum"].split(":\n", 1)
    # the slider shows a signed number; the words beside it say what it means
    slider = f"Hip extension {pose.hip_extension:.0f}° ({describe_hip(pose.hip_extension)})"
    return f"{slider}. {thigh.capitalize()} ({level}): {parts}."


class SliderDemo(StaticTwin, widgets.VBox):
    """One slider ("hip extension") that moves the working leg: the first widget a learner meets.

    The slider spans the variant's own hip range (`data/explorer_ranges.csv`, as the explorer), so
    it starts at the variant's start pose and its value always matches the picture.
    """

    def __init__(self, variant: str = "cable", body: Body | None = None) -> None:
        self.viewer = PoseViewer(variant, body=body)
        start = self.viewer.pose
        low, high = read_slider_ranges(self.viewer.variant)["hip_extension"]
        self.slider = widgets.IntSlider(
            value=int(round(start.hip_extension)),
            min=low,
            max=high,
            step=1,
            description="hip extension",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"),
        )
        self.slider.add_class("kickback-slider")
        self.words = widgets.HTML(value=describe_pose(start))
        self.words.add_class("kickback-readout")
        self.static_png = render_png(self.viewer.figure)
        self.slider.observe(self._on_change, names="value")
        super().__init__([self.slider, self.viewer.image, self.words])

    def _on_change(self, change: dict[str, Any]) -> None:
        pose = self.viewer.pose.replace(hip_extension=float(change["new"]))
        self.viewer.show(pose)
        self.words.value = describe_pose(pose)

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return (
            f"[Slider 'hip extension' with a picture of a {self.viewer.variant} kickback. "
            f"{describe_pose(self.viewer.pose)}]"
        )


def try_a_slider(variant: str = "cable") -> SliderDemo:
    """A one-slider demo: drag "hip extension" (or use the arrow keys) and watch the leg move.

    Parameters
    ----------
    variant : str, optional
        "cable" (default), "machine" or "bodyweight".

    Returns
    -------
    SliderDemo
        A hip-extension slider (degrees) and the picture, described in words.
    """
    return SliderDemo(variant)
