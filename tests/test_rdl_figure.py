"""The single-leg Romanian deadlift: its hinge model (kickback.model.hinge), its figure, and its lesson."""

import json
import math
import re

import matplotlib.colors as mcolors
import numpy as np
import pytest
from conftest import REPO_ROOT
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.path import Path
from test_figure_layout import body_patches, layout_problems, texts_of

from kickback.draw.rdl_body import MOVING_LEG, STANDING_WORDS, dumbbell_outlines, rdl_shapes
from kickback.draw.rdl_figure import FIGURE_NAME, RDL_CUES, build_rdl_figure
from kickback.draw.style import COLORS, MIN_TEXT_PX_AT_900
from kickback.model.anthropometrics import Body, default_body
from kickback.model.hinge import RDL_BOTTOM_LEAN, RDL_KNEE_FLEXION, balance_point, hinge_skeleton

BODY = default_body()
LESSON = REPO_ROOT / "notebooks" / "08_tempo_and_progression.ipynb"

leans = st.floats(min_value=0.0, max_value=90.0)
knees = st.floats(min_value=10.0, max_value=25.0)


def point(skeleton, name):
    return np.array(skeleton.joints[name])


def angle_between(a, b):
    """Angle (degrees) between two vectors."""
    cos = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def knee_bend(skeleton):
    """The standing knee's bend (degrees) measured from the drawn joints: 0 is a straight leg."""
    hip, knee, ankle = (point(skeleton, name) for name in ("hip", "knee", "ankle"))
    return angle_between(knee - hip, ankle - knee)


# --- the pose ---------------------------------------------------------------------------------


def test_the_bottom_has_the_trunk_near_level_and_the_free_leg_in_line_with_it():
    bottom = hinge_skeleton(BODY, RDL_BOTTOM_LEAN)
    trunk = point(bottom, "c7") - point(bottom, "hip")
    assert abs(math.degrees(math.atan2(trunk[1], trunk[0]))) < 15.0  # within 15° of level
    free_leg = point(bottom, "free_ankle") - point(bottom, "hip")
    assert angle_between(free_leg, -trunk) < 6.0  # head, hip and free ankle on one line
    assert angle_between(point(bottom, "free_ankle") - point(bottom, "free_knee"), free_leg) < 1.0


def test_standing_upright_the_trunk_is_vertical_and_the_free_foot_hangs_below_the_hip():
    start = hinge_skeleton(BODY, 0.0)
    trunk = point(start, "c7") - point(start, "hip")
    assert angle_between(trunk, np.array([0.0, 1.0])) < 3.0
    assert point(start, "free_ankle")[1] < point(start, "free_knee")[1] < point(start, "hip")[1]


@given(lean=leans, knee=knees)
def test_the_standing_knee_keeps_its_bend_at_every_lean(lean, knee):
    skeleton = hinge_skeleton(BODY, lean, knee_flexion=knee)
    assert knee_bend(skeleton) == pytest.approx(knee, abs=1e-6)


def test_the_knee_bend_is_the_same_standing_and_at_the_bottom():
    start, bottom = hinge_skeleton(BODY, 0.0), hinge_skeleton(BODY, RDL_BOTTOM_LEAN)
    assert knee_bend(start) == pytest.approx(knee_bend(bottom), abs=1e-6)
    assert knee_bend(start) == pytest.approx(RDL_KNEE_FLEXION, abs=1e-6)


@given(lean=leans, knee=knees)
def test_the_standing_foot_stays_planted(lean, knee):
    start = hinge_skeleton(BODY, 0.0)
    moved = hinge_skeleton(BODY, lean, knee_flexion=knee)
    for name in ("ankle", "heel", "toe"):
        assert np.allclose(point(moved, name), point(start, name))
    assert point(moved, "heel")[1] == pytest.approx(0.0, abs=1e-9)
    assert point(moved, "toe")[1] == pytest.approx(0.0, abs=1e-9)


