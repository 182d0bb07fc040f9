"""A progression plan in words, as a table, as CSV and as a printable HTML page.

Files are written atomically (`kickback.files.write_atomically`): a temporary file made safely in
the target folder, renamed over the old one only once it is complete, so a failure never leaves
half a plan behind; a link or a folder in the way is refused, never replaced.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..files import check_target, write_atomically
from ..table import Table
from .planner import DISCLAIMER, Plan, Week
from .tempo import format_article, format_four_digit

# --- presenting a plan --------------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "week",
    "exercise",
    "equipment",
    "advanced_step",
    "sets",
    "reps_low",
    "reps_high",
    "tempo_up_hold_down",
    "tempo_four_digit",
    "rest_s",
    "load_step_pct",
    "load_rule",
    "progress_when",
    "note",
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
    """Write through a temporary file beside `path` (see `kickback.files`): whole or not at all."""
    buffer = io.StringIO(newline="")
    write(buffer)
    write_atomically(path, buffer.getvalue())


def plan_to_csv(plan: Plan, path: str | Path) -> Path:
    """Write the plan as CSV (a header, then one row per week; columns CSV_COLUMNS); returns the path.

    The file appears whole or not at all: rows go to a temporary file that is renamed at the end.

    Parameters
    ----------
    plan : Plan
        A plan from `plan_progression`.
    path : str or Path
        The file to write.

    Returns
    -------
    Path
        The path written.
    """
    plan = _check_plan(plan)
    path = check_target(path)

    def write(handle: TextIO) -> None:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for week in plan.weeks:
            writer.writerow(_week_row(week))

    _write_atomically(path, write)
    return path


def _headline(plan: Plan) -> str:
    return (
        f"Kickback plan: {len(plan.weeks)} weeks, level {plan.level}, goal {plan.goal}, "
        f"equipment {', '.join(plan.equipment)}."
    )


_TABLE_HEADERS = (
    "week",
    "exercise",
    "equipment",
    "sets",
    "reps",
    "tempo (up-hold-down)",
    "tempo (gym notation, down first)",
    "rest",
    "load step",
)


STEP_WORDS: dict[str, str] = {
    # a week's equipment -> its load step where the step is not a percentage (see data/progression.csv)
    "none": "more reps (no equipment to add load)",
    "band": "a stronger band",
    "dumbbell": "a heavier dumbbell",
}


def load_step_words(week: Week, following: Week | None = None) -> str:
    """The week's load step in words: a % range, the next exercise, or what the equipment allows.

    A plan without bands or dumbbells never says "next band": its step is more reps, or the next
    exercise where the following week changes exercise.
    """
    if week.load_step_pct:
        return f"{_percent_range(week.load_step_pct)} %"
    if following is not None and following.exercise != week.exercise:
        return f"next exercise: {following.name}"
    return STEP_WORDS.get(week.equipment, "next band, dumbbell or exercise")


def _table_rows(plan: Plan) -> list[tuple[str, ...]]:
    following = [*plan.weeks[1:], None]
    return [_table_cells(week, after) for week, after in zip(plan.weeks, following)]


def _table_cells(week: Week, following: Week | None = None) -> tuple[str, ...]:
    name = week.name + (" (advanced step)" if week.advanced else "")
    step = load_step_words(week, following)
    return (
        str(week.number),
        name,
        week.equipment,
        str(week.sets),
        f"{week.reps[0]}-{week.reps[1]}",
        format_article(week.tempo),
        format_four_digit(week.tempo),
        f"{week.rest_s} s",
        step,
    )


def show_plan(plan: Plan) -> Table:
    """The plan as a table for notebooks (Markdown where it renders, plain text elsewhere).

    Parameters
    ----------
    plan : Plan
        A plan from `plan_progression`.

    Returns
    -------
    Table
        One row per week: sets and reps per leg, tempo (seconds), rest (seconds), load step.
    """
    plan = _check_plan(plan)
    caption = (
        f"{_headline(plan)} Sets and reps per leg. {plan.weeks[0].progress_when} "
        "Rules from ACSM 2009, the course article and coaching heuristics (the planner lists each). "
        "Education, not medical advice."
    )
    return Table(_TABLE_HEADERS, _table_rows(plan), caption)


def describe_plan(plan: Plan) -> str:
    """The plan in words: a line per week, when to progress, the notes, the rules with their sources."""
    plan = _check_plan(plan)
    lines = [_headline(plan), ""]
    for week, after in zip(plan.weeks, [*plan.weeks[1:], None]):
        advanced = " (the article's advanced step)" if week.advanced else ""
        equipment = "no equipment" if week.equipment == "none" else week.equipment
        lines.append(
            f"Week {week.number}: {week.name}{advanced} ({equipment}), "
            f"{week.sets} sets of {week.reps[0]}-{week.reps[1]} reps "
            f"per leg, tempo {format_article(week.tempo)} "
            f"(up-hold-down; gym notation {format_four_digit(week.tempo)}, down first), "
            f"rest {week.rest_s} s; load step: {load_step_words(week, after)}. {week.note}"
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
        "<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in cells) + "</tr>" for cells in _table_rows(plan)
    )
    notes = "".join(f"<li>{e(note)}</li>" for note in plan.notes)
    rules = "".join(
        f'<li>{e(rule.text)} <span class="source">Source: {e(rule.source)}.</span></li>'
        for rule in plan.rules
    )
    status = ' role="status"' if live else ""
    return (
        f"<p{status}><strong>{e(_headline(plan))}</strong></p>"
        '<table class="kickback-plan"><caption>Week by week (sets and reps per leg)</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p><strong>When to progress:</strong> {e(plan.weeks[0].progress_when)}</p>"
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + f'<h2>Rules and their sources</h2><ul class="rules">{rules}</ul>'
        f'<p class="disclaimer">{e(DISCLAIMER)}</p>'
    )


_PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; margin: 2em auto; \
max-width: 60em; padding: 0 1em; color: #111; line-height: 1.4; }
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
    """A printable, self-contained HTML page of the plan.

    The table, when to progress, the rules with sources, the disclaimer. No links, scripts or web
    fonts: it prints and opens offline.

    Parameters
    ----------
    plan : Plan
        A plan from `plan_progression`.

    Returns
    -------
    str
        The HTML page.
    """
    plan = _check_plan(plan)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(_headline(plan))}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n<body>\n"
        "<h1>Kickback Lab: your progression plan</h1>\n"
        f"{_html_fragment(plan)}\n</body>\n</html>\n"
    )
