"""The video-to-keypoints script writes CSVs the course reads.

Tested without MediaPipe, on landmarks we make.
"""

import importlib.util
import math
from pathlib import Path
from types import SimpleNamespace

import pytest

from kickback.form.analysis import analyze_set
from kickback.form.keypoints import SKELETONS
from kickback.form.recordings import read_recording
from kickback.form.simulate import simulate_set
from kickback.model.anthropometrics import default_body
from kickback.model.pose import preset_pose
from kickback.model.skeleton import pose_joints

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "video_to_keypoints.py"
spec = importlib.util.spec_from_file_location("video_to_keypoints", SCRIPT)
video = importlib.util.module_from_spec(spec)
spec.loader.exec_module(video)


def test_landmark_names_match_the_course_reader():
    assert video.MEDIAPIPE33 == SKELETONS["mediapipe33"]


def fake_landmarks(pose, width, height):
    """MediaPipe-style normalised landmarks for a right-side view of the model (y down)."""
    joints = pose_joints(pose, default_body(), "cable")
    named = {
        "right_shoulder": "shoulder",
        "right_hip": "hip",
        "right_knee": "knee",
        "right_ankle": "ankle",
        "left_shoulder": "shoulder",
        "left_hip": "hip",
        "left_knee": "support_knee",
        "left_ankle": "support_ankle",
    }
    points = []
    for name in video.MEDIAPIPE33:
        x, y = joints[named.get(name, "shoulder")]
        points.append(SimpleNamespace(x=(400 + 300 * x) / width, y=(700 - 300 * y) / height, visibility=0.9))
    return points


def test_rows_from_landmarks_are_read_and_checked_end_to_end(tmp_path):
    recording = simulate_set("cable", None, reps=3, seed=3, noise_deg=0.0)
    rows = []
    for i, t in enumerate(recording.time_s):
        pose = preset_pose("cable", "start").replace(
            **{
                name: float(values[i])
                for name, values in recording.angles.items()
                if name != "lumbar_extension"
            }
        )
        rows.append(video.make_row(float(t), fake_landmarks(pose, 800, 800), 800, 800))
    rows[5] = video.make_row(float(recording.time_s[5]), None, 800, 800)
    path = tmp_path / "set.csv"
    video.write_rows(path, rows)
    read = read_recording(path, format="mediapipe33", side="right")
    assert math.isnan(read.angles["hip_extension"][5])
    assert len(analyze_set(read, "cable").reps) == 3
    assert not list(tmp_path.glob(".*partial"))


def test_a_wrong_number_of_landmarks_is_refused():
    with pytest.raises(ValueError, match="landmarks must list 33 points; got 2"):
        video.make_row(0.0, [SimpleNamespace(x=0, y=0)] * 2, 10, 10)


def test_frame_numbers_are_read_and_bad_ones_refused():
    assert video.parse_frames("0,12, 40,") == [0, 12, 40]
    with pytest.raises(ValueError, match="--frames must be frame numbers separated by commas; got 'a,b'"):
        video.parse_frames("a,b")
    with pytest.raises(ValueError, match="--frames must be 0 or more"):
        video.parse_frames("3,-1")


def test_progress_is_said_about_every_tenth_of_the_frames(capsys):
    progress = video.Progress(100, enabled=True)
    for done in range(1, 101):
        progress.update(done)
    lines = capsys.readouterr().err.splitlines()
    assert (
        lines[0] == "reading frames: 10 of 100 (10 %)" and lines[-1] == "reading frames: 100 of 100 (100 %)"
    )
    assert len(lines) == 10


def test_the_people_count_is_the_last_column_and_the_reader_takes_it(tmp_path):
    assert video.make_header()[-1] == "people_seen" and len(video.make_header()) == 2 + 3 * 33
    recording = simulate_set("cable", None, reps=2, seed=5, noise_deg=0.0)
    rows = []
    for i, t in enumerate(recording.time_s):
        pose = preset_pose("cable", "start").replace(
            **{name: float(v[i]) for name, v in recording.angles.items() if name != "lumbar_extension"}
        )
        people = None if i % 10 else (2 if i < 40 else 1)
        rows.append(video.make_row(float(t), fake_landmarks(pose, 800, 800), 800, 800, people))
    rows.append(video.make_row(float(recording.time_s[-1]) + 0.1, None, 800, 800, 0))
    assert [len(row) for row in rows] == [len(video.make_header())] * len(rows)
    path = tmp_path / "set.csv"
    video.write_rows(path, rows)
    people = read_recording(path, format="mediapipe33", side="right").keypoints.people
    assert people[0] == 2 and people[40] == 1 and people[-1] == 0 and math.isnan(people[1])


def test_people_are_the_followed_person_and_every_box_that_is_not_them():
    followed = (100.0, 50.0, 80.0, 300.0)
    same = (95.0, 40.0, 90.0, 320.0)  # mostly inside the followed person's box
    other = (400.0, 60.0, 70.0, 280.0)
    assert video.count_people(followed, [same, other]) == 2
    assert video.count_people(followed, [same]) == 1
    assert video.count_people(followed, []) == 1
    assert video.count_people(None, [same, other]) == 2
    assert video.count_people(None, []) == 0


def test_the_followed_persons_box_holds_only_landmarks_inside_the_frame():
    inside = [SimpleNamespace(x=0.25, y=0.5), SimpleNamespace(x=0.5, y=0.75)]
    outside = [SimpleNamespace(x=1.5, y=0.5), SimpleNamespace(x=0.3, y=-0.2)]
    assert video.landmark_box(inside + outside, 800, 400) == (200.0, 200.0, 200.0, 100.0)
    assert video.landmark_box(outside, 800, 400) is None and video.landmark_box(None, 800, 400) is None
