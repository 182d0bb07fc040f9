"""The close-up of the lower back: it says the hollow's real depth, sits in free space, and shows L3.

The arched-back figure magnifies the lower back in both panels, so the hollow beneath the straight
line from sacrum to T12 can be seen; the depth it writes is the model's, deeper when arched.
"""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.patches import Polygon
from matplotlib.path import Path

from kickback.draw import close_up as cu
from kickback.draw.body import draw_pose
from kickback.draw.form_diagrams import build_mistake_figure
from kickback.draw.pose_marks import back_line_points, hollow_depth
from kickback.draw.style import COLORS, new_figure
from kickback.model.anthropometrics import default_body
from kickback.model.pose import preset_pose
from kickback.model.skeleton import build_skeleton, pose_joints
from kickback.model.variants import VARIANTS

BODY = default_body()
BODY_COLOURS = {matplotlib.colors.to_rgba(COLORS[name]) for name in ("body", "body_far", "working_leg")}


@pytest.fixture(scope="module")
def arched():
    built = build_mistake_figure("arched_back")
    built.figure.canvas.draw()
    yield built
    plt.close(built.figure)


def insets_of(ax: Axes) -> list[Axes]:
    return [child for child in ax.child_axes]


def written_depth(ax: Axes) -> float:
    """The depth (m) the panel's close-up writes, read back from its words."""
    (words,) = [t for t in ax.texts if t.get_gid() == cu.CLOSE_UP_WORDS_ID]
    match = re.fullmatch(r"hollow\s+(\d+\.\d) cm", words.get_text())
    assert match, words.get_text()
    return float(match.group(1)) / 100


def window(inset: Axes) -> Path:
    """The inset's round window in display pixels."""
    (x0, x1), (y0, y1) = inset.get_xlim(), inset.get_ylim()
    circle = Path.circle(((x0 + x1) / 2, (y0 + y1) / 2), (x1 - x0) / 2)
    return circle.transformed(inset.transData)


PANEL_POSES = ("correct_top", "arched_back")


def test_each_panel_has_one_close_up_and_it_writes_the_models_depth(arched):
    panels = arched.figure.axes[:2]
    depths = []
    for ax, preset in zip(panels, PANEL_POSES):
        assert len(insets_of(ax)) == 1
        skeleton = build_skeleton(preset_pose("cable", preset), BODY, "cable")
        depth = hollow_depth(skeleton, BODY)
        assert written_depth(ax) == pytest.approx(round(depth * 100, 1) / 100)
        depths.append(depth)
    assert written_depth(panels[1]) > written_depth(panels[0])  # arched hollows deeper
    for depth in depths:
        assert cu.hollow_words(depth) in arched.alt_text  # the alt text gives both depths
    assert "close-up" in arched.alt_text


def test_the_arched_close_up_says_the_mistake_in_words_and_colour(arched):
    correct, mistake = (
        next(t for t in ax.texts if t.get_gid() == cu.CLOSE_UP_WORDS_ID) for ax in arched.figure.axes[:2]
    )
    assert mistake.get_fontweight() == "bold" and correct.get_fontweight() == "normal"
    fills = [
        next(p for p in insets_of(ax)[0].patches if p.get_gid() == cu.CLOSE_UP_HOLLOW_ID)
        for ax in arched.figure.axes[:2]
    ]
    assert fills[1].get_facecolor()[:3] == pytest.approx(matplotlib.colors.to_rgb(COLORS["mistake"]))
    assert fills[0].get_facecolor()[:3] != pytest.approx(matplotlib.colors.to_rgb(COLORS["mistake"]))


def test_the_close_up_keeps_off_the_body_and_the_labels(arched):
    renderer = arched.figure.canvas.get_renderer()
    for ax in arched.figure.axes[:2]:
        circle = window(insets_of(ax)[0])
        body = [
            p
            for p in ax.patches
            if isinstance(p, Polygon) and p.get_fill() and tuple(p.get_facecolor()) in BODY_COLOURS
        ]
        assert len(body) >= 10
        for patch in body:
            assert not circle.intersects_path(
                patch.get_path().transformed(patch.get_transform()), filled=True
            )
        labels = [t for t in ax.texts if t.get_text().strip() and t.get_gid() != cu.CLOSE_UP_WORDS_ID]
        assert labels
        for text in labels:
            assert not circle.intersects_bbox(text.get_window_extent(renderer), filled=True), text.get_text()
        frame = ax.bbox
        extent = circle.get_extents()
        assert (
            frame.x0 <= extent.x0
            and extent.x1 <= frame.x1
            and frame.y0 <= extent.y0
            and extent.y1 <= frame.y1
        )


def test_the_words_sit_inside_the_window_and_off_the_magnified_body(arched):
    renderer = arched.figure.canvas.get_renderer()
    for ax in arched.figure.axes[:2]:
        inset = insets_of(ax)[0]
        words = next(t for t in ax.texts if t.get_gid() == cu.CLOSE_UP_WORDS_ID)
        box = words.get_window_extent(renderer)
        circle = window(inset)
        corners = np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x0, box.y1], [box.x1, box.y1]])
        assert circle.contains_points(corners).all()
        for patch in inset.patches:
            if isinstance(patch, Polygon) and tuple(patch.get_facecolor()) in BODY_COLOURS:
                assert (
                    not patch.get_path().transformed(patch.get_transform()).intersects_bbox(box, filled=True)
                )


