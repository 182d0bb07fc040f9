"""Tests for tempo notation, time under tension and the tempo curve.

Also comparing a set with a tempo, and the progression planner.
"""

import csv
import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickback.content import plan_export
from kickback.content import planner as planner_rules
from kickback.content.plan_export import (
    CSV_COLUMNS,
    describe_plan,
    plan_rows,
    plan_to_csv,
    plan_to_html,
    show_plan,
)
from kickback.content.planner import EQUIPMENT, GOALS, LEVELS, plan_progression
from kickback.content.tempo import (
    TempoPrescription,
    parse_tempo,
    prescribed_time_under_tension,
    tempo_curve,
    to_article_notation,
    to_four_digit,
)
from kickback.content.tempo_check import compare_with_recording
from kickback.data_files import read_table
from kickback.form.simulate import simulate_set
from kickback.form.thresholds import threshold
from kickback.model.pose import preset_pose
from kickback.model.variants import VARIANTS
from kickback.widgets.planner import planner

seconds = st.integers(0, 9)


@st.composite
def prescriptions(draw):
    explosive_up, explosive_down = draw(st.booleans()), draw(st.booleans())
    return TempoPrescription(
        up_s=0 if explosive_up else draw(seconds),
        hold_s=draw(seconds),
        down_s=0 if explosive_down else draw(seconds),
        pause_s=draw(seconds),
        explosive_up=explosive_up,
        explosive_down=explosive_down,
    )


# --- tempo notation ---------------------------------------------------------------------------


@given(prescriptions())
def test_article_to_four_digit_and_back_is_exact(tempo):
    article = to_article_notation(tempo)
    assert parse_tempo(article) == tempo
    assert to_article_notation(to_four_digit(article)) == article


@given(prescriptions())
def test_four_digit_to_article_and_back_is_exact(tempo):
    four = to_four_digit(tempo)
    assert len(four) == 4 and parse_tempo(four) == tempo
    assert to_four_digit(to_article_notation(four)) == four


def test_the_article_tempo_in_both_notations():
    tempo = parse_tempo("2-1-3")
    assert (tempo.up_s, tempo.hold_s, tempo.down_s, tempo.pause_s) == (2, 1, 3, 0)
    assert to_four_digit("2-1-3") == "3021"
    assert to_article_notation("3010") == "1-0-3"
    assert to_article_notation("3110") == "1-0-3 (pause 1)"


def test_explosive_is_stored_as_zero_with_a_flag():
    tempo = parse_tempo("30x0")
    assert tempo.up_s == 0 and tempo.explosive_up and not tempo.explosive_down
    assert to_article_notation(tempo) == "X-0-3"
    assert to_four_digit("X-0-3") == "30X0"
    assert prescribed_time_under_tension(tempo, 5) == 15.0


@pytest.mark.parametrize(
    "text, words",
    [
        ("2-1", ["tempo must be", "'2-1'"]),
        ("2-1-10", ["tempo down", "0 to 9", "10"]),
        ("2-X-3", ["tempo hold", "only for the lift and the lowering", "'X'"]),
        ("3X10", ["tempo bottom pause", "'X'"]),
        ("1.5-1-3", ["tempo up", "whole number", "1.5"]),
        ("3-0-1-0", ["ambiguous", "'3-0-1-0'"]),
        ("fast", ["tempo must be", "'fast'"]),
        (3010, ["tempo must be text", "3010"]),
    ],
)
def test_bad_tempos_are_refused_naming_the_field_and_the_value(text, words):
    with pytest.raises(ValueError) as error:
        parse_tempo(text)
    for word in words:
        assert word in str(error.value)


def test_a_prescription_checks_its_fields():
    with pytest.raises(ValueError, match=r"up_s is outside the allowed range 0 to 9 s; got 12"):
        TempoPrescription(up_s=12, hold_s=1, down_s=3)
    with pytest.raises(ValueError, match=r"up_s must be 0 when explosive_up is set"):
        TempoPrescription(up_s=2, hold_s=1, down_s=3, explosive_up=True)


@given(prescriptions(), st.integers(1, 100))
def test_time_under_tension_is_reps_times_the_phases(tempo, reps):
    assert prescribed_time_under_tension(tempo, reps) == reps * (
        tempo.up_s + tempo.hold_s + tempo.down_s + tempo.pause_s
    )


# --- the tempo curve and a recorded set -------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_tempo_curve_reaches_the_correct_top_and_lasts_the_time_under_tension(variant):
    curve = tempo_curve("2-1-3 (pause 1)", variant, reps=3)
    assert np.isclose(curve.hip_extension_deg.max(), preset_pose(variant, "correct_top").hip_extension)
    assert np.isclose(curve.hip_extension_deg[0], preset_pose(variant, "start").hip_extension)
    assert np.isclose(curve.time_s[-1], prescribed_time_under_tension("2-1-3 (pause 1)", 3))
    assert np.all(np.diff(curve.time_s) >= 0)


