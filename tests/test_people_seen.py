"""Several people in view: the people_seen column, read by the one reader, said in the report.

No video needed: the column is added to a shipped keypoints example, as scripts/video_to_keypoints.py
writes it (a count in every Nth frame, blank in between).
"""

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickback.draw.video_report import LOOK_NOTE
from kickback.form.analysis import analyze_set
from kickback.form.exercise_check import check_exercise_file, judge_file, judge_recording, who_was_judged
from kickback.form.exercise_gate import judge_keypoint_frames
from kickback.form.keypoint_frames import (
    ONE_PERSON_NOTE,
    PEOPLE_COLUMN,
    people_clause,
    people_counts,
    people_note,
    read_keypoint_frames,
)
from kickback.form.recording_checks import RecordingError
from kickback.form.recordings import RECORDINGS_DIR, read_recording, recording_from_bytes
from kickback.form.thresholds import threshold
from kickback.form.video_findings import jumps_note, person_jumps

EXAMPLE = RECORDINGS_DIR / "cable_arched_back_coco17.csv"


def with_people(tmp_path: Path, count_of_row, name: str = "people.csv") -> Path:
    """The shipped example with a people_seen column: `count_of_row(i)` gives row i's cell (text)."""
    lines = EXAMPLE.read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("time_s"))
    out = lines[:header] + [lines[header] + "," + PEOPLE_COLUMN]
    out += [line + "," + count_of_row(i) for i, line in enumerate(lines[header + 1 :])]
    path = tmp_path / name
    path.write_text("\n".join(out) + "\n")
    return path


def every_tenth(several_until: int):
    """2 people in the counted frames before row `several_until`, 1 after; blank between counts."""
    return lambda i: "" if i % 10 else ("2" if i < several_until else "1")


def test_the_people_column_is_read_by_the_same_reader_as_the_angles(tmp_path):
    path = with_people(tmp_path, every_tenth(100))
    recording = read_recording(path, format="coco17", side="right")
    people = recording.keypoints.people
    rows = len(recording.time_s)
    assert np.isnan(people[1:10]).all() and people[0] == 2 and people[100] == 1
    assert people_counts(people) == (math.ceil(rows / 10), 10, 2)
    plain = read_recording(EXAMPLE, format="coco17", side="right")
    assert plain.keypoints.people is None  # a file without the column reads as before
    assert np.allclose(plain.angles["hip_extension"], recording.angles["hip_extension"], equal_nan=True)


@pytest.mark.parametrize("cell", ["-1", "2.5", "101", "1e9"])
def test_a_people_count_that_is_no_count_is_refused_naming_the_column_and_the_range(tmp_path, cell):
    path = with_people(tmp_path, lambda i: cell if i == 20 else "1")
    with pytest.raises(RecordingError) as caught:
        read_recording(path, format="coco17", side="right")
    message = str(caught.value)
    assert message.startswith("people.csv: line ") and f"column {PEOPLE_COLUMN}: " in message
    assert f"a whole number from 0 to {threshold('max_people_seen'):g}" in message
    assert f"{PEOPLE_COLUMN}: {float(cell):g} is not a count of people" in message
    assert "\n" not in message


def test_a_people_cell_that_is_not_a_number_is_refused_by_the_csv_reader(tmp_path):
    path = with_people(tmp_path, lambda i: "two" if i == 3 else "")
    with pytest.raises(RecordingError, match=rf"column {PEOPLE_COLUMN}: 'two' is not a number"):
        read_keypoint_frames(path, "coco17")


def test_the_gate_judges_what_the_reader_read_without_a_path(tmp_path):
    path = with_people(tmp_path, every_tenth(60))
    from_bytes = recording_from_bytes(path.read_bytes(), "upload.csv", format="coco17", side="right")
    verdict = judge_recording(from_bytes, "cable")
    assert verdict.passed == judge_file(path, "cable", format="coco17", side="right").passed is True
    assert verdict.notes == (people_note(from_bytes.keypoints.people, "coco17"),)
    assert judge_keypoint_frames(from_bytes.keypoints, "right", "cable").notes == verdict.notes


