"""Committee documents of the development set (tests/fixtures/council/dev) read as their authors expect.

Nine minutes and agendas by two authors who never saw the loaders: Word, PDF, text and HTML, of
cabinets, scrutiny committees and commissions and corporate parenting boards and panels. Each is
read alone and compared with its ``.expected.json`` on what ``bench/council_reading.py`` does not
score: the committee's name, each attendee's role and party, proposers and seconders, and every
resolution and item. The shares must reach the issue's 0.95; a failure lists every miss.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from graph_helpers import Graph
from pyoxigraph import NamedNode

from safeguarding_kg.iris import inspection_iri
from safeguarding_kg.loaders.toolkit.text import fold
from safeguarding_kg.loading import extract
from safeguarding_kg.namespaces import DCTERMS, FOAF, SG, SKOS

DEV = Path(__file__).resolve().parent / "fixtures" / "council" / "dev"
DOCUMENTS = sorted(p for p in DEV.glob("*") if Path(f"{p}.expected.json").exists()
                   and json.loads(Path(f"{p}.expected.json").read_text(encoding="utf-8"))["genre"] in
                   {"minutes", "agenda"})
ROLES = {SG.chair: "chair", SG.viceChair: "vice-chair", SG.memberPresent: "member", SG.officerPresent: "officer",
         SG.alsoPresent: "also-present"}
FRAMEWORKS = {"ilacs": "ilacs", "sif": "sif", "focused visit": "focused-visit", "monitoring visit": "monitoring-visit",
              "jtai": "jtai", "lscb review": "lscb-review"}


def bare(name: str) -> str:
    """A name without its titles, as the graph names a person ("Councillor Jane Smith" -> "jane smith")."""
    return fold(re.sub(r"^(?:(?:county|city|borough)\s+)?(?:councillor|cllr)\.?\s+", "", name.strip(), flags=re.I))


def first_words(text: str, count: int = 6) -> str:
    return " ".join(fold(text).split()[:count])


class Tally:
    def __init__(self) -> None:
        self.right: Counter[str] = Counter()
        self.total: Counter[str] = Counter()
        self.misses: list[str] = []

    def check(self, field: str, ok: bool, what: str) -> None:
        self.total[field] += 1
        self.right[field] += ok
        if not ok:
            self.misses.append(f"{field}: {what}")


def score(path: Path, tally: Tally) -> None:
    expected = json.loads(Path(f"{path}.expected.json").read_text(encoding="utf-8"))
    graph = Graph(extract(path, path.read_bytes()))
    tally.check("genre", graph.one(graph.extraction.document, SG.genre) == (
        SG.CommitteeAgenda if expected["genre"] == "agenda" else SG.CommitteeMinutes).value, path.name)
    for want in expected["meetings"]:
        meeting = next((NamedNode(m) for m in graph.typed(SG.Meeting)
                        if graph.one(NamedNode(m), SG.date) == want["date"]), None)
        tally.check("meeting", meeting is not None, f"{path.name} {want['date']}")
        if meeting is None:
            continue
        committee = graph.one(NamedNode(graph.one(meeting, SG.ofCommittee)), SKOS.prefLabel)
        tally.check("committee", fold(committee) == fold(want["committee"]), f"{committee!r} / {want['committee']!r}")
        score_attendance(graph, meeting, want, tally, path.name)
        score_items(graph, meeting, want, expected, tally, path.name)


def score_attendance(graph: Graph, meeting: NamedNode, want: dict, tally: Tally, name: str) -> None:
    people = {bare(graph.one(NamedNode(p), FOAF.name)): p for p in graph.values(meeting, SG.attendee)}
    roles = {p: role for predicate, role in ROLES.items() for p in graph.values(meeting, predicate)}
    for person in want["attendees"]:
        found = people.get(bare(person["name"]))
        tally.check("attendee and role", found is not None and roles.get(found) == person["role"],
                    f"{name}: {person['name']} as {person['role']}, read as {roles.get(found)}")
        if person.get("party"):
            tally.check("party", found is not None and graph.values(NamedNode(found), SG.party) == [person["party"]],
                        f"{name}: {person['name']} {person['party']}")
    unexpected = set(people) - {bare(p["name"]) for p in want["attendees"]}
    for extra in sorted(unexpected):
        tally.check("attendee and role", False, f"{name}: {extra} read but not present")
    apologies = {bare(graph.one(NamedNode(p), FOAF.name)) for p in graph.values(meeting, SG.apology)}
    for person in want["apologies"]:
        tally.check("apologies", bare(person) in apologies, f"{name}: apology {person}")


def score_items(graph: Graph, meeting: NamedNode, want: dict, expected: dict, tally: Tally, name: str) -> None:
    items = {}
    for item in graph.values(meeting, SG.hasAgendaItem):
        node = NamedNode(item)
        for number in (graph.one(node, SG.itemNumber), graph.one(node, SG.minuteReference)):
            if number:
                items[number] = node
    inspection = expected.get("inspection") or {}
    for item in want["items"]:
        node = items.get(str(item["number"]).strip().rstrip("."))
        title = graph.one(node, DCTERMS.title) if node else None
        tally.check("item number and title", title is not None and fold(title) == fold(item["title"]),
                    f"{name}: {item['number']} {item['title']!r}, read {title!r}")
        if node is None:
            continue
        resolutions = [r for r in graph.typed(SG.Resolution) if graph.one(NamedNode(r), SG.ofAgendaItem) == node.value]
        read = sorted(first_words(graph.one(NamedNode(r), SG.text)) for r in resolutions)
        tally.check("resolutions", read == sorted(first_words(r) for r in item["resolutions"]),
                    f"{name}: {item['number']} read {read}, expected {item['resolutions']}")
        for role, predicate in (("proposer", SG.proposer), ("seconder", SG.seconder)):
            if item[role]:
                names = [bare(graph.one(NamedNode(p), FOAF.name)) for p in graph.values(node, predicate)]
                tally.check("proposer and seconder", any(n.split()[-1] == bare(item[role]).split()[-1] for n in names),
                            f"{name}: {item['number']} {role} {item[role]}, read {names}")
        concerns = graph.values(node, SG.concernsInspection)
        if item["concerns_report"] and inspection.get("start"):
            authority = graph.one(meeting, SG.ofCommittee).split("/committee/")[0]
            iri = inspection_iri(NamedNode(authority), FRAMEWORKS[inspection["framework"].lower()],
                                 dt.date.fromisoformat(inspection["start"]))
            tally.check("item's inspection", concerns == [iri.value], f"{name}: {item['number']} read {concerns}")
        elif not item["concerns_report"]:
            tally.check("item's inspection", concerns == [], f"{name}: {item['number']} read {concerns}, none expected")


@pytest.fixture(scope="module")
def tally() -> Tally:
    found = Tally()
    for path in DOCUMENTS:
        score(path, found)
    return found


def test_the_development_set_has_committee_documents_of_every_format() -> None:
    assert {p.suffix for p in DOCUMENTS} == {".docx", ".pdf", ".txt", ".html"}
    assert len(DOCUMENTS) >= 9


@pytest.mark.parametrize("field", ["genre", "meeting", "committee", "attendee and role", "apologies",
                                   "item number and title", "resolutions", "proposer and seconder",
                                   "item's inspection"])
def test_committee_documents_read_as_expected(tally: Tally, field: str) -> None:
    assert tally.total[field], f"nothing expected for {field}"
    share = tally.right[field] / tally.total[field]
    misses = "\n".join(m for m in tally.misses if m.startswith(field + ":"))
    assert share >= 0.95, f"{field}: {tally.right[field]}/{tally.total[field]} = {share:.2f}\n{misses}"


def test_no_committee_document_states_judgements_or_is_a_report() -> None:
    for path in DOCUMENTS:
        graph = Graph(extract(path, path.read_bytes()))
        assert graph.typed(SG.Judgement) == [], path.name
        assert not any(SG.reportedIn.value in props for props in graph.data.values()), path.name
        assert graph.typed(SG.Finding) == [] and graph.typed(SG.Recommendation) == [], path.name
        assert graph.typed(SG.Meeting), path.name  # and it was read as a meeting
