#!/usr/bin/env python3
"""Kickback Lab's one runner: set up the course's environment and use it.

    python3 run.py lab [JUPYTER ARGS...]    open JupyterLab on notebooks/00_start_here.ipynb
    python3 run.py test [PYTEST ARGS...]    run every test, nbval strict on every notebook
    python3 run.py figures [ARGS...]        regenerate figures/ (python -m kickback figures)
    python3 run.py slides [ARGS...]         write the lessons as offline slide shows to slides/
    python3 run.py classroom [ARGS...]      serve the classroom explorer as an app (Voila)
    python3 run.py lock                     re-pin requirements.txt and requirements-test.txt
    python3 run.py video FILE --variant V   check a video of your own set, offline: keypoints, report

Each command first makes sure that .venv (in this folder) exists and holds what
it needs: requirements.txt (the course, for every command), and for `test` also
requirements-test.txt (the packages only the tests use). Steps:
1. .venv's python must run, be new enough and have pip; else .venv is made anew.
2. The install is skipped while the files it came from are unchanged since the
   last one (their sha256 is kept in .venv/.kickback-stamp, one line per set)
   and every pinned distribution is in .venv at its pinned version, complete
   (with its RECORD) and with the key modules importable; a half-made .venv
   (an install interrupted, a package removed) is installed into again.
3. pip's output is shown as it runs and kept in .venv/.kickback-pip.log; a
   failure to reach the package index is reported in one line.
4. After an install the same check runs again; what is still missing is named,
   with the folder to delete.

Path arguments are taken relative to the folder the command is run from, as in
any command; the command itself then runs in this folder.

Standard library only. This file keeps to syntax that old Pythons can parse,
so that on one that is too old it can say so in one line.
"""
# The whole file must parse on an old Python for the version check to speak: so the imports
# come after that check, strings are formatted with %, and there is no `raise ... from`.
# ruff: noqa: E402, UP031, B904

import os
import sys

MIN_PYTHON = (3, 11)

if sys.version_info[:2] < MIN_PYTHON:
    sys.stderr.write(
        "run.py: Kickback Lab needs Python %d.%d or newer; this is %d.%d (%s). "
        "Run it with a newer python3.\n" % (MIN_PYTHON + tuple(sys.version_info[:2]) + (sys.executable,))
    )
    sys.exit(1)

import hashlib
import json
import re
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
STAMP = os.path.join(VENV, ".kickback-stamp")
PIP_LOG = os.path.join(VENV, ".kickback-pip.log")
REQUIREMENTS = os.path.join(ROOT, "requirements.txt")
REQUIREMENTS_IN = os.path.join(ROOT, "requirements.in")
REQUIREMENTS_TEST = os.path.join(ROOT, "requirements-test.txt")
REQUIREMENTS_TEST_IN = os.path.join(ROOT, "requirements-test.in")
PYPROJECT = os.path.join(ROOT, "pyproject.toml")
START_NOTEBOOK = os.path.join("notebooks", "00_start_here.ipynb")
PROJECT = "kickback"  # the distribution `-e .` installs (pyproject.toml's name)

# What each set installs, and the files its stamp covers (the test pins are made
# against the course's, so a change to those redoes both).
SETS = {
    "course": {
        "install": REQUIREMENTS,
        "inputs": (REQUIREMENTS, PYPROJECT),
        "modules": ("numpy", "matplotlib", "ipywidgets", "jupyterlab", "voila", "nbval", PROJECT),
    },
    "test": {
        "install": REQUIREMENTS_TEST,
        "inputs": (REQUIREMENTS, PYPROJECT, REQUIREMENTS_TEST),
        "modules": ("pytest", "hypothesis", "playwright"),
    },
}

# pip's words when it cannot reach an index (connection, name lookup, proxy, time-out).
NETWORK_ERROR = re.compile(
    r"NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|"
    r"Name or service not known|nodename nor servname|Network is unreachable|No route to host|"
    r"ConnectTimeoutError|ReadTimeoutError|Connection timed out|ProxyError|Cannot connect to proxy|"
    r"connection broken by|Max retries exceeded",
    re.IGNORECASE,
)
PIP_RETRY = re.compile(r"^WARNING: Retrying \(")

