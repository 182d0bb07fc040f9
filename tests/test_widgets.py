"""Driving the widgets from Python: the slider moves the picture and the words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.content.pose_readouts import read_slider_ranges
from kickback.model.pose import Pose, start_pose
from kickback.widgets.pose_viewer import PoseViewer, describe_pose, try_a_slider


def test_moving_the_slider_changes_the_picture_and_the_words():
    demo = try_a_slider("cable")
    picture, words, renders = demo.viewer.image.value, demo.words.value, demo.viewer.renders
    demo.slider.value = 25
    assert demo.viewer.image.value != picture
    assert demo.words.value != words
    assert demo.viewer.renders == renders + 1
    assert demo.viewer.pose.hip_extension == 25
    assert "Hip extension 25°" in demo.words.value


@pytest.mark.parametrize("variant", ["cable", "machine", "bodyweight"])
def test_the_first_slider_spans_the_variants_own_hip_range_and_starts_at_its_start_pose(variant):
    demo = try_a_slider(variant)
    low, high = read_slider_ranges(variant)["hip_extension"]
    assert (demo.slider.min, demo.slider.max) == (low, high)
    assert demo.slider.value == start_pose(variant).hip_extension == demo.viewer.pose.hip_extension
    assert f"Hip extension {demo.slider.value}°" in demo.words.value


DEMOS = {variant: try_a_slider(variant) for variant in ("cable", "machine", "bodyweight")}


@settings(max_examples=25)
@given(st.sampled_from(sorted(DEMOS)), st.data())
def test_the_slider_value_is_always_the_pictures_hip_angle(variant, data):
    demo = DEMOS[variant]
    value = data.draw(st.integers(demo.slider.min, demo.slider.max))
    demo.slider.value = value
    assert demo.slider.value == value  # never clipped: the whole range is the variant's own
    assert demo.viewer.pose.hip_extension == value
    assert f"Hip extension {value}°" in demo.words.value


def test_the_viewer_keeps_one_figure():
    viewer = PoseViewer("machine")
    figure = viewer.figure
    viewer.show(Pose(trunk_lean=30, hip_extension=10, knee_flexion=80))
    assert viewer.figure is figure
    assert len(figure.axes) == 1


def test_the_output_has_a_static_twin_and_words_for_viewers_without_a_kernel():
    bundle = try_a_slider("bodyweight")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["image/png"]
    assert "hip extension" in bundle["text/plain"]
    assert "Hip extension -80°" in bundle["text/plain"]


def test_words_say_where_the_leg_is_relative_to_the_floor():
    assert "parallel to the floor" in describe_pose(Pose(trunk_lean=80, hip_extension=10))
    assert "above" not in describe_pose(Pose(trunk_lean=80, hip_extension=10))
    assert "50° below parallel" in describe_pose(Pose(trunk_lean=20, hip_extension=20))


def test_the_best_lever_follows_the_model_and_is_drawn_thick():
    from kickback.model.muscles import rank_levers
    from kickback.widgets.levers import compare_levers

    widget = compare_levers()
    for angle in (-80, 10):
        widget.slider.value = angle
        best = rank_levers(hip_extension=angle, knee_flexion=90)[0][0]
        widths = {muscle: line.get_linewidth() for muscle, line in widget.muscle_lines.items()}
        assert max(widths, key=widths.get) == best
        assert (
            f"{rank_levers(hip_extension=angle, knee_flexion=90)[0][1] * 1000:.0f} mm" in widget.words.value
        )
    assert rank_levers(hip_extension=10, knee_flexion=90)[0][0] == "glmax"
    assert rank_levers(hip_extension=-80, knee_flexion=90)[0][0] != "glmax"


def test_the_levers_widget_says_what_an_effective_lever_is_in_its_words_picture_and_twin():
    from kickback.draw.lever_view import EFFECTIVE_LEVER_WORDS
    from kickback.widgets.levers import compare_levers

    widget = compare_levers()
    texts = " ".join(t.get_text() for t in widget.picture.figure.findobj(lambda a: hasattr(a, "get_text")))
    for said in (widget.words.value, texts.replace("\n", " "), widget._repr_mimebundle_()["text/plain"]):
        assert EFFECTIVE_LEVER_WORDS in said
        assert "pull left" not in said
    assert "moment arm × force share" in EFFECTIVE_LEVER_WORDS
