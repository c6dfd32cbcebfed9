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

COUNCIL_TITLE = re.compile(
    r"\b(?:action|improvement|response|development|recovery|service)\s+plan\b|\btracker\b|"
    r"\bprogress\s+(?:update|report)\b|\bminutes\s+of\b|^\s*minutes\b|^\s*agenda\b|\bagenda\s+(?:item|for)\b|"
    r"\bplan\s+on\s+a\s+page\b",
    re.IGNORECASE | re.MULTILINE,
)


def front_matter(source: SourceText, count: int = FRONT_LINES) -> str:
    """The first ``count`` non-blank lines."""
    return "\n".join([line for line in source.lines[:200] if line.strip()][:count])


def names_council_document(source: SourceText) -> bool:
    """Whether the document's front matter names it a council plan, tracker, progress report, minutes or agenda."""
    return bool(COUNCIL_TITLE.search(front_matter(source)))
