"""Command line: `python -m kickback figures [--out DIR]` regenerates every diagram."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface: one subcommand per task."""
    parser = argparse.ArgumentParser(prog="python -m kickback", description="Kickback Lab tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    figures = commands.add_parser("figures", help="regenerate every diagram (PNG and SVG) and its alt text")
    figures.add_argument("--out", type=Path, default=None, help="folder to write to (default: the course's figures/)")
    return parser


def run_figures(out: Path | None) -> int:
    """Write every figure; print what was written."""
    from .figures import FIGURES_DIR, write_figures

    for path in write_figures(out or FIGURES_DIR):
        print(path.name)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "figures":
        return run_figures(args.out)
    return 2


if __name__ == "__main__":
    sys.exit(main())
