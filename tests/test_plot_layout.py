"""Layout of the plots, the muscle map and the levers picture: text readable, nothing overlapping or cut.

Measured with matplotlib's own text extents on the Agg renderer: no two text boxes overlap, no text
runs past the figure's edge, legends sit off the data, and the smallest text is at least 11 px when
the figure is shown 900 px wide (a notebook column).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text

from kickback.draw.style import MIN_TEXT_PX_AT_900

SLACK_PX = 1.0  # boxes that merely touch are not overlapping


def undrawn_tick_labels(figure):
    """Tick labels matplotlib keeps but does not draw (ticks outside the axis' view)."""
    every, drawn = set(), set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                every.update({id(tick.label1), id(tick.label2)})
            if not ax.axison:
                continue
            for tick in axis._update_ticks():
                drawn.update({id(tick.label1), id(tick.label2)})
    return every - drawn


def visible_texts(figure):
    """Every visible, non-empty text artist in the figure (titles, labels, ticks, legends, notes)."""
    texts = []
    hidden = undrawn_tick_labels(figure)
    for text in figure.findobj(Text):
        if id(text) in hidden or not text.get_visible() or not text.get_text().strip():
            continue
        axes = text.axes
        if axes is not None and not axes.get_visible():
            continue
        texts.append(text)
    return texts


def text_boxes(figure):
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    # Text's own extent: for an annotation this is its words alone, without the leader line.
    return [(text, Text.get_window_extent(text, renderer)) for text in visible_texts(figure)]


def overlapping_texts(figure):
    boxes = text_boxes(figure)
    clashes = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if overlap_x > SLACK_PX and overlap_y > SLACK_PX:
            clashes.append((a.get_text(), b.get_text()))
    return clashes


def texts_past_the_edge(figure):
    width, height = figure.canvas.get_width_height()
    return [
        text.get_text()
        for text, box in text_boxes(figure)
        if box.x0 < -SLACK_PX or box.y0 < -SLACK_PX or box.x1 > width + SLACK_PX or box.y1 > height + SLACK_PX
    ]


def smallest_text_px_at_900(figure):
    """The smallest font size in pixels when the whole figure is scaled to 900 px wide."""
    width_in = figure.get_figwidth()
    sizes = [text.get_fontsize() for text in visible_texts(figure)]
    return min(sizes) * 900 / (72 * width_in)


def legends_covering_data(figure):
    """Legends drawn over data points of their own axes."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    covered = []
    for ax in figure.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent(renderer)
        for line in ax.get_lines():
            xy = np.column_stack(line.get_data()).astype(float)
            xy = xy[np.isfinite(xy).all(axis=1)]
            if not len(xy):
                continue
            if (
                line.get_linestyle() not in ("None", " ", "") and len(xy) > 1
            ):  # the segments, not only the points
                along = np.linspace(0, len(xy) - 1, 40 * len(xy))
                xy = np.column_stack([np.interp(along, np.arange(len(xy)), xy[:, i]) for i in (0, 1)])
            pixels = ax.transData.transform(xy)
            inside = (
                (pixels[:, 0] > box.x0)
                & (pixels[:, 0] < box.x1)
                & (pixels[:, 1] > box.y0)
                & (pixels[:, 1] < box.y1)
            )
            if inside.any():
                covered.append(line.get_label())
    return covered


def build(name):
    from kickback.draw.diagrams import build_moment_arm_figure, build_resistance_figure
    from kickback.draw.muscle_map import build_muscle_map

    builders = {
        "muscle_map": lambda: build_muscle_map().figure,
        "resistance_profiles": lambda: build_resistance_figure().figure,
        "moment_arms": lambda: build_moment_arm_figure().figure,
        "set_arched_back": lambda: _set_figure("cable_arched_back_angles.csv"),
        "set_momentum": lambda: _set_figure("cable_momentum_angles.csv"),
        "set_good": lambda: _set_figure("cable_good_angles.csv"),
        "tempo": lambda: _tempo_figure(),
        "levers": lambda: _levers_figure(),
        "profile_widget": lambda: _profile_widget_figure(),
        "profile_figure": lambda: _profile_figure(),
    }
    return builders[name]()


def _set_figure(name):
    from kickback.draw.set_timeline import draw_set
    from kickback.form.analysis import analyze_set
    from kickback.form.recordings import RECORDINGS_DIR, read_recording

    recording = read_recording(RECORDINGS_DIR / name, format="angles")
    return draw_set(recording, analyze_set(recording, "cable"))


def _tempo_figure():
    import kickback.draw.tempo_figure as tempo_figure

    captured = {}
    original = tempo_figure.TempoFigure.__init__

    def keep(self, *args, **kwargs):
        import kickback.draw.style as style

        real = style.new_figure

        def remember(*a, **k):
            captured["figure"] = real(*a, **k)
            return captured["figure"]

        style.new_figure = remember
        try:
            original(self, *args, **kwargs)
        finally:
            style.new_figure = real

    tempo_figure.TempoFigure.__init__ = keep
    try:
        tempo_figure.show_tempo("2-1-3", "1-0-1", "3-1-3")
    finally:
        tempo_figure.TempoFigure.__init__ = original
    return captured["figure"]


def _levers_figure():
    from kickback.widgets.levers import compare_levers

    return compare_levers().picture.figure


def _profile_widget_figure():
    from kickback.widgets.profiles import explore_profiles

    return explore_profiles().figure


def _profile_figure():
    from kickback.draw.profile_figure import show_profile

    return show_profile("Cable, low pulley").figure


FIGURES = [
    "muscle_map",
    "resistance_profiles",
    "moment_arms",
    "set_arched_back",
    "set_momentum",
    "set_good",
    "tempo",
    "levers",
    "profile_widget",
    "profile_figure",
]


@pytest.fixture(scope="module")
def figures():
    return {}


def figure_for(figures, name):
    if name not in figures:
        figures[name] = build(name)
    return figures[name]


@pytest.mark.parametrize("name", FIGURES)
def test_no_two_texts_overlap(figures, name):
    assert overlapping_texts(figure_for(figures, name)) == []


@pytest.mark.parametrize("name", FIGURES)
def test_no_text_runs_past_the_figure_edge(figures, name):
    assert texts_past_the_edge(figure_for(figures, name)) == []


@pytest.mark.parametrize("name", FIGURES)
def test_smallest_text_is_readable_in_a_notebook_column(figures, name):
    size = smallest_text_px_at_900(figure_for(figures, name))
    print(f"{name}: smallest text {size:.1f} px at 900 px wide")
    assert size >= MIN_TEXT_PX_AT_900


@pytest.mark.parametrize("name", FIGURES)
def test_legends_sit_off_the_data(figures, name):
    assert legends_covering_data(figure_for(figures, name)) == []


def test_the_overlap_check_can_fail():
    from kickback.draw.style import new_figure

    figure = new_figure(4, 3)
    figure.text(0.5, 0.5, "one label")
    figure.text(0.5, 0.5, "another label")
    figure.text(0.98, 0.5, "past the edge")
    assert overlapping_texts(figure)
    assert texts_past_the_edge(figure) == ["past the edge"]


def test_the_legend_check_can_fail():
    from kickback.draw.style import new_figure

    figure = new_figure(4, 3)
    ax = figure.add_subplot()
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend(loc="center")
    assert legends_covering_data(figure) == ["a line"]


def test_resistance_panels_share_one_torque_scale(figures):
    figure = figure_for(figures, "resistance_profiles")
    limits = {ax.get_ylim() for ax in figure.axes if ax.get_lines()}
    assert len(limits) == 1
    top = limits.pop()[1]
    highest = max(float(np.nanmax(line.get_ydata())) for ax in figure.axes for line in ax.get_lines())
    assert highest <= top


def test_the_three_hamstrings_have_three_different_legend_entries(figures):
    figure = figure_for(figures, "moment_arms")
    legend = figure.axes[0].get_legend()
    handles = {text.get_text(): handle for text, handle in zip(legend.get_texts(), legend.legend_handles)}
    styles = {
        (str(handles[name].get_linestyle()), handles[name].get_marker())
        for name in ("biceps femoris long head", "semitendinosus", "semimembranosus")
    }
    assert len(styles) == 3


def test_each_flagged_rep_names_its_fault(figures):
    from kickback.draw.set_timeline import FAULT_WORDS

    figure = figure_for(figures, "set_arched_back")
    labels = [text.get_text() for text in figure.axes[0].texts if "✗" in text.get_text()]
    assert labels
    assert all(any(words in label for words in FAULT_WORDS.values()) for label in labels)


def test_set_timeline_draws_a_light_raw_trace_under_a_smoothed_one(figures):
    figure = figure_for(figures, "set_momentum")
    hip_lines = [line for line in figure.axes[0].get_lines() if isinstance(line, Line2D)]
    raw = [line for line in hip_lines if (line.get_alpha() or 1.0) < 0.5]
    smooth = [line for line in hip_lines if (line.get_alpha() or 1.0) == 1.0]
    assert raw and smooth
    assert np.nanstd(np.diff(smooth[0].get_ydata())) < np.nanstd(np.diff(raw[0].get_ydata()))


def test_legends_are_legends(figures):
    assert any(isinstance(child, Legend) for child in figure_for(figures, "tempo").axes[0].get_children())


def test_the_moment_arm_title_states_what_the_model_shows():
    from kickback.model.muscles import moment_arm_curve

    glmax = np.mean([moment_arm_curve(part)[1][-1] for part in ("glmax1", "glmax2", "glmax3")])
    for hamstring in ("bflh", "semiten", "semimem"):
        hip, arm = moment_arm_curve(hamstring)
        assert hip[-1] >= 15  # the curve reaches full extension
        assert glmax > arm[-1], f"{hamstring} out-levers the gluteus maximus at full extension"
        assert hip[np.argmax(arm)] < 0, f"{hamstring}'s longest lever is not with the hip flexed"
        assert arm[-1] < arm.max()


def test_the_resistance_title_states_what_the_model_shows():
    from kickback.draw.curves import compute_profile, profile_cases, summarize_profile
    from kickback.model.anthropometrics import default_body
    from kickback.model.pose import preset_pose

    peaks = set()
    for case in profile_cases():
        summary = summarize_profile(case, *compute_profile(case, default_body())[:2])
        # the hardest point is named inside the taught range, never past the correct top
        assert summary.peak_angle <= preset_pose(case.variant, "correct_top").hip_extension
        peaks.add(round(summary.peak_angle))
    assert len(peaks) > 1  # "the load decides where the hip works hardest"


def test_hip_angles_are_said_in_words():
    from kickback.draw.curves import hip_in_words

    assert hip_in_words(-15) == "hip flexed 15°"
    assert hip_in_words(20.4) == "hip extended 20°"
    assert "-" not in hip_in_words(-90)


def _profile_panels(figure):
    """Each resistance panel's (title, thick total line, thin line past the top, ▲, ▽)."""
    from kickback.draw.curves import BEYOND_WORDS, EASIEST_WORDS, HARDEST_WORDS

    panels = []
    for ax in figure.axes:
        lines = {line.get_label(): line for line in ax.get_lines()}
        if "total demand" in lines:
            panels.append(
                (
                    ax.get_title(),
                    lines["total demand"],
                    lines[BEYOND_WORDS],
                    lines[HARDEST_WORDS],
                    lines[EASIEST_WORDS],
                )
            )
    return panels


def test_the_markers_are_the_extremes_of_the_thick_line_which_stops_at_the_correct_top(figures):
    from kickback.draw.curves import profile_cases
    from kickback.model.pose import preset_pose

    cases = {case.title: case for case in profile_cases()}
    panels = _profile_panels(figure_for(figures, "resistance_profiles"))
    assert len(panels) == len(cases)
    for title, total, beyond, peak, low in panels:
        x, y = np.asarray(total.get_xdata()), np.asarray(total.get_ydata())
        top = preset_pose(cases[title].variant, "correct_top").hip_extension
        assert x.max() == top and np.asarray(beyond.get_xdata()).min() == top
        assert peak.get_ydata()[0] == pytest.approx(y.max()) and low.get_ydata()[0] == pytest.approx(y.min())
        assert beyond.get_color() != total.get_color() and beyond.get_linewidth() < total.get_linewidth()


def test_standing_panels_say_how_little_the_hanging_leg_loads_the_hip(figures):
    from kickback.draw.curves import compute_profile, profile_cases, taught_range
    from kickback.model.anthropometrics import default_body

    figure = figure_for(figures, "resistance_profiles")
    notes = {
        ax.get_title(): [t.get_text() for t in ax.texts if t.get_gid() == "own_note"] for ax in figure.axes
    }
    for case in profile_cases():
        hip, _, own = compute_profile(case, default_body())
        own = own[taught_range(case, hip)]
        said = " ".join(notes[case.title]).replace("\n", " ")
        if case.variant in ("cable", "machine"):
            assert f"{own[0]:.0f} N·m at the start" in said and f"{own[-1]:.0f} N·m at the top" in said
            assert own[0] < 0.25 * own[-1]
        else:
            assert "at the start, the leg hanging" not in said


def test_a_single_profile_spans_its_own_range_keeps_the_shared_scale_and_names_where_it_is_hardest():
    from kickback.draw.curves import (
        compute_profile,
        profile_cases,
        profile_limits,
        shared_profile_top,
        taught_range,
    )
    from kickback.draw.profile_figure import NEARLY_EVEN_SPREAD, X_MARGIN_DEG, show_profile
    from kickback.model.anthropometrics import default_body
    from kickback.model.torque import sweep_range

    top = shared_profile_top(profile_cases(), default_body())
    for case in profile_cases():
        shown = show_profile(case.title)
        ax = shown.figure.axes[0]
        sweep = sweep_range(case.variant)
        assert ax.get_xlim() == pytest.approx((sweep[0] - X_MARGIN_DEG, sweep[-1] + X_MARGIN_DEG))
        assert ax.get_ylim() == pytest.approx(profile_limits(top))
        assert shown.title.startswith(case.title)
        hip, total, _ = compute_profile(case, default_body())
        inside = total[taught_range(case, hip)]
        if inside.max() - inside.min() < NEARLY_EVEN_SPREAD * inside.max():  # the cable: 88-98 N·m
            assert f"nearly even, {inside.min():.0f}–{inside.max():.0f} N·m" in shown.title
            assert "hardest" not in shown.title
        else:
            assert "hardest" in shown.title
        words = " ".join(t.get_text() for t in shown.figure.texts)
        assert "lesson" not in words  # the note reads the same in any lesson


def test_the_moment_arm_plot_speaks_plainly_from_zero(figures):
    figure = figure_for(figures, "moment_arms")
    ax = figure.axes[0]
    assert ax.get_ylim()[0] == 0
    words = " ".join(t.get_text() for t in figure.findobj(Text))
    assert "upper fibres" in words and "lower fibres" in words and "part 1" not in words
    assert "standing\nstraight" in words and "Rajagopal et al. 2016" in words
    assert "Rajagopal 2016 model" not in words
    # The older model named as what data/moment_arms.csv says it is, and what is drawn: its parts' mean.
    said = words.replace("\n", " ")
    assert "OpenSim gait2392 (after Delp et al. 1990), mean of its 3 parts" in said


def test_the_kink_finder_names_only_a_sharp_bend():
    from kickback.draw.moment_arm_plot import kink
    from kickback.model.muscles import moment_arm_curve

    hip = np.arange(-100.0, 21.0, 5.0)
    assert kink(hip, 0.05 - 1e-5 * (hip + 40) ** 2) is None  # a smooth curve, however curved
    bent = np.where(hip > -15, 0.045 + 0.0003 * (hip + 15), 0.045 + 0.00002 * (hip + 15))
    assert kink(hip, bent) == -15
    assert kink(*moment_arm_curve("glmax1")) == -15  # in the model's own numbers
