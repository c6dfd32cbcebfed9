"""Council plans and trackers in the layouts and formats councils use (issue 15): spreadsheets with
merged cells and RAG fills and a key, CSV/TSV exports in Windows-1252, prose plans with
Lead/By/Status lines, record-card tables, Word plans restating the report they answer, progress
updates with dated notes; and recognition by what a document is, not by what it quotes.

Each input is written here the way councils' tools write it (openpyxl, odfpy, python-docx, the
csv module), in the layout a council uses, answering real reports of the corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from graph_helpers import Graph
from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri, iri, within
from safeguarding_kg.loaders.action_plan import owner_posts, rag_key
from safeguarding_kg.loading import extract
from safeguarding_kg.namespaces import DCTERMS, SG, SKOS

EALING = iri("authority", "E09000009")
ENFIELD = iri("authority", "E09000010")
BROMLEY = iri("authority", "E09000006")


def read(path: Path) -> Graph:
    return Graph(extract(path, path.read_bytes()))


def actions(graph: Graph) -> list[NamedNode]:
    return [NamedNode(value) for value in sorted(graph.typed(SG.Action))]


def status(graph: Graph, action: NamedNode) -> str:
    return graph.one(action, SG.status).rsplit("#", 1)[-1]


def labels(graph: Graph, action: NamedNode) -> list[str]:
    return sorted(graph.one(NamedNode(post), SKOS.prefLabel) for post in graph.values(action, SG.owner))


# --------------------------------------------------------------------------- an .xlsx tracker


def write_enfield_tracker(path: Path) -> Path:
    rows = [
        "London Borough of Enfield – Ofsted SIF improvement tracker",
        "Single inspection 20 January – 11 February 2015",
        "Last updated: 24/04/2015",
        "",
        "Ofsted recommendation\tAction\tLead\tDeadline\tStatus\tProgress",
        "Ensure that the profile and data of children at risk of sexual and gang exploitation are cross-referenced.\t"
        "Establish a monthly MASE panel\tHead of Safeguarding\t30/04/2015\tCompleted\t“Panel met” on 2 April",
        "\tProduce a quarterly exploitation profile (£2,000 analyst time)\tHead of Performance\tend of Q2 2015/16"
        "\tOn track\t",
        "Prioritise the planned integration of the Single Point of Entry (SPOE).\tMerge SPOE and the Referral and "
        "Assessment Team\tHead of Early Intervention\tby the end of the financial year\tNot started\t",
    ]
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    return path


@pytest.fixture(scope="module")
def xlsx_tracker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Cover sheet, action sheet (merged header band, recommendation on the first row of its group,
    RAG as fill on some rows and text on others), BRAG key sheet."""
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Introduction"
    cover["A1"] = "London Borough of Ealing – Children and Adults Services"
    cover["A3"] = ("Ofsted inspection of services for children in need of help and protection, children looked "
                   "after and care leavers (Single Inspection Framework)")
    cover["A4"] = "Inspection dates: 13 June 2016 to 7 July 2016. Report published: 26 August 2016."
    cover["A6"] = "Improvement tracker. Last updated: 28/11/2016."
    sheet = book.create_sheet("Action Plan")
    sheet.append(["Ofsted", None, "Our response", None, None, None, "Monitoring"])
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:F1")
    sheet.append(["Recommendation", "No.", "Action", "Ref", "Owner", "Due date", "BRAG"])
    green, blue = PatternFill("solid", fgColor="FF00B050"), PatternFill("solid", fgColor="FF0070C0")
    sheet.append(["Improve the designated officer arrangements to investigate allegations.", 1,
                  "Appoint a dedicated full-time designated officer (LADO)", "R1.1",
                  "Head of Safeguarding and Quality Assurance", "Sep-16", None])
    sheet["G3"].fill = blue
    sheet.append([None, None, "Revise the LADO procedure and tracking log", "R1.2", "LADO", "Dec-16", None])
    sheet["G4"].fill = green
    sheet.append(["Improve awareness raising of private fostering across the partnership.", 7,
                  "Run a private fostering awareness campaign", "R7.1", "Heads of Service for CIN and CP",
                  "Q4 2016/17", "Amber"])
    key = book.create_sheet("BRAG key")
    key.append(["Colour", "Meaning"])
    for colour, meaning, fill in (("Blue", "Complete", "FF0070C0"), ("Green", "On track", "FF00B050"),
                                  ("Amber", "Some slippage", "FFFFC000"), ("Red", "Off track", "FFFF0000")):
        key.append([None, f"{colour}: {meaning}"])
        key.cell(key.max_row, 1).fill = PatternFill("solid", fgColor=fill)
    path = tmp_path_factory.mktemp("xlsx") / "ealing_sif_tracker.xlsx"
    book.save(path)
    return path


