"""The cue cards: the correct top of a variant, three numbered pointers, and the three cues beside it.

One layout for all three variants: the picture on the left, the cues in a column on its right. Each
cue names what it is about in data/cues.csv (`target`: the belly, the back, the lower back, the
glute, the pelvis, the working foot, the machine's pad or lever). The pointer's end is found on the
drawn picture: a ray from a landmark of the posed skeleton (L3 for the lower back and the belly,
halfway from T12 to C7 for the back line, the hip for the glute) toward that part's surface is
followed to where it leaves the body and the moving equipment, so the pointer ends exactly on that
part's outline, on the side open to free space. A hips-level cue cannot be seen from the side: its
target (`hips_from_behind`) is the level line across the hips in a small view from behind, under
the picture (cue_card_rear.py). Each badge takes the nearest spot in free space from which its
pointer reaches the target without crossing the body or another pointer.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib.path import Path

from ..content.cues import top_cues
from ..data_files import read_table
from ..model.anthropometrics import Body, default_body
from ..model.pose import preset_pose
from ..model.skeleton import Skeleton
from .artists import PoseArtists
from .body import BODY_LAYERS, draw_pose, view_limits
from .course_figure import VARIANT_TITLES, CourseFigure
from .cue_badge import badge_radius, badge_text_style, draw_badge
from .cue_card_rear import REAR_LINE, draw_rear_thumbnail, rear_badge_centre, rear_crop_aspect
from .shapes import mark_panel
from .style import COLORS, FONT_SIZES, new_figure, styled

# target -> (words for the alt text, the drawn parts the pointer must end on)
TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "belly": ("the belly, at the level of the lumbar spine", ("trunk",)),
    "back": ("the back line between the lowest ribs and the shoulder blades", ("trunk",)),
    "lower_back": ("the lower back, over the lumbar spine (L3)", ("trunk",)),
    "glute": ("the buttock (gluteus maximus)", ("pelvis",)),
    "pelvis": ("the top of the pelvis (the hip bones)", ("pelvis",)),
    "hips_from_behind": (
        "the bar across the back of the pelvis, on its level line, in a small view from behind",
        (REAR_LINE,),
    ),
    "ankle": ("the working foot, at the end of the moving leg", ("foot", "shank", "cuff")),
    "pad": ("the machine's roller pad", ("roller",)),
    "lever": ("the machine's lever arm", ("lever",)),
}
REAR_TARGET = "hips_from_behind"  # the one target drawn in the view from behind, not on the side view
CARD_SIZE = (8.27, 5.83)  # inches: A5 landscape
CARD_PANEL = (0.55, 0.80)  # the picture's width and greatest height, figure fractions
CARD_TITLE_ROOM = 0.15  # figure fraction above the picture: its panel title and the card's title
MOVING_EQUIPMENT = ("cuff", "roller", "lever", "cam", "chest_pad", "chest_arm")
BODY_PARTS = tuple(name for name, _, _ in BODY_LAYERS)
ON_PART = 0.006  # m: a pointer's end lies this close to its part's outline, at most
FAN = (0, 15, -15, 30, -30, 45, -45, 60, -60, 75, -75, 90, -90)  # degrees off the part's facing
DISTANCES = (0.09, 0.12, 0.16, 0.20, 0.25, 0.30)  # badge distance from its target, in body heights
OFFSETS = (0, 20, -20, 40, -40, 60, -60, 85, -85, 110, -110)  # badge direction off the target's facing


@dataclass(frozen=True)
class CueTarget:
    """Where a cue's pointer ends: the target's name, the point on the drawing (m), the way it faces."""

    name: str
    point: tuple[float, float]
    facing: tuple[float, float]


def cue_target_names(variant: str) -> list[str]:
    """The `target` of each of the variant's three card cues, in card order (data/cues.csv)."""
    names = {
        int(row["order"]): row["target"]
        for row in read_table("cues")
        if row["variant"] == variant and row["kind"] == "cue"
    }
    found = [names[cue.order] for cue in top_cues(variant)]
    for name in found:
        if name not in TARGETS:
            raise ValueError(
                f"target must be one of {', '.join(repr(t) for t in TARGETS)}; got {name!r} (data/cues.csv)"
            )
    return found


def _unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=float)
    return vector / max(float(np.hypot(*vector)), 1e-12)


def _rotate(vector: np.ndarray, degrees: float) -> np.ndarray:
    a = math.radians(degrees)
    return np.array(
        [vector[0] * math.cos(a) - vector[1] * math.sin(a), vector[0] * math.sin(a) + vector[1] * math.cos(a)]
    )


