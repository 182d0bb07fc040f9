"""Hostile input (issue 10): no file, array or command can exhaust the machine or pass off no signal as a set.

Each case the issue names is a test here: bounded work before allocating, a linear header with a
column cap, no signal refused, the camera on the other side, spreadsheet dialects, one validation
for every way in, a command line that answers every error in one line, and safe file writing.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kickback.files import write_atomically
from kickback.form.analysis import analyze_set
from kickback.form.keypoints import angles_from_points, facing_from_points
from kickback.form.recordings import (
    Recording,
    RecordingError,
    check_signal,
    read_recording,
    recording_from_bytes,
    write_angles_csv,
)
from kickback.form.signal import resample_uniform
from kickback.form.simulate import simulate_set, write_keypoints_csv
from kickback.validate import check_in_range

REPO = Path(__file__).resolve().parent.parent
HEADER = "time_s,hip_extension_deg,knee_flexion_deg\n"


def angles_text(time_s, hip, knee=None, header=HEADER, separator=",", decimal="."):
    """An angles CSV as text."""
    knee = np.full(len(time_s), 10.0) if knee is None else knee
    rows = [
        separator.join(f"{value:.10g}".replace(".", decimal) for value in row)
        for row in zip(time_s, hip, knee)
    ]
    return header.replace(",", separator) + "\n".join(rows) + "\n"


def reps_wave(seconds=20.0, fps=30.0, period=5.0):
    """Time and a hip angle that rises and falls once every `period` seconds (degrees)."""
    t = np.arange(0, seconds, 1 / fps)
    return t, -15 + 35 * (0.5 - 0.5 * np.cos(2 * np.pi * t / period))


def summary(report):
    return (
        len(report.reps),
        str(report.tempo),
        sorted((f.mistake, f.check, f.rep or 0) for f in report.findings),
    )


def run_cli(*args, env=None, limit_bytes=None, cwd=REPO):
    """`python -m kickback ARGS` in a fresh interpreter, optionally under an address-space limit."""

    def limit():
        if limit_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    done = subprocess.run(
        [sys.executable, "-m", "kickback", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", **(env or {})},
        preexec_fn=limit,
    )
    return done.returncode, done.stdout, done.stderr


def assert_one_line_error(code, out, err):
    assert code == 2, (code, out, err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err


# --- 1. bounded work before allocating ---------------------------------------------------------------

TINY_HOSTILE_TIMES = {
    "a late frame (1e7 s)": ([0, 0.02, 0.04, 0.06, 1e7], "lasts 1e\\+07 s; one set lasts at most 1800 s"),
    "a late frame (1e6 s)": ([0, 0.02, 0.04, 0.06, 1e6], "lasts 1e\\+06 s"),
    "a time of 1e300": ([0, 0.02, 0.04, 0.06, 1e300], "lasts 1e\\+300 s"),
    "nanosecond steps": ([0, 1e-9, 2e-9, 3e-9, 4e-9], "more than any camera gives \\(at most 1000\\)"),
    "a gap of a second": (list(np.arange(0, 2, 1 / 30)) + [3.0, 3.1], "line 62: 1.0\\d* s pass since"),
}


@pytest.mark.parametrize("times, message", TINY_HOSTILE_TIMES.values(), ids=TINY_HOSTILE_TIMES.keys())
def test_a_tiny_file_cannot_ask_for_a_huge_grid(tmp_path, times, message):
    path = tmp_path / "tiny.csv"
    path.write_text(angles_text(np.array(times, dtype=float), np.linspace(-15, 20, len(times))))
    with pytest.raises(RecordingError, match=message) as caught:
        read_recording(path)
    assert "\n" not in str(caught.value)
    recording = Recording(np.array(times, dtype=float), {"hip_extension": np.zeros(len(times))})
    with pytest.raises(ValueError, match=message.split(": ", 1)[-1].replace("line 62", "frame 61")):
        analyze_set(recording, "cable")
    with pytest.raises(ValueError):
        resample_uniform(recording.time_s, recording.angles)


@pytest.mark.parametrize("times", [v[0] for v in TINY_HOSTILE_TIMES.values()], ids=TINY_HOSTILE_TIMES.keys())
def test_the_command_line_answers_hostile_times_in_one_line_within_a_small_memory(tmp_path, times):
    path = tmp_path / "tiny.csv"
    path.write_text(angles_text(np.array(times, dtype=float), np.linspace(-15, 20, len(times))))
    assert_one_line_error(*run_cli("check", path, "--variant", "cable", limit_bytes=1536 * 2**20))


def test_the_frame_rate_must_be_plausible_and_milliseconds_are_named(tmp_path):
    t, hip = reps_wave()
    path = tmp_path / "ms.csv"
    path.write_text(angles_text(t * 1000, hip))
    with pytest.raises(RecordingError, match="too few.*the times look like milliseconds"):
        read_recording(path)


def test_time_going_backwards_is_refused_in_python_too():
    t, hip = reps_wave()
    t[100] = t[50]
    with pytest.raises(ValueError, match="frame 101: time_s .* does not increase"):
        analyze_set(Recording(t, {"hip_extension": hip}), "cable")


def test_more_rows_than_any_set_has_are_refused_before_they_are_split(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + "0\n" * 2_000_000)  # 4 MB: under the size cap, over the rows a set can have
    with pytest.raises(
        RecordingError, match="rows.csv: 2000000 data rows; a set of at most 1800 s .* at most 1800000"
    ):
        read_recording(path)


def test_a_quoted_cell_over_two_lines_does_not_leave_rows_unfilled(tmp_path):
    t, hip = reps_wave()
    text = angles_text(t, hip).replace("\n0.1,", '\n"0.1\n",', 1)
    path = tmp_path / "quoted.csv"
    path.write_text(text)
    recording = read_recording(path)  # two text lines, one row: every row read is a row of the file
    assert np.array_equal(recording.time_s, np.array([float(f"{v:.10g}") for v in t]))


# --- 2. the header ----------------------------------------------------------------------------------------


def test_a_header_wider_than_the_cap_is_refused_in_one_line(tmp_path):
    path = tmp_path / "wide.csv"
    names = ["time_s", "hip_extension_deg", "knee_flexion_deg"] + [f"c{i}" for i in range(30_000)]
    path.write_text(",".join(names) + "\n" + ",".join(["0"] * len(names)) + "\n")
    with pytest.raises(RecordingError, match=r"wide.csv: line 1: the header has 30003 columns; at most 1000"):
        read_recording(path)


def test_unused_columns_are_summed_up_not_listed(tmp_path):
    t, hip = reps_wave()
    extra = [f"extra_{i}" for i in range(200)]
    lines = [",".join(["time_s", "hip_extension_deg", "knee_flexion_deg", *extra])]
    lines += [",".join([f"{a:.4f}", f"{b:.2f}", "10"] + ["1"] * 200) for a, b in zip(t, hip)]
    path = tmp_path / "extra.csv"
    path.write_text("\n".join(lines) + "\n")
    note = read_recording(path).notes[0]
    assert note.startswith("Columns not used: extra_0, extra_1") and "(200 in all)" in note
    assert len(note) < 200


def test_a_repeated_name_is_found_in_a_wide_header(tmp_path):
    names = ["time_s", "hip_extension_deg", "knee_flexion_deg"] + [f"c{i}" for i in range(900)] + ["c5"]
    path = tmp_path / "twice.csv"
    path.write_text(",".join(names) + "\n")
    with pytest.raises(RecordingError, match="column 'c5' appears twice"):
        read_recording(path)


# --- 3. no signal is not a clean set --------------------------------------------------------------------


@pytest.fixture(scope="module")
def keypoints_file(tmp_path_factory):
    """A cable set with an arched back, filmed from the right as COCO-17 keypoints."""
    recording = simulate_set("cable", "arched_back", reps=5, noise_deg=0.0)
    path = tmp_path_factory.mktemp("kp") / "right.csv"
    return write_keypoints_csv(path, recording, "cable", skeleton="coco17", side="right", noise_px=1.0)


def rewrite_columns(path, out, change):
    """A copy of a keypoints CSV with `change(name, value) -> value` applied to every data cell."""
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    header = lines[0].split(",")
    rows = [",".join(change(name, cell) for name, cell in zip(header, line.split(","))) for line in lines[1:]]
    out.write_text("\n".join([lines[0]] + rows) + "\n")
    return out


NO_SIGNAL = {
    "all NaN": (lambda t, hip: np.full_like(hip, np.nan), "blank or NaN on every line"),
    "radians": (lambda t, hip: np.radians(hip), "look like radians; give degrees"),
    "a flat line": (lambda t, hip: np.full_like(hip, -15.0), "moves only 0.0° .* a flat line"),
}


@pytest.mark.parametrize("make, message", NO_SIGNAL.values(), ids=NO_SIGNAL.keys())
def test_no_signal_is_refused_by_the_command_line(tmp_path, make, message):
    t, hip = reps_wave()
    path = tmp_path / "none.csv"
    path.write_text(angles_text(t, make(t, hip), knee=np.full(len(t), 0.17 if "radians" in message else 10)))
    code, out, err = run_cli("check", path, "--variant", "cable")
    assert_one_line_error(code, out, err)
    assert re.search(message, err) and "No mistakes found" not in out


def test_keypoints_at_zero_confidence_or_nan_are_refused(tmp_path, keypoints_file):
    zero = rewrite_columns(
        keypoints_file, tmp_path / "zero.csv", lambda name, cell: "0" if name.endswith("_score") else cell
    )
    with pytest.raises(RecordingError, match="no hip angle in any frame.*below the confidence 0.3"):
        read_recording(zero, format="coco17", side="right")
    nan = rewrite_columns(
        keypoints_file,
        tmp_path / "nan.csv",
        lambda name, cell: "nan" if name.endswith(("_x", "_y")) else cell,
    )
    assert_one_line_error(
        *run_cli("check", nan, "--variant", "cable", "--format", "coco17", "--side", "right")
    )


def test_the_wrong_side_is_refused_with_the_hint(keypoints_file):
    with pytest.raises(
        RecordingError, match=r"the left hip moves only \d+°; the right hip moves \d+°.*--side right"
    ):
        read_recording(keypoints_file, format="coco17", side="left")


def test_a_still_recording_in_python_is_reported_as_not_judged_never_as_clean():
    t = np.arange(0, 10, 1 / 30)
    report = analyze_set(Recording(t, {"hip_extension": np.full_like(t, -15.0)}), "cable")
    assert report.reps == () and report.findings == ()
    assert "flat line" in report.cannot_judge[-1].reason
    assert "No mistakes found" not in report.describe() and "form was not judged" in report.describe()
    with pytest.raises(RecordingError, match="recording: the hip angle moves only"):
        check_signal(Recording(t, {"hip_extension": np.full_like(t, -15.0)}))


def test_a_signal_without_reps_says_form_was_not_judged(tmp_path):
    t = np.arange(0, 10, 1 / 30)
    rise = np.clip(-15 + 10 * t, -15, 20)  # the leg goes up and never comes back
    path = tmp_path / "up.csv"
    path.write_text(angles_text(t, rise))
    code, out, err = run_cli("check", path, "--variant", "cable")
    assert code == 0 and err == ""
    assert "0 reps" in out and "No rep was found, so form was not judged." in out
    assert "No mistakes found" not in out


# --- 4. the camera on the other side ---------------------------------------------------------------------


def transformed(path, out, *, mirror=False, scale=1.0, shift=(0.0, 0.0), width=1280.0):
    """The keypoints of `path` mirrored (x flipped, names unchanged), rescaled and shifted in the image."""

    def change(name, cell):
        if name.endswith("_x"):
            x = (width - float(cell)) if mirror else float(cell)
            return f"{x * scale + shift[0]:.3f}"
        if name.endswith("_y"):
            return f"{float(cell) * scale + shift[1]:.3f}"
        return cell

    return rewrite_columns(path, out, change)


def test_a_learner_facing_left_gets_the_same_verdict(tmp_path, keypoints_file):
    right = analyze_set(read_recording(keypoints_file, format="coco17", side="right"), "cable")
    left_file = transformed(keypoints_file, tmp_path / "mirrored.csv", mirror=True)
    left = analyze_set(read_recording(left_file, format="coco17", side="right"), "cable")
    assert summary(left) == summary(right)
    assert len(right.reps) == 5 and "arched_back" in right.mistakes()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mirror=st.booleans(),
    scale=st.floats(0.3, 3.0),
    shift=st.tuples(st.floats(-500, 500), st.floats(-500, 500)),
)
def test_mirrored_or_rescaled_keypoints_do_not_change_the_verdict(
    tmp_path, keypoints_file, mirror, scale, shift
):
    expected = summary(analyze_set(read_recording(keypoints_file, format="coco17", side="right"), "cable"))
    moved = transformed(keypoints_file, tmp_path / "moved.csv", mirror=mirror, scale=scale, shift=shift)
    assert summary(analyze_set(read_recording(moved, format="coco17", side="right"), "cable")) == expected


@settings(max_examples=50, deadline=None)
@given(
    lean=st.floats(15, 85),
    thigh=st.floats(-60, 60),
    knee=st.floats(0, 120),
    scale=st.floats(0.1, 10),
    head=st.booleans(),
)
def test_the_facing_direction_is_read_from_the_trunk_and_head(lean, thigh, knee, scale, head):
    """A learner facing the image's right, and the same picture mirrored: read as facing left, same angles."""

    def at(origin, length, degrees):  # a point `length` px from origin, `degrees` from straight up, clockwise
        radians = np.radians(degrees)
        return (
            np.array([origin[0][0] + scale * length * np.sin(radians)]),
            np.array([origin[1][0] - scale * length * np.cos(radians)]),
        )

    hip = (np.array([600.0]), np.array([400.0]))
    points = {"hip": hip, "shoulder": at(hip, 100, lean)}
    points["knee"] = at(hip, 90, 180 + thigh)
    points["ankle"] = at(points["knee"], 80, 180 + thigh - knee)
    if head:
        points["head"] = at(hip, 130, lean)
    mirrored = {role: (1280 - x, y) for role, (x, y) in points.items()}
    assert facing_from_points(points) == "right" and facing_from_points(mirrored) == "left"
    right, left = angles_from_points(points, "right"), angles_from_points(mirrored, "left")
    for name in right:
        assert np.allclose(right[name], left[name])


