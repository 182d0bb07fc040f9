"""The head and neck: a face that looks where the person looks, on a neck that rises from C7.

Checked at every preset and across the explorer's slider ranges (data/explorer_ranges.csv).
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.data_files import read_table
from kickback.draw.anatomy import trunk_outline
from kickback.draw.head import (
    EYE,
    HEAD_TURN_LIMIT,
    NOSE_TIP,
    PROFILE,
    _in_head,
    _smooth_open,
    face_direction,
    head_and_neck,
    head_radius,
    neck_line,
)
from kickback.model.anthropometrics import default_body
from kickback.model.pose import PRESET_NAMES, Pose, preset_pose
from kickback.model.skeleton import build_skeleton
from kickback.model.variants import VARIANTS

BODY = default_body()
RANGES = {}
for row in read_table("explorer_ranges"):
    RANGES.setdefault(row["variant"], {})[row["field"]] = (float(row["low"]), float(row["high"]))


def explorer_poses(variant):
    return st.builds(
        Pose,
        **{field: st.floats(low, high, allow_nan=False) for field, (low, high) in RANGES[variant].items()},
    )


def degrees_below_horizontal(direction):
    return math.degrees(math.atan2(-direction[1], abs(direction[0])))


def crossings(outline):
    """How many pairs of non-neighbouring edges of the closed `outline` cross each other."""
    a, b = outline, np.roll(outline, -1, axis=0)

    def side(p, q, r):
        return (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (
            r[..., 0] - p[..., 0]
        )

    a1, b1, a2, b2 = a[:, None], b[:, None], a[None, :], b[None, :]
    crossed = (side(a2, b2, a1) * side(a2, b2, b1) < 0) & (side(a1, b1, a2) * side(a1, b1, b2) < 0)
    index = np.arange(len(outline))
    neighbours = np.abs(index[:, None] - index[None, :]) % (len(outline) - 1) <= 1
    return int(np.triu(crossed & ~neighbours, 1).sum())


def check_head(pose, variant):
    skeleton = build_skeleton(pose, BODY, variant)
    shapes = head_and_neck(skeleton, BODY)
    j = skeleton.joints
    # where the eyes look
    if variant == "bodyweight":
        along = -shapes.eye[1] / shapes.gaze[1]
        assert shapes.gaze[1] < 0 and along > 0, "on all fours the eyes look down at the floor"
        landing = shapes.eye[0] + along * shapes.gaze[0]
        hands = j["knuckles"][0]
        assert hands - 0.10 <= landing <= hands + 0.40, (
            f"looks at the floor {landing - hands:+.2f} m from the hands"
        )
    else:
        assert 5.0 <= degrees_below_horizontal(shapes.gaze) <= 60.0, (
            "standing, the eyes look forward and down, never at the feet"
        )
        assert shapes.gaze[0] > 0
        check_head_follows_the_trunk(skeleton, shapes)
    # the head turns on the neck no further than is easy
    neck = neck_line(skeleton, BODY)
    face = face_direction(skeleton, BODY)
    between = math.degrees(math.acos(np.clip(np.dot(face, neck), -1, 1)))
    assert 90 - 18 - HEAD_TURN_LIMIT - 1e-6 <= between <= 90 + HEAD_TURN_LIMIT + 1e-6
    # the neck leaves the thorax at C7: its base is on the trunk's outline, either side of C7
    outline, back = trunk_outline(skeleton, BODY)
    back_top, front_top = outline[len(back) - 1], outline[len(back) + 1]
    for point in (back_top, front_top):
        assert np.min(np.hypot(*(shapes.head - point).T)) < 1e-9
    c7 = np.array(j["c7"])
    assert np.hypot(*(c7 - (back_top + front_top) / 2)) < 0.6 * BODY.geometry["trunk_width"]
    # the nose is the face's most forward point, and the profile never crosses itself
    radius = head_radius(BODY)
    nose = _in_head(shapes.eye, face, radius, [np.subtract(NOSE_TIP, EYE)])[0]
    foremost = shapes.head[np.argmax(shapes.head @ face)]
    assert np.hypot(*(foremost - nose)) < 0.25 * radius, "the nose is the face's most forward point"
    assert crossings(shapes.head) == 0, "the head's outline crosses itself"
    assert shapes.head[:, 1].min() > 0.0, "the head is above the floor"
    if variant != "bodyweight":
        check_head_over_the_trunk(skeleton, shapes)


def check_head_follows_the_trunk(skeleton, shapes):
    """Standing, a neutral neck: the face tips down with the trunk's line (hip to C7), by at least half
    its lean, and never further down than the trunk leans (plus a little when upright)."""
    hip, c7 = np.asarray(skeleton.joints["hip"]), np.asarray(skeleton.joints["c7"])
    lean = math.degrees(math.atan2(*(c7 - hip)))
    face_down = degrees_below_horizontal(shapes.face)
    assert 0.5 * lean - 2.0 <= face_down <= max(lean, 0.0) + 10.0, (lean, face_down)


def check_head_over_the_trunk(skeleton, shapes):
    """Standing, the ear sits on or just behind the trunk's line (hip to C7) and the face does not jut:
    the nose is at most a head's radius and a quarter in front of it (level with it when upright)."""
    j = skeleton.joints
    hip, c7 = np.asarray(j["hip"]), np.asarray(j["c7"])
    along = (c7 - hip) / np.hypot(*(c7 - hip))
    forward = np.array([along[1], -along[0]])
    radius = head_radius(BODY)
    ear = shapes.ear.mean(axis=0)
    assert -0.6 * radius <= (ear - hip) @ forward <= 0.05 * radius, "the ear is over the shoulders"
    assert ((shapes.head - hip) @ forward).max() <= 1.25 * radius, "the head juts forward of the trunk"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_head_at_every_preset(variant, preset):
    check_head(preset_pose(variant, preset), variant)


