"""Council committee meeting packs: agenda, minutes of an earlier meeting, covering reports, work plans.

A pack (e.g. a Corporate Parenting Board pack) opens with the committee's name, the meeting
date, time, venue, whether it is public and its quorum; then the agenda (numbered items in a
table, grouped in "Part 1" / "Part 2", each with a bracketed note naming the presenter,
"[TO FOLLOW]" when the paper is not in the pack); then the papers in agenda order: the
minutes of the previous meeting (attendance by party, employees, numbered minutes with
"Resolved:" decisions, numbered sub-resolutions counting one each), covering reports (the
"Report title" table, recommendations for decision or noting, numbered paragraphs) and
appendices such as a forward work plan or a whole Ofsted report.

IRIs: the committee ``within(authority, "committee", slug(name))``; a meeting
``within(committee, "meeting", date)``; an agenda or minutes item ``within(meeting, "item",
n)``; a resolution ``within(item, "resolution", k)`` (k its number, 1 when alone); a covering
report ``within(agenda item, "report")`` (the agenda item whose title it shares; otherwise
``within(meeting, "report", slug(title))``); a work-plan row is a planned meeting (``sg:isPlanned``
unless the pack documents that meeting) with one item ``within(meeting, "planned-item", 1)``
(``sg:hasPlannedItem``, never ``sg:hasAgendaItem``: the meeting's agenda is its agenda items)
whose title and invitees are the cells as written (exports lose the line breaks between
items and names, so splitting them would be guessing). People: ``person_iri(name)`` with
"Cllr"/"Councillor" taken off the name (it is a role).

An Ofsted report inside the pack is read by the SIF loader (``ofsted_sif.extract_report``),
exactly as if loaded alone; the agenda item and covering report about it point to its
inspection (``sg:concernsInspection``), and what the covering report restates about its
judgements is attached to that inspection's judgements (area and grade concepts only).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from safeguarding_kg.authorities import resolve
from safeguarding_kg.iris import slug, within
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit.authority import resolve_authority
from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_range
from safeguarding_kg.loaders.toolkit.judgement_terms import grade_named_in, local_name, restated_area
from safeguarding_kg.loaders.toolkit.people import add_person
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.tables import Row, is_markdown_row, is_tab_row, one_line, read_table
from safeguarding_kg.loaders.toolkit.text import clean, fold, is_bullet, strip_bullet, strip_markup
from safeguarding_kg.namespaces import DCTERMS, ORG, RDF, SG, SKOS

#: Lines only committee papers have, matched on the lower-cased line: each must stand as a heading or
#: label ("Present:", "RESOLVED: That", "Agenda"), so a report's or plan's prose wrapping a word
#: ("… children who present as homeless", "resolved within timescales") is not one.
_MARKERS = [r"^agenda$", r"apologies for absence", r"declarations? of interests?", r"^minutes(?:\s+of\b|\s*$)",
            r"\bquorum\b", r"^report title", r"cabinet member with lead responsibility", r"^item no",
            r"^resolved\s*(?:[:.\-–]|that\b|$)", r"^part [12i]\b",
            # minutes and agendas of any committee
            r"^(?:members |councillors )?present\s*(?::|$)", r"^also (?:present|in attendance)\b",
            r"^officers? (?:present|in attendance)\b", r"^apologies\s*(?::|$|received|were)",
            r"^(?:it was )?(?:resolved|agreed)\s*(?:[:\-–]|that\b|$)", r"\b(?:proposed|moved) by\b.*\bseconded by\b",
            r"^(?:minutes|notes|action notes) of (?:the |a |an )?(?:[\w'’-]+ ){0,6}meeting\b",
            r"^agenda\s*(?::|$)|^agenda item\b",
            r"^(?:venue|date of meeting|time)\s*:", r"^chair(?:man|person)?\s*:",
            r"^any other (?:urgent )?business\b", r"^date (?:and time )?of (?:the )?next meeting\b",
            r"^matters arising\b", r"^(?:attendees|attendance|in attendance)\s*(?::|$)",
            r"^(?:decisions?|actions? agreed)\s*:"]
#: All the markers in one pattern, a named group each: one scan per line instead of ten.
_ANY_MARKER = re.compile("|".join(f"(?P<m{i}>{pattern})" for i, pattern in enumerate(_MARKERS)))
_COMMITTEE_WORDS = re.compile(r"\b(?:board|committee|panel|cabinet|council|forum|group|partnership)\s*$", re.I)
_PARTIES = {"labour", "lab", "conservative", "con", "liberal democrat", "liberal democrats", "lib dem", "green",
            "independent", "ind", "ukip", "reform uk", "plaid cymru", "snp", "non-aligned"}
_GROUP_HEADINGS = re.compile(r"^(?:employees|officers|in attendance|also present|officers present)$", re.I)
_CLLR = re.compile(r"^(?:cllr\.?|councillor)\s+", re.I)
_PRESENTS = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}),\s*(?P<role>[^,\[\]]+?),?\s+(?:to\s+(?:present|give|introduce|"
    r"update|report)|presented|introduced|gave)\b")
_PAGES = re.compile(r"\(\s*Pages?\s+(?P<pages>\d+\s*(?:[-–]\s*\d+)?)\s*\)", re.I)
_RESOLVED = re.compile(r"^resolved\s*[:.\-–]?\s*(?P<rest>.*)$", re.I)
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<text>\S.*)$")
_MINUTE_ITEM = re.compile(r"^(?P<n>\d{1,2})\s+(?P<title>(?!\d)\S.*)$")
_REPORT_FIELDS = {
    "title": r"^report title",
    "cabinet": r"^cabinet member",
    "director": r"^accountable director",
    "employee": r"^accountable employee",
}


class CommitteePackLoader:
    name = "committee-pack"
    genre = SG.CommitteePack

    def recognise(self, source: SourceText) -> float:
        """Committee documents are recognised by their own furniture (attendance, apologies, numbered
        items, resolutions, an agenda heading), which a report they quote never has: 0.95 beats every
        report loader's claim on the report text a minute or pack quotes or embeds."""
        found = set()
        for line in source.lines:
            # an item's number ("3.", "Item 3 -") before a standing item's title
            text = clean(strip_bullet(strip_markup(line))).lower()
            text = re.sub(r"^(?:item\s+)?\d{1,3}[.):]?\s*(?:[-–]\s+)?", "", text)
            found.update(match.lastgroup for match in _ANY_MARKER.finditer(text))
        if len(found) >= 4:
            return 0.95  # agenda + minutes structure: above the SIF loader's claim on an embedded report
        return 0.5 if len(found) == 3 else 0.0

    def extract(self, source: SourceText, out: Extraction) -> None:
        from safeguarding_kg.loaders.committee_minutes import MeetingReader, is_standalone_meeting

        if is_standalone_meeting(source):
            MeetingReader(source, out).read()
        else:
            PackReader(source, out).read()


