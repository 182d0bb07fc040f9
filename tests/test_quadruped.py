"""On all fours the floor holds the hands and the supporting knee: an arch sags the lower back."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.content.pose_readouts import read_slider_ranges
from kickback.draw.body import _shapes
from kickback.model.anthropometrics import Body, default_body
from kickback.model.pose import Pose, preset_pose, read_limits
from kickback.model.skeleton import FLOOR_TOLERANCE, build_skeleton, equipment, pose_joints

BODY = default_body()
LUMBAR_LOW, LUMBAR_HIGH, _ = read_limits()["lumbar_extension"]
LUMBAR_GRID = np.linspace(LUMBAR_LOW, LUMBAR_HIGH, 19)
TRUNK_LOW, TRUNK_HIGH = read_slider_ranges("bodyweight")["trunk_lean"]
HELD = (
    "wrist",
    "knuckles",
    "elbow",
    "shoulder_joint",
    "support_knee",
    "support_ankle",
    "support_heel",
    "support_toe",
)
TOLERANCE = 1e-6  # m: "does not move" (the solver is closed-form, so only rounding is left)


def joints(pose, body=BODY):
    return {name: np.array(point) for name, point in pose_joints(pose, body, "bodyweight").items()}


def angle_at(a, b, c):
    """The angle (degrees) at `b` between `a` and `c`."""
    u, v = a - b, c - b
    return math.degrees(math.acos(np.clip(np.dot(u, v) / np.hypot(*u) / np.hypot(*v), -1, 1)))


def sag_depth(j):
    """How far (m) L3 sits below the straight line from the hip to the shoulder joint (toward the belly)."""
    along = (j["shoulder_joint"] - j["hip"]) / np.hypot(*(j["shoulder_joint"] - j["hip"]))
    belly = np.array([along[1], -along[0]])  # the chord points forward, so its clockwise normal points down
    return float(np.dot(j["l3"] - j["hip"], belly))


def top_pose(trunk_lean, lumbar, hip=10.0, knee=90.0):
    return Pose(trunk_lean=trunk_lean, lumbar_extension=lumbar, hip_extension=hip, knee_flexion=knee)


@pytest.mark.parametrize("trunk_lean", [TRUNK_LOW, (TRUNK_LOW + TRUNK_HIGH) / 2, TRUNK_HIGH])
def test_hands_shoulders_and_the_supporting_knee_stay_put_as_the_back_arches(trunk_lean):
    neutral = joints(top_pose(trunk_lean, 0.0))
    for lumbar in LUMBAR_GRID:
        j = joints(top_pose(trunk_lean, float(lumbar)))
        for name in HELD:
            assert np.hypot(*(j[name] - neutral[name])) < TOLERANCE, (lumbar, name)


@pytest.mark.parametrize("trunk_lean", [TRUNK_LOW, TRUNK_HIGH])
def test_arms_stay_straight_and_hands_flat_whatever_the_lower_back_does(trunk_lean):
    wrist_height = equipment("bodyweight")["wrist_height"]
    for lumbar in LUMBAR_GRID:
        j = joints(top_pose(trunk_lean, float(lumbar)))
        assert angle_at(j["shoulder_joint"], j["elbow"], j["wrist"]) == pytest.approx(180.0, abs=0.5), lumbar
        assert j["wrist"][1] == pytest.approx(wrist_height) and j["knuckles"][1] == pytest.approx(
            wrist_height
        )
        lean = math.degrees(
            math.atan2(j["wrist"][0] - j["shoulder_joint"][0], j["shoulder_joint"][1] - j["wrist"][1])
        )
        assert abs(lean) < 15, lumbar  # the arm stands under the shoulder, vertical-ish


def test_the_supporting_thigh_keeps_its_length_and_the_knee_stays_on_the_mat():
    radius = BODY.geometry["shank_width"] / 2
    for lumbar in LUMBAR_GRID:
        j = joints(top_pose(80.0, float(lumbar)))
        assert np.hypot(*(j["hip"] - j["support_knee"])) == pytest.approx(BODY.length("thigh"))
        assert j["support_knee"][1] == pytest.approx(radius)
        assert abs(j["hip"][0] - j["support_knee"][0]) < 0.08  # the hip stays over the knee


@pytest.mark.parametrize("hip", [-100.0, -30.0, 10.0, 30.0])
def test_nothing_goes_below_the_floor_as_the_back_arches_or_rounds(hip):
    for lumbar in LUMBAR_GRID[::3]:
        pose = top_pose(80.0, float(lumbar), hip=hip)
        skeleton = build_skeleton(pose, BODY, "bodyweight")
        assert min(y for _, y in skeleton.joints.values()) >= -FLOOR_TOLERANCE, lumbar
        assert skeleton.spine[:, 1].min() > 0.2, lumbar  # the trunk sags, it does not reach the floor
        lowest = min(outline[:, 1].min() for outline in _shapes(skeleton, BODY).values())
        assert lowest >= -FLOOR_TOLERANCE, lumbar


def test_l3_sinks_toward_the_floor_and_the_belly_as_the_arch_deepens():
    j = [joints(top_pose(80.0, float(lumbar))) for lumbar in LUMBAR_GRID]
    heights = [p["l3"][1] for p in j]
    depths = [sag_depth(p) for p in j]
    assert all(np.diff(heights) < 0)
    assert all(np.diff(depths) > 0)


@settings(max_examples=80, deadline=None)
@given(
    trunk=st.floats(45, 120),
    lumbar=st.floats(LUMBAR_LOW, LUMBAR_HIGH - 1),
    more=st.floats(1, 30),
    height=st.floats(1.4, 2.1),
)
def test_a_deeper_arch_always_sags_l3_further_with_the_hands_and_knee_held(trunk, lumbar, more, height):
    body = Body.from_height_mass(height, 70)
    deeper = min(lumbar + more, LUMBAR_HIGH)
    flat, arched = joints(top_pose(trunk, lumbar), body), joints(top_pose(trunk, deeper), body)
    assert arched["l3"][1] < flat["l3"][1]
    assert sag_depth(arched) > sag_depth(flat)
    for name in HELD:
        assert np.hypot(*(arched[name] - flat[name])) < TOLERANCE, name


@settings(max_examples=80, deadline=None)
@given(trunk=st.floats(45, 120), lumbar=st.floats(LUMBAR_LOW, LUMBAR_HIGH), hip=st.floats(-100, 30))
def test_the_pelvis_tilts_forward_with_an_arch_and_the_thigh_turns_with_it(trunk, lumbar, hip):
    """The hip's own angle (thigh to pelvis) never changes with the back: the arch is the only change."""
    flat = build_skeleton(top_pose(trunk, 0.0, hip=hip), BODY, "bodyweight")
    bent = build_skeleton(top_pose(trunk, lumbar, hip=hip), BODY, "bodyweight")

    def lean(a, b):
        return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))

    def thigh_to_pelvis(s):
        return lean(s.joints["hip"], s.joints["sacrum"]) - lean(s.joints["knee"], s.joints["hip"])

    assert (thigh_to_pelvis(bent) - thigh_to_pelvis(flat) + 180) % 360 - 180 == pytest.approx(0, abs=1e-7)
    pelvis_turn = lean(bent.spine[0], bent.spine[1]) - lean(flat.spine[0], flat.spine[1])
    thorax_turn = lean(*bent.spine[-2:]) - lean(*flat.spine[-2:])
    assert pelvis_turn - thorax_turn == pytest.approx(lumbar, abs=1e-7)  # the lumbar spine bends by the arch
    if abs(lumbar) > 1:
        assert math.copysign(1, pelvis_turn) == math.copysign(1, lumbar)  # an arch tilts the pelvis forward


def test_the_arched_mistake_changes_only_the_back_and_the_leg_it_carries():
    correct = joints(preset_pose("bodyweight", "correct_top"))
    arched = joints(preset_pose("bodyweight", "arched_back"))
    for name in (*HELD, "head", "neck"):
        moved = np.hypot(*(arched[name] - correct[name]))
        assert moved < (0.03 if name in ("head", "neck") else TOLERANCE), name
    assert arched["l3"][1] < correct["l3"][1] - 0.02  # the lower back visibly sags
    assert arched["knee"][1] > correct["knee"][1]  # and the working knee rides higher with the pelvis


def test_a_drawing_cannot_change_what_the_solver_remembers():
    pose = preset_pose("bodyweight", "arched_back")
    first = build_skeleton(pose, BODY, "bodyweight")
    first.spine[:] = 0.0
    again = build_skeleton(pose, BODY, "bodyweight")
    assert again.spine[:, 1].min() > 0.2
    neutral = build_skeleton(preset_pose("bodyweight", "correct_top"), BODY, "bodyweight")
    neutral.spine[:] = 0.0
    assert (
        build_skeleton(preset_pose("bodyweight", "correct_top"), BODY, "bodyweight").spine[:, 1].min() > 0.2
    )
