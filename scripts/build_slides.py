"""Build the lessons as reveal.js slide shows that work with no network, into slides/.

Steps: fetch reveal.js and require.js (and the widgets' HTML manager, only if a lesson holds saved
widget state) once from the npm registry with the machine's npm (`npm pack`, the versions and
sha512 checksums pinned below) into .cache/npm/; export each lesson (notebooks/NN_*.ipynb) with
nbconvert's SlidesExporter, its `*_url` options pointing at local copies in slides/lib/ and a
small template that drops what would still load from a CDN (jQuery, MathJax, Mermaid); point
links between lessons at their decks; write slides/index.html listing the decks; refuse to
finish if any page would load something from the network; swap the new folder in only once it
is complete, so a failed build leaves the old slides as they were.

The cells' `slideshow.slide_type` metadata decides where slides start (scripts/mark_slides.py
sets it: every title and section heading); a notebook without it becomes one long slide.
Code cells are left out (the slides show the prose and the pictures) unless --show-code.

Usage: python scripts/build_slides.py [--out DIR] [--show-code] [NOTEBOOK ...]
       (default: every lesson, into slides/)
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "slides"
NPM_CACHE = ROOT / ".cache" / "npm"  # git-ignored: the packed tarballs, fetched once
MARKER = ".kickback-slides"  # marks a folder this script made (and may replace)


@dataclass(frozen=True)
class NpmPackage:
    """One npm package: pinned version and checksum, and which of its files the decks load."""

    name: str
    version: str
    integrity: str  # as `npm pack --json` reports it
    keep: tuple[str, ...]  # paths (files or folders, "/"-terminated) inside the package

    @property
    def tarball(self) -> str:
        """The file name `npm pack` gives it (a scope's @ dropped, its / turned into -)."""
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"

    @property
    def folder(self) -> str:
        """Its folder under slides/lib/."""
        return f"{self.name.rsplit('/', 1)[-1]}-{self.version}"


# reveal.js 5.x: nbconvert's reveal template loads dist/reveal.js and plugin/notes/notes.js, the
# layout of reveal.js 4 and 5 (6 moved the plugins to dist/plugin/).
REVEAL = NpmPackage(
    "reveal.js",
    "5.2.1",
    "sha512-r7//6mIM5p34hFiDMvYfXgyjXqGRta+/psd9YtytsgRlrpRzFv4RbH76TXd2qD+7ZPZEbpBDhdRhJaFgfQ7zNQ==",
    (
        "dist/reveal.css",
        "dist/reveal.js",
        "dist/reset.css",
        "dist/theme/white.css",
        "dist/theme/fonts/source-sans-pro/",
        "plugin/notes/notes.js",
        "LICENSE",
    ),
)
REQUIREJS = NpmPackage(
    "requirejs",
    "2.3.8",
    "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
    ("require.js", "README.md"),
)
# The ipywidgets 8 HTML manager (renders saved widget state without a kernel); its fonts are the
# icons it bundles. Only copied when a deck needs it.
HTML_MANAGER = NpmPackage(
    "@jupyter-widgets/html-manager",
    "1.0.15",
    "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
    ("dist/embed-amd.js", "dist/embed.js.LICENSE.txt", "LICENSE")
    + tuple(f"dist/*.{ext}" for ext in ("woff2", "woff", "ttf", "eot", "svg")),
)

# The reveal template without what would still reach for a CDN: jQuery (only its scroll option
# used it), MathJax (no lesson has formulas; its slide-change hook would fail without it) and
# Mermaid (no lesson has diagrams in Mermaid). Reveal starts with `hash` rather than `history`
# navigation, which also works from file://; slides taller than the screen scroll.
TEMPLATE_NAME = "kickback_slides.html.j2"
TEMPLATE = (
    r"""
{%- extends 'index.html.j2' -%}
{%- block html_head_js_jquery -%}{%- endblock html_head_js_jquery -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{% block footer_js %}
<script>
require(
  ["{{ resources.reveal.url_prefix }}/dist/reveal.js","""
    r""" "{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"],
  function (Reveal, RevealNotes) {
    Reveal.initialize({
      controls: true,
      progress: true,
      hash: true,
      transition: {{ resources.reveal.transition | tojson }},
      slideNumber: {{ resources.reveal.number | tojson }},
      width: {{ resources.reveal.width | int }},
      height: {{ resources.reveal.height | int }},
      plugins: [RevealNotes]
    });
    // A slide taller than the slide area scrolls (wheel, touch or scroll bar) instead of being cut.
    function scrollTallSlides() {
      var limit = Math.floor(Reveal.getConfig().height * 0.95);
      document.querySelectorAll(".reveal .slides section.present").forEach(function (section) {
        if (section.querySelector(":scope > section") || section.scrollHeight <= limit) return;
        section.style.height = limit + "px";
        section.style.overflowY = "auto";
      });
    }
    Reveal.on("ready", scrollTallSlides);
    Reveal.on("slidechanged", scrollTallSlides);
  }
);
</script>
{% endblock footer_js %}
"""
)

WIDGET_STATE = "widgets"  # notebook metadata key of saved widget state
LESSON_LINK = re.compile(r'href="(?P<stem>\d\d_[A-Za-z0-9_]+|glossary)\.ipynb(?P<anchor>#[^"]*)?"')
MATH = re.compile(r"(?<![\\$])\$[^$\s][^$\n]*\$|\\\(|\\\[|\$\$")
HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)


