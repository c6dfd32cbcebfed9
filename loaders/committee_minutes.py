"""Minutes and agendas of any council committee, on their own (not inside a pack).

Cabinet, scrutiny committees and commissions, corporate parenting boards, improvement boards and
safeguarding partnership meetings write them alike, as Word, PDF, text or a page of the council's
committee website (``toolkit.html``):

- a head: the council, the committee ("Minutes of the meeting of the Children's Scrutiny
  Commission held on …", or a line naming a committee, board, panel, commission or partnership),
  the meeting date, time and venue;
- attendance (``toolkit.meetings``): "Present:", "Also present:", "Officers present:",
  "Apologies:" lines, lists or tables, members with their party and chair / vice-chair;
- numbered items ("23. Ofsted inspection of children's services", "Item 4: …"), numbered in
  sequence, each with what was discussed (``sg:summaryText``), its presenter where an agenda names
  one, its resolutions (each lettered, numbered or bulleted sub-resolution one ``sg:Resolution``)
  and who proposed and seconded them.

An item that names an inspection with its dates (or a framework and dates anywhere in the item)
``sg:concernsInspection`` that inspection: ``inspection_iri(authority, framework, start)``, the IRI
the report's own loader gives it, declared here with its framework, authority and dates only (no
``sg:reportedIn``: minutes are not the report), so it merges with the report whenever that is loaded.
An item about "the inspection" that names no dates points to the one inspection the document dates
elsewhere; one naming only a framework ("the ILACS inspection") records it (``sg:mentionsFramework``)
and is linked after loading to the latest such inspection a loaded report describes
(``safeguarding_kg/linking_meetings.py``); otherwise a warning says it was not linked.

IRIs are the pack loader's: committee ``within(authority, "committee", slug(name))``, meeting
``within(committee, "meeting", date)``, item ``within(meeting, "item", n)``, resolution
``within(item, "resolution", k)`` (k its position in the item).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from safeguarding_kg.authorities import resolve
from safeguarding_kg.iris import inspection_iri, slug, within
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit import meetings as m
from safeguarding_kg.loaders.toolkit.authority import resolve_authority
from safeguarding_kg.loaders.toolkit.dates import parse_date
from safeguarding_kg.loaders.toolkit.inspections import add_inspection
from safeguarding_kg.loaders.toolkit.people import add_person
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.text import clean, fold, strip_bullet, strip_markup
from safeguarding_kg.namespaces import DCTERMS, ORG, SG, SKOS

_COMMITTEE_WORDS = re.compile(r"\b(?:committee|cabinet|board|commission|panel|partnership|forum|executive|"
                              r"sub-committee|council|group|assembly)\b", re.I)
_MINUTES_OF = re.compile(
    r"^(?:draft\s+|unconfirmed\s+|confirmed\s+|approved\s+|public\s+)?(?:minutes|notes|action\s+notes|record|"
    r"summary\s+of\s+decisions|decisions)\s+(?:of|from)\s+(?:the\s+|a\s+|an\s+)?(?:(?:ordinary|extraordinary|special|"
    r"remote|virtual|hybrid|annual|formal|public|scheduled|informal)\s+)*(?:meeting|session)?\s*(?:of|with)?\s*"
    r"(?:the\s+)?(?P<name>.*)$", re.I)
_DAY_NAMES = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: Where a committee's name ends in a heading: "… held on", ", Tuesday 12 March", " - 12 March 2019", "(virtual)".
_NAME_END = re.compile(rf"\s+(?:held|on|at|which|that|took|taking|dated)\b.*$|\s*,\s*(?:{_DAY_NAMES}|\d).*$|"
                       r"\s+[-–—|]\s+.*$|\s*\((?:[^)]*\b(?:virtual|remote|hybrid|meeting|online|teams|zoom|"
                       r"\d{1,2}[.:]\d\d|am|pm)\b)[^)]*\).*$", re.I)
_AGENDA_HEAD = re.compile(r"^(?:agenda|notice\s+of\s+meeting|summons|agenda\s+and\s+papers)\b", re.I)
_MINUTES_HEAD = re.compile(r"\b(?:minutes|notes\s+of|action\s+notes|record\s+of)\b", re.I)
_ITEM = re.compile(r"^(?:(?:agenda\s+)?item\s+(?:no\.?\s*)?|minute\s+(?:no\.?\s*)?)?(?!\d{1,4}/\d)"
                   r"(?P<n>\d{1,3})(?:\.0)?(?:\s*[.):]|\s+[-–—])?\s+"
                   r"(?P<title>\S.*)$", re.I)
#: "YPC/14/44 Minutes", "CAB 23/19 Ofsted …": minute references of a committee code, year and number.
_MINUTE_REF = re.compile(r"^(?P<ref>[A-Z][A-Za-z&]{0,7}[/ .-]?\d{1,4}(?:/\d{1,4})*/(?P<n>\d{1,4}))[.:]?\s+"
                         r"(?P<title>\S.*)$")
_BARE_NUMBER = re.compile(r"^(?:(?:agenda\s+)?item\s+(?:no\.?\s*)?|minute\s+)?(?P<n>\d{1,3})[.):]?$", re.I)
_PAGES = re.compile(r"\s*\(\s*pages?\s+\d+\s*(?:[-–]\s*\d+)?\s*\)\s*$", re.I)
_PRESENTER_LINE = re.compile(r"^(?:(?:presenter|lead(?:\s+officer)?|officer|speaker)\s*[:\-–]|"
                             r"(?:presented|introduced|led)\s+by\s*:?|report\s+(?:of|by)\s*:?)\s*(?P<who>\S.*)$", re.I)
_TIME = re.compile(r"\b(\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))", re.I)
_VENUE = re.compile(r"^(?:venue|place|location|where)\s*[:\-–]\s*(?P<v>.+)$", re.I)
_END_OF_MINUTES = re.compile(r"^(?:the\s+meeting\s+(?:ended|closed|finished|concluded)|meeting\s+(?:ended|closed)|"
                             r"(?:signed|chair(?:man)?)\s*[:.]?\s*_{3,}|date\s+of\s+next\s+meeting\s*[:\-–])", re.I)
_MEETING_ROLES = {"chair": SG.chair, "vice-chair": SG.viceChair, "member": SG.memberPresent,
                  "officer": SG.officerPresent, "also-present": SG.alsoPresent}


@dataclass
class Item:
    line: int
    number: int
    title: str
    presenter: str | None = None
    reference: str | None = None  # a minute reference as printed ("YPC/14/44")
    body: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Resolution:
    line: int
    text: str
    mark: str | None = None


def is_standalone_meeting(source: SourceText) -> bool:
    """Minutes or an agenda on their own: not a pack that bundles an agenda, earlier minutes and reports."""
    text = [clean(strip_markup(line)) for line in source.lines]
    agenda = next((n for n, t in enumerate(text) if fold(t) == "agenda"), None)
    minutes = next((n for n, t in enumerate(text) if re.match(r"^minutes\b", t, re.I) and parse_date(t)), None)
    report_tables = any(re.match(r"^\s*Report title\s*\t", line) for line in source.lines)
    # earlier minutes bound in after the agenda: their heading, then their own attendance
    bound = agenda is not None and minutes is not None and minutes > agenda + 5 and any(
        re.match(r"^(?:attendance|present|members present)\b", t, re.I) for t in text[minutes:minutes + 40])
    return not (report_tables or bound)


class MeetingReader:
    def __init__(self, source: SourceText, out: Extraction) -> None:
        self.source, self.out = source, out
        self.raw = list(source.lines)
        self.lines = [clean(strip_markup(line)) for line in source.lines]
        # Word and HTML give one line per paragraph; text and PDF wrap a paragraph over lines.
        self.paragraphs = source.media_type != "text/plain" and source.media_type != "application/pdf"
        self.people: dict[str, str] = {}
        # an agenda table's header ("Item  Business  Presented by  Time"), whose cells a PDF runs together
        header = next((t for t in self.lines if re.match(r"^(?:item|no\.?|ref)\b", t, re.I)
                       and re.search(r"\b(?:title|subject|business|item)\b", t[4:], re.I)), "")
        self.presenter_column = bool(re.search(r"\b(?:presented\s+by|presenter|lead|who|officer|speaker)\b", header,
                                               re.I))
        self.time_column = bool(re.search(r"\btime\b", header, re.I))

    # ---- whole document

    def read(self) -> None:
        items = self._items()
        head_end = items[0].line if items else min(len(self.lines), 60) + 1
        self.kind = self._kind(head_end)
        self.out.genre = SG.CommitteeAgenda if self.kind == "agenda" else SG.CommitteeMinutes
        self.authority = self._authority(head_end)
        self.committee_name, name_line = self._committee(head_end)
        date, date_line = self._date(head_end)
        self.committee = within(self.authority, "committee", slug(self.committee_name))
        self.out.node(self.committee, SG.Committee, line=name_line)
        self.out.add(self.committee, SKOS.prefLabel, self.committee_name)
        self.out.add(self.committee, ORG.subOrganizationOf, self.authority)
        self.meeting = within(self.committee, "meeting", date)
        self._describe_meeting(date, date_line, head_end)
        self.out.add(self.out.document, DCTERMS.title,
                     f"{self.committee_name} {date.day} {date:%B %Y} ({self.kind})")
        self._read_attendance(1, head_end)
        if not items:
            self.out.warn(f"no numbered {self.kind} items found (e.g. '1. Apologies for absence')")
        references = {item.number: m.inspection_reference([(item.line, item.title), *item.body]) for item in items}
        dated = {self._inspection_node(ref) for ref in references.values() if ref and ref.start}
        for item in items:
            self._item(item, references[item.number], dated)

    def _kind(self, head_end: int) -> str:
        """Minutes when anything was resolved or the head names minutes only; an agenda when the head
        names an agenda ("Agenda", "Agenda and minutes" before the meeting) and nothing was resolved."""
        head = [t for t in self.lines[: head_end - 1] if t][:15]
        if any(m.resolution_start(t) is not None for t in self.lines):
            return "minutes"
        agenda = any(_AGENDA_HEAD.match(t) or re.search(r"\bagenda\b", t, re.I) for t in head)
        return "agenda" if agenda or not any(_MINUTES_HEAD.search(t) for t in head[:8]) else "minutes"

    def _authority(self, head_end: int) -> NamedNode:
        """The council: a line that is its whole name ("LONDON BOROUGH OF LEWISHAM", "Royal Borough of
        Greenwich" in a footer), its e-mail domain, a name in the head or the text (an address's
        "London" is not the City of London), and last the file name, with a warning."""
        whole = next((found for line in self.lines if line and len(line) <= 80 and (found := resolve(line))), None)
        domain = re.search(r"[@.]([a-z-]+)\.gov\.uk", "\n".join(self.lines), re.I)
        found = whole or (resolve(domain.group(1).replace("-", " ")) if domain else None)
        if found is not None:
            self.out.authority = found.name
            return found.iri
        text = "\n".join(self.lines)
        if not re.search(r"\bcity\s+of\s+london\b", text, re.I):
            text = re.sub(r"\bLondon\b(?!\s+Borough)", " ", text, flags=re.I)
        head = "\n".join(text.split("\n")[: max(head_end - 1, 15)])
        named = resolve_authority(self.out, [head, text, re.sub(r"[_\-.]+", " ", self.source.name)])
        if named is None:
            raise ExtractionError(f"no English local authority is named in the {self.kind} or its file name")
        if not any(re.search(re.escape(w), text, re.I) for w in self.out.authority.split()):
            self.out.warn(f"no council is named in the {self.kind}; {self.out.authority} taken from the file name")
        return named

    def _committee(self, head_end: int) -> tuple[str, int]:
        """The committee's own name: from "Minutes of the meeting of the X held on …", else the first head
        line naming a committee, board, panel, … that is not the council's own name."""
        head = [(n, t) for n, t in enumerate(self.lines[: max(head_end - 1, 1)], start=1) if t][:20]
        for number, text in head:
            found = _MINUTES_OF.match(text)
            name = _committee_name(found["name"]) if found else None
            if name and _COMMITTEE_WORDS.search(name):
                return name, number
        for number, text in head:
            name = _committee_name(re.sub(r"^(?:minutes|agenda)(?:\s+(?:for|of))?\s*[:\-–]?\s*", "", text, flags=re.I))
            if name and _COMMITTEE_WORDS.search(name) and len(name.split()) <= 14 and resolve(name) is None \
                    and not re.match(r"^(?:london\s+borough|royal\s+borough|city\s+of|county\s+of)\b", name, re.I):
                return name, number
        raise ExtractionError(f"the {self.kind} does not name its committee (e.g. 'Minutes of the meeting of the "
                              "Cabinet held on …')")

    def _date(self, head_end: int) -> tuple[dt.date, int]:
        for number, text in enumerate(self.lines[: max(head_end - 1, 30)], start=1):
            day = parse_date(text)
            if day and not re.search(r"\b(?:published|issued|despatched|dispatched|circulated|printed)\b", text, re.I):
                return day, number
        raise ExtractionError(f"the {self.kind} does not give its meeting date in its opening lines")

    def _describe_meeting(self, date: dt.date, line: int, head_end: int) -> None:
        out, meeting = self.out, self.meeting
        out.node(meeting, SG.Meeting, line=line)
        out.add(meeting, SG.ofCommittee, self.committee)
        out.add(meeting, SG.date, date)
        head = [t for t in self.lines[: head_end - 1] if t]
        time = next((found.group(1) for t in head if (found := _TIME.search(t))), None)
        out.add(meeting, SG.time, time)
        out.add(meeting, SG.venue, next((v["v"].strip() for t in head if (v := _VENUE.match(t))), None))

    # ---- attendance

    def _read_attendance(self, start: int, end: int) -> None:
        group: str | None = None
        councillors: str | None = None
        joined: set[int] = set()
        for number in range(start, end):
            if number in joined:
                continue
            text, raw = self.lines[number - 1], self.raw[number - 1]
            if not self.paragraphs and "\t" not in raw:
                text, more = self._unwrapped(text, number, end)
                joined.update(more)
            if not text:
                if group and not self._next_is_entry(number + 1, end):
                    group = None
                continue
            heading = m.attendance_heading(strip_bullet(text))
            also = m.ALSO_SENTENCE.match(text)
            apology = m.APOLOGY_SENTENCE.match(text)
            if apology:  # "Apologies for absence were received from Councillors X and Y."
                self._attendance_line(apology["names"], "apologies", number, None)
                group = None
            elif heading:
                group, rest = heading
                councillors = "Councillor" if re.match(r"^(?:councillors|cllrs)\b", text, re.I) else None
                if rest:
                    councillors = self._attendance_line(rest, group, number, councillors)
            elif also and group:  # "County Councillors J Fielding and A Kaur were also in attendance"
                self._attendance_line(also["names"], "also", number, None)
            elif group is None:
                continue
            elif m.councillors_prefix(text):
                councillors = m.councillors_prefix(text)
            elif set(fold(text).split()) <= m.HEADER_WORDS:
                continue  # a table's header row ("Name Role Party"): the list goes on below it
            elif "\t" in raw or re.search(r"\S {3,}\S", raw):
                self._attendance_row(_cells(raw), group, number)
            elif (len(text.split()) > 25 and ";" not in text) or text.endswith(":") or not _could_be_names(text):
                group = None  # prose or a new heading: the list has ended
            else:
                councillors = self._attendance_line(strip_bullet(text), group, number, councillors)

    def _unwrapped(self, text: str, number: int, end: int) -> tuple[str, list[int]]:
        """An attendance line wrapped in a text or PDF file, with the lines that continue it: a next line
        whose first entry is no person ("Services and Skills; Sarah Hagan, …") continues the post."""
        more: list[int] = []
        following = number + 1
        while following < end and (nxt := self.lines[following - 1]) and not m.attendance_heading(nxt) \
                and not _ITEM.match(nxt):
            first = re.split(r"\s*[;,]\s*|\s+and\s+", strip_bullet(nxt))[0]
            if (m.name_cut_short(text) and re.match(r"^[A-Z][\w'’-]+$", nxt.split()[0])) or m.role_cells_only(nxt):
                text, following = f"{text} {nxt}", following + 1  # "Councillor Jacqueline" / "Owen" / "Chair Labour"
                more.append(following - 1)
                continue
            if m.looks_like_person(first) or m.councillors_prefix(first) or re.match(
                    r"^(?:(?:county|city|borough)\s+)?(?:councillors?|cllrs?)\b", first, re.I) or (not text.endswith(
                    ("'s", "’s", " of", " and", " for", ",", " the", "&")) and re.match(r"^[A-Z]", nxt)):
                break
            text, following = f"{text} {nxt}", following + 1
            more.append(following - 1)
        return text, more

    def _attendance_row(self, cells: list[str], group: str, line: int) -> None:
        """A table row: name, then role, party or attendance ("Present", "Apologies", "In attendance")."""
        if not cells or (not m.looks_like_person(cells[0]) and not m.split_attendees(cells[0], group)) \
                or fold(cells[0]) in {"councillor", "councillors", "member", "members", "name", "attendee", "officer"}:
            return  # a header row ("Attendee | Role | Attendance")
        notes = []
        for cell in cells[1:]:
            said = fold(cell)
            if said in {"present", "attended", "yes", "in person", "virtual", "remote"}:
                continue
            if said.startswith(("apolog", "sent apologies")):
                group = "apologies"
            elif said in {"absent", "no", "did not attend"}:
                group = "absent"
            elif said.startswith(("in attendance", "also present", "attending")):
                group = "attending"
            else:
                notes.append(cell)
        person = m.attendee_from_row(cells[0], notes, group)
        if person is None:
            self._attendance_line(cells[0], group, line, None)
        else:
            self._attendee(person, line)

    def _next_is_entry(self, number: int, end: int) -> bool:
        for index in range(number, end):
            text = self.lines[index - 1]
            if "\t" in self.raw[index - 1]:
                return True  # a table of attendance, from its header row on
            if text:
                return not m.attendance_heading(text) and bool(m.split_attendees(strip_bullet(text), "present"))
        return False

    def _attendance_line(self, text: str, group: str, line: int, councillors: str | None) -> str | None:
        """Read one line of an attendance list; returns the "Councillors" prefix still in force."""
        entries = m.split_attendees(text, group, councillors)
        if not entries:
            if _could_be_names(text):  # prose after a list ends it silently; a name-like line is reported
                self.out.warn(f"line {line}: attendance entry not read as a person: {text!r}")
            return councillors
        for entry in entries:
            self._attendee(entry, line)
        last = entries[-1].name
        carried = re.match(r"^((?:county\s+|city\s+|borough\s+)?councillor)\s", last, re.I)
        return (carried.group(1) if carried and (councillors or re.match(
            r"^(?:(?:county|city|borough)\s+)?(?:councillors|cllrs)\b", text, re.I)) else None)

    def _attendee(self, entry: m.Attendee, line: int) -> None:
        role = entry.role_text or ("Councillor" if re.match(r"^(?:councillor|cllr)\b", entry.name, re.I) else None)
        person = self._person(entry.name, role)
        self.out.add(person, SG.party, entry.party)
        if entry.role == "apologies":
            self.out.add(self.meeting, SG.apology, person)
        elif entry.role != "absent":
            self.out.add(self.meeting, SG.attendee, person)
            self.out.add(self.meeting, _MEETING_ROLES[entry.role], person)

    def _person(self, name: str, role: str | None) -> NamedNode:
        name = clean(re.sub(r"^(?:councillor|cllr)\.?\s+", "", clean(name), flags=re.I)).strip(" ,.")
        if len(name.split()) == 1:  # "seconded by Councillor Brooks": the member named in full above
            known = [full for key, full in self.people.items() if key.split()[-1] == fold(name)]
            name = known[0] if len(known) == 1 else name
        name = self.people.setdefault(fold(name), name)
        return add_person(self.out, name, clean(role).strip(" ,") if role else None, line=None)

    # ---- items

    def _items(self) -> list[Item]:
        """Numbered item headings in sequence; the lines between them are the items' bodies."""
        items: list[Item] = []
        number = 1
        while number <= len(self.lines):
            found = self._item_heading(number, items[-1].number if items else None)
            if found:
                item, number = found
                items.append(item)
                continue
            if items and self.lines[number - 1]:
                items[-1].body.append((number, self.lines[number - 1]))
            number += 1
        return items

    def _item_heading(self, number: int, previous: int | None) -> tuple[Item, int] | None:
        raw, text = self.raw[number - 1], self.lines[number - 1]
        cells = [clean(c) for c in raw.split("\t")] if "\t" in raw else None
        found = None
        if cells and cells[0].rstrip(".").isdigit() and len([c for c in cells if c]) >= 2:
            n, title, rest = int(cells[0].rstrip(".")), cells[1], [c for c in cells[2:] if c]
            presenter = next((c for c in rest if m.looks_like_person(c.split(",")[0]) or (m.POST_WORDS.search(c)
                              and not _TIME.fullmatch(c))), None)
        else:
            found = _ITEM.match(text) or _MINUTE_REF.match(text)
            bare = _BARE_NUMBER.match(text)
            if bare:  # "23." alone, its title on the next line
                following = next(((k, t) for k, t in enumerate(self.lines[number:number + 3], number + 1) if t), None)
                if following and _is_title(following[1]):
                    found, number = _ITEM.match(f"{bare['n']} {following[1]}"), following[0]
            if not found:
                return None
            n, title, presenter = _item_number(found), found["title"], None
        if not _is_title(title) or not _in_sequence(n, previous):
            return None
        reference = found["ref"] if found and "ref" in found.groupdict() else None
        after = number + 1
        if not self.paragraphs and not cells:
            title, after = self._title_continued(title, after)
        if self.time_column:  # "Welcome and apologies Chair 18:00": the time cell leaves the title
            title = re.sub(r"\s+\d{1,2}[.:]\d{2}\s*(?:am|pm)?(?:\s*[-–]\s*\d{1,2}[.:]\d{2}\s*(?:am|pm)?)?$", "", title)
        title, presenter = _title_and_presenter(title, presenter, self.presenter_column)
        return Item(number, n, title, presenter, reference), after

    def _title_continued(self, title: str, number: int) -> tuple[str, int]:
        """A title wrapped over lines (text, PDF): the next line continues it when the title ends on a
        joining word or dash, or the line starts in lower case, or it is a short tail naming a year
        ("Term 2019", "2017/18")."""
        while number <= len(self.lines) and (following := self.lines[number - 1]):
            joins = re.search(r"(?:\b(?:of|and|the|for|to|in|on|with|from|a|an|at)|[-–—,:(&]|[’']s)$", title, re.I)
            lower = re.match(r"^[a-z]", following) and not _PRESENTER_LINE.match(following)
            year_tail = len(following.split()) <= 4 and re.search(r"\b(?:19|20)\d\d\b|\b\d\d/\d\d\b", following) \
                and not re.match(r"^[(\[]", following)
            after = self.lines[number] if number < len(self.lines) else ""
            last_word = len(following.split()) <= 2 and not after and re.match(r"^[A-Z][a-z]", following) \
                and not following.endswith((".", ":")) and fold(following) not in {"none", "nil", "noted"}
            if not (joins or lower or year_tail or last_word) or _ITEM.match(following) \
                    or m.resolution_start(following) is not None or re.match(r"^\w+\s*:", following):
                break
            title = f"{title}{'' if title.endswith(('-', '–')) and not title.endswith(' –') else ' '}{following}"
            number += 1
        return title, number

    def _item(self, item: Item, ref: m.InspectionReference | None, dated: set[NamedNode]) -> None:
        out, node = self.out, within(self.meeting, "item", item.number)
        out.node(node, SG.AgendaItem, line=item.line)
        out.add(node, SG.itemNumber, item.number)
        out.add(node, SG.minuteReference, item.reference)
        out.add(node, DCTERMS.title, item.title)
        out.add(node, SG.ofMeeting, self.meeting)
        out.add(self.meeting, SG.hasAgendaItem, node)
        body = self._body_facts(item, node)
        summary, resolutions, moved = self._resolutions(body)
        out.add(node, SG.summaryText, " ".join(summary))
        if self.kind == "agenda" and resolutions:
            summary.extend(r.text for r in resolutions)  # a proposed decision in an agenda is no resolution
            resolutions = []
        proposer, seconder = moved or (None, None)
        for role, name in ((SG.proposer, proposer), (SG.seconder, seconder)):
            if name:
                out.add(node, role, self._person(name, None))
        for position, resolution in enumerate(resolutions, start=1):
            res = within(node, "resolution", position)
            out.node(res, SG.Resolution, line=resolution.line)
            out.add(res, SG.ofMeeting, self.meeting)
            out.add(res, SG.ofAgendaItem, node)
            out.add(res, SG.text, resolution.text)
            out.add(res, SG.number, int(resolution.mark) if resolution.mark and resolution.mark.isdigit() else None)
            for role, name in ((SG.proposer, proposer), (SG.seconder, seconder)):
                if name:
                    out.add(res, role, self._person(name, None))
        self._concerns(item, node, ref, dated, " ".join(summary))

    def _body_facts(self, item: Item, node: NamedNode) -> list[tuple[int, str]]:
        """Presenter lines and apologies read off the body; what remains is discussion and decisions."""
        presenter = item.presenter
        rest: list[tuple[int, str]] = []
        apologies_item = re.match(r"^apologies\b", item.title, re.I)
        for number, text in item.body:
            if _END_OF_MINUTES.match(text):
                break
            found = _PRESENTER_LINE.match(text)
            apology = m.APOLOGY_SENTENCE.match(text)
            heading = m.attendance_heading(text)
            if found and presenter is None and len(text.split()) <= 20:
                presenter = found["who"]
            elif apology:
                self._attendance_line(apology["names"], "apologies", number, False)
                rest.append((number, text))
            elif heading and heading[0] in {"apologies", "present", "also", "attending", "officers"} and heading[1]:
                self._attendance_line(heading[1], heading[0], number, False)
            elif apologies_item and m.looks_like_person(strip_bullet(text).split(",")[0].split("(")[0].strip()):
                self._attendance_line(strip_bullet(text), "apologies", number, False)
            else:
                rest.append((number, text))
        if presenter:
            name, role = _split_presenter(presenter)
            if name:
                self.out.add(node, SG.presenter, self._person(name, role))
            else:
                self.out.add(node, SG.note, presenter)
        return rest

    def _resolutions(self, body: list[tuple[int, str]]) -> tuple[list[str], list[Resolution], tuple | None]:
        """Split an item's body into discussion, resolutions and who moved them."""
        summary: list[str] = []
        resolutions: list[Resolution] = []
        moved = None
        state = "none"  # none | lead-in (awaiting sub-resolutions) | single | subs
        previous_line = 0
        waiting: int | None = None  # the line of a "RESOLVED:" still waiting for its decision
        for number, text in body:
            gap = number > previous_line + 1  # a blank line before this one
            previous_line = number
            who = m.proposer_seconder(text) if len(text.split()) <= 30 else None
            start = m.resolution_start(text)
            sub = m.sub_item(text)
            if who and (start is None or not who[0]):
                moved = moved or who
                if start is None:
                    continue
            count = len(resolutions)
            if start is not None:
                state = self._open_resolution(start, number, resolutions)
                waiting = number if state == "lead-in" else None
            elif state in {"lead-in", "subs"} and sub:
                resolutions.append(Resolution(number, sub[1], sub[0] if sub[0] != "-" else None))
                state = "subs"
            elif state == "lead-in":
                resolutions.append(Resolution(number, text))  # Word's numbering is not in the text
                state = "lead-in" if self.paragraphs else "single"
            elif state in {"single", "subs"} and not gap and not self.paragraphs and resolutions:
                resolutions[-1].text += " " + text  # a wrapped line of the resolution
            else:
                state = "none"
                summary.append(text)
            if len(resolutions) > count:
                waiting = None
        if waiting is not None:
            self.out.warn(f"line {waiting}: a decision heading with no decision after it")
        return summary, resolutions, moved

    def _open_resolution(self, rest: str, line: int, resolutions: list[Resolution]) -> str:
        inline = m.inline_subs(rest)
        if inline:
            resolutions.extend(Resolution(line, text, chr(ord("a") + k)) for k, text in enumerate(inline))
            return "subs"
        sub = m.sub_item(rest)
        if sub:
            resolutions.append(Resolution(line, sub[1], sub[0] if sub[0] != "-" else None))
            return "subs"
        if not rest or rest.endswith(":") or fold(rest) in {"that", "to"} or (len(rest.split()) <= 3 \
                and rest.endswith(("that", "That", "to"))):
            return "lead-in"
        resolutions.append(Resolution(line, rest))
        return "single"

    # ---- the inspection an item discusses

    def _inspection_node(self, ref: m.InspectionReference) -> NamedNode:
        """The dated inspection an item names, declared as the report's loader names it (no sg:reportedIn)."""
        framework = ref.framework or m.framework_by_date(ref.start)
        inspection = inspection_iri(self.authority, framework, ref.start)
        add_inspection(self.out, inspection, ref.line, SG[m.framework_concept(framework)], self.authority, ref.start,
                       ref.end)
        return inspection

    def _concerns(self, item: Item, node: NamedNode, ref: m.InspectionReference | None,
                  dated: set[NamedNode], summary: str) -> None:
        """An item naming an inspection's dates concerns it; one whose title or discussion (not only a
        decision in passing) names Ofsted or an inspection without dates concerns the one inspection the
        document dates elsewhere."""
        if ref is None:
            return
        discussed = m.inspection_reference([(item.line, item.title), (item.line, summary)])
        if ref.start is not None:
            self.out.add(node, SG.concernsInspection, self._inspection_node(ref))
        elif len(dated) == 1 and discussed:
            self.out.add(node, SG.concernsInspection, next(iter(dated)))
        elif discussed and discussed.framework and not dated:
            # linked after loading to the latest such inspection a loaded report describes (linking_meetings)
            self.out.add(node, SG.mentionsFramework, SG[m.framework_concept(discussed.framework)])
        elif re.search(r"ofsted|inspection|ilacs|focused visit|monitoring visit|jtai", item.title, re.I):
            self.out.warn(f"line {item.line}: item {item.number} '{item.title}' discusses an inspection but "
                          "names no dates it took place: not linked to it")


