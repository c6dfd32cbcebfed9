"""Text normalisation shared by every genre: extraction artefacts out, wording kept.

Seeds and real exports carry artefacts of the tools that made them: ``<p>``/``<i>`` tags
and ``**`` around words, glyph bullets, words hyphenated at line ends, paragraphs split
by page breaks. Everything here removes such artefacts and nothing else: what a document
says is copied as it says it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_TAGS = re.compile(r"</?(?:p|i|b|em|strong|u|br|span|sup|sub)\b[^>]*>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*")
# Bullet glyphs, including the private-use ones PDF fonts map Symbol/Wingdings bullets to.
_BULLET = re.compile(r"^\s*(?:[•●▪■◦○·‣⁃∙–\-*]|[\ue000-\uf8ff])\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_FOOTNOTE_GLYPHS = str.maketrans("", "", "¹²³⁴⁵⁶⁷⁸⁹⁰")
WORD = re.compile(r"\S+")


def display_name(file_name: str) -> str:
    """A file name as text that can be stored and printed: bytes that are not UTF-8 (kept by
    Python as surrogate escapes) become U+FFFD; every other name is returned unchanged."""
    return file_name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def strip_markup(line: str) -> str:
    """Remove stray HTML tags and markdown bold markers, keeping the words between them."""
    return _BOLD.sub("", _TAGS.sub("", line))


def strip_bullet(line: str) -> str:
    """ "- Text", "• Text" or "\uf0b7 Text" -> "Text"."""
    return _BULLET.sub("", line, count=1)


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def clean(text: str) -> str:
    """One tidy string for ``sg:text``: markup gone, whitespace folded, line-end hyphens joined."""
    text = unicodedata.normalize("NFC", strip_markup(text)).replace("\u00ad", "")
    text = join_hyphenated(text)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def join_hyphenated(text: str) -> str:
    """Join a line that ends in a hyphen to the next without a space, keeping the hyphen.

    Ofsted and council documents are set ragged-right, so a hyphen at a line end is a
    compound's own ("multi-\\nagency", "decision-\\nmaking", "2015-\\n16"): every one in the
    sample PDFs was. Hyphens the typesetter added come as soft hyphens, dropped in ``clean``.
    """
    return re.sub(r"(?<=\w)([-–])\n\s*(?=\w)", r"\1", text)


def without_footnote_marks(text: str) -> str:
    """Superscript footnote digits glued to words ("Board¹") are references, not wording."""
    return text.translate(_FOOTNOTE_GLYPHS)


def words_start(text: str, count: int = 12) -> str:
    """The first ``count`` words: how the gold readings and error messages quote an item."""
    return " ".join(WORD.findall(text)[:count])


_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase letters and digits only, single-spaced: for comparing headings and names."""
    text = unicodedata.normalize("NFKD", text).replace("’", "'").lower()
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", text).split())


def first_match(lines: Sequence[str], pattern: re.Pattern[str], start: int, stop: int,
                span: int = 2) -> tuple[int, int] | None:
    """(first, last) 0-based indexes of the first place ``pattern`` matches one line, or up to ``span``
    lines joined with a space: a table header or label one extractor prints on one line ("Judgement
    Grade") and another on two, cell by cell."""
    for index in range(start, min(stop, len(lines))):
        joined = ""
        for last in range(index, min(index + span, len(lines))):
            if not lines[last].strip():
                break
            joined = f"{joined} {lines[last].strip()}".strip()
            if pattern.match(joined):
                return index, last
    return None