class BuildError(Exception):
    """A failure to report in one line."""


# --------------------------------------------------------------------------------------------
# npm packages
# --------------------------------------------------------------------------------------------


def sha512_integrity(path: Path) -> str:
    """The file's checksum in npm's `integrity` notation."""
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def fetch(package: NpmPackage, cache: Path = NPM_CACHE) -> Path:
    """The package's tarball in the cache, packed by npm from its registry the first time."""
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / package.tarball
    if not tarball.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise BuildError(
                f"the slides need {package.name} {package.version}, which is not in {cache} yet, "
                f"and there is no npm to fetch it (on Debian: apt-get install npm), once, online"
            )
        print(
            f"fetching {package.name}@{package.version} with npm (once; kept in {cache.relative_to(ROOT)})",
            flush=True,
        )
        result = subprocess.run(
            [
                npm,
                "pack",
                "--silent",
                "--ignore-scripts",
                "--pack-destination",
                str(cache),
                f"{package.name}@{package.version}",
            ],
            cwd=cache,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not tarball.exists():
            tail = " ".join((result.stderr or result.stdout).split()[-40:])
            raise BuildError(
                f"`npm pack {package.name}@{package.version}` failed (exit {result.returncode}): {tail}"
            )
    found = sha512_integrity(tarball)
    if found != package.integrity:
        tarball.unlink()
        raise BuildError(
            f"{tarball} has checksum {found}, not the pinned {package.integrity}; removed it "
            f"(run again to fetch it anew)"
        )
    return tarball


def wanted(path: str, keep: tuple[str, ...]) -> bool:
    """Is the package file at `path` (relative to the package) one the decks need?"""
    for entry in keep:
        if entry.endswith("/"):
            if path.startswith(entry):
                return True
        elif "*" in entry:
            folder, pattern = entry.rsplit("/", 1)
            if path.rsplit("/", 1)[0] == folder and Path(path).match(pattern):
                return True
        elif path == entry:
            return True
    return False


def unpack(package: NpmPackage, tarball: Path, lib: Path) -> Path:
    """Copy the files the decks need from the tarball to lib/<name>-<version>/; return that folder."""
    target = lib / package.folder
    count = 0
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith("package/"):
                continue
            relative = member.name[len("package/") :]
            if not wanted(relative, package.keep):
                continue
            archive.extract(member, target, filter="data")
            count += 1
    if count == 0:
        raise BuildError(f"{tarball.name} holds none of the files the slides need")
    # npm tarballs put everything under package/: lift it one level.
    inner = target / "package"
    for child in inner.iterdir():
        child.rename(target / child.name)
    inner.rmdir()
    return target


# --------------------------------------------------------------------------------------------
# The decks
# --------------------------------------------------------------------------------------------


def lesson_paths() -> list[Path]:
    """Every lesson, notebooks/NN_*.ipynb (00 to 10) in order, then the glossary every lesson links to."""
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) + [ROOT / "notebooks" / "glossary.ipynb"]


