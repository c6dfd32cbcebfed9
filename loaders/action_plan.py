"""Council action plans answering an Ofsted inspection (text, PDF text, Word).

A plan has a header (title, council, plan date, "Updated …" date, the inspection it answers),
often the judgements it restates, then one block per recommendation: a heading ("Ofsted
recommendation N", "Recommendation N", "Area for improvement N", …), the recommendation's
wording, a table of actions (columns found by their names: Action, Who/Lead/Owner, By
when/Timescale, Progress/Update, Status, RAG, No./Ref, in any order) and "Expected
outcomes" lists (a recommendation may have several).

What is made, and with which IRIs:

- the inspection: ``inspection_iri(authority, framework, start)``, typed, with framework,
  authority and dates, so the plan stands alone; the report's own loader gives the same IRI;
- its recommendations: ``within(inspection, "recommendation", N)``: the plan's heading
  number is the report's item number (ILACS "What needs to improve" items are numbered by
  position, as this loader numbers unnumbered headings). The plan's wording goes in
  ``sg:planText``, never ``sg:text``, which belongs to the report's wording;
- restated judgements: ``within(inspection, "judgement", Area)`` with area and grade
  concepts only (no wording, which the report gives);
- the plan: ``iri("plan", <authority key>, framework, start)`` (one plan answers one
  inspection; later updates of it are the same plan); ``dcterms:created`` is the plan date
  and ``dcterms:modified`` the "Updated …" date, as xsd:date: a month alone ("March 2020")
  is its first day, a full date is that day;
- actions: ``within(plan, "action", N, row)`` (row = 1-based position under recommendation
  N); expected outcomes: ``within(plan, "outcome", N, position)`` counted across all the
  outcome lists under N.

Owners: one org:Post per post named (``post_iri``), the cell split at ",", " and ",
"supported by", "with", "/", "&"; "Heads of Service A, B and C" is "Head of Service A", …;
a piece naming no post word ("Missing" in "Missing and Exploitation Team Manager") stays
part of its neighbour. The cell as written is kept in ``sg:ownerText``.

Due dates: ``sg:dueText`` is the cell as written; ``sg:dueDate`` the first date it names
(the day named, or the last day of the month named); none when the cell names no date.

Status (``sg:status``; the wording it came from in ``sg:statusText``): the first of the
Status cell, the By-when cell, the RAG cell and the Progress cell that *starts* with a status
word decides: "Completed"/"Complete"/"Done" -> Completed; "Not started"/"Not yet started" ->
NotStarted; "In progress"/"Under way"/"Started"/"On track" -> InProgress; "Ongoing"/"On-going"/
"Continuous" and frequencies ("Quarterly", "Monthly", …: a recurring activity) -> Ongoing.
Anything else (a date, a RAG colour, a sentence) -> StatusUnknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri, iri, post_iri, text_key, within
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit.authority import resolve_authority
from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_deadline, parse_month, parse_range
from safeguarding_kg.loaders.toolkit.genre_signs import front_matter, names_meeting_document, plan_heading
from safeguarding_kg.loaders.toolkit.inspections import add_inspection
from safeguarding_kg.loaders.toolkit.judgement_terms import grade_named_in, local_name, restated_area
from safeguarding_kg.loaders.toolkit.people import looks_like_name
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.tables import (
    Row,
    is_markdown_row,
    is_tab_row,
    one_line,
    read_table,
    split_markdown_row,
)
from safeguarding_kg.loaders.toolkit.text import clean, fold, is_bullet, strip_bullet, strip_markup
from safeguarding_kg.namespaces import DCTERMS, ORG, SG, SGID_BASE, SKOS

# --------------------------------------------------------------------------- patterns

_KINDS = (r"recommendation|area\s+for\s+(?:improvement|development|priority\s+action)|priority\s+action|"
          r"improvement\s+area|what\s+needs\s+to\s+improve|area\s+to\s+improve|priority|afi|wnti|rec|r(?=\s?\d)")
# "Recommendation 1: …", "Area for improvement 2 – …", "Ofsted: what needs to improve (1) – …",
# "Area for priority action 1.", "Priority 3 …": a recommendation as a heading or a merged row.
_HEADING = re.compile(
    r"^(?:ofsted\s*:?\s+)?(?P<kind>" + _KINDS + r")s?\s*(?:no\.?|number|#)?\s*"
    r"\(?(?P<n>\d{1,3})\)?(?![.\d]*\d)(?:\s*[:.)\-–—]\s*(?P<rest>.*)|\s+(?P<cap>(?-i:[A-Z“\"‘']).*))?\s*$",
    re.IGNORECASE,
)
# A recommendation cell: "1. The take-up …", "(2) …", "R3 – …", "Recommendation 4: …", or unnumbered.
_REC_CELL = re.compile(
    r"^(?:(?:ofsted\s*:?\s+)?(?P<kind>" + _KINDS + r")s?\s*(?:no\.?|number|#)?\s*)?"
    r"\(?(?P<n>\d{1,3})\)?(?![.\d]*\d)\s*[:.)\-–—]?\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# A recommendation heading without a number: "Ofsted recommendation: …", "What needs to improve – …".
_UNNUMBERED_HEADING = re.compile(
    r"^(?:ofsted\s*:?\s+)?(?:recommendation|area\s+for\s+(?:improvement|development|priority\s+action)|"
    r"what\s+needs\s+to\s+improve|area\s+to\s+improve)\s*[:–—-]\s*(?P<rest>\S.{10,})$", re.I)
# A numbered line directly above an action table: the recommendation it answers ("2. The timeliness of …").
_NUMBERED_LINE = re.compile(r"^\(?(?P<n>\d{1,3})[.)]\s+(?P<rest>(?-i:[A-Z“\"‘']).{10,})$", re.I)
# A numbered action in prose: "1.1 Launch …", "2b) Review …".
_PROSE_ACTION = re.compile(r"^(?:(?:action|step)\s+(?P<named>\d{1,3}(?:\.\d{1,2}|[a-z])?)|"
                           r"(?P<ref>\d{1,3}(?:\.\d{1,2}|[a-z])))[.):]?\s+(?P<text>\S.*)$", re.I)
# "Actions:" / "What we will do:" under a recommendation: the bullets that follow are its actions.
_ACTIONS_LIST = re.compile(r"^(?:key\s+|our\s+)?actions?(?:\s+(?:we\s+will\s+take|to\s+be\s+taken|agreed|planned))?"
                           r"\s*:?$|^what\s+(?:we\s+)?will\s+(?:we\s+)?do\s*\??:?$", re.I)
# Fields given inline after an action: "… (Lead: Principal Social Worker; by: March 2024)".
_FIELD_WORD = r"(?:lead|owner|responsible|who|by|due|timescale|deadline|status)\b"
_INLINE_FIELDS = re.compile(r"\s*[(\[](?P<fields>" + _FIELD_WORD + r"[^)\]]*)[)\]]\s*$", re.I)
# A field line under a prose action: "Lead: …", "By: …", "Status: …".
_FIELD = re.compile(r"^(?P<label>[A-Za-z][A-Za-z /&()'’-]{0,40}?)\s*[:–—]\s*(?P<value>.*)$")
# Dated update notes: "Update March 2024: …", "Progress at 12/03/2024 – …", "12.03.24: …".
_UPDATE_START = re.compile(
    r"(?:(?<=^)|(?<=[.;!)]\s))(?:(?:progress\s+)?update|position|progress|as\s+at|at)?\s*(?:\(|at\s+|on\s+)?"
    r"(?P<date>\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{4})\)?"
    r"\s*[:–—-]\s+",
    re.IGNORECASE,
)
_OUTCOMES = re.compile(r"^(?:expected|intended|anticipated|desired)?\s*outcomes?\s*(?:expected)?\s*:?\s*$", re.I)
_TITLE = re.compile(r"\b(?:action|improvement|response|development|recovery)\s+plan\b|\btracker\b|"
                    r"\bprogress\s+(?:update|report)\b|\bplan\s+on\s+a\s+page\b", re.I)
_UPDATED = re.compile(r"\b(?:updated|revised|reviewed|last\s+update|version|position\s+at|as\s+at)\b", re.I)
# A header line that dates the plan: "Version 1.2 – 25 February 2019", "Last updated: 24/04/2023".
_DATE_LINE = re.compile(r"^\W*(?:version|last\s+updated|updated|date(?:d)?|plan\s+date|date\s+of\s+plan|"
                        r"revised|reviewed|position\s+(?:at|as\s+at)|as\s+at|report\s+to|status\s+at|issued|agreed|approved|"
                        r"signed\s+off|endorsed)\b", re.I)

_FRAMEWORKS = [  # (slug, pattern over folded text): first match wins
    ("focused-visit", r"focused visit"),
    ("monitoring-visit", r"monitoring visit"),
    ("jtai", r"\bjtai\b|joint targeted area inspection"),
    ("ilacs", r"\bilacs\b|inspection of (?:\w+ ){0,6}local authority children s services|"
              r"local authority children s services \(?ilacs|"
              r"children in need of help and protection children in care and care leavers"),
    ("sif", r"\bsif\b|single inspection|children looked after and care leavers"),
    ("lscb-review", r"review of (?:the )?(?:effectiveness of (?:the )?)?(?:local safeguarding children board|lscb)|"
                    r"lscb review"),
]
# Ofsted reviewed LSCBs alongside SIF inspections, one report for both (November 2013 - 2018): an
# LSCB's plan then answers the recommendations the SIF report numbers, under that inspection.
_SIF_ERA = (dt.date(2013, 11, 1), dt.date(2018, 12, 31))
_FRAMEWORK_CONCEPTS = {"ilacs": "ILACS", "sif": "SIF", "focused-visit": "FocusedVisit",
                       "monitoring-visit": "MonitoringVisit", "jtai": "JTAI", "lscb-review": "LSCBReview"}

# Column roles by header wording, checked in order ("Action owner" is who, not action;
# "Area for priority action" is the recommendation).
_COLUMNS = [
    ("rec_number", r"^(?:ofsted )?rec(?:ommendation)?s? (?:no|ref|number|#)$|^rec$|^(?:afi|priority) (?:no|ref)$|"
                   r"^(?:report )?para(?:graph)?s?(?: no| number| ref)?$"),
    ("number", r"^(?:no|ref|reference|number|item|action (?:no|ref|number|id)|#|ref no|action ref|id)$"),
    ("recommendation", r"recommendation|^(?:ofsted )?rec$|"
                       r"area (?:for|to) (?:improvement|development|priority action|improve)|"
                       r"what needs to improve|priority action|^priority\b|^(?:ofsted )?(?:finding|area|issue)s?\b|"
                       r"improvement area"),
    ("rag", r"\brag\b|red amber green|\bbrag\b"),
    ("who", r"^who\b|\blead\b|owner|responsib|by whom|accountable"),
    ("status", r"^status\b|^current status|^overall status"),
    ("outcome", r"measure|impact|outcome|success|difference"),
    ("evidence", r"^evidence"),
    ("progress", r"progress|update|comment|commentary|position"),
    ("due", r"when|timescale|deadline|target|due|completion|^date|timeframe"),
    ("action", r"\baction|what (?:we )?will|activity|activities|task|how will we|steps|^(?:our )?response\b|"
               r"intervention|deliverables?"),
]

_STATUSES = [  # (concept, words): order matters ("not started" before "started")
    ("NotStarted", r"not\s+(?:yet\s+)?(?:started|commenced|begun|due)|yet\s+to\s+start"),
    ("Completed", r"complete[d]?|done|achieved|closed|delivered|finished|met\b"),
    ("InProgress", r"in\s+progress|in\s+hand|under\s*way|started|on\s+track|on\s+target|partially\s+complete[d]?|"
                   r"slippage|slipped|delayed|off\s+track|at\s+risk|behind|overdue|progressing|some\s+progress"),
    ("Ongoing", r"on-?\s?going|continuous|continuing|business\s+as\s+usual|\bbau\b|embedded|quarterly|monthly|weekly|"
                r"fortnightly|annually|termly|six[- ]monthly|regularly"),
]
_RAG_WORDS = {"r": "red", "a": "amber", "g": "green", "b": "blue", "red": "red", "amber": "amber", "green": "green",
              "blue": "blue", "grey": "grey", "gray": "grey", "purple": "purple", "black": "black",
              "yellow": "amber"}
_RAG_COLOUR = re.compile(r"^\s*(?:\[fill:\s*)?(?P<c>red|amber|green|blue|grey|gray|purple|black|yellow|[ragb])\b\]?",
                         re.I)
_KEY_ENTRY = re.compile(r"\b(?P<c>red|amber|green|blue|grey|purple|black)\b\]?\s*(?:\([A-Z]\))?\s*[:=–—\-\t]*\s*"
                        r"(?P<meaning>(?:(?!\b(?:red|amber|green|blue|grey|purple|black)\b)[^;:\t\n]){2,80})", re.I)

# Words that make a piece of a Who cell a post on its own.
_POST_WORDS = re.compile(
    r"\b(?:heads?|director|manager|officer|worker|lead|leader|co-?ordinator|advis[eo]r|team|board|provider|"
    r"partnership|service|chair|member|commissioner|panel|group|practitioner|consultant|analyst|nurse|"
    r"doctor|police|principal|chief|executive|head teacher|headteacher|inspector|designated|leadership|"
    r"partners?|agencies|council|school|trust|psw|ad|dcs|hos|iro|lado)\b",
    re.I,
)
_HEADS_OF = re.compile(r"^heads\s+of\s+(?P<service>service\s+)?(?P<for>for\s+)?(?P<rest>.+)$", re.I)
# "Service Managers for CIN and CP", "Team Managers, Assessment and Intervention": one post per area.
_TITLES_FOR = re.compile(r"^(?P<title>(?:[A-Z][\w’'-]*\s+){0,3}(?:manager|director|officer|lead|worker|practitioner)s)"
                         r"\s+(?P<joiner>for|of|,)\s*(?P<rest>.+)$", re.I)
# Words naming a person's job: after a comma, only these start another post ("Team Manager,
# Adolescent Service" is one post; "Head of Service, Children in Care, Principal Social Worker" two).
_JOB_TITLE = re.compile(
    r"\b(?:heads?|director|manager|officer|worker|lead|leader|co-?ordinator|advis[eo]r|chair|commissioner|"
    r"practitioner|consultant|analyst|nurse|doctor|principal|chief|executive|head ?teacher|inspector|designated|"
    r"psw|ad|dcs|hos|iros?|lado|secretary|solicitor|paediatrician|administrator|specialist)\b", re.I)


# --------------------------------------------------------------------------- recognition


class ActionPlanLoader:
    name = "action-plan"
    genre = SG.ActionPlanDocument

    def recognise(self, source: SourceText) -> float:
        return plan_confidence(source)

    def extract(self, source: SourceText, out: Extraction) -> None:
        if source.media_type == "application/pdf" and source.path is not None:
            tabled = pdf_with_tables(source)
            with out.reading(tabled):
                PlanReader(tabled, out).read()
            return
        PlanReader(source, out).read()


def plan_confidence(source: SourceText) -> float:
    """How sure the document is a plan or tracker: by what it is (its title, its action table,
    its numbered actions with Lead/By lines), whatever report it quotes. A plan scores above
    every Ofsted loader's 0.9, so a plan restating the inspection's title, dates and
    judgement table stays a plan (see docs/council-plans.md)."""
    if names_meeting_document(source):
        return 0.0  # minutes or an agenda discussing a plan: the committee loader's
    lines = source.lines
    head = front_matter(source, 12)  # where a report's own header lines are
    headers = any(_is_action_header(line) for line in lines)
    fields = sum(1 for line in lines if _FIELD.match(_plain(line)) and _field_role(_FIELD.match(_plain(line))["label"]))
    prose = sum(1 for line in lines if "\t" not in line and _PROSE_ACTION.match(_plain(line)))
    headings = any(_HEADING.match(_plain(line)) for line in lines)
    titled = plan_heading(source) is not None
    prose_actions = prose >= 2 and fields >= 2
    if re.search(r"^\s*(?:lead inspector|inspection dates?)\s*:", head, re.I | re.M) \
            and not (headers or titled or prose_actions):
        return 0.0  # an Ofsted report mentioning an action plan
    score = 0.0
    if titled:
        score += 0.5
    if headers:
        score += 0.5
    if prose_actions:
        score += 0.4
    if headings:
        score += 0.15
    return min(score, 0.97)


def pdf_with_tables(source: SourceText) -> SourceText:
    """A PDF plan's text with its tables read as rows (toolkit/pdf_tables.py)."""
    from safeguarding_kg.loaders.toolkit.pdf_tables import read_pdf_table_pages, table_lines

    lines, pages = table_lines(read_pdf_table_pages(source.path))
    return replace(source, lines=lines, pages=pages)


