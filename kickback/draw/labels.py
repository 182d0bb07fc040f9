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

from .label_lines import ALONG_PX, LINE_ROOM_PX, Box, drawn_lines, lines_under, runs_along
from .label_lines import boxes_overlap as _overlap
from .shapes import FRAME_PAD
from .style import COLORS, FONT_SIZES

CHAR_WIDTH = 0.58  # average glyph width as a fraction of the font size (DejaVu Sans)
CHAR_WIDTH_BOLD = 0.66  # the same for DejaVu Sans Bold, wider: a bold label's box must hold it
BOLD_WEIGHTS = ("semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black")
LINE_HEIGHT = 1.3  # line height as a fraction of the font size
FRAME_MARGIN_PX = 8.0  # px at a 900 px display width: text keeps this far inside a panel's frame
DISPLAY_WIDTH_PX = 900.0  # the notebook column a figure is shown in
DIRECTIONS = (0, 180, 45, 135, 315, 225, 90, 270, 20, 160, 340, 200, 65, 115, 295, 245)


class Label(Text):
    """A text with a leader line to the point it names; `place_label` moves both."""

    leader: Line2D
    last_spot: tuple[float, float, float] | None = None  # (distance, direction, extra px) placed at last

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


def _half_size(
    ax: Axes, text: str, fontsize: float, pad_px: float = 3.0, bold: bool = False
) -> tuple[float, float]:
    """Half width and half height (data units) of `text`'s estimated box (`bold`: in a bold face)."""
    lines = text.split("\n")
    points_to_px = ax.figure.dpi / 72.0
    width = (CHAR_WIDTH_BOLD if bold else CHAR_WIDTH) * fontsize * max(
        len(line) for line in lines
    ) * points_to_px + 2 * pad_px
    height = LINE_HEIGHT * fontsize * len(lines) * points_to_px + 2 * pad_px
    per_x, per_y = _pixel_size(ax)
    return abs(width * per_x) / 2, abs(height * per_y) / 2


def text_box(ax: Axes, text: str, fontsize: float, centre: Sequence[float], pad_px: float = 3.0) -> Bbox:
    """Estimated data-space box of `text` centred at `centre` (no renderer)."""
    half_x, half_y = _half_size(ax, text, fontsize, pad_px)
    return Bbox([[centre[0] - half_x, centre[1] - half_y], [centre[0] + half_x, centre[1] + half_y]])


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


LEADER_COST = 1.0  # cost of one px of leader (900 px display): the nearest free spot wins
SHORTEST_LEADER_PX = 16.0  # px: a shorter leader costs as much as a longer one, so no label hugs the body
PREFERENCE_STEP_PX = 3.0  # px of leader each step down the `prefer` list is worth
UNPREFERRED_PX = 24.0  # px of leader a direction outside `prefer` is worth: a nearer spot there still wins
LABEL_GAP_PX = 5.0  # px at a 900 px display width: the least room between two labels' boxes
STAY_PX = 12.0  # px of leader staying at the last spot is worth: a label moves for a clearly nearer one
REFINE_ROUNDS = 2  # times a free spot is slid nearer its anchor, between the distances and directions
REFINE_SHRINK = (0.9, 0.8, 0.7, 0.6)  # shares of its distance a free spot is tried at, nearer its anchor
REFINE_TURN = (-16.0, -8.0, 0.0, 8.0, 16.0)  # degrees round the anchor a free spot is tried at
BIG_COUNT = 1 << 30  # more than any spot touches


