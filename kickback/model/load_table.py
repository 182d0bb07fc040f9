"""The one reader of data/loads.csv: each load's defaults and the limits the model accepts."""

from __future__ import annotations

from ..data_files import read_table
from ..validate import check_in_range

G = 9.81
"""Gravitational acceleration (m/s²)."""


def read_load_table() -> dict[tuple[str, str], dict[str, str]]:
    """Rows of `data/loads.csv` by (load, field): default, low, high, unit, rationale, source."""
    return {(row["load"], row["field"]): row for row in read_table("loads")}


def check_load_field(load: str, field: str, value: object) -> float:
    """`value` as a float inside the limits `data/loads.csv` gives for `load`'s `field`."""
    row = read_load_table()[(load, field)]
    unit = "" if row["unit"] == "1" else row["unit"]  # "1": a plain number (a ratio)
    return check_in_range(field, value, float(row["low"]), float(row["high"]), unit)


def load_defaults() -> dict[tuple[str, str], str]:
    """Every default of `data/loads.csv` by (load, field), as the table's text."""
    return {key: row["default"] for key, row in read_load_table().items()}


def load_default(load: str, field: str) -> str:
    """The default value of `load`'s `field`, as the table's text."""
    return load_defaults()[(load, field)]
