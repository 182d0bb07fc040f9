"""Curves drawn the same way everywhere: label an axes, a torque curve, the moment arms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ..model.anthropometrics import Body
from ..model.leg_height import split_leg_height
from ..model.loads import BandLoad, CableLoad, Load, MachineLoad, MiniBandLoad, default_load, describe_load
from ..model.pose import preset_pose
from ..model.torque import CurveSummary, describe_curve, split_hip_torque, sweep_range
from ..model.variants import QUADRUPED
from ..table import Table
from .style import COLORS, FONT_SIZES, LINESTYLES


def decorate(ax: Axes, *, title: str = "", xlabel: str = "", ylabel: str = "") -> None:
    """Title and label an axes in the course style, with a light grid."""
    if title:
        ax.set_title(title, fontsize=FONT_SIZES["label"] + 1, fontweight="bold", color=COLORS["outline"])
    ax.set_xlabel(xlabel, fontsize=FONT_SIZES["label"])
    ax.set_ylabel(ylabel, fontsize=FONT_SIZES["label"])
    ax.tick_params(labelsize=FONT_SIZES["small"])
    ax.grid(True, color="#E3E3E3", linewidth=0.8)
    ax.set_axisbelow(True)


@dataclass(frozen=True)
class ProfileCase:
    """One way to load the kickback: a title, the variant and its load.

    Parameters
    ----------
    title : str
        What the lesson calls it, e.g. "Cable, low pulley".
    variant : str
        "cable", "machine" or "bodyweight".
    load : CableLoad, MachineLoad, BandLoad, DumbbellLoad or None
        The load; None for the leg's own weight only.
    """

    title: str
    variant: str
    load: Load | None


@dataclass
class CurveArtists:
    """The artists of one torque curve, kept so a widget can move them in place.

    `total` is the demand from the start to the correct top (the taught range), `beyond` its thin, faded
    continuation past the top, `own_weight` the leg's own share over the taught range.
    """

    total: Line2D
    own_weight: Line2D
    peak: Line2D
    low: Line2D
    note: object
    beyond: Line2D | None = None


def compute_profile(case: ProfileCase, body: Body) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hip angles (deg), total torque and the leg's own-weight part (N·m) over the variant's sweep.

    One skeleton per angle gives both parts (the total is the leg's part plus the load's), so a
    slider step solves each pose once.
    """
    hip = sweep_range(case.variant)
    base = preset_pose(case.variant, "start")
    poses = [base.replace(hip_extension=float(a)) for a in hip]
    parts = [split_hip_torque(pose, body, case.variant, load=case.load) for pose in poses]
    return hip, np.array([part.total for part in parts]), np.array([part.leg for part in parts])


HIP_AXIS_LABEL = "hip angle (°): − flexed, + extended"


def hip_in_words(angle: float) -> str:
    """A hip angle as people say it: "hip flexed 15°", "hip extended 20°" (not "hip -15°").

    >>> hip_in_words(-15.2), hip_in_words(20), hip_in_words(0.3)
    ('hip flexed 15°', 'hip extended 20°', 'hip straight (0°)')
    """
    rounded = round(float(angle))
    if rounded == 0:
        return "hip straight (0°)"
    return f"hip {'flexed' if rounded < 0 else 'extended'} {abs(rounded)}°"


RANGE_SHADE = "#EDEDED"  # the hip range a set-up sweeps: light grey behind the curve
BEYOND_COLOR = "#8CBFDC"  # the total demand past the correct top: the curve's own blue, faded (45 % on white)


BEYOND_WORDS = "past the correct top (not taught)"
HARDEST_WORDS = "hardest within start–top"
EASIEST_WORDS = "easiest within start–top"


