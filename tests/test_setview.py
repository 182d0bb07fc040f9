"""Lesson 09's set view: the shipped recordings, the picture and the widget."""

import datetime

import numpy as np
import pytest

from kickback.draw.set_timeline import show_set
from kickback.form.analysis import analyze_set
from kickback.form.recordings import guess_format, list_recordings
from kickback.widgets.set_checker import check_your_set


def test_every_shipped_recording_is_listed_with_its_format():
    names = list_recordings()
    assert "cable_good_angles.csv" in names
    assert guess_format("cable_arched_back_coco17.csv") == "coco17"
    assert guess_format("cable_good_angles.csv") == "angles"


def test_show_set_gives_a_picture_and_the_report_in_words():
    view = show_set("cable_momentum_angles.csv", "cable")
    bundle = view._repr_mimebundle_()
    assert bundle["image/png"]
    assert "momentum" in bundle["text/plain"]
    assert len(view.report.reps) == 8


def test_unknown_recording_is_refused_with_the_list():
    with pytest.raises(ValueError, match="recording must be one of .*cable_good_angles.csv.*got 'mine.csv'"):
        show_set("mine.csv", "cable")


def test_the_widget_follows_the_choice_and_reports_bad_files_in_words(tmp_path):
    widget = check_your_set()
    picture = widget.image.value
    widget.recording.value = "cable_arched_back_coco17.csv"
    assert widget.format.value == "coco17"
    assert widget.image.value != picture
    assert "coco17" in widget.words.value
    widget.upload.value = (
        {
            "name": "bad.csv",
            "type": "text/csv",
            "size": 9,
            "content": memoryview(b"time_s,x\n"),
            "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        },
    )
    widget.format.value = "angles"
    widget.check()
    assert "Cannot read this file" in widget.words.value


# --- what a body can do: on all fours the lower back and pelvis, not a tipping trunk ---------------------


def lower_panel_words(figure) -> list[str]:
    """The names at the right end of the strips under the hip (one line of each name)."""
    return [
        text.get_text().splitlines()[0]
        for ax in figure.axes[1:]
        for text in ax.texts
        if text.get_gid() == "line_end_label"
    ]


def test_on_all_fours_the_timeline_draws_the_lower_back_and_pelvis_not_the_trunk():
    from kickback.draw.set_timeline import draw_set
    from kickback.form.recordings import RECORDINGS_DIR, read_recording

    recording = read_recording(RECORDINGS_DIR / "bodyweight_weak_core_angles.csv")
    view = show_set("bodyweight_weak_core_angles.csv", "bodyweight")
    words = lower_panel_words(draw_set(recording, view.report))
    assert "lower back arch" in words and "pelvis side tilt" in words and "trunk lean" not in words
    standing = show_set("cable_weak_core_angles.csv", "cable")
    cable = read_recording(RECORDINGS_DIR / "cable_weak_core_angles.csv")
    assert "trunk lean" in lower_panel_words(draw_set(cable, standing.report))
    assert "arch limit 10°" in words


def test_from_the_side_on_all_fours_the_trunk_line_is_all_there_is_to_draw():
    from kickback.draw.set_timeline import draw_set
    from kickback.form.recordings import RECORDINGS_DIR, read_recording

    recording = read_recording(
        RECORDINGS_DIR / "bodyweight_arched_back_coco17.csv", format="coco17", side="right"
    )
    view = show_set("bodyweight_arched_back_coco17.csv", "bodyweight")
    figure = draw_set(recording, view.report)
    assert lower_panel_words(figure) == ["trunk lean"] and "not recorded" in figure.axes[1].get_title("left")


@pytest.mark.parametrize(
    "variant, shown, hidden",
    [("bodyweight", "pelvis side tilt", "trunk lean"), ("cable", "trunk lean", "pelvis side tilt")],
)
def test_the_weak_core_trace_figure_shows_what_the_variant_can_do(variant, shown, hidden):
    from kickback.draw.set_timeline import draw_mistake_traces
    from kickback.draw.style import new_figure

    figure = new_figure(9.6, 3.6)
    words = " ".join(draw_mistake_traces(figure, "weak_core", variant, "Lack of core engagement"))
    assert shown in words and hidden not in words
    correct, mistake = figure.axes
    assert correct.get_title().startswith("✓") and mistake.get_title().startswith("✗")
    if variant == "bodyweight":  # the back sags in the mistake only, and stays below the arch limit
        (lumbar_correct, lumbar_mistake) = (
            max(line.get_ydata().max() for line in ax.get_lines() if line.get_label() == "lower back arch")
            for ax in (correct, mistake)
        )
        assert lumbar_correct < 3 < 6 < lumbar_mistake < 10


def test_a_set_that_is_not_the_variant_is_drawn_as_not_judged():
    from kickback.draw.set_timeline import SetView, draw_set
    from kickback.form.simulate import simulate_set

    recording = simulate_set("cable", None, reps=3)
    view = SetView(recording, "bodyweight")
    assert view.report.not_judged and "Form was not judged" in view._repr_mimebundle_()["text/plain"]
    title = draw_set(recording, view.report)._suptitle.get_text()
    assert title.startswith("Not judged ✗") and "quadruped" in title


# --- the set timeline's strips, targets and momentum numbers ------------------------------------------


def _drawn(name: str, variant: str = "cable"):
    from kickback.draw.set_timeline import draw_set
    from kickback.form.recordings import RECORDINGS_DIR, read_recording

    recording = read_recording(RECORDINGS_DIR / name)
    report = analyze_set(recording, variant)
    return recording, report, draw_set(recording, report)


def _strip_holding(figure, words: str):
    """The strip whose right-end names include `words`."""
    for ax in figure.axes[1:]:
        if any(t.get_text().startswith(words) for t in ax.texts if t.get_gid() == "line_end_label"):
            return ax
    raise AssertionError(f"no strip names {words!r}")


def test_the_arch_limit_is_drawn_on_the_lower_backs_own_strip_and_nowhere_else():
    from kickback.form.thresholds import threshold

    _, _, figure = _drawn("cable_good_angles.csv")
    limit = threshold("lumbar_extension_max")
    back = _strip_holding(figure, "lower back arch")
    limits = [ax for ax in figure.axes for line in ax.get_lines() if list(line.get_ydata()) == [limit, limit]]
    assert limits == [back]
    assert {t.get_text() for t in back.texts} >= {"lower back arch", f"arch limit {limit:g}°"}
    assert not any(t.get_text().startswith(("trunk", "pelvis")) for t in back.texts)


def test_trunk_lean_is_drawn_as_its_change_from_the_start_in_its_own_strip():
    recording, _, figure = _drawn("cable_good_angles.csv")
    trunk = _strip_holding(figure, "trunk lean")
    assert float(np.nanmedian(recording.angles["trunk_lean"])) > 15  # about 20° as recorded
    smooth = [line for line in trunk.get_lines() if line.get_label().startswith("trunk lean")][0]
    assert abs(float(np.nanmedian(smooth.get_ydata()))) < 2  # drawn about 0: still, not over any limit
    start = round(float(np.median(recording.angles["trunk_lean"][recording.time_s <= 1.0])))
    assert any(f"0 = {start}°" in t.get_text() for t in trunk.texts)


def test_the_pelvis_has_its_own_strip_with_two_distinct_lines():
    _, _, figure = _drawn("cable_good_angles.csv")
    pelvis = _strip_holding(figure, "pelvis")
    named = {t.get_text() for t in pelvis.texts if t.get_gid() == "line_end_label"}
    assert named == {"pelvis turn", "pelvis side tilt"}
    lines = [line for line in pelvis.get_lines() if line.get_label() in named]
    looks = {(line.get_color(), str(line.get_linestyle())) for line in lines}
    colours = {line.get_color() for line in lines}
    assert len(lines) == 2 and len(looks) == 2 and len(colours) == 2


def test_a_faulty_set_shows_the_taught_top_the_cut_off_and_each_momentum_reps_numbers():
    from kickback.draw.rep_labels import lift_time_words
    from kickback.form.thresholds import target_top, threshold

    _, report, figure = _drawn("cable_excessive_load_angles.csv")
    hip = figure.axes[0]
    top = target_top("cable")
    cut = top - threshold("rom_shortfall_max")
    levels = {float(line.get_ydata()[0]) for line in hip.get_lines() if len(set(line.get_ydata())) == 1}
    assert {top, cut} <= levels
    names = {t.get_text() for t in hip.texts if t.get_gid() == "line_end_label"}
    assert names == {f"taught top {top:.0f}°", f"short range below {cut:.0f}°"}
    numbers = {t.get_text() for t in hip.texts if t.get_gid() == "lift_time"}
    flagged = {f.rep for f in report.findings if f.mistake == "momentum"}
    assert flagged and len(numbers) == len(flagged)
    for rep in report.reps:
        words = lift_time_words(report, rep.number)
        assert bool(words) == (rep.number in flagged)
        lift_flagged = any(
            f.rep == rep.number and f.check == "lift_time" for f in report.findings if f.mistake == "momentum"
        )
        assert ("up " in words) == lift_flagged
        if lift_flagged:
            assert f"up {rep.concentric_s:.1f} s" in words or f"up {rep.concentric_s:.2f} s" in words


def test_a_rounded_number_never_lands_on_the_wrong_side_of_its_limit():
    from kickback.draw.rep_labels import measured_words

    assert measured_words(0.29, 0.3, "s") == "0.29"
    assert measured_words(0.6, 1.0, "s") == "0.6"
    assert measured_words(0.97, 1.0, "s") == "0.97"


def test_the_weak_core_allowance_is_laid_from_each_reps_own_lowest_point():
    from matplotlib.patches import Rectangle

    from kickback.draw.mistake_traces import draw_mistake_traces, simulated
    from kickback.draw.style import new_figure
    from kickback.draw.trace_marks import rep_movements
    from kickback.draw.traces import smooth_trace
    from kickback.form.thresholds import threshold

    figure = new_figure(9.6, 3.6)
    draw_mistake_traces(figure, "weak_core", "bodyweight", "Lack of core engagement")
    for ax, mistake in zip(figure.axes, (None, "weak_core")):
        recording = simulated("bodyweight", mistake, "weak_core")
        smooth = smooth_trace(recording.time_s, recording.angles["lumbar_extension"])
        moves = rep_movements(recording, "bodyweight", smooth)
        bands = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch() == ".."]
        assert len(bands) == len(moves) == 3  # one band a rep: the reps show in the correct panel too
        for band, (rep, _, _) in zip(bands, moves):
            inside = (recording.time_s >= rep.start_s) & (recording.time_s <= rep.end_s)
            assert band.get_y() == pytest.approx(smooth[inside].min())  # max - min <= 6 <=> fits inside
            assert band.get_height() == pytest.approx(threshold("trunk_excursion_max"))
            assert rep.start_s <= band.get_x() < band.get_x() + band.get_width() <= rep.end_s


