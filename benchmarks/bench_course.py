"""Benchmark: executing every course notebook against starting a kernel and importing matplotlib.

Steps: time the baseline, a fresh kernel that runs only `import matplotlib` (nbclient, as the
notebooks run; the median of --repeats runs); time executing each notebook top to bottom in
its own fresh kernel (nbclient, its folder as the working directory, nothing written back);
print each notebook's seconds and its ratio to the baseline, then the total. Machines are
noisy, so compare ratios, not seconds.

Usage: python benchmarks/bench_course.py [--repeats N] [NOTEBOOK ...]   (default: every notebook)
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 600  # per cell


def find_notebooks() -> list[Path]:
    """Every notebook under notebooks/, lessons first, without checkpoints."""
    root = ROOT / "notebooks"
    return sorted(
        (path for path in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts),
        key=lambda path: path.relative_to(root).as_posix(),
    )


def execute(notebook: nbformat.NotebookNode, folder: Path) -> float:
    """Seconds to start a fresh kernel, run every cell and shut the kernel down."""
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )  # no start-up warnings
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def baseline(repeats: int) -> list[float]:
    """Seconds for a fresh kernel that only imports matplotlib, `repeats` times."""
    times = []
    for _ in range(repeats):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import matplotlib")])
        times.append(execute(notebook, ROOT))
    return times


def main() -> None:
    """Run the baseline and every notebook; print the table and the total."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="baseline runs (the median is used)")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    paths = [path.resolve() for path in args.notebooks] or find_notebooks()
    base_runs = baseline(args.repeats)
    base = statistics.median(base_runs)
    print(
        f"baseline: fresh kernel + import matplotlib, median {base:.2f} s over {args.repeats} runs "
        f"(min {min(base_runs):.2f}, max {max(base_runs):.2f})"
    )
    print(f"{'notebook':<42} {'seconds':>8} {'x baseline':>11}")
    total = 0.0
    for path in paths:
        seconds = execute(nbformat.read(path, as_version=4), path.parent)
        total += seconds
        name = (
            path.relative_to(ROOT / "notebooks").as_posix()
            if ROOT / "notebooks" in path.parents
            else path.name
        )
        print(f"{name:<42} {seconds:8.2f} {seconds / base:11.1f}", flush=True)
    print(f"{'total (' + str(len(paths)) + ' notebooks)':<42} {total:8.2f} {total / base:11.1f}")


if __name__ == "__main__":
    main()
