"""The body's geometry over every pose the explorer allows: on the floor, straight arms, a curved spine."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.path import Path

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


def _cable_tower_parts(skeleton):
    """The cable tower's solid outlines (uprights, top bar, base, stack, carriage, pulley, grip) as drawn."""
    import matplotlib.pyplot as plt

    from kickback.draw.equipment import draw_static_equipment

    figure, ax = plt.subplots()
    draw_static_equipment(ax, skeleton, BODY)
    parts = {
        f"{type(patch).__name__.lower()}_{i}": patch.get_path().transformed(patch.get_patch_transform())
        for i, patch in enumerate(ax.patches)
    }
    plt.close(figure)
    return parts


def _solid_equipment(skeleton):
    """Equipment outlines a body part cannot share with it, as Paths: the whole cable tower and the
    machine's stack tower. Parts the body rests on or that sit beside it in depth (platform, beam, lever,
    cam, chest pad, roller pad on the calf) are left out: they touch by design."""
    from kickback.draw.machine import machine_parts

    if skeleton.variant == "cable":
        return _cable_tower_parts(skeleton)
    if skeleton.variant == "machine":
        tower = ("back_upright", "front_upright", "top_bar", "plate_")
        return {
            name: Path(outline, closed=True)
            for name, outline in machine_parts(skeleton, BODY).items()
            if name.startswith(tower)
        }
    return {}


HANDS_ON_EQUIPMENT = {"hand", "forearm", "support_hand", "support_forearm"}  # they hold the grip or handles


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_body_part_runs_into_the_equipment_over_the_explorers_ranges(variant):
    """At every corner of the explorer's slider box (and at the presets) no drawn body outline overlaps
    the equipment's solid parts, and the cable from the low pulley to the ankle passes no part of the
    trunk or pelvis. Slider ends that would put the head in the tower or the foot in the stack fail this."""
    poses = [*explorer_grid(variant, steps=2), *(preset_pose(variant, name) for name in PRESET_NAMES)]
    for pose in poses:
        skeleton = build_skeleton(pose, BODY, variant)
        solid = _solid_equipment(skeleton)
        shapes = {name: Path(outline, closed=True) for name, outline in _shapes(skeleton, BODY).items()}
        for body_part, outline in shapes.items():
            if body_part in HANDS_ON_EQUIPMENT or body_part.startswith("support_f"):
                continue
            for part, path in solid.items():
                assert not outline.intersects_path(path, filled=True), (variant, pose, body_part, part)
        if variant == "cable":
            cable = Path([skeleton.joints["pulley"], skeleton.joints["ankle"]])
            for body_part in ("trunk", "pelvis", "head"):
                assert not shapes[body_part].intersects_path(cable, filled=True), (pose, body_part)


def test_the_overlap_check_catches_a_body_in_the_equipment():
    """The check above can fail: past the explorer's ends the head meets the cable tower's grip, the
    working foot meets the machine's stack, and the cable runs through the pelvis."""
    lean = build_skeleton(Pose(trunk_lean=60, lumbar_extension=35), BODY, "cable")
    head = Path(_shapes(lean, BODY)["head"], closed=True)
    assert any(head.intersects_path(path, filled=True) for path in _solid_equipment(lean).values())
    reach = build_skeleton(
        Pose(trunk_lean=10, lumbar_extension=-15, hip_extension=-60, knee_flexion=30), BODY, "machine"
    )
    foot = Path(_shapes(reach, BODY)["foot"], closed=True)
    assert any(foot.intersects_path(path, filled=True) for path in _solid_equipment(reach).values())
    high = build_skeleton(
        Pose(trunk_lean=40, lumbar_extension=30, hip_extension=40, knee_flexion=45), BODY, "cable"
    )
    cable = Path([high.joints["pulley"], high.joints["ankle"]])
    assert Path(_shapes(high, BODY)["pelvis"], closed=True).intersects_path(cable, filled=True)


def test_the_bodyweight_knee_stays_above_the_mat_at_the_lowest_hip_slider():
    """The bodyweight hip slider starts where the quadruped start puts it (thigh straight down), so the
    working knee never sinks into the mat or swings under the body onto the stance shin."""
    low = read_slider_ranges("bodyweight")["hip_extension"][0]
    assert low >= preset_pose("bodyweight", "start").hip_extension
    for knee in np.linspace(*read_slider_ranges("bodyweight")["knee_flexion"], 4):
        joints = pose_joints(
            Pose(trunk_lean=80, hip_extension=low, knee_flexion=float(knee)), BODY, "bodyweight"
        )
        assert joints["knee"][1] >= BODY.geometry["shank_width"] / 2 - 1e-6