def _could_be_names(text: str) -> bool:
    """An attendance line (names, posts, parties), not prose: capitalised, no sentence ending in a stop."""
    text = strip_bullet(text)
    if set(fold(text).split()) <= m.HEADER_WORDS:
        return False  # a table's header row ("Name Role Party")
    return bool(re.match(r"^[A-Z(]", text)) and not re.search(r"[a-z]{3,}\.\s+[A-Z]|@|\bhttps?:", text) and \
        not re.search(r"\b(?:is|are|was|were|will|may|can|should|would)\b", text)


def _cells(raw: str) -> list[str]:
    """A table row's cells: tab-separated, or columns set apart by three or more spaces in a text file."""
    return [clean(c) for c in re.split(r"\t| {3,}", raw.strip()) if c.strip()]


def _committee_name(text: str) -> str | None:
    text = re.sub(rf"^{_DAY_NAMES}\b.*$", "", text.strip(), flags=re.I)
    name = _NAME_END.sub("", text).strip(" .:-–")
    name = re.sub(r"\s*[-–—]?\s*\b(?:minutes|agenda|meeting)$", "", name, flags=re.I).strip(" .:-–")
    if not name or parse_date(name) or len(name) < 4:
        return None
    return name


def _item_number(found: re.Match) -> int:
    """The item's number: "23." -> 23; of a minute reference, the number that is not its year
    ("YPC/14/44" -> 44, "CAB 45/19" -> 45, "Minute 2019/45" -> 45)."""
    if "ref" not in found.groupdict() or not found["ref"]:
        return int(found["n"])
    numbers = re.findall(r"\d+", found["ref"])
    if len(numbers) == 2:
        first, last = numbers
        if len(first) == 4:
            return int(last)  # "2019/45"
        if len(last) == 2 and 10 <= int(last) <= 40 and not last.startswith("0") and len(first) <= 3 \
                and int(first) > int(last):
            return int(first)  # "45/19": number, then year
    return int(numbers[-1])


