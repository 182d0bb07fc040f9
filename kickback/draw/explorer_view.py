"""The explorer's one persistent figure: the side view in its set-up, the hip's reach, the rear view.

Fast on purpose. The static parts (floor, equipment, titles, reference lines) are rendered once
into a background; a slider step restores that background and redraws only the artists that
move (blitting on Agg: `copy_from_bbox`, `restore_region`, `draw_artist`), then encodes the
pixels as a PNG with light compression. `figure` stays a normal figure: saving it draws all.
The numbers in words (the leg-height sum, the pelvis) are the explorer's readouts, beside it.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.path import Path

from ..model.anthropometrics import Body
from ..model.leg_height import hip_reach
from ..model.pose import Pose, preset_pose, read_normal_range
from .body import draw_pose, update_pose
from .pelvis import PelvisArtists, draw_rear_view, update_rear_view
from .shapes import reach_line_points, tube_outline
from .style import COLORS, FONT_SIZES, LINESTYLES, new_figure

EXPLORER_WIDTH_PX = 620  # the explorer's picture in a notebook column (pixels)
LAYOUT_DPI = 100  # the course's dpi (draw/style.py): width_px / LAYOUT_DPI is the figure's width in inches
PNG_COMPRESSION = 1  # zlib level: fast to encode, a little larger than the default
SIDE_BOX = (0.0, 0.02, 0.72, 0.96)  # figure fractions: the side view
REAR_BOX = (0.73, 0.34, 0.26, 0.56)  # figure fractions: the rear view, beside it


def encode_png(rgba: np.ndarray, level: int = PNG_COMPRESSION) -> bytes:
    """An 8-bit RGBA image (height x width x 4) as an RGB PNG: no row filters, light zlib compression.

    The explorer's figure is opaque (a white background), so the alpha channel is dropped: a quarter
    less to compress. Flat-coloured drawings compress well even so, and this is several times
    faster than a general PNG writer that tries every row filter.
    """
    height, width, _ = rgba.shape
    rows = np.zeros((height, width * 3 + 1), dtype=np.uint8)  # each row starts with filter type 0
    rows[:, 1:] = rgba[:, :, :3].reshape(height, width * 3)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, level))  # the array's own buffer: no copy
        + chunk(b"IEND", b"")
    )


def reach_key_text(variant: str, typical: float) -> str:
    """The key of the dashed reach line: the hip's own limit, and the variant's taught top beside it.

    The line is how far the hip alone can take the thigh (`typical` degrees of hip extension, back
    neutral). On all fours the taught top stops lower (thigh level), so a learner at the correct top
    is not short of the line: the key says where the taught top is.
    """
    taught = preset_pose(variant, "correct_top").hip_extension
    lines = ["hip's own limit", "(back neutral):"]
    if abs(taught - typical) >= 0.5:
        lines += [f"{typical:.0f}°; taught top", f"here: {taught:.0f}°"]
    else:
        lines.append(f"{typical:.0f}° = taught top")
    return "\n".join(lines)


class ExplorerView:
    """One persistent figure: the side view in the variant's set-up, the hip's reach, the rear view."""

    def __init__(
        self,
        variant: str,
        pose: Pose,
        body: Body,
        *,
        width_px: int = EXPLORER_WIDTH_PX,
        dpi: float = LAYOUT_DPI,
    ) -> None:
        """Lay the picture out `width_px` wide at the course's 100 dpi, and render it at `dpi`.

        The layout (and so every text's size relative to the picture) depends on `width_px` alone;
        `dpi` sets how many pixels render it: a picture shown larger than `width_px` (the classroom's
        projector layout) renders at `dpi = 100 * shown / width_px`, so the browser shows it pixel
        for pixel instead of stretching a small image.
        """
        if not 50 <= dpi <= 400:
            raise ValueError(f"dpi must be between 50 and 400 (pixels per inch); got {dpi}")
        self.body = body
        self.figure = new_figure(width_px / LAYOUT_DPI, width_px / LAYOUT_DPI * 0.72)
        self.figure.set_dpi(dpi)
        self.side = self.figure.add_axes(SIDE_BOX)
        self.top = self.figure.add_axes(REAR_BOX)  # the rear view (named `top` for older callers)
        self.renders = 0
        self._background = None
        self._draw_reach_key()
        self.draw_variant(variant, pose)

    def draw_variant(self, variant: str, pose: Pose) -> None:
        """Draw a new set-up (a variant switch is the only time artists are rebuilt)."""
        self.variant = variant
        self.side.clear()
        self.top.clear()
        self.artists = draw_pose(self.side, pose, self.body, variant, caption=False)
        (self.reach,) = self.side.plot(
            [], [], color=COLORS["correct"], linestyle=LINESTYLES["mistake"], linewidth=1.6, zorder=5
        )
        self.pelvis: PelvisArtists = draw_rear_view(self.top, pose, self.body, words=False, variant=variant)
        self.top.set_title("seen from behind", fontsize=FONT_SIZES["small"] + 1, color=COLORS["outline"])
        self.reach_key.set_text(reach_key_text(variant, read_normal_range("hip_extension").typical))
        self._background = None
        self.move(pose)

    def moving_artists(self) -> list[Artist]:
        """Every artist a pose change moves, in drawing order (the rest is the static background)."""
        a = self.artists
        side = [*a.polygons.values(), *a.lines.values(), *a.circles.values(), *a.texts.values()]
        side += [self.reach]
        rear = [*self.pelvis.parts.values(), *self.pelvis.lines.values(), self.pelvis.label]
        return sorted(side, key=lambda artist: artist.get_zorder()) + sorted(rear, key=Artist.get_zorder)

    def move(self, pose: Pose) -> None:
        """Move every artist to `pose` (no new artists); the angle labels keep off the reach line too."""
        if not hasattr(self, "_static_obstacles") or self._obstacles_for is not self.artists:
            self._static_obstacles, self._obstacles_for = list(self.artists.obstacles), self.artists
        reach = hip_reach(pose.trunk_lean)
        hip = self.artists.skeleton.joints["hip"]  # the hip joint does not move in any set-up
        length = self.body.length("thigh") + self.body.length("shank")
        line = reach_line_points(hip, reach.apparent, length)
        self.artists.obstacles = [*self._static_obstacles, Path(tube_outline(line, 0.012), closed=True)]
        update_pose(self.artists, pose)
        update_rear_view(self.pelvis, pose, self.artists.skeleton)
        self.reach.set_data(line[:, 0], line[:, 1])

    def _draw_reach_key(self) -> None:
        """A key for the dashed green line, under the rear view: drawn once, with the static parts.

        The line's angle in degrees is in the explorer's readouts beside the picture.
        """
        typical = read_normal_range("hip_extension").typical
        self.figure.add_artist(
            Line2D(
                [0.745, 0.83],
                [0.225, 0.225],
                color=COLORS["correct"],
                linestyle=LINESTYLES["mistake"],
                linewidth=1.6,
                transform=self.figure.transFigure,
            )
        )
        self.reach_key = self.figure.text(
            0.745,
            0.2,
            reach_key_text("cable", typical),
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
            va="top",
            ha="left",
        )

    def _label_boxes(self) -> list:
        """Estimated boxes of the angle labels already placed, so the reach label keeps off them."""
        from .labels import text_box

        boxes = []
        for name in ("hip", "back"):
            label = self.artists.texts.get(name)
            if label is not None and label.get_text():
                boxes.append(
                    text_box(self.side, label.get_text(), label.get_fontsize(), label.get_position())
                )
        return boxes

    def _capture_background(self) -> None:
        """Render everything that does not move, once, and keep the pixels of each view."""
        moving = self.moving_artists()
        shown = [artist.get_visible() for artist in moving]
        for artist in moving:
            artist.set_visible(False)
        canvas = self.figure.canvas
        canvas.draw()
        self._renderer = canvas.get_renderer()
        self._background = {name: canvas.copy_from_bbox(ax.bbox) for name, ax in self._views().items()}
        self._size = canvas.get_width_height()
        for artist, visible in zip(moving, shown):
            artist.set_visible(visible)
        self._rear_drawn = None

    def _views(self) -> dict[str, object]:
        return {"side": self.side, "rear": self.top}

    def _rear_key(self) -> tuple:
        """What the rear view shows; when it has not changed its pixels are still right."""
        return tuple(tuple(np.round(patch.get_xy(), 6).ravel()) for patch in self.pelvis.parts.values())

    def render(self) -> bytes:
        """The figure as PNG bytes: the static background restored, the moving artists drawn on it.

        The rear view is redrawn only when it changed (most slider steps move the side view alone).
        """
        canvas = self.figure.canvas
        stale = self._background is None or canvas.get_width_height() != self._size
        if stale or canvas.get_renderer() is not self._renderer:  # e.g. a savefig at another dpi
            self._capture_background()
        renderer = canvas.get_renderer()
        rear = self._rear_key()
        redraw_rear = rear != self._rear_drawn
        canvas.restore_region(self._background["side"])
        if redraw_rear:
            canvas.restore_region(self._background["rear"])
        for artist in self.moving_artists():
            if artist.get_visible() and (artist.axes is self.side or redraw_rear):
                artist.draw(renderer)
        self._rear_drawn = rear
        self.renders += 1
        return encode_png(np.asarray(canvas.buffer_rgba()))
