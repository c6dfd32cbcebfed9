"""The one table of judgement-area and grade wordings (loaders/toolkit/judgement_terms.py).

Every loader maps judgement wording through this module; these tests pin what each rule set
reads as what, and check the tables against the ontology's concept schemes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from safeguarding_kg.loaders.toolkit.judgement_terms import (
    GRADES,
    OFSTED_AREAS,
    OLDER_AREAS,
    RESTATED_AREAS,
    area_concept,
    grade_concept,
    grade_named_in,
    local_name,
    older_area_concept,
    older_grade_concept,
    restated_area,
)
from safeguarding_kg.namespaces import SG

SCHEMES = Path(__file__).resolve().parents[1] / "ontology" / "schemes.ttl"
SIF_AND_ILACS_AREAS = {SG.OverallEffectiveness, SG.HelpAndProtection, SG.ChildrenInCare, SG.AdoptionPerformance,
                       SG.CareLeavers, SG.Leadership, SG.SafeguardingBoardEffectiveness}


@pytest.mark.parametrize(("text", "grade"), [
    ("Good", SG.Good),
    ("Requires improvement to be good", SG.RequiresImprovement),
    ("require improvement", SG.RequiresImprovement),
    ("inadequate", SG.Inadequate),
    ("Adequate", SG.Adequate),
    ("Outstanding", SG.Outstanding),
    ("graded as Good", None),  # the whole text must be a grade
])
def test_grade_concept_reads_a_whole_grade(text: str, grade) -> None:
    assert grade_concept(text) == grade


@pytest.mark.parametrize(("text", "grade"), [
    (" Requires Improvement to be Good.", SG.RequiresImprovement),  # not Good
    ("that Children's Services in Wolverhampton are graded as Good", SG.Good),
    ("Inadequate", SG.Inadequate),  # not Adequate
    ("no grade here", None),
])
def test_grade_named_in_finds_the_grade_in_a_sentence(text: str, grade) -> None:
    assert grade_named_in(text) == grade


def test_older_grades_are_the_four_point_scale() -> None:
    assert older_grade_concept("adequate") == SG.Adequate
    assert older_grade_concept("Requires improvement") is None  # introduced with the SIF, after these inspections


@pytest.mark.parametrize(("text", "area"), [
    ("The experiences and progress of children who need help and protection", SG.HelpAndProtection),
    ("The experiences and progress of children in care and care leavers", SG.ChildrenInCare),  # ILACS to 2022
    ("The experiences and progress of care leavers", SG.CareLeavers),  # ILACS from 2023
    ("The impact of leaders on social work practice with children and families", SG.Leadership),
    ("Overall effectiveness", SG.OverallEffectiveness),
    ("Children looked after and achieving permanence", SG.ChildrenInCare),  # SIF table rows
    ("Adoption performance", SG.AdoptionPerformance),
    ("Experiences and progress of care leavers", SG.CareLeavers),
    ("Leadership, management and governance", SG.Leadership),
    ("Overall, the quality of practice", None),  # prose is no heading: "overall" alone is not the area
    ("The Local Safeguarding Children Board", None),
])
def test_area_concept_reads_ofsted_wording(text: str, area) -> None:
    assert area_concept(text) == area


@pytest.mark.parametrize(("text", "area"), [
    ("Overall", SG.OverallEffectiveness),
    ("Children's services in Wolverhampton", SG.OverallEffectiveness),
    ("Children in need of help of help and protection", SG.HelpAndProtection),
    ("Looked after children and achieving permanence", SG.ChildrenInCare),
    ("Adoption of looked after children", SG.AdoptionPerformance),
    ("The LSCB", SG.SafeguardingBoardEffectiveness),
    ("Experience and progress of care leavers", SG.CareLeavers),
])
def test_restated_area_reads_council_wording(text: str, area) -> None:
    assert restated_area(text) == area


@pytest.mark.parametrize(("text", "area"), [
    ("Overall effectiveness of services for looked after children and young people", SG.OverallEffectiveness),
    ("Capacity to improve", SG.CapacityForImprovement),
    ("Outcomes for looked after children and young people", SG.OutcomesForChildren),
    ("Leadership and management", SG.Leadership),
    ("and young people", None),  # the rest of a wrapped row: the area is where the row starts
])
def test_older_area_concept_matches_at_the_start(text: str, area) -> None:
    assert older_area_concept(text) == area


def test_local_name_is_the_iri_slug() -> None:
    assert local_name(SG.HelpAndProtection) == "HelpAndProtection"


@pytest.fixture(scope="module")
def schemes() -> Store:
    store = Store()
    store.load(SCHEMES.read_bytes(), RdfFormat.TURTLE)
    return store


def _labels(store: Store, scheme: str) -> list[tuple[object, str]]:
    rows = store.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX sg: <https://w3id.org/safeguarding-kg/ontology#> "
        f"SELECT ?c ?l WHERE {{ ?c skos:inScheme sg:{scheme} ; skos:prefLabel|skos:altLabel ?l }}")
    return [(concept, label.value) for concept, label in rows]


def test_every_concept_in_the_tables_is_in_the_ontology(schemes: Store) -> None:
    areas = {concept for concept, _ in _labels(schemes, "JudgementAreas")}
    grades = {concept for concept, _ in _labels(schemes, "Grades")}
    for table in (OFSTED_AREAS, RESTATED_AREAS, OLDER_AREAS):
        assert {concept for concept, _ in table} <= areas
    assert {concept for concept, _ in GRADES} <= grades


def test_the_rules_agree_with_the_ontology_labels(schemes: Store) -> None:
    """A wording the ontology gives for a concept is never read as another concept."""
    wrong = []
    for concept, label in _labels(schemes, "JudgementAreas"):
        readers = [older_area_concept] + ([area_concept, restated_area] if concept in SIF_AND_ILACS_AREAS else [])
        wrong += [(label, reader.__name__) for reader in readers if reader(label) not in (None, concept)]
    for concept, label in _labels(schemes, "Grades"):
        wrong += [(label, reader.__name__) for reader in (grade_concept, grade_named_in)
                  if reader(label) not in (None, concept)]
    assert not wrong
