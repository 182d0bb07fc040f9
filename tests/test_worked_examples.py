"""The lessons' one-call worked examples: they agree with the model and say it in plain words."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kickback as kb
from kickback.content import worked_examples as we
from kickback.form.thresholds import read_thresholds


def numbers(text):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", str(text))]


def test_every_worked_example_is_a_public_name():
    for name in (
        "try_pose",
        "compare_cable_taut_and_resting",
        "compare_pad_positions",
        "show_machine_resistance",
        "compare_machine_kinds",
        "show_torque_by_angle",
        "show_leg_weight_torque",
        "show_cable_line_of_pull",
        "estimate_glute_force",
        "compare_knee_angles",
        "write_tempo_both_ways",
        "compare_example_set",
    ):
        assert getattr(kb, name) is getattr(we, name)


def test_try_pose_says_which_field_which_range_and_which_value():
    said = kb.try_pose(hip_extension=400)
    text = repr(said)
    assert text.startswith("Not accepted") and "hip_extension" in text and "400" in text
    low, high = numbers(text)[:2]
    assert low < 0 < high < 400


def test_try_pose_accepts_a_possible_pose_and_names_an_unknown_angle():
    assert repr(kb.try_pose(hip_extension=15)).startswith("Accepted")
    assert "hip_extension 15" not in repr(kb.try_pose(hip_extension=15))  # plain words, not ids
    unknown = repr(kb.try_pose(hip=10))
    assert unknown.startswith("Not accepted") and "'hip'" in unknown


def test_a_taut_cable_asks_more_of_the_hip_than_a_resting_stack():
    table = kb.compare_cable_taut_and_resting()
    taut, resting = (numbers(row[1])[0] for row in table.rows)
    parts = kb.split_hip_torque(
        kb.start_pose("cable"), kb.default_body(), "cable", load=kb.default_load("cable")
    )
    assert taut == pytest.approx(round(parts.total)) and resting == pytest.approx(round(parts.leg))
    assert taut > resting


@settings(max_examples=25, deadline=None)
@given(st.floats(0.5, 1.0), st.floats(0.5, 1.0))
def test_a_higher_pad_presses_harder_for_the_same_torque(low, high):
    table = kb.compare_pad_positions((low, high))
    (force_a, torque_a), (force_b, torque_b) = ((numbers(r[1])[0], numbers(r[2])[0]) for r in table.rows)
    assert torque_a == torque_b
    if abs(low - high) > 0.05:
        assert (force_a > force_b) == (low < high)


def test_the_cam_machine_part_is_even_and_the_total_climbs():
    rows = kb.show_machine_resistance().rows
    machine = [numbers(r[1])[0] for r in rows]
    total = [numbers(r[3])[0] for r in rows]
    assert len(set(machine)) == 1
    assert total == sorted(total) and total[-1] > total[0] * 1.3


def test_a_plate_loaded_lever_grows_toward_the_top_and_a_cam_does_not():
    rows = kb.compare_machine_kinds().rows
    cam = [numbers(r[1])[0] for r in rows]
    plate = [numbers(r[2])[0] for r in rows]
    assert len(set(cam)) == 1 and plate == sorted(plate) and plate[0] < plate[-1]


def test_the_torque_table_is_the_models_torque():
    angles = (-80, -20, 10)
    table = kb.show_torque_by_angle("bodyweight", angles)
    body, base = kb.default_body(), kb.start_pose("bodyweight")
    for angle, row in zip(angles, table.rows):
        expected = kb.hip_extension_torque(base.replace(hip_extension=angle), body, "bodyweight")
        assert numbers(row[2])[0] == pytest.approx(round(expected))
    assert "in front of" in table.rows[0][1] and "behind" in table.rows[2][1]


def test_the_one_sentence_readouts_match_the_model():
    body = kb.default_body()
    torque = kb.hip_extension_torque(kb.top_pose("bodyweight"), body, "bodyweight")
    assert f"{torque:.1f} N·m" in repr(kb.show_leg_weight_torque())
    pull = kb.measure_line_of_pull(kb.top_pose("cable"), body, "cable", kb.default_load("cable"))
    assert f"= {pull.torque_nm:.1f} N·m" in repr(kb.show_cable_line_of_pull())
    force = kb.glute_force_estimate(kb.top_pose("bodyweight"), body, "bodyweight")
    assert f"About {force:.0f} N" in repr(kb.estimate_glute_force())


def test_a_bent_knee_shortens_the_hamstring_and_leaves_the_glute_alone():
    glute, hamstring = kb.compare_knee_angles().rows
    assert numbers(glute[1])[2] == pytest.approx(0.0)
    assert numbers(hamstring[1])[2] < -2  # cm shorter with the knee bent 90°


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 9), st.integers(0, 9), st.integers(1, 9))
def test_a_tempo_is_written_both_ways_and_back(up, hold, down):
    sentence = repr(kb.write_tempo_both_ways(f"{up}-{hold}-{down}"))
    four = re.search(r"is (\d{4}) in gym notation", sentence).group(1)
    assert kb.to_article_notation(four) == f"{up}-{hold}-{down}"
    assert sentence.startswith(f"{up}-{hold}-{down} (up {up} s, hold {hold} s, down {down} s)")


def test_the_momentum_example_is_faster_than_its_tempo_and_a_good_set_is_not():
    verdicts = {row[0]: row[3] for row in kb.compare_example_set("cable_momentum", "2-1-3").rows}
    assert verdicts["up"] == "faster"
    good = {row[0]: row[3] for row in kb.compare_example_set("cable_good", "2-1-3").rows}
    assert good["up"] == "on tempo"


def test_an_unknown_example_is_refused_by_name():
    with pytest.raises(ValueError, match="example"):
        kb.compare_example_set("cable_swinging")


def test_every_form_threshold_has_plain_words():
    form = [name for name, row in read_thresholds().items() if row.group == "form" and "severity" not in name]
    missing = [name for name in form if name not in we.THRESHOLD_WORDS]
    assert not missing, missing
    assert all("_" not in words for words in we.THRESHOLD_WORDS.values())
