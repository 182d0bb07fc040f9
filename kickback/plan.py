"""Tempo and progression: write and convert tempos, compare a recorded set with one, and plan 4 to 8 weeks by the rules in data/progression.csv.

Steps, each a small function:
1. `parse_tempo` reads the article's up-hold-down ("2-1-3") or the four-digit notation ("3010",
   eccentric first, X = explosive) into a `Prescription`; `to_article_notation` and `to_four_digit`
   convert between them exactly; `time_under_tension` and `tempo_curve` say what a tempo asks for;
   `compare_with_recording` judges a recorded set against it, phase by phase (data/tempo.csv).
2. `plan_progression` builds a `Plan` week by week from data/progression.csv, where every rule
   names its source (ACSM 2009, Schoenfeld 2015, the course article, or "coaching heuristic").
3. `plan_rows`, `plan_to_csv`, `plan_to_html`, `describe_plan` and `show_plan` present a plan;
   `planner()` is the widget that joins them.
"""

from __future__ import annotations

import csv
import html
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, NamedTuple, TextIO

import ipywidgets as widgets
import numpy as np

from ._check import check_choice, check_in_range
from .body import check_variant, preset_pose
from .form import analyze_set
from .tables import read_table, to_float
from .tables_view import Table

if TYPE_CHECKING:
    from .recordings import Recording

LEVELS: tuple[str, ...] = ("new", "regular", "athlete")
GOALS: tuple[str, ...] = ("strength", "hypertrophy", "activation")
EQUIPMENT: tuple[str, ...] = ("cable", "machine", "none", "band", "dumbbell")
"""What a learner may have at hand; "none" means bodyweight exercises are possible."""

EXERCISES: dict[str, tuple[str, str | None]] = {
    "bodyweight_kickback": ("Bodyweight kickback", "bodyweight"),
    "band_kickback": ("Band kickback", "bodyweight"),
    "dumbbell_kickback": ("Kickback, dumbbell behind the knee", "bodyweight"),
    "cable_kickback": ("Cable kickback", "cable"),
    "machine_kickback": ("Machine kickback", "machine"),
    "single_leg_rdl": ("Single-leg Romanian deadlift", None),
}
"""Exercise id -> (name, the body model's variant for its tempo curve; None where the model has none)."""

ADVANCED_EXERCISE = "single_leg_rdl"
VERDICTS: tuple[str, ...] = ("on tempo", "faster", "slower", "cannot judge")
DISCLAIMER = "This plan is education, not medical advice. Stop and see a qualified professional if anything hurts."

PHASE_NAMES: dict[str, str] = {"up": "up", "hold": "hold at the top", "down": "down", "pause": "pause at the bottom"}


# --- tempo ----------------------------------------------------------------------------------


@lru_cache(maxsize=None)
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
        raise ValueError(f"{field} must be a whole number of seconds (allowed range 0 to {high} s); got {value!r}")
    return int(number)


@dataclass(frozen=True, kw_only=True)
class Prescription:
    """A prescribed tempo in whole seconds: up (concentric), hold at the top, down (eccentric), pause at the bottom.

    An explosive phase (X) is stored as 0 s with its flag set; only the lift and the lowering can be
    explosive. ``str()`` gives the article's notation; see `format_four_digit` for the other one.

    >>> str(Prescription(up_s=2, hold_s=1, down_s=3))
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
                raise ValueError(f"{name} must be 0 when {flag} is set (X is stored as 0 s); got {getattr(self, name)!r}")

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
_SHAPES = "the article's up-hold-down such as '2-1-3' (a bottom pause as '2-1-3 (pause 1)') or four digits down, bottom pause, up, top pause such as '3010' (X = explosive)"


def _read_phase(field: str, text: str, explosive_allowed: bool) -> tuple[int, bool]:
    """One phase of a tempo string: (seconds, explosive)."""
    if text.upper() == "X":
        if not explosive_allowed:
            raise ValueError(f"{field} must be a whole number of seconds 0 to {_phase_max()} (X, explosive, is only for the lift and the lowering); got {text!r}")
        return 0, True
    try:
        value = float(text)
    except ValueError:
        extra = ", or X for explosive" if explosive_allowed else ""
        raise ValueError(f"{field} must be a whole number of seconds 0 to {_phase_max()}{extra}; got {text!r}") from None
    return _check_seconds(field, value), False


def parse_tempo(text: str) -> Prescription:
    """A `Prescription` from the article's notation ("2-1-3": up, hold, down) or the four-digit one ("3010").

    The four digits run eccentric (down), bottom pause, concentric (up), top pause; X is explosive.
    The article's notation has no bottom pause; this course writes one as "2-1-3 (pause 1)". Four
    numbers with dashes ("3-0-1-0") are refused: they are read both ways in the wild.

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
        return Prescription(up_s=up_s, hold_s=_read_phase("tempo top pause (4th digit)", hold, False)[0],
                            down_s=down_s, pause_s=_read_phase("tempo bottom pause (2nd digit)", pause, False)[0],
                            explosive_up=explosive_up, explosive_down=explosive_down)
    if written.count("-") == 3 and "(" not in written:
        raise ValueError(
            "tempo with four numbers and dashes is ambiguous (the four-digit notation starts with the lowering, "
            f"the article's with the lift): write four digits without dashes, e.g. '3010', or up-hold-down, e.g. '1-0-3'; got {text!r}"
        )
    match = _ARTICLE.fullmatch(written)
    if not match:
        raise ValueError(f"tempo must be {_SHAPES}; got {text!r}")
    up_s, explosive_up = _read_phase("tempo up", match["up"], True)
    down_s, explosive_down = _read_phase("tempo down", match["down"], True)
    pause_s = _read_phase("tempo pause", match["pause"], False)[0] if match["pause"] is not None else 0
    return Prescription(up_s=up_s, hold_s=_read_phase("tempo hold", match["hold"], False)[0], down_s=down_s,
                        pause_s=pause_s, explosive_up=explosive_up, explosive_down=explosive_down)


