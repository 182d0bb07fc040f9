"""Tempo prescriptions: the course's up-hold-down ("2-1-3") and the gym notation ("3021").

The course writes every tempo up-hold-down, the order a rep runs. The four-digit gym notation many
programmes use starts with the lowering, so wherever a learner reads it, it is named and said plainly
(`describe_gym_notation`); figures and tables show up-hold-down only.

`parse_tempo` reads either notation (X = explosive) into a `TempoPrescription`;
`to_article_notation` and `to_four_digit` convert exactly; `prescribed_time_under_tension`
and `tempo_curve` say what a tempo asks for. (The tempo a recorded set actually had is
`kickback.form.reps.MeasuredTempo`.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

import numpy as np

from ..data_files import read_table
from ..model.pose import preset_pose
from ..model.variants import check_variant
from ..validate import check_in_range

PHASE_NAMES: dict[str, str] = {
    "up": "up",
    "hold": "hold at the top",
    "down": "down",
    "pause": "pause at the bottom",
}


# --- tempo ----------------------------------------------------------------------------------


@cache
def read_tempo_settings() -> dict[str, float]:
    """The values of data/tempo.csv by id (seconds)."""
    return {row["id"]: float(row["value"]) for row in read_table("tempo")}


def _phase_max() -> int:
    return int(read_tempo_settings()["phase_max_s"])


def _check_seconds(field: str, value: object) -> int:
    """A phase duration as whole seconds 0..9, or ValueError naming the field, the range and the value."""
    high = _phase_max()
    number = check_in_range(field, value, 0, high, "s")
    if number != int(number):
        raise ValueError(
            f"{field} must be a whole number of seconds (allowed range 0 to {high} s); got {value!r}"
        )
    return int(number)


@dataclass(frozen=True, kw_only=True)
class TempoPrescription:
    """A prescribed tempo in whole seconds.

    Up (concentric), hold at the top, down (eccentric), pause at the bottom. An explosive phase (X)
    is stored as 0 s with its flag set; only the lift and the lowering can be explosive. ``str()``
    gives the article's notation; see `format_four_digit` for the other one.

    >>> str(TempoPrescription(up_s=2, hold_s=1, down_s=3))
    '2-1-3'
    """

    up_s: int
    hold_s: int
    down_s: int
    pause_s: int = 0
    explosive_up: bool = False
    explosive_down: bool = False

    def __post_init__(self) -> None:
        for name in ("up_s", "hold_s", "down_s", "pause_s"):
            object.__setattr__(self, name, _check_seconds(name, getattr(self, name)))
        for flag, name in (("explosive_up", "up_s"), ("explosive_down", "down_s")):
            value = getattr(self, flag)
            if not isinstance(value, bool):
                raise ValueError(f"{flag} must be True or False; got {value!r}")
            if value and getattr(self, name) != 0:
                raise ValueError(
                    f"{name} must be 0 when {flag} is set (X is stored as 0 s); got {getattr(self, name)!r}"
                )

    @property
    def rep_s(self) -> int:
        """Seconds one rep asks for: up + hold + down + pause (an explosive phase counts 0 s)."""
        return self.up_s + self.hold_s + self.down_s + self.pause_s

    def phases(self) -> tuple[tuple[str, int, bool], ...]:
        """(phase, seconds, explosive) in the order a rep runs: up, hold, down, pause."""
        return (
            ("up", self.up_s, self.explosive_up),
            ("hold", self.hold_s, False),
            ("down", self.down_s, self.explosive_down),
            ("pause", self.pause_s, False),
        )

    def __str__(self) -> str:
        return format_article(self)


_FOUR_DIGIT = re.compile(r"[0-9X]{4}", re.IGNORECASE)
_ARTICLE = re.compile(
    r"(?P<up>[^\s()-]+)-(?P<hold>[^\s()-]+)-(?P<down>[^\s()-]+)(?:\s*\(\s*pause\s+(?P<pause>[^\s()]+)\s*\))?",
    re.IGNORECASE,
)
_SHAPES = (
    "up-hold-down such as '2-1-3' (a bottom pause as '2-1-3 (pause 1)') "
    "or gym notation, four digits starting with the lowering (down, pause at the bottom, up, "
    "hold at the top) such as '3010' (X = explosive)"
)


def _read_phase(field: str, text: str, explosive_allowed: bool) -> tuple[int, bool]:
    """One phase of a tempo string: (seconds, explosive)."""
    if text.upper() == "X":
        if not explosive_allowed:
            raise ValueError(
                f"{field} must be a whole number of seconds 0 to {_phase_max()} "
                f"(X, explosive, is only for the lift and the lowering); got {text!r}"
            )
        return 0, True
    try:
        value = float(text)
    except ValueError:
        extra = ", or X for explosive" if explosive_allowed else ""
        raise ValueError(
            f"{field} must be a whole number of seconds 0 to {_phase_max()}{extra}; got {text!r}"
        ) from None
    return _check_seconds(field, value), False


def parse_tempo(text: str) -> TempoPrescription:
    """A `TempoPrescription` from the article's notation ("2-1-3") or the four-digit one ("3010").

    The article's notation runs up, hold, down. The four digits run eccentric (down), bottom pause,
    concentric (up), top pause; X is explosive. The article's notation has no bottom pause; this
    course writes one as "2-1-3 (pause 1)". Four numbers with dashes ("3-0-1-0") are refused:
    they are read both ways in the wild.

    Parameters
    ----------
    text : str
        A tempo such as "2-1-3", "2-1-3 (pause 1)" or "3010" (phases in whole seconds).

    Returns
    -------
    TempoPrescription
        `up_s`, `hold_s`, `down_s` and `pause_s` in whole seconds, with the explosive flags.

    >>> parse_tempo("2-1-3") == parse_tempo("3021")
    True
    """
    if not isinstance(text, str):
        raise ValueError(f"tempo must be text, {_SHAPES}; got {text!r}")
    written = text.strip()
    if _FOUR_DIGIT.fullmatch(written):
        down, pause, up, hold = written
        up_s, explosive_up = _read_phase("tempo up (3rd digit)", up, True)
        down_s, explosive_down = _read_phase("tempo down (1st digit)", down, True)
        return TempoPrescription(
            up_s=up_s,
            hold_s=_read_phase("tempo top pause (4th digit)", hold, False)[0],
            down_s=down_s,
            pause_s=_read_phase("tempo bottom pause (2nd digit)", pause, False)[0],
            explosive_up=explosive_up,
            explosive_down=explosive_down,
        )
    if written.count("-") == 3 and "(" not in written:
        raise ValueError(
            "tempo with four numbers and dashes is ambiguous "
            "(gym notation starts with the lowering, up-hold-down with the lift): "
            "write gym notation as four digits without dashes, e.g. '3010', "
            f"or up-hold-down, e.g. '1-0-3'; got {text!r}"
        )
    match = _ARTICLE.fullmatch(written)
    if not match:
        raise ValueError(f"tempo must be {_SHAPES}; got {text!r}")
    up_s, explosive_up = _read_phase("tempo up", match["up"], True)
    down_s, explosive_down = _read_phase("tempo down", match["down"], True)
    pause_s = _read_phase("tempo pause", match["pause"], False)[0] if match["pause"] is not None else 0
    return TempoPrescription(
        up_s=up_s,
        hold_s=_read_phase("tempo hold", match["hold"], False)[0],
        down_s=down_s,
        pause_s=pause_s,
        explosive_up=explosive_up,
        explosive_down=explosive_down,
    )


def _as_prescription(tempo: TempoPrescription | str) -> TempoPrescription:
    if isinstance(tempo, TempoPrescription):
        return tempo
    return parse_tempo(tempo)


def _symbol(seconds: int, explosive: bool) -> str:
    return "X" if explosive else str(seconds)


def format_article(tempo: TempoPrescription) -> str:
    """The article's up-hold-down notation, e.g. "2-1-3"; a bottom pause is added as " (pause 1)"."""
    text = (
        f"{_symbol(tempo.up_s, tempo.explosive_up)}-{tempo.hold_s}-"
        f"{_symbol(tempo.down_s, tempo.explosive_down)}"
    )
    return text + (f" (pause {tempo.pause_s})" if tempo.pause_s else "")


