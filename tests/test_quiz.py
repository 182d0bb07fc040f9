"""Quizzes: every bank loads and explains every choice; answers are judged.

The widget scores; keys come from the banks.
"""

import json

import pytest

from kickback.content.answer_keys import answer_key, answer_key_markdown
from kickback.content.quiz_bank import QUIZ_DIR, available_lessons, check_answer, load_quiz, quiz_markdown
from kickback.widgets.quiz import QuizWidget, quiz

LESSONS = tuple(available_lessons())
ALL_BANKS = [load_quiz(lesson) for lesson in available_lessons()]
ALL_QUESTIONS = [(bank, question) for bank in ALL_BANKS for question in bank.questions]
QUESTION_IDS = [f"{bank.lesson}:{question.id}" for bank, question in ALL_QUESTIONS]


def first_wrong(question):
    return next(choice for choice in question.choices if choice.id != question.answer)


# --- the banks ------------------------------------------------------------------------------


def test_the_brief_s_lessons_all_have_a_bank():
    assert set(LESSONS) <= set(available_lessons())


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_bank_loads_with_five_to_eight_questions_of_three_or_four_choices(lesson):
    """A lesson's bank is short; lesson 10's is the course's final review, of 15 or more."""
    bank = load_quiz(lesson)
    assert bank.lesson == lesson
    assert bank.title and bank.source_note
    low, high = (15, 30) if lesson.startswith("10_") else (5, 8)
    assert low <= len(bank.questions) <= high
    assert all(3 <= len(question.choices) <= 4 for question in bank.questions)
    assert len({question.id for question in bank.questions}) == len(bank.questions)


@pytest.mark.parametrize(("bank", "question"), ALL_QUESTIONS, ids=QUESTION_IDS)
def test_every_answer_is_one_of_the_choices_and_every_choice_is_explained(bank, question):
    assert question.answer in [choice.id for choice in question.choices]
    assert question.right_choice.id == question.answer
    for choice in question.choices:
        assert choice.explanation.strip(), f"{bank.lesson} {question.id} {choice.id}"
    assert len({choice.explanation for choice in question.choices}) == len(question.choices)


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_right_answer_is_not_always_in_the_same_place(lesson):
    positions = {[c.id for c in q.choices].index(q.answer) for q in load_quiz(lesson).questions}
    assert len(positions) >= 2


def test_an_unknown_lesson_lists_the_ones_that_exist():
    with pytest.raises(ValueError, match="lesson must be one of") as error:
        load_quiz("99_no_such_lesson")
    assert "06_common_mistakes" in str(error.value)
    assert "99_no_such_lesson" in str(error.value)


# --- judging an answer ----------------------------------------------------------------------


@pytest.mark.parametrize(("bank", "question"), ALL_QUESTIONS, ids=QUESTION_IDS)
def test_check_answer_says_right_for_the_answer_and_not_quite_for_each_other_choice(bank, question):
    right = check_answer(question, question.answer)
    assert right.correct
    assert right.message == f"Right. {question.right_choice.explanation}"
    for choice in question.choices:
        if choice.id == question.answer:
            continue
        wrong = check_answer(question, choice.id)
        assert not wrong.correct
        assert wrong.message == f"Not quite. {choice.explanation}"


def test_a_choice_can_be_given_by_index_and_a_bad_choice_is_named():
    question = load_quiz("01_muscles_and_benefits").question("primary_mover")
    index = [choice.id for choice in question.choices].index(question.answer)
    assert check_answer(question, index).correct
    with pytest.raises(ValueError, match=r"choice is outside the allowed range 0 to 3; got 7"):
        check_answer(question, 7)
    with pytest.raises(ValueError, match=r"choice must be one of .*'gluteus_maximus'.*got 'biceps'"):
        check_answer(question, "biceps")


# --- the widget -----------------------------------------------------------------------------


