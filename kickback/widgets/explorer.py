"""The joint-angle explorer: sliders for every angle, presets, and live readouts in words.

Steps on every change: build the Pose from the sliders, move the drawn body in place (no new
figure), render one PNG into the Image, and rewrite the readouts (`kickback.content.pose_readouts`).
A preset sets several sliders but redraws once.

It opens on the variant's correct top, so a first look (and a projected class) sees no fault;
the start position says it is the start, not a short rep. A field for the learner's own hip
extension range feeds the findings. `present=True` (also `large=True`) is the projector layout
of the classroom app: the picture large, the controls beside it, the findings in large words,
and shortcut keys for the presets.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..content.pose_readouts import (
    OPENING_PRESET,
    Readouts,
    describe_pose_fully,
    read_slider_ranges,
)
from ..draw.explorer_view import EXPLORER_WIDTH_PX, ExplorerView
from ..draw.style import FONT_SIZES
from ..model.anthropometrics import Body, default_body
from ..model.pose import Pose, preset_pose
from ..model.variants import VARIANTS, check_variant
from .controls import hip_range_field, own_hip_range
from .static_twin import StaticTwin

SLIDER_LABELS: dict[str, str] = {
    "hip_extension": "hip extension",
    "knee_flexion": "knee flexion",
    "lumbar_extension": "lumbar extension",
    "trunk_lean": "trunk lean",
    "pelvic_rotation": "pelvic rotation",
    "pelvic_hike": "pelvic hike",
}
PRESET_LABELS: dict[str, str] = {
    "start": "start",
    "correct_top": "correct top",
    "arched_back": "arched back",
    "pelvis_rotated": "pelvis rotated",
    "too_little_range": "too little range",
}
PRESET_KEYS: dict[str, str] = {str(number): name for number, name in enumerate(PRESET_LABELS, start=1)}
VARIANT_KEYS: dict[str, str] = {variant[0]: variant for variant in VARIANTS}  # c, m, b

# The projector layout at 1280 px wide: the picture on the left, the controls on the right.
PRESENT_PICTURE_PX = 660
PRESENT_CONTROLS_PX = 540
MIN_PROJECTED_TEXT_PX = 18.0
"""The smallest picture text in the projector layout (CSS pixels at 1280 px wide): readable from the
back of a room (a course choice for teaching, not a measured standard)."""
SMALLEST_PICTURE_TEXT_PT = FONT_SIZES["small"]  # the smallest label the explorer view draws (draw/)
RENDER_DPI = 100  # ExplorerView lays its picture out at the course's 100 dpi (draw/style.py)


def present_render_width(display_px: int = PRESENT_PICTURE_PX) -> int:
    """The width (px at RENDER_DPI) to lay the picture out at so that, shown `display_px` wide, its
    smallest text is at least MIN_PROJECTED_TEXT_PX: text size is fixed in points, so a narrower
    figure shown wider makes every word bigger. It is then rendered at `display_px` (a higher dpi)."""
    native_px = SMALLEST_PICTURE_TEXT_PT * RENDER_DPI / 72
    return int(display_px * native_px / MIN_PROJECTED_TEXT_PX)


PRESENT_CSS = f"""<style>
.kickback-present .widget-label, .kickback-present .widget-readout, .kickback-present button,
.kickback-present input, .kickback-present .kickback-readout p {{ font-size: 20px !important; }}
.kickback-present button {{ height: 44px; padding: 0 14px; width: auto !important;
  white-space: nowrap; overflow: visible; text-overflow: clip; }}
