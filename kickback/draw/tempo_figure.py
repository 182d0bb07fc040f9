"""Tempo curves: the hip angle a prescribed tempo asks for, rep after rep."""

from __future__ import annotations

from .curves import decorate
from .style import COLORS, FONT_SIZES, SERIES_STYLES

# Compared tempos are one meaning (the working leg's hip angle) in shades from blue to black, each with
# its own line style and legend entry; no warm colour, which the course keeps for mistakes.
TEMPO_COLOURS: tuple[str, ...] = (COLORS["working_leg"], "#000000", "#7A7A7A", COLORS["synergist"])


def tempo_title(times: list[tuple[float, str]], reps: int) -> str:
    """The figure's finding, as time under tension only: which tempo takes longest, or one tempo's time.

    Said as seconds under tension, never as "working N× as long": a longer rep is not N× the
    training effect (see `growth_note`).
    """
    if len(times) == 1:
        return f"{times[0][1]}: {times[0][0]:.0f} s under tension for {reps} reps"
    slow, fast = max(times), min(times)
    if slow[0] == fast[0]:
        return f"These tempos take the same time: {slow[0]:.0f} s for {reps} reps"
    ratio = f"{slow[0] / fast[0]:.1f}".removesuffix(".0")
    return (
        f"{slow[1]} gives {ratio}× the time under tension of {fast[1]}: "
        f"{slow[0]:.0f} s vs {fast[0]:.0f} s for {reps} reps"
    )


def growth_note() -> str:
    """Why more time under tension alone does not mean more growth, from the course's rep-duration rule.

    The range and its source come from data/progression.csv (rule rep_duration), not from this file.
    """
    from ..content.planner import read_rules

    rule = next(rule for rule in read_rules() if rule.rule == "rep_duration")
    study = rule.source.split("(")[0].strip()
    return (
        f"Time under tension alone does not predict more growth: {study} found similar muscle growth "
        f"for reps lasting {rule.low:g} to {rule.high:g} s."
    )


class TempoFigure:
    """The hip angle over time that one or more tempos ask for, as a picture with the tempos in words."""

    def __init__(self, tempos: tuple[str, ...], variant: str, reps: int) -> None:
        import base64

        from ..content.tempo import (
            describe_tempo,
            format_article,
            parse_tempo,
            prescribed_time_under_tension,
            tempo_curve,
        )
        from .style import new_figure, render_png

        figure = new_figure(9.0, 3.8)
        ax = figure.add_subplot()
        words = []
        times = []
        for i, text in enumerate(tempos):
            tempo = parse_tempo(text)
            written = format_article(tempo)  # one notation a learner reads: up-hold-down
            curve = tempo_curve(tempo, variant, reps=reps)
            tut = prescribed_time_under_tension(tempo, reps)
            times.append((tut, written))
            ax.plot(
                curve.time_s,
                curve.hip_extension_deg,
                color=TEMPO_COLOURS[i % len(TEMPO_COLOURS)],
                linestyle=SERIES_STYLES[i % len(SERIES_STYLES)],
                linewidth=2.4 if i == 0 else 2.0,
                label=f"{written}:\n{tut:.0f} s for {reps} reps",
            )
            words.append(f"{describe_tempo(tempo)} takes {tut:.0f} s for {reps} reps")
        decorate(ax, xlabel="time (s)", ylabel="hip angle (°)\n− flexed, + extended")
        ax.legend(
            fontsize=FONT_SIZES["small"],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            handlelength=3.0,
            title="tempo, seconds\nup-hold-down",
            title_fontsize=FONT_SIZES["small"],
        )
        ax.set_title(tempo_title(times, reps), fontsize=FONT_SIZES["title"], fontweight="bold", loc="left")
        note = growth_note()
        figure.text(0.01, 0.015, note, fontsize=FONT_SIZES["small"], color=COLORS["outline"], va="bottom")
        figure.subplots_adjust(left=0.1, right=0.77, bottom=0.22, top=0.88)
        self.png = render_png(figure)
        self.description = (
            f"Hip angle over time for the {variant} kickback: "
            + "; ".join(words)
            + f". {tempo_title(times, reps)}. {note}"
        )
        self._encode = base64.b64encode

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {
            "image/png": self._encode(self.png).decode("ascii"),
            "text/plain": f"[Tempo curves. {self.description}]",
        }


def show_tempo(*tempos: str, variant: str = "cable", reps: int = 2) -> TempoFigure:
    """The hip angle over time that each tempo (e.g. "2-1-3") asks for, side by side.

    The figure writes every tempo up-hold-down, whichever notation it was given in.

    Parameters
    ----------
    *tempos : str
        Tempos up-hold-down ("2-1-3") or in gym notation ("3010", starting with the lowering),
        phases in whole seconds.
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
