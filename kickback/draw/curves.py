"""Curves drawn the same way everywhere: label an axes, a torque curve, the moment arms."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..model.anthropometrics import Body, default_body
from ..model.loads import Load, default_load, describe_load
from ..model.muscles import moment_arm_curve
from ..model.pose import preset_pose
from ..model.torque import CurveSummary, describe_curve, split_hip_torque, sweep_range
from ..table import Table
from .style import COLORS, FONT_SIZES, LINESTYLES, new_figure, render_png


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
    """The artists of one torque curve, kept so a widget can move them in place."""

    total: Line2D
    own_weight: Line2D
    peak: Line2D
    low: Line2D
    note: object


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


def draw_profile(ax: Axes, case: ProfileCase, body: Body) -> CurveArtists:
    """A torque curve with the leg's own share, its hardest (▲) and easiest (▽) points named above the plot.

    The words sit above the axes, off the data; the hip range the set-up sweeps is shaded.
    """
    (total,) = ax.plot([], [], color=COLORS["working_leg"], linewidth=2.4, label="total demand", zorder=3)
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
        label="hardest point",
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
        label="easiest point",
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
    artists = CurveArtists(total=total, own_weight=own, peak=peak, low=low, note=note)
    update_profile(ax, artists, case, body)
    return artists


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
    artists.total.set_data(hip, total)
    artists.own_weight.set_data(hip, own)
    artists.peak.set_data([summary.peak_angle], [summary.peak_torque])
    artists.low.set_data([summary.low_angle], [summary.low_torque])
    artists.note.set_text(
        f"▲ hardest: {hip_in_words(summary.peak_angle)}\n▽ easiest: {hip_in_words(summary.low_angle)}"
    )
    for patch in [p for p in ax.patches if p.get_gid() == "range"]:
        patch.remove()
    inside = taught_range(case, hip)
    ax.axvspan(
        hip[0], float(np.asarray(hip)[inside][-1]), color=RANGE_SHADE, zorder=0.5, gid="range", linewidth=0
    )
    ax.set_xlim(hip[0] - 2, hip[-1] + 2)
    top = max(float(np.max(total)), float(np.max(own)), 1.0)
    bottom = min(float(np.min(total)), float(np.min(own)), 0.0)
    ax.set_ylim(*profile_limits(top, bottom))
    note = own_weight_note(hip[inside], total[inside], own[inside])
    for text in [t for t in ax.texts if t.get_gid() == "own_note"]:
        text.remove()
    if note:
        ax.text(
            0.98,
            0.97,
            note,
            transform=ax.transAxes,
            ha="right",
            va="top",
            gid="own_note",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
            linespacing=1.15,
        )
    extra = f" {note.replace(chr(10), ' ')}." if note else ""
    return f"{case.title} ({describe_load(case.load)}): {summary.describe()}.{extra}"


def own_weight_note(hip: np.ndarray, total: np.ndarray, own: np.ndarray) -> str:
    """What the dotted leg's-weight line shows where it is hard to see or surprising ("" otherwise).

    With no load the dotted line lies under the total (they are the same). Where the total drops below
    the leg's own weight, the load's part is negative: its line of pull has passed to the other side of
    the hip, so it helps the lift there (an anchored band near the top, on all fours).
    """
    load = np.asarray(total) - np.asarray(own)
    if np.all(np.abs(load) < 0.5):
        return "leg's own weight (dotted):\nthe same as the total"
    helping = np.asarray(hip)[load < -0.5]
    if helping.size:
        return (
            f"from {hip_in_words(float(helping.min()))}:\nthe load helps the lift\n(its pull crosses the hip)"
        )
    return ""


GLMAX_STYLES = {"glmax1": "-", "glmax2": (0, (6, 2)), "glmax3": (0, (2, 1.5))}
# The three hamstrings share the synergist colour; each has its own line style and marker, so the
# legend's three entries differ and the lines can be told apart where they cross.
HAMSTRING_STYLES: dict[str, tuple[str, Any, str]] = {
    "bflh": ("biceps femoris long head", "-", "o"),
    "semiten": ("semitendinosus", (0, (5, 2)), "s"),
    "semimem": ("semimembranosus", (0, (1.5, 1.5)), "D"),
}


def draw_moment_arms(ax: Axes, *, knee_flexion: float = 0.0) -> list[str]:
    """Gluteus maximus and hamstring hip-extension moment arms (mm) against hip angle, with gait2392 beside.

    The legend sits outside the axes, to the right. Returns a sentence per curve for the alt text.
    """
    words = []
    for muscle, style in GLMAX_STYLES.items():
        hip, arm = moment_arm_curve(muscle, knee_flexion=knee_flexion)
        ax.plot(
            hip,
            arm * 1000,
            color=COLORS["primary_mover"],
            linestyle=style,
            linewidth=2.4,
            label=f"gluteus maximus, part {muscle[-1]}",
        )
        words.append(
            f"gluteus maximus part {muscle[-1]}: {arm[hip == 0][0] * 1000:.0f} mm at 0°, "
            f"{arm[hip == -80][0] * 1000:.0f} mm at 80° of flexion"
        )
    for muscle, (label, style, marker) in HAMSTRING_STYLES.items():
        hip, arm = moment_arm_curve(muscle, knee_flexion=knee_flexion)
        ax.plot(
            hip,
            arm * 1000,
            color=COLORS["synergist"],
            linestyle=style,
            linewidth=1.8,
            marker=marker,
            markevery=max(1, len(hip) // 6),
            markersize=5.5,
            markeredgecolor=COLORS["outline"],
            markeredgewidth=0.7,
            label=label,
        )
        words.append(f"{label}: largest {arm.max() * 1000:.0f} mm at hip {hip[np.argmax(arm)]:.0f}°")
    hip, arm = moment_arm_curve("glmax", knee_flexion=knee_flexion, model="gait2392")
    ax.plot(
        hip,
        arm * 1000,
        color=COLORS["reference"],
        linestyle=LINESTYLES["reference"],
        linewidth=2.2,
        label="gluteus maximus (mean),\nthe older gait2392 model",
    )
    words.append(
        f"the gait2392 model's gluteus maximus: {arm[hip == 0][0] * 1000:.0f} mm at 0°, "
        f"{arm[hip == -90][0] * 1000:.0f} mm at 90° of flexion"
    )
    ax.axvline(0, color=COLORS["reference"], linewidth=0.8)
    decorate(ax, xlabel=HIP_AXIS_LABEL, ylabel="hip-extension moment arm (mm)")
    ax.legend(
        fontsize=FONT_SIZES["small"],
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        frameon=False,
        handlelength=3.2,
    )
    ax.text(
        1.02,
        0.0,
        f"Knee {'straight' if knee_flexion == 0 else f'bent {knee_flexion:.0f}°'}.\n"
        "Blue lines: the Rajagopal 2016\nmodel; grey: gait2392.",
        transform=ax.transAxes,
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
        va="bottom",
    )
    return words


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
    """Legend entries for a torque plot: the curves, the markers and the shaded range."""
    from matplotlib.patches import Patch

    return [
        artists.total,
        artists.own_weight,
        artists.peak,
        artists.low,
        Patch(
            facecolor=RANGE_SHADE,
            edgecolor="none",
            label="start to correct top",
        ),
    ]


class ProfileFigure:
    """One torque curve as a picture with its description in words (for lessons; no widget).

    Its y scale is the one all of lesson 07's loads share, so two of these pictures compare honestly.
    """

    def __init__(self, case: ProfileCase, body: Body) -> None:
        figure = new_figure(8.0, 3.6)
        ax = figure.add_subplot()
        figure.subplots_adjust(left=0.09, right=0.68, bottom=0.15, top=0.84)
        artists = draw_profile(ax, case, body)
        self.description = update_profile(ax, artists, case, body)
        top = max(shared_profile_top(profile_cases(), body), float(np.max(artists.total.get_ydata())))
        ax.set_ylim(*profile_limits(top))
        ax.set_xlim(-95, 35)
        ax.legend(
            handles=profile_key_handles(artists),
            fontsize=FONT_SIZES["small"],
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            frameon=False,
        )
        figure.text(
            0.70,
            0.15,
            "y scale shared by all\nof lesson 07's loads",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
            va="bottom",
        )
        self.png = render_png(figure)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"[Torque curve. {self.description}]",
        }


def show_profile(title: str, body: Body | None = None) -> ProfileFigure:
    """The torque curve of one of lesson 07's loads, by its title (e.g. "Cable, low pulley").

    Parameters
    ----------
    title : str
        The title of one of `profile_cases()`.
    body : Body or None, optional
        Segment lengths (m) and masses (kg); None for `default_body()` (1.75 m, 75 kg).

    Returns
    -------
    ProfileFigure
        Hip-extension torque demand (N·m) against hip extension (degrees).
    """
    from ..validate import check_choice

    cases = {case.title: case for case in profile_cases()}
    check_choice("title", title, tuple(cases))
    return ProfileFigure(cases[title], body or default_body())


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
