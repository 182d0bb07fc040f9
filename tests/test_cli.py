"""Tests for `python -m kickback check`: what it prints, its JSON, and its exit codes.

Run as a user would.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kickback.form.keypoint_frames import ONE_PERSON_NOTE, PEOPLE_COLUMN, people_note, read_keypoint_frames
from kickback.form.video_findings import jumps_note

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "data" / "recordings"


def run(*args):
    """Run `python -m kickback ARGS` in a fresh interpreter; return (exit code, stdout, stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "kickback", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def test_check_prints_the_reps_and_the_findings():
    code, out, err = run("check", EXAMPLES / "cable_momentum_angles.csv", "--variant", "cable")
    assert code == 0 and err == ""
    assert "8 reps, tempo 0.5-0-1.5" in out
    assert "Using momentum (the time taken to lift) in reps 1, 2, 3" in out and "Cue: Slow down" in out
    assert "lift_time" not in out and "- momentum (" not in out


def test_check_json_is_one_object_with_reps_and_findings():
    code, out, _ = run(
        "check",
        EXAMPLES / "cable_arched_back_coco17.csv",
        "--variant",
        "cable",
        "--format",
        "coco17",
        "--side",
        "right",
        "--json",
    )
    report = json.loads(out)
    assert code == 0 and {"reps", "findings"} <= set(report)
    assert len(report["reps"]) == 5
    for finding in report["findings"]:
        assert {"mistake", "rep", "measured", "limit", "message", "cue"} <= set(finding)
    assert "arched_back" in {finding["mistake"] for finding in report["findings"]}
    assert "lumbar_extension" in {item["check"] for item in report["cannot_judge"]}


@pytest.mark.parametrize(
    "content, args, message",
    [
        ("", (), "empty (0 bytes)"),
        (
            "time_s,hip_extension_deg,knee_flexion_deg\n0,1,2\n0.1,x,2\n",
            (),
            "line 3, column hip_extension_deg: 'x' is not a number",
        ),
        (
            "time_s,left_hip_x,left_hip_y\n0,1,1\n",
            ("--format", "mediapipe33"),
            "needs --side left or --side right",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path, content, args, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    code, out, err = run("check", path, "--variant", "machine", *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_a_missing_file_exits_2():
    code, _, err = run("check", "no_such_recording.csv", "--variant", "bodyweight")
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_the_figures_command_is_still_there():
    code, out, _ = run("figures", "--help")
    assert code == 0 and "--out" in out


def test_a_bad_option_is_one_line_with_exit_code_2():
    result = subprocess.run(
        [sys.executable, "-m", "kickback", "check", "x.csv", "--variant", "rowing"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "rowing" in result.stderr and "cable" in result.stderr


def keypoints_file(tmp_path, name, people_of_row=None, shift_rows=range(0)):
    """The shipped coco17 example, with a `people_seen` cell per row from `people_of_row(row)` (text)
    and every x moved 900 px in `shift_rows` (the pose estimator following someone else there)."""
    lines = (EXAMPLES / "cable_arched_back_coco17.csv").read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("time_s"))
    names = lines[header].split(",")
    out = lines[:header] + [lines[header] + (f",{PEOPLE_COLUMN}" if people_of_row else "")]
    for row, line in enumerate(lines[header + 1 :]):
        cells = line.split(",")
        if row in shift_rows:
            cells = [f"{float(c) + 900:.2f}" if n.endswith("_x") and c else c for n, c in zip(names, cells)]
        out.append(",".join(cells) + (f",{people_of_row(row)}" if people_of_row else ""))
    path = tmp_path / name
    path.write_text("\n".join(out) + "\n")
    return path


def check_keypoints(path, *extra):
    """`python -m kickback check` on a coco17 file, right side, as the cable variant."""
    return run("check", path, "--variant", "cable", "--format", "coco17", "--side", "right", *extra)


def test_text_and_json_say_when_several_people_were_seen(tmp_path):
    path = keypoints_file(tmp_path, "people.csv", lambda row: "" if row % 10 else ("2" if row < 60 else "1"))
    note = people_note(read_keypoint_frames(path, "coco17").people, "coco17")
    assert note.startswith("Several people were seen in 6 of the ")
    code, out, err = check_keypoints(path)
    assert code == 0 and err == "" and f"- {note}" in out.splitlines()
    code, out, err = check_keypoints(path, "--json")
    assert code == 0 and err == "" and note in json.loads(out)["notes"]


def test_text_and_json_say_the_one_person_followed_when_people_were_not_counted(tmp_path):
    code, out, _ = check_keypoints(keypoints_file(tmp_path, "plain.csv"), "--json")
    assert code == 0 and ONE_PERSON_NOTE in json.loads(out)["notes"]
    code, out, _ = run("check", EXAMPLES / "cable_momentum_angles.csv", "--variant", "cable", "--json")
    assert code == 0 and ONE_PERSON_NOTE not in json.loads(out)["notes"]  # angles: no people to count


def test_text_and_json_say_where_the_followed_skeleton_jumped(tmp_path):
    path = keypoints_file(tmp_path, "jump.csv", shift_rows=range(300, 330))
    sentence = jumps_note([300, 330])
    code, out, _ = check_keypoints(path)
    assert code == 0 and f"- {sentence}" in out.splitlines()
    code, out, _ = check_keypoints(path, "--json")
    assert code == 0 and sentence in json.loads(out)["notes"]
    code, out, _ = check_keypoints(keypoints_file(tmp_path, "still.csv"), "--json")
    assert not any("skeleton jumped" in note for note in json.loads(out)["notes"])


def test_the_command_line_prints_the_notes_of_the_report_a_lesson_gets(tmp_path):
    from kickback.form.analysis import analyze_set
    from kickback.form.recordings import read_recording

    def two_people(row):
        return "" if row % 10 else "2"

    path = keypoints_file(tmp_path, "both.csv", two_people, shift_rows=range(300, 330))
    lesson = analyze_set(read_recording(path, format="coco17", side="right"), "cable")
    code, out, _ = check_keypoints(path, "--json")
    notes = json.loads(out)["notes"]
    assert code == 0 and notes == list(lesson.notes) and len(set(notes)) == len(notes)
    people = people_note(read_keypoint_frames(path, "coco17").people, "coco17")
    assert people in notes and jumps_note([300, 330]) in notes
    assert not any("stills" in note or "clip" in note for note in notes)  # it shows no picture
