"""How each kind of node looks: colour, shape and row band, and the colours of grades, statuses and polarity.

One table for every view, so an analyst learns one legend: a triangle is always a
recommendation, red is always "inadequate" or "weakness" or "overdue".
"""

from __future__ import annotations

from dataclasses import dataclass

from safeguarding_kg.namespaces import FOAF, ORG, RDF, SG, SKOS

RDF_TYPE = RDF.type.value


@dataclass(frozen=True)
class Kind:
    name: str      # what the legend says
    colour: str    # fill when no attribute colours the node
    shape: str     # vis-network shape (label drawn below the shape for all of these but "box"/"ellipse")
    band: int      # row band of the layered layout, top to bottom
    size: int = 16


KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("Authority", "#22385f", "hexagon", 0, 26),
    Kind("Safeguarding board", "#5b4b8a", "hexagon", 0, 22),
    Kind("Theme", "#1f8a80", "ellipse", 0),
    Kind("Inspection", "#2f6db5", "square", 1, 20),
    Kind("Judgement", "#9e9e9e", "diamond", 2),
    Kind("Finding", "#c8d3df", "dot", 3, 10),
    Kind("Recommendation", "#e08a1e", "triangle", 4),
    Kind("Action plan", "#8d6e63", "square", 4),
    Kind("Action", "#bdbdbd", "triangleDown", 5, 14),
    Kind("Expected outcome", "#a8c5b5", "dot", 6, 9),
    Kind("Owner (post)", "#6b4c9a", "star", 6, 16),
    Kind("Person", "#8a8a8a", "dot", 6, 10),
    Kind("Committee", "#4e6e58", "hexagon", 1),
    Kind("Meeting", "#6a994e", "square", 2),
    Kind("Agenda item", "#a7c957", "dot", 3, 10),
    Kind("Resolution", "#386641", "dot", 4, 10),
    Kind("Committee report", "#bc6c25", "square", 3),
    Kind("Document", "#7a7a7a", "box", 7),
    Kind("Service", "#3d5a80", "ellipse", 7),
    Kind("Concept", "#e4e4e4", "ellipse", 7),
    Kind("Other", "#b0b0b0", "dot", 7, 10),
]}

# rdf:type → kind, most specific first: a node with several types takes the first listed here.
CLASS_KINDS: list[tuple[str, str]] = [
    (SG.LocalAuthority.value, "Authority"),
    (SG.SafeguardingBoard.value, "Safeguarding board"),
    (SG.Inspection.value, "Inspection"),
    (SG.Judgement.value, "Judgement"),
    (SG.Finding.value, "Finding"),
    (SG.ReportParagraph.value, "Finding"),
    (SG.Recommendation.value, "Recommendation"),
    (SG.ActionPlan.value, "Action plan"),
    (SG.Action.value, "Action"),
    (SG.ExpectedOutcome.value, "Expected outcome"),
    (ORG.Post.value, "Owner (post)"),
    (FOAF.Person.value, "Person"),
    (SG.Committee.value, "Committee"),
    (SG.Meeting.value, "Meeting"),
    (SG.AgendaItem.value, "Agenda item"),
    (SG.Resolution.value, "Resolution"),
    (SG.CommitteeReport.value, "Committee report"),
    (SG.Document.value, "Document"),
    (SKOS.Concept.value, "Concept"),
]
# Concepts of these schemes are drawn as their own kinds (the themes issue defines both schemes).
SCHEME_KINDS = {SG.Themes.value: "Theme", SG.ServiceTypes.value: "Service"}

GRADE_COLOURS = {
    "Outstanding": "#1b7837", "Good": "#5aae61", "Adequate": "#d9c230",
    "RequiresImprovement": "#f4a300", "Inadequate": "#c0392b",
}
STATUS_COLOURS = {
    "Completed": "#2e8b57", "InProgress": "#3b82c4", "Ongoing": "#8fbcd9",
    "NotStarted": "#9e9e9e", "StatusUnknown": "#dedede",
}
POLARITY_COLOURS = {"Strength": "#2e8b57", "Weakness": "#c0392b", "Mixed": "#e6a700", "Neutral": "#9e9e9e"}
OVERDUE_BORDER = "#d00000"
RECURRENCE_EDGE = "#c0392b"
EDGE_COLOUR = "#8c8c8c"
# Short forms for node labels; the full wording is in the details panel.
GRADE_SHORT = {"Outstanding": "Outstanding", "Good": "Good", "Adequate": "Adequate",
               "RequiresImprovement": "RI", "Inadequate": "Inadequate"}
FRAMEWORK_SHORT = {
    "SIF": "SIF", "ILACS": "ILACS", "FocusedVisit": "Focused visit", "MonitoringVisit": "Monitoring visit",
    "UnannouncedInspection": "Unannounced", "LSCBReview": "LSCB review", "JTAI": "JTAI",
    "LookedAfterChildrenInspection": "LAC inspection",
}
AREA_SHORT = {
    "OverallEffectiveness": "Overall", "HelpAndProtection": "Help & protection", "ChildrenInCare": "In care",
    "AdoptionPerformance": "Adoption", "CareLeavers": "Care leavers", "Leadership": "Leadership",
    "SafeguardingBoardEffectiveness": "LSCB", "CapacityForImprovement": "Capacity",
}


def inspection_label(framework: str | None, start: str | None) -> str:
    """An inspection as a node label or chart axis names it: "ILACS Nov 2019" (framework IRI, ISO start date)."""
    import datetime as dt

    short = FRAMEWORK_SHORT.get(local_name(framework or ""), "Inspection")
    return f"{short} {dt.date.fromisoformat(start[:10]):%b %Y}" if start else short


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def kind_for(types: list[str], schemes: list[str]) -> str:
    for scheme in schemes:
        if scheme in SCHEME_KINDS:
            return SCHEME_KINDS[scheme]
    for iri, kind in CLASS_KINDS:
        if iri in types:
            return kind
    return "Other"