def test_xlsx_tracker_is_read_sheet_by_sheet(xlsx_tracker: Path) -> None:
    graph = read(xlsx_tracker)
    inspection = inspection_iri(EALING, "sif", dt.date(2016, 6, 13))
    plan = iri("plan", "E09000009", "sif", dt.date(2016, 6, 13))
    assert graph.extraction.loader_name == "action-plan"
    assert graph.one(plan, SG.respondsTo) == inspection.value
    assert graph.one(plan, DCTERMS.modified) == "2016-11-28"
    found = actions(graph)
    assert len(found) == 3  # the key sheet's rows are not actions
    first = within(plan, "action", 1, 1)
    assert graph.one(first, SG.actionRef) == "R1.1"
    assert graph.one(first, SG.addresses) == within(inspection, "recommendation", 1).value
    assert graph.one(first, SG.dueDate) == "2016-09-30"
    # RAG given only as a fill colour: read through the key sheet
    assert status(graph, first) == "Completed"
    assert status(graph, within(plan, "action", 1, 2)) == "InProgress"
    # the recommendation is numbered as the "No." column numbers it, not by position
    seventh = within(plan, "action", 7, 1)
    assert graph.one(seventh, SG.addresses) == within(inspection, "recommendation", 7).value
    assert status(graph, seventh) == "InProgress"  # "Amber" as text, "Some slippage" in the key
    assert graph.one(seventh, SG.dueDate) == "2017-03-31"
    assert labels(graph, seventh) == ["Head of Service for CIN", "Head of Service for CP"]


def test_a_fill_without_a_key_says_nothing(tmp_path: Path) -> None:
    assert rag_key(["Ref\tAction\tRAG", "1.1\tDo it\t[fill: Green]"]) == {}
    assert rag_key(["RAG: C = complete; G = on track; A = at risk of slippage"]) == {
        "c": "Completed", "g": "InProgress", "a": "InProgress"}


# --------------------------------------------------------------------------- an .ods tracker


def test_ods_tracker_with_rows_merged_down(tmp_path: Path) -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Tracker")

    def row(*cells: str | None, spans: dict[int, int] | None = None, covered: set[int] | None = None) -> None:
        tr = TableRow()
        for index, text in enumerate(cells):
            if covered and index in covered:
                tr.addElement(CoveredTableCell())
                continue
            cell = TableCell(numberrowsspanned=(spans or {}).get(index, 1))
            if text:
                cell.addElement(P(text=text))
            tr.addElement(cell)
        table.addElement(tr)

    row("London Borough of Bromley – ILACS improvement tracker")
    row("Ofsted ILACS inspection 19 to 30 November 2018. Updated 14 March 2019")
    row("Area for improvement", "Ref", "Action", "Lead", "By when", "Status")
    row("1. The take-up of return home interviews.", "1.1", "Recommission the return home interview service",
        "Head of Service, Referral and Assessment", "31/05/2019", "On track", spans={0: 2})
    row(None, "1.2", "Introduce a monthly missing intelligence meeting", "MASH Manager", "Mar-19", "Complete",
        covered={0})
    doc.spreadsheet.addElement(table)
    path = tmp_path / "bromley_tracker.ods"
    doc.save(str(path))
    graph = read(path)
    inspection = inspection_iri(BROMLEY, "ilacs", dt.date(2018, 11, 19))
    plan = iri("plan", "E09000006", "ilacs", dt.date(2018, 11, 19))
    second = within(plan, "action", 1, 2)
    assert graph.one(second, SG.addresses) == within(inspection, "recommendation", 1).value
    assert status(graph, second) == "Completed"
    assert graph.one(second, SG.dueDate) == "2019-03-31"
    assert labels(graph, within(plan, "action", 1, 1)) == ["Head of Service, Referral and Assessment"]