def draw_profile(ax: Axes, case: ProfileCase, body: Body) -> CurveArtists:
    """A torque curve with the leg's own share, its hardest (▲) and easiest (▽) points named above the plot.

    The curve is drawn thick over the taught range (start to correct top, shaded) and thin and faded
    past the top, so the ▲ and ▽ are the extremes of the thick line. The words sit above the axes;
    a note on the dotted line, where one is needed, sits in free space (`place_note`).
    """
    (total,) = ax.plot([], [], color=COLORS["working_leg"], linewidth=2.4, label="total demand", zorder=3)
    (beyond,) = ax.plot(
        [],
        [],
        color=BEYOND_COLOR,
        linewidth=1.0,
        label=BEYOND_WORDS,
        zorder=2.8,
        solid_capstyle="butt",
    )
    (own,) = ax.plot(
        [],
        [],
        color=COLORS["reference"],
        linestyle=LINESTYLES["reference"],
        linewidth=1.6,
        label="leg's own weight",
        zorder=2.5,
    )
    (peak,) = ax.plot(
        [],
        [],
        "^",
        color=COLORS["hardest"],
        markersize=8,
        markeredgecolor=COLORS["outline"],
        zorder=4,
        label=HARDEST_WORDS,
    )
    (low,) = ax.plot(
        [],
        [],
        "v",
        color=COLORS["easiest"],
        markersize=8,
        markeredgecolor=COLORS["outline"],
        markeredgewidth=1.3,
        zorder=4,
        label=EASIEST_WORDS,
    )
    note = ax.text(
        0.0,
        1.02,
        "",
        transform=ax.transAxes,
        fontsize=FONT_SIZES["small"],
        va="bottom",
        ha="left",
        color=COLORS["outline"],
    )
    decorate(ax, xlabel=HIP_AXIS_LABEL, ylabel="hip-extension torque (N·m)")
    ax.set_title(case.title, fontsize=FONT_SIZES["label"], fontweight="bold", color=COLORS["outline"], pad=28)
    artists = CurveArtists(total=total, own_weight=own, peak=peak, low=low, note=note, beyond=beyond)
    update_profile(ax, artists, case, body)
    return artists


def short_load(load: Load | None) -> str:
    """A load in a panel's second title line, its numbers from data/loads.csv (e.g. "10 kg stack, 1:1").

    >>> short_load(default_load("cable")), short_load(default_load("machine")), short_load(None)
    ('10 kg stack', '20 kg cam (constant torque)', "no load: the leg's own weight")
    """
    if load is None:
        return "no load: the leg's own weight"
    if isinstance(load, CableLoad):
        ratio = "" if load.pulley_ratio == 1 else f", {load.pulley_ratio:g}:1"
        return f"{load.stack_mass_kg:g} kg stack{ratio}"
    if isinstance(load, MachineLoad):
        return (
            f"{load.mass_kg:g} kg cam (constant torque)"
            if load.kind == "cam"
            else f"{load.mass_kg:g} kg plates"
        )
    if isinstance(load, MiniBandLoad):
        return f"{load.stiffness_n_per_m:g} N/m loop at the {load.attach}s"
    if isinstance(load, BandLoad):
        return f"{load.stiffness_n_per_m:g} N/m band at the {load.attach}"
    return f"{load.mass_kg:g} kg dumbbell"


def label_panel_load(ax: Axes, case: ProfileCase) -> Text:
    """A second title line under a panel's title naming its load ("20 kg cam*"): what sets the panel's height.

    The title rises by 11 points (a small line) and the line hangs from it, placed at draw time, so it
    never meets the ▲ and ▽ words under it. The asterisk points to the figure's footnote ("teaching values").
    """
    ax.set_title(
        ax.get_title(),
        fontsize=FONT_SIZES["label"],
        fontweight="bold",
        color=COLORS["outline"],
        pad=28 + 11,
    )
    return ax.annotate(
        f"{short_load(case.load)}{'*' if case.load is not None else ''}",
        xy=(0.5, 0.0),
        xycoords=ax.title,
        xytext=(0, -1),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
        gid="load_line",
    )


RESISTANCE_FOOTNOTE = (
    "Compare the curves' shapes, not their heights: each panel's height is set by its own load.\n"
    "* Loads: teaching values (course defaults), not measurements of a machine or band.\n"
    "The cam machine is modelled as a constant torque, an idealisation (real cams are only roughly even),\n"
    "so its whole rise comes from the leg's own weight."
)
"""The comparison figure's footnote: what its one torque scale does and does not invite."""


def profile_limits(top: float, bottom: float = 0.0) -> tuple[float, float]:
    """A y range (N·m) that leaves room above a curve's peak marker."""
    return min(bottom, 0.0) - 0.04 * (top - bottom), top * 1.10


def taught_range(case: ProfileCase, hip: np.ndarray) -> np.ndarray:
    """Which sweep angles lie between the variant's start and its correct top (the range the course teaches).

    The sweep runs 10° past the correct top to show what overreaching costs; the hardest and easiest
    points are named only inside the taught range, where the height comes from the hip.
    """
    top = preset_pose(case.variant, "correct_top").hip_extension
    return np.asarray(hip) <= top + 1e-9


def summarize_profile(case: ProfileCase, hip: np.ndarray, total: np.ndarray) -> CurveSummary:
    """The curve's shape and its hardest and easiest points, inside the taught range only."""
    inside = taught_range(case, hip)
    return describe_curve(np.asarray(hip)[inside], np.asarray(total)[inside])