def format_four_digit(tempo: TempoPrescription) -> str:
    """The four-digit notation: down, bottom pause, up, top pause, e.g. "3021" for the article's 2-1-3."""
    return (
        f"{_symbol(tempo.down_s, tempo.explosive_down)}{tempo.pause_s}"
        f"{_symbol(tempo.up_s, tempo.explosive_up)}{tempo.hold_s}"
    )


def _phase_words(seconds: int, explosive: bool, name: str) -> str:
    return f"explosive {name}" if explosive else f"{seconds} s {name}"


def describe_tempo(tempo: TempoPrescription | str) -> str:
    """A tempo in up-hold-down notation with each phase in words.

    Parameters
    ----------
    tempo : TempoPrescription or str
        The tempo in either notation (phases in whole seconds).

    Returns
    -------
    str
        E.g. "2-1-3 (2 s up, 1 s hold at the top, 3 s down)"; a bottom pause is added last.

    >>> describe_tempo("3021")
    '2-1-3 (2 s up, 1 s hold at the top, 3 s down)'
    """
    prescription = _as_prescription(tempo)
    words = [
        _phase_words(prescription.up_s, prescription.explosive_up, "up"),
        f"{prescription.hold_s} s hold at the top",
        _phase_words(prescription.down_s, prescription.explosive_down, "down"),
    ]
    if prescription.pause_s:
        words.append(f"{prescription.pause_s} s pause at the bottom")
    article = format_article(replace(prescription, pause_s=0))
    return f"{article} ({', '.join(words)})"