# --- 5. spreadsheet dialects ------------------------------------------------------------------------------


def test_semicolons_with_decimal_commas_and_tabs_read_as_commas_do(tmp_path):
    t, hip = reps_wave()
    plain = tmp_path / "plain.csv"
    plain.write_text(angles_text(t, hip))
    european = tmp_path / "european.csv"
    european.write_text(angles_text(t, hip, separator=";", decimal=","))
    tabs = tmp_path / "tabs.tsv"
    tabs.write_text(angles_text(t, hip, separator="\t"))
    expected = read_recording(plain)
    for path in (european, tabs):
        again = read_recording(path)
        assert np.array_equal(again.time_s, expected.time_s)
        assert np.array_equal(again.angles["hip_extension"], expected.angles["hip_extension"])


def test_decimal_commas_between_commas_are_named_as_the_problem(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER + '0,"-15,5",10\n')
    with pytest.raises(RecordingError, match="'-15,5' is not a number \\(a decimal comma"):
        read_recording(path)
    path.write_text(HEADER + "0,-15,5,10\n")
    with pytest.raises(
        RecordingError, match="4 cells; the header has 3 .*decimal commas, separate the cells with semicolons"
    ):
        read_recording(path)


@pytest.mark.parametrize("cell", ["1_0", "1__0", "0x10", "١٠", "Infinity", "1e400"])
def test_only_plain_numbers_are_numbers(tmp_path, cell):
    path = tmp_path / "odd.csv"
    path.write_text(HEADER + f"0,{cell},10\n0.04,1,10\n", encoding="utf-8")
    with pytest.raises(RecordingError, match=f"line 2, column hip_extension_deg: '{cell}' is not a"):
        read_recording(path)


