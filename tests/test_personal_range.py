"""Tests for the checker fitted to the person: `hip_range` changes the verdicts, both ways."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kickback as kb
from kickback.__main__ import main
from kickback.form.analysis import analyze_set
from kickback.form.findings import check_pose
from kickback.form.recordings import write_angles_csv
from kickback.form.simulate import simulate_set
from kickback.form.thresholds import hip_range_bounds, read_thresholds, target_top, threshold
from kickback.model.pose import preset_pose


def shifted(recording, degrees: float, *, drop: tuple[str, ...] = ()):
    """The recording with the hip angle moved by `degrees` and some columns removed."""
    angles = {name: values for name, values in recording.angles.items() if name not in drop}
    angles["hip_extension"] = angles["hip_extension"] + degrees
    return dataclasses.replace(recording, angles=angles)


def mistakes(report) -> set[tuple[str, str]]:
    return {(f.mistake, f.check) for f in report.findings}


# --- one pose -------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["cable", "machine"])
def test_a_small_range_is_not_told_to_push_further(variant):
    top = preset_pose(variant, "correct_top").replace(hip_extension=9)
    assert [f.mistake for f in check_pose(top, variant)] == ["incomplete_rom"]
    assert check_pose(top, variant, hip_range=10) == []


def test_the_message_names_the_persons_own_range():
    short = preset_pose("cable", "correct_top").replace(hip_extension=-5)
    (finding,) = check_pose(short, "cable", hip_range=12)
    assert finding.limit == 12 - threshold("rom_shortfall_max") and "your own range" in finding.message


@settings(max_examples=40, deadline=None)
@given(hip_range=st.floats(0, 30), variant=st.sampled_from(["cable", "machine", "bodyweight"]))
def test_reaching_ones_own_range_or_the_variants_top_is_never_incomplete(hip_range, variant):
    reach = min(hip_range, target_top(variant))
    pose = preset_pose(variant, "correct_top").replace(hip_extension=reach)
    assert "incomplete_rom" not in {f.mistake for f in check_pose(pose, variant, hip_range=hip_range)}


@settings(max_examples=40, deadline=None)
@given(hip=st.floats(-20, 45), lumbar=st.floats(-10, 10), hip_range=st.floats(0, 30))
def test_a_neutral_lower_back_is_never_an_arched_back_whatever_the_hip(hip, lumbar, hip_range):
    pose = preset_pose("cable", "correct_top").replace(hip_extension=hip, lumbar_extension=lumbar)
    assert "arched_back" not in {f.mistake for f in check_pose(pose, "cable", hip_range=hip_range)}


def test_an_arched_lower_back_is_found_whatever_the_hip_range():
    arched = preset_pose("bodyweight", "arched_back")
    for hip_range in (0, 10, 30):
        assert "arched_back" in {f.mistake for f in check_pose(arched, "bodyweight", hip_range=hip_range)}


# --- a recorded set (side view: no lumbar angle) ------------------------------------------------


def test_a_large_range_is_not_flagged_for_an_arched_back_from_the_side():
    side = shifted(simulate_set("cable", None), 8, drop=("lumbar_extension",))  # top near 28°
    assert ("arched_back", "thigh_to_trunk") in mistakes(analyze_set(side, "cable"))
    assert ("arched_back", "thigh_to_trunk") not in mistakes(analyze_set(side, "cable", hip_range=30))


def test_a_small_range_is_flagged_sooner_from_the_side():
    side = shifted(simulate_set("cable", None), 0, drop=("lumbar_extension",))  # top near 20°
    assert ("arched_back", "thigh_to_trunk") not in mistakes(analyze_set(side, "cable"))
    assert ("arched_back", "thigh_to_trunk") in mistakes(analyze_set(side, "cable", hip_range=10))


def test_a_recorded_short_top_is_fine_for_a_small_range():
    short = shifted(simulate_set("cable", None), -10)  # top near 10°
    assert ("incomplete_rom", "top_position") in mistakes(analyze_set(short, "cable"))
    assert ("incomplete_rom", "top_position") not in mistakes(analyze_set(short, "cable", hip_range=10))


def test_with_the_lumbar_angle_recorded_the_hip_range_does_not_decide_the_arch():
    recording = simulate_set("cable", None)
    for hip_range in (0, 10, 30):
        assert "arched_back" not in {
            m for m, _ in mistakes(analyze_set(recording, "cable", hip_range=hip_range))
        }
    arched = simulate_set("cable", "arched_back")
    assert ("arched_back", "lumbar_extension") in mistakes(analyze_set(arched, "cable", hip_range=30))


# --- checked at the door, and on the command line -------------------------------------------------


@pytest.mark.parametrize("bad", [-1, 31, float("nan"), "20"])
def test_a_bad_hip_range_is_refused_naming_the_field_and_the_range(bad):
    low, high = hip_range_bounds()
    with pytest.raises(ValueError, match=rf"hip_range .*{low:g} to {high:g} deg\)?; got"):
        check_pose(preset_pose("cable", "correct_top"), "cable", hip_range=bad)
    with pytest.raises(ValueError, match=r"hip_range"):
        analyze_set(simulate_set("cable", None), "cable", hip_range=bad)


def test_the_namespace_and_the_command_line_take_the_hip_range(tmp_path, capsys):
    short = shifted(simulate_set("cable", None), -10)
    path = write_angles_csv(tmp_path / "short.csv", short)
    assert (
        kb.check_pose(preset_pose("cable", "correct_top").replace(hip_extension=9), "cable", hip_range=10)
        == []
    )
    assert main(["check", str(path), "--variant", "cable", "--json"]) == 0
    default = {f["check"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert main(["check", str(path), "--variant", "cable", "--hip-range", "10", "--json"]) == 0
    personal = {f["check"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "top_position" in default and "top_position" not in personal
    assert main(["check", str(path), "--variant", "cable", "--hip-range", "45"]) == 2
    assert "hip_range" in capsys.readouterr().err


# --- the hip hike: part of "tilt or rotate" -----------------------------------------------------------


def test_a_hip_hike_is_flagged_with_the_pelvic_mistake():
    top = preset_pose("cable", "correct_top")
    limit = threshold("pelvic_hike_max")
    assert check_pose(top.replace(pelvic_hike=limit - 1), "cable") == []
    for hike in (limit + 4, -(limit + 4)):
        (finding,) = check_pose(top.replace(pelvic_hike=hike), "cable")
        assert (finding.mistake, finding.check, finding.measured) == (
            "pelvic_rotation",
            "pelvic_hike",
            abs(hike),
        )
        assert "level" in finding.message


def test_the_hike_threshold_has_a_rationale_and_says_it_is_a_heuristic():
    row = read_thresholds()["pelvic_hike_max"]
    assert row.group == "form" and row.unit == "deg" and "teaching heuristic" in row.source
    assert "gluteus medius" in row.rationale and "pelvic_rotation" in row.rationale
    assert 0 < row.value < threshold("pelvic_rotation_max")
