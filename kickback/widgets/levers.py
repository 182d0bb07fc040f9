"""Compare the hip extensors' levers: move the hip and see which muscle has the best effective lever."""

from __future__ import annotations

import ipywidgets as widgets

from ..draw.lever_view import (
    EFFECTIVE_LEVER_WORDS,
    TORQUE_WORDS,
    draw_lever_figure,
    lever_title,
    update_lever_figure,
)
from ..draw.style import render_png
from ..model.anthropometrics import default_body
from ..model.pose import Pose, start_pose
from .static_twin import StaticTwin

LEVER_IMAGE_WIDTH_PX = 860


class MuscleLevers(StaticTwin, widgets.VBox):
    """One slider (hip extension, on all fours): hip muscles on a close-up of hip and thigh, levers as bars.

    The best lever is drawn thick and solid and named in the picture's title and in words.
    """

    def __init__(self) -> None:
        self.variant = "bodyweight"
        self.body = default_body()
        self.pose = start_pose(self.variant)
        self.picture = draw_lever_figure(self.pose, self.body, self.variant)
        self.muscle_lines = (
            self.picture.shapes
        )  # each muscle drawn as a shape; the best has the thickest outline
        self.image = widgets.Image(
            format="png", width=LEVER_IMAGE_WIDTH_PX, layout=widgets.Layout(width=f"{LEVER_IMAGE_WIDTH_PX}px")
        )
        self.image.add_class("kickback-figure")
        self.slider = widgets.IntSlider(
            value=int(self.pose.hip_extension),
            min=-90,
            max=20,
            step=1,
            description="hip extension",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"),
        )
        self.slider.add_class("kickback-slider")
        self.words = widgets.HTML()
        self.words.add_class("kickback-readout")
        self._show(self.pose)
        self.static_png = self.image.value
        self.slider.observe(
            lambda change: self._show(self.pose.replace(hip_extension=float(change["new"]))), names="value"
        )
        super().__init__([self.slider, self.image, self.words])

    def _show(self, pose: Pose) -> None:
        from ..draw.curves import hip_in_words
        from ..model.lever_torque import rank_lever_torques
        from ..model.muscles import rank_levers, read_muscles

        self.pose = pose
        ranking = rank_levers(hip_extension=pose.hip_extension, knee_flexion=pose.knee_flexion)
        update_lever_figure(self.picture, pose, self.body, ranking)
        self.image.value = render_png(self.picture.figure)
        names = {muscle.id: muscle.name for muscle in read_muscles()}
        torques = rank_lever_torques(hip_extension=pose.hip_extension, knee_flexion=pose.knee_flexion)
        self.ranking_text = [f"{names[muscle]}: {arm * 1000:.0f} mm" for muscle, arm in ranking]
        self.torque_text = [f"{names[muscle]}: {torque:.0f} N·m" for muscle, torque in torques]
        title = lever_title(hip_in_words(pose.hip_extension), ranking[0][0], torques)
        self.finding = title.replace("\n", " ")
        best = names[ranking[0][0]]
        items = "".join(f"<li>{line}</li>" for line in self.ranking_text)
        self.words.value = (
            f"<p>At hip extension {pose.hip_extension:.0f}° (knee {pose.knee_flexion:.0f}°) "
            "the best lever, per newton of the muscle's own force, is the "
            f"<b>{best}</b> (drawn thick and solid).</p>"
            f"<p>{EFFECTIVE_LEVER_WORDS}</p>"
            f"<p>Effective hip-extension levers (Rajagopal 2016 model), best first:</p><ol>{items}</ol>"
            f"<p>{self.finding}.</p><p>{TORQUE_WORDS}</p>"
            "<p>Torque each can make, most first:</p><ol>"
            + "".join(f"<li>{line}</li>" for line in self.torque_text)
            + "</ol>"
        )

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return (
            "[Slider 'hip extension' on all fours; the hip muscles on a close-up of the hip and thigh, "
            "effective levers and the torque each can make as bars.] "
            f"{self.finding}. {EFFECTIVE_LEVER_WORDS} {TORQUE_WORDS} Effective levers at the start: "
            + "; ".join(self.ranking_text)
            + ". Torque each can make: "
            + "; ".join(self.torque_text)
        )


def compare_levers() -> MuscleLevers:
    """Move the hip and see which muscle has the best lever for hip extension at each angle.

    Returns
    -------
    MuscleLevers
        A hip-extension slider (degrees) with the muscles' effective levers (mm), best first.
    """
    return MuscleLevers()
