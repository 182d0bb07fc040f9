"""The lines drawn in a panel, as `labels.place_label` keeps off them: a word printed over a line (an
angle's arc, its reference line, a cable, a trail) is hard to read, a word at a line's end reads as
naming that line, and a leader laid beside a line reads as part of it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.path import Path
from matplotlib.transforms import Bbox

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def boxes_overlap(a: Box, b: Box) -> bool:
    """Whether two boxes (x0, y0, x1, y1) overlap (touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def drawn_lines(ax: Axes) -> list[tuple[Path, Box]]:
    """The lines drawn in `ax` in data units (an angle's arc and its reference line, a cable, a trail),
    with their extents: a word printed over a line is hard to read, so a label's box keeps off them."""
    lines = []
    for line in ax.lines:
        points = line.get_xydata()
        if not line.get_visible() or line.get_linestyle() in ("None", "", " ") or len(points) < 2:
            continue
        if line.get_transform() != ax.transData or not np.isfinite(points).all():
            continue
        lines.append((Path(points), (*points.min(axis=0), *points.max(axis=0))))
    return lines


def lines_under(box: Box, lines: Iterable[tuple[Path, Box]], room: float) -> int:
    """How many of the drawn `lines` run through `box`, or end within `room` (data units) of it: a
    word at a line's end reads as naming that line. (A line passing by, a tower's edge, may lie close.)"""
    bbox = Bbox([box[:2], box[2:]])
    near = (box[0] - room, box[1] - room, box[2] + room, box[3] + room)
    count = 0
    for path, extent in lines:
        if not boxes_overlap(near, extent):
            continue
        ends = path.vertices[[0, -1]]
        inside = (
            (ends[:, 0] > near[0]) & (ends[:, 0] < near[2]) & (ends[:, 1] > near[1]) & (ends[:, 1] < near[3])
        )
        count += bool(inside.any()) or path.intersects_bbox(bbox, filled=False)
    return count


LINE_ROOM_PX = 8.0  # px (900 px display) a label keeps from a drawn line's end: a word there names it
ALONG_PX = 15.0  # px (900 px display): a leader this near a line it lies nearly parallel to runs along it
ALONG_SINE = math.sin(math.radians(15.0))  # "nearly parallel": within 15 degrees
ALONG_SHARE = 0.5  # a leader this much (of what is checked) along a line reads as part of it
ALONG_REACH = 0.7  # share of a leader (from the label) checked: its end meets the lines round what it names


def runs_along(leader: np.ndarray, lines: Iterable[tuple[Path, Box]], near: float) -> int:
    """How many drawn lines the leader runs along (nearly parallel, within `near` data units, for
    ALONG_SHARE of its first ALONG_REACH from the label): a leader beside a line (a reference line, a
    cable) reads as part of it. Its end is left out: the lines of an angle mark meet where it points."""
    run = leader[1] - leader[0]
    length = float(np.hypot(*run))
    if length < 1e-12:
        return 0
    samples = leader[0] + np.linspace(0.0, ALONG_REACH, 8)[:, None] * run
    low, high = samples.min(axis=0) - near, samples.max(axis=0) + near
    count = 0
    for path, extent in lines:
        if not boxes_overlap((*low, *high), extent):
            continue
        a, ab = path.vertices[:-1], np.diff(path.vertices, axis=0)
        size = np.hypot(*ab.T)
        parallel = (size > 1e-12) & (
            np.abs(ab[:, 0] * run[1] - ab[:, 1] * run[0]) < ALONG_SINE * size * length
        )
        if not parallel.any():
            continue
        a, ab = a[parallel], ab[parallel]
        t = ((samples[:, None, :] - a) * ab).sum(-1) / (ab * ab).sum(-1)
        nearest = a + np.clip(t, 0.0, 1.0)[..., None] * ab
        distance = np.hypot(*(samples[:, None, :] - nearest).transpose(2, 0, 1)).min(axis=1)
        count += bool((distance < near).mean() >= ALONG_SHARE)
    return count
