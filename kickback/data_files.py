"""Read the course's data tables (CSV files in `data/`, each naming its source)."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `data/<name>.csv` as dictionaries of strings.

    Lines starting with ``#`` are comments (the table's notes and sources) and are skipped.
    """
    path = DATA_DIR / f"{name}.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return tuple(csv.DictReader(io.StringIO("\n".join(lines))))


def read_notes(name: str) -> list[str]:
    """The comment lines at the top of `data/<name>.csv`, without the leading ``#``."""
    path = DATA_DIR / f"{name}.csv"
    return [
        line[1:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]


def to_float(text: str) -> float | None:
    """A table cell as a float, or None where the cell is blank."""
    return float(text) if text.strip() else None
