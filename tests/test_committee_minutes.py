"""Minutes and agendas of any committee, on their own: text, Word, HTML saved from a committee website.

The fixtures in tests/fixtures/committee are written in three layouts none of the loader's rules
name: cabinet minutes in text quoting the report they discuss (title, dates, judgement table), a
scrutiny board's modern.gov-style page (menus, an attendance table, resolutions as an ordered
list), and an improvement board's agenda with presenters in brackets and on their own lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from graph_helpers import Graph, document_quads
from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri, iri, person_iri, within
from safeguarding_kg.loaders.toolkit.html import read_html_lines
from safeguarding_kg.loading import extract, load_paths
from safeguarding_kg.namespaces import DCTERMS, SG, SKOS
from safeguarding_kg.store import GraphStore

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "committee"
CORPUS = Path(__file__).resolve().parent.parent / "sample-corpus"
CABINET = FIXTURES / "solihull_cabinet-minutes_2020-02-13.txt"
SCRUTINY = FIXTURES / "solihull_children-scrutiny-minutes_2020-03-10.html"
AGENDA = FIXTURES / "wolverhampton_improvement-board-agenda_2022-06-20.txt"
SOLIHULL_REPORT = CORPUS / "solihull_inspection_2020-01-09.pdf"
SOLIHULL = iri("authority", "E08000029")
WOLVERHAMPTON = iri("authority", "E08000031")
SOLIHULL_ILACS = inspection_iri(SOLIHULL, "ilacs", dt.date(2019, 11, 11))


def read(path: Path) -> Graph:
    return Graph(extract(path, path.read_bytes()))


def person(name: str) -> str:
    return person_iri(name).value


def meeting_of(authority: NamedNode, committee: str, day: dt.date) -> NamedNode:
    return within(authority, "committee", committee, "meeting", day)


@pytest.fixture(scope="module")
def cabinet() -> Graph:
    return read(CABINET)


@pytest.fixture(scope="module")
def scrutiny() -> Graph:
    return read(SCRUTINY)


CABINET_MEETING = meeting_of(SOLIHULL, "cabinet", dt.date(2020, 2, 13))


def test_minutes_quoting_a_report_are_minutes(cabinet: Graph) -> None:
    """The minutes quote the report's title, its dates, its lead inspector and its judgement table."""
    assert cabinet.extraction.loader_name == "committee-pack"
    assert cabinet.one(cabinet.extraction.document, SG.genre) == SG.CommitteeMinutes.value
    assert cabinet.extraction.warnings == []
    assert cabinet.values(SOLIHULL_ILACS, SG.reportedIn) == []
    assert cabinet.typed(SG.Judgement) == []  # a quoted table is the report's, not a second set of judgements


def test_committee_meeting_and_attendance_by_role(cabinet: Graph) -> None:
    assert cabinet.one(within(SOLIHULL, "committee", "cabinet"), SKOS.prefLabel) == "CABINET"
    assert cabinet.one(CABINET_MEETING, SG.date) == "2020-02-13"
    assert cabinet.one(CABINET_MEETING, SG.time) == "5.00 pm"
    assert cabinet.values(CABINET_MEETING, SG.chair) == [person("Ian Courts")]
    assert cabinet.values(CABINET_MEETING, SG.viceChair) == [person("Ken Hawkins")]
    assert cabinet.values(CABINET_MEETING, SG.memberPresent) == [
        person(n) for n in ("Karen Grinsell", "Alison Rolf", "Tony Dicicco")]
    assert cabinet.values(CABINET_MEETING, SG.alsoPresent) == [person("Max McLoughlin")]
    assert cabinet.values(CABINET_MEETING, SG.officerPresent) == [
        person(n) for n in ("Nick Page", "Andy Hardy", "Sarah Hagan")]
    assert len(cabinet.values(CABINET_MEETING, SG.attendee)) == 9
    assert cabinet.values(CABINET_MEETING, SG.apology) == [person("Diana Holl-Allen")]
    # party from "(Con)", a post wrapped over two lines kept whole
    assert cabinet.values(NamedNode(person("Ian Courts")), SG.party) == ["Conservative"]
    assert cabinet.values(NamedNode(person("Max McLoughlin")), SG.party) == ["Green"]
    assert cabinet.values(NamedNode(person("Andy Hardy")), SG.roleText) == [
        "Director of Children's Services and Skills"]


