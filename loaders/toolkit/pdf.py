"""Reading PDF files as page texts with pypdfium2 (PDFium), PDF artefacts removed, wording kept.

Why pypdfium2: see bench/PDF_EXTRACTION.md. In short, it was the fastest of the four libraries
measured on the Ofsted corpus, kept every numbered paragraph start ("12. Although…") on the
line of its text and in order, and puts each judgement grade right after its area, on the same
line ("1. Children who need help and protection Requires improvement") unless the area cell wraps
in the PDF; it ships as a self-contained wheel under Apache-2.0/BSD-3-Clause.

What is normalised is only what pages add (toolkit/pages.py, shared with text that other
extractors made from PDFs): CR/LF, PDFium's line-end hyphen marker, soft hyphens, ligatures,
private-use bullet glyphs, control characters, trailing spaces, running headers and footers and
page numbers. Hyphenated words and paragraphs are *not* joined: the shared text normaliser does
that for text and PDF sources alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from safeguarding_kg.loaders.toolkit.errors import SourceError
from safeguarding_kg.loaders.toolkit.pages import clean_page, strip_running_lines

if TYPE_CHECKING:  # the real import is inside the functions: the CLI must start fast
    import pypdfium2 as pdfium

MAX_PDF_BYTES = 200 * 2**20
MAX_PDF_PAGES = 2000

# PDF 1.7 §7.5.2 lets readers accept the header anywhere in the first 1024 bytes.
_HEADER_WINDOW = 1024
# A complete file ends with %%EOF (possibly followed by a little padding).
_TRAILER_WINDOW = 2048

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
    pages = [clean_page(page) for page in raw]
    return ["\n".join(lines) for lines in strip_running_lines(pages)]


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
