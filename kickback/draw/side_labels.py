"""A label at the side of a panel: against its edge, level with what it names where that is free, its
leader line coming in from the side. For the rear view, whose labels must keep off a body that fills
the middle of the panel (draw/labels.py's `place_label` looks all round its anchor instead).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

LABEL_PAD_PX = 6.0  # room kept round a label's drawn box, in display pixels
TOP_STEPS = 24  # spots tried along the top of the panel, edge to edge


def _label_half_size(ax: Axes, label: Text, text: str) -> tuple[float, float]:
    """Half the width and height (data units) of `text` as the label draws it, LABEL_PAD_PX round it:
    measured with the canvas's renderer (the figures are drawn once, so the cost does not matter)."""
    label.set_text(text)
    ax.apply_aspect()
    extent = label.get_window_extent(ax.figure.canvas.get_renderer()).padded(LABEL_PAD_PX)
    (x0, y0), (x1, y1) = ax.transData.inverted().transform(extent.get_points())
    return abs(x1 - x0) / 2, abs(y1 - y0) / 2


def _side_height(anchor_y: float, k: int, half_y: float) -> float:
    """The `k`-th height tried beside the anchor: level with it, then a quarter label higher, lower,
    and so on outward."""
    return anchor_y + (k + 1) // 2 * half_y / 2 * (1 if k % 2 else -1)


def side_spot(
    ax: Axes,
    label: Text,
    text: str,
    anchor: np.ndarray,
    obstacles: list[Path],
    taken: list[Bbox],
    either_side: bool = False,
    crossable: list[Path] | None = None,
    along_top: bool = False,
) -> tuple[Bbox, np.ndarray]:
    """A box for `text` against the panel's edge on the anchor's side, as near the anchor's height as
    leaves it off the body, off the other labels and its leader off the parts it may not cross; the
    leader runs from the box's nearest point to the anchor. `either_side`: if no spot on the anchor's
    side is free, the other side is tried too. `crossable`: the parts the leader may cross on its way
    to an anchor on the body (default: every part holding the anchor). `along_top`: the spots tried
    first run along the top of the panel, from the anchor's side inward (above a body seen from behind
    on all fours, where the sides low down are the mat and the legs)."""
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    half_x, half_y = _label_half_size(ax, label, text)
    margin = 0.01 * (x1 - x0)
    right, left = x1 - margin - half_x, x0 + margin + half_x
    sides = (right, left) if anchor[0] > 0 else (left, right)
    if crossable is None:
        crossable = [path for path in obstacles if path.contains_point(anchor)]
    free = [path for path in obstacles if not any(path is other for other in crossable)]
    best: tuple[float, Bbox, np.ndarray] | None = None
    candidates = [(sides[0], k) for k in range(80)]
    candidates += [(sides[1], k) for k in range(80)] if either_side else []
    spots = [(cx, _side_height(anchor[1], k, half_y)) for cx, k in candidates]
    if along_top:
        spots = [
            (float(cx), y1 - margin - half_y * (1 + row))
            for row in range(3)
            for cx in np.linspace(sides[0], sides[1], TOP_STEPS)
        ] + spots
    for cx, y in spots:
        cy = float(np.clip(y, y0 + margin + half_y, y1 - margin - half_y))
        box = Bbox([[cx - half_x, cy - half_y], [cx + half_x, cy + half_y]])
        start = np.clip(anchor, (box.x0, box.y0), (box.x1, box.y1))
        leader = np.array([start, anchor])
        score = 20 * sum(box.overlaps(other) for other in taken)
        score += 2 * sum(path.intersects_bbox(box, filled=True) for path in obstacles)
        score += sum(path.intersects_path(Path(leader), filled=True) for path in free)
        score += 20 * sum(Path(leader).intersects_bbox(other, filled=False) for other in taken)
        if best is None or score < best[0]:
            best = (score, box, leader)
        if score == 0:
            break
    return best[1], best[2]
