"""Page furniture shared by every reading of a paged document: character artefacts and running lines.

A PDF read with PDFium (:mod:`pdf`) and the text another extractor made from a PDF
(:mod:`extracted_text`) both become pages of lines; what a page adds to the wording is removed here
once for both: CR/LF, PDFium's line-end hyphen marker, soft hyphens, ligatures, private-use and
glyph bullets, control characters (form feeds among them), trailing spaces, running headers and
footers and page numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter

# How many non-blank lines at each end of a page may be running headers or footers.
_EDGE_LINES = 3

# PDFium reports a hyphen that ended a line as U+FFFE and joins the next line onto it; we put
# the hyphen and the line break back so that line numbers match the page as printed.
_PDFIUM_LINE_END_HYPHEN = "\ufffe"
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)
# Controls other than tab and newline are never wording (form feeds, NULs, PDFium markers).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")
# Symbol/Wingdings bullets map to private-use code points; Word's own bullets to these.
_BULLET = re.compile(r"^(\s*)(?:[\ue000-\uf8ff]|[•●▪■◼◾◦‣⁃∙])\s+")
_PAGE_OF = re.compile(r"^\s*page\s+\d{1,4}\s*(?:of|/)\s*\d{1,4}\s*$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*[-–(]?\s*(?:page\s+)?(\d{1,4})\s*[-–)]?\s*$", re.IGNORECASE)


# --------------------------------------------------------------------------- per-page normalisation


def clean_page(text: str) -> list[str]:
    """Lines of one page with character-level PDF artefacts removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(_PDFIUM_LINE_END_HYPHEN, "-\n")
    # A soft hyphen PDFium kept is visible only where it broke a line; elsewhere it is noise.
    text = re.sub("\u00ad(?=\n|$)", "-", text).replace("\u00ad", "")
    text = _CONTROLS.sub("", text.translate(_LIGATURES))
    # rstrip: PDFium adds a generated space at the end of most lines.
    return [_BULLET.sub(r"\1- ", line).rstrip() for line in text.split("\n")]


# --------------------------------------------------------------------------- running headers and footers


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers/footers and page numbers from the top and bottom of each page.

    A line is running when, digits ignored, it is among the first or last few lines of at least
    half the pages (and of two pages at least); a page number is a bare number or "Page N of M"
    at a page edge whose value follows the page index with the document's usual offset.
    """
    running = _running_keys(pages)
    offset = _page_number_offset(pages)
    return [_trim_edges(lines, index, running, offset) for index, lines in enumerate(pages)]


def page_line_key(line: str) -> str:
    return " ".join(re.sub(r"\d+", "#", line).split()).casefold()


def _edges(lines: list[str]) -> list[str]:
    body = [line for line in lines if line.strip()]
    return body[:_EDGE_LINES] + body[-_EDGE_LINES:]


def _running_keys(pages: list[list[str]]) -> set[str]:
    seen = Counter(key for lines in pages for key in {page_line_key(line) for line in _edges(lines)})
    # "#" (a bare number) is left to the page-number rule, which checks the value too.
    return {key for key, count in seen.items() if count >= _needed(len(pages)) and key not in ("", "#")}


def _needed(page_count: int) -> int:
    """On how many pages a line must recur to count as running: half of them, and two at least."""
    return max(2, math.ceil(page_count / 2))


def _page_number_offset(pages: list[list[str]]) -> int | None:
    """The usual (printed number − page index) of bare numbers at page edges, if they run through."""
    offsets = Counter()
    for index, lines in enumerate(pages):
        for number in {int(m.group(1)) for line in _edges(lines) if (m := _BARE_NUMBER.match(line))}:
            offsets[number - index] += 1
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    # Page numbers run through the document; one number that happens to fit proves nothing.
    return offset if count >= _needed(len(pages)) else None


def _is_page_number(line: str, index: int, offset: int | None) -> bool:
    if _PAGE_OF.match(line):
        return True
    m = _BARE_NUMBER.match(line)
    return bool(m) and offset is not None and int(m.group(1)) - index == offset


def _trim_edges(lines: list[str], index: int, running: set[str], offset: int | None) -> list[str]:
    def removable(line: str, top_of_first_page: bool = False) -> bool:
        # The top of page 1 is the document's title: when later pages repeat it as their running
        # header it is still the title here (an ILACS report would otherwise lose its authority).
        running_line = page_line_key(line) in running and not top_of_first_page
        return not line.strip() or running_line or _is_page_number(line, index, offset)

    start, end = 0, len(lines)
    for _ in range(_EDGE_LINES):  # at most a few non-blank lines per edge, so body text is safe
        while start < end and not lines[start].strip():
            start += 1
        if start < end and removable(lines[start], top_of_first_page=index == 0):
            start += 1
    for _ in range(_EDGE_LINES):
        while end > start and not lines[end - 1].strip():
            end -= 1
        if end > start and removable(lines[end - 1]):
            end -= 1
    kept = lines[start:end]
    while kept and not kept[-1].strip():
        kept.pop()
    return kept