def test_items_resolutions_and_movers(cabinet: Graph) -> None:
    items = cabinet.values(CABINET_MEETING, SG.hasAgendaItem)
    assert [cabinet.one(NamedNode(i), SG.itemNumber) for i in items] == ["32", "33", "34", "35"]
    ofsted = within(CABINET_MEETING, "item", 34)
    assert cabinet.one(ofsted, DCTERMS.title) == "OFSTED INSPECTION OF LOCAL AUTHORITY CHILDREN'S SERVICES (ILACS)"
    texts = [cabinet.one(within(ofsted, "resolution", k), SG.text) for k in (1, 2, 3)]
    assert texts == ["the findings of the inspection be noted;", "the improvement plan at Appendix B be approved; and",
                     "progress be reported to Cabinet every six months."]
    assert cabinet.values(within(ofsted, "resolution", 4), SG.text) == []
    assert cabinet.values(ofsted, SG.proposer) == [person("Ian Courts")]  # "Councillor Courts", named in full above
    assert cabinet.values(ofsted, SG.seconder) == [person("Ken Hawkins")]
    assert cabinet.values(within(ofsted, "resolution", 2), SG.seconder) == [person("Ken Hawkins")]
    summary = cabinet.one(ofsted, SG.summaryText)
    assert "supervision lacked challenge" in summary and "be noted" not in summary
    assert cabinet.one(within(CABINET_MEETING, "item", 33, "resolution", 1), SG.text).startswith(
        "That the minutes of the meeting held on 9 January 2020 be approved as a correct record.")
    assert len(cabinet.typed(SG.Resolution)) == 5


def test_item_concerns_the_inspection_it_dates(cabinet: Graph) -> None:
    ofsted = within(CABINET_MEETING, "item", 34)
    assert cabinet.values(ofsted, SG.concernsInspection) == [SOLIHULL_ILACS.value]
    assert cabinet.one(SOLIHULL_ILACS, SG.framework) == SG.ILACS.value
    assert cabinet.one(SOLIHULL_ILACS, SG.endDate) == "2019-11-22"
    for other in (32, 33, 35):
        assert cabinet.values(within(CABINET_MEETING, "item", other), SG.concernsInspection) == []


def test_html_page_from_a_committee_website(scrutiny: Graph) -> None:
    meeting = meeting_of(SOLIHULL, "children-education-and-skills-scrutiny-board", dt.date(2020, 3, 10))
    assert scrutiny.extraction.warnings == []
    assert scrutiny.one(meeting, SG.venue) == "Committee Room 1, Council House, Manor Square, Solihull"
    assert scrutiny.values(meeting, SG.chair) == [person("Kate Wild")]
    assert scrutiny.values(meeting, SG.viceChair) == [person("Andy Mackiewicz")]
    assert scrutiny.values(meeting, SG.memberPresent) == [person("Tony Dicicco")]
    assert scrutiny.values(meeting, SG.apology) == [person("Marcus Brain")]  # "Apologies" in the attendance column
    assert scrutiny.values(meeting, SG.alsoPresent) == [person("Ken Hawkins")]  # "In attendance"
    assert scrutiny.values(meeting, SG.officerPresent) == [person("Andy Hardy"), person("Dr Jane Kaur")]
    people = " ".join(scrutiny.typed(SG.Meeting) + [n for p in scrutiny.data.values() for n in p.get(
        "http://xmlns.com/foaf/0.1/name", [])])
    assert "Privacy" not in people and "Home" not in people  # menus and footer are no attendees
    item = within(meeting, "item", 41)
    assert [scrutiny.one(within(item, "resolution", k), SG.text) for k in (1, 2)] == [
        "That the improvement plan be endorsed.", "That the Board receives a progress report in September 2020."]
    assert scrutiny.values(item, SG.proposer) == [person("Kate Wild")]  # "It was moved by Councillor Wild …"
    assert scrutiny.values(item, SG.concernsInspection) == [SOLIHULL_ILACS.value]


