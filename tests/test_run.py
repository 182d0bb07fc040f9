"""run.py, the course's one runner: what it installs, how it finds a half-made .venv, how it
reads paths, and how it says that the package index cannot be reached.

Nothing here touches the real .venv: run.py is loaded as a module (its commands' last step,
exec, replaced by a recorder), or copied with small requirement files into a temporary
folder, where it makes its own .venv. The one pip run is cut off from every index on
purpose (the index is a closed loopback port, no configuration files), so it is quick and
installs nothing.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT

TEST_ONLY = ("playwright", "hypothesis", "ruff")  # what a learner never needs


def load_run(path: Path, name: str):
    """run.py at `path` as a module (its ROOT is the folder it is in)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_names(path: Path) -> dict[str, str]:
    """{normalised name: version} of the `name==version` lines of a requirements file."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "-")):
            name, _, version = line.partition("==")
            pins[normalised(name)] = version
    return pins


@pytest.fixture
def run_copy(tmp_path: Path):
    """run.py copied into a temporary folder with small requirement files, loaded as a module."""
    shutil.copy(REPO_ROOT / "run.py", tmp_path / "run.py")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "kickback"\nversion = "0"\n', encoding="utf-8"
    )
    (tmp_path / "requirements.txt").write_text("numpy==2.0.0\n-e .\n", encoding="utf-8")
    (tmp_path / "requirements-test.txt").write_text(
        "-r requirements.txt\nhypothesis==6.0.0\n", encoding="utf-8"
    )
    return load_run(tmp_path / "run.py", f"run_copy_{tmp_path.name}")


class RecordedCommandError(Exception):
    """Raised in place of exec: the command run.py would have become."""


@pytest.fixture
def run_module(monkeypatch):
    """The real run.py as a module, with ensure_venv and exec recorded instead of done."""
    run = load_run(REPO_ROOT / "run.py", "run_under_test")
    calls: dict[str, list] = {"ensure": []}

    def fake_ensure(kinds=("course",)):
        calls["ensure"].append(tuple(kinds))
        return "/venv/bin/python"

    def fake_exec(command):
        raise RecordedCommandError(command)

    monkeypatch.setattr(run, "ensure_venv", fake_ensure)
    monkeypatch.setattr(run, "exec_or_run", fake_exec)
    run.calls = calls
    return run


def recorded_command(run, argv, cwd):
    with pytest.raises(RecordedCommandError) as caught:
        run.main(argv, cwd=str(cwd))
    return caught.value.args[0]


# ---------------------------------------------------------------------------------------
# Requirements: the learner's set and the tests' set
# ---------------------------------------------------------------------------------------


def test_requirements_txt_carries_no_test_only_package():
    course = pinned_names(REPO_ROOT / "requirements.txt")
    tests_only = pinned_names(REPO_ROOT / "requirements-test.txt")
    for name in TEST_ONLY:
        assert name not in course, f"{name} is for the tests only; it belongs in requirements-test.txt"
        assert name in tests_only, f"requirements-test.txt does not pin {name}"
    assert not set(course) & set(tests_only), "a package is pinned in both files"
    direct = {
        normalised(line.strip())
        for line in (REPO_ROOT / "requirements.in").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert not direct & set(TEST_ONLY)


def test_requirements_are_fully_pinned_and_the_test_set_builds_on_the_course():
    course_lines = [
        line.strip()
        for line in (REPO_ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert course_lines[-1] == "-e .", "requirements.txt must end with the course itself, -e ."
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==\S+", line) for line in course_lines[:-1])
    test_lines = [
        line.strip()
        for line in (REPO_ROOT / "requirements-test.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert test_lines[0] == "-r requirements.txt", (
        "requirements-test.txt must install requirements.txt's pins"
    )
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==\S+", line) for line in test_lines[1:])
    course = pinned_names(REPO_ROOT / "requirements.txt")
    for needed in ("jupyterlab", "ipywidgets", "matplotlib", "numpy", "voila", "nbval", "pytest"):
        assert needed in course, f"requirements.txt does not pin {needed}"


def test_the_packages_the_tests_import_are_installed_for_them():
    course = pinned_names(REPO_ROOT / "requirements.txt")
    tests_only = pinned_names(REPO_ROOT / "requirements-test.txt")
    imported = set()
    for path in (REPO_ROOT / "tests").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level:
                imported.add(node.module.split(".")[0])
    local = {path.stem for path in (REPO_ROOT / "tests").glob("*.py")} | {"kickback", "__future__"}
    third_party = {name for name in imported - local if name not in sys.stdlib_module_names}
    import_names = {"PIL": "pillow", "yaml": "pyyaml"}
    missing = sorted(
        name
        for name in third_party
        if normalised(import_names.get(name, name)) not in course | tests_only.keys()
    )
    assert not missing, f"tests import packages neither requirements file pins: {missing}"


def test_the_stamp_of_the_test_set_covers_both_files(run_copy, tmp_path: Path):
    course, tests = run_copy.set_digest("course"), run_copy.set_digest("test")
    (tmp_path / "requirements-test.txt").write_text(
        "-r requirements.txt\nhypothesis==6.0.1\n", encoding="utf-8"
    )
    assert run_copy.set_digest("course") == course
    assert run_copy.set_digest("test") != tests
    tests = run_copy.set_digest("test")
    (tmp_path / "requirements.txt").write_text("numpy==2.0.1\n-e .\n", encoding="utf-8")
    assert run_copy.set_digest("course") != course and run_copy.set_digest("test") != tests


def test_lab_installs_the_course_and_test_adds_the_test_set(run_module):
    recorded_command(run_module, ["lab", "--no-browser"], REPO_ROOT)
    recorded_command(run_module, ["test", "-x"], REPO_ROOT)
    assert run_module.calls["ensure"] == [("course",), ("course", "test")]


def test_the_test_set_reads_pins_through_its_include(run_copy):
    pins, modules = run_copy.wanted(("course", "test"))
    assert pins == [("numpy", "2.0.0"), ("kickback", None), ("hypothesis", "6.0.0")]
    assert "hypothesis" in modules and "voila" in modules


# ---------------------------------------------------------------------------------------
# A half-made .venv
# ---------------------------------------------------------------------------------------


def fake_distribution(
    site: Path, name: str, version: str, *, record: bool = True, module: bool = True
) -> None:
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    if record:
        (info / "RECORD").write_text("", encoding="utf-8")
    if module:
        (site / f"{name.replace('-', '_')}.py").write_text("", encoding="utf-8")


def test_inspect_venv_finds_missing_moved_and_cut_short_distributions(run_copy, tmp_path: Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = run_copy.venv_bin("python", str(venv))
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    fake_distribution(site, "complete", "1.0")
    fake_distribution(site, "cut-short", "2.0", record=False)  # an install interrupted before its RECORD
    fake_distribution(site, "older", "1.0")
    fake_distribution(site, "hollow", "1.0", module=False)  # its files deleted, its metadata left
    pins = [["complete", "1.0"], ["Cut_Short", "2.0"], ["older", "2.0"], ["absent", "1.0"], ["hollow", "1.0"]]
    state = run_copy.inspect_venv(python, pins, ["complete", "hollow"])
    assert state == {
        "python_ok": True,
        "pip": False,
        "missing": ["older (1.0, not 2.0)", "absent"],
        "broken": ["Cut_Short", "hollow"],
    }
    assert run_copy.inspect_venv(str(tmp_path / "no" / "python"), pins, []) is None


class FakeVenv:
    """Stand-ins for inspect_venv, install_sets, repair and create_venv that record their calls
    and answer with the states given, one per inspection."""

    def __init__(self, run, states):
        self.run, self.states, self.calls = run, list(states), []

    def inspect(self, python, pins, modules):
        return self.states.pop(0)

    def install(self, python, kinds, first):
        self.calls.append(("install", tuple(kinds), first))

    def repair(self, python, broken):
        self.calls.append(("repair", tuple(broken)))

    def create(self, path, clear=False):
        self.calls.append(("create", clear))

    def patch(self, monkeypatch):
        for name, fake in (
            ("inspect_venv", self.inspect),
            ("install_sets", self.install),
            ("repair", self.repair),
            ("create_venv", self.create),
        ):
            monkeypatch.setattr(self.run, name, fake)
        return self


def state(missing=(), broken=(), pip=True):
    return {"python_ok": True, "pip": pip, "missing": list(missing), "broken": list(broken)}


def stamp_current(run, kinds):
    os.makedirs(run.VENV, exist_ok=True)
    run.write_stamp({kind: run.set_digest(kind) for kind in kinds})


def test_a_complete_venv_with_its_stamp_installs_nothing(run_copy, monkeypatch):
    stamp_current(run_copy, ("course",))
    fake = FakeVenv(run_copy, [state()]).patch(monkeypatch)
    run_copy.ensure_venv(("course",))
    assert fake.calls == []


def test_a_package_missing_though_the_stamp_matches_is_installed_again(run_copy, monkeypatch, capsys):
    stamp_current(run_copy, ("course",))
    fake = FakeVenv(run_copy, [state(missing=["numpy"]), state()]).patch(monkeypatch)
    run_copy.ensure_venv(("course",))
    assert fake.calls == [("install", ("course",), False)]
    assert "numpy" in capsys.readouterr().err


def test_an_install_cut_short_is_reinstalled(run_copy, monkeypatch):
    stamp_current(run_copy, ("course",))
    fake = FakeVenv(run_copy, [state(broken=["numpy"]), state(broken=["numpy"]), state()]).patch(monkeypatch)
    run_copy.ensure_venv(("course",))
    assert fake.calls == [("install", ("course",), False), ("repair", ("numpy",))]
    assert run_copy.read_stamp() == {"course": run_copy.set_digest("course")}


def test_a_venv_still_incomplete_after_the_install_names_the_folder_to_delete(run_copy, monkeypatch):
    stamp_current(run_copy, ("course",))
    FakeVenv(run_copy, [state(missing=["numpy"]), state(missing=["numpy"])]).patch(monkeypatch)
    with pytest.raises(run_copy.RunError) as caught:
        run_copy.ensure_venv(("course",))
    message = str(caught.value)
    assert "numpy" in message and f"delete the folder {run_copy.VENV}" in message and "\n" not in message


def test_a_venv_without_pip_is_made_anew(run_copy, monkeypatch):
    os.makedirs(run_copy.VENV)
    fake = FakeVenv(run_copy, [state(pip=False), state()]).patch(monkeypatch)
    run_copy.ensure_venv(("course",))
    assert fake.calls == [("create", True), ("install", ("course",), True)]


def test_the_test_set_is_added_to_a_course_venv_and_both_are_stamped(run_copy, monkeypatch):
    stamp_current(run_copy, ("course",))
    fake = FakeVenv(run_copy, [state(), state()]).patch(monkeypatch)
    run_copy.ensure_venv(("course", "test"))
    assert fake.calls == [("install", ("course", "test"), False)]
    assert run_copy.read_stamp() == {kind: run_copy.set_digest(kind) for kind in ("course", "test")}
    fake = FakeVenv(run_copy, [state()]).patch(monkeypatch)
    run_copy.ensure_venv(("course",))  # lab after test: the test set stays stamped
    assert fake.calls == [] and set(run_copy.read_stamp()) == {"course", "test"}


def test_an_older_stamp_means_an_install(run_copy, monkeypatch):
    os.makedirs(run_copy.VENV)
    Path(run_copy.STAMP).write_text(run_copy.set_digest("course") + "\n", encoding="utf-8")
    fake = FakeVenv(run_copy, [state(), state()]).patch(monkeypatch)
    run_copy.ensure_venv(("course",))
    assert [call[0] for call in fake.calls] == ["install"]


# ---------------------------------------------------------------------------------------
# Paths relative to where the user stands
# ---------------------------------------------------------------------------------------


def test_path_arguments_are_made_absolute_against_the_callers_folder(run_copy, tmp_path: Path):
    (tmp_path / "lesson.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    args = [
        "lesson.ipynb",
        "-k",
        "lesson.ipynb",
        "--out",
        "new_folder",
        "--out=other",
        "sub::test_x",
        "not_there.py",
        "-x",
    ]
    assert run_copy.absolute_paths(args, str(tmp_path), ("--out",), ("-k",)) == [
        str(tmp_path / "lesson.ipynb"),
        "-k",
        "lesson.ipynb",
        "--out",
        str(tmp_path / "new_folder"),
        "--out=" + str(tmp_path / "other"),
        str(tmp_path / "sub") + "::test_x",
        "not_there.py",
        "-x",
    ]


def test_test_paths_from_a_subfolder_reach_pytest_whole(run_module):
    command = recorded_command(
        run_module, ["test", "test_run.py::test_x", "-k", "offline"], REPO_ROOT / "tests"
    )
    assert str(REPO_ROOT / "tests" / "test_run.py") + "::test_x" in command
    assert "notebooks" not in command, "a path was given, so the default paths must not be added"
    command = recorded_command(run_module, ["test", "-m", "not browser"], REPO_ROOT / "tests")
    assert command[-2:] == ["tests", "notebooks"]


def test_an_output_folder_is_where_the_user_stands(run_module, tmp_path: Path):
    command = recorded_command(run_module, ["slides", "--out", "decks"], tmp_path)
    assert command[-2:] == ["--out", str(tmp_path / "decks")]
    command = recorded_command(run_module, ["figures", "--out=pictures"], tmp_path)
    assert command[-1] == "--out=" + str(tmp_path / "pictures")


# ---------------------------------------------------------------------------------------
# No network
# ---------------------------------------------------------------------------------------


def closed_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when this returns: connections are refused


def test_with_no_package_index_the_first_install_says_so_in_one_line(tmp_path: Path):
    shutil.copy(REPO_ROOT / "run.py", tmp_path / "run.py")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "kickback"\nversion = "0"\n', encoding="utf-8"
    )
    (tmp_path / "requirements.txt").write_text("kickback-lab-no-such-package==1.0\n", encoding="utf-8")
    (tmp_path / "requirements-test.txt").write_text("-r requirements.txt\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_INDEX_URL=f"http://127.0.0.1:{closed_loopback_port()}/simple/",
        PIP_RETRIES="1",
        PIP_DRY_RUN="1",
        PIP_NO_CACHE_DIR="1",
        NO_PROXY="*",
        no_proxy="*",
    )
    done = subprocess.run(
        [sys.executable, str(tmp_path / "run.py"), "figures"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    said = [line for line in done.stderr.splitlines() if line.startswith("run.py:")]
    assert said[-1].startswith("run.py: the first install needs the Python package index once"), done.stderr
    assert "run the same command again" in said[-1] and ".venv/.kickback-pip.log" in said[-1]
    assert "ERROR:" not in done.stdout + done.stderr and "Retrying" not in done.stdout + done.stderr
    assert len(said) == 3, said  # creating .venv, installing, and the one line
    assert "NewConnectionError" in (tmp_path / ".venv" / ".kickback-pip.log").read_text(encoding="utf-8")
    assert not (tmp_path / ".venv" / ".kickback-stamp").exists()