# --------------------------------------------------------------------------- CSV / TSV exports


def test_cp1252_tsv_export_with_the_recommendation_in_a_column(tmp_path: Path) -> None:
    path = write_enfield_tracker(tmp_path / "enfield_tracker.tsv")
    graph = read(path)
    plan = iri("plan", "E09000010", "sif", dt.date(2015, 1, 20))
    inspection = inspection_iri(ENFIELD, "sif", dt.date(2015, 1, 20))
    assert graph.one(plan, DCTERMS.modified) == "2015-04-24"
    assert len(actions(graph)) == 3
    second = within(plan, "action", 1, 2)
    assert "£2,000" in graph.one(second, SG.text)
    assert graph.one(second, SG.dueDate) == "2015-09-30"
    third = within(plan, "action", 2, 1)
    assert graph.one(third, SG.addresses) == within(inspection, "recommendation", 2).value
    assert graph.one(third, SG.dueDate) == "2016-03-31"  # the financial year the plan is dated in
    assert graph.one(third, SG.dueText) == "by the end of the financial year"
    assert status(graph, third) == "NotStarted"


REPORTS = Path(__file__).resolve().parent / "fixtures" / "pdf"


def test_tracker_and_the_report_it_answers_meet_in_either_order(tmp_path: Path) -> None:
    from safeguarding_kg.loading import load_paths
    from safeguarding_kg.store import GraphStore

    tracker = write_enfield_tracker(tmp_path / "enfield_tracker.tsv")
    report = REPORTS / "enfield_inspection_2015-03-27.pdf"
    stores = []
    for name, order in (("a", [report, tracker]), ("b", [tracker, report])):
        store = GraphStore(tmp_path / name)
        for path in order:
            assert [r.status for r in load_paths(store, [path])] == ["loaded"]
        stores.append(store)
    inspection = inspection_iri(ENFIELD, "sif", dt.date(2015, 1, 20))
    for store in stores:
        rows = store.select(f"""
            SELECT ?n ?text ?planText WHERE {{
              ?action sg:addresses ?rec . ?rec sg:number ?n ; sg:text ?text ; sg:planText ?planText ;
                                               sg:ofInspection <{inspection.value}> }}""")
        pairs = {(int(r["n"].value), r["text"].value.split()[:6] == r["planText"].value.split()[:6]) for r in rows}
        assert pairs == {(1, True), (2, True)}  # the plan's recommendations are the report's
        sources = store.select(f"SELECT ?doc WHERE {{ <{inspection.value}> sg:reportedIn ?doc }}")
        assert [r["doc"].value.rsplit("/", 1)[-1] for r in sources] == ["enfield-inspection-2015-03-27-pdf"]


# --------------------------------------------------------------------------- prose plans


PROSE = """Lewisham Children's Social Care
Focused visit action plan
Ofsted focused visit to Lewisham children's services, 21 and 22 July 2021
Plan date: 18 October 2021

Area for improvement 1: The quality of children's plans.

1.1 Introduce a plan quality standard for all CIN and CP plans.
Lead: Principal Social Worker
By: 31.12.21
Status: In progress
Update November 2021: standard drafted with practitioners.

1.2 IROs to write review outcomes to the child
in plain language.
Lead: Service Manager, Independent Reviewing Service
By: Q4 21/22
Status: Not yet started

Area for improvement 2: Management oversight.

2.1 Team managers to record reflective supervision monthly.
Lead: Heads of Service for Children in Care and Care Leavers
By: Ongoing
Status: Business as usual

Governance and monitoring
The plan is monitored monthly by the Improvement Board and reported to the Corporate Parenting Board.
"""