def test_wrong_then_right_shows_the_words_and_explanations_and_the_score_follows():
    widget = quiz("06_common_mistakes")
    total = len(widget.panels)
    assert widget.score_text.startswith(f"Score: 0 of {total} answered correctly")
    panel = widget.panels[0]
    question = panel.question
    wrong = first_wrong(question)

    panel.radio.value = wrong.id
    panel.check_button.click()
    assert "✗ Not quite —" in panel.feedback.value
    assert wrong.explanation in panel.feedback.value
    assert "kickback-quiz-wrong" in panel.feedback._dom_classes
    assert (
        widget.score_text
        == f"Score: 0 of {total} answered correctly on the first try. Solved so far: 0 of {total}."
    )

    panel.radio.value = question.answer
    panel.check_button.click()
    assert "✓ Right —" in panel.feedback.value
    assert question.right_choice.explanation in panel.feedback.value
    assert "kickback-quiz-right" in panel.feedback._dom_classes
    assert (
        widget.score_text
        == f"Score: 0 of {total} answered correctly on the first try. Solved so far: 1 of {total}."
    )
    assert widget.score_text in widget.score.value


def test_a_right_first_try_counts_toward_the_score_and_trying_again_still_explains():
    widget = quiz("01_muscles_and_benefits")
    panel = widget.panels[1]
    panel.radio.value = panel.question.answer
    panel.check_button.click()
    assert widget.score_text.startswith("Score: 1 of 6 answered correctly on the first try")

    wrong = first_wrong(panel.question)
    panel.radio.value = wrong.id
    assert "Check" in panel.feedback.value  # the old verdict is not left standing
    panel.check_button.click()
    assert "Not quite" in panel.feedback.value and wrong.explanation in panel.feedback.value
    assert widget.score_text.startswith("Score: 1 of 6")  # the first try is what counts


def test_check_with_nothing_picked_asks_for_a_choice_and_scores_nothing():
    widget = quiz("02_hip_extension")
    widget.panels[0].check_button.click()
    assert "Pick an answer" in widget.panels[0].feedback.value
    assert widget.panels[0].first_try is None
    assert widget.score_text.startswith("Score: 0 of")


def test_start_again_clears_answers_and_score():
    widget = quiz("07_resistance_profiles")
    for panel in widget.panels:
        panel.radio.value = panel.question.answer
        panel.check_button.click()
    assert widget.score_text.startswith("Score: 6 of 6")
    widget.reset_button.click()
    assert widget.score_text.startswith("Score: 0 of 6")
    assert all(
        panel.radio.value is None and "Pick an answer" in panel.feedback.value for panel in widget.panels
    )


def test_the_widget_states_its_score_rule_and_carries_the_css_classes():
    widget = quiz("10_safety_and_review")
    assert "first check of each question counts" in widget.rule.value
    assert "kickback-quiz" in widget._dom_classes
    assert all("kickback-quiz-check" in panel.check_button._dom_classes for panel in widget.panels)
    assert all(panel.check_button.description == "Check" for panel in widget.panels)


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_output_shows_the_questions_in_words_without_answers_or_ids(lesson):
    widget = quiz(lesson)
    bundle = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    text, markdown = bundle["text/plain"], bundle["text/markdown"]
    assert "0x" not in text and "0x" not in markdown
    model_ids = {widget.model_id, *(child.model_id for panel in widget.panels for child in panel.children)}
    assert not any(model_id in text or model_id in markdown for model_id in model_ids)
    for number, question in enumerate(widget.quiz.questions, start=1):
        assert f"{number}. {question.text}" in text
        for choice in question.choices:
            assert choice.text in text
            assert choice.explanation not in text and choice.explanation not in markdown
    assert "Right" not in text and "Not quite" not in text
    assert text == QuizWidget(lesson)._repr_mimebundle_()["text/plain"]  # stable between runs
    assert markdown == quiz_markdown(load_quiz(lesson))


# --- answer keys ----------------------------------------------------------------------------


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_answer_key_has_each_question_and_its_right_choice(lesson):
    key = answer_key(lesson)
    bank = load_quiz(lesson)
    assert key.startswith(f"## Answer key: {bank.title}")
    for question in bank.questions:
        assert question.text in key
        assert f"Answer: **{question.label(question.answer)}**. {question.right_choice.explanation}" in key
        for choice in question.choices:
            assert choice.explanation in key


