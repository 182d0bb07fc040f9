"""The trainers' printables as one-page A4 figures: the mistakes handout, an observation checklist per
variant, the 45-minute class plan and the short answer key (words from `kickback.content.printables`).

Text is wrapped by measuring it with the figure's own renderer, and each page tries font sizes from
large to small until everything fits above the bottom margin; below MIN_PRINT_PT it refuses (ValueError)
rather than print words too small to read. `write_printables` saves each page as PDF and PNG with the
course's fixed metadata, so rebuilding gives identical bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle

from ..content.printables import (
    HANDOUT_SOURCE,
    VIEWS,
    checklist_cues,
    checklist_items,
    handout_notes,
    mistake_cards,
    mistake_title,
    read_class_plan,
    short_answer_key,
)
from ..model.variants import VARIANTS
from .course_figure import VARIANT_TITLES, CourseFigure
from .printable_pictures import draw_thumbnail_pair, thumbnails
from .style import COLORS, MARKS, new_figure, save_figure, styled

PRINTABLES_DIR = Path(__file__).resolve().parent.parent.parent / "printables"
A4_PORTRAIT_IN = (8.27, 11.69)
MIN_PRINT_PT = 8.0  # the smallest text any printable may carry (points, at A4)
MARGIN_PT = 40.0
LEADING = 1.25  # line height as a multiple of the font size
SIZES_PT = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)  # body text sizes tried, largest first
HANDOUT_TITLE = "The six common mistakes of the leg kickback"
KEY_TITLE = "Answer key, short: every quiz's right answers"


def checklist_title(variant: str) -> str:
    """The observation checklist's title, e.g. "Observation checklist: machine kickback"."""
    return f"Observation checklist: {VARIANT_TITLES[variant].lower()}"


# What to print by the title on each page (the cue card's as cue_card.py titles it), never a file's path
PRINT_FOR_CLASS = (
    f'"{VARIANT_TITLES["bodyweight"]}: cue card": one per two mats',
    f'"{HANDOUT_TITLE}" and "{checklist_title("bodyweight")}": one per station',
    f'"{KEY_TITLE.split(":")[0]}": one for you',
    'Where each file is: the teaching guide, "What to print".',
)
FOOTER = "Kickback Lab – teaching material, not medical advice"
THUMBS_PT = 176.0  # width of a correct/mistake picture pair on the handout (points)
THUMBS_HEIGHT_PT = 92.0  # the pair's height, so a standing body still reads; text runs full width below it
CHECKLIST_PICTURES_PT = 110.0  # height of the checklists' picture pairs (points)


