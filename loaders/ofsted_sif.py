"""Ofsted single inspection framework (SIF) reports, 2013–2018, with their LSCB reviews.

Three generations of the template are read by one set of rules:
(a) early 2014: one paragraph numbering through the whole report (summary points,
    recommendations under "What does the local authority need to improve?" split into
    "Priority and immediate action" / "Areas for improvement", findings, LSCB part), the
    overall grade as a sentence ("The overall judgement is good");
(b) 2014–15: the same, plus numbered strengths and "progress since the last inspection";
(c) 2016–17: "Recommendations" numbered from 1, findings continuing the numbering and citing
    "(Recommendation N)", "(Recommendations N and M)" or a bare "(Recommendation)", LSCB
    recommendations sometimes citing "(para. N)".
Re-inspections have no LSCB part. The same parser reads a standalone LSCB review or the LSCB
section on its own (:mod:`safeguarding_kg.loaders.lscb_review`) and a report embedded in a
committee pack (:func:`extract_report`, :func:`find_embedded_report`).

What is extracted: the inspection (authority and/or board, dates, team), every graded
judgement, every recommendation (number, text, addressee, tier, paragraph references), every
numbered findings paragraph (area, heading, recommendation markers), and the other numbered
paragraphs as ``sg:ReportParagraph`` typed by kind.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from safeguarding_kg.iris import board_iri, inspection_iri, text_key, within
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit import authority as authority_lookup
from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_range
from safeguarding_kg.loaders.toolkit.inspections import add_inspection, add_judgement, add_recommendation
from safeguarding_kg.loaders.toolkit.judgement_terms import area_concept, grade_concept, local_name
from safeguarding_kg.loaders.toolkit.people import add_person
from safeguarding_kg.loaders.toolkit.report_structure import (
    Heading,
    HeadingRule,
    Paragraph,
    find_headings,
    join_lines,
    judgement_rows,
    numbered_paragraphs,
    prepared_lines,
    rule,
)
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.text import clean, fold
from safeguarding_kg.namespaces import DCTERMS, SG

G = r"(?P<grade>outstanding|good|adequate|inadequate|requires? improvement(?: to be good)?)"
GRADE_TEXT = r"requires? improvement(?: to be good)?|outstanding|good|adequate|inadequate"
VERB = r"(?: (?P<verb>are|is|require|requires|is that it is|is that it))?"

TITLE_PATTERN = re.compile(r"inspection of services for children in need of help and protection", re.I)
REINSPECTION_PATTERN = re.compile(r"\bre-?inspection\b", re.I)
LSCB_TITLE_PATTERN = re.compile(r"^(?:review of the effectiveness of the )?(?:the )?local safeguarding children "
                                r"board(?: \(lscb\))?\s*\S?$", re.I)

# Headings of the body, matched on folded text (lowercase words, punctuation gone).
BODY_RULES: list[HeadingRule] = [
    rule("exec_summary", r"executive summary"),
    rule("key_findings", r"summary of (?:key )?findings"),
    rule("contents", r"contents"),
    rule("ignore", r"(?:section 1 )?the local authority|information about this local authority area"
                   r"|information about this inspection|the inspection team|summary for children and young people"
                   r"|what the inspection judge?ments mean.*|inspection judgements about the local authority"),
    rule("summary", r"summary"),
    rule("improve_lscb", r"what does the (?:lscb|local safeguarding children board) need to improve"),
    rule("improve", r"what does the local authority need to improve"),
    rule("recommendations", r"recommendations"),
    rule("priority", r"priority and immediate action"),
    rule("areas", r"areas for improvement"),
    rule("lscb_strengths", r"key strengths and weaknesses of the (?:lscb|local safeguarding children board)"),
    rule("lscb_strengths_b", r"the (?:lscb|local safeguarding children board) s strengths"),
    rule("strengths", r"(?:key )?strengths|the local authority s strengths"),
    rule("lscb_judgement", r"inspection judgement about the (?:lscb|local safeguarding children board)"),
    rule("progress", r"progress since the last inspection"),
    rule("lscb_findings", r"inspection findings (?:the )?(?:local safeguarding children board|lscb)"),
    rule("findings", r"inspection findings"),
    rule("HelpAndProtection", r"the experiences and progress of children who need help and protection" + VERB
         + f"(?: {G})?"),
    rule("ChildrenInCare", r"the experiences and progress of children looked after and achieving permanence"
         + VERB + f"(?: {G})?"),
    rule("AdoptionPerformance", r"(?:the graded judgement (?:for|about) )?adoption performance" + VERB + f"(?: {G})?"),
    rule("CareLeavers", r"(?:the graded judgement (?:for|about) )?the experiences? and progress of care leavers"
         + VERB + f"(?: {G})?"),
    rule("Leadership", r"leadership management and governance" + VERB + f"(?: {G})?"),
    rule("SafeguardingBoardEffectiveness",
         r"(?:section 2 )?(?:the )?(?:effectiveness (?:of )?)?(?:the )?(?:local safeguarding children board(?: lscb)?"
         r"|lscb)" + VERB + f"(?: {G})?"),
]
AREA_KEYS = {"HelpAndProtection", "ChildrenInCare", "AdoptionPerformance", "CareLeavers", "Leadership",
             "SafeguardingBoardEffectiveness"}
# The body starts at the first of these; everything before it is the front page.
BODY_START_KEYS = {"exec_summary", "key_findings", "contents"}

ROLE_PATTERN = re.compile(
    r"(Lead inspector|Deputy lead inspector|Team inspectors?|Shadow inspectors?|Senior data analyst|"
    r"Quality assurance manager|Associate inspectors?|Additional inspectors?|Lead HMI|HMI|"
    r"Senior HMI|Social care regulatory inspectors?|Ofsted inspectors?)\s*:\s*", re.I)
MARKER_PATTERN = re.compile(r"\((Recommendations?)\b([^()]*)\)", re.I)
PARA_REF_PATTERN = re.compile(r"\((?:para(?:graph)?s?\.?)\s*(\d[\d,\s–-]*(?:(?:and|&)\s*\d+)?)\)", re.I)


OVERALL = re.compile(r"^(Children'?s services in .+?|The overall judgement(?: is that children'?s services)?)"
                     r"\s+(?:is\s+|are\s+)?(" + GRADE_TEXT + r")\b", re.I)


# --------------------------------------------------------------------------- reading the structure


@dataclass
class Numbered:
    """A numbered paragraph with where it sits."""

    paragraph: Paragraph
    mode: str  # summary, strengths, progress, recs, findings, other
    part: str  # la or lscb
    area: str | None
    section: str | None
    tier: str | None
    tier_text: str | None


@dataclass
class ReportReading:
    """What the parser read from a report's lines, before any IRIs are made."""

    judgements: list[tuple[str, str, str, int]] = field(default_factory=list)  # area key, area text, grade, line
    numbered: list[Numbered] = field(default_factory=list)
    bullet_recs: list[tuple[str, int, str, str | None]] = field(default_factory=list)  # part, line, text, tier
    has_lscb: bool = False


