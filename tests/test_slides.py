"""The lessons as slide shows (`python3 run.py slides`): built, complete, and offline.

The build (scripts/build_slides.py) runs once into a temporary folder, with every lesson and,
in a second folder, a small notebook that holds saved widget state (no lesson does today, but
the build must then bring the widgets' HTML manager along, and it must work offline too). The
first run on a machine fetches reveal.js and require.js with npm into .cache/npm/: that is the
only time the registry is used.

Then, without a browser: every lesson has a deck, the index lists them, and no page loads
anything over the network (every src/href of a script, link, img and the like is a local file
that exists; inline styles import nothing remote). Plain links (<a>) to other sites would be
allowed; they are listed in the closing summary.

In headless Chromium (marker `browser`), every deck opened from file:// starts reveal.js with
the expected number of slides, turns to the next slide on ArrowRight, and shows every picture,
with no request other than to local files, no failed request and no console error.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from conftest import REPO_ROOT
from test_browser import find_or_install, launched_chromium, record_page_problems

BUILD_SCRIPT = REPO_ROOT / "scripts" / "build_slides.py"
BUILD_TIMEOUT_S = 600  # the first build on a machine fetches a few MB from npm
DECK_READY_TIMEOUT_S = 30
LESSONS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LESSONS += [REPO_ROOT / "notebooks" / "glossary.ipynb"]
LOCAL_SCHEMES = ("file", "data", "blob", "about")

# Where a page loads something from: tag -> attributes.
LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href",),
}
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"]?)((?:[a-z]+:)?//[^'")\s;]+)""", re.IGNORECASE)


class PageRefs(HTMLParser):
    """Every URL a page loads, every plain link, and the text of its inline styles."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str]] = []  # (tag, url)
        self.anchors: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in LOADING_ATTRIBUTES.get(tag, ()):
                urls = (
                    [part.strip().split()[0] for part in value.split(",") if part.strip()]
                    if name == "srcset"
                    else [value.strip()]
                )
                self.loads += [(tag, url) for url in urls]
            elif tag == "a" and name == "href":
                self.anchors.append(value.strip())
            elif name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse(page: Path) -> PageRefs:
    refs = PageRefs()
    refs.feed(page.read_text(encoding="utf-8"))
    return refs


def run_build(out: Path, notebooks: list[Path] = ()) -> tuple[dict, float]:
    """Build into `out`; return the build's record of its decks and the seconds it took."""
    find_or_install("npm", "npm")  # the first build fetches reveal.js and require.js with npm
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--out", str(out), *map(str, notebooks)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    seconds = time.monotonic() - start
    assert result.returncode == 0, (
        f"the slide build failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    record = json.loads((out / ".kickback-slides").read_text(encoding="utf-8"))
    return record, seconds


def widget_notebook(folder: Path) -> Path:
    """A one-slide notebook whose output is a slider, with the slider's state saved."""
    import ipywidgets
    from ipywidgets.embed import embed_data

    slider = ipywidgets.IntSlider(value=3, min=0, max=10, description="reps")
    data = embed_data(views=[slider])
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": data["manager_state"]}
    cell = nbformat.v4.new_code_cell("slider", execution_count=1)
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter.widget-view+json": data["view_specs"][0],
                "text/plain": "IntSlider(value=3, description='reps', max=10)",
            },
        )
    ]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Widgets in offline slides"), cell]
    path = folder / "99_widget_check.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.fixture(scope="module")
def slides(tmp_path_factory, evidence) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("slides") / "slides"
    record, seconds = run_build(out)
    evidence(f"slides: {len(record['decks'])} decks built in {seconds:.1f} s")
    return out, record


@pytest.fixture(scope="module")
def widget_slides(tmp_path_factory) -> tuple[Path, dict]:
    base = tmp_path_factory.mktemp("widget-slides")
    out = base / "slides"
    record, _seconds = run_build(out, [widget_notebook(base)])
    return out, record


def test_every_lesson_has_a_deck(slides):
    out, record = slides
    assert LESSONS, "no lesson notebooks found"
    decks = {deck["notebook"]: deck for deck in record["decks"]}
    assert sorted(decks) == [path.name for path in LESSONS]
    index = parse(out / "index.html")
    for path in LESSONS:
        deck = out / f"{path.stem}.slides.html"
        assert deck.is_file() and deck.stat().st_size > 0, f"no deck for {path.name}"
        assert deck.name in index.anchors, f"index.html does not link to {deck.name}"
        assert decks[path.name]["slides"] >= 1


