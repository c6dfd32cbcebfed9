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
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri, iri, post_iri, within
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit.authority import resolve_authority
from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_deadline, parse_month, parse_range
from safeguarding_kg.loaders.toolkit.inspections import add_inspection
from safeguarding_kg.loaders.toolkit.judgement_terms import grade_named_in, local_name, restated_area
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

_HEADING = re.compile(
    r"^(?:ofsted\s+)?(?P<kind>recommendation|area\s+for\s+(?:improvement|development|priority\s+action)|"
    r"priority\s+action|improvement\s+area|what\s+needs\s+to\s+improve)s?\s*(?:no\.?|number|#)?\s*"
    r"(?P<n>\d{1,2})\b(?:\s*[:.)\-–—]\s*(?P<rest>.*)|\s+(?P<cap>(?-i:[A-Z“\"‘']).*))?\s*$",
    re.IGNORECASE,
)
_OUTCOMES = re.compile(r"^(?:expected|intended|anticipated|desired)?\s*outcomes?\s*(?:expected)?\s*:?\s*$", re.I)
_TITLE = re.compile(r"\b(?:action|improvement|response)\s+plan\b", re.I)
_UPDATED = re.compile(r"\b(?:updated|revised|reviewed|last\s+update|version)\b", re.I)

_FRAMEWORKS = [  # (slug, pattern over folded text): first match wins
    ("ilacs", r"\bilacs\b|inspection of local authority children s services|children in need of help and "
              r"protection children in care and care leavers"),
    ("sif", r"\bsif\b|single inspection framework|children looked after and care leavers"),
    ("focused-visit", r"focused visit"),
    ("monitoring-visit", r"monitoring visit"),
    ("jtai", r"\bjtai\b|joint targeted area inspection"),
]
_FRAMEWORK_CONCEPTS = {"ilacs": "ILACS", "sif": "SIF", "focused-visit": "FocusedVisit",
                       "monitoring-visit": "MonitoringVisit", "jtai": "JTAI"}

# Column roles by header wording, checked in order ("Action owner" is who, not action).
_COLUMNS = [
    ("number", r"^(?:no|ref|reference|number|item|action (?:no|ref|number)|#)$"),
    ("rag", r"\brag\b|red amber green"),
    ("who", r"^who\b|\blead\b|owner|responsib|by whom|accountable"),
    ("status", r"^status\b|^current status"),
    ("progress", r"progress|update|comment|evidence"),
    ("due", r"when|timescale|deadline|target|due|completion|^date"),
    ("action", r"\baction|what (?:we )?will|activity|activities|task"),
]

_STATUSES = [  # (concept, words at the start of a cell): order matters ("not started" before "started")
    ("NotStarted", r"not\s+(?:yet\s+)?(?:started|commenced|begun)"),
    ("InProgress", r"in\s+progress|in\s+hand|under\s*way|started|on\s+track|partially\s+complete[d]?"),
    ("Ongoing", r"on-?\s?going|continuous|continuing|quarterly|monthly|weekly|fortnightly|annually|"
                r"six[- ]monthly|regularly"),
    ("Completed", r"complete[d]?|done|achieved|closed"),
]

# Words that make a piece of a Who cell a post on its own.
_POST_WORDS = re.compile(
    r"\b(?:heads?|director|manager|officer|worker|lead|leader|co-?ordinator|advis[eo]r|team|board|provider|"
    r"partnership|service|chair|member|commissioner|panel|group|practitioner|consultant|analyst|nurse|"
    r"doctor|police|principal|chief|executive|head teacher|headteacher|inspector|designated|leadership|"
    r"partners|agencies|council|school|trust)\b",
    re.I,
)
_HEADS_OF = re.compile(r"^heads\s+of\s+(?P<service>service\s+)?(?P<rest>.+)$", re.I)


# --------------------------------------------------------------------------- recognition