def read_structure(lines: list[str], body_start: int, out: Extraction) -> ReportReading:
    """Walk the body's headings, parsing numbered paragraphs region by region."""
    reading = ReportReading()
    headings = find_headings(lines, BODY_RULES, start=body_start)
    part, mode, area, section, tier, tier_text = "la", "other", None, None, None, None
    expected: int | None = None
    bounds = [h.line for h in headings[1:]] + [len(lines) + 1]
    lead_in = headings[0].line - 1 if headings else len(lines)
    headings_and_ends = [(None, body_start, lead_in)] if lead_in >= body_start else []
    headings_and_ends += [(h, h.last_line + 1, end - 1) for h, end in zip(headings, bounds, strict=True)]
    for heading, first, last in headings_and_ends:
        if heading is not None:
            part, mode, area, section, tier, tier_text = _enter(heading, reading, part, mode, area, section,
                                                                tier, tier_text)
        if mode == "ignore":
            continue
        if mode == "recs" and part == "lscb" and _bulleted(lines, first, last):
            reading.bullet_recs += [(part, line, text, tier) for line, text in _bullets(lines, first, last)]
            continue
        for paragraph in numbered_paragraphs(lines, first, last, expected):
            reading.numbered.append(Numbered(paragraph, mode, part, area, section, tier, tier_text))
            expected = paragraph.number + 1
    return reading


