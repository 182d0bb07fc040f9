"""Answer keys for trainers, written from the same quiz banks as the quizzes, so they never disagree."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .quiz_bank import Quiz, _count, _escape_markdown, available_lessons, load_quiz

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
        lines += [
            f"- {e(question.label(c))}: {e(c.explanation)}" for c in question.choices if c.id != right.id
        ]
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
    """The answer keys of several lessons (default: every bank) as one Markdown document.

    Parameters
    ----------
    lessons : iterable of str or None, optional
        Lesson names such as "06_common_mistakes"; None for every bank.
    folder : str, Path or None, optional
        Where to read banks from instead of `data/quizzes/`.

    Returns
    -------
    str
        Markdown, a section per lesson.
    """
    names = list(lessons) if lessons is not None else list(available_lessons(folder))
    sections = [_key_section(load_quiz(name, folder=folder), level=2) for name in names]
    return "# Kickback Lab answer keys\n\n" + "\n".join(sections)


class AnswerKeys:
    """Answer keys shown as Markdown in a notebook (plain text elsewhere)."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown


def show_answer_keys(lessons: Iterable[str] | None = None) -> AnswerKeys:
    """Every lesson's answer key (or the named lessons'), ready to read or print.

    Parameters
    ----------
    lessons : iterable of str or None, optional
        Lesson names such as "06_common_mistakes"; None for every bank.

    Returns
    -------
    AnswerKeys
        Shown as Markdown in a notebook, plain text elsewhere.
    """
    return AnswerKeys(answer_key_markdown(lessons))
