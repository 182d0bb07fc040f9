"""Is this the exercise? The gate refuses what is not the variant named and lets the real thing through."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.__main__ import main as kickback_main
from kickback.form.exercise_check import check_exercise_file, judge_file
from kickback.form.exercise_gate import NotTheExerciseError, check_exercise, judge_angles, judge_keypoints
from kickback.form.findings import MISTAKES
from kickback.form.recordings import (
    RECORDINGS_DIR,
    Recording,
    guess_format,
    list_recordings,
    write_angles_csv,
)
from kickback.form.simulate import model_keypoints, simulate_set, write_keypoints_csv
from kickback.model.variants import VARIANTS


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("mistake", [None, *MISTAKES])
def test_every_simulated_set_passes_the_gate(variant, mistake):
    assert check_exercise(simulate_set(variant, mistake), variant).label == (mistake or "good")


@pytest.mark.parametrize("name", list_recordings())
def test_every_shipped_example_passes_the_gate(name):
    fmt = guess_format(name)
    verdict = check_exercise_file(
        RECORDINGS_DIR / name, name.split("_")[0], format=fmt, side=None if fmt == "angles" else "right"
    )
    assert verdict.passed


def test_a_quadruped_set_is_not_a_cable_kickback_and_back():
    with pytest.raises(
        NotTheExerciseError, match=r"^this does not look like a cable kickback: the trunk is near"
    ):
        check_exercise(simulate_set("bodyweight"), "cable")
    with pytest.raises(
        NotTheExerciseError,
        match=r"^this does not look like a quadruped kickback: the trunk is upright in 100 %",
    ):
        check_exercise(simulate_set("cable"), "bodyweight")


def stride(period_s: float, seconds: float = 10.0, fps: float = 30.0) -> Recording:
    """A walker seen from the side: the thigh swings 25 deg forward and 15 deg back, the trunk upright."""
    time_s = np.arange(0, seconds, 1 / fps)
    hip = -5 + 20 * np.sin(2 * np.pi * time_s / period_s)
    return Recording(time_s, {"hip_extension": hip, "knee_flexion": 20 + 0 * hip, "trunk_lean": 3 + 0 * hip})


def test_a_stride_is_not_a_rep_but_a_slow_swing_is():
    verdict = judge_angles(stride(1.0), "cable")
    assert not verdict.passed and "every 1.0 s, quicker than any rep" in verdict.reason
    assert judge_angles(stride(3.0), "cable").passed


def test_a_thigh_far_behind_the_trunk_line_is_refused():
    time_s = np.arange(0, 8, 1 / 30)
    hip = 38 + 38 * np.sin(2 * np.pi * time_s / 2.5)  # 95th percentile: 75 deg behind the trunk line
    verdict = judge_angles(Recording(time_s, {"hip_extension": hip, "knee_flexion": 0 * hip}), "cable")
    assert not verdict.passed
    assert "the thigh reaches 75 deg behind the trunk line, more than 60" in verdict.reason


# --- keypoints --------------------------------------------------------------------------------


def scored(points, score=0.9):
    return {
        joint: (np.asarray(x, float), np.asarray(y, float), np.full(len(x), score))
        for joint, (x, y) in points.items()
    }


BASES = {
    variant: (lambda rec, v=variant: (rec.time_s, scored(model_keypoints(rec, v, "coco17", "right"))))(
        simulate_set(variant, None, reps=3, noise_deg=0.5)
    )
    for variant in VARIANTS
}


def test_simulated_keypoints_pass_and_the_wrong_variant_is_refused():
    for variant, (time_s, points) in BASES.items():
        assert judge_keypoints(time_s, points, "coco17", "right", variant).passed
    time_s, points = BASES["cable"]
    verdict = judge_keypoints(time_s, points, "coco17", "right", "bodyweight")
    assert verdict.reason.startswith("the hands and knees are not on the floor in 100 % of frames")


def front_view(points):
    """The far shoulder and hip moved a trunk's length away from the near ones: a camera in front."""
    moved = dict(points)
    for joint in ("left_shoulder", "left_hip"):
        x, y, s = points[joint]
        moved[joint] = (x + 120.0, y, s)
    return moved


def drifting(time_s, points, px_per_s=200.0):
    """The whole person walking across the image."""
    return {joint: (x + px_per_s * time_s, y, s) for joint, (x, y, s) in points.items()}


def test_a_front_view_a_walk_and_an_empty_clip_are_refused():
    time_s, points = BASES["cable"]
    assert (
        "the camera is not at the side"
        in judge_keypoints(time_s, front_view(points), "coco17", "right", "cable").reason
    )
    walk = judge_keypoints(time_s, drifting(time_s, points), "coco17", "right", "cable")
    assert walk.reason.startswith("the hip travels") and "on the spot" in walk.reason
    blank = {joint: (x * np.nan, y * np.nan, s * 0) for joint, (x, y, s) in points.items()}
    assert (
        judge_keypoints(time_s, blank, "coco17", "right", "cable").reason
        == "no person was found in any frame"
    )


