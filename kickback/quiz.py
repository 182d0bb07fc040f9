"""Self-check quizzes: question banks in `data/quizzes/`, answers checked and explained, a widget, answer keys.

Steps:
1. `load_quiz` reads one lesson's bank and checks it, reporting every problem at once.
2. `check_answer` judges one choice and explains it (pure logic, no widgets).
3. `quiz` shows a bank as a widget: a question, its choices, a "Check" button, the feedback
   in words and a score for the lesson.
4. `answer_key` and `answer_key_markdown` write the trainers' keys from the same banks, so the
   answers are only ever written once.

A bank is `data/quizzes/<lesson>.json`::

    {"lesson": "01_muscles_and_benefits",        # must match the file name
     "title": "Muscles and benefits",
     "source_note": "Where the facts come from.",
     "questions": [
        {"id": "primary_mover",                  # unique in the bank
         "question": "Which muscle ...?",
         "choices": [                            # 2 to 6; shown as a), b), ...
            {"id": "gluteus_maximus", "text": "The gluteus maximus",
             "explanation": "Why this is right (or, for the others, why it is wrong)."},
            ...],
         "answer": "gluteus_maximus",            # a choice id, or its index from 0
         "see": "Lesson 01: the muscles by role",  # optional: where to revisit
         "source": "..."}]}                      # optional: a source for this question
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import ipywidgets as widgets

from ._check import check_choice, check_in_range
from .tables import DATA_DIR

QUIZ_DIR = DATA_DIR / "quizzes"
LETTERS = "abcdef"
MIN_CHOICES, MAX_CHOICES = 2, len(LETTERS)

BANK_FIELDS = ("lesson", "title", "source_note", "questions")
QUESTION_FIELDS = ("id", "question", "choices", "answer")
OPTIONAL_QUESTION_FIELDS = ("see", "source")
CHOICE_FIELDS = ("id", "text", "explanation")

SCORE_RULE = (
    "How the score works: only your first check of each question counts. "
    "After that, try the other answers as often as you like to read why each is right or wrong."
)
NO_CHOICE_YET = "Pick an answer, then press Check."
CHANGED_CHOICE = "You changed your answer: press Check to see whether it is right."


# --- the bank -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick, with the explanation of why it is right or wrong."""

    id: str
    text: str
    explanation: str


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; `answer` is the id of the right choice."""

    id: str
    text: str
    choices: tuple[Choice, ...]
    answer: str
    see: str | None = None
    source: str | None = None

    @property
    def right_choice(self) -> Choice:
        """The right choice."""
        return self.choice(self.answer)

    def choice(self, choice: str | int | Choice) -> Choice:
        """A choice by its id, its index from 0, or itself; anything else raises ValueError."""
        if isinstance(choice, Choice):
            if choice not in self.choices:
                raise ValueError(f"choice {choice.id!r} is not one of question {self.id!r}'s choices")
            return choice
        if isinstance(choice, int) and not isinstance(choice, bool):
            index = check_in_range("choice", choice, 0, len(self.choices) - 1)
            return self.choices[int(index)]
        choice_id = check_choice("choice", choice, [c.id for c in self.choices])
        return next(c for c in self.choices if c.id == choice_id)

    def label(self, choice: str | int | Choice) -> str:
        """A choice as the learner sees it: "b) The hamstrings"."""
        picked = self.choice(choice)
        return f"{LETTERS[self.choices.index(picked)]}) {picked.text}"


@dataclass(frozen=True)
class Quiz:
    """One lesson's question bank."""

    lesson: str
    title: str
    source_note: str
    questions: tuple[Question, ...]
    path: Path

    def question(self, question_id: str) -> Question:
        """A question by its id."""
        check_choice("question id", question_id, [q.id for q in self.questions])
        return next(q for q in self.questions if q.id == question_id)


def available_lessons(folder: str | Path | None = None) -> tuple[str, ...]:
    """The lessons that have a question bank in `folder` (default `data/quizzes/`), sorted."""
    root = Path(folder) if folder is not None else QUIZ_DIR
    return tuple(sorted(path.stem for path in root.glob("*.json")))


