"""Ofsted inspections of looked after children services (2012–13) and of safeguarding and looked after
children services (2009–12).

Both were written on one template:

- a front page: the title ("Inspection of looked after children services" or "Inspection of
  safeguarding and looked after children services"), the authority ("Norfolk County Council"),
  "Inspection dates: 8 – 12 July 2013", "Reporting inspector <name> HMI" (or "Lead inspector"),
  "Age group", "Published: <date>";
- paragraphs numbered in one sequence through the whole report;
- information sections ("About this inspection", "The inspection judgements and what they mean",
  "Service information"): numbered paragraphs that are not findings;
- graded sections: a heading, then a line "Grade N (word)" on the four-point scale (1 outstanding,
  2 good, 3 adequate, 4 inadequate), then numbered findings. Which sections are graded differs by
  framework and year (overall effectiveness, capacity to improve, outcomes and the five Every Child
  Matters outcomes, quality of provision, leadership and management and its sub-areas);
- "Areas for improvement": an introductory numbered paragraph, then bullets grouped under
  "Immediately:", "Within three months:", "Within six months:" (recommendations, numbered here by
  their position in the whole list);
- "Record of main findings": a table of every graded area and its grade, with no row numbers. The
  2009–12 reports have two parts, "Safeguarding services" and "Services for looked after children",
  each with its own graded areas; their judgements are named by part and area.

Judgements come from the record table (the report's own summary of its grades); a graded section
heading the table lacks adds a judgement, and a heading whose grade differs from the table's is
reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import ClassVar

from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri, within
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit.authority import provisional_authority, resolve_authority
from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_range
from safeguarding_kg.loaders.toolkit.inspections import add_inspection, add_judgement, add_recommendation
from safeguarding_kg.loaders.toolkit.judgement_terms import local_name, older_area_concept, older_grade_concept
from safeguarding_kg.loaders.toolkit.paragraphs import bullet_items
from safeguarding_kg.loaders.toolkit.people import add_person
from safeguarding_kg.loaders.toolkit.report_structure import (
    Heading,
    find_headings,
    numbered_paragraphs,
    prepared_lines,
    rule,
    unnumbered_judgement_rows,
)
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.text import clean, fold, is_bullet, strip_bullet
from safeguarding_kg.namespaces import DCTERMS, SG

_LAC_TITLE = re.compile(r"\binspection of looked after children'?s? services\b", re.I)
_SLAC_TITLE = re.compile(r"\binspection of safeguarding and looked after children'?s? services\b", re.I)
_DATES = re.compile(r"^\s*Inspection dates?\s*:?\s*(?P<rest>.+)$", re.I)
_PUBLISHED = re.compile(r"^\s*(?:Report )?published\s*:?\s*(?P<rest>.+)$", re.I)
_LEAD = re.compile(r"^\s*(?P<role>Reporting inspector|Lead inspector)\s*:?\s*(?P<name>.+?)\s*(?:,?\s*HMI)?\s*$", re.I)
# "Grade 4 (inadequate)" on a line of its own under a section heading, or at the end of the heading's line.
_GRADE_LINE = re.compile(r"^(?P<head>.*?)\s*(?P<grade>Grade\s+(?P<n>[1-4])\s*\((?P<word>outstanding|good|adequate|"
                         r"inadequate)\))\s*$", re.I)
_END_MATTER = re.compile(r"^\s*©\s*Crown copyright", re.I)

GRADE_NUMBERS = {"1": "outstanding", "2": "good", "3": "adequate", "4": "inadequate"}

# The 2009–12 reports' two parts; the slug names the part in a judgement's IRI.
PARTS = [(re.compile(r"safeguarding services"), "safeguarding"),
         (re.compile(r"services for looked after children(?: and young people)?"), "looked-after")]

# Wordings no sentence has: found even after a bullet list that ends without a full stop.
DISTINCT_RULES = [
    rule("info", r"about this inspection|the inspection judgements and what they mean|service information"),
    rule("improve", r"areas for improvement"),
    rule("record", r"record of main findings"),
    rule("WithinThreeMonths", r"within three months"),
    rule("WithinSixMonths", r"within six months"),
]
SECTION_RULES = [
    rule("contents", r"contents"),
    rule("Immediately", r"immediately"),
    *[rule("part", pattern.pattern) for pattern, _ in PARTS],
]
TIERS = {"Immediately", "WithinThreeMonths", "WithinSixMonths"}


def part_slug(text: str) -> str | None:
    folded = fold(text)
    return next((slug for pattern, slug in PARTS if pattern.fullmatch(folded)), None)


# --------------------------------------------------------------------------- reading


@dataclass
class Section:
    """A stretch of the report between two headings."""

    kind: str  # graded, info, improve, tier, record, contents, part, front
    first: int  # first body line (1-based)
    last: int
    heading: str | None = None
    area: NamedNode | None = None
    grade_text: str | None = None
    grade_word: str | None = None
    heading_line: int | None = None
    tier: str | None = None
    part: str | None = None


@dataclass
class Front:
    title: str
    framework: NamedNode
    slug: str
    authority_lines: list[str]
    start: dt.date | None
    end: dt.date | None
    published: dt.date | None
    lead: tuple[str, str, int] | None  # name, role, line


@dataclass
class Reading:
    sections: list[Section] = field(default_factory=list)


def read_front(lines: list[str], body_start: int) -> Front:
    nonblank = [(n, line.strip()) for n, line in enumerate(lines[: body_start - 1], 1) if line.strip()]
    framework, slug = (SG.SafeguardingAndLookedAfterInspection, "slac") \
        if _SLAC_TITLE.search(" ".join(text for _, text in nonblank[:6])) else (SG.LookedAfterChildrenInspection, "lac")
    title_lines, authority_lines = _title_and_authority(nonblank)
    start = end = published = None
    lead = None
    for number, text in nonblank:
        dates = _DATES.match(text)
        if dates and start is None:
            found = parse_range(dates["rest"].replace("–", " to "))
            start, end = found if found else (parse_date(dates["rest"]), None)
        published_match = _PUBLISHED.match(text)
        if published_match and published is None:
            published = parse_date(published_match["rest"])
        lead_match = _LEAD.match(text)
        if lead_match and lead is None:
            lead = (clean(lead_match["name"]).rstrip(","), clean(lead_match["role"]), number)
    return Front(clean(" ".join(title_lines)), framework, slug, authority_lines, start, end, published, lead)


def _title_and_authority(nonblank: list[tuple[int, str]]) -> tuple[list[str], list[str]]:
    """The title's lines (up to "… services") and the lines naming the authority (before the dates)."""
    title: list[str] = []
    authority: list[str] = []
    for _, text in nonblank:
        if _DATES.match(text) or _LEAD.match(text):
            break
        joined = " ".join(title)
        if not (_LAC_TITLE.search(joined) or _SLAC_TITLE.search(joined)):
            title.append(text)
        else:
            authority.append(text)
    return title, authority


