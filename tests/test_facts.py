"""The facts the data tables teach hold together: one tempo story; a study cited for what it tested."""

from __future__ import annotations

import re

import pytest

from kickback.content.tempo import parse_tempo
from kickback.data_files import read_table
from kickback.form.findings import CHECK_CUES, CUES
from kickback.form.thresholds import threshold

OWN_TABLES = ("muscles", "muscle_activity", "mistakes", "cues", "thresholds", "progression", "tempo", "loads")


def rows_as_text(table: str) -> list[str]:
    """Each row of a data table as one text, its cells joined."""
    return [" | ".join(value for value in row.values() if value) for row in read_table(table)]


@pytest.mark.parametrize("table", OWN_TABLES)
def test_oh_2007_is_cited_for_drawing_in_never_for_bracing(table):
    for text in rows_as_text(table):
        if "Oh et al" in text:
            assert "drawing-in" in text or "drawing in" in text or "drawn in" in text, text
            assert not re.search(r"[Bb]racing (moved|raised|lowered|reduced|doubled)", text), text


def test_a_table_of_mvic_says_not_to_compare_studies():
    notes = " ".join(
        line for line in open("data/muscle_activity.csv", encoding="utf-8") if line.startswith("#")
    )
    assert "cannot be compared" in notes
    review = [row for row in read_table("muscle_activity") if row["study"] == "Macadam & Feser 2019"]
    assert review and review[0]["mean"] == "30" and "PMC6350668" in review[0]["source"]


def test_one_tempo_story_the_novice_plan_explains_its_2_1_2():
    novice = next(
        row for row in read_table("progression") if row["rule"] == "tempo" and row["level"] == "new"
    )
    plan = parse_tempo(novice["value"])
    assert "2-1-3" in novice["text"], "the novice rule must say how it relates to the article's tempo"
    article = parse_tempo("2-1-3")
    # the cues name a lowering of 2 to 3 seconds, which covers the novice plan and the article alike
    for cue in (CUES["momentum"], CHECK_CUES["lowering_time"]):
        assert "2 to 3 seconds" in cue
    # the set checker passes both tempos
    for tempo in (plan, article):
        assert tempo.down_s >= threshold("eccentric_min_s") and tempo.up_s >= threshold("concentric_min_s")
        assert tempo.hold_s >= threshold("top_hold_min_s")
    assert 2 <= plan.down_s <= 3 and 2 <= article.down_s <= 3