def load_quiz(lesson: str | Path, *, folder: str | Path | None = None) -> Quiz:
    """The question bank of `lesson` (e.g. "06_common_mistakes"), checked.

    `lesson` may also be the path of a bank file (a `Path`, or a string ending in ".json");
    `folder` reads banks from another folder than `data/quizzes/`. A bank with problems raises
    ValueError naming the file, each question and each problem; an unknown lesson lists those
    that exist.

    >>> load_quiz("01_muscles_and_benefits").questions[1].right_choice.text
    'The gluteus maximus'
    """
    if isinstance(lesson, Path) or str(lesson).endswith(".json"):
        path = Path(lesson)
        if not path.is_file():
            raise ValueError(f"quiz bank not found: {path}")
    else:
        check_choice("lesson", lesson, available_lessons(folder))
        path = (Path(folder) if folder is not None else QUIZ_DIR) / f"{lesson}.json"
    return _read_bank(path)


def _shown_path(path: Path) -> str:
    """A bank's path as errors show it: relative to the repository where it lies inside it."""
    resolved = path.resolve()
    root = DATA_DIR.parent
    return resolved.relative_to(root).as_posix() if root in resolved.parents else str(path)


def _read_bank(path: Path) -> Quiz:
    """Parse and check one bank file; raise one ValueError listing every problem."""
    shown = _shown_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"quiz bank {shown}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    problems: list[str] = []
    quiz = _parse_bank(data, path, problems)
    if problems:
        if len(problems) == 1:
            raise ValueError(f"quiz bank {shown}: {problems[0]}")
        listed = "".join(f"\n  - {problem}" for problem in problems)
        raise ValueError(f"quiz bank {shown} has {len(problems)} problems:{listed}")
    assert quiz is not None
    return quiz


def _is_text(value: object) -> bool:
    """True for a string with something in it besides spaces."""
    return isinstance(value, str) and bool(value.strip())


def _unknown_fields(where: str, item: dict[str, Any], allowed: Iterable[str], problems: list[str]) -> None:
    """Note fields that the format does not have (usually a typing mistake)."""
    allowed = tuple(allowed)
    for name in item:
        if name not in allowed:
            problems.append(f"{where}unknown field {name!r} (allowed: {', '.join(allowed)})")


def _parse_bank(data: object, path: Path, problems: list[str]) -> Quiz | None:
    """The Quiz in `data`, or None; every problem found is appended to `problems`."""
    if not isinstance(data, dict):
        problems.append("the file must hold one JSON object with " + ", ".join(repr(f) for f in BANK_FIELDS))
        return None
    for name in BANK_FIELDS[:3]:
        if not _is_text(data.get(name)):
            problems.append(f"field {name!r} is missing or empty")
    if _is_text(data.get("lesson")) and data["lesson"] != path.stem:
        problems.append(f"field 'lesson' is {data['lesson']!r} but the file is named {path.name!r}")
    _unknown_fields("", data, BANK_FIELDS, problems)
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.append("field 'questions' must be a non-empty list of questions")
        return None
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(raw_questions, start=1):
        question = _parse_question(raw, number, seen, problems)
        if question is not None:
            questions.append(question)
    if problems:
        return None
    return Quiz(
        lesson=data["lesson"],
        title=data["title"],
        source_note=data["source_note"],
        questions=tuple(questions),
        path=path,
    )


def _parse_question(raw: object, number: int, seen: dict[str, int], problems: list[str]) -> Question | None:
    """One question, checked; `seen` maps the ids met so far to their question numbers."""
    if not isinstance(raw, dict):
        problems.append(f"question #{number}: must be an object with " + ", ".join(repr(f) for f in QUESTION_FIELDS))
        return None
    before = len(problems)
    question_id = raw.get("id")
    if _is_text(question_id):
        where = f"question {question_id!r}: "
        if question_id in seen:
            problems.append(f"{where}duplicate id (question #{seen[question_id]} has the same id)")
        else:
            seen[question_id] = number
    else:
        where = f"question #{number}: "
        problems.append(f"{where}no id")
    if not _is_text(raw.get("question")):
        problems.append(f"{where}no question text (field 'question')")
    for name in OPTIONAL_QUESTION_FIELDS:
        if name in raw and not _is_text(raw[name]):
            problems.append(f"{where}field {name!r} must be text")
    _unknown_fields(where, raw, QUESTION_FIELDS + OPTIONAL_QUESTION_FIELDS, problems)
    choices = _parse_choices(raw.get("choices"), where, problems)
    answer = _parse_answer(raw, choices, where, problems)
    if len(problems) > before or choices is None or answer is None:
        return None
    return Question(
        id=question_id,
        text=raw["question"],
        choices=choices,
        answer=answer,
        see=raw.get("see"),
        source=raw.get("source"),
    )


