"""Cue cards: every pointer ends on what its cue is about, and no pointer or badge gets in the way.

Measured on the drawn figure (the pointer lines, badge circles and body outlines it holds), for
all three variants.
"""

import itertools

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.patches import Circle, Polygon
from matplotlib.path import Path

from kickback.content.cues import top_cues
from kickback.draw.cue_card import TARGETS, build_cue_card, cue_target_names
from kickback.draw.style import COLORS
from kickback.model.anthropometrics import Body
from kickback.model.variants import VARIANTS

BODY_COLOURS = {mcolors.to_rgba(COLORS[name]) for name in ("body", "body_far", "working_leg")}
NEAR = 0.01  # m: how close a pointer's end must be to the outline of the part it names
HEIGHTS = (None, 1.55, 1.95)  # m: the default body, a short and a tall person


@pytest.fixture(scope="module", params=[(v, h) for v in VARIANTS for h in HEIGHTS], ids=str)
def card(request):
    """The drawn card's pointers (m), badges (centre, radius in m), body outlines and named parts.

    Drawn for a short, a middle and a tall person: the layout follows the body, not fixed offsets.
    """
    variant, height = request.param
    figure = build_cue_card(variant, Body.from_height_mass(height, 70.0) if height else None).figure
    pointers = {
        int(line.get_gid().rsplit("_", 1)[1]): np.column_stack(line.get_data())
        for ax in figure.axes
        for line in ax.get_lines()
        if (line.get_gid() or "").startswith("cue_pointer_")
    }
    badges = {
        int(patch.get_gid().rsplit("_", 1)[1]): (np.array(patch.center), patch.radius)
        for patch in figure.findobj(Circle)
        if (patch.get_gid() or "").startswith("cue_badge_")
    }
    polygons = [
        p for p in figure.findobj(Polygon) if p.get_visible() and (p.get_gid() or "").startswith("part_")
    ]
    parts = {p.get_gid().removeprefix("part_"): Path(p.get_xy(), closed=True) for p in polygons}
    body = [Path(p.get_xy(), closed=True) for p in polygons if tuple(p.get_facecolor()) in BODY_COLOURS]
    return variant, pointers, badges, body, parts


def distance_to_outline(path: Path, point: np.ndarray) -> float:
    a = path.vertices
    b = np.roll(a, -1, axis=0)
    ab = b - a
    t = np.clip(np.einsum("ij,ij->i", point - a, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-18), 0, 1)
    return float(np.min(np.hypot(*(a + t[:, None] * ab - point).T)))


def segments_cross(p1, p2, q1, q2) -> bool:
    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return side(q1, q2, p1) * side(q1, q2, p2) <= 0 and side(p1, p2, q1) * side(p1, p2, q2) <= 0


def test_one_pointer_and_one_badge_per_cue(card):
    variant, pointers, badges, _, _ = card
    assert sorted(pointers) == sorted(badges) == list(range(1, len(top_cues(variant)) + 1))


def test_each_pointer_ends_on_the_part_its_cue_names(card):
    variant, pointers, _, _, parts = card
    for number, name in enumerate(cue_target_names(variant), start=1):
        end = pointers[number][-1]
        drawn = [parts[part] for part in TARGETS[name][1] if part in parts]
        assert drawn, f"{variant} cue {number}: {name!r} is not drawn"
        gap = min(distance_to_outline(path, end) for path in drawn)
        assert gap <= NEAR, f"{variant} cue {number} ends {gap * 100:.1f} cm from the {name}"


def test_pointer_ends_are_distinct(card):
    _, pointers, _, _, _ = card
    for a, b in itertools.combinations(pointers.values(), 2):
        assert np.hypot(*(a[-1] - b[-1])) > 0.03


def test_no_two_pointers_cross(card):
    variant, pointers, _, _, _ = card
    for (i, a), (j, b) in itertools.combinations(pointers.items(), 2):
        assert not segments_cross(a[0], a[-1], b[0], b[-1]), f"{variant}: pointers {i} and {j} cross"


def test_no_pointer_crosses_the_body(card):
    variant, pointers, _, body, _ = card
    for number, line in pointers.items():
        start, end = line[0], line[-1]
        short = Path(np.array([start, end - (end - start) / np.hypot(*(end - start)) * 0.005]))
        assert not any(path.intersects_path(short, filled=True) for path in body), (
            f"{variant}: pointer {number} crosses the body"
        )


def test_badges_are_clear_of_the_body_and_each_other(card):
    variant, _, badges, body, _ = card
    angles = np.linspace(0, 2 * np.pi, 49)
    for number, (centre, radius) in badges.items():
        disc = Path(centre + radius * np.column_stack([np.cos(angles), np.sin(angles)]), closed=True)
        assert not any(path.intersects_path(disc, filled=True) for path in body), (
            f"{variant}: badge {number} is on the body"
        )
    for (i, (a, ra)), (j, (b, rb)) in itertools.combinations(badges.items(), 2):
        assert np.hypot(*(a - b)) > ra + rb, f"{variant}: badges {i} and {j} overlap"


def test_cue_targets_are_named_parts():
    for variant in VARIANTS:
        assert len(cue_target_names(variant)) == 3
        assert set(cue_target_names(variant)) <= set(TARGETS)