class Page:
    """One A4 page laid out from the top in points: wrapped text blocks, rules and boxes."""

    def __init__(self, body_pt: float) -> None:
        self.figure = new_figure(*A4_PORTRAIT_IN)
        self.width_pt = A4_PORTRAIT_IN[0] * 72
        self.height_pt = A4_PORTRAIT_IN[1] * 72
        self.body_pt = body_pt
        self.y = MARGIN_PT  # from the top
        self._renderer = self.figure.canvas.get_renderer()
        self._px_to_pt = 72 / self.figure.dpi

    @property
    def bottom_pt(self) -> float:
        """The lowest y (from the top) text may reach: above the footer."""
        return self.height_pt - MARGIN_PT - 14

    def measure(self, text: str, size: float, weight: str = "normal") -> float:
        """Width of one line of `text` in points."""
        width, _, _ = self._renderer.get_text_width_height_descent(
            text, FontProperties(family="DejaVu Sans", size=size, weight=weight), ismath=False
        )
        return width * self._px_to_pt

    def wrap(self, text: str, width_pt: float, size: float, weight: str = "normal") -> list[str]:
        """`text` broken into lines no wider than `width_pt` (words are never split)."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split():
                trial = f"{line} {word}".strip()
                if line and self.measure(trial, size, weight) > width_pt:
                    lines.append(line)
                    line = word
                else:
                    line = trial
            lines.append(line)
        return lines

    def text(
        self,
        x_pt: float,
        y_pt: float,
        text: str,
        width_pt: float,
        size: float,
        *,
        weight: str = "normal",
        color: str = COLORS["outline"],
        style: str = "normal",
    ) -> float:
        """Draw wrapped `text` with its top at (x, y) from the top left; return the height used (pt)."""
        lines = self.wrap(text, width_pt, size, weight)
        leading = size * LEADING
        self.figure.text(
            x_pt / self.width_pt,
            1 - y_pt / self.height_pt,
            "\n".join(lines),
            fontsize=size,
            fontweight=weight,
            fontstyle=style,
            color=color,
            va="top",
            ha="left",
            linespacing=LEADING,
        )
        return leading * len(lines)

    def text_beside(
        self,
        x_pt: float,
        y_pt: float,
        text: str,
        widths: tuple[float, float],
        clear_y: float,
        size: float,
        **kw,
    ) -> float:
        """Draw `text` narrow (widths[0]) while a line starts above `clear_y` (beside a picture), then at
        full width (widths[1]); return the height used (pt). Two text blocks: neither covers the picture."""
        leading = size * LEADING
        narrow: list[str] = []
        words = text.split()
        while words and y_pt + len(narrow) * leading < clear_y:
            line = words.pop(0)
            while words and self.measure(f"{line} {words[0]}", size, kw.get("weight", "normal")) <= widths[0]:
                line = f"{line} {words.pop(0)}"
            narrow.append(line)
        used = self.text(x_pt, y_pt, "\n".join(narrow), widths[0], size, **kw) if narrow else 0.0
        if words:
            used += self.text(x_pt, y_pt + used, " ".join(words), widths[1], size, **kw)
        return used

    def flow(self, text: str, size: float | None = None, *, indent: float = 0, gap: float = 4, **kw) -> None:
        """Draw `text` at the current y across the page's width, then move y below it."""
        size = size or self.body_pt
        self.y += self.text(MARGIN_PT + indent, self.y, text, self.content_width - indent, size, **kw) + gap

    @property
    def content_width(self) -> float:
        return self.width_pt - 2 * MARGIN_PT

    def rule(self, gap: float = 6) -> None:
        """A thin line across the page at the current y."""
        y = 1 - self.y / self.height_pt
        self.figure.add_artist(
            Rectangle(
                (MARGIN_PT / self.width_pt, y),
                self.content_width / self.width_pt,
                0.6 / self.height_pt,
                transform=self.figure.transFigure,
                color=COLORS["reference"],
                linewidth=0,
            )
        )
        self.y += gap

    def box(self, x_pt: float, y_pt: float, side_pt: float) -> None:
        """An empty tick box, its top left at (x, y)."""
        self.figure.add_artist(
            Rectangle(
                (x_pt / self.width_pt, 1 - (y_pt + side_pt) / self.height_pt),
                side_pt / self.width_pt,
                side_pt / self.height_pt,
                transform=self.figure.transFigure,
                fill=False,
                edgecolor=COLORS["outline"],
                linewidth=0.9,
            )
        )

    def title(self, text: str, subtitle: str) -> None:
        """The page's heading and one line saying what it is for."""
        self.flow(text, self.body_pt + 7, weight="bold", color="black", gap=4)
        self.flow(subtitle, self.body_pt, gap=6)
        self.rule(10)

    def footer(self) -> None:
        self.text(MARGIN_PT, self.height_pt - MARGIN_PT, FOOTER, self.content_width, MIN_PRINT_PT)

    def fraction_box(
        self, x_pt: float, y_pt: float, width_pt: float, height_pt: float
    ) -> tuple[float, float, float, float]:
        """A box given from the top left in points as figure fractions (left, bottom, width, height)."""
        return (
            x_pt / self.width_pt,
            1 - (y_pt + height_pt) / self.height_pt,
            width_pt / self.width_pt,
            height_pt / self.height_pt,
        )

    def fits(self) -> bool:
        return self.y <= self.bottom_pt


def fit_page(name: str, draw: Callable[[Page], str]) -> CourseFigure:
    """Draw a page at the largest body size at which it fits; `draw` returns the page's alt text.

    Raises ValueError if it does not fit even at MIN_PRINT_PT.
    """
    for size in SIZES_PT:
        page = Page(size)
        alt = draw(page)
        if page.fits():
            page.footer()
            return CourseFigure(name=name, figure=page.figure, alt_text=alt, formats=(".pdf", ".png"))
    raise ValueError(
        f"printable {name!r} does not fit on one A4 page even at {MIN_PRINT_PT:g} pt (got {page.y:.0f} pt "
        f"of {page.bottom_pt:.0f} pt): shorten its text"
    )


# --- the pages --------------------------------------------------------------------------------


