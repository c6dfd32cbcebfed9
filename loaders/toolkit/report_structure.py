"""Structure shared by Ofsted's numbered-paragraph reports: headings, numbered paragraphs, judgement tables.

SIF reports (2013–2018), LSCB reviews, looked-after-children inspections and ILACS reports
are all written the same way: headings (which may wrap over several lines in a PDF), then
paragraphs numbered in one running sequence, each of which may be broken by a page break
or wrapped over many lines. This module turns a :class:`SourceText` into:

- :func:`prepared_lines`: the lines with artefacts removed (markup, footnote glyphs, footnote
  blocks at page ends, curly quotes), so text and PDF of one report read the same;
- :func:`find_headings`: where each known heading starts and ends (line numbers);
- :func:`numbered_paragraphs`: numbered paragraphs between two lines, continuations joined;
- :func:`judgement_rows`: "1. Children who need help and protection  Requires improvement" rows.

Line numbers are 1-based, as in ``SourceText`` (``lines[0]`` is line 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from safeguarding_kg.loaders.toolkit.paragraphs import FOOTNOTE_DEPTH
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.text import clean, fold, strip_markup, without_footnote_marks

# Typographic variants that differ between a PDF and a text export of the same report.
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"'})
# A footnote's own line: "¹ Ofsted produces…" (text exports keep the superscript).
_SUPERSCRIPT_FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
# In a PDF a footnote block starts at a page's foot with its bare number: "2" or "1 Ofsted produces…".
_PDF_FOOTNOTE_START = re.compile(r"^\s*(\d{1,2})(?:\s+[A-Z‘'\"(].*)?\s*$")
# A paragraph number: "12. Text", or "12 Text" when the full stop was lost.
_NUMBER_START = re.compile(r"^\s*(\d{1,3})(\.?)\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?:;)\"']\s*$")
_ONLY_PUNCTUATION = re.compile(r"^[\W_]+$")


def normalise_line(line: str) -> str:
    """Artefacts out of one line: markup, superscript footnote glyphs, curly quotes, odd spaces."""
    line = without_footnote_marks(strip_markup(line)).translate(_QUOTES)
    return line.replace("\u00a0", " ").replace("\u00ad", "").rstrip()


def prepared_lines(source: SourceText) -> list[str]:
    """The source's lines, normalised, with footnote text blanked (line numbers kept).

    Footnote references glued to words in a PDF ("Board1") are removed where the same page
    has footnote number 1 at its foot; text exports mark them with superscripts, which
    :func:`normalise_line` drops, so both read "Board".
    """
    lines = [normalise_line(line) for line in source.lines]
    footnotes_by_page: dict[int | None, set[str]] = {}
    for index, raw in enumerate(source.lines):
        if _SUPERSCRIPT_FOOTNOTE.match(raw):
            lines[index] = ""
    if source.pages is not None:
        for first, last in _pdf_footnote_blocks(lines, source.pages):
            page = source.pages[first]
            start = _PDF_FOOTNOTE_START.match(lines[first])
            footnotes_by_page.setdefault(page, set()).add(start.group(1) if start else "")
            for index in range(first, last + 1):
                number = re.match(r"^\s*(\d{1,2})\b", lines[index])
                if number:
                    footnotes_by_page[page].add(number.group(1))
                lines[index] = ""
        for index, line in enumerate(lines):
            numbers = footnotes_by_page.get(source.pages[index])
            if numbers:
                lines[index] = _unglue_footnote_marks(line, numbers)
    return lines


def _pdf_footnote_blocks(lines: list[str], pages: list[int]) -> list[tuple[int, int]]:
    """(first, last) 0-based indexes of footnote blocks: a line starting with a small number, up to
    the page's end, set off by a blank line inside the page (PDFium marks the gap above a footnote)
    or among the page's last few lines (other extractors mark no gap, or mark every paragraph's).
    (ILACS reports and letters find theirs among a page's last lines with
    ``paragraphs.footnote_lines``, a rule fitted to those templates.)"""
    blocks: list[tuple[int, int]] = []
    page_foot = _page_foot_lines(lines, pages)
    index = 1
    while index < len(lines):
        same_page_blank = not lines[index - 1].strip() and index - 1 > 0 and pages[index - 1] == pages[index] \
            and pages[index - 2] == pages[index]
        if (same_page_blank or index in page_foot) and _PDF_FOOTNOTE_START.match(lines[index]):
            last = index
            while last + 1 < len(lines) and pages[last + 1] == pages[index] and lines[last + 1].strip():
                last += 1
            # A block that runs to the page end (ignoring its trailing blank line) is a footnote.
            after = last + 1
            while after < len(lines) and pages[after] == pages[index] and not lines[after].strip():
                after += 1
            if after >= len(lines) or pages[after] != pages[index] or _PDF_FOOTNOTE_START.match(lines[after]):
                while after < len(lines) and pages[after] == pages[index] and lines[after].strip():
                    after += 1
                blocks.append((index, max(last, after - 1)))
                index = after
                continue
        index += 1
    return blocks


def _page_foot_lines(lines: list[str], pages: list[int]) -> set[int]:
    """Indexes of the last few non-blank lines of each page, where a footnote may start."""
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.strip():
            by_page.setdefault(pages[index], []).append(index)
    return {index for indexes in by_page.values() for index in indexes[-FOOTNOTE_DEPTH:]}


def _unglue_footnote_marks(line: str, numbers: set[str]) -> str:
    """ "Board1" -> "Board" for the page's footnote numbers: after a letter or closing bracket (see
    ``paragraphs.without_glued_markers`` for the ILACS rule, which differs)."""
    for number in sorted(numbers, key=len, reverse=True):
        if number:
            line = re.sub(r"(?<=[A-Za-z)])" + number + r"(?=[\s.,;:)]|$)", "", line)
    return line


def join_lines(parts: Iterable[str]) -> str:
    """Lines of one paragraph as one string. A line ending in a hyphen or dash after a letter or
    digit ("family-", "2015–") continues the word on the next line: Ofsted's reports are not
    hyphenated automatically, so the hyphen is wording and is kept."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text and re.search(r"[A-Za-z0-9][-–]$", text) and re.match(r"[A-Za-z0-9]", part):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return clean(text)


