"""Ofsted inspection letters: focused visits, monitoring visits, JTAIs and 2009–12 unannounced inspections.

Every one of these is a letter to the director of children's services, on one template:

    <letter date>                      (dcterms:issued of the letter, sg:publishedDate of the inspection)
    <addressee and address>
    Dear <name>
    <title>                            "Focused visit to …", "Monitoring visit to …", "Joint targeted area
                                       inspection of …", "Annual unannounced inspection of contact, referral
                                       and assessment arrangements within …"
    This letter summarises the findings of … on <dates>. <who the inspectors were>
    <headed sections>
    Yours sincerely
    <signatory and role>               (the lead inspector; a JTAI letter is signed instead by each
                                        inspectorate's national lead: sg:signatory, no lead inspector)

Headed sections and what their items become (IRI ``within(inspection, "finding", kind_slug, position)``,
or the paragraph number where the letter numbers them):

    "Overview" (focused visits 2018–20), "Headline findings"    -> findings, sg:HeadlineFinding
    "Findings", "Main findings", "Findings and evaluation of
      progress", "Evaluation of progress"                        -> findings, sg:MainFinding
    "What needs to improve …"                                    -> recommendations 1..n (like ILACS)
    "Areas for priority action"                                  -> findings, sg:AreaForPriorityActionItem
    "Strengths", "Key strengths"                                 -> findings, sg:StrengthItem
    "The service meets the requirements of statutory guidance …" -> findings, sg:MeetsRequirementsItem
    "Areas for development", "Areas for improvement"             -> findings, sg:AreaForDevelopmentItem

Items are bullets where the section has bullets, numbered paragraphs where it numbers them, and
otherwise paragraphs (a .txt letter has one paragraph a line; in PDF text paragraphs are told
apart by where lines end, see ``toolkit.paragraphs.prose_paragraphs``).
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
from safeguarding_kg.loaders.toolkit.inspections import add_inspection, add_recommendation
from safeguarding_kg.loaders.toolkit.paragraphs import (
    Item,
    bullet_items,
    footnote_lines,
    footnote_marker_lines,
    letterhead_lines,
    numbered_items,
    paragraph_number_at,
    prose_paragraphs,
    text_width,
)
from safeguarding_kg.loaders.toolkit.people import ROLE, add_person, looks_like_name, split_name_role
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.text import clean, is_bullet
from safeguarding_kg.namespaces import DCTERMS, SG


@dataclass(frozen=True)
class Framework:
    concept: NamedNode
    slug: str  # framework slug of the inspection IRI
    title: re.Pattern[str]
    #: The template ends its findings with a "What needs to improve" list (monitoring visits have none).
    improvement_list: bool = True
    #: The signatories are the inspectorates' national leads (JTAI), not the lead inspector.
    signed_by_inspectorates: bool = False


FRAMEWORKS = (
    Framework(SG.UnannouncedInspection, "unannounced",
              re.compile(r"^\s*(?:Annual )?unannounced inspection of contact,? referral and assessment", re.I)),
    Framework(SG.FocusedVisit, "focused-visit", re.compile(r"^\s*Focused visit (?:to|of)\b", re.I)),
    Framework(SG.MonitoringVisit, "monitoring-visit", re.compile(r"^\s*Monitoring visit (?:to|of)\b", re.I),
              improvement_list=False),
    Framework(SG.JTAI, "jtai", re.compile(r"^\s*Joint targeted area inspection\b", re.I),
              signed_by_inspectorates=True),
)

RECOMMENDATIONS = "recommendations"


@dataclass(frozen=True)
class SectionKind:
    heading: re.Pattern[str]
    kind: NamedNode | str  # a finding-kind concept, or RECOMMENDATIONS
    slug: str


SECTIONS = (
    SectionKind(re.compile(r"^(?:Overview|Headline findings)$", re.I), SG.HeadlineFinding, "headline-finding"),
    SectionKind(re.compile(r"^(?:Main findings|Findings|Findings and evaluation of progress|Evaluation of progress)$",
                           re.I), SG.MainFinding, "main-finding"),
    SectionKind(re.compile(r"^What needs to improve\b.*$", re.I), RECOMMENDATIONS, "recommendation"),
    SectionKind(re.compile(r"^Areas? for priority action$", re.I), SG.AreaForPriorityActionItem,
                "area-for-priority-action"),
    SectionKind(re.compile(r"^(?:Key )?strengths$", re.I), SG.StrengthItem, "strength"),
    SectionKind(re.compile(r"^The service meets the requirements of statutory guidance in the following areas$", re.I),
                SG.MeetsRequirementsItem, "meets-requirements"),
    SectionKind(re.compile(r"^Areas? for (?:development|improvement)$", re.I), SG.AreaForDevelopmentItem,
                "area-for-development"),
)
# Headings that end a section without starting one we read (case studies, next steps).
_OTHER_HEADING = re.compile(r"^(?:Case study\b.*|Next steps|Areas covered by the visit|Evaluation of progress "
                            r"since the last visit)$", re.I)
# Where the body ends: the closing formula, the signature, or the unannounced letters' closing sentence.
_CLOSING = re.compile(r"^\s*(?:Ofsted will take the findings|Any areas for development identified above|"
                      r"Yours (?:sincerely|faithfully)|Your sincerely|We will (?:discuss|meet)|"
                      r"If you have any questions)", re.I)
_SIGN_OFF = re.compile(r"^\s*Yours? (?:sincerely|faithfully),?\s*$", re.I)
_SALUTATION = re.compile(r"^\s*Dear\s+\S", re.I)
_SUMMARY = re.compile(r"This letter summarises", re.I)
_TEAM = re.compile(
    r"(?:inspectors?(?: for this (?:visit|inspection))? (?:were|was)|carried out by(?: (?:Her|His) Majesty.s "
    r"Inspectors,?)?|conducted by)\s+(?P<names>[^.]+?)(?:,? (?:two|three|four|five|all|both) of (?:whom are )?"
    r"(?:Her|His) Majesty.s [Ii]nspectors|,? all of whom are (?:Her|His) Majesty.s [Ii]nspectors)?\.",
    re.I,
)
#: How far into the letter its date, salutation and title are looked for.
HEAD_LINES = 45


class OfstedLetterLoader:
    name: ClassVar[str] = "ofsted-letter"
    genre: ClassVar[NamedNode] = SG.InspectionLetter

    def recognise(self, source: SourceText) -> float:
        found = _title(source.lines)
        return 0.9 if found else 0.0

    def extract(self, source: SourceText, out: Extraction) -> None:
        lines = source.lines
        found = _title(lines)
        if found is None:
            raise ExtractionError("letter without a salutation followed by an inspection title")
        title_index, framework = found
        title = clean(lines[title_index])
        out.add(out.document, DCTERMS.title, title)
        letter_date = _letter_date(lines, title_index)
        if letter_date is None:
            out.warn("no letter date above the salutation")
        out.add(out.document, DCTERMS.issued, letter_date)

        skip = _skipped_lines(source)
        first_section = _first_section(lines, title_index + 1)
        intro = clean(" ".join(lines[title_index + 1 : first_section]))
        # The address block names the council; Ofsted's own letterhead ("… Bristol BS1 6NL …
        # enquiries@ofsted.gov.uk") names a city that is also an authority, so it is left out.
        address = [line for line in lines[:title_index] if "ofsted" not in line.lower()]
        authority = resolve_authority(out, [title, _summary_sentence(intro), *address])
        if authority is None:
            raise ExtractionError(f"letter naming no local authority in its title or address: {title!r}")
        start, end = _visit_dates(intro)
        inspection = inspection_iri(authority, framework.slug, start)
        add_inspection(out, inspection, title_index + 1, framework.concept, authority, start, end, letter_date,
                       out.document)
        if framework.signed_by_inspectorates:
            _inspectorate_signatories(lines, title_index, inspection, out)
        else:
            _inspectors(lines, intro, title_index, inspection, out)
        _sections(source, first_section, skip, inspection, authority, out, framework)


def _title(lines: list[str]) -> tuple[int, Framework] | None:
    """The title line (the first after the salutation) and its framework."""
    for index, line in enumerate(lines[:HEAD_LINES]):
        if not _SALUTATION.match(line):
            continue
        for candidate in range(index + 1, min(index + 4, len(lines))):
            for framework in FRAMEWORKS:
                if framework.title.match(lines[candidate]):
                    return candidate, framework
    return None


def _letter_date(lines: list[str], title_index: int) -> dt.date | None:
    """The date standing on a line of its own above the salutation."""
    for line in lines[:title_index]:
        text = line.strip()
        if text and len(text) <= 25 and parse_date(text):
            return parse_date(text)
    return None


def _summary_sentence(intro: str) -> str:
    m = _SUMMARY.search(intro)
    return intro[m.start() : m.start() + 300] if m else intro[:300]


def _visit_dates(intro: str) -> tuple[dt.date, dt.date]:
    """ "… on 13 and 14 April 2011", "between 20 and 22 October 2020", "from 17 to 21 January 2022"."""
    text = _summary_sentence(intro)
    found = parse_range(text) or parse_range(intro)
    if found:
        return found
    single = parse_date(text) or parse_date(intro)
    if single is None:
        raise ExtractionError("letter without the dates of the visit or inspection in its opening paragraph")
    return single, single


def _skipped_lines(source: SourceText) -> set[int]:
    """Letterhead blocks, page-foot footnotes and lone footnote numbers: never part of an item."""
    footnotes, numbers = footnote_lines(source.lines, source.pages)
    return letterhead_lines(source.lines) | footnotes | footnote_marker_lines(source.lines, numbers)


# ---------------------------------------------------------------------- inspectors


def _inspectors(lines: list[str], intro: str, title_index: int, inspection: NamedNode, out: Extraction) -> None:
    """The signatory is the lead inspector; the other inspectors the opening paragraph names are the team."""
    signatories = _signatories(lines, title_index)
    if not signatories:
        out.warn("no signatory after 'Yours sincerely'")
    lead_name = signatories[0][0] if signatories else None
    for position, (name, role, line) in enumerate(signatories):
        person = add_person(out, name, role, line)
        out.add(inspection, SG.leadInspector if position == 0 else SG.teamMember, person)
    m = _TEAM.search(intro)
    if not m:
        return
    sentence = intro[max(0, m.start() - 20) : m.end()]  # "Her Majesty's Inspectors for this visit were …"
    majesty = re.search(r"\b(Her|His) Majesty.s Inspectors", sentence, re.I)
    role = f"{majesty[1].capitalize()} Majesty’s Inspector" if majesty else "HMI" if "HMI" in sentence else None
    signed = {name for name, _, _ in signatories}
    for name in _names(m["names"]):
        if name != lead_name and name not in signed:
            out.add(inspection, SG.teamMember, add_person(out, name, role, title_index + 2))


def _inspectorate_signatories(lines: list[str], title_index: int, inspection: NamedNode, out: Extraction) -> None:
    """A JTAI letter is signed for each inspectorate by its national lead: a name, then the post and
    inspectorate on the next line(s). They sign the letter; the inspection team is not named."""
    sign_off = next((i for i in range(len(lines) - 1, title_index, -1) if _SIGN_OFF.match(lines[i])), None)
    if sign_off is None:
        out.warn("no signatories after 'Yours sincerely'")
        return
    blocks: list[list[tuple[int, str]]] = [[]]
    for index in range(sign_off + 1, len(lines)):
        text = clean(lines[index])
        if text:
            blocks[-1].append((index + 1, text))
        elif blocks[-1]:
            blocks.append([])
    signed = 0
    for block in blocks:
        if not block:
            continue
        name, role = split_name_role(block[0][1])
        if not looks_like_name(name):
            continue
        role = clean(" ".join([role or "", *(text for _, text in block[1:])])) or None
        out.add(inspection, SG.signatory, add_person(out, name, role, block[0][0]))
        signed += 1
    if not signed:
        out.warn("no signatories after 'Yours sincerely'")


def _names(text: str) -> list[str]:
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", text)
    names = [re.sub(r"\bHMI\b", "", part).strip(" ,") for part in parts]
    return [name for name in names if looks_like_name(name)]


def _signatories(lines: list[str], title_index: int) -> list[tuple[str, str | None, int]]:
    """(name, role, line) of each person signing after "Yours sincerely": name and role on one line or two."""
    sign_off = next((i for i in range(len(lines) - 1, title_index, -1) if _SIGN_OFF.match(lines[i])), None)
    if sign_off is None:
        return []
    people: list[tuple[str, str | None, int]] = []
    index = sign_off + 1
    while index < len(lines):
        text = clean(lines[index])
        index += 1
        if not text or text.lower().startswith(("copy", "cc")):
            if text:
                break
            continue
        if ROLE.match(text):  # a role on its own line: the fuller form of the previous signatory's role
            if people and (people[-1][1] is None or people[-1][1] == "HMI"):
                people[-1] = (people[-1][0], text, people[-1][2])
            continue
        name, role = split_name_role(text)
        if not looks_like_name(name):
            continue
        people.append((name, role, index))
    return people


# ---------------------------------------------------------------------- sections


def _section_kind(line: str) -> SectionKind | None:
    text = clean(line).rstrip("?: ").strip()
    return next((kind for kind in SECTIONS if kind.heading.match(text)), None)


def _first_section(lines: list[str], start: int) -> int:
    return next((i for i in range(start, len(lines)) if _section_kind(lines[i]) or _CLOSING.match(lines[i])),
                len(lines))


def _sections(source: SourceText, first: int, skip: set[int], inspection: NamedNode, authority: NamedNode,
              out: Extraction, framework: Framework) -> None:
    lines = source.lines
    width = text_width(lines) if source.pages is not None else 10**9  # a .txt letter: one paragraph a line
    bounds = _section_bounds(lines, first)
    if not bounds:
        out.warn("no headed sections (Findings, What needs to improve, Strengths, …) in the letter")
    kinds = {kind.slug for kind, _, _ in bounds}
    if framework.improvement_list and RECOMMENDATIONS not in {kind.kind for kind, _, _ in bounds} \
            and "strength" not in kinds:
        out.warn("no 'What needs to improve' list in the letter")
    positions: dict[str, int] = {}
    for kind, start, stop in bounds:
        items = _items(lines, start, stop, skip, width)
        if not items:
            out.warn(f"section '{clean(lines[start - 1])}' has no items")
        for item in items:
            positions[kind.slug] = positions.get(kind.slug, 0) + 1
            if kind.kind == RECOMMENDATIONS:
                add_recommendation(out, inspection, positions[kind.slug], item.text, authority, item.line)
            else:
                _add_finding(out, inspection, kind, positions[kind.slug], item, clean(lines[start - 1]))


def _section_bounds(lines: list[str], first: int) -> list[tuple[SectionKind, int, int]]:
    """(kind, first body line, end) of each section we read, 0-based and end-exclusive."""
    bounds: list[tuple[SectionKind, int, int]] = []
    current: tuple[SectionKind, int] | None = None
    for index in range(first, len(lines) + 1):
        at_end = index == len(lines)
        kind = None if at_end else _section_kind(lines[index])
        if at_end or kind or _CLOSING.match(lines[index]) or _OTHER_HEADING.match(clean(lines[index])):
            if current:
                bounds.append((current[0], current[1], index))
            current = (kind, index + 1) if kind else None
            if not at_end and _CLOSING.match(lines[index]):
                break
    return bounds


def _items(lines: list[str], start: int, stop: int, skip: set[int], width: int) -> list[Item]:
    body = [i for i in range(start, stop) if i not in skip and lines[i].strip()]
    if any(is_bullet(lines[i]) for i in body):
        return bullet_items(lines, start, stop, skip)
    numbered = [i for i in body if paragraph_number_at(lines, i) is not None]
    if len(numbered) >= 2:
        first = paragraph_number_at(lines, numbered[0])
        return numbered_items(lines, start, stop, skip, first_numbers={first})
    return prose_paragraphs(lines, start, stop, width, skip)


def _add_finding(out: Extraction, inspection: NamedNode, kind: SectionKind, position: int, item: Item,
                 heading: str) -> None:
    number = item.number if item.number is not None else position
    finding = out.node(within(inspection, "finding", kind.slug, number), SG.Finding, line=item.line)
    out.add(finding, SG.ofInspection, inspection)
    out.add(finding, SG.findingKind, kind.kind)
    out.add(finding, SG.paragraphNumber, item.number)
    out.add(finding, SG.sectionHeading, heading)
    out.add(finding, SG.text, item.text)


LOADER = OfstedLetterLoader()
