"""The 'spot the mistake' exercise: its answers are what the form checker finds."""

from kickback.content.mistakes import describe_checks, read_mistakes, show_mistake
from kickback.content.spot_cases import CASES, NO_MISTAKE, judge
from kickback.form.findings import check_pose
from kickback.form.thresholds import read_thresholds
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
