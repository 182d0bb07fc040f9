"""Cue cards: every pointer ends on what its cue is about, and no pointer or badge gets in the way.

Measured on the drawn figure (the pointer lines, badge circles and body outlines it holds), for
all three variants.
"""

import itertools

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.patches import Circle, Polygon
from matplotlib.path import Path

from kickback.content.cues import top_cues
from kickback.draw.cue_card import REAR_TARGET, TARGETS, build_cue_card, cue_target_names
from kickback.draw.cue_card_rear import BAR_ON, REAR_BAR, REAR_LINE, REAR_TITLE
from kickback.draw.style import COLORS
from kickback.model.anthropometrics import Body, default_body
from kickback.model.pose import preset_pose
from kickback.model.skeleton import pose_joints
from kickback.model.variants import VARIANTS

BODY_COLOURS = {mcolors.to_rgba(COLORS[name]) for name in ("body", "body_far", "working_leg")}
NEAR = 0.01  # m: how close a pointer's end must be to the outline of the part it names
HEIGHTS = (None, 1.55, 1.95)  # m: the default body, a short and a tall person


@pytest.fixture(scope="module", params=[(v, h) for v in VARIANTS for h in HEIGHTS], ids=str)
def card(request):
    """The drawn card's pointers and badges (m, each with the axes it is on), body outlines per axes, and
    the named parts (outlines and lines, m).

    Drawn for a short, a middle and a tall person: the layout follows the body, not fixed offsets.
    """
    variant, height = request.param
    body = Body.from_height_mass(height, 70.0) if height else default_body()
    figure = build_cue_card(variant, body).figure
    pointers = {
        int(line.get_gid().rsplit("_", 1)[1]): (np.column_stack(line.get_data()), ax)
        for ax in figure.axes
        for line in ax.get_lines()
        if (line.get_gid() or "").startswith("cue_pointer_")
    }
    badges = {
        int(patch.get_gid().rsplit("_", 1)[1]): (np.array(patch.center), patch.radius, patch.axes)
        for patch in figure.findobj(Circle)
        if (patch.get_gid() or "").startswith("cue_badge_")
    }
    polygons = [
        p for p in figure.findobj(Polygon) if p.get_visible() and (p.get_gid() or "").startswith("part_")
    ]
    parts = {p.get_gid().removeprefix("part_"): Path(p.get_xy(), closed=True) for p in polygons}
    parts |= {
        line.get_gid().removeprefix("part_"): Path(line.get_xydata())
        for ax in figure.axes
        for line in ax.get_lines()
        if (line.get_gid() or "").startswith("part_")
    }
    body_parts = [
        (Path(p.get_xy(), closed=True), p.axes) for p in polygons if tuple(p.get_facecolor()) in BODY_COLOURS
    ]
    return variant, body, pointers, badges, body_parts, parts


def distance_to_outline(path: Path, point: np.ndarray) -> float:
    """Distance (m) from `point` to a closed outline, or to an open line (two or three points)."""
    a = path.vertices
    b = np.roll(a, -1, axis=0) if len(a) > 3 else np.vstack([a[1:], a[-1:]])
    ab = b - a
    t = np.clip(np.einsum("ij,ij->i", point - a, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-18), 0, 1)
    return float(np.min(np.hypot(*(a + t[:, None] * ab - point).T)))


def segments_cross(p1, p2, q1, q2) -> bool:
    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return side(q1, q2, p1) * side(q1, q2, p2) <= 0 and side(p1, p2, q1) * side(p1, p2, q2) <= 0


def test_one_pointer_and_one_badge_per_cue(card):
    variant, _, pointers, badges, _, _ = card
    assert sorted(pointers) == sorted(badges) == list(range(1, len(top_cues(variant)) + 1))


def test_each_pointer_ends_on_the_part_its_cue_names(card):
    variant, _, pointers, _, _, parts = card
    for number, name in enumerate(cue_target_names(variant), start=1):
        end = pointers[number][0][-1]
        drawn = [parts[part] for part in TARGETS[name][1] if part in parts]
        assert drawn, f"{variant} cue {number}: {name!r} is not drawn"
        gap = min(distance_to_outline(path, end) for path in drawn)
        assert gap <= NEAR, f"{variant} cue {number} ends {gap * 100:.1f} cm from the {name}"


def unit(vector):
    vector = np.asarray(vector, dtype=float)
    return vector / np.hypot(*vector)


def toward_back(low, high):
    """Unit vector square to the line low -> high, on the side the back faces (the body faces +x)."""
    along = unit(np.subtract(high, low))
    return np.array([-along[1], along[0]])


