"""Tests for the body model: sizes, Pose limits, forward kinematics and the leg-height split."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.model.anthropometrics import Body, default_body
from kickback.model.leg_height import split_leg_height
from kickback.model.pose import POSE_FIELDS, PRESET_NAMES, Pose, preset_pose, read_limits
from kickback.model.skeleton import build_skeleton, leg_height_as_drawn, pose_joints
from kickback.model.variants import VARIANTS

LIMITS = read_limits()


def angle_strategy(field):
    low, high, _ = LIMITS[field]
    return st.floats(min_value=low, max_value=high, allow_nan=False)


poses = st.builds(Pose, **{field: angle_strategy(field) for field in POSE_FIELDS})
bodies = st.builds(
    Body.from_height_mass,
    st.floats(min_value=LIMITS["height_m"][0], max_value=LIMITS["height_m"][1]),
    st.floats(min_value=LIMITS["mass_kg"][0], max_value=LIMITS["mass_kg"][1]),
)


def distance(a, b):
    return math.hypot(a[0] - b[0], a[1] - b[1])


def test_winter_lengths_and_masses_scale_with_height_and_mass():
    body = Body.from_height_mass(1.75, 75)
    assert np.isclose(body.length("thigh"), 0.245 * 1.75)
    assert np.isclose(body.length("shank"), 0.246 * 1.75)
    assert np.isclose(body.length("foot"), 0.152 * 1.75)
    assert np.isclose(body.length("upper_arm"), 0.186 * 1.75)
    assert np.isclose(body.segments["thigh"].mass, 7.5)
    assert np.isclose(body.segments["shank"].mass, 0.0465 * 75)
    assert np.isclose(body.segments["foot"].com_distance, 0.5 * 0.152 * 1.75)
    assert np.isclose(body.segments["thigh"].inertia, 7.5 * (0.323 * 0.245 * 1.75) ** 2)


def test_every_anthropometric_row_names_its_source():
    body = default_body()
    assert all(segment.source.strip() for segment in body.segments.values())


def test_de_leva_changes_leg_masses_but_not_lengths():
    winter = Body.from_height_mass(1.70, 60)
    female = Body.from_height_mass(1.70, 60, table="deleva_female")
    assert np.isclose(female.segments["thigh"].mass, 0.1478 * 60)
    assert np.isclose(female.segments["thigh"].com_fraction, 0.3612)
    assert female.length("thigh") == winter.length("thigh")


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: Pose(hip_extension=float("nan")), ["hip_extension", "-140", "60", "nan"]),
        (lambda: Pose(hip_extension=400), ["hip_extension", "-140", "60", "400"]),
        (lambda: Pose(knee_flexion="ninety"), ["knee_flexion", "ninety"]),
        (lambda: Body.from_height_mass(-1.75, 75), ["height_m", "1", "2.3", "-1.75"]),
        (lambda: Body.from_height_mass(1.75, float("inf")), ["mass_kg", "inf"]),
        (
            lambda: pose_joints(Pose(), default_body(), "rowing"),
            ["variant", "cable", "machine", "bodyweight", "rowing"],
        ),
        (lambda: Body.from_height_mass(1.75, 75, table="dempster"), ["table", "winter", "dempster"]),
        (lambda: Pose().replace(elbow=3), ["elbow", "hip_extension"]),
    ],
)
def test_bad_input_names_the_field_the_range_and_the_value(call, words):
    with pytest.raises(ValueError) as error:
        call()
    message = str(error.value)
    for word in words:
        assert word in message


def test_presets_exist_for_every_variant_and_are_valid_poses():
    for variant in VARIANTS:
        for name in PRESET_NAMES:
            assert isinstance(preset_pose(variant, name), Pose)


def test_correct_top_gets_its_height_from_the_hip_and_arched_back_from_the_spine():
    for variant in VARIANTS:
        correct = split_leg_height(preset_pose(variant, "correct_top"))
        arched = split_leg_height(preset_pose(variant, "arched_back"))
        assert correct.lumbar == 0
        assert arched.lumbar > 0
        assert arched.apparent > correct.apparent
        assert arched.hip <= correct.hip


def test_bodyweight_correct_top_thigh_is_parallel_to_the_floor():
    pose = preset_pose("bodyweight", "correct_top")
    joints = pose_joints(pose, default_body(), "bodyweight")
    assert np.isclose(joints["hip"][1], joints["knee"][1])
    assert joints["knee"][0] < joints["hip"][0]
    assert split_leg_height(pose).above_floor == 0


def test_standing_upright_leg_hangs_below_the_hip():
    joints = pose_joints(Pose(), default_body(), "cable")
    assert np.isclose(joints["knee"][0], joints["hip"][0])
    assert joints["knee"][1] < joints["hip"][1]
    assert joints["shoulder"][1] > joints["hip"][1]


def test_hip_extension_moves_the_knee_behind_the_hip():
    body = default_body()
    joints = pose_joints(Pose(hip_extension=30), body, "cable")
    assert joints["knee"][0] < joints["hip"][0]
    assert np.isclose(
        math.degrees(math.atan2(joints["hip"][0] - joints["knee"][0], joints["hip"][1] - joints["knee"][1])),
        30,
    )


def test_lumbar_extension_raises_the_leg_with_the_hip_unchanged():
    body = default_body()
    flat = pose_joints(Pose(trunk_lean=20, hip_extension=15), body, "cable")
    arched = pose_joints(Pose(trunk_lean=20, hip_extension=15, lumbar_extension=20), body, "cable")
    assert arched["knee"][1] > flat["knee"][1]


def test_equipment_points_are_present():
    body = default_body()
    assert {"pulley", "strap", "frame_top"} <= set(pose_joints(Pose(), body, "cable"))
    assert {"pivot", "pad", "platform_front"} <= set(pose_joints(Pose(), body, "machine"))
    assert {"support_knee", "support_hand"} <= set(
        pose_joints(Pose(trunk_lean=80, hip_extension=-80), body, "bodyweight")
    )


def test_cable_strap_is_on_the_working_ankle():
    joints = pose_joints(preset_pose("cable", "correct_top"), default_body(), "cable")
    assert joints["strap"] == joints["ankle"]


def test_support_knee_sits_under_the_hip_on_all_fours():
    joints = pose_joints(preset_pose("bodyweight", "start"), default_body(), "bodyweight")
    assert np.isclose(joints["support_knee"][0], joints["hip"][0])


@settings(max_examples=150, deadline=None)
@given(pose=poses, body=bodies, variant=st.sampled_from(VARIANTS))
def test_segment_lengths_never_change(pose, body, variant):
    j = pose_joints(pose, body, variant)
    assert np.isclose(distance(j["hip"], j["knee"]), body.length("thigh"))
    assert np.isclose(distance(j["knee"], j["ankle"]), body.length("shank"))
    assert np.isclose(distance(j["heel"], j["toe"]), body.length("foot"))
    assert np.isclose(distance(j["shoulder_joint"], j["elbow"]), body.length("upper_arm"))
    assert np.isclose(distance(j["elbow"], j["wrist"]), body.length("forearm"))
    assert np.isclose(distance(j["hip"], j["support_knee"]), body.length("thigh"))
    assert np.isclose(distance(j["support_knee"], j["support_ankle"]), body.length("shank"))
    spine = build_skeleton(pose, body, variant).spine
    assert np.isclose(np.sum(np.hypot(*np.diff(spine, axis=0).T)), body.length("trunk"))


@settings(max_examples=150, deadline=None)
@given(pose=poses, body=bodies, variant=st.sampled_from(VARIANTS))
def test_every_joint_is_finite(pose, body, variant):
    for name, point in pose_joints(pose, body, variant).items():
        assert all(math.isfinite(value) for value in point), name


@settings(max_examples=200, deadline=None)
@given(pose=poses, variant=st.sampled_from(VARIANTS))
def test_leg_height_parts_add_up_to_the_drawn_thigh_angle(pose, variant):
    height = leg_height_as_drawn(pose, default_body(), variant)
    assert height.apparent == height.hip + height.lumbar + height.trunk
    j = pose_joints(pose, default_body(), variant)
    dx, dy = j["hip"][0] - j["knee"][0], j["hip"][1] - j["knee"][1]
    drawn = math.degrees(math.atan2(dx, dy))
    difference = (drawn - height.apparent + 180) % 360 - 180
    assert abs(difference) < 1e-9


@settings(max_examples=100, deadline=None)
@given(pose=poses, variant=st.sampled_from(VARIANTS))
def test_the_drawn_split_is_the_poses_own_unless_the_back_moves_on_all_fours(pose, variant):
    drawn, asked = leg_height_as_drawn(pose, default_body(), variant), split_leg_height(pose)
    assert (drawn.hip, drawn.lumbar) == (asked.hip, asked.lumbar)
    if variant != "bodyweight" or pose.lumbar_extension == 0:
        assert drawn == asked


def test_moving_the_pulley_moves_it_in_the_drawing_and_bad_set_ups_are_refused():
    body = default_body()
    joints = pose_joints(Pose(), body, "cable", setup={"pulley_height": 1.0})
    assert joints["pulley"][1] == 1.0
    with pytest.raises(ValueError, match="pulley_height is outside the allowed range 0 to 2.2 m; got 9"):
        pose_joints(Pose(), body, "cable", setup={"pulley_height": 9})
    with pytest.raises(ValueError, match="cable set-up must be one of"):
        pose_joints(Pose(), body, "cable", setup={"platform_height": 0.2})


def test_hip_alone_reaches_trunk_lean_plus_the_normal_range():
    from kickback.model.leg_height import hip_reach
    from kickback.model.pose import read_normal_range

    typical = read_normal_range("hip_extension").typical
    reach = hip_reach(20)
    assert reach.apparent == 20 + typical
    assert reach.short_of_parallel == 90 - 20 - typical
    assert reach.lean_for_parallel == 90 - typical
    assert hip_reach(85).short_of_parallel == 0
    with pytest.raises(ValueError, match="trunk_lean"):
        hip_reach(float("nan"))


CAPTION_SIGNS = {
    "hip extended": 1,
    "hip still bent": -1,
    "back arches": 1,
    "back rounds": -1,
    "trunk leans back": -1,
    "trunk leans": 1,
}


def read_caption(text):
    """The thigh's angle a caption states (degrees behind hanging), and its parts' signed numbers."""
    import re

    first, _, rest = text.partition(":\n")
    level = re.fullmatch(r"thigh (\d+)° (above level|back from vertical|forward of vertical)", first)
    if first == "thigh vertical":
        stated = 0
    elif first == "thigh level with the floor":
        stated = 90
    else:
        assert level, first
        number, where = int(level.group(1)), level.group(2)
        stated = {"above level": 90 + number, "back from vertical": number}.get(where, -number)
    parts = []
    for piece in rest.split("\n")[0].split(", "):
        words, number = re.fullmatch(r"(.+) (\d+)°", piece).groups()
        parts.append(CAPTION_SIGNS[words] * int(number))
    return stated, parts


@settings(max_examples=200, deadline=None)
@given(pose=poses, variant=st.sampled_from(VARIANTS))
def test_the_thigh_caption_adds_up_in_plain_words(pose, variant):
    """The caption says where the thigh points and its parts in a gym-goer's words, no formula signs;
    its parts add up to the angle it states, and that is the thigh's drawn angle to within rounding."""
    from kickback.draw.body import describe_angles, drawn_leg_height

    skeleton = build_skeleton(pose, default_body(), variant)
    height = drawn_leg_height(pose, skeleton)
    caption = describe_angles(pose, height)["sum"]
    assert not any(sign in caption for sign in ("=", "+", "−", "behind vertical"))
    if all(abs(round(value)) == 0 for value in (height.hip, height.lumbar, height.trunk)):
        return
    stated, parts = read_caption(caption)
    assert sum(parts) == stated
    assert abs(stated - height.apparent) <= 1.5 + 1e-9  # each of hip, back and trunk rounded to 1°
    assert len(caption.split("\n")) <= 3


