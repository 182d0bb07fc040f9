"""Mark the lessons' key cells for slides: every title and section heading starts a slide.

Steps: for each notebook, set `slideshow.slide_type` to "slide" on markdown cells that start with
"# " or "## ", and "-" (same slide) on every other cell; write the notebook back only if that
changed something. Outputs are untouched, so nbval's stored outputs stay valid.

Usage: python scripts/mark_slides.py [NOTEBOOK ...]   (default: every lesson notebook)
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def slide_type(cell: nbformat.NotebookNode) -> str:
    """ "slide" for a title or section heading, "-" for everything else."""
    text = "".join(cell.source).lstrip()
    return (
        "slide" if cell.cell_type == "markdown" and (text.startswith("# ") or text.startswith("## ")) else "-"
    )


def mark(path: Path) -> bool:
    """Set the slide types of one notebook; return True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    changed = False
    for cell in notebook.cells:
        wanted = slide_type(cell)
        if cell.metadata.get("slideshow", {}).get("slide_type") != wanted:
            cell.metadata["slideshow"] = {"slide_type": wanted}
            changed = True
    if changed:
        nbformat.write(notebook, path)
    return changed


def main(names: list[str]) -> int:
    """Mark the given notebooks, or every lesson."""
    paths = [Path(n) for n in names] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        print(f"{'marked' if mark(path) else 'unchanged'} {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
