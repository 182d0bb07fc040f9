"""Restart-and-run-all for the course notebooks, the way they are committed.

Steps: execute each notebook top to bottom in a fresh kernel (nbclient, its own folder as the
working directory); drop the live-widget part of an output where that output also carries a
static twin (a PNG, or the widget's text as Markdown), so a static viewer or a freshly opened
notebook shows that instead of a missing widget; drop saved widget state; keep only the
message of a deliberate error; write the notebook back.

Usage: python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: every notebook)
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from mark_slides import mark as mark_slides  # noqa: E402  (a sibling script, not a package)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STATIC_TWINS = {"image/png", "text/markdown", "text/html"}  # what a viewer without a kernel can show


def find_notebooks(names: list[str]) -> list[Path]:
    """The notebooks named on the command line, or all of them."""
    if names:
        return [Path(name).resolve() for name in names]
    return sorted(
        path for path in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
    )


def execute(path: Path) -> nbformat.NotebookNode:
    """Run every cell of the notebook at `path` in a new kernel and return it with outputs."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def keep_static_twins(notebook: nbformat.NotebookNode) -> None:
    """Where an output has both a live widget and a static twin, keep the twin.

    The twin is a PNG, Markdown or HTML. Saved widget state is dropped.
    """
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and STATIC_TWINS & set(data):
                del data[WIDGET_VIEW]
    notebook.metadata.pop("widgets", None)


def shorten_tracebacks(notebook: nbformat.NotebookNode) -> None:
    """Keep only the error line of a deliberate error (cells tagged raises-exception).

    The full traceback would store paths of the machine that ran it; the learner needs the message.
    """
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [f"{output['ename']}: {output['evalue']}"]


def main(names: list[str]) -> int:
    """Execute and save each notebook; report them one a line."""
    for path in find_notebooks(names):
        notebook = execute(path)
        keep_static_twins(notebook)
        shorten_tracebacks(notebook)
        nbformat.write(notebook, path)
        if path.parent == ROOT / "notebooks":
            mark_slides(path)
        print(f"executed {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