def test_an_explosive_lift_is_a_jump_in_the_curve():
    curve = tempo_curve("X-1-3", "cable")
    assert (
        curve.time_s[1] == 0
        and curve.hip_extension_deg[1] == preset_pose("cable", "correct_top").hip_extension
    )


def test_a_2_1_3_set_is_on_tempo_for_2_1_3_and_faster_than_4_1_4():
    recording = simulate_set("cable")
    assert set(compare_with_recording("2-1-3", recording, "cable").verdicts.values()) == {"on tempo"}
    slow = compare_with_recording("4-1-4", recording, "cable").verdicts
    assert slow == {"up": "faster", "hold": "on tempo", "down": "faster", "pause": "on tempo"}
    assert compare_with_recording("1-1-1", recording, "cable").verdicts["down"] == "slower"


# --- the planner ------------------------------------------------------------------------------

TABLE = read_table("progression")


def table_row(rule, level, goal):
    """The one row of data/progression.csv that sets `rule` for this level and goal (None if none)."""
    covers = lambda cell, value: cell == "*" or value in cell.split("|")
    rows = [
        row
        for row in TABLE
        if row["rule"] == rule and covers(row["level"], level) and covers(row["goal"], goal)
    ]
    assert len(rows) <= 1
    return rows[0] if rows else None


EQUIPMENT_SETS = [
    combo for size in range(1, len(EQUIPMENT) + 1) for combo in itertools.combinations(EQUIPMENT, size)
]


def test_every_plan_obeys_the_rules_table():
    for level, goal, kit, weeks in itertools.product(LEVELS, GOALS, EQUIPMENT_SETS, range(4, 9)):
        plan = plan_progression(level, set(kit), goal, weeks=weeks)
        where = (level, goal, kit, weeks)
        reps, sets, rest, tempo = (table_row(name, level, goal) for name in ("reps", "sets", "rest", "tempo"))
        advanced = table_row("advanced_weeks", level, goal)
        assert [week.number for week in plan.weeks] == list(range(1, weeks + 1)), where
        for week in plan.weeks:
            assert week.equipment in kit, where
            assert week.reps == (int(reps["low"]), int(reps["high"])), where
            assert int(sets["low"]) <= week.sets <= int(sets["high"]), where
            assert week.rest_s == int(rest["low"]) and week.tempo == parse_tempo(tempo["value"]), where
            assert 0.5 <= week.tempo.rep_s <= 8 and week.tempo.up_s >= threshold("concentric_min_s"), where
            if level == "new":
                assert 1 <= week.tempo.up_s <= 2 and 1 <= week.tempo.down_s <= 2, where
            if week.equipment in ("cable", "machine"):
                assert week.load_step_pct == (2, 10), where
            else:
                assert week.load_step_pct is None, where
            assert week.advanced == (week.exercise == "single_leg_rdl"), where
            if week.advanced:
                assert advanced is not None and week.number > weeks - int(advanced["low"]), where
                assert week.number > 2, where  # the kickback keeps its first 2 weeks (stage_min_weeks)
        runs = [len(list(group)) for _, group in itertools.groupby(week.exercise for week in plan.weeks)]
        assert min(runs) >= 2, where


def test_the_advanced_step_is_only_for_regular_and_athlete_plans():
    assert not any(w.advanced for w in plan_progression("new", EQUIPMENT, "strength", weeks=8).weeks)
    assert not any(w.advanced for w in plan_progression("athlete", EQUIPMENT, "activation", weeks=8).weeks)
    regular = [
        w.number for w in plan_progression("regular", EQUIPMENT, "hypertrophy", weeks=8).weeks if w.advanced
    ]
    athlete = [
        w.number for w in plan_progression("athlete", EQUIPMENT, "hypertrophy", weeks=8).weeks if w.advanced
    ]
    assert regular == [7, 8] and athlete == [6, 7, 8]


def test_a_new_learner_climbs_the_articles_ladder():
    plan = plan_progression("new", ("none", "band", "dumbbell", "cable"), "hypertrophy", weeks=8)
    assert [w.exercise for w in plan.weeks[::2]] == [
        "bodyweight_kickback",
        "band_kickback",
        "dumbbell_kickback",
        "cable_kickback",
    ]


