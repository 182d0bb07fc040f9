"""Self-check quizzes: question banks in `data/quizzes/`, answers checked and explained.

Also a widget and answer keys.

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

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data_files import DATA_DIR
from ..validate import check_choice, check_in_range

QUIZ_DIR = DATA_DIR / "quizzes"
LETTERS = "abcdef"
MIN_CHOICES, MAX_CHOICES = 2, len(LETTERS)

BANK_FIELDS = ("lesson", "title", "source_note", "questions")
QUESTION_FIELDS = ("id", "question", "choices", "answer")
OPTIONAL_QUESTION_FIELDS = ("see", "source", "kind")
CHOICE_FIELDS = ("id", "text", "explanation")

SCORE_RULE = (
    "How the score works: only your first check of each question counts. "
    "After that, try the other answers as often as you like to read why each is right or wrong."
)


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
    kind: str | None = None

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

    Parameters
    ----------
    lesson : str or Path
        A lesson name such as "06_common_mistakes", or the path of a bank file.
    folder : str, Path or None, optional
        Where to read banks from instead of `data/quizzes/`.

    Returns
    -------
    Quiz
        The lesson's title and its questions, each with choices, the right answer and explanations.

    >>> load_quiz("01_muscles_and_benefits").questions[1].right_choice.text
    'The gluteus maximus, the big buttock muscle'
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
        raise ValueError(
            f"quiz bank {shown}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
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
        problems.append(
            f"question #{number}: must be an object with " + ", ".join(repr(f) for f in QUESTION_FIELDS)
        )
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
        kind=raw.get("kind"),
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
            problems.append(
                f"{where}choice #{number} must be an object with " + ", ".join(repr(f) for f in CHOICE_FIELDS)
            )
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


def _parse_answer(
    raw: dict[str, Any], choices: tuple[Choice, ...] | None, where: str, problems: list[str]
) -> str | None:
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
            problems.append(
                f"{where}answer {answer} is out of range: the index must be 0 to {len(choices) - 1}"
            )
            return None
        return choices[answer].id
    ids = [choice.id for choice in choices]
    if answer not in ids:
        problems.append(
            f"{where}answer {answer!r} is not one of its choice ids ({', '.join(repr(i) for i in ids)})"
        )
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
    lines = [
        (
            f"Check yourself: {quiz.title} ({_count(len(quiz.questions))}). "
            "Pick one answer for each and press Check."
        ),
        "",
    ]
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
        lines.extend(
            f"    - {_escape_markdown(question.label(index))}" for index in range(len(question.choices))
        )
        lines.append("")
    lines.append("*Run this notebook to check your answers: pick one for each question and press Check.*")
    lines.append("")
    lines.append(_escape_markdown(SCORE_RULE))
    return "\n".join(lines)