def _parse_choices(raw: object, where: str, problems: list[str]) -> tuple[Choice, ...] | None:
    """A question's choices, checked: 2 to 6, each with an id, a text and an explanation."""
    if not isinstance(raw, list):
        problems.append(f"{where}no choices (field 'choices' must be a list)")
        return None
    if not MIN_CHOICES <= len(raw) <= MAX_CHOICES:
        problems.append(f"{where}needs {MIN_CHOICES} to {MAX_CHOICES} choices; has {len(raw)}")
    before = len(problems)
    choices: list[Choice] = []
    ids: set[str] = set()
    texts: set[str] = set()
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            problems.append(f"{where}choice #{number} must be an object with " + ", ".join(repr(f) for f in CHOICE_FIELDS))
            continue
        choice_id = item.get("id")
        if not _is_text(choice_id):
            problems.append(f"{where}choice #{number} has no id")
            choice_id = f"#{number}"
        elif choice_id in ids:
            problems.append(f"{where}choice id {choice_id!r} is used twice")
        ids.add(choice_id)
        text, explanation = item.get("text"), item.get("explanation")
        if not _is_text(text):
            problems.append(f"{where}choice {choice_id!r} has no text")
        elif text in texts:
            problems.append(f"{where}choice text {text!r} appears twice")
        else:
            texts.add(text)
        if not _is_text(explanation):
            problems.append(f"{where}choice {choice_id!r} has no explanation")
        _unknown_fields(f"{where}choice {choice_id!r}: ", item, CHOICE_FIELDS, problems)
        choices.append(Choice(id=str(choice_id), text=str(text), explanation=str(explanation)))
    return tuple(choices) if len(problems) == before else None


def _parse_answer(raw: dict[str, Any], choices: tuple[Choice, ...] | None, where: str, problems: list[str]) -> str | None:
    """The right choice's id from the question's "answer" (a choice id or an index from 0)."""
    if "answer" not in raw:
        problems.append(f"{where}no answer")
        return None
    answer = raw["answer"]
    if isinstance(answer, bool) or not isinstance(answer, (int, str)):
        problems.append(f"{where}answer must be a choice id or an index from 0; got {answer!r}")
        return None
    if choices is None:
        return None
    if isinstance(answer, int):
        if not 0 <= answer < len(choices):
            problems.append(f"{where}answer {answer} is out of range: the index must be 0 to {len(choices) - 1}")
            return None
        return choices[answer].id
    ids = [choice.id for choice in choices]
    if answer not in ids:
        problems.append(f"{where}answer {answer!r} is not one of its choice ids ({', '.join(repr(i) for i in ids)})")
        return None
    return answer


# --- checking an answer ---------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """The verdict on one choice: right or not, and why, in words."""

    correct: bool
    choice: Choice
    message: str

    @property
    def explanation(self) -> str:
        """The picked choice's explanation."""
        return self.choice.explanation


def check_answer(question: Question, choice: str | int | Choice) -> Feedback:
    """Judge `choice` (its id, its index from 0, or the Choice) and explain it.

    >>> q = load_quiz("01_muscles_and_benefits").question("primary_mover")
    >>> check_answer(q, "hamstrings").message.split(".")[0]
    'Not quite'
    """
    picked = question.choice(choice)
    correct = picked.id == question.answer
    verdict = "Right." if correct else "Not quite."
    return Feedback(correct=correct, choice=picked, message=f"{verdict} {picked.explanation}")


# --- the quiz in words ----------------------------------------------------------------------


def _escape_markdown(text: str) -> str:
    """Text with Markdown's special characters escaped, so it shows as written."""
    for char in "\\`*_[]<>":
        text = text.replace(char, "\\" + char)
    return text


def _count(number: int) -> str:
    """The count in words: "1 question", "5 questions"."""
    return f"{number} question" + ("" if number == 1 else "s")


