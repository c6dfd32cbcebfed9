"""Reading PDF files as page texts with pypdfium2 (PDFium), PDF artefacts removed, wording kept.

Why pypdfium2: see bench/PDF_EXTRACTION.md. In short, it was the fastest of the four libraries
measured on the Ofsted corpus, kept every numbered paragraph start ("12. Although…") on the
line of its text and in order, and puts each judgement grade right after its area, on the same
line ("1. Children who need help and protection Requires improvement") unless the area cell wraps
in the PDF; it ships as a self-contained wheel under Apache-2.0/BSD-3-Clause.

What is normalised here is only what PDFs add: CR/LF, PDFium's line-end hyphen marker, soft
hyphens, ligatures, private-use bullet glyphs, control characters, trailing spaces, running
headers and footers and page numbers. Hyphenated words and paragraphs are *not* joined: the
shared text normaliser does that for text and PDF sources alike.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from safeguarding_kg.loaders.toolkit.errors import SourceError

if TYPE_CHECKING:  # the real import is inside the functions: the CLI must start fast
    import pypdfium2 as pdfium

MAX_PDF_BYTES = 200 * 2**20
MAX_PDF_PAGES = 2000

# PDF 1.7 §7.5.2 lets readers accept the header anywhere in the first 1024 bytes.
_HEADER_WINDOW = 1024
# A complete file ends with %%EOF (possibly followed by a little padding).
_TRAILER_WINDOW = 2048
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


def read_pdf_pages(path: Path) -> list[str]:
    """One string per page, in reading order, lines separated by "\\n", PDF artefacts removed.

    Raises :class:`SourceError` with a reason a user can act on when the file is not a PDF, is
    truncated or corrupt, is password-protected, is too large, or has no text layer.
    """
    path = Path(path)
    _check_file(path)
    raw = _extract_pages(path)
    if not any(page.strip() for page in raw):
        raise SourceError("PDF has no text layer (scanned?): no page contains extractable text")
    pages = [_clean_page(page) for page in raw]
    return ["\n".join(lines) for lines in _strip_running_lines(pages)]


# --------------------------------------------------------------------------- checks and extraction


def _check_file(path: Path) -> None:
    """Cheap checks before PDFium sees the file: its errors are less specific than ours."""
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise SourceError(f"PDF too large ({size / 2**20:.0f} MiB; the limit is {MAX_PDF_BYTES // 2**20} MiB)")
        with path.open("rb") as fh:
            head = fh.read(_HEADER_WINDOW)
    except OSError as e:
        raise SourceError(f"cannot read file: {e.strerror or e}") from e
    if not head:
        raise SourceError("empty file")
    if b"%PDF-" not in head:
        raise SourceError("not a PDF (no %PDF- header in the first 1024 bytes)")


def _extract_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium  # imported here: heavy native library, only PDF loads need it

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        raise _open_error(path, e) from e
    try:
        count = len(pdf)
        if count == 0:
            raise SourceError("PDF has no pages (truncated or corrupt?)")
        if count > MAX_PDF_PAGES:
            raise SourceError(f"PDF has too many pages ({count}; the limit is {MAX_PDF_PAGES})")
        return [_page_text(pdf, index) for index in range(count)]
    finally:
        pdf.close()


def _page_text(pdf: pdfium.PdfDocument, index: int) -> str:
    import pypdfium2 as pdfium

    page = textpage = None
    try:
        page = pdf[index]
        textpage = page.get_textpage()
        # get_text_range keeps PDFium's reading order and puts a table row's cells on one line;
        # get_text_bounded() over the whole page gives the same text, so nothing is gained there.
        return textpage.get_text_range()
    except pdfium.PdfiumError as e:
        raise SourceError(f"PDF is corrupt: page {index + 1} cannot be read ({e})") from e
    finally:
        if textpage is not None:
            textpage.close()
        if page is not None:
            page.close()


def _open_error(path: Path, error: Exception) -> SourceError:
    """Turn PDFium's error code into the reason a person can act on."""
    import pypdfium2.raw as pdfium_c

    code = getattr(error, "err_code", None)
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return SourceError("PDF is encrypted: password-protected (remove the password and try again)")
    if code == pdfium_c.FPDF_ERR_FILE:
        return SourceError("cannot read file: PDFium could not open it")
    if not _has_eof_marker(path):
        return SourceError("PDF is truncated (it does not end with %%EOF) or corrupt")
    return SourceError(f"PDF is corrupt: PDFium cannot parse it ({error})")


def _has_eof_marker(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - _TRAILER_WINDOW))
            return b"%%EOF" in fh.read()
    except OSError:
        return False


# --------------------------------------------------------------------------- per-page normalisation


def _clean_page(text: str) -> list[str]:
    """Lines of one page with character-level PDF artefacts removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(_PDFIUM_LINE_END_HYPHEN, "-\n")
    # A soft hyphen PDFium kept is visible only where it broke a line; elsewhere it is noise.
    text = re.sub("\u00ad(?=\n|$)", "-", text).replace("\u00ad", "")
    text = _CONTROLS.sub("", text.translate(_LIGATURES))
    # rstrip: PDFium adds a generated space at the end of most lines.
    return [_BULLET.sub(r"\1- ", line).rstrip() for line in text.split("\n")]


# --------------------------------------------------------------------------- running headers and footers


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers/footers and page numbers from the top and bottom of each page.

    A line is running when, digits ignored, it is among the first or last few lines of at least
    half the pages (and of two pages at least); a page number is a bare number or "Page N of M"
    at a page edge whose value follows the page index with the document's usual offset.
    """
    running = _running_keys(pages)
    offset = _page_number_offset(pages)
    return [_trim_edges(lines, index, running, offset) for index, lines in enumerate(pages)]


def _key(line: str) -> str:
    return " ".join(re.sub(r"\d+", "#", line).split()).casefold()


def _edges(lines: list[str]) -> list[str]:
    body = [line for line in lines if line.strip()]
    return body[:_EDGE_LINES] + body[-_EDGE_LINES:]


def _running_keys(pages: list[list[str]]) -> set[str]:
    seen = Counter(key for lines in pages for key in {_key(line) for line in _edges(lines)})
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
        running_line = _key(line) in running and not top_of_first_page
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