# Run by .venv's python (isolated: the current folder is not on its path): is it new
# enough, has it pip, and which pinned distributions are missing, at another version, or
# broken (no RECORD: an install cut short; or a key module that cannot be found).
INSPECT_VENV = r"""
import importlib.metadata, importlib.util, json, re, sys
minimum, pins, modules = json.loads(sys.argv[1])
def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()
report = {"python_ok": sys.version_info[:2] >= tuple(minimum),
          "pip": importlib.util.find_spec("pip") is not None, "missing": [], "broken": []}
installed = {}
for dist in importlib.metadata.distributions():
    name = dist.metadata["Name"]
    if name:
        installed.setdefault(norm(name), dist)
for name, version in pins:
    dist = installed.get(norm(name))
    if dist is None:
        report["missing"].append(name)
    elif version is not None and dist.version != version:
        report["missing"].append("%s (%s, not %s)" % (name, dist.version, version))
    elif dist.read_text("RECORD") is None:
        report["broken"].append(name)
for module in modules:
    if norm(module) in installed and importlib.util.find_spec(module) is None:
        report["broken"].append(module)
print(json.dumps(report))
"""

USAGE = """usage: python3 run.py COMMAND [ARGS...]

commands:
  lab      set up .venv (the course), then open JupyterLab on notebooks/00_start_here.ipynb
           (extra arguments go to jupyter lab, e.g. --no-browser --port 8899)
  test     set up .venv (the course and the test tools), then run all tests with nbval
           strict on every notebook (extra arguments go to pytest, e.g. -k offline,
           -m "not browser", -x; paths given replace the default "tests notebooks")
  figures  set up .venv, then regenerate figures/ (python -m kickback figures)
  slides   set up .venv, then write every lesson as a reveal.js slide show to
           slides/ (open slides/index.html; needs no network once made; the first
           run fetches reveal.js and require.js with npm into .cache/)
           (scripts/build_slides.py: --out DIR, --show-code, NOTEBOOK...)
  classroom
           set up .venv, then serve notebooks/trainers/classroom_explorer.ipynb as an
           app with Voila, code hidden, on http://127.0.0.1:8866/ (Ctrl+C stops it)
           (scripts/serve_classroom.py: --port N, --ip ADDRESS for a classroom
           network (prints a link with a token), --max-kernels N, --no-browser;
           other arguments go to voila)
  video    FILE --variant cable|machine|bodyweight [--side left|right] [--hip-range DEG]
           [--out DIR]: check a side-view video of a set on this computer. Builds the pose
           environment .venv-pose once (MediaPipe 0.10.21, which carries its model), reads the
           frames into a keypoints CSV, asks whether the clip shows the variant named (exit 2
           with one line if not), checks the set, and writes DIR/report.html (default: a folder
           FILE-kickback beside the video) with a still for each finding and a contact sheet
  lock     re-pin requirements.txt from requirements.in and pyproject.toml, and
           requirements-test.txt from requirements-test.in

Paths in the arguments are relative to the folder you run the command from.
"""

LOCK_HEADER = """\
# Every package the course needs, each pinned with ==, for learners, Binder and CI.
# The packages only the tests use are in requirements-test.txt.
#
# Made by `python3 run.py lock` with Python 3.11 on Linux: in a fresh virtual
# environment, `pip install -r requirements.in -e .`, then
# `pip freeze --exclude-editable`, then this header and the final `-e .`.
# Do not edit the pins by hand. To change them, edit requirements.in (direct
# dependencies) or pyproject.toml's dependencies, run `python3 run.py lock`,
# then `python3 run.py test`, and commit requirements.txt and requirements-test.txt.
# jupyterlab, ipywidgets and jupyterlab_widgets stay together in this one file
# so that the widgets' front end and kernel side always match.
"""

