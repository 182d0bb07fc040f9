"""A magnified close-up of the lower back beside a drawn body: the hollow beneath the straight line, in cm.

The hollow of the lower back is only a centimetre or three deep, a few pixels at the size a
learner sees a panel. An illustrator would magnify it: a round inset about three times the panel's
scale in free space beside the body, tied by a thin circle on the body and two thin lines to the
region it shows. Inside, the same body drawn again (`draw_pose`), the straight line from the
tailbone to the bottom of the ribs, the hollow beneath it filled lightly, and its depth in words.
Steps: find where the region is (`lower_back_view`), find free space (`free_place`), draw the
inset and its ties (`draw_close_up`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ..model.anthropometrics import Body
from ..model.skeleton import SPINE_STEPS, Skeleton
from .anatomy import torso_lines
from .artists import PoseArtists
from .body import draw_pose, update_pose
from .labels import text_box
from .pose_marks import back_line_points, hollow_depth
from .style import COLORS, FONT_SIZES

MAGNIFICATION = 3.0  # the inset shows the lower back at about three times the panel's scale
VIEW_RADIUS = 0.12  # m of the body the inset shows round the middle of the straight line (L3 falls inside)
CLEARANCE = 0.03  # m (panel scale) the inset keeps from anything already drawn in the panel
GRID_STEP = 0.02  # m between the places tried for the inset
SAMPLE_STEP = 0.01  # m between the points sampled along what is drawn
LEADER_CROSSING = 0.4  # m: how much farther the inset may go to keep its ties off a label's leader
INSET_Z = 5.5  # over the panel's body and marks, under its labels (which keep off the inset anyway)
HOLLOW_FILLS = {"plain": ("#3A3A3A", 0.32), "mistake": (COLORS["mistake"], 0.45)}
CLOSE_UP_LINE_ID = "close_up_back_line"  # not the panel's BACK_LINE_ID: one back line a panel
CLOSE_UP_HOLLOW_ID = "close_up_hollow"
CLOSE_UP_WORDS_ID = "close_up_words"  # the depth in words, so a test (or a reader of the SVG) finds it


@dataclass
class CloseUp:
    """A drawn close-up: its axes, what it shows (panel metres) and where, and the hollow in words."""

    inset: Axes
    centre: np.ndarray  # middle of the region shown, panel data (m)
    radius: float  # radius of the region shown (m)
    place: np.ndarray  # centre of the inset, panel data (m)
    magnification: float
    depth: float  # m: how deep the back lies beneath the straight line
    words: Text  # "hollow 2.9 cm", in the panel's axes, over the inset

    @property
    def inset_radius(self) -> float:
        """Radius of the inset in the panel's data units (m at the panel's scale)."""
        return self.radius * self.magnification

    def to_panel(self, points: np.ndarray) -> np.ndarray:
        """Where points of the body (m) appear in the panel once magnified in the inset."""
        return self.place + (np.asarray(points, dtype=float) - self.centre) * self.magnification


# --- what the close-up shows --------------------------------------------------------------


def hollow_outline(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The back's outline from the sacrum's level to T12's (m): with the straight line between its ends
    it encloses the hollow of the lower back."""
    lines = torso_lines(skeleton, body)
    return lines.back[lines.at_spine[1] : lines.at_spine[SPINE_STEPS + 1] + 1]


def deepest_point(skeleton: Skeleton, body: Body) -> tuple[np.ndarray, np.ndarray]:
    """The back's point farthest beneath the straight line, and the point of the line above it (m)."""
    back = hollow_outline(skeleton, body)
    start, end = back_line_points(skeleton, body)
    along = (end - start) / float(np.hypot(*(end - start)))
    offsets = back - start
    across = np.abs(offsets[:, 0] * along[1] - offsets[:, 1] * along[0])
    deepest = back[int(np.argmax(across))]
    return deepest, start + along * float((deepest - start) @ along)


def hollow_words(depth: float) -> str:
    """The hollow's depth in words, to a millimetre: `hollow_words(0.0293)` gives "hollow 2.9 cm".

    >>> hollow_words(0.0127)
    'hollow 1.3 cm'
    """
    return f"hollow {depth * 100:.1f} cm"


