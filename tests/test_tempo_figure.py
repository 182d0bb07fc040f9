"""Lesson 08's tempo figure says time under tension, not training effect, and says why."""

from hypothesis import given
from hypothesis import strategies as st

from kickback.content.planner import read_rules
from kickback.draw.tempo_figure import growth_note, show_tempo, tempo_title


def test_the_title_gives_time_under_tension_in_seconds_not_working_time():
    title = tempo_title([(12.0, "2-1-3"), (4.0, "1-0-1")], reps=2)
    assert title == "2-1-3 gives 3× the time under tension of 1-0-1: 12 s vs 4 s for 2 reps"
    assert "working" not in title


@given(
    slow=st.integers(min_value=2, max_value=80),
    fast=st.integers(min_value=1, max_value=40),
    reps=st.integers(min_value=1, max_value=12),
)
def test_the_title_names_the_longer_tempo_first_with_both_times(slow, fast, reps):
    title = tempo_title([(float(fast), "fast"), (float(slow), "slow")], reps=reps)
    if slow == fast:
        assert title.startswith("These tempos take the same time")
        return
    longer, shorter = ("slow", "fast") if slow > fast else ("fast", "slow")
    assert title.startswith(f"{longer} gives ") and f"of {shorter}:" in title
    assert f"{max(slow, fast)} s vs {min(slow, fast)} s for {reps} reps" in title


def test_the_growth_note_names_its_study_and_the_range_from_the_table():
    rule = next(rule for rule in read_rules() if rule.rule == "rep_duration")
    note = growth_note()
    assert "Schoenfeld 2015" in note and "does not predict more growth" in note
    assert f"{rule.low:g} to {rule.high:g} s" in note


def test_the_figures_words_give_both_times_and_the_note():
    figure = show_tempo("2-1-3", "1-0-1")
    plain = figure._repr_mimebundle_()["text/plain"]
    assert "12 s vs 4 s for 2 reps" in plain and growth_note() in plain