def title_of(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first level-1 heading, else `fallback`."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            found = HEADING.search(cell.source)
            if found:
                return found.group(1).strip()
    return fallback


def slide_count(notebook: nbformat.NotebookNode) -> int:
    """How many slides the deck will have: as nbconvert counts them, the first shown cell starts
    one, and so does every later "slide" cell."""
    types = [cell.metadata.get("slideshow", {}).get("slide_type", "-") for cell in notebook.cells]
    shown = [index for index, kind in enumerate(types) if kind not in ("notes", "skip")]
    if not shown:
        return 0
    return 1 + sum(1 for kind in types[shown[0] + 1 :] if kind == "slide")


def math_cells(notebook: nbformat.NotebookNode) -> list[int]:
    """Numbers (1-based) of markdown cells with LaTeX math, which these offline slides cannot typeset."""
    return [
        index + 1
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "markdown" and MATH.search(cell.source)
    ]


def make_exporter(lib_prefix: str, show_code: bool, with_widgets: bool) -> SlidesExporter:
    """A SlidesExporter whose every script and style sheet is a local file under lib/."""
    config = Config()
    exporter_config = config.SlidesExporter
    exporter_config.reveal_url_prefix = f"{lib_prefix}/{REVEAL.folder}"
    exporter_config.reveal_theme = "white"
    exporter_config.reveal_transition = "fade"
    exporter_config.reveal_number = "c/t"
    exporter_config.reveal_width = "1280"  # 16:9, as most projectors; reveal.js scales to the screen
    exporter_config.reveal_height = "720"
    exporter_config.require_js_url = f"{lib_prefix}/{REQUIREJS.folder}/require.js"
    # Never used (the template drops them), but no default that names a CDN is left to leak in.
    exporter_config.jquery_url = ""
    exporter_config.mathjax_url = ""
    exporter_config.jupyter_widgets_base_url = f"{lib_prefix}/"
    exporter_config.widget_renderer_url = (
        f"{lib_prefix}/{HTML_MANAGER.folder}/dist/embed-amd.js" if with_widgets else ""
    )
    exporter_config.exclude_input = not show_code
    exporter_config.exclude_input_prompt = True
    exporter_config.exclude_output_prompt = True
    exporter = SlidesExporter(config=config, extra_loaders=[jinja2.DictLoader({TEMPLATE_NAME: TEMPLATE})])
    exporter.template_file = TEMPLATE_NAME
    return exporter


def link_decks(page: str, stems: set[str]) -> str:
    """Point links to another lesson's notebook at that lesson's deck."""

    def replace(match: re.Match) -> str:
        stem = match.group("stem")
        if stem not in stems:
            return match.group(0)
        return f'href="{stem}.slides.html{match.group("anchor") or ""}"'

    return LESSON_LINK.sub(replace, page)


# Where a page loads something from: tag -> attributes.
LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}


class _Loads(HTMLParser):
    """Collects every URL a page would load (script, style sheet, image, frame, media, object)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.in_style = False
        self.styles: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in LOADING_ATTRIBUTES.get(tag, ()):
                self.urls.append(value.strip())
            if name == "style" and value:
                self.styles.append(value)
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.styles.append(data)


def remote_loads(page: str) -> list[str]:
    """URLs in `page` that would be fetched over the network (absolute or protocol-relative)."""
    parser = _Loads()
    parser.feed(page)
    remote = [url for url in parser.urls if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE)]
    for css in parser.styles:
        remote += re.findall(
            r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", css, re.IGNORECASE
        )
    return remote


def index_page(decks: list[dict]) -> str:
    """slides/index.html: a plain list of the decks, loading nothing."""
    rows = "\n".join(
        f'    <li><a href="{html.escape(deck["file"])}">{html.escape(deck["title"])}</a> '
        f'<span class="count">({deck["slides"]} slides)</span></li>'
        for deck in decks
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kickback Lab: slides</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem;
         line-height: 1.5; color: #1a1a1a; }}
  li {{ margin: 0.4rem 0; font-size: 1.15rem; }}
  .count, .help {{ color: #555; }}
  kbd {{ border: 1px solid #999; border-radius: 3px; padding: 0 0.3em; }}
</style>
</head>
<body>
<main>
  <h1>Kickback Lab: slides</h1>
  <p>One slide show per lesson. They need no internet: open them from this folder.</p>
  <ol start="0">
{rows}
  </ol>
  <p class="help">In a slide show: <kbd>&rarr;</kbd> or <kbd>Space</kbd> next, <kbd>&larr;</kbd> back,
  <kbd>Esc</kbd> overview, <kbd>F</kbd> full screen. Made by <code>python3 run.py slides</code>
  from the lesson notebooks; do not edit these files by hand.</p>
</main>
</body>
</html>
"""