class ActionPlanLoader:
    name = "action-plan"
    genre = SG.ActionPlanDocument

    def recognise(self, source: SourceText) -> float:
        head = "\n".join(source.lines[:60])
        headers = sum(1 for line in source.lines if _is_action_header(line))
        headings = sum(1 for line in source.lines if _HEADING.match(_plain(line)))
        score = 0.0
        if _TITLE.search(head):
            score += 0.45
        if headers:
            score += 0.3
        if headings:
            score += 0.15
        if re.search(r"^\s*(?:lead inspector|inspection dates?)\s*:", head, re.I | re.M) and not headers:
            return 0.0  # an Ofsted report mentioning an action plan
        return min(score, 0.9)

    def extract(self, source: SourceText, out: Extraction) -> None:
        PlanReader(source, out).read()


def _plain(line: str) -> str:
    return strip_bullet(strip_markup(line)).strip()


def _is_action_header(line: str) -> bool:
    if is_tab_row(line):
        return _columns([c.strip() for c in line.split("\t")]) is not None
    if is_markdown_row(line):
        return _columns(split_markdown_row(line)) is not None
    return False


def _columns(cells: list[str]) -> dict[str, int] | None:
    """Column roles of a header row, or None when the row is not an action-table header."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = fold(cell)
        if not text:
            continue
        if len(text.split()) > 6:
            return None
        role = next((r for r, pattern in _COLUMNS if re.search(pattern, text)), None)
        if role and role not in roles:
            roles[role] = index
    return roles if "action" in roles and len(roles) >= 2 else None


# --------------------------------------------------------------------------- the reader


@dataclass
class Recommendation:
    number: int
    line: int
    words: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    outcomes: list[tuple[int, str]] = field(default_factory=list)


class PlanReader:
    """One pass over the lines: header facts, then recommendation blocks."""

    def __init__(self, source: SourceText, out: Extraction) -> None:
        self.source, self.out = source, out
        self.lines = source.lines
        self.recommendations: list[Recommendation] = []
        self.columns: dict[str, int] | None = None
        self.header_cells: list[str] = []
        self.post_labels: dict[str, str] = {}

    # ---- header

    def read(self) -> None:
        body_start = self._first_heading_line()
        header = self.lines[: (body_start - 1) if body_start else 60]
        self.title, title_line = self._title(header)
        self.authority_iri = self._authority(header)
        start, end, inspection_line = self._inspection_dates(header)
        self.framework = self._framework(header, start)
        self.inspection = inspection_iri(self.authority_iri, self.framework, start)
        key = self.authority_iri.value.removeprefix(SGID_BASE + "authority/")
        self.plan = iri("plan", *key.split("/"), self.framework, start)

        self._describe_inspection(start, end, inspection_line)
        self._describe_plan(header, title_line)
        self._read_judgements(header)
        self._read_body(body_start or len(self.lines) + 1)
        for rec in self.recommendations:
            self._emit_recommendation(rec)
        if not self.recommendations:
            self.out.warn("no recommendation headings found (e.g. 'Recommendation 1'): the plan has no actions")

    def _first_heading_line(self) -> int | None:
        for number, line in enumerate(self.lines, start=1):
            cells = [c for c in line.split("\t") if c.strip()] if "\t" in line else [line]
            if len(cells) == 1 and _HEADING.match(_plain(cells[0])):
                return number
        return None

    def _title(self, header: list[str]) -> tuple[str | None, int | None]:
        for number, line in enumerate(header, start=1):
            if _TITLE.search(line) and len(line.split()) <= 15:
                return clean(line), number
        self.out.warn("no plan title (a line naming an action plan) in the header")
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
                if not re.search(r"inspect|visit", line, re.I):
                    continue
                found = parse_range(line)
                if found:
                    return found[0], found[1], number
                day = parse_date(line)
                if day:
                    return day, None, number
        raise ExtractionError("no inspection date in the plan (e.g. '(Inspection date 11th to 22nd November 2019)')")

    def _framework(self, header: list[str], start: dt.date) -> str:
        folded = fold("\n".join(header))
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
        out.add(plan, DCTERMS.created, created)
        out.add(plan, DCTERMS.modified, modified)
        if created is None:
            out.warn("no plan date (e.g. 'March 2020') in the header")

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
        number, mode = start, "text"
        current: Recommendation | None = None
        while number <= len(self.lines):
            line = self.lines[number - 1]
            plain = _plain(line)
            heading = _HEADING.match(plain) if "\t" not in line.strip() else None
            if heading:
                current = self._start_recommendation(heading, number)
                mode = "text"
            elif is_tab_row(line) or is_markdown_row(line):
                rows, number = read_table(self.lines, number)
                current = self._take_rows(rows, current)
                mode = "table"
                continue
            elif _OUTCOMES.match(plain):
                mode = "outcomes"
            elif plain and current is not None:
                if mode == "outcomes":
                    self._take_outcome(current, line, number)
                elif mode == "text" and not current.rows:
                    current.words.append(plain)
            number += 1

    def _start_recommendation(self, heading: re.Match, line: int) -> Recommendation:
        rec = Recommendation(int(heading["n"]), line)
        rest = heading["rest"] or heading["cap"]
        if rest:
            rec.words.append(rest.strip())
        if any(r.number == rec.number for r in self.recommendations):
            self.out.warn(f"recommendation {rec.number} has two headings (line {line}); their rows are merged")
            rec = next(r for r in self.recommendations if r.number == rec.number)
        else:
            self.recommendations.append(rec)
        return rec

    def _take_rows(self, rows: list[Row], current: Recommendation | None) -> Recommendation | None:
        for row in rows:
            filled = [c for c in row.cells if c.strip()]
            columns = _columns(row.cells)
            if columns:
                self.columns, self.header_cells = columns, [fold(c) for c in row.cells]
                continue
            heading = _HEADING.match(_plain(one_line(filled[0]))) if len(filled) == 1 else None
            if heading:  # a full-width row naming the recommendation (merged cells in Word)
                current = self._start_recommendation(heading, row.line)
                continue
            if self.columns is None or current is None:
                continue  # a table that is not an action table (e.g. judgements, contents)
            if [fold(c) for c in row.cells] == self.header_cells:
                continue  # header repeated on a new page
            current.rows.append(row)
        return current

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
        node = within(self.inspection, "recommendation", rec.number)
        out.node(node, SG.Recommendation, line=rec.line)
        out.add(node, SG.number, rec.number)
        out.add(node, SG.ofInspection, self.inspection)
        out.add(node, SG.planText, clean(" ".join(rec.words)))
        if not rec.words:
            out.warn(f"recommendation {rec.number} (line {rec.line}) has no wording")
        if not rec.rows:
            out.warn(f"recommendation {rec.number} (line {rec.line}) has no action rows")
        for position, row in enumerate(rec.rows, start=1):
            self._emit_action(node, rec.number, position, row)
        for position, (line, text) in enumerate(rec.outcomes, start=1):
            outcome = within(self.plan, "outcome", rec.number, position)
            out.node(outcome, SG.ExpectedOutcome, line=line)
            out.add(outcome, SG.inPlan, self.plan)
            out.add(outcome, SG.outcomeOf, node)
            out.add(outcome, SG.text, clean(text))

    def _emit_action(self, recommendation: NamedNode, rec_number: int, position: int, row: Row) -> None:
        out, columns = self.out, self.columns or {}
        cell = {role: clean(one_line(row.cell(index))) for role, index in columns.items()}
        action = within(self.plan, "action", rec_number, position)
        out.node(action, SG.Action, line=row.line)
        out.add(action, SG.inPlan, self.plan)
        out.add(action, SG.addresses, recommendation)
        out.add(action, SG.number, position)
        out.add(action, SG.actionRef, cell.get("number"))
        out.add(action, SG.text, cell.get("action"))
        if not cell.get("action"):
            out.warn(f"action row at line {row.line} has an empty Action cell")
        out.add(action, SG.ownerText, cell.get("who"))
        for post in self._posts(cell.get("who", "")):
            out.add(action, SG.owner, post)
        out.add(action, SG.dueText, cell.get("due"))
        out.add(action, SG.dueDate, parse_deadline(cell.get("due", "")))
        out.add(action, SG.progressText, cell.get("progress"))
        out.add(action, SG.ragRating, cell.get("rag"))
        status, wording = action_status(cell.get("status", ""), cell.get("due", ""), cell.get("rag", ""),
                                        cell.get("progress", ""))
        out.add(action, SG.status, SG[status])
        out.add(action, SG.statusText, wording)

    def _posts(self, who: str) -> list[NamedNode]:
        posts = []
        for name in owner_posts(who):
            node = self.out.node(post_iri(self.authority_iri, name), ORG.Post)
            label = self.post_labels.setdefault(node.value, name)  # first spelling met names the post
            self.out.add(node, SKOS.prefLabel, label)
            self.out.add(node, SG.ofAuthority, self.authority_iri)
            posts.append(node)
        return posts


# --------------------------------------------------------------------------- cell rules


def _plan_dates(header: list[str]) -> tuple[dt.date | None, dt.date | None]:
    """Plan date and updated date: header lines that are (nearly) only a date."""
    created = modified = None
    for line in header:
        text = clean(line)
        if not text or len(text.split()) > 6 or re.search(r"inspect|visit", text, re.I):
            continue
        value = parse_date(text) or parse_month(text)
        if value is None:
            continue
        if _UPDATED.search(text):
            modified = modified or value
        else:
            created = created or value
    return created, modified


def action_status(*cells: str) -> tuple[str, str | None]:
    """The status concept's local name and the words it was read from (see the module docstring)."""
    for cell in cells:
        text = clean(cell)
        for concept, pattern in _STATUSES:
            m = re.match(rf"(?:status\s*:\s*)?({pattern})\b", text, re.I)
            if m:
                return concept, m.group(1)
    return "StatusUnknown", None