def _enter(h: Heading, reading: ReportReading, part: str, mode: str, area: str | None, section: str | None,
           tier: str | None, tier_text: str | None):
    """The reading state after heading ``h``."""
    key = h.key
    topic_in_recs = mode == "recs" and key in AREA_KEYS - {"SafeguardingBoardEffectiveness"} \
        and not h.match.groupdict().get("grade")
    if topic_in_recs:  # "Leadership, management and governance" as a topic among the recommendations
        return part, mode, area, section, tier, tier_text
    if key in AREA_KEYS:
        grade = h.match.groupdict().get("grade")
        if key == "SafeguardingBoardEffectiveness":
            reading.has_lscb = True
            if grade:
                reading.judgements.append((key, _area_before_verb(h.text), _grade_as_written(h.text, grade), h.line))
            return "lscb", ("other" if grade is None else mode), key, section, None, None
        if grade and not h.match.groupdict().get("verb"):
            text = re.sub(r"\s+(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|adequate|inadequate)$",
                          "", h.text, flags=re.I)
        else:
            text = h.text
        return "la", "findings", key, text, None, None
    if key == "lscb_findings":
        reading.has_lscb = True
        return "lscb", "findings", "SafeguardingBoardEffectiveness", h.text, None, None
    if key == "lscb_strengths_b":
        return "lscb", "strengths", "SafeguardingBoardEffectiveness", section, None, None
    if key == "lscb_judgement":
        reading.has_lscb = True
        return "lscb", "findings", "SafeguardingBoardEffectiveness", h.text, None, None
    if key == "lscb_strengths":
        reading.has_lscb = True
        return "lscb", "findings", "SafeguardingBoardEffectiveness", h.text, None, None
    if key in ("exec_summary", "key_findings"):
        return part, "summary", area, section, None, None
    if key == "summary":
        # An area's summary is never numbered; in 2014–15 reports its numbered findings follow
        # it directly, with no "Inspection findings" heading.
        return part, ("findings" if area else "summary"), area, section, None, None
    if key in ("contents", "ignore"):
        return part, "ignore", area, section, None, None
    if key == "improve":
        return "la", "recs", area, section, None, None
    if key == "improve_lscb":
        return "lscb", "recs", area, section, None, None
    if key == "recommendations":
        return part, "recs", area, section, None, None
    if key == "priority":
        return part, "recs", area, section, "PriorityAndImmediateAction", h.text
    if key == "areas":
        return part, "recs", area, section, "AreaForImprovement", h.text
    if key == "strengths":
        return part, "strengths", area, section, None, None
    if key == "progress":
        return part, "progress", area, section, None, None
    if key == "findings":
        return part, "findings", area, section, None, None
    return part, mode, area, section, tier, tier_text


def _area_before_verb(text: str) -> str:
    m = re.match(r"^(.*?)\s+(?:is|are|requires?)\b", text, re.I)
    return clean(m.group(1)) if m else text


def _grade_as_written(text: str, folded_grade: str) -> str:
    words = folded_grade.split()
    m = re.search(r"\s".join(map(re.escape, words)) + r"\s*\W*$", text, re.I)
    return clean(m.group(0)).rstrip(".") if m else folded_grade


_BULLET_LINE = re.compile(r"^\s*(?:[-•●▪■◦‣∙*]|[\ue000-\uf8ff])\s+")


def _bulleted(lines: list[str], first: int, last: int) -> bool:
    return any(_BULLET_LINE.match(lines[n - 1]) for n in range(first, last + 1))


def _bullets(lines: list[str], first: int, last: int) -> list[tuple[int, str]]:
    """Bullet items (continuation lines joined): the unnumbered recommendations of LSCB reviews."""
    items: list[tuple[int, list[str]]] = []
    for number in range(first, last + 1):
        line = lines[number - 1]
        if _BULLET_LINE.match(line):
            items.append((number, [_BULLET_LINE.sub("", line, count=1)]))
        elif line.strip() and items:
            items[-1][1].append(line)
    return [(line, join_lines(parts)) for line, parts in items]


# --------------------------------------------------------------------------- front page


@dataclass
class FrontPage:
    authority_name: str | None
    start: dt.date | None
    end: dt.date | None
    published: dt.date | None
    title: str | None
    body_start: int
    reinspection: bool


