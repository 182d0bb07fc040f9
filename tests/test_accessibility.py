"""Accessibility: colours, headings, alt text and labelled widgets.

Colours stay apart for colour-blind readers, headings come in order, pictures have alt text and
widgets are labelled.
"""

import itertools
import json
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest

from kickback.draw.style import COLORS

NOTEBOOKS = sorted(
    p
    for p in (Path(__file__).resolve().parent.parent / "notebooks").rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)

# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color vision
# deficiency", IEEE TVCG 15(6): matrices for severity 1.0, applied to linear RGB.
SIMULATIONS = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
# Colours whose difference carries meaning somewhere in the course (always with a second cue too).
PAIRS_THAT_MUST_DIFFER = [
    ("correct", "mistake"),
    ("primary_mover", "synergist"),
    ("primary_mover", "stabilizer"),
    ("synergist", "stabilizer"),
    ("working_leg", "body"),
    ("working_leg", "cable"),
]


def to_linear(hex_colour):
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def to_lab(linear):
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(
        linear, 0, 1
    )
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("vision", ["normal", *SIMULATIONS])
def test_meaningful_colour_pairs_stay_distinguishable(vision):
    for first, second in PAIRS_THAT_MUST_DIFFER:
        a, b = to_linear(COLORS[first]), to_linear(COLORS[second])
        if vision != "normal":
            a, b = SIMULATIONS[vision] @ a, SIMULATIONS[vision] @ b
        difference = np.linalg.norm(to_lab(a) - to_lab(b))
        assert difference > 15, f"{first} and {second} look alike under {vision} (ΔE {difference:.1f})"


def markdown_cells(path):
    return [
        "".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "markdown"
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_headings_start_at_one_title_and_never_skip_a_level(path):
    levels = []
    for text in markdown_cells(path):
        in_code = False
        for line in text.splitlines():
            if line.startswith("```"):
                in_code = not in_code
            if not in_code and line.startswith("#"):
                levels.append(len(line) - len(line.lstrip("#")))
    assert levels and levels[0] == 1 and levels.count(1) == 1, f"{path.name}: one title first"
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"{path.name}: heading level jumps from {before} to {after}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_stored_picture_has_words_beside_it(path):
    for cell in json.loads(path.read_text())["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                words = "".join(data.get("text/plain", ""))
                assert len(words) > 40 and not words.startswith("<"), (
                    f"{path.name}: an image without alt text: {words[:60]!r}"
                )
            if "text/html" in data and "<img" in "".join(data["text/html"]):
                assert 'alt="' in "".join(data["text/html"])


def all_widgets(root):
    stack = [root]
    while stack:
        widget = stack.pop()
        yield widget
        stack.extend(getattr(widget, "children", ()))


def make_course_widgets():
    from kickback.widgets.explorer import explore
    from kickback.widgets.levers import compare_levers
    from kickback.widgets.planner import planner
    from kickback.widgets.pose_viewer import try_a_slider
    from kickback.widgets.profiles import explore_profiles
    from kickback.widgets.quiz import quiz
    from kickback.widgets.set_checker import check_your_set
    from kickback.widgets.spot_the_mistake import spot_the_mistake

    return [
        try_a_slider(),
        explore("cable"),
        explore_profiles(),
        spot_the_mistake(),
        quiz("06_common_mistakes"),
        check_your_set(),
        planner(),
        compare_levers(),
    ]


def test_every_control_has_a_label_a_keyboard_can_reach():
    labelled = (
        widgets.IntSlider,
        widgets.FloatSlider,
        widgets.Dropdown,
        widgets.ToggleButtons,
        widgets.IntText,
        widgets.Checkbox,
    )
    for root in make_course_widgets():
        for widget in all_widgets(root):
            if isinstance(widget, labelled):
                assert widget.description.strip(), (
                    f"{type(root).__name__}: an unlabelled {type(widget).__name__}"
                )
            if isinstance(widget, widgets.Button):
                assert widget.description.strip() or widget.tooltip, (
                    f"{type(root).__name__}: a button without words"
                )
            if isinstance(widget, widgets.RadioButtons):
                assert widget.description.strip() or widget.options, (
                    f"{type(root).__name__}: radio buttons without words"
                )


@pytest.mark.parametrize("vision", ["normal", *SIMULATIONS])
def test_colours_shown_together_stay_distinguishable(vision):
    from kickback.draw.style import SHOWN_TOGETHER

    for group, meanings in SHOWN_TOGETHER.items():
        for first, second in itertools.combinations(meanings, 2):
            a, b = to_linear(COLORS[first]), to_linear(COLORS[second])
            if vision != "normal":
                a, b = SIMULATIONS[vision] @ a, SIMULATIONS[vision] @ b
            difference = np.linalg.norm(to_lab(a) - to_lab(b))
            assert difference > 12, f"{group}: {first}, {second} alike under {vision} (ΔE {difference:.1f})"


def test_the_mistake_colour_means_only_mistake_and_nothing_looks_like_it():
    from kickback.draw.style import OKABE_ITO

    mistake = to_lab(to_linear(COLORS["mistake"]))
    for meaning, colour in COLORS.items():
        if meaning == "mistake":
            continue
        assert colour != COLORS["mistake"], f"{meaning} reuses the mistake colour"
        assert np.linalg.norm(to_lab(to_linear(colour)) - mistake) > 25, f"{meaning} looks like a mistake"
    assert OKABE_ITO["orange"] not in COLORS.values()  # orange beside vermillion reads as the same warning


def test_the_simulation_can_tell_a_confusable_pair():
    red, green = to_linear("#D55E00"), to_linear("#6B8E23")
    normal = np.linalg.norm(to_lab(red) - to_lab(green))
    deuteranopia = SIMULATIONS["deuteranopia"]
    simulated = np.linalg.norm(to_lab(deuteranopia @ red) - to_lab(deuteranopia @ green))
    assert simulated < normal / 2


def test_each_recorded_angle_has_a_colour_and_line_of_its_own():
    """One colour, one meaning: no trace in a set timeline borrows another meaning's colour or look."""
    from kickback.draw.style import SHOWN_TOGETHER
    from kickback.draw.traces import TRACE_STYLES

    looks = [(colour, str(style)) for colour, style in TRACE_STYLES.values()]
    assert len(set(looks)) == len(looks)
    assert len({colour for colour, _ in looks}) == len(looks)
    timeline = SHOWN_TOGETHER["set timeline"]
    for name, (colour, _) in TRACE_STYLES.items():
        assert colour == COLORS[name]
        assert name in timeline  # so the simulated-vision test compares it with the rest of the timeline
        others = [m for m in timeline if COLORS[m] == colour and m != name]
        assert others == [], f"{name}'s colour also means {others} in a set timeline"
    for name in ("pelvic_rotation", "pelvic_hike"):  # the pelvis's colours mean nothing else anywhere
        others = [m for m, c in COLORS.items() if c == COLORS[name] and m != name]
        assert others == [], f"{name}'s colour also means {others}"
    rotation, hike = TRACE_STYLES["pelvic_rotation"], TRACE_STYLES["pelvic_hike"]
    assert rotation[0] != hike[0] and str(rotation[1]) != str(hike[1])
