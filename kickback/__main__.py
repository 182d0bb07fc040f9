"""Command line: regenerate every diagram, or check a recorded set.

`python -m kickback figures [--out DIR]` regenerates every diagram;
`python -m kickback check FILE.csv --variant cable [--format angles] [--side right] [--json]`
checks a recorded set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


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
    return parser


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
        "--json", action="store_true", help="print one JSON object (keys reps, findings, ...) instead of text"
    )


def run_figures(out: Path | None) -> int:
    """Write every figure; print what was written."""
    from .draw.committed import FIGURES_DIR
    from .draw.diagrams import write_figures

    for path in write_figures(out or FIGURES_DIR):
        print(path.name)
    return 0


def run_check(file: Path, variant: str, format: str, side: str | None, as_json: bool) -> int:
    """Check a recorded set and print the report; bad input gives one line on stderr and exit code 2."""
    import json

    from .form.analysis import analyze_set
    from .form.recordings import read_recording

    try:
        report = analyze_set(read_recording(file, format=format, side=side), variant)
    except (ValueError, OSError) as error:
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else report.describe())
    return 0


def _one_line(error: Exception) -> str:
    """An error's message on one line."""
    return " ".join(str(error).split()) or type(error).__name__


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "figures":
        return run_figures(args.out)
    if args.command == "check":
        return run_check(args.file, args.variant, args.format, args.side, args.json)
    return 2


if __name__ == "__main__":
    sys.exit(main())