def draw_mistakes_handout(page: Page) -> str:
    """The six mistakes: how each looks (with the correct pose beside the mistake where a still picture
    shows it), why it costs, the cue; the sources as numbered notes at the foot."""
    page.title(
        HANDOUT_TITLE,
        "How each looks, why it costs, and the cue that fixes it. The same advice as lesson 06.",
    )
    size = page.body_pt
    pictures = []
    for card in mistake_cards():
        page.flow(f"{card.number}. {card.title}", size + 2, weight="bold", color="black", gap=2)
        has_pictures = thumbnails(card.mistake) is not None
        full = page.content_width - 14
        widths = (full - THUMBS_PT - 12 if has_pictures else full, full)
        top = page.y
        clear_y = top + THUMBS_HEIGHT_PT + 4 if has_pictures else top
        used = 0.0
        for text, style in (
            (f"Looks like: {card.looks_like}", {}),
            (f"Why it costs: {card.why_it_costs}", {}),
            (f"{MARKS['correct']} Cue: {card.cue}", {"weight": "bold", "color": COLORS["correct"]}),
        ):
            used += page.text_beside(MARGIN_PT + 14, top + used, text, widths, clear_y, size, **style) + 1
        if has_pictures:
            box = page.fraction_box(page.width_pt - MARGIN_PT - THUMBS_PT, top, THUMBS_PT, THUMBS_HEIGHT_PT)
            pictures.append(draw_thumbnail_pair(page.figure, card.mistake, box, label_pt=MIN_PRINT_PT))
            used = max(used, THUMBS_HEIGHT_PT)
        page.y = top + used + 5
    page.rule(4)
    page.flow(f"Sources. All six: {HANDOUT_SOURCE}. " + "   ".join(handout_notes()), MIN_PRINT_PT, gap=1)
    return (
        "One-page handout of the six mistakes. "
        + " ".join(
            f"{c.number}. {c.title}: looks like {c.looks_like} Why it costs: {c.why_it_costs} Cue: {c.cue}"
            + (f" {words}" if words else "")
            for c, words in zip(mistake_cards(), _pictures_by_card(pictures))
        )
        + " Notes: "
        + " ".join(handout_notes())
    )


def _pictures_by_card(pictures: list[str]) -> list[str]:
    """The pictures' words lined up with the six cards ("" for a card without pictures)."""
    found = iter(pictures)
    return [next(found) if thumbnails(card.mistake) is not None else "" for card in mistake_cards()]


def draw_checklist(variant: str) -> Callable[[Page], str]:
    """An observation checklist for `variant`: side view, rear view, a tick box per set."""

    def draw(page: Page) -> str:
        page.title(
            checklist_title(variant),
            "Watch one set from each place. Tick a box when the line holds for the whole set; "
            "if it does not, give the cue beside it.",
        )
        page.flow(
            "Lifter: ______________________   Watcher: ______________________   Date: ____________", gap=10
        )
        box, sets = page.body_pt + 3, 3
        columns_x = [page.width_pt - MARGIN_PT - (sets - i) * 44 + 12 for i in range(sets)]
        text_width = columns_x[0] - MARGIN_PT - 24
        items = checklist_items(variant)
        cued: set[str] = set()
        for view, heading in VIEWS.items():
            page.flow(heading, page.body_pt + 2, weight="bold", color="black", gap=2)
            for i, x in enumerate(columns_x):
                page.text(x - 8, page.y, f"set {i + 1}", 40, MIN_PRINT_PT)
            page.y += MIN_PRINT_PT * LEADING + 3
            for item in (item for item in items if item.view == view):
                top = page.y
                used = page.text(MARGIN_PT, top, item.item, text_width, page.body_pt, color="black")
                cue = (
                    f"If not ({mistake_title(item.mistake).lower()}): {item.cue}"
                    if item.mistake not in cued
                    else "If not: the same cue as above."
                )
                cued.add(item.mistake)
                used += page.text(
                    MARGIN_PT + 12, top + used, cue, text_width - 12, page.body_pt, style="italic"
                )
                for x in columns_x:
                    page.box(x, top, box)
                page.y = top + max(used, box) + 7
            page.y += 6
        page.rule(8)
        pictures = _draw_checklist_pictures(page, variant)
        page.flow("The three cues of the cue card", page.body_pt + 1, weight="bold", color="black", gap=2)
        for number, cue in enumerate(checklist_cues(variant), start=1):
            page.flow(f"{number}. {cue}", indent=8, gap=2)
        return (
            f"Observation checklist for the {VARIANT_TITLES[variant].lower()}, with three tick boxes a line "
            "(one per set). "
            + " ".join(f"{VIEWS[i.view].split(':')[0]}: {i.item} If not: {i.cue}" for i in items)
            + " "
            + pictures
        )

    return draw