def lower_back_view(skeleton: Skeleton, body: Body) -> tuple[np.ndarray, float]:
    """The middle (m) and radius (m) of the region a close-up of the lower back shows: round the middle
    of the straight line from sacrum to T12, wide enough for the whole line and the spine behind it."""
    return back_line_points(skeleton, body).mean(axis=0), VIEW_RADIUS


# --- free space in the panel ------------------------------------------------------------------


def _dense(points: np.ndarray, closed: bool) -> np.ndarray:
    """Points along a polyline (closed or not) at most SAMPLE_STEP apart."""
    points = np.asarray(points, dtype=float)
    if closed:
        points = np.vstack([points, points[:1]])
    pieces = [points[-1:]]
    for a, b in zip(points[:-1], points[1:]):
        count = max(int(math.ceil(float(np.hypot(*(b - a))) / SAMPLE_STEP)), 1)
        pieces.append(a + np.outer(np.arange(count) / count, b - a))
    return np.vstack(pieces)


def _box_points(box: Bbox) -> np.ndarray:
    return np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]])


def drawn_shapes(ax: Axes) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """What is drawn in the panel so far, in its data units: filled shapes (patches, texts' boxes) and
    lines (and leader lines), each as an array of points. The panel's frame is left out."""
    ax.apply_aspect()
    renderer = ax.figure.canvas.get_renderer()
    to_data = ax.transData.inverted()
    filled, lines = [], []
    whole = ax.bbox
    for patch in ax.patches:
        if not patch.get_visible():
            continue
        points = to_data.transform(patch.get_path().transformed(patch.get_transform()).vertices)
        extent = patch.get_window_extent(renderer)
        if extent.width >= 0.9 * whole.width and extent.height >= 0.9 * whole.height:
            continue  # the panel's frame: round everything, nothing to keep off
        (filled if patch.get_fill() else lines).append(points)
    for line in ax.lines:
        x, y = line.get_data()
        if line.get_visible() and len(x):
            lines.append(np.column_stack([x, y]).astype(float))
    for text in ax.texts:
        if text.get_visible() and text.get_text().strip():
            filled.append(to_data.transform(_box_points(text.get_window_extent(renderer))))
            leader = getattr(text, "leader", None)
            if leader is not None and len(leader.get_xdata()):
                lines.append(np.column_stack(leader.get_data()).astype(float))
    return filled, lines


def _crowding(
    centres: np.ndarray, radius: float, filled: list[np.ndarray], lines: list[np.ndarray]
) -> np.ndarray:
    """For each candidate centre, whether a circle of `radius` there touches anything drawn."""
    points = np.vstack([_dense(shape, True) for shape in filled] + [_dense(line, False) for line in lines])
    touched = np.zeros(len(centres), dtype=bool)
    for start in range(0, len(centres), 512):
        chunk = centres[start : start + 512]
        near = np.hypot(*(chunk[:, None, :] - points[None, :, :]).transpose(2, 0, 1)).min(axis=1)
        touched[start : start + 512] = near < radius
    for shape in filled:  # a circle inside a large filled shape touches none of its edge points
        touched |= Path(shape, closed=True).contains_points(centres)
    return touched


def _crosses_boxes(segment: np.ndarray, boxes: list[np.ndarray]) -> int:
    """How many of the boxes (4 corner points each) a straight segment runs through."""
    path = Path(segment)
    return sum(path.intersects_bbox(Bbox([box.min(axis=0), box.max(axis=0)]), filled=False) for box in boxes)