LOCK_TEST_HEADER = """\
# What only the tests need, on top of requirements.txt, each pinned with ==.
# `python3 run.py test` installs this file (which includes requirements.txt);
# learners, Binder and `python3 run.py lab` install requirements.txt alone.
#
# Made by `python3 run.py lock` right after requirements.txt, in the same fresh
# virtual environment: `pip install -r requirements-test.in -c requirements.txt`
# (so no pin of requirements.txt moves), then `pip freeze`, keeping the packages
# requirements.txt does not pin. Do not edit the pins by hand: edit
# requirements-test.in and run `python3 run.py lock`.
"""

# pytest options whose value is never a path (so it is never made absolute).
PYTEST_VALUE_OPTIONS = (
    "-k",
    "-m",
    "-p",
    "-o",
    "-W",
    "-r",
    "--tb",
    "--maxfail",
    "--durations",
    "--log-level",
    "--log-cli-level",
    "--color",
    "--capture",
    "--import-mode",
    "--deselect",  # a node id relative to the rootdir, as pytest reads it
)
# Options whose value is a path, made absolute even where it does not exist yet.
PATH_OPTIONS = {
    "test": (
        "--ignore",
        "--ignore-glob",
        "--rootdir",
        "--basetemp",
        "-c",
        "--confcutdir",
        "--junitxml",
        "--junit-xml",
        "--nbval-sanitize-with",
    ),
    "figures": ("--out",),
    "slides": ("--out",),
    "lab": ("--notebook-dir", "--ServerApp.root_dir", "--ServerApp.notebook_dir"),
    "classroom": (),
    "video": ("--out",),
}


class RunError(Exception):
    """A failure to report in one line, without a traceback."""


def say(message):
    sys.stderr.write("run.py: %s\n" % message)
    sys.stderr.flush()


def venv_bin(name, venv=None):
    """Path of an executable inside .venv (bin/ on POSIX, Scripts\\ on Windows)."""
    venv = venv or VENV
    if os.name == "nt":
        return os.path.join(venv, "Scripts", name + ".exe")
    return os.path.join(venv, "bin", name)


def display(path):
    """A path as the user should read it: relative to this folder when inside it."""
    relative = os.path.relpath(path, ROOT)
    return path if relative.startswith("..") else relative


# --------------------------------------------------------------------------------------
# What a set needs, and what .venv holds
# --------------------------------------------------------------------------------------


