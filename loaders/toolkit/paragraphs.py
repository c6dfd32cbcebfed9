"""Numbered paragraphs, bullet lists and unnumbered paragraphs in extracted report and letter text.

Ofsted reports and letters are flowed text: a numbered paragraph ("12. Children who …") or a
bullet ("- The quality of …") starts an item and the lines after it continue it until the next
item, a heading or a page break that ends it. PDF text adds traps that these helpers handle
once for every genre:

- a page break (a blank line) inside a paragraph or bullet: the text after it is joined on,
  never counted as an item of its own;
- numbers that start a line inside a sentence ("12 months", "2014–\\n15."): a number starts a
  paragraph only when it is the one expected next;
- a paragraph number whose full stop was lost ("15 The local authority"), or with no space
  after it ("10.If safeguarding …");
- letterhead blocks (Ofsted's address at the foot of a letter's first page) and footnotes at
  the foot of a page, which PDF text puts in the middle of the paragraph they interrupt;
- paragraphs with no number and no blank line between them, told apart by where lines end.

All positions are 0-based indexes into a list of lines; :class:`Item.line` is 1-based, as
provenance wants it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from safeguarding_kg.loaders.toolkit.text import clean, is_bullet, strip_bullet

# A numbered paragraph: "12. Text", "10.If …" (space lost), "15 The …" (full stop lost).
_NUMBERED = re.compile(r"^\s*(?P<n>\d{1,3})(?P<dot>\.)?(?:\s+|(?<=\.))(?P<rest>\S.*)$")
_SENTENCE_START = re.compile(r"^[A-Z‘'“\"(]")
# Line ends that can end a paragraph: a full stop, question mark, colon, closing bracket or quote.
_TERMINAL = re.compile(r"[.!?:;)’”'\"]\s*$")
# The lines of Ofsted's letterhead and of the address block it prints at the foot of page 1.
_LETTERHEAD = re.compile(
    r"^\s*(?:Ofsted|Piccadilly Gate|Store Street|Manchester(?: M1 2WD)?|M1 2WD|Aviation House|125 Kingsway|"
    r"London WC2B 6SE|Agora|6 Cumberland Place|Nottingham|NG1 6HJ|Freshford House.*|Redcliffe Way|Bristol|"
    r"BS1 6NL|T:? ?0300 ?123 ?1231.*|Textphone:? ?0161 ?618 ?8524|Direct T.*|Direct F.*|"
    r"(?:E:? ?)?enquiries@ofsted\.gov\.uk|(?:W:? ?)?www\.(?:gov\.uk/)?ofsted(?:\.gov\.uk)?|"
    r"Ofsted is proud to use recycled paper|\S+@ofsted\.gov\.uk)\s*$",
    re.IGNORECASE,
)
# Letterhead lines that are never a letter's wording, even alone.
_ONLY_LETTERHEAD = re.compile(r"^\s*Ofsted is proud to use recycled paper\s*$", re.IGNORECASE)
# A footnote at the foot of a page: "1 The areas for improvement have been …".
_FOOTNOTE = re.compile(r"^\s*(?P<n>\d{1,2})\s+(?P<first>[A-Z][a-z]*)\b")
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}
# A line ending where a number was split off ("COVID-" + "19 …", "2014–" + "15 …"): the next line is no footnote.
_NUMBER_SPLIT = re.compile(r"[A-Z0-9][-–]$")
#: How many non-blank lines at the foot of a page a footnote block may take.
FOOTNOTE_DEPTH = 6


@dataclass
class Item:
    """One paragraph, bullet or numbered paragraph: where it starts and its lines."""

    line: int  # 1-based line of the text where the item starts
    parts: list[str] = field(default_factory=list)
    number: int | None = None
    #: Lines of sub-items (kept in the text of their parent, see :func:`bullet_items`).
    sub_items: int = 0

    @property
    def text(self) -> str:
        return clean("\n".join(self.parts))


def letterhead_lines(lines: Sequence[str], min_run: int = 3) -> set[int]:
    """Indexes of lines in runs of at least ``min_run`` letterhead lines (a lone "Manchester" is
    wording), and of the letterhead lines no letter says in its text, wherever an extractor put them."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip() and _LETTERHEAD.match(line):
            run.append(index)
            if _ONLY_LETTERHEAD.match(line):
                found.add(index)
            continue
        if len(run) >= min_run:
            found.update(run)
        run = []
    return found


