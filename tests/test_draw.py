"""Tests for the drawing: artists are built once and moved in place."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from kickback.draw.body import arc_points, describe_angles, draw_pose, tube_outline, update_pose
from kickback.model.anthropometrics import default_body
from kickback.model.pose import Pose, preset_pose
from kickback.model.variants import VARIANTS


def artists_of(figure):
    ax = figure.axes[0]
    return set(map(id, ax.lines)) | set(map(id, ax.patches)) | set(map(id, ax.texts))


@pytest.mark.parametrize("variant", VARIANTS)
def test_update_moves_existing_artists_and_adds_none(variant):
    figure = Figure()
    ax = figure.add_subplot()
    body = default_body()
    artists = draw_pose(ax, preset_pose(variant, "start"), body, variant)
    before = artists_of(figure)
    thigh_before = artists.polygons["thigh"].get_xy().copy()
    update_pose(artists, preset_pose(variant, "correct_top"))
    assert artists_of(figure) == before
    assert len(figure.axes) == 1
    assert not np.allclose(artists.polygons["thigh"].get_xy(), thigh_before)
    assert artists.texts["hip"].get_text() == describe_angles(preset_pose(variant, "correct_top"))["hip"]


def test_update_back_to_the_first_pose_restores_the_drawing():
    figure = Figure()
    artists = draw_pose(figure.add_subplot(), preset_pose("cable", "start"), default_body(), "cable")
    first = artists.polygons["trunk"].get_xy().copy()
    update_pose(artists, preset_pose("cable", "arched_back"))
    update_pose(artists, preset_pose("cable", "start"))
    assert np.allclose(artists.polygons["trunk"].get_xy(), first)


def test_torso_outline_bends_when_the_lower_back_arches():
    figure = Figure()
    artists = draw_pose(figure.add_subplot(), Pose(trunk_lean=20), default_body(), "cable")
    back_flat = np.array(artists.lines["spine"].get_data()).T
    update_pose(artists, Pose(trunk_lean=20, lumbar_extension=25))
    back_arched = np.array(artists.lines["spine"].get_data()).T

    def bend(points):
        direction = np.diff(points, axis=0)
        angles = np.degrees(np.arctan2(direction[:, 1], direction[:, 0]))
        return angles.max() - angles.min()

    assert bend(back_flat) < 1
    assert bend(back_arched) > 20


def test_angle_labels_say_the_angles_in_words():
    words = describe_angles(Pose(trunk_lean=20, lumbar_extension=25, hip_extension=15))
    assert words["hip"] == "hip 15°"
    assert words["back"] == "lower back arched 25°"
    assert words["sum"] == "leg 60° from hanging = hip 15° + back 25° + trunk 20°"
    assert describe_angles(Pose(lumbar_extension=-10))["back"] == "lower back rounded 10°"


def test_tube_outline_is_as_wide_as_asked():
    outline = tube_outline(np.array([[0.0, 0.0], [1.0, 0.0]]), 0.1)
    assert np.isclose(outline[:, 1].max(), 0.1)
    assert np.isclose(outline[:, 1].min(), -0.1)
    assert np.isclose(outline[:, 0].max(), 1.1)
    assert np.isclose(outline[:, 0].min(), -0.1)


def test_arc_points_lie_on_the_circle_between_the_angles():
    points = arc_points((1.0, 2.0), 0.5, 0.0, 90.0)
    assert np.allclose(np.hypot(points[:, 0] - 1.0, points[:, 1] - 2.0), 0.5)
    assert np.allclose(points[0], [1.5, 2.0])
    assert np.allclose(points[-1], [1.0, 2.5])