def digest_files(paths):
    """sha256 over the given files, each with its name."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise RunError("cannot read %s: %s" % (display(path), error.strerror))
        digest.update(os.path.basename(path).encode() + b"\0")
        digest.update(hashlib.sha256(data).hexdigest().encode() + b"\n")
    return digest.hexdigest()


def set_digest(kind):
    return digest_files(SETS[kind]["inputs"])


def read_pins(path, seen=None):
    """(name, version) for every line of a requirements file, following `-r FILE`;
    `-e .` is this project (version None: any)."""
    seen = set() if seen is None else seen
    path = os.path.abspath(path)
    if path in seen:
        return []
    seen.add(path)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError as error:
        raise RunError("cannot read %s: %s" % (display(path), error.strerror))
    pins = []
    for raw in lines:
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            included = line.split(None, 1)[1].strip()
            pins += read_pins(os.path.join(os.path.dirname(path), included), seen)
        elif line.startswith(("-e ", "--editable ")):
            pins.append((PROJECT, None))
        elif line.startswith("-"):
            continue  # -c, --index-url and the like pin nothing
        else:
            requirement = line.split(";", 1)[0].strip()
            match = re.match(
                r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(==\s*([^\s,]+))?", requirement
            )
            if match:
                pins.append((match.group(1), match.group(3) if match.group(2) else None))
    return pins


def wanted(kinds):
    """The pins and the key modules of the given sets."""
    pins, modules = [], []
    for kind in kinds:
        for pin in read_pins(SETS[kind]["install"]):
            if pin not in pins:
                pins.append(pin)
        modules += [module for module in SETS[kind]["modules"] if module not in modules]
    return pins, modules


def inspect_venv(python, pins, modules):
    """What .venv's python says about itself and the pins (see INSPECT_VENV), or None if it
    does not run."""
    if not os.path.exists(python):
        return None
    argument = json.dumps([list(MIN_PYTHON), pins, modules])
    try:
        result = subprocess.run(
            [python, "-I", "-c", INSPECT_VENV, argument],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    except OSError:
        return None
    if result.returncode != 0:
        return None
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def read_stamp():
    """{set name: digest} from the stamp (an older stamp's lone digest reads as nothing)."""
    try:
        with open(STAMP, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return {}
    stamp = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and parts[0] in SETS:
            stamp[parts[0]] = parts[1]
    return stamp


def write_stamp(stamp):
    with open(STAMP, "w", encoding="utf-8") as handle:
        handle.write("".join("%s %s\n" % (kind, stamp[kind]) for kind in sorted(stamp)))


def describe_problems(state):
    parts = []
    if state["missing"]:
        parts.append(
            "missing or at another version: "
            + ", ".join(state["missing"][:6])
            + (" and %d more" % (len(state["missing"]) - 6) if len(state["missing"]) > 6 else "")
        )
    if state["broken"]:
        parts.append("incomplete: " + ", ".join(state["broken"]))
    return "; ".join(parts)


# --------------------------------------------------------------------------------------
# Making .venv and installing into it
# --------------------------------------------------------------------------------------


def create_venv(path, clear=False):
    command = [sys.executable, "-m", "venv"]
    if clear:
        command.append("--clear")
    command.append(path)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout)
        if "ensurepip" in result.stdout:
            raise RunError(
                "cannot create a virtual environment: Python's venv/ensurepip is "
                "missing (on Debian or Ubuntu: apt-get install python3-venv)"
            )
        raise RunError("cannot create a virtual environment at %s (see the message above)" % path)


class PipError(RunError):
    """pip install failed; `network` tells whether it could not reach an index."""

    def __init__(self, message, network):
        RunError.__init__(self, message)
        self.network = network


def pip_install(python, arguments, log_path=None):
    """Run `pip install ARGUMENTS` with its output shown as it comes, except pip's retry
    warnings and its closing ERROR lines, which are shown at the end only if the failure was
    not a network one (that gets one line from the caller). The whole output goes to
    log_path. Raises PipError."""
    command = [python, "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off"] + list(
        arguments
    )
    log = open(log_path, "w", encoding="utf-8") if log_path else None
    held, network = [], False
    try:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        try:
            for line in process.stdout:
                if log:
                    log.write(line)
                if NETWORK_ERROR.search(line):
                    network = True
                if PIP_RETRY.match(line):
                    continue
                if line.startswith("ERROR:") or held:
                    held.append(line)
                    continue
                sys.stdout.write(line)
                sys.stdout.flush()
            code = process.wait()
        except BaseException:
            process.kill()
            process.wait()
            raise
    finally:
        if log:
            log.close()
    if code == 0:
        for line in held:
            sys.stdout.write(line)
        return
    if not network:
        for line in held:
            sys.stderr.write(line)
    raise PipError("pip install failed (exit %d)" % code, network)


def install_sets(python, kinds, first):
    """pip install the requirements of the given sets (the test set's file includes the course's)."""
    target = SETS["test" if "test" in kinds else "course"]["install"]
    names = " and ".join(os.path.basename(SETS[kind]["install"]) for kind in kinds)
    say("installing %s into .venv%s" % (names, " (the first time takes a few minutes)" if first else ""))
    try:
        pip_install(python, ["-r", target], PIP_LOG)
    except PipError as error:
        if error.network:
            raise RunError(
                "%s needs the Python package index once, and it cannot be reached from here: connect "
                "to the internet and run the same command again (after that the course runs offline; "
                "pip's messages are in %s)"
                % ("the first install" if first else "installing the changed requirements", display(PIP_LOG))
            )
        raise RunError("installing %s into .venv failed (see pip's messages above)" % names)


def repair(python, broken):
    """Reinstall, without dependencies, the distributions found incomplete."""
    say("reinstalling what is incomplete in .venv: %s" % ", ".join(broken))
    pins = dict(wanted(tuple(SETS))[0])
    arguments = ["--ignore-installed", "--no-deps"]  # over the files left, without uninstalling
    for name in broken:
        if name == PROJECT:
            arguments += ["-e", ROOT]
        elif pins.get(name):
            arguments.append("%s==%s" % (name, pins[name]))
        else:
            arguments.append(name)
    try:
        pip_install(python, arguments, PIP_LOG)
    except PipError:
        pass  # the check that follows names what is still wrong


def ensure_venv(kinds=("course",)):
    """Make .venv hold the given sets (see the module docstring); return its python."""
    python = venv_bin("python")
    pins, modules = wanted(kinds)
    state = inspect_venv(python, pins, modules)
    if state is None or not state["python_ok"] or not state["pip"]:
        fresh = not os.path.exists(VENV)
        say(
            "creating the virtual environment .venv"
            if fresh
            else "re-creating .venv (its python is missing, broken or too old, or it has no pip)"
        )
        create_venv(VENV, clear=not fresh)
        state = None
    stamp = read_stamp() if state is not None else {}
    digests = dict((kind, set_digest(kind)) for kind in kinds)
    if state is not None and all(stamp.get(kind) == digests[kind] for kind in kinds):
        if not state["missing"] and not state["broken"]:
            return python
        say(".venv does not hold what it should (%s): installing again" % describe_problems(state))
    install_sets(python, kinds, first=not os.path.exists(STAMP))
    state = inspect_venv(python, pins, modules)
    if state is not None and state["broken"] and not state["missing"]:
        repair(python, state["broken"])
        state = inspect_venv(python, pins, modules)
    if state is None or state["missing"] or state["broken"]:
        raise RunError(
            "the install left .venv incomplete (%s): delete the folder %s and run the same "
            "command again" % (describe_problems(state) if state else "its python does not run", VENV)
        )
    kept = dict(
        (kind, digest) for kind, digest in stamp.items() if kind not in digests and digest == set_digest(kind)
    )
    kept.update(digests)
    write_stamp(kept)
    return python


# --------------------------------------------------------------------------------------
# Arguments: paths relative to where the user stands
# --------------------------------------------------------------------------------------


def absolute_paths(args, cwd, path_options=(), value_options=()):
    """`args` with every path made absolute against `cwd`: values of `path_options` (as
    `--opt VALUE` or `--opt=VALUE`) always, and other arguments that name an existing file
    or folder there (a pytest node id's part before `::` too). Values of `value_options`
    stay as they are."""
    result = []
    previous = None
    for arg in args:
        if previous in path_options:
            arg = os.path.join(cwd, arg)
        elif previous in value_options:
            pass
        elif arg.startswith("-"):
            name, equals, value = arg.partition("=")
            if equals and name in path_options and value:
                arg = name + "=" + os.path.join(cwd, value)
        else:
            path, sep, rest = arg.partition("::")
            if path and os.path.exists(os.path.join(cwd, path)):
                arg = os.path.normpath(os.path.join(cwd, path)) + sep + rest
        result.append(arg)
        previous = arg if arg.startswith("-") and "=" not in arg else None
    return result


def names_a_path(arg):
    """True if a (made absolute) argument names an existing file or folder."""
    path = arg.split("::")[0]
    return not arg.startswith("-") and os.path.isabs(path) and os.path.exists(path)


# --------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------


def run_and_exit(command, cwd=ROOT):
    """Run a command in the foreground and exit with its exit code."""
    try:
        code = subprocess.call(command, cwd=cwd)
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


def exec_or_run(command):
    """Replace this process with command on POSIX (signals reach it directly)."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.chdir(ROOT)
        os.execv(command[0], command)
    run_and_exit(command)


def cmd_lab(args):
    ensure_venv(("course",))
    if not os.path.exists(os.path.join(ROOT, START_NOTEBOOK)):
        raise RunError("%s is missing" % START_NOTEBOOK)
    args = list(args)
    if not any(arg.startswith(("--notebook-dir", "--ServerApp.root_dir")) for arg in args):
        # Serve the whole course folder (figures/, data/ too), not only notebooks/.
        args.append("--ServerApp.root_dir=" + ROOT)
    if getattr(os, "geteuid", lambda: 1)() == 0 and "--allow-root" not in args:
        args.append("--allow-root")  # jupyter refuses to start as root without it
    exec_or_run([venv_bin("jupyter"), "lab", START_NOTEBOOK] + args)


def cmd_test(args):
    python = ensure_venv(("course", "test"))
    command = [
        python,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        os.path.join("tests", "sanitize.cfg"),
    ]
    args = list(args)
    if not any(names_a_path(arg) for arg in args):
        args += ["tests", "notebooks"]
    exec_or_run(command + args)


def cmd_figures(args):
    python = ensure_venv(("course",))
    exec_or_run([python, "-m", "kickback", "figures"] + list(args))


def cmd_slides(args):
    python = ensure_venv(("course",))
    exec_or_run([python, os.path.join(ROOT, "scripts", "build_slides.py")] + list(args))


def cmd_classroom(args):
    python = ensure_venv(("course",))
    exec_or_run([python, os.path.join(ROOT, "scripts", "serve_classroom.py")] + list(args))


def pin_sort_key(line):
    """Sort pins by normalised project name (so foo-bar sorts after foo)."""
    return line.split("==")[0].lower().replace("_", "-").replace(".", "-")


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def frozen_pins(python):
    """`pip freeze --exclude-editable` of an environment, sorted; every entry pinned with ==."""
    freeze = subprocess.run(
        [python, "-m", "pip", "freeze", "--disable-pip-version-check", "--exclude-editable"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    if freeze.returncode != 0:
        raise RunError("pip freeze failed")
    pins = sorted(
        (line.strip() for line in freeze.stdout.splitlines() if line.strip() and not line.startswith("#")),
        key=pin_sort_key,
    )
    loose = [line for line in pins if "==" not in line]
    if loose:
        raise RunError("pip freeze gave entries that are not pinned with ==: %s" % ", ".join(loose))
    return pins


def lock_install(python, arguments, what):
    try:
        pip_install(python, arguments)
    except PipError as error:
        if error.network:
            raise RunError("locking needs the Python package index, which cannot be reached from here")
        raise RunError("installing %s failed (see pip's messages above)" % what)


def cmd_lock(args):
    if args:
        raise RunError("lock takes no arguments")
    for path in (REQUIREMENTS_IN, REQUIREMENTS_TEST_IN):
        if not os.path.exists(path):
            raise RunError("%s is missing" % display(path))
    if sys.version_info[:2] != MIN_PYTHON:
        say(
            "warning: pins are meant to be made with Python %d.%d (Binder's runtime.txt); "
            "this is %d.%d" % (MIN_PYTHON + tuple(sys.version_info[:2]))
        )
    scratch = tempfile.mkdtemp(prefix="kickback-lock-")
    try:
        env_dir = os.path.join(scratch, "venv")
        say("creating a fresh virtual environment in %s" % env_dir)
        create_venv(env_dir)
        python = venv_bin("python", env_dir)
        lock_install(python, ["-r", REQUIREMENTS_IN, "-e", "."], "requirements.in")
        course = frozen_pins(python)
        constraints = os.path.join(scratch, "course-pins.txt")
        with open(constraints, "w", encoding="utf-8") as handle:
            handle.write("\n".join(course) + "\n")
        lock_install(python, ["-r", REQUIREMENTS_TEST_IN, "-c", constraints], "requirements-test.in")
        everything = frozen_pins(python)
        moved = sorted(set(course) - set(everything))
        if moved:
            raise RunError("the test requirements moved pins of requirements.txt: %s" % ", ".join(moved))
        course_names = set(normalised(pin.split("==")[0]) for pin in course)
        tests_only = [pin for pin in everything if normalised(pin.split("==")[0]) not in course_names]
        with open(REQUIREMENTS, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(
                LOCK_HEADER + "\n" + "\n".join(course) + "\n\n"
                "# The course's own package, installed from this folder.\n-e .\n"
            )
        with open(REQUIREMENTS_TEST, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(
                LOCK_TEST_HEADER + "\n# Everything the course needs (and the course itself).\n"
                "-r requirements.txt\n\n" + "\n".join(tests_only) + "\n"
            )
        say(
            "wrote requirements.txt (%d pinned packages) and requirements-test.txt (%d more for the tests)"
            % (len(course), len(tests_only))
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# --------------------------------------------------------------------------------------
# video: a clip of one's own set, checked on this computer
# --------------------------------------------------------------------------------------

# MediaPipe 0.10.21 carries its pose model inside the wheel (later versions download it) and
# needs numpy older than 2, so it lives in its own environment beside .venv.
POSE_REQUIREMENTS = ("mediapipe==0.10.21", "numpy<2", "opencv-python-headless==4.11.0.86")
POSE_MAX_PYTHON = (3, 12)
VIDEO_SCRIPT = os.path.join(ROOT, "scripts", "video_to_keypoints.py")
POSE_CHECK = "import cv2, mediapipe, numpy; mediapipe.solutions.pose.Pose; print(numpy.__version__)"


class InputError(RunError):
    """Bad input or a clip that is not the exercise: one line, exit code 2."""

    code = 2


def pose_venv():
    """Where the pose environment lives (KICKBACK_POSE_VENV moves it, for tests)."""
    return os.environ.get("KICKBACK_POSE_VENV") or os.path.join(ROOT, ".venv-pose")


def pose_env_ready(python, stamp_path):
    """True if the pose environment was built from POSE_REQUIREMENTS and imports its modules."""
    try:
        with open(stamp_path, encoding="utf-8") as handle:
            if handle.read().split() != list(POSE_REQUIREMENTS):
                return False
    except OSError:
        return False
    result = subprocess.run([python, "-I", "-c", POSE_CHECK], capture_output=True, text=True)
    return result.returncode == 0


def ensure_pose_env():
    """Make the pose environment (see POSE_REQUIREMENTS) if it is missing; return its python."""
    venv = pose_venv()
    python = venv_bin("python", venv)
    stamp = os.path.join(venv, ".kickback-pose-stamp")
    if os.path.exists(python) and pose_env_ready(python, stamp):
        return python
    if sys.version_info[:2] > POSE_MAX_PYTHON:
        raise RunError(
            "the pose environment needs Python %d.%d or older (MediaPipe 0.10.21); this is %d.%d: "
            "run run.py with an older python3" % (POSE_MAX_PYTHON + tuple(sys.version_info[:2]))
        )
    say("building the pose environment %s (once; MediaPipe and OpenCV, about 100 MB)" % display(venv))
    if not os.path.exists(python):
        create_venv(venv)
    log = os.path.join(venv, ".kickback-pip.log")
    try:
        pip_install(python, list(POSE_REQUIREMENTS), log)
    except PipError as error:
        if error.network:
            raise RunError(
                "the pose environment %s is not built yet and the Python package index cannot be "
                "reached from here: connect to the internet once and run the same command again "
                "(after that videos are checked offline; pip's messages are in %s)"
                % (display(venv), display(log))
            )
        raise RunError("installing the pose environment failed (see pip's messages above)")
    check = subprocess.run([python, "-I", "-c", POSE_CHECK], capture_output=True, text=True)
    if check.returncode != 0:
        raise RunError("the pose environment %s does not import MediaPipe: delete it and try again" % venv)
    with open(stamp, "w", encoding="utf-8") as handle:
        handle.write("\n".join(POSE_REQUIREMENTS) + "\n")
    return python


def video_options(args):
    """The video command's arguments (argparse, errors in one line with exit code 2)."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message):
            raise InputError("video: %s (python3 run.py --help)" % message)

    parser = Parser(prog="python3 run.py video", add_help=False)
    parser.add_argument("file")
    parser.add_argument("--variant", required=True, choices=("cable", "machine", "bodyweight"))
    parser.add_argument("--side", choices=("left", "right"), default=None)
    parser.add_argument("--hip-range", default=None)
    parser.add_argument("--out", default=None)
    return parser.parse_args(args)


def run_step(command, log, show=("reading frames",)):
    """Run one step, its stdout returned; stderr lines starting with `show` are shown, all kept in `log`.
    Exit code 2 (bad input, not the exercise) becomes an InputError with the step's error line."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errors = []
    try:
        for line in process.stderr:
            log.write(line)
            if line.startswith(show):
                sys.stderr.write(line)
                sys.stderr.flush()
            if line.startswith("error:"):
                errors.append(line[len("error:") :].strip())
        output = process.stdout.read()
        code = process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise
    log.write(output)
    log.flush()
    if code == 2 and errors:
        raise InputError(errors[-1])
    if code != 0:
        raise RunError(
            "%s failed (exit %d; its messages are in %s)" % (os.path.basename(command[1]), code, log.name)
        )
    return output


def cmd_video(args):
    options = video_options(args)
    video = os.path.abspath(options.file)
    if not os.path.isfile(video):
        raise InputError("%s: no such file" % options.file)
    course = ensure_venv(("course",))
    pose = ensure_pose_env()
    out = os.path.abspath(options.out or os.path.splitext(video)[0] + "-kickback")
    if not os.path.isdir(out):
        os.makedirs(out)
    keypoints = os.path.join(out, "keypoints.csv")
    frames = os.path.join(out, "frames")
    check = ["--variant", options.variant]
    if options.side:
        check += ["--side", options.side]
    if options.hip_range is not None:
        check += ["--hip-range", options.hip_range]
    report = [course, "-m", "kickback.draw.video_report"]
    with open(os.path.join(out, "run.log"), "w", encoding="utf-8") as log:
        say("reading %s with MediaPipe (offline)" % os.path.basename(video))
        run_step([pose, VIDEO_SCRIPT, video, keypoints, "--progress"], log)
        plan = json.loads(run_step(report + ["plan", keypoints] + check, log).strip().splitlines()[-1])
        run_step(
            [pose, VIDEO_SCRIPT, video, frames, "--frames", ",".join(str(n) for n in plan["frames"])], log
        )
        page = run_step(
            report
            + [
                "build",
                keypoints,
                "--frames-dir",
                frames,
                "--out",
                out,
                "--video-name",
                os.path.basename(video),
            ]
            + check
            + ([] if options.side else ["--side", plan["side"]]),
            log,
        ).strip()
    sys.stdout.write("keypoints: %s\nreport: %s\n" % (keypoints, page))


COMMANDS = {
    "lab": cmd_lab,
    "test": cmd_test,
    "figures": cmd_figures,
    "slides": cmd_slides,
    "classroom": cmd_classroom,
    "video": cmd_video,
    "lock": cmd_lock,
}


def main(argv, cwd=None):
    if not argv or argv[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0 if argv else 2
    name, args = argv[0], argv[1:]
    if name not in COMMANDS:
        say(
            "unknown command %r; use one of: %s (python3 run.py --help)" % (name, ", ".join(sorted(COMMANDS)))
        )
        return 2
    if name in PATH_OPTIONS:
        value_options = PYTEST_VALUE_OPTIONS if name == "test" else ()
        args = absolute_paths(args, cwd or os.getcwd(), PATH_OPTIONS[name], value_options)
    try:
        COMMANDS[name](args)
    except RunError as error:
        say(str(error))
        return getattr(error, "code", 1)
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
