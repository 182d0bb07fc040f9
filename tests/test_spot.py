"""The 'spot the mistake' exercise: its answers are what the form checker finds."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickback.content.mistakes import describe_checks, read_mistakes, show_mistake
from kickback.content.pose_readouts import read_slider_ranges
from kickback.content.spot_cases import CASES, NO_MISTAKE, STILL_MISTAKES, judge, mistake_titles, spot_choices
from kickback.form.findings import check_pose
from kickback.form.thresholds import read_thresholds
from kickback.model.pose import Pose
from kickback.widgets.spot_the_mistake import spot_the_mistake


def test_each_case_answer_is_the_checkers_finding():
    for case in CASES:
        found = {f.mistake for f in check_pose(case.pose, case.variant)} or {NO_MISTAKE}
        assert case.answer() == found
    assert {NO_MISTAKE, "arched_back", "incomplete_rom", "pelvic_rotation"} <= set().union(
        *(c.answer() for c in CASES)
    )


def test_right_and_wrong_answers_are_told_in_words_with_a_mark():
    case = CASES[0]
    right, words = judge(case, "arched_back")
    assert right and words.startswith("✓ Right")
    right, words = judge(case, NO_MISTAKE)
    assert not right and words.startswith("✗ Not quite") and "Arching the lower back" in words


def test_the_widget_checks_moves_on_and_asks_for_an_answer_first():
    widget = spot_the_mistake()
    widget.check_button.click()
    assert "Pick an answer" in widget.feedback.value
    widget.choices.value = "arched_back"
    widget.check_button.click()
    assert widget.feedback.value.startswith("✓")
    picture = widget.viewer.image.value
    widget.next_button.click()
    assert widget.index == 1 and widget.choices.value is None and widget.feedback.value == ""
    assert widget.viewer.image.value != picture
    assert "Pose 2 of" in widget.progress.value
    bundle = widget._repr_mimebundle_()
    assert "image/png" in bundle and "0x" not in bundle["text/plain"]


def test_every_mistake_names_thresholds_that_exist():
    thresholds = read_thresholds()
    for mistake in read_mistakes():
        assert describe_checks(mistake)
        for name in (c.strip() for c in read_mistakes()[mistake]["checks"].split(",")):
            assert name in thresholds
        table = show_mistake(mistake)
        assert [row[0] for row in table.rows] == [
            "What it looks like",
            "Why it costs",
            "How the checker spots it",
            "The cue",
        ]


def test_the_picture_does_not_give_the_answer_away():
    widget = spot_the_mistake()
    texts = [
        t.get_text()
        for t in widget.viewer.figure.findobj(lambda artist: hasattr(artist, "get_text"))
        if t.get_visible()
    ]
    assert not any("arched" in text or "turned" in text for text in texts)


def test_how_the_checker_spots_a_mistake_is_said_in_plain_words():
    thresholds = read_thresholds()
    for mistake in read_mistakes():
        for line in describe_checks(mistake):
            words = line.split(" (")[0]
            assert not any(name in words for name in thresholds), line
            assert "_" not in words, line


# --- only what a still picture can show -------------------------------------------------------------


@st.composite
def explorer_poses(draw):
    """A variant and any pose its explorer sliders can make (data/explorer_ranges.csv)."""
    variant = draw(st.sampled_from(["cable", "machine", "bodyweight"]))
    angles = {
        field: draw(st.floats(low, high, allow_nan=False))
        for field, (low, high) in read_slider_ranges(variant).items()
    }
    return variant, Pose(**angles)


@given(explorer_poses())
def test_every_mistake_the_checker_finds_in_a_still_is_one_of_the_choices(variant_and_pose):
    variant, pose = variant_and_pose
    found = {finding.mistake for finding in check_pose(pose, variant)}
    assert found <= set(STILL_MISTAKES)
    assert found <= set(spot_choices())


def test_the_choices_are_the_still_mistakes_and_no_mistake_never_the_ones_that_need_time():
    choices = spot_choices()
    assert list(choices) == [*STILL_MISTAKES, NO_MISTAKE]
    titles = mistake_titles()
    assert all(choices[key] == titles[key] for key in STILL_MISTAKES)
    over_time = set(read_mistakes()) - set(STILL_MISTAKES)
    assert over_time >= {"momentum", "excessive_load", "weak_core"}
    assert not over_time & set(choices)
    for case in CASES:
        assert case.answer() <= set(choices)


def test_the_widget_and_its_static_twin_offer_the_same_choices():
    widget = spot_the_mistake()
    assert [key for _, key in widget.choices.options] == list(spot_choices())
    text = widget._repr_mimebundle_()["text/plain"]
    for key, title in mistake_titles().items():
        assert (title in text) == (key in spot_choices()), title


@pytest.mark.parametrize("choice", ["momentum", "weak_core", "excessive_load", "bad"])
def test_a_choice_that_is_not_offered_is_refused_by_name(choice):
    with pytest.raises(ValueError, match=f"choice must be one of .*got '{choice}'"):
        judge(CASES[0], choice)


# --- the picture: a titled, framed view from behind, and no empty strip ---------------------------


def _png_rows(png: bytes):
    import io

    from matplotlib.image import imread

    return imread(io.BytesIO(png), format="png")[..., :3]


@pytest.mark.parametrize("variant", ["cable", "machine", "bodyweight"])
def test_the_view_from_behind_is_titled_inside_its_frame_and_the_figure(variant):
    from kickback.widgets.pose_viewer import PoseViewer

    viewer = PoseViewer(variant, pelvis_view=True, labels=False)
    inset = viewer.pelvis.ax
    renderer = viewer.figure.canvas.get_renderer()
    (title,) = [t for t in inset.texts if t.get_text() == "seen from behind"]
    box = title.get_window_extent(renderer)
    (frame,) = [p for p in inset.patches if p.get_gid() == "rear_view_frame"]
    framed = frame.get_window_extent(renderer)
    whole = viewer.figure.bbox
    assert whole.x0 <= framed.x0 and framed.x1 <= whole.x1 and whole.y0 <= framed.y0 and framed.y1 <= whole.y1
    assert framed.x0 < box.x0 and box.x1 < framed.x1 and framed.y0 < box.y0 and box.y1 <= framed.y1
    # the body from behind stays below the title, inside the frame
    body = [p.get_window_extent(renderer) for p in viewer.pelvis.parts.values()]
    assert max(b.y1 for b in body) < box.y0 and min(b.x0 for b in body) > framed.x0


@pytest.mark.parametrize("variant", ["cable", "machine", "bodyweight"])
def test_without_a_caption_the_picture_ends_at_the_floor(variant):
    from kickback.widgets.pose_viewer import PoseViewer

    pixels = _png_rows(PoseViewer(variant, pelvis_view=True, labels=False).image.value)
    drawn_rows = (pixels < 0.97).any(axis=(1, 2)).nonzero()[0]
    assert pixels.shape[0] - 1 - drawn_rows.max() <= 3, "an empty strip under the floor"
