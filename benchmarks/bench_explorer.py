"""Benchmark: one explorer slider step against one full Agg PNG render of the same figure, in the same run.

Steps: build the explorer; time N slider steps (kernel side: pose, in-place update, a blitted PNG
of only what moved, readouts); time N full renders of the same figure (the baseline: every artist
drawn, PNG encoded as a saved figure is); time N presets (several angles at once, one redraw);
report medians and the ratios. Machines are noisy, so only ratios are compared. Goal: a slider
step costs at most half a full render.

Usage: python benchmarks/bench_explorer.py [--steps N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from kickback.draw.style import render_png
from kickback.widgets.explorer import explore


def time_calls(call, count: int) -> list[float]:
    """Wall-clock seconds of `count` calls of `call`."""
    times = []
    for i in range(count):
        start = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - start)
    return times


def _move_and_render(view, hip: float) -> bytes:
    """Move the explorer's picture to a new hip angle and render it, without the widget's readouts."""
    view.move(view.artists.pose.replace(hip_extension=float(hip)))
    return view.render()


def main() -> None:
    """Run the three measurements and print the medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    explorer = explore("cable")
    slider = explorer.sliders["hip_extension"]
    values = [slider.min + (i % (slider.max - slider.min)) for i in range(args.steps + 1)]
    renders_before = explorer.view.renders
    step = time_calls(lambda i: setattr(slider, "value", values[i + 1]), args.steps)
    steps_rendered = explorer.view.renders - renders_before
    baseline = time_calls(lambda i: render_png(explorer.view.figure), args.steps)
    presets = ["correct_top", "arched_back", "start", "pelvis_rotated", "too_little_range"]
    renders_before = explorer.view.renders
    preset = time_calls(lambda i: explorer.apply_preset(presets[i % len(presets)]), args.steps)
    preset_renders = (explorer.view.renders - renders_before) / args.steps
    median_step, median_base, median_preset = (statistics.median(t) * 1000 for t in (step, baseline, preset))
    print(
        f"slider step (kernel side), median: {median_step:.1f} ms over {args.steps} steps "
        f"({steps_rendered} renders)"
    )
    print(f"one full Agg PNG render of the same figure, median: {median_base:.1f} ms")
    view_step = time_calls(lambda i: _move_and_render(explorer.view, values[i]), args.steps)
    print(
        f"picture alone (move + blit + PNG), median: {statistics.median(view_step) * 1000:.1f} ms, "
        f"ratio to a full render: {statistics.median(view_step) / statistics.median(baseline):.2f}"
    )
    print(f"ratio step / render: {median_step / median_base:.2f} (goal: at most 0.5)")
    print(
        f"preset (five angles at once), median: {median_preset:.1f} ms, "
        f"{preset_renders:.1f} render per preset"
    )
    print(f"ratio preset / render: {median_preset / median_base:.2f}")


if __name__ == "__main__":
    main()