# --- 6. one validation for every way in -----------------------------------------------------------------

BAD_RECORDINGS = {
    "no frames": (np.array([]), {"hip_extension": np.array([])}, "only one frame"),
    "one frame": (np.array([0.0]), {"hip_extension": np.array([1.0])}, "only one frame"),
    "lengths differ": (np.arange(100) / 30, {"hip_extension": np.zeros(99)}, "99 values for 100 frames"),
    "huge integers": (np.arange(100) / 30, {"hip_extension": [10**400] * 100}, "sequence of numbers"),
    "a pelvis turned a million degrees": (
        np.arange(100) / 30,
        {"hip_extension": np.zeros(100), "pelvic_rotation": np.full(100, 1e6)},
        "frame 1: pelvic_rotation_deg is outside the allowed range .*; got 1e\\+06",
    ),
    "an infinite angle": (
        np.arange(100) / 30,
        {"hip_extension": np.full(100, np.inf)},
        "outside the allowed",
    ),
    "an unknown angle": (
        np.arange(100) / 30,
        {"hip_extension": np.zeros(100), "elbow": np.zeros(100)},
        "unknown",
    ),
    "no hip": (np.arange(100) / 30, {"knee_flexion": np.zeros(100)}, "no hip_extension angle"),
    "a table of times": (np.zeros((10, 2)), {"hip_extension": np.zeros(10)}, "1-D"),
    "text for times": ("0,1,2", {"hip_extension": np.zeros(3)}, "sequence of numbers|1-D"),
}


