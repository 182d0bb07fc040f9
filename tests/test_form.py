"""Tests for the form checks: one pose, and a recorded set (angles).

The keypoint path is in test_recordings.
"""

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.form.analysis import analyze_set
from kickback.form.findings import CUES, MISTAKES, SEVERITIES, Finding, check_pose
from kickback.form.recordings import Recording, write_angles_csv
from kickback.form.simulate import simulate_set
from kickback.form.thresholds import hip_normal_extension, target_top, thigh_trunk_limit
from kickback.model.pose import Pose, preset_pose
from kickback.model.variants import VARIANTS

LABELS = (None,) + MISTAKES


def without(recording, *names):
    """The recording with some angle columns removed."""
    angles = {name: values for name, values in recording.angles.items() if name not in names}
    return dataclasses.replace(recording, angles=angles)


def summary(report):
    """What a report found, comparable between runs: (mistake, check, rep) triples."""
    return sorted((f.mistake, f.check, f.rep or 0) for f in report.findings)


# --- one pose -----------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_correct_top_has_no_finding_and_the_arched_back_is_found(variant):
    assert check_pose(preset_pose(variant, "correct_top"), variant) == []
    assert [f.mistake for f in check_pose(preset_pose(variant, "arched_back"), variant)] == ["arched_back"]


def test_with_the_lumbar_angle_measured_only_the_lower_back_judges_the_arch():
    # A pose always carries its lumbar angle: a hip at 28° with a neutral spine is not an arched back.
    assert check_pose(Pose(trunk_lean=20, hip_extension=28, knee_flexion=10), "cable") == []
    (finding,) = check_pose(
        Pose(trunk_lean=20, hip_extension=5, lumbar_extension=12, knee_flexion=10), "cable"
    )[:1]
    assert finding.mistake == "arched_back" and finding.check == "lumbar_extension"


def test_the_thigh_beyond_the_hips_range_means_the_back_lent_the_rest():
    side_view = without(simulate_set("cable", None), "lumbar_extension")
    side_view = dataclasses.replace(
        side_view, angles={**side_view.angles, "hip_extension": side_view.angles["hip_extension"] + 12}
    )
    found = [f for f in analyze_set(side_view, "cable").findings if f.mistake == "arched_back"]
    assert found and all(f.check == "thigh_to_trunk" for f in found)
    assert found[0].limit == thigh_trunk_limit() == hip_normal_extension() + 5 == 25
    assert "lower back" in found[0].message and "typical" in found[0].message


def test_pelvic_rotation_and_a_short_top_are_found_in_a_pose():
    rotated = preset_pose("machine", "correct_top").replace(pelvic_rotation=-15)
    assert [f.mistake for f in check_pose(rotated, "machine")] == ["pelvic_rotation"]
    short = check_pose(preset_pose("cable", "start"), "cable")
    assert [f.mistake for f in short] == ["incomplete_rom"]
    assert short[0].limit == target_top("cable") - 8


def test_a_finding_says_what_how_much_and_what_to_do():
    (finding,) = check_pose(preset_pose("bodyweight", "arched_back"), "bodyweight")
    assert finding.mistake in MISTAKES and finding.severity in SEVERITIES
    assert (finding.measured, finding.limit, finding.unit) == (25, 10, "deg")
    assert finding.cue == CUES["arched_back"] and "glute" in finding.cue
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rep = 3


def test_check_pose_refuses_what_is_not_a_pose():
    with pytest.raises(ValueError, match="variant must be one of"):
        check_pose(Pose(), "squat")
    with pytest.raises(ValueError, match="pose must be a Pose"):
        check_pose({"hip_extension": 10}, "cable")


# --- a set ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("label", LABELS)
def test_each_simulated_fault_is_found_and_the_good_sets_are_clean(variant, label):
    report = analyze_set(simulate_set(variant, label), variant)
    assert len(report.reps) == 8
    if label is None:
        assert report.findings == ()
    elif label == "excessive_load":  # grows over the set: late reps arch, swing, fall short
        assert "excessive_load" in report.mistakes()
        assert all(f.rep is None or f.rep > 2 for f in report.findings)
    else:
        assert report.mistakes() == {label}


def test_a_lowering_that_drops_is_an_incomplete_rom():
    report = analyze_set(simulate_set("cable", tempo=(2, 1, 0.6)), "cable")
    assert {(f.mistake, f.check) for f in report.findings} == {("incomplete_rom", "lowering_time")}


def test_momentum_shows_in_every_way_it_can():
    checks = {f.check for f in analyze_set(simulate_set("machine", "momentum"), "machine").findings}
    assert checks == {"lift_time", "peak_speed", "top_hold", "rebound"}


def test_a_check_without_its_data_cannot_judge_and_does_not_guess():
    recording = without(
        simulate_set("cable", "arched_back"), "lumbar_extension", "pelvic_rotation", "trunk_lean"
    )
    report = analyze_set(recording, "cable")
    assert {item.check for item in report.cannot_judge} == {
        "lumbar_extension",
        "pelvic_rotation",
        "trunk_excursion",
    }
    assert report.findings == ()  # the hip alone (15°) stays inside its range: no guess about the back
    assert "No lumbar_extension_deg column" in report.cannot_judge[0].reason