def test_every_rule_names_its_source_and_the_acsm_numbers_match_the_evidence():
    assert all(row["source"].strip() and row["text"].strip() for row in TABLE)
    assert all(
        any(
            name in row["source"]
            for name in ("ACSM 2009", "Schoenfeld 2015", "course article", "coaching heuristic")
        )
        for row in TABLE
    )
    assert (
        table_row("reps", "new", "hypertrophy")["low"],
        table_row("reps", "new", "hypertrophy")["high"],
    ) == ("8", "12")
    step = table_row("load_step", "new", "strength")
    assert (float(step["low"]), float(step["high"])) == (2, 10) and "ACSM 2009" in step["source"]
    assert float(table_row("controlled_lift", "new", "strength")["low"]) == threshold("concentric_min_s")


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"weeks": 0}, ["weeks", "4 to 8", "got 0"]),
        ({"weeks": -3}, ["weeks", "4 to 8", "got -3"]),
        ({"weeks": 20}, ["weeks", "4 to 8", "got 20"]),
        ({"weeks": 5.5}, ["weeks", "whole number", "5.5"]),
        ({"equipment": ()}, ["equipment", "at least one", "got ()"]),
        ({"equipment": ("cable", "barbell")}, ["equipment", "'dumbbell'", "got 'barbell'"]),
        ({"level": "pro"}, ["level", "'athlete'", "got 'pro'"]),
        ({"goal": "bulk"}, ["goal", "'activation'", "got 'bulk'"]),
    ],
)
def test_nonsense_is_refused_naming_the_field_and_the_value(kwargs, words):
    call = {"level": "new", "equipment": ("none",), "goal": "strength", **kwargs}
    weeks = call.pop("weeks", 6)
    with pytest.raises(ValueError) as error:
        plan_progression(call["level"], call["equipment"], call["goal"], weeks=weeks)
    for word in words:
        assert word in str(error.value)


# --- export and display -------------------------------------------------------------------------


def test_the_csv_holds_exactly_the_plans_rows(tmp_path):
    plan = plan_progression("regular", ("cable", "dumbbell"), "strength", weeks=7)
    path = plan_to_csv(plan, tmp_path / "plan.csv")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == plan_rows(plan) and len(rows) == 7
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv"]


def test_a_failed_export_leaves_no_temporary_file_and_the_old_file_whole(tmp_path, monkeypatch):
    plan = plan_progression("new", ("none",), "activation", weeks=4)
    path = tmp_path / "plan.csv"
    path.write_text("old\n", encoding="utf-8")
    original = plan_export._week_row
    calls = []

    def failing(week):
        calls.append(week)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(week)

    monkeypatch.setattr(plan_export, "_week_row", failing)
    with pytest.raises(RuntimeError):
        plan_to_csv(plan, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv"]
    assert path.read_text(encoding="utf-8") == "old\n"


def test_the_html_page_is_self_contained_and_carries_the_disclaimer():
    plan = plan_progression("athlete", EQUIPMENT, "hypertrophy", weeks=6)
    page = plan_to_html(plan)
    assert "http" not in page.lower() and "<script" not in page and "url(" not in page
    assert "education, not medical advice" in page
    assert "@media print" in page and page.count("<tr>") == 7
    assert "ACSM 2009" in page and "coaching heuristic" in page and "advanced step" in page


def test_the_notebook_table_and_the_words_show_every_week():
    plan = plan_progression("new", ("band",), "strength", weeks=5)
    assert len(show_plan(plan).rows) == 5
    assert "Week 5:" in describe_plan(plan) and "education, not medical advice" in describe_plan(plan)


def test_the_planner_widget_updates_and_shows_its_plan_in_words_for_static_viewers():
    widget = planner()
    assert "kickback-planner" in widget._dom_classes
    bundle = widget._repr_mimebundle_()
    assert (
        "Week 6:" in bundle["text/plain"]
        and "0x" not in bundle["text/plain"]
        and widget.model_id not in bundle["text/plain"]
    )
    assert "| week | exercise |" in bundle["text/markdown"]
    widget.weeks.value = 8
    assert widget.output.value.count("<tr>") == 9
    for box in widget.equipment.values():
        box.value = False
    assert widget.plan is None and "at least one" in widget.output.value


def test_a_broken_rules_table_is_refused_with_every_problem_named():
    rules = [
        rule for rule in planner_rules.read_rules() if not (rule.rule == "reps" and rule.level == ("new",))
    ]
    rules += [r for r in planner_rules.read_rules() if r.rule == "rest"][:1]
    problems = planner_rules.check_rules(rules)
    assert any("'reps'" in p and "'new'" in p for p in problems)
    assert any("2 rows of rule 'rest'" in p for p in problems)


def test_a_tempo_comparison_of_a_refused_recording_says_why() -> None:
    from kickback.form.analysis import analyze_set
    from kickback.form.simulate import simulate_set

    recording = simulate_set("cable", "arched_back")
    line = analyze_set(recording, "bodyweight").not_judged
    comparison = compare_with_recording("2-1-3", recording, "bodyweight")
    assert line and set(comparison.verdicts.values()) == {"cannot judge"}
    assert all(line in check.message for check in comparison.phases)