def quiz_text(quiz: Quiz) -> str:
    """The questions and choices as plain numbered text, without the answers."""
    lines = [f"Check yourself: {quiz.title} ({_count(len(quiz.questions))}). Pick one answer for each and press Check.", ""]
    for number, question in enumerate(quiz.questions, start=1):
        lines.append(f"{number}. {question.text}")
        lines.extend(f"   {question.label(index)}" for index in range(len(question.choices)))
        lines.append("")
    lines.append(SCORE_RULE)
    return "\n".join(lines)


def quiz_markdown(quiz: Quiz) -> str:
    """The questions and choices as a Markdown numbered list, without the answers (for static viewers)."""
    lines = [f"**Check yourself: {_escape_markdown(quiz.title)}** ({_count(len(quiz.questions))})", ""]
    for number, question in enumerate(quiz.questions, start=1):
        lines.append(f"{number}. {_escape_markdown(question.text)}")
        lines.extend(f"    - {_escape_markdown(question.label(index))}" for index in range(len(question.choices)))
        lines.append("")
    lines.append("*Run this notebook to check your answers: pick one for each question and press Check.*")
    lines.append("")
    lines.append(_escape_markdown(SCORE_RULE))
    return "\n".join(lines)


# --- the widget -----------------------------------------------------------------------------


def feedback_html(feedback: Feedback, see: str | None = None) -> str:
    """Feedback for the page: a tick or a cross AND the words "Right" or "Not quite", then why."""
    explanation = html.escape(feedback.explanation)
    if feedback.correct:
        return f'<div role="status"><strong>✓ Right —</strong> {explanation}</div>'
    revisit = f" To revisit: {html.escape(see)}." if see else ""
    return f'<div role="status"><strong>✗ Not quite —</strong> {explanation} Try another answer.{revisit}</div>'


def _note_html(text: str) -> str:
    """A plain message in the feedback area."""
    return f'<div role="status">{html.escape(text)}</div>'


