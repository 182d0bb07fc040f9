"""The six common mistakes: what each looks like, why it costs, how the checker spots it, and the cue."""

from __future__ import annotations

from ..data_files import read_table
from ..form.findings import CUES
from ..form.thresholds import read_thresholds
from ..table import Table
from ..validate import check_choice


def read_mistakes() -> dict[str, dict[str, str]]:
    """The six mistakes' titles and descriptions from data/mistakes.csv, by id, in the article's order."""
    return {row["id"]: row for row in read_table("mistakes")}


def describe_checks(mistake: str) -> list[str]:
    """How the checker spots a mistake: each threshold it uses, with value, unit and source."""
    thresholds = read_thresholds()
    lines = []
    for check in (name.strip() for name in read_mistakes()[mistake]["checks"].split(",")):
        row = thresholds[check]
        lines.append(f"{check} = {row.written} {row.unit} ({row.source})")
    return lines


def show_mistake(mistake: str) -> Table:
    """One mistake as a table: looks like, why it costs, how it is spotted, the cue.

    Parameters
    ----------
    mistake : str
        One of the six mistake ids, e.g. "arched_back".

    Returns
    -------
    Table
        Two columns: aspect and text.
    """
    rows = read_mistakes()
    check_choice("mistake", mistake, tuple(rows))
    row = rows[mistake]
    return Table(
        ("", row["title"]),
        [
            ("What it looks like", row["looks_like"]),
            ("Why it costs", row["why_it_costs"]),
            ("How the checker spots it", "; ".join(describe_checks(mistake))),
            ("The cue", CUES[mistake]),
        ],
        (
            "Thresholds and their sources: data/thresholds.csv "
            "(a 'teaching heuristic' is a course choice, not a study's number)."
        ),
    )
