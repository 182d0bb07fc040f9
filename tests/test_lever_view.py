"""The levers picture (lesson 07's compare_levers): a readable close-up of the hip and thigh, each muscle
named with a leader line, colours that mean what they mean in the rest of the course, and words for a
bar below zero."""

import matplotlib.colors as mcolors
import pytest
from matplotlib.path import Path

from kickback.data_files import read_table
from kickback.draw.lever_view import (
    LEVER_WORDS,
    NEGATIVE_WORDS,
    draw_lever_figure,
    lever_title,
    update_lever_figure,
)
from kickback.draw.style import COLORS
from kickback.model.anthropometrics import default_body
from kickback.model.lever_torque import max_isometric_force, rank_lever_torques
from kickback.model.muscles import LEVER_PARTS, force_capacity, muscle_moment_arm, rank_levers
from kickback.model.pose import start_pose

BODY = default_body()
ANGLES = (-90, -80, -40, 0, 10, 20)  # degrees of hip extension: the widget's slider runs -90..20
DISPLAY_PX = 860  # the widget shows the picture this wide


def drawn(angle):
    pose = start_pose("bodyweight").replace(hip_extension=float(angle))
    artists = draw_lever_figure(pose, BODY, "bodyweight")
    update_lever_figure(artists, pose, BODY, rank_levers(hip_extension=angle, knee_flexion=pose.knee_flexion))
    artists.figure.canvas.draw()
    return artists


@pytest.fixture(scope="module", params=ANGLES)
def levers(request):
    return drawn(request.param)


def test_each_muscle_is_named_with_its_role_and_a_leader_ending_on_its_shape(levers):
    to_data = levers.pose_artists.ax.transData.inverted()
    for muscle_id, shape in levers.shapes.items():
        words = levers.callouts[muscle_id].get_text().replace("\n", " ")
        role = levers.muscles[muscle_id].role.replace("_", " ")
        assert role in words, muscle_id
        x, y = levers.leaders[muscle_id].get_xydata()[-1]
        end = to_data.transform(levers.figure.transFigure.transform((x, y)))
        outline = Path(shape.get_xy(), closed=True)
        assert outline.contains_point(tuple(end), radius=0.006), f"{muscle_id}: leader ends off its shape"


def test_no_two_callouts_overlap_and_none_lies_on_the_body(levers):
    renderer = levers.figure.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in levers.callouts.values()]
    ax = levers.pose_artists.ax
    drawn = [*levers.pose_artists.polygons.values(), *levers.shapes.values()]
    outlines = [p.get_path().transformed(p.get_transform()) for p in drawn if p.get_visible()]
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1 :])
        on_view = box.overlaps(ax.get_window_extent(renderer))
        assert not (on_view and any(o.intersects_bbox(box, filled=True) for o in outlines))


def test_the_muscles_are_big_enough_to_read(levers):
    """The gluteus maximus, the largest, is at least 50 px across at the widget's width (it was 20)."""
    scale = DISPLAY_PX / (levers.figure.get_figwidth() * levers.figure.dpi)
    box = levers.shapes["glmax"].get_window_extent()
    assert max(box.width, box.height) * scale >= 50


def test_the_close_up_holds_the_whole_thigh_and_the_floor_runs_across_it(levers):
    ax = levers.pose_artists.ax
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    thigh = levers.pose_artists.polygons["thigh"].get_xy()
    assert thigh[:, 0].min() >= x0 and thigh[:, 0].max() <= x1
    assert thigh[:, 1].min() >= y0 and thigh[:, 1].max() <= y1
    floors = [line.get_xdata() for line in ax.get_lines() if len(line.get_xdata()) == 2]
    assert any(min(xs) <= x0 and max(xs) >= x1 for xs in floors), "the floor stops inside the close-up"


def test_colours_mean_what_they_mean_in_the_rest_of_the_course(levers):
    """Muscles by role as in the muscle map; the working leg keeps its blue (as its outline), and the
    best lever has the thickest outline."""
    for muscle_id, shape in levers.shapes.items():
        assert mcolors.to_hex(shape.get_facecolor()) == COLORS[levers.muscles[muscle_id].role].lower()
    for part in ("thigh", "shank", "foot"):
        patch = levers.pose_artists.polygons[part]
        assert mcolors.to_hex(patch.get_edgecolor()) == COLORS["working_leg"].lower()
    widths = {m: s.get_linewidth() for m, s in levers.shapes.items()}
    best = max(widths, key=widths.get)
    assert sorted(widths.values())[-2] < widths[best]  # one thickest outline, on the best lever
    assert levers.bars[best].get_linewidth() == max(bar.get_linewidth() for bar in levers.bars.values())
    words = " ".join(t.get_text() for t in levers.figure.texts)
    assert "working leg" in words and "blue" in words


