"""The action-plan loader on seed 001 (checked against its gold reading), on layout variants
written here (other columns, a RAG column, numbered actions, "Area for improvement"
headings, a Word document with real tables and merged cells), and merged with the report
the plan answers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from graph_helpers import Graph, document_quads
from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri, iri, within
from safeguarding_kg.loaders.action_plan import action_status, owner_posts
from safeguarding_kg.loaders.toolkit.text import words_start
from safeguarding_kg.loading import extract, load_paths
from safeguarding_kg.namespaces import DCTERMS, SG, SKOS
from safeguarding_kg.store import GraphStore

CORPUS = Path(__file__).resolve().parent.parent / "sample-corpus"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"
SEED = CORPUS / "solihull_ilacs-action-plan_2020.txt"
REPORT = CORPUS / "solihull_inspection_2020-01-09.pdf"
SOLIHULL = iri("authority", "E08000029")
INSPECTION = inspection_iri(SOLIHULL, "ilacs", dt.date(2019, 11, 11))
PLAN = iri("plan", "E08000029", "ilacs", dt.date(2019, 11, 11))


def load(path: Path) -> Graph:
    return Graph(extract(path, path.read_bytes()))


@pytest.fixture(scope="module")
def seed() -> Graph:
    return load(SEED)


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((GOLD / "001.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- seed 001 = gold


def test_seed_is_read_as_an_action_plan(seed: Graph) -> None:
    assert seed.extraction.loader_name == "action-plan"
    assert seed.extraction.genre_iri == SG.ActionPlanDocument.value
    assert seed.extraction.warnings == []


def test_plan_metadata(seed: Graph, gold: dict) -> None:
    assert seed.one(PLAN, DCTERMS.title) == gold["title"]
    assert seed.one(PLAN, DCTERMS.created) == "2020-03-01"  # "March 2020": a month is its first day
    assert seed.one(PLAN, DCTERMS.modified) == "2020-12-01"  # "Updated December 2020"
    assert seed.one(PLAN, SG.respondsTo) == INSPECTION.value
    assert seed.one(PLAN, SG.ofAuthority) == SOLIHULL.value


def test_inspection_stands_alone(seed: Graph, gold: dict) -> None:
    dates = gold["dates"]["inspection"]
    assert seed.typed(SG.Inspection) == [INSPECTION.value]
    assert seed.one(INSPECTION, SG.framework) == SG.ILACS.value
    assert seed.one(INSPECTION, SG.inspectedAuthority) == SOLIHULL.value
    assert seed.one(INSPECTION, SG.startDate) == dates["start_iso"]
    assert seed.one(INSPECTION, SG.endDate) == dates["end_iso"]


AREA_OF_KIND = {"leadership_impact": "Leadership", "help_and_protection": "HelpAndProtection",
                "children_in_care_and_care_leavers": "ChildrenInCare", "overall_effectiveness": "OverallEffectiveness"}
GRADE_OF = {"Requires improvement": "RequiresImprovement", "Good": "Good"}


def test_restated_judgements_are_the_inspections(seed: Graph, gold: dict) -> None:
    expected = {within(INSPECTION, "judgement", AREA_OF_KIND[j["kind"]]).value: j for j in gold["judgements"]}
    assert seed.typed(SG.Judgement) == sorted(expected)
    for subject, j in expected.items():
        node = NamedNode(subject)
        assert seed.one(node, SG.ofInspection) == INSPECTION.value
        assert seed.one(node, SG.judgementArea) == SG[AREA_OF_KIND[j["kind"]]].value
        assert seed.one(node, SG.grade) == SG[GRADE_OF[j["grade_normalised"]]].value
        assert seed.one(node, SG.sourceLine) == str(j["line"])
        assert seed.values(node, SG.gradeText) == []  # wording is the report's to give


def test_recommendations(seed: Graph, gold: dict) -> None:
    assert len(seed.typed(SG.Recommendation)) == len(gold["action_plan"]) == 10
    for block in gold["action_plan"]:
        rec = within(INSPECTION, "recommendation", block["recommendation_number"])
        assert seed.one(rec, SG.number) == str(block["recommendation_number"])
        assert seed.one(rec, SG.ofInspection) == INSPECTION.value
        assert seed.one(rec, SG.planText) == block["recommendation_text"]
        assert seed.values(rec, SG.text) == []
        assert seed.one(rec, SG.sourceLine) == str(block["heading_line"])


def test_actions_equal_the_gold(seed: Graph, gold: dict) -> None:
    assert len(seed.typed(SG.Action)) == gold["counts"]["actions"] == 53
    for block in gold["action_plan"]:
        n = block["recommendation_number"]
        rec = within(INSPECTION, "recommendation", n)
        found = [a for a in seed.typed(SG.Action) if a.startswith(within(PLAN, "action", n).value + "/")]
        assert len(found) == gold["counts"]["actions_per_recommendation"][str(n)], f"recommendation {n}"
        for position, expected in enumerate(block["actions"], start=1):
            action = within(PLAN, "action", n, position)
            where = f"recommendation {n} row {position}"
            assert words_start(seed.one(action, SG.text)) == expected["text_start"], where
            assert seed.one(action, SG.ownerText) == expected["who"], where
            assert seed.one(action, SG.dueText) == expected["by_when"], where
            assert words_start(seed.one(action, SG.progressText)) == expected["progress_start"], where
            assert seed.one(action, SG.sourceLine) == str(expected["line"]), where
            assert seed.one(action, SG.addresses) == rec.value
            assert seed.one(action, SG.inPlan) == PLAN.value
            assert seed.one(action, SG.number) == str(position)


def test_expected_outcomes_equal_the_gold(seed: Graph, gold: dict) -> None:
    assert len(seed.typed(SG.ExpectedOutcome)) == gold["counts"]["expected_outcomes"] == 34
    for block in gold["action_plan"]:
        n = block["recommendation_number"]
        for position, expected in enumerate(block["expected_outcomes"], start=1):
            outcome = within(PLAN, "outcome", n, position)
            assert words_start(seed.one(outcome, SG.text)) == expected
            assert seed.one(outcome, SG.outcomeOf) == within(INSPECTION, "recommendation", n).value
            assert seed.one(outcome, SG.inPlan) == PLAN.value
    # rec 6 has two "Expected Outcomes" headings, one bullet each
    assert seed.one(within(PLAN, "outcome", 6, 2), SG.text) == "Backlog of reviews is cleared."


def test_rows_split_by_page_breaks_are_joined(seed: Graph) -> None:
    row = within(PLAN, "action", 2, 3)
    assert seed.one(row, SG.text).endswith("escalation policies to be followed e.g. police and any other organisation,"
                                           " and senior managers to be notified")
    assert seed.one(row, SG.ownerText) == "Head of Service Family Support"
    assert seed.one(row, SG.progressText) == ("Escalation procedure has been implemented spring 2020. Evidence that "
                                              "this is being implemented will be reviewed")
    # <p>-wrapped continuation of the Progress column, and the separator line 112 is not a row
    assert "<p>" not in seed.one(within(PLAN, "action", 4, 5), SG.progressText)
    progress = seed.one(within(PLAN, "action", 4, 5), SG.progressText)
    assert progress.endswith("Reports provided to senior leadership team.")
    assert seed.one(within(PLAN, "action", 4, 9), SG.text).endswith("and actions are in place to prevent repeat "
                                                                      "missing episodes")


def post(name: str) -> str:
    from safeguarding_kg.iris import post_iri

    return post_iri(SOLIHULL, name).value


def test_owners_are_posts_normalised_across_rows(seed: Graph) -> None:
    assert seed.values(within(PLAN, "action", 4, 2), SG.owner) == [
        post("Head of Service Safeguards"), post("Head of Service Children's Commissioning")]
    assert seed.values(within(PLAN, "action", 8, 4), SG.owner) == [
        post("Head of Service Safeguards"), post("Head of Service Family Support"),
        post("Head of Service Looked After Children")]
    assert seed.values(within(PLAN, "action", 4, 6), SG.owner) == [
        post("Missing and Exploitation Team Manager"), post("Commissioning Officer")]
    assert seed.values(within(PLAN, "action", 4, 8), SG.owner) == [
        post("Missing and Exploitation Team Manager"), post("Provider")]
    assert seed.values(within(PLAN, "action", 5, 3), SG.owner) == [
        post("Head of Service Safeguards"), post("Principal Social Worker")]
    safeguards = NamedNode(post("Head of Service Safeguards"))
    assert seed.values(safeguards, SKOS.prefLabel) == ["Head of Service Safeguards"]
    assert seed.values(safeguards, SG.ofAuthority) == [SOLIHULL.value]
    labels = sorted(seed.one(NamedNode(p), SKOS.prefLabel) for p in seed.typed(NamedNode("http://www.w3.org/ns/org#Post")))
    assert labels == sorted([
        "Commissioning Officer", "Head of Service Children's Commissioning", "Head of Service Family Support",
        "Head of Service Looked After Children", "Head of Service Safeguards", "Missing and Exploitation Team Manager",
        "Principal Social Worker", "Provider"])


@pytest.mark.parametrize(("rec", "row", "due", "status"), [
    (1, 1, "2020-11-30", "StatusUnknown"),          # "November 2020"
    (1, 2, "2020-12-31", "StatusUnknown"),          # "December 2020 (testing) Jan 2021 …": the first date
    (1, 5, "2021-02-28", "StatusUnknown"),          # "Feb 2021"
    (1, 6, None, "InProgress"),                     # "In progress"
    (2, 2, None, "Ongoing"),                        # "Ongoing"
    (2, 4, "2021-01-31", "Completed"),              # "Completed January 2021"
    (2, 6, None, "Completed"),                      # "Completed"
    (3, 2, None, "Ongoing"),                        # "Quarterly": a recurring activity
    (6, 1, "2020-12-31", "Ongoing"),                # "Dec 2020", progress "Ongoing. A threshold document …"
    (6, 5, "2020-11-30", "StatusUnknown"),          # "November 2020 December 2020"
    (7, 1, None, "Completed"),                      # status text in By when; progress "Completed in April …"
    (9, 2, "2020-11-30", "Ongoing"),                # By when a date, progress "Ongoing"
])
def test_due_dates_and_status(seed: Graph, rec: int, row: int, due: str | None, status: str) -> None:
    action = within(PLAN, "action", rec, row)
    assert seed.one(action, SG.dueDate) == due
    assert seed.one(action, SG.status) == SG[status].value


def test_status_rule() -> None:
    assert action_status("", "31.12.20", "", "Audit completed") == ("StatusUnknown", None)
    assert action_status("Not yet started", "Completed", "", "") == ("NotStarted", "Not yet started")
    assert action_status("", "On-going", "", "") == ("Ongoing", "On-going")
    assert action_status("", "March 2021", "Green", "Complete – evidence on file")[0] == "Completed"


def test_owner_rule() -> None:
    assert owner_posts("Heads of Service Safeguards, Family Support and Looked After Children") == [
        "Head of Service Safeguards", "Head of Service Family Support", "Head of Service Looked After Children"]
    assert owner_posts("Head of Learning and Development") == ["Head of Learning and Development"]
    assert owner_posts("Service Manager / Team Manager") == ["Service Manager", "Team Manager"]
    assert owner_posts("") == []


# --------------------------------------------------------------------------- merged with the report it answers


def load_in_order(tmp_path: Path, name: str, paths: list[Path]) -> GraphStore:
    store = GraphStore(tmp_path / name)
    for path in paths:
        reports = load_paths(store, [path])
        assert [r.status for r in reports] == ["loaded"], [r.reason for r in reports]
    return store


def test_plan_and_report_merge_in_either_order(tmp_path: Path) -> None:
    first = load_in_order(tmp_path, "a", [REPORT, SEED])
    second = load_in_order(tmp_path, "b", [SEED, REPORT])
    assert document_quads(first) == document_quads(second)
    rows = first.select("""
        SELECT ?rec (COUNT(DISTINCT ?text) AS ?texts) (COUNT(DISTINCT ?planText) AS ?planTexts)
               (COUNT(DISTINCT ?action) AS ?actions) (COUNT(DISTINCT ?outcome) AS ?outcomes)
        WHERE { ?rec a sg:Recommendation ; sg:ofInspection ?i .
                OPTIONAL { ?rec sg:text ?text } OPTIONAL { ?rec sg:planText ?planText }
                OPTIONAL { ?action sg:addresses ?rec } OPTIONAL { ?outcome sg:outcomeOf ?rec } }
        GROUP BY ?rec""")
    solihull_2019 = [r for r in rows if str(r["rec"]).strip("<>").startswith(INSPECTION.value + "/")]
    assert len(solihull_2019) == 10
    for row in solihull_2019:
        assert (int(row["texts"].value), int(row["planTexts"].value)) == (1, 1), row["rec"]
        assert int(row["actions"].value) >= 2 and int(row["outcomes"].value) >= 2
    inspections = first.select("SELECT DISTINCT ?i WHERE { ?plan sg:respondsTo ?i . ?i sg:reportedIn ?doc }")
    assert [str(r["i"]).strip("<>") for r in inspections] == [INSPECTION.value]
    judgements = first.select(
        f"SELECT DISTINCT ?j WHERE {{ ?j a sg:Judgement ; sg:ofInspection <{INSPECTION.value}> }}")
    assert len(judgements) == 4


# --------------------------------------------------------------------------- other layouts

VARIANT_MARKDOWN = """\
Wolverhampton City Council

