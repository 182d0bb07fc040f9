"""Shared test set-up: where the repository and its notebooks are, the markers, and the evidence
summary (screenshots, timings) printed at the end of a run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests check laws, not speed: a busy CI machine must not fail them on time alone
# (speed is measured in benchmarks/). Examples stay random; hypothesis prints a seed to replay a failure.
settings.register_profile("course", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("course")

REPO_ROOT = Path(__file__).resolve().parent.parent

# For developing the notebook tests against a scratch folder (never set on CI):
# KICKBACK_NOTEBOOKS_DIR=/some/folder python3 run.py test tests -k browser
NOTEBOOKS_DIR_ENV = "KICKBACK_NOTEBOOKS_DIR"
SCREENSHOTS_ENV = "KICKBACK_SCREENSHOTS"

_EVIDENCE_KEY = pytest.StashKey[list]()


def notebooks_dir() -> Path:
    """The folder whose notebooks are tested: the repo's notebooks/ unless overridden."""
    override = os.environ.get(NOTEBOOKS_DIR_ENV)
    return Path(override).resolve() if override else REPO_ROOT / "notebooks"


def notebook_paths() -> list[Path]:
    """Every notebook under notebooks_dir(), in a stable order, without checkpoints."""
    root = notebooks_dir()
    if not root.is_dir():
        return []
    return sorted(
        (path for path in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts),
        key=lambda path: path.relative_to(root).as_posix(),
    )


def notebook_id(path: Path) -> str:
    return path.relative_to(notebooks_dir()).as_posix()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: runs JupyterLab in headless Chromium (slow; deselect with -m 'not browser')",
    )
    config.addinivalue_line(
        "markers",
        "offline: runs the course with the network cut off (deselect with -m 'not offline')",
    )
    config.addinivalue_line(
        "markers",
        "video: builds the pose environment .venv-pose, reads video (slow; deselect with -m 'not video')",
    )
    config.stash[_EVIDENCE_KEY] = []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes `notebook` runs once per notebook, named by its path."""
    if "notebook" in metafunc.fixturenames:
        paths = notebook_paths()
        metafunc.parametrize("notebook", paths, ids=[notebook_id(path) for path in paths])


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def notebooks_root() -> Path:
    return notebooks_dir()


@pytest.fixture(scope="session")
def evidence(pytestconfig: pytest.Config):
    """evidence(line): print a line now and again in the run's closing summary."""
    lines = pytestconfig.stash[_EVIDENCE_KEY]

    def record(line: str) -> None:
        print(line)
        lines.append(line)

    return record


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    """Where screenshots go: $KICKBACK_SCREENSHOTS, else a new temporary folder; never the repo."""
    chosen = os.environ.get(SCREENSHOTS_ENV)
    if chosen:
        folder = Path(chosen).resolve()
        if folder == REPO_ROOT or REPO_ROOT in folder.parents:
            pytest.fail(f"{SCREENSHOTS_ENV} must be a folder outside the repository, not {folder}")
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return Path(tempfile.mkdtemp(prefix="kickback-screenshots-"))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash.get(_EVIDENCE_KEY, [])
    if lines:
        terminalreporter.section("Kickback Lab evidence")
        for line in lines:
            terminalreporter.write(line + "\n")