.kickback-present .noUi-handle {{ transform: scale(1.6); }}
.kickback-present .kickback-findings p {{ font-size: 26px !important; line-height: 1.3; font-weight: 600; }}
.kickback-present .kickback-controls {{ width: {PRESENT_CONTROLS_PX}px; }}
.kickback-present .kickback-figure {{ image-rendering: auto; }}
</style>"""


class Explorer(StaticTwin, widgets.VBox):
    """Sliders for every angle, a variant switch, presets and reset; the picture and readouts follow."""

    def __init__(self, variant: str = "cable", body: Body | None = None, *, present: bool = False) -> None:
        check_variant(variant)
        self.body = body or default_body()
        self.variant = variant
        self.present = present
        pose = preset_pose(variant, OPENING_PRESET)
        display = PRESENT_PICTURE_PX if present else EXPLORER_WIDTH_PX
        self.render_width = present_render_width() if present else EXPLORER_WIDTH_PX
        # laid out at render_width (so the words come out large), rendered at the size shown (crisp)
        self.view = ExplorerView(
            variant, pose, self.body, width_px=self.render_width, dpi=RENDER_DPI * display / self.render_width
        )
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{display}px", height="auto"))
        self.image.add_class("kickback-figure")
        self.variant_picker = widgets.ToggleButtons(
            options=list(VARIANTS),
            value=variant,
            description="variant",
            tooltips=[f"key {key}: the {name} kickback" for key, name in VARIANT_KEYS.items()],
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.sliders = {field: self._make_slider(field) for field in slider_fields(variant)}
        self.hip_range = self._make_hip_range()
        self.preset_buttons = [self._make_preset_button(name) for name in PRESET_LABELS]
        self.reset_button = widgets.Button(
            description="reset",
            tooltip="back to the start position",
            icon="undo",
            layout=widgets.Layout(width="auto"),
        )
        self.reset_button.on_click(lambda _: self.apply_preset("start"))
        self.shortcut_keys = self._make_shortcut_box()
        self.readout = widgets.HTML()
        self.readout.add_class("kickback-readout")
        self.findings = widgets.HTML()
        self.findings.add_class("kickback-readout")
        self.findings.add_class("kickback-findings")
        self._quiet = False
        self._set_ranges(variant)
        self._set_sliders(pose)
        for slider in self.sliders.values():
            slider.observe(self._on_slider, names="value")
        self.hip_range.observe(self._on_slider, names="value")
        self.variant_picker.observe(self._on_variant, names="value")
        self._show(pose)
        self.static_png = self.image.value
        super().__init__(self._layout())
        self.add_class("kickback-explorer")
        if present:
            self.add_class("kickback-present")

    # --- building ---------------------------------------------------------------------------

    def _layout(self) -> list[widgets.Widget]:
        presets = widgets.HBox(
            [widgets.Label("presets:"), *self.preset_buttons, self.reset_button],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        controls = [self.variant_picker, *self.sliders.values(), self.hip_range, presets]
        if not self.present:
            return [
                widgets.VBox(controls),
                widgets.HBox([self.image, widgets.VBox([self.readout, self.findings])]),
            ]
        right = widgets.VBox([*controls, self.shortcut_keys, self.findings])
        right.add_class("kickback-controls")
        left = widgets.VBox(
            [self.image, self.readout], layout=widgets.Layout(width=f"{PRESENT_PICTURE_PX}px")
        )
        row = widgets.HBox(
            [left, right], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start")
        )
        return [widgets.HTML(PRESENT_CSS), row]

    def _make_slider(self, field: str) -> widgets.IntSlider:
        wide = getattr(self, "present", False)
        slider = widgets.IntSlider(
            description=SLIDER_LABELS.get(field, field.replace("_", " ")),
            continuous_update=True,
            style={"description_width": "190px" if wide else "120px"},
            layout=widgets.Layout(width=f"{PRESENT_CONTROLS_PX - 10}px" if wide else "440px"),
        )
        slider.add_class("kickback-slider")
        return slider

    def _make_hip_range(self) -> widgets.BoundedIntText:
        return hip_range_field(present=self.present)

    def _make_preset_button(self, name: str) -> widgets.Button:
        key = next(key for key, preset in PRESET_KEYS.items() if preset == name)
        label = f"{key} {PRESET_LABELS[name]}" if self.present else PRESET_LABELS[name]
        button = widgets.Button(
            description=label,
            tooltip=f"set every angle to the '{PRESET_LABELS[name]}' pose (key {key})",
            layout=widgets.Layout(width="auto"),
        )
        button.on_click(lambda _: self.apply_preset(name))
        return button

    def _make_shortcut_box(self) -> widgets.Text:
        keys = ", ".join(f"{key} {PRESET_LABELS[name]}" for key, name in PRESET_KEYS.items())
        box = widgets.Text(
            value="",
            placeholder="click, then press 1–5",
            description="keys",
            tooltip=f"click here once, then press {keys}; r reset; c, m, b switch the variant",
            continuous_update=True,
            style={"description_width": "190px"},
            layout=widgets.Layout(width="440px"),
        )
        box.observe(self._on_key, names="value")
        return box

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

    @property
    def own_hip_range(self) -> float | None:
        """The learner's own hip extension range (degrees), or None while it is the course's."""
        return own_hip_range(self.hip_range)

    def _on_slider(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._show(self.pose)

    def _on_variant(self, change: dict[str, Any]) -> None:
        self.variant = change["new"]
        pose = preset_pose(self.variant, OPENING_PRESET)
        self._set_ranges(self.variant)
        self._set_sliders(pose)
        self.view.draw_variant(self.variant, pose)
        self._show(pose)

    def _on_key(self, change: dict[str, Any]) -> None:
        typed = change["new"]
        if not typed:
            return
        self.press_key(typed[-1])
        self.shortcut_keys.value = ""

    def press_key(self, key: str) -> bool:
        """Act on one shortcut key: 1–5 a preset, r reset, c/m/b a variant. False for any other key."""
        key = key.lower()
        if key in PRESET_KEYS:
            self.apply_preset(PRESET_KEYS[key])
        elif key == "r":
            self.apply_preset("start")
        elif key in VARIANT_KEYS:
            self.variant_picker.value = VARIANT_KEYS[key]
        else:
            return False
        return True

    def apply_preset(self, name: str) -> None:
        """Set every slider to a preset pose and redraw once."""
        pose = preset_pose(self.variant, name)
        self._set_sliders(pose)
        self._show(pose)

    def _show(self, pose: Pose) -> None:
        self.view.move(pose)
        self.image.value = self.view.render()
        self.readouts = describe_pose_fully(pose, self.body, self.variant, hip_range=self.own_hip_range)
        self.readout.value = readouts_html(self.readouts)
        self.findings.value = findings_html(self.readouts)

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return readouts_text(self.variant, self.readouts, list(self.sliders))


def slider_fields(variant: str) -> list[str]:
    """The fields that get a slider: every one `data/explorer_ranges.csv` lists for the variant, the
    familiar five first (in SLIDER_LABELS order), any other after them in the table's order."""
    listed = list(read_slider_ranges(variant))
    return [field for field in SLIDER_LABELS if field in listed] + [
        field for field in listed if field not in SLIDER_LABELS
    ]