def test_prose_plan_with_lead_by_status_lines(tmp_path: Path) -> None:
    path = tmp_path / "lewisham_plan.txt"
    path.write_text(PROSE, encoding="utf-8")
    graph = read(path)
    lewisham = iri("authority", "E09000023")
    inspection = inspection_iri(lewisham, "focused-visit", dt.date(2021, 7, 21))
    plan = iri("plan", "E09000023", "focused-visit", dt.date(2021, 7, 21))
    assert graph.extraction.loader_name == "action-plan"
    assert len(actions(graph)) == 3
    first, second, third = within(plan, "action", 1, 1), within(plan, "action", 1, 2), within(plan, "action", 2, 1)
    assert graph.one(first, SG.actionRef) == "1.1"
    assert graph.one(first, SG.dueDate) == "2021-12-31"
    assert status(graph, first) == "InProgress"
    update = NamedNode(graph.one(first, SG.hasUpdate))
    assert graph.one(update, DCTERMS.date) == "2021-11-30"
    assert graph.one(second, SG.text) == "IROs to write review outcomes to the child in plain language."
    assert graph.one(second, SG.dueDate) == "2022-03-31"
    assert labels(graph, second) == ["Service Manager, Independent Reviewing Service"]
    assert status(graph, third) == "Ongoing"
    assert graph.one(third, SG.dueDate) is None
    # each recommendation's wording is its own line, not its actions, nor the closing section
    assert graph.one(within(inspection, "recommendation", 1), SG.planText) == "The quality of children's plans."
    assert graph.one(within(inspection, "recommendation", 2), SG.planText) == "Management oversight."


BULLETED = """Rotherham Metropolitan Borough Council
Children and Young People's Services – Focused visit improvement plan
Focused visit 20 to 22 October 2020. Last updated: 15 February 2021

Priority 1: The quality and monitoring of children's plans

Actions:
- Introduce a single plan template for CIN and CP (Lead: Principal Social Worker; by: 31/03/2021)
- Monthly dip sample of plans by team managers (Owner: Heads of Service for CIN and CP, due Quarterly)

Priority 2: Management oversight

Action 1: Refresh the supervision policy.
Lead: Head of Service, Safeguarding
Timescale: end of Q1 2021/22
Status: Not started
"""


def test_bulleted_actions_with_inline_fields_and_named_actions(tmp_path: Path) -> None:
    path = tmp_path / "rotherham_plan.txt"
    path.write_text(BULLETED, encoding="utf-8")
    graph = read(path)
    plan = iri("plan", "E08000018", "focused-visit", dt.date(2020, 10, 20))
    assert len(actions(graph)) == 3
    first, second, third = within(plan, "action", 1, 1), within(plan, "action", 1, 2), within(plan, "action", 2, 1)
    assert graph.one(first, SG.text) == "Introduce a single plan template for CIN and CP"
    assert labels(graph, first) == ["Principal Social Worker"]
    assert graph.one(first, SG.dueDate) == "2021-03-31"
    assert labels(graph, second) == ["Head of Service for CIN", "Head of Service for CP"]
    assert graph.one(second, SG.dueText) == "Quarterly" and graph.one(second, SG.dueDate) is None
    assert graph.one(third, SG.actionRef) == "1" and graph.one(third, SG.dueDate) == "2021-06-30"
    assert status(graph, third) == "NotStarted"