def _dorsal(skeleton: Skeleton, low: str, high: str) -> np.ndarray:
    """Unit vector toward the back, square to the spine from landmark `low` to landmark `high`."""
    along = _unit(np.subtract(skeleton.joints[high], skeleton.joints[low]))
    return np.array([-along[1], along[0]])


def _nearest_on_outline(outline: np.ndarray, origin: np.ndarray, side: np.ndarray) -> np.ndarray:
    """Unit vector from `origin` to the nearest point of `outline` on the side `side` points to."""
    ahead = outline[(outline - origin) @ side > 0]
    nearest = ahead[np.argmin(np.hypot(*(ahead - origin).T))]
    return _unit(nearest - origin)


def _aim(name: str, artists: PoseArtists) -> tuple[np.ndarray, np.ndarray]:
    """A landmark inside the target's part and the direction to its surface (toward free space).

    The trunk's targets sit at their spinal level: the lower back and the belly at L3 (the apex of
    the lumbar curve), the back line halfway from T12 to C7; each is aimed at the nearest point of
    the trunk's outline on its side, so the pointer ends at that level, not further up the back.
    """
    skeleton = artists.skeleton
    j = {key: np.asarray(value, dtype=float) for key, value in skeleton.joints.items()}
    if name in ("belly", "back", "lower_back"):
        origin = j["l3"] if name != "back" else (j["t12"] + j["c7"]) / 2
        dorsal = _dorsal(skeleton, "sacrum", "t12") if name != "back" else _dorsal(skeleton, "t12", "c7")
        trunk = np.asarray(artists.polygons["trunk"].get_xy(), dtype=float)
        return origin, _nearest_on_outline(trunk, origin, -dorsal if name == "belly" else dorsal)
    up = _unit(j["sacrum"] - j["hip"])
    back = np.array([-up[1], up[0]])
    if name == "glute":
        return j["hip"], back
    if name == "pelvis":
        return j["hip"], _unit(back + 0.35 * up)
    if name == "ankle":
        return j["ankle"], _unit(j["ankle"] - j["hip"])
    thigh = _unit(j["knee"] - j["hip"])
    projection = j["hip"] + thigh * float(np.dot(j["pad"] - j["hip"], thigh))
    behind = _unit(j["pad"] - projection)
    if name == "pad":
        return j["pad"], behind
    return j["pivot"] + 0.7 * (j["pad"] - j["pivot"]), behind  # 7/10 of the way out: clear of the thigh


def _inside(paths: list[Path], point: np.ndarray) -> bool:
    return any(path.contains_point(tuple(point)) for path in paths)


def _exit_point(
    paths: list[Path], origin: np.ndarray, direction: np.ndarray, reach: float
) -> np.ndarray | None:
    """Where a ray from `origin` first leaves every path for good (m), or None if it starts outside."""
    if not _inside(paths, origin):
        return None
    steps = np.linspace(0.0, reach, 240)
    last = 0.0
    for s in steps[1:]:
        if _inside(paths, origin + s * direction):
            last = s
    low, high = last, last + steps[1]
    for _ in range(24):
        middle = (low + high) / 2
        low, high = (middle, high) if _inside(paths, origin + middle * direction) else (low, middle)
    return origin + low * direction


def _distance_to_outline(path: Path, point: np.ndarray) -> float:
    """Distance (m) from `point` to the nearest edge of a closed outline."""
    corners = path.vertices
    a, b = corners, np.roll(corners, -1, axis=0)
    ab = b - a
    t = np.clip(np.einsum("ij,ij->i", point - a, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-18), 0, 1)
    nearest = a + t[:, None] * ab
    return float(np.min(np.hypot(*(nearest - point).T)))


def part_paths(artists: PoseArtists, names: tuple[str, ...]) -> list[Path]:
    """The drawn outlines (m) of the named parts that are on the picture."""
    return [Path(artists.polygons[n].get_xy(), closed=True) for n in names if n in artists.polygons]


def find_target(name: str, artists: PoseArtists) -> CueTarget:
    """The point on the drawn outline of the target's part, open to free space, where its pointer ends."""
    solids = part_paths(artists, BODY_PARTS + MOVING_EQUIPMENT)
    part = part_paths(artists, TARGETS[name][1])
    origin, facing = _aim(name, artists)
    for offset in FAN:
        direction = _rotate(facing, offset)
        point = _exit_point(solids, origin, direction, 0.5 * artists.body.height)
        if point is not None and min(_distance_to_outline(p, point) for p in part) <= ON_PART:
            return CueTarget(
                name, (float(point[0]), float(point[1])), (float(direction[0]), float(direction[1]))
            )
    raise ValueError(f"target {name!r}: no point of its part is open to free space in this drawing")


