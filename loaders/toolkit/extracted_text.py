"""Text another tool extracted from a PDF, read back into the page layout the PDF reader gives.

Users hold reports as text from many extractors: poppler's ``pdftotext`` (plain or ``-layout``),
pdfplumber, pypdf, PyMuPDF, a select-all copy from a browser's PDF viewer. Each lays the same page
out differently, and the loaders read one layout, the PDF reader's: one printed line per line, no
blank line inside a page, a blank line between pages, running headers and footers and page numbers
removed. Turning every extractor's text into that layout here, once, is what lets every loader read a
report the same whatever made its text:

- **pages**: split at form feeds (poppler and PyMuPDF write them); where the extractor wrote none,
  at the page furniture itself — lines that recur through the document at page intervals (running
  headers and footers, digits ignored) and the run of page numbers counting up through it;
- **padded columns** (``-layout``): indentation dropped and runs of spaces made one space, so a
  judgement table row reads "area grade" as in the PDF reading;
- **blank lines inside a page** dropped: extractors mark paragraph gaps, the PDF reader does not
  (a loader takes a blank line for a page break);
- **lines poppler merged** to take out a line-end hyphen ("decision-" + "making" printed as
  "decisionmaking" on one over-long line) are split back with the hyphen restored, where the
  document itself shows the hyphenated word or both halves as words;
- **cells and markers in reading order**: a paragraph number, bullet, footnote number or contents
  page number set on a line of its own rejoins its text; a front-page label its value; a judgement
  grade set beside the middle of a wrapped area cell goes after the whole area;
- then the page cleaning and running-line removal PDFs get (:mod:`pages`): ligatures, soft hyphens,
  glyph bullets (U+F06E, U+F0B7, ◼, •, …) as "- ", control characters, trailing spaces.

docs/any-text.md has the table of which extractor needs which step, and the harness that checks it.

Text with no form feed, no page furniture and no printed line width (a paragraph a line: a seed,
a file typed or cleaned by hand) is not extractor page text: :func:`extracted_pages` returns None
and it is read as it is.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from safeguarding_kg.loaders.toolkit.judgement_terms import GRADES
from safeguarding_kg.loaders.toolkit.pages import clean_page, page_line_key, strip_running_lines
from safeguarding_kg.loaders.toolkit.paragraphs import FOOTNOTE_DEPTH

# Running lines recur once a page: occurrences usually this many non-blank lines apart (the median
# gap), never fewer than _MIN_PAGE_LINES (a page can be short: a section's end, a contents page).
_PAGE_SPACING = 12
_MIN_PAGE_LINES = 3
# A running line recurs on this many pages at least.
_MIN_RECURRENCE = 3
# Longer lines are body text, never a running header or footer.
_MAX_FURNITURE_CHARS = 160
# A text of printed lines: at least this many, the usual full one no longer than a page's line.
_MIN_WRAPPED_LINES = 20
_MAX_PRINTED_LINE = 120
# How many non-blank lines from a page number the rest of its header or footer may be.
_CLUSTER = 3
# How many lines at the top of page 1 are its title, never a running header.
_TITLE_LINES = 3
_BARE_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?(\d{1,3})(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
# A line this many characters longer than the document's usual full line holds printed lines poppler merged.
_MERGED_MARGIN = 12
# ... and a line this much longer shows that the text is poppler's, with merges to split back.
_MERGED_LINE_RATIO = 1.3
# How far a printed line's end may stray past the usual full line (the 90th percentile of lengths).
_RAGGED = 8
_GRADE = "|".join(pattern for _, pattern in GRADES).replace(" ", r"\s+")
_ONLY_GRADE = re.compile(rf"^(?:{_GRADE})$", re.IGNORECASE)
_ENDS_WITH_GRADE = re.compile(rf"^(?P<area>.*?[a-z,])\s+(?P<grade>{_GRADE})$", re.IGNORECASE)
# The second line of a wrapped area cell: short, lowercase, no sentence end ("and families").
_CELL_CONTINUATION = re.compile(r"^[a-z][^.!?;:]{0,40}$")
# A judgement table row's area on one line: "Overall effectiveness", "2. Children looked after …".
_AREA_ROW = re.compile(r"^(?:\d(?:\.\d)?\.?\s+)?[A-Z][^.!?;:]{0,80}$")
# A header block's label alone on its line ("Inspection dates:"), and a value short enough to be its.
_LABEL = re.compile(r"^[A-Z][A-Za-z ’']{2,30}:$")
_HEADER_VALUE = re.compile(r"^[^:]{1,40}$")
# A paragraph number or a bullet on a line of its own.
_LONE_MARKER = re.compile(r"^(?:[-–•●▪■◼◾◦‣⁃∙]|[\ue000-\uf8ff])$")
_LONE_NUMBER = re.compile(r"^(\d{1,3})\.$")
_NUMBERED = re.compile(r"^(\d{1,3})\.\s")
# A full line of prose that stops mid-sentence: the number on the next line is its last word.
_RUNS_ON = re.compile(r"^.{69,}[A-Za-z,]$")
# How many entries with their page numbers make a contents page.
_MIN_CONTENTS_ENTRIES = 4
# A footnote's first line after its number: a capital, and a full line (a contents entry is short).
_FOOTNOTE_TEXT = re.compile(r"^[A-Z].{59,}$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


def extracted_pages(text: str) -> tuple[list[str], bool] | None:
    """The text's pages in the PDF reader's layout, and whether the page breaks were the extractor's own.

    None when the text is no extractor's page text: no form feed and not a page's printed lines.
    """
    if "\f" in text:
        raw_pages = text.split("\f")
        if raw_pages and not raw_pages[-1].strip():
            raw_pages.pop()
        from_extractor = True
    else:
        lines = text.split("\n")
        if not _wrapped(lines):
            return None  # a paragraph a line: not a page's printed lines, whatever recurs in it
        raw_pages = _pages_from_furniture(lines) or ["\n".join(lines)]
        from_extractor = False
    pages = _paragraph_numbers_rejoined([_unpadded(clean_page(page)) for page in raw_pages])
    if pages:
        pages[0] = _labels_with_values(pages[0])  # the front page's dated header block
    pages = _split_merged_lines([_grades_after_their_area(lines) for lines in pages])
    pages = [_footnote_numbers_rejoined(_contents_numbers_rejoined(lines)) for lines in strip_running_lines(pages)]
    return ["\n".join(lines) for lines in pages], from_extractor


def _unpadded(lines: list[str]) -> list[str]:
    """Indentation and column padding gone, blank lines gone, a bullet set in its own column put
    back before its text: one printed line per line."""
    out: list[str] = []
    marker = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if _LONE_MARKER.match(line):
            marker = f"{marker} {line}".strip()
            continue
        out.append(f"{marker} {line}" if marker else line)
        marker = ""
    return [*out, marker] if marker else out


def _contents_numbers_rejoined(lines: list[str]) -> list[str]:
    """A contents page's page numbers back at the end of their entries ("Recommendations" / "8" ->
    "Recommendations 8"), as the PDF reading has them: a run of at least four bare numbers, never
    falling, each after one or two lines of entry."""
    numbers = [i for i, line in enumerate(lines) if re.fullmatch(r"\d{1,3}", line)]
    run: list[int] = []
    runs: list[list[int]] = []
    for i in numbers:
        if run and 1 <= i - run[-1] - 1 <= 2 and int(lines[i]) >= int(lines[run[-1]]):
            run.append(i)
        else:
            runs.append(run)
            run = [i] if i > 0 and not re.fullmatch(r"\d{1,3}", lines[i - 1]) else []
    runs.append(run)
    glued = {i for run in runs if len(run) >= _MIN_CONTENTS_ENTRIES for i in run}
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in glued and out:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _labels_with_values(lines: list[str]) -> list[str]:
    """The front page's header block with each label on its value's line, as the PDF reading has it:
    "Inspection dates:" / "8 – 12 July 2013" -> "Inspection dates: 8 – 12 July 2013", and labels
    an extractor lists before their values ("Age group:" / "Published:" / "All" / "16 August 2013")
    paired in order."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        labels = 0
        while i + labels < len(lines) and _LABEL.match(lines[i + labels]):
            labels += 1
        values = lines[i + labels : i + 2 * labels]
        if labels and len(values) == labels and all(_HEADER_VALUE.match(v) for v in values):
            out.extend(f"{label} {value}" for label, value in zip(lines[i : i + labels], values, strict=True))
            i += 2 * labels
        else:
            out.append(lines[i])
            i += 1
    return out


