"""Notes and keys on the torque and moment-arm plots sit in free space and keep one colour to one meaning.

Measured with the Agg renderer: each curve note's extent must miss the shaded taught range, every
line and marker, and every other text, stay inside the figure, and hang from its own panel; on the
moment-arm plot grey is the older model's line alone.
"""

from __future__ import annotations

import itertools

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from kickback.draw.curves import RANGE_SHADE, place_note, profile_cases
from kickback.draw.diagrams import build_moment_arm_figure, build_resistance_figure
from kickback.draw.style import COLORS, new_figure

SLACK_PX = 1.0


def notes_of(figure: Figure) -> list[Text]:
    return [t for ax in figure.axes for t in ax.texts if t.get_gid() == "own_note" and t.get_text()]


def line_pixels(line) -> np.ndarray:
    """The line's points in pixels, its segments sampled densely, so a box a segment crosses is caught."""
    xy = np.column_stack(line.get_data()).astype(float)
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy) > 1 and line.get_linestyle() not in ("None", " ", ""):
        along = np.linspace(0, len(xy) - 1, 40 * len(xy))
        xy = np.column_stack([np.interp(along, np.arange(len(xy)), xy[:, i]) for i in (0, 1)])
    return line.axes.transData.transform(xy) if len(xy) else np.empty((0, 2))


