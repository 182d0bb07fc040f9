"""A course figure (the figure, its file name, its alt text), and the titles and words the diagrams share."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure

VARIANT_TITLES: dict[str, str] = {
    "cable": "Standing cable kickback",
    "machine": "Machine kickback",
    "bodyweight": "Bodyweight (quadruped) kickback",
}


@dataclass(frozen=True)
class CourseFigure:
    """A figure ready to save, with the words that describe it for people who cannot see it."""

    name: str
    figure: Figure
    alt_text: str
    formats: tuple[str, ...] = (".png", ".svg")


def describe_thigh(apparent: float) -> str:
    """The thigh's angle from hanging straight down, in words for alt text."""
    if apparent < -0.5:
        return f"the thigh is {-apparent:.0f} degrees in front of hanging straight down"
    return (
        f"the thigh is {apparent:.0f} degrees behind hanging straight down"
        if apparent >= 0.5
        else "the thigh hangs straight down"
    )
