"""The words of the trainers' printables: the mistakes handout, the observation checklists, the class
plan and the short answer key.

Each comes from the same tables the lessons use (data/mistakes.csv and the checker's cues, data/cues.csv,
data/observation_checklist.csv, data/class_plan.csv, the quiz banks), so paper and screen never disagree.
The handout says why each mistake costs in plainer words for a gym wall (data/handout.csv: the same facts,
the technical term in brackets once, the studies as numbered notes that must be among mistakes.csv's sources).
`kickback.draw.printables` lays them out on a page; nothing here draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data_files import read_table
from ..form.findings import CUES
from ..model.variants import VARIANTS, check_variant
from ..validate import check_choice
from .cues import top_cues
from .mistakes import read_mistakes
from .plain_words import plain_text
from .quiz_bank import LETTERS, available_lessons, load_quiz
from .tempo import to_article_notation

VIEWS: dict[str, str] = {
    "side": "Side view: level with the lifter's hip, 1–2 m away",
    "rear": "Rear view: about 2 m behind, eyes at hip height, out of reach of the leg",
}
CLASS_PLANS: tuple[str, ...] = ("45", "90")
# Words that point somewhere inside the guide ("above", "below"), and what they mean on paper.
GUIDE_PLACES: dict[str, str] = {
    "the script above": "the screening script (teaching guide)",
    "partner drill 1 below": "partner drill 1 (teaching guide): the flat table",
}


HANDOUT_SOURCE = "the course article, section 'Common Mistakes to Avoid', in our words"
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class MistakeCard:
    """One of the six mistakes as the handout prints it: plain words, sources as numbered notes.

    `why_it_costs` carries superscript note numbers (¹, ²) that point into `handout_notes()`.
    """

    number: int
    title: str
    looks_like: str
    why_it_costs: str
    cue: str
    mistake: str = ""


@dataclass(frozen=True)
class ChecklistItem:
    """One line of an observation checklist: what to watch, and the cue if it goes wrong."""

    view: str
    mistake: str
    item: str
    cue: str


@dataclass(frozen=True)
class PlanRow:
    """One line of a class plan, in plain words for paper."""

    time: str
    what: str
    material: str
    prompt: str


@dataclass(frozen=True)
class KeyLine:
    """One question of the short answer key: its number, the right letter and choice."""

    number: int
    letter: str
    answer: str


def _handout_rows() -> dict[str, dict[str, str]]:
    """data/handout.csv by mistake id, checked: every mistake has a row, every cite is in its sources."""
    mistakes = read_mistakes()
    rows = {row["id"]: row for row in read_table("handout")}
    for mistake, row in mistakes.items():
        if mistake not in rows:
            raise ValueError(f"handout.csv id must name every mistake; {mistake!r} has no row")
        sources = [part.strip() for part in row["source"].split(";")]
        for cite in handout_cites(rows[mistake]):
            if not any(source.startswith(cite) for source in sources):
                raise ValueError(
                    f"handout.csv cites of {mistake!r} must each start a source of mistakes.csv "
                    f"({'; '.join(sources)}); got {cite!r}"
                )
    return rows


def handout_cites(row: dict[str, str]) -> list[str]:
    """A handout row's cites, in the order its {1}, {2} marks use them."""
    return [cite.strip() for cite in row["cites"].split(";") if cite.strip()]


def handout_note_order() -> list[str]:
    """Every cited source once, numbered by where the handout first cites it (1 first)."""
    order: list[str] = []
    for row in _handout_rows().values():
        order += [cite for cite in handout_cites(row) if cite not in order]
    return order


def handout_notes() -> list[str]:
    """The handout's notes, one a source, numbered as its text cites them, e.g. "¹ Arab et al. 2017".

    The text is the full source from data/mistakes.csv in plain words (no database ids).
    """
    sources = [part.strip() for row in read_mistakes().values() for part in row["source"].split(";")]
    notes = []
    for number, cite in enumerate(handout_note_order(), start=1):
        full = next(source for source in sources if source.startswith(cite))
        notes.append(f"{str(number).translate(SUPERSCRIPTS)} {plain_text(full)}")
    return notes