@given(lean=leans, height=st.floats(min_value=1.5, max_value=2.0))
def test_nothing_is_below_the_floor(lean, height):
    body = Body.from_height_mass(height, 70.0)
    skeleton = hinge_skeleton(body, lean)
    outlines = [*rdl_shapes(skeleton, body).values(), *dumbbell_outlines(skeleton.joints["grip"])]
    assert min(y for _, y in skeleton.joints.values()) >= -1e-9
    assert min(outline[:, 1].min() for outline in outlines) >= -1e-6


@given(lean=leans)
def test_the_body_balances_over_the_middle_of_the_standing_foot(lean):
    skeleton = hinge_skeleton(BODY, lean)
    assert skeleton.extras["com_x"] == pytest.approx(balance_point(BODY), abs=1e-4)
    assert point(skeleton, "heel")[0] < balance_point(BODY) < point(skeleton, "toe")[0]


def test_the_hips_go_back_not_down_as_the_trunk_tips():
    hips = np.array([hinge_skeleton(BODY, lean).joints["hip"] for lean in np.linspace(0, RDL_BOTTOM_LEAN, 9)])
    assert np.all(np.diff(hips[:, 0]) < 0)  # further back at every step
    assert hips[-1, 0] < point(hinge_skeleton(BODY, RDL_BOTTOM_LEAN), "ankle")[0]  # behind the foot's ankle
    assert np.ptp(hips[:, 1]) < 0.05  # the hip's height barely changes: a hinge, not a squat


