"""Quiz banks that teach: read data/quizzes/*.json directly, with no import from the kickback package.

What is checked, for every bank and for all banks together:
- the schema (bank, question and choice fields), unique ids, an answer that is one of the choices,
  every choice explained;
- every question says whether it is "applied" (a scenario to reason about) or "recall", and at least
  a third are applied;
- the right answer is the strictly longest choice in at most a third of the questions, and it does not
  sit in one place;
- the choices of a question are of similar length, so a one-word distractor stands out as a failure;
- a bank exists for every lesson 01..10 in notebooks/, with 5 to 8 questions; lesson 10's review has
  15 or more and points back into every lesson 01..10;
- every "see" pointer names a real section heading of the lesson it names;
- a question that shows a tempo in the four-digit gym notation says plainly that it is gym notation and
  that it starts with the lowering (the course writes tempos up-hold-down).
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUIZ_DIR = ROOT / "data" / "quizzes"
NOTEBOOKS = ROOT / "notebooks"

BANK_FIELDS = {"lesson", "title", "source_note", "questions"}
QUESTION_FIELDS = {"id", "question", "choices", "answer"}
OPTIONAL_QUESTION_FIELDS = {"see", "source", "kind"}
CHOICE_FIELDS = {"id", "text", "explanation"}
KINDS = {"applied", "recall"}

LESSON_NUMBERS = [f"{n:02d}" for n in range(1, 11)]  # the lessons that must have a bank
REVIEW_LESSON = "10"
LESSON_BANK_SIZE = (5, 8)  # questions in a lesson's own bank (01..09)
REVIEW_MIN_QUESTIONS = 15
MAX_LENGTH_RATIO = 2.0  # longest choice / shortest choice, in characters, within one question
SEE = re.compile(r"^Lesson (\d\d): (.+)$")


def bank_paths():
    return sorted(QUIZ_DIR.glob("*.json"))


def read_bank(path):
    return json.loads(path.read_text(encoding="utf-8"))


BANKS = {path.stem: read_bank(path) for path in bank_paths()}
QUESTIONS = [(lesson, question) for lesson, bank in BANKS.items() for question in bank["questions"]]
QUESTION_IDS = [f"{lesson}:{question.get('id')}" for lesson, question in QUESTIONS]


def lesson_notebooks():
    """Lesson number ("01") → notebook path, for the numbered lessons in notebooks/."""
    return {path.name[:2]: path for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))}


def headings(path):
    """The section headings of a notebook's markdown cells, without the leading #s."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = set()
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        for line in "".join(cell["source"]).splitlines():
            if line.startswith("#"):
                found.add(line.lstrip("#").strip())
    return found


def right_choice(question):
    """The right choice, or None if the answer names no choice.

    test_the_answer_is_one_of_the_choices reports that case. The answer may be a choice id or an index
    from 0, as the quiz loader allows.
    """
    answer = question.get("answer")
    choices = question.get("choices", [])
    if isinstance(answer, int) and not isinstance(answer, bool):
        return choices[answer] if 0 <= answer < len(choices) else None
    return next((choice for choice in choices if choice["id"] == answer), None)


def answered(questions):
    """The questions whose answer names one of their choices."""
    return [question for question in questions if right_choice(question) is not None]


def right_is_strictly_longest(question):
    right = right_choice(question)
    others = [len(choice["text"]) for choice in question["choices"] if choice is not right]
    return len(right["text"]) > max(others)


def right_position(question):
    return question["choices"].index(right_choice(question))


# --- one bank for every lesson -----------------------------------------------------------------


def test_every_lesson_01_to_10_has_a_bank_named_after_its_notebook():
    notebooks = lesson_notebooks()
    missing_notebooks = [n for n in LESSON_NUMBERS if n not in notebooks]
    assert not missing_notebooks, f"no notebook for lessons {missing_notebooks} in {NOTEBOOKS}"
    missing = [notebooks[n].stem for n in LESSON_NUMBERS if notebooks[n].stem not in BANKS]
    assert not missing, f"no quiz bank data/quizzes/<stem>.json for {missing}"


