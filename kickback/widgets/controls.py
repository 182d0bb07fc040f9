"""The controls every judging widget shares: variant, side facing the camera, a file picker, the hip range.

One builder per control, so the set checker, the video checker and the explorer ask the same question
in the same words, and a learner's own hip range is a field in each of them.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content.pose_readouts import hip_range_field_bounds
from ..model.variants import VARIANTS

LABEL_STYLE = {"description_width": "160px"}
"""Room for the longest label ("side facing camera") beside every control."""


def variant_buttons(value: str = "cable") -> widgets.ToggleButtons:
    """Buttons for the three ways to do the kickback (cable, machine, bodyweight)."""
    return widgets.ToggleButtons(
        options=list(VARIANTS), value=value, description="variant", style=LABEL_STYLE
    )


def side_buttons() -> widgets.ToggleButtons:
    """Buttons for the side of the body that faces the camera."""
    return widgets.ToggleButtons(
        options=["right", "left"], value="right", description="side facing camera", style=LABEL_STYLE
    )


def file_picker(accept: str, description: str) -> widgets.FileUpload:
    """A one-file picker; the file is read in memory, never sent anywhere."""
    return widgets.FileUpload(accept=accept, multiple=False, description=description)


def hip_range_field(*, present: bool = False) -> widgets.BoundedIntText:
    """The learner's own hip extension range (degrees), within the bounds the checker accepts."""
    low, default, high = hip_range_field_bounds()
    return widgets.BoundedIntText(
        value=default,
        min=low,
        max=high,
        step=1,
        description="your hip range (°)",
        tooltip=(
            f"your own hip extension range, {low}–{high}°; the course's {default}° unless you have "
            "measured yours (lesson 02): the findings judge the range of motion against it"
        ),
        style={"description_width": "190px" if present else "160px"},
        layout=widgets.Layout(width="300px" if present else "240px"),
    )


def own_hip_range(field: widgets.BoundedIntText) -> float | None:
    """The hip range a field holds (degrees), or None while it is still the course's default."""
    _, default, _ = hip_range_field_bounds()
    return None if field.value == default else float(field.value)