def test_the_close_up_shows_the_lower_back(arched):
    for ax, preset in zip(arched.figure.axes[:2], PANEL_POSES):
        inset = insets_of(ax)[0]
        (x0, x1), (y0, y1) = inset.get_xlim(), inset.get_ylim()
        centre, radius = np.array([(x0 + x1) / 2, (y0 + y1) / 2]), (x1 - x0) / 2
        joints = pose_joints(preset_pose("cable", preset), BODY, "cable")
        assert np.hypot(*(np.array(joints["l3"]) - centre)) < radius
        skeleton = build_skeleton(preset_pose("cable", preset), BODY, "cable")
        assert (np.hypot(*(back_line_points(skeleton, BODY) - centre).T) < radius).all()  # the whole line
        # the inset draws at about three times the panel's scale
        scale = inset.bbox.width / (x1 - x0) / (ax.bbox.width / np.diff(ax.get_xlim())[0])
        assert scale == pytest.approx(cu.MAGNIFICATION, rel=0.02)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_close_up_fits_any_panel_in_free_space(variant):
    figure = new_figure(4.8, 4.8)
    ax = figure.add_subplot()
    artists = draw_pose(ax, preset_pose(variant, "arched_back"), BODY, variant)
    close_up = cu.draw_close_up(ax, artists, kind="mistake")
    figure.canvas.draw()
    circle = window(close_up.inset)
    for patch in artists.polygons.values():
        assert not circle.intersects_path(patch.get_path().transformed(patch.get_transform()), filled=True)
    joints = pose_joints(artists.pose, BODY, variant)
    assert np.hypot(*(np.array(joints["l3"]) - close_up.centre)) < close_up.radius
    assert close_up.depth == hollow_depth(artists.skeleton, BODY)
    plt.close(figure)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("size", (6.0, 7.0))  # a 4.8 in machine panel has no free room for the hip label
def test_the_angle_labels_keep_off_the_close_up_and_the_circle_it_magnifies(variant, size):
    """The labels were placed before the close-up; they are placed again around it, so no word sits on
    the small circle over the lower back or on the inset."""
    figure = new_figure(size, size)
    ax = figure.add_subplot()
    artists = draw_pose(ax, preset_pose(variant, "arched_back"), BODY, variant)
    close_up = cu.draw_close_up(ax, artists, kind="mistake")
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    small = Path.circle(tuple(close_up.centre), close_up.radius).transformed(ax.transData)
    for name, text in artists.texts.items():
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent(renderer)
            assert not small.intersects_bbox(box, filled=True), name
            assert not window(close_up.inset).intersects_bbox(box, filled=True), name
    plt.close(figure)


@settings(max_examples=15, deadline=None)
@given(variant=st.sampled_from(VARIANTS), lumbar=st.floats(-10, 30))
def test_the_deepest_point_lies_as_deep_beneath_the_line_as_the_hollow(variant, lumbar):
    pose = preset_pose(variant, "correct_top").replace(lumbar_extension=lumbar)
    skeleton = build_skeleton(pose, BODY, variant)
    deepest, on_line = cu.deepest_point(skeleton, BODY)
    assert np.hypot(*(deepest - on_line)) == pytest.approx(hollow_depth(skeleton, BODY), abs=1e-9)
    start, end = back_line_points(skeleton, BODY)
    along, offset = end - start, on_line - start
    assert abs(along[0] * offset[1] - along[1] * offset[0]) < 1e-9  # on the straight line


@settings(max_examples=30, deadline=None)
@given(
    r1=st.floats(0.02, 0.3),
    grow=st.floats(1.5, 5.0),
    gap=st.floats(0.01, 1.0),
    heading=st.floats(0, 2 * np.pi),
)
def test_the_ties_touch_both_circles(r1, grow, gap, heading):
    r2 = r1 * grow
    c1 = np.array([0.1, -0.2])
    c2 = c1 + (r1 + r2 + gap) * np.array([np.cos(heading), np.sin(heading)])
    for p1, p2 in cu.tangent_lines(c1, r1, c2, r2):
        assert np.hypot(*(p1 - c1)) == pytest.approx(r1) and np.hypot(*(p2 - c2)) == pytest.approx(r2)
        along = p2 - p1
        assert abs(np.dot(along, p1 - c1)) < 1e-9 and abs(np.dot(along, p2 - c2)) < 1e-9  # tangent


def test_bad_input_names_the_field():
    figure = new_figure(4.8, 4.8)
    ax = figure.add_subplot()
    artists = draw_pose(ax, preset_pose("cable", "correct_top"), BODY, "cable")
    with pytest.raises(ValueError, match="kind"):
        cu.draw_close_up(ax, artists, kind="red")
    with pytest.raises(ValueError, match="magnification"):
        cu.draw_close_up(ax, artists, magnification=20)
    with pytest.raises(ValueError, match="inset centre"):
        cu.tangent_lines(np.zeros(2), 0.1, np.array([0.05, 0.0]), 0.3)
    plt.close(figure)