def update_profile(ax: Axes, artists: CurveArtists, case: ProfileCase, body: Body) -> str:
    """Recompute and move a drawn torque curve (its taught range shaded); return its description in words."""
    hip, total, own = compute_profile(case, body)
    summary = summarize_profile(case, hip, total)
    inside = taught_range(case, hip)
    last = int(np.flatnonzero(inside)[-1])
    artists.total.set_data(hip[inside], total[inside])
    if artists.beyond is not None:
        artists.beyond.set_data(hip[last:], total[last:])  # from the top on, joined to the thick line
    artists.own_weight.set_data(hip[inside], own[inside])
    artists.peak.set_data([summary.peak_angle], [summary.peak_torque])
    artists.low.set_data([summary.low_angle], [summary.low_torque])
    artists.note.set_text(
        f"▲ hardest: {hip_in_words(summary.peak_angle)}\n▽ easiest: {hip_in_words(summary.low_angle)}"
    )
    for patch in [p for p in ax.patches if p.get_gid() == "range"]:
        patch.remove()
    ax.axvspan(hip[0], float(hip[last]), color=RANGE_SHADE, zorder=0.5, gid="range", linewidth=0)
    ax.set_xlim(hip[0] - 2, hip[-1] + 2)
    top = max(float(np.max(total)), float(np.max(own)), 1.0)
    bottom = min(float(np.min(total)), float(np.min(own)), 0.0)
    ax.set_ylim(*profile_limits(top, bottom))
    start_thigh = split_leg_height(preset_pose(case.variant, "start")).apparent
    note = own_weight_note(
        hip[inside], total[inside], own[inside], standing=case.variant != QUADRUPED, start_thigh=start_thigh
    )
    for text in [t for t in ax.texts if t.get_gid() == "own_note"]:
        text.remove()
    if note:
        place_note(ax, note)
    extra = f" {note.replace(chr(10), ' ')}." if note else ""
    return f"{case.title} ({describe_load(case.load)}): {summary.describe()}.{extra}"


NOTE_GAP_PT = 5.0
"""Points between a curve's note and what it hangs from (the legend above it, or the x-axis label)."""


def place_note(ax: Axes, words: str) -> Text:
    """Put a curve's note in free space, never on the curves, the markers or the shaded range.

    Beside an axes with a legend (a single profile, the explorer) the note hangs under the legend, in
    the column to the right of the plot; otherwise (a panel of the comparison figure) it is a caption
    under the panel's x-axis label, from the panel's left edge, so it reads as that panel's. Both
    anchors are artists matplotlib places at draw time, so the note follows them when the layout moves.
    """
    style: dict[str, Any] = {
        "gid": "own_note",
        "fontsize": FONT_SIZES["small"],
        "color": COLORS["outline"],
        "linespacing": 1.15,
        "textcoords": "offset points",
        "ha": "left",
        "va": "top",
        "annotation_clip": False,
    }
    legend = ax.get_legend()
    if legend is not None:
        inset = legend.borderpad * legend.prop.get_size_in_points()  # line up with the legend's entries
        return ax.annotate(words, xy=(0, 0), xycoords=legend, xytext=(inset, -NOTE_GAP_PT), **style)
    return ax.annotate(
        words, xy=(0, 0), xycoords=("axes fraction", ax.xaxis.label), xytext=(0, -NOTE_GAP_PT), **style
    )