def test_each_pointer_ends_at_the_landmark_its_target_names(card):
    """Measured against pose_joints, not the card's own aiming: the lower back at the level of L3, the
    belly in front between the pelvis and the ribs, the back line between T12 and C7, the glute behind
    the hip, the foot at the ankle."""
    variant, body, pointers, _, _, _ = card
    j = {k: np.asarray(v) for k, v in pose_joints(preset_pose(variant, "correct_top"), body, variant).items()}
    spine = unit(j["t12"] - j["sacrum"])
    for number, name in enumerate(cue_target_names(variant), start=1):
        end = pointers[number][0][-1]
        where = f"{variant} cue {number} ({name})"
        if name == "lower_back":
            assert abs(np.dot(end - j["l3"], spine)) <= 0.04, f"{where}: not at the level of L3"
            assert np.dot(end - j["l3"], toward_back(j["sacrum"], j["t12"])) > 0, f"{where}: not on the back"
        elif name == "belly":  # between the top of the pelvis and the lowest ribs, in front
            lumbar = j["t12"] - j["sacrum"]
            share = np.dot(end - j["sacrum"], lumbar) / np.dot(lumbar, lumbar)
            assert 0.0 <= share <= 1.0, f"{where}: not between the pelvis and the ribs ({share:.2f})"
            assert np.dot(end - j["l3"], toward_back(j["sacrum"], j["t12"])) < 0, f"{where}: not in front"
        elif name == "back":
            upper = j["c7"] - j["t12"]
            share = np.dot(end - j["t12"], upper) / np.dot(upper, upper)
            assert 0.2 <= share <= 0.8, f"{where}: not between T12 and C7 ({share:.2f})"
            assert np.dot(end - j["t12"], toward_back(j["t12"], j["c7"])) > 0, f"{where}: not on the back"
        elif name == "glute":
            assert np.hypot(*(end - j["hip"])) <= 0.16 * body.height / 1.75, f"{where}: far from the hip"
            assert np.dot(end - j["hip"], toward_back(j["hip"], j["sacrum"])) > 0, f"{where}: not behind"
        elif name == "ankle":
            assert np.hypot(*(end - j["ankle"])) <= 0.15, f"{where}: far from the ankle"


def test_the_hips_level_cue_points_into_a_view_from_behind(card):
    variant, _, pointers, _, _, parts = card
    names = cue_target_names(variant)
    if REAR_TARGET not in names:
        assert len({id(ax) for _, ax in pointers.values()}) == 1, f"{variant}: pointers on two pictures"
        return
    line, ax = pointers[names.index(REAR_TARGET) + 1]
    assert ax.get_title() == REAR_TITLE
    level = parts[REAR_LINE].vertices
    assert np.ptp(level[:, 1]) < 1e-9, "the level line in the correct pose is level"
    others = [a for n, (_, a) in pointers.items() if n != names.index(REAR_TARGET) + 1]
    assert all(a is not ax for a in others), "only the hips-level cue points into the view from behind"


def test_pointer_ends_are_distinct(card):
    _, _, pointers, _, _, _ = card
    for (a, ax_a), (b, ax_b) in itertools.combinations(pointers.values(), 2):
        assert ax_a is not ax_b or np.hypot(*(a[-1] - b[-1])) > 0.03


def test_no_two_pointers_cross(card):
    variant, _, pointers, _, _, _ = card
    for (i, (a, ax_a)), (j, (b, ax_b)) in itertools.combinations(pointers.items(), 2):
        if ax_a is ax_b:
            assert not segments_cross(a[0], a[-1], b[0], b[-1]), f"{variant}: pointers {i} and {j} cross"


def test_no_pointer_crosses_the_body(card):
    """No pointer crosses a part of the body, except that the hips pointer in the view from behind
    crosses the pelvis and trunk the pelvis bar is drawn on, to reach the bar."""
    variant, _, pointers, _, body, parts = card
    under_bar = [parts[f"rear_{name}"].vertices for name in BAR_ON if f"rear_{name}" in parts]
    for number, (line, ax) in pointers.items():
        start, end = line[0], line[-1]
        short = Path(np.array([start, end - (end - start) / np.hypot(*(end - start)) * 0.005]))
        crossed = [
            path
            for path, on in body
            if on is ax and not any(np.array_equal(path.vertices, v) for v in under_bar)
        ]
        assert not any(path.intersects_path(short, filled=True) for path in crossed), (
            f"{variant}: pointer {number} crosses the body"
        )


def test_badges_are_clear_of_the_body_and_each_other(card):
    variant, _, _, badges, body, _ = card
    angles = np.linspace(0, 2 * np.pi, 49)
    for number, (centre, radius, ax) in badges.items():
        disc = Path(centre + radius * np.column_stack([np.cos(angles), np.sin(angles)]), closed=True)
        assert not any(path.intersects_path(disc, filled=True) for path, on in body if on is ax), (
            f"{variant}: badge {number} is on the body"
        )
    for (i, (a, ra, ax_a)), (j, (b, rb, ax_b)) in itertools.combinations(badges.items(), 2):
        assert ax_a is not ax_b or np.hypot(*(a - b)) > ra + rb, f"{variant}: badges {i} and {j} overlap"


