#!/usr/bin/env python3
"""Kickback Lab's one runner: set up the course's environment and use it.

    python3 run.py lab [JUPYTER ARGS...]    open JupyterLab on notebooks/00_start_here.ipynb
    python3 run.py test [PYTEST ARGS...]    run every test, nbval strict on every notebook
    python3 run.py figures [ARGS...]        regenerate figures/ (python -m kickback figures)
    python3 run.py slides [ARGS...]         write the lessons as offline slide shows to slides/
    python3 run.py classroom [ARGS...]      serve the classroom explorer as an app (Voila)
    python3 run.py lock                     re-pin requirements.txt from requirements.in

Each command first makes sure that .venv (in this folder) exists and holds
exactly requirements.txt; the install is skipped while requirements.txt and
pyproject.toml are unchanged since the last one (their sha256 is kept in
.venv/.kickback-stamp).

Standard library only. This file keeps to syntax that old Pythons can parse,
so that on one that is too old it can say so in one line.
"""

import os
import sys

MIN_PYTHON = (3, 11)

if sys.version_info[:2] < MIN_PYTHON:
    sys.stderr.write(
        "run.py: Kickback Lab needs Python %d.%d or newer; this is %d.%d (%s). "
        "Run it with a newer python3.\n"
        % (MIN_PYTHON + tuple(sys.version_info[:2]) + (sys.executable,))
    )
    sys.exit(1)

import hashlib
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
STAMP = os.path.join(VENV, ".kickback-stamp")
REQUIREMENTS = os.path.join(ROOT, "requirements.txt")
REQUIREMENTS_IN = os.path.join(ROOT, "requirements.in")
PYPROJECT = os.path.join(ROOT, "pyproject.toml")
START_NOTEBOOK = os.path.join("notebooks", "00_start_here.ipynb")

USAGE = """usage: python3 run.py COMMAND [ARGS...]

commands:
  lab      set up .venv, then open JupyterLab on notebooks/00_start_here.ipynb
           (extra arguments go to jupyter lab, e.g. --no-browser --port 8899)
  test     set up .venv, then run all tests with nbval strict on every notebook
           (extra arguments go to pytest, e.g. -k offline, -m "not browser", -x;
           paths given replace the default "tests notebooks")
  figures  set up .venv, then regenerate figures/ (python -m kickback figures)
  slides   set up .venv, then write every lesson as a reveal.js slide show to
           slides/ (open slides/index.html; needs no network once made; the first
           run fetches reveal.js and require.js with npm into .cache/)
           (scripts/build_slides.py: --out DIR, --show-code, NOTEBOOK...)
  classroom
           set up .venv, then serve notebooks/trainers/classroom_explorer.ipynb as an
           app with Voila, code hidden, on http://127.0.0.1:8866/ (Ctrl+C stops it)
           (scripts/serve_classroom.py: --port N, --ip ADDRESS for a classroom
           network, --no-browser; other arguments go to voila)
  lock     re-pin requirements.txt from requirements.in and pyproject.toml
"""

LOCK_HEADER = """\
# Every package the course needs, each pinned with ==, for learners, Binder and CI.
#
# Made by `python3 run.py lock` with Python 3.11 on Linux: in a fresh virtual
# environment, `pip install -r requirements.in -e .`, then
# `pip freeze --exclude-editable`, then this header and the final `-e .`.
# Do not edit the pins by hand. To change them, edit requirements.in (direct
# dependencies) or pyproject.toml's dependencies, run `python3 run.py lock`,
# then `python3 run.py test`, and commit requirements.txt with the change.
# jupyterlab, ipywidgets and jupyterlab_widgets stay together in this one file
# so that the widgets' front end and kernel side always match.
"""


class RunError(Exception):
    """A failure to report in one line, without a traceback."""


def say(message):
    sys.stderr.write("run.py: %s\n" % message)
    sys.stderr.flush()


def venv_bin(name):
    """Path of an executable inside .venv (bin/ on POSIX, Scripts\\ on Windows)."""
    if os.name == "nt":
        return os.path.join(VENV, "Scripts", name + ".exe")
    return os.path.join(VENV, "bin", name)


def inputs_digest():
    """sha256 over requirements.txt and pyproject.toml, each with its name."""
    digest = hashlib.sha256()
    for path in (REQUIREMENTS, PYPROJECT):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise RunError("cannot read %s: %s" % (os.path.relpath(path, ROOT), error.strerror))
        digest.update(os.path.basename(path).encode() + b"\0")
        digest.update(hashlib.sha256(data).hexdigest().encode() + b"\n")
    return digest.hexdigest()


def read_stamp():
    try:
        with open(STAMP, "r", encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return None


def venv_python_works(python):
    """True if .venv's python runs and is new enough."""
    if not os.path.exists(python):
        return False
    check = "import sys; sys.exit(0 if sys.version_info[:2] >= %r else 1)" % (MIN_PYTHON,)
    try:
        return subprocess.call([python, "-c", check]) == 0
    except OSError:
        return False


def create_venv(path, clear=False):
    command = [sys.executable, "-m", "venv"]
    if clear:
        command.append("--clear")
    command.append(path)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout)
        if "ensurepip" in result.stdout:
            raise RunError("cannot create a virtual environment: Python's venv/ensurepip is "
                           "missing (on Debian or Ubuntu: apt-get install python3-venv)")
        raise RunError("cannot create a virtual environment at %s (see the message above)" % path)


