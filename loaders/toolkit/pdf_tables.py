"""PDF pages with their tables read as tables: for plans exported from Word or Excel.

The PDF text (pdf.py) reads a page in reading order, which for a landscape table gives one
cell's wrapped words after another, the row lost. Plans and trackers are tables, so for
them a page is re-read with pdfplumber, which finds a table by its ruling lines and
returns its cells: each table row becomes one tab-separated line (a cell's wrapped lines
joined with spaces), the text around tables stays lines of text, in the order on the page.

A sheet printed without grid lines has no ruled table: when no page has one, every page is read
again with the columns and rows found from where the words sit (pdfplumber's "text" strategy).

Across pages: a table's header row repeated at the top of the next page is dropped, and a
row split by the page break (the next page's first row has an empty first cell, the rest
carrying on) is joined to the row it continues, so each row is read once.

pdfplumber (pdfminer.six) is slower than PDFium (about 5 pages a second against 400 on
the corpus, bench/PDF_EXTRACTION.md) but reads table cells, which PDFium does not; plans
are a few pages, so only they pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path


@dataclass
class Page:
    """One page as lines: its text lines and its table rows (cells), in reading order."""

    number: int
    items: list[str | list[str]] = field(default_factory=list)


def read_pdf_table_pages(path: Path) -> list[Page]:
    import pdfplumber  # imported here: only PDF plans need it

    with pdfplumber.open(path) as pdf:
        pages = [_read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
        if not any(isinstance(item, list) for page in pages for item in page.items):
            # no ruled table anywhere (a sheet printed without grid lines): columns from the words' alignment
            pages = [_read_unruled_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    _join_across_pages(pages)
    return pages


#: Gaps between words wider than this (points) separate cells on a line; a column gutter is a band
#: this wide that no word of the table crosses.
CELL_GAP = 7.0


def _read_unruled_page(page, number: int) -> Page:
    """A page whose table has no ruling lines: a line of words is a row when it has several cells
    (word groups far apart); the columns are the bands between gutters no word of those rows
    crosses; other lines stay text."""
    lines = _word_lines(page.extract_words(use_text_flow=False, keep_blank_chars=False))
    tabular = [line for line in lines if len(_clusters(line)) >= 2]
    if len(tabular) < 2:
        return Page(number, [" ".join(w["text"] for w in line) for line in lines])
    columns = _gutters(tabular)
    first, last = lines.index(tabular[0]), lines.index(tabular[-1])
    items: list[str | list[str]] = []
    previous: list[str] | None = None
    for position, line in enumerate(lines):
        if not first <= position <= last:
            items.append(" ".join(w["text"] for w in line))
            continue
        cells = [""] * len(columns)
        for word in line:
            index = next((i for i, (x0, x1) in enumerate(columns) if word["x0"] < x1), len(columns) - 1)
            cells[index] = f"{cells[index]} {word['text']}".strip()
        filled = sum(1 for cell in cells if cell)
        if previous is not None and not cells[0] and filled < sum(1 for c in previous if c) - 1:
            for index, text in enumerate(cells):  # a wrapped cell's next line: part of the row above
                if text:
                    previous[index] = f"{previous[index]} {text}".strip()
            continue
        items.append(cells)
        previous = cells
    return Page(number, items)


def _word_lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _clusters(line: list[dict]) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for word in line:
        if groups and word["x0"] - groups[-1][-1]["x1"] <= CELL_GAP:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _gutters(lines: list[list[dict]]) -> list[tuple[float, float]]:
    """Column bands: from the left of the table to the right, split where no cell of any row lies."""
    spans = sorted((group[0]["x0"], group[-1]["x1"]) for line in lines for group in _clusters(line))
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1] + CELL_GAP / 2:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    bounds = [(a + b) / 2 for (_, a), (b, _) in pairwise(columns)]
    return list(pairwise([float("-inf"), *bounds, float("inf")]))


def _read_page(page, number: int, settings: dict | None = None) -> Page:
    tables = [t for t in page.find_tables(settings or {}) if len(t.rows) >= 1 and len(t.rows[0].cells) >= 2]
    boxes = [t.bbox for t in tables]
    placed: list[tuple[float, str | list[str]]] = []
    for line in page.extract_text_lines():
        middle = (line["top"] + line["bottom"]) / 2
        if not any(x0 - 1 <= line["x0"] <= x1 + 1 and top - 1 <= middle <= bottom + 1
                   for x0, top, x1, bottom in boxes):
            placed.append((line["top"], line["text"]))
    for table in tables:
        rows = table.extract()
        if len(rows) > 1:
            rows[0] = _header_by_columns(page, table, rows)
        for offset, row in enumerate(rows):
            cells = [" ".join((cell or "").split()) for cell in row]
            filled = [cell for cell in cells if cell]
            if len(filled) == 1 and settings:  # a title or a note the words' alignment put in a "table"
                placed.append((table.bbox[1] + offset * 0.001, filled[0]))
            elif filled:
                placed.append((table.bbox[1] + offset * 0.001, cells))
    placed.sort(key=lambda pair: pair[0])
    return Page(number, [item for _, item in placed])


def _header_by_columns(page, table, rows: list[list[str | None]]) -> list[str | None]:
    """A header row drawn without inner rules (Excel exports) comes back as one cell holding every
    heading; it is re-read cell by cell within the columns of the row below it."""
    first, second = table.rows[0], table.rows[1]
    if sum(1 for c in rows[0] if c) != 1 or sum(1 for c in rows[1] if c) < 3 or len(second.cells) != len(rows[0]):
        return rows[0]
    top, bottom = first.bbox[1], first.bbox[3]
    header: list[str | None] = []
    for cell in second.cells:
        if cell is None:
            header.append("")
            continue
        crop = page.crop((cell[0], top, cell[2], bottom), strict=False)
        header.append(crop.extract_text() or "")
    return header if sum(1 for c in header if c.strip()) >= 3 else rows[0]


def _join_across_pages(pages: list[Page]) -> None:
    """Drop a header repeated after a page break and join a row the break split (module docstring)."""
    header: list[str] | None = None
    for index, page in enumerate(pages):
        rows = [item for item in page.items if isinstance(item, list)]
        if not rows:
            continue
        first = rows[0]
        if index and header is not None and first == header:
            page.items.remove(first)
            rows = rows[1:]
        previous = _last_row(pages[:index])
        if rows and previous is not None and _continues(previous, rows[0]):
            for column, text in enumerate(rows[0]):
                if text:
                    previous[column] = f"{previous[column]} {text}".strip()
            page.items.remove(rows[0])
        if header is None:
            header = first


def _continues(previous: list[str], row: list[str]) -> bool:
    """A page's first row carries on the last row of the page before: same columns, an empty first
    cell, and fewer cells filled than that row had (a new row of a group leaves only the group's
    merged cell empty)."""
    filled = sum(1 for c in row if c)
    return len(row) == len(previous) and not row[0] and filled < sum(1 for c in previous if c) - 1


def _last_row(pages: list[Page]) -> list[str] | None:
    for page in reversed(pages):
        rows = [item for item in page.items if isinstance(item, list)]
        if rows:
            return rows[-1]
    return None


def table_lines(pages: list[Page]) -> tuple[list[str], list[int]]:
    """The pages as lines (table rows tab-separated) and the page of each line. No blank line between
    pages: rows split by a page break are already joined, and a blank line would let the table
    reader join them again."""
    lines: list[str] = []
    numbers: list[int] = []
    for page in pages:
        for item in page.items:
            lines.append("\t".join(item) if isinstance(item, list) else item)
            numbers.append(page.number)
    return lines, numbers
