"""Tests for the whole-set checker's data flow: what a body on all fours can do when the core gives, the
person's own hip range carried as data, the hip hike in a set, and "is this the exercise?" in Python."""

from __future__ import annotations

import dataclasses
import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kickback as kb
from kickback.form.analysis import analyze_set
from kickback.form.exercise_gate import judge_angles
from kickback.form.findings import MISTAKES
from kickback.form.recordings import (
    RECORDINGS_DIR,
    Recording,
    guess_format,
    list_recordings,
    read_recording,
    write_angles_csv,
)
from kickback.form.rep_checks import _judge_reps, _SetData
from kickback.form.reps import count_reps, time_phases
from kickback.form.signal import lowpass, resample_uniform
from kickback.form.simulate import simulate_set, write_keypoints_csv
from kickback.form.thresholds import threshold
from kickback.model.pose import read_limits
from kickback.model.variants import QUADRUPED, VARIANTS


def checks(report) -> set[tuple[str, str]]:
    return {(f.mistake, f.check) for f in report.findings}


def with_angles(recording: Recording, **angles: np.ndarray) -> Recording:
    return dataclasses.replace(recording, angles={**recording.angles, **angles})


# --- a weak core on all fours: the back sags and the pelvis drops, the trunk's lean stays --------------


def explorer_range(variant: str, field: str) -> tuple[float, float]:
    from kickback.form.exercise_gate import variant_range

    return variant_range(variant, field)


def test_a_weak_core_on_all_fours_keeps_the_trunk_lean_a_body_can_hold():
    recording = simulate_set(QUADRUPED, "weak_core", noise_deg=0.0)
    low, high = explorer_range(QUADRUPED, "trunk_lean")
    trunk = recording.angles["trunk_lean"]
    assert low <= trunk.min() and trunk.max() <= high and np.ptp(trunk) == 0
    lumbar, hike = recording.angles["lumbar_extension"], recording.angles["pelvic_hike"]
    assert 0 < lumbar.max() <= threshold("lumbar_extension_max")  # sags, but is no arched back
    assert hike.min() < 0 and abs(hike.min()) <= threshold("pelvic_hike_max")  # working side drops


def test_standing_the_weak_core_is_still_the_trunk_rocking():
    recording = simulate_set("cable", "weak_core", noise_deg=0.0)
    assert np.ptp(recording.angles["trunk_lean"]) > threshold("trunk_excursion_max")
    assert np.ptp(recording.angles["lumbar_extension"]) == 0 and np.ptp(recording.angles["pelvic_hike"]) == 0


@pytest.mark.parametrize("seed", range(4))
def test_a_sagging_back_on_all_fours_is_a_weak_core_in_every_rep(seed):
    report = analyze_set(simulate_set(QUADRUPED, "weak_core", seed=seed), QUADRUPED)
    assert report.mistakes() == {"weak_core"}
    assert {f.rep for f in report.findings if f.check == "lumbar_excursion"} == set(range(1, 9))
    assert "sagged" in report.findings[0].message and "all fours" in report.findings[0].message


def test_a_back_past_the_arch_limit_is_an_arched_back_not_also_a_weak_core():
    report = analyze_set(simulate_set(QUADRUPED, "arched_back"), QUADRUPED)
    assert report.mistakes() == {"arched_back"}


def test_a_pelvis_that_drops_within_the_hike_limit_is_a_weak_core_on_all_fours_only():
    base = simulate_set(QUADRUPED, None, noise_deg=0.0)
    progress = (base.angles["hip_extension"] + 80) / 90  # 0 at the bottom, 1 at the top
    dropping = with_angles(base, pelvic_hike=-7.5 * progress)
    assert checks(analyze_set(dropping, QUADRUPED)) == {("weak_core", "pelvic_hike_excursion")}
    assert analyze_set(base, QUADRUPED).findings == ()
    standing = simulate_set("cable", None, noise_deg=0.0)
    lifted = with_angles(standing, pelvic_hike=-7.5 * (standing.angles["hip_extension"] + 15) / 35)
    assert analyze_set(lifted, "cable").findings == ()


