"""Tests for `python -m kickback check`: what it prints, its JSON, and its exit codes.

Run as a user would.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