def _paragraphs(parts: list[str]) -> str:
    return "".join(f"<p style='margin:0 0 0.6em 0; max-width:34em'>{html.escape(part)}</p>" for part in parts)


def readouts_html(readouts: Readouts) -> str:
    """The numbers in words, as short paragraphs beside or under the picture."""
    return _paragraphs(
        [readouts.leg_height, readouts.pelvis, readouts.hip_reach, readouts.torque, readouts.glute]
    )


def findings_html(readouts: Readouts) -> str:
    """The form findings, one paragraph each (shown in large words on a projector)."""
    return _paragraphs(readouts.findings.split("\n"))


def readouts_text(variant: str, readouts: Readouts, fields: list[str] | None = None) -> str:
    """The explorer's state in words, for a static viewer and for nbval."""
    names = [
        SLIDER_LABELS.get(field, field.replace("_", " ")) for field in (fields or list(SLIDER_LABELS)[:5])
    ]
    return "\n".join(
        [
            (
                f"[Joint-angle explorer, {variant} variant: "
                f"sliders for {', '.join(names)}; your own hip range; presets; reset.]"
            ),
            readouts.leg_height,
            readouts.pelvis,
            readouts.hip_reach,
            readouts.torque,
            readouts.glute,
            readouts.findings,
        ]
    )


def explore(
    variant: str = "cable", *, body: Body | None = None, present: bool = False, large: bool = False
) -> Explorer:
    """The joint-angle explorer for a variant: move any angle, see the body, numbers and findings.

    It opens on the variant's correct top. `present=True` is the projector layout of the classroom
    app: the picture large with the controls beside it, the findings in large words, and shortcut
    keys (click the "keys" box once, then 1–5 for the presets, r reset, c/m/b the variant).

    Parameters
    ----------
    variant : str, optional
        "cable" (default), "machine" or "bodyweight".
    body : Body or None, optional
        Segment lengths (m) and masses (kg); None for the course's 1.75 m, 75 kg person.
    present : bool, optional
        The projector layout.
    large : bool, optional
        The same as `present` (its earlier name).

    Returns
    -------
    Explorer
        The widget: sliders for the joint angles (degrees), a field for the learner's own hip
        extension range (degrees), presets, the picture and readouts (torque in N·m).
    """
    return Explorer(variant, body, present=present or large)