def test_without_the_back_or_the_pelvis_a_weak_core_on_all_fours_cannot_be_judged_and_says_why():
    recording = simulate_set(QUADRUPED, "weak_core")
    bare = dataclasses.replace(
        recording,
        angles={k: v for k, v in recording.angles.items() if k not in ("lumbar_extension", "pelvic_hike")},
    )
    report = analyze_set(bare, QUADRUPED)
    assert report.findings == ()
    (item,) = [item for item in report.cannot_judge if item.check == "lower_back_and_pelvis"]
    assert item.mistake == "weak_core" and "sagging" in item.reason
    assert "lower_back_and_pelvis" not in {i.check for i in analyze_set(bare, "cable").cannot_judge}


def test_the_shipped_weak_core_on_all_fours_is_found():
    path = RECORDINGS_DIR / "bodyweight_weak_core_angles.csv"
    assert analyze_set(read_recording(path), QUADRUPED).mistakes() == {"weak_core"}


# --- the person's own hip range travels with the set's data ------------------------------------------------


def short_set_data(hip_range):
    """A cable set whose top stops near 10°, as the rep checks read it."""
    recording = simulate_set("cable", None)
    hip = recording.angles["hip_extension"] - 10
    grid, filled, missing = resample_uniform(recording.time_s, {**recording.angles, "hip_extension": hip})
    step = float(grid[1] - grid[0])
    angles = {name: lowpass(values, 1 / step) for name, values in filled.items()}
    data = _SetData("cable", step, angles, missing, False, hip_range)
    reps = time_phases(grid, angles["hip_extension"], count_reps(angles["hip_extension"], 1 / step))
    return data, reps


def test_the_rep_checks_read_the_hip_range_from_the_sets_data():
    for hip_range, flagged in ((None, True), (10, False)):
        data, reps = short_set_data(hip_range)
        findings, _ = _judge_reps(data, reps)
        assert any(f.check == "top_position" for f in findings) == flagged


def test_the_sets_data_refuses_a_bad_hip_range_by_name():
    with pytest.raises(ValueError, match="hip_range"):
        short_set_data(45)


def test_sets_judged_at_once_against_different_ranges_do_not_mix():
    short = with_angles(
        simulate_set("cable", None), hip_extension=simulate_set("cable").angles["hip_extension"] - 10
    )
    ranges = [None, 10, None, 10, None, 10]
    with ThreadPoolExecutor(max_workers=3) as pool:
        reports = list(pool.map(lambda r: analyze_set(short, "cable", hip_range=r), ranges))
    for hip_range, report in zip(ranges, reports):
        assert (("incomplete_rom", "top_position") in checks(report)) == (hip_range is None)


# --- a hip hike in a set is the pelvic mistake, as in one pose ---------------------------------------


def hiked(recording: Recording, degrees: float) -> Recording:
    """The recording with the working side of the pelvis rising `degrees` at the top of every rep."""
    hip = recording.angles["hip_extension"]
    progress = (hip - hip.min()) / (hip.max() - hip.min())
    return with_angles(recording, pelvic_hike=degrees * progress)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_hip_hike_in_a_set_is_flagged_and_the_same_set_without_it_is_not(variant, tmp_path):
    plain = simulate_set(variant, None, noise_deg=0.0)
    hike = threshold("pelvic_hike_max") + 6
    with_hike = analyze_set(hiked(plain, hike), variant)
    assert ("pelvic_rotation", "pelvic_hike") in checks(with_hike)
    assert {f.rep for f in with_hike.findings if f.check == "pelvic_hike"} == set(range(1, 9))
    assert "hip hike" in with_hike.findings[0].message
    assert analyze_set(plain, variant).findings == ()
    # read from a file, as the command line reads it
    path = write_angles_csv(tmp_path / "hiked.csv", hiked(plain, hike))
    assert ("pelvic_rotation", "pelvic_hike") in checks(analyze_set(path, variant))


def test_a_hike_under_the_limit_is_not_flagged_in_a_set():
    plain = simulate_set("cable", None, noise_deg=0.0)
    assert analyze_set(hiked(plain, threshold("pelvic_hike_max") - 2), "cable").findings == ()