# --------------------------------------------------------------------------- headings


@dataclass(frozen=True)
class HeadingRule:
    key: str
    #: Matched against the folded text of one to four consecutive lines (whole match).
    pattern: re.Pattern[str]


def rule(key: str, pattern: str) -> HeadingRule:
    return HeadingRule(key, re.compile(pattern))


@dataclass
class Heading:
    key: str
    line: int  # first line (1-based)
    last_line: int
    text: str  # as written, lines joined
    match: re.Match[str] = field(repr=False, compare=False)


def find_headings(lines: Sequence[str], rules: Sequence[HeadingRule], start: int = 1,
                  end: int | None = None, max_lines: int = 4, anywhere: bool = False) -> list[Heading]:
    """Headings between lines ``start`` and ``end``; a heading wrapped over up to ``max_lines``
    consecutive non-blank lines is found whole (the longest match wins). ``anywhere``: a heading may
    follow an unfinished line (a bullet list without a full stop); for wordings no sentence has."""
    end = len(lines) if end is None else end
    found: list[Heading] = []
    number = start
    while number <= end:
        best: Heading | None = None
        parts: list[str] = []
        if not (anywhere and lines[number - 1].strip()[:1].isupper()) and not _may_start_heading(lines, number, found):
            number += 1
            continue
        for count in range(max_lines):
            index = number - 1 + count
            if index >= end or not lines[index].strip() or _ONLY_PUNCTUATION.match(lines[index].strip()):
                break
            parts.append(lines[index].strip())
            folded = fold(" ".join(parts))
            for heading_rule in rules:
                m = heading_rule.pattern.fullmatch(folded)
                if m:
                    best = Heading(heading_rule.key, number, number + count, clean(" ".join(parts)), m)
                    break
        if best:
            found.append(best)
            number = best.last_line + 1
        else:
            number += 1
    return found