def test_the_answer_key_pack_joins_the_lessons_in_the_order_asked():
    pack = answer_key_markdown(["07_resistance_profiles", "01_muscles_and_benefits"])
    assert pack.startswith("# Kickback Lab answer keys")
    assert pack.index("Resistance profiles") < pack.index("Muscles and benefits")
    everything = answer_key_markdown()
    assert all(load_quiz(lesson).title in everything for lesson in LESSONS)


# --- malformed banks ------------------------------------------------------------------------


def good_bank():
    return json.loads((QUIZ_DIR / "01_muscles_and_benefits.json").read_text(encoding="utf-8"))


def write_bank(folder, bank, name="01_muscles_and_benefits"):
    path = folder / f"{name}.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    return path


def test_a_good_bank_loads_from_a_path_and_from_a_folder(tmp_path):
    path = write_bank(tmp_path, good_bank())
    assert load_quiz(path).questions == load_quiz("01_muscles_and_benefits").questions
    assert load_quiz("01_muscles_and_benefits", folder=tmp_path).path == path


def test_an_answer_may_be_given_as_an_index(tmp_path):
    bank = good_bank()
    question = bank["questions"][0]
    index = [choice["id"] for choice in question["choices"]].index(question["answer"])
    question["answer"] = index
    assert load_quiz(write_bank(tmp_path, bank)).questions[0].answer == question["choices"][index]["id"]


def broken(change):
    bank = good_bank()
    change(bank)
    return bank


def drop_answer(bank):
    del bank["questions"][1]["answer"]


def answer_out_of_range(bank):
    bank["questions"][1]["answer"] = 7


def answer_not_a_choice(bank):
    bank["questions"][1]["answer"] = "quadriceps"


def duplicate_id(bank):
    bank["questions"][2]["id"] = bank["questions"][0]["id"]


def drop_explanation(bank):
    del bank["questions"][1]["choices"][2]["explanation"]


def one_choice(bank):
    bank["questions"][1]["choices"] = bank["questions"][1]["choices"][:1]


def misspelt_field(bank):
    bank["questions"][1]["explanaton"] = "oops"


