"""Driving the widgets from Python: the slider moves the picture and the words."""

from kickback.model.pose import Pose
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