def describe_gym_notation(tempo: TempoPrescription | str) -> str:
    """A tempo in gym notation, said plainly: the four digits start with the lowering.

    For the one place a learner meets the other notation (a programme written in it): the digits
    named in the order they are read, so nobody reads them in the course's up-hold-down order.

    Parameters
    ----------
    tempo : TempoPrescription or str
        The tempo in either notation (phases in whole seconds).

    Returns
    -------
    str
        E.g. "gym notation 3021 (it starts with the lowering: 3 s down, 0 s pause at the bottom,
        2 s up, 1 s hold at the top)".

    >>> describe_gym_notation("2-1-3").split(" (")[0]
    'gym notation 3021'
    """
    prescription = _as_prescription(tempo)
    words = (
        _phase_words(prescription.down_s, prescription.explosive_down, "down"),
        f"{prescription.pause_s} s pause at the bottom",
        _phase_words(prescription.up_s, prescription.explosive_up, "up"),
        f"{prescription.hold_s} s hold at the top",
    )
    return f"gym notation {format_four_digit(prescription)} (it starts with the lowering: {', '.join(words)})"


def to_four_digit(tempo: TempoPrescription | str) -> str:
    """A tempo (either notation, or a TempoPrescription) in four-digit notation.

    Parameters
    ----------
    tempo : TempoPrescription or str
        The tempo (phases in whole seconds).

    Returns
    -------
    str
        Down, bottom pause, up, top pause in seconds, e.g. "3021"; X for explosive.

    >>> to_four_digit("2-1-3")
    '3021'
    """
    return format_four_digit(_as_prescription(tempo))


def to_article_notation(tempo: TempoPrescription | str) -> str:
    """A tempo (either notation, or a TempoPrescription) in the article's up-hold-down notation.

    Parameters
    ----------
    tempo : TempoPrescription or str
        The tempo (phases in whole seconds).

    Returns
    -------
    str
        Up, hold, down in seconds, e.g. "2-1-3", with " (pause N)" for a bottom pause.

    >>> to_article_notation("30X0")
    'X-0-3'
    """
    return format_article(_as_prescription(tempo))


def _check_whole(field: str, value: object, low: float, high: float, unit: str = "") -> int:
    """An integer within [low, high], or ValueError naming the field, the range and the value."""
    number = check_in_range(field, value, low, high, unit)
    if number != int(number):
        units = f" {unit}" if unit else ""
        raise ValueError(
            f"{field} must be a whole number (allowed range {low:g} to {high:g}{units}); got {value!r}"
        )
    return int(number)


def prescribed_time_under_tension(tempo: TempoPrescription | str, reps: int) -> float:
    """Seconds a set of `reps` reps at `tempo` keeps the muscle working: reps × (up + hold + down + pause).

    An explosive phase counts 0 s, so with an X the figure is a lower bound.

    Parameters
    ----------
    tempo : TempoPrescription or str
        The tempo (phases in whole seconds).
    reps : int
        Reps in the set, 1 to 100.

    Returns
    -------
    float
        Time under tension (s).

    >>> prescribed_time_under_tension("2-1-3", 10)
    60.0
    """
    count = _check_whole("reps", reps, 1, 100, "reps")
    return float(count * _as_prescription(tempo).rep_s)


class TempoCurve(NamedTuple):
    """The hip-extension angle (degrees) a tempo asks for, against time (s)."""

    time_s: np.ndarray
    hip_extension_deg: np.ndarray


def tempo_curve(
    tempo: TempoPrescription | str, variant: str, *, reps: int = 1, fps: float = 30.0
) -> TempoCurve:
    """Time and the hip-extension angle that `reps` reps at `tempo` ask for in `variant`, for plotting.

    Each rep eases (half a cosine) from the variant's start pose to its correct top (data/poses.csv),
    holds, eases back down and pauses. An explosive phase is a jump: two points at the same time.
    Phase boundaries fall exactly on samples, so the curve reaches the correct top exactly.

    >>> curve = tempo_curve("2-1-3", "cable")
    >>> float(curve.time_s[-1]), float(curve.hip_extension_deg.max())
    (6.0, 20.0)
    """
    prescription = _as_prescription(tempo)
    check_variant(variant)
    count = _check_whole("reps", reps, 1, 100, "reps")
    rate = check_in_range("fps", fps, 1, 1000, "frames per s")
    start = preset_pose(variant, "start").hip_extension
    top = preset_pose(variant, "correct_top").hip_extension
    times, progress = [np.array([0.0])], [np.array([0.0])]
    now = 0.0
    steps = (
        (prescription.up_s, 0.0, 1.0),
        (prescription.hold_s, 1.0, 1.0),
        (prescription.down_s, 1.0, 0.0),
        (prescription.pause_s, 0.0, 0.0),
    )
    for _ in range(count):
        for seconds, before, after in steps:
            if seconds == 0:
                if before != after:
                    times.append(np.array([now]))
                    progress.append(np.array([after]))
                continue
            samples = max(1, round(seconds * rate))
            share = np.arange(1, samples + 1) / samples
            times.append(now + share * seconds)
            progress.append(before + (after - before) * (0.5 - 0.5 * np.cos(np.pi * share)))
            now += seconds
    p = np.concatenate(progress)
    return TempoCurve(np.concatenate(times), start + p * (top - start))
