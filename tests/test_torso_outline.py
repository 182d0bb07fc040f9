"""The torso's outline: one smooth shape whose back hollows as the lower back arches.

Checked for every variant over the joint-angle explorer's slider ranges (data/explorer_ranges.csv):
the hollow of the back between the sacrum and T12 deepens with `lumbar_extension` while the upper
back keeps its neutral shape (no hump grows above the hollow), the outline never crosses itself,
its back has no sharp corner, nothing of it goes below the floor, and the band that marks the lower
back at fault is the lumbar part of the back itself, inside the outline.
"""

import io
import math

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.path import Path

from kickback.data_files import read_table
from kickback.draw.anatomy import (
    lower_back_region,
    pelvis_outline,
    torso_lines,
    torso_outline,
    trunk_outline,
)
from kickback.draw.body import draw_pose
from kickback.draw.pose_marks import mark_lower_back
from kickback.model.anthropometrics import default_body
from kickback.model.pose import PRESET_NAMES, Pose, preset_pose
from kickback.model.skeleton import SPINE_STEPS, build_skeleton
from kickback.model.variants import VARIANTS

matplotlib.use("Agg")

BODY = default_body()
WIDTH = BODY.geometry["trunk_width"]
SHARPEST_TURN = 40.0  # degrees the outline may turn between chords 1.5 cm long either side of a point
RANGES = {}
for row in read_table("explorer_ranges"):
    RANGES.setdefault(row["variant"], {})[row["field"]] = (float(row["low"]), float(row["high"]))


def explorer_poses(variant):
    """Poses anywhere on the explorer's sliders for `variant`, lumbar_extension left to the test."""
    fields = {name: span for name, span in RANGES[variant].items() if name != "lumbar_extension"}
    return st.fixed_dictionaries(
        {name: st.floats(low, high, allow_nan=False) for name, (low, high) in fields.items()}
    )


def skeleton_for(variant, angles, lumbar):
    return build_skeleton(Pose(**angles, lumbar_extension=lumbar), BODY, variant)


def hollow_depth(skeleton):
    """How deep (m) the back's outline sinks inside the straight line from its sacrum level to T12's."""
    lines = torso_lines(skeleton, BODY)
    back = lines.back[lines.at_spine[1] : lines.at_spine[SPINE_STEPS + 1] + 1]
    chord = (back[-1] - back[0]) / np.hypot(*(back[-1] - back[0]))
    outward = np.array([-chord[1], chord[0]])  # away from the body for a chord running head-ward
    return -float(((back - back[0]) @ outward).min())


def crossings(outline):
    """How many pairs of non-neighbouring edges of the closed `outline` cross each other."""
    a = outline
    b = np.roll(outline, -1, axis=0)

    def side(p, q, r):
        return (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (
            r[..., 0] - p[..., 0]
        )

    a1, b1 = a[:, None], b[:, None]
    a2, b2 = a[None, :], b[None, :]
    crossed = (side(a2, b2, a1) * side(a2, b2, b1) < 0) & (side(a1, b1, a2) * side(a1, b1, b2) < 0)
    n = len(outline)
    index = np.arange(n)
    neighbours = np.abs(index[:, None] - index[None, :]) % (n - 1) <= 1
    return int(np.triu(crossed & ~neighbours, 1).sum())


def sharpest_turn(line, reach=0.015):
    """The largest turn (degrees) between the chords `reach` metres back and ahead of any point of `line`."""
    u = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(line, axis=0).T))])
    even = np.linspace(0.0, u[-1], int(u[-1] / 0.002) + 2)  # every 2 mm, so sparse corners count too
    line = np.column_stack([np.interp(even, u, line[:, 0]), np.interp(even, u, line[:, 1])])
    u = even
    worst = 0.0
    for i in range(len(line)):
        before, after = np.searchsorted(u, u[i] - reach), np.searchsorted(u, u[i] + reach)
        if before >= i or after >= len(line):
            continue
        v1, v2 = line[i] - line[before], line[after] - line[i]
        cosine = v1 @ v2 / (np.hypot(*v1) * np.hypot(*v2))
        worst = max(worst, math.degrees(math.acos(min(1.0, max(-1.0, cosine)))))
    return worst


def silhouette_below_the_neck(skeleton):
    """The outline from the chest down the front, under the pelvis and up the back to the shoulder
    blades (the neck's own patch covers the rest)."""
    lines = torso_lines(skeleton, BODY)
    shoulders = lines.at_spine[-4]
    closed = torso_outline(skeleton, BODY)
    seat = closed[len(lines.back) + 1 + len(lines.front) :]
    return np.vstack([lines.front[shoulders::-1], seat, lines.back[: shoulders + 1]])


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_back_hollows_more_as_the_lower_back_arches(variant):
    low, high = RANGES[variant]["lumbar_extension"]

    @settings(max_examples=20, deadline=None)
    @given(explorer_poses(variant), st.floats(low, high - 2.0), st.floats(2.0, high - low))
    def check(angles, lumbar, more):
        more = min(more, high - lumbar)
        flatter = hollow_depth(skeleton_for(variant, angles, lumbar))
        deeper = hollow_depth(skeleton_for(variant, angles, lumbar + more))
        assert deeper > flatter + 0.0002 * more, (
            f"{lumbar:.1f}° → {lumbar + more:.1f}°: {flatter:.4f} → {deeper:.4f} m"
        )

    check()


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_neutral_back_keeps_a_gentle_curve_and_an_arch_shows(variant):
    neutral = hollow_depth(build_skeleton(preset_pose(variant, "correct_top"), BODY, variant))
    arched = hollow_depth(build_skeleton(preset_pose(variant, "arched_back"), BODY, variant))
    assert 0.02 * WIDTH < neutral < 0.12 * WIDTH, "the neutral back curves gently inward, no deep notch"
    assert arched > 1.8 * neutral, "the arched back is visibly hollower than the neutral one"


