"""Judgement areas and grades as documents write them, mapped to the vocabulary's concepts.

Every loader that reads a judgement uses this module, so an Ofsted report, an action plan and a
committee report restating it all name the same area and grade concepts (and so the same
``within(inspection, "judgement", local_name(area))`` node).

Grades have one table of wordings and two ways to read it:

- :func:`grade_concept`: the whole text is a grade ("Requires improvement to be good"): the
  grade cell or heading word an Ofsted report's own template gives (SIF, ILACS, LAC);
- :func:`grade_named_in`: the first grade a longer text names ("… are graded as Good."): the
  way councils restate a grade inside a sentence or a table cell.

Judgement areas have three rule sets, because the wordings they meet differ and each rule also
works as a check (a heading or table row that names no area is not one):

- :func:`area_concept`: Ofsted's own wording in the judgement tables and graded section headings
  of SIF (2013–18) and ILACS (2018 on) reports. Narrow on purpose: ILACS finds its section
  headings by asking whether a "<text>: <grade>" line names an area, so a looser rule would
  turn prose into headings;
- :func:`restated_area`: a council's restatement of those judgements (action plans, committee
  reports), where the label next to a grade is paraphrased ("Overall", "Children's services in
  X", "the LSCB", "Looked after children …");
- :func:`older_area_concept`: the areas of the 2009–13 inspections of looked after children and
  of safeguarding and looked after children services, matched at the *start* of the text because
  the record table's reader grows a wrapped row line by line until the text starts with an area.

Why tables in code and not the ontology's skos:altLabel wordings: the labels are whole wordings
matched exactly, while reports wrap, abbreviate and reword their areas (the 2026 ILACS table's
leaders row, "Children in need of help of help and protection" in a council report), so the
rules search for key words in a set order, and the order itself carries meaning (ILACS's
"children in care and care leavers" is one area, sg:ChildrenInCare). tests/test_judgement_terms.py
checks the two agree: every skos:altLabel these rules map is mapped to its own concept.
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

from safeguarding_kg.loaders.toolkit.text import fold
from safeguarding_kg.namespaces import SG

# --------------------------------------------------------------------------- grades

# Checked in order over folded text: "requires improvement to be good" contains "good", and
# "inadequate" contains "adequate" (word boundaries keep the second apart).
GRADES: list[tuple[NamedNode, str]] = [
    (SG.RequiresImprovement, r"requires? improvement(?: to be good)?"),
    (SG.Inadequate, r"inadequate"),
    (SG.Outstanding, r"outstanding"),
    (SG.Good, r"good"),
    (SG.Adequate, r"adequate"),
]

#: The four-point scale of the 2009–13 inspections (grade 1 outstanding … grade 4 inadequate).
FOUR_POINT_SCALE = frozenset({SG.Outstanding, SG.Good, SG.Adequate, SG.Inadequate})


def grade_concept(text: str) -> NamedNode | None:
    """The grade the whole text is ("Good", "Requires improvement to be good"), or None."""
    folded = fold(text)
    return next((concept for concept, pattern in GRADES if re.fullmatch(pattern, folded)), None)


def older_grade_concept(text: str) -> NamedNode | None:
    """:func:`grade_concept` on the 2009–13 four-point scale: "requires improvement" came later."""
    grade = grade_concept(text)
    return grade if grade in FOUR_POINT_SCALE else None


def grade_named_in(text: str) -> NamedNode | None:
    """The first grade (in :data:`GRADES` order) a text names anywhere, or None."""
    folded = fold(text)
    return next((concept for concept, pattern in GRADES if re.search(rf"\b(?:{pattern})\b", folded)), None)


# --------------------------------------------------------------------------- judgement areas

# Ofsted's wording (SIF and ILACS tables and headings), searched in order over folded text.
# "children in care and care leavers" (ILACS to 2022) is one area, sg:ChildrenInCare; from 2023
# "children in care" and "care leavers" are judged apart. The 2026 ILACS table words its leaders
# row differently, so any row about leaders or leadership is sg:Leadership. SIF rows ("2.1
# Adoption performance", "2.2 Experiences and progress of care leavers") name one area each.
OFSTED_AREAS: list[tuple[NamedNode, str]] = [
    (SG.OverallEffectiveness, r"overall effectiveness"),
    (SG.Leadership, r"\bleaders?\b|\bleadership\b"),
    (SG.HelpAndProtection, r"help and protection"),
    (SG.ChildrenInCare, r"children (?:in care|looked after)|looked after children"),
    (SG.CareLeavers, r"care leavers|care experienced"),
    (SG.AdoptionPerformance, r"adoption"),
]

# A council's restatement, searched in order over folded text: "overall" or "Children's services
# in X" is the overall judgement; SIF's "experiences and progress of care leavers" is CareLeavers
# but ILACS's "children in care and care leavers" is ChildrenInCare; adoption before looked after
# ("adoption of looked after children" is the adoption judgement).
RESTATED_AREAS: list[tuple[NamedNode, str]] = [
    (SG.OverallEffectiveness, r"overall|children s services in"),
    (SG.Leadership, r"impact of leaders|leadership"),
    (SG.HelpAndProtection, r"help and protection"),
    (SG.AdoptionPerformance, r"adoption"),
    (SG.SafeguardingBoardEffectiveness, r"safeguarding children board|\blscb\b"),
    (SG.ChildrenInCare, r"children in care|looked after|achieving permanence"),
    (SG.CareLeavers, r"care leavers"),
]

# The 2009–13 graded areas, matched at the start of the folded text (longest wording first where
# they overlap).
OLDER_AREAS: list[tuple[NamedNode, re.Pattern[str]]] = [
    (SG.OverallEffectiveness, re.compile(r"(?:the )?overall effectiveness\b")),
    (SG.CapacityForImprovement, re.compile(r"(?:the )?capacity (?:for|to) improve(?:ment)?\b")),
    (SG.BeingHealthy, re.compile(r"(?:being|be) healthy\b")),
    (SG.StayingSafe, re.compile(r"(?:staying|stay) safe\b|children and young people are safe\b")),
    (SG.EnjoyingAndAchieving, re.compile(r"(?:enjoying and achieving|enjoy and achieve)\b")),
    (SG.MakingAPositiveContribution, re.compile(r"making a positive contribution\b")),
    (SG.AchievingEconomicWellBeing, re.compile(r"(?:achieving )?economic well ?being\b")),
    (SG.OutcomesForChildren,
     re.compile(r"(?:safeguarding )?outcomes for (?:looked after )?children\b|how good are outcomes\b")),
    (SG.QualityOfProvision, re.compile(r"(?:the )?quality of provision\b")),
    (SG.AmbitionAndPrioritisation, re.compile(r"ambition and prioriti[sz]ation\b")),
    (SG.PerformanceManagementAndQualityAssurance, re.compile(r"(?:evaluation including )?performance management\b")),
    (SG.PartnershipWorking, re.compile(r"partnership working\b|partnerships\b")),
    (SG.EqualityAndDiversity, re.compile(r"equality and diversity\b")),
    (SG.Leadership, re.compile(r"(?:the )?leadership and management\b")),
    (SG.HealthAgenciesContribution, re.compile(r"the contribution of health agencies\b")),
]


def _first_found(rules: list[tuple[NamedNode, str]], text: str) -> NamedNode | None:
    folded = fold(text)
    return next((concept for concept, pattern in rules if re.search(pattern, folded)), None)


def area_concept(text: str) -> NamedNode | None:
    """The judgement area an Ofsted judgement-table row or graded section heading names (SIF, ILACS)."""
    return _first_found(OFSTED_AREAS, text)


def restated_area(text: str) -> NamedNode | None:
    """The judgement area a council's restatement of an inspection's judgements names."""
    return _first_found(RESTATED_AREAS, text)


def older_area_concept(text: str) -> NamedNode | None:
    """The 2009–13 graded area the text starts with."""
    folded = fold(text)
    return next((concept for concept, pattern in OLDER_AREAS if pattern.match(folded)), None)


def local_name(concept: NamedNode) -> str:
    """ "HelpAndProtection" for sg:HelpAndProtection: the slug of a judgement's IRI."""
    return concept.value.rsplit("#", 1)[-1]
