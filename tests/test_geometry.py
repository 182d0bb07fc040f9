"""The body's geometry over every pose the explorer allows: on the floor, straight arms, a curved spine."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.content.pose_readouts import read_slider_ranges
from kickback.draw.body import _shapes
from kickback.model.anthropometrics import default_body
from kickback.model.pose import POSE_FIELDS, PRESET_NAMES, Pose, preset_pose
from kickback.model.skeleton import FLOOR_TOLERANCE, build_skeleton, equipment, pose_joints
from kickback.model.variants import VARIANTS

BODY = default_body()
BODY_POINTS = ("hip", "knee", "ankle", "heel", "toe", "shoulder", "elbow", "wrist", "knuckles", "head")


def explorer_grid(variant, steps=3):
    """Poses at the low end, middle and high end of every explorer slider, all combinations."""
    ranges = read_slider_ranges(variant)
    values = [np.linspace(*ranges[name], steps) for name in POSE_FIELDS]
    return [Pose(**dict(zip(POSE_FIELDS, map(float, combo)))) for combo in itertools.product(*values)]


def all_explorer_poses():
    for variant in VARIANTS:
        for name in PRESET_NAMES:
            yield variant, preset_pose(variant, name)
        for pose in explorer_grid(variant):
            yield variant, pose


def angle_at(a, b, c):
    """The angle (degrees) at `b` between `a` and `c`."""
    u, v = np.subtract(a, b), np.subtract(c, b)
    return math.degrees(math.acos(np.clip(np.dot(u, v) / np.hypot(*u) / np.hypot(*v), -1, 1)))


def test_every_slider_range_stays_inside_the_models_limits_and_pelvic_hike_has_one():
    for variant in VARIANTS:
        assert set(read_slider_ranges(variant)) >= set(POSE_FIELDS)


def test_nothing_is_ever_below_the_floor_over_the_explorers_ranges():
    for variant, pose in all_explorer_poses():
        joints = pose_joints(pose, BODY, variant)
        for name in (*BODY_POINTS, "support_knee", "support_ankle", "support_heel", "support_toe"):
            assert joints[name][1] >= -FLOOR_TOLERANCE, (variant, pose, name)


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_drawn_body_part_goes_through_the_floor(variant):
    for pose in explorer_grid(variant, steps=2):
        lowest = min(
            outline[:, 1].min() for outline in _shapes(build_skeleton(pose, BODY, variant), BODY).values()
        )
        assert lowest >= -FLOOR_TOLERANCE, pose


def test_on_all_fours_the_arms_are_straight_and_the_hands_flat_on_the_floor():
    wrist_height = equipment("bodyweight")["wrist_height"]
    for pose in [*explorer_grid("bodyweight"), *(preset_pose("bodyweight", n) for n in PRESET_NAMES)]:
        j = pose_joints(pose, BODY, "bodyweight")
        assert angle_at(j["shoulder_joint"], j["elbow"], j["wrist"]) == pytest.approx(180.0, abs=0.5), pose
        assert j["wrist"][1] == pytest.approx(wrist_height)
        assert j["knuckles"][1] == pytest.approx(wrist_height)
        assert j["knuckles"][0] > j["wrist"][0]  # fingers forward


def test_on_all_fours_the_arms_stand_under_the_shoulders_in_the_taught_poses():
    for name in ("start", "correct_top"):
        j = pose_joints(preset_pose("bodyweight", name), BODY, "bodyweight")
        assert abs(j["wrist"][0] - j["shoulder_joint"][0]) < 0.02


def test_both_knees_rest_on_the_mat_at_the_quadruped_start():
    j = pose_joints(preset_pose("bodyweight", "start"), BODY, "bodyweight")
    radius = BODY.geometry["shank_width"] / 2
    assert j["knee"][1] == pytest.approx(radius)
    assert j["support_knee"][1] == pytest.approx(radius)


@pytest.mark.parametrize("variant", ["cable", "machine"])
def test_standing_the_hand_closes_round_the_handle(variant):
    for name in PRESET_NAMES:
        j = pose_joints(preset_pose(variant, name), BODY, variant)
        wrist, knuckles, handle = (np.array(j[k]) for k in ("wrist", "knuckles", "handle"))
        along = (knuckles - wrist) / np.hypot(*(knuckles - wrist))
        off_line = abs(along[0] * (handle - wrist)[1] - along[1] * (handle - wrist)[0])
        assert off_line < 0.01 and 0 < np.dot(handle - wrist, along) < np.hypot(*(knuckles - wrist))


def test_the_spine_landmarks_are_on_the_trunk_in_order():
    for variant in VARIANTS:
        j = pose_joints(preset_pose(variant, "correct_top"), BODY, variant)
        chain = [np.array(j[name]) for name in ("hip", "sacrum", "l3", "t12", "c7")]
        along = chain[-1] - chain[0]
        positions = [np.dot(point - chain[0], along) for point in chain]
        assert positions == sorted(positions)


def lumbar_apex_forward(pose, variant="cable"):
    """How far L3 sits in front of the line from the sacrum to T12 (m): the depth of the lordosis."""
    j = pose_joints(pose, BODY, variant)
    sacrum, l3, t12 = (np.array(j[name]) for name in ("sacrum", "l3", "t12"))
    up = (t12 - sacrum) / np.hypot(*(t12 - sacrum))
    forward = np.array([up[1], -up[0]])
    return float(np.dot(l3 - sacrum, forward))


def test_the_neutral_spine_keeps_its_natural_inward_curve():
    assert lumbar_apex_forward(Pose()) > 0.005


@settings(max_examples=60, deadline=None)
@given(
    trunk=st.floats(0, 90),
    lumbar=st.floats(-40, 40),
    more=st.floats(1, 20),
    variant=st.sampled_from(VARIANTS),
)
def test_arching_moves_the_lumbar_apex_toward_the_front_of_the_trunk(trunk, lumbar, more, variant):
    pose = Pose(trunk_lean=trunk, lumbar_extension=lumbar)
    arched = pose.replace(lumbar_extension=min(lumbar + more, 45))
    assert lumbar_apex_forward(arched, variant) > lumbar_apex_forward(pose, variant)


def test_arching_tilts_the_pelvis_forward_and_the_thorax_keeps_its_lean():
    flat = build_skeleton(Pose(trunk_lean=20), BODY, "cable")
    arched = build_skeleton(Pose(trunk_lean=20, lumbar_extension=25), BODY, "cable")

    def lean(a, b):
        return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))

    assert lean(arched.spine[0], arched.spine[1]) == pytest.approx(lean(flat.spine[0], flat.spine[1]) + 25)
    top = slice(-2, None)
    assert lean(*arched.spine[top]) == pytest.approx(lean(*flat.spine[top]))


def test_the_arched_preset_differs_from_the_correct_top_only_in_the_lower_back():
    for variant in VARIANTS:
        correct, arched = (
            preset_pose(variant, "correct_top").as_dict(),
            preset_pose(variant, "arched_back").as_dict(),
        )
        assert {name for name in POSE_FIELDS if correct[name] != arched[name]} == {"lumbar_extension"}


def test_pelvic_hike_is_checked_like_every_angle():
    assert Pose(pelvic_hike=10).pelvic_hike == 10
    assert Pose().pelvic_hike == 0
    with pytest.raises(ValueError, match="pelvic_hike is outside the allowed range -30 to 30 deg; got 40"):
        Pose(pelvic_hike=40)


def test_a_knee_that_would_drive_the_foot_into_the_floor_bends_further():
    pose = Pose(trunk_lean=80, hip_extension=-80, knee_flexion=0)  # a straight leg through the floor
    skeleton = build_skeleton(pose, BODY, "bodyweight")
    assert skeleton.extras["knee_flexion_drawn"] > 60
    assert skeleton.joints["ankle"][1] >= 0


def test_a_foot_has_a_heel_an_arch_a_ball_and_a_rounded_toe_box():
    """Not a blade: drawn flat on the floor, the foot rests on its heel pad and ball, its arch lifts
    off the floor, its toes stay at least 2 cm thick to a rounded tip, and the heel rounds out
    behind the heel landmark, well behind the ankle."""
    from kickback.draw.anatomy import foot_outline

    length, ankle_height = BODY.length("foot"), BODY.geometry["ankle_height"]
    heel, toe = np.array([0.0, 0.0]), np.array([length, 0.0])
    ankle = np.array([BODY.geometry["heel_offset"], ankle_height])
    outline = foot_outline(heel, toe, ankle, BODY)

    def at(share):
        """The outline's lowest and highest points across the foot at `share` of its length."""
        near = outline[np.abs(outline[:, 0] - share * length) < 0.006]
        return near[:, 1].min(), near[:, 1].max()

    assert outline[:, 1].min() >= -1e-9
    assert at(0.1)[0] < 0.003 and at(0.75)[0] < 0.003  # heel pad and ball on the floor
    assert at(0.42)[0] > 0.006  # the arch
    assert all(top - bottom >= 0.02 for bottom, top in (at(share) for share in (0.8, 0.9)))
    assert at(0.5)[1] - at(0.5)[0] >= 0.04
    tip = outline[outline[:, 0] > 0.97 * outline[:, 0].max()]
    assert np.ptp(tip[:, 1]) >= 0.008  # a rounded end, not a point
    assert outline[:, 0].min() < heel[0] and ankle[0] - outline[:, 0].min() >= 0.06