def _plain(line: str) -> str:
    return strip_bullet(strip_markup(line)).strip()


def _is_action_header(line: str) -> bool:
    if is_tab_row(line):
        return _columns([c.strip() for c in line.split("\t")]) is not None
    if is_markdown_row(line):
        return _columns(split_markdown_row(line)) is not None
    return False


@dataclass
class Columns:
    """An action table's header: the column of each role; progress columns with the date their header names."""

    roles: dict[str, int]
    progress: list[tuple[int, dt.date | None]]
    cells: list[str]


def _columns(cells: list[str]) -> Columns | None:
    """Column roles of a header row, or None when the row is not an action-table header."""
    roles: dict[str, int] = {}
    progress: list[tuple[int, dt.date | None]] = []
    for index, cell in enumerate(cells):
        text = fold(cell)
        if not text:
            continue
        if len(text.split()) > 12:
            return None  # a sentence: a data row, not a header
        role = next((r for r, pattern in _COLUMNS if re.search(pattern, text)), None)
        if role == "number" and "number" in roles and "rec_number" not in roles:
            # "Recommendation | No. | Action | Ref": the first number column numbers the recommendation
            roles["rec_number"] = roles.pop("number")
        if role == "progress":
            progress.append((index, parse_deadline(cell)))
        elif role and role not in roles:
            roles[role] = index
    if progress:
        roles.setdefault("progress", progress[0][0])
    if "action" not in roles or len(roles) < 2:
        return None
    return Columns(roles, progress, [fold(c) for c in cells])


