"""One look for the whole course: fonts, sizes, the Okabe–Ito palette, and how figures are saved."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..files import write_atomically

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# What each colour means in the course: ONE meaning per colour, used by every figure. Colour is never the
# only cue: every meaning also has a line style, a hatch or a word (and correct/mistake a tick or a cross).
# Orange is deliberately unused: beside vermillion (the mistake colour) it reads as the same warning.
COLORS: dict[str, str] = {
    # the body and what loads it
    "working_leg": OKABE_ITO["blue"],  # the working leg, its hip angle and the torque it must produce
    "body": "#8C8C8C",
    "body_far": "#C8C8C8",
    "outline": "#3A3A3A",
    "equipment": "#5A5A5A",
    "cable": OKABE_ITO["black"],  # the external load's line of pull (cable, band): black, thin
    "pad": "#5A5A5A",  # the machine's pad is equipment
    "floor": "#9A9A9A",
    "raw_samples": "#5A5A5A",  # a recorded angle's raw samples, light under its smoothed line (draw.traces)
    # judging form
    "correct": OKABE_ITO["bluish_green"],
    "mistake": OKABE_ITO["vermillion"],
    "reference": "#6E6E6E",  # ghosts, the leg's own weight, a second model: grey and dotted
    # the muscles, by role (the muscle map, the levers widget, the moment-arm plot)
    "primary_mover": OKABE_ITO["blue"],  # the muscle that drives the working leg shares its colour
    "synergist": OKABE_ITO["sky_blue"],
    "stabilizer": "#E7A9CC",  # a light tint of reddish purple: apart from the grey body also for deuteranopes
    # time: the phases of a rep (set timelines) and compared tempos
    "lift": "#A9D5F2",  # a light sky blue
    "hold": OKABE_ITO["yellow"],
    "lower": "#D9D9D9",  # light grey
    # the other angles a recording may carry (set timelines)
    "lumbar_extension": OKABE_ITO["black"],
    "trunk_lean": OKABE_ITO["reddish_purple"],
    # The pelvis's turn and side tilt: colours no other meaning uses (sky blue is the synergist's).
    # Indigo is Paul Tol's "muted" #332288; the dark brown is ours. Both stay apart from every colour a
    # set timeline shows, also under simulated colour-vision deficiency (tests/test_accessibility.py).
    "pelvic_rotation": "#332288",
    "pelvic_hike": "#7F4F24",
    # peaks and troughs of a curve: not correct or mistake, so black and white
    "hardest": OKABE_ITO["black"],
    "easiest": "#FFFFFF",
}

# Groups of meanings that appear together in one picture: their colours must stay distinct, also under
# colour-vision deficiency (tests/test_accessibility.py simulates it).
SHOWN_TOGETHER: dict[str, tuple[str, ...]] = {
    "form": ("working_leg", "cable", "correct", "mistake", "reference"),
    "muscle roles": ("primary_mover", "synergist", "stabilizer", "body"),
    "rep phases": ("lift", "hold", "lower"),
    "recorded angles": ("working_leg", "lumbar_extension", "trunk_lean", "pelvic_rotation", "pelvic_hike"),
    "set timeline": (
        "working_leg",
        "lumbar_extension",
        "trunk_lean",
        "pelvic_rotation",
        "pelvic_hike",
        "reference",
        "correct",
        "mistake",
        "lift",
        "hold",
    ),
    "verdicts": ("correct", "mistake"),
}

# Series that share a meaning but must be told apart (compared tempos, the three hamstrings):
# the same colour family is fine because each also has its own line style and a direct label.
SERIES_STYLES: tuple[Any, ...] = ("-", (0, (6, 2.5)), (0, (1.2, 1.8)), (0, (6, 2, 1.2, 2)))

LINESTYLES: dict[str, Any] = {
    "correct": "-",
    "mistake": (0, (5, 3)),
    "reference": (0, (1, 2)),
    "primary_mover": "-",
    "synergist": (0, (6, 3)),
    "stabilizer": (0, (1.5, 2)),
    "lumbar_extension": "-",
    "trunk_lean": (0, (6, 2.5)),
    "pelvic_rotation": (0, (5, 1.5)),
    "pelvic_hike": (0, (7, 2, 1.5, 2)),
}

# Hatches for filled shapes (muscles by role, phases of a rep): a second cue beside the colour.
HATCHES: dict[str, str] = {
    "primary_mover": "",
    "synergist": "////",
    "stabilizer": "....",
    "lift": "//",
    "hold": "..",
    "lower": "\\\\",
}

# The smallest text a figure may show, in pixels, when displayed 900 px wide (a notebook column).
MIN_TEXT_PX_AT_900 = 11.0

MARKS: dict[str, str] = {"correct": "\u2713", "mistake": "\u2717"}  # ✓ and ✗

FONT_SIZES: dict[str, float] = {"title": 12.0, "label": 10.0, "small": 8.5, "caption": 9.0}

RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZES["label"],
    "axes.titlesize": FONT_SIZES["title"],
    "axes.titleweight": "bold",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.hashsalt": "kickback-lab",
    "svg.fonttype": "path",
    "path.simplify": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def new_figure(width: float, height: float) -> Figure:
    """A matplotlib Figure (not pyplot, so nothing leaks into a notebook) in the course style."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(width, height), layout=None)
    FigureCanvasAgg(figure)  # draw with Agg from the start: no canvas swap on every PNG
    return figure


def styled(function: Any) -> Any:
    """Run `function` inside the course's rc settings (fonts, sizes, SVG salt)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with matplotlib.rc_context(RC):
            return function(*args, **kwargs)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


# Metadata that would change from run to run (dates, version strings) is left out, so
# regenerated files are byte-identical.
PNG_METADATA: dict[str, Any] = {"Software": None}
SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": None}
PDF_METADATA: dict[str, Any] = {"CreationDate": None, "Creator": None, "Producer": None}


def render_png(figure: Figure, *, dpi: float = 100) -> bytes:
    """The figure as PNG bytes (for widgets and notebook outputs)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format="png", dpi=dpi, metadata=PNG_METADATA, facecolor="white")
    return buffer.getvalue()


def save_figure(figure: Figure, path: Path, *, dpi: float = 150) -> None:
    """Save `figure` as PNG, SVG or PDF (by the suffix) with fixed metadata, whole or not at all.

    Fixed metadata makes reruns give identical bytes; the bytes are rendered in memory and written
    through `kickback.files.write_atomically`, so a failure never leaves half a file behind.
    """
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        if path.suffix == ".svg":
            figure.savefig(buffer, format="svg", metadata=SVG_METADATA, facecolor="white")
        elif path.suffix == ".pdf":
            figure.savefig(buffer, format="pdf", metadata=PDF_METADATA, facecolor="white")
        else:
            figure.savefig(buffer, format="png", dpi=dpi, metadata=PNG_METADATA, facecolor="white")
    write_atomically(path, buffer.getvalue())