def read_sections(lines: list[str]) -> list[Section]:
    """Every section of the report in order, graded ones found by their "Grade N (word)" line."""
    graded = _graded_headings(lines)
    heading_lines = {n for h in graded for n in range(h.line, h.last_line + 1)}
    found = find_headings(lines, SECTION_RULES) + find_headings(lines, DISTINCT_RULES, anywhere=True)
    headings = [h for h in found if h.line not in heading_lines]
    ordered = sorted(graded + headings, key=lambda h: h.line)
    # The record table runs to the end; its group labels ("Services for looked after children") are rows' parts,
    # not sections. The last "Record of main findings" is the table (an earlier one is a contents entry).
    record = next((h for h in reversed(ordered) if h.key == "record"), None)
    if record is not None:
        ordered = [h for h in ordered if h.line <= record.line]
    first_heading = ordered[0].line if ordered else len(lines) + 1
    sections = [Section("front", 1, first_heading - 1)]
    part: str | None = None
    for heading, following in zip(ordered, [*ordered[1:], None], strict=True):
        last = (following.line - 1) if following else _end_of_body(lines, heading.last_line)
        section = Section(heading.key, heading.last_line + 1, last, heading=heading.text, heading_line=heading.line)
        if heading.key == "part":
            part = part_slug(heading.text)
        elif heading.key == "graded":
            section.heading = clean(heading.match["head"])
            section.area = older_area_concept(section.heading)
            section.grade_text = clean(heading.match["grade"])
            section.grade_word = heading.match["word"].lower()
            section.heading_line = heading.line
            if GRADE_NUMBERS[heading.match["n"]] != section.grade_word:
                section.grade_word = None  # "Grade 2 (adequate)": reported when written
        elif heading.key in TIERS:
            section.kind, section.tier, section.heading = "tier", heading.key, clean(heading.text).rstrip(":")
        section.part = part
        sections.append(section)
    return sections


def _end_of_body(lines: list[str], after: int) -> int:
    return next((n - 1 for n in range(after + 1, len(lines) + 1) if _END_MATTER.match(lines[n - 1])), len(lines))