def _field_role(label: str) -> str | None:
    """The role of a prose field's label ("Lead", "By", "Status", "Update March 2024")."""
    text = fold(label)
    if re.search(r"inspector|hmi", text):
        return None  # "Lead inspector:" heads an Ofsted report
    if re.fullmatch(r"by|by when|when|due|target|date|deadline|timescale|completion date|target date", text):
        return "due"
    if len(text.split()) > 4:
        return None
    role = next((r for r, pattern in _COLUMNS if re.search(pattern, text)), None)
    return role if role not in (None, "action", "number", "recommendation") else None


# --------------------------------------------------------------------------- the reader


@dataclass
class ActionItem:
    """One action: its cells by role, its progress notes (header date, text) and where it starts."""

    line: int
    cells: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[dt.date | None, str]] = field(default_factory=list)


@dataclass
class Recommendation:
    number: int
    line: int
    kind: str = "recommendation"  # or "priority": a focused visit's area for priority action
    words: list[str] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    outcomes: list[tuple[int, str]] = field(default_factory=list)
    closed: bool = False  # a section after its actions (governance, monitoring) ended it


def _kind(text: str | None) -> str:
    return "priority" if text and re.search(r"priority\s+action", text, re.I) else "recommendation"


class PlanReader:
    """One pass over the lines: header facts, then recommendation blocks."""

    def __init__(self, source: SourceText, out: Extraction) -> None:
        self.source, self.out = source, out
        self.lines = source.lines
        self.recommendations: list[Recommendation] = []
        self.columns: Columns | None = None
        self.post_labels: dict[str, str] = {}
        self.rag_key: dict[str, str] = {}
        self.unkeyed_rag: list[int] = []  # lines whose RAG colour no key explains
        self.orphans: list[int] = []  # action rows before any recommendation
        self.rec_column_kind = "recommendation"

    # ---- header

    def read(self) -> None:
        body_start = self._body_start()
        header = self.lines[: (body_start - 1) if body_start else 60]
        self.title, title_line = self._title(header)
        self.authority_iri = self._authority(header)
        start, end, inspection_line = self._inspection_dates(header)
        self.framework = self._framework(header, start)
        board = self.framework == "lscb-review"
        if board and _SIF_ERA[0] <= start <= _SIF_ERA[1]:
            self.framework = "sif"  # reviewed alongside the SIF and reported in its report: that inspection
        self.inspection = inspection_iri(self.authority_iri, self.framework, start)
        key = self.authority_iri.value.removeprefix(SGID_BASE + "authority/")
        # the board's plan is its own, beside the authority's plan answering the same inspection
        self.plan = iri("plan", *key.split("/"), self.framework, start, *(["board"] if board else []))
        self.rag_key = rag_key(self.lines)

        self._describe_inspection(start, end, inspection_line)
        self._describe_plan(header, title_line)
        self._read_judgements(header)
        self._read_body(body_start or len(self.lines) + 1)
        for rec in self.recommendations:
            self._emit_recommendation(rec)
        if self.orphans:
            self.out.warn(f"action rows at lines {', '.join(map(str, self.orphans))} come before any recommendation "
                          "(no heading, merged row or recommendation column names one): not read")
        if self.unkeyed_rag:
            lines = ", ".join(str(line) for line in self.unkeyed_rag)
            self.out.warn(f"RAG colours at lines {lines} set no status: the document gives no key saying what "
                          "each colour means")
        if not self.recommendations:
            self.out.warn("no recommendations found (no heading such as 'Recommendation 1', no recommendation "
                          "column and no merged row naming one): the plan has no actions")

    def _body_start(self) -> int | None:
        """The first line of the body: the first recommendation heading, action-table header or numbered
        action (a table's header row above its first merged recommendation row belongs to the body)."""
        for number, line in enumerate(self.lines, start=1):
            cells = [c for c in line.split("\t") if c.strip()] if "\t" in line else [line]
            if _is_action_header(line):
                return self._heading_above(number)
            if len(cells) <= 2 and cells and _HEADING.match(_plain(cells[0])):
                return number  # a heading, a merged row, or a record card's "Recommendation 5 | …"
        return None

    def _heading_above(self, number: int) -> int:
        """The line a table's recommendation starts at: the numbered line or heading just above the table."""
        above = number - 1
        while above >= 1 and not self.lines[above - 1].strip():
            above -= 1
        if above >= 1:
            plain = _plain(self.lines[above - 1])
            if _NUMBERED_LINE.match(plain) or _UNNUMBERED_HEADING.match(plain) or _HEADING.match(plain):
                return above
        return number

    def _title(self, header: list[str]) -> tuple[str | None, int | None]:
        for number, line in enumerate(header, start=1):
            if _TITLE.search(line) and len(line.split()) <= 20:
                return clean(line), number
        self.out.warn("no plan title (a line naming an action plan, improvement plan or tracker) in the header")
        return None, None

    def _authority(self, header: list[str]) -> NamedNode:
        found = resolve_authority(self.out, ["\n".join(header), self.source.text])
        if found is None:
            raise ExtractionError("no English local authority is named in the plan")
        return found

    def _inspection_dates(self, header: list[str]) -> tuple[dt.date, dt.date | None, int]:
        """The inspection's dates: a line naming an inspection (or visit) and a date range or date."""
        for lines in (header, self.lines[:120]):
            for number, line in enumerate(lines, start=1):
                if not re.search(r"inspect|visit|ofsted|review", line, re.I):
                    continue
                following = lines[number] if number < len(lines) else ""
                found = parse_range(line) or parse_range(f"{line} {following}")  # dates wrapped onto the next line
                if found:
                    return found[0], found[1], number
        for lines in (header, self.lines[:120]):
            for number, line in enumerate(lines, start=1):
                if re.search(r"inspect|visit", line, re.I) and not re.search(r"publish|letter", line, re.I):
                    day = parse_date(line)
                    if day:
                        return day, None, number
        raise ExtractionError("no inspection date in the plan (e.g. '(Inspection date 11th to 22nd November 2019)' "
                              "or 'Ofsted inspection 7 to 18 January 2019')")

    def _framework(self, header: list[str], start: dt.date) -> str:
        folded = fold("\n".join(header))
        title = fold("\n".join([line for line in header if line.strip()][:3]))
        if re.search(dict(_FRAMEWORKS)["lscb-review"], title):
            return "lscb-review"  # the board's own plan, though it says the review ran alongside the SIF
        for slug, pattern in _FRAMEWORKS:
            if re.search(pattern, folded):
                return slug
        if start >= dt.date(2018, 1, 1):
            guess = "ilacs"
        elif start >= dt.date(2013, 11, 1):
            guess = "sif"
        else:
            raise ExtractionError("the plan does not say which inspection framework it answers")
        self.out.warn(f"the plan does not name the inspection framework; taken as {guess} from the date {start}")
        return guess

    def _describe_inspection(self, start: dt.date, end: dt.date | None, line: int) -> None:
        out, inspection = self.out, self.inspection
        # No sg:reportedIn: the plan answers the inspection, the report is another document.
        add_inspection(out, inspection, line, SG[_FRAMEWORK_CONCEPTS[self.framework]], self.authority_iri, start, end)

    def _describe_plan(self, header: list[str], title_line: int | None) -> None:
        out, plan = self.out, self.plan
        out.node(plan, SG.ActionPlan, line=title_line or 1)
        out.add(plan, DCTERMS.title, self.title)
        out.add(out.document, DCTERMS.title, self.title)
        out.add(plan, SG.respondsTo, self.inspection)
        out.add(plan, SG.ofAuthority, self.authority_iri)
        out.add(plan, SG.reportedIn, out.document)
        created, modified = _plan_dates(header)
        if self.title and re.search(r"\bprogress\b|\bupdate\b", self.title, re.I):
            # a progress update dates a later state of the plan, never its creation (which the plan gives)
            created, modified = None, max(filter(None, (created, modified)), default=None)
        out.add(plan, DCTERMS.created, created)
        out.add(plan, DCTERMS.modified, modified)
        out.add(out.document, DCTERMS.issued, modified or created)
        self.plan_date = modified or created
        if created is None and modified is None:
            out.warn("no plan date (e.g. 'March 2020', 'Last updated: 24/04/2023') in the header")

    def _read_judgements(self, header: list[str]) -> None:
        """A restated judgements table: rows of an area and a grade, attached to the inspection's judgements."""
        for number, line in enumerate(header, start=1):
            if not is_tab_row(line):
                continue
            cells = [c.strip() for c in strip_markup(line).split("\t") if c.strip()]
            if len(cells) != 2 or _columns(cells):
                continue
            area, grade = restated_area(cells[0]), grade_named_in(cells[1])
            if area and grade and len(cells[1].split()) <= 6:
                judgement = within(self.inspection, "judgement", local_name(area))
                self.out.node(judgement, SG.Judgement, line=number)
                self.out.add(judgement, SG.ofInspection, self.inspection)
                self.out.add(judgement, SG.judgementArea, area)
                self.out.add(judgement, SG.grade, grade)

    # ---- body

    def _read_body(self, start: int) -> None:
        number = start
        self.current: Recommendation | None = None
        self.action: ActionItem | None = None  # the prose action whose fields are being read
        self.mode = "text"
        while number <= len(self.lines):
            line = self.lines[number - 1]
            if is_tab_row(line) or is_markdown_row(line):
                rows, number = read_table(self.lines, number)
                self.current = self._take_rows(rows, self.current)
                continue
            if line.startswith("Sheet: "):  # a workbook's next sheet (toolkit/spreadsheet.py): a table of its own
                self.columns, self.current, self.action = None, None, None
            self._take_line(line, number)
            number += 1

    def _take_line(self, line: str, number: int) -> None:
        """One line of text: a recommendation heading, a numbered action, its fields, outcomes, wording."""
        plain = _plain(line)
        current, action = self.current, self.action
        heading = _HEADING.match(plain)
        prose = _PROSE_ACTION.match(plain) if current is not None else None
        unnumbered = _UNNUMBERED_HEADING.match(plain) if not heading else None
        numbered = _NUMBERED_LINE.match(plain) if not (heading or prose) and self._table_follows(number) else None
        if heading:
            self.current, self.action = self._start_recommendation(heading, number), None
            self.mode = "text"
        elif unnumbered and current is not None and not current.actions and self.mode == "text":
            current.words.append(unnumbered["rest"])  # "What needs to improve: “…”" under "Recommendation 1 – Topic"
        elif unnumbered or numbered:  # "Recommendation: …" (the next number), "3. The quality of …" before its table
            found = unnumbered or numbered
            number_given = int(numbered["n"]) if numbered else None
            self.current = self._recommendation(_kind(plain), number_given, found["rest"], number)
            self.action, self.mode = None, "text"
        elif _OUTCOMES.match(plain):
            self.mode, self.action = "outcomes", None
        elif prose and not current.closed and self.mode != "outcomes":
            self.action = self._new_action(number, prose["named"] or prose["ref"], prose["text"])
            current.actions.append(self.action)
            self.mode = "action"
        elif current is not None and _ACTIONS_LIST.match(plain) and not current.closed:
            self.mode, self.action = "bullets", None
        elif self.mode in ("bullets", "bullet-action") and current is not None and is_bullet(line) \
                and not current.closed:
            self.action = self._new_action(number, None, plain)
            current.actions.append(self.action)
            self.mode = "bullet-action"
        elif plain and action is not None and self.mode in ("action", "bullet-action"):
            if self._take_field(action, plain):
                return
            if _looks_like_heading(plain):
                current.closed, self.action, self.mode = True, None, "closed"
            elif set(action.cells) <= {"number", "action"} and not action.notes and not is_bullet(line):
                action.cells["action"] += " " + plain  # the action's wrapped text
            elif action.notes:
                day, text = action.notes[-1]
                action.notes[-1] = (day, f"{text} {plain}")  # a note's wrapped text
        elif plain and current is not None:
            if self.mode == "outcomes":
                self._take_outcome(current, line, number)
            elif self.mode == "text" and not current.actions:
                current.words.append(plain)
            elif current.actions and _looks_like_heading(plain):
                current.closed, self.mode = True, "closed"

    def _new_action(self, line: int, ref: str | None, text: str) -> ActionItem:
        """A prose or bulleted action; trailing "(Lead: …; by: …)" fields are read as its fields."""
        item = ActionItem(line, {"number": ref or "", "action": text})
        inline = _INLINE_FIELDS.search(text)
        if inline:
            item.cells["action"] = text[: inline.start()].strip()
            for piece in re.split(r"\s*[;,]\s*(?=" + _FIELD_WORD + ")", inline["fields"], flags=re.I):
                self._take_field(item, re.sub(r"^(\w+)\s+(?!\w*:)", r"\1: ", piece, count=1)
                                 if ":" not in piece else piece)
        if not item.cells["number"]:
            del item.cells["number"]
        return item

    def _table_follows(self, number: int) -> bool:
        """Whether an action table starts within the next few lines (after a numbered recommendation line)."""
        for line in self.lines[number : number + 4]:
            if line.strip():
                if _is_action_header(line):
                    return True
                if not (is_tab_row(line) or is_markdown_row(line)) and len(line.split()) > 3:
                    return False  # more prose: the numbered line was a paragraph
        return False

    def _take_field(self, action: ActionItem, plain: str) -> bool:
        """A "Lead: …" / "By: …" / "Status: …" / "Update March 2024: …" line under a prose action."""
        update = _UPDATE_START.match(plain)
        if update:
            action.notes.append((None, plain))
            return True
        m = _FIELD.match(plain)
        role = _field_role(m["label"]) if m else None
        if role is None:
            return False
        if role == "progress":
            action.notes.append((parse_deadline(m["label"]), m["value"].strip()))
        else:
            action.cells[role] = m["value"].strip()
        return True

    def _start_recommendation(self, heading: re.Match, line: int) -> Recommendation:
        rest = heading["rest"] or heading["cap"]
        return self._recommendation(_kind(heading["kind"]), int(heading["n"]), rest, line)

    def _recommendation(self, kind: str, number: int | None, words: str | None, line: int) -> Recommendation:
        """The recommendation numbered ``number`` (the next free number when None), started at ``line``."""
        if number is None:
            same_text = next((r for r in self.recommendations if r.kind == kind and words
                              and fold(" ".join(r.words)) == fold(words)), None)
            if same_text:
                return same_text
            number = 1 + max((r.number for r in self.recommendations if r.kind == kind), default=0)
        existing = next((r for r in self.recommendations if r.kind == kind and r.number == number), None)
        if existing:
            if words and existing.words and fold(words) != fold(" ".join(existing.words)):
                self.out.warn(f"recommendation {number} has two headings (line {line}); their actions are merged")
            if words and not existing.words:
                existing.words.append(words.strip())
            existing.closed = False
            return existing
        rec = Recommendation(number, line, kind)
        if words:
            rec.words.append(words.strip())
        self.recommendations.append(rec)
        return rec

    def _take_rows(self, rows: list[Row], current: Recommendation | None) -> Recommendation | None:
        for row in rows:
            filled = [c for c in row.cells if c.strip()]
            columns = _columns(row.cells)
            if columns:
                self.columns = columns
                recs = columns.roles.get("recommendation")
                self.rec_column_kind = _kind(row.cell(recs)) if recs is not None else "recommendation"
                continue
            if not filled:
                continue
            in_column = self.columns is not None and ("recommendation" in self.columns.roles
                                                      or "rec_number" in self.columns.roles)
            if len(filled) == 1 and in_column and not row.cell(self.columns.roles.get("action")).strip():
                rec_cells = [row.cell(self.columns.roles.get(r)).strip() for r in ("recommendation", "rec_number")]
                text = clean(rec_cells[0])
                if text and (_REC_CELL.match(text) or _HEADING.match(text)):
                    # the recommendation on a row of its own, its actions on the rows below
                    current = self._recommendation_from_cell(rec_cells[0], row.line, self.rec_column_kind)
                continue  # else a section label across a table whose recommendations have a column
            if len(filled) == 1:  # a full-width row (merged cells) naming the recommendation
                heading = _HEADING.match(_plain(one_line(filled[0])))
                if heading:
                    current = self._start_recommendation(heading, row.line)
                    continue
                if current is not None and not current.words and not current.actions \
                        and len(filled[0].split()) >= 5:
                    current.words.append(clean(one_line(filled[0])))  # "Recommendation 1" then its wording
                    continue
                if self.columns is not None and len(filled[0].split()) >= 5:
                    current = self._recommendation_from_cell(filled[0], row.line, self.rec_column_kind)
                    continue
            if self.columns is None:
                if len(filled) == 2 and row.cells[0].strip() and len(row.cells[0].split()) <= 6:
                    # a record card: "Action 154.1 | text", "Lead | …", "Timescale | …" read as prose lines
                    self.current = current
                    self._take_line(f"{one_line(row.cells[0])}: {one_line(filled[1])}", row.line)
                    current = self.current
                continue  # otherwise a table that is not an action table (e.g. judgements, contents)
            if [fold(c) for c in row.cells] == self.columns.cells:
                continue  # header repeated on a new page
            roles = self.columns.roles
            rec_number = re.match(r"^\s*(?:\D{0,4}?)(\d{1,3})\b", row.cell(roles.get("rec_number")))
            rec_no = int(rec_number[1]) if rec_number else None
            if "recommendation" in roles and row.cell(roles["recommendation"]).strip():
                current = self._recommendation_from_cell(row.cell(roles["recommendation"]), row.line,
                                                         self.rec_column_kind, rec_no)
            elif rec_number:
                current = self._recommendation(self.rec_column_kind, int(rec_number[1]), None, row.line)
            elif current is None and "number" in roles:
                ref = re.match(r"^\s*(\d{1,2})\b", row.cell(roles["number"]))
                current = self._recommendation("recommendation", int(ref[1]), None, row.line) if ref else None
            if current is None:
                self.orphans.append(row.line)
                continue
            item = ActionItem(row.line, {role: clean(one_line(row.cell(index))) for role, index in roles.items()
                                         if role not in ("recommendation", "progress", "rec_number")})
            ref = _PROSE_ACTION.match(item.cells.get("action", ""))
            if ref and "number" not in roles:  # "1.1 Refresh the framework …": the action's own reference
                item.cells["number"], item.cells["action"] = ref["ref"], ref["text"]
            item.notes = [(day, clean(one_line(row.cell(index)))) for index, day in self.columns.progress
                          if row.cell(index).strip()]
            current.actions.append(item)
        return current

    def _recommendation_from_cell(self, text: str, line: int, kind: str, number: int | None = None) -> Recommendation:
        text = clean(one_line(text))
        if number is not None:  # numbered in a column of its own
            return self._recommendation(kind, number, text, line)
        m = _REC_CELL.match(text)
        if m:
            return self._recommendation(_kind(m["kind"]) if m["kind"] else kind, int(m["n"]), m["rest"], line)
        bare = re.fullmatch(r"(?:rec(?:ommendation)?\s*)?(\d{1,2})", text, re.I)
        if bare:
            return self._recommendation(kind, int(bare[1]), None, line)
        return self._recommendation(kind, None, text, line)

    def _take_outcome(self, rec: Recommendation, line: str, number: int) -> None:
        text = strip_bullet(strip_markup(line)).strip()
        previous = self.lines[number - 2] if number >= 2 else ""
        if rec.outcomes and not is_bullet(line) and previous.strip():
            first_line, before = rec.outcomes[-1]
            rec.outcomes[-1] = (first_line, f"{before} {text}")  # a bullet's wrapped line
        else:
            rec.outcomes.append((number, text))

    # ---- emitting

    def _emit_recommendation(self, rec: Recommendation) -> None:
        out = self.out
        if rec.kind == "priority":  # a focused visit's area for priority action: the letter's finding
            node = within(self.inspection, "finding", "area-for-priority-action", rec.number)
            out.node(node, SG.Finding, line=rec.line)
            out.add(node, SG.findingKind, SG.AreaForPriorityActionItem)
            out.add(node, SG.paragraphNumber, rec.number)
        else:
            node = within(self.inspection, "recommendation", rec.number)
            out.node(node, SG.Recommendation, line=rec.line)
            out.add(node, SG.number, rec.number)
        out.add(node, SG.ofInspection, self.inspection)
        out.add(node, SG.planText, clean(" ".join(rec.words)))
        label = "area for priority action" if rec.kind == "priority" else "recommendation"
        if not rec.words:
            out.warn(f"{label} {rec.number} (line {rec.line}) has no wording")
        if not rec.actions:
            out.warn(f"{label} {rec.number} (line {rec.line}) has no actions")
        for position, item in enumerate(rec.actions, start=1):
            self._emit_action(node, rec, position, item)
        for position, (line, text) in enumerate(rec.outcomes, start=1):
            outcome = within(self.plan, "outcome", rec.number, position)
            out.node(outcome, SG.ExpectedOutcome, line=line)
            out.add(outcome, SG.inPlan, self.plan)
            out.add(outcome, SG.outcomeOf, node)
            out.add(outcome, SG.text, clean(text))

    def _emit_action(self, recommendation: NamedNode, rec: Recommendation, position: int, item: ActionItem) -> None:
        out, cell = self.out, {role: clean(text) for role, text in item.cells.items()}
        steps = ("priority", rec.number, position) if rec.kind == "priority" else (rec.number, position)
        action = within(self.plan, "action", *steps)
        out.node(action, SG.Action, line=item.line)
        out.add(action, SG.inPlan, self.plan)
        out.add(action, SG.addresses, recommendation)
        out.add(action, SG.number, position)
        out.add(action, SG.actionRef, cell.get("number"))
        out.add(action, SG.text, cell.get("action"))
        if not cell.get("action"):
            out.warn(f"action at line {item.line} has no action text")
        out.add(action, SG.ownerText, cell.get("who"))
        for post in self._posts(cell.get("who", "")):
            out.add(action, SG.owner, post)
        if "who" in cell and not cell["who"]:
            out.warn(f"action at line {item.line} names no owner")
        if "due" in cell and not cell["due"]:
            out.warn(f"action at line {item.line} has no due date")
        out.add(action, SG.dueText, cell.get("due"))
        out.add(action, SG.dueDate, parse_deadline(cell.get("due", ""), self.plan_date))
        notes = [clean(text) for _, text in item.notes]
        out.add(action, SG.progressText, " ".join(notes))
        out.add(action, SG.ragRating, cell.get("rag"))
        out.add(action, SG.successMeasureText, cell.get("outcome"))
        out.add(action, SG.evidenceText, cell.get("evidence"))
        updates = self._emit_updates(action, item)
        status, wording = action_status(_without_colour(cell.get("status", "")),
                                        self._rag_status(cell.get("rag", ""), item.line),
                                        cell.get("due", ""), *(note_body(text) for _, text in reversed(updates)))
        out.add(action, SG.status, SG[status])
        out.add(action, SG.statusText, wording)

    def _emit_updates(self, action: NamedNode, item: ActionItem) -> list[tuple[dt.date | None, str]]:
        """Every progress note as an sg:ProgressUpdate with the date it gives (see docs/council-plans.md)."""
        updates: list[tuple[dt.date | None, str]] = []
        for column_date, text in item.notes:
            for day, part in split_updates(text):
                updates.append((day or column_date, part))
        for day, text in updates:
            # the date and the note's words name it: a later update repeating the note is the same node
            node = within(action, "update", day.isoformat() if day else "undated", text_key(text))
            self.out.node(node, SG.ProgressUpdate, line=item.line)
            self.out.add(action, SG.hasUpdate, node)
            self.out.add(node, DCTERMS.date, day)
            self.out.add(node, SG.text, text)
            status, _ = action_status(note_body(text))
            if status != "StatusUnknown":
                self.out.add(node, SG.status, SG[status])
        return sorted(updates, key=lambda pair: pair[0] or dt.date.min)

    def _rag_status(self, rag: str, line: int) -> str:
        """A RAG cell's meaning: its wording, or a colour through the document's own key."""
        token = rag.strip(" .").lower()
        if len(token) == 1 and token in self.rag_key:  # a letter the key defines ("C = complete")
            return _STATUS_WORDING.get(self.rag_key[token], "")
        m = _RAG_COLOUR.match(rag)
        if m and self.rag_key:
            token = m["c"].lower()
            found = self.rag_key.get(token) or self.rag_key.get(_RAG_WORDS[token], "")
            return _STATUS_WORDING.get(found, "") or _without_colour(rag)
        if m and not _without_colour(rag):
            self.unkeyed_rag.append(line)
        return _without_colour(rag) if m else rag

    def _posts(self, who: str) -> list[NamedNode]:
        posts = []
        for name in owner_posts(who):
            node = self.out.node(post_iri(self.authority_iri, name), ORG.Post)
            label = self.post_labels.setdefault(node.value, name)  # first spelling met names the post
            self.out.add(node, SKOS.prefLabel, label)
            self.out.add(node, SG.ofAuthority, self.authority_iri)
            posts.append(node)
        return posts