def transformed(points, *, mirror, scale, dx, dy, width=1280.0):
    """The same recording mirrored (left and right joint names swapped) and rescaled."""
    result = {}
    for joint, (x, y, s) in points.items():
        name = joint
        if mirror:
            name = joint.replace("left", "@").replace("right", "left").replace("@", "right")
            x = width - x
        result[name] = (scale * x + dx, scale * y + dy, s)
    return result


CASES = [(variant, change) for variant in VARIANTS for change in ("none", "front", "walk")]


@settings(max_examples=30, deadline=None)
@given(
    case=st.sampled_from(CASES),
    mirror=st.booleans(),
    scale=st.floats(0.2, 5.0),
    dx=st.floats(-500, 500),
    dy=st.floats(-500, 500),
    judged_as=st.sampled_from(VARIANTS),
)
def test_mirrored_or_rescaled_keypoints_get_the_same_verdict(case, mirror, scale, dx, dy, judged_as):
    variant, change = case
    time_s, points = BASES[variant]
    if change == "front":
        points = front_view(points)
    elif change == "walk":
        points = drifting(time_s, points)
    before = judge_keypoints(time_s, points, "coco17", "right", judged_as)
    side = "left" if mirror else "right"
    after = judge_keypoints(
        time_s, transformed(points, mirror=mirror, scale=scale, dx=dx, dy=dy), "coco17", side, judged_as
    )
    assert after.passed == before.passed
    if not before.passed:
        assert after.reason.split(":")[0].split(" ")[:4] == before.reason.split(":")[0].split(" ")[:4]


# --- the file and the command line -------------------------------------------------------------


def test_a_keypoints_file_of_the_wrong_variant_is_refused_by_the_command_line(tmp_path, capsys):
    path = write_keypoints_csv(tmp_path / "quadruped.csv", simulate_set("bodyweight", reps=3), "bodyweight")
    assert judge_file(path, "bodyweight", format="coco17", side="right").passed
    assert (
        kickback_main(["check", str(path), "--variant", "cable", "--format", "coco17", "--side", "right"])
        == 2
    )
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: this does not look like a cable kickback:") and "\n" not in error


def test_an_angles_file_that_is_the_variant_is_still_judged(tmp_path, capsys):
    path = write_angles_csv(tmp_path / "set.csv", simulate_set("machine", "momentum", reps=4))
    assert kickback_main(["check", str(path), "--variant", "machine", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["reps"]) == 4 and "momentum" in {f["mistake"] for f in report["findings"]}


@pytest.mark.parametrize("name", [n for n in list_recordings() if guess_format(n) != "angles"])
def test_a_camera_on_the_other_side_passes_the_gate_as_the_reader_reads_it(tmp_path, name, capsys):
    """x flipped, joint names kept (the learner faces left): the gate reads the facing as the reader does."""
    lines = (RECORDINGS_DIR / name).read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    header = body[0].split(",")

    def flip(row: str) -> str:
        cells = row.split(",")
        return ",".join(
            f"{1280 - float(c):.3f}" if h.endswith("_x") and c.strip() else c for h, c in zip(header, cells)
        )

    mirrored = tmp_path / name
    mirrored.write_text("\n".join([body[0], *map(flip, body[1:])]) + "\n", encoding="utf-8")
    variant = name.split("_")[0]
    assert check_exercise_file(mirrored, variant, format=guess_format(name), side="right").passed
    fmt = guess_format(name)
    command = ["check", str(mirrored), "--variant", variant, "--format", fmt, "--side", "right"]
    assert kickback_main(command) == 0
    capsys.readouterr()


def test_a_passed_keypoints_set_reports_the_gate_notes_and_an_angles_set_none(tmp_path):
    from kickback.form.analysis import analyze_set
    from kickback.form.recordings import read_recording

    path = write_keypoints_csv(tmp_path / "cable.csv", simulate_set("cable", reps=3), "cable")
    recording = read_recording(path, format="coco17", side="right")
    verdict = judge_file(path, "cable", format="coco17", side="right")
    report = analyze_set(recording, "cable")
    assert verdict.passed and verdict.notes and report.not_judged is None
    assert [note for note in report.notes if note in verdict.notes] == list(verdict.notes)
    angles = write_angles_csv(tmp_path / "set.csv", simulate_set("cable", reps=3))
    assert not set(analyze_set(angles, "cable").notes) & set(verdict.notes)
