"""One load's torque curve as a lesson picture: a title that says where it is hardest, the variant's range.

Lessons 03, 04, 05 and 07 show one load at a time (`show_profile`). The x axis spans the variant's own
sweep with a margin, so the curve fills the picture; the y axis keeps the one scale every load the
course compares shares, so two of these pictures compare honestly.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..model.anthropometrics import Body, default_body
from ..model.torque import CurveSummary
from .curves import (
    CurveArtists,
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
from .style import COLORS, FONT_SIZES, new_figure, render_png, styled

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


NEARLY_EVEN_SPREAD = 0.15
"""A curve whose hardest and easiest points (within the taught range) differ by less than this share of
its peak is titled "nearly even". A teaching heuristic: no study sets where a load stops feeling even;
15 % keeps the cable's 88–98 N·m (+11 %) from being called hardest at the top, and the machine's
70–103 N·m (+47 %) still rises."""


def is_nearly_even(summary: CurveSummary) -> bool:
    """True when the curve's spread (hardest − easiest) is under `NEARLY_EVEN_SPREAD` of its hardest point."""
    peak = abs(summary.peak_torque)
    return peak > 0 and (summary.peak_torque - summary.low_torque) < NEARLY_EVEN_SPREAD * peak


def profile_title(case: ProfileCase, hip: np.ndarray, summary: CurveSummary, *, angles: bool = True) -> str:
    """The picture's title: the load and where in the taught range it is hardest (computed).

    With `angles` False the hip angles in brackets are left out (a shorter title; the ▲ and ▽ words
    under it still give them).

    A curve whose spread within the taught range is under `NEARLY_EVEN_SPREAD` of its peak is called
    nearly even, with its two numbers, rather than "hardest ... easiest ...", which would overstate it.

    >>> import numpy as np
    >>> from kickback.model.torque import describe_curve
    >>> hip = np.array([-15.0, 0.0, 20.0])
    >>> cable = ProfileCase("Cable", "cable", None)
    >>> profile_title(cable, hip, describe_curve(hip, np.array([88.0, 95, 98])))
    'Cable: nearly even, 88–98 N·m, a little harder at the top'
    >>> profile_title(cable, hip, describe_curve(hip, np.array([70.0, 90, 103])))
    'Cable: hardest at the top (hip extended 20°), easiest at the start'
    >>> profile_title(cable, hip, describe_curve(hip, np.array([70.0, 90, 103])), angles=False)
    'Cable: hardest at the top, easiest at the start'
    """
    hardest = where_in_range(summary.peak_angle, hip)
    easiest = where_in_range(summary.low_angle, hip)
    if summary.shape == "even":
        return f"{case.title}: about as hard all the way from start to top"
    if is_nearly_even(summary):
        return (
            f"{case.title}: nearly even, {summary.low_torque:.0f}–{summary.peak_torque:.0f} N·m, "
            f"a little harder {hardest}"
        )
    peak = f" ({hip_in_words(summary.peak_angle)})" if angles else ""
    low = "" if easiest.startswith("at the") or not angles else f" ({hip_in_words(summary.low_angle)})"
    return f"{case.title}: hardest {hardest}{peak}, easiest {easiest}{low}"


TITLE_STYLE: dict[str, Any] = {
    "x": 0.01,
    "y": 0.98,
    "ha": "left",
    "va": "top",
    "fontsize": FONT_SIZES["label"] + 1,
    "fontweight": "bold",
    "color": COLORS["outline"],
}
"""The finding, as a single profile's title: from the figure's left edge (it is longer than the axes)."""


def lay_out_profile(
    case: ProfileCase, body: Body, *, width_in: float, right: float
) -> tuple[Figure, Axes, CurveArtists, Text]:
    """One torque curve's figure, key and (empty) title, as every single profile is laid out.

    Call it inside the course's rc settings (`styled`): axes made there get the course's spines and
    fonts. The plot takes the figure's width up to `right` (a fraction); the key, and the curve's
    note under it, fill the column beside it. Shared by `show_profile` and the explorer, so the two
    look the same.

    Parameters
    ----------
    case : ProfileCase
        The load drawn first.
    body : Body
        Segment lengths (m) and masses (kg).
    width_in : float
        The figure's width (inches, at 100 dpi: pixels / 100).
    right : float
        Where the plot ends, as a fraction of the figure's width.

    Returns
    -------
    tuple
        The figure, its axes, the curve's artists and the title text (set it with `set_text`).
    """
    figure = new_figure(width_in, 3.6)
    ax = figure.add_subplot()
    figure.subplots_adjust(left=0.09, right=right, bottom=0.15, top=0.80)
    artists = draw_profile(ax, case, body)
    ax.legend(
        handles=profile_key_handles(artists),
        fontsize=FONT_SIZES["small"],
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        frameon=False,
    )
    ax.set_title("")  # the finding is the figure's title, from its left edge (longer than the axes)
    return figure, ax, artists, figure.suptitle("", **TITLE_STYLE)


class ProfileFigure:
    """One torque curve as a picture with its description in words (for lessons; no widget).

    Its y scale is the one every load the course compares shares, so two of these pictures compare
    honestly; its x axis is the variant's own sweep.
    """

    @styled
    def __init__(self, case: ProfileCase, body: Body) -> None:
        figure, ax, artists, title = lay_out_profile(case, body, width_in=8.0, right=0.64)
        self.description = update_profile(ax, artists, case, body)  # its note now hangs under the legend
        hip, total, _ = compute_profile(case, body)
        inside = taught_range(case, hip)
        self.title = profile_title(case, hip[inside], summarize_profile(case, hip, total))
        title.set_text(self.title)
        top = max(shared_profile_top(profile_cases(), body), float(np.max(total)))
        ax.set_ylim(*profile_limits(top))
        ax.set_xlim(float(hip[0]) - X_MARGIN_DEG, float(hip[-1]) + X_MARGIN_DEG)
        # At the foot of the column right of the plot, in line with the key's entries: the curve's own
        # note hangs under the key, so this one stays clear of it whatever its length.
        key = ax.get_legend()
        inset = (key.borderaxespad + key.borderpad) * FONT_SIZES["small"] / 72 / figure.get_figwidth()
        column = ax.get_position().x1 + 0.02 * ax.get_position().width + inset
        figure.text(
            column, 0.03, SCALE_NOTE, fontsize=FONT_SIZES["small"], color=COLORS["outline"], va="bottom"
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


__all__ = [
    "NEARLY_EVEN_SPREAD",
    "ProfileFigure",
    "is_nearly_even",
    "lay_out_profile",
    "profile_title",
    "show_profile",
    "where_in_range",
]
