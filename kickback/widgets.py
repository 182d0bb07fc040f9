"""Thin widgets that join the model and the drawing: one persistent figure, redrawn in place.

A widget keeps one matplotlib Figure (not pyplot), moves its artists with `update_pose`, and
sends a PNG to an `ipywidgets.Image`. Its notebook output also carries a PNG of the figure at
its starting values (the static twin) and its state in words, for viewers without a kernel.
"""

from __future__ import annotations

import base64
from typing import Any

import ipywidgets as widgets

from .body import Body, Pose, check_variant, default_body, describe_level, split_leg_height, start_pose
from .draw import draw_pelvis_from_above, draw_pose, update_pelvis_from_above, update_pose, view_limits
from .style import COLORS, new_figure, render_png

IMAGE_WIDTH_PX = 560


class PoseViewer:
    """A drawn body in one variant's set-up that can be moved to a new pose in place."""

    def __init__(
        self, variant: str, pose: Pose | None = None, body: Body | None = None, *,
        width_px: int = IMAGE_WIDTH_PX, pelvis_view: bool = False, labels: bool = True,
    ) -> None:
        """`labels=False` draws the body without angle labels (for exercises where they would give the answer)."""
        check_variant(variant)
        self.variant = variant
        self.body = body or default_body()
        self.pose = pose or start_pose(variant)
        (x0, x1), (y0, y1) = view_limits(self.body, variant)
        width_in = width_px / 100
        self.figure = new_figure(width_in, width_in * (y1 - y0) / (x1 - x0) + 0.35)
        ax = self.figure.add_axes((0.0, 0.35 / self.figure.get_figheight() + 0.02, 1.0, 1.0 - 0.35 / self.figure.get_figheight() - 0.02))
        self.artists = draw_pose(ax, self.pose, self.body, variant, angles=labels, caption=labels)
        self.pelvis = draw_pelvis_from_above(ax.inset_axes((0.01, 0.70, 0.33, 0.29)), self.pose.pelvic_rotation) if pelvis_view else None
        if self.pelvis is not None and not labels:
            self.pelvis.label.set_visible(False)
        self.image = widgets.Image(format="png", width=width_px, layout=widgets.Layout(width=f"{width_px}px"))
        self.image.add_class("kickback-figure")
        self.renders = 0
        self.render()

    def show(self, pose: Pose) -> None:
        """Move the body to `pose` and send the new picture to the browser."""
        self.pose = pose
        update_pose(self.artists, pose)
        if self.pelvis is not None:
            update_pelvis_from_above(self.pelvis, pose.pelvic_rotation)
        self.render()

    def render(self) -> None:
        """Draw the figure to PNG bytes and put them in the Image widget."""
        self.image.value = render_png(self.figure)
        self.renders += 1


def describe_pose(pose: Pose) -> str:
    """The pose in words: how high the leg looks and where that comes from."""
    height = split_leg_height(pose)
    level = describe_level(height.above_floor)
    return (
        f"Hip extension {pose.hip_extension:.0f}°. The thigh is {height.apparent:.0f}° from hanging straight down "
        f"({level}): hip {height.hip:.0f}° + lower back {height.lumbar:.0f}° + trunk lean {height.trunk:.0f}°."
    )


class SliderDemo(widgets.VBox):
    """One slider ("hip extension") that moves the working leg: the first widget a learner meets."""

    def __init__(self, variant: str = "cable", body: Body | None = None) -> None:
        self.viewer = PoseViewer(variant, body=body)
        start = self.viewer.pose
        self.slider = widgets.IntSlider(
            value=int(round(start.hip_extension)), min=-30, max=40, step=1,
            description="hip extension", continuous_update=True,
            style={"description_width": "initial"}, layout=widgets.Layout(width="420px"),
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

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["image/png"] = base64.b64encode(self.static_png).decode("ascii")
        bundle["text/plain"] = f"[Slider 'hip extension' with a picture of a {self.viewer.variant} kickback. {describe_pose(self.viewer.pose)}]"
        return bundle


def try_a_slider(variant: str = "cable") -> SliderDemo:
    """A one-slider demo: drag "hip extension" (or use the arrow keys) and watch the leg move."""
    return SliderDemo(variant)


class MuscleLevers(widgets.VBox):
    """One slider (hip extension, on all fours): the muscles' lines of pull, the best lever highlighted, in words too."""

    def __init__(self) -> None:
        from .draw import draw_muscles

        self.variant = "bodyweight"
        start = start_pose(self.variant)
        self.viewer = PoseViewer(self.variant, start, labels=False)
        for name in ("thigh", "shank", "foot"):  # grey leg, so the blue primary mover stands out on it
            self.viewer.artists.polygons[name].set_facecolor(COLORS["body"])
        self.viewer.artists.lines["spine"].set_visible(False)
        height = self.viewer.body.height
        self.viewer.artists.ax.set_xlim(-0.42 * height, 0.30 * height)  # closer in: the hips and thighs
        self.viewer.artists.ax.set_ylim(-0.02 * height, 0.68 * height)
        self.muscle_lines = draw_muscles(self.viewer.artists.ax, self.viewer.artists.skeleton, self.viewer.body)
        self.slider = widgets.IntSlider(
            value=int(start.hip_extension), min=-90, max=20, step=1, description="hip extension",
            continuous_update=True, style={"description_width": "initial"}, layout=widgets.Layout(width="420px"),
        )
        self.slider.add_class("kickback-slider")
        self.words = widgets.HTML()
        self.words.add_class("kickback-readout")
        self._show(start)
        self.static_png = self.viewer.image.value
        self.slider.observe(lambda change: self._show(self.viewer.pose.replace(hip_extension=float(change["new"]))), names="value")
        super().__init__([self.slider, widgets.HBox([self.viewer.image, self.words])])

    def _show(self, pose: Pose) -> None:
        from .draw import update_muscles
        from .muscles import rank_levers, read_muscles

        self.viewer.pose = pose
        update_pose(self.viewer.artists, pose)
        ranking = rank_levers(hip_extension=pose.hip_extension, knee_flexion=pose.knee_flexion)
        update_muscles(self.muscle_lines, self.viewer.artists.skeleton, self.viewer.body, best=ranking[0][0])
        self.viewer.render()
        names = {muscle.id: muscle.name for muscle in read_muscles()}
        self.ranking_text = [f"{names[muscle]}: {arm * 1000:.0f} mm" for muscle, arm in ranking]
        best = names[ranking[0][0]]
        items = "".join(f"<li>{line}</li>" for line in self.ranking_text)
        self.words.value = (
            f"<p>At hip extension {pose.hip_extension:.0f}° (knee {pose.knee_flexion:.0f}°) the best lever is the "
            f"<b>{best}</b> (drawn thick and solid).</p><p>Hip-extension moment arms, Rajagopal 2016 model:</p><ol>{items}</ol>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["image/png"] = base64.b64encode(self.static_png).decode("ascii")
        bundle["text/plain"] = f"[Slider 'hip extension' on all fours; muscles' lines of pull.] Moment arms at the start: " + "; ".join(self.ranking_text)
        return bundle


def compare_levers() -> MuscleLevers:
    """Move the hip and see which muscle has the best lever for hip extension at each angle."""
    return MuscleLevers()