def _segments_cross(p1, p2, q1, q2) -> bool:
    """Whether segments p1-p2 and q1-q2 cross or touch."""

    def side(a, b, c) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2 = side(q1, q2, p1), side(q1, q2, p2)
    d3, d4 = side(p1, p2, q1), side(p1, p2, q2)
    return (d1 * d2 <= 0) and (d3 * d4 <= 0)


def _circle(centre: np.ndarray, radius: float) -> Path:
    angles = np.linspace(0, 2 * math.pi, 33)
    return Path(np.column_stack([centre[0] + radius * np.cos(angles), centre[1] + radius * np.sin(angles)]))


def _shortened(badge: np.ndarray, target: np.ndarray, radius: float, gap: float) -> Path:
    """The pointer from the badge's edge to just short of the target, as a path to test for crossings."""
    direction = _unit(target - badge)
    return Path(np.array([badge + direction * radius, target - direction * gap]))


@dataclass(frozen=True)
class Spot:
    """A possible badge: its centre (m) and how far from ideal it is (lower is better)."""

    centre: np.ndarray
    cost: float


def _spots(target: CueTarget, artists: PoseArtists, radius: float, limits) -> list[Spot]:
    """Badge centres around `target` whose badge is clear of the body and whose pointer crosses nothing."""
    (x0, x1), (y0, y1) = limits
    solids = part_paths(artists, BODY_PARTS + MOVING_EQUIPMENT)
    fixed = artists.obstacles
    point, facing = np.array(target.point), np.array(target.facing)
    found = []
    for distance, offset in itertools.product(DISTANCES, OFFSETS):
        centre = point + distance * artists.body.height * _rotate(facing, offset)
        margin = 1.6 * radius
        if not (x0 + margin <= centre[0] <= x1 - margin and y0 + margin <= centre[1] <= y1 - margin):
            continue
        disc = _circle(centre, radius * 1.35)
        if any(s.intersects_path(disc, filled=True) for s in solids):
            continue
        pointer = _shortened(centre, point, radius, 0.004)
        if any(s.intersects_path(pointer, filled=False) for s in solids) or _inside(
            solids, pointer.vertices[0]
        ):
            continue
        on_equipment = sum(p.intersects_path(disc, filled=True) for p in fixed)
        across_equipment = sum(p.intersects_path(pointer, filled=False) for p in fixed)
        found.append(
            Spot(centre, distance + abs(offset) / 400 + 0.5 * on_equipment + 0.15 * across_equipment)
        )
    return sorted(found, key=lambda spot: spot.cost)[:18]


def _compatible(chosen: list[tuple[Spot, CueTarget]], radius: float) -> bool:
    """No two badges touch, no two pointers cross, no pointer runs through another badge."""
    for (a, ta), (b, tb) in itertools.combinations(chosen, 2):
        if np.hypot(*(a.centre - b.centre)) < 3.0 * radius:
            return False
        if _segments_cross(a.centre, np.array(ta.point), b.centre, np.array(tb.point)):
            return False
        for spot, (other, target) in ((a, (b, tb)), (b, (a, ta))):
            if _shortened(other.centre, np.array(target.point), radius, 0.0).intersects_path(
                _circle(spot.centre, radius * 1.2), filled=True
            ):
                return False
    return True


def _crowding(spots, radius: float) -> float:
    """A cost for badges closer than five radii: apart, each reads as its own."""
    return sum(
        max(0.0, 5.0 * radius - float(np.hypot(*(a.centre - b.centre)))) * 4.0
        for a, b in itertools.combinations(spots, 2)
    )


def layout_badges(targets: list[CueTarget], artists: PoseArtists, radius: float) -> list[np.ndarray]:
    """The badge centres (m), one per target: the cheapest set that keeps every rule of the card."""
    ax = artists.ax
    limits = (sorted(ax.get_xlim()), sorted(ax.get_ylim()))
    options = [_spots(target, artists, radius, limits) for target in targets]
    best: tuple[float, list[Spot]] | None = None
    for combo in itertools.product(*options):
        cost = sum(spot.cost for spot in combo) + _crowding(combo, radius)
        if best is not None and cost >= best[0]:
            continue
        if _compatible(list(zip(combo, targets)), radius):
            best = (cost, list(combo))
    if best is None:
        raise ValueError("cue card: no layout keeps every badge and pointer clear; move a target")
    return [spot.centre for spot in best[1]]


@dataclass(frozen=True)
class CardLayout:
    """Where things go on a cue card, in figure fractions: the picture, the view from behind, the title,
    and each cue.

    `rear` is None on a card without a view from behind. `cues` holds (badge x, top y, text x, wrap
    width in characters) for the three cues.
    """

    panel: tuple[float, float, float, float]
    rear: tuple[float, float, float, float] | None
    title_y: float
    cues: tuple[tuple[float, float, float, int], ...]