def test_several_people_are_said_in_the_verdict_and_in_a_refusal(tmp_path):
    path = with_people(tmp_path, every_tenth(60))
    passed = check_exercise_file(path, "cable", format="coco17", side="right")
    assert passed.notes[0].startswith("Several people were seen in 6 of the ")
    assert "follows one person, the most prominent in view" in passed.notes[0]
    refused = judge_file(path, "bodyweight", format="coco17", side="right")
    assert not refused.passed
    assert refused.message().endswith(
        "; several people were seen in 6 of the "
        f"{people_counts(read_keypoint_frames(path, 'coco17').people)[0]} frames where people were counted, "
        "and only one was followed"
    )
    alone = judge_file(
        with_people(tmp_path, every_tenth(0), "alone.csv"), "bodyweight", format="coco17", side="right"
    )
    assert "several people" not in alone.message()
    assert judge_file(EXAMPLE, "cable", format="coco17", side="right").notes == (ONE_PERSON_NOTE,)


def test_the_sentence_names_the_counts_and_the_estimator():
    people = np.array([2, np.nan, np.nan, 1, np.nan, np.nan, 3, np.nan, np.nan])
    sentence = people_note(people, "mediapipe33")
    assert sentence.startswith(
        "Several people were seen in 2 of the 3 frames where people were counted (one frame in 3). "
        "MediaPipe Pose follows one person, the most prominent in view"
    )
    assert "stills" not in sentence and "clip" not in sentence  # names no picture: the command line has none
    assert people_note(people, "coco17").split(". ")[1].startswith("The pose estimator follows one person")
    alone = people_note(np.array([1.0, np.nan, 0.0, np.nan]))
    assert alone.startswith("No more than one person was seen in any of the 2 frames")
    assert people_note(None) == people_note(np.full(4, np.nan)) == ONE_PERSON_NOTE
    assert people_clause(np.array([1.0, 0.0, np.nan])) is None


@given(st.lists(st.one_of(st.none(), st.integers(0, 100)), min_size=1, max_size=200))
def test_the_sentence_counts_the_frames_with_several_people(cells):
    people = np.array([np.nan if cell is None else float(cell) for cell in cells])
    counted = sum(cell is not None for cell in cells)
    several = sum(cell is not None and cell > 1 for cell in cells)
    sentence = people_note(people)
    if several:
        assert sentence.startswith(f"Several people were seen in {several} of the {counted} frames")
        assert people_clause(people).startswith(f"several people were seen in {several} of the {counted} ")
    elif counted:
        assert sentence.startswith(f"No more than one person was seen in any of the {counted} frames")
    else:
        assert sentence == ONE_PERSON_NOTE


def test_the_report_says_who_was_judged(tmp_path):
    from kickback.draw.video_report import show_video_report

    path = with_people(tmp_path, every_tenth(60), "people_coco17.csv")
    page = show_video_report(str(path), "cable", out=tmp_path / "report").page.read_text()
    assert "<h2>Who was judged</h2><p>Several people were seen in 6 of the " in page
    assert page.count(LOOK_NOTE) == 1  # where to look is said on the page that has the pictures
    plain = show_video_report(str(EXAMPLE), "cable", out=tmp_path / "plain").page.read_text()
    assert f"<h2>Who was judged</h2><p>{ONE_PERSON_NOTE}</p><p>{LOOK_NOTE}</p><h2>" in plain
    alone = with_people(tmp_path, every_tenth(0), "alone_coco17.csv")
    page = show_video_report(str(alone), "cable", out=tmp_path / "alone").page.read_text()
    assert "<h2>Who was judged</h2><p>No more than one person was seen" in page and LOOK_NOTE not in page