def test_a_heavier_dumbbell_sends_the_hips_further_back():
    light = hinge_skeleton(BODY, RDL_BOTTOM_LEAN, dumbbell_kg=0.0)
    heavy = hinge_skeleton(BODY, RDL_BOTTOM_LEAN, dumbbell_kg=20.0)
    assert point(heavy, "hip")[0] < point(light, "hip")[0]


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"trunk_lean": 95.0}, "trunk_lean"),
        ({"trunk_lean": float("nan")}, "trunk_lean"),
        ({"trunk_lean": 40.0, "knee_flexion": 60.0}, "knee_flexion"),
        ({"trunk_lean": 40.0, "dumbbell_kg": -1.0}, "mass_kg"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_range(kwargs, field):
    with pytest.raises(ValueError, match=rf"{field}.*(range|finite)"):
        hinge_skeleton(BODY, **kwargs)


# --- the figure -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def figure():
    return build_rdl_figure()


def test_the_figure_is_laid_out_cleanly(figure):
    problems, smallest = layout_problems(figure.figure)
    assert not problems
    assert smallest >= MIN_TEXT_PX_AT_900


def test_no_numbered_badge_sits_on_the_body(figure):
    """The badges' round backgrounds, not only their digits, stay off the body."""
    figure.figure.canvas.draw()
    renderer = figure.figure.canvas.get_renderer()
    badges = [t for ax in figure.figure.axes for t in ax.texts if t.get_text().isdigit()]
    assert len(badges) == len(RDL_CUES)
    for badge in badges:
        box = badge.get_bbox_patch().get_window_extent(renderer)
        for patch in body_patches(figure.figure):
            if patch.axes is badge.axes:
                assert (
                    not patch.get_path().transformed(patch.get_transform()).intersects_bbox(box, filled=True)
                )


def drawn_parts(ax):
    """The panel's named drawn parts (gid "rdl:<name>"): name -> (outline in m, face colour)."""
    return {
        p.get_gid().removeprefix("rdl:"): (np.asarray(p.get_xy()), mcolors.to_hex(p.get_facecolor()))
        for p in ax.patches
        if (p.get_gid() or "").startswith("rdl:")
    }


def test_blue_is_the_leg_that_moves_and_the_standing_leg_is_grey(figure):
    """Blue means the moving leg in every kickback figure: here the free leg, which swings up behind,
    while the standing leg stays planted, grey and named in words."""
    start, bottom = (drawn_parts(ax) for ax in figure.figure.axes[:2])
    blue = mcolors.to_hex(COLORS["working_leg"])
    for parts in (start, bottom):
        assert {name for name, (_, colour) in parts.items() if colour == blue} == set(MOVING_LEG)
    moved = {name: np.hypot(*(start[name][0].mean(axis=0) - bottom[name][0].mean(axis=0))) for name in start}
    assert min(moved[name] for name in MOVING_LEG) > 0.2  # m: every blue part travels
    assert moved["foot"] < 0.01  # the grey standing foot stays planted
    assert min(moved[name] for name in MOVING_LEG) > 2 * max(moved[n] for n in ("foot", "shank", "thigh"))
    texts = " ".join(t.get_text().replace("\n", " ") for t in texts_of(figure.figure))
    assert STANDING_WORDS.replace("\n", " ") in texts


def test_the_dumbbell_hangs_from_the_hand_clear_of_the_thighs(figure):
    for ax in figure.figure.axes[:2]:
        parts = drawn_parts(ax)
        dumbbell = Path(parts["dumbbell"][0], closed=True)
        assert Path(parts["hand"][0], closed=True).intersects_path(dumbbell, filled=True)
        for thigh in ("thigh", "free_thigh"):
            assert not Path(parts[thigh][0], closed=True).intersects_path(dumbbell, filled=True), thigh
        assert parts["dumbbell"][0][:, 1].mean() < parts["hand"][0][:, 1].mean()  # it hangs below the hand


def test_the_far_arm_and_its_dumbbell_are_drawn_behind_the_trunk_and_the_standing_leg(figure):
    """The arm holding the dumbbell is the far one (grey, nearest you, is the standing leg): the trunk,
    pelvis and standing leg hide whatever of it lies within their outlines."""
    for ax in figure.figure.axes[:2]:
        z = {p.get_gid().removeprefix("rdl:"): p.get_zorder() for p in ax.patches if p.get_gid()}
        far = max(z[name] for name in ("upper_arm", "forearm", "hand", "dumbbell"))
        assert far < min(z[name] for name in ("head", "trunk", "pelvis", "thigh", "shank", "foot"))
        assert far > max(z[name] for name in MOVING_LEG)  # but nearer than the free leg behind it


def test_the_standing_leg_words_lie_on_no_body_part(figure):
    """ "standing leg: the glute works here" sits in free room, its leader pointing at the glute."""
    figure.figure.canvas.draw()
    renderer = figure.figure.canvas.get_renderer()
    ax = figure.figure.axes[0]
    label = next(t for t in ax.texts if t.get_text() == STANDING_WORDS)
    box = label.get_window_extent(renderer)
    for patch in body_patches(figure.figure):
        if patch.axes is ax:
            outline = patch.get_path().transformed(patch.get_transform())
            assert not outline.intersects_bbox(box, filled=True), patch.get_gid()


def test_the_figure_numbers_each_cue_and_lists_it(figure):
    texts = [text.get_text() for text in texts_of(figure.figure)]
    badges = [text for text in texts if text.strip().isdigit()]
    assert sorted(badges) == sorted([str(n) for n in range(1, len(RDL_CUES) + 1)] * 2)  # on the body and key
    key = " ".join(texts).replace("\n", " ")
    for cue, _, _ in RDL_CUES:
        assert cue in key


def test_the_alt_text_states_what_the_drawing_shows(figure):
    start, bottom = hinge_skeleton(BODY, 0.0), hinge_skeleton(BODY, RDL_BOTTOM_LEAN)
    alt = figure.alt_text
    assert figure.name == FIGURE_NAME
    assert f"hip flexed {bottom.extras['hip_flexion']:.0f} degrees" in alt
    assert f"knee still bent {bottom.extras['knee_flexion']:.0f} degrees" in alt
    assert f"knee bent {start.extras['knee_flexion']:.0f} degrees" in alt
    assert f"{90 - RDL_BOTTOM_LEAN:.0f} degrees above level" in alt
    assert "coaching choice" in alt and "°" not in alt
    assert not re.search(r"[+−-]\d", alt)  # words, not signed numbers
    for number, (cue, _, _) in enumerate(RDL_CUES, start=1):
        assert f"{number}. {cue}" in alt


# --- the lesson -------------------------------------------------------------------------------


def lesson_cells():
    return json.loads(LESSON.read_text(encoding="utf-8"))["cells"]


def test_the_lesson_shows_the_figure_after_the_set_up_and_execution():
    cells = lesson_cells()
    sources = ["".join(cell["source"]) for cell in cells]
    heading = next(i for i, s in enumerate(sources) if s.startswith("## The single-leg Romanian deadlift"))
    shown = next(i for i, s in enumerate(sources) if f'kb.show_figure("{FIGURE_NAME}")' in s)
    assert heading < shown
    before = "\n".join(sources[heading:shown])
    assert "**Set-up**" in before and "**Execution**" in before
    assert (
        cells[shown]["cell_type"] == "code" and sources[shown].strip() == f'kb.show_figure("{FIGURE_NAME}")'
    )


def test_the_figure_cues_are_the_lessons_cues_in_the_same_order():
    text = "\n".join("".join(cell["source"]) for cell in lesson_cells() if cell["cell_type"] == "markdown")
    section = text[text.index("**Cues**") :]
    numbered = re.findall(r"^(\d)\. \*(.+?)\*", section, flags=re.MULTILINE)[: len(RDL_CUES)]
    assert [(str(n), cue) for n, (cue, _, _) in enumerate(RDL_CUES, start=1)] == [
        (n, c.rstrip(".")) for n, c in numbered
    ]


def test_the_lesson_quotes_the_pictures_angles_as_the_model_draws_them():
    text = "\n".join("".join(cell["source"]) for cell in lesson_cells())
    assert f"The {RDL_KNEE_FLEXION:.0f}° knee" in text
    assert f"the trunk {90 - RDL_BOTTOM_LEAN:.0f}° above level" in text
    assert "15–20°" in text and 15 <= RDL_KNEE_FLEXION <= 20


def test_the_badges_stand_apart_and_no_leader_crosses_a_thigh(figure):
    """Each badge reads as its own: the badges and the points they name are apart at 900 px wide, and
    no badge's leader runs across the standing thigh or the free thigh to reach its point."""
    fig = figure.figure
    scale = 900 / (fig.get_size_inches()[0] * fig.dpi)  # display pixels at a 900 px wide figure
    ax = fig.axes[1]
    badges = [t for t in ax.texts if t.get_text().isdigit()]
    assert len(badges) == len(RDL_CUES)
    centres = [ax.transData.transform(t.get_position()) * scale for t in badges]
    ends = [ax.transData.transform(t.leader.get_xydata()[-1]) * scale for t in badges]
    for i in range(len(badges)):
        for k in range(i + 1, len(badges)):
            assert np.hypot(*(centres[i] - centres[k])) >= 40, f"badges {i + 1} and {k + 1} crowd"
            assert np.hypot(*(ends[i] - ends[k])) >= 34, f"badges {i + 1} and {k + 1} name one spot"
    thighs = {
        name: Path(outline)
        for name, (outline, _) in drawn_parts(ax).items()
        if name in ("thigh", "free_thigh")
    }
    for badge in badges:
        leader = badge.leader.get_xydata()
        start, end = leader[0], leader[-1]
        short = Path(np.array([start, end - (end - start) * 0.06]))
        for name, outline in thighs.items():
            assert not outline.intersects_path(short, filled=True), (
                f"badge {badge.get_text()} crosses the {name}"
            )
