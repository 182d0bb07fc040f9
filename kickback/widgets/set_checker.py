"""Check a set in lesson 09: pick a shipped recording or load your own CSV, and read the report."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..draw.set_timeline import SetView
from ..form.exercise_gate import check_exercise
from ..form.recordings import (
    FORMATS,
    RECORDINGS_DIR,
    Recording,
    check_signal,
    guess_format,
    list_recordings,
    read_recording,
    recording_from_bytes,
)
from ..model.variants import VARIANTS
from .controls import LABEL_STYLE, file_picker, hip_range_field, own_hip_range, side_buttons, variant_buttons
from .static_twin import StaticTwin


class SetChecker(StaticTwin, widgets.VBox):
    """Pick a shipped recording or load your own CSV, say the variant and format, and read the report."""

    def __init__(self) -> None:
        self.recording = widgets.Dropdown(
            options=list_recordings(),
            value="cable_good_angles.csv",
            description="recording",
            style=LABEL_STYLE,
            layout=widgets.Layout(width="460px"),
        )
        self.upload = file_picker(".csv", "your CSV")
        self.variant = variant_buttons()
        self.format = widgets.Dropdown(
            options=list(FORMATS), value="angles", description="format", style=LABEL_STYLE
        )
        self.side = side_buttons()
        self.hip_range = hip_range_field()
        self.check_button = widgets.Button(description="Check this set")
        self.image = widgets.Image(format="png", width=760, layout=widgets.Layout(width="760px"))
        self.image.add_class("kickback-figure")
        self.words = widgets.HTML()
        self.words.add_class("kickback-readout")
        self.recording.observe(self._on_pick, names="value")
        self.check_button.on_click(lambda _: self.check())
        self.check()
        self.static_png = self.image.value
        super().__init__(
            [
                self.recording,
                self.upload,
                self.variant,
                self.format,
                self.side,
                self.hip_range,
                self.check_button,
                self.image,
                self.words,
            ]
        )
        self.add_class("kickback-set-checker")

    def _on_pick(self, change: dict[str, Any]) -> None:
        self.format.value = guess_format(change["new"])
        self.variant.value = (
            change["new"].split("_")[0] if change["new"].split("_")[0] in VARIANTS else self.variant.value
        )
        self.check()

    def _recording(self) -> Recording:
        """The learner's uploaded file, read in memory (no temporary file), or the chosen shipped one."""
        side = None if self.format.value == "angles" else self.side.value
        if self.upload.value:
            item = self.upload.value[0]
            name = str(item.get("name") or "your file")
            recording = recording_from_bytes(
                bytes(item["content"]), name, format=self.format.value, side=side
            )
        else:
            name = self.recording.value
            recording = read_recording(RECORDINGS_DIR / name, format=self.format.value, side=side)
        return check_signal(recording, name)

    def check(self) -> None:
        """Read, analyse and show the chosen set; a bad file gets its one-line error in words."""
        try:
            recording = check_exercise(self._recording(), self.variant.value)
            view = SetView(recording, self.variant.value, hip_range=own_hip_range(self.hip_range))
        except ValueError as error:
            self.words.value = f"<p><b>✗ Cannot read this file:</b> {html.escape(str(error))}</p>"
            return
        self.view = view
        self.image.value = view.png
        self.words.value = (
            f"<pre style='white-space:pre-wrap; font-size:0.9em'>{html.escape(view.report.describe())}</pre>"
        )

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return f"[Set checker: pick a recording or load your own CSV.] {self.view.report.describe()}"


def check_your_set() -> SetChecker:
    """The set-checking widget of lesson 09.

    Returns
    -------
    SetChecker
        Pick a recording and variant; shows the angles (degrees) over time (s), the reps and the
        findings.
    """
    return SetChecker()