def test_links_between_lessons_and_to_the_glossary_point_at_decks(slides):
    """A deck opened from a USB stick cannot open a notebook: every course link goes to a deck."""
    out, _ = slides
    for deck in out.glob("*.slides.html"):
        text = deck.read_text(encoding="utf-8")
        assert not re.search(r'href="(\d\d_[A-Za-z0-9_]+|glossary)\.ipynb', text), deck.name
    assert 'href="glossary.slides.html' in (out / "01_muscles_and_benefits.slides.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("which", ["lessons", "widgets"])
def test_pages_load_nothing_remote(which, slides, widget_slides, evidence):
    out, _record = slides if which == "lessons" else widget_slides
    pages = sorted(out.glob("*.html"))
    assert pages
    problems, anchors = [], set()
    for page in pages:
        refs = parse(page)
        for tag, url in refs.loads:
            if REMOTE.match(url):
                problems.append(f"{page.name}: <{tag}> loads {url}")
                continue
            scheme = urlsplit(url).scheme
            if scheme:
                if scheme not in LOCAL_SCHEMES:
                    problems.append(f"{page.name}: <{tag}> loads {url[:80]}")
                continue
            target = (page.parent / unquote(urlsplit(url).path)).resolve()
            if out.resolve() not in target.parents or not target.is_file():
                problems.append(f"{page.name}: <{tag}> loads {url}, which is not a file in the slides folder")
        for css in refs.styles:
            problems += [f"{page.name}: a style loads {url}" for url in CSS_REMOTE.findall(css)]
        anchors |= {f"{page.name}: {url}" for url in refs.anchors if REMOTE.match(url)}
    # The widget deck must really use the widgets' HTML manager, from the local copy.
    if which == "widgets":
        text = next(out.glob("*.slides.html")).read_text(encoding="utf-8")
        assert "html-manager-" in text and "embed-amd.js" in text, (
            "the widget deck does not load the HTML manager"
        )
    assert not problems, "pages that would reach the network or miss a file:\n" + "\n".join(problems)
    for line in sorted(anchors):
        evidence(f"slides: plain link to another site (allowed, loads nothing): {line}")


# --------------------------------------------------------------------------------------------
# In Chromium
# --------------------------------------------------------------------------------------------

JS_DECK_STATE = r"""
() => {
  const reveal = document.querySelector('.reveal');
  const slides = Array.from(document.querySelectorAll('.reveal .slides > section'));
  const images = Array.from(document.querySelectorAll('.reveal img'));
  return {
    ready: !!reveal && reveal.classList.contains('ready'),
    slides: slides.length,
    present: slides.findIndex((section) => section.classList.contains('present')),
    imagesPending: images.filter((img) => !img.complete).length,
    imagesBroken: images.filter((img) => img.complete && img.naturalWidth === 0).length,
  };
}
"""


@pytest.fixture(scope="module")
def chromium():
    with launched_chromium() as browser:
        yield browser


def wait_for(page, predicate: str, problems: list[str], timeout_s: float) -> bool:
    """Poll `predicate` (a JS function of the deck state) until true; give up early on a problem."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if page.evaluate(f"() => ({predicate})(({JS_DECK_STATE})())"):
            return True
        if problems:
            return False
        page.wait_for_timeout(100)
    return False


def open_offline(browser, url: str):
    """A page at `url` where any request other than to a local file is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    problems: list[str] = []

    def refuse_remote(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in LOCAL_SCHEMES:
            route.continue_()
        else:
            problems.append(f"request to the network: {url}")
            route.abort()

    context.route("**/*", refuse_remote)
    page = context.new_page()
    record_page_problems(page, problems)
    page.goto(url, wait_until="load")
    return context, page, problems


@pytest.mark.browser
def test_decks_open_offline_in_chromium(slides, chromium, evidence):
    out, record = slides
    problems: list[str] = []
    start = time.monotonic()
    for deck in record["decks"]:
        context, page, page_problems = open_offline(chromium, (out / deck["file"]).as_uri())
        try:
            if not wait_for(
                page, "(s) => s.ready && s.imagesPending === 0", page_problems, DECK_READY_TIMEOUT_S
            ):
                page_problems.append(f"reveal.js did not start within {DECK_READY_TIMEOUT_S} s")
            state = page.evaluate(JS_DECK_STATE)
            if state["slides"] != deck["slides"]:
                page_problems.append(f"{state['slides']} slides shown, {deck['slides']} expected")
            if state["imagesBroken"]:
                page_problems.append(f"{state['imagesBroken']} pictures did not load")
            if state["ready"] and state["slides"] > 1:
                page.keyboard.press("ArrowRight")
                if not wait_for(page, "(s) => s.present === 1", page_problems, 5):
                    page_problems.append("ArrowRight did not turn to the second slide")
        finally:
            context.close()
        problems += [f"{deck['file']}: {line}" for line in page_problems]
    evidence(
        f"slides: {len(record['decks'])} decks opened from file:// in Chromium in "
        f"{time.monotonic() - start:.1f} s"
    )
    assert not problems, "slide decks in Chromium:\n" + "\n".join(problems)


@pytest.mark.browser
def test_saved_widgets_render_offline_in_chromium(widget_slides, chromium):
    out, record = widget_slides
    (deck,) = record["decks"]
    context, page, problems = open_offline(chromium, (out / deck["file"]).as_uri())
    try:
        try:
            page.wait_for_selector(".reveal.ready .widget-slider", timeout=DECK_READY_TIMEOUT_S * 1000)
        except Exception:
            problems.append(f"the saved slider was not rendered within {DECK_READY_TIMEOUT_S} s")
        text = page.inner_text(".reveal .slides")
        if "reps" not in text:
            problems.append("the slider's description is not shown")
    finally:
        context.close()
    assert not problems, f"{deck['file']} in Chromium:\n" + "\n".join(problems)
