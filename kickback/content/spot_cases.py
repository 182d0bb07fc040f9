"""Spot the mistake: the drawn cases, and the form checker's verdict on the learner's answer."""

from __future__ import annotations

from dataclasses import dataclass

from ..data_files import read_table
from ..form.findings import check_pose
from ..model.pose import Pose, preset_pose

NO_MISTAKE = "no mistake"

STILL_MISTAKES: tuple[str, ...] = ("arched_back", "incomplete_rom", "pelvic_rotation")
"""The mistakes a still picture can show: the ones `check_pose` judges in a single pose.

Momentum, too much weight and a weak core only show over time (a set's angle traces, lesson 09),
so every case here is a still and the exercise offers only these, plus "no mistake".
"""


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
        """The mistake ids the form checker finds in this pose, judged as the top of a rep.

        {"no mistake"} where it finds none.
        """
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


def spot_choices() -> dict[str, str]:
    """The answers the exercise offers, id -> title: the mistakes a still can show, then "no mistake"."""
    titles = mistake_titles()
    return {key: titles[key] for key in (*STILL_MISTAKES, NO_MISTAKE)}


def judge(case: Case, choice: str) -> tuple[bool, str]:
    """Whether `choice` names what the checker finds in `case`, and why, in words (with ✓ or ✗).

    Parameters
    ----------
    case : Case
        The pose on screen.
    choice : str
        One of `spot_choices()`'s ids.

    Returns
    -------
    (bool, str)
        Whether the choice is right, and the verdict in words.
    """
    titles = spot_choices()
    if choice not in titles:
        raise ValueError(f"choice must be one of {', '.join(titles)}; got {choice!r}")
    answer = case.answer()
    findings = check_pose(case.pose, case.variant)
    why = (
        " ".join(finding.message for finding in findings)
        or "The hip does the lifting, the back is neutral, the pelvis is square, and the top is reached."
    )
    if choice in answer:
        return True, f"✓ Right: {titles[choice]}. {why}"
    named = " and ".join(titles[a] for a in sorted(answer))
    return False, f"✗ Not quite: you chose '{titles[choice]}', but the checker sees: {named}. {why}"
