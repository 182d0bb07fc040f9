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


def test_the_backs_outline_hollows_more_when_the_lower_back_arches():
    figure = Figure()
    artists = draw_pose(figure.add_subplot(), Pose(trunk_lean=20), default_body(), "cable")

    def bend():
        back = np.array(artists.lines["spine"].get_data()).T[:13]  # the lumbar part of the back's outline
        direction = np.diff(back, axis=0)
        angles = np.degrees(np.arctan2(direction[:, 1], direction[:, 0]))
        return angles.max() - angles.min()

    neutral = bend()
    update_pose(artists, Pose(trunk_lean=20, lumbar_extension=25))
    assert neutral > 10  # the neutral spine keeps its natural curve
    assert bend() > neutral + 20


def test_angle_labels_say_the_angles_in_words():
    words = describe_angles(Pose(trunk_lean=20, lumbar_extension=25, hip_extension=15))
    assert words["hip"] == "hip extended 15°"
    assert words["back"] == "lower back arched 25°"
    assert words["sum"] == "thigh 60° back from vertical:\nhip extended 15°, back arches 25°, trunk leans 20°"
    assert describe_angles(Pose(lumbar_extension=-10))["back"] == "lower back rounded 10°"
    assert describe_angles(Pose(hip_extension=-15))["hip"] == "hip flexed 15°"
    flexed = describe_angles(Pose(trunk_lean=80, hip_extension=-80))["sum"]
    assert flexed == "thigh vertical:\ntrunk leans 80°, hip still bent 80°"


def test_labels_keep_off_the_body():
    from matplotlib.path import Path

    from kickback.draw.body import body_paths
    from kickback.draw.labels import text_box

    figure = Figure(figsize=(5, 5))
    for variant in VARIANTS:
        ax = figure.add_subplot()
        artists = draw_pose(ax, preset_pose(variant, "arched_back"), default_body(), variant)
        for name in ("hip", "back"):
            label = artists.texts[name]
            box = text_box(ax, label.get_text(), label.get_fontsize(), label.get_position())
            assert not any(Path.intersects_bbox(path, box) for path in body_paths(artists)), (variant, name)
        figure.clear()


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


def square_axes() -> tuple[Figure, object]:
    """A 4-inch figure whose one axes spans it, x and y from -1 to 1 at equal scale (for label tests)."""
    figure = Figure(figsize=(4, 4))
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.set_aspect("equal")
    return figure, ax


def test_a_label_keeps_its_leader_off_an_obstacle_when_it_can():
    """A wall between the anchor and the label's first choice: the label goes where its leader is clear."""
    from matplotlib.path import Path

    from kickback.draw.labels import LEADER_FREE_END, add_label, place_label

    figure, ax = square_axes()
    wall = Path([(0.15, -0.6), (0.25, -0.6), (0.25, 0.6), (0.15, 0.6), (0.15, -0.6)], closed=True)
    label = add_label(ax)
    box = place_label(label, "hip", (0.0, 0.0), obstacles=[wall], taken=[], distances=(0.5,), prefer=(0, 180))
    free = LEADER_FREE_END / 72 * figure.dpi * 2 / (4 * figure.dpi)  # data units (2 per 4 inches)
    start, end = box.leader
    trimmed = np.array([start, end - (end - start) * free / np.hypot(*(end - start))])
    assert not Path(trimmed).intersects_path(wall, filled=True)
    assert box.x1 < 0.15  # on the free side (its first choice, to the right, is behind the wall)
    # with no wall it takes its first choice
    other = add_label(ax)
    box = place_label(other, "hip", (0.0, 0.0), obstacles=[], taken=[], distances=(0.5,), prefer=(0, 180))
    assert box.x0 > 0.0


def test_a_leader_may_cross_what_holds_its_anchor():
    """The part a label names holds its anchor: the leader has to enter it, so that is no clash."""
    from matplotlib.path import Path

    from kickback.draw.labels import add_label, place_label

    figure, ax = square_axes()
    part = Path.circle((0.0, 0.0), 0.3)
    box = place_label(
        add_label(ax), "hip", (0.0, 0.0), obstacles=[part], taken=[], distances=(0.6,), prefer=(0,)
    )
    assert box.x0 > 0.3  # its first choice, though the leader crosses the part's outline
