"""The muscle map draws every muscle of data/muscles.csv as a shape where it lies, by role."""

import numpy as np
import pytest
from matplotlib.patches import Polygon

from kickback.draw.muscle_map import build_muscle_map
from kickback.draw.muscle_shapes import ROLE_OUTLINES, SHAPES, muscle_outline
from kickback.draw.style import COLORS
from kickback.model.anthropometrics import default_body
from kickback.model.muscles import read_muscles
from kickback.model.pose import preset_pose
from kickback.model.skeleton import build_skeleton

BODY = default_body()


def polygon_area(points):
    x, y = points[:, 0], points[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


@pytest.fixture(scope="module")
def skeleton():
    return build_skeleton(preset_pose("cable", "correct_top"), BODY, "cable")


def test_every_muscle_in_the_table_has_a_shape():
    assert {muscle.id for muscle in read_muscles()} <= set(SHAPES)


def test_the_gluteus_maximus_is_the_largest_shape(skeleton):
    areas = {
        name: polygon_area(muscle_outline(skeleton, shape, BODY.height)) for name, shape in SHAPES.items()
    }
    assert max(areas, key=areas.get) == "glmax"


@pytest.mark.parametrize("hamstring", ["bflh", "semiten", "semimem"])
def test_each_hamstring_crosses_the_knee(skeleton, hamstring):
    outline = muscle_outline(skeleton, SHAPES[hamstring], BODY.height)
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    along = (outline - hip) @ (knee - hip) / np.dot(knee - hip, knee - hip)
    assert along.max() > 1.05  # past the knee, onto the shank
    assert along.min() < 0.2  # from the sitting bone, just below the hip joint


def test_the_three_hamstrings_are_separate_bands(skeleton):
    centres = [
        muscle_outline(skeleton, SHAPES[name], BODY.height).mean(axis=0)
        for name in ("bflh", "semiten", "semimem")
    ]
    gaps = [np.hypot(*(a - b)) for a, b in zip(centres, centres[1:])]
    assert min(gaps) > 0.01  # metres


def test_role_is_shown_by_colour_and_by_outline_style():
    figure = build_muscle_map().figure
    patches = [p for p in figure.axes[0].patches if str(p.get_gid()).startswith("muscle:")]
    roles = {muscle.role for muscle in read_muscles()}
    assert len(patches) == len(read_muscles())
    styles = {(p.get_facecolor()[:3], str(p.get_linestyle())) for p in patches}
    assert len(styles) == len(roles)
    assert len({str(style) for style in ROLE_OUTLINES.values()}) == len(ROLE_OUTLINES)
    assert len({COLORS[role] for role in roles}) == len(roles)


def test_every_shape_is_inside_the_frame():
    figure = build_muscle_map().figure
    ax = figure.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    for patch in ax.patches:
        if isinstance(patch, Polygon):
            xy = patch.get_xy()
            assert xy[:, 0].min() >= x0 and xy[:, 0].max() <= x1
            assert xy[:, 1].min() >= y0 and xy[:, 1].max() <= y1


def test_a_line_of_pull_runs_from_origin_to_insertion(skeleton):
    from kickback.draw.muscles import muscle_line

    glmax = next(muscle for muscle in read_muscles() if muscle.id == "glmax")
    line = muscle_line(skeleton, glmax, BODY.height)
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    assert np.hypot(*(line[1] - knee)) < np.hypot(*(line[0] - knee))  # it ends nearer the knee
    assert np.hypot(*(line[0] - hip)) < 0.25 * BODY.height  # it starts on the pelvis


def test_smoothing_keeps_a_shape_inside_its_corners():
    from kickback.draw.muscles import smooth_outline

    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)
    rounded = smooth_outline(square, closed=True)
    assert rounded.min() >= 0 and rounded.max() <= 1
    assert len(rounded) > len(square)
    assert polygon_area(rounded) < 1