def _looks_like_heading(text: str) -> bool:
    """A section heading after the actions ("Governance and monitoring"): short, no full stop, capitalised."""
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ",", ";")) and text[:1].isupper() \
        and not _FIELD.match(text)


def _without_colour(cell: str) -> str:
    """A status or RAG cell without its leading colour: "Green – on track" -> "on track"."""
    return re.sub(r"^\s*(?:\[fill:\s*\w+\]|(?:red|amber|green|blue|grey|gray|black|purple)\b|[RAGB](?=\W))\W*", "",
                  cell, flags=re.I) if cell else cell


def note_body(text: str) -> str:
    """A progress note without the date it starts with: "Update June 2024: Complete …" -> "Complete …"."""
    m = _UPDATE_START.match(text)
    return text[m.end() :] if m and parse_deadline(m["date"]) else text


def split_updates(text: str) -> list[tuple[dt.date | None, str]]:
    """A progress cell as its dated notes: "Update March 2024: … Update June 2024: …" -> two notes
    (a month is its last day, as due dates); a cell without such dates is one undated note."""
    starts = [m for m in _UPDATE_START.finditer(text) if parse_deadline(m["date"])]
    if not starts:
        return [(None, text.strip())] if text.strip() else []
    notes = []
    if text[: starts[0].start()].strip():
        notes.append((None, text[: starts[0].start()].strip()))
    for index, m in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        notes.append((parse_deadline(m["date"]), text[m.start() : end].strip()))
    return notes