@dataclass
class Meeting:
    node: NamedNode
    date: dt.date
    items: dict[int, NamedNode] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)


class PackReader:
    def __init__(self, source: SourceText, out: Extraction) -> None:
        self.source, self.out = source, out
        self.lines = list(source.lines)
        self.inspection: NamedNode | None = None
        self.inspection_start: dt.date | None = None
        self.embedded: tuple[int, int] | None = None
        self.people: dict[str, str] = {}  # folded name -> name as first written

    # ---- whole pack

    def read(self) -> None:
        self._read_embedded_report()
        self.authority = self._authority()
        self.committee_name, self.meeting = self._header()
        self._read_agenda()
        self._read_minutes()
        self._read_reports()
        self._read_work_plan()

    def _read_embedded_report(self) -> None:
        from safeguarding_kg.loaders.ofsted_sif import extract_report, find_embedded_report

        found = find_embedded_report(self.source)
        if found is None:
            return
        first, last = found
        with self.out.reading(self.source.excerpt(first, last)):
            self.inspection = extract_report(self.source.excerpt(first, last), self.out)
        starts = [q.object.value for q in self.out.quads
                  if q.subject == self.inspection and q.predicate == SG.startDate]
        self.inspection_start = dt.date.fromisoformat(starts[0]) if starts else None
        self.embedded = found
        for number in range(first, last + 1):  # the pack's own parsers must not read the report
            self.lines[number - 1] = ""

    def _authority(self) -> NamedNode:
        text = "\n".join(self.lines)
        named = resolve_authority(self.out, ["\n".join(self.lines[:60]), text])
        if named is not None:
            return named
        domain = re.search(r"@([a-z-]+)\.gov\.uk", text, re.I)  # "…@wolverhampton.gov.uk"
        found = resolve(domain.group(1).replace("-", " ")) if domain else None
        if found is None:
            raise ExtractionError("no English local authority is named in the pack")
        self.out.authority = found.name
        return found.iri

    def _header(self) -> tuple[str, Meeting]:
        """Committee name, meeting date, time, venue, public or not, quorum: the pack's first lines."""
        head = [(n, clean(line)) for n, line in enumerate(self.lines[:80], start=1) if line.strip()]
        name_line = next(((n, t) for n, t in head[:5] if _COMMITTEE_WORDS.search(t)), head[0] if head else None)
        day = next(((n, parse_date(t)) for n, t in head[:10] if parse_date(t)), None)
        if name_line is None or day is None:
            raise ExtractionError("the pack does not open with a committee name and a meeting date")
        name = name_line[1]
        committee = within(self.authority, "committee", slug(name))
        self.out.node(committee, SG.Committee, line=name_line[0])
        self.out.add(committee, SKOS.prefLabel, name)
        self.out.add(committee, ORG.subOrganizationOf, self.authority)
        self.committee = committee
        meeting = self._meeting(day[1], day[0])
        text = "\n".join(t for _, t in head)
        node = meeting.node
        time = re.search(r"\bTime\s*:?\s*(\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))", text, re.I)
        self.out.add(node, SG.time, time.group(1) if time else None)
        public = re.search(r"Public Meeting\??\s*:?\s*(YES|NO)\b", text, re.I)
        if public:
            self.out.add(node, SG.isPublic, public.group(1).lower() == "yes")
        kind = re.search(r"Type of meeting\s*:?\s*([A-Z][\w -]*)", text)
        self.out.add(node, SG.meetingType, kind.group(1).strip() if kind else None)
        venue = next((re.sub(r"^Venue\s*:?\s*", "", t) for _, t in head if re.match(r"^Venue\b", t)), None)
        self.out.add(node, SG.venue, venue)
        self.out.add(node, SG.quorumText, next((t for _, t in head if re.match(r"^Quorum\b", t, re.I)), None))
        self.out.add(self.out.document, DCTERMS.title, f"{name} {day[1].day} {day[1]:%B %Y}")
        return name, meeting

    def _meeting(self, date: dt.date, line: int) -> Meeting:
        node = within(self.committee, "meeting", date)
        self.out.node(node, SG.Meeting, line=line)
        self.out.add(node, SG.ofCommittee, self.committee)
        self.out.add(node, SG.date, date)
        return Meeting(node, date)

    # ---- agenda

    def _read_agenda(self) -> None:
        start = next((n for n, line in enumerate(self.lines, 1) if fold(line) == "agenda"), None)
        if start is None:
            self.out.warn("no 'Agenda' heading: the meeting has no agenda items")
            return
        number, part = start + 1, None
        while number <= len(self.lines):
            line = self.lines[number - 1]
            text = clean(line)
            if re.match(r"^part\s+(?:\d|one|two|i+)\b", text, re.I):
                part = text
            elif is_markdown_row(line) or is_tab_row(line):
                rows, number = read_table(self.lines, number)
                for row in rows:
                    self._agenda_item(row, part, number)
                continue
            elif text and self.meeting.items and not text.startswith(("That ", "[")) and _is_section_start(text):
                break
            number += 1

    def _agenda_item(self, row: Row, part: str | None, after_table: int) -> None:
        filled = [c for c in row.cells if c.strip()]
        if len(filled) < 2 or not filled[0].strip().rstrip(".").isdigit():
            return
        n, body = int(filled[0].strip().rstrip(".")), "\n".join(filled[1:])
        title_line, *rest = body.split("\n")
        pages = _PAGES.search(title_line)
        title = clean(_PAGES.sub("", title_line))
        notes = " ".join(rest)
        if notes.count("[") > notes.count("]"):  # a note running on outside the table (a proposed resolution)
            notes += " " + self._text_until_bracket(after_table)
        node = within(self.meeting.node, "item", n)
        out = self.out
        out.node(node, SG.AgendaItem, line=row.line)
        out.add(node, SG.itemNumber, n)
        out.add(node, DCTERMS.title, title)
        out.add(node, SG.ofMeeting, self.meeting.node)
        out.add(self.meeting.node, SG.hasAgendaItem, node)
        out.add(node, SG.pages, re.sub(r"\s*[-–]\s*", " - ", pages["pages"]) if pages else None)
        out.add(node, SG.part, part)
        for note in re.findall(r"\[([^\]]*)\]?", notes):
            note = clean(note)
            if fold(note) == "to follow":
                out.add(node, SG.toFollow, True)
                continue
            out.add(node, SG.note, note)
            presenter = _PRESENTS.match(note)
            if presenter:
                out.add(node, SG.presenter, self._person(presenter["name"], presenter["role"], row.line))
        self.meeting.items[n] = node
        self.meeting.titles[n] = title
        if self._is_about_inspection(title):
            out.add(node, SG.concernsInspection, self.inspection)

    def _text_until_bracket(self, start: int) -> str:
        words = []
        for line in self.lines[start - 1 : start + 20]:
            if is_markdown_row(line) or (_is_section_start(clean(line)) and words):
                break
            words.append(line.strip())
            if "]" in line:
                break
        return " ".join(w for w in words if w)

    def _is_about_inspection(self, title: str) -> bool:
        if self.inspection is None or not re.search(r"ofsted|inspection", title, re.I):
            return False
        dates = parse_range(title) or ((parse_date(title),) * 2 if parse_date(title) else None)
        return dates is None or dates[0] == self.inspection_start

    # ---- minutes

    def _read_minutes(self) -> None:
        found = next(((n, line) for n, line in enumerate(self.lines, 1)
                      if re.match(r"^\s*minutes\b", line, re.I) and parse_date(line)), None)
        if found is None:
            return
        start, heading = found
        meeting = self._meeting(parse_date(heading), start)
        end = self._section_end(start + 1)
        first_item = self._read_attendance(meeting, start + 1, end)
        self._read_minute_items(meeting, first_item, end)

    def _section_end(self, start: int) -> int:
        """The line where the next paper of the pack starts (its committee-name header or report table)."""
        for number in range(start, len(self.lines) + 1):
            text = clean(self.lines[number - 1])
            if text == self.committee_name or text.startswith("Report title"):
                return number
        return len(self.lines) + 1

    def _read_attendance(self, meeting: Meeting, start: int, end: int) -> int:
        """Members by party, then employees (a block of names and a block of roles, paired by order)."""
        party: str | None = None
        group: list[tuple[int, str]] | None = None
        for number in range(start, end):
            text = clean(self.lines[number - 1])
            if not text or fold(text) == "attendance" or fold(text) == "present":
                continue
            if re.match(r"^item no", text, re.I) or _MINUTE_ITEM.match(text):
                self._pair_group(meeting, group)
                return number
            if fold(text) in _PARTIES:
                party = text
            elif _GROUP_HEADINGS.match(text):
                group = []
            elif group is not None:
                group.append((number, text))
            else:
                self._member(meeting, text, party, number)
        self._pair_group(meeting, group)
        return end

    def _member(self, meeting: Meeting, text: str, party: str | None, line: int) -> None:
        m = re.match(r"^(?:(?P<role>Chair|Vice[- ]?chair)\s+)?(?P<name>(?:Cllr|Councillor)\.?\s+[^()]+?)\s*"
                     r"(?:\((?P<party>[^)]+)\))?$", text, re.I)
        if not m:
            self.out.warn(f"attendance line {line} not read: {text!r}")
            return
        person = self._person(m["name"], m["role"], line)
        self.out.add(person, SG.party, m["party"] or party)
        self.out.add(meeting.node, SG.attendee, person)

    def _pair_group(self, meeting: Meeting, group: list[tuple[int, str]] | None) -> None:
        if not group:
            return
        names = [(n, t) for n, t in group if _looks_like_name(t)]
        roles = [(n, t) for n, t in group if not _looks_like_name(t)]
        if roles and len(names) != len(roles):
            self.out.warn(f"employees at line {group[0][0]}: {len(names)} names but {len(roles)} roles; roles left out")
            roles = []
        for index, (line, name) in enumerate(names):
            person = self._person(name, roles[index][1] if roles else None, line)
            self.out.add(meeting.node, SG.attendee, person)

    def _read_minute_items(self, meeting: Meeting, start: int, end: int) -> None:
        items: list[tuple[int, int, str]] = []
        for number in range(start, end):
            m = _MINUTE_ITEM.match(clean(self.lines[number - 1]))
            if m and int(m["n"]) == (items[-1][1] + 1 if items else int(m["n"])):
                items.append((number, int(m["n"]), m["title"]))
        for index, (line, n, title) in enumerate(items):
            last = items[index + 1][0] if index + 1 < len(items) else end
            self._minute_item(meeting, line, n, clean(title), last)

    def _minute_item(self, meeting: Meeting, line: int, n: int, title: str, end: int) -> None:
        out, node = self.out, within(meeting.node, "item", n)
        out.node(node, SG.AgendaItem, line=line)
        out.add(node, SG.itemNumber, n)
        out.add(node, DCTERMS.title, title)
        out.add(node, SG.ofMeeting, meeting.node)
        out.add(meeting.node, SG.hasAgendaItem, node)
        summary: list[str] = []
        resolutions: list[tuple[int, int | None, str]] = []
        open_resolution = False
        for number in range(line + 1, end):
            raw = self.lines[number - 1]
            text = clean(strip_bullet(raw)) if is_bullet(raw) else clean(raw)
            if not text:
                continue
            resolved = _RESOLVED.match(text)
            numbered = _NUMBERED.match(text)
            if resolved:
                open_resolution = not resolved["rest"]
                if resolved["rest"]:
                    resolutions.append((number, None, resolved["rest"]))
            elif open_resolution and numbered:
                resolutions.append((number, int(numbered["n"]), numbered["text"]))
            else:
                open_resolution = False
                summary.append(text)
                self._minute_facts(meeting, node, text, number)
        out.add(node, SG.summaryText, " ".join(summary))
        for position, (res_line, number, text) in enumerate(resolutions, start=1):
            resolution = within(node, "resolution", number or position)
            out.node(resolution, SG.Resolution, line=res_line)
            out.add(resolution, SG.ofMeeting, meeting.node)
            out.add(resolution, SG.ofAgendaItem, node)
            out.add(resolution, SG.text, text)
            out.add(resolution, SG.number, number)

    def _minute_facts(self, meeting: Meeting, item: NamedNode, text: str, line: int) -> None:
        presenter = re.match(r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}),\s*(?P<role>[^,]+),\s+"
                             r"(?:presented|introduced|gave)\b", text)
        if presenter:
            self.out.add(item, SG.presenter, self._person(presenter["name"], presenter["role"], line))
        apologies = re.match(r"^Apologies for absence were (?:received|submitted) (?:from|on behalf of)\s+(.+?)\.?$",
                             text, re.I)
        if apologies:
            for name, role in _apology_names(apologies.group(1)):
                self.out.add(meeting.node, SG.apology, self._person(name, role, line))

    # ---- covering reports

    def _read_reports(self) -> None:
        for number, line in enumerate(self.lines, 1):
            if re.match(r"^\s*Report title\s*\t", line):
                self._report(number)

    def _report(self, start: int) -> None:
        rows, after = read_table(self.lines, start)
        fields: dict[str, list[str]] = {}
        for row in rows:
            key = next((k for k, p in _REPORT_FIELDS.items() if re.match(p, fold(row.cell(0)))), None)
            if key:
                fields[key] = [clean(c) for c in row.cells[1:] if c.strip()]
        title = fields.get("title", [None])[0]
        if not title:
            self.out.warn(f"report table at line {start} has no title")
            return
        meeting = self.meeting  # a pack's reports are for the meeting it is the pack of
        item = self._agenda_item_titled(title)
        node = within(item, "report") if item else within(meeting.node, "report", slug(title))
        out = self.out
        out.node(node, SG.CommitteeReport, line=start)
        out.add(node, DCTERMS.title, title)
        out.add(node, SG.ofMeeting, meeting.node)
        out.add(node, SG.ofAgendaItem, item)
        if fields.get("cabinet"):
            name, portfolio = self._split_councillor(fields["cabinet"][0])
            out.add(node, SG.cabinetMember, self._person(name, portfolio, start))
        if fields.get("director"):
            name, _, _ = fields["director"][0].partition(",")
            out.add(node, SG.accountableDirector, self._person(name, None, start))
        if fields.get("employee"):
            role = fields["employee"][1] if len(fields["employee"]) > 1 else None
            out.add(node, SG.accountableEmployee, self._person(fields["employee"][0], role, start))
        end = self._section_end(after)
        for text in _report_recommendations(self.lines[after - 1 : end - 1]):
            out.add(node, SG.reportRecommendation, text)
        if self._is_about_inspection(title):
            out.add(node, SG.concernsInspection, self.inspection)
            self._restated_judgements(after, end)

    def _agenda_item_titled(self, title: str) -> NamedNode | None:
        words = set(fold(title).split())
        for n, agenda_title in self.meeting.titles.items():
            other = set(fold(agenda_title).split())
            if words and len(words & other) / len(words | other) >= 0.75:
                return self.meeting.items[n]
        return None

    def _split_councillor(self, text: str) -> tuple[str, str | None]:
        """ "Councillor Val Gibson Children and Young People" -> ("Val Gibson", "Children and Young People")."""
        bare = _CLLR.sub("", text)
        known = sorted(self.people.values(), key=len, reverse=True)
        name = next((k for k in known if bare.startswith(k + " ") or bare == k), None)
        if name is None:  # a first name and a surname, the rest is the portfolio
            words = bare.split()
            name = " ".join(words[:2])
            self.out.warn(f"cabinet member {text!r}: name taken as {name!r}")
        return name, bare[len(name):].strip() or None

    def _restated_judgements(self, start: int, end: int) -> None:
        """ "Adoption performance: Good." and "The overall judgement … graded as Good" lines of the report."""
        for number in range(start, end):
            text = clean(strip_bullet(self.lines[number - 1]))
            area = grade = None
            overall = re.search(r"overall judgement.*?\b(?:graded as|judged to be|is|was)\s+(.+?)\.?$", text, re.I)
            if overall:
                area, grade = SG.OverallEffectiveness, grade_named_in(overall.group(1))
            elif re.match(r"^[^:]{5,90}:\s*[^:]{2,40}$", text):
                label, _, value = text.partition(":")
                area, grade = restated_area(label), grade_named_in(value)
            if area and grade:
                self._attach_judgement(area, grade, number)

    def _attach_judgement(self, area: NamedNode, grade: NamedNode, line: int) -> None:
        judgement = within(self.inspection, "judgement", local_name(area))
        declared = any(q.subject == judgement and q.predicate == RDF.type for q in self.out.quads)
        self.out.node(judgement, SG.Judgement, line=None if declared else line)
        self.out.add(judgement, SG.ofInspection, self.inspection)
        self.out.add(judgement, SG.judgementArea, area)
        existing = [q.object for q in self.out.quads if q.subject == judgement and q.predicate == SG.grade]
        if existing and existing[0] != grade:
            self.out.warn(f"line {line} restates the {local_name(area)} judgement as {local_name(grade)}, "
                          "the report says otherwise")
        elif not existing:
            self.out.add(judgement, SG.grade, grade)

    # ---- work plan

    def _read_work_plan(self) -> None:
        for number, line in enumerate(self.lines, 1):
            if not is_tab_row(line):
                continue
            header = [fold(c) for c in line.split("\t")]
            if re.search(r"\bdate\b", header[0]) and any("agenda" in h or "item" in h for h in header):
                rows, _ = read_table(self.lines, number)
                agenda = next(i for i, h in enumerate(header) if "agenda" in h or "item" in h)
                invitees = next((i for i, h in enumerate(header) if "invite" in h or "presenter" in h), None)
                for row in rows[1:]:
                    self._planned_meeting(row, agenda, invitees)

    def _planned_meeting(self, row: Row, agenda: int, invitees: int | None) -> None:
        date = parse_date(row.cell(0))
        if date is None:
            self.out.warn(f"work-plan row at line {row.line} has no meeting date")
            return
        documented = {self.meeting.date} | {
            dt.date.fromisoformat(q.object.value) for q in self.out.quads if q.predicate == SG.date}
        meeting = within(self.committee, "meeting", date)
        self.out.node(meeting, SG.Meeting, line=None if date in documented else row.line)
        self.out.add(meeting, SG.ofCommittee, self.committee)
        self.out.add(meeting, SG.date, date)
        if date not in documented:
            self.out.add(meeting, SG.isPlanned, True)
        item = within(meeting, "planned-item", 1)
        self.out.node(item, SG.AgendaItem, line=row.line)
        self.out.add(item, DCTERMS.title, clean(one_line(row.cell(agenda))))
        self.out.add(item, SG.ofMeeting, meeting)
        # its own property: the meeting's agenda is what its agenda lists, not what a work plan planned
        self.out.add(meeting, SG.hasPlannedItem, item)
        who = clean(one_line(row.cell(invitees)))
        self.out.add(item, SG.inviteesText, who)
        if _looks_like_name(who) and len(who.split()) <= 3:  # one name only: safe to name the person
            self.out.add(item, SG.invitee, self._person(who, None, row.line))

    # ---- people

    def _person(self, name: str, role: str | None, line: int) -> NamedNode:
        name = clean(_CLLR.sub("", clean(name))).strip(" ,.")
        name = self.people.setdefault(fold(name), name)
        # A pack names the same people again and again: no one line is where a person is declared.
        return add_person(self.out, name, clean(role).strip(" ,") if role else None, line=None)