def free_place(
    ax: Axes, centre: np.ndarray, radius: float, magnification: float = MAGNIFICATION
) -> np.ndarray:
    """The centre (panel data, m) of the free spot nearest `centre` for an inset of `radius` x
    `magnification`: inside the panel, CLEARANCE from anything drawn (body, equipment, labels and their
    leaders, marks), and whose two connecting lines cross no text. If no spot is free it takes the one
    nearest to free (fewest texts crossed, then nearest the region)."""
    big = radius * magnification
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    pad = big + 0.01
    xs = np.arange(x0 + pad, x1 - pad + 1e-9, GRID_STEP)
    ys = np.arange(y0 + pad, y1 - pad + 1e-9, GRID_STEP)
    centres = np.array([(x, y) for y in ys for x in xs])
    if not len(centres):
        raise ValueError(
            f"inset radius must fit the panel (at most {min(x1 - x0, y1 - y0) / 2:.2f}); got {big}"
        )
    filled, lines = drawn_shapes(ax)
    touched = _crowding(centres, big + CLEARANCE, filled, lines)
    texts = [to_box for to_box in filled if len(to_box) == 4]
    leaders = [line for line in lines if len(line) == 2]
    order = np.argsort(np.hypot(*(centres - centre).T))
    best, best_score = centres[order[0]], math.inf
    for index in order:
        place = centres[index]
        distance = float(np.hypot(*(place - centre)))
        if touched[index] or distance <= big + radius:  # on something, or over the region it shows
            score = 100 + 100 * (distance <= big + radius) + distance
        else:
            ties = tangent_lines(centre, radius, place, big)
            score = 10 * sum(_crosses_boxes(tie, texts) for tie in ties) + distance
            score += LEADER_CROSSING * sum(
                Path(tie).intersects_path(Path(leader)) for tie in ties for leader in leaders
            )
        if score < best_score:
            best, best_score = place, score
        if score < 10 and score - distance == 0:
            break
    return best


def tangent_lines(c1: np.ndarray, r1: float, c2: np.ndarray, r2: float) -> np.ndarray:
    """The two outer tangent lines of two circles (each its two touching points): the lines that tie a
    circle on the body to the inset magnifying it."""
    c1, c2 = np.asarray(c1, dtype=float), np.asarray(c2, dtype=float)
    distance = float(np.hypot(*(c2 - c1)))
    if distance <= abs(r2 - r1):
        raise ValueError(
            f"inset centre must lie farther than {abs(r2 - r1):.3f} m from the region; got {distance:.3f}"
        )
    along = (c2 - c1) / distance
    across = np.array([-along[1], along[0]])
    cos = (r1 - r2) / distance
    sin = math.sqrt(1 - cos * cos)
    normals = [along * cos + side * across * sin for side in (1, -1)]
    return np.array([[c1 + r1 * n, c2 + r2 * n] for n in normals])


# --- drawing --------------------------------------------------------------------------------------


def _draw_inset(
    ax: Axes, artists: PoseArtists, centre: np.ndarray, radius: float, place: np.ndarray, big: float
) -> Axes:
    """The round inset: the same body drawn again, clipped to a circle, on white."""
    inset = ax.inset_axes(
        [place[0] - big, place[1] - big, 2 * big, 2 * big], transform=ax.transData, zorder=INSET_Z
    )
    draw_pose(inset, artists.pose, artists.body, artists.variant, angles=False, caption=False)
    inset.set_xlim(centre[0] - radius, centre[0] + radius)
    inset.set_ylim(centre[1] - radius, centre[1] + radius)
    inset.set_axis_off()
    inset.patch.set_visible(False)
    window = Circle(
        tuple(centre), radius, transform=inset.transData, facecolor="white", edgecolor="none", zorder=0
    )
    inset.add_patch(window)
    for child in inset.get_children():
        if child is not window and hasattr(child, "set_clip_path"):
            child.set_clip_path(window)
    inset.add_patch(
        Circle(
            tuple(centre),
            radius,
            transform=inset.transData,
            facecolor="none",
            edgecolor=COLORS["outline"],
            linewidth=1.1,
            zorder=10,
            clip_on=False,
        )
    )
    return inset