class QuestionPanel(widgets.VBox):
    """One question: its text, the choices as radio buttons, a Check button and the feedback."""

    def __init__(self, question: Question, number: int, on_check: Callable[[], None] | None = None) -> None:
        self.question = question
        self.number = number
        self._on_check = on_check
        self.prompt = widgets.HTML(value=f"<p><strong>{number}. {html.escape(question.text)}</strong></p>")
        self.prompt.add_class("kickback-quiz-question")
        self.radio = widgets.RadioButtons(
            options=[(question.label(index), choice.id) for index, choice in enumerate(question.choices)],
            value=None,
            layout=widgets.Layout(width="auto"),
        )
        self.radio.add_class("kickback-quiz-choices")
        self.check_button = widgets.Button(description="Check", tooltip=f"Check your answer to question {number}", icon="check")
        self.check_button.add_class("kickback-quiz-check")
        self.feedback = widgets.HTML(value=_note_html(NO_CHOICE_YET))
        self.feedback.add_class("kickback-quiz-feedback")
        self.first_try: bool | None = None
        self.solved = False
        self.check_button.on_click(lambda _: self.check())
        self.radio.observe(self._on_choice, names="value")
        super().__init__([self.prompt, self.radio, self.check_button, self.feedback])
        self.add_class("kickback-quiz-item")

    def check(self) -> Feedback | None:
        """Judge the picked choice, show the verdict and remember it for the score."""
        if self.radio.value is None:
            self._show(_note_html(NO_CHOICE_YET), None)
            return None
        feedback = check_answer(self.question, self.radio.value)
        if self.first_try is None:
            self.first_try = feedback.correct
        self.solved = self.solved or feedback.correct
        self._show(feedback_html(feedback, self.question.see), feedback.correct)
        if self._on_check is not None:
            self._on_check()
        return feedback

    def reset(self) -> None:
        """Clear the choice, the feedback and the record of tries."""
        self.first_try, self.solved = None, False
        self.radio.value = None
        self._show(_note_html(NO_CHOICE_YET), None)

    def _on_choice(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and self.first_try is not None:
            self._show(_note_html(CHANGED_CHOICE), None)

    def _show(self, value: str, correct: bool | None) -> None:
        self.feedback.value = value
        self.feedback.remove_class("kickback-quiz-right")
        self.feedback.remove_class("kickback-quiz-wrong")
        if correct is not None:
            self.feedback.add_class("kickback-quiz-right" if correct else "kickback-quiz-wrong")


class QuizWidget(widgets.VBox):
    """A lesson's self-check: every question with its own Check button, and a score line.

    The score counts each question's first check only (stated under the score); trying again
    still explains every answer. Its notebook output also carries the questions in words
    (text/plain and text/markdown, without answers) for viewers without a kernel.
    """

    def __init__(self, quiz: Quiz | str) -> None:
        self.quiz = quiz if isinstance(quiz, Quiz) else load_quiz(quiz)
        self.heading = widgets.HTML(
            value=f"<p><strong>Check yourself: {html.escape(self.quiz.title)}</strong> "
            f"({_count(len(self.quiz.questions))}). Pick one answer for each and press Check.</p>"
        )
        self.panels = [QuestionPanel(q, n, self._update_score) for n, q in enumerate(self.quiz.questions, start=1)]
        self.score = widgets.HTML()
        self.score.add_class("kickback-quiz-score")
        self.rule = widgets.HTML(value=f"<p>{html.escape(SCORE_RULE)}</p>")
        self.reset_button = widgets.Button(description="Start again", tooltip="Clear every answer and the score", icon="undo")
        self.reset_button.add_class("kickback-quiz-reset")
        self.reset_button.on_click(lambda _: self.reset())
        self._update_score()
        super().__init__([self.heading, *self.panels, self.score, self.rule, self.reset_button])
        self.add_class("kickback-quiz")

    @property
    def score_text(self) -> str:
        """The score in words, e.g. "Score: 2 of 5 answered correctly on the first try. Solved so far: 3 of 5." """
        total = len(self.panels)
        first = sum(1 for panel in self.panels if panel.first_try)
        solved = sum(1 for panel in self.panels if panel.solved)
        return f"Score: {first} of {total} answered correctly on the first try. Solved so far: {solved} of {total}."

    def _update_score(self) -> None:
        self.score.value = f'<p role="status"><strong>{html.escape(self.score_text)}</strong></p>'

    def reset(self) -> None:
        """Start the quiz again: no choices, no feedback, score 0."""
        for panel in self.panels:
            panel.reset()
        self._update_score()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = quiz_text(self.quiz)
        bundle["text/markdown"] = quiz_markdown(self.quiz)
        return bundle


def quiz(lesson: str) -> QuizWidget:
    """The self-check quiz of `lesson` (e.g. "06_common_mistakes") as a widget."""
    return QuizWidget(load_quiz(lesson))


# --- answer keys ----------------------------------------------------------------------------


def _key_section(quiz: Quiz, level: int) -> str:
    """One bank's answer key in Markdown, its heading at `level`."""
    e = _escape_markdown
    lines = [
        f"{'#' * level} Answer key: {e(quiz.title)}",
        "",
        f"Lesson `{quiz.lesson}`, {_count(len(quiz.questions))}. Sources: {e(quiz.source_note)}",
        "",
    ]
    for number, question in enumerate(quiz.questions, start=1):
        right = question.right_choice
        lines += [
            f"**{number}. {e(question.text)}**",
            "",
            f"Answer: **{e(question.label(right))}**. {e(right.explanation)}",
            "",
            "Why not the others:",
            "",
        ]
        lines += [f"- {e(question.label(c))}: {e(c.explanation)}" for c in question.choices if c.id != right.id]
        lines.append("")
        if question.see:
            lines += [f"Revisit: {e(question.see)}.", ""]
        if question.source:
            lines += [f"Source: {e(question.source)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def answer_key(lesson: str | Quiz, *, folder: str | Path | None = None) -> str:
    """Markdown for trainers: each question of `lesson`, its right answer and why, and why not the others."""
    quiz = lesson if isinstance(lesson, Quiz) else load_quiz(lesson, folder=folder)
    return _key_section(quiz, level=2)


def answer_key_markdown(lessons: Iterable[str] | None = None, *, folder: str | Path | None = None) -> str:
    """The answer keys of several lessons (default: every bank) as one Markdown document."""
    names = list(lessons) if lessons is not None else list(available_lessons(folder))
    sections = [_key_section(load_quiz(name, folder=folder), level=2) for name in names]
    return "# Kickback Lab answer keys\n\n" + "\n".join(sections)
