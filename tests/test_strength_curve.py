"""The measured hip-extension strength curve behind "strongest bent, weakest near full extension"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kickback as kb
from kickback.model.strength import strength_groups

GROUPS = strength_groups()


@pytest.mark.parametrize(("sex", "age_group"), GROUPS)
def test_every_group_is_strongest_with_the_hip_bent(sex: str, age_group: str) -> None:
    peak = kb.strongest_hip_angle(sex=sex, age_group=age_group)
    assert -90.0 <= peak <= -30.0
    assert kb.hip_extension_strength(peak, sex=sex, age_group=age_group) == pytest.approx(1.0)


@pytest.mark.parametrize(("sex", "age_group"), GROUPS)
@given(angle=st.floats(-90.0, 0.0))
def test_strength_is_a_share_of_the_peak(sex: str, age_group: str, angle: float) -> None:
    assert 0.0 <= kb.hip_extension_strength(angle, sex=sex, age_group=age_group) <= 1.0


@pytest.mark.parametrize(("sex", "age_group"), GROUPS)
@given(a=st.floats(-60.0, 0.0), b=st.floats(-60.0, 0.0))
def test_strength_falls_from_the_peak_toward_standing_straight(
    sex: str, age_group: str, a: float, b: float
) -> None:
    peak = kb.strongest_hip_angle(sex=sex, age_group=age_group)
    bent, straighter = sorted((max(a, peak), max(b, peak)))
    assert kb.hip_extension_strength(bent, sex=sex, age_group=age_group) >= kb.hip_extension_strength(
        straighter, sex=sex, age_group=age_group
    )


def test_standing_straight_is_well_below_the_peak() -> None:
    shares = [kb.hip_extension_strength(0.0, sex=s, age_group=a) for s, a in GROUPS]
    assert max(shares) < 0.7


@pytest.mark.parametrize(
    ("field", "kwargs"), [("hip_extension", {"hip_extension": 10.0}), ("sex", {"sex": "x"})]
)
def test_bad_input_names_the_field(field: str, kwargs: dict) -> None:
    args = {"hip_extension": -20.0} | kwargs
    hip = args.pop("hip_extension")
    with pytest.raises(ValueError, match=field):
        kb.hip_extension_strength(hip, **args)


def test_the_table_names_its_source() -> None:
    table = kb.show_strength_curve()
    assert len(table.rows) == len(GROUPS)
    assert "Anderson" in table.caption
    assert all(row[1].startswith("hip flexed") for row in table.rows)
