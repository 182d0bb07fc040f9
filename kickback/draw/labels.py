"""Labels in free space: pick a spot near what a label names, off the body and off other labels.

A label is a text with a thin leader line (its own Line2D) from the edge of its box to the point
it names. The box is estimated from the font size (no renderer needed, so moving a label costs
little in the explorer); the layout tests check the real extents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from .shapes import FRAME_PAD
from .style import COLORS, FONT_SIZES

CHAR_WIDTH = 0.58  # average glyph width as a fraction of the font size (DejaVu Sans)
LINE_HEIGHT = 1.3  # line height as a fraction of the font size
FRAME_MARGIN_PX = 8.0  # px at a 900 px display width: text keeps this far inside a panel's frame
DISPLAY_WIDTH_PX = 900.0  # the notebook column a figure is shown in
DIRECTIONS = (0, 180, 45, 135, 315, 225, 90, 270, 20, 160, 340, 200, 65, 115, 295, 245)


class Label(Text):
    """A text with a leader line to the point it names; `place_label` moves both."""

    leader: Line2D
    last_spot: tuple[float, float] | None = None  # (distance, direction) it was placed at last

    def draw(self, renderer) -> None:  # noqa: ANN001 - matplotlib's renderer
        """Draw the leader line, then the text."""
        if self.get_visible() and self.get_text():
            self.leader.draw(renderer)
        super().draw(renderer)


def add_label(ax: Axes, *, fontsize: float | None = None, color: str | None = None) -> Label:
    """An empty label with a thin leader line, to be placed by `place_label`."""
    label = Label(
        0.0,
        0.0,
        "",
        fontsize=fontsize or FONT_SIZES["small"],
        color=color or COLORS["outline"],
        ha="center",
        va="center",
        zorder=6,
    )
    ax._add_text(label)
    label.leader = Line2D([], [], color=COLORS["outline"], linewidth=0.8, zorder=5.9)
    label.leader.set_transform(ax.transData)
    label.leader.set_figure(ax.figure)
    label.leader.axes = ax
    return label


def _leader(box: Bbox, anchor: Sequence[float]) -> np.ndarray:
    """A leader line from the edge of `box` toward `anchor`, stopping just short of it."""
    centre = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    target = np.asarray(anchor, dtype=float)
    direction = target - centre
    half = np.array([box.width / 2, box.height / 2])
    with np.errstate(divide="ignore", over="ignore"):
        scale = np.min(np.where(np.abs(direction) > 1e-12, half / np.abs(direction), np.inf))
    start = centre + direction * min(scale, 1.0)
    return np.array([start, target - direction * 0.02])


def _pixel_size(ax: Axes) -> tuple[float, float]:
    """Data units per display pixel along x and y (the axes are linear; equal aspect applied first)."""
    ax.apply_aspect()
    (ax0, ay0), (ax1, ay1) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
    return 1.0 / (ax1 - ax0), 1.0 / (ay1 - ay0)


def _half_size(ax: Axes, text: str, fontsize: float, pad_px: float = 3.0) -> tuple[float, float]:
    """Half width and half height (data units) of `text`'s estimated box."""
    lines = text.split("\n")
    points_to_px = ax.figure.dpi / 72.0
    width = CHAR_WIDTH * fontsize * max(len(line) for line in lines) * points_to_px + 2 * pad_px
    height = LINE_HEIGHT * fontsize * len(lines) * points_to_px + 2 * pad_px
    per_x, per_y = _pixel_size(ax)
    return abs(width * per_x) / 2, abs(height * per_y) / 2


