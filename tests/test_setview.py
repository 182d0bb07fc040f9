"""Lesson 09's set view: the shipped recordings, the picture and the widget."""

import datetime

import pytest

from kickback.draw.set_timeline import show_set
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
    """The legend entries of the panel under the hip."""
    return [text.get_text() for text in figure.axes[1].get_legend().get_texts()]


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
