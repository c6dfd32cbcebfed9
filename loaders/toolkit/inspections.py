"""The nodes every inspection loader writes: the inspection, its judgements, its recommendations.

One function each, so an inspection read from a report, a letter, an LSCB review or an action
plan is described with the same properties (only what a document gives is added: ``None`` values
are skipped by :meth:`Extraction.add`).
"""

from __future__ import annotations

import datetime as dt

from pyoxigraph import NamedNode

from safeguarding_kg.iris import within
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.namespaces import SG


def add_inspection(out: Extraction, inspection: NamedNode, line: int, framework: NamedNode, authority: NamedNode,
                   start: dt.date, end: dt.date | None, published: dt.date | None = None,
                   reported_in: NamedNode | None = None) -> NamedNode:
    """The sg:Inspection with its framework, inspected authority and dates; ``reported_in`` is the
    document that is its report or letter (not given by an action plan, which only answers it)."""
    out.node(inspection, SG.Inspection, line=line)
    out.add(inspection, SG.framework, framework)
    out.add(inspection, SG.inspectedAuthority, authority)
    for other in out.also_inspected:  # a report on a trust that serves two authorities inspects both
        out.add(inspection, SG.inspectedAuthority, other)
    out.add(inspection, SG.startDate, start)
    out.add(inspection, SG.endDate, end)
    out.add(inspection, SG.publishedDate, published)
    out.add(inspection, SG.reportedIn, reported_in)
    return inspection


def add_judgement(out: Extraction, judgement: NamedNode, inspection: NamedNode, area: NamedNode,
                  grade: NamedNode | None, grade_text: str, area_text: str | None, line: int) -> NamedNode:
    """A graded judgement as the report writes it; a grade that maps to no concept is reported."""
    if grade is None:
        out.warn(f"line {line}: grade '{grade_text}' not recognised")
    out.node(judgement, SG.Judgement, line=line)
    out.add(judgement, SG.ofInspection, inspection)
    out.add(judgement, SG.judgementArea, area)
    out.add(judgement, SG.grade, grade)
    out.add(judgement, SG.gradeText, grade_text)
    out.add(judgement, SG.areaText, area_text)
    return judgement


def add_recommendation(out: Extraction, inspection: NamedNode, number: int, text: str, addressed_to: NamedNode | None,
                       line: int) -> NamedNode:
    """Recommendation ``number`` of the inspection, in the report's words, to the authority or board."""
    recommendation = out.node(within(inspection, "recommendation", number), SG.Recommendation, line=line)
    out.add(recommendation, SG.ofInspection, inspection)
    out.add(recommendation, SG.number, number)
    out.add(recommendation, SG.text, text)
    out.add(recommendation, SG.addressedTo, addressed_to)
    return recommendation