def footnote_lines(lines: Sequence[str], pages: Sequence[int] | None) -> tuple[set[int], set[int]]:
    """Footnote lines at the foot of pages, and the footnote numbers found.

    A footnote starts with a small number and a capitalised word ("1 The areas …", not
    "12 months" or "31 March 2017") among the last few non-blank lines of its page, and runs to
    the page end; the line before it must not end with a number split off ("COVID-\\n19 Pandemic").
    The lines are returned for the caller to skip (ILACS reports and letters). The SIF-era reader
    (``report_structure.prepared_lines``) has its own rule, fitted to those reports' seeds: a
    footnote there starts after a blank line inside a page and its lines are blanked in place.
    """
    if pages is None:
        return set(), set()
    found: set[int] = set()
    numbers: set[int] = set()
    for page_lines in _page_line_indexes(lines, pages):
        tail = page_lines[-FOOTNOTE_DEPTH:]
        for position, index in enumerate(tail):
            m = _FOOTNOTE.match(lines[index])
            previous = lines[index - 1].rstrip() if index else ""
            if m and m["first"] not in _MONTHS and not _NUMBER_SPLIT.search(previous):
                found.update(tail[position:])
                numbers.add(int(m["n"]))
                break
    return found, numbers


def _page_line_indexes(lines: Sequence[str], pages: Sequence[int]) -> list[list[int]]:
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.strip():
            by_page.setdefault(pages[index], []).append(index)
    return list(by_page.values())


def footnote_marker_lines(lines: Sequence[str], numbers: Iterable[int]) -> set[int]:
    """Lines that are nothing but a footnote reference number (a superscript set on a line of its own)."""
    wanted = {str(n) for n in numbers}
    return {index for index, line in enumerate(lines) if line.strip() in wanted}


def without_glued_markers(text: str, numbers: Iterable[int]) -> str:
    """Remove footnote numbers glued to a word or closing punctuation ("framework1" -> "framework").

    Only after a lowercase letter, closing bracket or quote, full stop or comma. The SIF-era reader
    (``report_structure``) removes them after any letter or bracket but not after punctuation; each rule
    is its template's, and one union of the two would strip more digits than either does now.
    """
    for n in sorted(set(numbers), reverse=True):
        text = re.sub(rf"(?<=[a-z)’”.,]){n}(?=[\s.,;:)]|$)", "", text)
    return text


def numbered_items(lines: Sequence[str], start: int, end: int, skip: set[int] = frozenset(),
                   first_numbers: Iterable[int] = (1,)) -> list[Item]:
    """Numbered paragraphs in ``lines[start:end]`` as :class:`Item` s; text before the first number is ignored.

    A number starts a paragraph only when it is the next expected one or the one after (the first
    may be any of ``first_numbers``: 1, or where the numbering of a previous section stopped), it is followed
    by a capital letter or quote, and the line before does not end in a dash ("2014–\\n15.").

    For ILACS reports and letters, read from the raw lines with footnotes and letterheads in
    ``skip``. SIF-era reports (SIF, LSCB, LAC) use ``report_structure.numbered_paragraphs``
    instead, whose rules differ because their numbering does: it runs through the whole report
    and skips a number now and then, so that reader accepts a jump of one or two and asks a
    number without its full stop to follow a finished sentence, while here the sequence is strict
    and "10.If" or "20. 16-year-olds" still start paragraphs. Read by one set of rules, either
    template's reports lose or gain paragraphs (the SIF rules drop hundreds of ILACS findings).
    """
    items: list[Item] = []
    accepted = set(first_numbers)
    for index in range(start, end):
        if index in skip:
            continue
        line = lines[index]
        number = _paragraph_number(line, lines[index - 1] if index else "")
        if number is not None and number in accepted:
            items.append(Item(index + 1, [_NUMBERED.match(line)["rest"]], number))
            # One number skipped in print (or lost in extraction) must not fold every later
            # paragraph into this one: the gap stays visible in the numbers (the reading report flags it).
            accepted = {number + 1, number + 2}
        elif items and line.strip():
            items[-1].parts.append(line.strip())
    return items


def _paragraph_number(line: str, previous: str) -> int | None:
    m = _NUMBERED.match(line)
    # "20. 16- and 17-year-olds …" starts with a number; without the full stop only a capital will do.
    if not m or not (_SENTENCE_START.match(m["rest"]) or (m["dot"] and m["rest"][0].isdigit())):
        return None
    if previous.rstrip().endswith(("-", "–", "—")):
        return None
    if not m["dot"] and not line.lstrip()[len(m["n"]):].startswith(" "):
        return None
    return int(m["n"])


def paragraph_number_at(lines: Sequence[str], index: int) -> int | None:
    """The paragraph number a line starts with, if it looks like one (see :func:`numbered_items`)."""
    return _paragraph_number(lines[index], lines[index - 1] if index else "")


