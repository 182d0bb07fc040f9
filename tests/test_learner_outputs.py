"""What a learner reads: plain words and units, no code names, file paths or ASCII units.

The one-call readouts the lessons use (leg height, time under tension, the recordings, the normal
range, the resistance profiles), the set checker's findings headers, the chart's rep labels, the
captions of the content tables and the plan's load step.
"""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kickback as kb
from kickback.content.plain_words import plain_text
from kickback.data_files import read_table
from kickback.form.analysis import analyze_set
from kickback.form.recordings import list_recordings
from kickback.form.simulate import simulate_set

CODE_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")  # an id such as arched_back or hip_range
FILE_PATH = re.compile(r"data/|\.csv\b")
TITLES = {row["id"]: row["title"] for row in read_table("mistakes")}


def assert_plain(text: str) -> None:
    """No id, no file path, no "deg", no "+/-", no PubMed Central id."""
    assert not CODE_NAME.search(text), CODE_NAME.search(text)
    assert not FILE_PATH.search(text), FILE_PATH.search(text)
    assert not re.search(r"\bdeg\b", text) and "+/-" not in text and not re.search(r"PMC\d", text)


# --- leg height -----------------------------------------------------------------------------------


def test_leg_height_is_one_call_with_plain_words_and_the_same_sum_as_the_model():
    height = kb.show_leg_height(hip_extension=15, lower_back_arch=25, trunk_lean=20)
    assert height == kb.split_leg_height(kb.Pose(trunk_lean=20, lumbar_extension=25, hip_extension=15))
    text = height.describe()
    assert "60°" in text and "lower back 25°" in text and "trunk 20°" in text
    assert_plain(text)


@given(
    hip=st.floats(-60, 30, allow_nan=False),
    arch=st.floats(0, 30, allow_nan=False),
    lean=st.floats(0, 60, allow_nan=False),
)
def test_leg_height_is_the_sum_of_its_parts(hip, arch, lean):
    height = kb.show_leg_height(hip_extension=hip, lower_back_arch=arch, trunk_lean=lean)
    assert height.apparent == pytest.approx(hip + arch + lean)


def test_leg_height_refuses_an_angle_out_of_range_naming_the_learners_word():
    with pytest.raises(ValueError, match=r"lower_back_arch .*-45 to 45 °; got 400"):
        kb.show_leg_height(lower_back_arch=400)
    with pytest.raises(ValueError, match="trunk_lean must be a number"):
        kb.show_leg_height(trunk_lean="a lot")


# --- time under tension -----------------------------------------------------------------------------


def test_time_under_tension_says_seconds_and_the_sum():
    text = str(kb.show_time_under_tension("2-1-3", reps=10))
    assert text.startswith("Time under tension: 60 s (10 reps × 6 s a rep")
    assert_plain(text)


@given(reps=st.integers(1, 100), up=st.integers(1, 5), hold=st.integers(0, 3), down=st.integers(1, 5))
def test_time_under_tension_agrees_with_the_tempo(reps, up, hold, down):
    tempo = f"{up}-{hold}-{down}"
    seconds = kb.prescribed_time_under_tension(tempo, reps)
    assert f": {seconds:.0f} s ({reps} reps × {up + hold + down} s a rep" in str(
        kb.show_time_under_tension(tempo, reps)
    )


def test_an_explosive_phase_makes_the_time_a_lower_bound():
    assert "at least" in str(kb.show_time_under_tension("X-1-3", 10))


def test_time_under_tension_refuses_bad_reps():
    with pytest.raises(ValueError, match=r"reps .*1 to 100.*got 0"):
        kb.show_time_under_tension("2-1-3", reps=0)


# --- the recordings ---------------------------------------------------------------------------------


def test_the_recordings_table_names_variant_mistake_and_kind_of_file():
    table = kb.show_recordings()
    assert list(table.headers) == ["variant", "mistake it shows", "kind of file", "name to use"]
    assert [row[3] for row in table.rows] == list_recordings()
    for variant, mistake, kind, name in table.rows:
        assert variant.split()[0] == name.split("_")[0]
        shown = next((key for key in TITLES if f"_{key}_" in name), None)
        assert mistake == (TITLES[shown] if shown else "none: good form")
        assert kind in ("joint angles over time", "body points from a video (17 points a frame)")
        assert_plain(" ".join((variant, mistake, kind)))
    assert_plain(table.caption)


# --- the normal range -------------------------------------------------------------------------------


def test_the_normal_range_reads_in_degrees_without_code_names_or_ids():
    text = str(kb.show_normal_range())
    normal = kb.read_normal_range("hip_extension")
    assert f"{normal.low:g}° to {normal.high:g}°" in text and f"uses {normal.typical:g}°" in text
    assert "±" in text and "check_pose" not in text and "--hip-range" not in text
    assert_plain(text)
    assert str(kb.show_normal_range("hip_extension")) == text