def read_front(lines: list[str]) -> FrontPage:
    headings = find_headings(lines, [r for r in BODY_RULES if r.key in BODY_START_KEYS])
    body_start = headings[0].line if headings else 1
    front = lines[: body_start - 1]
    nonblank = [line.strip() for line in front if line.strip()]
    authority_name = nonblank[0] if nonblank and not TITLE_PATTERN.search(nonblank[0]) else None
    start = end = published = None
    for line in front:
        if re.match(r"^\s*inspection dates?\b", line, re.I):
            found = parse_range(line.replace("–", " to "))
            if found:
                start, end = found
            else:
                start = parse_date(line)
        elif re.match(r"^\s*(?:report )?published\b", line, re.I):
            published = parse_date(line)
    title_lines = [line for line in nonblank[1:8] if not re.match(r"^(?:inspection date|report published)", line, re.I)]
    title = clean(" ".join(_title_lines(title_lines))) or None
    return FrontPage(authority_name, start, end, published, title, body_start,
                     bool(REINSPECTION_PATTERN.search(" ".join(nonblank[:8]))))


def _title_lines(lines: list[str]) -> list[str]:
    taken: list[str] = []
    for line in lines:
        if re.match(r"^(?:children'?s services in|the overall judgement|\d\.)", line, re.I):
            break
        taken.append(line)
    return taken


def front_judgements(lines: list[str], body_start: int) -> list[tuple[str, str, str, int]]:
    """The front page's judgements: the overall grade, the table rows and the LSCB sentence."""
    found: list[tuple[str, str, str, int]] = []
    for number in range(1, body_start):
        # The sentence may wrap: "The overall judgement is that children's services are" / "inadequate".
        line = " ".join(x.replace("\t", " ").strip() for x in lines[number - 1: number + 1]).strip()
        overall = OVERALL.match(line)
        if overall and re.match(r"^(?:children'?s services in|the overall judgement)", lines[number - 1].strip(), re.I):
            found.append(("OverallEffectiveness", clean(overall.group(1)), clean(overall.group(2)), number))
            break
    for row in judgement_rows(lines, 1, body_start - 1):
        area = area_concept(row.area_text)
        if area:
            found.append((local_name(area), row.area_text, row.grade_text, row.line))
    return found


def front_lscb_judgement(lines: list[str], body_start: int) -> tuple[str, str, str, int] | None:
    """"The effectiveness of the Local Safeguarding Children Board (LSCB) requires improvement" on the front page."""
    rules = [r for r in BODY_RULES if r.key == "SafeguardingBoardEffectiveness"]
    for h in find_headings(lines, rules, start=1, end=body_start - 1):
        grade = h.match.groupdict().get("grade")
        if grade:
            return ("SafeguardingBoardEffectiveness", _area_before_verb(h.text), _grade_as_written(h.text, grade),
                    h.line)
    return None


# --------------------------------------------------------------------------- inspectors


def read_team(lines: list[str]) -> list[tuple[str, str, int]]:
    """(name, role as written, line) for each person in "The inspection team" block."""
    start = next((n for n, line in enumerate(lines, 1) if fold(line) == "the inspection team"), None)
    if start is None:
        return []
    people: list[tuple[str, str, int]] = []
    role: tuple[str, int] | None = None
    names: list[str] = []

    def flush() -> None:
        if role:
            for name in _split_names(" ".join(names)):
                people.append((name, role[0], role[1]))

    for number in range(start + 1, min(start + 30, len(lines) + 1)):
        line = lines[number - 1].replace("\t", " ").strip()
        if not line:
            continue
        m = ROLE_PATTERN.match(line)
        if m:
            flush()
            role, names = (clean(m.group(1)), number), [line[m.end():]]
        elif role and re.match(r"^[A-Z][a-z]", line) and not re.search(r"\b(?:the|of|should|please)\b", line):
            names.append(line)
        else:
            break
    flush()
    return people


def _split_names(text: str) -> list[str]:
    text = clean(text).rstrip(".")
    if not text or fold(text) in {"n a", "none"}:
        return []
    parts = re.split(r",\s*|\s+and\s+", text)
    return [clean(re.sub(r"\s+HMI$", "", p)) for p in parts if p.strip() and fold(p) not in {"n a", "none"}]


# --------------------------------------------------------------------------- writing the graph


@dataclass
class Context:
    out: Extraction
    inspection: NamedNode
    authority: NamedNode | None
    board: NamedNode | None