def text_box(ax: Axes, text: str, fontsize: float, centre: Sequence[float], pad_px: float = 3.0) -> Bbox:
    """Estimated data-space box of `text` centred at `centre` (no renderer)."""
    half_x, half_y = _half_size(ax, text, fontsize, pad_px)
    return Bbox([[centre[0] - half_x, centre[1] - half_y], [centre[0] + half_x, centre[1] + half_y]])


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def has_frame(ax: Axes) -> bool:
    """Whether the panel has a frame: the rectangle `shapes` draws FRAME_PAD outside the axes box."""
    return any(
        patch.get_data_transform() == ax.transAxes
        and np.allclose(
            patch.get_bbox().get_points(), [[-FRAME_PAD, -FRAME_PAD], [1 + FRAME_PAD, 1 + FRAME_PAD]]
        )
        for patch in ax.patches
        if isinstance(patch, Rectangle)
    )


def text_limits(ax: Axes) -> Box:
    """The rectangle (data units) a label's box must stay in: the axes box, or for a framed panel the
    frame (axes box plus FRAME_PAD) less FRAME_MARGIN_PX, so no letter touches the frame's line."""
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    if not has_frame(ax):
        return x0, y0, x1, y1
    per_x, per_y = (abs(size) for size in _pixel_size(ax))
    shown = ax.figure.get_figwidth() * ax.figure.dpi / DISPLAY_WIDTH_PX  # figure px per display px
    pad_x, pad_y = FRAME_PAD * (x1 - x0), FRAME_PAD * (y1 - y0)
    mx, my = FRAME_MARGIN_PX * shown * per_x, FRAME_MARGIN_PX * shown * per_y
    return x0 - pad_x + mx, y0 - pad_y + my, x1 + pad_x - mx, y1 + pad_y - my


class LabelBox(Bbox):
    """A placed label's box, with its leader line (two points, data units) so later labels keep off both."""

    leader: np.ndarray | None = None


def _crosses(segment: np.ndarray | None, box: Box) -> bool:
    """Whether a leader segment passes through `box` (touching its edge counts)."""
    if segment is None:
        return False
    low, high = segment.min(axis=0), segment.max(axis=0)
    if not _overlap((low[0], low[1], high[0] + 1e-12, high[1] + 1e-12), box):
        return False
    return Path(segment).intersects_bbox(Bbox([box[:2], box[2:]]), filled=False)


def _clashes(box: Box, leader: np.ndarray, others: Sequence[tuple[Box, np.ndarray | None]]) -> int:
    """How many other labels this one clashes with: box on box, box on their leader, leader on their box."""
    return sum(
        _overlap(box, other) or _crosses(other_leader, box) or _crosses(leader, other)
        for other, other_leader in others
    )


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits(box: Box, obstacles: Iterable[tuple[Path, Box]]) -> int:
    """How many obstacles `box` touches (a cheap bounding-box test first)."""
    bbox = Bbox([box[:2], box[2:]])
    return sum(
        1 for path, extent in obstacles if _overlap(box, extent) and path.intersects_bbox(bbox, filled=True)
    )


LEADER_FREE_END = 10.0  # points: the end of a leader next to its anchor may cross what lies round it


class _Crossing:
    """What a leader to one anchor may not run across: the obstacles, less those holding the anchor
    (found only for the obstacles a leader meets, and remembered), less the leader's free end."""

    def __init__(self, shapes: Sequence[tuple[Path, Box]], anchor: Sequence[float], pixel: float, dpi: float):
        self.shapes = shapes
        self.anchor = anchor
        self.reach = 2.0 * pixel  # two pixels: an anchor on an obstacle's edge is held by it
        self.free_end = LEADER_FREE_END * dpi / 72.0 * pixel
        self.held: dict[int, bool] = {}

    def hits(self, leader: np.ndarray) -> int:
        """How many obstacles the leader line runs across or into, not counting those holding its
        anchor nor its last LEADER_FREE_END points: a leader has to reach what it names, through
        whatever lies right round it."""
        length = float(np.hypot(*(leader[1] - leader[0])))
        if length <= self.free_end:
            return 0
        leader = np.array([leader[0], leader[1] - (leader[1] - leader[0]) * self.free_end / length])
        low, high = leader.min(axis=0), leader.max(axis=0)
        extent = (low[0], low[1], high[0] + 1e-12, high[1] + 1e-12)
        segment = Path(leader)
        count = 0
        for index, (path, box) in enumerate(self.shapes):
            if not _overlap(extent, box) or not segment.intersects_path(path, filled=True):
                continue
            if index not in self.held:
                self.held[index] = _holds(path, self.anchor, self.reach)
            count += not self.held[index]
        return count


