"""Spot the mistake: the drawn cases, and the form checker's verdict on the learner's answer."""

from __future__ import annotations

from dataclasses import dataclass

from ..data_files import read_table
from ..form.findings import check_pose
from ..model.pose import Pose, preset_pose

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


def judge(case: Case, choice: str) -> tuple[bool, str]:
    """Whether `choice` names what the checker finds in `case`, and why, in words (with ✓ or ✗)."""
    titles = mistake_titles()
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
