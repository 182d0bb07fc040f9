"""One load's torque curve as a lesson picture: a title that says where it is hardest, the variant's range.

Lessons 03, 04, 05 and 07 show one load at a time (`show_profile`). The x axis spans the variant's own
sweep with a margin, so the curve fills the picture; the y axis keeps the one scale every load the
course compares shares, so two of these pictures compare honestly.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

from ..model.anthropometrics import Body, default_body
from ..model.torque import CurveSummary
from .curves import (
    ProfileCase,
    compute_profile,
    draw_profile,
    hip_in_words,
    profile_cases,
    profile_key_handles,
    profile_limits,
    shared_profile_top,
    summarize_profile,
    taught_range,
    update_profile,
)
from .style import COLORS, FONT_SIZES, new_figure, render_png

X_MARGIN_DEG = 5.0
"""Degrees left free either side of the variant's sweep on a single profile's x axis."""
SCALE_NOTE = "same torque scale for\nevery load the course\ncompares"


def where_in_range(angle: float, hip: np.ndarray) -> str:
    """Where in the taught range `hip` an angle lies, in words: at or near the start or the top, or mid-way.

    >>> import numpy as np
    >>> hip = np.arange(-80.0, 11.0)
    >>> [where_in_range(a, hip) for a in (-80, -70, -41, -9, 10)]
    ['at the start', 'near the start', 'mid-way', 'near the top', 'at the top']
    """
    share = (angle - float(hip[0])) / max(float(hip[-1] - hip[0]), 1e-9)
    if share <= 0.02:
        return "at the start"
    if share >= 0.98:
        return "at the top"
    if share <= 0.25:
        return "near the start"
    return "near the top" if share >= 0.75 else "mid-way"


def profile_title(case: ProfileCase, hip: np.ndarray, summary: CurveSummary) -> str:
    """The picture's title: the load and where in the taught range it is hardest (computed).

    >>> import numpy as np
    >>> from kickback.model.torque import describe_curve
    >>> hip = np.array([-15.0, 0.0, 20.0])
    >>> profile_title(ProfileCase("Cable", "cable", None), hip, describe_curve(hip, np.array([88.0, 95, 98])))
    'Cable: hardest at the top (hip extended 20°), easiest at the start'
    """
    hardest = where_in_range(summary.peak_angle, hip)
    easiest = where_in_range(summary.low_angle, hip)
    if summary.shape == "even":
        return f"{case.title}: about as hard all the way from start to top"
    peak = f" ({hip_in_words(summary.peak_angle)})"
    low = "" if easiest.startswith("at the") else f" ({hip_in_words(summary.low_angle)})"
    return f"{case.title}: hardest {hardest}{peak}, easiest {easiest}{low}"


class ProfileFigure:
    """One torque curve as a picture with its description in words (for lessons; no widget).

    Its y scale is the one every load the course compares shares, so two of these pictures compare
    honestly; its x axis is the variant's own sweep.
    """

    def __init__(self, case: ProfileCase, body: Body) -> None:
        figure = new_figure(8.0, 3.6)
        ax = figure.add_subplot()
        figure.subplots_adjust(left=0.09, right=0.64, bottom=0.15, top=0.80)
        artists = draw_profile(ax, case, body)
        self.description = update_profile(ax, artists, case, body)
        hip, total, _ = compute_profile(case, body)
        inside = taught_range(case, hip)
        self.title = profile_title(case, hip[inside], summarize_profile(case, hip, total))
        ax.set_title("")  # the finding is the figure's title, from its left edge (longer than the axes)
        figure.suptitle(
            self.title,
            x=0.01,
            y=0.98,
            ha="left",
            va="top",
            fontsize=FONT_SIZES["label"] + 1,
            fontweight="bold",
            color=COLORS["outline"],
        )
        top = max(shared_profile_top(profile_cases(), body), float(np.max(total)))
        ax.set_ylim(*profile_limits(top))
        ax.set_xlim(float(hip[0]) - X_MARGIN_DEG, float(hip[-1]) + X_MARGIN_DEG)
        ax.legend(
            handles=profile_key_handles(artists),
            fontsize=FONT_SIZES["small"],
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            frameon=False,
        )
        figure.text(
            0.66, 0.15, SCALE_NOTE, fontsize=FONT_SIZES["small"], color=COLORS["outline"], va="bottom"
        )
        self.figure = figure
        self.png = render_png(figure)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"[Torque curve. {self.title}. {self.description}]",
        }


def show_profile(title: str, body: Body | None = None) -> ProfileFigure:
    """The torque curve of one of the course's loads, by its title (e.g. "Cable, low pulley").

    Parameters
    ----------
    title : str
        The title of one of `profile_cases()`.
    body : Body or None, optional
        Segment lengths (m) and masses (kg); None for `default_body()` (1.75 m, 75 kg).

    Returns
    -------
    ProfileFigure
        Hip-extension torque demand (N·m) against hip extension (degrees), titled by where it is hardest.
    """
    from ..validate import check_choice

    cases = {case.title: case for case in profile_cases()}
    check_choice("title", title, tuple(cases))
    return ProfileFigure(cases[title], body or default_body())


__all__ = ["ProfileFigure", "profile_title", "show_profile", "where_in_range"]
