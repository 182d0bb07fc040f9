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