def test_a_file_without_the_hike_column_says_it_was_not_measured(tmp_path):
    recording = simulate_set("cable", None)
    bare = dataclasses.replace(
        recording, angles={k: v for k, v in recording.angles.items() if k != "pelvic_hike"}
    )
    report = analyze_set(write_angles_csv(tmp_path / "bare.csv", bare), "cable")
    (item,) = [item for item in report.cannot_judge if item.check == "pelvic_hike"]
    assert "No pelvic_hike_deg column" in item.reason


# --- is this the exercise? analyze_set asks too, and says so instead of raising ----------------------


def jump(seconds: float = 12.0, fps: float = 30.0) -> Recording:
    """Someone jumping on a box, seen from the side: upright trunk, the thigh swinging far forward."""
    time_s = np.arange(0, seconds, 1 / fps)
    hip = -45 + 45 * np.cos(2 * np.pi * time_s / 1.5)
    return Recording(
        time_s, {"hip_extension": hip, "knee_flexion": 60 + 0 * hip, "trunk_lean": 10 + 5 * np.sin(time_s)}
    )


def test_a_recording_that_is_not_a_kickback_is_reported_not_judged_with_the_reason():
    recording = jump()
    report = analyze_set(recording, QUADRUPED)
    line = judge_angles(recording, QUADRUPED).message()
    assert report.not_judged == line and line.startswith("this does not look like a quadruped kickback")
    assert report.reps == () and report.findings == () and not report.judged
    assert [(item.check, item.reason) for item in report.cannot_judge] == [("exercise", line)]
    words = report.describe()
    assert f"Form was not judged: {line}." in words and "No mistakes found" not in words
    values = json.loads(json.dumps(report.as_dict(), allow_nan=False))
    assert values["not_judged"] == line and values["findings"] == [] and values["reps"] == []


def test_the_wrong_variant_is_not_judged_and_the_namespace_agrees():
    report = kb.analyze_set(simulate_set("cable", "arched_back"), QUADRUPED)
    assert report.not_judged and "upright" in report.not_judged and report.mistakes() == set()
    assert kb.analyze_set(simulate_set("cable", "arched_back"), "cable").mistakes() == {"arched_back"}


def test_a_keypoints_file_of_the_wrong_variant_is_not_judged(tmp_path):
    path = write_keypoints_csv(tmp_path / "k.csv", simulate_set("cable", None, reps=4), "cable")
    recording = read_recording(path, format="coco17", side="right")
    assert analyze_set(recording, "cable").judged
    refused = analyze_set(recording, QUADRUPED)
    assert refused.not_judged.startswith("this does not look like a quadruped kickback")
    assert refused.findings == () and refused.reps == ()


@pytest.mark.parametrize("name", list_recordings())
def test_every_shipped_example_is_judged(name):
    fmt = guess_format(name)
    recording = read_recording(RECORDINGS_DIR / name, format=fmt, side=None if fmt == "angles" else "right")
    report = analyze_set(recording, name.split("_")[0])
    assert report.not_judged is None and report.judged


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("mistake", (None,) + MISTAKES)
def test_every_simulated_set_is_judged(variant, mistake):
    report = analyze_set(simulate_set(variant, mistake, reps=3), variant)
    assert report.not_judged is None and len(report.reps) == 3


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), variant=st.sampled_from(VARIANTS), reps=st.integers(2, 6))
def test_any_seed_of_a_good_set_is_judged_and_clean(seed, variant, reps):
    report = analyze_set(simulate_set(variant, None, reps=reps, seed=seed), variant)
    assert report.not_judged is None and len(report.reps) == reps and report.findings == ()


def test_every_simulated_angle_stays_inside_the_models_limits():
    limits = read_limits()
    for variant in VARIANTS:
        for mistake in (None,) + MISTAKES:
            for name, values in simulate_set(variant, mistake, reps=2, noise_deg=0.0).angles.items():
                low, high, _ = limits[name]
                assert low <= values.min() and values.max() <= high, (variant, mistake, name)
