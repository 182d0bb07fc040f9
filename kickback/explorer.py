"""The joint-angle explorer: sliders for every angle, presets, and live readouts in words.

Steps on every change: build the Pose from the sliders, move the drawn body in place
(`update_pose`, no new figure), render one PNG into the Image, and rewrite the readouts from the
library's own functions (leg-height split, hip torque, gluteus maximus moment arm, form findings).
A preset sets several sliders but redraws once.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from .body import VARIANTS, Body, Pose, check_variant, default_body, hip_reach, preset_pose, split_leg_height
from .draw import (
    describe_pelvic_rotation,
    draw_pelvis_from_above,
    draw_pose,
    reach_line_points,
    update_pelvis_from_above,
    update_pose,
)
from .style import COLORS, FONT_SIZES, LINESTYLES, new_figure, render_png
from .tables import read_table

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
IMAGE_WIDTH_PX = 620
LARGE_CSS = """<style>
.kickback-large .widget-label, .kickback-large .widget-readout, .kickback-large button,
.kickback-large .widget-toggle-button, .kickback-large .kickback-readout p { font-size: 20px !important; }
.kickback-large .widget-label { min-width: 220px; }
.kickback-large button { height: 44px; padding: 0 14px; }
.kickback-large .noUi-handle { transform: scale(1.6); }
</style>"""


def read_slider_ranges(variant: str) -> dict[str, tuple[int, int]]:
    """The explorer's slider ranges for a variant, from `data/explorer_ranges.csv` (degrees)."""
    check_variant(variant)
    return {row["field"]: (int(row["low"]), int(row["high"])) for row in read_table("explorer_ranges") if row["variant"] == variant}


@dataclass(frozen=True)
class Readouts:
    """Everything the explorer says about a pose, in words, from the library's functions."""

    leg_height: str
    pelvis: str
    hip_reach: str
    torque: str
    glute: str
    findings: str


def describe_leg_height(pose: Pose) -> str:
    """How high the leg looks and where that comes from."""
    height = split_leg_height(pose)
    return f"How high the leg looks: {height.describe()}."


def describe_hip_reach(pose: Pose) -> str:
    """How high the hip alone could take the thigh at this trunk lean, and what parallel would take."""
    reach = hip_reach(pose.trunk_lean)
    text = (
        f"With the trunk leaning {reach.trunk_lean:.0f}°, the hip alone (its normal {reach.hip:.0f}°, back neutral) "
        f"takes the thigh to {reach.apparent:.0f}° from hanging (dashed line)."
    )
    if reach.short_of_parallel > 0:
        text += (
            f" Parallel to the floor (90°) is {reach.short_of_parallel:.0f}° beyond that: it would take a trunk lean of "
            f"{reach.lean_for_parallel:.0f}°, or the lower back arching, which is the mistake."
        )
    else:
        text += " At this lean the hip alone can bring the thigh to parallel."
    return text


def describe_torque(pose: Pose, body: Body, variant: str) -> str:
    """The hip-extension torque the variant's default load demands at this pose."""
    from .load import default_load, describe_load, hip_extension_torque

    load = default_load(variant)
    torque = hip_extension_torque(pose, body, variant, load=load)
    what = describe_load(load)
    if torque >= 0:
        return f"Hip extensors must produce {torque:.0f} N·m here ({what})."
    return f"Here the load pulls the leg backward: {-torque:.0f} N·m would have to come from the hip flexors ({what})."


def describe_glute(pose: Pose) -> str:
    """The gluteus maximus moment arm and length at this hip and knee angle (Rajagopal 2016 model)."""
    from .muscles import HIP_EXTENSION_RANGE, KNEE_FLEXION_RANGE, muscle_length, muscle_moment_arm

    low, high = HIP_EXTENSION_RANGE
    knee = min(max(pose.knee_flexion, KNEE_FLEXION_RANGE[0]), KNEE_FLEXION_RANGE[1])
    if not low <= pose.hip_extension <= high:
        return f"Gluteus maximus: the model's table covers hip extension {low:.0f}° to {high:.0f}°; this pose is outside it."
    arm = muscle_moment_arm("glmax", hip_extension=pose.hip_extension, knee_flexion=knee)
    length = muscle_length("glmax", hip_extension=pose.hip_extension, knee_flexion=knee)
    return (
        f"Gluteus maximus (mean of its three parts, Rajagopal 2016 model): moment arm {arm * 1000:.0f} mm, "
        f"muscle–tendon length {length * 100:.1f} cm."
    )


def describe_findings(pose: Pose, variant: str) -> str:
    """The form findings for this pose, each with its cue, or a plain all-clear."""
    from .form import check_pose

    findings = check_pose(pose, variant)
    if not findings:
        return "✓ Form, judged as the top of a rep: nothing wrong in this pose."
    lines = [f"✗ {finding.mistake.replace('_', ' ')}: {finding.message} Cue: {finding.cue}" for finding in findings]
    return "\n".join(["Form, judged as the top of a rep:"] + lines)


def describe_pose_fully(pose: Pose, body: Body, variant: str) -> Readouts:
    """Every readout for a pose: the explorer shows these, and tests compare them with the library."""
    return Readouts(
        leg_height=describe_leg_height(pose),
        pelvis=f"Seen from above: {describe_pelvic_rotation(pose.pelvic_rotation)}.",
        hip_reach=describe_hip_reach(pose),
        torque=describe_torque(pose, body, variant),
        glute=describe_glute(pose),
        findings=describe_findings(pose, variant),
    )