def test_every_bank_is_named_after_a_lesson_notebook():
    stems = {path.stem for path in lesson_notebooks().values()}
    strays = sorted(set(BANKS) - stems)
    assert not strays, f"banks with no notebook of the same name: {strays}"


# --- the schema ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lesson", sorted(BANKS))
def test_the_bank_keeps_the_schema(lesson):
    bank = BANKS[lesson]
    assert set(bank) == BANK_FIELDS, f"{lesson}: bank fields {sorted(bank)}"
    assert bank["lesson"] == lesson, f"{lesson}: field 'lesson' is {bank['lesson']!r}"
    assert bank["title"].strip() and bank["source_note"].strip()
    ids = [question["id"] for question in bank["questions"]]
    assert len(ids) == len(set(ids)), f"{lesson}: duplicate question ids"
    for question in bank["questions"]:
        where = f"{lesson}:{question.get('id')}"
        assert QUESTION_FIELDS <= set(question) <= QUESTION_FIELDS | OPTIONAL_QUESTION_FIELDS, (
            f"{where}: fields {sorted(question)}"
        )
        assert question["question"].strip(), where
        assert 3 <= len(question["choices"]) <= 4, f"{where}: {len(question['choices'])} choices"
        for choice in question["choices"]:
            assert set(choice) == CHOICE_FIELDS, f"{where}: choice fields {sorted(choice)}"
        choice_ids = [choice["id"] for choice in question["choices"]]
        assert len(choice_ids) == len(set(choice_ids)), f"{where}: duplicate choice ids"


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=QUESTION_IDS)
def test_the_answer_is_one_of_the_choices(lesson, question):
    answer = question["answer"]
    ids = [choice["id"] for choice in question["choices"]]
    if isinstance(answer, int) and not isinstance(answer, bool):
        assert 0 <= answer < len(ids), f"answer index {answer} out of range"
    else:
        assert answer in ids, f"answer {answer!r} is not one of {ids}"


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=QUESTION_IDS)
def test_every_choice_has_its_own_explanation(lesson, question):
    explanations = [choice["explanation"].strip() for choice in question["choices"]]
    assert all(explanations), "a choice has no explanation"
    assert len(set(explanations)) == len(explanations), "two choices share an explanation"


# --- applied and recall --------------------------------------------------------------------------


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=QUESTION_IDS)
def test_every_question_says_its_kind(lesson, question):
    assert question.get("kind") in KINDS, f"kind is {question.get('kind')!r}; must be one of {sorted(KINDS)}"


@pytest.mark.parametrize("lesson", sorted(BANKS))
def test_at_least_a_third_of_each_bank_is_applied(lesson):
    questions = BANKS[lesson]["questions"]
    applied = sum(question.get("kind") == "applied" for question in questions)
    assert 3 * applied >= len(questions), (
        f"{lesson}: only {applied} of {len(questions)} questions are applied"
    )


def test_at_least_a_third_of_all_questions_are_applied():
    applied = sum(question.get("kind") == "applied" for _, question in QUESTIONS)
    assert 3 * applied >= len(QUESTIONS), f"only {applied} of {len(QUESTIONS)} questions are applied"


# --- the answer does not give itself away ---------------------------------------------------------


@pytest.mark.parametrize("lesson", sorted(BANKS))
def test_the_right_answer_is_the_longest_choice_in_at_most_a_third_of_each_bank(lesson):
    questions = BANKS[lesson]["questions"]
    longest = [question["id"] for question in answered(questions) if right_is_strictly_longest(question)]
    assert 3 * len(longest) <= len(questions), (
        f"{lesson}: the right answer is the longest choice in {len(longest)} of {len(questions)} "
        f"questions: {longest}"
    )


