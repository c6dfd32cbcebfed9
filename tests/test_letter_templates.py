"""Monitoring visit and JTAI letters, on constructed letters in the published templates' form.

No real monitoring-visit or JTAI letter is in the corpus, so tests/fixtures/letters/ holds one of each,
written (and marked in their header comments) as constructed examples following the templates. The
expected values below were written with the fixtures, not taken from the loader.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest

from safeguarding_kg.authorities import resolve
from safeguarding_kg.iris import inspection_iri, person_iri, within
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loading import extract
from safeguarding_kg.namespaces import SG

LETTERS = Path(__file__).parent / "fixtures" / "letters"
MONITORING = LETTERS / "slough_monitoring-visit_2024-03-14.txt"
JTAI = LETTERS / "sheffield_jtai_2023-05-10.txt"


def values(ex: Extraction) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for q in ex.quads:
        found[q.subject.value][q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]].append(q.object.value)
    return found


def of_type(ex: Extraction, rdf_class) -> list[dict[str, list[str]]]:
    found = [p for p in values(ex).values() if rdf_class.value in p.get("type", [])]
    return sorted(found, key=lambda p: int(p["sourceLine"][0]))


def kinds(ex: Extraction) -> list[tuple[str, str]]:
    """(finding kind, first words) of each finding, in reading order."""
    return [(p["findingKind"][0].rsplit("#", 1)[-1], " ".join(p["text"][0].split()[:4]))
            for p in of_type(ex, SG.Finding)]


@pytest.fixture(scope="module")
def monitoring() -> Extraction:
    return extract(MONITORING, MONITORING.read_bytes())


@pytest.fixture(scope="module")
def jtai() -> Extraction:
    return extract(JTAI, JTAI.read_bytes())


def test_monitoring_visit_inspection(monitoring: Extraction) -> None:
    assert monitoring.loader_name == "ofsted-letter"
    assert monitoring.warnings == []
    slough = resolve("Slough")
    inspection = inspection_iri(slough.iri, "monitoring-visit", dt.date(2024, 2, 6))
    props = values(monitoring)[inspection.value]
    assert props["framework"] == [SG.MonitoringVisit.value]
    assert props["inspectedAuthority"] == [slough.iri.value]
    assert (props["startDate"], props["endDate"], props["publishedDate"]) == (["2024-02-06"], ["2024-02-07"],
                                                                             ["2024-03-14"])
    assert props["leadInspector"] == [person_iri("Sarah Whitfield").value]
    assert props["teamMember"] == [person_iri("Daniel Okoro").value]
    document = values(monitoring)[monitoring.document.value]
    assert document["title"] == ["Monitoring visit of Slough children's services"]
    assert document["issued"] == ["2024-03-14"]


def test_monitoring_visit_findings_and_no_recommendations(monitoring: Extraction) -> None:
    assert kinds(monitoring) == [
        ("HeadlineFinding", "Senior leaders have a"),
        ("HeadlineFinding", "Caseloads have reduced in"),
        ("MainFinding", "Most children in need"),
        ("MainFinding", "Assessments are timely and"),
        ("MainFinding", "Child protection plans are"),
        ("MainFinding", "Managers' oversight of children's"),
    ]
    # "Areas covered by the visit" is the scope, not a finding; the template has no recommendations.
    assert not any("Inspectors reviewed" in p["text"][0] for p in of_type(monitoring, SG.Finding))
    assert of_type(monitoring, SG.Recommendation) == []
    sections = {p["sectionHeading"][0] for p in of_type(monitoring, SG.Finding)}
    assert sections == {"Headline findings", "Findings and evaluation of progress"}


def test_jtai_inspection(jtai: Extraction) -> None:
    assert jtai.loader_name == "ofsted-letter"
    assert jtai.warnings == []
    sheffield = resolve("Sheffield")
    inspection = inspection_iri(sheffield.iri, "jtai", dt.date(2023, 3, 20))
    props = values(jtai)[inspection.value]
    assert props["framework"] == [SG.JTAI.value]
    assert props["inspectedAuthority"] == [sheffield.iri.value]
    assert (props["startDate"], props["endDate"], props["publishedDate"]) == (["2023-03-20"], ["2023-03-24"],
                                                                             ["2023-05-10"])
    # Signed for the four inspectorates by their national leads: signatories, not the inspection team.
    assert "leadInspector" not in props and "teamMember" not in props
    names = ["Yvonne Hart", "Peter Lang", "Wendy Cole", "Martin Shaw"]
    assert sorted(props["signatory"]) == sorted(person_iri(n).value for n in names)
    roles = {values(jtai)[person_iri(n).value]["roleText"][0] for n in names}
    assert roles == {"National Director, Regulation and Social Care, Ofsted",
                     "Deputy Director, Children's Health, Care Quality Commission",
                     "His Majesty's Inspector of Constabulary, HMICFRS",
                     "Chief Inspector of Probation, HMI Probation"}


def test_jtai_findings_and_recommendations(jtai: Extraction) -> None:
    assert kinds(jtai) == [
        ("HeadlineFinding", "Children at risk of"),
        ("HeadlineFinding", "Information about children who"),
        ("StrengthItem", "The multi-agency exploitation team"),
        ("StrengthItem", "Return home conversations are"),
        ("StrengthItem", "Probation practitioners work closely"),
        ("AreaForDevelopmentItem", "Strategy meetings for children"),
        ("AreaForDevelopmentItem", "Police records of disruption"),
    ]
    recs = sorted(of_type(jtai, SG.Recommendation), key=lambda p: int(p["number"][0]))
    assert [int(r["number"][0]) for r in recs] == [1, 2, 3]
    assert recs[0]["text"] == ["The timeliness of information-sharing between the police and children's social "
                               "care when children go missing from home or care."]
    assert recs[2]["text"][0].startswith("The use of disruption activity against adults")
    assert all(r["addressedTo"] == [resolve("Sheffield").iri.value] for r in recs)
    inspection = inspection_iri(resolve("Sheffield").iri, "jtai", dt.date(2023, 3, 20))
    strength = values(jtai)[within(inspection, "finding", "strength", 2).value]
    assert strength["sectionHeading"] == ["Strengths"]
    # The case study and next steps are not findings.
    assert not any("youth worker" in p["text"][0] or "principal authority" in p["text"][0]
                   for p in of_type(jtai, SG.Finding))
