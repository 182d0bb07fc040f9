"""The step figures' drawn poses: the pose table's, the working knee bent more only to clear the floor."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.draw.body import draw_pose
from kickback.draw.form_diagrams import STEP_PHASES, build_steps_figure
from kickback.draw.pose_marks import GHOST_WASH_ID, TRAIL_ARROW_ID, blend
from kickback.draw.step_poses import (
    KNEE_STEP,
    STEP_FOOT_CLEARANCE,
    STEP_KEY,
    TRAIL_FLOOR_GAP,
    TRAIL_GAP,
    TRAIL_LEAST,
    _clear_of_leg,
    draw_step_motion,
    foot_height,
    knee_bent_to_clear,
    knee_key,
    knee_note,
    motion_path,
    step_poses,
    step_trail,
)
from kickback.model.anthropometrics import default_body
from kickback.model.pose import preset_pose
from kickback.model.skeleton import build_skeleton
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
    assert f"In Lift the knee is drawn bent {poses[1].knee_flexion:.0f}°" in note
    assert f"more than the {table_lift.knee_flexion:.0f}° it keeps" in note and "Top" not in note
    assert "pose table" not in note  # the learner's words, not the code's


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


MOVING = [(variant, i) for variant in VARIANTS for i, way in enumerate(WAYS) if way]


def _ankle(pose, variant):
    return np.asarray(build_skeleton(pose, BODY, variant).joints["ankle"], dtype=float)


@pytest.mark.parametrize("variant, index", MOVING)
def test_the_trail_starts_at_the_previous_step_s_foot_and_ends_clear_of_the_drawn_one(variant, index):
    poses = step_poses(variant, BODY, SHARES, WAYS)
    drawn, before = poses[index], poses[index - 1]  # the step before: set-up for the lift, top for lower
    path = motion_path(variant, BODY, drawn, SHARES[index], WAYS[index])
    foot = BODY.length("foot")
    assert np.hypot(*(path[0] - _ankle(before, variant))) < foot  # starts at (or beside) the earlier foot
    assert np.hypot(*(path[-1] - _ankle(drawn, variant))) < 2 * foot  # ends near the drawn foot ...
    assert np.all(_clear_of_leg(path[-1:], drawn, BODY, variant, TRAIL_GAP - 1e-9))  # ... but clear of it
    assert path[:, 1].min() >= TRAIL_FLOOR_GAP - 1e-9  # never along the floor


@pytest.mark.parametrize("variant, index", MOVING)
def test_the_trail_is_long_enough_to_read(variant, index):
    poses = step_poses(variant, BODY, SHARES, WAYS)
    path = motion_path(variant, BODY, poses[index], SHARES[index], WAYS[index])
    assert float(np.hypot(*np.diff(path, axis=0).T).sum()) >= TRAIL_LEAST - 1e-9


def _foot_gap(point, pose, variant):
    """How far (m) `point` lies from the nearest of the pose's ankle, heel and toe."""
    joints = build_skeleton(pose, BODY, variant).joints
    return min(
        float(np.hypot(*(np.asarray(joints[name], dtype=float) - point))) for name in ("ankle", "heel", "toe")
    )


def _gap_of(name, pose, other, variant):
    """How far (m) the joint `name` lies in `pose` from where it lies in `other`."""
    a, b = (np.asarray(build_skeleton(p, BODY, variant).joints[name], dtype=float) for p in (pose, other))
    return float(np.hypot(*(a - b)))


@pytest.mark.parametrize("variant, index", MOVING)
def test_the_arrow_leaves_the_earlier_foot_and_ends_at_the_drawn_one(variant, index):
    """Where the two feet lie apart, the trail starts at the ghost's foot and its arrowhead stops nearer
    the drawn foot than the ghost's (the key says the arrow is the way the foot travels)."""
    poses = step_poses(variant, BODY, SHARES, WAYS)
    drawn, before = poses[index], poses[index - 1]
    apart = [_gap_of(name, drawn, before, variant) for name in ("ankle", "toe")]
    if max(apart) < BODY.length("foot"):
        pytest.skip("the two feet overlap: the trail is a motion line beside them")
    path = motion_path(variant, BODY, drawn, SHARES[index], WAYS[index])
    assert _foot_gap(path[0], before, variant) < _foot_gap(path[0], drawn, variant)
    assert _foot_gap(path[-1], drawn, variant) < _foot_gap(path[-1], before, variant)


@pytest.mark.parametrize("variant, index", MOVING)
def test_the_arrow_points_the_way_the_foot_travels(variant, index):
    poses = step_poses(variant, BODY, SHARES, WAYS)
    figure, ax = plt.subplots()
    shown = draw_pose(ax, poses[index], BODY, variant, angles=False, caption=False)
    draw_step_motion(ax, variant, BODY, shown, SHARES[index], WAYS[index])
    (arrow,) = [p for p in ax.patches if p.get_gid() == TRAIL_ARROW_ID]
    tail, head = (np.asarray(point) for point in arrow._posA_posB)
    travel = _ankle(poses[index], variant) - _ankle(poses[index - 1], variant)
    assert float(np.dot(head - tail, travel)) > 0  # along the foot's way, not back
    rise = (head - tail)[1]
    assert rise > 0 if WAYS[index] == "up" else rise < 0  # "up" rises, "down" falls
    plt.close(figure)


