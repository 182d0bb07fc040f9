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


# --- issue 12: one path through the course, a "Check yourself" in every lesson, a glossary ----------------

LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
GLOSSARY = NOTEBOOKS / "glossary.ipynb"
NEXT = re.compile(r"\*\*Next:\*\*[^\n]*?\]\(([^)#\s]+\.ipynb)")
ANCHOR = re.compile(r'<a id="([a-z0-9-]+)"></a>')
GLOSSARY_LINK = re.compile(r"\]\(glossary\.ipynb#([a-z0-9-]+)\)")
QUIZ_CALL = re.compile(r'^kb\.quiz\("(\d\d_[a-z_]+)"\)$')


def cells_of(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_the_lessons_are_numbered_00_to_10():
    assert [p.name[:2] for p in LESSONS] == [f"{n:02d}" for n in range(11)]


def test_next_links_chain_the_lessons_in_order():
    """00 → 01 → … → 10: each lesson's **Next:** link names the lesson after it, and 10 has none."""
    for here, after in zip(LESSONS, LESSONS[1:]):
        targets = NEXT.findall(markdown_of(here))
        assert targets == [after.name], f"{here.name}: Next links to {targets}, expected [{after.name!r}]"
    assert not NEXT.findall(markdown_of(LESSONS[-1])), "the last lesson has no Next link"


def test_no_lesson_asks_for_a_later_one_before_it_starts():
    """'Before you start' names only earlier lessons."""
    for path in LESSONS:
        text = markdown_of(path)
        before = next((line for line in text.splitlines() if line.startswith("**Before you start:**")), "")
        later = [t for t, _ in LINK.findall(before) if t[:2].isdigit() and t[:2] > path.name[:2]]
        assert not later, f"{path.name} asks for later lessons first: {later}"


def test_every_lesson_states_its_time_and_the_map_agrees():
    """Each lesson says its time, and the lesson map's time column says the same number of minutes."""
    minutes = re.compile(r"(\d+) min")
    rows = {
        Path(target).name: minutes.search(line).group(1)
        for line in markdown_of(LESSONS[0]).splitlines()
        for target, _ in LINK.findall(line)
        if line.startswith("|") and minutes.search(line)
    }
    for path in LESSONS:
        stated = re.search(r"\*\*Time:\*\* about (\d+) minutes", markdown_of(path))
        assert stated, f"{path.name}: no '**Time:** about N minutes'"
        assert rows.get(path.name) == stated.group(1), f"{path.name}: map says {rows.get(path.name)} min"


def test_the_map_says_no_lesson_is_still_being_written():
    assert "still being written" not in markdown_of(LESSONS[0])


@pytest.mark.parametrize("path", LESSONS[1:], ids=lambda p: p.name)
def test_every_lesson_has_check_yourself_with_its_quiz(path):
    """A '## Check yourself' heading, then (before the next heading) kb.quiz on this lesson's own bank."""
    cells = cells_of(path)
    heading = next(
        (
            i
            for i, c in enumerate(cells)
            if c["cell_type"] == "markdown" and "## Check yourself" in "".join(c["source"])
        ),
        None,
    )
    assert heading is not None, f"{path.name}: no '## Check yourself' heading"
    calls = []
    for cell in cells[heading + 1 :]:
        text = "".join(cell["source"]).strip()
        if cell["cell_type"] == "markdown" and text.startswith("#"):
            break
        if cell["cell_type"] == "code":
            calls += [m.group(1) for m in map(QUIZ_CALL.match, text.splitlines()) if m]
    assert calls == [path.stem], f"{path.name}: quiz calls under 'Check yourself' are {calls}"
    assert (NOTEBOOKS.parent / "data" / "quizzes" / f"{path.stem}.json").exists()


@pytest.mark.parametrize("path", LESSONS[1:], ids=lambda p: p.name)
def test_every_lesson_has_a_try_it_with_an_interactive_call(path):
    cells = cells_of(path)
    starts = [
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "markdown" and re.search(r"^#+ Try it", "".join(c["source"]), re.M)
    ]
    assert starts, f"{path.name}: no 'Try it' section"
    following = [c for i in starts for c in cells[i + 1 : i + 3] if c["cell_type"] == "code"]
    assert following, f"{path.name}: no code cell right after 'Try it'"


def glossary_anchors():
    return ANCHOR.findall(markdown_of(GLOSSARY))


def test_the_glossary_is_markdown_only_and_defines_each_term_once():
    assert all(cell["cell_type"] == "markdown" for cell in cells_of(GLOSSARY))
    anchors = glossary_anchors()
    assert len(anchors) >= 11 and len(anchors) == len(set(anchors))


def test_the_issue_12_terms_are_in_the_glossary():
    anchors = set(glossary_anchors())
    wanted = {
        "concentric",
        "eccentric",
        "torque",
        "newton-metre",
        "moment-arm",
        "mvic",
        "emg",
        "lordosis",
        "anterior-pelvic-tilt",
        "muscle-tendon-length",
        "rajagopal-model",
    }
    assert wanted <= anchors, f"missing from the glossary: {sorted(wanted - anchors)}"


def test_every_glossary_term_is_linked_from_a_lesson_and_every_link_is_defined():
    anchors = set(glossary_anchors())
    linked = {anchor for path in LESSONS for anchor in GLOSSARY_LINK.findall(markdown_of(path))}
    assert linked <= anchors, f"links to undefined glossary terms: {sorted(linked - anchors)}"
    assert anchors <= linked, f"glossary terms no lesson links to: {sorted(anchors - linked)}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_lesson_links_the_glossary(path):
    assert "](glossary.ipynb" in markdown_of(path), f"{path.name} does not link the glossary"