def test_agenda_items_presenters_and_no_resolutions() -> None:
    agenda = read(AGENDA)
    meeting = meeting_of(WOLVERHAMPTON, "childrens-services-improvement-board", dt.date(2022, 6, 20))
    assert agenda.one(agenda.extraction.document, SG.genre) == SG.CommitteeAgenda.value
    assert agenda.one(meeting, SG.venue) == "Committee Room 3, Civic Centre, St Peter's Square, Wolverhampton"
    titles = [agenda.one(within(meeting, "item", n), DCTERMS.title) for n in range(1, 6)]
    assert titles == ["Welcome and apologies", "Notes of the last meeting",
                      "Ofsted ILACS inspection, 28 March to 1 April 2022: outcome letter and next steps",
                      "Performance scorecard - Quarter 4 2021/22", "Any other business"]
    assert agenda.values(within(meeting, "item", 3), SG.presenter) == [person("Emma Bennett")]
    assert agenda.values(within(meeting, "item", 4), SG.presenter) == [person("Alison Hinds")]
    assert agenda.typed(SG.Resolution) == []  # "Recommendation: That the Board notes …" is proposed, not resolved
    assert agenda.values(within(meeting, "item", 3), SG.concernsInspection) == [
        inspection_iri(WOLVERHAMPTON, "ilacs", dt.date(2022, 3, 28)).value]


def test_minutes_as_word_read_the_same(tmp_path: Path) -> None:
    """The same minutes as Word paragraphs (no wrapped lines, numbering typed in) give the same reading."""
    path = tmp_path / "solihull_cabinet-minutes_2020-02-13.docx"
    document = docx.Document()
    paragraphs = [p for p in CABINET.read_text(encoding="utf-8").split("\n\n")]
    for paragraph in paragraphs:
        for line in _unwrap(paragraph):
            document.add_paragraph(line)
    document.save(path)
    word, text = read(path), read(CABINET)
    assert word.extraction.warnings == []
    for predicate in (SG.chair, SG.viceChair, SG.memberPresent, SG.officerPresent, SG.alsoPresent, SG.apology):
        assert word.values(CABINET_MEETING, predicate) == text.values(CABINET_MEETING, predicate), predicate
    assert [word.one(NamedNode(r), SG.text) for r in word.typed(SG.Resolution)] == [
        text.one(NamedNode(r), SG.text) for r in text.typed(SG.Resolution)]


def _unwrap(paragraph: str) -> list[str]:
    """A text paragraph as Word paragraphs: lettered sub-resolutions and headings apart, wrapped lines joined."""
    lines: list[str] = []
    for line in paragraph.splitlines():
        line = line.strip()
        if lines and line and not line.startswith("(") and not lines[-1].endswith(":") and not line[0].isdigit() \
                and not line.startswith(("Judgement", "Overall", "The experiences", "Inspection", "Lead")):
            lines[-1] += " " + line
        elif line:
            lines.append(line)
    return lines


def test_minutes_and_report_merge_in_either_order(tmp_path: Path) -> None:
    """The item points to the report's own inspection whichever is loaded first; the report never
    gains sg:reportedIn from the minutes."""
    def load(name: str, paths: list[Path]) -> GraphStore:
        store = GraphStore(tmp_path / name)
        for path in paths:
            assert [r.status for r in load_paths(store, [path])] == ["loaded"]
        return store

    first, second = load("a", [SOLIHULL_REPORT, CABINET]), load("b", [CABINET, SOLIHULL_REPORT])
    assert document_quads(first) == document_quads(second)
    rows = first.select("SELECT DISTINCT ?i ?d WHERE { ?x sg:concernsInspection ?i . ?i sg:reportedIn ?d }")
    assert [(str(r["i"]).strip("<>"), str(r["d"]).rsplit("/", 1)[-1].strip(">")) for r in rows] == [
        (SOLIHULL_ILACS.value, "solihull-inspection-2020-01-09-pdf")]