def _with_note_numbers(text: str, cites: list[str], order: list[str]) -> str:
    """`text` with {1}, {2} replaced by the superscript numbers of the notes they cite."""

    def number(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        if not 0 <= index < len(cites):
            raise ValueError(
                f"handout.csv mark {match.group(0)} must name one of the row's {len(cites)} cites"
            )
        return str(order.index(cites[index]) + 1).translate(SUPERSCRIPTS)

    return re.sub(r"\{(\d+)\}", number, text)


def mistake_cards() -> list[MistakeCard]:
    """The six mistakes in the order of lesson 06, each with the checker's cue (form.findings.CUES).

    What each looks like is lesson 06's words (data/mistakes.csv); why it costs is said for paper
    (data/handout.csv): plain words, the technical term in brackets once, sources as numbered notes.
    """
    rows, order = _handout_rows(), handout_note_order()
    return [
        MistakeCard(
            number,
            row["title"],
            row["looks_like"],
            _with_note_numbers(rows[mistake]["why_it_costs"], handout_cites(rows[mistake]), order),
            CUES[mistake],
            mistake,
        )
        for number, (mistake, row) in enumerate(read_mistakes().items(), start=1)
    ]


def checklist_items(variant: str) -> list[ChecklistItem]:
    """What the side and rear watchers check for `variant` (data/observation_checklist.csv), side first."""
    check_variant(variant)
    known = read_mistakes()
    items = []
    for row in read_table("observation_checklist"):
        if row["variant"] != variant:
            continue
        check_choice("observation_checklist.csv view", row["view"], tuple(VIEWS))
        check_choice("observation_checklist.csv mistake", row["mistake"], tuple(known))
        items.append(ChecklistItem(row["view"], row["mistake"], row["item"], CUES[row["mistake"]]))
    return sorted(items, key=lambda item: list(VIEWS).index(item.view))


def checklist_cues(variant: str) -> list[str]:
    """The variant's three cue-card cues (data/cues.csv), printed at the foot of its checklist."""
    return [step.text for step in top_cues(variant)]


def mistake_title(mistake: str) -> str:
    """A mistake's title from data/mistakes.csv."""
    return read_mistakes()[mistake]["title"]


def lesson_name(lesson: str) -> str | None:
    """A lesson's name as its quiz bank titles it (e.g. "Start here" for "00_start_here"), or None."""
    return load_quiz(lesson).title if lesson in available_lessons() else None


def plain_words(markdown: str) -> str:
    """A guide cell for paper: a link to a lesson becomes "lesson NN" and the lesson's name, other links
    their text; bold and italics marks go. A trainer reads names on paper, never a file's path."""

    def link(match: re.Match[str]) -> str:
        text, target = match.group(1), match.group(2)
        lesson = re.match(r"\.\./((\d\d)_\w+)\.ipynb$", target)
        if lesson and text.startswith(lesson.group(2)):
            name = lesson_name(lesson.group(1))
            return f"lesson {text}" + (f" ({name})" if name else "")
        return text

    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", link, markdown)
    text = re.sub(r"\*\*?([^*]+)\*\*?", r"\1", text).strip()
    return GUIDE_PLACES.get(text, text)


def read_class_plan(plan: str = "45") -> list[PlanRow]:
    """A class plan of the teaching guide (data/class_plan.csv), in plain words: "45" or "90" minutes."""
    check_choice("plan", plan, CLASS_PLANS)
    rows = sorted(
        (row for row in read_table("class_plan") if row["plan"] == plan), key=lambda r: int(r["order"])
    )
    return [
        PlanRow(
            plain_words(r["time"]),
            plain_words(r["what"]),
            plain_words(r["material"]),
            plain_words(r["prompt"]),
        )
        for r in rows
    ]


def class_plan_markdown_rows(plan: str = "45") -> list[tuple[str, str, str, str]]:
    """The plan's rows exactly as the guide's Markdown table has them (for the test that they agree)."""
    check_choice("plan", plan, CLASS_PLANS)
    rows = sorted(
        (row for row in read_table("class_plan") if row["plan"] == plan), key=lambda r: int(r["order"])
    )
    return [(r["time"], r["what"], r["material"], r["prompt"]) for r in rows]


GYM_TEMPO = re.compile(r"[0-9X]{4}")
"""A right answer that is a tempo in gym notation alone, e.g. "3021": the short key says what it means."""


def key_answer(text: str) -> str:
    """A right choice's text as the short key prints it: a bare gym-notation tempo gets its meaning.

    The course writes tempo up-hold-down; a four-digit code alone on the page would read as the
    course's order, so the key names the notation and gives the course's reading
    (`kickback.content.tempo`).

    >>> key_answer("3021")
    '3021 (gym notation, down first) = 2-1-3 up-hold-down'
    >>> key_answer("60 s: 10 reps of 6 s each")
    '60 s: 10 reps of 6 s each'
    """
    code = text.strip()
    if not GYM_TEMPO.fullmatch(code):
        return text
    try:
        course = to_article_notation(code)
    except ValueError:  # four signs that are no tempo (e.g. an X where a pause goes): printed as written
        return text
    return f"{code} (gym notation, down first) = {course} up-hold-down"


def short_answer_key() -> list[tuple[str, list[KeyLine]]]:
    """Every quiz bank's right answers: (the bank's title, [number, letter, the right choice's text]).

    The text is the choice's own, but for a bare gym-notation tempo, which says what it means
    (`key_answer`).
    """
    key = []
    for lesson in available_lessons():
        quiz = load_quiz(lesson)
        lines = [
            KeyLine(
                number,
                LETTERS[question.choices.index(question.right_choice)],
                key_answer(question.right_choice.text),
            )
            for number, question in enumerate(quiz.questions, start=1)
        ]
        key.append((f"{lesson[:2]} {quiz.title}", lines))
    return key


def printable_names() -> list[str]:
    """The file names (without suffix) `python -m kickback printables` writes, in order."""
    return (
        ["mistakes_handout"]
        + [f"observation_checklist_{variant}" for variant in VARIANTS]
        + ["class_plan_45", "answer_key_short"]
    )
