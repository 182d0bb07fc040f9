"""Marks drawn with a body for teaching: a ghost of the reference pose, the region at fault, a motion trail.

One idea a panel: a mistake panel shows the fault's pose with, behind it, a faint dashed ghost of
those parts of the correct pose that differ (so the difference shows at a glance and nothing else
is cluttered), the body region at fault hatched, and a straight line along the lower back against
which its hollow shows.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.path import Path
from matplotlib.text import Text

from ..model.anthropometrics import Body
from ..model.pose import Pose
from ..model.skeleton import SPINE_STEPS, Skeleton, build_skeleton
from . import cue_badge
from .anatomy import lower_back_region, torso_lines
from .artists import PoseArtists
from .body import body_paths, draw_pose, update_pose
from .labels import add_label, place_label
from .shapes import arc_points
from .style import COLORS, FONT_SIZES

GHOST_CANDIDATES = ("pelvis", "thigh", "shank", "foot")
"""Body parts a ghost may show: the fault lies in the lower back and the working leg, so the pelvis and
that leg only. The head, neck, arms and upper back are left out (their ghost sat a few pixels off the
real ones, a double-exposure face), and the far, supporting leg never moves between the poses compared."""
GHOST_LEFT_OUT = "the head, neck, arms and upper back are left out of the ghost"
GHOST_TOLERANCE = (
    0.01  # m: a ghost part is drawn only where its outline lies farther than this from the body's
)
GHOST_Z = 1.9  # under every body part: a ghost part shows only where it sticks out of the drawn body
GHOST_WASH = 0.22  # opacity of the ghost's grey wash: faint, but a leg's shape, not only dashes
GHOST_WASH_ID = "ghost_wash"  # the wash's gid, so a test can tell it from the ghost's dashed outlines
MARK_Z = 3.1  # over the trunk and its back line, under the arm and the working leg
BACK_LINE_Z = 4.4  # over the body, under the labels
RANGE_ARC_REACH = 1.2  # the arc of the range still to go, in thigh lengths from the hip: just past the knees
PART_WORDS = {
    "pelvis": "pelvis",
    "trunk": "trunk",
    "neck_join": "neck",
    "head": "head",
    "upper_arm": "upper arm",
    "forearm": "forearm",
    "hand": "hand",
    "thigh": "thigh",
    "shank": "lower leg",
    "foot": "foot",
}
BACK_LINE_WORDS = "straight line from the tailbone to the bottom of the ribs"
TRAIL_ARROW_ID = "trail_arrow"  # the gid of a motion trail's arrowhead
BACK_LINE_ID = "back_line"  # the line's gid, so a test (or a widget) can find it in a figure


# --- the ghost of the reference pose --------------------------------------------------------


def _dense(outline: np.ndarray, step: float = 0.003) -> np.ndarray:
    """The points of a closed outline with more put in along each edge, at most `step` (m) apart."""
    points = np.asarray(outline, dtype=float)
    following = np.roll(points, -1, axis=0)
    pieces = []
    for a, b in zip(points, following):
        count = max(int(math.ceil(float(np.hypot(*(b - a))) / step)), 1)
        pieces.append(a + np.outer(np.arange(count) / count, b - a))
    return np.vstack(pieces)


def outline_gap(a: np.ndarray, b: np.ndarray) -> float:
    """How far (m) two outlines lie apart at most: the farthest any point of one is from the other.

    (The symmetric Hausdorff distance of the two outlines, measured on points 3 mm apart.)
    """
    a, b = _dense(a), _dense(b)
    distances = np.hypot(*(a[:, None, :] - b[None, :, :]).transpose(2, 0, 1))
    return float(max(distances.min(axis=1).max(), distances.min(axis=0).max()))


def differing_parts(
    shown: PoseArtists, reference: PoseArtists, tolerance: float = GHOST_TOLERANCE
) -> list[str]:
    """The parts (of GHOST_CANDIDATES) whose outline in `reference` differs from `shown`'s by more than
    `tolerance` metres: only these are worth a ghost."""
    return [
        name
        for name in GHOST_CANDIDATES
        if outline_gap(shown.polygons[name].get_xy(), reference.polygons[name].get_xy()) > tolerance
    ]


def draw_ghost(
    ax: Axes,
    pose: Pose,
    body: Body,
    variant: str,
    *,
    shown: PoseArtists | None = None,
    tolerance: float = GHOST_TOLERANCE,
    z: float = GHOST_Z,
) -> PoseArtists:
    """A faint dashed outline of `pose` (the reference) where the model puts it, under the drawn body.

    No part is moved: the model already keeps still what touches the floor, the handle or the pad,
    so the ghost shares the hip with `shown` and differs only where the poses differ. With `shown`
    (the body already drawn), only the parts differing by more than `tolerance` metres are kept,
    and, drawn under the body, each shows only where it sticks out of it. A faint grey wash under
    the dashes makes the parts read as one leg, not as dashed boxes where their ends overlap.
    The patches go at z-order `z`, the wash just under them.
    """
    ghost = draw_pose(ax, pose, body, variant, angles=False, caption=False, static=False)
    keep = differing_parts(shown, ghost, tolerance) if shown is not None else list(GHOST_CANDIDATES)
    for name in [name for name in ghost.polygons if name not in keep]:
        ghost.polygons.pop(name).remove()
    covers = _covering_parts(ghost)
    for name, patch in ghost.polygons.items():
        patch.set(facecolor="none", edgecolor=COLORS["reference"], linestyle=(0, (3, 2)), linewidth=1.2)
        patch.set_zorder(z)
        wash = Polygon(patch.get_xy(), closed=True, facecolor=COLORS["reference"], alpha=GHOST_WASH)
        wash.set(edgecolor="none", zorder=z - 0.01, gid=GHOST_WASH_ID)
        ax.add_patch(wash)
        if covers[name]:
            hole = _outside_of(ax, covers[name])
            patch.set_clip_path(hole, ax.transData)
            wash.set_clip_path(hole, ax.transData)
    for artist in (*ghost.lines.values(), *ghost.circles.values()):
        artist.remove()
    ghost.lines.clear()
    ghost.circles.clear()
    return ghost


def _covering_parts(ghost: PoseArtists) -> dict[str, list[np.ndarray]]:
    """For each ghost part, the outlines (m) of the ghost parts drawn over it in a body (higher z-order:
    the thigh over the lower leg, the lower leg over the foot), so the ghost hides the same joins the
    drawn body hides and reads as one leg, not as overlapping dashed boxes."""
    order = {name: patch.get_zorder() for name, patch in ghost.polygons.items()}
    return {
        name: [np.asarray(ghost.polygons[other].get_xy(), dtype=float) for other in order if order[other] > z]
        for name, z in order.items()
    }


def _outside_of(ax: Axes, outlines: list[np.ndarray]) -> Path:
    """A clip path (data units) covering the axes' view and beyond, with a hole for each outline."""
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    reach = 10.0 * max(x1 - x0, y1 - y0, 1.0)
    left, right, low, high = x0 - reach, x1 + reach, y0 - reach, y1 + reach
    frame = np.array([[left, low], [right, low], [right, high], [left, high]])  # anticlockwise
    rings = [frame] + [outline[::-1] if _turns_left(outline) else outline for outline in outlines]
    vertices = np.vstack([np.vstack([ring, ring[:1]]) for ring in rings])
    codes = np.concatenate(
        [[Path.MOVETO] + [Path.LINETO] * (len(ring) - 1) + [Path.CLOSEPOLY] for ring in rings]
    )
    return Path(vertices, codes)