def test_a_line_that_cannot_be_read_is_reported_and_prose_is_not(tmp_path: Path) -> None:
    text = CABINET.read_text(encoding="utf-8").replace(
        "Apologies: Councillor Diana Holl-Allen", "Apologies: Councillor Diana Holl-Allen\nRef 44B/19 (Chair), 7")
    path = tmp_path / "solihull_cabinet-minutes_2020-02-13.txt"
    path.write_text(text, encoding="utf-8")
    warnings = read(path).extraction.warnings
    assert len(warnings) == 1 and warnings[0].startswith("line 16: attendance entry not read as a person")
    # the minute's-silence paragraph after the attendance lists is prose: no warning for it (above: none)


def test_html_lines_keep_rows_lists_and_numbers() -> None:
    lines = read_html_lines(SCRUTINY.read_bytes())
    assert "Councillor Kate Wild\tChairman\tPresent" in lines
    assert "(a) That the improvement plan be endorsed." in lines
    assert "- Dr Jane Kaur – Principal Social Worker" in lines
    assert not any(word in line for line in lines for word in ("Skip to content", "Privacy", "Councillors"))


def test_a_page_with_no_text_or_minutes_without_a_date_fail_by_name(tmp_path: Path) -> None:
    """Bad input gets a clear reason; the other documents of the load still load."""
    empty = tmp_path / "menus-only.html"
    empty.write_text('<html><body><nav class="siteNav"><a href="/">Home</a></nav></body></html>', encoding="utf-8")
    undated = tmp_path / "solihull_cabinet-minutes-undated.txt"
    undated.write_text(CABINET.read_text(encoding="utf-8").replace("held on Thursday, 13 February 2020 at", "held at")
                       .replace("9 January 2020", "the last meeting").replace("April 2020", "the spring")
                       .replace("11 November 2019 to 22 November 2019", "November"), encoding="utf-8")
    good = tmp_path / CABINET.name
    good.write_bytes(CABINET.read_bytes())
    reports = {r.path.name: r for r in load_paths(GraphStore(tmp_path / "store"), [empty, undated, good])}
    assert reports[empty.name].status == "failed" and "HTML page with no text" in reports[empty.name].reason
    assert reports[undated.name].status == "failed"
    assert "does not give its meeting date" in reports[undated.name].reason
    assert reports[good.name].status == "loaded"


def test_agenda_page_with_items_in_a_table() -> None:
    """modern.gov's agenda page: items in a table, each title's purpose a paragraph under it in the cell."""
    page = FIXTURES / "sandwell_corporate-parenting-board-agenda_2025-07-09.html"
    agenda = read(page)
    sandwell = iri("authority", "E08000028")
    meeting = meeting_of(sandwell, "corporate-parenting-board", dt.date(2025, 7, 9))
    assert agenda.one(agenda.extraction.document, SG.genre) == SG.CommitteeAgenda.value  # "Agenda and minutes" page
    titles = [agenda.one(NamedNode(i), DCTERMS.title) for i in agenda.values(meeting, SG.hasAgendaItem)]
    assert titles == ["Apologies for Absence", "Declarations of Interest", "Minutes",
                      "Ofsted focused visit: children in need and child protection, 15 and 16 April 2025",
                      "Sufficiency Strategy Update"]
    assert agenda.one(within(meeting, "item", 3), SG.summaryText) == (
        "To confirm the minutes of the meeting held on 14 May 2025.")
    assert agenda.values(within(meeting, "item", 4), SG.concernsInspection) == [
        inspection_iri(sandwell, "focused-visit", dt.date(2025, 4, 15)).value]
    # the council is named only in the page's footer, which is furniture: the file name says it, and a warning
    assert agenda.extraction.warnings == ["no council is named in the agenda; Sandwell taken from the file name"]


