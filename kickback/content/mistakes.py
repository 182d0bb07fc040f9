"""The six common mistakes: what each looks like, why it costs, how the checker spots it, and the cue."""

from __future__ import annotations

from ..data_files import read_table
from ..form.findings import CUES
from ..form.thresholds import read_thresholds
from ..table import Table
from ..validate import check_choice
from .plain_words import plain_text


def read_mistakes() -> dict[str, dict[str, str]]:
    """The six mistakes' titles and descriptions from data/mistakes.csv, by id, in the article's order."""
    return {row["id"]: row for row in read_table("mistakes")}


CHECK_WORDS: dict[str, str] = {
    # threshold id (data/thresholds.csv) -> what it flags, in plain words; {value} and {unit} are filled in
    "lumbar_extension_max": "the lower back arches more than {value} {unit} past its neutral curve",
    "thigh_trunk_margin": (
        "where the lower back cannot be seen (a side-view video): the thigh goes more than {value} {unit} "
        "further behind the trunk line than the person's own hip range allows"
    ),
    "rom_shortfall_max": (
        "the top stops more than {value} {unit} short of the target: the variant's top, "
        "or the person's own hip range where that is smaller"
    ),
    "eccentric_min_s": "the lowering takes less than {value} {unit}",
    "concentric_min_s": "the lift takes less than {value} {unit}",
    "peak_speed_factor": "at some moment the leg moves faster than {value} times the rep's range a second",
    "top_hold_min_s": "the pause at the top is shorter than {value} {unit}",
    "rebound_window_s": "the leg's speed on arrival at the bottom is taken over the last {value} {unit}",
    "rebound_speed_fraction": "the leg arrives at the bottom at over {percent} of its fastest lowering speed",
    "load_min_reps": "a set needs at least {value} reps before a trend over it is judged",
    "load_rom_drop_deg": "the top drops by more than {value} {unit} from the set's first third to its last",
    "trunk_excursion_max": "the trunk angle moves more than {value} {unit} within one rep",
    "pelvic_rotation_max": "the pelvis turns more than {value} {unit} toward the working side",
    "pelvic_hike_max": "one side of the pelvis hikes up more than {value} {unit} (seen from behind)",
}
UNIT_WORDS: dict[str, str] = {"deg": "°", "s": "s", "reps": ""}


def describe_checks(mistake: str) -> list[str]:
    """How the checker spots a mistake, in plain words: each threshold it uses, its value and source."""
    thresholds = read_thresholds()
    lines = []
    for check in (name.strip() for name in read_mistakes()[mistake]["checks"].split(",")):
        row = thresholds[check]
        unit = UNIT_WORDS.get(row.unit, row.unit)
        words = CHECK_WORDS.get(check, f"{check} = {{value}} {{unit}}").format(
            value=row.written, unit=unit, percent=f"{row.value:.0%}"
        )
        lines.append(f"{words.replace(' °', '°')} ({plain_text(row.source)})")
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
            "Each limit names its source in brackets; a 'teaching heuristic' is a course choice, "
            "not a study's number."
        ),
    )
