"""Reading a source file into lines of text, keeping line and page numbers for provenance.

Text (.txt, .md), PDF and Word (.docx) files all become a :class:`SourceText`: a list of
lines, each with the 1-based page it came from where the format has pages. Loaders parse
lines; provenance (``sg:sourceLine``, ``sg:sourcePage``) points back into this text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from safeguarding_kg.loaders.toolkit.errors import SourceError

#: Files larger than this are refused before being read: no genre we load comes near it.
MAX_FILE_BYTES = 200 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".htm": "text/html",
}
HTML_SUFFIXES = {".html", ".htm"}
SHEET_SUFFIXES = {".xlsx", ".ods", ".csv", ".tsv"}


@dataclass
class SourceText:
    """The extracted text of one file. ``lines[0]`` is line 1."""

    name: str
    sha256: str
    media_type: str
    lines: list[str]
    #: Page of each line (same length as ``lines``), or None for formats without pages.
    pages: list[int] | None = None
    page_count: int | None = None
    size: int = 0
    path: Path | None = field(default=None, compare=False)
    #: Lines before ``lines[0]`` in the whole file: non-zero for an excerpt (a report inside a pack).
    line_offset: int = 0
    #: Pages were found from running lines in text with no page breaks: they structure the reading
    #: (a page foot, a page break) but may be cut a little off the printed pages, so are not cited.
    pages_inferred: bool = False
    #: The file's own 1-based line of each line, where the text was laid out anew before reading
    #: (text an extractor made from a PDF): provenance cites the file's lines, not the reading's.
    origins: list[int] | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def file_line(self, line_number: int) -> int:
        """The line of the file a 1-based line of this text was read from."""
        if self.origins is not None and 1 <= line_number <= len(self.origins):
            return self.origins[line_number - 1]
        return line_number + self.line_offset

    def page_of(self, line_number: int) -> int | None:
        """The 1-based page of a 1-based line of this text, or None for formats without pages."""
        if self.pages is None or self.pages_inferred or not 1 <= line_number <= len(self.pages):
            return None
        return self.pages[line_number - 1]

    def excerpt(self, first: int, last: int) -> SourceText:
        """Lines ``first``..``last`` (1-based, inclusive) as a text of their own, for handing a
        document embedded in another (an Ofsted report inside a committee pack) to its loader.
        Line numbers the loader reports still point into the whole file."""
        return replace(
            self,
            lines=self.lines[first - 1 : last],
            pages=self.pages[first - 1 : last] if self.pages is not None else None,
            line_offset=self.line_offset + first - 1,
            origins=self.origins[first - 1 : last] if self.origins is not None else None,
        )


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path, data: bytes | None = None) -> SourceText:
    """Read a file of any supported format; raise :class:`SourceError` saying why it can't be read."""
    if data is None:
        data = read_bytes(path)
    suffix = path.suffix.lower()
    if not data.strip():
        raise SourceError("empty file")
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        return _from_pages(path, data, "application/pdf", _pdf_pages(path, data))
    if suffix == ".docx":
        from safeguarding_kg.loaders.toolkit.docx import read_docx_lines

        lines = read_docx_lines(data)
        return SourceText(path.name, sha256_of(data), MEDIA_TYPES[".docx"], lines, size=len(data), path=path)
    if suffix in HTML_SUFFIXES:
        return _from_html(path, data)
    if suffix in SHEET_SUFFIXES:  # spreadsheets and their exports: toolkit/spreadsheet.py
        from safeguarding_kg.loaders.toolkit.spreadsheet import read_sheet_source

        return read_sheet_source(path, data)
    if suffix in TEXT_SUFFIXES or not suffix:
        return _from_text(path, data, decode_text(data))
    raise SourceError(f"unsupported file type '{suffix}' "
                      "(expected .txt, .md, .pdf, .docx, .html, .xlsx, .ods, .csv or .tsv)")


