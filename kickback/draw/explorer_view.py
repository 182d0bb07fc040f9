"""The explorer's one persistent figure: the side view in its set-up, the hip's reach, the rear view.

Fast on purpose. The static parts (floor, equipment, titles, reference lines) are rendered once
into a background; a slider step restores that background and redraws only the artists that
move (blitting on Agg: `copy_from_bbox`, `restore_region`, `draw_artist`), then encodes the
pixels as a PNG with light compression. A label whose words and place did not change is stamped
from the glyphs it was drawn with last time (`TextStamps`): shaping and rasterising text is the
dearest part of a step. `figure` stays a normal figure: saving it draws all.
The numbers in words (the leg-height sum, the pelvis) are the explorer's readouts, beside it.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.path import Path

from ..content.pose_readouts import read_slider_ranges
from ..model.anthropometrics import Body
from ..model.leg_height import hip_reach
from ..model.pose import Pose, preset_pose, read_normal_range
from .body import draw_pose, update_pose
from .pelvis import PelvisArtists, draw_rear_view, update_rear_view
from .rear_geometry import rear_view_shapes
from .shapes import reach_line_points, tube_outline
from .style import COLORS, FONT_SIZES, LINESTYLES, new_figure

EXPLORER_WIDTH_PX = 620  # the explorer's picture in a notebook column (pixels)
LAYOUT_DPI = 100  # the course's dpi (draw/style.py): width_px / LAYOUT_DPI is the figure's width in inches
PNG_COMPRESSION = 1  # zlib level: fast to encode, a little larger than the default
SIDE_BOX = (0.0, 0.02, 0.72, 0.96)  # figure fractions: the side view
REAR_BOX = (0.73, 0.34, 0.26, 0.56)  # figure fractions: the rear view, beside it
KEY_GAP = 0.025  # figure fraction between the rear view's side names, the reach key's line and its words


PNG_BAND_ROWS = 16  # rows compressed together; a band whose pixels did not change is not compressed again


def encode_png(rgba: np.ndarray, level: int = PNG_COMPRESSION) -> bytes:
    """An 8-bit RGBA image (height x width x 4) as an RGBA PNG: no row filters, light zlib compression.

    The pixels go in as the canvas holds them: dropping the (opaque) alpha channel would mean a
    strided copy that costs more than compressing the quarter more bytes. Flat-coloured drawings
    compress well, and this is several times faster than a general PNG writer that tries every
    row filter.
    """
    return PngBands(level).encode(rgba)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


class PngBands:
    """A PNG writer that remembers the last image's compressed bands of rows.

    The image data is deflated in bands of PNG_BAND_ROWS rows, each from a fresh compressor ending
    in a full flush, so each band's bytes depend on its own pixels alone and can be joined in any
    order (as parallel gzip writers do). A slider step changes about half the rows: the other bands
    are reused as they are. The same pixels always give the same bytes, whatever came before.
    """

    def __init__(self, level: int = PNG_COMPRESSION) -> None:
        self.level = level
        self._rows: np.ndarray | None = None
        self._bands: list[bytes] = []

    def _deflate(self, band: np.ndarray) -> bytes:
        compressor = zlib.compressobj(self.level, zlib.DEFLATED, -15)  # raw deflate: no header
        return compressor.compress(band) + compressor.flush(zlib.Z_FULL_FLUSH)

    def encode(self, rgba: np.ndarray) -> bytes:
        """`rgba` (height x width x 4, uint8) as PNG bytes."""
        height, width, _ = rgba.shape
        rows = np.empty((height, width * 4 + 1), dtype=np.uint8)
        rows[:, 0] = 0  # each row starts with filter type 0 (none)
        rows[:, 1:] = rgba.reshape(height, width * 4)
        before = self._rows if self._rows is not None and self._rows.shape == rows.shape else None
        bands = []
        for index, start in enumerate(range(0, height, PNG_BAND_ROWS)):
            band = rows[start : start + PNG_BAND_ROWS]
            unchanged = before is not None and np.array_equal(band, before[start : start + PNG_BAND_ROWS])
            bands.append(self._bands[index] if unchanged else self._deflate(band))
        self._rows, self._bands = rows, bands
        # zlib's header (deflate, 32 KB window, fastest), the bands, an empty final block, the checksum
        stream = b"\x78\x01" + b"".join(bands) + b"\x03\x00" + struct.pack(">I", zlib.adler32(rows))
        header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
        return (
            b"\x89PNG\r\n\x1a\n"
            + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", stream)
            + _png_chunk(b"IEND", b"")
        )


def _shows_something(artist: Artist) -> bool:
    """Visible and, for a line, with points to draw (an empty line's draw still costs its setup)."""
    if not artist.get_visible():
        return False
    return not isinstance(artist, Line2D) or len(artist.get_xdata(orig=True)) > 0


class _GlyphRecorder:
    """Stands in for the Agg core while one text is drawn, keeping each glyph's coverage as drawn."""

    def __init__(self, core: object) -> None:
        self.core, self.glyphs, self.complete = core, [], True

    def draw_text_image(self, image, x, y, angle, gc) -> None:  # noqa: ANN001 - Agg's own arguments
        coverage = np.asarray(image)
        if coverage.dtype == np.uint8 and coverage.ndim == 2:
            self.glyphs.append((coverage.copy(), x, y, angle))
        else:  # a matplotlib that hands over something else: draw, but do not keep it
            self.complete = False
        self.core.draw_text_image(image, x, y, angle, gc)

    def __getattr__(self, name: str) -> object:
        self.complete = False  # anything but glyphs (e.g. boxes) is not kept: draw it the usual way
        return getattr(self.core, name)


class TextStamps:
    """The glyphs of texts drawn in a blit, kept by their words, font and exact place (pixels).

    A text drawn again with the same words at the same place gets the very same coverage images
    back, painted in the current colour: the same pixels, without shaping and rasterising it again
    (2-3 ms a label). Texts that move or change are drawn the usual way and remembered.
    """

    LIMIT = 256  # texts kept at most; then forgotten all at once (a slider's range of labels fits)

    def __init__(self) -> None:
        self.kept: dict[tuple, list] = {}
        self.stamped = 0

    def install(self, renderer) -> None:  # noqa: ANN001 - matplotlib's Agg renderer
        """Route `renderer`'s text drawing through the stamps (until `remove`)."""
        usual = type(renderer).draw_text.__get__(renderer)

        def draw_text(gc, x, y, s, prop, angle, ismath=False, mtext=None):  # noqa: ANN001, ANN202
            if ismath:
                return usual(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            key = (s, tuple(prop.__dict__.items()), float(x), float(y), float(angle), gc.get_antialiased())
            glyphs = self.kept.get(key)
            if glyphs is not None:
                for coverage, gx, gy, gangle in glyphs:
                    renderer._renderer.draw_text_image(coverage, gx, gy, gangle, gc)
                self.stamped += 1
                return None
            core = renderer._renderer
            recorder = _GlyphRecorder(core)
            renderer._renderer = recorder
            try:
                usual(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            finally:
                renderer._renderer = core
            if recorder.complete:
                if len(self.kept) >= self.LIMIT:
                    self.kept.clear()
                self.kept[key] = recorder.glyphs
            return None

        renderer.draw_text = draw_text

    @staticmethod
    def remove(renderer) -> None:  # noqa: ANN001 - matplotlib's Agg renderer
        """Give `renderer` back its own text drawing."""
        renderer.__dict__.pop("draw_text", None)

    def forget(self) -> None:
        """Drop every kept text (a new renderer: new pixel size or dpi)."""
        self.kept.clear()


# The hip's own limit is a reference, not a verdict: the course's neutral reference grey, dotted (the
# verdict green and the mistake dashes mean right and wrong), and named in words in its key.
REACH_COLOUR = COLORS["reference"]
REACH_STYLE = LINESTYLES["reference"]
REACH_WIDTH = 2.0  # points: a dotted line needs a little more weight than a solid one to read


def reach_key_text(variant: str, typical: float) -> str:
    """The key of the dotted grey reach line: the hip's own limit, and the variant's taught top beside it.

    The line is how far the hip alone can take the thigh (`typical` degrees of hip extension, back
    neutral). On all fours the taught top stops lower (thigh level), so a learner at the correct top
    is not short of the line: the key says where the taught top is.
    """
    taught = preset_pose(variant, "correct_top").hip_extension
    if abs(taught - typical) >= 0.5:  # three lines: the projector's picture has no room for a fourth
        lines = ["hip's own limit", f"(back neutral): {typical:.0f}°", f"taught top: {taught:.0f}°"]
    else:
        lines = ["hip's own limit", "(back neutral):", f"{typical:.0f}° = taught top"]
    return "\n".join(lines)


def reach_corners(variant: str) -> list[Pose]:
    """The poses at the explorer's slider ends that lift the working leg highest seen from behind: hip
    and lower back at their highest, knee and trunk at either end, the pelvis square, turned or hiked
    either way (degrees, from `data/explorer_ranges.csv`)."""
    ends = read_slider_ranges(variant)
    return [
        Pose(
            trunk_lean=trunk,
            lumbar_extension=ends["lumbar_extension"][1],
            hip_extension=ends["hip_extension"][1],
            knee_flexion=knee,
            pelvic_rotation=turn,
            pelvic_hike=hike,
        )
        for trunk in ends["trunk_lean"]
        for knee in ends["knee_flexion"]
        for turn in (*ends["pelvic_rotation"], 0.0)
        for hike in (*ends["pelvic_hike"], 0.0)
    ]


def rear_view_height(variant: str, body: Body, limits: tuple[float, float]) -> tuple[float, float]:
    """The rear view's y-limits (m) widened to hold every pose the explorer's sliders reach, so a leg
    lifted high never runs out of the view into its title (the view is fixed once per variant, so the
    blitted background stays right; with an equal aspect the body draws smaller instead)."""
    low, high = limits
    margin = 0.03 * body.height
    for pose in reach_corners(variant):
        shapes = rear_view_shapes(pose, body, variant)
        for outline in shapes.parts.values():
            low = min(low, float(outline[:, 1].min()) - margin)
            high = max(high, float(outline[:, 1].max()) + margin)
    return low, high


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
        self.text_stamps = TextStamps()
        self.png = PngBands()
        self._rear_heights: dict[str, tuple[float, float]] = {}
        self._draw_reach_key()
        self.draw_variant(variant, pose)

    def draw_variant(self, variant: str, pose: Pose) -> None:
        """Draw a new set-up (a variant switch is the only time artists are rebuilt)."""
        self.variant = variant
        self.side.clear()
        self.top.clear()
        self.artists = draw_pose(self.side, pose, self.body, variant, caption=False)
        (self.reach,) = self.side.plot(
            [], [], color=REACH_COLOUR, linestyle=REACH_STYLE, linewidth=REACH_WIDTH, zorder=5
        )
        self.pelvis: PelvisArtists = draw_rear_view(self.top, pose, self.body, words=False, variant=variant)
        if variant not in self._rear_heights:  # the same for every pose of a variant: worked out once
            self._rear_heights[variant] = rear_view_height(variant, self.body, self.top.get_ylim())
        self.top.set_ylim(self._rear_heights[variant])
        self.top.set_title("seen from behind", fontsize=FONT_SIZES["small"] + 1, color=COLORS["outline"])
        self.reach_key.set_text(reach_key_text(variant, read_normal_range("hip_extension").typical))
        self._place_reach_key()
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
        """A key for the dotted grey reach line, under the rear view: drawn once, with the static parts.

        The line's angle in degrees is in the explorer's readouts beside the picture.
        """
        typical = read_normal_range("hip_extension").typical
        self.reach_key_line = Line2D(
            [0.745, 0.83],  # clear of the side view's floor, which ends level with it on all fours
            [0.225, 0.225],
            color=REACH_COLOUR,
            linestyle=REACH_STYLE,
            linewidth=REACH_WIDTH,
            transform=self.figure.transFigure,
        )
        self.figure.add_artist(self.reach_key_line)
        self.reach_key = self.figure.text(
            0.72,
            0.2,
            reach_key_text("cable", typical),
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
            va="top",
            ha="left",
        )

    def _place_reach_key(self) -> None:
        """Put the key just under the rear view's side names ("stance side", "working side").

        Their height is a share of the picture that grows as the picture is laid out narrower (the
        projector's layout makes its words larger), so it is measured, not assumed: once per set-up.
        """
        renderer = self.figure.canvas.get_renderer()
        self.top.apply_aspect()  # the equal aspect shrinks the view's box, and the names with it
        shown = [text for text in self.top.texts if text.get_visible() and text.get_text()]
        if not shown:
            return
        lowest = min(text.get_window_extent(renderer).y0 for text in shown) / self.figure.bbox.height
        line = lowest - KEY_GAP
        self.reach_key_line.set_ydata([line, line])
        self.reach_key.set_y(line - KEY_GAP)

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
        self.text_stamps.forget()

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
        self.text_stamps.install(renderer)
        try:
            for artist in self.moving_artists():
                if _shows_something(artist) and (artist.axes is self.side or redraw_rear):
                    artist.draw(renderer)
        finally:
            self.text_stamps.remove(renderer)
        self._rear_drawn = rear
        self.renders += 1
        return self.png.encode(np.asarray(canvas.buffer_rgba()))
