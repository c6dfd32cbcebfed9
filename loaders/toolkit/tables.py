"""Tables as text exports lay them out: tab-separated rows and markdown rows, whatever the genre.

Text, PDF-derived text and Word (see docx.py) all give a table row as one line of cells
separated by tabs, or as a markdown row ``| a | b |`` (whose cells may run over several
lines). What the exports add, and what is undone here:

- ``<p>…</p>`` around cell paragraphs: removed, the paragraphs joined with a space;
- separator rows (``--\\t--\\t---``, ``|---|---|``): not rows;
- a row broken by a page break: the page break is a blank line, and the rest of the row
  comes back as a row of its own with only the continued columns filled. Such a piece is
  joined onto the row it continues, cell by cell, so the row is counted once. A piece after
  a break is a continuation when its first cell is empty, or when it leaves empty a cell the
  row before filled and its first cell starts in lowercase (a sentence carried over). A real
  row starts with a capital or a number and fills the columns its table always fills.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from safeguarding_kg.loaders.toolkit.text import strip_markup

_SEPARATOR_CELL = re.compile(r"^\s*:?[-–—=_]{2,}:?\s*$")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A markdown row may be given as a list item ("- | Item No. | Title |").
_MARKDOWN_START = re.compile(r"^\s*(?:-\s+)?\|")


@dataclass
class Row:
    """One table row: its cells (markup removed, spaces folded) and where it starts."""

    cells: list[str]
    #: 1-based line where the row starts.
    line: int
    #: 1-based lines of pieces joined on after page breaks.
    continued_at: list[int] = field(default_factory=list)
    #: Indexes of the cells a continuation added text to.
    continued_columns: set[int] = field(default_factory=set)

    def cell(self, index: int | None) -> str:
        """The cell at ``index``, or "" when the row is shorter or no index is given."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


def clean_cell(text: str) -> str:
    """A cell's text: tags and markdown bold removed, each physical line space-folded, lines kept."""
    lines = (_SPACES.sub(" ", strip_markup(part)).strip() for part in text.split("\n"))
    return "\n".join(line for line in lines if line)


def is_tab_row(line: str) -> bool:
    return "\t" in line and bool(line.strip())


def is_markdown_row(line: str) -> bool:
    return bool(_MARKDOWN_START.match(line))


def split_tab_row(line: str) -> list[str]:
    return [clean_cell(cell) for cell in line.rstrip("\n").split("\t")]


def split_markdown_row(text: str) -> list[str]:
    """``| 3 | Minutes (Pages 3 - 6)\\n[To approve] |`` -> ["3", "Minutes (Pages 3 - 6)\\n[To approve]"]."""
    body = _MARKDOWN_START.sub("", text, count=1).rstrip()
    body = body.removesuffix("|")
    return [clean_cell(cell) for cell in body.split("|")]


def is_separator(cells: list[str]) -> bool:
    """``--\\t--\\t---`` or ``|---|---|``: drawn by the exporter, not a row."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(_SEPARATOR_CELL.match(c) for c in filled)


def read_tab_table(lines: list[str], start: int) -> tuple[list[Row], int]:
    """The tab-separated table whose first row is line ``start`` (1-based).

    Blank lines between rows (page breaks) do not end the table; the first non-blank line
    that is not a row does. Returns the rows (the header first, if the table has one) and the
    1-based line after the table's last row.
    """
    rows: list[Row] = []
    number, end = start, start
    after_break = False
    while number <= len(lines):
        line = lines[number - 1]
        if not line.strip():
            after_break = bool(rows)
            number += 1
            continue
        if not is_tab_row(line):
            break
        cells = split_tab_row(line)
        if not is_separator(cells):
            if rows and after_break and is_continuation(rows[-1].cells, cells):
                join_continuation(rows[-1], cells, number)
            else:
                rows.append(Row(cells, number))
        after_break = False
        end = number + 1
        number += 1
    return rows, end


def is_continuation(previous: list[str], piece: list[str]) -> bool:
    """Whether a row piece after a page break carries on the row before it (see module docstring)."""
    if not any(c.strip() for c in piece):
        return False
    if not piece[0].strip():
        return True
    leaves_gap = any(
        i < len(previous) and previous[i].strip() and not cell.strip() for i, cell in enumerate(piece)
    ) or len(piece) < len(previous)
    return leaves_gap and piece[0].lstrip()[:1].islower()


def join_continuation(row: Row, piece: list[str], line: int) -> None:
    row.continued_at.append(line)
    for index, text in enumerate(piece):
        if not text.strip():
            continue
        if index < len(row.cells):
            row.cells[index] = f"{row.cells[index]} {text}".strip()
        else:
            row.cells.append(text)
        row.continued_columns.add(index)


def read_markdown_table(lines: list[str], start: int) -> tuple[list[Row], int]:
    """The markdown table starting at line ``start``: rows may span lines until the closing "|".

    Separator rows are dropped; blank lines end the table (markdown tables have none).
    Returns the rows and the 1-based line after the table.
    """
    rows: list[Row] = []
    number = start
    while number <= len(lines) and is_markdown_row(lines[number - 1]):
        first = number
        text = lines[number - 1]
        while not text.rstrip().endswith("|") and number < len(lines) and lines[number].strip():
            number += 1
            text += "\n" + lines[number - 1]
        cells = split_markdown_row(text)
        if not is_separator(cells) and any(c.strip() for c in cells):
            rows.append(Row(cells, first))
        number += 1
    return rows, number


def read_table(lines: list[str], start: int) -> tuple[list[Row], int]:
    """Either kind of table, by the look of its first line."""
    if is_markdown_row(lines[start - 1]):
        return read_markdown_table(lines, start)
    return read_tab_table(lines, start)


def one_line(text: str) -> str:
    """A multi-line cell as one line of text."""
    return " ".join(text.split())
