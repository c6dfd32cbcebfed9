"""PDF pages with their tables read as tables: for plans exported from Word or Excel.

The PDF text (pdf.py) reads a page in reading order, which for a landscape table gives one
cell's wrapped words after another, the row lost. Plans and trackers are tables, so for
them a page is re-read with pdfplumber, which finds a table by its ruling lines and
returns its cells: each table row becomes one tab-separated line (a cell's wrapped lines
joined with spaces), the text around tables stays lines of text, in the order on the page.

Across pages: a table's header row repeated at the top of the next page is dropped, and a
row split by the page break (the next page's first row has an empty first cell, the rest
carrying on) is joined to the row it continues, so each row is read once.

pdfplumber (pdfminer.six) is slower than PDFium (about 5 pages a second against 400 on
the corpus, bench/PDF_EXTRACTION.md) but reads table cells, which PDFium does not; plans
are a few pages, so only they pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Page:
    """One page as lines: its text lines and its table rows (cells), in reading order."""

    number: int
    items: list[str | list[str]] = field(default_factory=list)


def read_pdf_table_pages(path: Path) -> list[Page]:
    import pdfplumber  # imported here: only PDF plans need it

    pages: list[Page] = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            pages.append(_read_page(page, number))
    _join_across_pages(pages)
    return pages


def _read_page(page, number: int) -> Page:
    tables = [t for t in page.find_tables() if len(t.rows) >= 1 and len(t.rows[0].cells) >= 2]
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
            if any(cells):
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