def _graded_headings(lines: list[str]) -> list[Heading]:
    """Headings followed by "Grade N (word)": the heading is the shortest run of lines above (up to
    three, unbroken) naming a graded area; failing that, the lines back to a blank or a finished sentence."""
    found: list[Heading] = []
    for number, line in enumerate(lines, 1):
        m = _GRADE_LINE.match(line.strip())
        if not m:
            continue
        above: list[int] = []
        if not m["head"]:
            for previous in range(number - 1, max(number - 4, 0), -1):
                text = lines[previous - 1].strip()
                if not text or re.search(r"[.;!]$", text):
                    break
                above.insert(0, previous)
                if older_area_concept(" ".join(lines[n - 1].strip() for n in above)):
                    break
        head = clean(" ".join([*(lines[n - 1] for n in above), m["head"]]))
        first = above[0] if above else number
        match = re.match(r"(?P<head>.*?)\s*(?P<grade>Grade\s+(?P<n>[1-4])\s*\((?P<word>\w+)\))$",
                         f"{head} {m['grade']}".strip(), re.I)
        if match:
            found.append(Heading("graded", first, number, clean(match.group(0)), match))
    return found


# --------------------------------------------------------------------------- writing


@dataclass
class Judgement:
    area: NamedNode
    area_text: str
    grade_text: str
    grade: NamedNode | None
    line: int
    part: str | None


def record_judgements(lines: list[str], sections: list[Section], out: Extraction) -> list[Judgement]:
    """The "Record of main findings" rows, each with the part it sits under."""
    found: list[Judgement] = []
    for section in sections:
        if section.kind != "record":
            continue
        parts = [(n, part_slug(lines[n - 1])) for n in range(section.first, section.last + 1)
                 if part_slug(lines[n - 1])]
        for row in unnumbered_judgement_rows(lines, section.first, section.last, older_area_concept):
            area = older_area_concept(row.area_text)
            if area is None:
                out.warn(f"line {row.line}: graded area '{row.area_text}' in the record of main findings "
                         "not recognised")
                continue
            part = next((slug for n, slug in reversed(parts) if n < row.line), section.part)
            found.append(Judgement(area, row.area_text, row.grade_text, older_grade_concept(row.grade_text), row.line,
                                   part))
    return found


def all_judgements(lines: list[str], sections: list[Section], out: Extraction, by_part: bool) -> list[Judgement]:
    """The record table's judgements, plus any graded section the table lacks. Only the 2009–12 reports
    (``by_part``) grade an area twice, once per part; otherwise part labels are ignored."""
    judgements = record_judgements(lines, sections, out)
    if not by_part:
        for j in judgements:
            j.part = None
    if not judgements:
        out.warn("no 'Record of main findings' table: judgements taken from the graded section headings")
    recorded = {(j.part, j.area): j for j in judgements}
    for section in sections:
        if section.kind != "graded":
            continue
        if section.area is None:
            out.warn(f"line {section.heading_line}: graded section '{section.heading}' names no known judgement area")
            continue
        if section.grade_word is None:
            out.warn(f"line {section.heading_line}: '{section.grade_text}' gives a grade number and word that differ")
        key = (section.part if by_part else None, section.area)
        if key not in recorded:
            judgement = Judgement(section.area, section.heading, section.grade_text,
                                  older_grade_concept(section.grade_word or ""), section.heading_line, key[0])
            judgements.append(judgement)
            recorded[key] = judgement
        elif section.grade_word and recorded[key].grade != older_grade_concept(section.grade_word):
            out.warn(f"line {section.heading_line}: section graded '{section.grade_text}' but the record of main "
                     f"findings says '{recorded[key].grade_text}'")
    return judgements


def write_judgements(out: Extraction, inspection: NamedNode, judgements: list[Judgement], by_part: bool) -> None:
    for j in judgements:
        parts = ("judgement", j.part, local_name(j.area)) if by_part and j.part else ("judgement", local_name(j.area))
        add_judgement(out, within(inspection, *parts), inspection, j.area, j.grade, j.grade_text, j.area_text, j.line)