def _leaders(centres: np.ndarray, half: np.ndarray, anchor: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """`_leader` for many box centres at once: the leaders' start and end points (each N by 2)."""
    target = np.asarray(anchor, dtype=float)
    direction = target - centres
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        fit = np.where(np.abs(direction) > 1e-12, half / np.abs(direction), np.inf)
    scale = np.minimum(fit.min(axis=1), 1.0)[:, None]
    return centres + direction * scale, target - direction * 0.02


Scale = tuple[float, float, float]  # data units per figure px along x and y, figure px per display px


def _scale(ax: Axes) -> Scale:
    """`ax`'s scale, found once per placement (`_pixel_size` applies the aspect, which costs)."""
    per_x, per_y = (abs(size) for size in _pixel_size(ax))
    return per_x, per_y, ax.figure.get_figwidth() * ax.figure.dpi / DISPLAY_WIDTH_PX


def _spot_costs(
    scale: Scale, anchor: Sequence[float], spots: Sequence[tuple[float, float, float]], half: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each spot's leader length in px at a 900 px display width (a leader shorter than
    SHORTEST_LEADER_PX counting as long as one as much longer), plus its `extra` px (the spot's third
    field: how far down the preferences it lies): what `place_label` minimises among free spots.
    Returns the costs and the leaders' start and end points (as `_leader` draws them)."""
    distance, angle, extra = (np.array([spot[i] for spot in spots], dtype=float) for i in range(3))
    turn = np.radians(angle)
    centres = np.asarray(anchor, dtype=float) + np.column_stack(
        [distance * np.cos(turn), distance * np.sin(turn)]
    )
    start, end = _leaders(centres, half, anchor)
    per_x, per_y, shown = scale
    length = np.hypot((end[:, 0] - start[:, 0]) / per_x, (end[:, 1] - start[:, 1]) / per_y) / shown
    return LEADER_COST * (SHORTEST_LEADER_PX + np.abs(length - SHORTEST_LEADER_PX)) + extra, start, end


def _candidate_spots(
    distances: Sequence[float], prefer: Sequence[float], last: tuple[float, float, float] | None
) -> list[tuple[float, float, float]]:
    """(distance, direction, extra px) of every spot to try: each distance in each direction, the
    preferred directions costing PREFERENCE_STEP_PX a step down the list and the others UNPREFERRED_PX,
    then a little farther out; the last spot, if any, first and STAY_PX cheaper."""
    ranks = {direction: PREFERENCE_STEP_PX * rank for rank, direction in enumerate(dict.fromkeys(prefer))}
    others = [direction for direction in DIRECTIONS if direction not in ranks]
    extra = {**ranks, **{direction: UNPREFERRED_PX for direction in others}}
    around = [*ranks, *others]
    farther = (1.25 * max(distances), 1.5 * max(distances))
    spots = [(d, a, extra[a]) for d in (*distances, *farther) for a in around]
    if last is not None:  # stay put while that spot is free and no clearly nearer one is: no jitter
        spots.insert(0, (last[0], last[1], last[2] - STAY_PX))
    return spots


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
    """Put `label` at the nearest free spot around `anchor`, leader line to `anchor`; returns its box.

    The spots tried are each distance (m) in each direction (degrees, counter-clockwise from +x) of
    DIRECTIONS and `prefer`, and a little farther out. A spot is free if its box lies on no obstacle
    and no other label (nor within LABEL_GAP_PX of one), inside the axes (for a framed panel:
    FRAME_MARGIN_PX inside its frame,
    `text_limits`), on no line drawn in the axes nor LINE_ROOM_PX by its end, and its leader crosses
    no obstacle (other than what holds the anchor, and but for its last LEADER_FREE_END points: the
    leader must reach it) and no other label, nor runs along a drawn line (`label_lines`). Among the
    free spots the one with the shortest leader wins (px at a 900 px display width): a long leader
    across the picture is hard to follow. A direction is worth PREFERENCE_STEP_PX of leader for each
    step down `prefer`, and one outside it UNPREFERRED_PX, so the preferred side wins when it is about
    as near; the spot the label was placed at last is worth STAY_PX, so a moving figure does not
    jitter. If no spot is free it takes the one touching the fewest obstacles: a box on an obstacle
    counts two, a leader across one, a line under the box or beside the leader one, the axes' edge
    and other labels twenty (another label is
    touched if the boxes overlap, if this box lies on its leader line, or if this leader line runs
    through its box: a leader through a word makes it unreadable); ties go to the shorter leader.
    The box appended to `taken` carries its leader for the labels after.
    """
    ax = label.axes
    limits = text_limits(ax)
    half = np.array(_half_size(ax, text, label.get_fontsize(), bold=_is_bold(label)))
    shapes = [(path, (*path.vertices.min(axis=0), *path.vertices.max(axis=0))) for path in obstacles]
    scale = _scale(ax)
    pixel = max(scale[0], scale[1])
    crossing = _Crossing(shapes, anchor, pixel, ax.figure.dpi)
    gap = LABEL_GAP_PX * scale[2] * pixel  # two labels keep a gap, so they read as two
    others = [((b.x0 - gap, b.y0 - gap, b.x1 + gap, b.y1 + gap), getattr(b, "leader", None)) for b in taken]
    lines = drawn_lines(ax)
    line_room, along_px = (px * scale[2] * pixel for px in (LINE_ROOM_PX, ALONG_PX))

    def touches(spot: tuple[float, float, float], leader: np.ndarray, bound: int | None) -> int:
        """What the spot touches (`place_label`'s count), stopping early once it reaches `bound`."""
        box = _spot_box(anchor, spot, half)
        outside = not (
            limits[0] <= box[0] and box[2] <= limits[2] and limits[1] <= box[1] and box[3] <= limits[3]
        )
        hits = 20 * outside + 20 * _clashes(box, leader, others)
        if bound is not None and hits >= bound:
            return hits
        hits += 2 * _hits(box, shapes) + lines_under(box, lines, line_room)
        if bound is not None and hits >= bound:
            return hits
        return hits + crossing.hits(leader) + runs_along(leader, lines, along_px)

    spots = _candidate_spots(distances, prefer, label.last_spot)
    hits, spot = _first_best(spots, scale, anchor, half, touches)
    stays = label.last_spot is not None and spot is spots[0]
    if stays:  # its last spot, as it was (without the bonus for staying)
        spot = label.last_spot
    for _ in range(REFINE_ROUNDS if hits == 0 and not stays else 0):  # slide a new free spot nearer
        cost = float(_spot_costs(scale, anchor, [spot], half)[0][0])
        nearer = _first_best(_nearer_spots(spot, min(distances)), scale, anchor, half, touches, below=cost)
        if nearer[0] != 0:
            break
        spot = nearer[1]
    box = LabelBox(*np.reshape(_spot_box(anchor, spot, half), (1, 2, 2)))
    label.last_spot = spot
    label.set_text(text)
    label.set_position(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))
    leader = _leader(box, anchor)
    label.leader.set_data(leader[:, 0], leader[:, 1])
    box.leader = leader
    taken.append(box)
    return box