def ensure_venv():
    """Create .venv if needed and install requirements.txt unless the stamp matches."""
    python = venv_bin("python")
    if not venv_python_works(python):
        fresh = not os.path.exists(VENV)
        say("creating the virtual environment .venv" if fresh
            else "re-creating .venv (its python is missing, broken or too old)")
        create_venv(VENV, clear=not fresh)
    digest = inputs_digest()
    if read_stamp() == digest:
        return python
    say("installing requirements.txt into .venv (the first time takes a few minutes)")
    command = [python, "-m", "pip", "install", "--disable-pip-version-check",
               "--progress-bar", "off", "-r", REQUIREMENTS]
    if subprocess.call(command, cwd=ROOT) != 0:
        raise RunError("installing requirements.txt into .venv failed (see pip's messages above)")
    with open(STAMP, "w", encoding="utf-8") as handle:
        handle.write(digest + "\n")
    return python


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
    ensure_venv()
    if not os.path.exists(os.path.join(ROOT, START_NOTEBOOK)):
        raise RunError("%s is missing" % START_NOTEBOOK)
    args = list(args)
    if not any(arg.startswith(("--notebook-dir", "--ServerApp.root_dir")) for arg in args):
        # Serve the whole course folder (figures/, data/ too), not only notebooks/.
        args.append("--ServerApp.root_dir=" + ROOT)
    if getattr(os, "geteuid", lambda: 1)() == 0 and "--allow-root" not in args:
        args.append("--allow-root")  # jupyter refuses to start as root without it
    exec_or_run([venv_bin("jupyter"), "lab", START_NOTEBOOK] + args)


def looks_like_path(arg):
    if arg.startswith("-"):
        return False
    return os.path.exists(os.path.join(ROOT, arg.split("::")[0]))


def cmd_test(args):
    python = ensure_venv()
    command = [python, "-m", "pytest",
               "-p", "no:cacheprovider",
               "--nbval", "--nbval-current-env",
               "--nbval-sanitize-with", os.path.join("tests", "sanitize.cfg")]
    args = list(args)
    if not any(looks_like_path(arg) for arg in args):
        args += ["tests", "notebooks"]
    exec_or_run(command + args)


def cmd_figures(args):
    python = ensure_venv()
    exec_or_run([python, "-m", "kickback", "figures"] + list(args))


def cmd_slides(args):
    python = ensure_venv()
    exec_or_run([python, os.path.join(ROOT, "scripts", "build_slides.py")] + list(args))


def cmd_classroom(args):
    python = ensure_venv()
    exec_or_run([python, os.path.join(ROOT, "scripts", "serve_classroom.py")] + list(args))


def pin_sort_key(line):
    """Sort pins by normalised project name (so foo-bar sorts after foo)."""
    return line.split("==")[0].lower().replace("_", "-").replace(".", "-")


def cmd_lock(args):
    if args:
        raise RunError("lock takes no arguments")
    if not os.path.exists(REQUIREMENTS_IN):
        raise RunError("requirements.in is missing")
    if sys.version_info[:2] != MIN_PYTHON:
        say("warning: pins are meant to be made with Python %d.%d (Binder's runtime.txt); "
            "this is %d.%d" % (MIN_PYTHON + tuple(sys.version_info[:2])))
    scratch = tempfile.mkdtemp(prefix="kickback-lock-")
    try:
        env_dir = os.path.join(scratch, "venv")
        say("creating a fresh virtual environment in %s" % env_dir)
        create_venv(env_dir)
        python = os.path.join(env_dir, "Scripts" if os.name == "nt" else "bin",
                              "python.exe" if os.name == "nt" else "python")
        install = [python, "-m", "pip", "install", "--disable-pip-version-check",
                   "--progress-bar", "off", "-r", REQUIREMENTS_IN, "-e", "."]
        if subprocess.call(install, cwd=ROOT) != 0:
            raise RunError("installing requirements.in failed (see pip's messages above)")
        freeze = subprocess.run([python, "-m", "pip", "freeze", "--disable-pip-version-check",
                                 "--exclude-editable"], cwd=ROOT, stdout=subprocess.PIPE,
                                universal_newlines=True)
        if freeze.returncode != 0:
            raise RunError("pip freeze failed")
        pins = sorted((line.strip() for line in freeze.stdout.splitlines()
                       if line.strip() and not line.startswith("#")), key=pin_sort_key)
        loose = [line for line in pins if "==" not in line]
        if loose:
            raise RunError("pip freeze gave entries that are not pinned with ==: %s" % ", ".join(loose))
        with open(REQUIREMENTS, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(LOCK_HEADER + "\n" + "\n".join(pins) + "\n\n"
                         "# The course's own package, installed from this folder.\n-e .\n")
        say("wrote requirements.txt (%d pinned packages)" % len(pins))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


COMMANDS = {"lab": cmd_lab, "test": cmd_test, "figures": cmd_figures, "slides": cmd_slides,
            "classroom": cmd_classroom, "lock": cmd_lock}


def main(argv):
    if not argv or argv[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0 if argv else 2
    name, args = argv[0], argv[1:]
    if name not in COMMANDS:
        say("unknown command %r; use one of: %s (python3 run.py --help)"
            % (name, ", ".join(sorted(COMMANDS))))
        return 2
    try:
        COMMANDS[name](args)
    except RunError as error:
        say(str(error))
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
