"""Ofsted ILACS reports (inspection of local authority children's services, 2018 onwards).

The published template, standard and short inspections alike:

- a title "Inspection of <authority> local authority children's services" (2018–19: the
  authority on line 1, then "Inspection of children's social care services"), "Inspection
  dates: …" and "Lead inspector: <name>, Her/His Majesty's Inspector";
- a judgement table "Judgement | Grade": four rows up to 2022 (leaders; help and protection;
  children in care and care leavers; overall effectiveness), five from 2023 (care leavers
  graded apart), and a 2026 layout with no overall-effectiveness row. Areas and grades wrap
  over lines ("The experiences and progress of\\nchildren in care", "Requires improvement\\nto be good");
- a summary, then "What needs to improve (in this local authority)?": unnumbered bullets, which
  become recommendations 1..n in order (an action plan numbers them the same way); from 2023 each
  cites the national framework, with a footnote at the foot of the page;
- one section per graded area, headed "<area>: <grade>" (or "… is/are: …"), holding numbered
  paragraphs: the findings. The numbering runs on through the sections in most reports and
  restarts in some, so a finding is named by its area and number.

SIF re-inspections published in 2018 ("Re-inspection of services for children in need of help and
protection …") keep the SIF layout and are left to the SIF loader.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar

from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri, within
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit.authority import resolve_authority
from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_range
from safeguarding_kg.loaders.toolkit.inspections import add_inspection, add_judgement, add_recommendation
from safeguarding_kg.loaders.toolkit.judgement_terms import area_concept, grade_concept, local_name
from safeguarding_kg.loaders.toolkit.paragraphs import (
    bullet_items,
    footnote_lines,
    footnote_marker_lines,
    numbered_items,
    without_glued_markers,
)
from safeguarding_kg.loaders.toolkit.people import add_person, split_name_role
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.text import clean, fold
from safeguarding_kg.namespaces import DCTERMS, SG

# The grades ILACS gives (no "adequate"), longest first: "requires improvement to be good" before
# "requires improvement".
GRADE_WORDS = r"requires?\s+improvement\s+to\s+be\s+good|requires?\s+improvement|outstanding|good|inadequate"
GRADE_AT_END = re.compile(rf"(?P<grade>{GRADE_WORDS})\s*\.?\s*$", re.IGNORECASE)

_TITLE = re.compile(r"inspection of (?:the )?(?:.{0,80}?\s)?(?:local authority )?children.s (?:social care )?services",
                    re.IGNORECASE)
_SIF_TITLE = re.compile(r"inspection of services for children in need of help and protection", re.IGNORECASE)
_DATES = re.compile(r"^\s*Inspection dates?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_PUBLISHED = re.compile(r"^\s*(?:Report )?published\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_LEAD = re.compile(r"^\s*Lead inspector\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"^\s*Judgement\s+Grade\s*$", re.IGNORECASE)
_WNTI = re.compile(r"^\s*What needs to improve(?: in this local authority)?\s*[?:]?\s*$", re.IGNORECASE)
_HEADING = re.compile(rf"^(?P<area>.+?)(?:\s*:\s*|\s+(?:is|are)\s*:?\s*)(?P<grade>{GRADE_WORDS})\s*$", re.IGNORECASE)
# Ofsted's closing page: where the last section's paragraphs stop.
_END_MATTER = re.compile(r"^\s*(?:The Office for Standards in Education|If you would like a copy of this document|"
                         r"©\s*Crown copyright)", re.IGNORECASE)
_ROLE_LINE = re.compile(r"^\s*(?:Her|His)\s+Majesty.s\s+Inspector\s*$", re.IGNORECASE)

#: How far into the report the title, dates and judgement table are looked for.
HEAD_LINES = 40
#: The longest area text a judgement-table row or section heading has (longer is prose).
MAX_AREA_CHARS = 130


@dataclass
class Row:
    """A judgement-table row or a graded section heading."""

    area: NamedNode
    area_text: str
    grade: NamedNode
    grade_text: str
    line: int  # 1-based first line
    last: int  # 0-based index of its last line


class IlacsReportLoader:
    name: ClassVar[str] = "ofsted-ilacs"
    genre: ClassVar[NamedNode] = SG.InspectionReport

    def recognise(self, source: SourceText) -> float:
        head = " ".join(line.strip() for line in source.lines[:HEAD_LINES])
        if _SIF_TITLE.search(head) or not _TITLE.search(head):
            return 0.0
        has_dates = any(_DATES.match(line) for line in source.lines[:HEAD_LINES])
        has_table = any(_TABLE_HEADER.match(line) for line in source.lines[:HEAD_LINES])
        return 0.9 if has_dates and has_table else 0.6 if has_dates else 0.0

    def extract(self, source: SourceText, out: Extraction) -> None:
        lines = source.lines
        title_end = _first(lines, _DATES, 0, HEAD_LINES)
        if title_end is None:
            raise ExtractionError("ILACS report without an 'Inspection dates:' line")
        title_lines = [line for line in lines[:title_end] if line.strip()]
        authority = resolve_authority(out, [*title_lines, " ".join(title_lines), source.text[:4000]])
        if authority is None:
            raise ExtractionError("ILACS report naming no local authority in its title")
        start, end = _inspection_dates(lines, title_end)
        inspection = inspection_iri(authority, "ilacs", start)
        add_inspection(out, inspection, title_end + 1, SG.ILACS, authority, start, end, reported_in=out.document)
        title = clean(" ".join(line for line in lines[:title_end] if line.strip()))
        out.add(out.document, DCTERMS.title, title)
        self._published(lines, inspection, out)
        self._lead_inspector(lines, inspection, out)

        skip = _skipped_lines(source)
        table = judgement_table(lines, out)
        for row in table:
            _add_judgement(out, inspection, row)
        after_table = max((row.last for row in table), default=title_end) + 1
        headings = graded_headings(lines, after_table)
        self._recommendations(lines, after_table, headings, skip, inspection, authority, out)
        self._findings(source, headings, skip, inspection, out)
        _check_headings_against_table(table, headings, out)

    # ------------------------------------------------------------------ header

    def _published(self, lines: list[str], inspection: NamedNode, out: Extraction) -> None:
        index = _first(lines, _PUBLISHED, 0, HEAD_LINES)
        published = parse_date(lines[index]) if index is not None else None
        out.add(inspection, SG.publishedDate, published)
        out.add(out.document, DCTERMS.issued, published)

    def _lead_inspector(self, lines: list[str], inspection: NamedNode, out: Extraction) -> None:
        index = _first(lines, _LEAD, 0, HEAD_LINES)
        if index is None:
            out.warn("no 'Lead inspector:' line in the ILACS report header")
            return
        name, role = split_name_role(_LEAD.match(lines[index])["rest"])
        if role is None and index + 1 < len(lines) and _ROLE_LINE.match(lines[index + 1]):
            role = clean(lines[index + 1])
        if not name:
            out.warn("'Lead inspector:' line without a name")
            return
        out.add(inspection, SG.leadInspector, add_person(out, name, role, index + 1))

    # ------------------------------------------------------------------ what needs to improve

    def _recommendations(self, lines: list[str], after_table: int, headings: list[Row], skip: set[int],
                         inspection: NamedNode, authority: NamedNode, out: Extraction) -> None:
        first_heading = headings[0].line - 1 if headings else len(lines)
        heading = _first(lines, _WNTI, after_table, first_heading)
        if heading is None:
            out.warn("no 'What needs to improve' list before the first graded section")
            return
        items = bullet_items(lines, heading + 1, first_heading, skip)
        if not items:
            out.warn("'What needs to improve' heading with no bulleted items under it")
        for number, item in enumerate(items, start=1):
            add_recommendation(out, inspection, number, item.text, authority, item.line)

    # ------------------------------------------------------------------ findings

    def _findings(self, source: SourceText, headings: list[Row], skip: set[int], inspection: NamedNode,
                  out: Extraction) -> None:
        lines = source.lines
        if not headings:
            out.warn("no graded section headings ('<area>: <grade>'): findings not read")
            return
        end_matter = _first(lines, _END_MATTER, headings[-1].last + 1, len(lines))
        _, footnote_numbers = footnote_lines(lines, source.pages)
        next_number = 1
        for position, heading in enumerate(headings):
            stop = headings[position + 1].line - 1 if position + 1 < len(headings) else (end_matter or len(lines))
            paragraphs = numbered_items(lines, heading.last + 1, stop, skip, first_numbers={1, next_number})
            if not paragraphs:
                out.warn(f"no numbered paragraphs under '{heading.area_text}'")
                continue
            next_number = paragraphs[-1].number + 1
            slug = local_name(heading.area)
            section = f"{heading.area_text}: {heading.grade_text}"
            for paragraph in paragraphs:
                finding = out.node(within(inspection, "finding", slug, paragraph.number), SG.Finding,
                                   line=paragraph.line)
                out.add(finding, SG.ofInspection, inspection)
                out.add(finding, SG.paragraphNumber, paragraph.number)
                out.add(finding, SG.judgementArea, heading.area)
                out.add(finding, SG.sectionHeading, section)
                out.add(finding, SG.findingKind, SG.NumberedFinding)
                out.add(finding, SG.text, without_glued_markers(paragraph.text, footnote_numbers))


def _first(lines: list[str], pattern: re.Pattern[str], start: int, stop: int) -> int | None:
    for index in range(start, min(stop, len(lines))):
        if pattern.match(lines[index]):
            return index
    return None


def _inspection_dates(lines: list[str], index: int) -> tuple[dt.date, dt.date]:
    text = _DATES.match(lines[index])["rest"] + " " + (lines[index + 1] if index + 1 < len(lines) else "")
    found = parse_range(text)
    if found is None:
        single = parse_date(text)
        if single is None:
            raise ExtractionError(f"'Inspection dates' line without readable dates: {lines[index].strip()!r}")
        found = (single, single)
    return found


def _skipped_lines(source: SourceText) -> set[int]:
    """Footnotes at page feet and lone footnote reference numbers: not part of any paragraph."""
    footnotes, numbers = footnote_lines(source.lines, source.pages)
    return footnotes | footnote_marker_lines(source.lines, numbers)


def judgement_table(lines: list[str], out: Extraction) -> list[Row]:
    """The rows of the "Judgement | Grade" table at the top of the report."""
    header = _first(lines, _TABLE_HEADER, 0, HEAD_LINES)
    if header is None:
        out.warn("no judgement table ('Judgement Grade') in the ILACS report header")
        return []
    rows: list[Row] = []
    pending: list[int] = []
    index = header + 1
    while index < len(lines) and len(rows) < 6:
        if not lines[index].strip():
            index += 1
            continue
        pending.append(index)
        text = clean(" ".join(lines[i] for i in pending))
        m = GRADE_AT_END.search(text)
        if m and fold(m["grade"]) == "requires improvement" and fold(lines[index + 1] if index + 1 < len(lines)
                                                                      else "") == "to be good":
            index += 1
            pending.append(index)
            text = clean(" ".join(lines[i] for i in pending))
            m = GRADE_AT_END.search(text)
        if m:
            area_text = text[: m.start()].strip(" :")
            area = area_concept(area_text)
            if area is None or len(area_text) > MAX_AREA_CHARS:
                break
            rows.append(Row(area, area_text, grade_concept(m["grade"]), m["grade"], pending[0] + 1, index))
            pending = []
        elif len(text) > MAX_AREA_CHARS:
            break
        index += 1
    if not rows:
        out.warn("judgement table header with no readable rows")
    return rows


def graded_headings(lines: list[str], start: int) -> list[Row]:
    """Section headings "<area>: <grade>" (or "… is/are: <grade>", "… is <grade>"), wrapped over up to 3 lines."""
    headings: list[Row] = []
    index = start
    while index < len(lines):
        found = _heading_at(lines, index)
        if found:
            headings.append(found)
            index = found.last + 1
        else:
            index += 1
    return headings


def _heading_at(lines: list[str], index: int) -> Row | None:
    first = lines[index].strip()
    if not first or not first[0].isupper() or re.match(r"^\d", first) or first.startswith("-"):
        return None
    parts: list[str] = []
    for last in range(index, min(index + 3, len(lines))):
        if not lines[last].strip() or (last > index and re.match(r"^\s*\d{1,3}\.", lines[last])):
            return None
        parts.append(lines[last].strip())
        m = _HEADING.match(" ".join(parts))
        if m and fold(m["grade"]) == "requires improvement" and last + 1 < len(lines) \
                and fold(lines[last + 1]) == "to be good":
            parts.append(lines[last + 1].strip())
            last += 1
            m = _HEADING.match(" ".join(parts))
        if m:
            area_text = m["area"].strip()
            area = area_concept(area_text)
            if area is None or len(area_text) > MAX_AREA_CHARS or "." in area_text:
                return None
            return Row(area, area_text, grade_concept(m["grade"]), clean(m["grade"]), index + 1, last)
    return None


def _add_judgement(out: Extraction, inspection: NamedNode, row: Row) -> None:
    add_judgement(out, within(inspection, "judgement", local_name(row.area)), inspection, row.area, row.grade,
                  row.grade_text, row.area_text, row.line)


def _check_headings_against_table(table: list[Row], headings: list[Row], out: Extraction) -> None:
    """Section headings restate the table's grades; a disagreement means one of them was misread."""
    graded = {row.area: row.grade for row in table}
    for heading in headings:
        if heading.area in graded and graded[heading.area] != heading.grade:
            out.warn(f"section heading '{heading.area_text}: {heading.grade_text}' disagrees with the judgement table")


LOADER = IlacsReportLoader()
