"""Set-up steps, execution steps and coaching cues for each variant, from data/cues.csv."""

from __future__ import annotations

from dataclasses import dataclass

from ..data_files import read_table
from ..model.variants import check_variant
from ..table import Table
from ..validate import check_choice

KINDS: tuple[str, ...] = ("setup", "execution", "cue")
KIND_TITLES: dict[str, str] = {"setup": "Set-up", "execution": "Execution", "cue": "Cues"}


@dataclass(frozen=True)
class Step:
    """One numbered instruction or cue, the pose its diagram shows (if any) and where it comes from."""

    variant: str
    kind: str
    order: int
    pose: str | None
    text: str
    section: str
    top3: bool


def read_steps(variant: str, kind: str) -> list[Step]:
    """The set-up steps, execution steps or cues of a variant, in order."""
    check_variant(variant)
    check_choice("kind", kind, KINDS)
    rows = [row for row in read_table("cues") if row["variant"] == variant and row["kind"] == kind]
    steps = [
        Step(
            variant,
            kind,
            int(row["order"]),
            row["pose"] or None,
            row["text"],
            row["section"],
            row["top3"] == "1",
        )
        for row in rows
    ]
    return sorted(steps, key=lambda step: step.order)


def top_cues(variant: str) -> list[Step]:
    """The three cues a cue card prints for a variant."""
    return [step for step in read_steps(variant, "cue") if step.top3]


def show_steps(variant: str, kind: str) -> Table:
    """A variant's steps or cues as a numbered table for a notebook.

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".
    kind : str
        "setup", "execution" or "cue".

    Returns
    -------
    Table
        The numbered steps or cues.
    """
    steps = read_steps(variant, kind)
    rows = [(str(step.order), step.text) for step in steps]
    return Table(
        ("step" if kind != "cue" else "cue", KIND_TITLES[kind]),
        rows,
        "Source: the course article, in our words.",
    )