def test_every_card_has_one_layout_the_cues_in_a_column_right_of_the_picture():
    """The same place for the picture and the cues on every card: cues beside it, never below."""
    lefts, rights, cue_columns = set(), set(), set()
    for variant in VARIANTS:
        figure = build_cue_card(variant).figure
        picture = figure.axes[0].get_position(original=True)
        lefts.add(round(picture.x0, 6))
        rights.add(round(picture.x1, 6))
        cues = [t for t in figure.texts if t.get_position()[0] > picture.x1 and t.get_text() != ""]
        assert len(cues) == 6, f"{variant}: three numbers and three cues right of the picture"
        cue_columns.add(tuple(sorted({round(t.get_position()[0], 6) for t in cues})))
        for ax in figure.axes[1:]:
            assert ax.get_position().x1 <= picture.x1 + 1e-9, f"{variant}: a second picture in the cue column"
    assert len(lefts) == len(rights) == len(cue_columns) == 1


def test_cue_targets_are_named_parts():
    for variant in VARIANTS:
        assert len(cue_target_names(variant)) == 3
        assert set(cue_target_names(variant)) <= set(TARGETS)


def test_a_squeeze_cue_points_at_the_glute_not_the_foot():
    for variant in VARIANTS:
        for cue, name in zip(top_cues(variant), cue_target_names(variant)):
            if "squeeze" in cue.text.lower() or "swing" in cue.text.lower():
                assert name != "ankle", f"{variant}: {cue.text!r} points at the foot"
            if "squeeze" in cue.text.lower():
                assert name == "glute"


def test_the_view_from_behind_holds_the_head_and_the_mat_and_points_at_the_pelvis_bar(card):
    """Nothing the view draws is cut at its frame, and the hips pointer ends on the bar across the pelvis
    (between the two dimples), not out at the end of the dotted level line."""
    variant, body, pointers, _, _, parts = card
    names = cue_target_names(variant)
    if REAR_TARGET not in names:
        return
    line, ax = pointers[names.index(REAR_TARGET) + 1]
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    margin = 0.01 * body.height
    for patch in ax.patches:
        if (patch.get_gid() or "").startswith("part_rear_") or patch.get_gid() is None:
            corners = patch.get_path().transformed(patch.get_patch_transform()).vertices
            assert corners[:, 0].min() >= x0 + margin and corners[:, 0].max() <= x1 - margin, variant
            assert corners[:, 1].min() >= y0 + margin and corners[:, 1].max() <= y1 - margin, variant
    assert "rear_head" in parts
    bar = parts[REAR_BAR].vertices
    assert np.ptp(bar[:, 0]) < np.ptp(parts[REAR_LINE].vertices[:, 0]), (
        "the bar is shorter than the level line"
    )
    gap = distance_to_outline(Path(bar), line[-1])
    assert gap <= NEAR, f"{variant}: the hips pointer ends {gap * 100:.1f} cm from the pelvis bar"


def test_every_numbered_badge_is_the_same_disc_and_pointer():
    """The cue card's badge and the one other modules draw (pose_marks.number_badge) are one drawing:
    the same disc (radius, colours, ring), number and pointer on the same axes."""
    from kickback.draw.cue_badge import badge_radius, draw_badge
    from kickback.draw.pose_marks import number_badge
    from kickback.draw.style import new_figure

    drawn = []
    for draw in (
        lambda ax: draw_badge(ax, 4, np.array([0.0, 0.0]), np.array([0.3, 0.3]), badge_radius(ax)),
        lambda ax: number_badge(ax, 4, (0.3, 0.3), (0.0, 0.0)),
    ):
        figure = new_figure(4, 4)
        ax = figure.add_axes((0, 0, 1, 1))
        ax.set_xlim(-0.5, 0.5)
        ax.set_ylim(-0.5, 0.5)
        ax.set_aspect("equal")
        draw(ax)
        (disc,) = [p for p in ax.patches if isinstance(p, Circle)]
        (number,) = ax.texts
        lines = [(np.column_stack(line.get_data()), line.get_linewidth()) for line in ax.get_lines()]
        looks = (disc.get_facecolor(), disc.get_edgecolor(), disc.get_linewidth())
        looks += (number.get_fontsize(), number.get_fontweight(), number.get_text(), number.get_color())
        drawn.append((np.array([*disc.center, disc.radius]), looks, lines))
    (a, b) = drawn
    np.testing.assert_allclose(a[0], b[0])
    assert a[1] == b[1]
    for (xy_a, w_a), (xy_b, w_b) in zip(a[2], b[2], strict=True):
        np.testing.assert_allclose(xy_a, xy_b)
        assert w_a == w_b