def bullet_items(lines: Sequence[str], start: int, end: int, skip: set[int] = frozenset()) -> list[Item]:
    """Bulleted items in ``lines[start:end]``, continuation lines and page-break continuations joined.

    Sub-items (bullets indented further than the list's first bullet, or "o" bullets) stay in
    their parent's text: the published lists number only the top-level items.

    Unbulleted text continues the previous item: a wrapped line, the rest of an item split by a page
    break (a blank line), or an indented second paragraph of the item (it has no bullet glyph of its
    own, even when it starts a new sentence after a page break). After a page break, an unbulleted
    paragraph that starts a new sentence with no more bullets after it ends the list instead (a
    closing paragraph after the list).
    """
    items: list[Item] = []
    base_indent: int | None = None
    after_break = False
    for index in range(start, end):
        if index in skip:
            continue
        line = lines[index]
        if not line.strip():
            after_break = bool(items)
            continue
        indent = len(line) - len(line.lstrip())
        if is_bullet(line) or _is_sub_bullet(line):
            if base_indent is None:
                base_indent = indent
            if items and (indent > base_indent or _is_sub_bullet(line)):
                items[-1].parts.append(_strip_any_bullet(line))
                items[-1].sub_items += 1
            else:
                items.append(Item(index + 1, [strip_bullet(line).strip()]))
        elif not items:
            continue
        elif after_break and _starts_new_paragraph(items[-1], line) and not _more_bullets(lines, index, end, skip):
            break
        else:
            items[-1].parts.append(line.strip())
        after_break = False
    return items


def _is_sub_bullet(line: str) -> bool:
    return bool(re.match(r"^\s*o\s+\S", line))


def _strip_any_bullet(line: str) -> str:
    return re.sub(r"^\s*o\s+", "", strip_bullet(line)).strip()


def _starts_new_paragraph(item: Item, line: str) -> bool:
    return bool(_TERMINAL.search(item.parts[-1])) and bool(_SENTENCE_START.match(line.strip()))


def _more_bullets(lines: Sequence[str], index: int, end: int, skip: set[int]) -> bool:
    return any(is_bullet(lines[i]) for i in range(index + 1, end) if i not in skip)


# Approximate advance widths (thousandths of an em) of a humanist sans (Tahoma, Verdana, Arial), in
# which these documents are set: enough to tell a line that ended short from one that was full.
_NARROW = dict.fromkeys("il.,;:'’|!", 280) | dict.fromkeys("fjrt()-/‘ ", 330)
_WIDE = dict.fromkeys("mwMW%", 880) | dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ", 640) | dict.fromkeys("0123456789", 546)
_ADVANCE = _NARROW | _WIDE


def printed_width(text: str) -> int:
    """Estimated printed width of a line in a proportional font (not its character count)."""
    return sum(_ADVANCE.get(ch, 540) for ch in text)


def text_width(lines: Iterable[str]) -> int:
    """The printed width of a full line of body text (the 95th percentile of line widths)."""
    widths = sorted(printed_width(line.strip()) for line in lines if len(line.strip()) > 20)
    if not widths:
        return 40000
    return widths[min(len(widths) - 1, int(len(widths) * 0.95))]


def prose_paragraphs(lines: Sequence[str], start: int, end: int, width: int,
                     skip: set[int] = frozenset(), slack: float = 1.0) -> list[Item]:
    """Unnumbered paragraphs with no blank line between them, split where a line ends short.

    A line ends its paragraph when it ends a sentence and the next line's first word would have
    fitted on it (``slack`` allows for proportional fonts); the same test applies across a page
    break (blank line). Bullets start items of their own.
    """
    items: list[Item] = []
    body = [i for i in range(start, end) if i not in skip]
    for position, index in enumerate(body):
        line = lines[index]
        if not line.strip():
            continue
        previous = _previous_text_line(lines, body, position)
        if is_bullet(line):
            items.append(Item(index + 1, [strip_bullet(line).strip()]))
        elif not items or previous is None or _ends_paragraph(lines, previous, index, width, slack):
            items.append(Item(index + 1, [line.strip()]))
        else:
            items[-1].parts.append(line.strip())
    return items


def _previous_text_line(lines: Sequence[str], body: list[int], position: int) -> int | None:
    for index in reversed(body[:position]):
        if lines[index].strip():
            return index
    return None


def _ends_paragraph(lines: Sequence[str], previous: int, index: int, width: int, slack: float) -> bool:
    before, line = lines[previous].strip(), lines[index].strip()
    if not _TERMINAL.search(before) or not _SENTENCE_START.match(line):
        return False
    first_word = line.split()[0]
    return printed_width(f"{before} {first_word}") <= width * slack
