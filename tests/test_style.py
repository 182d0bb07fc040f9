"""The code keeps one style: ruff's lint and format checks (configured in pyproject.toml) pass everywhere."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["kickback", "tests", "scripts", "benchmarks", "run.py"]


def ruff(*args: str) -> subprocess.CompletedProcess:
    """Run the ruff that the test requirements pin (beside this Python), from the repository root."""
    executable = Path(sys.executable).with_name("ruff")
    command = str(executable) if executable.exists() else shutil.which("ruff")
    if command is None:
        pytest.fail("ruff is not installed: requirements-test.txt pins it (python3 run.py test installs it)")
    return subprocess.run([command, *args, "--no-cache", *CHECKED], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing_to_lint():
    result = ruff("check")
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_code_is_formatted():
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout[-4000:]
