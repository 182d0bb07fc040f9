"""The step figures' drawn poses: the pose table's, the working knee bent more only to clear the floor."""

import numpy as np
import pytest

from kickback.draw.form_diagrams import STEP_PHASES
from kickback.draw.pose_marks import blend
from kickback.draw.step_poses import (
    KNEE_STEP,
    STEP_FOOT_CLEARANCE,
    foot_height,
    knee_bent_to_clear,
    knee_note,
    step_poses,
    step_trail,
)
from kickback.model.anthropometrics import default_body
from kickback.model.pose import preset_pose
from kickback.model.variants import VARIANTS

BODY = default_body()
TITLES = [title for title, _, _ in STEP_PHASES]
SHARES = [least for _, least, _ in STEP_PHASES]
WAYS = [way for _, _, way in STEP_PHASES]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_moving_step_shows_the_foot_clear_of_the_floor_and_only_the_knee_changes(variant):
    start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
    for share, way, drawn in zip(SHARES, WAYS, step_poses(variant, BODY, SHARES, WAYS)):
        table = blend(start, top, share)
        assert drawn.replace(knee_flexion=table.knee_flexion) == table  # hip, back, trunk: the table's
        assert drawn.knee_flexion >= table.knee_flexion
        if way:
            assert foot_height(drawn, BODY, variant) >= STEP_FOOT_CLEARANCE - 1e-9, (variant, share)
        else:
            assert drawn == table  # set-up and top are the table's own poses
        if drawn.knee_flexion != table.knee_flexion:
            assert drawn.knee_flexion % KNEE_STEP == 0  # a round number the caption can say


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_four_step_panels_show_four_clearly_different_hip_angles(variant):
    hips = [pose.hip_extension for pose in step_poses(variant, BODY, SHARES, WAYS)]
    span = abs(hips[2] - hips[0])
    for i, a in enumerate(hips):
        for b in hips[:i]:
            assert abs(a - b) >= 0.2 * span, hips


def test_the_cable_lift_needs_a_bent_knee_and_the_note_says_so():
    """The pose table's 10° knee drags the foot at the lift; the drawing bends it and says by how much."""
    poses = step_poses("cable", BODY, SHARES, WAYS)
    table_lift = blend(preset_pose("cable", "start"), preset_pose("cable", "correct_top"), SHARES[1])
    assert foot_height(table_lift, BODY, "cable") < STEP_FOOT_CLEARANCE
    assert poses[1].knee_flexion > table_lift.knee_flexion
    note = knee_note("cable", TITLES, poses)
    assert f"Lift: knee drawn bent {poses[1].knee_flexion:.0f}°" in note
    assert f"the pose table's {table_lift.knee_flexion:.0f}°" in note and "Top" not in note


def test_no_note_where_every_knee_is_the_table_s():
    poses = step_poses("machine", BODY, SHARES, WAYS)
    assert all(pose.knee_flexion == preset_pose("machine", "start").knee_flexion for pose in poses)
    assert knee_note("machine", TITLES, poses) == ""


def test_a_pose_that_clears_already_is_left_alone():
    top = preset_pose("cable", "correct_top")
    assert knee_bent_to_clear(top, BODY, "cable") is top


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_trail_runs_from_the_table_pose_to_the_drawn_one(variant):
    start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
    poses = step_poses(variant, BODY, SHARES, WAYS)
    for share, way, drawn in zip(SHARES, WAYS, poses):
        if not way:
            continue
        trail = step_trail(variant, drawn, share, way)
        assert trail[0] == (start if way == "up" else top)
        assert trail[-1].knee_flexion == pytest.approx(drawn.knee_flexion)
        assert trail[-1].hip_extension == pytest.approx(drawn.hip_extension)
        knees = np.array([pose.knee_flexion for pose in trail])
        assert np.all(np.diff(knees) * np.sign(knees[-1] - knees[0] or 1) >= -1e-9)  # no jump back
