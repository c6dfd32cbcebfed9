"""The committee-pack loader on seed 004 (checked against its gold reading), and the Ofsted
report it embeds compared with the same report loaded alone."""

from __future__ import annotations

import datetime as dt
import json
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from graph_helpers import Graph, document_quads
from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri, iri, person_iri, within
from safeguarding_kg.loaders.toolkit.text import clean, words_start
from safeguarding_kg.loading import extract, load_paths
from safeguarding_kg.namespaces import DCTERMS, FOAF, ORG, PROV, SG, SKOS
from safeguarding_kg.store import GraphStore

CORPUS = Path(__file__).resolve().parent.parent / "sample-corpus"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"
SEED = CORPUS / "wolverhampton_corporate-parenting-board-pack_2017-05-18.txt"
REPORT = CORPUS / "wolverhampton_inspection_2017-03-31.pdf"
WOLVERHAMPTON = iri("authority", "E08000031")
COMMITTEE = within(WOLVERHAMPTON, "committee", "corporate-parenting-board")
MEETING = within(COMMITTEE, "meeting", dt.date(2017, 5, 18))
MINUTES = within(COMMITTEE, "meeting", dt.date(2017, 3, 16))
INSPECTION = inspection_iri(WOLVERHAMPTON, "sif", dt.date(2017, 1, 16))


@pytest.fixture(scope="module")
def pack() -> Graph:
    return Graph(extract(SEED, SEED.read_bytes()))


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((GOLD / "004.json").read_text(encoding="utf-8"))


def meeting_of(gold: dict, role: str) -> dict:
    return next(m for m in gold["meetings"] if m["role"].startswith(role))


def name(person: str) -> str:
    return person_iri(person.removeprefix("Cllr ").removeprefix("Councillors ")).value


def test_pack_is_read_as_a_pack(pack: Graph, gold: dict) -> None:
    assert pack.extraction.loader_name == "committee-pack"
    assert pack.extraction.warnings == []
    assert pack.one(pack.extraction.document, DCTERMS.title) == gold["title"]


def test_committee_and_meeting(pack: Graph, gold: dict) -> None:
    meeting = meeting_of(gold, "meeting_of_this_pack")
    assert pack.one(COMMITTEE, SKOS.prefLabel) == gold["committee"]
    assert pack.one(COMMITTEE, ORG.subOrganizationOf) == WOLVERHAMPTON.value
    assert pack.one(MEETING, SG.ofCommittee) == COMMITTEE.value
    assert pack.one(MEETING, SG.date) == meeting["date_iso"]
    assert pack.one(MEETING, SG.time) == meeting["time"]
    assert pack.one(MEETING, SG.venue) == meeting["venue"]
    assert pack.one(MEETING, SG.isPublic) == "true"
    assert pack.one(MEETING, SG.meetingType) == meeting["type_of_meeting"]
    assert pack.one(MEETING, SG.quorumText) == meeting["quorum"]
    assert pack.values(MEETING, SG.isPlanned) == []


def test_agenda_items(pack: Graph, gold: dict) -> None:
    expected = meeting_of(gold, "meeting_of_this_pack")["agenda_items"]
    # exactly its agenda: the work plan's entry for this meeting is a planned item, not an eleventh agenda item
    items = pack.values(MEETING, SG.hasAgendaItem)
    assert items == [within(MEETING, "item", n).value for n in range(1, 11)]
    assert len(items) == len(expected) == 10
    assert pack.values(MEETING, SG.hasPlannedItem) == [within(MEETING, "planned-item", 1).value]
    for e in expected:
        item = within(MEETING, "item", e["number"])
        assert pack.one(item, SG.itemNumber) == str(e["number"])
        assert pack.one(item, DCTERMS.title) == e["title"]
        assert pack.one(item, SG.sourceLine) == str(e["line"])
        assert pack.one(item, SG.part) == e["part"]
        assert pack.one(item, SG.pages) == (e["pages"].removeprefix("Pages ") if "pages" in e else None)
        presenter = e["presenter"]
        assert pack.values(item, SG.presenter) == ([name(presenter["name"])] if presenter else [])
        if presenter:
            assert presenter["role"] in pack.values(NamedNode(name(presenter["name"])), SG.roleText)
        if "note_text" in e:
            assert pack.one(item, SG.note) == e["note_text"]
        assert pack.one(item, SG.toFollow) == ("true" if e.get("status") == "TO FOLLOW" else None)
    assert pack.one(within(MEETING, "item", 9), SG.note).startswith(
        "To pass the following resolution: That in accordance with Section 100A(4)")
    assert pack.values(within(MEETING, "item", 7), SG.concernsInspection) == [INSPECTION.value]