def note_clashes(figure: Figure) -> list[str]:
    """What each curve note lies on: the shaded range, a line or marker, another text, the figure's edge."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    clashes = []
    for note in notes_of(figure):
        box = Text.get_window_extent(note, renderer)
        edge = figure.bbox
        if (
            box.x0 < -SLACK_PX
            or box.y0 < -SLACK_PX
            or box.x1 > edge.x1 + SLACK_PX
            or box.y1 > edge.y1 + SLACK_PX
        ):
            clashes.append(f"past the edge: {note.get_text()!r}")
        for ax in figure.axes:
            for patch in ax.patches:
                if patch.get_gid() == "range" and patch.get_window_extent(renderer).overlaps(box):
                    clashes.append(f"on the shaded range: {note.get_text()!r}")
            for line in ax.get_lines():
                reach = (
                    line.get_markersize() * figure.dpi / 72 / 2
                    if line.get_marker() not in ("None", "")
                    else 0
                )
                pixels = line_pixels(line)
                inside = (
                    (pixels[:, 0] > box.x0 - reach)
                    & (pixels[:, 0] < box.x1 + reach)
                    & (pixels[:, 1] > box.y0 - reach)
                    & (pixels[:, 1] < box.y1 + reach)
                )
                if inside.any():
                    clashes.append(f"on the line {line.get_label()!r}: {note.get_text()!r}")
        for other in texts:
            if other is note:
                continue
            theirs = Text.get_window_extent(other, renderer)
            if min(box.x1, theirs.x1) - max(box.x0, theirs.x0) > SLACK_PX and (
                min(box.y1, theirs.y1) - max(box.y0, theirs.y0) > SLACK_PX
            ):
                clashes.append(f"on the text {other.get_text()!r}: {note.get_text()!r}")
    return clashes


@pytest.fixture(scope="module")
def resistance():
    return build_resistance_figure().figure


def test_every_resistance_note_sits_in_free_space(resistance):
    assert len(notes_of(resistance)) >= 3
    assert note_clashes(resistance) == []


def test_each_resistance_note_hangs_under_its_own_panel(resistance):
    resistance.canvas.draw()
    renderer = resistance.canvas.get_renderer()
    panels = [ax for ax in resistance.axes if ax.axison]
    for ax in panels:
        for note in [t for t in ax.texts if t.get_gid() == "own_note"]:
            box = Text.get_window_extent(note, renderer)
            frame = ax.get_window_extent(renderer)
            label = ax.xaxis.label.get_window_extent(renderer)
            assert abs(box.x0 - frame.x0) <= SLACK_PX  # starts at its panel's left edge
            assert box.y1 <= label.y0 + SLACK_PX  # under its own angle axis
            for other in panels:  # inside its own column: clear of every other panel and its row's next one
                theirs = other.get_window_extent(renderer)
                if other is not ax:
                    assert not box.overlaps(theirs)
                if theirs.y0 == frame.y0 and theirs.x0 > frame.x0:
                    assert box.x1 < theirs.x0


@pytest.mark.parametrize("title", [case.title for case in profile_cases()])
def test_a_single_profile_keeps_its_note_under_the_key_in_free_space(title):
    from kickback.draw.profile_figure import show_profile

    figure = show_profile(title).figure
    ax = figure.axes[0]
    assert note_clashes(figure) == []
    renderer = figure.canvas.get_renderer()
    for note in notes_of(figure):
        box = Text.get_window_extent(note, renderer)
        key = ax.get_legend().get_window_extent(renderer)
        assert box.y1 <= key.y0 + SLACK_PX and box.x0 >= ax.get_window_extent(renderer).x1


def test_the_explorer_keeps_its_note_in_free_space_for_every_load():
    from kickback.widgets.profiles import explore_profiles

    explorer = explore_profiles()
    said = 0
    for title in explorer.cases:
        explorer.case_picker.value = title
        said += len(notes_of(explorer.figure))
        assert note_clashes(explorer.figure) == [], title
    assert said >= 3


def test_the_note_check_can_fail():
    figure = new_figure(4, 3)
    ax = figure.add_subplot()
    ax.axvspan(0, 1, color=RANGE_SHADE, gid="range")
    ax.plot([0, 1], [0, 1])
    ax.text(0.5, 0.5, "on the data", gid="own_note", transform=ax.transAxes)
    assert note_clashes(figure)


def test_a_placed_note_follows_its_anchor():
    figure = new_figure(6, 3)
    ax = figure.add_subplot()
    figure.subplots_adjust(right=0.6, bottom=0.3)
    ax.plot([0, 1], [0, 1], label="a line")
    ax.set_xlabel("x")
    under_label = place_note(ax, "under the label")
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    assert Text.get_window_extent(under_label, renderer).y1 <= ax.xaxis.label.get_window_extent(renderer).y0
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    under_key = place_note(ax, "under the key")
    figure.canvas.draw()
    box = Text.get_window_extent(under_key, renderer)
    key = ax.get_legend().get_window_extent(renderer)
    assert box.y1 <= key.y0 and key.x0 <= box.x0 < key.x1


@pytest.fixture(scope="module")
def moment_arms():
    return build_moment_arm_figure().figure


def test_grey_means_only_the_older_model_on_the_moment_arm_plot(moment_arms):
    ax = moment_arms.axes[0]
    grey = mcolors.to_rgba(COLORS["reference"])
    greys = [line.get_label() for line in ax.get_lines() if mcolors.to_rgba(line.get_color()) == grey]
    assert len(greys) == 1 and "older model" in greys[0]
    bars = [line for line in ax.get_lines() if line.get_gid() == "taught_range"]
    assert len(bars) == 3
    for bar in bars:
        assert mcolors.to_rgba(bar.get_color()) != grey and bar.get_marker() == "|"


def test_the_moment_arm_key_names_fibres_not_model_parts(moment_arms):
    legend = moment_arms.axes[0].get_legend()
    entries = [t.get_text() for t in legend.get_texts()]
    assert not any("part" in entry for entry in entries)
    assert {"gluteus maximus, upper fibres", "gluteus maximus, middle fibres"} <= set(entries)
    words = " ".join(t.get_text() for t in moment_arms.findobj(Text)).replace("\n", " ")
    assert "splits the gluteus maximus into upper, middle and lower fibres" in words


def test_the_moment_arm_side_note_stays_apart_from_the_key_and_in_frame(moment_arms):
    moment_arms.canvas.draw()
    renderer = moment_arms.canvas.get_renderer()
    ax = moment_arms.axes[0]
    key = ax.get_legend().get_window_extent(renderer)
    frame = ax.get_window_extent(renderer)
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts]
    paragraphs = [box for box in boxes if box.x0 > frame.x1]  # the words in the column right of the plot
    assert len(paragraphs) >= 3
    for box in paragraphs:
        assert box.y1 < key.y0 and box.x1 <= moment_arms.bbox.x1
    for a, b in itertools.combinations(paragraphs, 2):
        assert not a.overlaps(b)


def test_plot_moment_arm_draws_the_table_in_millimetres():
    from kickback.draw.moment_arm_plot import plot_moment_arm
    from kickback.model.muscles import moment_arm_curve

    ax = new_figure(4, 3).add_subplot()
    hip, arm = plot_moment_arm(ax, "semiten", 30.0, color="k", marker="o")
    expected_hip, expected_arm = moment_arm_curve("semiten", knee_flexion=30.0)
    line = ax.get_lines()[0]
    assert np.allclose(hip, expected_hip) and np.allclose(line.get_ydata(), expected_arm * 1000)
    assert np.allclose(arm, expected_arm) and line.get_markevery() == max(1, len(hip) // 6)
