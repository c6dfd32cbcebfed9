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


def front_matter(source: SourceText, count: int = FRONT_LINES) -> str:
    """The first ``count`` non-blank lines."""
    return "\n".join([line for line in source.lines[:200] if line.strip()][:count])


MEETING_TITLE = re.compile(r"\bminutes\s+of\b|^\s*minutes\b|^\s*agenda\b|\bagenda\s+(?:item|for)\b|"
                           r"\bnotice\s+of\s+meeting\b", re.IGNORECASE | re.MULTILINE)


def names_meeting_document(source: SourceText) -> bool:
    """Whether the front matter names minutes or an agenda: a committee document, never a plan,
    even when an item discusses the action plan."""
    return bool(MEETING_TITLE.search(front_matter(source)))


def plan_heading(source: SourceText) -> str | None:
    """A heading naming the document a plan or tracker ("Post-inspection action plan") among its first
    lines: a line of at most 10 words that starts with a capital and does not end a sentence. Report
    text mentioning "an improvement plan" is running prose, never such a line (checked on the corpus)."""
    for line in [line for line in source.lines[:300] if line.strip()][:HEADING_LINES]:
        text = line.strip()
        if "\t" in text or len(text.split()) > 10 or not text[:1].isupper() or text.endswith((",", ";")):
            continue
        if PLAN_TITLE.search(text):
            return text
    return None


def names_council_document(source: SourceText) -> bool:
    """Whether the document names itself a council plan, tracker, progress report, minutes or agenda:
    in its front matter, or by a plan heading after a restated inspection header."""
    return bool(COUNCIL_TITLE.search(front_matter(source))) or plan_heading(source) is not None
