"""Spot the mistake: a drawn pose, the learner names its mistake, the form checker says whether that is right.

The right answer is never written down twice: it is what `check_pose` finds in the pose shown.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from .body import Pose, preset_pose
from .form import check_pose
from .tables import read_table
from .widgets import PoseViewer

NO_MISTAKE = "no mistake"


@dataclass(frozen=True)
class Case:
    """One pose to judge: the variant and the preset it comes from."""

    variant: str
    preset: str

    @property
    def pose(self) -> Pose:
        """The pose shown."""
        return preset_pose(self.variant, self.preset)

    def answer(self) -> set[str]:
        """The mistake ids the form checker finds in this pose, judged as the top of a rep (or "no mistake")."""
        found = {finding.mistake for finding in check_pose(self.pose, self.variant)}
        return found or {NO_MISTAKE}


CASES: tuple[Case, ...] = (
    Case("cable", "arched_back"),
    Case("bodyweight", "correct_top"),
    Case("machine", "too_little_range"),
    Case("bodyweight", "pelvis_rotated"),
    Case("cable", "correct_top"),
    Case("bodyweight", "arched_back"),
)


def mistake_titles() -> dict[str, str]:
    """Mistake id -> its title from data/mistakes.csv, plus "no mistake"."""
    titles = {row["id"]: row["title"] for row in read_table("mistakes")}
    return {**titles, NO_MISTAKE: "No mistake: this is a good top position"}


def judge(case: Case, choice: str) -> tuple[bool, str]:
    """Whether `choice` names what the checker finds in `case`, and why, in words (with ✓ or ✗)."""
    titles = mistake_titles()
    answer = case.answer()
    findings = check_pose(case.pose, case.variant)
    why = " ".join(finding.message for finding in findings) or "The hip does the lifting, the back is neutral, the pelvis is square, and the top is reached."
    if choice in answer:
        return True, f"✓ Right: {titles[choice]}. {why}"
    named = " and ".join(titles[a] for a in sorted(answer))
    return False, f"✗ Not quite: you chose '{titles[choice]}', but the checker sees: {named}. {why}"


class SpotTheMistake(widgets.VBox):
    """Show a pose, let the learner pick its mistake by keyboard or mouse, explain, move on."""

    def __init__(self, cases: tuple[Case, ...] = CASES) -> None:
        self.cases = cases
        self.index = 0
        self.viewer = PoseViewer(cases[0].variant, cases[0].pose, pelvis_view=True, labels=False)
        titles = mistake_titles()
        self.choices = widgets.RadioButtons(options=[(title, key) for key, title in titles.items()], value=None, description="It shows:", layout=widgets.Layout(width="auto"))
        self.check_button = widgets.Button(description="Check", tooltip="check your answer")
        self.next_button = widgets.Button(description="Next pose", tooltip="show the next pose")
        self.feedback = widgets.HTML()
        self.progress = widgets.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.next_button.on_click(lambda _: self.next())
        self.add_class("kickback-spot")
        self.static_png = self.viewer.image.value
        self._show_progress()
        super().__init__([self.progress, self.viewer.image, self.choices, widgets.HBox([self.check_button, self.next_button]), self.feedback])

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
        self.progress.value = f"Pose {self.index + 1} of {len(self.cases)}: a {self.case.variant} kickback. What mistake, if any, does it show?"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["image/png"] = base64.b64encode(self.static_png).decode("ascii")
        options = "; ".join(mistake_titles().values())
        bundle["text/plain"] = f"[Spot the mistake: {len(self.cases)} poses to judge. Choices: {options}.]"
        return bundle


def spot_the_mistake() -> SpotTheMistake:
    """The 'spot the mistake' exercise of lesson 06."""
    return SpotTheMistake()