def card_layout(variant: str, body: Body, *, rear: bool = False) -> CardLayout:
    """One layout for every variant: the picture on the left, the three cues in a column on its right.

    The picture keeps the variant's aspect at the left column's width (a standing picture is tall, the
    quadruped low and wide); a view from behind, when the card has one, sits under it. The block
    (title, pictures) is centred on the page and the cues are spread down its height.
    """
    (x0, x1), (y0, y1) = view_limits(body, variant)
    page = CARD_SIZE[0] / CARD_SIZE[1]
    width, tallest = CARD_PANEL
    height = min(tallest, width * (y1 - y0) / (x1 - x0) * page)
    rear_height = min(0.30, 1.0 - CARD_TITLE_ROOM - height - 0.04) if rear else 0.0
    bottom = (1.0 - height - rear_height - CARD_TITLE_ROOM) / 2 + rear_height
    panel = (0.015, bottom, width, height)
    rear_box = None
    if rear:
        rear_width = rear_height / rear_crop_aspect() / page
        rear_box = (
            0.015 + (width - rear_width) / 2,
            bottom - rear_height - 0.01,
            rear_width,
            rear_height - 0.05,
        )
    span = height + rear_height
    low = bottom - rear_height
    tops = [low + span * share for share in (0.95, 0.62, 0.29)]
    cues = tuple((0.60, top, 0.64, 34) for top in tops)
    return CardLayout(panel, rear_box, bottom + height + CARD_TITLE_ROOM - 0.02, cues)


def _cue_list(figure, cues, layout: CardLayout) -> None:
    """The three cues, numbered like the badges, in a column beside the picture."""
    for number, (cue, (badge_x, top, text_x, wrap)) in enumerate(zip(cues, layout.cues), start=1):
        figure.text(
            badge_x,
            top,
            f"{number}",
            **(badge_text_style(FONT_SIZES["title"] + 2) | {"va": "top"}),
        )
        figure.text(
            text_x,
            top + 0.005,
            textwrap.fill(cue.text, wrap),
            fontsize=FONT_SIZES["title"],
            va="top",
            ha="left",
            color=COLORS["outline"],
            linespacing=1.35,
        )


@styled
def build_cue_card(variant: str, body: Body | None = None) -> CourseFigure:
    """A printable cue card (A5 landscape), one layout for all variants.

    Parameters
    ----------
    variant : str
        "cable", "machine" or "bodyweight".
    body : Body or None, optional
        Segment lengths (m); the default body when None.

    Returns
    -------
    CourseFigure
        The correct top with three numbered pointers, each ending on what its cue is about, and
        the three cues beside it (saved as PNG and PDF).
    """
    body = body or default_body()
    figure = new_figure(*CARD_SIZE)
    names = cue_target_names(variant)
    layout = card_layout(variant, body, rear=REAR_TARGET in names)
    ax = figure.add_axes(layout.panel)
    pose = preset_pose(variant, "correct_top")
    artists = draw_pose(ax, pose, body, variant, angles=False, caption=False)
    mark_panel(ax, "correct", "Correct top")
    for name, patch in artists.polygons.items():
        patch.set_gid(f"part_{name}")
    cues = top_cues(variant)
    side = [(number, name) for number, name in enumerate(names, start=1) if name != REAR_TARGET]
    targets = [find_target(name, artists) for _, name in side]
    radius = badge_radius(ax)
    for (number, _), target, centre in zip(side, targets, layout_badges(targets, artists, radius)):
        draw_badge(ax, number, np.array(target.point), centre, radius)
    if layout.rear is not None:
        rear_ax, parts, end = draw_rear_thumbnail(figure, layout.rear, pose, body, variant)
        rear_radius = badge_radius(rear_ax)
        centre = rear_badge_centre(rear_ax, parts, end, rear_radius)
        draw_badge(rear_ax, names.index(REAR_TARGET) + 1, end, centre, rear_radius)
    _cue_list(figure, cues, layout)
    figure.suptitle(
        f"{VARIANT_TITLES[variant]}: cue card",
        fontsize=FONT_SIZES["title"] + 3,
        fontweight="bold",
        y=layout.title_y,
    )
    behind = " Under it, a small view from behind shows the hips level." if layout.rear else ""
    alt = (
        f"Cue card for the {VARIANT_TITLES[variant].lower()}: the correct top position (tick, solid frame) "
        f"with numbered pointers, each ending on what its cue is about.{behind} The three numbered cues "
        "stand in a column beside the picture: "
        + " ".join(
            f"{i}. {cue.text} Pointer {i} ends on {TARGETS[name][0]}."
            for i, (cue, name) in enumerate(zip(cues, names), start=1)
        )
    )
    return CourseFigure(name=f"cue_card_{variant}", figure=figure, alt_text=alt, formats=(".png", ".pdf"))