THORAX_KEPT = (
    0.004  # m: how far the upper back's outline may move, in the thorax's own frame, as the lower back bends
)


def upper_back_in_thorax_frame(skeleton):
    """The back's outline from a little above T12 (two steps of the thoracic curve, about 4 cm, past
    where it blends into the lower back) up to C7's level, in the thorax's own frame (m): along T12 to
    C7 and across it, from T12."""
    lines = torso_lines(skeleton, BODY)
    t12, c7 = skeleton.spine[1 + SPINE_STEPS], skeleton.spine[-1]
    along = (c7 - t12) / np.hypot(*(c7 - t12))
    across = np.array([-along[1], along[0]])
    points = lines.back[lines.at_spine[3 + SPINE_STEPS] : lines.at_spine[-1] + 1] - t12
    return np.column_stack([points @ along, points @ across])


def farthest_from(line, reference):
    """How far (m) the point of `line` farthest from the polyline's points `reference` lies from them."""
    return float(np.hypot(*(line[:, None, :] - reference[None, :, :]).transpose(2, 0, 1)).min(axis=1).max())


@pytest.mark.parametrize("variant", VARIANTS)
def test_bending_the_lower_back_leaves_the_upper_back_as_it_was(variant):
    """The lumbar spine bends, the thorax does not: the upper back keeps its neutral shape (no hunch
    grows above the hollow), so an arch shows in the lower back's outline alone."""
    low, high = RANGES[variant]["lumbar_extension"]

    @settings(max_examples=15, deadline=None)
    @given(explorer_poses(variant), st.floats(low, high))
    def check(angles, lumbar):
        neutral = upper_back_in_thorax_frame(skeleton_for(variant, angles, 0.0))
        bent = upper_back_in_thorax_frame(skeleton_for(variant, angles, lumbar))
        moved = farthest_from(bent, neutral)
        assert moved < THORAX_KEPT, (
            f"lumbar {lumbar:.1f}°: the upper back's outline moved {moved * 1000:.1f} mm"
        )

    check()


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_trunk_outline_shares_the_torso_back_and_meets_the_neck(variant, preset):
    skeleton = build_skeleton(preset_pose(variant, preset), BODY, variant)
    outline, back = trunk_outline(skeleton, BODY)
    lines = torso_lines(skeleton, BODY)
    assert len(back) == len(skeleton.spine) - 1
    assert np.allclose(back, lines.back[lines.at_spine[1:]])
    whole = torso_outline(skeleton, BODY)
    for point in (outline[len(back) - 1], outline[len(back) + 1]):  # where the neck leaves the trunk
        assert np.min(np.hypot(*(whole - point).T)) < 1e-12


def the_torso_outline_is_one_smooth_shape_above_the_floor(skeleton):
    """No self-crossing, nothing below the floor, no sharp corner, and the pelvis inside the outline."""
    outline = torso_outline(skeleton, BODY)
    assert crossings(outline) == 0, "the torso's outline crosses itself"
    assert outline[:, 1].min() > 0.0, "the torso goes below the floor"
    turn = sharpest_turn(silhouette_below_the_neck(skeleton))
    assert turn < SHARPEST_TURN, f"a corner of {turn:.0f}° in the torso's outline"
    pelvis = Path(torso_outline(skeleton, BODY), closed=True)
    hip_part = pelvis_outline(skeleton, BODY)
    middle = hip_part.mean(axis=0)
    inside = pelvis.contains_points(middle + 0.98 * (hip_part - middle))
    assert inside.mean() > 0.95, "the pelvis lies within the torso's outline"


def the_lower_back_mark_is_the_lumbar_part_of_the_back(skeleton):
    """The band marking the lower back lies inside the torso, reaches its lumbar outline, above the floor."""
    band = lower_back_region(skeleton, BODY)
    torso = Path(torso_outline(skeleton, BODY), closed=True)
    middle = band.mean(axis=0)
    assert torso.contains_points(middle + 0.99 * (band - middle)).all(), "the mark spills off the body"
    lines = torso_lines(skeleton, BODY)
    lumbar_back = lines.back[lines.at_spine[1] : lines.at_spine[SPINE_STEPS + 1] + 1]
    gaps = np.hypot(*(band[:, None, :] - lumbar_back[None, :, :]).T).min(axis=0)
    assert gaps.min() < 0.1 * WIDTH, "the mark reaches the lower back's outline"
    assert band[:, 1].min() > 0.0


EXPLORER_LAWS = [
    the_torso_outline_is_one_smooth_shape_above_the_floor,
    the_lower_back_mark_is_the_lumbar_part_of_the_back,
]
"""What every pose on the explorer's sliders must keep; each a function of the skeleton that asserts."""


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("law", EXPLORER_LAWS, ids=lambda law: law.__name__)
def test_every_pose_on_the_explorer_sliders_keeps(law, variant):
    low, high = RANGES[variant]["lumbar_extension"]

    @settings(max_examples=12, deadline=None)
    @given(explorer_poses(variant), st.floats(low, high))
    def check(angles, lumbar):
        law(skeleton_for(variant, angles, lumbar))

    check()


def test_the_drawing_is_the_same_every_time():
    def render():
        figure = Figure(figsize=(3, 3), dpi=60)
        artists = draw_pose(
            figure.add_subplot(), preset_pose("bodyweight", "arched_back"), BODY, "bodyweight"
        )
        mark_lower_back(artists)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()

    assert render() == render()