def test_partnership_notes_with_an_attendance_table_in_columns() -> None:
    notes = read(FIXTURES / "trafford_safeguarding-partnership-notes_2026-10-14.txt")
    trafford = iri("authority", "E08000009")
    meeting = meeting_of(trafford, "executive-group", dt.date(2026, 10, 14))
    assert notes.extraction.warnings == []
    # the council's own director is an officer; police, health and the scrutineer are partner members
    assert notes.values(meeting, SG.officerPresent) == [person("Jill Colbert")]
    assert notes.values(meeting, SG.memberPresent) == [person(n) for n in (
        "Supt Mark Kenny", "Dr Helen Frost", "Sarah Brown")]
    assert notes.values(NamedNode(person("Dr Helen Frost")), SG.roleText) == [
        "Designated Doctor, Safeguarding Children, NHS Greater Manchester (Trafford)"]
    assert notes.values(meeting, SG.apology) == [person("Jane Slater")]
    item = within(meeting, "item", 2)
    assert [notes.one(within(item, "resolution", k), SG.text) for k in (1, 2)] == [
        "the partnership response to the recommendations;",
        "that the Police lead the review of strategy meeting attendance."]
    assert notes.values(item, SG.concernsInspection) == [
        inspection_iri(trafford, "ilacs", dt.date(2026, 6, 8)).value]


def test_an_undated_inspection_is_linked_after_loading_in_either_order(tmp_path: Path) -> None:
    """Minutes that name only "the ILACS inspection" point to it once its report is in the store,
    whichever comes first; alone, they record the framework they name and link nothing."""
    minutes = tmp_path / "solihull_cabinet-minutes-undated-inspection_2020-02-13.txt"
    dates = "    Inspection dates: 11 November 2019 to 22 November 2019\n"
    text = CABINET.read_text(encoding="utf-8").replace(dates, "")
    minutes.write_text(text, encoding="utf-8")
    alone = read(minutes)
    item = within(CABINET_MEETING, "item", 34)
    assert alone.values(item, SG.concernsInspection) == []
    assert alone.values(item, SG.mentionsFramework) == [SG.ILACS.value]
    assert alone.extraction.warnings == []

    def load(name: str, paths: list[Path]) -> GraphStore:
        store = GraphStore(tmp_path / name)
        for path in paths:
            assert [r.status for r in load_paths(store, [path])] == ["loaded"]
        return store

    first, second = load("a", [SOLIHULL_REPORT, minutes]), load("b", [minutes, SOLIHULL_REPORT])
    assert document_quads(first) == document_quads(second)
    rows = first.select("SELECT ?item ?i WHERE { ?item sg:concernsInspection ?i }", {"item": item})
    assert [str(r["i"]).strip("<>") for r in rows] == [SOLIHULL_ILACS.value]
    only = load("c", [minutes])
    assert only.select("SELECT ?item ?i WHERE { ?item sg:concernsInspection ?i }", {"item": item}) == []


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_word_minutes_and_their_pdf_read_alike(suffix: str) -> None:
    """An attendance table (in the PDF its name cells wrap onto lines of their own), officers "In
    attendance", resolutions in Word's automatic numbering (absent from the .docx text)."""
    minutes = read(FIXTURES / f"tameside_childrens-working-group-minutes_2019-09-16{suffix}")
    tameside = iri("authority", "E08000008")
    meeting = meeting_of(tameside, "childrens-working-group-scrutiny", dt.date(2019, 9, 16))
    assert minutes.extraction.warnings == []
    assert minutes.values(meeting, SG.chair) == [person("Jacqueline Owen")]
    assert minutes.values(meeting, SG.memberPresent) == [person("Bill Fairfoull"), person("Doreen Dickinson")]
    assert minutes.values(NamedNode(person("Doreen Dickinson")), SG.party) == ["Conservative"]
    assert minutes.values(meeting, SG.officerPresent) == [person("Richard Hancock"), person("Tim Wilde")]
    assert minutes.values(meeting, SG.apology) == [person("Leigh Drennan")]
    item = within(meeting, "item", 14)
    assert [minutes.one(within(item, "resolution", k), SG.text) for k in (1, 2)] == [
        "That the Working Group note the findings of the inspection;",
        "That the improvement plan be scrutinised at each meeting."]
    assert minutes.values(item, SG.concernsInspection) == [
        inspection_iri(tameside, "ilacs", dt.date(2019, 5, 13)).value]