def _turns_left(outline: np.ndarray) -> bool:
    """Whether a closed outline runs anticlockwise (positive shoelace area)."""
    x, y = np.asarray(outline, dtype=float).T
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) > 0


def ghost_words(ghost: PoseArtists) -> str:
    """The ghost's parts in words, for alt text: "pelvis, thigh, lower leg and foot; the head, ..."."""
    words = [PART_WORDS[name] for name in GHOST_CANDIDATES if name in ghost.polygons]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}"
    return f"{listed}; {GHOST_LEFT_OUT}"


# --- the lower back ---------------------------------------------------------------------------


def mark_region(ax: Axes, outline: np.ndarray, *, z: float = MARK_Z) -> Polygon:
    """Hatch a region of the body in the mistake colour (and hatching, so not by colour alone)."""
    patch = Polygon(
        outline,
        closed=True,
        facecolor=(0.835, 0.369, 0.0, 0.35),
        edgecolor=COLORS["mistake"],
        hatch="////",
        linewidth=1.6,
        zorder=z,
    )
    ax.add_patch(patch)
    return patch


def mark_lower_back(artists: PoseArtists) -> Polygon:
    """Hatch the lumbar band of the drawn back (sacrum to T12); its angle label turns the mistake
    colour, in bold."""
    patch = mark_region(artists.ax, lower_back_region(artists.skeleton, artists.body))
    if "back" in artists.texts:
        artists.texts["back"].set(color=COLORS["mistake"], fontweight="bold")
    return patch