def _as_prescription(tempo: Prescription | str) -> Prescription:
    if isinstance(tempo, Prescription):
        return tempo
    return parse_tempo(tempo)


def _symbol(seconds: int, explosive: bool) -> str:
    return "X" if explosive else str(seconds)


def format_article(tempo: Prescription) -> str:
    """The article's up-hold-down notation, e.g. "2-1-3"; a bottom pause is added as " (pause 1)"."""
    text = f"{_symbol(tempo.up_s, tempo.explosive_up)}-{tempo.hold_s}-{_symbol(tempo.down_s, tempo.explosive_down)}"
    return text + (f" (pause {tempo.pause_s})" if tempo.pause_s else "")


def format_four_digit(tempo: Prescription) -> str:
    """The four-digit notation: down, bottom pause, up, top pause, e.g. "3021" for the article's 2-1-3."""
    return f"{_symbol(tempo.down_s, tempo.explosive_down)}{tempo.pause_s}{_symbol(tempo.up_s, tempo.explosive_up)}{tempo.hold_s}"


def to_four_digit(tempo: Prescription | str) -> str:
    """A tempo (either notation, or a Prescription) in four-digit notation.

    >>> to_four_digit("2-1-3")
    '3021'
    """
    return format_four_digit(_as_prescription(tempo))


def to_article_notation(tempo: Prescription | str) -> str:
    """A tempo (either notation, or a Prescription) in the article's up-hold-down notation.

    >>> to_article_notation("30X0")
    'X-0-3'
    """
    return format_article(_as_prescription(tempo))


def _check_whole(field: str, value: object, low: float, high: float, unit: str = "") -> int:
    """An integer within [low, high], or ValueError naming the field, the range and the value."""
    number = check_in_range(field, value, low, high, unit)
    if number != int(number):
        units = f" {unit}" if unit else ""
        raise ValueError(f"{field} must be a whole number (allowed range {low:g} to {high:g}{units}); got {value!r}")
    return int(number)


def time_under_tension(tempo: Prescription | str, reps: int) -> float:
    """Seconds a set of `reps` reps at `tempo` keeps the muscle working: reps × (up + hold + down + pause).

    An explosive phase counts 0 s, so with an X the figure is a lower bound.

    >>> time_under_tension("2-1-3", 10)
    60.0
    """
    count = _check_whole("reps", reps, 1, 100, "reps")
    return float(count * _as_prescription(tempo).rep_s)


class TempoCurve(NamedTuple):
    """The hip-extension angle (degrees) a tempo asks for, against time (s)."""

    time_s: np.ndarray
    hip_extension_deg: np.ndarray


def tempo_curve(tempo: Prescription | str, variant: str, *, reps: int = 1, fps: float = 30.0) -> TempoCurve:
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
    steps = ((prescription.up_s, 0.0, 1.0), (prescription.hold_s, 1.0, 1.0), (prescription.down_s, 1.0, 0.0), (prescription.pause_s, 0.0, 0.0))
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


@dataclass(frozen=True)
class PhaseCheck:
    """One phase of a recorded set against the prescription: seconds measured and asked, and a verdict in words."""

    phase: str
    prescribed_s: int
    explosive: bool
    measured_s: float | None
    verdict: str
    message: str


@dataclass(frozen=True)
class TempoComparison:
    """A recorded set's tempo (median over its reps) against a prescribed tempo, phase by phase."""

    tempo: Prescription
    variant: str
    reps: int
    phases: tuple[PhaseCheck, ...]

    @property
    def verdicts(self) -> dict[str, str]:
        """Phase -> verdict ("on tempo", "faster", "slower" or "cannot judge")."""
        return {check.phase: check.verdict for check in self.phases}

    def describe(self) -> str:
        """The comparison in words, a line per phase."""
        head = f"{self.variant} set, {self.reps} rep{'s' if self.reps != 1 else ''}, against the tempo {self.tempo} (four-digit {format_four_digit(self.tempo)}):"
        return "\n".join([head] + [f"- {check.message}" for check in self.phases])

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.describe())


