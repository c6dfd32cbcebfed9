"""Reading a source file into lines of text, keeping line and page numbers for provenance.

Text (.txt, .md), PDF and Word (.docx) files all become a :class:`SourceText`: a list of
lines, each with the 1-based page it came from where the format has pages. Loaders parse
lines; provenance (``sg:sourceLine``, ``sg:sourcePage``) points back into this text.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import os
import stat
from collections.abc import Callable
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


def _named_reader_errors(read: Callable[..., SourceText]) -> Callable[..., SourceText]:
    """Whatever a format's library raises on a damaged file becomes a :class:`SourceError` naming the
    format and what went wrong, so a reader's failure is never reported as an internal error."""

    @functools.wraps(read)
    def reading(path: Path, data: bytes | None = None) -> SourceText:
        try:
            return read(path, data)
        except SourceError:
            raise
        except MemoryError as e:
            raise SourceError(f"{_kind(path)} too large to read in memory") from e
        except RecursionError as e:
            raise SourceError(f"damaged {_kind(path)}: nested too deeply to read") from e
        except Exception as e:  # a library's own error on a damaged file: named, in the library's words
            raise SourceError(f"damaged {_kind(path)}, cannot be read ({e.__class__.__name__}: {e})") from e

    return reading


def _kind(path: Path) -> str:
    return {".pdf": "PDF", ".docx": "Word document", ".html": "HTML page", ".htm": "HTML page",
            ".xlsx": "Excel workbook", ".ods": "OpenDocument spreadsheet"}.get(path.suffix.lower(), "file")


@_named_reader_errors
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
    """The bytes of a regular file; anything else (a pipe, a device, a socket, a folder, a broken
    link) raises :class:`SourceError` naming what it is, without ever waiting on it.

    The file is opened non-blocking and checked on its open descriptor, so a named pipe is never
    waited on and a file swapped for something else between listing and reading is still caught.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise SourceError(_open_failure(path, e)) from e
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"not a regular file ({special_file_kind(info.st_mode)}); only files are read")
        if info.st_size > MAX_FILE_BYTES:
            raise SourceError(f"file too large ({info.st_size / 2**20:.0f} MiB; "
                              f"the limit is {MAX_FILE_BYTES // 2**20} MiB)")
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read()
    except OSError as e:
        raise SourceError(f"cannot read file: {e.strerror or e}") from e
    finally:
        os.close(fd)


def special_file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words: "named pipe", "socket"…"""
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")]
    return next((name for test, name in kinds if test(mode)), "not a file")


def _open_failure(path: Path, error: OSError) -> str:
    """Why a path cannot be opened, telling a broken or looping symbolic link from a missing file."""
    import errno

    if error.errno == errno.ELOOP:
        return "symbolic link loop (the link points back to itself)"
    if error.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link (points to {os.readlink(path)}, which does not exist)"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ENXIO:
        return "not a regular file (a socket or a device with nothing behind it); only files are read"
    return f"cannot read file: {error.strerror or error}"


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


#: Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def decode_text(data: bytes) -> str:
    """UTF-8, or UTF-16/32 with a byte-order mark (or UTF-16 of plain text without one); other
    encodings only where detection is confident."""
    text = _decode_marked(data)
    if text is None:
        if b"\x00" in data[:8192]:
            raise SourceError("binary file, not text (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_detected(data)
    if _control_ratio(text) > 0.01:
        raise SourceError("binary file, not text (control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_marked(data: bytes) -> str | None:
    """Text whose encoding its first bytes say: a byte-order mark, or UTF-16 without one (every
    other byte NUL, as plain English text is in UTF-16); None when they say nothing."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        encoding = _unmarked_utf16(data[:4096])
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise SourceError(f"damaged {encoding.upper().removesuffix('-SIG')} text (invalid bytes at {e.start})") from e


def _unmarked_utf16(head: bytes) -> str | None:
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2], head[1::2]
    if len(head) < 16:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _decode_detected(data: bytes) -> str:
    """Older council exports are Windows-1252; anything the detector is less sure of is refused."""
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