NUMBERED_LINES = """Redbridge Children's Services
ILACS improvement plan, inspection 29 April to 3 May 2019
Date of plan: 24 June 2019

1. Introduction to this plan and how it will be monitored by the Improvement Board.

2. The consistency of the quality of assessments.
Action\tOwner\tBy when\tStatus
Refresh the assessment practice standard\tJo Bloggs and Al Khan\tJul-19\tOn track

Recommendation: The timeliness of initial child protection conferences.
Action\tOwner\tBy when\tStatus
Weekly conference scheduling meeting\tJane Smith, Head of Service\tSep-19\tComplete
"""


def test_numbered_line_above_a_table_and_an_unnumbered_heading(tmp_path: Path) -> None:
    path = tmp_path / "redbridge_plan.txt"
    path.write_text(NUMBERED_LINES, encoding="utf-8")
    graph = read(path)
    redbridge = iri("authority", "E09000026")
    inspection = inspection_iri(redbridge, "ilacs", dt.date(2019, 4, 29))
    plan = iri("plan", "E09000026", "ilacs", dt.date(2019, 4, 29))
    assert len(actions(graph)) == 2
    # "1. Introduction …" is a paragraph, not a recommendation: no table follows it
    assert graph.one(within(inspection, "recommendation", 1), SG.planText) is None
    assert graph.one(within(plan, "action", 2, 1), SG.addresses) == within(inspection, "recommendation", 2).value
    assert labels(graph, within(plan, "action", 2, 1)) == ["Al Khan", "Jo Bloggs"]
    third = within(plan, "action", 3, 1)
    assert graph.one(within(inspection, "recommendation", 3), SG.planText).startswith("The timeliness")
    assert labels(graph, third) == ["Jane Smith, Head of Service"] and status(graph, third) == "Completed"


def test_pdf_from_a_sheet_without_grid_lines() -> None:
    """Columns found from the words' alignment when the PDF draws no table lines."""
    graph = read(Path(__file__).resolve().parent / "fixtures" / "plans" / "wiltshire_tracker_unruled.pdf")
    plan = iri("plan", "E06000054", "sif", dt.date(2015, 7, 1))
    assert len(actions(graph)) == 3
    assert [status(graph, a) for a in (within(plan, "action", 1, 1), within(plan, "action", 1, 2),
                                       within(plan, "action", 2, 1))] == ["InProgress", "NotStarted", "Completed"]
    assert graph.one(within(plan, "action", 1, 2), SG.text) == "Train MASH staff in the new thresholds"
    assert graph.one(within(plan, "action", 2, 1), SG.dueDate) == "2016-03-31"


PRIORITY = """Sandwell Children's Trust
Focused visit action plan
Ofsted focused visit 1 and 2 April 2025
Plan date: 2 June 2025

Area for priority action 1: The timeliness of decisions for children at risk of harm.

Action\tLead\tBy when\tStatus
Daily MASH decision audit\tHead of Service, MASH\t30/06/2025\tIn progress

What needs to improve 1: The quality of supervision.

Action\tLead\tBy when\tStatus
Supervision audit\tPrincipal Social Worker\tQ2 25/26\tNot started
"""


def test_areas_for_priority_action_are_the_letters_findings_and_validate(tmp_path: Path) -> None:
    from safeguarding_kg.loading import load_paths
    from safeguarding_kg.store import GraphStore
    from safeguarding_kg.validation import validate_store

    path = tmp_path / "sandwell_plan.txt"
    path.write_text(PRIORITY, encoding="utf-8")
    graph = read(path)
    inspection = inspection_iri(iri("authority", "E08000028"), "focused-visit", dt.date(2025, 4, 1))
    plan = iri("plan", "E08000028", "focused-visit", dt.date(2025, 4, 1))
    area = within(inspection, "finding", "area-for-priority-action", 1)
    assert graph.one(within(plan, "action", "priority", 1, 1), SG.addresses) == area.value
    assert graph.one(area, SG.findingKind) == SG.AreaForPriorityActionItem.value
    assert graph.one(within(plan, "action", 1, 1), SG.addresses) == within(inspection, "recommendation", 1).value
    store = GraphStore(tmp_path / "store")
    assert [r.status for r in load_paths(store, [path])] == ["loaded"]
    assert validate_store(store).conforms  # the area known only from the plan: its planText is its wording


