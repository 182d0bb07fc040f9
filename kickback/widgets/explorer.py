"""The joint-angle explorer: sliders for every angle, presets, and live readouts in words.

Steps on every change: build the Pose from the sliders, move the drawn body in place (no new
figure), render one PNG into the Image, and rewrite the readouts (`kickback.content.pose_readouts`).
A preset sets several sliders but redraws once.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..content.pose_readouts import Readouts, describe_pose_fully, read_slider_ranges
from ..draw.explorer_view import EXPLORER_WIDTH_PX, ExplorerView
from ..model.anthropometrics import Body, default_body
from ..model.pose import Pose, preset_pose
from ..model.variants import VARIANTS, check_variant
from .static_twin import StaticTwin

SLIDER_LABELS: dict[str, str] = {
    "hip_extension": "hip extension",
    "knee_flexion": "knee flexion",
    "lumbar_extension": "lumbar extension",
    "trunk_lean": "trunk lean",
    "pelvic_rotation": "pelvic rotation",
}
PRESET_LABELS: dict[str, str] = {
    "start": "start",
    "correct_top": "correct top",
    "arched_back": "arched back",
    "pelvis_rotated": "pelvis rotated",
    "too_little_range": "too little range",
}
LARGE_CSS = """<style>
.kickback-large .widget-label, .kickback-large .widget-readout, .kickback-large button,
.kickback-large .widget-toggle-button, .kickback-large .kickback-readout p { font-size: 20px !important; }
.kickback-large .widget-label { min-width: 220px; }
.kickback-large button { height: 44px; padding: 0 14px; }
.kickback-large .noUi-handle { transform: scale(1.6); }
</style>"""


class Explorer(StaticTwin, widgets.VBox):
    """Sliders for every angle, a variant switch, presets and reset; the picture and readouts follow."""

    def __init__(self, variant: str = "cable", body: Body | None = None, *, large: bool = False) -> None:
        check_variant(variant)
        self.body = body or default_body()
        self.variant = variant
        self.large = large
        width = 860 if large else EXPLORER_WIDTH_PX
        pose = preset_pose(variant, "start")
        self.view = ExplorerView(variant, pose, self.body, width_px=width)
        self.image = widgets.Image(format="png", width=width, layout=widgets.Layout(width=f"{width}px"))
        self.image.add_class("kickback-figure")
        self.variant_picker = widgets.ToggleButtons(
            options=list(VARIANTS),
            value=variant,
            description="variant",
            style={"description_width": "initial"},
        )
        self.sliders = {field: self._make_slider(field) for field in SLIDER_LABELS}
        self.preset_buttons = [self._make_preset_button(name) for name in PRESET_LABELS]
        self.reset_button = widgets.Button(
            description="reset", tooltip="back to the start position", icon="undo"
        )
        self.reset_button.on_click(lambda _: self.apply_preset("start"))
        self.readout = widgets.HTML()
        self.readout.add_class("kickback-readout")
        self._quiet = False
        self._set_ranges(variant)
        self._set_sliders(pose)
        for slider in self.sliders.values():
            slider.observe(self._on_slider, names="value")
        self.variant_picker.observe(self._on_variant, names="value")
        self._show(pose)
        self.static_png = self.image.value
        controls = widgets.VBox(
            [
                self.variant_picker,
                *self.sliders.values(),
                widgets.HBox(
                    [widgets.Label("presets:"), *self.preset_buttons, self.reset_button],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
            ]
        )
        picture = [self.image, self.readout] if not large else [self.image]
        rows = (
            [controls, widgets.HBox(picture)]
            if not large
            else [widgets.HTML(LARGE_CSS), controls, widgets.HBox(picture), self.readout]
        )
        super().__init__(rows)
        self.add_class("kickback-explorer")
        if large:
            self.add_class("kickback-large")

    # --- building ---------------------------------------------------------------------------

    def _make_slider(self, field: str) -> widgets.IntSlider:
        wide = getattr(self, "large", False)
        slider = widgets.IntSlider(
            description=SLIDER_LABELS[field],
            continuous_update=True,
            style={"description_width": "220px" if wide else "120px"},
            layout=widgets.Layout(width="760px" if wide else "440px"),
        )
        slider.add_class("kickback-slider")
        return slider

    def _make_preset_button(self, name: str) -> widgets.Button:
        button = widgets.Button(
            description=PRESET_LABELS[name], tooltip=f"set every angle to the '{PRESET_LABELS[name]}' pose"
        )
        button.on_click(lambda _: self.apply_preset(name))
        return button

    def _set_ranges(self, variant: str) -> None:
        ranges = read_slider_ranges(variant)
        self._quiet = True
        try:
            for field, slider in self.sliders.items():
                low, high = ranges[field]
                slider.min, slider.max = min(low, slider.min), max(high, slider.max)
                slider.min, slider.max = low, high
        finally:
            self._quiet = False

    def _set_sliders(self, pose: Pose) -> None:
        self._quiet = True
        try:
            for field, slider in self.sliders.items():
                slider.value = int(round(getattr(pose, field)))
        finally:
            self._quiet = False

    # --- reacting ---------------------------------------------------------------------------

    @property
    def pose(self) -> Pose:
        """The pose the sliders describe."""
        return Pose(**{field: float(slider.value) for field, slider in self.sliders.items()})

    def _on_slider(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._show(self.pose)

    def _on_variant(self, change: dict[str, Any]) -> None:
        self.variant = change["new"]
        pose = preset_pose(self.variant, "start")
        self._set_ranges(self.variant)
        self._set_sliders(pose)
        self.view.draw_variant(self.variant, pose)
        self._show(pose)

    def apply_preset(self, name: str) -> None:
        """Set every slider to a preset pose and redraw once."""
        pose = preset_pose(self.variant, name)
        self._set_sliders(pose)
        self._show(pose)

    def _show(self, pose: Pose) -> None:
        self.view.move(pose)
        self.image.value = self.view.render()
        self.readouts = describe_pose_fully(pose, self.body, self.variant)
        self.readout.value = readouts_html(self.readouts)

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return readouts_text(self.variant, self.readouts)


def readouts_html(readouts: Readouts) -> str:
    """The readouts as short paragraphs for the HTML widget beside the picture."""
    parts = [
        readouts.leg_height,
        readouts.pelvis,
        readouts.hip_reach,
        readouts.torque,
        readouts.glute,
    ] + readouts.findings.split("\n")
    return "".join(f"<p style='margin:0 0 0.6em 0; max-width:34em'>{html.escape(part)}</p>" for part in parts)


def readouts_text(variant: str, readouts: Readouts) -> str:
    """The explorer's state in words, for a static viewer and for nbval."""
    return "\n".join(
        [
            (
                f"[Joint-angle explorer, {variant} variant: "
                f"sliders for {', '.join(SLIDER_LABELS.values())}; presets; reset.]"
            ),
            readouts.leg_height,
            readouts.pelvis,
            readouts.hip_reach,
            readouts.torque,
            readouts.glute,
            readouts.findings,
        ]
    )


def explore(variant: str = "cable", *, body: Body | None = None, large: bool = False) -> Explorer:
    """The joint-angle explorer for a variant: move any angle, see the body, numbers and findings.

    `large=True` makes the controls, text and picture big enough for a projector (the classroom app).

    Parameters
    ----------
    variant : str, optional
        "cable" (default), "machine" or "bodyweight".
    body : Body or None, optional
        Segment lengths (m) and masses (kg); None for the course's 1.75 m, 75 kg person.
    large : bool, optional
        Projector-sized controls and picture.

    Returns
    -------
    Explorer
        The widget: sliders for the joint angles (degrees), presets, the picture and readouts
        (torque in N·m).
    """
    return Explorer(variant, body, large=large)