def resolve_authority(out: Extraction, name: str | None, text_for_search: str) -> NamedNode:
    """The authority the header line ``name`` names, else the first named in ``text_for_search``;
    a header name the register does not know becomes a provisional authority."""
    found = authority_lookup.resolve_authority(out, [name, text_for_search] if name else [text_for_search])
    if found:
        return found
    if not name:
        raise ExtractionError("no local authority named in the report's header or text")
    return authority_lookup.provisional_authority(out, name)


def write_judgements(ctx: Context, judgements: list[tuple[str, str, str, int]]) -> None:
    for area, area_text, grade_text, line in judgements:
        iri = within(ctx.inspection, "judgement", area)
        if (iri, SG.Judgement) in ctx.out._declared:
            continue  # the LSCB grade restated in the LSCB part: one judgement
        add_judgement(ctx.out, iri, ctx.inspection, SG[area], grade_concept(grade_text), grade_text, area_text, line)


PARAGRAPH_KINDS = {"summary": SG.SummaryPoint, "strengths": SG.StrengthParagraph,
                   "progress": SG.ProgressSinceLastInspection, "other": SG.OtherParagraph}


def write_numbered(ctx: Context, reading: ReportReading) -> None:
    out = ctx.out
    recs = [n for n in reading.numbered if n.mode == "recs"]
    for item in reading.numbered:
        p = item.paragraph
        if item.mode == "recs":
            write_recommendation(ctx, p.number, p.text, p.line, item.part, item.tier, item.tier_text)
        elif item.mode == "findings" and item.area:
            iri = within(ctx.inspection, "finding", p.number)
            out.node(iri, SG.Finding, line=p.line)
            out.add(iri, SG.ofInspection, ctx.inspection)
            out.add(iri, SG.findingKind, SG.NumberedFinding)
            out.add(iri, SG.paragraphNumber, p.number)
            out.add(iri, SG.text, p.text)
            out.add(iri, SG.judgementArea, SG[item.area])
            out.add(iri, SG.sectionHeading, item.section)
            write_markers(ctx, iri, p.text)
        else:
            iri = within(ctx.inspection, "paragraph", p.number)
            out.node(iri, SG.ReportParagraph, line=p.line)
            out.add(iri, SG.ofInspection, ctx.inspection)
            out.add(iri, SG.paragraphKind, PARAGRAPH_KINDS.get(item.mode, SG.OtherParagraph))
            out.add(iri, SG.paragraphNumber, p.number)
            out.add(iri, SG.text, p.text)
            out.add(iri, SG.sectionHeading, item.section if item.mode != "summary" else None)
    for position, (part, line, text, tier) in enumerate(reading.bullet_recs, start=1):
        write_recommendation(ctx, position, text, line, part, tier, None)
    if not recs and not reading.bullet_recs:
        out.warn("no recommendations found")


def write_recommendation(ctx: Context, number: int, text: str, line: int, part: str, tier: str | None,
                         tier_text: str | None) -> None:
    out = ctx.out
    addressee = ctx.board if part == "lscb" and ctx.board else ctx.authority
    iri = add_recommendation(out, ctx.inspection, number, text, addressee, line)
    if tier:
        out.add(iri, SG.tier, SG[tier])
        out.add(iri, SG.tierText, tier_text)
    for finding_number in paragraph_refs(text):
        finding = within(ctx.inspection, "finding", finding_number)
        out.add(iri, SG.basedOnFinding, finding)
        # The report itself pairs them: the inverse link is a fact, not a guess.
        out.add(finding, SG.citesRecommendation, iri)


def paragraph_refs(text: str) -> list[int]:
    refs: list[int] = []
    for m in PARA_REF_PATTERN.finditer(text):
        body = m.group(1)
        for a, b in re.findall(r"(\d+)\s*[–-]\s*(\d+)", body):
            refs += range(int(a), int(b) + 1)
        body = re.sub(r"(\d+)\s*[–-]\s*(\d+)", "", body)
        refs += [int(n) for n in re.findall(r"\d+", body)]
    return refs


