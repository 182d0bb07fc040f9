"""Tests for the mini band (a loop round both legs) and the anchored band kept to compare with it."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kickback as kb
import kickback.model.bands
from kickback.model.anthropometrics import Body, default_body
from kickback.model.bands import BandLoad, MiniBandLoad
from kickback.model.loads import default_load, read_load_table
from kickback.model.pose import preset_pose
from kickback.model.torque import measure_line_of_pull, split_hip_torque

BODY = default_body()


def band_part(variant: str, load, body: Body = BODY, *, to: str = "correct_top") -> np.ndarray:
    """The load's torque (N·m) from the variant's start to `to`, 1° a step."""
    start = preset_pose(variant, "start")
    top = preset_pose(variant, to).hip_extension
    angles = np.arange(start.hip_extension, top + 0.5, 1.0)
    return np.array(
        [
            split_hip_torque(start.replace(hip_extension=float(a)), body, variant, load=load).load
            for a in angles
        ]
    )


def table_limits(field: str) -> tuple[float, float]:
    row = read_load_table()[("mini_band", field)]
    return float(row["low"]), float(row["high"])


@settings(max_examples=40, deadline=None)
@given(
    variant=st.sampled_from(["bodyweight", "cable"]),
    stiffness=st.floats(*table_limits("stiffness_n_per_m")),
    rest=st.floats(*table_limits("rest_span_m")),
    spacing=st.floats(*table_limits("leg_spacing_m")),
    attach=st.sampled_from(["knee", "ankle"]),
    height=st.floats(1.4, 2.1),
)
def test_mini_band_torque_grows_toward_the_top(variant, stiffness, rest, spacing, attach, height):
    load = MiniBandLoad(stiffness, rest, spacing, attach)
    torque = band_part(variant, load, Body.from_height_mass(height, 70))
    assert np.all(torque >= -1e-9)
    assert np.all(np.diff(torque) >= -1e-9)


@pytest.mark.parametrize("variant", ["bodyweight", "cable"])
@pytest.mark.parametrize("attach", ["knee", "ankle"])
def test_default_mini_band_is_clearly_hardest_at_the_top(variant, attach):
    load = MiniBandLoad(200, 0.10, 0.15, attach)
    torque = band_part(variant, load)
    assert torque[-1] > 3 * torque[0] and torque[-1] > 5.0


def test_anchored_band_is_the_reverse_hardest_low_on_all_fours():
    torque = band_part("bodyweight", default_load("bodyweight", "anchored_band"))
    assert torque.max() > torque[-1]
    assert int(np.argmax(torque)) < len(torque) // 2


def test_mini_band_pulls_the_working_leg_toward_the_other_leg():
    load = default_load("bodyweight", "mini_band")
    pose = preset_pose("bodyweight", "correct_top")
    line = measure_line_of_pull(pose, BODY, "bodyweight", load)
    joints = kb.pose_joints(pose, BODY, "bodyweight")
    assert line.attach == joints["knee"] and line.anchor == joints["support_knee"]
    gap = float(np.hypot(*np.subtract(line.anchor, line.attach)))
    assert np.isclose(line.force_n, load.get_pull(gap)) and line.force_n > 0


def test_legs_together_the_band_pulls_only_sideways():
    load = MiniBandLoad(300, 0.05, 0.15)
    assert load.get_tension(0.0) > 0 and load.get_pull(0.0) == 0.0
    assert MiniBandLoad(300, 0.30, 0.15).get_tension(0.1) == 0.0  # slack


def test_mini_band_is_reached_from_the_namespace_and_the_old_band_name_still_works():
    assert isinstance(kb.default_load("bodyweight", "mini_band"), kb.MiniBandLoad)
    assert kb.default_load("bodyweight", "band") == kb.default_load("bodyweight", "anchored_band")
    assert isinstance(kb.default_load("cable", "anchored_band"), BandLoad)


def test_mini_band_refuses_the_machine_and_bad_values():
    with pytest.raises(ValueError, match=r"variant for a MiniBandLoad must be one of 'bodyweight', 'cable'"):
        default_load("machine", "mini_band")
    with pytest.raises(ValueError, match=r"leg_spacing_m is outside the allowed range 0 to 0.5 m; got 0.9"):
        MiniBandLoad(200, 0.1, 0.9)
    with pytest.raises(ValueError, match=r"attach must be one of 'ankle', 'knee'; got 'waist'"):
        MiniBandLoad(200, 0.1, 0.15, "waist")


def test_cam_machine_words_and_model_agree():
    """The cam's own part is even; the total rises because of the leg's weight, as the table says."""
    load = default_load("machine")
    parts = [
        split_hip_torque(
            preset_pose("machine", "start").replace(hip_extension=float(a)), BODY, "machine", load=load
        )
        for a in range(-45, 31, 5)
    ]
    machine = np.array([p.load for p in parts])
    total = np.array([p.total for p in parts])
    assert np.ptp(machine) < 1e-9
    assert total[-1] > 1.3 * total[0]
    assert "leg's own weight adds more" in read_load_table()[("machine", "kind")]["rationale"]


def test_band_doctests():
    assert doctest.testmod(kickback.model.bands).failed == 0
