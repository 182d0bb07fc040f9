"""Spot the mistake as a widget: a drawn pose, the learner's answer, the checker's verdict."""

from __future__ import annotations

import ipywidgets as widgets

from ..content.spot_cases import CASES, Case, judge, spot_choices
from .pose_viewer import PoseViewer
from .static_twin import StaticTwin


class SpotTheMistake(StaticTwin, widgets.VBox):
    """Show a pose, let the learner pick its mistake by keyboard or mouse, explain, move on.

    Every pose is a still, so the choices are only the mistakes a still can show (`spot_choices`).
    """

    def __init__(self, cases: tuple[Case, ...] = CASES) -> None:
        self.cases = cases
        self.index = 0
        self.viewer = PoseViewer(cases[0].variant, cases[0].pose, pelvis_view=True, labels=False)
        self.choices = widgets.RadioButtons(
            options=[(title, key) for key, title in spot_choices().items()],
            value=None,
            description="It shows:",
            layout=widgets.Layout(width="auto"),
        )
        self.check_button = widgets.Button(description="Check", tooltip="check your answer")
        self.next_button = widgets.Button(description="Next pose", tooltip="show the next pose")
        self.feedback = widgets.HTML()
        self.progress = widgets.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.next_button.on_click(lambda _: self.next())
        self.add_class("kickback-spot")
        self.static_png = self.viewer.image.value
        self._show_progress()
        super().__init__(
            [
                self.progress,
                self.viewer.image,
                self.choices,
                widgets.HBox([self.check_button, self.next_button]),
                self.feedback,
            ]
        )

    @property
    def case(self) -> Case:
        """The pose on screen now."""
        return self.cases[self.index]

    def check(self) -> None:
        """Judge the chosen answer and say why."""
        if self.choices.value is None:
            self.feedback.value = "Pick an answer first, then press Check."
            return
        _, words = judge(self.case, self.choices.value)
        self.feedback.value = words

    def next(self) -> None:
        """Move to the next pose (round again after the last)."""
        self.index = (self.index + 1) % len(self.cases)
        case = self.case
        if case.variant != self.viewer.variant:
            self.viewer = PoseViewer(case.variant, case.pose, pelvis_view=True, labels=False)
            self.children = (self.progress, self.viewer.image, *self.children[2:])
        else:
            self.viewer.show(case.pose)
        self.choices.value = None
        self.feedback.value = ""
        self._show_progress()

    def _show_progress(self) -> None:
        self.progress.value = (
            f"Pose {self.index + 1} of {len(self.cases)}: a {self.case.variant} kickback. "
            "What mistake, if any, does it show?"
        )

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        options = "; ".join(spot_choices().values())
        return (
            f"[Spot the mistake: {len(self.cases)} still poses to judge. "
            f"Choices (the mistakes a still can show, or none): {options}.]"
        )


def spot_the_mistake() -> SpotTheMistake:
    """The 'spot the mistake' exercise of lesson 06.

    Returns
    -------
    SpotTheMistake
        A pose at a time (angles in degrees); the learner names the mistake, if any.
    """
    return SpotTheMistake()