def test_minutes_meeting_attendance(pack: Graph, gold: dict) -> None:
    minutes = meeting_of(gold, "minutes_of_previous_meeting")
    assert pack.one(MINUTES, SG.date) == minutes["date_iso"]
    attendees = pack.values(MINUTES, SG.attendee)
    assert len(attendees) == len(minutes["attendees"]) == 12
    assert attendees == [name(a["name"]) for a in minutes["attendees"]]
    for a in minutes["attendees"]:
        person = NamedNode(name(a["name"]))
        if a["party"]:
            assert pack.values(person, SG.party) == [a["party"]]
        if a.get("role"):
            assert a["role"] in pack.values(person, SG.roleText)
    assert pack.values(MINUTES, SG.apology) == [name(n) for n in minutes["apologies"]["names"]]
    assert pack.values(NamedNode(name("Brookfield")), SG.roleText) == ["Councillor"]


def test_minutes_items_and_resolutions(pack: Graph, gold: dict) -> None:
    expected = meeting_of(gold, "minutes_of_previous_meeting")["minutes_items"]
    assert len(pack.values(MINUTES, SG.hasAgendaItem)) == len(expected) == 7
    resolutions = []
    for e in expected:
        item = within(MINUTES, "item", e["number"])
        assert pack.one(item, DCTERMS.title) == e["title"]
        assert pack.one(item, SG.sourceLine) == str(e["line"])
        if not e["text_start"].startswith("Resolved"):
            assert words_start(pack.one(item, SG.summaryText)) == e["text_start"]
        presenter = e["presenter"]
        assert pack.values(item, SG.presenter) == ([name(presenter["name"])] if presenter else [])
        for position, r in enumerate(e["resolutions"], start=1):
            resolution = within(item, "resolution", r["number"] or position)
            assert pack.one(resolution, SG.text) == r["text"]
            assert pack.one(resolution, SG.sourceLine) == str(r["line"])
            assert pack.one(resolution, SG.ofAgendaItem) == item.value
            assert pack.one(resolution, SG.ofMeeting) == MINUTES.value
            assert pack.one(resolution, SG.number) == (str(r["number"]) if r["number"] else None)
            resolutions.append(resolution.value)
    assert sorted(resolutions) == pack.typed(SG.Resolution)
    assert len(resolutions) == gold["counts"]["resolutions"] == 6
    # what was said stays in the summary, the resolutions do not
    summary = pack.one(within(MINUTES, "item", 5), SG.summaryText)
    assert "inter-agency fee would end on 31 March 2017" in summary and "be thanked" not in summary


def test_covering_reports(pack: Graph, gold: dict) -> None:
    reports = pack.typed(SG.CommitteeReport)
    assert len(reports) == len(gold["reports"]) == 2
    for e in gold["reports"]:
        item = within(MEETING, "item", e["agenda_item"])
        report = within(item, "report")
        assert pack.one(report, DCTERMS.title) == e["report_title"]
        assert pack.one(report, SG.sourceLine) == str(e["line"])
        assert pack.one(report, SG.ofAgendaItem) == item.value
        assert pack.one(report, SG.ofMeeting) == MEETING.value
        assert pack.values(report, SG.cabinetMember) == [name("Val Gibson")]
        assert pack.values(report, SG.accountableDirector) == [name(e["accountable_director"].split(",")[0])]
        assert pack.values(report, SG.accountableEmployee) == [name(e["accountable_employee"]["name"])]
        assert pack.values(report, SG.reportRecommendation) == [r["text"] for r in e["report_recommendations"]]
    ofsted = within(MEETING, "item", 7, "report")
    assert pack.values(ofsted, SG.concernsInspection) == [INSPECTION.value]
    assert pack.values(within(MEETING, "item", 6, "report"), SG.concernsInspection) == []


def test_restated_judgements_are_the_reports(pack: Graph, gold: dict) -> None:
    judgements = [j for j in pack.typed(SG.Judgement)]
    assert len(judgements) == gold["counts"]["embedded_judgements"] == 7  # none added by the covering report
    help_and_protection = within(INSPECTION, "judgement", "HelpAndProtection")
    assert pack.values(help_and_protection, SG.grade) == [SG.RequiresImprovement.value]
    assert len(pack.values(help_and_protection, SG.sourceLine)) == 1


