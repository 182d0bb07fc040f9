"""The weak-core trace figure shows what the checker judges: each part's movement within a rep against
`trunk_excursion_max`, with the checker's own ✓/✗ per rep and part, in a title computed from the set."""

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle

from kickback.draw import mistake_traces, trace_marks
from kickback.draw.form_diagrams import build_mistake_figure
from kickback.draw.mistake_traces import core_windows, draw_mistake_traces, simulated, trace_finding_title
from kickback.draw.style import COLORS, MARKS, MIN_TEXT_PX_AT_900, new_figure
from kickback.draw.trace_marks import CORE_CHECKS, WINDOW_DIRECTION
from kickback.draw.traces import smooth_trace
from kickback.form import rep_checks
from kickback.form.analysis import analyze_set
from kickback.form.thresholds import threshold

PARTS = {"bodyweight": ("lumbar_extension", "pelvic_hike"), "cable": ("trunk_lean",)}


def drawn_marks(variant: str) -> list[dict[str, dict[tuple[str, int], str]]]:
    """Per panel (correct, mistake), each rep mark's text by (part, rep number)."""
    figure = new_figure(9.6, 3.6)
    draw_mistake_traces(figure, "weak_core", variant, "Lack of core engagement")
    panels = []
    for ax in figure.axes:
        marks = {}
        for text in ax.texts:
            gid = text.get_gid() or ""
            if gid.startswith("rep_mark "):
                _, name, number, _ = gid.split()
                marks[(name, int(number))] = text.get_text()
        panels.append(marks)
    return panels


def flagged_by_checker(variant: str, mistake: str | None) -> set[tuple[str, int]]:
    """The (part, rep) pairs the form checker reports as weak_core in the simulated set."""
    report = analyze_set(simulated(variant, mistake, "weak_core"), variant)
    by_check = {check: name for name, (_, check) in CORE_CHECKS.items()}
    return {
        (by_check[f.check], f.rep)
        for f in report.findings
        if f.mistake == "weak_core" and f.check in by_check and f.rep is not None
    }


@pytest.mark.parametrize("variant", ["bodyweight", "cable"])
def test_every_reps_tick_or_cross_is_the_checkers_finding(variant):
    for marks, mistake in zip(drawn_marks(variant), (None, "weak_core")):
        reps = analyze_set(simulated(variant, mistake, "weak_core"), variant).reps
        assert set(marks) == {(name, rep.number) for name in PARTS[variant] for rep in reps}
        crossed = {key for key, text in marks.items() if text.endswith(MARKS["mistake"])}
        ticked = {key for key, text in marks.items() if text.endswith(MARKS["correct"])}
        assert crossed == flagged_by_checker(variant, mistake)
        assert ticked == set(marks) - crossed


def test_on_all_fours_the_back_is_crossed_and_the_pelvis_within_its_allowance_is_ticked():
    _, mistake = drawn_marks("bodyweight")
    assert all(
        text.endswith(MARKS["mistake"]) for (name, _), text in mistake.items() if name == "lumbar_extension"
    )
    assert all(
        text.endswith(MARKS["correct"]) for (name, _), text in mistake.items() if name == "pelvic_hike"
    )


@pytest.mark.parametrize("variant", ["bodyweight", "cable"])
def test_the_title_states_each_parts_largest_movement_from_the_set(variant):
    windows = core_windows(simulated(variant, "weak_core", "weak_core"), variant)
    title = trace_finding_title("weak_core", variant)
    assert f"judged against {threshold('trunk_excursion_max'):g}°" in title
    for name, found in windows.items():
        most = max(w.moved for w in found)
        flagged = any(w.verdict == "mistake" for w in found)
        part = {"lumbar_extension": "lower back", "pelvic_hike": "pelvis", "trunk_lean": "trunk"}[name]
        said = title.split(f"the {part} ")[1].split(",")[0]
        assert f"{most:.0f}°" in said
        assert (MARKS["mistake"] in said) == flagged and (MARKS["correct"] in said) == (not flagged)


def test_a_larger_allowance_turns_the_figures_crosses_into_ticks_as_the_checker_does(monkeypatch):
    """Where the checker's verdict changes, the figure's marks and title follow it (never recomputed)."""
    original = threshold

    def wider(name: str) -> float:
        return 9.0 if name == "trunk_excursion_max" else original(name)

    for module in (rep_checks, trace_marks, mistake_traces):
        monkeypatch.setattr(module, "threshold", wider)
    assert not flagged_by_checker("bodyweight", "weak_core")
    _, mistake = drawn_marks("bodyweight")
    assert mistake and all(text.endswith(MARKS["correct"]) for text in mistake.values())
    title = trace_finding_title("weak_core", "bodyweight")
    assert "judged against 9°" in title and MARKS["mistake"] not in title


@pytest.mark.parametrize(
    "variant, mistake", [("bodyweight", None), ("bodyweight", "weak_core"), ("cable", "weak_core")]
)
def test_a_reps_trace_fits_its_window_exactly_when_it_moved_no_more_than_the_allowance(variant, mistake):
    recording = simulated(variant, mistake, "weak_core")
    allowed = threshold("trunk_excursion_max")
    for name, windows in core_windows(recording, variant).items():
        smooth = smooth_trace(recording.time_s, recording.angles[name])
        for window in windows:
            inside = (recording.time_s >= window.rep.start_s) & (recording.time_s <= window.rep.end_s)
            values = smooth[inside]
            fits = bool(np.all((values >= window.low - 1e-9) & (values <= window.low + allowed + 1e-9)))
            assert fits == (values.max() - values.min() <= allowed)
            anchor = values.min() if WINDOW_DIRECTION[name] > 0 else values.max() - allowed
            assert window.low == pytest.approx(anchor)


