"""Show a recorded set: its angles over time with the reps and their phases marked, and the checker's report.

Computation lives in `kickback.form`, `kickback.reps` and `kickback.recordings`; this module draws
and wraps them in a small widget for lesson 09 (pick a shipped recording or load your own CSV).
"""

from __future__ import annotations

import base64
import html
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Patch

from .body import VARIANTS
from .form import SetReport, analyze_set
from .plots import decorate
from .recordings import FORMATS, Recording, read_recording
from .style import COLORS, FONT_SIZES, OKABE_ITO, new_figure, render_png
from .tables import DATA_DIR

RECORDINGS_DIR = DATA_DIR / "recordings"
PHASES: tuple[tuple[str, str, str], ...] = (
    # (name, colour, hatch): colour and hatch both tell the phases apart
    ("lift", OKABE_ITO["sky_blue"], "//"),
    ("hold at the top", OKABE_ITO["yellow"], ".."),
    ("lower", OKABE_ITO["reddish_purple"], "\\\\"),
)
OTHER_ANGLES: tuple[tuple[str, str, str], ...] = (
    ("lumbar_extension", "lumbar extension", "-"),
    ("trunk_lean", "trunk lean", "--"),
    ("pelvic_rotation", "pelvic rotation", ":"),
)


def list_recordings() -> list[str]:
    """The shipped example recordings (file names in data/recordings)."""
    return sorted(path.name for path in RECORDINGS_DIR.glob("*.csv"))


def guess_format(name: str) -> str:
    """The format a shipped recording is in, from its file name (e.g. ..._coco17.csv)."""
    stem = Path(name).stem
    return next((fmt for fmt in FORMATS if stem.endswith("_" + fmt)), "angles")


def draw_set(recording: Recording, report: SetReport) -> Any:
    """A figure: hip angle over time with each rep's phases shaded and numbered, the other angles below."""
    figure = new_figure(10.0, 5.4)
    hip_ax, other_ax = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    time = recording.time_s
    hip = recording.angles["hip_extension"]
    label = "thigh to trunk line (°)" if recording.hip_measure == "thigh_to_trunk" else "hip extension (°)"
    for rep in report.reps:
        start = rep.start_s
        for (name, colour, hatch), length in zip(PHASES, (rep.concentric_s, rep.top_hold_s, rep.eccentric_s)):
            hip_ax.axvspan(start, start + length, facecolor=colour, alpha=0.35, hatch=hatch, edgecolor=COLORS["outline"], linewidth=0)
            start += length
        flagged = any(finding.rep == rep.number for finding in report.findings)
        mark = "✗" if flagged else "✓"
        hip_ax.text((rep.start_s + rep.end_s) / 2, 1.02, f"{rep.number} {mark}", transform=hip_ax.get_xaxis_transform(), ha="center", va="bottom",
                    fontsize=FONT_SIZES["small"], color=COLORS["mistake"] if flagged else COLORS["correct"], fontweight="bold")
    hip_ax.plot(time, hip, color=COLORS["working_leg"], linewidth=1.6)
    decorate(hip_ax, ylabel=label)
    handles = [Patch(facecolor=c, alpha=0.35, hatch=h, edgecolor=COLORS["outline"], label=n) for n, c, h in PHASES]
    hip_ax.legend(handles=handles, fontsize=FONT_SIZES["small"], loc="lower right", ncol=3, frameon=True)
    shown = 0
    for name, words, style in OTHER_ANGLES:
        values = recording.angles.get(name)
        if values is not None and np.isfinite(values).any():
            other_ax.plot(time, values, color=COLORS["outline"], linestyle=style, linewidth=1.3, label=words)
            shown += 1
    if shown:
        other_ax.legend(fontsize=FONT_SIZES["small"], loc="upper left", ncol=3, frameon=True)
    else:
        other_ax.text(0.5, 0.5, "no lower-back, trunk or pelvis angles in this recording", transform=other_ax.transAxes, ha="center", va="center", fontsize=FONT_SIZES["label"])
    decorate(other_ax, xlabel="time (s)", ylabel="other angles (°)")
    figure.suptitle(f"{len(report.reps)} reps: numbered, ✓ clean or ✗ with a finding; phases shaded", fontsize=FONT_SIZES["title"], fontweight="bold")
    figure.subplots_adjust(left=0.08, right=0.99, bottom=0.1, top=0.88, hspace=0.12)
    return figure


