"""Benchmark: reading a recording grows in proportion to the file, never faster (issue 10).

Steps: write angles files of N and 4N rows, and headers of 250 and 1000 columns (the cap), in a
temporary folder; time `read_recording` on each (the median of --repeats runs); print the seconds
and the ratio of the larger to the smaller. A linear reader gives ratios near 4; a quadratic one
(the old header parser) near 16. Machines are noisy, so compare ratios, not seconds.

Usage: python benchmarks/bench_reading.py [--rows N] [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from kickback.form.recordings import read_recording


def angles_file(path: Path, rows: int, extra_columns: int = 0) -> Path:
    """A plausible angles file: 30 frames a second, a hip going up and down, `extra_columns` unused."""
    t = np.arange(rows) / 30
    hip = -15 + 35 * (0.5 - 0.5 * np.cos(2 * np.pi * t / 5))
    extra = [f"unused_{i}" for i in range(extra_columns)]
    lines = [",".join(["time_s", "hip_extension_deg", "knee_flexion_deg", *extra])]
    tail = "," + ",".join(["1"] * extra_columns) if extra_columns else ""
    lines += [f"{a:.4f},{b:.2f},10{tail}" for a, b in zip(t, hip)]
    path.write_text("\n".join(lines) + "\n")
    return path


def seconds(path: Path, repeats: int) -> float:
    """Median seconds to read `path`."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        read_recording(path)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=9000, help="rows of the smaller file (default 9000)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        pairs = {
            "rows": (angles_file(root / "n.csv", args.rows), angles_file(root / "4n.csv", 4 * args.rows)),
            "columns": (angles_file(root / "c250.csv", 200, 247), angles_file(root / "c1000.csv", 200, 997)),
        }
        for what, (small, large) in pairs.items():
            a, b = seconds(small, args.repeats), seconds(large, args.repeats)
            print(f"{what:8s} {a:8.3f} s  {b:8.3f} s  ratio {b / a:5.1f} (linear: about 4)")


if __name__ == "__main__":
    main()
