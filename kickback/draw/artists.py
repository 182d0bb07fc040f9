"""The artists of a drawn body, kept so that a new pose moves them in place instead of drawing anew."""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ..model.anthropometrics import Body
from ..model.pose import Pose
from ..model.skeleton import Skeleton

# --- the artists ----------------------------------------------------------------------------


@dataclass
class PoseArtists:
    """The artists of one drawn body, kept so `update_pose` can move them.

    `obstacles` (paths, e.g. the equipment) and `reserved` (boxes, e.g. a title) are places the
    angle labels must keep off, besides the body itself.
    """

    ax: Axes
    body: Body
    variant: str
    polygons: dict[str, Polygon] = field(default_factory=dict)
    lines: dict[str, Line2D] = field(default_factory=dict)
    circles: dict[str, Circle] = field(default_factory=dict)
    texts: dict[str, Text] = field(default_factory=dict)
    pose: Pose | None = None
    skeleton: Skeleton | None = None
    obstacles: list[Path] = field(default_factory=list)
    reserved: list[Bbox] = field(default_factory=list)
