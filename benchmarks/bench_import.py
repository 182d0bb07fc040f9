"""Benchmark: how long `import kickback` takes in a fresh interpreter, against bare Python and numpy.

Steps: in the same run and in alternation (so both see the same machine load), start a fresh
interpreter N times each for: nothing (`pass`), `import numpy`, `import kickback`, and
`import kickback; kickback.check_pose` (which loads the model and the form checker, not the
drawing). Report the medians, the import's own cost (minus bare Python) and its ratio to numpy's.
Machines are noisy, so the ratios are what to compare between runs.

Usage: python benchmarks/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "bare python": "pass",
    "import numpy": "import numpy",
    "import kickback": "import kickback",
    "kickback.check_pose (model + form)": "import kickback; kickback.check_pose",
    "kickback.explore (everything)": "import kickback; kickback.explore",
}


def time_once(code: str) -> float:
    """Seconds for a fresh interpreter to run `code` and exit."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    """Time every case in alternation and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.runs):
        for name, code in CASES.items():
            times[name].append(time_once(code))
    median = {name: statistics.median(values) for name, values in times.items()}
    bare = median["bare python"]
    numpy_cost = median["import numpy"] - bare
    for name, value in median.items():
        cost = value - bare
        print(f"{name}: {value * 1000:.0f} ms in all, {cost * 1000:.0f} ms beyond bare Python", end="")
        print(f" ({cost / numpy_cost:.1f}x numpy's import)" if name != "bare python" else "")


if __name__ == "__main__":
    main()
