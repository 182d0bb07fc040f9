"""Muscles drawn for context only, in plain grey: not kickback movers, they show what lies under a label.

The vastus lateralis fills the front of the thigh so the iliotibial band plainly lies over something.
SCHEMATIC (a teaching heuristic), placed like the muscle map's shapes (see `muscle_shapes`).
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from ..model.skeleton import Skeleton
from .muscle_shapes import MuscleShape, fibre_lines, muscle_outline
from .style import COLORS

CONTEXT = "#BDBDBD"  # a muscle drawn for context only: light grey, apart from the roles and the grey body

# The vastus lateralis: not a kickback muscle (it straightens the knee), drawn for context in a neutral
# grey so the iliotibial band plainly lies over something. From the greater trochanter and the back of
# the femur (the linea aspera) down the front and outer side of the thigh to the kneecap; its fibres run
# down and forward from the femur to the quadriceps tendon.
VASTUS_LATERALIS_SHAPE = MuscleShape(
    outline=(
        ("thigh", 0.06, -0.004),
        ("thigh", 0.10, -0.024),
        ("thigh", 0.35, -0.034),
        ("thigh", 0.65, -0.034),
        ("thigh", 0.88, -0.029),
        ("thigh", 0.97, -0.019),
        ("thigh", 0.93, -0.006),
        ("thigh", 0.60, 0.004),
        ("thigh", 0.25, 0.006),
    ),
    fibres=(
        (("thigh", 0.00, 0.006), ("thigh", 0.85, 0.006)),
        (("thigh", 0.40, -0.045), ("thigh", 1.15, -0.035)),
    ),
)


def draw_context_muscle(ax: Axes, skeleton: Skeleton, height: float) -> None:
    """The vastus lateralis in neutral grey under the iliotibial band: not a kickback muscle, it shows what
    the band lies over (the front of the thigh would otherwise be bare)."""
    patch = Polygon(
        muscle_outline(skeleton, VASTUS_LATERALIS_SHAPE, height),
        closed=True,
        facecolor=CONTEXT,
        alpha=0.92,
        edgecolor=COLORS["outline"],
        linewidth=0.8,
        zorder=5.05,
        gid="context:vastus_lateralis",
    )
    ax.add_patch(patch)
    for line in fibre_lines(skeleton, VASTUS_LATERALIS_SHAPE, height, count=10):
        (fibre,) = ax.plot(line[:, 0], line[:, 1], color="white", linewidth=0.6, alpha=0.8, zorder=5.06)
        fibre.set_clip_path(patch)