def rag_key(lines: list[str]) -> dict[str, str]:
    """The document's RAG key: colour word or letter -> status concept.

    Read from a line naming two or more colours (or letters, on a line saying "RAG" or "key")
    each followed by a meaning ("Blue – action complete; Green – on track …", "C = complete;
    G = on track"), or from a key table's rows ("Green\tOn track", "[fill: Amber]\tSlippage")."""
    key: dict[str, str] = {}
    for line in lines:
        text = line.replace("[fill: ", "").replace("]", " ")
        entries = [(m["c"], m["meaning"]) for m in _KEY_ENTRY.finditer(text)]
        if re.search(r"\b(?:b?rag|key)\b", text, re.I):
            entries += [(m[1] or m[3], m[2] or m[4]) for m in re.finditer(
                r"(?:^|[;,(]\s*|\s)([A-Z])\s*[:–—-]\s*([^;:,\t\n]{2,60})|([A-Z])\s*=\s*([^;:,=\t\n]{2,60})", text)]
        is_key_row = len(entries) == 1 and re.match(r"^\s*\W*(?:[A-Z]\s*[-=:]\s*)?(?:red|amber|green|blue|grey|purple)"
                                                     r"\b\W*(?:\t|[-–—=:])", text, re.I)
        if len(entries) < 2 and not is_key_row and not re.search(r"\bkey\b", text, re.I):
            continue
        for token, meaning in entries:
            status, _ = action_status(meaning, search=True)
            if status != "StatusUnknown":
                key.setdefault(token.lower(), status)
    return key


