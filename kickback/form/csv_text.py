"""The text of a recording file: its rows, its header and its number cells, read strictly.

Spreadsheets save CSV in more than one way: comma-separated with decimal points, or (in much of
Europe) semicolon-separated with decimal commas, or tab-separated. The separator is read from the
header line; with semicolons or tabs a decimal comma ("1,5") is read as 1.5. A cell is a number
only if it is written as one: Python's own float() also takes "1_0" (as 10) and "infinity", which a
spreadsheet never means. Work stays proportional to the file: the header is read once, in one pass.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .recording_checks import RecordingError
from .thresholds import threshold

_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]*,[0-9]+(?:[eE][+-]?[0-9]+)?")
_INFINITE = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}
SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}


def read_file_bytes(path: Path) -> bytes:
    """The bytes of a recording file; refuses a missing, empty or too large file before reading it."""
    if not path.exists():
        raise RecordingError(f"{path}: no such file")
    if not path.is_file():
        raise RecordingError(f"{path}: not a file")
    size = path.stat().st_size
    limit_mb = threshold("max_file_mb")
    if size == 0:
        raise RecordingError(f"{path.name}: the file is empty (0 bytes)")
    if size > limit_mb * 1e6:
        raise RecordingError(
            f"{path.name}: the file is {size / 1e6:.1f} MB; recordings up to {limit_mb:g} MB are read"
        )
    return path.read_bytes()


@dataclass(frozen=True)
class CsvTable:
    """A recording file's text, its separator and checked header; the data rows are split on demand.

    Only the header is split at first: the rows are split one at a time while their cells are read
    into arrays (`columns`), so the memory a file takes stays a small multiple of its size.
    """

    name: str
    text: str
    separator: str
    header_line: int
    names: list[str]
    count: int
    """How many data rows (lines that are neither blank nor comments) follow the header."""

    def data_rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of each data row, split as they are read."""
        numbered = _content_lines(self.text)
        next(numbered)  # the header
        current = [self.header_line]

        def lines() -> Iterator[str]:
            for number, line in numbered:
                current[0] = number
                yield line

        try:
            for cells in csv.reader(lines(), delimiter=self.separator):
                yield current[0], cells
        except csv.Error as error:
            raise RecordingError(f"{self.name}: not a readable CSV file ({error})") from None


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line that is neither blank nor a comment, read lazily."""
    for n, line in enumerate(io.StringIO(text), start=1):
        line = line.rstrip("\r\n")
        if line.strip() and not line.lstrip().startswith("#"):
            yield n, line


def rows_from_bytes(name: str, data: bytes) -> CsvTable:
    """The table in a file's bytes: decoded, its separator found, its header checked, its rows counted."""
    if not data:
        raise RecordingError(f"{name}: the file is empty (0 bytes)")
    if len(data) > threshold("max_file_mb") * 1e6:
        raise RecordingError(
            f"{name}: the file is {len(data) / 1e6:.1f} MB; "
            f"recordings up to {threshold('max_file_mb'):g} MB are read"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordingError(
            f"{name}: not UTF-8 text (byte {error.start}); save it as a CSV text file"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    content = _content_lines(text)
    first = next(content, None)
    if first is None:
        raise RecordingError(f"{name}: no header row and no data (only comments or blank lines)")
    separator = _separator(first[1])
    _check_width(name, first, separator)
    try:
        cells = next(csv.reader([first[1]], delimiter=separator))
    except csv.Error as error:
        raise RecordingError(f"{name}: not a readable CSV file ({error})") from None
    count = sum(1 for _ in content)
    names = _header(name, first[0], cells, count)
    most = int(threshold("max_set_duration_s") * threshold("max_frame_rate"))
    if count > most:
        raise RecordingError(
            f"{name}: {count} data rows; a set of at most {threshold('max_set_duration_s'):g} s at "
            f"{threshold('max_frame_rate'):g} frames per second has at most {most}"
        )
    return CsvTable(name, text, separator, first[0], names, count)


def _separator(header_line: str) -> str:
    """The separator the header uses: the commonest of comma, semicolon and tab (comma if none)."""
    counts = {mark: header_line.count(mark) for mark in SEPARATORS}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _check_width(name: str, header: tuple[int, str], separator: str) -> None:
    """Refuse a header wider than `max_columns` before any row is split."""
    most = int(threshold("max_columns"))
    count = header[1].count(separator) + 1
    if count > most:
        raise RecordingError(
            f"{name}: line {header[0]}: the header has {count} columns; at most {most} are read"
        )


def _header(name: str, line: int, cells: list[str], count: int) -> list[str]:
    """The header's column names, trimmed; refuses a first row of numbers, repeated names or no data."""
    names = [cell.strip() for cell in cells]
    if names and is_number(names[0]):
        raise RecordingError(
            f"{name}: line {line} holds numbers; "
            "the first row must be a header naming the columns (time_s, ...)"
        )
    repeated = [column for column, times in Counter(names).items() if times > 1]
    if repeated:
        raise RecordingError(f"{name}: line {line}: column {repeated[0]!r} appears twice in the header")
    if count < 1:
        raise RecordingError(f"{name}: a header but no data rows")
    return names


def is_number(text: str) -> bool:
    """True if `text` is written as a plain number (point or comma decimal), e.g. "-1.5e3", "0,25"."""
    text = text.strip()
    return bool(_NUMBER.fullmatch(text) or _DECIMAL_COMMA.fullmatch(text))


def cell_value(name: str, line: int, column: str, text: str, separator: str) -> float:
    """One cell as a number; blank or "nan" is missing (NaN); anything else non-numeric is refused."""
    text = text.strip()
    if text == "" or text.lower() == "nan":
        return math.nan
    if text.lower() in _INFINITE:
        raise RecordingError(f"{name}: line {line}, column {column}: {text!r} is not a finite number")
    if _NUMBER.fullmatch(text):
        value = float(text)
    elif separator != "," and _DECIMAL_COMMA.fullmatch(text):
        value = float(text.replace(",", "."))
    else:
        hint = (
            " (a decimal comma: write 1.5, or separate the cells with semicolons)"
            if _DECIMAL_COMMA.fullmatch(text)
            else ""
        )
        raise RecordingError(f"{name}: line {line}, column {column}: {text!r} is not a number{hint}")
    if math.isinf(value):
        raise RecordingError(f"{name}: line {line}, column {column}: {text!r} is not a finite number")
    return value


def columns(table: CsvTable, wanted: Sequence[str]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The wanted columns as float arrays, every cell checked; and the file line of each row."""
    names, name, separator = table.names, table.name, table.separator
    index = {column: names.index(column) for column in wanted}
    data = {column: np.empty(table.count) for column in wanted}
    lines = np.empty(table.count, dtype=np.int64)
    read = 0
    for row, (line, cells) in enumerate(table.data_rows()):
        read = row + 1
        if len(cells) != len(names):
            hint = (
                "; if the numbers use decimal commas, separate the cells with semicolons"
                if separator == "," and len(cells) > len(names)
                else ""
            )
            raise RecordingError(
                f"{name}: line {line} has {len(cells)} cells; the header has {len(names)}"
                f" (cells separated by {SEPARATORS[separator]}){hint}"
            )
        lines[row] = line
        for column, position in index.items():
            data[column][row] = cell_value(name, line, column, cells[position], separator)
    return {column: values[:read] for column, values in data.items()}, lines[:read]


def listed(names: Sequence[str], most: int = 8) -> str:
    """Column names for a message, the first few only, then how many in all."""
    shown = ", ".join(names[:most])
    return shown + (f", ... ({len(names)} in all)" if len(names) > most else "")