def test_captions_on_all_fours_say_level_and_the_chest_note_is_one_short_line():
    from kickback.draw.body import describe_angles, drawn_leg_height

    body = default_body()

    def caption(name):
        pose = preset_pose("bodyweight", name)
        return describe_angles(pose, drawn_leg_height(pose, build_skeleton(pose, body, "bodyweight")))["sum"]

    assert caption("correct_top").startswith("thigh level with the floor:")
    arched = caption("arched_back")
    assert arched.startswith("thigh 14° above level:")
    note = arched.split("\n")[-1]
    assert note.startswith("(the chest tips up 11°") and "hands stay put" in note and len(note) <= 52
    assert caption("start") == "thigh vertical:\ntrunk leans 80°, hip still bent 80°"


@pytest.mark.parametrize("variant", ["cable", "machine"])
def test_the_standing_knee_is_soft_and_its_kneecap_shows_the_bend(variant):
    """ "Knees soft": the stance knee (bent 10°, data/equipment.csv) stands ahead of the hip-ankle line,
    and the drawn knee's front, with its kneecap, reaches past a plain rounded tube's, so the bend reads."""
    from kickback.draw.body import _radii, _shapes
    from kickback.draw.shapes import segment_points, tube_outline

    body = default_body()
    skeleton = build_skeleton(preset_pose(variant, "start"), body, variant)
    j = {name: np.array(point) for name, point in skeleton.joints.items()}
    hip, knee, ankle = j["hip"], j["support_knee"], j["support_ankle"]
    line = (ankle - hip) / np.hypot(*(ankle - hip))
    forward = np.array([-line[1], line[0]])  # square to the line, toward the toes (the line runs down)
    assert forward[0] > 0 and (knee - hip) @ forward >= 0.03
    radii = _radii(body)
    plain = tube_outline(segment_points(hip, knee), [radii["thigh"], radii["shank"]])
    drawn = _shapes(skeleton, body)["support_thigh"]

    def reach(outline):
        return float(((outline[np.hypot(*(outline - knee).T) < 0.1] - hip) @ forward).max())

    assert reach(drawn) >= reach(plain) + 0.01