def test_the_normal_range_refuses_an_unknown_joint_naming_the_field():
    with pytest.raises(ValueError, match="joint.*hip extension.*knee"):
        kb.show_normal_range("knee")


def test_plain_text_drops_code_names_and_paths_and_keeps_the_prose():
    text = plain_text("about 7 deg (hip_range, in check_pose) from data/normal_ranges.csv (data/cues.csv).")
    assert text == "about 7° from the normal ranges of motion."
    assert plain_text("Arab et al. 2017 (PMC5356395)") == "Arab et al. 2017"


# --- resistance profiles ----------------------------------------------------------------------------


def test_profiles_need_no_arguments_and_match_the_explicit_call():
    table = kb.show_profiles()
    from kickback.draw.curves import profile_cases

    explicit = kb.show_profiles(profile_cases(), kb.default_body())
    assert table.rows == explicit.rows and len(table.rows) == len(profile_cases())
    assert "N·m" in table.rows[0][3] and "°" in table.rows[0][3]
    assert_plain(table.caption)


def test_profiles_refuse_a_body_that_is_not_a_body():
    with pytest.raises(ValueError, match="body must be a Body"):
        kb.show_profiles(body=75)


# --- the set checker's report and chart ---------------------------------------------------------------


@pytest.mark.parametrize("mistake", ["arched_back", "momentum", "incomplete_rom", "excessive_load"])
def test_findings_are_headed_by_the_mistakes_title_not_its_id(mistake):
    text = analyze_set(simulate_set("cable", mistake), "cable").describe()
    findings = text.split("Findings:")[1].split("\n\n")[0]
    headers = [line for line in findings.splitlines() if line.startswith("- ")]
    assert headers and any(line.startswith(f"- {TITLES[mistake]} (") for line in headers)
    for line in headers:
        header = line.split(", at worst")[0]
        assert_plain(header)


def test_each_rep_label_stays_a_narrow_column_one_fault_a_line():
    from kickback.draw.rep_labels import rep_faults, rep_label

    report = analyze_set(simulate_set("cable", "excessive_load"), "cable")
    flagged = [rep.number for rep in report.reps if len(rep_faults(report, rep.number)) > 1]
    assert flagged
    for number in flagged:
        lines = rep_label(number, rep_faults(report, number)).splitlines()
        assert lines[0] == f"{number} ✗" and lines[1:] == rep_faults(report, number)
        assert all("," not in line for line in lines)


# --- captions and the plan ----------------------------------------------------------------------------


@pytest.mark.parametrize("mistake", list(TITLES))
def test_the_mistake_tables_cite_sources_without_paths(mistake):
    table = kb.show_mistake(mistake)
    assert not FILE_PATH.search(table.caption + " ".join(" ".join(row) for row in table.rows))


def test_step_and_example_captions_have_no_paths():
    captions = [
        kb.show_steps("cable", "setup").caption,
        kb.show_muscles("primary_mover").caption,
        kb.show_moment_arms().caption,
        kb.compare_knee_angles().caption,
        kb.compare_cable_taut_and_resting().caption,
        kb.compare_example_set("cable_momentum", "2-1-3").caption,
    ]
    assert all(caption and not FILE_PATH.search(caption) for caption in captions)


def test_a_plan_without_equipment_never_offers_a_band_or_dumbbell():
    table = kb.show_plan(kb.plan_progression(level="new", goal="hypertrophy", equipment=("none",), weeks=4))
    steps = [row[-1] for row in table.rows]
    assert steps and all("band" not in step and "dumbbell" not in step for step in steps)
    assert all("more reps" in step or step.startswith("next exercise") for step in steps)
    assert not FILE_PATH.search(table.caption)


def test_a_plan_names_the_next_exercise_where_the_exercise_changes():
    plan = kb.plan_progression(level="new", goal="hypertrophy", equipment=("none", "band"), weeks=6)
    table = kb.show_plan(plan)
    for week, after, row in zip(plan.weeks, plan.weeks[1:], table.rows):
        if after.exercise != week.exercise:
            assert row[-1] == f"next exercise: {after.name}"


def test_the_plan_in_words_gives_each_weeks_load_step_without_a_band_where_there_is_none():
    from kickback.content.plan_export import describe_plan

    plan = kb.plan_progression(level="new", goal="hypertrophy", equipment=("none",), weeks=4)
    weeks = [line for line in describe_plan(plan).splitlines() if line.startswith("Week ")]
    assert len(weeks) == 4
    assert all(
        "load step: more reps" in line and "band" not in line and "(none)" not in line for line in weeks
    )