def build(notebooks: list[Path], out: Path, show_code: bool = False) -> list[dict]:
    """Export `notebooks` as decks into `out` (replaced only when all went well); return the decks."""
    if not notebooks:
        raise BuildError("no notebooks to make slides from")
    missing = [str(path) for path in notebooks if not path.is_file()]
    if missing:
        raise BuildError(f"no such notebook: {', '.join(missing)}")
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(f"{out} exists and was not made by this script; not replacing it")
    loaded = [(path, nbformat.read(path, as_version=4)) for path in notebooks]
    with_widgets = any(WIDGET_STATE in notebook.metadata for _path, notebook in loaded)
    packages = [REVEAL, REQUIREJS] + ([HTML_MANAGER] if with_widgets else [])
    tarballs = {package: fetch(package) for package in packages}

    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    scratch.chmod(0o755)  # mkdtemp makes it private; the slides are for anyone to open
    try:
        lib = scratch / "lib"
        for package, tarball in tarballs.items():
            unpack(package, tarball, lib)
        exporter = make_exporter("lib", show_code, with_widgets)
        stems = {path.stem for path, _notebook in loaded}
        decks, remote_problems = [], []
        for path, notebook in loaded:
            title = title_of(notebook, path.stem)
            notebook.metadata["title"] = title  # the deck's <title>; the notebook file is not written
            for number in math_cells(notebook):
                print(
                    f"warning: {path.name} cell {number} has LaTeX math, which these offline slides "
                    f"show as plain text",
                    file=sys.stderr,
                )
            page, _resources = exporter.from_notebook_node(
                notebook, resources={"metadata": {"name": path.stem, "path": str(path.parent)}}
            )
            page = link_decks(page, stems)
            remote_problems += [f"{path.name}: {url}" for url in remote_loads(page)]
            name = f"{path.stem}.slides.html"
            (scratch / name).write_text(page, encoding="utf-8")
            decks.append(
                {"file": name, "notebook": path.name, "title": title, "slides": slide_count(notebook)}
            )
            print(f"{name}: {decks[-1]['slides']} slides, {len(page) / 1e6:.1f} MB", flush=True)
        if remote_problems:
            raise BuildError(
                "these decks would load from the network (nothing was written): " + "; ".join(remote_problems)
            )
        (scratch / "index.html").write_text(index_page(decks), encoding="utf-8")
        (scratch / MARKER).write_text(
            json.dumps(
                {"decks": decks, "show_code": show_code, "npm": {p.name: p.version for p in packages}},
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        # Swap the finished folder in.
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            out.rename(old / out.name)
            scratch.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            scratch.rename(out)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return decks


def main(argv: list[str]) -> int:
    """Build the decks named on the command line, or every lesson's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to export (default: every lesson)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write (default: slides/)")
    parser.add_argument("--show-code", action="store_true", help="keep the code cells in the slides")
    args = parser.parse_args(argv)
    notebooks = [path.resolve() for path in args.notebooks] or lesson_paths()
    out = args.out.resolve()
    try:
        decks = build(notebooks, out, show_code=args.show_code)
    except BuildError as error:
        print(f"build_slides: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(decks)} slide shows and index.html to {out}; open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
