"""Benchmark: lesson 07's resistance-profile widget and the torque curves under it, against one render.

Steps: build the profile explorer; time N full Agg PNG renders of its figure (the baseline, measured
in this run); time one torque curve per variant (the model alone: a skeleton per hip angle); then,
for each load on all fours, time picking it and N slider steps (a load slider, or body mass, which
also recomputes the shared y scale: six curves for a new body). Print medians and each one's ratio
to the baseline. Machines are noisy, so compare ratios, not milliseconds.

Usage: python benchmarks/bench_profiles.py [--steps N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from kickback.draw.style import render_png
from kickback.model.anthropometrics import default_body
from kickback.model.torque import torque_curve
from kickback.model.variants import VARIANTS
from kickback.widgets.profiles import explore_profiles


def median_seconds(call: Callable[[int], object], count: int) -> float:
    """Median wall-clock seconds of `count` calls of `call(i)`."""
    times = []
    for i in range(count):
        start = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, seconds: float, baseline: float) -> None:
    """One line: what was timed, its median and its ratio to the baseline render."""
    print(f"{label:<58} {seconds * 1000:8.1f} ms   ratio to a render: {seconds / baseline:6.2f}")


def main() -> None:
    """Time the baseline, the curves and the widget's steps; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    explorer = explore_profiles()
    baseline = median_seconds(lambda i: render_png(explorer.figure), args.steps)
    print(f"{'baseline: one full Agg PNG render of the widget figure':<58} {baseline * 1000:8.1f} ms")
    body = default_body()
    for variant in VARIANTS:
        report(
            f"torque curve, {variant} (model only)",
            median_seconds(lambda i, v=variant: torque_curve(v, body), 3),
            baseline,
        )
    all_fours = [title for title, case in explorer.cases.items() if case.variant == "bodyweight"]
    for title in all_fours:
        explorer.case_picker.value = "Cable, low pulley"
        report(
            f"pick '{title}'",
            median_seconds(lambda i, t=title: setattr(explorer.case_picker, "value", t), 1),
            baseline,
        )
        slider = explorer.band if "Band" in title else explorer.weight
        values = [slider.min + (i + 1) * slider.step for i in range(args.steps)]
        report(
            f"  slider step ({slider.description})",
            median_seconds(lambda i, s=slider, v=values: setattr(s, "value", v[i]), args.steps),
            baseline,
        )
    masses = [explorer.mass.min + 3 * (i + 1) for i in range(args.steps)]
    report(
        "  body mass step (new body: shared scale, six curves)",
        median_seconds(lambda i: setattr(explorer.mass, "value", masses[i]), args.steps),
        baseline,
    )


if __name__ == "__main__":
    main()