def test_the_figure_names_the_other_mistakes_limits_instead_of_drawing_an_unlabelled_line():
    item = build_mistake_figure("weak_core")
    back, pelvis = threshold("lumbar_extension_max"), threshold("pelvic_hike_max")
    for ax in item.figure.axes:
        flat = [line for line in ax.get_lines() if len(set(line.get_ydata())) == 1]
        assert not [line for line in flat if line.get_ydata()[0] in (back, -back, pelvis, -pelvis)]
    words = " ".join(t.get_text() for t in item.figure.texts)
    assert f"{back:g}° of arch" in words and f"{pelvis:g}° of side tilt" in words and "arched back" in words
    assert "teaching heuristic" in words


def test_the_alt_text_says_which_reps_the_checker_flagged_and_against_what():
    alt = build_mistake_figure("weak_core").alt_text
    flagged = sorted(
        rep for name, rep in flagged_by_checker("bodyweight", "weak_core") if name == "lumbar_extension"
    )
    assert flagged and f"too much in reps {', '.join(map(str, flagged[:-1]))} and {flagged[-1]}" in alt
    assert "pelvis side tilt moves" in alt and "within the allowance in every rep" in alt
    assert f"{threshold('trunk_excursion_max'):g} degrees tall" in alt


# --- colours, text sizes, and the hip figures' titles and notes -----------------------------------------


def allowance_windows(figure):
    """The allowance windows drawn on each panel: the hatched rectangles."""
    return [p for ax in figure.axes for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]


@pytest.mark.parametrize("variant", ["bodyweight", "cable"])
def test_the_allowance_windows_are_neutral_not_a_verdicts_colour(variant):
    """Green and vermillion mean ✓ and ✗; a window is an allowance, so its fill and edge are neither."""
    figure = new_figure(9.6, 3.6)
    draw_mistake_traces(figure, "weak_core", variant, "Lack of core engagement")
    windows = allowance_windows(figure)
    assert windows
    verdicts = {to_rgb(COLORS["correct"]), to_rgb(COLORS["mistake"])}
    for window in windows:
        assert to_rgb(window.get_facecolor()) == to_rgb(COLORS["reference"])
        assert to_rgb(window.get_edgecolor()) not in verdicts
    if variant == "bodyweight":  # two parts to a panel: each window edged in its part's own colour
        edges = {to_rgb(w.get_edgecolor()) for w in windows}
        assert edges == {to_rgb(COLORS[name]) for name in PARTS[variant]}


def test_the_weak_core_key_and_footnote_are_larger_than_the_floor_and_inside_the_figure():
    figure = build_mistake_figure("weak_core").figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = [*figure.legends[0].get_texts(), *[t for t in figure.texts if t is not figure._suptitle]]
    assert len(texts) >= 5
    for text in texts:
        assert text.get_fontsize() * 900 / (figure.get_figwidth() * 72) >= MIN_TEXT_PX_AT_900 + 0.5
        box = text.get_window_extent(renderer)
        assert figure.bbox.x0 <= box.x0 and box.x1 <= figure.bbox.x1, text.get_text()


def load_reps(mistake):
    return analyze_set(simulated("cable", mistake, "excessive_load"), "cable").reps


def test_the_load_title_calls_the_quicker_lift_a_swing_where_the_checker_calls_it_momentum():
    title = trace_finding_title("excessive_load", "cable")
    first, last = load_reps("excessive_load")[0], load_reps("excessive_load")[-1]
    assert f"from {first.peak_hip_extension_deg:.0f}° to {last.peak_hip_extension_deg:.0f}°" in title
    assert f"({first.concentric_s:.1f} s → {last.concentric_s:.1f} s)" in title
    assert "turns into a swing" in title and "speeds up" not in title


def test_without_the_checkers_momentum_finding_the_load_title_makes_no_swing_claim(monkeypatch):
    original = threshold

    def lenient(name: str) -> float:
        return {"concentric_min_s": 0.5, "top_hold_min_s": 0.0}.get(name, original(name))

    monkeypatch.setattr(rep_checks, "threshold", lenient)
    title = trace_finding_title("excessive_load", "cable")
    assert "swing" not in title and "the lift gets shorter" in title


def panel_notes(mistake):
    figure = new_figure(9.6, 3.6)
    draw_mistake_traces(figure, mistake, "cable", "the mistake")
    return [next(t.get_text() for t in ax.texts if t.get_gid() == "finding_note") for ax in figure.axes]


def test_the_load_panels_note_the_same_two_things_so_they_compare():
    correct, mistake = panel_notes("excessive_load")
    top = load_reps(None)[0].peak_hip_extension_deg
    assert correct.startswith(f"top stays at {top:.0f}°") and "every rep" in correct
    assert mistake.startswith("top falls from") and "→" in mistake and mistake.endswith("a swing")


def test_the_momentum_title_sets_the_sets_pace_against_the_correct_one():
    title = trace_finding_title("momentum", "cable")
    swung = analyze_set(simulated("cable", "momentum", "momentum"), "cable").reps
    steady = analyze_set(simulated("cable", None, "momentum"), "cable").reps
    seconds = [reps[-1].end_s - reps[0].start_s for reps in (swung, steady)]
    assert f"{len(swung)} reps in {seconds[0]:.0f} s instead of {seconds[1]:.0f} s" in title
    assert seconds[0] < seconds[1] / 2 and "no pause at the top" in title
