"""Label placement prefers short leaders: the nearest free spot wins, a label keeps off drawn lines and
does not lay its leader along one, and a bold label's estimated box holds its text."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.path import Path

from kickback.draw.labels import (
    PREFERENCE_STEP_PX,
    UNPREFERRED_PX,
    _half_size,
    _leader,
    _pixel_size,
    add_label,
    place_label,
)


def square_axes():
    """A 4 by 4 inch figure whose axes span -1.5..1.5 both ways, equal aspect."""
    figure = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set(xlim=(-1.5, 1.5), ylim=(-1.5, 1.5), aspect="equal")
    return figure, ax


def leader_length(box) -> float:
    start, end = box.leader
    return float(np.hypot(*(end - start)))


def display_px(ax, length: float) -> float:
    """A data length in px at a 900 px display width (what the placement's costs are in)."""
    return length / max(*_pixel_size(ax)) * 900 / (ax.figure.get_figwidth() * ax.figure.dpi)


def test_a_near_free_spot_beats_a_far_one_in_the_preferred_direction():
    """The part the label names (it holds the anchor, so a leader may cross it) fills the preferred side
    near the anchor; farther out that side is free, and so is the other side near it. The label goes
    near (its leader short), not far out on the preferred side, as it did when spots were tried
    distance by distance in the preferred direction first."""
    figure, ax = square_axes()
    wall = Path([(-0.05, -0.2), (0.7, -0.2), (0.7, 0.2), (-0.05, 0.2), (-0.05, -0.2)], closed=True)
    box = place_label(
        add_label(ax), "hip", (0.0, 0.0), obstacles=[wall], taken=[], distances=(0.35, 1.0), prefer=(0,)
    )
    assert box.x1 < 0.0  # on the free side, near
    assert display_px(ax, leader_length(box)) < 100


def test_with_the_preferred_side_free_the_label_takes_it():
    """Preference decides between spots about as near: with nothing in the way it takes its first choice."""
    figure, ax = square_axes()
    box = place_label(
        add_label(ax), "hip", (0.0, 0.0), obstacles=[], taken=[], distances=(0.35,), prefer=(0,)
    )
    assert box.x0 > 0.0


@settings(max_examples=25, deadline=None)
@given(
    blocks=st.lists(st.tuples(st.floats(-0.8, 0.8), st.floats(-0.8, 0.8)), min_size=1, max_size=5),
    prefer=st.sampled_from([(0,), (180,), (90, 45), (270, 225, 315)]),
)
def test_no_free_spot_tried_has_a_much_shorter_leader_than_the_one_taken(blocks, prefer):
    """Whatever blocks the way, no other free spot among those tried (each distance in each direction)
    has a leader shorter than the placed label's by more than the most a preference is worth."""
    figure, ax = square_axes()
    obstacles = [Path.circle(centre, 0.15) for centre in blocks]
    distances = (0.3, 0.5, 0.7)
    placed = place_label(
        add_label(ax), "label", (0.0, 0.0), obstacles=obstacles, taken=[], distances=distances, prefer=prefer
    )
    allowance = UNPREFERRED_PX + PREFERENCE_STEP_PX * len(prefer) + 1.0
    for distance in distances:
        for direction in range(0, 360, 45):
            turn = np.radians(direction)
            anchor = (distance * np.cos(turn), distance * np.sin(turn))  # the spot as its own anchor
            probe = add_label(ax)
            box = place_label(probe, "label", anchor, obstacles=obstacles, taken=[], distances=(0.0,))
            free = not any(path.intersects_bbox(box, filled=True) for path in obstacles) and (
                -1.5 <= box.x0 and box.x1 <= 1.5 and -1.5 <= box.y0 and box.y1 <= 1.5
            )
            if not free:
                continue
            leader = _leader(box, (0.0, 0.0))
            if any(Path(leader).intersects_path(path, filled=True) for path in obstacles):
                continue
            shorter = display_px(ax, leader_length(placed)) - display_px(
                ax, float(np.hypot(*np.diff(leader, axis=0)[0]))
            )
            assert shorter <= allowance, (distance, direction)


def test_a_label_keeps_off_a_drawn_line():
    """A line drawn through the label's first choice (a reference line, a cable): the label moves off it."""
    figure, ax = square_axes()
    ax.plot([0.2, 1.2], [0.0, 0.0], color="black")
    label = add_label(ax)
    box = place_label(label, "hip", (0.0, 0.1), obstacles=[], taken=[], distances=(0.4,), prefer=(0, 180))
    assert not Path([(0.2, 0.0), (1.2, 0.0)]).intersects_bbox(box, filled=False)


def test_a_leader_does_not_run_along_a_drawn_line():
    """A line from the anchor out along the label's first choice: the leader would lie on it and read as
    part of it, so the label takes another side."""
    figure, ax = square_axes()
    ax.plot([0.05, 1.3], [-0.06, -0.06], color="black")
    box = place_label(
        add_label(ax), "hip", (0.0, 0.0), obstacles=[], taken=[], distances=(0.9,), prefer=(0, 180)
    )
    assert box.x1 < 0.0


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_the_estimated_box_holds_the_drawn_text(weight):
    """A bold face is wider: its estimate must still hold the drawn text, or a label placed by the
    frame's margin sticks out past it."""
    figure, ax = square_axes()
    text = "lower back arched 25°"
    drawn = ax.text(0.0, 0.0, text, fontsize=9, fontweight=weight, ha="center", va="center")
    width = drawn.get_window_extent(figure.canvas.get_renderer()).width
    half_x, _ = _half_size(ax, text, 9, pad_px=0.0, bold=weight == "bold")
    assert 2 * half_x / max(*_pixel_size(ax)) >= width