def _is_title(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 18 or not re.match(r"^[A-Z0-9“\"‘'(]", text):
        return False
    if re.match(r"^(?:that|the\s+(?:committee|board|cabinet|panel)\s+(?:noted|agreed|resolved))\b", text, re.I):
        return False
    if re.match(r"^(?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
                text, re.I) and parse_date("1 " + text):
        return False  # "12 March 2019" is a date line
    if re.match(r"^(?:am|pm|hours?|minutes?|per\s*cent|%)(?:\s|$)", text):
        return False  # "30 minutes", "5 pm": a number in prose (lower case: "MINUTES" is an item)
    return not (text.endswith((".", ";", ",")) and len(words) > 10)


def _in_sequence(n: int, previous: int | None) -> bool:
    return previous is None or previous < n <= previous + 3


def _title_and_presenter(title: str, presenter: str | None, column: bool = False) -> tuple[str, str | None]:
    """ "Ofsted inspection outcome (Jane Roe, Director of Children's Services)" -> the title and the
    presenter; page references and a web page's document links ("PDF 420 KB") go too. ``column``: the
    agenda has a presenter column, whose one-word cell ("Chair") a PDF runs into the title's line."""
    title = _PAGES.sub("", title).strip()
    title = re.sub(r"\s+PDF\s+\d+\s*[KM]B\b.*$", "", title)
    if column:  # the presenter cell run into the title's line: "… Chair", "… Director of Children's Services"
        found = re.search(r"\s+(?P<who>(?:Vice[- ])?Chair(?:man|person)?|(?:(?:Assistant|Deputy|Interim|Acting|"
                          r"Executive|Corporate|Strategic)\s+)*(?:Director|Head|Chief|Principal|Service\s+Manager|"
                          r"Headteacher)\b[^()]*)$", title)
        if found and len(title[: found.start()].split()) >= 2:
            presenter, title = presenter or found["who"], title[: found.start()]
    bracket = re.search(r"\s*[(\[](?P<who>[^()\[\]]+)[)\]]\s*$", title)
    if bracket and (m.looks_like_person(bracket["who"].split(",")[0].strip()) or _PRESENTER_LINE.match(bracket["who"])
                    or re.match(r"^(?:director|head|assistant|chief|corporate|executive|cabinet|principal|chair)\b",
                                bracket["who"], re.I)):
        presenter = presenter or bracket["who"]
        title = title[: bracket.start()].strip()
    dash = re.search(r"\s+[-–—]\s+(?P<who>[^-–—]+)$", title)
    if dash and "," in dash["who"] and m.looks_like_person(dash["who"].split(",")[0].strip()) \
            and m.POST_WORDS.search(dash["who"].split(",", 1)[1]):  # "– Jane Roe, Director of …"
        presenter = presenter or dash["who"]
        title = title[: dash.start()].strip()
    return title.strip(" .:"), presenter


def _split_presenter(text: str) -> tuple[str | None, str | None]:
    """ "Jane Roe, Director of Children's Services" -> ("Jane Roe", "Director of …"); a post alone -> no name."""
    found = _PRESENTER_LINE.match(text)
    text = found["who"] if found else text
    parts = re.split(r"\s*[,(–—]\s*|\s+-\s+", text, maxsplit=1)
    name = parts[0].strip(" )")
    role = parts[1].strip(" )") if len(parts) > 1 else None
    if m.looks_like_person(name):
        return name, role
    return None, None