@pytest.mark.parametrize("variant, index", MOVING)
def test_the_ghost_shows_the_leg_where_the_step_before_drew_it(variant, index):
    poses = step_poses(variant, BODY, SHARES, WAYS)
    figure, ax = plt.subplots()
    shown = draw_pose(ax, poses[index], BODY, variant, angles=False, caption=False)
    before = len(ax.patches)
    draw_step_motion(ax, variant, BODY, shown, SHARES[index], WAYS[index])
    added = [p for p in ax.patches[before:] if p.get_gid() != TRAIL_ARROW_ID]
    ghosts = [p for p in added if p.get_gid() != GHOST_WASH_ID]
    washes = [p for p in added if p.get_gid() == GHOST_WASH_ID]
    assert ghosts and all(p.get_facecolor()[3] == 0 for p in ghosts)  # dashed outlines, no fill
    assert len(washes) == len(ghosts) and all(0 < p.get_facecolor()[3] <= 0.3 for p in washes)  # faint
    assert all(w.get_zorder() < g.get_zorder() for w, g in zip(washes, ghosts))  # the dashes on top
    earlier_foot = _ankle(poses[index - 1], variant)
    nearest = min(np.hypot(*(p.get_xy() - earlier_foot).T).min() for p in ghosts)
    assert nearest < BODY.length("foot")  # the ghost's foot is where the earlier step's foot was
    plt.close(figure)


def test_clear_of_leg_says_no_inside_the_foot_and_yes_far_away():
    pose = preset_pose("cable", "correct_top")
    inside = _ankle(pose, "cable")[None, :]
    far = inside + np.array([[-1.0, 1.0]])
    assert not _clear_of_leg(inside, pose, BODY, "cable", TRAIL_GAP)[0]
    assert _clear_of_leg(far, pose, BODY, "cable", TRAIL_GAP)[0]


def test_the_knee_key_names_each_bent_step_in_a_learner_s_words_and_is_empty_where_none_is_bent():
    poses = step_poses("cable", BODY, SHARES, WAYS)
    key = knee_key("cable", TITLES, poses)
    bent = [t for t, p in zip(TITLES, poses) if p.knee_flexion != 10.0]
    assert bent  # the cable's moving steps are bent to clear the floor
    assert key.startswith(f"In {' and '.join(bent)} the knee bends") and "foot clears the floor" in key
    assert "Top" not in key and "table" not in key and "drawn" not in key
    assert knee_key("machine", TITLES, step_poses("machine", BODY, SHARES, WAYS)) == ""


@pytest.mark.parametrize("variant", ["cable", "machine"])
def test_the_steps_figure_keys_its_marks_and_any_drawn_knee_in_words(variant):
    figure = build_steps_figure(variant).figure
    words = " ".join(text.get_text() for text in figure.texts)
    assert STEP_KEY in words
    knee = knee_key(variant, TITLES, step_poses(variant, BODY, SHARES, WAYS))
    assert (knee in words) if knee else ("knee bends" not in words)
    plt.close(figure)


@settings(max_examples=30)
@given(
    variant=st.sampled_from(VARIANTS),
    way=st.sampled_from(["up", "down"]),
    share=st.floats(min_value=0.2, max_value=0.85),
)
def test_any_moving_step_s_trail_reads_from_the_earlier_foot_to_just_short_of_the_drawn_one(
    variant, way, share
):
    """For any share a lift or lower may be drawn at: a readable trail, clear of the leg and floor,
    from near where the foot was to near where it is, its last stretch pointing the way the foot goes."""
    drawn = step_poses(variant, BODY, [share], [way])[0]
    earlier = preset_pose(variant, "start" if way == "up" else "correct_top")
    path = motion_path(variant, BODY, drawn, share, way)
    foot = BODY.length("foot")
    assert float(np.hypot(*np.diff(path, axis=0).T).sum()) >= TRAIL_LEAST - 1e-9
    assert _clear_of_leg(path[-1:], drawn, BODY, variant, TRAIL_GAP - 1e-9)[0]
    assert path[:, 1].min() >= TRAIL_FLOOR_GAP - 1e-9
    assert np.hypot(*(path[0] - _ankle(earlier, variant))) < 1.5 * foot
    assert np.hypot(*(path[-1] - _ankle(drawn, variant))) < 2 * foot
    travel = _ankle(drawn, variant) - _ankle(earlier, variant)
    assert float(np.dot(path[-1] - path[-2], travel)) > 0


def _signed_area(ring):
    x, y = np.asarray(ring, dtype=float).T
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_ghost_leg_hides_its_joins_as_the_drawn_leg_does(variant):
    """The ghost's lower leg is clipped out where its thigh lies, and its foot where its lower leg lies
    (a hole: a ring turning against the frame, as the renderer's nonzero fill rule needs), so the ghost
    reads as one leg, as in the step before, not as overlapping dashed boxes."""
    from kickback.draw.pose_marks import draw_ghost

    figure, ax = plt.subplots()
    ghost = draw_ghost(ax, preset_pose(variant, "correct_top"), BODY, variant)
    for under, over in (("shank", "thigh"), ("foot", "shank")):
        clip = ghost.polygons[under].get_clip_path()
        assert clip is not None
        path = clip.get_fully_transformed_path().transformed(ax.transData.inverted())
        rings = list(path.to_polygons(closed_only=False))
        frame, holes = rings[0], rings[1:]
        cover = np.asarray(ghost.polygons[over].get_xy(), dtype=float)
        assert _signed_area(frame) > 0
        assert any(
            np.allclose(np.sort(hole[: len(cover)], axis=0), np.sort(cover, axis=0), atol=1e-6)
            and _signed_area(hole) < 0
            for hole in holes
        )
    assert ghost.polygons["thigh"].get_clip_path() is None  # nothing is drawn over the thigh
    plt.close(figure)
