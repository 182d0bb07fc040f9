"""Tests for kickback.muscles: roles, the moment-arm table and its interpolation."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickback.data_files import read_table
from kickback.model.muscles import (
    GLMAX_PARTS,
    MODELS,
    glute_force_needed,
    list_model_muscles,
    moment_arm_curve,
    moment_arm_source,
    muscle_length,
    muscle_moment_arm,
    muscles_by_role,
    read_muscles,
)

REPO = Path(__file__).resolve().parent.parent
ROWS = read_table("moment_arms")
MM = 0.001


# --- roles ----------------------------------------------------------------------------------


def test_roles_follow_the_course_article():
    ids = {role: [m.id for m in muscles] for role, muscles in muscles_by_role().items()}
    assert ids["primary_mover"] == ["glmax"]
    # the adductor magnus is not in the article's list: the course adds it as a hip extensor
    assert ids["synergist"] == ["bflh", "semiten", "semimem", "glmed", "glmin", "addmag", "erector_spinae"]
    assert ids["stabilizer"] == ["transverse_abdominis", "obliques"]


def test_every_muscle_names_its_sources_and_drawing_points():
    for muscle in read_muscles():
        assert muscle.origin and muscle.insertion and muscle.action
        assert "OpenStax" in muscle.source and "Course article" in muscle.role_source
        for point in (muscle.origin_point, muscle.insertion_point):
            assert 0.0 <= point.fraction <= 1.0 and abs(point.offset) < 0.1


def test_moment_arm_source_names_models_commit_and_method():
    notes = " ".join(moment_arm_source())
    for text in (
        "Rajagopal2016.osim",
        "gait2392",
        "20a888b9655e73fb84963d6e03eee3752cf6074b",
        "computeMomentArm",
        "opensim",
    ):
        assert text in notes


# --- interpolation --------------------------------------------------------------------------


def test_interpolation_returns_the_table_at_its_grid_points():
    for row in ROWS:
        where = {
            "hip_extension": float(row["hip_extension_deg"]),
            "knee_flexion": float(row["knee_flexion_deg"]),
            "model": row["model"],
        }
        assert muscle_moment_arm(row["muscle"], **where) == pytest.approx(
            float(row["moment_arm_m"]), abs=1e-12
        )
        assert muscle_length(row["muscle"], **where) == pytest.approx(float(row["length_m"]), abs=1e-12)


def test_values_between_grid_points_lie_between_neighbours():
    for model in MODELS:
        for muscle in list_model_muscles(model):
            hip, arm = moment_arm_curve(muscle, model=model)
            middle = [
                muscle_moment_arm(muscle, hip_extension=h, model=model) for h in (hip[:-1] + hip[1:]) / 2
            ]
            assert np.all(middle >= np.minimum(arm[:-1], arm[1:]) - 1e-12)
            assert np.all(middle <= np.maximum(arm[:-1], arm[1:]) + 1e-12)


def test_knee_interpolation_is_linear_between_0_and_90():
    straight = muscle_length("semiten", hip_extension=-30)
    bent = muscle_length("semiten", hip_extension=-30, knee_flexion=90)
    assert muscle_length("semiten", hip_extension=-30, knee_flexion=45) == pytest.approx(
        (straight + bent) / 2
    )
    assert bent < straight  # the hamstrings are shorter with the knee bent


def test_glmax_is_the_mean_of_its_parts():
    for model in MODELS:
        parts = [
            muscle_moment_arm(p, hip_extension=-42.5, knee_flexion=30, model=model)
            for p in GLMAX_PARTS[model]
        ]
        assert muscle_moment_arm("glmax", hip_extension=-42.5, knee_flexion=30, model=model) == pytest.approx(
            np.mean(parts)
        )


def test_glute_force_needed_is_torque_over_mean_glmax_arm():
    arm = muscle_moment_arm("glmax", hip_extension=-90, knee_flexion=90)
    assert glute_force_needed(40.0, hip_extension=-90, knee_flexion=90) == pytest.approx(40.0 / arm)


# --- the table agrees with the published sanity values (EVIDENCE.md, "Moment arms") ----------


def test_gluteus_maximus_matches_rajagopal_sanity_values():
    at_0 = [muscle_moment_arm(f"glmax{i}", hip_extension=0) for i in (1, 2, 3)]
    at_80 = [muscle_moment_arm(f"glmax{i}", hip_extension=-80) for i in (1, 2, 3)]
    assert np.allclose(at_0, [0.049, 0.063, 0.075], atol=2 * MM)
    assert np.allclose(at_80, [0.034, 0.033, 0.049], atol=2 * MM)


def test_hamstrings_peak_in_flexion_and_are_small_in_extension():
    for muscle in ("bflh", "semiten", "semimem"):
        hip, arm = moment_arm_curve(muscle)
        peak_flexion = -hip[np.argmax(arm)]
        assert 30 <= peak_flexion <= 45
        assert 0.055 - MM <= arm.max() <= 0.067 + MM
        assert 0.027 - MM <= muscle_moment_arm(muscle, hip_extension=20) <= 0.030 + 2 * MM


def test_bent_knee_changes_hip_moment_arms_by_under_2_mm():
    for muscle in ("glmax", "bflh", "semiten", "semimem"):
        straight = moment_arm_curve(muscle)[1]
        bent = moment_arm_curve(muscle, knee_flexion=90)[1]
        assert np.max(np.abs(straight - bent)) < 2 * MM


def test_gait2392_gluteus_maximus_falls_in_deep_flexion():
    assert muscle_moment_arm("glut_max1", hip_extension=0, model="gait2392") == pytest.approx(
        0.046, abs=2 * MM
    )
    assert muscle_moment_arm("glut_max1", hip_extension=-90, model="gait2392") == pytest.approx(
        0.007, abs=2 * MM
    )


def test_moment_arms_agree_with_finite_differences_within_1_mm():
    for row in ROWS:
        assert abs(float(row["moment_arm_m"]) - float(row["fd_moment_arm_m"])) < 1 * MM, row


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "muscle, where, field, shown",
    [
        ("glutes", {}, "muscle", "'glutes'"),
        ("glmax1", {"hip_extension": 30.0}, "hip_extension", "30.0"),
        ("glmax1", {"hip_extension": -120.0}, "hip_extension", "-120.0"),
        ("glmax1", {"hip_extension": math.nan}, "hip_extension", "nan"),
        ("glmax1", {"knee_flexion": 120.0}, "knee_flexion", "120.0"),
        ("glmax1", {"knee_flexion": -5.0}, "knee_flexion", "-5.0"),
        ("glmax1", {"model": "gait2354"}, "model", "'gait2354'"),
    ],
)
def test_bad_input_names_the_field_and_the_value(muscle, where, field, shown):
    kwargs = {"hip_extension": 0.0, **where}
    with pytest.raises(ValueError) as error:
        muscle_moment_arm(muscle, **kwargs)
    assert field in str(error.value) and shown in str(error.value)


def test_hip_angle_error_names_the_table_range():
    with pytest.raises(ValueError, match="-100 to 20 degrees"):
        muscle_length("bflh", hip_extension=25)


def test_unknown_muscle_lists_the_valid_ones():
    with pytest.raises(ValueError, match="'glmax1', 'glmax2'"):
        moment_arm_curve("gluteus")


def test_negative_torque_is_rejected():
    with pytest.raises(ValueError, match="torque_nm"):
        glute_force_needed(-5.0, hip_extension=0)


# --- properties -----------------------------------------------------------------------------


@given(
    muscle=st.sampled_from(list_model_muscles("rajagopal2016")),
    hip=st.floats(-100, 20),
    step=st.floats(0, 5),
    knee=st.floats(0, 90),
)
def test_interpolation_is_bounded_and_continuous(muscle, hip, step, knee):
    grid, arm = moment_arm_curve(muscle, knee_flexion=knee)
    value = muscle_moment_arm(muscle, hip_extension=hip, knee_flexion=knee)
    assert arm.min() - 1e-12 <= value <= arm.max() + 1e-12
    steepest = np.max(np.abs(np.diff(arm) / np.diff(grid)))
    other = muscle_moment_arm(muscle, hip_extension=min(hip + step, 20.0), knee_flexion=knee)
    assert abs(other - value) <= steepest * step + 1e-12


# --- the table is reproducible --------------------------------------------------------------


def test_script_reproduces_the_committed_table(tmp_path):
    pytest.importorskip("opensim")
    out = tmp_path / "moment_arms.csv"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "compute_moment_arms.py"), "--out", str(out)], check=True
    )
    committed = (REPO / "data" / "moment_arms.csv").read_text(encoding="utf-8").splitlines()
    fresh = out.read_text(encoding="utf-8").splitlines()
    assert [line for line in fresh if line.startswith("#")] == [
        line for line in committed if line.startswith("#")
    ]
    rows = [[line.split(",") for line in lines if not line.startswith("#")] for lines in (committed, fresh)]
    assert [r[:5] for r in rows[0]] == [r[:5] for r in rows[1]]
    numbers = [np.array([r[5:] for r in table[1:]], dtype=float) for table in rows]
    assert np.allclose(numbers[0], numbers[1], rtol=0, atol=2e-6)


def test_lesson_tables_come_from_the_data_files():
    from kickback.content.muscle_tables import show_moment_arms, show_muscle_activity, show_muscles

    muscles = show_muscles("primary_mover")
    assert [row[0] for row in muscles.rows] == ["Gluteus maximus"]
    arms = show_moment_arms((0,))
    glmax1 = next(row for row in arms.rows if row[1] == "gluteus maximus, upper part")
    ids = ("glmax1", "bflh", "rajagopal2016")
    assert not any("_" in cell or cell in ids for row in arms.rows for cell in row)
    assert glmax1[2] == f"{muscle_moment_arm('glmax1', hip_extension=0) * 1000:.0f}"
    oh = show_muscle_activity("Oh et al. 2007")
    assert (
        "Oh et al. 2007",
        "prone hip extension",
        "with abdominal drawing-in",
        "gluteus maximus",
        "52 ± 15",
    ) in [row[:5] for row in oh.rows]
    assert all("not braced" in row[5] for row in oh.rows if row[2] == "with abdominal drawing-in")
    review = show_muscle_activity("Macadam & Feser 2019")
    assert review.rows[0][4] == "about 30" and "within one study" in review.caption
    assert "| muscle | role |" in muscles._repr_markdown_()
    with pytest.raises(ValueError, match="study must be one of"):
        show_muscle_activity("Nobody 1999")


# --- the lever ranking takes the knee into account -----------------------------------------------

HAMSTRINGS = ("bflh", "semiten", "semimem")


@given(hip=st.floats(-20, 20))
def test_bending_the_knee_leaves_the_hamstrings_short_and_weaker(hip):
    from kickback.model.muscles import force_capacity, normalized_fiber_length

    for muscle in HAMSTRINGS:
        straight = normalized_fiber_length(muscle, hip_extension=hip)
        bent = normalized_fiber_length(muscle, hip_extension=hip, knee_flexion=90)
        assert bent < straight and bent < 1.0
        assert force_capacity(muscle, hip_extension=hip, knee_flexion=90) < force_capacity(
            muscle, hip_extension=hip
        )
    for part in GLMAX_PARTS["rajagopal2016"]:  # the gluteus maximus does not cross the knee
        assert math.isclose(
            force_capacity(part, hip_extension=hip, knee_flexion=90), force_capacity(part, hip_extension=hip)
        )


@given(hip=st.floats(-20, 20))
def test_with_the_knee_bent_the_gluteus_maximus_takes_a_bigger_share(hip):
    from kickback.model.muscles import rank_levers

    straight = dict(rank_levers(hip_extension=hip))
    bent = dict(rank_levers(hip_extension=hip, knee_flexion=90))
    assert math.isclose(bent["glmax"], straight["glmax"], abs_tol=2 * MM)
    assert all(bent[m] < straight[m] for m in HAMSTRINGS)
    assert bent["glmax"] / sum(bent.values()) > straight["glmax"] / sum(straight.values())


@pytest.mark.parametrize("variant", ["machine", "bodyweight"])
def test_at_the_top_of_a_bent_knee_kickback_the_gluteus_maximus_leads_by_far(variant):
    from kickback.model.muscles import rank_levers
    from kickback.model.pose import preset_pose

    top = preset_pose(variant, "correct_top")
    (first, best), (_, second) = rank_levers(hip_extension=top.hip_extension, knee_flexion=top.knee_flexion)[
        :2
    ]
    assert first == "glmax" and best > 1.8 * second


def test_moment_arms_alone_would_hide_the_knee():
    from kickback.model.muscles import rank_levers

    arms_straight = muscle_moment_arm("bflh", hip_extension=10)
    arms_bent = muscle_moment_arm("bflh", hip_extension=10, knee_flexion=90)
    lever = dict(rank_levers(hip_extension=10, knee_flexion=90))["bflh"]
    assert abs(arms_bent - arms_straight) < 2 * MM and lever < 0.5 * arms_bent


def test_the_lever_table_explains_the_rule_in_words():
    from kickback.content.muscle_tables import show_levers

    table = show_levers(hip_extension=10, knee_flexion=90)
    assert table.rows[0][0] == "Gluteus maximus" and "Adductor magnus" in [row[0] for row in table.rows]
    assert "shortens them" in table.caption and "teaching simplification" in table.caption


def test_adductor_magnus_is_a_hip_extensor_with_a_source():
    (addmag,) = [m for m in read_muscles() if m.id == "addmag"]
    assert "extends the hip" in addmag.action and "Rajagopal" in addmag.role_source
    assert muscle_moment_arm("addmagIsch", hip_extension=0) > 30 * MM


def test_gluteus_medius_and_minimus_abduct_and_level_the_supporting_side():
    for muscle in (m for m in read_muscles() if m.id in ("glmed", "glmin")):
        assert "abductor" in muscle.action and "out to the side" in muscle.action
        assert "drifting" not in muscle.action and (
            "standing" in muscle.action or "supporting" in muscle.action
        )