STATUS_WORDS = """Walsall Council – ILACS improvement plan
Inspection of Walsall local authority children's services, 1 to 12 November 2021
Last updated: 30 June 2022

| Ref | Recommendation | Action | Owner | Due | RAG | Progress |
|---|---|---|---|---|---|---|
| 1.1 | 1. Management oversight of practice. | Relaunch policy | PSW | Mar-22 | Green – on track | |
| 1.2 | | Audit supervision records | QA Manager | Apr-22 | Amber | Audit scheduled. |
| 1.3 | | Train new team managers | Workforce Lead | May-22 | | Update March 2022: cohort started.
Update June 2022: Complete – 14 managers trained. |
"""


def test_status_from_words_never_from_an_unexplained_colour(tmp_path: Path) -> None:
    path = tmp_path / "walsall_plan.md"
    path.write_text(STATUS_WORDS, encoding="utf-8")
    graph = read(path)
    plan = iri("plan", "E08000030", "ilacs", dt.date(2021, 11, 1))
    first, second, third = (within(plan, "action", 1, n) for n in (1, 2, 3))
    assert status(graph, first) == "InProgress"  # "Green – on track": the words, not the colour
    assert status(graph, second) == "StatusUnknown"  # "Amber" and no key in the plan
    assert any("RAG colours at lines" in w and "no key" in w for w in graph.extraction.warnings)
    assert status(graph, third) == "Completed"  # the latest dated note
    notes = {graph.one(NamedNode(u), DCTERMS.date): graph.one(NamedNode(u), SG.status)
             for u in graph.values(third, SG.hasUpdate)}
    assert notes == {"2022-03-31": None, "2022-06-30": SG.Completed.value}


def test_recommendation_on_a_row_of_its_own_and_a_section_label(tmp_path: Path) -> None:
    path = tmp_path / "trafford_plan.txt"
    path.write_text("Trafford Council ILACS action plan\n"
                    "Inspection of Trafford local authority children's services, 5 to 16 June 2023\n"
                    "Date: 3 August 2023\n\nRecommendation\tAction\tOwner\tDue\n"
                    "Section A: areas for improvement from the report\t\t\t\n"
                    "1. The quality of plans for children in need.\t\t\t\n"
                    "\tRelaunch the plan template\tPSW\tSep-23\n\tAudit plans\tQA Manager\tDec-23\n"
                    "2. Management oversight.\tSupervision audit\tHead of Service\tOct-23\n", encoding="utf-8")
    graph = read(path)
    inspection = inspection_iri(iri("authority", "E08000009"), "ilacs", dt.date(2023, 6, 5))
    plan = iri("plan", "E08000009", "ilacs", dt.date(2023, 6, 5))
    assert len(actions(graph)) == 3 and graph.extraction.warnings == []
    assert graph.one(within(plan, "action", 1, 2), SG.addresses) == within(inspection, "recommendation", 1).value
    assert len(graph.typed(SG.Recommendation)) == 2  # the section label is no recommendation


# --------------------------------------------------------------------------- recognition