def _paragraph_numbers_rejoined(pages: list[list[str]]) -> list[list[str]]:
    """A paragraph number set in its own column ("104." above "With a clear …") put back before its
    text, where it is the number that comes next (or a first 1.): a line of prose that runs on to a
    number ("… at Key Stage" / "4.") keeps it."""
    last = 0
    out = []
    for lines in pages:
        kept: list[str] = []
        i = 0
        while i < len(lines):
            m = _LONE_NUMBER.match(lines[i])
            runs_on = bool(kept) and bool(_RUNS_ON.search(kept[-1]))  # "… at Key Stage" / "4."
            if m and i + 1 < len(lines) and (int(m[1]) == 1 or (int(m[1]) == last + 1 and not runs_on)):
                kept.append(f"{lines[i]} {lines[i + 1]}")
                last = int(m[1])
                i += 2
                continue
            if n := _NUMBERED.match(lines[i]):
                last = int(n[1]) if int(n[1]) in (1, last + 1) else last
            kept.append(lines[i])
            i += 1
        out.append(kept)
    return out


def _footnote_numbers_rejoined(lines: list[str]) -> list[str]:
    """A footnote's number set on its own line at a page's foot put back before its text ("1" /
    "The areas for improvement …" -> "1 The areas …"), and a reference to it after its word, as
    the PDF reading has them. Page numbers are
    gone by now; a contents entry's number is followed by a short line, not a full one."""
    out = list(lines)
    foot = max(0, len(out) - FOOTNOTE_DEPTH)
    for i in range(1, len(out) - 1):
        if not re.fullmatch(r"\d", out[i]):
            continue
        if i >= foot and _FOOTNOTE_TEXT.match(out[i + 1]):
            out[i : i + 2] = [f"{out[i]} {out[i + 1]}", ""]
        elif re.search(r"[a-z]$", out[i - 1]) and out[i + 1][:1].isupper():
            # A footnote reference a viewer copies on a line of its own (its own baseline), glued
            # back to its word as the PDF reading has it: "Board" / "1" -> "Board1".
            out[i - 1 : i + 1] = [out[i - 1] + out[i], ""]
    return [line for line in out if line]