def test_a_bar_below_zero_is_explained_in_words():
    artists = drawn(-80)
    texts = [t.get_text() for ax in artists.figure.axes for t in ax.texts] + [
        t.get_text() for t in artists.figure.texts
    ]
    assert NEGATIVE_WORDS in texts
    assert "other way" in NEGATIVE_WORDS
    assert any(arm < 0 for _, arm in rank_levers(hip_extension=-80, knee_flexion=90)), "no bar below zero"


@pytest.mark.parametrize("angle", (-80, 10))
def test_each_torque_bar_shows_the_torque_the_muscle_can_make_and_fits_its_panel(angle):
    """The torque bars add back what the effective lever leaves out: how strong each muscle is."""
    artists = drawn(angle)
    torques = dict(rank_lever_torques(hip_extension=angle, knee_flexion=90))
    assert set(artists.torque_bars) == set(torques)
    for muscle_id, bar in artists.torque_bars.items():
        assert bar.get_width() == pytest.approx(torques[muscle_id])
        assert artists.torque_values[muscle_id].get_text() == f"{torques[muscle_id]:.0f}"
        x0, x1 = bar.axes.get_xlim()
        assert x0 <= min(bar.get_width(), 0) and max(bar.get_width(), 0) <= x1, f"{muscle_id} runs off"
    thickest = max(artists.torque_bars, key=lambda m: artists.torque_bars[m].get_linewidth())
    assert thickest == max(torques, key=torques.get)


@pytest.mark.parametrize("angle", ANGLES)
def test_torque_is_lever_times_strength_summed_over_the_parts(angle):
    """One part: the effective lever × the greatest force. Several: torque per newton is a
    strength-weighted mean of the parts' levers, so it lies between the smallest and the largest."""
    levers = dict(rank_levers(hip_extension=angle, knee_flexion=90))
    torques = rank_lever_torques(hip_extension=angle, knee_flexion=90)
    assert [t for _, t in torques] == sorted((t for _, t in torques), reverse=True)
    for muscle_id, torque in torques:
        parts = LEVER_PARTS[muscle_id]
        per_newton = torque / max_isometric_force(muscle_id)
        if len(parts) == 1:
            assert per_newton == pytest.approx(levers[muscle_id])
            continue
        part_levers = [
            muscle_moment_arm(part, hip_extension=angle, knee_flexion=90)
            * force_capacity(part, hip_extension=angle, knee_flexion=90)
            for part in parts
        ]
        assert min(part_levers) - 1e-12 <= per_newton <= max(part_levers) + 1e-12


def test_the_glute_is_several_times_as_strong_as_the_semitendinosus_from_the_table():
    rows = read_table("muscle_parameters")
    strengths = {row["muscle"]: float(row["max_isometric_force_n"]) for row in rows}
    assert max_isometric_force("glmax") == pytest.approx(sum(strengths[f"glmax{i}"] for i in (1, 2, 3)))
    assert max_isometric_force("semiten") == pytest.approx(strengths["semiten"])
    assert max_isometric_force("glmax") > 5 * max_isometric_force("semiten")


@pytest.mark.parametrize("angle", ANGLES)
def test_the_title_names_the_best_placed_muscle_and_the_one_that_makes_the_most_torque(angle):
    """The title no longer says the best lever wins: it names the torque leader, with its torque."""
    title = drawn(angle).title.get_text().replace("\n", " ")
    best = rank_levers(hip_extension=angle, knee_flexion=90)[0][0]
    top, torque = rank_lever_torques(hip_extension=angle, knee_flexion=90)[0]
    assert f"the {LEVER_WORDS[best]} is placed best" in title
    assert "per newton of its own force" in title
    assert f"{LEVER_WORDS[top]}" in title and f"makes the most torque ({torque:.0f} N·m)" in title
    if top != best:
        ratio = max_isometric_force(top) / max_isometric_force(best)
        assert f"{ratio:.1f}× as strong" in title
    assert "has the best effective lever" not in title


def test_the_title_says_when_the_best_placed_muscle_is_not_the_strongest():
    """At the start of the kickback a hamstring is placed best, yet a stronger muscle makes more torque."""
    title = lever_title("hip flexed 80°", "semiten", [("glmax", 120.0), ("semiten", 30.0)])
    ratio = max_isometric_force("glmax") / max_isometric_force("semiten")
    assert "the semitendinosus is placed best, but the gluteus maximus" in title.replace("\n", " ")
    assert f"{ratio:.1f}× as strong" in title and "(120 N·m)" in title