@pytest.mark.parametrize("variant", VARIANTS)
def test_head_across_the_explorer_ranges(variant):
    @settings(max_examples=25, deadline=None)
    @given(explorer_poses(variant))
    def check(pose):
        check_head(pose, variant)

    check()


def test_standing_face_looks_lower_as_the_trunk_leans_further():
    upright, leaning = (
        face_direction(build_skeleton(Pose(trunk_lean=lean), BODY, "cable"), BODY) for lean in (0.0, 60.0)
    )
    assert degrees_below_horizontal(leaning) > degrees_below_horizontal(upright)


def test_leaning_30_degrees_the_face_looks_clearly_down_not_level():
    """The illustrator's complaint: at a 30° lean the face stayed near vertical."""
    face = face_direction(build_skeleton(Pose(trunk_lean=30.0, knee_flexion=80), BODY, "machine"), BODY)
    assert degrees_below_horizontal(face) >= 15.0


def test_the_standing_neck_is_thick_and_short_not_a_stalk():
    """Halfway up, the neck's silhouette is at least 1.25 head radii deep (a real neck is about 11 cm
    deep, a head about 20 cm from chin to crown), and deeper than it is long from the shoulders' line
    to the skull's."""
    radius = head_radius(BODY)
    for lean in (0.0, 30.0, 60.0):
        outline = head_and_neck(build_skeleton(Pose(trunk_lean=lean), BODY, "cable"), BODY).head
        # the outline runs: inside the thorax, up the back of the neck (4 points), round the head,
        # down the front of the neck (4 points)
        back, front = outline[1:5], outline[-4:][::-1]
        depth = np.hypot(*(front[2] - back[2]))
        length = np.hypot(*((back[0] + front[0]) / 2 - (back[-1] + front[-1]) / 2))
        assert depth >= 1.25 * radius and depth >= 1.5 * length, (lean, depth / radius, length / radius)


def test_the_face_is_a_few_smooth_strokes():
    """Brow, nose and chin at most: no row of small bumps that reads as teeth at a small size."""
    profile = _smooth_open(np.array(PROFILE, dtype=float), 3)
    face = profile[(profile[:, 0] > 0.3) & (profile[:, 1] < 0.4)]
    forward = face[:, 0]
    bumps = np.sum((forward[1:-1] > forward[:-2]) & (forward[1:-1] > forward[2:]))
    assert 1 <= bumps <= 3
    steps = np.diff(profile, axis=0)
    headings = np.degrees(np.unwrap(np.arctan2(steps[:, 1], steps[:, 0])))
    assert np.abs(np.diff(headings)).max() < 45.0, "no sharp corner in the face's profile"