_ADVICE = {
    ("up", "faster"): "lift more slowly: count {n} s",
    ("up", "slower"): "lift a little quicker: count {n} s",
    ("hold", "faster"): "hold the top longer: {n} s",
    ("hold", "slower"): "hold the top for {n} s only",
    ("down", "faster"): "lower more slowly: count {n} s",
    ("down", "slower"): "lower a little quicker: count {n} s",
    ("pause", "faster"): "pause {n} s at the bottom",
    ("pause", "slower"): "pause only {n} s at the bottom",
}


def _judge_phase(phase: str, seconds: int, explosive: bool, measured: float | None, reason: str) -> PhaseCheck:
    """The verdict on one phase: within the tolerance of the prescription is on tempo, else faster or slower."""
    name = PHASE_NAMES[phase].capitalize()
    asked = "X (explosive)" if explosive else f"{seconds} s"
    if measured is None:
        return PhaseCheck(phase, seconds, explosive, None, "cannot judge", f"{name}: {asked} asked; cannot judge: {reason}.")
    settings = read_tempo_settings()
    if explosive:
        verdict = "on tempo" if measured <= settings["explosive_max_s"] + 1e-9 else "slower"
        advice = "" if verdict == "on tempo" else f": move as fast as you can control (within {settings['explosive_max_s']:g} s)"
        return PhaseCheck(phase, seconds, True, measured, verdict, f"{name}: {measured:.1f} s measured, {asked} asked: {verdict}{advice}.")
    difference = measured - seconds
    if abs(difference) <= settings["on_tempo_tolerance_s"] + 1e-9:
        return PhaseCheck(phase, seconds, False, measured, "on tempo", f"{name}: {measured:.1f} s measured, {asked} asked: on tempo.")
    verdict = "faster" if difference < 0 else "slower"
    advice = _ADVICE[(phase, verdict)].format(n=seconds)
    message = f"{name}: {measured:.1f} s measured, {asked} asked: {verdict} by {abs(difference):.1f} s; {advice}."
    return PhaseCheck(phase, seconds, False, measured, verdict, message)


def compare_with_recording(tempo: Prescription | str, recording: "Recording | str | Path", variant: str) -> TempoComparison:
    """Each phase of a recorded set (the median over its reps, timed by kickback.form.analyze_set) against `tempo`.

    Within ±`on_tempo_tolerance_s` (data/tempo.csv, 0.5 s) a phase is "on tempo", else "faster" or
    "slower" than asked; an explosive (X) phase is on tempo up to `explosive_max_s`. The pause at the
    bottom needs two reps; a set without reps cannot be judged.

    >>> from kickback.recordings import simulate_set
    >>> compare_with_recording("2-1-3", simulate_set("cable"), "cable").verdicts["down"]
    'on tempo'
    """
    prescription = _as_prescription(tempo)
    report = analyze_set(recording, variant)
    reps = report.reps
    pauses = [rep.bottom_pause_s for rep in reps if rep.bottom_pause_s is not None]
    measured = {
        "up": float(np.median([rep.concentric_s for rep in reps])) if reps else None,
        "hold": float(np.median([rep.top_hold_s for rep in reps])) if reps else None,
        "down": float(np.median([rep.eccentric_s for rep in reps])) if reps else None,
        "pause": float(np.median(pauses)) if pauses else None,
    }
    reason = "no rep was found in the recording" if not reps else "a pause between reps needs at least two reps"
    checks = tuple(_judge_phase(phase, seconds, explosive, measured[phase], reason) for phase, seconds, explosive in prescription.phases())
    return TempoComparison(prescription, variant, len(reps), checks)


def show_comparison(comparison: TempoComparison) -> Table:
    """A comparison as a table for notebooks: phase, asked, measured, verdict."""
    rows = [
        (PHASE_NAMES[c.phase], "X" if c.explosive else f"{c.prescribed_s} s",
         "-" if c.measured_s is None else f"{c.measured_s:.1f} s", c.verdict)
        for c in comparison.phases
    ]
    caption = f"Tempo {comparison.tempo} (four-digit {format_four_digit(comparison.tempo)}); on tempo = within {read_tempo_settings()['on_tempo_tolerance_s']:g} s (data/tempo.csv)."
    return Table(("phase", "asked", "measured", "verdict"), rows, caption)


