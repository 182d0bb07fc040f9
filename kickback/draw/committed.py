"""The committed diagrams in figures/: their alt text, and showing one in a notebook.

No matplotlib here: a lesson that only shows committed pictures stays light.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

FIGURES_DIR = Path(__file__).resolve().parents[2] / "figures"
ALT_TEXT_FILE = "alt_text.json"


def read_alt_texts(folder: Path = FIGURES_DIR) -> dict[str, str]:
    """The alt text of every saved figure, by figure name."""
    return json.loads((folder / ALT_TEXT_FILE).read_text(encoding="utf-8"))


class SavedFigure:
    """A saved course figure shown in a notebook with its alt text (HTML), or as PNG and words elsewhere."""

    def __init__(self, name: str, folder: Path = FIGURES_DIR) -> None:
        alt_texts = read_alt_texts(folder)
        if name not in alt_texts:
            raise ValueError(f"figure must be one of {', '.join(sorted(alt_texts))}; got {name!r}")
        self.name = name
        self.alt_text = alt_texts[name]
        self.png = (folder / f"{name}.png").read_bytes()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        encoded = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.alt_text, quote=True)
        return {
            "text/html": f'<img src="data:image/png;base64,{encoded}" alt="{alt}" style="max-width:100%">',
            "image/png": encoded,
            "text/plain": f"[Figure: {self.alt_text}]",
        }


def show_figure(name: str) -> SavedFigure:
    """A saved figure for display in a notebook, carrying its alt text (from figures/alt_text.json).

    Parameters
    ----------
    name : str
        The figure's name in figures/, without its suffix, e.g. "cable_form".

    Returns
    -------
    SavedFigure
        Displays as the PNG with its alt text.
    """
    return SavedFigure(name)