def _is_bold(label: Text) -> bool:
    """Whether `label` is set in a bold (or semibold) face."""
    weight = label.get_fontweight()
    return weight >= 600 if isinstance(weight, (int, float)) else str(weight).lower() in BOLD_WEIGHTS


def _spot_box(anchor: Sequence[float], spot: tuple[float, float, float], half: np.ndarray) -> Box:
    """The label's box (data units) centred `spot`'s distance away in its direction from `anchor`."""
    a = math.radians(spot[1])
    cx, cy = anchor[0] + spot[0] * math.cos(a), anchor[1] + spot[0] * math.sin(a)
    return cx - half[0], cy - half[1], cx + half[0], cy + half[1]


def _first_best(
    spots: Sequence[tuple[float, float, float]],
    scale: Scale,
    anchor: Sequence[float],
    half: np.ndarray,
    touches,  # noqa: ANN001 - (spot, leader, bound) -> count, as in `place_label`
    below: float = math.inf,
) -> tuple[int, tuple[float, float, float]]:
    """The spot touching least, the shorter leader first among equals (only spots costing less than
    `below`): (its count, the spot). Tried nearest first, so the first free one is the best."""
    costs, starts, ends = _spot_costs(scale, anchor, spots, half)
    best: tuple[int, tuple[float, float, float]] = (BIG_COUNT, spots[0])
    for index in np.argsort(costs, kind="stable"):
        if costs[index] >= below:
            break
        hits = touches(spots[index], np.array([starts[index], ends[index]]), best[0])
        if hits < best[0]:
            best = (hits, spots[index])
        if hits == 0:
            break
    return best


def _nearer_spots(spot: tuple[float, float, float], closest: float) -> list[tuple[float, float, float]]:
    """Spots a little nearer the anchor than `spot` and a little round either side of it, none nearer
    than `closest` (m: the caller's nearest distance, the room a label keeps from what it names)."""
    distance, direction, extra = spot
    return [
        (max(distance * shrink, min(closest, distance)), direction + turn, extra)
        for shrink in (1.0, *REFINE_SHRINK)
        for turn in REFINE_TURN
        if (shrink, turn) != (1.0, 0.0)
    ]
