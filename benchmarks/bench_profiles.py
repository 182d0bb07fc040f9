"""Benchmark: a slider step of lesson 07's resistance-profile widget against a full render of its figure.

Steps: build the profile explorer; time one torque curve per variant (the model alone: a skeleton per
hip angle, the floor under any step); then, for each load with a load slider, pick it and press that
slider's right arrow N times (one step each, upward from the load's defaults, as a learner would),
timing each step and, right after it, one full Agg PNG render of the same figure (the baseline, every
artist drawn, PNG encoded as a saved figure is). Each step is divided by its own baseline, so both
see the same load on a busy machine; print the medians, the median ratio, and how many steps had to
render the static background again (a new y scale). Last, N body-mass steps (a new body: the shared
y scale is six curves again, and the background is redrawn). Compare ratios, not milliseconds.

Usage: python benchmarks/bench_profiles.py [--steps N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from ipywidgets import FloatSlider

from kickback.draw.style import render_png
from kickback.model.anthropometrics import default_body
from kickback.model.torque import torque_curve
from kickback.model.variants import VARIANTS
from kickback.widgets.profiles import ProfileExplorer, explore_profiles


def seconds(call: Callable[[], object]) -> float:
    """Wall-clock seconds of one call."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def steps_against_renders(
    explorer: ProfileExplorer, slider: FloatSlider, count: int
) -> tuple[list[float], list[float]]:
    """`count` one-step presses of `slider`, each followed by one full render: (steps, renders) in seconds."""
    steps, renders = [], []
    for _ in range(count):
        value = min(slider.value + slider.step, slider.max)
        steps.append(seconds(lambda v=value: setattr(slider, "value", v)))
        renders.append(seconds(lambda: render_png(explorer.figure)))
    return steps, renders


def report(label: str, steps: list[float], renders: list[float], backgrounds: int) -> float:
    """One line: medians, the median of each step's ratio to its own render, backgrounds redrawn."""
    ratio = statistics.median(step / render for step, render in zip(steps, renders))
    print(
        f"{label:<50} step {statistics.median(steps) * 1000:6.1f} ms   render "
        f"{statistics.median(renders) * 1000:6.1f} ms   ratio {ratio:5.2f}   "
        f"backgrounds {backgrounds}/{len(steps)}"
    )
    return ratio


def main() -> None:
    """Time the curves, the load sliders and the body steps; print the table and the summary ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    explorer = explore_profiles()
    body = default_body()
    for variant in VARIANTS:
        curve = statistics.median(seconds(lambda v=variant: torque_curve(v, body)) for _ in range(3))
        render = statistics.median(seconds(lambda: render_png(explorer.figure)) for _ in range(3))
        print(f"torque curve, {variant} (model only): {curve / render:5.2f} of a full render")
    ratios, everything = [], []
    for title in explorer.cases:
        explorer.case_picker.value = title
        for slider in (explorer.band, explorer.weight, explorer.pulley_height):
            if slider.disabled:
                continue
            before = explorer.view.full_draws
            steps, renders = steps_against_renders(explorer, slider, args.steps)
            ratios.append(
                report(f"{title}: {slider.description}", steps, renders, explorer.view.full_draws - before)
            )
            everything += [step / render for step, render in zip(steps, renders)]
    before = explorer.view.full_draws
    steps, renders = steps_against_renders(explorer, explorer.mass, args.steps)
    report("body mass (new body: six curves, new scale)", steps, renders, explorer.view.full_draws - before)
    print(
        f"load-slider step / full render of the same figure: median {statistics.median(everything):.2f} "
        f"over {len(everything)} steps (per slider: {min(ratios):.2f} to {max(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