# --------------------------------------------------------------------------- judgement table cells


def _grades_after_their_area(lines: list[str]) -> list[str]:
    """A judgement table's grade after the whole of its area, as the PDF reading gives it.

    When an area cell wraps, extractors set the grade cell beside the line they think its middle:
    "…with children" / "Outstanding" / "and families" (pdfplumber), "…with children Requires
    improvement" / "and families to be good", or a two-line grade around a one-line area: "Requires
    improvement" / "Overall effectiveness" / "to be good", "Requires" / "2. Children looked after …"
    / "improvement". Each becomes "…with children" / "and families Outstanding" and so on.
    """
    out = list(lines)
    i = 0
    while i + 1 < len(out):
        line, after = out[i], out[i + 1]
        if _CELL_CONTINUATION.match(after):
            rest, tail = _without_to_be_good(after)
            if _ONLY_GRADE.match(line):
                out[i : i + 2] = [" ".join(filter(None, (rest, line, tail)))]
                continue  # the joined line may hold a grade that has further to go
            if m := _ENDS_WITH_GRADE.match(line):
                out[i : i + 2] = [m["area"], " ".join(filter(None, (rest, m["grade"], tail)))]
        elif i + 2 < len(out) and _AREA_ROW.match(after) and _ONLY_GRADE.match(f"{line} {out[i + 2]}") \
                and not _ONLY_GRADE.match(out[i + 2]):
            # A two-line grade cell beside a one-line area: "Requires" / "<area>" / "improvement".
            out[i : i + 3] = [f"{after} {line}", out[i + 2]]
        i += 1
    return out


def _without_to_be_good(line: str) -> tuple[str, str]:
    if line.casefold().endswith("to be good"):
        return line[: -len("to be good")].strip(), line[-len("to be good") :]
    return line, ""


# --------------------------------------------------------------------------- pages without form feeds


