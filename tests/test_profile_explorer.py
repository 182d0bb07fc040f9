"""The resistance-profile explorer: each load starts where the committed figure shows it, the band
slider drives both bands, the weight slider is named after the load and the title follows the pulley."""

import io

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickback.draw.curves import profile_cases
from kickback.draw.diagrams import build_resistance_figure
from kickback.draw.profile_figure import TITLE_STYLE, show_profile
from kickback.draw.style import render_png
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
    assert explorer.view.title.startswith("Cable, pulley at hip height: ")
    assert explorer.figure.get_suptitle() == explorer.view.title
    assert explorer.description.startswith("Cable, pulley at hip height")
    explorer.pulley_height.value = explorer.pulley_height.max
    assert explorer.view.title.startswith("Cable, pulley above hip height: ")
    explorer.case_picker.value = "Machine with a cam"
    explorer.case_picker.value = "Cable, low pulley"
    assert explorer.view.title.startswith("Cable, low pulley: ")


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


def pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def test_a_blitted_step_shows_the_same_pixels_as_a_full_render():
    explorer = explore_profiles()
    steps = [
        (explorer.case_picker, "Cable, low pulley"),
        (explorer.pulley_height, 0.9),  # a new title and new words on the same scale
        (explorer.weight, 60.0),  # a curve above the shared scale: the scale grows
        (explorer.case_picker, "Band anchored in front"),  # a new shaded range and a note under the key
        (explorer.band, 600.0),
        (explorer.mass, 110.0),  # a new body: a new shared scale
        (explorer.case_picker, "Bodyweight, on all fours"),
    ]
    for control, value in steps:
        control.value = value
        shown = pixels(explorer.image.value)
        assert np.array_equal(shown, pixels(render_png(explorer.figure))), (control.description, value)
    explorer.figure.savefig(io.BytesIO(), format="png", dpi=150)  # another renderer in between
    explorer.mass.value = 80.0
    assert np.array_equal(pixels(explorer.image.value), pixels(render_png(explorer.figure)))


def test_a_step_on_the_same_scale_redraws_only_what_moves():
    explorer = explore_profiles()
    explorer.case_picker.value = "Dumbbell behind the knee"
    backgrounds = explorer.view.full_draws
    before = explorer.image.value
    explorer.weight.value = explorer.weight.value + 2.5
    assert explorer.view.full_draws == backgrounds and explorer.image.value != before
    explorer.case_picker.value = "Cable, low pulley"  # another variant: another shaded range
    assert explorer.view.full_draws == backgrounds + 1


def test_the_explorer_is_drawn_in_the_course_style_like_its_static_twin(explorer):
    static = show_profile("Cable, low pulley").figure
    course = build_resistance_figure().figure.axes[0]
    explorer.case_picker.value = "Cable, low pulley"
    for ax in (explorer.ax, static.axes[0], course):
        assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
        assert ax.spines["left"].get_visible() and ax.spines["bottom"].get_visible()
    assert explorer.ax.get_title() == "" and static.axes[0].get_title() == ""
    for figure in (explorer.figure, static):
        title = figure._suptitle
        assert title.get_ha() == TITLE_STYLE["ha"] and title.get_color() == TITLE_STYLE["color"]
        assert title.get_fontsize() == TITLE_STYLE["fontsize"]
        assert title.get_fontweight() == TITLE_STYLE["fontweight"]
    theirs, ours = static.axes[0], explorer.ax
    for axis in ("xaxis", "yaxis"):
        assert getattr(ours, axis).label.get_fontsize() == getattr(theirs, axis).label.get_fontsize()
        assert getattr(ours, axis).label.get_text() == getattr(theirs, axis).label.get_text()
    assert [t.get_text() for t in ours.get_legend().get_texts()] == [
        t.get_text() for t in theirs.get_legend().get_texts()
    ]
    assert explorer.view.title == show_profile("Cable, low pulley").title


@given(st.floats(0.5, 1e4), st.floats(0.5, 1e4))
def test_an_outgrown_scale_rounds_up_a_little_and_never_shrinks_for_a_higher_peak(a, b):
    from kickback.draw.profile_view import round_scale_top

    low, high = sorted((a, b))
    assert low <= round_scale_top(low) < 1.34 * low
    assert round_scale_top(low) <= round_scale_top(high)