def _may_start_heading(lines: Sequence[str], number: int, found: list[Heading]) -> bool:
    """A heading starts with a capital, after a blank line, a finished sentence or another heading;
    so "the local authority." wrapped at the end of a paragraph is not the heading "The local authority"."""
    line = lines[number - 1].strip()
    if not line or not (line[0].isupper() or line[0].isdigit()):
        return False
    previous = lines[number - 2].strip() if number >= 2 else ""
    after_heading = bool(found) and found[-1].last_line == number - 1
    heading_like = len(previous.split()) <= 6 and previous[:1].isupper()  # "Key judgement Judgement grade"
    return not previous or after_heading or heading_like or bool(_SENTENCE_END.search(previous))


# --------------------------------------------------------------------------- numbered paragraphs


@dataclass
class Paragraph:
    number: int
    line: int  # where the number is
    parts: list[str]
    continuation_lines: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.parts)


def paragraph_start(lines: Sequence[str], index: int, expected: int | None) -> int | None:
    """The paragraph number starting 0-based line ``index``, or None.

    Guards against the traps: a number that is not the next in sequence ("12 children…" or a
    wrapped "2014–\\n15."), and a number whose full stop was lost unless the previous line ended
    a sentence and the text after it starts with a capital.
    """
    line = lines[index]
    m = _NUMBER_START.match(line)
    if not m:
        return None
    number = int(m.group(1))
    previous = next((lines[i] for i in range(index - 1, -1, -1)
                     if lines[i].strip() and not _ONLY_PUNCTUATION.match(lines[i].strip())), "")
    if re.search(r"\w[-–/]$", previous.strip()):
        return None
    rest = line[m.end():]
    if expected is None:
        return number if m.group(2) and rest[:1].isupper() else None
    if number == expected:
        if m.group(2):
            return number
        return number if rest[:1].isupper() and _SENTENCE_END.search(previous) else None
    # One or two numbers skipped by the report itself: accept only a clean "N. Capital" start.
    if expected < number <= expected + 2 and m.group(2) and rest[:1].isupper() and _SENTENCE_END.search(previous):
        return number
    return None


def numbered_paragraphs(lines: Sequence[str], first: int, last: int, expected: int | None,
                        stop_at: Iterable[int] = ()) -> list[Paragraph]:
    """Numbered paragraphs on lines ``first``..``last`` (1-based). Lines after a paragraph that
    start no new paragraph continue it (wrapped lines, page-break continuations); text before
    the first paragraph is not a paragraph. ``stop_at`` lines end the current paragraph.

    The SIF-era rules (SIF, LSCB, LAC), see :func:`paragraph_start`: the numbering runs through the
    whole report and the reports themselves skip a number now and then. ILACS reports and letters
    are read by ``paragraphs.numbered_items``, whose sequence is strict; the two are kept apart
    because either set of rules changes the other template's paragraphs."""
    stops = set(stop_at)
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    for number in range(first, last + 1):
        index = number - 1
        line = lines[index]
        if number in stops:
            current = None
            continue
        if not line.strip() or _ONLY_PUNCTUATION.match(line.strip()):
            continue
        start = paragraph_start(lines, index, expected)
        if start is not None:
            m = _NUMBER_START.match(line)
            current = Paragraph(start, number, [line[m.end():]] if m else [line])
            paragraphs.append(current)
            expected = start + 1
        elif current is not None:
            if not lines[index - 1].strip():
                current.continuation_lines.append(number)
            current.parts.append(line)
    return paragraphs


# --------------------------------------------------------------------------- judgement tables

_GRADE = re.compile(r"(requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|adequate|inadequate)"
                    r"(?=\s*$)", re.IGNORECASE)
_ROW_START = re.compile(r"^\s*(\d(?:\.\d)?)\.?\s+(\S.*)$")


@dataclass
class JudgementRow:
    number: str
    area_text: str
    grade_text: str
    line: int