def test_a_decision_after_its_heading_and_a_heading_with_none(tmp_path: Path) -> None:
    text = CABINET.read_text(encoding="utf-8").replace(
        "RESOLVED: That the Corporate Parenting Strategy 2020-2023 be adopted.",
        "RESOLVED:\n\nThat the Corporate Parenting Strategy 2020-2023\nbe adopted.").replace(
        "RESOLVED: That the minutes of the meeting held on 9 January 2020 be approved as a\ncorrect record.",
        "RESOLVED:")
    path = tmp_path / CABINET.name
    path.write_text(text, encoding="utf-8")
    minutes = read(path)
    assert minutes.one(within(CABINET_MEETING, "item", 35, "resolution", 1), SG.text) == (
        "That the Corporate Parenting Strategy 2020-2023 be adopted.")
    assert minutes.extraction.warnings == ["line 26: a decision heading with no decision after it"]


def test_agenda_table_flattened_into_lines() -> None:
    """Item, subject, lead and time cells on one line each (as a PDF or a text export gives them)."""
    agenda = read(FIXTURES / "walsall_corporate-parenting-board-agenda_2022-05-12.txt")
    meeting = meeting_of(iri("authority", "E08000030"), "corporate-parenting-board", dt.date(2022, 5, 12))
    items = [NamedNode(i) for i in agenda.values(meeting, SG.hasAgendaItem)]
    assert [agenda.one(i, DCTERMS.title) for i in items] == [
        "Welcome and apologies", "Minutes of the last meeting", "Ofsted ILACS inspection: action plan progress",
        "Any other business"]
    assert agenda.one(items[2], SG.note) == "Director of Children's Services"  # a post, no person named
    assert agenda.values(items[2], SG.mentionsFramework) == [SG.ILACS.value]  # linked once the report is loaded
    assert agenda.extraction.warnings == []


def test_page_naming_its_council_in_its_title_only() -> None:
    """The council only in the page's <title> and footer; members in a ';' and ',' list; a chief
    executive "In attendance" is an officer; resolutions under a "Resolved:" heading as an ordered list."""
    minutes = read(FIXTURES / "kirklees_cabinet-minutes_2017-01-10.html")
    kirklees = iri("authority", "E08000034")
    meeting = meeting_of(kirklees, "cabinet", dt.date(2017, 1, 10))
    assert minutes.extraction.warnings == []
    assert minutes.values(meeting, SG.chair) == [person("David Sheard")]
    assert minutes.values(meeting, SG.memberPresent) == [person(n) for n in (
        "Shabir Pandor", "Peter McBride", "Naheed Mather", "Cathy Scott")]
    assert minutes.values(meeting, SG.officerPresent) == [person("Jacqui Gedman"), person("Sue Grigg")]
    item = within(meeting, "item", 112)
    assert [minutes.one(within(item, "resolution", k), SG.text) for k in (1, 2)] == [
        "That the findings of the inspection be noted.",
        "That the Improvement Plan be approved for submission to Ofsted."]
    assert minutes.values(item, SG.concernsInspection) == [
        inspection_iri(kirklees, "sif", dt.date(2016, 9, 12)).value]