Children's Services Improvement Action Plan

Responding to the Ofsted focused visit of 3 and 4 October 2018

Date: 12 December 2018
Last updated: 4 March 2019

Area for improvement 1: The quality of assessments of children in need.

| Ref | Actions | Lead officer | Timescale | RAG | Status |
|-----|---------|--------------|-----------|-----|--------|
| 1.1 | Audit a sample of assessments each month | Service Manager / Team Manager | 31.03.19 | Green | Not yet started |
| 1.2 | Refresh the assessment guidance | Head of Safeguarding | March 2019 | Amber | On track |

Expected outcomes:
- Assessments are analytical and timely.

Area for improvement 2: Management oversight of plans.

| Ref | Actions | Lead officer | Timescale | RAG | Status |
|-----|---------|--------------|-----------|-----|--------|
| 2.1 | Supervision audit | Principal Social Worker & Head of Safeguarding | Quarterly | Red | |
"""


def test_variant_with_other_columns_a_rag_column_and_numbered_actions(tmp_path: Path) -> None:
    path = tmp_path / "wolverhampton_improvement-plan_2018.md"
    path.write_text(VARIANT_MARKDOWN, encoding="utf-8")
    graph = load(path)
    wolverhampton = iri("authority", "E08000031")
    inspection = inspection_iri(wolverhampton, "focused-visit", dt.date(2018, 10, 3))
    plan = iri("plan", "E08000031", "focused-visit", dt.date(2018, 10, 3))
    assert graph.extraction.loader_name == "action-plan"
    assert graph.one(inspection, SG.framework) == SG.FocusedVisit.value
    assert graph.one(plan, DCTERMS.created) == "2018-12-12"
    assert graph.one(plan, DCTERMS.modified) == "2019-03-04"
    wording = graph.one(within(inspection, "recommendation", 1), SG.planText)
    assert wording == "The quality of assessments of children in need."
    assert len(graph.typed(SG.Action)) == 3
    first = within(plan, "action", 1, 1)
    assert graph.one(first, SG.text) == "Audit a sample of assessments each month"
    assert graph.one(first, SG.actionRef) == "1.1"
    assert graph.one(first, SG.dueDate) == "2019-03-31"
    assert graph.one(first, SG.ragRating) == "Green"
    assert graph.one(first, SG.status) == SG.NotStarted.value
    assert len(graph.values(first, SG.owner)) == 2
    assert graph.one(within(plan, "action", 1, 2), SG.status) == SG.InProgress.value
    last = within(plan, "action", 2, 1)
    assert graph.one(last, SG.status) == SG.Ongoing.value  # "Quarterly" in Timescale, empty Status
    assert graph.one(last, SG.ragRating) == "Red"
    assert graph.one(within(plan, "outcome", 1, 1), SG.text) == "Assessments are analytical and timely."


def seed_blocks(count: int) -> list[tuple[str, str, list[list[str]]]]:
    """(heading, wording, table rows) of the seed's first recommendations, read straight from its lines."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    blocks = []
    for number, line in enumerate(lines):
        if line.startswith("Ofsted recommendation ") and len(blocks) < count:
            wording = lines[number + 2]
            rows = []
            for row in lines[number + 4:]:
                if not row.strip():
                    continue
                if "\t" not in row:
                    break
                rows.append(row.split("\t"))
            blocks.append((line, wording, rows))
    return blocks


