"""The hamstrings' markers on the moment-arm plot identify their lines and never stack on one another."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np

from kickback.draw.diagrams import build_moment_arm_figure
from kickback.draw.moment_arm_plot import HAMSTRING_STYLES, marker_indices


def test_marker_indices_start_at_the_offset_and_step_evenly():
    hip = np.arange(-100.0, 21.0, 5.0)
    assert [hip[i] for i in marker_indices(hip, 0.0)] == [-100, -80, -60, -40, -20, 0, 20]
    assert [hip[i] for i in marker_indices(hip, 10.0)] == [-90, -70, -50, -30, -10, 10]


def test_no_two_hamstrings_have_a_marker_at_the_same_angle():
    figure = build_moment_arm_figure().figure
    labels = {label for label, *_ in HAMSTRING_STYLES.values()}
    marked = {}
    for line in figure.axes[0].get_lines():
        if line.get_label() in labels:
            x = np.asarray(line.get_xdata())
            marked[line.get_label()] = set(x[line.get_markevery()].round(6))
    assert set(marked) == labels
    names = sorted(marked)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not marked[a] & marked[b], f"{a} and {b} share a marker angle"
    # the hamstrings sharing nearly one value at 0° and +20° (standing straight, full extension)
    assert sum(0.0 in angles for angles in marked.values()) <= 1
    assert sum(20.0 in angles for angles in marked.values()) <= 1


def test_the_standing_straight_line_is_drawn_under_the_hamstring_markers():
    ax = build_moment_arm_figure().figure.axes[0]
    vertical = [line for line in ax.get_lines() if list(line.get_xdata()) == [0, 0]]
    markers = [line for line in ax.get_lines() if line.get_marker() not in ("None", "", None)]
    assert vertical and markers
    assert max(v.get_zorder() for v in vertical) < min(m.get_zorder() for m in markers)