def own_weight_note(
    hip: np.ndarray,
    total: np.ndarray,
    own: np.ndarray,
    *,
    standing: bool = False,
    start_thigh: float | None = None,
) -> str:
    """What the dotted leg's-weight line shows where it is hard to see or surprising ("" otherwise).

    With no load the dotted line lies under the total (they are the same). Where the total drops below
    the leg's own weight, the load's part is negative: its line of pull has passed to the other side of
    the hip, so it helps the lift there (an anchored band near the top, on all fours). Standing, the leg
    starts close under the hip, so its own weight barely loads the hip until it swings back: the note
    gives the two numbers (N·m at the start and at the top), computed, when the start's is under a
    quarter of the top's, and where the thigh points at the start (`start_thigh`, degrees from
    vertical, behind +; the cable's start is 5° behind, the machine's 15° in front). Lines stay under
    about 32 characters, so a note fits a panel's width or the column beside the explorer's plot.

    >>> import numpy as np
    >>> own_weight_note(np.array([-15.0, 20]), np.array([88.0, 98]), np.array([5.0, 30]), standing=True,
    ...                 start_thigh=5.0).split(chr(10))[1:]
    ['5 N·m at the start, when the', 'thigh is 5° behind vertical;', '30 N·m at the top']
    """
    load = np.asarray(total) - np.asarray(own)
    if np.all(np.abs(load) < 0.5):
        return "leg's own weight (dotted):\nthe same as the total, so\nhidden under it"
    helping = np.asarray(hip)[load < -0.5]
    if helping.size:
        return (
            f"from {hip_in_words(float(helping.min()))} the load\nhelps the lift (its pull crosses\n"
            "the hip): the total drops below\nthe dotted line"
        )
    start, top = float(own[0]), float(own[-1])
    if standing and top > 0 and start < 0.25 * top:
        if start_thigh is None:
            return f"leg's own weight (dotted):\n{start:.0f} N·m at the start,\n{top:.0f} N·m at the top"
        return (
            f"leg's own weight (dotted):\n{start:.0f} N·m at the start, when the\n"
            f"thigh is {thigh_from_vertical(start_thigh)};\n{top:.0f} N·m at the top"
        )
    return ""


def thigh_from_vertical(apparent: float) -> str:
    """A thigh's angle from vertical (degrees, behind +) in words: "5° behind vertical".

    >>> thigh_from_vertical(-15.0), thigh_from_vertical(0.2)
    ('15° in front of vertical', 'vertical')
    """
    if abs(apparent) < 0.5:
        return "vertical"
    return f"{abs(apparent):.0f}° {'behind' if apparent > 0 else 'in front of'} vertical"


def show_profiles(cases: list[ProfileCase], body: Body) -> Table:
    """Where each way of loading the kickback is hardest and easiest, as a table.

    Parameters
    ----------
    cases : list of ProfileCase
        The loads to compare, e.g. `profile_cases()`.
    body : Body
        Segment lengths (m) and masses (kg).

    Returns
    -------
    Table
        Per load: the curve's shape, and its hardest and easiest points (N·m at degrees of hip
        extension).
    """
    rows = []
    for case in cases:
        hip, total, _ = compute_profile(case, body)
        summary = summarize_profile(case, hip, total)
        rows.append(
            (
                case.title,
                describe_load(case.load),
                summary.shape,
                f"{summary.peak_torque:.0f} N·m at hip {summary.peak_angle:.0f}°",
                f"{summary.low_torque:.0f} N·m at hip {summary.low_angle:.0f}°",
            )
        )
    caption = (
        f"Model: a {body.height:.2f} m, {body.mass:.0f} kg body (Winter's segment table); "
        "loads from data/loads.csv (teaching defaults)."
    )
    return Table(("load", "set-up", "shape", "hardest", "easiest"), rows, caption)


def shared_profile_top(cases: list[ProfileCase], body: Body) -> float:
    """The largest torque (N·m) any of `cases` asks for: one y scale, so loads compare honestly."""
    tops = []
    for case in cases:
        _, total, own = compute_profile(case, body)
        tops.append(max(float(np.max(total)), float(np.max(own))))
    return max(tops + [1.0])


def profile_key_handles(artists: CurveArtists) -> list[Any]:
    """Legend entries for a torque plot: the curves, the shaded range, then the ▲ and ▽ markers.

    In that order a legend of three columns (filled column by column) pairs the thick and thin
    curve, the dotted line and the shading, and the two markers.
    """
    from matplotlib.patches import Patch

    handles: list[Any] = [artists.total]
    if artists.beyond is not None:
        handles.append(artists.beyond)
    shade = Patch(facecolor=RANGE_SHADE, edgecolor="none", label="start to correct top (taught)")
    return handles + [artists.own_weight, shade, artists.peak, artists.low]


def profile_cases() -> list[ProfileCase]:
    """The five ways to load a kickback that lesson 07 compares, each with its default load.

    Returns
    -------
    list of ProfileCase
        Title, variant and load (masses in kg, lengths in m, stiffness in N/m).
    """
    return [
        ProfileCase("Bodyweight, on all fours", "bodyweight", None),
        ProfileCase("Mini band round the knees", "bodyweight", default_load("bodyweight", "mini_band")),
        ProfileCase("Band anchored in front", "bodyweight", default_load("bodyweight", "anchored_band")),
        ProfileCase("Dumbbell behind the knee", "bodyweight", default_load("bodyweight", "dumbbell")),
        ProfileCase("Cable, low pulley", "cable", default_load("cable")),
        ProfileCase("Machine with a cam", "machine", default_load("machine")),
    ]
