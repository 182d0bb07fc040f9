"""The resistance-profile explorer: each load starts where the committed figure shows it, the band
slider drives both bands, the weight slider is named after the load and the title follows the pulley."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickback.draw.curves import profile_cases
from kickback.draw.diagrams import build_resistance_figure
from kickback.model.anthropometrics import default_body
from kickback.model.bands import MiniBandLoad
from kickback.model.loads import BandLoad, CableLoad, DumbbellLoad, MachineLoad
from kickback.widgets.profiles import (
    HIP_HEIGHT_BAND_M,
    LOW_PULLEY_TOP_M,
    cable_title,
    explore_profiles,
    standing_hip_height,
    weight_of,
)

DEFAULT_CASES = {case.title: case for case in profile_cases()}
WEIGHT_NAMES = {DumbbellLoad: "dumbbell (kg)", CableLoad: "stack (kg)", MachineLoad: "machine (kg)"}


@pytest.fixture(scope="module")
def explorer():
    return explore_profiles()


@pytest.fixture(scope="module")
def figure_words():
    return build_resistance_figure().alt_text


def test_every_load_starts_at_its_own_defaults_and_matches_the_committed_figure(explorer, figure_words):
    for title, default in DEFAULT_CASES.items():
        explorer.case_picker.value = title
        assert explorer.case().load == default.load, title
        assert explorer.case().title == title
        assert explorer.description in figure_words, title
        assert explorer.description in explorer.static_text()


def test_a_load_picked_after_moving_the_sliders_still_starts_at_its_defaults(explorer, figure_words):
    explorer.case_picker.value = "Dumbbell behind the knee"
    explorer.weight.value = 20
    explorer.case_picker.value = "Machine with a cam"
    assert explorer.weight.value == weight_of(DEFAULT_CASES["Machine with a cam"].load)
    explorer.weight.value = 45
    explorer.case_picker.value = "Dumbbell behind the knee"
    assert explorer.case().load == DEFAULT_CASES["Dumbbell behind the knee"].load
    assert explorer.description in figure_words


def test_the_weight_slider_is_named_after_the_load_and_greyed_out_without_one(explorer):
    for title, default in DEFAULT_CASES.items():
        explorer.case_picker.value = title
        name = WEIGHT_NAMES.get(type(default.load))
        assert explorer.weight.disabled == (name is None), title
        if name is not None:
            assert explorer.weight.description == name
            explorer.weight.value = explorer.weight.max
            assert weight_of(explorer.case().load) == explorer.weight.max
            assert f"{explorer.weight.max:.0f} kg" in explorer.description


@pytest.mark.parametrize(
    ("title", "kind"), [("Mini band round the knees", MiniBandLoad), ("Band anchored in front", BandLoad)]
)
def test_the_band_slider_makes_either_band_stiffer(explorer, title, kind):
    explorer.case_picker.value = title
    assert not explorer.band.disabled
    before, renders = explorer.description, explorer.renders
    explorer.band.value = explorer.band.value + 200
    load = explorer.case().load
    assert isinstance(load, kind) and load.stiffness_n_per_m == explorer.band.value
    assert explorer.description != before and explorer.renders == renders + 1
    assert f"{explorer.band.value:.0f} N/m" in explorer.description


def test_the_band_slider_is_greyed_out_for_a_load_without_a_band(explorer):
    explorer.case_picker.value = "Cable, low pulley"
    assert explorer.band.disabled and not explorer.pulley_height.disabled
    explorer.case_picker.value = "Machine with a cam"
    assert explorer.pulley_height.disabled and explorer.pulley_distance.disabled


def test_picking_a_load_redraws_once(explorer):
    explorer.case_picker.value = "Bodyweight, on all fours"
    renders = explorer.renders
    explorer.case_picker.value = "Cable, low pulley"
    assert explorer.renders == renders + 1


def test_the_title_and_the_words_follow_the_pulley(explorer):
    explorer.case_picker.value = "Cable, low pulley"
    hip = standing_hip_height(default_body())
    explorer.pulley_height.value = round(hip / 0.05) * 0.05
    assert explorer.ax.get_title() == "Cable, pulley at hip height"
    assert explorer.description.startswith("Cable, pulley at hip height")
    explorer.pulley_height.value = explorer.pulley_height.max
    assert explorer.ax.get_title() == "Cable, pulley above hip height"
    explorer.case_picker.value = "Machine with a cam"
    explorer.case_picker.value = "Cable, low pulley"
    assert explorer.ax.get_title() == "Cable, low pulley"


@given(st.floats(0.0, 2.2), st.floats(0.6, 1.3))
def test_a_pulley_is_called_at_hip_height_exactly_when_it_is_near_the_hip(pulley, hip):
    title = cable_title(pulley, hip)
    assert (title == "Cable, pulley at hip height") == (abs(pulley - hip) <= HIP_HEIGHT_BAND_M)
    if title == "Cable, low pulley":
        assert pulley <= LOW_PULLEY_TOP_M
    if title == "Cable, pulley above hip height":
        assert pulley > hip
    if "below" in title or "low" in title:
        assert pulley < hip


@given(st.floats(0.0, 2.2), st.floats(0.0, 2.2), st.floats(0.6, 1.3))
def test_raising_the_pulley_never_moves_its_name_down(low, high, hip):
    order = [
        "Cable, low pulley",
        "Cable, pulley below hip height",
        "Cable, pulley at hip height",
        "Cable, pulley above hip height",
    ]
    low, high = sorted((low, high))
    assert order.index(cable_title(low, hip)) <= order.index(cable_title(high, hip))
