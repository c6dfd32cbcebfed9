"""What a document is, by its own front matter: a council's document or Ofsted's.

A council's plan, tracker, progress report, minutes or agenda often quotes the report it
answers: its title ("Inspection of … local authority children's services"), its dates, its
judgement table. Quoting does not make it the report. A council document says what it is in
its first lines ("… Action Plan", "Improvement tracker", "Minutes of the meeting …",
"Agenda"); Ofsted's reports and letters never do (none of the 37 corpus reports names a plan,
tracker, minutes or agenda in its first ten lines). The Ofsted loaders refuse a document
that names itself a council document, so the council loader reads it.

A committee loader is preferred over the Ofsted loaders by the same sign (its title in the
first lines), and over the plan loader by scoring above it (0.97 at most) when it is minutes
or an agenda: the plan loader scores only plan titles and action tables.
"""

from __future__ import annotations

import re

from safeguarding_kg.loaders.toolkit.sources import SourceText

#: How many non-blank lines make a document's front matter.
FRONT_LINES = 8

#: A plan's or tracker's name for itself.
PLAN_TITLE = re.compile(r"\b(?:action|improvement|response|development|recovery)\s+plan\b|\btracker\b|"
                        r"\bprogress\s+(?:update|report)\b|\bplan\s+on\s+a\s+page\b", re.IGNORECASE)
#: How far down a plan's heading may come: after a restated inspection title, dates and judgement table.
HEADING_LINES = 40

COUNCIL_TITLE = re.compile(
    r"\b(?:action|improvement|response|development|recovery|service)\s+plan\b|\btracker\b|"
    r"\bprogress\s+(?:update|report)\b|\bminutes\s+of\b|^\s*minutes\b|^\s*agenda\b|\bagenda\s+(?:item|for)\b|"
    r"\bplan\s+on\s+a\s+page\b",
    re.IGNORECASE | re.MULTILINE,
)


MEETING_TITLE = re.compile(r"\bminutes\s+of\b|^\s*minutes\b|^\s*agenda\b|\bagenda\s+(?:item|for)\b|"
                           r"\bnotice\s+of\s+meeting\b", re.IGNORECASE | re.MULTILINE)


def front_matter(source: SourceText, count: int = FRONT_LINES) -> str:
    """The first ``count`` non-blank lines."""
    return "\n".join([line for line in source.lines[:200] if line.strip()][:count])


def heading_lines(source: SourceText, count: int) -> list[str]:
    """Among the first ``count`` non-blank lines, those that read as headings or titles: at most
    16 words, starting with a capital, not a sentence (report prose mentioning "the board's
    improvement plan" is never one)."""
    found = []
    for line in [line for line in source.lines[:300] if line.strip()][:count]:
        text = line.strip()
        if "\t" in text or len(text.split()) > 16 or not text[:1].isupper() or text.endswith((",", ";", ".")) \
                or re.search(r"[.;,]\s+(?:an?|the)\s", text, re.I):
            continue
        found.append(text)
    return found


def names_meeting_document(source: SourceText) -> bool:
    """Whether the front matter names minutes or an agenda: a committee document, never a plan,
    even when an item discusses the action plan."""
    return any(MEETING_TITLE.search(line) for line in heading_lines(source, FRONT_LINES))


def plan_heading(source: SourceText) -> str | None:
    """A heading naming the document a plan or tracker ("Post-inspection action plan") among its first
    lines, after a restated inspection title, dates and judgement table."""
    return next((line for line in heading_lines(source, HEADING_LINES) if PLAN_TITLE.search(line)), None)


_ACTION_CELL = re.compile(r"^(?:actions?|what (?:we )?will (?:we )?do|actions? (?:to be taken|required|agreed))\b",
                          re.I)
_OWNER_CELL = re.compile(r"\b(?:lead|owner|who|responsib\w*|accountable)\b", re.I)
_DUE_CELL = re.compile(r"\b(?:by when|when|timescales?|deadline|target date|due|date)\b", re.I)


def has_action_table(source: SourceText) -> bool:
    """A table header row naming an action, its owner and its date: a plan's, never in a report."""
    for line in source.lines:
        if "\t" not in line and not line.lstrip().startswith("|"):
            continue
        cells = [cell.strip() for cell in re.split(r"\t|\|", line) if cell.strip()]
        if len(cells) >= 3 and all(len(cell.split()) <= 6 for cell in cells) \
                and any(_ACTION_CELL.match(c) for c in cells) and any(_OWNER_CELL.search(c) for c in cells) \
                and any(_DUE_CELL.search(c) for c in cells):
            return True
    return False


_OWNER_FIELD = re.compile(r"^\W*(?:lead|owner|responsible(?: officer)?|action owner)\s*:", re.I)
_DUE_FIELD = re.compile(r"^\W*(?:by|by when|due|timescale|target(?: date)?|deadline)\s*:", re.I)


def has_action_fields(source: SourceText) -> bool:
    """A prose plan's actions: two or more "Lead: …" lines and two or more "By: …" lines (a report's
    "Lead inspector:" is neither)."""
    owners = sum(1 for line in source.lines if _OWNER_FIELD.match(line))
    dues = sum(1 for line in source.lines if _DUE_FIELD.match(line))
    return owners >= 2 and dues >= 2


def names_council_document(source: SourceText) -> bool:
    """Whether the document is a council plan, tracker, progress report, minutes or agenda: by a
    title among its first lines, or by a plan's action table or Lead/By lines (checked on the 37 corpus reports and
    the sample corpus: no report has either)."""
    return any(COUNCIL_TITLE.search(line) for line in heading_lines(source, FRONT_LINES)) \
        or plan_heading(source) is not None or has_action_table(source) or has_action_fields(source)
