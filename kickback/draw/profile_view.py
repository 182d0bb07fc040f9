"""The resistance-profile explorer's one persistent figure, redrawn fast by blitting.

Steps of a render: (1) the parts that do not move on a slider step (axes, grid, ticks, labels, the
key, the shaded taught range) are rendered once into a background, kept until the scale, the
shaded range or the canvas changes; (2) a step restores that background and draws on it only what
moves: the curves, the ▲ and ▽, their words, the dotted line's note and the title (texts that did
not change are stamped from their glyphs, `TextStamps`); (3) only the bands of PNG rows whose
pixels changed are compressed again (`PngBands`). The pixels are those of a full render of the
same figure; `figure` stays a normal figure, so saving it draws everything.
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.text import Text

from ..model.anthropometrics import Body
from ..model.torque import CurveSummary, describe_curve
from .curves import ProfileCase, profile_limits, update_profile
from .explorer_view import PngBands, TextStamps
from .profile_figure import lay_out_profile, profile_title
from .style import RC

EXPLORER_X_RANGE_DEG = (-95.0, 35.0)
"""The explorer's hip-angle axis (degrees): every variant's sweep, so switching loads keeps the axis."""

ROUND_SCALE_TOPS = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
"""Round tops (times a power of ten) for a y scale a curve has outgrown: it grows in a few clear steps."""
TITLE_MARGIN_PX = 8.0
"""Pixels kept free between the title's end and the picture's right edge."""


def round_scale_top(peak: float) -> float:
    """The smallest round number (`ROUND_SCALE_TOPS` times a power of ten) at or above `peak` (> 0).

    >>> round_scale_top(104.0), round_scale_top(151.0), round_scale_top(480.0), round_scale_top(100.0)
    (125.0, 200.0, 500.0, 100.0)
    """
    power = 10.0 ** math.floor(math.log10(peak))
    return next(top * power for top in ROUND_SCALE_TOPS if top * power >= peak)


class ProfileView:
    """One load's torque curve in a figure laid out as `show_profile`'s, moved in place and blitted.

    Parameters
    ----------
    case : ProfileCase
        The load drawn first.
    body : Body
        Segment lengths (m) and masses (kg).
    width_px : int, optional
        The picture's width in pixels (at the course's 100 dpi).
    """

    def __init__(self, case: ProfileCase, body: Body, *, width_px: int = 860) -> None:
        with matplotlib.rc_context(RC):
            self.figure, self.ax, self.artists, self.title_text = lay_out_profile(
                case, body, width_in=width_px / 100, right=0.70
            )
        self.ax.set_xlim(*EXPLORER_X_RANGE_DEG)
        self.title = ""
        self.full_draws = 0  # backgrounds rendered (each a full draw of the static parts)
        self._background = None
        self._background_key: tuple | None = None
        self._renderer = None
        self.text_stamps = TextStamps()
        self.png = PngBands()

    def show(self, case: ProfileCase, body: Body, *, scale_top: float) -> str:
        """Move the curve to `case` and `body`; return it in words.

        The y axis reaches `scale_top` (N·m); a curve that rises above it gets a round top
        (`round_scale_top`), so the axis grows in a few clear steps (and keeps its background)
        instead of creeping with every slider step.
        """
        with matplotlib.rc_context(RC):
            description = update_profile(self.ax, self.artists, case, body)
        hip, total = (np.asarray(values, dtype=float) for values in self.artists.total.get_data())
        self.title = self._fit_title(case, hip, describe_curve(hip, total))
        peak = max(float(np.max(self.artists.beyond.get_ydata())), float(np.max(total)))
        top = scale_top if peak <= scale_top else round_scale_top(peak)
        self.ax.set_ylim(*profile_limits(top))
        self.ax.set_xlim(*EXPLORER_X_RANGE_DEG)
        return description

    def _fit_title(self, case: ProfileCase, hip: np.ndarray, summary: CurveSummary) -> str:
        """Set the title that says where the curve is hardest, without its angles if it would not fit."""
        renderer = self.figure.canvas.get_renderer()
        room = self.figure.bbox.x1 - TITLE_MARGIN_PX
        for angles in (True, False):
            words = profile_title(case, hip, summary, angles=angles)
            self.title_text.set_text(words)
            if Text.get_window_extent(self.title_text, renderer).x1 <= room:
                break
        return words

    def moving_artists(self) -> list[Artist]:
        """What a step moves or rewrites, in the order a full render draws it (the rest is background)."""
        a = self.artists
        lines = [line for line in (a.total, a.beyond, a.own_weight, a.peak, a.low) if line is not None]
        notes = [text for text in self.ax.texts if text.get_gid() == "own_note"]
        return [*sorted(lines, key=Artist.get_zorder), a.note, *notes, self.title_text]

    def _static_key(self) -> tuple:
        """What the background shows: when none of it changed, its pixels are still right."""
        shade = [tuple(np.round(p.get_xy(), 9).ravel()) for p in self.ax.patches if p.get_gid() == "range"]
        canvas = self.figure.canvas
        return (tuple(shade), self.ax.get_xlim(), self.ax.get_ylim(), canvas.get_width_height())

    def _capture_background(self, key: tuple) -> None:
        """Render everything but the moving artists, once, and keep its pixels."""
        moving = self.moving_artists()
        shown = [artist.get_visible() for artist in moving]
        for artist in moving:
            artist.set_visible(False)
        try:
            self.figure.canvas.draw()
        finally:
            for artist, visible in zip(moving, shown):
                artist.set_visible(visible)
        self._renderer = self.figure.canvas.get_renderer()
        self._background = self.figure.canvas.copy_from_bbox(self.figure.bbox)
        self._background_key = key
        self.text_stamps.forget()
        self.full_draws += 1

    def render(self) -> bytes:
        """The figure as PNG bytes: the background restored, the moving artists drawn on it."""
        canvas = self.figure.canvas
        with matplotlib.rc_context(RC):  # the course's settings at draw time too (path simplification)
            key = self._static_key()
            if key != self._background_key or canvas.get_renderer() is not self._renderer:
                self._capture_background(key)  # e.g. a new scale, a new variant, or a savefig at another dpi
            renderer = canvas.get_renderer()
            canvas.restore_region(self._background)
            self.text_stamps.install(renderer)
            try:
                for artist in self.moving_artists():
                    if artist.get_visible():
                        artist.draw(renderer)
            finally:
                self.text_stamps.remove(renderer)
        return self.png.encode(np.asarray(canvas.buffer_rgba()))