MALFORMED = {
    "missing answer": (drop_answer, r"question 'primary_mover': no answer"),
    "answer out of range": (
        answer_out_of_range,
        r"question 'primary_mover': answer 7 is out of range: the index must be 0 to 3",
    ),
    "answer not a choice": (
        answer_not_a_choice,
        r"question 'primary_mover': answer 'quadriceps' is not one of its choice ids",
    ),
    "duplicate id": (duplicate_id, r"question 'movement': duplicate id \(question #1 has the same id\)"),
    "missing explanation": (drop_explanation, r"question 'primary_mover': choice '\w+' has no explanation"),
    "too few choices": (one_choice, r"question 'primary_mover': needs 2 to 6 choices; has 1"),
    "unknown field": (misspelt_field, r"question 'primary_mover': unknown field 'explanaton'"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_bank_raises_naming_the_file_the_question_and_the_problem(tmp_path, case):
    change, problem = MALFORMED[case]
    path = write_bank(tmp_path, broken(change))
    with pytest.raises(ValueError, match=problem) as error:
        load_quiz(path)
    assert str(path) in str(error.value)
    with pytest.raises(ValueError, match=problem):
        load_quiz("01_muscles_and_benefits", folder=tmp_path)


def test_every_problem_is_reported_at_once(tmp_path):
    bank = good_bank()
    for change in (drop_answer, duplicate_id, drop_explanation):
        change(bank)
    with pytest.raises(ValueError, match="has 3 problems") as error:
        load_quiz(write_bank(tmp_path, bank))
    message = str(error.value)
    assert "no answer" in message and "duplicate id" in message and "no explanation" in message


def test_a_bank_must_say_which_lesson_it_is_and_be_valid_json(tmp_path):
    with pytest.raises(
        ValueError, match=r"field 'lesson' is '01_muscles_and_benefits' but the file is named 'other.json'"
    ):
        load_quiz(write_bank(tmp_path, good_bank(), name="other"))
    bad = tmp_path / "02_hip_extension.json"
    bad.write_text('{"lesson": "02_hip_extension",', encoding="utf-8")
    with pytest.raises(ValueError, match=r"02_hip_extension.json: not valid JSON \(.* at line 1"):
        load_quiz(bad)
    with pytest.raises(ValueError, match="quiz bank not found"):
        load_quiz(tmp_path / "missing.json")


# --- the numbers the banks quote agree with the course's tables and model -------------------


def quoted(lesson, question_id):
    question = load_quiz(lesson).question(question_id)
    return " ".join([question.text] + [f"{c.text} {c.explanation}" for c in question.choices])


def test_the_all_fours_question_matches_the_course_s_bodyweight_top_pose():
    from kickback.model.leg_height import split_leg_height
    from kickback.model.pose import top_pose

    top = top_pose("bodyweight")
    assert (top.trunk_lean, top.lumbar_extension, top.hip_extension) == (80, 0, 10)
    assert split_leg_height(top).apparent == 90
    assert "hip 10° + lower back 0° + trunk 80°" in quoted("02_hip_extension", "all_fours_parallel")


def test_the_normal_hip_range_quoted_matches_data_normal_ranges():
    from kickback.data_files import read_table

    row = next(row for row in read_table("normal_ranges") if row["field"] == "hip_extension")
    assert (float(row["low"]), float(row["typical"]), float(row["high"])) == (7, 20, 30)
    text = quoted("02_hip_extension", "normal_range")
    assert "10–30°" in text and "20°" in text and "7°" in text


def test_the_moment_arms_quoted_match_data_moment_arms():
    from kickback.data_files import read_table

    def millimetres(model, muscles, flexion):
        return [
            round(float(row["moment_arm_m"]) * 1000)
            for row in read_table("moment_arms")
            if row["model"] == model
            and row["muscle"] in muscles
            and row["knee_flexion_deg"] == "0"
            and float(row["hip_flexion_deg"]) == flexion
        ]

    parts = ("glmax1", "glmax2", "glmax3")
    at_0, at_80 = millimetres("rajagopal2016", parts, 0), millimetres("rajagopal2016", parts, 80)
    text = quoted("07_resistance_profiles", "glute_moment_arm")
    assert f"{min(at_0)}–{max(at_0)} mm at 0°" in text
    assert f"{min(at_80)}–{max(at_80)} mm at 80°" in text
    assert f"about {millimetres('gait2392', ('glut_max1',), 90)[0]} mm at 90°" in text


def test_the_load_claims_hold_in_the_course_s_torque_model():
    load = pytest.importorskip("kickback.model.loads")
    torque = pytest.importorskip("kickback.model.torque")
    from kickback.model.anthropometrics import default_body
    from kickback.model.leg_height import split_leg_height
    from kickback.model.pose import start_pose

    body = default_body()
    hip, torque = torque.torque_curve("bodyweight", body)
    assert torque.argmin() == 0  # easiest at the bottom, where the leg hangs
    peak_thigh = split_leg_height(
        start_pose("bodyweight").replace(hip_extension=float(hip[torque.argmax()]))
    ).apparent
    assert 60 <= peak_thigh <= 90  # hardest close to (a little before) horizontal
    cam = load.default_load("machine", "cam")
    assert len({round(cam.get_torque(angle), 9) for angle in (10, 45, 90)}) == 1  # the machine's part is even
    band = load.default_load("bodyweight", "band")
    assert (
        band.get_force(band.rest_length_m + 0.2) > band.get_force(band.rest_length_m + 0.1) > 0
    )  # harder as it stretches


def test_numbers_quoted_in_the_variant_banks_match_the_model():
    from kickback.model.leg_height import hip_reach, split_leg_height
    from kickback.model.pose import preset_pose

    cable = {q.id: q for q in load_quiz("03_cable_kickback").questions}
    assert hip_reach(20).apparent == 40
    assert "40" in " ".join(choice.text + choice.explanation for choice in cable["how_high"].choices)
    top = split_leg_height(preset_pose("bodyweight", "correct_top"))
    assert (top.hip, top.lumbar, top.trunk, top.apparent) == (10, 0, 80, 90)