def judgement_rows(lines: Sequence[str], first: int, last: int) -> list[JudgementRow]:
    """Rows "N. Area  Grade" of a judgement table on lines ``first``..``last``. A row's area and
    grade may wrap ("2. Children looked after and achieving" / "permanence" / "Requires" /
    "improvement"); a row ends at its grade."""
    rows: list[JudgementRow] = []
    pending: tuple[str, int, list[str]] | None = None
    for number in range(first, last + 1):
        line = lines[number - 1].replace("\t", " ").strip()
        if not line:
            continue
        start = _ROW_START.match(line)
        if start and (pending is None or not pending[2]):
            pending = (start.group(1), number, [start.group(2)])
        elif pending is not None:
            pending[2].append(line)
        else:
            continue
        joined = " ".join(pending[2])
        grade = _GRADE.search(joined)
        if grade:
            rows.append(JudgementRow(pending[0], clean(joined[: grade.start()]), clean(grade.group(1)), pending[1]))
            pending = None
    return rows


def unnumbered_judgement_rows(lines: Sequence[str], first: int, last: int,
                              area_of: Callable[[str], object | None]) -> list[JudgementRow]:
    """Rows "Area  Grade" of a judgement table whose rows carry no number (the 2009–2013
    "Record of main findings"), on lines ``first``..``last``. A row ends at its grade; an area
    may wrap over lines ("Outcomes for looked after children" / "and young people" / "Inadequate").
    Lines above a row that are not part of it (a group label such as "Services for looked after
    children") are told apart by ``area_of``: the row's area is the shortest run of lines ending
    at the grade whose text ``area_of`` recognises; failing that, every line since the last row
    (the caller then reports the unrecognised area). ``number`` is "" for these rows."""
    rows: list[JudgementRow] = []
    pending: list[tuple[int, str]] = []
    for number in range(first, last + 1):
        line = clean(lines[number - 1].replace("\t", " "))
        if not line:
            continue
        pending.append((number, line))
        grade = _GRADE.search(line)
        if not grade:
            continue
        grade_text = clean(grade.group(1))
        texts = [text for _, text in pending[:-1]] + [clean(line[: grade.start()])]
        chosen = 0
        for start in range(len(pending) - 1, -1, -1):
            if area_of(clean(" ".join(texts[start:]))):
                chosen = start
                break
        area_text = clean(" ".join(texts[chosen:]))
        if area_text:
            rows.append(JudgementRow("", area_text, grade_text, pending[chosen][0]))
        pending = []
    return rows


def column_judgement_rows(lines: Sequence[str], first: int, last: int,
                          area_of: Callable[[str], object | None]) -> list[JudgementRow]:
    """Rows of an unnumbered judgement table laid out as two columns one after the other: every
    area, then every grade ("Overall effectiveness" / "Capacity to improve" / … / "Inadequate" /
    "Inadequate" / …), as some copies of the 2013 "Record of main findings" give it. Empty unless
    the table has that layout: a run of two or more lines that are only a grade, after as many
    areas (a line ``area_of`` recognises starts an area, an unrecognised one continues it, and
    one before any area, a group label, is left out)."""
    numbered = [(n, clean(lines[n - 1].replace("\t", " "))) for n in range(first, last + 1)]
    numbered = [(n, text) for n, text in numbered if text]
    only_grade = [bool(_GRADE.fullmatch(text)) for _, text in numbered]
    start = next((i for i in range(len(numbered) - 1) if only_grade[i] and only_grade[i + 1]), None)
    if start is None:
        return []
    end = start
    while end < len(numbered) and only_grade[end]:
        end += 1
    areas: list[list[tuple[int, str]]] = []
    for n, text in numbered[:start]:
        if area_of(text):
            areas.append([(n, text)])
        elif areas:
            areas[-1].append((n, text))
    grades = numbered[start:end]
    if len(areas) != len(grades):
        return []
    return [JudgementRow("", clean(" ".join(t for _, t in area)), grade, area[0][0])
            for area, (_, grade) in zip(areas, grades, strict=True)]
