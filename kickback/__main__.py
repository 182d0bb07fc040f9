"""Command line: regenerate every diagram, or check a recorded set.

`python -m kickback figures [--out DIR]` regenerates every diagram;
`python -m kickback printables [--out DIR]` writes the trainers' one-page printables;
`python -m kickback check FILE.csv --variant cable [--format angles] [--side right] [--hip-range DEG]
[--json]` checks a recorded set.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (exit code 2), as for a bad file."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"error: {message} (see: {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface: one subcommand per task."""
    parser = OneLineParser(prog="python -m kickback", description="Kickback Lab tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    figures = commands.add_parser("figures", help="regenerate every diagram (PNG and SVG) and its alt text")
    figures.add_argument(
        "--out", type=Path, default=None, help="folder to write to (default: the course's figures/)"
    )
    add_check_parser(commands)
    printables = commands.add_parser(
        "printables", help="write the trainers' printables (one-page PDF and PNG each) to printables/"
    )
    printables.add_argument(
        "--out", type=Path, default=None, help="folder to write to (default: the course's printables/)"
    )
    return parser


def run_printables(out: Path | None) -> int:
    """Write every printable (kickback.draw.printables); print what was written."""
    from .draw.printables import PRINTABLES_DIR, write_printables

    for path in write_printables(out or PRINTABLES_DIR):
        print(path.name)
    return 0


CHECK_FORMATS = ("angles", "coco17", "mediapipe33", "halpe26", "body25")


def add_check_parser(commands: argparse._SubParsersAction) -> None:
    """The `check` subcommand: reps, tempo and form findings of a recorded set."""
    check = commands.add_parser("check", help="count the reps of a recorded set and check its form")
    check.add_argument("file", type=Path, help="the recording: an angles CSV or a keypoints CSV")
    check.add_argument(
        "--variant",
        required=True,
        choices=("cable", "machine", "bodyweight"),
        help="which kickback was recorded",
    )
    check.add_argument(
        "--format", default="angles", choices=CHECK_FORMATS, help="angles (default) or the keypoint skeleton"
    )
    check.add_argument(
        "--side",
        choices=("left", "right"),
        default=None,
        help="for keypoints: the side of the body facing the camera",
    )
    check.add_argument(
        "--hip-range",
        type=float,
        default=None,
        metavar="DEG",
        help="your own hip extension range in degrees (0 to 30); range of motion is judged against it",
    )
    check.add_argument(
        "--json", action="store_true", help="print one JSON object (keys reps, findings, ...) instead of text"
    )


def run_figures(out: Path | None) -> int:
    """Write every figure; print what was written. A folder that cannot be written is one line, exit 2."""
    from .draw.committed import FIGURES_DIR
    from .draw.diagrams import write_figures

    folder = out or FIGURES_DIR
    problem = _unwritable(folder)
    if problem:
        return _fail(f"--out {folder}: {problem}")
    for path in write_figures(folder):
        _say(path.name)
    return 0


def _unwritable(folder: Path) -> str | None:
    """Why `folder` cannot take the figures, or None: it is a file, or it cannot be made or written."""
    if folder.exists() and not folder.is_dir():
        return "is a file, not a folder; give a folder to write the figures into"
    existing = next((parent for parent in (folder, *folder.parents) if parent.exists()), None)
    if existing is not None and not existing.is_dir():
        return f"{existing} is a file, not a folder"
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        return f"the folder {existing} cannot be written (no permission)"
    return None


def run_check(
    file: Path, variant: str, format: str, side: str | None, as_json: bool, hip_range: float | None = None
) -> int:
    """Check a recorded set and print the report (text, or JSON with `as_json`).

    For keypoints the report's notes also say who was judged, as the video report does: `analyze_set`
    adds them (`kickback.form.exercise_check.who_was_judged`). Bad input, or a file with no signal to
    judge (no hip angle, radians, a flat line), gives one line on stderr and exit code 2.
    """
    import json

    from .form.analysis import analyze_set
    from .form.exercise_check import judge_recording
    from .form.exercise_gate import refuse_unless_passed
    from .form.recordings import check_signal, read_recording

    recording = check_signal(read_recording(file, format=format, side=side), file.name)
    # Is this the exercise? (exercise_gate), on the one read; a refusal is one line and exit code 2.
    refuse_unless_passed(judge_recording(recording, variant))
    report = analyze_set(recording, variant, hip_range=hip_range)
    _say(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else report.describe())
    return 0


_PLAIN = {"°": " deg", "±": "+/-", "×": "x", "✗": "x", "✓": "ok", "–": "-", "—": "-", "→": "->"}


def _printable(text: str, stream: TextIO) -> str:
    """`text` as `stream` can print it: a terminal that cannot show "°" gets "deg", and so on."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    for sign, plain in _PLAIN.items():
        text = text.replace(sign, plain)
    try:
        return text.encode(encoding, errors="replace").decode(encoding)
    except LookupError:
        return text.encode("ascii", errors="replace").decode("ascii")


def _say(text: str) -> None:
    """Print to stdout in what the terminal can show."""
    print(_printable(text, sys.stdout))
    sys.stdout.flush()


def _fail(message: str, code: int = 2) -> int:
    """One line on stderr, `error: ...`; returns the exit code."""
    print(_printable(f"error: {' '.join(message.split())}", sys.stderr), file=sys.stderr)
    return code


def _one_line(error: BaseException) -> str:
    """An error's message on one line."""
    return " ".join(str(error).split()) or type(error).__name__


def _run(args: argparse.Namespace) -> int:
    if args.command == "figures":
        return run_figures(args.out)
    if args.command == "printables":
        return run_printables(args.out)
    if args.command == "check":
        return run_check(args.file, args.variant, args.format, args.side, args.json, args.hip_range)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code. Every error is one line on stderr and exit code 2, no traceback."""
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        _quiet_stdout()
        return _fail("the output was closed before all of it was written (broken pipe)")
    except (ValueError, OSError) as error:
        return _fail(_one_line(error))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        return _fail(f"internal error ({type(error).__name__}: {_one_line(error)}); please report it")


def _quiet_stdout() -> None:
    """Point stdout at the null device, so Python's exit does not fail again on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
