"""Compare the hip extensors' levers: move the hip and see which muscle has the best moment arm."""

from __future__ import annotations

import ipywidgets as widgets

from ..draw.body import update_pose
from ..draw.style import COLORS
from ..model.pose import Pose, start_pose
from .pose_viewer import PoseViewer
from .static_twin import StaticTwin


class MuscleLevers(StaticTwin, widgets.VBox):
    """One slider (hip extension, on all fours): the muscles' lines of pull, the best lever highlighted.

    In words too.
    """

    def __init__(self) -> None:
        from ..draw.muscles import draw_muscles

        self.variant = "bodyweight"
        start = start_pose(self.variant)
        self.viewer = PoseViewer(self.variant, start, labels=False)
        for name in ("thigh", "shank", "foot"):  # grey leg, so the blue primary mover stands out on it
            self.viewer.artists.polygons[name].set_facecolor(COLORS["body"])
        self.viewer.artists.lines["spine"].set_visible(False)
        height = self.viewer.body.height
        self.viewer.artists.ax.set_xlim(-0.42 * height, 0.30 * height)  # closer in: the hips and thighs
        self.viewer.artists.ax.set_ylim(-0.02 * height, 0.68 * height)
        self.muscle_lines = draw_muscles(
            self.viewer.artists.ax, self.viewer.artists.skeleton, self.viewer.body
        )
        self.slider = widgets.IntSlider(
            value=int(start.hip_extension),
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
        self._show(start)
        self.static_png = self.viewer.image.value
        self.slider.observe(
            lambda change: self._show(self.viewer.pose.replace(hip_extension=float(change["new"]))),
            names="value",
        )
        super().__init__([self.slider, widgets.HBox([self.viewer.image, self.words])])

    def _show(self, pose: Pose) -> None:
        from ..draw.muscles import update_muscles
        from ..model.muscles import rank_levers, read_muscles

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
            f"<p>At hip extension {pose.hip_extension:.0f}° (knee {pose.knee_flexion:.0f}°) "
            "the best lever is the "
            f"<b>{best}</b> (drawn thick and solid).</p>"
            f"<p>Hip-extension moment arms, Rajagopal 2016 model:</p><ol>{items}</ol>"
        )

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return (
            "[Slider 'hip extension' on all fours; muscles' lines of pull.] Moment arms at the start: "
            + "; ".join(self.ranking_text)
        )


def compare_levers() -> MuscleLevers:
    """Move the hip and see which muscle has the best lever for hip extension at each angle.

    Returns
    -------
    MuscleLevers
        A hip-extension slider (degrees) with the muscles' moment arms (mm), best first.
    """
    return MuscleLevers()