# --------------------------------------------------------------------------- cell rules


# A date a header line gives the plan, after a word saying so, anywhere in the line:
# "… Action Plan – Last updated: 28/11/2016", "Plan version 3 – 14 November 2014", "updated 18/09/2017".
_DATED_BY = re.compile(r"\b(?P<kw>last\s+updated|updated|revised|reviewed|version\b[^:–—\-]{0,12}|plan\s+date|"
                       r"date\s+of\s+plan|dated?|as\s+at|position\s+at|status\s+at|agreed\b[^:]{0,40}|"
                       r"approved\b[^:]{0,40}|issued)\s*(?:on\s+)?[:–—\-]?\s*", re.I)


def _plan_dates(header: list[str]) -> tuple[dt.date | None, dt.date | None]:
    """Plan date and updated date: a header line that is (nearly) only a date, or a date after a word
    that dates the plan ("Version 1.2 – 25 February 2019", "… Tracker – Last updated: 24/04/2023")."""
    created = modified = None
    for line in header:
        text = clean(line)
        if not text:
            continue
        found: list[tuple[dt.date, bool]] = []
        for part in (clean(p) for p in re.split(r"\t|\s{2,}|\|", line)):
            value, updated = None, False
            if _DATE_LINE.match(part):  # "Version: final, 10 March 2025", "Report to: Board, 28 June 2024"
                value, updated = parse_date(part) or parse_month(part), bool(_UPDATED.search(part))
            elif part and len(part.split()) <= 6 and not re.search(r"inspect|visit|publish", part, re.I):
                value, updated = parse_date(part) or parse_month(part), bool(_UPDATED.search(text))
            if value:
                found.append((value, updated))
        for m in _DATED_BY.finditer(text) if not found else ():
            after = text[m.end() : m.end() + 40]
            value = _date_at_start(after)
            if value:
                found.append((value, bool(_UPDATED.search(m["kw"]))))
        for value, updated in found:
            if updated:
                modified = modified or value
            else:
                created = created or value
    return created, modified