@pytest.mark.parametrize("time_s, angles, message", BAD_RECORDINGS.values(), ids=BAD_RECORDINGS.keys())
def test_a_recording_built_in_python_gets_the_readers_checks(time_s, angles, message):
    with pytest.raises(ValueError, match=message):
        analyze_set(Recording(time_s, angles), "cable")


@pytest.mark.parametrize(
    "value, message",
    [
        (10**400, "is outside the allowed range 1 to 100; got an integer of about 401 digits"),
        (-(10**30), "is outside the allowed range 1 to 100; got an integer of about"),
        (np.int64(500), "is outside the allowed range 1 to 100; got np.int64\\(500\\)"),
        (np.float32("nan"), "must be a finite number"),
        (np.array([5]), "must be a single number, not an array"),
        (np.array([[5.0]]), "must be a single number, not an array"),
        (np.bool_(True), "must be a number"),
        (True, "must be a number"),
        (1 + 2j, "must be a number"),
        ("7", "must be a number"),
    ],
)
def test_check_in_range_gives_one_clear_error_for_any_value(value, message):
    with pytest.raises(ValueError, match=f"reps {message}"):
        check_in_range("reps", value, 1, 100)


def test_check_in_range_takes_numpy_numbers():
    assert check_in_range("reps", np.int64(5), 1, 100) == 5.0
    assert check_in_range("reps", np.float32(2.5), 1, 100) == 2.5


