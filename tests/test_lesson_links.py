"""Links between lessons point at notebooks that exist, and the lesson map links every lesson that does."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)(#[^)]*)?\)")


def markdown_of(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def all_notebooks():
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: p.name)
def test_every_notebook_link_resolves(path):
    for target, _ in LINK.findall(markdown_of(path)):
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def test_the_lesson_map_links_every_lesson_that_exists():
    text = markdown_of(NOTEBOOKS / "00_start_here.ipynb")
    linked = {Path(target).name for target, _ in LINK.findall(text)}
    lessons = {p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    assert lessons <= linked


def headings_of(path):
    text = markdown_of(path)
    return {line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")}


def test_quiz_pointers_name_real_sections():
    from kickback.content.quiz_bank import available_lessons, load_quiz

    headings = {}
    for path in all_notebooks():
        headings[path.name[:2]] = headings_of(path)
    for lesson in available_lessons():
        for question in load_quiz(lesson).questions:
            if not question.see:
                continue
            number, _, section = question.see.partition(": ")
            assert number.startswith("Lesson "), question.see
            assert section in headings[number.removeprefix("Lesson ")], (
                f"{lesson}/{question.id}: no section {question.see!r}"
            )
