"""Lesson 09's set timeline says what the report says: the same ✗ reps, faults and set-level verdicts.

Every shipped recording is drawn as lesson 09 draws it, and what the picture writes (each rep's label,
the title) is read back from the figure and compared with the report's findings.
"""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from matplotlib.colors import to_hex

from kickback.draw.angle_strips import TICK_STEPS, strip_ticks
from kickback.draw.rep_labels import FAULT_WORDS
from kickback.draw.set_timeline import DRAWN_LIMITS, draw_set, drawn_limits, heuristic_note
from kickback.draw.set_verdicts import set_title
from kickback.draw.style import COLORS, MARKS
from kickback.draw.traces import RAW_COLOR
from kickback.form.analysis import analyze_set
from kickback.form.recordings import RECORDINGS_DIR, guess_format, list_recordings, read_recording
from kickback.form.shown_numbers import measured_words
from kickback.form.thresholds import read_thresholds, threshold
from kickback.form.video_findings import is_uncertain

LABEL = re.compile(rf"^(\d+) ([{MARKS['correct']}{MARKS['mistake']}])$")


def shipped_sets():
    """Each shipped recording with the variant its name gives (cable_..., bodyweight_..., machine_...)."""
    return [(name, name.split("_")[0]) for name in list_recordings()]


def drawn(name: str, variant: str):
    chosen = guess_format(name)
    recording = read_recording(
        RECORDINGS_DIR / name, format=chosen, side=None if chosen == "angles" else "right"
    )
    report = analyze_set(recording, variant)
    return recording, report, draw_set(recording, report)


def drawn_rep_labels(figure) -> dict[int, tuple[str, list[str]]]:
    """What the hip chart writes above each rep: {rep number: (✓ or ✗, its faults)}, read from the figure."""
    labels = {}
    for text in figure.axes[0].texts:
        first, *faults = text.get_text().split("\n")
        match = LABEL.match(first)
        if match:
            labels[int(match.group(1))] = (match.group(2), faults)
    return labels


@pytest.mark.parametrize("name, variant", shipped_sets())
def test_the_charts_flagged_reps_and_faults_are_the_reports_findings(name, variant):
    _, report, figure = drawn(name, variant)
    labels = drawn_rep_labels(figure)
    assert sorted(labels) == [rep.number for rep in report.reps]
    found: dict[int, list[str]] = {}
    for finding in report.findings:
        if finding.rep is None:
            continue
        same = [f for f in report.findings if f.rep == finding.rep and f.mistake == finding.mistake]
        unsure = report.source != "angles" and all(is_uncertain(f) for f in same)  # the video report's "?"
        words = FAULT_WORDS.get(finding.mistake, finding.mistake.replace("_", " ")) + ("?" if unsure else "")
        found.setdefault(finding.rep, [])
        if words not in found[finding.rep]:
            found[finding.rep].append(words)
    flagged = {n for n, (mark, _) in labels.items() if mark == MARKS["mistake"]}
    assert flagged == set(found), f"{name}: chart ✗ {sorted(flagged)}, report {sorted(found)}"
    for number, (mark, faults) in labels.items():
        assert faults == found.get(number, [])
        assert (mark == MARKS["mistake"]) == bool(faults)
    plt.close(figure)


@pytest.mark.parametrize("name, variant", shipped_sets())
def test_each_label_sits_over_its_own_rep(name, variant):
    _, report, figure = drawn(name, variant)
    hip = figure.axes[0]
    spans = {rep.number: (rep.start_s, rep.end_s) for rep in report.reps}
    for text in hip.texts:
        match = LABEL.match(text.get_text().split("\n")[0])
        if match:
            start, end = spans[int(match.group(1))]
            assert start <= text.xy[0] <= end
    plt.close(figure)


@pytest.mark.parametrize("name, variant", shipped_sets())
def test_the_title_names_every_verdict_judged_over_the_set(name, variant):
    _, report, figure = drawn(name, variant)
    title = figure._suptitle.get_text()
    assert title == set_title(report)
    flat = " ".join(title.split())
    set_level = [f for f in report.findings if f.rep is None]
    assert ("Over the set" in flat) == bool(set_level)
    for finding in set_level:
        assert FAULT_WORDS[finding.mistake] in flat
        assert finding.severity in flat or any(f.severity in flat for f in set_level)
        if finding.check.endswith("_appearing"):
            assert FAULT_WORDS[finding.check.removesuffix("_appearing")] in flat
    plt.close(figure)


