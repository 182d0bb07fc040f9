"""The progression planner: 4 to 8 weeks of kickbacks by the rules in data/progression.csv.

`plan_progression(level, equipment, goal, weeks=6)` picks the exercises the equipment allows,
orders them from easiest to hardest, and fills each week with sets, reps, tempo, rest and the
load step from the rules; `check_rules` keeps the rule table consistent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..data_files import read_table, to_float
from ..validate import check_choice
from .tempo import TempoPrescription, _check_whole, parse_tempo

LEVELS: tuple[str, ...] = ("new", "regular", "athlete")
GOALS: tuple[str, ...] = ("strength", "hypertrophy", "activation")
EQUIPMENT: tuple[str, ...] = ("cable", "machine", "none", "band", "dumbbell")
"""What a learner may have at hand; "none" means bodyweight exercises are possible; "band" is a mini band.

A mini band is the article's loop round both legs (above the knees or at the ankles): its pull grows
as the legs separate, so it is hardest at the top (`default_load("bodyweight", "mini_band")`).
"""

EXERCISES: dict[str, tuple[str, str | None]] = {
    "bodyweight_kickback": ("Bodyweight kickback", "bodyweight"),
    "band_kickback": ("Mini-band kickback", "bodyweight"),
    "dumbbell_kickback": ("Kickback, dumbbell behind the knee", "bodyweight"),
    "cable_kickback": ("Cable kickback", "cable"),
    "machine_kickback": ("Machine kickback", "machine"),
    "single_leg_rdl": ("Single-leg Romanian deadlift", None),
}
"""Exercise id -> (name, the body model's variant for its tempo curve; None where the model has none)."""

ADVANCED_EXERCISE = "single_leg_rdl"
DISCLAIMER = (
    "This plan is education, not medical advice. Stop and see a qualified professional if anything hurts."
)


# --- the rules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One row of data/progression.csv: what it sets, for whom, its value or range, rule and source."""

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


_REQUIRED = (
    "level",
    "goal",
    "weeks",
    "stage_min_weeks",
    "repeat_week",
    "start_rank",
    "reps",
    "sets",
    "tempo",
    "rep_duration",
    "controlled_lift",
    "rest",
    "progress_when",
)
_OPTIONAL = ("advanced_weeks", "novice_phase")
_BY_EQUIPMENT = ("exercise", "load_step", "double_progression")
RULE_KINDS: tuple[str, ...] = _REQUIRED + _OPTIONAL + _BY_EQUIPMENT


def _cells(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


@cache
def read_rules() -> tuple[Rule, ...]:
    """Every row of data/progression.csv as a Rule, after checking it (all problems at once)."""
    rules = tuple(
        Rule(
            row["rule"],
            _cells(row["level"]),
            _cells(row["goal"]),
            _cells(row["equipment"]),
            row["value"].strip(),
            to_float(row["low"]),
            to_float(row["high"]),
            row["unit"],
            row["text"],
            row["source"],
        )
        for row in read_table("progression")
    )
    problems = check_rules(rules)
    if problems:
        raise ValueError("data/progression.csv: " + "; ".join(problems))
    return rules


def _applying(rules: Iterable[Rule], name: str, level: str, goal: str) -> list[Rule]:
    return [rule for rule in rules if rule.rule == name and rule.applies(level, goal)]


def check_rules(rules: Iterable[Rule]) -> list[str]:
    """What is wrong with a set of rules (empty when nothing is).

    Unknown names, gaps, overlaps, tempos beyond their bounds.
    """
    rules = tuple(rules)
    problems = []
    for rule in rules:
        where = f"rule {rule.rule!r} ({'|'.join(rule.level)}, {'|'.join(rule.goal)})"
        if rule.rule not in RULE_KINDS:
            problems.append(f"unknown rule {rule.rule!r}")
        if not rule.source.strip() or not rule.text.strip():
            problems.append(f"{where} needs a text and a source")
        if any(item not in LEVELS + ("*",) for item in rule.level) or any(
            item not in GOALS + ("*",) for item in rule.goal
        ):
            problems.append(f"{where} names an unknown level or goal")
        if any(item not in EQUIPMENT for item in rule.equipment):
            problems.append(f"{where} names unknown equipment {rule.equipment}")
        if rule.rule == "exercise" and (
            rule.value not in EXERCISES or rule.low is None or not rule.equipment
        ):
            problems.append(f"exercise row {rule.value!r} needs a known id, a rank and its equipment")
    for level in LEVELS:
        for goal in GOALS:
            for name in _REQUIRED + _OPTIONAL:
                count = len(_applying(rules, name, level, goal))
                if count > 1 or (count == 0 and name in _REQUIRED):
                    problems.append(
                        f"{count} rows of rule {name!r} apply to level {level!r} and goal {goal!r}; "
                        "exactly one must"
                    )
    for item in EQUIPMENT:
        load_rows = [
            rule
            for rule in rules
            if rule.rule in ("load_step", "double_progression") and item in rule.equipment
        ]
        if len(load_rows) != 1:
            problems.append(f"{len(load_rows)} load rules cover equipment {item!r}; exactly one must")
        if not any(
            rule.rule == "exercise" and item in rule.equipment and rule.value != ADVANCED_EXERCISE
            for rule in rules
        ):
            problems.append(f"no kickback uses equipment {item!r}")
    if not problems:
        problems += _check_tempo_rules(rules)
    return problems


def _check_tempo_rules(rules: tuple[Rule, ...]) -> list[str]:
    """Every tempo row must fit the rep-duration bounds and the controlled lift.

    For new learners, also the novice phase times.
    """
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
                problems.append(
                    f"tempo {row.value} for {level}/{goal} lasts {tempo.rep_s} s, "
                    f"outside {duration.low:g} to {duration.high:g} s"
                )
            if tempo.explosive_up or tempo.up_s < lift.low:
                problems.append(f"tempo {row.value} for {level}/{goal} lifts faster than {lift.low:g} s")
            for novice in _applying(rules, "novice_phase", level, goal):
                if not (
                    novice.low <= tempo.up_s <= novice.high and novice.low <= tempo.down_s <= novice.high
                ):
                    problems.append(
                        f"tempo {row.value} for {level}/{goal} is outside "
                        f"{novice.low:g} to {novice.high:g} s up and down"
                    )
    return problems


def _rule(name: str, level: str, goal: str) -> Rule:
    return _applying(read_rules(), name, level, goal)[0]


def _optional_rule(name: str, level: str, goal: str) -> Rule | None:
    found = _applying(read_rules(), name, level, goal)
    return found[0] if found else None


def _load_rule(equipment: str) -> Rule:
    return next(
        rule
        for rule in read_rules()
        if rule.rule in ("load_step", "double_progression") and equipment in rule.equipment
    )


# --- the planner ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    """One week of a plan: the exercise, its equipment, and sets × reps.

    At a tempo, with a rest and a load rule.

    `reps` is the range (low, high) per set and leg; `rest_s` in seconds; `load_step_pct` the range
    of a load step in % (None where the next step is a band, a dumbbell or an exercise, see
    `load_rule`).
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
    tempo: TempoPrescription
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
    """The kickback steps the equipment allows, and the advanced step, if any.

    One step per rank, the table's first row winning.
    """
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
    """A week-by-week progression plan for `level` with `equipment` toward `goal`.

    Goals: "strength" (heavier, 6-12 reps), "hypertrophy" (8-12 reps, the article's slow lowering),
    "activation" (light, 12-15 reps, a squeeze at the top; a warm-up). The exercise climbs the
    article's ladder (bodyweight, band, dumbbell behind the knee, then cable or machine with load
    increases), at least `stage_min_weeks` per step; the single-leg RDL, the article's advanced step,
    comes only in the last weeks of "regular" and "athlete" plans. Every number comes from
    data/progression.csv; nonsense (unknown level, goal or equipment, none at all, weeks outside
    4-8) raises ValueError naming the field, what is allowed and the value.

    Parameters
    ----------
    level : str
        "new", "regular" or "athlete".
    equipment : iterable of str, or str
        Any of EQUIPMENT, e.g. {"none", "band"}.
    goal : str
        "strength", "hypertrophy" or "activation".
    weeks : int, optional
        Length of the plan in weeks, 4 to 8.

    Returns
    -------
    Plan
        `weeks` (sets, reps per leg, tempo in seconds, rest in seconds, load step in %), the
        `rules` it followed with their sources, and `notes`.

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
    schedule = [
        stage for stage, length in zip(used, _split_weeks(kickback_weeks, len(used))) for _ in range(length)
    ]
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


def _plan_notes(
    kit: tuple[str, ...],
    ladder: list[_Stage],
    used: list[_Stage],
    advanced: _Stage | None,
    advanced_rule: Rule | None,
    schedule: list[_Stage],
) -> tuple[str, ...]:
    """What the plan left out and why: later steps, unused equipment, an advanced step without its kit."""
    notes = []
    later = [stage for stage in ladder if stage.rank > used[-1].rank]
    if later:
        notes.append(
            f"A longer plan would go on to: {', '.join(EXERCISES[stage.exercise][0] for stage in later)}."
        )
    in_plan = {stage.equipment for stage in schedule}
    by_rank = {stage.rank: stage for stage in ladder}
    for item in kit:
        if item in in_plan:
            continue
        rank = min(
            int(rule.low)
            for rule in read_rules()
            if rule.rule == "exercise" and item in rule.equipment and rule.value != ADVANCED_EXERCISE
        )
        stage = by_rank[rank]
        if stage.equipment != item:
            notes.append(f"Not used: {item} (the {stage.equipment} covers the same step).")
        elif stage not in later:
            notes.append(f"Not used: {item} (below the starting step for this level).")
    if advanced_rule and not advanced:
        notes.append(
            "The single-leg Romanian deadlift (the article's advanced step) "
            "needs no equipment or a dumbbell: "
            'tick "none" or "dumbbell" to include it.'
        )
    return tuple(notes)