# --- the rules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One row of data/progression.csv: what it sets, for whom, its value or range, the rule in words and its source."""

    rule: str
    level: tuple[str, ...]
    goal: tuple[str, ...]
    equipment: tuple[str, ...]
    value: str
    low: float | None
    high: float | None
    unit: str
    text: str
    source: str

    def applies(self, level: str, goal: str) -> bool:
        """Whether the row covers this level and goal ("*" covers all)."""
        return (self.level == ("*",) or level in self.level) and (self.goal == ("*",) or goal in self.goal)

    def in_words(self) -> str:
        """The rule and its source, e.g. "new: 8 to 12 reps per set. (Source: ACSM 2009 ...)"."""
        return f"{self.text} (Source: {self.source}.)"


_REQUIRED = ("level", "goal", "weeks", "stage_min_weeks", "repeat_week", "start_rank", "reps", "sets", "tempo",
             "rep_duration", "controlled_lift", "rest", "progress_when")
_OPTIONAL = ("advanced_weeks", "novice_phase")
_BY_EQUIPMENT = ("exercise", "load_step", "double_progression")
RULE_KINDS: tuple[str, ...] = _REQUIRED + _OPTIONAL + _BY_EQUIPMENT


def _cells(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


@lru_cache(maxsize=None)
def read_rules() -> tuple[Rule, ...]:
    """Every row of data/progression.csv as a Rule, after checking the table (all problems reported at once)."""
    rules = tuple(
        Rule(row["rule"], _cells(row["level"]), _cells(row["goal"]), _cells(row["equipment"]), row["value"].strip(),
             to_float(row["low"]), to_float(row["high"]), row["unit"], row["text"], row["source"])
        for row in read_table("progression")
    )
    problems = check_rules(rules)
    if problems:
        raise ValueError("data/progression.csv: " + "; ".join(problems))
    return rules


def _applying(rules: Iterable[Rule], name: str, level: str, goal: str) -> list[Rule]:
    return [rule for rule in rules if rule.rule == name and rule.applies(level, goal)]


def check_rules(rules: Iterable[Rule]) -> list[str]:
    """What is wrong with a set of rules (empty when nothing is): unknown names, gaps, overlaps, tempos beyond their bounds."""
    rules = tuple(rules)
    problems = []
    for rule in rules:
        where = f"rule {rule.rule!r} ({'|'.join(rule.level)}, {'|'.join(rule.goal)})"
        if rule.rule not in RULE_KINDS:
            problems.append(f"unknown rule {rule.rule!r}")
        if not rule.source.strip() or not rule.text.strip():
            problems.append(f"{where} needs a text and a source")
        if any(item not in LEVELS + ("*",) for item in rule.level) or any(item not in GOALS + ("*",) for item in rule.goal):
            problems.append(f"{where} names an unknown level or goal")
        if any(item not in EQUIPMENT for item in rule.equipment):
            problems.append(f"{where} names unknown equipment {rule.equipment}")
        if rule.rule == "exercise" and (rule.value not in EXERCISES or rule.low is None or not rule.equipment):
            problems.append(f"exercise row {rule.value!r} needs a known id, a rank and its equipment")
    for level in LEVELS:
        for goal in GOALS:
            for name in _REQUIRED + _OPTIONAL:
                count = len(_applying(rules, name, level, goal))
                if count > 1 or (count == 0 and name in _REQUIRED):
                    problems.append(f"{count} rows of rule {name!r} apply to level {level!r} and goal {goal!r}; exactly one must")
    for item in EQUIPMENT:
        load_rows = [rule for rule in rules if rule.rule in ("load_step", "double_progression") and item in rule.equipment]
        if len(load_rows) != 1:
            problems.append(f"{len(load_rows)} load rules cover equipment {item!r}; exactly one must")
        if not any(rule.rule == "exercise" and item in rule.equipment and rule.value != ADVANCED_EXERCISE for rule in rules):
            problems.append(f"no kickback uses equipment {item!r}")
    if not problems:
        problems += _check_tempo_rules(rules)
    return problems


def _check_tempo_rules(rules: tuple[Rule, ...]) -> list[str]:
    """Every tempo row must fit the rep-duration bounds, the controlled lift and, for new learners, the novice phase times."""
    problems = []
    for level in LEVELS:
        for goal in GOALS:
            row = _applying(rules, "tempo", level, goal)[0]
            try:
                tempo = parse_tempo(row.value)
            except ValueError as error:
                problems.append(f"tempo row for {level}/{goal}: {error}")
                continue
            duration = _applying(rules, "rep_duration", level, goal)[0]
            lift = _applying(rules, "controlled_lift", level, goal)[0]
            if not duration.low <= tempo.rep_s <= duration.high:
                problems.append(f"tempo {row.value} for {level}/{goal} lasts {tempo.rep_s} s, outside {duration.low:g} to {duration.high:g} s")
            if tempo.explosive_up or tempo.up_s < lift.low:
                problems.append(f"tempo {row.value} for {level}/{goal} lifts faster than {lift.low:g} s")
            for novice in _applying(rules, "novice_phase", level, goal):
                if not (novice.low <= tempo.up_s <= novice.high and novice.low <= tempo.down_s <= novice.high):
                    problems.append(f"tempo {row.value} for {level}/{goal} is outside {novice.low:g} to {novice.high:g} s up and down")
    return problems


def _rule(name: str, level: str, goal: str) -> Rule:
    return _applying(read_rules(), name, level, goal)[0]


def _optional_rule(name: str, level: str, goal: str) -> Rule | None:
    found = _applying(read_rules(), name, level, goal)
    return found[0] if found else None


def _load_rule(equipment: str) -> Rule:
    return next(rule for rule in read_rules() if rule.rule in ("load_step", "double_progression") and equipment in rule.equipment)


# --- the planner ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    """One week of a plan: the exercise, its equipment, and sets × reps at a tempo with a rest and a load rule.

    `reps` is the range (low, high) per set and leg; `rest_s` in seconds; `load_step_pct` the range
    of a load step in % (None where the next step is a band, a dumbbell or an exercise, see `load_rule`).
    `advanced` marks the article's advanced step (the single-leg RDL).
    """

    number: int
    exercise: str
    name: str
    variant: str | None
    equipment: str
    advanced: bool
    sets: int
    reps: tuple[int, int]
    tempo: Prescription
    rest_s: int
    load_step_pct: tuple[float, float] | None
    load_rule: str
    progress_when: str
    note: str


@dataclass(frozen=True)
class Plan:
    """A progression plan: who it is for, week by week, and the rules (with sources) it followed."""

    level: str
    goal: str
    equipment: tuple[str, ...]
    weeks: tuple[Week, ...]
    rules: tuple[Rule, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Stage:
    exercise: str
    rank: int
    equipment: str
    rule: Rule


def check_equipment(equipment: Iterable[str] | str) -> tuple[str, ...]:
    """The equipment as a tuple in the order of EQUIPMENT, or ValueError naming what is wrong."""
    listed = ", ".join(repr(name) for name in EQUIPMENT)
    items = (equipment,) if isinstance(equipment, str) else equipment
    try:
        items = tuple(items)
    except TypeError:
        raise ValueError(f"equipment must be a set or tuple of {listed}; got {equipment!r}") from None
    if not items:
        raise ValueError(f"equipment must list at least one of {listed}; got {equipment!r}")
    for item in items:
        check_choice("equipment", item, EQUIPMENT)
    return tuple(name for name in EQUIPMENT if name in items)


def _stages(kit: tuple[str, ...]) -> tuple[list[_Stage], _Stage | None]:
    """The kickback steps the equipment allows (one per rank, the table's first row winning) and the advanced step, if any."""
    ladder: dict[int, _Stage] = {}
    advanced = None
    for rule in read_rules():
        if rule.rule != "exercise":
            continue
        chosen = next((item for item in rule.equipment if item in kit), None)
        if chosen is None:
            continue
        stage = _Stage(rule.value, int(rule.low), chosen, rule)
        if rule.value == ADVANCED_EXERCISE:
            advanced = advanced or stage
        else:
            ladder.setdefault(stage.rank, stage)
    return [ladder[rank] for rank in sorted(ladder)], advanced


def _split_weeks(weeks: int, parts: int) -> list[int]:
    """`weeks` shared among `parts` steps as evenly as possible, the extra weeks to the earlier steps."""
    base, extra = divmod(weeks, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def plan_progression(level: str, equipment: Iterable[str] | str, goal: str, *, weeks: int = 6) -> Plan:
    """A week-by-week plan for `level` ("new", "regular", "athlete") with `equipment` (any of EQUIPMENT) toward `goal`.

    Goals: "strength" (heavier, 6-12 reps), "hypertrophy" (8-12 reps, the article's slow lowering),
    "activation" (light, 12-15 reps, a squeeze at the top; a warm-up). The exercise climbs the
    article's ladder (bodyweight, band, dumbbell behind the knee, then cable or machine with load
    increases), at least `stage_min_weeks` per step; the single-leg RDL, the article's advanced step,
    comes only in the last weeks of "regular" and "athlete" plans. Every number comes from
    data/progression.csv; nonsense (unknown level, goal or equipment, none at all, weeks outside
    4-8) raises ValueError naming the field, what is allowed and the value.

    >>> plan = plan_progression("new", {"none", "band"}, "hypertrophy", weeks=4)
    >>> [week.exercise for week in plan.weeks]
    ['bodyweight_kickback', 'bodyweight_kickback', 'band_kickback', 'band_kickback']
    """
    level = check_choice("level", level, LEVELS)
    kit = check_equipment(equipment)
    goal = check_choice("goal", goal, GOALS)
    span = _rule("weeks", level, goal)
    count = _check_whole("weeks", weeks, span.low, span.high, "weeks")
    min_weeks = int(_rule("stage_min_weeks", level, goal).low)
    ladder, advanced = _stages(kit)
    advanced_rule = _optional_rule("advanced_weeks", level, goal)
    advanced_weeks = min(int(advanced_rule.low), count - min_weeks) if advanced and advanced_rule else 0
    kickback_weeks = count - advanced_weeks
    start_rank = _rule("start_rank", level, goal).low
    entry = next((i for i, stage in enumerate(ladder) if stage.rank >= start_rank), len(ladder) - 1)
    used = ladder[entry : entry + max(1, kickback_weeks // min_weeks)]
    schedule = [stage for stage, length in zip(used, _split_weeks(kickback_weeks, len(used))) for _ in range(length)]
    schedule += [advanced] * advanced_weeks  # type: ignore[list-item]
    plan_weeks = tuple(_make_week(number, schedule, level, goal, count) for number in range(1, count + 1))
    used_rules = {stage.rule for stage in schedule} | {_load_rule(stage.equipment) for stage in schedule}
    for name in _REQUIRED + _OPTIONAL:
        if name != "advanced_weeks" or advanced_weeks:
            used_rules.update(_applying(read_rules(), name, level, goal))
    rules = tuple(rule for rule in read_rules() if rule in used_rules)
    notes = _plan_notes(kit, ladder, used, advanced, advanced_rule, schedule)
    return Plan(level, goal, kit, plan_weeks, rules, notes)


def _make_week(number: int, schedule: list[_Stage], level: str, goal: str, count: int) -> Week:
    """Week `number` (1-based) of the schedule, its numbers taken from the rules for `level` and `goal`."""
    stage = schedule[number - 1]
    sets, reps, rest = _rule("sets", level, goal), _rule("reps", level, goal), _rule("rest", level, goal)
    load = _load_rule(stage.equipment)
    step = (load.low, load.high) if load.rule == "load_step" else None
    name, variant = EXERCISES[stage.exercise]
    first = number == 1 or schedule[number - 2] is not stage
    low, high = int(reps.low), int(reps.high)
    advanced = stage.exercise == ADVANCED_EXERCISE
    if advanced and first:
        note = "The article's advanced step, a compound hip hinge: learn it light, with a coach if you can."
    elif first:
        note = f"New exercise: choose a resistance that allows {low} clean reps with one or two to spare."
    elif step:
        note = "Same exercise: add load only when the progression rule is met."
    else:
        note = "Same exercise: add reps toward the top of the range."
    return Week(
        number=number,
        exercise=stage.exercise,
        name=name,
        variant=variant,
        equipment=stage.equipment,
        advanced=advanced,
        sets=int(sets.high if number > count / 2 else sets.low),
        reps=(low, high),
        tempo=parse_tempo(_rule("tempo", level, goal).value),
        rest_s=int(rest.low),
        load_step_pct=step,
        load_rule=load.text,
        progress_when=_rule("progress_when", level, goal).text,
        note=note,
    )


def _plan_notes(kit: tuple[str, ...], ladder: list[_Stage], used: list[_Stage], advanced: _Stage | None,
                advanced_rule: Rule | None, schedule: list[_Stage]) -> tuple[str, ...]:
    """What the plan left out and why: steps beyond its length, equipment not used, an advanced step without its equipment."""
    notes = []
    later = [stage for stage in ladder if stage.rank > used[-1].rank]
    if later:
        notes.append(f"A longer plan would go on to: {', '.join(EXERCISES[stage.exercise][0] for stage in later)}.")
    in_plan = {stage.equipment for stage in schedule}
    by_rank = {stage.rank: stage for stage in ladder}
    for item in kit:
        if item in in_plan:
            continue
        rank = min(int(rule.low) for rule in read_rules()
                   if rule.rule == "exercise" and item in rule.equipment and rule.value != ADVANCED_EXERCISE)
        stage = by_rank[rank]
        if stage.equipment != item:
            notes.append(f"Not used: {item} (the {stage.equipment} covers the same step).")
        elif stage not in later:
            notes.append(f"Not used: {item} (below the starting step for this level).")
    if advanced_rule and not advanced:
        notes.append("The single-leg Romanian deadlift (the article's advanced step) needs no equipment or a dumbbell: "
                     "tick \"none\" or \"dumbbell\" to include it.")
    return tuple(notes)


# --- presenting a plan --------------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "week", "exercise", "equipment", "advanced_step", "sets", "reps_low", "reps_high", "tempo_up_hold_down",
    "tempo_four_digit", "rest_s", "load_step_pct", "load_rule", "progress_when", "note",
)


def _percent_range(step: tuple[float, float] | None) -> str:
    return "" if step is None else f"{step[0]:g}-{step[1]:g}"


def _week_row(week: Week) -> dict[str, str]:
    """One week as text cells, by CSV_COLUMNS."""
    return {
        "week": str(week.number),
        "exercise": week.name,
        "equipment": week.equipment,
        "advanced_step": "yes" if week.advanced else "no",
        "sets": str(week.sets),
        "reps_low": str(week.reps[0]),
        "reps_high": str(week.reps[1]),
        "tempo_up_hold_down": format_article(week.tempo),
        "tempo_four_digit": format_four_digit(week.tempo),
        "rest_s": str(week.rest_s),
        "load_step_pct": _percent_range(week.load_step_pct),
        "load_rule": week.load_rule,
        "progress_when": week.progress_when,
        "note": week.note,
    }


def _check_plan(plan: object) -> Plan:
    if not isinstance(plan, Plan):
        raise ValueError(f"plan must be a Plan from plan_progression(); got {type(plan).__name__}")
    return plan


def plan_rows(plan: Plan) -> list[dict[str, str]]:
    """The plan's weeks as rows of text, one per week, keyed by CSV_COLUMNS (what `plan_to_csv` writes)."""
    return [_week_row(week) for week in _check_plan(plan).weeks]


def _write_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    """Write through a temporary file beside `path`, then rename it: a failure leaves no half-written file."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "w", newline="", encoding="utf-8") as handle:
            write(handle)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def plan_to_csv(plan: Plan, path: str | Path) -> Path:
    """Write the plan as CSV (a header, then one row per week; columns CSV_COLUMNS); returns the path.

    The file appears whole or not at all: rows go to a temporary file that is renamed at the end.
    """
    plan = _check_plan(plan)
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"path must name a file, not a folder; got {str(path)!r}")
    if not path.parent.is_dir():
        raise ValueError(f"path must be in an existing folder ({str(path.parent)!r} does not exist); got {str(path)!r}")

    def write(handle: TextIO) -> None:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for week in plan.weeks:
            writer.writerow(_week_row(week))

    _write_atomically(path, write)
    return path


def _headline(plan: Plan) -> str:
    return (f"Kickback plan: {len(plan.weeks)} weeks, level {plan.level}, goal {plan.goal}, "
            f"equipment {', '.join(plan.equipment)}.")


_TABLE_HEADERS = ("week", "exercise", "equipment", "sets", "reps", "tempo (up-hold-down)", "tempo (four-digit)", "rest", "load step")


def _table_cells(week: Week) -> tuple[str, ...]:
    name = week.name + (" (advanced step)" if week.advanced else "")
    step = f"{_percent_range(week.load_step_pct)} %" if week.load_step_pct else "next band, dumbbell or exercise"
    return (str(week.number), name, week.equipment, str(week.sets), f"{week.reps[0]}-{week.reps[1]}",
            format_article(week.tempo), format_four_digit(week.tempo), f"{week.rest_s} s", step)


def show_plan(plan: Plan) -> Table:
    """The plan as a table for notebooks (Markdown where it renders, plain text elsewhere)."""
    plan = _check_plan(plan)
    caption = (f"{_headline(plan)} Sets and reps per leg. {plan.weeks[0].progress_when} "
               f"Rules and sources: data/progression.csv. Education, not medical advice.")
    return Table(_TABLE_HEADERS, [_table_cells(week) for week in plan.weeks], caption)


def describe_plan(plan: Plan) -> str:
    """The plan in words: a line per week, when to progress, the notes, the rules with their sources."""
    plan = _check_plan(plan)
    lines = [_headline(plan), ""]
    for week in plan.weeks:
        advanced = " (the article's advanced step)" if week.advanced else ""
        lines.append(
            f"Week {week.number}: {week.name}{advanced} ({week.equipment}), {week.sets} sets of {week.reps[0]}-{week.reps[1]} reps "
            f"per leg, tempo {format_article(week.tempo)} (up-hold-down; four-digit {format_four_digit(week.tempo)}), "
            f"rest {week.rest_s} s. {week.note}"
        )
    lines += ["", f"When to progress: {plan.weeks[0].progress_when}"]
    lines += [f"Note: {note}" for note in plan.notes]
    lines += ["", "Rules:"] + [f"- {rule.in_words()}" for rule in plan.rules]
    lines += ["", DISCLAIMER]
    return "\n".join(lines)


def _markdown(plan: Plan) -> str:
    """The plan's table and its rules in Markdown, for a static viewer."""
    escape = lambda text: text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
    lines = [f"**{escape(_headline(plan))}**", "", show_plan(plan)._repr_markdown_(), "", "**Rules**", ""]
    lines += [f"- {escape(rule.in_words())}" for rule in plan.rules]
    lines += [f"- {escape(note)}" for note in plan.notes]
    return "\n".join(lines)


def _html_fragment(plan: Plan, *, live: bool = False) -> str:
    """The plan's table, notes and rules as HTML (no page around them), every text escaped.

    With `live`, the headline is a status line that screen readers announce when it changes.
    """
    e = html.escape
    head = "".join(f'<th scope="col">{e(cell)}</th>' for cell in _TABLE_HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in _table_cells(week)) + "</tr>" for week in plan.weeks
    )
    notes = "".join(f"<li>{e(note)}</li>" for note in plan.notes)
    rules = "".join(f"<li>{e(rule.text)} <span class=\"source\">Source: {e(rule.source)}.</span></li>" for rule in plan.rules)
    status = ' role="status"' if live else ""
    return (
        f"<p{status}><strong>{e(_headline(plan))}</strong></p>"
        f'<table class="kickback-plan"><caption>Week by week (sets and reps per leg)</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"<p><strong>When to progress:</strong> {e(plan.weeks[0].progress_when)}</p>"
        + (f"<ul class=\"notes\">{notes}</ul>" if notes else "")
        + f"<h2>Rules and their sources</h2><ul class=\"rules\">{rules}</ul>"
        f'<p class="disclaimer">{e(DISCLAIMER)}</p>'
    )


_PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #111; line-height: 1.4; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
th, td { border: 1px solid #555; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
.source { color: #444; font-style: italic; }
.disclaimer { border: 2px solid #111; padding: 0.5em; font-weight: bold; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; color: #000; }
  th { background: none; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def plan_to_html(plan: Plan) -> str:
    """A printable, self-contained HTML page of the plan: the table, when to progress, the rules with sources, the disclaimer.

    No links, scripts or web fonts: it prints and opens offline.
    """
    plan = _check_plan(plan)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(_headline(plan))}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n<body>\n"
        "<h1>Kickback Lab: your progression plan</h1>\n"
        f"{_html_fragment(plan)}\n</body>\n</html>\n"
    )


# --- the widget ---------------------------------------------------------------------------------

DEFAULT_PLAN: Mapping[str, Any] = MappingProxyType({"level": "new", "equipment": ("none", "band", "dumbbell"), "goal": "hypertrophy", "weeks": 6})


class PlannerWidget(widgets.VBox):
    """Pick a level, a goal, the equipment at hand and the weeks: the plan and its rules appear below.

    Its notebook output also carries the plan in words (text/plain) and as a Markdown table
    (text/markdown), so a viewer without a kernel sees the default plan.
    """

    def __init__(self, level: str = DEFAULT_PLAN["level"], goal: str = DEFAULT_PLAN["goal"],
                 equipment: Iterable[str] = DEFAULT_PLAN["equipment"], weeks: int = DEFAULT_PLAN["weeks"]) -> None:
        level = check_choice("level", level, LEVELS)
        goal = check_choice("goal", goal, GOALS)
        kit = check_equipment(equipment)
        span = _rule("weeks", level, goal)
        weeks = _check_whole("weeks", weeks, span.low, span.high, "weeks")
        style = {"description_width": "initial"}
        self.level = widgets.Dropdown(options=LEVELS, value=level, description="level", style=style)
        self.goal = widgets.Dropdown(options=GOALS, value=goal, description="goal", style=style)
        self.equipment = {
            name: widgets.Checkbox(value=name in kit, description="none (bodyweight)" if name == "none" else name, indent=False,
                                   layout=widgets.Layout(width="auto"))
            for name in EQUIPMENT
        }
        self.weeks = widgets.IntSlider(value=weeks, min=int(span.low), max=int(span.high), step=1, description="weeks", style=style)
        self.output = widgets.HTML()
        self.output.add_class("kickback-planner-output")
        self.plan: Plan | None = None
        self.error = ""
        for control in (self.level, self.goal, self.weeks, *self.equipment.values()):
            control.observe(self._update, names="value")
        self._update()
        equipment_row = widgets.HBox([widgets.Label("equipment"), *self.equipment.values()])
        super().__init__([widgets.HBox([self.level, self.goal]), equipment_row, self.weeks, self.output])
        self.add_class("kickback-planner")

    @property
    def chosen_equipment(self) -> tuple[str, ...]:
        """The equipment ticked, in the order of EQUIPMENT."""
        return tuple(name for name, box in self.equipment.items() if box.value)

    def _update(self, change: dict[str, Any] | None = None) -> None:
        try:
            self.plan = plan_progression(self.level.value, self.chosen_equipment, self.goal.value, weeks=self.weeks.value)
        except ValueError as error:
            self.plan, self.error = None, str(error)
            self.output.value = f'<p role="alert"><strong>No plan:</strong> {html.escape(self.error)}</p>'
            return
        self.error = ""
        self.output.value = _html_fragment(self.plan, live=True)

    def describe(self) -> str:
        """The widget's state in words: the plan, or why there is none."""
        return describe_plan(self.plan) if self.plan else f"No plan: {self.error}"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = "[Planner: level, goal, equipment and weeks; the plan below.]\n" + self.describe()
        bundle["text/markdown"] = _markdown(self.plan) if self.plan else f"**No plan:** {self.error}"
        return bundle


def planner(**choices: Any) -> PlannerWidget:
    """The progression planner widget; `choices` (level, goal, equipment, weeks) set its starting values."""
    return PlannerWidget(**choices)