def _holds(path: Path, point: Sequence[float], reach: float) -> bool:
    """Whether `point` lies in the closed `path` or within `reach` of one of its points."""
    if path.contains_point(point):
        return True
    return bool(np.min(np.hypot(*(path.vertices - np.asarray(point, dtype=float)).T)) < reach)


def place_label(
    label: Label,
    text: str,
    anchor: Sequence[float],
    *,
    obstacles: Sequence[Path],
    taken: list[Bbox],
    distances: Sequence[float],
    prefer: Sequence[float] = DIRECTIONS,
) -> Bbox:
    """Put `label` at the first free spot around `anchor`, leader line to `anchor`; returns its box.

    Tries each distance (m) in turn, each preferred direction (degrees, counter-clockwise from +x)
    at that distance, then the other directions of DIRECTIONS, then a little farther out. If no spot
    is free it takes the one touching the fewest obstacles: a box on an obstacle counts two, a leader
    line across one (other than what holds the anchor, and but for its last LEADER_FREE_END points:
    the leader must reach it) one, the axes' edge (for a framed panel: FRAME_MARGIN_PX inside its
    frame, `text_limits`) and other labels twenty. Another label is touched
    if the boxes overlap, if this box lies on its leader line, or if this leader line runs through
    its box: a leader through a word makes it unreadable. The box appended to `taken` carries its
    leader for the labels after.
    """
    ax = label.axes
    x0, y0, x1, y1 = text_limits(ax)
    half_x, half_y = _half_size(ax, text, label.get_fontsize())
    shapes = [(path, (*path.vertices.min(axis=0), *path.vertices.max(axis=0))) for path in obstacles]
    crossing = _Crossing(shapes, anchor, max(*_pixel_size(ax)), ax.figure.dpi)
    others = [((b.x0, b.y0, b.x1, b.y1), getattr(b, "leader", None)) for b in taken]
    best: tuple[int, Box] | None = None
    spots = [(d, a) for d in distances for a in prefer]
    spots += [(d, a) for d in distances for a in DIRECTIONS if a not in prefer]  # then any way round
    farther = (1.25 * max(distances), 1.5 * max(distances))
    spots += [(d, a) for d in farther for a in (*prefer, *(a for a in DIRECTIONS if a not in prefer))]
    if label.last_spot is not None:  # stay put while that spot is free: no jitter, and quick
        spots.insert(0, label.last_spot)
    chosen = spots[0]
    for distance, direction in spots:
        a = math.radians(direction)
        cx, cy = anchor[0] + distance * math.cos(a), anchor[1] + distance * math.sin(a)
        box = (cx - half_x, cy - half_y, cx + half_x, cy + half_y)
        outside = not (x0 <= box[0] and box[2] <= x1 and y0 <= box[1] and box[3] <= y1)
        leader = _leader(Bbox([box[:2], box[2:]]), anchor)
        hits = 20 * outside + 20 * _clashes(box, leader, others)
        if best is not None and hits >= best[0]:
            continue
        hits += 2 * _hits(box, shapes)
        if best is not None and hits >= best[0]:
            continue
        hits += crossing.hits(leader)
        if best is None or hits < best[0]:
            best, chosen = (hits, box), (distance, direction)
        if hits == 0:
            break
    box = LabelBox([best[1][:2], best[1][2:]])
    label.last_spot = chosen
    label.set_text(text)
    label.set_position(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))
    leader = _leader(box, anchor)
    label.leader.set_data(leader[:, 0], leader[:, 1])
    box.leader = leader
    taken.append(box)
    return box
