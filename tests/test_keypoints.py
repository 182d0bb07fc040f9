"""Tests for angles from keypoints: conventions, the skeletons' names, the camera, and left against right."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.form.keypoints import (
    SIDES,
    SKELETONS,
    Camera,
    angles_from_points,
    behind_angle,
    joint_name,
    model_point_name,
)
from kickback.model.anthropometrics import default_body
from kickback.model.pose import Pose, preset_pose
from kickback.model.skeleton import pose_joints
from kickback.model.variants import VARIANTS

BODY = default_body()


CAMERA = Camera()


def pixels(pose, variant, side, camera=CAMERA):
    """The four joints the angles need, in pixels, for a learner whose `side` faces the camera."""
    joints = pose_joints(pose, BODY, variant)
    return {
        role: tuple(np.array([value]) for value in camera.to_pixels(joints[role], side))
        for role in ("shoulder", "hip", "knee", "ankle")
    }


def test_the_skeletons_have_their_own_sizes_and_names():
    assert {name: len(joints) for name, joints in SKELETONS.items()} == {
        "coco17": 17,
        "mediapipe33": 33,
        "halpe26": 26,
        "body25": 25,
    }
    assert joint_name("coco17", "hip", "right") == "right_hip"
    assert joint_name("mediapipe33", "ankle", "left") == "left_ankle"
    assert joint_name("halpe26", "shoulder", "right") == "RShoulder"
    assert joint_name("body25", "knee", "left") == "LKnee"
    for skeleton in SKELETONS:
        for side in SIDES:
            assert all(
                joint_name(skeleton, role, side) in SKELETONS[skeleton]
                for role in ("shoulder", "hip", "knee", "ankle")
            )


def test_every_joint_of_every_skeleton_has_a_place_on_the_model():
    joints = pose_joints(Pose(), BODY, "cable")
    for _skeleton, names in SKELETONS.items():
        assert all(model_point_name(name, "right") in joints for name in names)
    assert model_point_name("RBigToe", "right") == "toe"
    assert model_point_name("left_knee", "right") == "support_knee"
    assert model_point_name("Neck", "left") == "neck" and model_point_name("MidHip", "left") == "hip"


def test_behind_is_clockwise_in_the_course_frame():
    down = np.array([0.0, -1.0])
    assert np.isclose(behind_angle(down, np.array([-1.0, -1.0])), 45)  # swung back
    assert np.isclose(behind_angle(down, np.array([1.0, 0.0])), -90)  # swung forward


def test_the_camera_flips_y_and_turns_with_the_side():
    camera = Camera()
    x, y = camera.to_pixels((0.5, 1.0), "right")
    assert (x, y) == (640 + 175, 680 - 350)
    assert camera.to_pixels((0.5, 1.0), "left")[0] == 640 - 175


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", ["start", "correct_top"])
@pytest.mark.parametrize("side", SIDES)
def test_keypoints_give_back_the_poses_angles(variant, name, side):
    pose = preset_pose(variant, name)
    angles = angles_from_points(pixels(pose, variant, side), side)
    assert np.isclose(angles["hip_extension"][0], pose.hip_extension)
    assert np.isclose(angles["knee_flexion"][0], pose.knee_flexion)
    assert np.isclose(angles["trunk_lean"][0], pose.trunk_lean)


@pytest.mark.parametrize("variant", VARIANTS)
def test_from_the_side_an_arched_back_adds_to_the_thigh_trunk_angle(variant):
    """The shoulder-hip line hides the lumbar curve: the angle read is the hip plus most of the arch."""
    pose = preset_pose(variant, "arched_back")
    hip = angles_from_points(pixels(pose, variant, "right"), "right")["hip_extension"][0]
    assert pose.hip_extension + 10 < hip < pose.hip_extension + pose.lumbar_extension


poses = st.builds(
    Pose,
    trunk_lean=st.floats(-10, 100),
    hip_extension=st.floats(-100, 40),
    knee_flexion=st.floats(0, 150),
)


@settings(max_examples=40, deadline=None)
@given(pose=poses, variant=st.sampled_from(VARIANTS))
def test_mirroring_the_image_and_the_side_gives_the_same_angles(pose, variant):
    right = angles_from_points(pixels(pose, variant, "right"), "right")
    left = angles_from_points(pixels(pose, variant, "left"), "left")
    mirrored = {role: (1280 - x, y) for role, (x, y) in pixels(pose, variant, "right").items()}
    for name in right:
        assert np.isclose(right[name][0], left[name][0])
        assert np.isclose(angles_from_points(mirrored, "left")[name][0], right[name][0])
    assert np.isclose(right["hip_extension"][0], pose.hip_extension)


def test_missing_points_give_missing_angles():
    points = {
        role: (np.array([np.nan, 1.0]), np.array([0.0, 2.0])) for role in ("shoulder", "hip", "knee", "ankle")
    }
    angles = angles_from_points(points, "right")
    assert np.isnan(angles["hip_extension"][0])