def write_markers(ctx: Context, finding: NamedNode, text: str) -> None:
    """"(Recommendation N)" / "(Recommendations N and M)" link; a bare "(Recommendation)" does not."""
    for m in MARKER_PATTERN.finditer(text):
        ctx.out.add(finding, SG.recommendationMarker, m.group(0))
        numbers = [int(n) for n in re.findall(r"\d+", m.group(2))]
        if not numbers:
            ctx.out.add(finding, SG.unnumberedRecommendationMarker, True)
        for number in numbers:
            ctx.out.add(finding, SG.citesRecommendation, within(ctx.inspection, "recommendation", number))


def write_team(ctx: Context, lines: list[str]) -> None:
    team = read_team(lines)
    if not team:
        ctx.out.warn("no inspection team found")
    for name, role, line in team:
        person = add_person(ctx.out, name, role, line)
        predicate = SG.leadInspector if fold(role) in {"lead inspector", "lead hmi"} else SG.teamMember
        ctx.out.add(ctx.inspection, predicate, person)


# --------------------------------------------------------------------------- entry points


def extract_report(source: SourceText, out: Extraction) -> NamedNode:
    """Extract one SIF report (a whole file, or ``source.excerpt(a, b)`` read under
    ``with out.reading(excerpt):``); returns the inspection's IRI."""
    lines = prepared_lines(source)
    front = read_front(lines)
    if front.start is None:
        raise ExtractionError("SIF report without an 'Inspection date' line: the inspection cannot be named")
    authority = resolve_authority(out, front.authority_name, "\n".join(lines[:40]))
    inspection = inspection_iri(authority, "sif", front.start)
    reading = read_structure(lines, front.body_start, out)
    board = board_iri(authority) if reading.has_lscb else None
    ctx = Context(out, inspection, authority, board)
    first_line = next((n for n, line in enumerate(lines, 1) if line.strip()), 1)
    add_inspection(out, inspection, first_line, SG.SIF, authority, front.start, front.end, front.published,
                   out.document)
    out.add(inspection, DCTERMS.title, front.title)
    if front.reinspection:
        out.add(inspection, SG.isReinspection, True)
    if board is not None:
        out.node(board, SG.SafeguardingBoard)
        out.add(board, SG.servesAuthority, authority)
        out.add(inspection, SG.inspectedBoard, board)
    judgements = front_judgements(lines, front.body_start)
    lscb_front = front_lscb_judgement(lines, front.body_start)
    write_judgements(ctx, judgements + ([lscb_front] if lscb_front else []) + reading.judgements)
    if not judgements:
        out.warn("no judgement table found on the front page")
    write_numbered(ctx, reading)
    write_team(ctx, lines)
    return inspection


def find_embedded_report(source: SourceText) -> tuple[int, int] | None:
    """(first_line, last_line) of a SIF report inside a longer text (a committee pack), or None.

    The report starts at the authority's name above its title "Inspection of services for
    children in need of help and protection…" and ends at Ofsted's "© Crown copyright" line
    (or the end of the text)."""
    lines = source.lines
    title = next((n for n, line in enumerate(lines, 1) if TITLE_PATTERN.search(line)
                  and any(re.match(r"^\s*inspection dates?\b", x, re.I) for x in lines[n: n + 15])), None)
    if title is None:
        return None
    first = title
    for number in range(title - 1, max(title - 4, 0), -1):
        if lines[number - 1].strip():
            first = number
            break
    last = next((n for n in range(title, len(lines) + 1) if re.search(r"©\s*Crown copyright", lines[n - 1])),
                len(lines))
    return first, last


def recognise_sif(source: SourceText) -> float:
    head = "\n".join(line for line in source.lines[:60] if line.strip())
    if not TITLE_PATTERN.search(head.replace("\n", " ")):
        return 0.0
    return 0.9 if re.search(r"^\s*inspection dates?\b", head, re.I | re.M) else 0.6


class SIFLoader:
    name = "ofsted-sif"
    genre = SG.InspectionReport

    def recognise(self, source: SourceText) -> float:
        return recognise_sif(source)

    def extract(self, source: SourceText, out: Extraction) -> None:
        extract_report(source, out)
        front = read_front(prepared_lines(source))
        out.add(out.document, DCTERMS.title, front.title)
        out.add(out.document, DCTERMS.issued, front.published)


LOADER = SIFLoader()


def undated_key(texts: list[str]) -> str:
    """The stable key of an undated LSCB section: a hash of its paragraph texts."""
    return text_key(" ".join(texts))