def owner_posts(who: str) -> list[str]:
    """The posts a Who cell names, in order, each once (see the module docstring)."""
    who = clean(who).strip(" .;")
    if not who:
        return []
    names: list[str] = []
    for part in re.split(r"\s*(?:,?\s+supported\s+by\s+|,?\s+with\s+|;|/|&)\s*", who, flags=re.I):
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
    if heads:  # "Heads of Service A, B and C": one Head of Service per area
        prefix = "Head of Service" if heads["service"] else "Head of"
        areas = [a for a in re.split(r"\s*,\s*|\s+and\s+", heads["rest"]) if a]
        return [a if _POST_WORDS.search(a) and not _is_area(a) else f"{prefix} {a}" for a in areas]
    pieces = [p for p in re.split(r"\s*,\s*|\s+and\s+", part) if p]
    merged: list[str] = []
    joiners = re.findall(r"\s*,\s*|\s+and\s+", part)
    for index, piece in enumerate(pieces):
        if merged and (not _POST_WORDS.search(piece) or not _POST_WORDS.search(merged[-1])):
            merged[-1] = merged[-1] + joiners[index - 1].replace(" ,", ",") + piece
        else:
            merged.append(piece)
    return [re.sub(r"^(?:the|a|an)\s+", "", m, flags=re.I) for m in merged]


def _is_area(text: str) -> bool:
    """An area of service named after "Heads of Service" ("Family Support"), not a post of its own."""
    return not re.match(r"(?:head|director|manager|principal|chief|senior|assistant|deputy)\b", text, re.I) \
        and not re.search(r"\b(?:manager|officer|worker|director|lead|coordinator|co-ordinator)$", text, re.I)


LOADER = ActionPlanLoader()