def test_word_document_with_real_tables_and_merged_cells(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for text in ["Children's Services", "Ofsted ILACS Action Plan", "March 2020", "Updated December 2020",
                 "(Inspection date 11th to 22nd November 2019)", "Solihull Metropolitan Borough Council"]:
        document.add_paragraph(text)
    blocks = seed_blocks(3)
    for heading, wording, rows in blocks:
        document.add_paragraph(heading)
        document.add_paragraph(wording)
        # a Word table has no page-break pieces (rows with empty cells in the text export)
        clean_rows = [r for r in rows if len(r) >= 4 and all(c.strip() for c in r[:4])]
        table = document.add_table(rows=len(clean_rows), cols=4)
        for r, cells in enumerate(clean_rows):
            for c, text in enumerate(cells[:4]):
                table.cell(r, c).text = text
        if heading.endswith(" 3"):  # both rows have the same owner: one cell merged down the Who column
            table.cell(1, 1).merge(table.cell(2, 1)).text = "Head of Service Family Support"
        document.add_paragraph("Expected Outcomes")
        document.add_paragraph("- An outcome for " + heading)
    # a full-width merged row in the last table, naming a recommendation the way some plans do
    last = document.tables[-1]
    extra = last.add_row()
    extra.cells[0].merge(extra.cells[3]).text = "Recommendation 4: The offer and take up of return home interviews"
    row = last.add_row()
    for c, text in enumerate(["Review the specification", "Head of Service Children's Commissioning", "Completed",
                              "Contract extension agreed"]):
        row.cells[c].text = text
    path = tmp_path / "solihull_ilacs-action-plan_2020.docx"
    document.save(path)

    graph = load(path)
    assert graph.extraction.loader_name == "action-plan"
    assert graph.one(PLAN, DCTERMS.modified) == "2020-12-01"
    per_rec = {n: [a for a in graph.typed(SG.Action) if f"/action/{n}/" in a] for n in (1, 2, 3, 4)}
    assert [len(per_rec[n]) for n in (1, 2, 3, 4)] == [6, 6, 2, 1]
    text_seed = load(SEED)
    for n, position in [(1, 1), (1, 6), (2, 2), (3, 1), (3, 2)]:
        action = within(PLAN, "action", n, position)
        for prop in (SG.text, SG.ownerText, SG.dueText, SG.dueDate, SG.status):
            assert graph.one(action, prop) == text_seed.one(action, prop), (n, position, prop)
    merged_row = within(PLAN, "action", 3, 2)
    assert graph.one(merged_row, SG.ownerText) == "Head of Service Family Support"
    assert graph.one(within(INSPECTION, "recommendation", 4), SG.planText) == (
        "The offer and take up of return home interviews")
    assert graph.one(within(PLAN, "action", 4, 1), SG.status) == SG.Completed.value


def test_plan_loader_does_not_claim_other_genres() -> None:
    from safeguarding_kg.loaders.action_plan import LOADER
    from safeguarding_kg.loaders.toolkit.sources import read_source

    for name in ["solihull_inspection-and-lscb-review_2016.txt", "solihull_unannounced-inspection-letter_2011.txt",
                 "solihull_inspection_2020-01-09.pdf", "wolverhampton_inspection_2017-03-31.pdf"]:
        assert LOADER.recognise(read_source(CORPUS / name)) < 0.5, name