def shifted_after(
    tmp_path: Path, row: int, dx: float, name: str = "jump_coco17.csv", until: int = 10**9
) -> Path:
    """The shipped example with every x moved `dx` pixels in data rows `row` to `until` (another person)."""
    lines = EXAMPLE.read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("time_s"))
    names = lines[header].split(",")
    out = lines[: header + 1]
    for i, line in enumerate(lines[header + 1 :]):
        cells = line.split(",")
        if row <= i < until:
            cells = [f"{float(c) + dx:.2f}" if n.endswith("_x") and c else c for n, c in zip(names, cells)]
        out.append(",".join(cells))
    path = tmp_path / name
    path.write_text("\n".join(out) + "\n")
    return path


@pytest.mark.parametrize("dx", [-900.0, 700.0])
def test_a_skeleton_that_jumps_to_another_place_is_found_and_said(tmp_path, dx):
    frames = read_keypoint_frames(shifted_after(tmp_path, 300, dx), "coco17")
    assert person_jumps(frames, "right") == [300]
    assert jumps_note([300]).startswith("The skeleton jumped across the image once (at frame 300): ")
    assert person_jumps(read_keypoint_frames(EXAMPLE, "coco17"), "right") == []
    assert jumps_note([]) is None


def test_the_report_says_where_the_skeleton_jumped(tmp_path):
    from kickback.draw.video_report import show_video_report

    path = shifted_after(tmp_path, 300, 60.0, "small_coco17.csv", until=330)  # a step: not said
    page = show_video_report(str(path), "cable", out=tmp_path / "a").page.read_text()
    assert "skeleton jumped" not in page
    path = shifted_after(tmp_path, 300, 900.0, until=330)  # a second person for a second, then back
    page = show_video_report(str(path), "cable", out=tmp_path / "b").page.read_text()
    assert "The skeleton jumped across the image 2 times (at frames 300, 330)" in page


def test_a_passed_keypoints_report_says_who_was_judged_once(tmp_path):
    path = with_people(tmp_path, every_tenth(60))
    recording = read_recording(path, format="coco17", side="right")
    report = analyze_set(recording, "cable")
    note = people_note(recording.keypoints.people, "coco17")
    assert report.not_judged is None and report.reps and report.notes.count(note) == 1
    assert f"- {note}" in report.describe().splitlines() and report.as_dict()["notes"].count(note) == 1
    angles = analyze_set(RECORDINGS_DIR / "cable_momentum_angles.csv", "cable")
    assert not any("person" in n or "skeleton jumped" in n for n in angles.notes)  # nobody to follow


def test_a_passed_report_says_where_the_skeleton_jumped_as_the_video_report_does(tmp_path):
    from kickback.draw.video_report import show_video_report

    path = shifted_after(tmp_path, 300, 900.0, until=330)
    recording = read_recording(path, format="coco17", side="right")
    report = analyze_set(recording, "cable")
    jumps = jumps_note([300, 330])
    assert report.not_judged is None and report.notes.count(jumps) == 1
    assert who_was_judged(recording, judge_recording(recording, "cable")) == (ONE_PERSON_NOTE, jumps)
    page = show_video_report(str(path), "cable", out=tmp_path / "v").page.read_text()
    assert f"<p>{ONE_PERSON_NOTE}</p><p>{jumps}</p><p>{LOOK_NOTE}</p>" in page


def test_a_refused_keypoints_report_keeps_the_same_notes(tmp_path):
    path = with_people(tmp_path, every_tenth(60))
    recording = read_recording(path, format="coco17", side="right")
    refused = analyze_set(recording, "bodyweight")
    assert refused.not_judged is not None and not refused.reps
    assert refused.notes.count(people_note(recording.keypoints.people, "coco17")) == 1
    passed = analyze_set(recording, "cable")
    assert [n for n in refused.notes if n not in recording.notes] == [
        n for n in passed.notes if n not in recording.notes
    ]
