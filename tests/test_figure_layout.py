"""Layout of the body figures, measured with the Agg renderer's real text extents.

For every committed figure that draws a body, and the explorer at its presets: no two texts
overlap, no text lies on the body, nothing runs past the figure's edge, and the smallest text is
at least 11 px when the figure is shown 900 px wide (a notebook column).
"""

import itertools

import matplotlib.colors as mcolors
import pytest
from matplotlib.patches import Polygon
from matplotlib.text import Text

from kickback.draw import form_diagrams
from kickback.draw.explorer_view import ExplorerView
from kickback.draw.muscle_map import build_muscle_map
from kickback.draw.rdl_figure import build_rdl_figure
from kickback.draw.style import COLORS, MIN_TEXT_PX_AT_900
from kickback.model.anthropometrics import default_body
from kickback.model.pose import PRESET_NAMES, preset_pose
from kickback.model.variants import VARIANTS

BODY_COLOURS = {mcolors.to_rgba(COLORS[name]) for name in ("body", "body_far", "working_leg")}

BUILDERS = [
    *[(form_diagrams.build_form_figure, v) for v in VARIANTS],
    *[(form_diagrams.build_steps_figure, v) for v in VARIANTS],
    *[(form_diagrams.build_cue_card, v) for v in VARIANTS],
    *[
        (form_diagrams.build_mistake_figure, m)
        for m in (
            "arched_back",
            "incomplete_rom",
            "pelvic_rotation",
            "weak_core",
            "momentum",
            "excessive_load",
        )
    ],
    (build_muscle_map, None),
    (build_rdl_figure, None),
]


def drawn_tick_labels(axis):
    """The tick labels matplotlib draws: shown, and at a tick inside the view (a chart's locator also
    places ticks just past its limits, whose labels are never drawn)."""
    low, high = sorted(axis.get_view_interval())
    axis.get_majorticklocs()
    return [
        tick.label1
        for tick in axis.get_major_ticks()
        if tick.label1.get_visible() and low - 1e-9 <= tick.get_loc() <= high + 1e-9
    ]


def texts_of(figure):
    """Every visible, non-empty text: the figure's own, each axes' titles and texts, shown tick labels."""
    found = list(figure.texts)
    for ax in figure.axes:
        found += [ax.title, ax._left_title, ax._right_title, *ax.texts]
        if ax.axison:
            found += [*drawn_tick_labels(ax.xaxis), *drawn_tick_labels(ax.yaxis)]
            found += [ax.xaxis.label, ax.yaxis.label]
    return [t for t in found if isinstance(t, Text) and t.get_visible() and t.get_text().strip()]


def body_patches(figure):
    """The body's parts: filled polygons in the body's colours (not ghosts, not equipment)."""
    return [
        p
        for p in figure.findobj(Polygon)
        if p.get_visible() and p.get_fill() and tuple(p.get_facecolor()) in BODY_COLOURS
    ]


def layout_problems(figure):
    """Overlapping texts, texts on the body, texts past the edge, and the smallest text size."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = texts_of(figure)
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    problems = []
    edge = figure.bbox
    for text, box in boxes:
        if box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1 or box.y0 < edge.y0 - 1 or box.y1 > edge.y1 + 1:
            problems.append(f"past the edge: {text.get_text()!r}")
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if box_a.overlaps(box_b):
            problems.append(f"overlap: {a.get_text()!r} and {b.get_text()!r}")
    for patch in body_patches(figure):
        path = patch.get_path().transformed(patch.get_transform())
        for text, box in boxes:
            if text.axes is patch.axes and path.intersects_bbox(box, filled=True):
                problems.append(f"on the body: {text.get_text()!r}")
    smallest = min(t.get_fontsize() for t in texts) * 900 / (figure.get_figwidth() * 72)
    return problems, smallest


@pytest.mark.parametrize("build, arg", BUILDERS, ids=[f"{b.__name__}-{a}" for b, a in BUILDERS])
def test_committed_body_figures_are_laid_out_cleanly(build, arg):
    figure = build(arg).figure
    problems, smallest = layout_problems(figure)
    assert not problems
    assert smallest >= MIN_TEXT_PX_AT_900


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_explorer_is_laid_out_cleanly_at_every_preset(variant):
    view = ExplorerView(variant, preset_pose(variant, "start"), default_body())
    for name in PRESET_NAMES:
        view.move(preset_pose(variant, name))
        problems, _ = layout_problems(view.figure)
        assert not problems, name
        assert min(t.get_fontsize() for t in texts_of(view.figure)) * 100 / 72 >= MIN_TEXT_PX_AT_900


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_projector_explorer_keeps_every_word_inside_its_picture(variant):
    """Present mode draws the picture narrower (so its words grow when shown large): nothing may be cut."""
    from kickback.widgets.explorer import present_render_width

    view = ExplorerView(
        variant, preset_pose(variant, "correct_top"), default_body(), width_px=present_render_width()
    )
    for name in PRESET_NAMES:
        view.move(preset_pose(variant, name))
        problems, _ = layout_problems(view.figure)
        assert not [p for p in problems if p.startswith("past the edge")], name


def test_the_blitted_explorer_picture_matches_a_full_render():
    import io

    import numpy as np
    from PIL import Image

    from kickback.draw.style import render_png

    view = ExplorerView("cable", preset_pose("cable", "start"), default_body())
    view.render()
    view.move(preset_pose("cable", "arched_back").replace(pelvic_hike=8))
    fast = np.asarray(Image.open(io.BytesIO(view.render())).convert("RGB"), dtype=int)
    full = np.asarray(Image.open(io.BytesIO(render_png(view.figure))).convert("RGB"), dtype=int)
    assert fast.shape == full.shape
    assert np.mean(np.abs(fast - full) > 40) < 0.002  # the same picture, up to anti-aliasing