def _word_plan_quoting_the_report(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ("Inspection of Bromley local authority children's services",
                 "Inspection dates: 19 to 30 November 2018", "Lead inspector: Brenda McInerney, HMI"):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Judgement", "Grade"
    table.cell(1, 0).text, table.cell(1, 1).text = "Overall effectiveness", "Good"
    document.add_paragraph("Post-inspection action plan")
    document.add_paragraph("Date: 25 February 2019")
    document.add_paragraph("Recommendation 1 – Return home interviews")
    actions_table = document.add_table(rows=2, cols=4)
    for cell, text in zip(actions_table.rows[0].cells, ("No.", "Action", "Owner", "Timescale"), strict=True):
        cell.text = text
    for cell, text in zip(actions_table.rows[1].cells,
                          ("1.1", "Recommission the service", "Head of Service, MASH", "Summer 2019"), strict=True):
        cell.text = text
    document.save(path)
    return path


def test_a_plan_restating_the_report_is_a_plan_and_never_its_source(tmp_path: Path) -> None:
    graph = read(_word_plan_quoting_the_report(tmp_path / "bromley_plan.docx"))
    inspection = inspection_iri(BROMLEY, "ilacs", dt.date(2018, 11, 19))
    assert graph.extraction.loader_name == "action-plan"
    assert graph.values(inspection, SG.reportedIn) == []
    judgement = within(inspection, "judgement", "OverallEffectiveness")
    assert graph.one(judgement, SG.gradeText) is None  # the grade is restated, not a second reading of it
    assert graph.one(within(iri("plan", "E09000006", "ilacs", dt.date(2018, 11, 19)), "action", 1, 1),
                     SG.dueDate) == "2019-08-31"


def test_untitled_prose_plan_restating_the_report_header_is_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "st-helens_response.txt"
    path.write_text("Inspection of St Helens local authority children's services\n"
                    "Inspection dates: 10 to 21 July 2023\nLead inspector: Russel Breyer\n\n"
                    "Recommendation 1: The response to neglect.\n"
                    "1.1 Launch the neglect strategy.\nLead: Assistant Director\nBy: 31/01/2024\n"
                    "1.2 Embed Graded Care Profile 2.\nLead: Principal Social Worker\nBy: Q4 23/24\n",
                    encoding="utf-8")
    graph = read(path)
    assert graph.extraction.loader_name == "action-plan"
    assert len(actions(graph)) == 2


def test_minutes_discussing_a_plan_are_not_a_plan(tmp_path: Path) -> None:
    from safeguarding_kg.loaders import detect
    from safeguarding_kg.loaders.action_plan import LOADER
    from safeguarding_kg.loaders.toolkit.sources import read_source

    path = tmp_path / "minutes.txt"
    path.write_text("ENFIELD CORPORATE PARENTING BOARD\n\nMINUTES OF THE MEETING HELD ON 21 MAY 2015\n\n"
                    "4. Ofsted action plan\nAction\tLead\tBy when\nRefresh the strategy\tHead of Service\tMay 2015\n",
                    encoding="utf-8")
    source = read_source(path)
    assert LOADER.recognise(source) == 0.0
    found = detect(source)
    assert found is None or found.name not in {"action-plan", "ofsted-ilacs", "ofsted-sif", "ofsted-letter",
                                                "lscb-review", "lac-inspection"}


def test_report_quoting_plan_is_never_offered_to_the_report_loaders(tmp_path: Path) -> None:
    from safeguarding_kg.loaders import detect
    from safeguarding_kg.loaders.toolkit.genre_signs import names_council_document
    from safeguarding_kg.loaders.toolkit.sources import read_source

    source = read_source(_word_plan_quoting_the_report(tmp_path / "bromley_plan.docx"))
    assert names_council_document(source)  # so detect() never asks the ILACS loader
    assert detect(source).name == "action-plan"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Team Manager, Adolescent Service", ["Team Manager, Adolescent Service"]),
        ("Head of Service, Children with Disabilities and Principal Social Worker",
         ["Head of Service, Children with Disabilities", "Principal Social Worker"]),
        ("Assistant Director, Children’s Social Care and SSCP Business Manager",
         ["Assistant Director, Children’s Social Care", "SSCP Business Manager"]),
        ("Chair of Performance and Quality Assurance sub-group",
         ["Chair of Performance and Quality Assurance sub-group"]),
        ("Service Managers for CIN and CP", ["Service Manager for CIN", "Service Manager for CP"]),
        ("AD Safeguarding / PSW", ["AD Safeguarding", "PSW"]),
    ],
)
def test_owners_as_councils_write_them(cell: str, expected: list[str]) -> None:
    assert owner_posts(cell) == expected