def test_the_right_answer_is_the_longest_choice_in_at_most_a_third_of_all_questions():
    longest = [
        f"{lesson}:{question['id']}"
        for lesson, question in QUESTIONS
        if right_choice(question) and right_is_strictly_longest(question)
    ]
    assert 3 * len(longest) <= len(QUESTIONS), (
        f"the right answer is the longest in {len(longest)} of {len(QUESTIONS)}: {longest}"
    )


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=QUESTION_IDS)
def test_the_choices_are_of_similar_length(lesson, question):
    lengths = {choice["text"]: len(choice["text"]) for choice in question["choices"]}
    assert min(lengths.values()) > 0, "an empty choice"
    ratio = max(lengths.values()) / min(lengths.values())
    assert ratio <= MAX_LENGTH_RATIO, (
        f"the longest choice is {ratio:.1f}× the shortest (at most {MAX_LENGTH_RATIO}×): "
        f"{sorted(lengths, key=len)}"
    )


@pytest.mark.parametrize("lesson", sorted(BANKS))
def test_the_right_answer_moves_around(lesson):
    positions = [right_position(question) for question in answered(BANKS[lesson]["questions"])]
    assert len(set(positions)) >= 3, (
        f"{lesson}: the right answer sits only at positions {sorted(set(positions))}"
    )
    most = max(positions.count(p) for p in set(positions))
    assert 2 * most <= len(positions), (
        f"{lesson}: one position holds the answer in {most} of {len(positions)} questions"
    )


# --- sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lesson", sorted(lesson for lesson in BANKS if lesson[:2] != REVIEW_LESSON))
def test_a_lesson_bank_has_5_to_8_questions(lesson):
    low, high = LESSON_BANK_SIZE
    assert low <= len(BANKS[lesson]["questions"]) <= high


def review_bank():
    lessons = [lesson for lesson in BANKS if lesson[:2] == REVIEW_LESSON]
    assert len(lessons) == 1, f"expected one bank for lesson {REVIEW_LESSON}, found {lessons}"
    return BANKS[lessons[0]]


def test_the_review_bank_has_at_least_15_questions():
    assert len(review_bank()["questions"]) >= REVIEW_MIN_QUESTIONS


def test_the_review_bank_reaches_back_into_every_lesson():
    pointed = {
        SEE.match(question.get("see", "")).group(1)
        for question in review_bank()["questions"]
        if SEE.match(question.get("see", ""))
    }
    missing = [n for n in LESSON_NUMBERS if n not in pointed]
    assert not missing, f"the review has no question pointing to lessons {missing}"


# --- pointers back into the lessons --------------------------------------------------------------


NOTEBOOK_HEADINGS = {number: headings(path) for number, path in lesson_notebooks().items()}


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=QUESTION_IDS)
def test_see_names_a_real_section_of_a_lesson(lesson, question):
    see = question.get("see")
    assert see, "no 'see' pointer"
    match = SEE.match(see)
    assert match, f"'see' must read 'Lesson NN: <section heading>'; got {see!r}"
    number, section = match.groups()
    assert number in NOTEBOOK_HEADINGS, f"no notebook for lesson {number}"
    assert section in NOTEBOOK_HEADINGS[number], f"lesson {number} has no section {section!r}"


# --- one tempo notation ------------------------------------------------------------------------

FOUR_DIGITS = re.compile(r"\b[0-9X]{4}\b")


def gym_codes(question):
    """The four-digit tempo codes a question shows (years such as 2007 are not codes)."""
    texts = [question["question"]] + [c["text"] for c in question["choices"]]
    texts += [c["explanation"] for c in question["choices"]]
    found = {code for text in texts for code in FOUR_DIGITS.findall(text)}
    return {code for code in found if not 1900 <= int(code.replace("X", "0")) <= 2099 or "X" in code}


def test_gym_codes_count_tempos_and_skip_years():
    question = {"question": "3021 or 2013?", "choices": [{"text": "30X0", "explanation": "Oh 2007"}]}
    assert gym_codes(question) == {"3021", "30X0"}


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=QUESTION_IDS)
def test_a_gym_tempo_code_is_named_and_said_to_start_with_the_lowering(lesson, question):
    if not gym_codes(question):
        return
    text = question["question"]
    assert "gym notation" in text and "starts with the lowering" in text, (
        f"{lesson}:{question['id']} shows {sorted(gym_codes(question))} without saying it is gym notation "
        "that starts with the lowering"
    )