def test_from_video_a_fault_within_the_cameras_error_is_marked_as_the_video_report_marks_it():
    _, report, figure = drawn("cable_arched_back_coco17.csv", "cable")
    labels = drawn_rep_labels(figure)
    unsure = {f.rep for f in report.findings if f.mistake == "weak_core" and is_uncertain(f)}
    sure = {f.rep for f in report.findings if f.mistake == "arched_back" and not is_uncertain(f)}
    assert unsure and sure  # the recording has both kinds
    assert all("weak core?" in labels[n][1] for n in unsure)
    assert all("arched back" in labels[n][1] for n in sure)
    key = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert any(text.startswith("?:") for text in key)
    plt.close(figure)
    _, _, measured = drawn("cable_excessive_load_angles.csv", "cable")  # angles: no camera, no "?"
    assert not any(f.endswith("?") for _, faults in drawn_rep_labels(measured).values() for f in faults)
    plt.close(measured)


def test_the_excessive_load_title_gives_the_drop_and_its_allowance():
    _, report, figure = drawn("cable_excessive_load_angles.csv", "cable")
    drop = next(f for f in report.findings if f.check == "range_drop")
    flat = " ".join(figure._suptitle.get_text().split())
    assert f"{FAULT_WORDS['excessive_load']} ({drop.severity})" in flat
    assert f"top fell {drop.measured:.0f}° ({drop.limit:.0f}° allowed)" in flat
    plt.close(figure)


def test_the_raw_samples_are_grey_and_apart_from_every_colour_that_means_something_there():
    _, _, figure = drawn("cable_excessive_load_angles.csv", "cable")
    raw = [line for ax in figure.axes for line in ax.get_lines() if line.get_gid() == "raw_samples"]
    assert raw and {to_hex(line.get_color()) for line in raw} == {RAW_COLOR.lower()}
    meanings = ("working_leg", "lift", "hold", "lower", "reference", "lumbar_extension", "trunk_lean")
    assert all(to_hex(COLORS[m]) != RAW_COLOR.lower() for m in meanings)
    red, green, blue = (int(RAW_COLOR[i : i + 2], 16) for i in (1, 3, 5))
    assert red == green == blue  # a grey: no hue to mistake for a meaning
    plt.close(figure)


@pytest.mark.parametrize("name, variant", shipped_sets())
def test_the_plot_says_once_which_of_its_limits_are_teaching_heuristics(name, variant):
    rows = read_thresholds()
    assert all("teaching heuristic" in rows[name].source.lower() for name, _ in DRAWN_LIMITS)
    recording, report, figure = drawn(name, variant)
    drawn_ids = drawn_limits(recording, report)
    notes = [t.get_text() for t in figure.texts if t.get_gid() == "heuristic_note"]
    assert notes == ([heuristic_note(drawn_ids)] if report.judged else [])
    if report.judged:
        assert "teaching heuristics" in notes[0] and "data/thresholds.csv" in notes[0]
        for words in {words for _, words in DRAWN_LIMITS}:
            assert (words in notes[0]) == any(i in drawn_ids for i, w in DRAWN_LIMITS if w == words)
        assert ("arch limit" in notes[0]) == any(
            ax.get_ylabel().startswith("lower back") for ax in figure.axes
        )
        assert ("momentum times" in notes[0]) == any(t.get_gid() == "lift_time" for t in figure.axes[0].texts)
    plt.close(figure)


def test_the_clean_sets_lower_back_strip_ticks_by_fives_with_room_above_the_arch_limit():
    _, _, figure = drawn("cable_good_angles.csv", "cable")
    strip = next(ax for ax in figure.axes if ax.get_ylabel().startswith("lower back"))
    low, high = strip.get_ylim()
    ticks = [t for t in strip.get_yticks() if low <= t <= high]
    assert {0.0, 5.0, 10.0} <= set(ticks) and np.allclose(np.diff(ticks), 5.0)
    limit = threshold("lumbar_extension_max")
    assert high - limit >= 0.15 * (high - low)  # the line does not run along the top edge
    plt.close(figure)


@given(
    st.floats(min_value=-200, max_value=200),
    st.floats(min_value=1.0, max_value=300.0),
)
def test_strip_ticks_are_few_evenly_spaced_and_inside(low, span):
    high = low + span
    ticks = strip_ticks(low, high)
    assert 2 <= len(ticks) <= 4
    assert all(low - 1e-9 <= t <= high + 1e-9 for t in ticks)
    steps = np.diff(ticks)
    assert np.allclose(steps, steps[0])
    mantissa = steps[0] / 10 ** np.floor(np.log10(steps[0]))
    assert any(np.isclose(mantissa, base) for group in TICK_STEPS for base in group)


@given(
    st.floats(min_value=0.0, max_value=100.0),
    st.floats(min_value=0.01, max_value=100.0),
    st.sampled_from(["s", "deg"]),
)
def test_a_written_number_lies_on_the_same_side_of_its_limit_as_the_measured_one(measured, limit, unit):
    assume(abs(measured - limit) > 1e-6)
    words = measured_words(measured, limit, unit)
    assert (float(words) >= limit) == (measured >= limit)
    shown = len(words.split(".")[1]) if "." in words else 0
    assert abs(float(words) - measured) <= 0.5 * 10.0**-shown + 1e-9  # rounded, not cut
