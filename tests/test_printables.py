"""The trainers' printables (`python -m kickback printables`): one page each, legible, byte-stable, and
saying what the lessons and the teaching guide say.

- Every PDF is one page, checked by rendering it with pdftoppm (Debian's poppler-utils, installed with
  apt-get when missing, like the browser tests' chromium), and the render is not blank.
- Legible: at the page's print size (A4) no text is smaller than MIN_PRINT_PT and none runs off the page.
- Byte-stable: two builds into two folders give identical PDFs and PNGs.
- Same words: the handout carries every mistake's title and cue; each checklist both views and every
  item; the guide's class-plan tables equal data/class_plan.csv row for row.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import REPO_ROOT
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.image import imread
from matplotlib.text import Text
from test_browser import find_or_install

from kickback.content.printables import (
    checklist_items,
    class_plan_markdown_rows,
    key_answer,
    mistake_cards,
    plain_words,
    printable_names,
    read_class_plan,
    short_answer_key,
)
from kickback.content.quiz_bank import available_lessons, load_quiz
from kickback.content.tempo import parse_tempo
from kickback.draw.printables import (
    A4_PORTRAIT_IN,
    HANDOUT_TITLE,
    MIN_PRINT_PT,
    build_printables,
    checklist_title,
)
from kickback.model.variants import VARIANTS


@pytest.fixture(scope="module")
def printables():
    items = build_printables()
    for item in items:
        item.figure.canvas.draw()
    return {item.name: item for item in items}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    folders = [tmp_path_factory.mktemp(f"build{i}") for i in range(2)]
    for folder in folders:
        done = subprocess.run(
            [sys.executable, "-m", "kickback", "printables", "--out", str(folder)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
    return folders


def texts(figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_every_printable_is_built_in_order(printables):
    assert list(printables) == printable_names()


def test_no_text_is_smaller_than_the_print_minimum_or_off_the_page(printables):
    for name, item in printables.items():
        figure = item.figure
        assert tuple(figure.get_size_inches()) == pytest.approx(A4_PORTRAIT_IN), name
        page = figure.bbox
        for text in texts(figure):
            assert text.get_fontsize() >= MIN_PRINT_PT, (name, text.get_text()[:40], text.get_fontsize())
            box = text.get_window_extent()
            assert page.x0 <= box.x0 and box.x1 <= page.x1 + 0.5, (
                name,
                "runs off the side",
                text.get_text()[:40],
            )
            assert page.y0 <= box.y0 and box.y1 <= page.y1 + 0.5, (
                name,
                "runs off the page",
                text.get_text()[:40],
            )


def test_each_pdf_is_one_page_when_rendered_and_not_blank(two_builds, tmp_path):
    pdftoppm = find_or_install("pdftoppm", "poppler-utils")
    for name in printable_names():
        prefix = tmp_path / name
        subprocess.run(
            [pdftoppm, "-r", "40", "-png", str(two_builds[0] / f"{name}.pdf"), str(prefix)], check=True
        )
        pages = sorted(tmp_path.glob(f"{name}*.png"))
        assert len(pages) == 1, f"{name}.pdf renders to {len(pages)} pages"
        image = imread(pages[0])
        height, width = image.shape[:2]
        assert height / width == pytest.approx(A4_PORTRAIT_IN[1] / A4_PORTRAIT_IN[0], rel=0.02)
        ink = (image[..., :3].mean(axis=2) < 0.5).mean()
        assert ink > 0.01, f"{name}.pdf renders almost blank ({ink:.3%} dark pixels)"


def test_two_builds_are_byte_identical(two_builds):
    first, second = two_builds
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    assert names == sorted(f"{name}{suffix}" for name in printable_names() for suffix in (".pdf", ".png"))
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_handout_carries_every_mistake_and_its_cue(printables):
    words = " ".join(" ".join(t.get_text().split()) for t in texts(printables["mistakes_handout"].figure))
    cards = mistake_cards()
    assert len(cards) == 6
    for card in cards:
        assert card.title in words and " ".join(card.cue.split()) in words


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_checklist_has_a_side_and_a_rear_view_and_every_item(printables, variant):
    items = checklist_items(variant)
    assert {item.view for item in items} == {"side", "rear"}
    words = " ".join(
        " ".join(t.get_text().split()) for t in texts(printables[f"observation_checklist_{variant}"].figure)
    )
    for item in items:
        assert " ".join(item.item.split()) in words
    assert "Side view" in words and "Rear view" in words


def test_the_short_key_has_every_right_answer(printables):
    words = " ".join(" ".join(t.get_text().split()) for t in texts(printables["answer_key_short"].figure))
    for _, lines in short_answer_key():
        for line in lines:
            assert f"{line.number}. {line.letter}) {' '.join(line.answer.split())}" in words


@pytest.mark.parametrize("plan", ["45", "90"])
def test_the_class_plan_names_lessons_and_no_file(plan):
    cells = " ".join(f"{row.what} {row.material} {row.prompt}" for row in read_class_plan(plan))
    assert not re.search(r"\.(ipynb|png|pdf|csv)\b|figures/|printables/|\.\./", cells)
    for number in set(re.findall(r"lesson (\d\d)", cells)):
        lesson = next(name for name in available_lessons() if name.startswith(number))
        assert f"lesson {number} ({load_quiz(lesson).title})" in cells


def test_the_printed_class_plan_names_what_to_print_by_its_title(printables):
    words = " ".join(" ".join(t.get_text().split()) for t in texts(printables["class_plan_45"].figure))
    assert not re.search(r"\w\.(ipynb|png|pdf)\b|figures/|printables/", words)
    for page, title in [
        ("mistakes_handout", HANDOUT_TITLE),
        ("observation_checklist_bodyweight", checklist_title("bodyweight")),
    ]:  # each named as its own page is titled
        shown = [" ".join(t.get_text().split()) for t in texts(printables[page].figure)]
        assert title in shown and f'"{title}"' in words


def test_the_short_key_says_what_a_gym_notation_answer_means(printables):
    tempo = dict(short_answer_key())["08 " + load_quiz("08_tempo_and_progression").title]
    line = next(k for k in tempo if k.answer.startswith("3021"))
    assert line.answer == "3021 (gym notation, down first) = 2-1-3 up-hold-down"
    words = " ".join(" ".join(t.get_text().split()) for t in texts(printables["answer_key_short"].figure))
    assert f"{line.number}. {line.letter}) 3021 (gym notation, down first) = 2-1-3 up-hold-down" in words


@given(st.tuples(*[st.sampled_from("0123456789X")] * 4).map("".join))
def test_a_gym_notation_answer_is_read_back_as_the_same_tempo(code):
    said = key_answer(code)
    if "X" in code[1] + code[3]:  # no explosive pause or hold: not a tempo, printed as written
        assert said == code
        return
    assert said.startswith(f"{code} (gym notation, down first) = ") and said.endswith(" up-hold-down")
    course = said.split(" = ", 1)[1].removesuffix(" up-hold-down")
    assert parse_tempo(course) == parse_tempo(code)


def test_a_right_answer_that_is_no_tempo_is_printed_as_written():
    for text in ("60 s: 10 reps of 6 s each", "30210", "2-1-3", "A mini band round the thighs"):
        assert key_answer(text) == text


def guide_table(heading: str) -> list[tuple[str, ...]]:
    """The rows of the Markdown table under `heading` in the teaching guide."""
    notebook = json.loads((REPO_ROOT / "notebooks" / "trainers" / "teaching_guide.ipynb").read_text("utf-8"))
    text = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    return [tuple(cell.strip() for cell in row.strip()[1:-1].split("|")) for row in rows]


@pytest.mark.parametrize("plan, heading", [("45", "## A 45-minute class"), ("90", "## A 90-minute class")])
def test_the_guide_and_the_printed_plan_share_one_table(plan, heading):
    assert guide_table(heading) == class_plan_markdown_rows(plan)


def test_plain_words_turn_links_into_lesson_numbers():
    name = load_quiz("02_hip_extension").title
    assert plain_words("[02](../02_hip_extension.ipynb): the explorer") == f"lesson 02 ({name}): the explorer"
    assert (
        plain_words("its key is in the [answer keys](answer_keys.ipynb)") == "its key is in the answer keys"
    )
    assert plain_words("**partner drills 1 and 2**") == "partner drills 1 and 2"
    assert "[" not in plain_words("[03](../03_cable_kickback.ipynb)–[05](../05_bodyweight_kickback.ipynb)")


def test_the_committed_printables_are_current(two_builds):
    committed = REPO_ROOT / "printables"
    for path in sorted(two_builds[0].iterdir()):
        assert (committed / path.name).is_file(), (
            f"printables/{path.name} is missing: python -m kickback printables"
        )
        assert (committed / path.name).read_bytes() == path.read_bytes(), (
            f"printables/{path.name} is out of date: run python -m kickback printables"
        )


# --- plain words, pictures, notes and the footer ----------------------------------------------------

JARGON = (
    "lumbar extension",
    "sagittal",
    "erector spinae",
    "eccentric",
    "concentric",
    "extensors",
    "drawing-in",
)


def page_words(figure) -> list[str]:
    return [" ".join(t.get_text().split()) for t in texts(figure)]


def test_every_printable_has_the_plain_footer_and_no_command_line(printables):
    from kickback.draw.printables import FOOTER

    assert FOOTER == "Kickback Lab – teaching material, not medical advice"
    for name, item in printables.items():
        words = page_words(item.figure)
        assert FOOTER in words, name
        assert not any("python" in w or "-m kickback" in w for w in words), name


def test_the_handout_says_each_term_once_in_brackets_and_cites_only_in_notes(printables):
    from kickback.content.printables import SUPERSCRIPTS, handout_notes

    words = page_words(printables["mistakes_handout"].figure)
    (sources,) = [w for w in words if w.startswith("Sources.")]
    body = " ".join(w for w in words if w != sources)
    for term in JARGON:
        found = [m.start() for m in re.finditer(term, body, flags=re.IGNORECASE)]
        assert len(found) <= 1, f"{term!r} said {len(found)} times"
        for start in found:
            assert body.rfind("(", 0, start) > body.rfind(")", 0, start), f"{term!r} outside brackets"
    assert "et al" not in body and not re.search(r"\b(19|20)\d\d\b", body), "a citation in the text"
    notes = handout_notes()
    assert len(notes) >= 2 and all(note in sources for note in notes)
    for number in range(1, len(notes) + 1):
        assert str(number).translate(SUPERSCRIPTS) in body, f"note {number} is never cited"


def test_the_handout_notes_are_sources_of_the_mistakes_table():
    from kickback.content.mistakes import read_mistakes
    from kickback.content.plain_words import plain_text
    from kickback.content.printables import handout_notes

    sources = {plain_text(s.strip()) for row in read_mistakes().values() for s in row["source"].split(";")}
    assert all(note.split(" ", 1)[1] in sources for note in handout_notes())


def test_a_handout_row_citing_what_the_mistakes_table_does_not_is_refused(monkeypatch):
    import kickback.content.printables as content

    real = content.read_table

    def table(name):
        rows = real(name)
        if name != "handout":
            return rows
        return tuple(
            {**row, "cites": "Smith et al. 1999"} if row["id"] == "momentum" else row for row in rows
        )

    monkeypatch.setattr(content, "read_table", table)
    with pytest.raises(
        ValueError, match=r"cites of 'momentum' must each start a source .*got 'Smith et al. 1999'"
    ):
        content.mistake_cards()


def picture_pairs(figure):
    """The correct/mistake pictures on a page: (axes, the words under it), left to right, top to bottom."""
    pictures = [ax for ax in figure.axes if ax.get_gid() == "picture"]
    labels = [t for t in figure.texts if t.get_gid() == "picture_label"]
    return pictures, labels


def test_the_handout_shows_the_correct_pose_beside_each_still_mistake(printables):
    from kickback.draw.printable_pictures import thumbnails

    figure = printables["mistakes_handout"].figure
    pictures, labels = picture_pairs(figure)
    still = [card.mistake for card in mistake_cards() if thumbnails(card.mistake) is not None]
    assert set(still) == {"arched_back", "incomplete_rom", "pelvic_rotation"}
    assert len(pictures) == 2 * len(still)
    marks = [label.get_text()[0] for label in labels]
    assert marks == ["✓", "✗"] * len(still) and all(len(label.get_text()) > 4 for label in labels)
    assert "back arched" in " ".join(t.get_text() for t in labels)
    assert "pelvis hiked" in " ".join(t.get_text() for t in labels)


@pytest.mark.parametrize("name", ["mistakes_handout", *(f"observation_checklist_{v}" for v in VARIANTS)])
def test_pictures_sit_on_the_page_clear_of_every_text(printables, name):
    figure = printables[name].figure
    pictures, labels = picture_pairs(figure)
    assert pictures, f"{name} has no pictures"
    renderer = figure.canvas.get_renderer()
    boxes = [ax.get_window_extent(renderer) for ax in pictures]
    for text in texts(figure):
        if text in labels or text.axes is not None:
            continue
        extent = text.get_window_extent(renderer)
        for box in boxes:
            assert not box.overlaps(extent), (name, text.get_text()[:40])
    for box in boxes:
        assert figure.bbox.contains(box.x0, box.y0) and figure.bbox.contains(box.x1, box.y1)


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_checklist_draws_the_flat_back_and_the_level_pelvis_in_its_own_set_up(printables, variant):
    item = printables[f"observation_checklist_{variant}"]
    _, labels = picture_pairs(item.figure)
    said = [label.get_text() for label in labels]
    assert said == ["✓ back neutral", "✗ back arched", "✓ pelvis level", "✗ pelvis hiked"]
    assert "Pictures from the side" in item.alt_text and "Pictures from behind" in item.alt_text