def test_work_plan_rows_are_planned_meetings(pack: Graph, gold: dict) -> None:
    rows = gold["work_plan"]["rows"]
    assert len(rows) == 6
    for row in rows:
        day = dt.datetime.strptime(row["date_cpb_meeting"], "%d/%m/%y").date()
        meeting = within(COMMITTEE, "meeting", day)
        item = within(meeting, "planned-item", 1)
        assert pack.values(meeting, SG.hasPlannedItem) == [item.value]
        assert item.value not in pack.values(meeting, SG.hasAgendaItem)
        assert pack.one(meeting, SG.date) == day.isoformat()
        assert pack.one(meeting, SG.isPlanned) == (None if day == dt.date(2017, 5, 18) else "true")
        assert pack.one(item, DCTERMS.title) == row["agenda_items_raw"]
        assert pack.one(item, SG.inviteesText) == row["invitees_raw"]
        assert pack.one(item, SG.sourceLine) == str(row["line"])
    assert pack.values(within(MEETING, "planned-item", 1), SG.invitee) == [name("Alice Vickers")]
    assert len(pack.values(MEETING, SG.sourceLine)) == 1


# --------------------------------------------------------------------------- the embedded report

PROVENANCE = {SG.sourceLine.value, SG.sourcePage.value, PROV.wasDerivedFrom.value, SG.reportedIn.value}


@pytest.fixture(scope="module")
def report_alone() -> Graph:
    return Graph(extract(REPORT, REPORT.read_bytes()))


def report_nodes(graph: Graph) -> dict[str, set]:
    """Nodes of the inspection (its own IRI and those within it), with what is said of them."""
    return {s: {(p, clean(o)) for p, values in props.items() if p not in PROVENANCE for o in values}
            for s, props in graph.data.items() if s.startswith(INSPECTION.value)}


def _without_text(facts: set) -> set:
    return {f for f in facts if f[0] != SG.text.value}


def _without_reasons(facts: set) -> set:
    return {f for f in facts if f[0] != SG.reason.value}


def _texts(facts: set) -> list:
    return sorted(f for f in facts if f[0] == SG.text.value)


def test_embedded_report_gives_the_nodes_of_the_report_alone(pack: Graph, report_alone: Graph) -> None:
    in_pack, alone = report_nodes(pack), report_nodes(report_alone)
    assert sorted(in_pack) == sorted(alone)
    for subject in alone:
        item = subject.removesuffix("/classification")
        if item != subject and _texts(in_pack[item]) != _texts(alone[item]):
            # a paragraph worded differently may be weighed differently: the same concepts, other numbers
            assert _without_reasons(in_pack[subject]) == _without_reasons(alone[subject]), subject
            continue
        assert _without_text(in_pack[subject]) == _without_text(alone[subject]), subject
        # the pack's copy and the published PDF differ in two words ("competed"/"completed",
        # "achievements,"/"achievements."): the texts must be the same paragraph, not the same bytes
        for (_, pack_text), (_, pdf_text) in zip(_texts(in_pack[subject]), _texts(alone[subject]), strict=True):
            assert SequenceMatcher(None, pack_text, pdf_text, autojunk=False).ratio() > 0.99, subject
    inspectors = [s for s in report_alone.typed(FOAF.Person)]
    assert set(inspectors) <= set(pack.typed(FOAF.Person))


def test_pack_and_report_merge_in_either_order(tmp_path: Path) -> None:
    def load(name: str, paths: list[Path]) -> GraphStore:
        store = GraphStore(tmp_path / name)
        for path in paths:
            assert [r.status for r in load_paths(store, [path])] == ["loaded"]
        return store

    first, second = load("a", [REPORT, SEED]), load("b", [SEED, REPORT])
    assert document_quads(first) == document_quads(second)
    rows = first.select("SELECT DISTINCT ?i WHERE { ?x sg:concernsInspection ?i . ?i sg:reportedIn ?d }")
    assert [str(r["i"]).strip("<>") for r in rows] == [INSPECTION.value]
    judgements = first.select(
        f"SELECT DISTINCT ?j WHERE {{ ?j sg:ofInspection <{INSPECTION.value}> ; a sg:Judgement }}")
    assert len(judgements) == 7