def _from_html(path: Path, data: bytes) -> SourceText:
    """A page saved from a council's committee website (toolkit/html.py: lxml, imported only here)."""
    from safeguarding_kg.loaders.toolkit.html import read_html_lines

    return SourceText(path.name, sha256_of(data), "text/html", read_html_lines(data), size=len(data), path=path)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(f"file too large ({size / 2**20:.0f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB)")
        return path.read_bytes()
    except PermissionError as e:
        raise SourceError("permission denied") from e
    except IsADirectoryError as e:
        raise SourceError("is a directory") from e
    except OSError as e:
        raise SourceError(f"cannot read file: {e.strerror or e}") from e


def _pdf_pages(path: Path, data: bytes) -> list[str]:
    # Imported here: the PDF library is heavy and only PDF loads need it.
    from safeguarding_kg.loaders.toolkit.pdf import read_pdf_pages

    return read_pdf_pages(path)


def _from_text(path: Path, data: bytes, text: str) -> SourceText:
    """Plain text; text an extractor made from a PDF is first put back into the PDF reading's layout."""
    from safeguarding_kg.loaders.toolkit.extracted_text import extracted_pages

    paged = extracted_pages(text)
    if paged is None:
        return SourceText(path.name, sha256_of(data), "text/plain", text.splitlines(), size=len(data), path=path)
    page_texts, known_pages = paged
    source = _from_pages(path, data, "text/plain", page_texts)
    source.origins = line_origins(text.splitlines(), source.lines)
    return source if known_pages else replace(source, page_count=None, pages_inferred=True)


#: How far ahead of the last matched file line a laid-out line is looked for.
_ORIGIN_WINDOW = 400


def line_origins(file_lines: list[str], lines: list[str]) -> list[int]:
    """For each line of a text laid out anew, the 1-based file line it came from.

    Laying out drops lines (blank lines, running headers, page numbers), joins some (a wrapped
    table cell) and splits others (lines an extractor merged), but keeps their order and their
    letters. So each laid-out line is found by its letters and digits, searching forward from the
    last file line found: in that line (a split), or as the start of a later one. A line with no
    letters (a page break) stays with the last file line found.
    """
    keys = [_letters(line) for line in file_lines]
    origins: list[int] = []
    at = 0
    for line in lines:
        key = _letters(line)[:40]
        if key:
            for index in range(at, min(at + _ORIGIN_WINDOW, len(keys))):
                found = keys[index]
                if found and (key in found or key.startswith(found[:40])):
                    at = index
                    break
        origins.append(at + 1)
    return origins


def _letters(line: str) -> str:
    return "".join(ch for ch in line.casefold() if ch.isalnum())


def _from_pages(path: Path, data: bytes, media_type: str, page_texts: list[str]) -> SourceText:
    """Join pages into one list of lines, a blank line between pages, remembering each line's page."""
    lines: list[str] = []
    pages: list[int] = []
    for number, page in enumerate(page_texts, start=1):
        if lines:
            lines.append("")
            pages.append(number - 1)
        page_lines = page.splitlines()
        lines.extend(page_lines)
        pages.extend([number] * len(page_lines))
    return SourceText(path.name, sha256_of(data), media_type, lines, pages, len(page_texts), len(data), path)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); other encodings only where detection is confident."""
    if b"\x00" in data[:8192]:
        raise SourceError("binary file, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_detected(data)
    if _control_ratio(text) > 0.01:
        raise SourceError("binary file, not text (control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_detected(data: bytes) -> str:
    """Older council exports are Windows-1252; anything the detector is less sure of is refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # English text in any single-byte Western or Central European code page reads the same as
    # Windows-1252 (the detector cannot tell them apart on English words), so 1252 is used.
    if best is not None and best.encoding.startswith(("cp125", "latin", "iso8859", "windows")):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return str(best)
    found = f" (looks like {best.encoding})" if best else ""
    raise SourceError(f"not UTF-8 text and the encoding could not be recognised{found}")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(sample), 1)