@pytest.mark.parametrize(
    "tempo, message",
    [
        ((-1, 1, 3), "tempo up is outside the allowed range 0.1 to 60 s; got -1"),
        ((2, -1, 3), "tempo hold is outside"),
        ((2, 1, 1e9), "tempo down is outside"),
        ((2, 1, float("nan")), "tempo down must be a finite number"),
        ((2, 1), "tempo must be three times"),
        ("2-1-3", "tempo must be three times"),
    ],
)
def test_simulate_set_refuses_negative_and_absurd_tempos(tempo, message):
    with pytest.raises(ValueError, match=message):
        simulate_set("cable", tempo=tempo)


def test_simulate_set_refuses_a_set_longer_than_the_checker_reads():
    with pytest.raises(ValueError, match="the set would last"):
        simulate_set("cable", reps=100, tempo=(20, 20, 20))


# --- 7. the command line ------------------------------------------------------------------------------


def test_figures_onto_a_file_is_one_line(tmp_path):
    target = tmp_path / "a_file"
    target.write_text("keep me")
    assert_one_line_error(*run_cli("figures", "--out", target))
    assert_one_line_error(*run_cli("figures", "--out", target / "inside"))
    assert target.read_text() == "keep me"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_figures_into_a_read_only_folder_is_one_line(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    try:
        code, out, err = run_cli("figures", "--out", folder / "figures")
        assert_one_line_error(code, out, err)
        assert "cannot be written" in err
    finally:
        folder.chmod(0o755)


def test_a_closed_pipe_is_one_line_not_a_traceback():
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kickback",
            "check",
            "data/recordings/cable_good_angles.csv",
            "--variant",
            "cable",
            "--json",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # as `| head -0` would, before anything is written
    err = process.stderr.read()
    code = process.wait(timeout=300)
    process.stderr.close()
    assert_one_line_error(code, "", err)
    assert "broken pipe" in err


def test_a_terminal_that_cannot_print_degrees_gets_deg():
    code, out, err = run_cli(
        "check",
        "data/recordings/cable_good_angles.csv",
        "--variant",
        "cable",
        env={"PYTHONIOENCODING": "ascii"},
    )
    assert code == 0 and err == ""
    assert "°" not in out and re.search(r"\d+ deg", out)


# --- 8. files written safely -----------------------------------------------------------------------------


def test_writing_never_replaces_a_link_or_a_folder(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("do not touch")
    link = tmp_path / "link.csv"
    link.symlink_to(precious)
    with pytest.raises(ValueError, match="symbolic link"):
        write_angles_csv(link, simulate_set("cable", reps=1))
    with pytest.raises(ValueError, match="not a folder"):
        write_atomically(tmp_path, "x")
    assert precious.read_text() == "do not touch" and link.is_symlink()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.csv"
    target.write_text("old")
    made = []
    real = __import__("tempfile").mkstemp

    def spy(*args, **kwargs):
        made.append(kwargs.get("dir"))
        return real(*args, **kwargs)

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tempfile.mkstemp", spy)
    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv"]
    assert made == [tmp_path]  # the temporary file was made by mkstemp beside the target


def test_the_plan_export_refuses_a_link(tmp_path):
    from kickback.content.plan_export import plan_to_csv
    from kickback.content.planner import plan_progression

    (tmp_path / "real.csv").write_text("mine")
    (tmp_path / "plan.csv").symlink_to(tmp_path / "real.csv")
    with pytest.raises(ValueError, match="symbolic link"):
        plan_to_csv(plan_progression("new", "none", "strength"), tmp_path / "plan.csv")
    assert (tmp_path / "real.csv").read_text() == "mine"


def test_an_upload_is_read_in_memory_and_errors_name_the_learners_file(monkeypatch, tmp_path):
    from kickback.widgets.set_checker import check_your_set

    widget = check_your_set()

    def no_temporary_files(*args, **kwargs):
        raise AssertionError("the upload must not be copied to a temporary file")

    monkeypatch.setattr("tempfile.NamedTemporaryFile", no_temporary_files)
    monkeypatch.setattr("tempfile.mkstemp", no_temporary_files)
    t, hip = reps_wave()
    for content, expected in (
        (angles_text(t, hip, separator=";", decimal=","), "4 reps"),
        (angles_text(t, np.full_like(hip, -15.0)), "my set.csv: the hip angle moves only"),
        ("time_s,x\n0,1\n", "my set.csv: missing column hip_extension_deg"),
    ):
        data = content.encode()
        widget.upload.value = (
            {
                "name": "my set.csv",
                "type": "text/csv",
                "size": len(data),
                "content": memoryview(data),
                "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            },
        )
        widget.format.value = "angles"
        widget.check()
        assert expected in widget.words.value and "tmp" not in widget.words.value


# --- 10. anything at all: a result or a clear ValueError ----------------------------------------------------

any_float = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0, 1e-300, 1e300])
arrays = st.lists(any_float, min_size=0, max_size=120).map(np.array)
csv_cells = st.sampled_from(
    ["0", "0.04", "-15", "1e7", "1e300", "1e-9", "", "nan", "inf", "1_0", "1,5", ";", "\t", '"', "x", "20"]
)
csv_text = st.lists(st.lists(csv_cells, min_size=1, max_size=6).map(",".join), max_size=12).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(time_s=arrays, hip=arrays, other=arrays, variant=st.sampled_from(["cable", "machine", "bodyweight"]))
def test_any_arrays_give_a_report_or_a_clear_value_error(time_s, hip, other, variant):
    try:
        report = analyze_set(Recording(time_s, {"hip_extension": hip, "trunk_lean": other}), variant)
    except ValueError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert json.dumps(report.as_dict(), allow_nan=False) and report.describe()
    if not report.reps:
        assert "No mistakes found" not in report.describe()


@settings(max_examples=60, deadline=None)
@given(time_s=arrays, hip=arrays)
def test_any_arrays_give_reps_or_a_clear_value_error_from_detect_reps_and_the_grid(time_s, hip):
    from kickback.form.reps import detect_reps

    for call in (lambda: detect_reps(time_s, hip), lambda: resample_uniform(time_s, {"hip_extension": hip})):
        try:
            call()
        except ValueError as error:
            assert str(error) and "\n" not in str(error)


@settings(max_examples=60, deadline=None)
@given(text=csv_text, header=st.sampled_from([HEADER, HEADER.replace(",", ";"), "time_s,right_hip_x\n", ""]))
@pytest.mark.parametrize("format", ["angles", "coco17", "mediapipe33", "halpe26", "body25"])
def test_any_csv_text_is_read_or_refused_in_one_line(format, text, header):
    try:
        recording = recording_from_bytes((header + text).encode(), "any.csv", format=format, side="right")
    except ValueError as error:
        assert str(error).startswith("any.csv") and "\n" not in str(error)
        return
    try:
        analyze_set(recording, "cable")
    except ValueError as error:
        assert "\n" not in str(error)


@settings(max_examples=100, deadline=None)
@given(
    value=st.one_of(
        st.integers(), any_float, st.text(max_size=5), st.none(), st.lists(st.integers(), max_size=2)
    )
)
def test_check_in_range_takes_anything(value):
    try:
        number = check_in_range("value", value, -10, 10, "s")
    except ValueError as error:
        assert "value" in str(error) and "-10 to 10 s" in str(error)
        return
    assert -10 <= number <= 10


@settings(max_examples=30, deadline=None)
@given(tempo=st.tuples(any_float, any_float, any_float) | st.lists(st.integers(-5, 5), max_size=4))
def test_simulate_set_takes_any_tempo(tempo):
    try:
        recording = simulate_set("cable", tempo=tempo, reps=2)
    except ValueError as error:
        assert "tempo" in str(error) or "the set would last" in str(error)
        return
    assert len(recording.time_s) > 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=csv_text, format=st.sampled_from(["angles", "coco17"]), as_json=st.booleans())
def test_the_command_line_main_returns_0_or_2_with_one_line(tmp_path, capsys, text, format, as_json):
    from kickback.__main__ import main

    path = tmp_path / "any.csv"
    path.write_text(HEADER + text)
    code = main(
        ["check", str(path), "--variant", "cable", "--format", format, "--side", "left"]
        + ["--json"] * as_json
    )
    out, err = capsys.readouterr()
    if code == 0:
        assert err == "" and out
    else:
        assert (
            code == 2 and err.startswith("error: ") and err.count("\n") == 1 and "internal error" not in err
        )
