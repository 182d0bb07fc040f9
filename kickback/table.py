"""A small table object for notebooks: Markdown where a notebook can render it, plain text elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """Rows of text under headers, with an optional caption naming the source."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""

    def _repr_markdown_(self) -> str:
        def clean(cell: str) -> str:
            return str(cell).replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(clean(h) for h in self.headers) + " |", "|" + "---|" * len(self.headers)]
        lines += ["| " + " | ".join(clean(c) for c in row) + " |" for row in self.rows]
        if self.caption:
            lines += ["", f"*{clean(self.caption)}*"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        widths = [
            max(len(str(h)), *(len(str(row[i])) for row in self.rows)) if self.rows else len(str(h))
            for i, h in enumerate(self.headers)
        ]
        line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()
        text = [line(self.headers), line("-" * w for w in widths)] + [line(row) for row in self.rows]
        if self.caption:
            text.append(self.caption)
        return "\n".join(text)