def _wrapped(lines: list[str]) -> bool:
    """Whether the text keeps a page's printed lines (most lines near one width, a page's), as every
    extractor does, rather than a paragraph a line as a typed or cleaned text does."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < _MIN_WRAPPED_LINES:
        return False
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for length in lengths if 0.6 * width <= length <= 1.05 * width)
    return width <= _MAX_PRINTED_LINE and near >= 0.5 * len(lengths)


def _pages_from_furniture(lines: list[str]) -> list[str] | None:
    """Cut the text into pages where its running lines and page numbers are; None if it has none."""
    body = [i for i, line in enumerate(lines) if line.strip()]
    running, numbered = _running_line_indexes(lines, body)
    numbers = _page_number_indexes(lines, body, set().union(*numbered) if numbered else set())
    if not numbers:
        return None  # headings recur in any long text; pages show by their numbers counting up
    # A recurring line is furniture where it keeps to the page numbers: a heading repeated in the
    # body ("Grade 4 (inadequate)" under every graded section) does not.
    rank = {index: n for n, index in enumerate(body)}
    near = {rank[i] + d for i in numbers for d in range(-_CLUSTER, _CLUSTER + 1)}
    furniture = set(numbers)
    for indexes in running:
        # On half the pages at least, as pages.py asks of running lines: a section heading that
        # starts a few pages ("Inspection findings") is not on most of them.
        if 2 * sum(rank[i] in near for i in indexes) >= len(indexes) and 2 * len(indexes) >= len(numbers):
            furniture.update(indexes)
    pages: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if i in furniture:
            if pages[-1]:
                pages.append([])
        else:
            pages[-1].append(line)
    return ["\n".join(page) for page in pages if any(line.strip() for line in page)]


def _running_line_indexes(lines: Sequence[str], body: list[int]) -> tuple[list[set[int]], list[set[int]]]:
    """Lines whose wording (digits ignored) recurs through the document at page intervals, one set
    per wording, and those of them that carry the page number (their last number counts up by one
    page to page)."""
    rank = {index: n for n, index in enumerate(body)}
    where: dict[str, list[int]] = defaultdict(list)
    for i in body:
        # A grade alone on a line recurs at the top of graded sections: wording, never furniture.
        if len(lines[i].strip()) <= _MAX_FURNITURE_CHARS and not _ONLY_GRADE.match(lines[i].strip()):
            where[page_line_key(lines[i])].append(i)
    found: list[set[int]] = []
    numbered: list[set[int]] = []
    # The top of page 1 is the title even where later pages repeat it as their header (pages.py).
    title = set(body[:_TITLE_LINES])
    for key, indexes in where.items():
        if key in ("", "#") or len(indexes) < _MIN_RECURRENCE:
            continue
        gaps = sorted(rank[b] - rank[a] for a, b in pairwise(indexes))
        if gaps[0] >= _MIN_PAGE_LINES and gaps[len(gaps) // 2] >= _PAGE_SPACING:
            found.append(set(indexes) - title)
            if _counts_up([lines[i] for i in indexes]):
                numbered.append(set(indexes))
    return found, numbered


def _counts_up(lines: list[str]) -> bool:
    """Whether the last number of each line goes up by one from each line to the next."""
    numbers = [int(found[-1]) if (found := re.findall(r"\d+", line)) else None for line in lines]
    return None not in numbers and all(b == a + 1 for a, b in pairwise(numbers))


def _page_number_indexes(lines: Sequence[str], body: list[int], numbered: set[int]) -> set[int]:
    """The longest run of page numbers counting up by one, a page apart: bare numbers ("7", "Page 7
    of 9") and the running lines that carry theirs (``numbered``), mixed as a document mixes them
    (page 1's bare "1", then "Inspection report 2" …)."""
    rank = {index: n for n, index in enumerate(body)}
    chains: dict[int, list[int]] = {}  # line index -> the chain of page-number lines ending there
    by_value: dict[int, list[int]] = defaultdict(list)
    for i in body:
        m = _BARE_PAGE_NUMBER.match(lines[i])
        if not m and i not in numbered:
            continue
        value = int(m.group(1) if m else re.findall(r"\d+", lines[i])[-1])
        before = [chains[j] for j in by_value[value - 1] if rank[i] - rank[j] >= _MIN_PAGE_LINES]
        chains[i] = [*max(before, key=len, default=[]), i]
        by_value[value].append(i)
    best = max(chains.values(), key=len, default=[])
    return set(best) if len(best) >= 2 else set()


# --------------------------------------------------------------------------- poppler's merged lines


def _split_merged_lines(pages: list[list[str]]) -> list[list[str]]:
    """Split back the lines poppler merged when it took out a line-end hyphen."""
    lengths = sorted(len(line) for page in pages for line in page)
    if not lengths:
        return pages
    full = lengths[int(len(lengths) * 0.9)]  # a full printed line, ragged-right
    # Words counted on the lines poppler left alone: a merged word may recur only where it merged.
    text = "\n".join(line for page in pages for line in page if len(line) <= full + _MERGED_MARGIN).casefold()
    words = Counter(_WORD.findall(text))
    compounds = {"-".join(parts[a:b]) for found in _COMPOUND.findall(text)
                 for parts in [found.split("-")] for a in range(len(parts)) for b in range(a + 2, len(parts) + 1)}
    # Poppler's merges show as lines far longer than any printed one; without one, a line a little
    # long is a footnote in a smaller font, and this extractor kept its line-end hyphens.
    if not any(_merge_point(line, full, compounds, words) is not None
               for page in pages for line in page if len(line) > full * _MERGED_LINE_RATIO):
        return pages
    split = [[part for line in page for part in _unmerged(line, full, compounds, words)] for page in pages]
    return [[_rehyphenated(line, compounds, words) for line in page] for page in split]


def _rehyphenated(line: str, compounds: set[str], words: Counter[str]) -> str:
    """A merged word the document prints hyphenated elsewhere, in a line too short to show the
    merge (a paragraph's last line took the word's end: "decision-" + "making." -> "decisionmaking.")."""
    def restore(m: re.Match[str]) -> str:
        word = m.group()
        if _is_word(word.casefold()) or words[word.casefold()] > 1:  # a word of its own ("wellbeing")
            return word
        for cut in range(1, len(word)):
            if f"{word[:cut]}-{word[cut:]}".casefold() in compounds:
                return f"{word[:cut]}-{word[cut:]}"
        return word
    return _WORD.sub(restore, line)


def _unmerged(line: str, full: int, compounds: set[str], words: Counter[str]) -> list[str]:
    """The printed lines of one line: itself, or the lines poppler merged into it (two or more)."""
    if len(line) <= full + _MERGED_MARGIN:
        return [line]
    at = _merge_point(line, full, compounds, words)
    if at is None:
        return [line]
    return [line[:at] + "-", *_unmerged(line[at:], full, compounds, words)]


def _merge_point(line: str, full: int, compounds: set[str], words: Counter[str]) -> int | None:
    """Where in ``line`` the hyphen was taken out, judged by the document's words and a dictionary.

    Best is a cut the document prints hyphenated elsewhere ("decision-making"); then a merged word
    that is no word (not in the dictionary, not elsewhere in the document) of two halves that are
    ("ageappropriate" -> "age" + "appropriate"); then a prefix Ofsted hyphenates and a longer tail
    ("nonstigmatising"). Among equals the commoner halves win ("hard-to-place", not "hard-top-lace"),
    then the cut nearest a full line's end: the first printed line was nearly full.
    """
    best: tuple[int, float, int] | None = None
    point = None
    # Two printed lines: the second is at most full, so the cut is near the first's end; three or
    # more: the first printed line is at least a short one.
    lowest = len(line) - full - _RAGGED if len(line) <= 2 * (full + _RAGGED) else full // 3
    for m in _WORD.finditer(line):
        word = m.group().casefold()
        for cut in range(1, len(word)):
            at = m.start() + cut
            if not lowest <= at <= full + _RAGGED:
                continue
            tier = _cut_tier(word, cut, compounds, words)
            if not tier:
                continue
            rank = (tier, min(_frequency(word[:cut], words), _frequency(word[cut:], words)), -abs(full - at))
            if best is None or rank > best:
                best, point = rank, at
    return point


def _cut_tier(word: str, cut: int, compounds: set[str], words: Counter[str]) -> int:
    head, tail = word[:cut], word[cut:]
    if f"{head}-{tail}" in compounds:
        return 3
    if words[word] > 1 or _is_word(word):
        return 0
    if (_is_word(head) or head in _PREFIXES or words[head]) and (_is_word(tail) or words[tail]):
        return 2
    return 1 if head in _PREFIXES and len(tail) >= 4 else 0


def _frequency(part: str, words: Counter[str]) -> float:
    if part in _PREFIXES or part.isdigit():
        return float("inf")
    return _dictionary().get(part, 0) + 1000 * words[part]


# Prefixes Ofsted sets with a hyphen that are no words of their own ("multi-agency", "pre-birth").
_PREFIXES = {"multi", "pre", "non", "co", "post", "anti", "semi", "cross", "inter", "sub", "self", "well", "mid"}


def _is_word(word: str) -> bool:
    return word.isdigit() or (len(word) > 1 and word in _dictionary())


@cache
def _dictionary() -> dict[str, int]:
    """English words and how common they are (pyspellchecker's list), loaded only when a merged line is met."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(distance=1).word_frequency.items())
