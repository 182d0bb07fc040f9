"""Tempo curves: the hip angle a prescribed tempo asks for, rep after rep."""

from __future__ import annotations

from .curves import decorate
from .style import COLORS, FONT_SIZES, OKABE_ITO


class TempoFigure:
    """The hip angle over time that one or more tempos ask for, as a picture with the tempos in words."""

    def __init__(self, tempos: tuple[str, ...], variant: str, reps: int) -> None:
        import base64

        from ..content.tempo import (
            format_four_digit,
            parse_tempo,
            prescribed_time_under_tension,
            tempo_curve,
        )
        from .style import new_figure, render_png

        figure = new_figure(8.0, 3.2)
        ax = figure.add_subplot()
        styles = ["-", (0, (6, 3)), (0, (1.5, 2))]
        colours = [COLORS["working_leg"], OKABE_ITO["orange"], OKABE_ITO["reddish_purple"]]
        words = []
        for i, text in enumerate(tempos):
            tempo = parse_tempo(text)
            curve = tempo_curve(tempo, variant, reps=reps)
            tut = prescribed_time_under_tension(tempo, reps)
            ax.plot(
                curve.time_s,
                curve.hip_extension_deg,
                color=colours[i % 3],
                linestyle=styles[i % 3],
                linewidth=2.2,
                label=f"{text} ({format_four_digit(tempo)}): {tut:.0f} s for {reps} reps",
            )
            words.append(f"{text} (four-digit {format_four_digit(tempo)}) takes {tut:.0f} s for {reps} reps")
        decorate(ax, xlabel="time (s)", ylabel="hip extension (°)")
        ax.legend(fontsize=FONT_SIZES["small"], loc="lower right", frameon=True)
        figure.subplots_adjust(left=0.09, right=0.98, bottom=0.17, top=0.95)
        self.png = render_png(figure)
        self.description = f"Hip angle over time for the {variant} kickback: " + "; ".join(words) + "."
        self._encode = base64.b64encode

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {
            "image/png": self._encode(self.png).decode("ascii"),
            "text/plain": f"[Tempo curves. {self.description}]",
        }


def show_tempo(*tempos: str, variant: str = "cable", reps: int = 2) -> TempoFigure:
    """The hip angle over time that each tempo (e.g. "2-1-3", "3010") asks for, side by side.

    Parameters
    ----------
    *tempos : str
        Tempos in either notation (phases in whole seconds).
    variant : str, optional
        "cable", "machine" or "bodyweight".
    reps : int, optional
        Reps drawn for each tempo.

    Returns
    -------
    TempoFigure
        Hip extension (degrees) against time (s), a panel per tempo.
    """
    return TempoFigure(tempos, variant, reps)