def back_line_points(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The straight line (two points, m) along the back from the sacrum's level to T12's, both ends
    on the back's outline: the hollow of the lower back is the gap between it and the back."""
    lines = torso_lines(skeleton, body)
    return np.array([lines.back[lines.at_spine[1]], lines.back[lines.at_spine[SPINE_STEPS + 1]]])


def draw_back_line(artists: PoseArtists) -> Line2D:
    """A thin dashed straight line from the tailbone (sacrum) to the bottom of the ribs (T12) along the
    drawn back, dots at its ends: the same line in the correct and the arched pictures, so the depth of
    the hollow reads against it. Move it with `update_back_line` when the pose changes."""
    (line,) = artists.ax.plot(
        [],
        [],
        color=COLORS["outline"],
        linestyle=(0, (4, 2)),
        linewidth=1.7,  # thick enough to find on the grey back at 900 px
        marker="o",
        markersize=3.8,
        zorder=BACK_LINE_Z,
        gid=BACK_LINE_ID,
    )
    update_back_line(line, artists.skeleton, artists.body)
    artists.lines["back_line"] = line
    return line


def update_back_line(line: Line2D, skeleton: Skeleton, body: Body) -> None:
    """Move the back's straight line to `skeleton` (for a widget that moves the body in place)."""
    points = back_line_points(skeleton, body)
    line.set_data(points[:, 0], points[:, 1])


BACK_LINE_KEY = (
    f"Dashed line along the back (\u2022- - -\u2022): a {BACK_LINE_WORDS}; "
    "the hollow of the lower back is the gap beneath it."
)


GHOST_KEY = "Grey dashed leg: the correct top, drawn behind the mistake for comparison."
TRUNK_LINE_KEY = (
    "Grey dotted line at the hip: the trunk's line carried on past the hip, from which the hip angle is "
    "measured."
)


def key_back_line(figure: Figure, more: tuple[str, ...] = ()) -> Text:
    """The key to the back's straight line, one line of small text along the figure's foot, and under
    it a line for each of `more` (the figure leaves room for them)."""
    return key_lines(figure, (BACK_LINE_KEY, *more))


def key_lines(figure: Figure, lines: tuple[str, ...]) -> Text:
    """A figure's key: one line of small text each, centred along its foot (the figure leaves room)."""
    return figure.text(
        0.5,
        0.012,
        "\n".join(lines),
        ha="center",
        va="bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
    )


def hollow_depth(skeleton: Skeleton, body: Body) -> float:
    """How deep (m) the back's outline lies under the straight line from sacrum to T12, at most."""
    lines = torso_lines(skeleton, body)
    back = lines.back[lines.at_spine[1] : lines.at_spine[SPINE_STEPS + 1] + 1]
    start, end = back[0], back[-1]
    along = (end - start) / float(np.hypot(*(end - start)))
    offsets = back - start
    return float(np.max(np.abs(offsets[:, 0] * along[1] - offsets[:, 1] * along[0])))


# --- how far short of the top ------------------------------------------------------------------


def thigh_heading(skeleton: Skeleton) -> float:
    """The working thigh's direction, hip to knee, in degrees counter-clockwise from +x."""
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    return math.degrees(math.atan2(knee[1] - hip[1], knee[0] - hip[0]))


def degrees_short(shown: Skeleton, target: Skeleton) -> float:
    """How many degrees the shown thigh must still turn back (about the hip) to reach the target's."""
    turn = thigh_heading(target) - thigh_heading(shown)
    return -((turn + 180.0) % 360.0 - 180.0)  # lifting the leg behind turns it clockwise (x forward)


def mark_range_short(artists: PoseArtists, ghost: PoseArtists, target: Pose) -> float:
    """An arc at the hip from the shown thigh to the ghost's, arrow at the ghost, labelled "30° short of
    the top"; the body's own labels are placed again, off it. Returns the degrees short."""
    ax, body = artists.ax, artists.body
    target_skeleton = build_skeleton(target, body, artists.variant)
    short = degrees_short(artists.skeleton, target_skeleton)
    hip = np.array(artists.skeleton.joints["hip"])
    start = thigh_heading(artists.skeleton)
    radius = RANGE_ARC_REACH * float(np.hypot(*(np.array(artists.skeleton.joints["knee"]) - hip)))
    arc = arc_points(tuple(hip), radius, start, start - short)
    colour = COLORS["mistake"]
    halo = [patheffects.withStroke(linewidth=4.5, foreground="white")]
    ax.plot(arc[:-3, 0], arc[:-3, 1], color=colour, linewidth=2.0, zorder=5.2, path_effects=halo)
    ax.annotate(
        "",
        xy=tuple(arc[-1]),
        xytext=tuple(arc[-4]),
        arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 2.0, "mutation_scale": 14},
        zorder=5.2,
    )
    label = add_label(ax, color=colour)
    label.set_fontweight("bold")
    obstacles = [*body_paths(artists), *body_paths(ghost), *artists.obstacles]
    box = place_label(
        label,
        f"{short:.0f}° short of the top",
        tuple(arc[len(arc) // 2]),
        obstacles=obstacles,
        taken=[],
        distances=tuple(share * body.height for share in (0.10, 0.14, 0.18, 0.24)),
    )
    artists.reserved.append(box)
    artists.obstacles.append(Path(np.vstack([arc, arc[::-1]])))
    artists.texts["range_short"] = label
    update_pose(artists, artists.pose)  # the hip and back labels again, off the arc and its label
    return short


# --- steps ---------------------------------------------------------------------------------------


def blend(start: Pose, end: Pose, share: float) -> Pose:
    """The pose `share` (0 to 1) of the way from `start` to `end`, angle by angle."""
    a, b = start.as_dict(), end.as_dict()
    return Pose(**{name: a[name] + share * (b[name] - a[name]) for name in a})


def number_badge(ax: Axes, number: int, at: tuple[float, float], target: tuple[float, float]) -> None:
    """A numbered badge at `at` (m) with a thin pointer to `target` (m), a cue pointing at the body: the
    course's one badge (`cue_badge.number_badge`), so it looks like every other."""
    cue_badge.number_badge(ax, number, at, target)