class ExplorerView:
    """One persistent figure: the side view in the variant's set-up, the hip's reach, the pelvis from above."""

    def __init__(self, variant: str, pose: Pose, body: Body, *, width_px: int = IMAGE_WIDTH_PX) -> None:
        self.body = body
        self.figure = new_figure(width_px / 100, width_px / 100 * 0.85)
        self.side = self.figure.add_axes((0.0, 0.06, 1.0, 0.92))
        self.top = self.figure.add_axes((0.01, 0.70, 0.25, 0.27))  # top left: the space behind the body
        self.renders = 0
        self.draw_variant(variant, pose)

    def draw_variant(self, variant: str, pose: Pose) -> None:
        """Draw a new set-up (a variant switch is the only time artists are rebuilt)."""
        self.variant = variant
        self.side.clear()
        self.top.clear()
        self.artists = draw_pose(self.side, pose, self.body, variant)
        (self.reach,) = self.side.plot([], [], color=COLORS["correct"], linestyle=LINESTYLES["mistake"], linewidth=1.6, zorder=5)
        self.reach_label = self.side.text(
            0, 0, "", fontsize=FONT_SIZES["small"], color=COLORS["correct"], ha="center", va="center", zorder=6,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )
        self.pelvis = draw_pelvis_from_above(self.top, pose.pelvic_rotation)
        self.move(pose)

    def move(self, pose: Pose) -> None:
        """Move every artist to `pose` (no new artists)."""
        update_pose(self.artists, pose)
        update_pelvis_from_above(self.pelvis, pose.pelvic_rotation)
        reach = hip_reach(pose.trunk_lean)
        hip = self.artists.skeleton.joints["hip"]
        length = self.body.length("thigh") + self.body.length("shank")
        line = reach_line_points(hip, reach.apparent, length)
        self.reach.set_data(line[:, 0], line[:, 1])
        self.reach_label.set_position(tuple(line[0] + 0.72 * (line[1] - line[0])))
        self.reach_label.set_text(f"hip alone: {reach.apparent:.0f}°")

    def render(self) -> bytes:
        """The figure as PNG bytes."""
        self.renders += 1
        return render_png(self.figure)


class Explorer(widgets.VBox):
    """Sliders for every angle, a variant switch, presets and reset; the picture and readouts follow."""

    def __init__(self, variant: str = "cable", body: Body | None = None, *, large: bool = False) -> None:
        check_variant(variant)
        self.body = body or default_body()
        self.variant = variant
        self.large = large
        width = 860 if large else IMAGE_WIDTH_PX
        pose = preset_pose(variant, "start")
        self.view = ExplorerView(variant, pose, self.body, width_px=width)
        self.image = widgets.Image(format="png", width=width, layout=widgets.Layout(width=f"{width}px"))
        self.image.add_class("kickback-figure")
        self.variant_picker = widgets.ToggleButtons(options=list(VARIANTS), value=variant, description="variant", style={"description_width": "initial"})
        self.sliders = {field: self._make_slider(field) for field in SLIDER_LABELS}
        self.preset_buttons = [self._make_preset_button(name) for name in PRESET_LABELS]
        self.reset_button = widgets.Button(description="reset", tooltip="back to the start position", icon="undo")
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
        controls = widgets.VBox([self.variant_picker, *self.sliders.values(), widgets.HBox([widgets.Label("presets:"), *self.preset_buttons, self.reset_button], layout=widgets.Layout(flex_flow="row wrap"))])
        picture = [self.image, self.readout] if not large else [self.image]
        rows = [controls, widgets.HBox(picture)] if not large else [widgets.HTML(LARGE_CSS), controls, widgets.HBox(picture), self.readout]
        super().__init__(rows)
        self.add_class("kickback-explorer")
        if large:
            self.add_class("kickback-large")

    # --- building ---------------------------------------------------------------------------

    def _make_slider(self, field: str) -> widgets.IntSlider:
        wide = getattr(self, "large", False)
        slider = widgets.IntSlider(
            description=SLIDER_LABELS[field], continuous_update=True,
            style={"description_width": "220px" if wide else "120px"}, layout=widgets.Layout(width="760px" if wide else "440px"),
        )
        slider.add_class("kickback-slider")
        return slider

    def _make_preset_button(self, name: str) -> widgets.Button:
        button = widgets.Button(description=PRESET_LABELS[name], tooltip=f"set every angle to the '{PRESET_LABELS[name]}' pose")
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

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["image/png"] = base64.b64encode(self.static_png).decode("ascii")
        bundle["text/plain"] = readouts_text(self.variant, self.readouts)
        return bundle


def readouts_html(readouts: Readouts) -> str:
    """The readouts as short paragraphs for the HTML widget beside the picture."""
    parts = [readouts.leg_height, readouts.pelvis, readouts.hip_reach, readouts.torque, readouts.glute] + readouts.findings.split("\n")
    return "".join(f"<p style='margin:0 0 0.6em 0; max-width:34em'>{html.escape(part)}</p>" for part in parts)


def readouts_text(variant: str, readouts: Readouts) -> str:
    """The explorer's state in words, for a static viewer and for nbval."""
    return "\n".join([
        f"[Joint-angle explorer, {variant} variant: sliders for {', '.join(SLIDER_LABELS.values())}; presets; reset.]",
        readouts.leg_height,
        readouts.pelvis,
        readouts.hip_reach,
        readouts.torque,
        readouts.glute,
        readouts.findings,
    ])


def explore(variant: str = "cable", *, body: Body | None = None, large: bool = False) -> Explorer:
    """The joint-angle explorer for a variant: move any angle and see the body, the numbers and the findings.

    `large=True` makes the controls, text and picture big enough for a projector (the classroom app).
    """
    return Explorer(variant, body, large=large)