def _is_section_start(text: str) -> bool:
    return bool(re.match(r"^(?:agenda item no|minutes\b|report title)", text, re.I))


def _looks_like_name(text: str) -> bool:
    """A bare personal name in an attendance list or a work-plan cell ("Dr Jane Smith"), not a post
    ("Head of Service"): unlike an inspector's signature (``toolkit.people.looks_like_name``) it may
    carry "Dr" and must name none of the post words councils use."""
    return bool(re.fullmatch(r"(?:Dr\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}", text)) and not re.search(
        r"\b(?:Director|Manager|Officer|Head|Service|Team|Board|Children|Adoption|Social|Worker|Lead)\b", text)


def _apology_names(text: str) -> list[tuple[str, str | None]]:
    """ "Councillors Brookfield and Malcolm and Alison Hinds" -> [("Brookfield", "Councillor"), ("Malcolm",
    "Councillor"), ("Alison Hinds", None)]: single names after "Councillors" are councillors too."""
    names: list[tuple[str, str | None]] = []
    councillors = False
    for part in re.split(r"\s*,\s*|\s+and\s+", text):
        part = part.strip()
        if re.match(r"^(?:cllrs?|councillors?)\s+", part, re.I):
            councillors = True
            part = re.sub(r"^(?:cllrs?|councillors?)\s+", "", part, flags=re.I)
        elif len(part.split()) > 1:
            councillors = False
        if part:
            names.append((part, "Councillor" if councillors else None))
    return names


def _report_recommendations(lines: list[str]) -> list[str]:
    """The numbered recommendations under "Recommendation(s) for …:" headings, without their numbers."""
    found, inside = [], False
    for line in lines:
        text = clean(line)
        if re.match(r"^recommendations?\b.*:$", text, re.I):
            inside = True
        elif re.match(r"^\d+\.0\b", text):
            break
        elif inside and (m := _NUMBERED.match(text)):
            found.append(m["text"])
    return found


LOADER = CommitteePackLoader()