def test_the_proposed_weak_core_title_states_what_the_set_shows():
    from kickback.draw.mistake_traces import core_movements, simulated, trace_finding_title

    moved = core_movements(simulated("bodyweight", "weak_core", "weak_core"), "bodyweight")
    title = trace_finding_title("weak_core", "bodyweight")
    assert f"lower back moves {max(moved['lumbar_extension']):.0f}° ✗" in title
    assert f"pelvis {max(moved['pelvic_hike']):.0f}° ✓" in title  # within the allowance: not a fault
    assert 6 < min(moved["lumbar_extension"]) and 2 < max(moved["pelvic_hike"]) < 6


@pytest.mark.parametrize("mistake", ["momentum", "excessive_load"])
def test_hip_mistake_panels_show_the_taught_top_a_smoothed_solid_trace_and_a_note(mistake):
    from kickback.draw.mistake_traces import draw_mistake_traces, simulated
    from kickback.draw.style import new_figure
    from kickback.form.thresholds import target_top

    figure = new_figure(9.6, 3.6)
    draw_mistake_traces(figure, mistake, "cable", "the mistake")
    for ax in figure.axes:
        solid = [
            line for line in ax.get_lines() if line.get_linestyle() == "-" and (line.get_alpha() or 1) == 1
        ]
        raw = [line for line in ax.get_lines() if (line.get_alpha() or 1) < 0.5]
        assert solid and raw
        assert any(list(line.get_ydata()) == [target_top("cable")] * 2 for line in ax.get_lines())
        assert [t for t in ax.texts if t.get_gid() == "finding_note"]
    note = [t.get_text() for t in figure.axes[1].texts if t.get_gid() == "finding_note"][0]
    reps = analyze_set(simulated("cable", mistake, mistake), "cable").reps
    if mistake == "momentum":
        assert note.startswith(f"{len(reps)} reps in") and "no pause at the top" in note
    else:
        first, last = reps[0].peak_hip_extension_deg, reps[-1].peak_hip_extension_deg
        assert f"from {first:.0f}° to {last:.0f}°" in note and last < first - 5
