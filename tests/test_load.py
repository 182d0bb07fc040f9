"""Tests for kickback.load: the hip-extension torque demand of the leg's weight and each load."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kickback.model.loads
import kickback.model.torque
from kickback.data_files import read_table
from kickback.model.anthropometrics import Body, default_body
from kickback.model.loads import (
    BandLoad,
    CableLoad,
    DumbbellLoad,
    G,
    MachineLoad,
    default_load,
    read_load_table,
)
from kickback.model.muscles import muscle_moment_arm
from kickback.model.pose import Pose, preset_pose
from kickback.model.skeleton import pose_joints
from kickback.model.torque import (
    describe_curve,
    glute_force_estimate,
    hip_extension_torque,
    measure_line_of_pull,
    split_hip_torque,
    sweep_range,
    torque_curve,
)

BODY = default_body()  # 1.75 m, 75 kg
THIGH, SHANK, FOOT = BODY.leg


def load_part(pose: Pose, variant: str, load) -> float:
    """The load's share of the torque: the total minus the leg's own weight."""
    return split_hip_torque(pose, BODY, variant, load=load).load


# --- the leg's own weight -------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    variant=st.sampled_from(["cable", "machine", "bodyweight"]),
    trunk=st.floats(0, 90),
    hip=st.floats(-120, 40),
    knee=st.floats(0, 140),
    mass=st.floats(30, 125),
)
def test_leg_weight_torque_is_proportional_to_body_mass(variant, trunk, hip, knee, mass):
    pose = Pose(trunk_lean=trunk, hip_extension=hip, knee_flexion=knee)
    light = hip_extension_torque(pose, Body.from_height_mass(1.75, mass), variant)
    heavy = hip_extension_torque(pose, Body.from_height_mass(1.75, 2 * mass), variant)
    assert np.isclose(heavy, 2 * light, rtol=1e-12, atol=1e-9)


def test_leg_weight_torque_uses_the_drawn_positions():
    # Thigh up, knee bent: the drawn foot is in the air, so the drawing's heel and toe hold.
    pose = preset_pose("bodyweight", "correct_top")
    joints = {name: np.array(p) for name, p in pose_joints(pose, BODY, "bodyweight").items()}
    hip, knee, ankle = joints["hip"], joints["knee"], joints["ankle"]
    centres = [
        (THIGH.mass, hip + THIGH.com_fraction * (knee - hip)),
        (SHANK.mass, knee + SHANK.com_fraction * (ankle - knee)),
        (FOOT.mass, joints["heel"] + FOOT.com_fraction * (joints["toe"] - joints["heel"])),
    ]
    expected = G * sum(mass * (hip[0] - centre[0]) for mass, centre in centres)
    assert np.isclose(hip_extension_torque(pose, BODY, "bodyweight"), expected)


# Not on all fours: there a straight leg hanging under the hip would pass through the floor, so the
# skeleton folds the knee until the foot clears it (kickback.model.skeleton).
@pytest.mark.parametrize("variant, trunk", [("cable", 0), ("machine", 30)])
def test_leg_hanging_straight_down_needs_only_the_foot_held(variant, trunk):
    # Thigh and shank sit straight under the hip: no moment. Winter's foot centre of mass is half
    # way from heel to toe, and the heel is a quarter foot behind the ankle, so it sits a quarter
    # foot length ahead of the hip: a small flexion moment (-0.71 N·m for 1.75 m, 75 kg).
    pose = Pose(trunk_lean=trunk, hip_extension=-trunk, knee_flexion=0)
    ahead = (0.5 - BODY.geometry["heel_offset"] / FOOT.length) * FOOT.length
    torque = hip_extension_torque(pose, BODY, variant)
    assert np.isclose(torque, -G * FOOT.mass * ahead)
    assert abs(torque) < 1.0


def test_quadruped_torque_peaks_near_the_thigh_horizontal_at_about_33_nm():
    # By hand: thigh t from hanging (degrees), knee 90°, so the shank points t + 90° from hanging
    # and the relaxed foot lies along the thigh's direction. Horizontal distances behind the hip:
    #   thigh CoM  c_t sin t;  shank CoM  L_t sin t + c_s cos t;
    #   foot CoM   (L_t + f) sin t + (L_s + h) cos t,  f = foot CoM past the ankle along the foot,
    #              h = ankle height (the sole lies h beyond the ankle along the shank).
    # So torque = g (A sin t + B cos t): A sin t + B cos t peaks at t = atan2(A, B) with
    # value g sqrt(A² + B²), and equals g A with the thigh horizontal (t = 90°).
    f = FOOT.length * FOOT.com_fraction - BODY.geometry["heel_offset"]
    A = THIGH.mass * THIGH.com_distance + (SHANK.mass + FOOT.mass) * THIGH.length + FOOT.mass * f
    B = SHANK.mass * SHANK.com_distance + FOOT.mass * (SHANK.length + BODY.geometry["ankle_height"])
    horizontal = preset_pose("bodyweight", "correct_top")  # trunk 80 + hip 10: thigh horizontal
    assert np.isclose(hip_extension_torque(horizontal, BODY, "bodyweight"), G * A)  # 33.6 N·m
    assert abs(G * A - 33) < 1

    hip, torque = torque_curve("bodyweight", BODY, hip_extension=np.arange(-80, 20.01, 0.1))
    peak = describe_curve(hip, torque)
    peak_thigh = peak.peak_angle + horizontal.trunk_lean
    assert np.isclose(peak.peak_torque, G * math.hypot(A, B), atol=1e-3)  # 35.6 N·m
    assert abs(peak_thigh - math.degrees(math.atan2(A, B))) < 0.1  # 70.8°: 19° below horizontal
    assert abs(peak_thigh - 90) < 20 and abs(peak.peak_torque - 33) < 3


# --- cable ----------------------------------------------------------------------------------


def test_cable_through_the_hip_adds_nothing():
    pose = preset_pose("cable", "correct_top")
    joints = pose_joints(pose, BODY, "cable")
    (hip_x, hip_y), (strap_x, strap_y) = joints["hip"], joints["strap"]
    distance = 0.70
    height = hip_y + (distance - hip_x) * (hip_y - strap_y) / (
        hip_x - strap_x
    )  # the strap-hip line, extended
    load = CableLoad(20, pulley_height_m=height, pulley_distance_m=distance)
    assert np.isclose(load_part(pose, "cable", load), 0.0, atol=1e-9)
    assert np.isclose(
        hip_extension_torque(pose, BODY, "cable", load=load), hip_extension_torque(pose, BODY, "cable")
    )


@settings(max_examples=40, deadline=None)
@given(hip=st.floats(-15, 30), height=st.floats(0.0, 0.3), distance=st.floats(0.3, 2.0))
def test_low_pulley_in_front_resists_the_leg_behind(hip, height, distance):
    # Pulley and strap are both below the hip, on either side of it: the hip lies above the cable,
    # which pulls the ankle forward, swinging the leg into flexion.
    pose = preset_pose("cable", "start").replace(hip_extension=hip)
    joints = pose_joints(pose, BODY, "cable")
    assert joints["strap"][0] < joints["hip"][0] and joints["strap"][1] < joints["hip"][1]
    assert load_part(pose, "cable", CableLoad(10, height, distance)) > 0


def test_pulley_ratio_two_halves_the_tension_and_the_torque():
    single, double = CableLoad(20, 0.1, 0.7), CableLoad(20, 0.1, 0.7, pulley_ratio=2)
    assert np.isclose(single.tension_n, 20 * G) and np.isclose(double.tension_n, single.tension_n / 2)
    pose = preset_pose("cable", "start")
    assert np.isclose(load_part(pose, "cable", double), load_part(pose, "cable", single) / 2)


def test_the_drawing_and_the_torque_share_the_pulley():
    load = CableLoad(10, pulley_height_m=1.2, pulley_distance_m=1.5)
    pose = preset_pose("cable", "correct_top")
    drawn = pose_joints(pose, BODY, "cable", setup=load.setup)
    line = measure_line_of_pull(pose, BODY, "cable", load)
    assert line.anchor == drawn["pulley"] == (1.5, 1.2) and line.attach == drawn["strap"]
    assert np.isclose(line.torque_nm, load_part(pose, "cable", load))


# --- continuity -----------------------------------------------------------------------------

STEP = 0.1  # degrees
REACH = THIGH.length + SHANK.length + FOOT.length  # no point of the leg is further from the hip


def step_bound(load, joints_window: list[dict[str, np.ndarray]]) -> float:
    """Most a torque can change when the leg turns STEP degrees about the hip (knee fixed), N·m.

    Each leg point moves at most REACH × dθ. A force of fixed direction (gravity, the dumbbell)
    then changes its moment by at most force × REACH × dθ. A cable or band line through a fixed
    anchor turns by at most REACH × dθ / (anchor to attachment), which moves its distance from the
    hip by at most (anchor to hip) times that; a band's force also changes by stiffness × REACH × dθ.
    The cam's torque is constant; the plate's, m g a sin, changes by at most m g a dθ.
    """
    dtheta = math.radians(STEP)
    bound = G * sum(s.mass for s in BODY.leg) * REACH * dtheta
    if isinstance(load, DumbbellLoad):
        bound += load.mass_kg * G * REACH * dtheta
    elif isinstance(load, MachineLoad):
        bound += load.mass_kg * G * load.lever_arm_m * dtheta
    elif isinstance(load, (CableLoad, BandLoad)):
        if isinstance(load, CableLoad):
            anchor, point = np.array([load.pulley_distance_m, load.pulley_height_m]), "strap"
        else:
            anchor, point = load.anchor, load.attach
        to_hip = float(np.hypot(*(anchor - joints_window[0]["hip"])))
        closest = min(float(np.hypot(*(anchor - j[point]))) for j in joints_window) - REACH * dtheta
        turn = to_hip * REACH * dtheta / max(closest, 1e-6)
        if isinstance(load, CableLoad):
            bound += load.tension_n * turn
        else:
            most = load.get_force(to_hip + REACH)
            bound += load.stiffness_n_per_m * REACH * dtheta * to_hip + most * turn
    return bound * 1.001 + 1e-9  # room for rounding only


cable_loads = st.builds(
    CableLoad, st.floats(0, 150), st.floats(0.0, 2.2), st.floats(0.3, 2.0), st.floats(1.0, 4.0)
)
band_loads = st.builds(
    BandLoad,
    st.floats(0, 2000),
    st.floats(0.1, 3.0),
    st.floats(0.0, 2.2),
    st.floats(0.0, 2.0),
    st.sampled_from(["ankle", "knee"]),
)
machine_loads = st.builds(
    MachineLoad, st.floats(0, 200), st.sampled_from(["cam", "plate"]), st.floats(0.1, 1.0)
)
dumbbell_loads = st.builds(DumbbellLoad, st.floats(0, 40))
variant_and_load = st.one_of(
    st.tuples(st.just("cable"), st.one_of(st.none(), cable_loads, band_loads)),
    st.tuples(st.just("machine"), st.one_of(st.none(), machine_loads)),
    st.tuples(st.just("bodyweight"), st.one_of(st.none(), band_loads, dumbbell_loads)),
)


@settings(max_examples=60, deadline=None)
@given(case=variant_and_load, where=st.floats(0, 1))
def test_torque_curves_have_no_jumps(case, where):
    variant, load = case
    sweep = sweep_range(variant)
    first = sweep[0] + where * (sweep[-1] - sweep[0] - 5)
    angles = first + STEP * np.arange(51)  # a 5° window in 0.1° steps
    _, torque = torque_curve(variant, BODY, load=load, hip_extension=angles)
    base = preset_pose(variant, "start")
    setup = load.setup if isinstance(load, CableLoad) else None
    window = [
        {
            k: np.array(p)
            for k, p in pose_joints(base.replace(hip_extension=a), BODY, variant, setup=setup).items()
        }
        for a in angles
    ]
    assert np.max(np.abs(np.diff(torque))) <= step_bound(load, window)


# --- band, machine, dumbbell ----------------------------------------------------------------


@pytest.mark.parametrize("variant", ["cable", "bodyweight"])
def test_slack_band_pulls_nothing(variant):
    slack = BandLoad(500, rest_length_m=3.0, anchor_height_m=0.05, anchor_distance_m=0.55)
    hip, _ = torque_curve(variant, BODY)
    for angle in hip:
        pose = preset_pose(variant, "start").replace(hip_extension=float(angle))
        assert measure_line_of_pull(pose, BODY, variant, slack).force_n == 0.0
        assert load_part(pose, variant, slack) == 0.0


def test_stretched_band_pulls_stiffness_times_stretch():
    band = default_load("bodyweight", "band")
    pose = preset_pose("bodyweight", "correct_top")
    line = measure_line_of_pull(pose, BODY, "bodyweight", band)
    length = math.dist(line.anchor, line.attach)
    assert line.attach == pose_joints(pose, BODY, "bodyweight")["ankle"]
    assert (
        np.isclose(line.force_n, band.stiffness_n_per_m * (length - band.rest_length_m)) and line.force_n > 0
    )


def test_cam_machine_adds_a_constant_torque():
    load = MachineLoad(20, "cam", lever_arm_m=0.35)
    hip, with_machine = torque_curve("machine", BODY, load=load)
    _, leg_only = torque_curve("machine", BODY)
    assert np.allclose(with_machine - leg_only, 20 * G * 0.35)


def test_plate_machine_adds_torque_as_the_sine_of_the_thigh_angle():
    load = MachineLoad(20, "plate", lever_arm_m=0.5)
    base = preset_pose("machine", "start")
    hip, with_machine = torque_curve("machine", BODY, load=load)
    _, leg_only = torque_curve("machine", BODY)
    thigh = np.radians(hip + base.trunk_lean + base.lumbar_extension)  # thigh angle from hanging
    assert np.allclose(with_machine - leg_only, np.maximum(0.0, 20 * G * 0.5 * np.sin(thigh)))
    assert np.any(thigh < 0) and np.any(
        thigh > 0
    )  # the sweep crosses vertical: the pad-only-pushes case is tested


@settings(max_examples=30, deadline=None)
@given(hip=st.floats(-80, 20), mass=st.floats(0, 40))
def test_dumbbell_behind_the_knee_adds_its_weight_times_the_knee_offset(hip, mass):
    pose = preset_pose("bodyweight", "start").replace(hip_extension=hip)
    joints = pose_joints(pose, BODY, "bodyweight")
    expected = mass * G * (joints["hip"][0] - joints["knee"][0])
    assert np.isclose(load_part(pose, "bodyweight", DumbbellLoad(mass)), expected, atol=1e-9)


# --- curves and helpers ---------------------------------------------------------------------


def test_default_sweep_runs_from_the_start_to_10_degrees_past_the_top():
    for variant in ("cable", "machine", "bodyweight"):
        hip, torque = torque_curve(variant, BODY, load=default_load(variant))
        start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
        assert hip[0] == start.hip_extension and hip[-1] == top.hip_extension + 10
        assert np.allclose(np.diff(hip), 1.0) and torque.shape == hip.shape


def test_describe_curve_finds_the_peak_and_the_low():
    summary = describe_curve([-10, 0, 10, 20], [3.0, 8.0, 5.0, 1.0])
    assert (summary.peak_angle, summary.peak_torque, summary.low_angle, summary.low_torque) == (
        0,
        8.0,
        20,
        1.0,
    )
    assert summary.shape == "peaks"
    assert summary.describe() == (
        "peaks: highest 8 N·m with the hip neutral (0°), lowest 1 N·m at the end (hip extended 20°)"
    )
    assert describe_curve([0, 1], [10.0, 10.2]).shape == "even"
    assert describe_curve([0, 1, 2], [9.0, 5.0, 1.0]).shape == "falls"


def test_glute_force_is_torque_over_the_mean_glute_moment_arm():
    pose = preset_pose("bodyweight", "correct_top")
    arm = muscle_moment_arm("glmax", hip_extension=pose.hip_extension, knee_flexion=pose.knee_flexion)
    force = glute_force_estimate(pose, BODY, "bodyweight", load=DumbbellLoad(5))
    assert np.isclose(force, hip_extension_torque(pose, BODY, "bodyweight", load=DumbbellLoad(5)) / arm)


def test_glute_force_refuses_hip_angles_outside_the_moment_arm_table():
    pose = preset_pose("cable", "correct_top").replace(hip_extension=25)
    with pytest.raises(ValueError, match=r"hip_extension .*-100 to 20 degrees; got 25"):
        glute_force_estimate(pose, BODY, "cable", load=default_load("cable"))


def test_default_loads_come_from_the_table():
    assert default_load("cable") == CableLoad(10, 0.10, 0.70, 1.0)
    assert default_load("machine") == MachineLoad(20, "cam", 0.35)
    assert default_load("bodyweight") is None
    assert default_load("bodyweight", "band") == BandLoad(150, 0.60, 0.05, 0.55, "ankle")


def test_load_table_names_units_rationales_and_sources():
    for (load, field), row in read_load_table().items():
        assert row["default"] and row["rationale"] and "teaching heuristic" in row["source"], (load, field)
        if row["low"]:  # a number, not a choice
            assert row["unit"] and float(row["low"]) <= float(row["default"]) <= float(row["high"]), (
                load,
                field,
            )


def test_pulley_limits_and_defaults_agree_with_the_equipment_table():
    loads = read_load_table()
    equipment_rows = {row["name"]: row for row in read_table("equipment") if row["variant"] == "cable"}
    for name in ("pulley_height", "pulley_distance"):
        ours, theirs = loads[("cable", f"{name}_m")], equipment_rows[name]
        assert [float(ours[k]) for k in ("default", "low", "high")] == [
            float(theirs[k]) for k in ("value", "low", "high")
        ]


def test_docstring_examples_hold():
    assert doctest.testmod(kickback.model.loads).failed == 0
    assert doctest.testmod(kickback.model.torque).failed == 0


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: CableLoad(-5, 0.1, 0.7), r"stack_mass_kg is outside the allowed range 0 to 150 kg; got -5"),
        (
            lambda: CableLoad(10, 0.1, 0.7, pulley_ratio=0.5),
            r"pulley_ratio is outside the allowed range 1 to 4; got 0.5",
        ),
        (
            lambda: CableLoad(float("nan"), 0.1, 0.7),
            r"stack_mass_kg must be a finite number \(allowed range 0 to 150 kg\); got nan",
        ),
        (lambda: MachineLoad(20, kind="lever"), r"kind must be one of 'cam', 'plate'; got 'lever'"),
        (
            lambda: MachineLoad(20, lever_arm_m=float("nan")),
            r"lever_arm_m must be a finite number \(allowed range 0.1 to 1 m\); got nan",
        ),
        (
            lambda: BandLoad(150, 0.6, 0.05, 0.55, attach="foot"),
            r"attach must be one of 'ankle', 'knee'; got 'foot'",
        ),
        (
            lambda: BandLoad(-1, 0.6, 0.05, 0.55),
            r"stiffness_n_per_m is outside the allowed range 0 to 2000 N/m; got -1",
        ),
        (
            lambda: DumbbellLoad("heavy"),
            r"mass_kg must be a number \(allowed range 0 to 40 kg\); got 'heavy'",
        ),
    ],
)
def test_bad_load_fields_are_named_with_their_range(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize(
    "load, variant, message",
    [
        (DumbbellLoad(5), "cable", r"variant for a DumbbellLoad must be one of 'bodyweight'; got 'cable'"),
        (
            CableLoad(10, 0.1, 0.7),
            "machine",
            r"variant for a CableLoad must be one of 'cable'; got 'machine'",
        ),
        (
            BandLoad(150, 0.6, 0.05, 0.55),
            "machine",
            r"variant for a BandLoad must be one of 'cable', 'bodyweight'; got 'machine'",
        ),
        (
            MachineLoad(20),
            "bodyweight",
            r"variant for a MachineLoad must be one of 'machine'; got 'bodyweight'",
        ),
        (
            "cable",
            "cable",
            r"load must be None or one of CableLoad, MachineLoad, MiniBandLoad, BandLoad, DumbbellLoad; "
            r"got 'cable'",
        ),
    ],
)
def test_wrong_load_for_the_variant_is_refused(load, variant, message):
    with pytest.raises(ValueError, match=message):
        hip_extension_torque(Pose(), BODY, variant, load=load)
    with pytest.raises(ValueError, match=message):
        torque_curve(variant, BODY, load=load)


def test_bad_default_load_and_variant_are_refused():
    with pytest.raises(
        ValueError,
        match=r"kind must be one of 'cable', 'cam', 'plate', 'mini_band', 'anchored_band', 'dumbbell'; "
        r"got 'kettlebell'",
    ):
        default_load("cable", "kettlebell")
    with pytest.raises(
        ValueError, match=r"variant must be one of 'cable', 'machine', 'bodyweight'; got 'rowing'"
    ):
        hip_extension_torque(Pose(), BODY, "rowing")
    with pytest.raises(
        ValueError, match=r"hip_extension is outside the allowed range -140 to 60 deg; got 90.0"
    ):
        torque_curve("cable", BODY, hip_extension=[0, 90])