class SetView:
    """A recorded set as a picture plus the checker's report in words (for a notebook output)."""

    def __init__(self, recording: Recording, variant: str) -> None:
        self.recording = recording
        self.report = analyze_set(recording, variant)
        self.png = render_png(draw_set(recording, self.report))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": self.report.describe()}


def show_set(name: str, variant: str, *, format: str | None = None, side: str = "right") -> SetView:
    """Check one of the shipped recordings (by file name) and show it."""
    from ._check import check_choice

    check_choice("recording", name, list_recordings())
    chosen = format or guess_format(name)
    recording = read_recording(RECORDINGS_DIR / name, format=chosen, side=None if chosen == "angles" else side)
    return SetView(recording, variant)


class SetChecker(widgets.VBox):
    """Pick a shipped recording or load your own CSV, say the variant and format, and read the report."""

    def __init__(self) -> None:
        self.recording = widgets.Dropdown(options=list_recordings(), value="cable_good_angles.csv", description="recording", style={"description_width": "110px"}, layout=widgets.Layout(width="460px"))
        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description="your CSV")
        self.variant = widgets.ToggleButtons(options=list(VARIANTS), value="cable", description="variant", style={"description_width": "110px"})
        self.format = widgets.Dropdown(options=list(FORMATS), value="angles", description="format", style={"description_width": "110px"})
        self.side = widgets.ToggleButtons(options=["right", "left"], value="right", description="side facing camera", style={"description_width": "110px"})
        self.check_button = widgets.Button(description="Check this set")
        self.image = widgets.Image(format="png", width=760, layout=widgets.Layout(width="760px"))
        self.image.add_class("kickback-figure")
        self.words = widgets.HTML()
        self.words.add_class("kickback-readout")
        self.recording.observe(self._on_pick, names="value")
        self.check_button.on_click(lambda _: self.check())
        self.check()
        self.static_png = self.image.value
        super().__init__([self.recording, self.upload, self.variant, self.format, self.side, self.check_button, self.image, self.words])
        self.add_class("kickback-set-checker")

    def _on_pick(self, change: dict[str, Any]) -> None:
        self.format.value = guess_format(change["new"])
        self.variant.value = change["new"].split("_")[0] if change["new"].split("_")[0] in VARIANTS else self.variant.value
        self.check()

    def _path(self) -> Path:
        """The learner's uploaded file (copied to a temporary file) or the chosen shipped one."""
        if self.upload.value:
            item = self.upload.value[0]
            handle = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)
            handle.write(bytes(item["content"]))
            handle.close()
            return Path(handle.name)
        return RECORDINGS_DIR / self.recording.value

    def check(self) -> None:
        """Read, analyse and show the chosen set; a bad file gets its one-line error in words."""
        try:
            side = None if self.format.value == "angles" else self.side.value
            view = SetView(read_recording(self._path(), format=self.format.value, side=side), self.variant.value)
        except ValueError as error:
            self.words.value = f"<p><b>✗ Cannot read this file:</b> {html.escape(str(error))}</p>"
            return
        self.view = view
        self.image.value = view.png
        self.words.value = f"<pre style='white-space:pre-wrap; font-size:0.9em'>{html.escape(view.report.describe())}</pre>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["image/png"] = base64.b64encode(self.static_png).decode("ascii")
        bundle["text/plain"] = f"[Set checker: pick a recording or load your own CSV.] {self.view.report.describe()}"
        return bundle


def check_your_set() -> SetChecker:
    """The set-checking widget of lesson 09."""
    return SetChecker()