def _draw_hollow(inset: Axes, artists: PoseArtists, kind: str, window: Circle | None = None) -> None:
    """The straight line and, beneath it, the hollow filled lightly (the mistake colour if `kind` is)."""
    colour, alpha = HOLLOW_FILLS[kind]
    back = hollow_outline(artists.skeleton, artists.body)
    fill = Polygon(
        back, closed=True, facecolor=colour, alpha=alpha, edgecolor="none", zorder=4.3, gid=CLOSE_UP_HOLLOW_ID
    )
    inset.add_patch(fill)
    ends = back_line_points(artists.skeleton, artists.body)
    inset.plot(
        ends[:, 0],
        ends[:, 1],
        color=COLORS["outline"],
        linestyle=(0, (4, 2)),
        linewidth=1.3,
        marker="o",
        markersize=4.0,
        zorder=4.4,
        gid=CLOSE_UP_LINE_ID,
    )


def _place_words(
    ax: Axes,
    close_up_place: np.ndarray,
    big: float,
    text: str,
    anchor: np.ndarray,
    dorsal: np.ndarray,
    body: list[np.ndarray],
    marks: list[np.ndarray],
) -> tuple[np.ndarray, Bbox]:
    """Where the words go inside the inset (panel data): behind the back, off the magnified body, the
    box wholly inside the circle; the first free spot outward from the hollow's deepest point (or, if
    the window is too small for them, just outside it on the back's side)."""
    size = FONT_SIZES["small"]
    along = np.array([dorsal[1], -dorsal[0]])
    paths = [Path(shape, closed=True) for shape in body] + [Path(line) for line in marks]
    fallback = None
    for out in np.linspace(0.12, 0.8, 18) * big:
        for slide in (0.0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45):
            spot = anchor + dorsal * out + along * slide * big
            box = text_box(ax, text, size, spot, pad_px=5.0)
            corners = _box_points(box)
            if np.hypot(*(corners - close_up_place).T).max() > 0.96 * big:
                continue
            fallback = fallback or (spot, box)
            if not any(path.intersects_bbox(box, filled=len(path.vertices) > 2) for path in paths):
                return spot, box
    if fallback is None:  # a small panel: the words go just outside the window, behind the back
        box = text_box(ax, text, size, close_up_place, pad_px=5.0)
        spot = close_up_place + dorsal * (big + float(np.hypot(box.width, box.height)) / 2)
        fallback = (spot, text_box(ax, text, size, spot, pad_px=5.0))
    return fallback


def _leader_from(box: Bbox, target: np.ndarray) -> np.ndarray:
    """A leader from the edge of `box` to `target`."""
    middle = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    way = target - middle
    half = np.array([box.width / 2, box.height / 2])
    with np.errstate(divide="ignore"):
        scale = np.min(np.where(np.abs(way) > 1e-12, half / np.abs(way), np.inf))
    return np.array([middle + way * min(scale, 1.0), target])