def _date_at_start(text: str) -> dt.date | None:
    """A full date or a month the text starts with."""
    day = re.match(r"\s*(?:\w+day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}|"
                   r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d\d-\d\d)", text)
    if day:
        return parse_date(day.group(0))
    month = re.match(r"\s*[A-Za-z]+\.?,?\s+\d{4}", text)
    return parse_month(month.group(0)) if month else None


_STATUS_WORDING = {"Completed": "completed", "InProgress": "in progress", "NotStarted": "not started",
                   "Ongoing": "ongoing"}


def action_status(*cells: str, search: bool = False) -> tuple[str, str | None]:
    """The status concept's local name and the words it was read from (see the module docstring).

    The first cell that starts with a status word decides; with ``search`` a status word
    anywhere in a cell counts (a key's meaning: "Amber – some slippage")."""
    for cell in cells:
        text = clean(cell)
        found = []
        for rank, (concept, pattern) in enumerate(_STATUSES):
            m = (re.search if search else re.match)(rf"(?:status\s*:\s*)?\b({pattern})\b", text, re.I)
            if m:
                found.append((m.start(1), rank, concept, m.group(1)))
        if found:
            _, _, concept, words = min(found)
            return concept, words
    return "StatusUnknown", None


def owner_posts(who: str) -> list[str]:
    """The posts a Who cell names, in order, each once (see the module docstring)."""
    who = clean(who).strip(" .;")
    if not who:
        return []
    names: list[str] = []
    # "with" joins two posts ("Head of X with the Designated Nurse"), not a service's name
    # ("Head of Service, Children with Disabilities"): split there only before a job title.
    who = re.sub(r",?\s+with\s+(?=(?:the\s+)?(?:(?!\s+and\s)[^,])*?" + _POST_WORDS.pattern + r")", " / ", who,
                 flags=re.I)
    for part in re.split(r"\s*(?:,?\s+supported\s+by\s+|;|/|&|\+)\s*", who, flags=re.I):
        names.extend(_posts_in(part))
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(fold(name), name)
    return list(seen.values())