def test_a_rep_with_a_long_gap_is_counted_but_not_judged():
    recording = simulate_set("cable", "pelvic_rotation")
    pelvis = recording.angles["pelvic_rotation"].copy()
    pelvis[(recording.time_s > 14) & (recording.time_s < 15)] = np.nan  # inside rep 3
    report = analyze_set(
        dataclasses.replace(recording, angles=dict(recording.angles, pelvic_rotation=pelvis)), "cable"
    )
    assert len(report.reps) == 8
    assert [(item.check, item.rep) for item in report.cannot_judge] == [("pelvic_rotation", 3)]
    assert {f.rep for f in report.findings} == {1, 2, 4, 5, 6, 7, 8}


def test_a_set_mostly_missing_cannot_be_judged():
    recording = simulate_set("bodyweight")
    hip = recording.angles["hip_extension"].copy()
    hip[: int(0.6 * len(hip))] = np.nan
    report = analyze_set(
        dataclasses.replace(recording, angles=dict(recording.angles, hip_extension=hip)), "bodyweight"
    )
    assert report.reps == () and report.findings == ()
    assert "60%" in report.cannot_judge[-1].reason


def test_standing_still_is_no_set():
    time_s = np.arange(0, 10, 1 / 30)
    still = Recording(
        time_s, {"hip_extension": np.full_like(time_s, -15.0), "knee_flexion": np.full_like(time_s, 10.0)}
    )
    report = analyze_set(still, "cable")
    assert report.reps == () and report.tempo is None
    assert report.cannot_judge[-1].check == "reps"


@settings(max_examples=8, deadline=None)
@given(delay=st.floats(0.0, 5000.0))
def test_a_constant_delay_in_time_changes_no_finding(delay):
    recording = simulate_set("cable", "momentum", reps=4, seed=5)
    before, after = analyze_set(recording, "cable"), analyze_set(recording.shifted(delay), "cable")
    assert summary(after) == summary(before)
    assert np.allclose([f.measured for f in after.findings], [f.measured for f in before.findings], atol=1e-6)
    assert np.isclose(after.reps[0].start_s, before.reps[0].start_s + delay)


def test_the_report_as_plain_values_and_in_words(tmp_path):
    path = write_angles_csv(tmp_path / "set.csv", simulate_set("cable", "weak_core"))
    report = analyze_set(path, "cable")
    values = json.loads(json.dumps(report.as_dict()))
    assert values["tempo"] == "2-1-3" and len(values["reps"]) == 8
    assert set(values["findings"][0]) >= {"mistake", "rep", "measured", "limit", "message", "cue"}
    text = report.describe()
    assert (
        "8 reps, tempo 2-1-3" in text
        and "Lack of core engagement (the trunk moving) in reps 1, 2" in text
        and "weak_core" not in text
        and "trunk_excursion" not in text
        and "Cue: Draw your belly gently in" in text
    )


def test_a_finding_is_built_from_the_table():
    finding = analyze_set(simulate_set("bodyweight", "incomplete_rom"), "bodyweight").findings[0]
    assert isinstance(finding, Finding)
    assert (finding.mistake, finding.check, finding.rep, finding.limit) == (
        "incomplete_rom",
        "top_position",
        1,
        2.0,
    )
    assert finding.measured < 0 and "short" not in finding.cue


signals = st.lists(st.floats(-140, 60) | st.just(float("nan")), min_size=2, max_size=400)


@settings(max_examples=60, deadline=None)
@given(hip=signals, step=st.floats(0.005, 0.1), variant=st.sampled_from(VARIANTS))
def test_any_signal_gives_a_report_not_a_crash(hip, step, variant):
    time_s = step * np.arange(len(hip))
    hip = np.array(hip)
    recording = Recording(
        time_s, {"hip_extension": hip, "knee_flexion": np.zeros_like(hip), "trunk_lean": hip / 2 + 40}
    )
    report = analyze_set(recording, variant)
    assert len(report.reps) <= len(hip) and json.dumps(report.as_dict(), allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    waves=st.lists(
        st.tuples(st.floats(0, 40), st.floats(0.01, 3), st.floats(0, 6.3)), min_size=1, max_size=3
    ),
    frames=st.integers(2, 1200),
    gap=st.tuples(st.integers(0, 1200), st.integers(0, 200)),
)
def test_any_wave_with_any_gap_gives_a_report_not_a_crash(waves, frames, gap):
    time_s = np.arange(frames) / 30
    hip = np.clip(sum(a * np.sin(2 * np.pi * f * time_s + p) for a, f, p in waves), -140, 60)
    hip[gap[0] : gap[0] + gap[1]] = np.nan
    recording = Recording(
        time_s, {"hip_extension": hip, "knee_flexion": np.zeros(frames), "lumbar_extension": hip / 4}
    )
    report = analyze_set(recording, "cable")
    assert json.dumps(report.as_dict(), allow_nan=False) and report.describe()