def draw_close_up(
    ax: Axes,
    artists: PoseArtists,
    *,
    at: tuple[float, float] | None = None,
    kind: str = "plain",
    magnification: float = MAGNIFICATION,
) -> CloseUp:
    """A round close-up of the lower back of the body drawn in `ax`, beside it, and the hollow in words.

    Parameters
    ----------
    ax : the panel's axes, where `artists` (from `draw_pose`) are drawn; its labels already placed.
    artists : the drawn body whose lower back to magnify.
    at : where the inset's centre goes (panel data, m); None finds the free spot nearest the lower back
        (`free_place`): off the body, the equipment, the labels and marks.
    kind : "plain", or "mistake" to fill the hollow in the mistake colour (the words say it too).
    magnification : how many times the panel's scale the inset draws the body (about 3).

    Returns
    -------
    CloseUp : the inset's axes, what it shows and where, the depth (m) and its words ("hollow 2.9 cm").
    """
    if kind not in HOLLOW_FILLS:
        raise ValueError(f"kind must be one of {sorted(HOLLOW_FILLS)}; got {kind!r}")
    if not 1.5 <= magnification <= 6.0:
        raise ValueError(f"magnification must be between 1.5 and 6; got {magnification}")
    if artists.ax is not ax or artists.skeleton is None:
        raise ValueError("artists must be a body drawn by draw_pose in ax")
    centre, radius = lower_back_view(artists.skeleton, artists.body)
    big = radius * magnification
    place = _free_of_body(ax, artists, centre, radius, magnification) if at is None else np.asarray(at)
    ties = tangent_lines(centre, radius, place, big)
    inset = _draw_inset(ax, artists, centre, radius, place, big)
    _draw_hollow(inset, artists, kind)
    ax.add_patch(
        Circle(
            tuple(centre), radius, facecolor="none", edgecolor=COLORS["outline"], linewidth=1.0, zorder=5.2
        )
    )
    for tie in ties:
        ax.plot(tie[:, 0], tie[:, 1], color=COLORS["outline"], linewidth=0.8, zorder=5.2)
    depth = hollow_depth(artists.skeleton, artists.body)
    close_up = CloseUp(inset, centre, radius, place, magnification, depth, None)  # type: ignore[arg-type]
    deepest, on_line = deepest_point(artists.skeleton, artists.body)
    dorsal = (on_line - deepest) / max(float(np.hypot(*(on_line - deepest))), 1e-12)
    body = [close_up.to_panel(p.get_xy()) for p in inset.patches if isinstance(p, Polygon) and p.get_fill()]
    anchor = close_up.to_panel((on_line + deepest) / 2)
    words = hollow_words(depth).replace(" ", "\n", 1)  # two short lines fit beside the back
    marks = [close_up.to_panel(back_line_points(artists.skeleton, artists.body))]
    marks.append(close_up.to_panel(hollow_outline(artists.skeleton, artists.body)))
    spot, box = _place_words(ax, place, big, words, close_up.to_panel(on_line), dorsal, body, marks)
    mistake = kind == "mistake"
    close_up.words = ax.text(
        *spot,
        words,
        ha="center",
        va="center",
        fontsize=FONT_SIZES["small"],
        color=COLORS["mistake"] if mistake else COLORS["outline"],
        fontweight="bold" if mistake else "normal",
        zorder=6.5,
        gid=CLOSE_UP_WORDS_ID,
    )
    leader = _leader_from(box, anchor)
    ax.add_line(Line2D(leader[:, 0], leader[:, 1], color=COLORS["outline"], linewidth=0.8, zorder=6.4))
    _keep_labels_off(artists, centre, radius, place, big, ties)
    return close_up


def _free_of_body(
    ax: Axes, artists: PoseArtists, centre: np.ndarray, radius: float, magnification: float
) -> np.ndarray:
    """`free_place`; where that spot would cover the body (a small panel, whose free room the body's
    own angle labels took), the search again with those labels left out: the close-up goes first, and
    `_keep_labels_off` then places the labels around it."""
    place = free_place(ax, centre, radius, magnification)
    window = Path.circle(tuple(place), radius * magnification)
    if not any(window.intersects_path(shape.get_path(), filled=True) for shape in artists.polygons.values()):
        return place
    labels = [text for text in artists.texts.values() if text.get_visible()]
    for text in labels:
        text.set_visible(False)
    try:
        return free_place(ax, centre, radius, magnification)
    finally:
        for text in labels:
            text.set_visible(True)


def _keep_labels_off(
    artists: PoseArtists, centre: np.ndarray, radius: float, place: np.ndarray, big: float, ties: np.ndarray
) -> None:
    """Place the body's angle labels again with the close-up's two circles and its ties as obstacles:
    the labels were placed before it, so a label could sit on the small circle over the lower back."""
    artists.obstacles.append(Path.circle(tuple(centre), radius))
    artists.obstacles.append(Path.circle(tuple(place), big))
    artists.obstacles.extend(Path(np.vstack([tie, tie[::-1]]), closed=True) for tie in ties)
    update_pose(artists, artists.pose)


def describe_close_up(close_up: CloseUp) -> str:
    """The close-up in words, for alt text."""
    return (
        f"a round close-up beside the body magnifies the lower back {close_up.magnification:.0f} times "
        f"(a thin circle on the back and two thin lines tie it there): the straight line with the hollow "
        f"beneath it shaded, labelled {hollow_words(close_up.depth)}"
    )


__all__ = ["CloseUp", "deepest_point", "describe_close_up", "draw_close_up", "free_place", "hollow_words"]
