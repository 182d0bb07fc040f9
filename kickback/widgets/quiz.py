"""A quiz as a widget: one question at a time, a Check button, feedback in words, a score."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..content.quiz_bank import (
    SCORE_RULE,
    Feedback,
    Question,
    Quiz,
    _count,
    check_answer,
    load_quiz,
    quiz_markdown,
    quiz_text,
)
from .static_twin import StaticTwin

NO_CHOICE_YET = "Pick an answer, then press Check."
CHANGED_CHOICE = "You changed your answer: press Check to see whether it is right."


# --- the widget -----------------------------------------------------------------------------


def feedback_html(feedback: Feedback, see: str | None = None) -> str:
    """Feedback for the page: a tick or a cross AND the words "Right" or "Not quite", then why."""
    explanation = html.escape(feedback.explanation)
    if feedback.correct:
        return f'<div role="status"><strong>✓ Right —</strong> {explanation}</div>'
    revisit = f" To revisit: {html.escape(see)}." if see else ""
    return (
        f'<div role="status"><strong>✗ Not quite —</strong> {explanation} Try another answer.{revisit}</div>'
    )


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
        self.check_button = widgets.Button(
            description="Check", tooltip=f"Check your answer to question {number}", icon="check"
        )
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


class QuizWidget(StaticTwin, widgets.VBox):
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
        self.panels = [
            QuestionPanel(q, n, self._update_score) for n, q in enumerate(self.quiz.questions, start=1)
        ]
        self.score = widgets.HTML()
        self.score.add_class("kickback-quiz-score")
        self.rule = widgets.HTML(value=f"<p>{html.escape(SCORE_RULE)}</p>")
        self.reset_button = widgets.Button(
            description="Start again", tooltip="Clear every answer and the score", icon="undo"
        )
        self.reset_button.add_class("kickback-quiz-reset")
        self.reset_button.on_click(lambda _: self.reset())
        self._update_score()
        super().__init__([self.heading, *self.panels, self.score, self.rule, self.reset_button])
        self.add_class("kickback-quiz")

    @property
    def score_text(self) -> str:
        """The score in words.

        E.g. "Score: 2 of 5 answered correctly on the first try. Solved so far: 3 of 5."
        """
        total = len(self.panels)
        first = sum(1 for panel in self.panels if panel.first_try)
        solved = sum(1 for panel in self.panels if panel.solved)
        return (
            f"Score: {first} of {total} answered correctly on the first try. "
            f"Solved so far: {solved} of {total}."
        )

    def _update_score(self) -> None:
        self.score.value = f'<p role="status"><strong>{html.escape(self.score_text)}</strong></p>'

    def reset(self) -> None:
        """Start the quiz again: no choices, no feedback, score 0."""
        for panel in self.panels:
            panel.reset()
        self._update_score()

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return quiz_text(self.quiz)

    def static_markdown(self) -> str | None:
        """The widget's state as Markdown (its static twin)."""
        return quiz_markdown(self.quiz)


def quiz(lesson: str) -> QuizWidget:
    """The self-check quiz of `lesson` (e.g. "06_common_mistakes") as a widget.

    Parameters
    ----------
    lesson : str
        A lesson with a bank in `data/quizzes/`.

    Returns
    -------
    QuizWidget
        The questions, each with a "Check" button and feedback that explains.
    """
    return QuizWidget(load_quiz(lesson))