def _draw_checklist_pictures(page: Page, variant: str) -> str:
    """What each watcher looks for, drawn: the flat back against the arch (side view) and the level
    pelvis against the hiked one (rear view), in this variant's set-up. Returns them in words."""
    page.flow("What to look for", page.body_pt + 1, weight="bold", color="black", gap=4)
    gap = 24.0
    width = (page.content_width - gap) / 2
    said = []
    for i, (mistake, view) in enumerate((("arched_back", "side"), ("pelvic_rotation", "rear"))):
        x = MARGIN_PT + i * (width + gap)
        page.text(x, page.y, VIEWS[view].split(":")[0], width, MIN_PRINT_PT, color="black")
        box = page.fraction_box(x, page.y + MIN_PRINT_PT * LEADING + 2, width, CHECKLIST_PICTURES_PT)
        said.append(draw_thumbnail_pair(page.figure, mistake, box, label_pt=MIN_PRINT_PT, variant=variant))
    page.y += MIN_PRINT_PT * LEADING + 2 + CHECKLIST_PICTURES_PT + 10
    return " ".join(said)


def draw_class_plan(page: Page) -> str:
    """The 45-minute class, minute by minute, as a table."""
    page.title(
        "A 45-minute class on the leg kickback",
        "From the teaching guide, which has the screening script, the warm-up and the partner drills.",
    )
    headers = ("time", "what", "material", "prompt or drill")
    shares = (0.10, 0.28, 0.30, 0.32)
    xs = [MARGIN_PT + sum(shares[:i]) * page.content_width for i in range(len(shares))]
    widths = [share * page.content_width - 8 for share in shares]
    for x, width, header in zip(xs, widths, headers):
        page.text(x, page.y, header, width, page.body_pt, weight="bold", color="black")
    page.y += page.body_pt * LEADING + 4
    page.rule(6)
    rows = read_class_plan("45")
    for row in rows:
        cells = (row.time, row.what, row.material, row.prompt)
        used = max(
            page.text(x, page.y, cell, width, page.body_pt) for x, width, cell in zip(xs, widths, cells)
        )
        page.y += used + 4
        page.rule(6)
    page.y += 10
    page.flow(
        "The cues the class hears (bodyweight cue card)", page.body_pt + 1, weight="bold", color="black"
    )
    for number, cue in enumerate(checklist_cues("bodyweight"), start=1):
        page.flow(f"{number}. {cue}", indent=8, gap=2)
    page.y += 8
    page.flow("Print for this class", page.body_pt + 1, weight="bold", color="black")
    for line in PRINT_FOR_CLASS:
        page.flow(line, indent=8, gap=2)
    return "The 45-minute class plan as a table. " + " ".join(
        f"{r.time}: {r.what}; material: {r.material}; {r.prompt}." for r in rows
    )


def draw_short_answer_key(page: Page) -> str:
    """Every quiz's right answers on one page, in two columns."""
    page.title(
        KEY_TITLE,
        "Question number, the right letter and its text. The full key, with why each other choice is "
        "wrong, is the trainers' answer keys page.",
    )
    gap, columns = 14, 3
    width = (page.content_width - gap * (columns - 1)) / columns
    top, column, bottom = page.y, 0, page.bottom_pt
    y, words = top, []
    for title, lines in short_answer_key():
        block = [(title, "bold")] + [(f"{k.number}. {k.letter}) {k.answer}", "normal") for k in lines]
        height = sum(len(page.wrap(t, width, page.body_pt, w)) * page.body_pt * LEADING + 1 for t, w in block)
        if y + height > bottom and column < columns - 1:
            column, y = column + 1, top
        x = MARGIN_PT + column * (width + gap)
        for text, weight in block:
            y += page.text(x, y, text, width, page.body_pt, weight=weight, color="black") + 1
        y += 5
        words.append(f"{title}: " + "; ".join(f"{k.number} {k.letter}) {k.answer}" for k in lines))
    page.y = y
    return "Short answer key, three columns. " + " ".join(words)


@styled
def build_printables() -> list[CourseFigure]:
    """Every printable, in a fixed order (names as in `content.printables.printable_names`)."""
    return (
        [fit_page("mistakes_handout", draw_mistakes_handout)]
        + [fit_page(f"observation_checklist_{v}", draw_checklist(v)) for v in VARIANTS]
        + [fit_page("class_plan_45", draw_class_plan), fit_page("answer_key_short", draw_short_answer_key)]
    )


def write_printables(folder: Path) -> list[Path]:
    """Save every printable as PDF and PNG (150 dpi) into `folder`; return the paths written.

    Every file is written whole or not at all (`kickback.files.write_atomically`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in build_printables():
        for suffix in item.formats:
            path = folder / f"{item.name}{suffix}"
            save_figure(item.figure, path)
            written.append(path)
    return written


def printable_figure(name: str) -> Figure:
    """One printable's figure by name (for tests and a look in a notebook)."""
    for item in build_printables():
        if item.name == name:
            return item.figure
    raise ValueError(f"no printable named {name!r}")