def write_paragraphs(out: Extraction, inspection: NamedNode, lines: list[str], sections: list[Section]) -> None:
    """Numbered paragraphs: findings in graded sections, report paragraphs elsewhere."""
    expected: int | None = None
    count = 0
    for section in sections:
        if section.kind in ("front", "contents", "record", "tier"):
            continue
        last = section.last
        if section.kind == "improve":  # the introduction only; the bullets follow under the tier headings
            last = next((n - 1 for n in range(section.first, section.last + 1) if is_bullet(lines[n - 1])), last)
        for p in numbered_paragraphs(lines, section.first, last, expected):
            expected = p.number + 1
            count += 1
            if section.kind == "graded" and section.area is not None:
                iri = out.node(within(inspection, "finding", p.number), SG.Finding, line=p.line)
                out.add(iri, SG.findingKind, SG.NumberedFinding)
                out.add(iri, SG.judgementArea, section.area)
            else:
                iri = out.node(within(inspection, "paragraph", p.number), SG.ReportParagraph, line=p.line)
                out.add(iri, SG.paragraphKind, SG.InformationParagraph if section.kind == "info" else SG.OtherParagraph)
            out.add(iri, SG.ofInspection, inspection)
            out.add(iri, SG.paragraphNumber, p.number)
            out.add(iri, SG.text, p.text)
            out.add(iri, SG.sectionHeading, section.heading)
    if not count:
        out.warn("no numbered paragraphs found")


def write_recommendations(out: Extraction, inspection: NamedNode, authority: NamedNode, lines: list[str],
                          sections: list[Section]) -> None:
    """Bullets under "Immediately:" / "Within three months:" / "Within six months:", numbered 1..n in order."""
    number = 0
    for section in sections:
        if section.kind != "tier":
            continue
        items = bullet_items(lines, section.first - 1, section.last)
        if not items:
            out.warn(f"line {section.heading_line}: no recommendations under '{section.heading}'")
        for item in items:
            number += 1
            iri = add_recommendation(out, inspection, number, item.text, authority, item.line)
            out.add(iri, SG.tier, SG[section.tier])
            out.add(iri, SG.tierText, section.heading)
    if not number:
        out.warn("no recommendations found under 'Immediately' / 'Within three months' / 'Within six months'")


# --------------------------------------------------------------------------- the loader


def _one_bullet_glyph(line: str) -> str:
    """ "• text", "* text", "\uf0b7 text" -> "- text": the glyph is the exporter's, and bullets inside a
    numbered paragraph stay in its text, so the PDF and a text export must agree on one."""
    # An en dash opening a wrapped line ("– but also …") is wording, not a bullet.
    return "- " + strip_bullet(line).lstrip() if is_bullet(line) and not line.lstrip().startswith("–") else line


def _head(source: SourceText) -> str:
    return " ".join(line.strip() for line in source.lines[:15] if line.strip())


class LACInspectionLoader:
    name: ClassVar[str] = "ofsted-lac"
    genre: ClassVar[NamedNode] = SG.InspectionReport

    def recognise(self, source: SourceText) -> float:
        head = _head(source)
        if not (_LAC_TITLE.search(head) or _SLAC_TITLE.search(head)):
            return 0.0
        return 0.9 if re.search(r"\bInspection dates?\b", head, re.I) else 0.6

    def extract(self, source: SourceText, out: Extraction) -> None:
        lines = [_one_bullet_glyph(line.replace("\t", " ")) for line in prepared_lines(source)]
        sections = read_sections(lines)
        front = read_front(lines, sections[1].heading_line if len(sections) > 1 else len(lines) + 1)
        if front.start is None:
            raise ExtractionError("looked after children inspection without an 'Inspection dates' line")
        authority = resolve_authority(out, [*front.authority_lines, " ".join(lines[:60])])
        if authority is None:
            if not front.authority_lines:
                raise ExtractionError("no local authority named under the report's title")
            authority = provisional_authority(out, clean(" ".join(front.authority_lines)))
        inspection = inspection_iri(authority, front.slug, front.start)
        first_line = next((n for n, line in enumerate(lines, 1) if line.strip()), 1)
        add_inspection(out, inspection, first_line, front.framework, authority, front.start, front.end, front.published,
                       out.document)
        out.add(inspection, DCTERMS.title, front.title)
        out.add(out.document, DCTERMS.title, front.title)
        out.add(out.document, DCTERMS.issued, front.published)
        if front.lead:
            name, role, line = front.lead
            out.add(inspection, SG.leadInspector, add_person(out, name, role, line))
        else:
            out.warn("no reporting or lead inspector on the front page")
        by_part = front.slug == "slac"
        judgements = all_judgements(lines, sections, out, by_part)
        if not judgements:
            out.warn("no judgements found")
        write_judgements(out, inspection, judgements, by_part)
        write_paragraphs(out, inspection, lines, sections)
        write_recommendations(out, inspection, authority, lines, sections)


LOADER = LACInspectionLoader()
