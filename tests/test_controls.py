"""Every widget that judges asks for the learner's own hip range, in the same words, and uses it."""

from __future__ import annotations

import pytest

import kickback as kb
from kickback.form.recordings import RECORDINGS_DIR, read_recording
from kickback.widgets.controls import hip_range_field, own_hip_range


def test_the_field_is_the_course_default_until_changed() -> None:
    field = hip_range_field()
    assert own_hip_range(field) is None
    field.value = field.max
    assert own_hip_range(field) == float(field.max)


@pytest.mark.parametrize("build", [kb.check_your_set, kb.check_your_video])
def test_each_judging_widget_has_the_hip_range_field(build) -> None:
    widget = build()
    assert widget.hip_range in widget.children
    assert widget.hip_range.description == hip_range_field().description


def test_the_set_checker_judges_against_the_range_given() -> None:
    widget = kb.check_your_set()
    widget.recording.value = "cable_incomplete_rom_angles.csv"
    course = widget.view.report.describe()
    widget.hip_range.value = 8
    widget.check()
    recording = read_recording(RECORDINGS_DIR / widget.recording.value, format=widget.format.value)
    expected = kb.analyze_set(recording, widget.variant.value, hip_range=8.0)
    assert widget.view.report.describe() == expected.describe()
    assert widget.view.report.describe() != course