def _posts_in(part: str) -> list[str]:
    part = re.sub(r"^(?:the|a|an)\s+", "", part.strip(" ,."), flags=re.I)
    if not part:
        return []
    heads = _HEADS_OF.match(part)
    if heads and re.search(r"\b(?:head|director|manager|officer)\b", heads["rest"], re.I):
        heads = None  # "Heads of Service for CIN and the Designated Officer": not one post per area
    titles = _TITLES_FOR.match(part) if not heads else None
    if titles and not _JOB_TITLE.search(titles["rest"]) and re.search(r",|\band\b", titles["rest"]):
        title = titles["title"][:-1] + ("" if titles["joiner"] == "," else f" {titles['joiner']}")
        joiner = ", " if titles["joiner"] == "," else " "
        return [f"{title}{joiner}{area}" for area in re.split(r"\s*,\s*|\s+and\s+", titles["rest"]) if area]
    if heads:  # "Heads of Service A, B and C": one Head of Service per area
        prefix = ("Head of Service" if heads["service"] else "Head of") + (" for" if heads["for"] else "")
        areas = [a for a in re.split(r"\s*,\s*|\s+and\s+", heads["rest"]) if a]
        return [a if _POST_WORDS.search(a) and not _is_area(a) else f"{prefix} {a}" for a in areas]
    pieces = [p for p in re.split(r"\s*,\s*|\s+and\s+", part) if p]
    merged: list[str] = []
    joiners = re.findall(r"\s*,\s*|\s+and\s+", part)
    for index, piece in enumerate(pieces):
        after_comma = "," in joiners[index - 1] if index else False
        # after "and": a post of its own unless it carries on "Chair of Performance and Quality Assurance …"
        carries_on = bool(merged) and bool(re.search(r"\bof\s+\S+$", merged[-1]))
        starts_post = _JOB_TITLE.search(piece) if after_comma else (
            _JOB_TITLE.search(piece) or (_POST_WORDS.search(piece) and not carries_on))
        two_people = bool(merged) and not after_comma and all(  # "Jo Bloggs and Al Khan": two people
            looks_like_name(p) and not _POST_WORDS.search(p) and len(p.split()) <= 3 for p in (piece, merged[-1]))
        if merged and not two_people and (not starts_post or not _POST_WORDS.search(merged[-1])):
            merged[-1] = merged[-1] + joiners[index - 1].replace(" ,", ",") + piece
        else:
            merged.append(piece)
    return [re.sub(r"^(?:the|a|an)\s+", "", m, flags=re.I) for m in merged]


def _is_area(text: str) -> bool:
    """An area of service named after "Heads of Service" ("Family Support"), not a post of its own."""
    return not re.match(r"(?:head|director|manager|principal|chief|senior|assistant|deputy)\b", text, re.I) \
        and not re.search(r"\b(?:manager|officer|worker|director|lead|coordinator|co-ordinator)$", text, re.I)


LOADER = ActionPlanLoader()
