"""Driving the joint-angle explorer from Python: sliders, presets, variant switch, readouts."""

import pytest

from kickback.content.pose_readouts import describe_pose_fully, read_slider_ranges
from kickback.form.findings import check_pose
from kickback.model.anthropometrics import default_body
from kickback.model.leg_height import split_leg_height
from kickback.model.loads import default_load
from kickback.model.muscles import muscle_moment_arm
from kickback.model.pose import POSE_FIELDS, preset_pose
from kickback.model.torque import hip_extension_torque
from kickback.model.variants import VARIANTS
from kickback.widgets.explorer import SLIDER_LABELS, explore


@pytest.fixture(scope="module")
def explorer():
    return explore("cable")


@pytest.mark.parametrize("field", POSE_FIELDS)
def test_moving_each_slider_changes_the_picture_and_the_readouts(explorer, field):
    explorer.apply_preset("correct_top")
    slider = explorer.sliders[field]
    picture, words, renders = explorer.image.value, explorer.readout.value, explorer.view.renders
    slider.value = slider.value + 5 if slider.value + 5 <= slider.max else slider.value - 5
    assert explorer.image.value != picture
    assert explorer.readout.value != words
    assert explorer.view.renders == renders + 1
    assert getattr(explorer.pose, field) == slider.value


def test_sliders_are_named_for_their_angle(explorer):
    assert [slider.description for slider in explorer.sliders.values()] == list(SLIDER_LABELS.values())
    assert set(explorer.sliders) == set(POSE_FIELDS)
    assert "hip extension" in SLIDER_LABELS.values()


def test_a_preset_redraws_once(explorer):
    renders = explorer.view.renders
    explorer.apply_preset("arched_back")
    assert explorer.view.renders == renders + 1
    assert explorer.pose == preset_pose("cable", "arched_back")


def test_arched_back_preset_is_flagged_and_correct_top_is_not(explorer):
    explorer.apply_preset("arched_back")
    assert "arched back" in explorer.readouts.findings
    explorer.apply_preset("correct_top")
    assert "✓" in explorer.readouts.findings and "✗" not in explorer.readouts.findings


def test_readouts_equal_the_library_for_the_same_pose(explorer):
    explorer.apply_preset("arched_back")
    pose, body = explorer.pose, default_body()
    height = split_leg_height(pose)
    assert f"leg {height.apparent:.0f}° from hanging" in explorer.readouts.leg_height
    torque = hip_extension_torque(pose, body, "cable", load=default_load("cable"))
    assert f"{torque:.0f} N·m" in explorer.readouts.torque
    arm = muscle_moment_arm("glmax", hip_extension=pose.hip_extension, knee_flexion=pose.knee_flexion)
    assert f"moment arm {arm * 1000:.0f} mm" in explorer.readouts.glute
    for finding in check_pose(pose, "cable"):
        assert finding.cue in explorer.readouts.findings
    assert explorer.readouts == describe_pose_fully(pose, body, "cable")


def test_reset_goes_back_to_the_start(explorer):
    explorer.apply_preset("pelvis_rotated")
    explorer.reset_button.click()
    assert explorer.pose == preset_pose("cable", "start")


@pytest.mark.parametrize("variant", VARIANTS)
def test_switching_variant_sets_its_ranges_and_start(variant):
    widget = explore("cable")
    widget.variant_picker.value = variant
    ranges = read_slider_ranges(variant)
    for field, slider in widget.sliders.items():
        assert (slider.min, slider.max) == ranges[field]
    assert widget.pose == preset_pose(variant, "start")
    assert variant in widget._repr_mimebundle_()["text/plain"]


def test_static_twin_and_words_for_viewers_without_a_kernel():
    bundle = explore("machine")._repr_mimebundle_()
    assert bundle["image/png"]
    assert "How high the leg looks" in bundle["text/plain"]
    assert "0x" not in bundle["text/plain"]


def test_the_large_classroom_explorer_has_big_controls():
    widget = explore("cable", large=True)
    assert "kickback-large" in widget._dom_classes
    assert widget.image.layout.width == "860px"
    assert widget.sliders["hip_extension"].layout.width == "760px"
    widget.sliders["hip_extension"].value = 10
    assert "hip 10°" in widget.readouts.leg_height
