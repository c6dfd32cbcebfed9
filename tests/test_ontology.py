"""Tests of the ontology, concept schemes and SHACL shapes in ``ontology/``.

The Turtle files are read from the installed package
(``safeguarding_kg.ontology``). The core vocabulary terms are hard-coded below
(copied from the vocabulary specification): the tests never read files outside
the project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS

from safeguarding_kg.ontology import ONTOLOGY_FILES, SHAPES_FILE

SG = Namespace("https://w3id.org/safeguarding-kg/ontology#")
SGSH = Namespace("https://w3id.org/safeguarding-kg/shapes#")
ORG = Namespace("http://www.w3.org/ns/org#")
# a plain Namespace: rdflib's XSD warns when pytest probes it for attributes
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ONTOLOGY_IRI = URIRef("https://w3id.org/safeguarding-kg/ontology")

# --- the core vocabulary (vocabulary.md), hard-coded -------------------------

CORE_CLASSES = {
    SG.LocalAuthority, SG.SafeguardingBoard, SG.Committee, ORG.Post, FOAF.Person,
    SG.Document, SG.Inspection, SG.Judgement, SG.Finding, SG.Recommendation,
    SG.ActionPlan, SG.Action, SG.ExpectedOutcome, SG.Meeting, SG.AgendaItem,
    SG.Resolution,
}
CORE_SUPERCLASSES = {
    SG.LocalAuthority: ORG.Organization,
    SG.SafeguardingBoard: ORG.Organization,
    SG.Committee: ORG.Organization,
    SG.Document: PROV.Entity,
    SG.Inspection: PROV.Activity,
    SG.ActionPlan: PROV.Plan,
}
CORE_OBJECT_PROPERTIES = {
    SG.servesAuthority, ORG.subOrganizationOf, SG.ofAuthority, SG.genre,
    SG.framework, SG.inspectedAuthority, SG.inspectedBoard, SG.reportedIn,
    SG.leadInspector, SG.ofInspection, SG.judgementArea, SG.grade,
    SG.citesRecommendation, SG.addressedTo, SG.basedOnFinding, SG.respondsTo,
    SG.inPlan, SG.addresses, SG.owner, SG.status, SG.outcomeOf, SG.ofCommittee,
    SG.attendee, SG.hasAgendaItem, SG.presenter, SG.concernsInspection,
    SG.ofMeeting, SG.ofAgendaItem, PROV.wasDerivedFrom,
}
CORE_DATATYPE_PROPERTIES = {
    SG.gssCode, SG.ofstedUrn, FOAF.name, SG.roleText, DCTERMS.title,
    SG.sha256, SG.sourceFile, DCTERMS.issued, SG.startDate, SG.endDate,
    SG.publishedDate, SG.gradeText, SG.text, SG.paragraphNumber, SG.number,
    DCTERMS.created, DCTERMS.modified, SG.dueText, SG.dueDate, SG.progressText,
    SG.date, SG.venue, SG.itemNumber, SG.sourceLine, SG.sourcePage,
}
CORE_LABEL_PROPERTIES = {SKOS.prefLabel, SKOS.altLabel}
DATE_PROPERTIES = {
    SG.startDate, SG.endDate, SG.publishedDate, SG.dueDate, SG.date,
}
INTEGER_PROPERTIES = {
    SG.paragraphNumber, SG.number, SG.itemNumber, SG.sourceLine, SG.sourcePage,
}
CORE_SCHEMES = {
    SG.Grades: {
        SG.Outstanding, SG.Good, SG.RequiresImprovement, SG.Inadequate, SG.Adequate,
    },
    SG.JudgementAreas: {
        SG.OverallEffectiveness, SG.HelpAndProtection, SG.ChildrenInCare,
        SG.AdoptionPerformance, SG.CareLeavers, SG.Leadership,
        SG.SafeguardingBoardEffectiveness,
    },
    SG.Frameworks: {
        SG.SIF, SG.ILACS, SG.FocusedVisit, SG.MonitoringVisit,
        SG.UnannouncedInspection, SG.LSCBReview, SG.JTAI,
        SG.LookedAfterChildrenInspection,
    },
    SG.Genres: {
        SG.InspectionReport, SG.InspectionLetter, SG.LSCBReviewDocument,
        SG.ActionPlanDocument, SG.CommitteePack,
    },
    SG.ActionStatuses: {
        SG.Completed, SG.InProgress, SG.Ongoing, SG.NotStarted, SG.StatusUnknown,
    },
}
FRAMEWORK_SLUGS = {
    SG.SIF: "sif", SG.ILACS: "ilacs", SG.FocusedVisit: "focused-visit",
    SG.MonitoringVisit: "monitoring-visit", SG.UnannouncedInspection: "unannounced",
    SG.LSCBReview: "lscb-review", SG.JTAI: "jtai",
    SG.LookedAfterChildrenInspection: "lac",
}
GRADE_NOTATIONS = {
    SG.Outstanding: "1", SG.Good: "2", SG.RequiresImprovement: "3", SG.Inadequate: "4",
}
# nodes that must carry provenance (vocabulary.md, "Provenance")
PROVENANCED_CLASSES = {
    SG.Inspection, SG.Judgement, SG.Finding, SG.Recommendation, SG.ActionPlan,
    SG.Action, SG.ExpectedOutcome, SG.Meeting, SG.AgendaItem, SG.Resolution,
}
# wordings documents use, which loaders map to concepts by skos:altLabel
WORDINGS = {
    "requires improvement to be good": SG.RequiresImprovement,
    "require improvement to be good": SG.RequiresImprovement,
    "children looked after and achieving permanence": SG.ChildrenInCare,
    "the experiences and progress of children in care and care leavers":
        SG.ChildrenInCare,
    "impact of leaders on social work practice with children and families":
        SG.Leadership,
    "leadership, management and governance": SG.Leadership,
    "experiences and progress of care leavers": SG.CareLeavers,
    "single inspection framework": SG.SIF,
    "inspection of local authority children's services": SG.ILACS,
    "annual unannounced inspection of contact, referral and assessment":
        SG.UnannouncedInspection,
    "joint targeted area inspection": SG.JTAI,
}


# --- fixtures ------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """safeguarding.ttl and schemes.ttl (every .ttl but the shapes), merged."""
    graph = Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _sg_terms(graph: Graph, kind: URIRef) -> set[URIRef]:
    return {
        s for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(SG))
    }


def _classes(graph: Graph) -> set[URIRef]:
    return _sg_terms(graph, OWL.Class)


def _properties(graph: Graph) -> set[URIRef]:
    return _sg_terms(graph, OWL.ObjectProperty) | _sg_terms(graph, OWL.DatatypeProperty)


def _concepts(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, SKOS.Concept))


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [
        o for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en" and str(o).strip()
    ]


# --- files ---------------------------------------------------------------------


def test_files_are_packaged() -> None:
    names = {p.name for p in ONTOLOGY_FILES}
    assert {"safeguarding.ttl", "schemes.ttl"} <= names
    assert "shapes.ttl" not in names
    assert SHAPES_FILE.name == "shapes.ttl"
    for path in [*ONTOLOGY_FILES, SHAPES_FILE]:
        assert path.is_file(), path


@pytest.mark.parametrize(
    "path", [*ONTOLOGY_FILES, SHAPES_FILE], ids=lambda p: Path(p).name
)
def test_turtle_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 50


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert _english(ontology, ONTOLOGY_IRI, RDFS.label)
    assert _english(ontology, ONTOLOGY_IRI, RDFS.comment)


# --- terms -------------------------------------------------------------------


def test_core_classes_exist(ontology: Graph) -> None:
    missing = {c for c in CORE_CLASSES if (c, RDF.type, OWL.Class) not in ontology}
    assert not missing


@pytest.mark.parametrize("cls,parent", sorted(CORE_SUPERCLASSES.items()))
def test_core_superclasses(ontology: Graph, cls: URIRef, parent: URIRef) -> None:
    assert (cls, RDFS.subClassOf, parent) in ontology


def test_core_object_properties_exist(ontology: Graph) -> None:
    wrong = {
        p for p in CORE_OBJECT_PROPERTIES
        if (p, RDF.type, OWL.ObjectProperty) not in ontology
    }
    assert not wrong


def test_core_datatype_properties_exist(ontology: Graph) -> None:
    wrong = {
        p for p in CORE_DATATYPE_PROPERTIES
        if (p, RDF.type, OWL.DatatypeProperty) not in ontology
    }
    assert not wrong


def test_label_properties_declared(ontology: Graph) -> None:
    for prop in CORE_LABEL_PROPERTIES:
        assert (prop, RDF.type, OWL.AnnotationProperty) in ontology
        assert _english(ontology, prop, RDFS.label)


def test_no_property_is_both_object_and_datatype(ontology: Graph) -> None:
    both = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) & set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert not both


def test_every_sg_term_has_english_label_and_comment(ontology: Graph) -> None:
    terms = _classes(ontology) | _properties(ontology)
    assert len(terms) > 80
    unlabelled = {t for t in terms if len(_english(ontology, t, RDFS.label)) != 1}
    uncommented = {t for t in terms if not _english(ontology, t, RDFS.comment)}
    assert not unlabelled
    assert not uncommented


def test_reused_w3c_terms_have_labels(ontology: Graph) -> None:
    reused = CORE_CLASSES | CORE_OBJECT_PROPERTIES | CORE_DATATYPE_PROPERTIES
    reused = {t for t in reused if not str(t).startswith(str(SG))}
    for term in reused | set(CORE_SUPERCLASSES.values()):
        assert _english(ontology, term, RDFS.label), term
        assert _english(ontology, term, RDFS.comment), term


def test_every_sg_property_has_a_range(ontology: Graph) -> None:
    rangeless = {
        p for p in _properties(ontology) if (p, RDFS.range, None) not in ontology
    }
    assert not rangeless


def test_datatype_ranges(ontology: Graph) -> None:
    for prop in DATE_PROPERTIES:
        assert (prop, RDFS.range, XSD.date) in ontology, prop
    for prop in INTEGER_PROPERTIES:
        assert (prop, RDFS.range, XSD.integer) in ontology, prop
    for prop in _sg_terms(ontology, OWL.DatatypeProperty):
        (rng,) = ontology.objects(prop, RDFS.range)
        assert str(rng).startswith(str(XSD)), prop
    for prop in _sg_terms(ontology, OWL.ObjectProperty):
        for rng in ontology.objects(prop, RDFS.range):
            assert not str(rng).startswith(str(XSD)), prop


def test_domains_and_ranges_name_declared_classes(ontology: Graph) -> None:
    declared = set(ontology.subjects(RDF.type, OWL.Class)) | {SKOS.Concept}
    for prop in _properties(ontology):
        targets = list(ontology.objects(prop, RDFS.domain))
        if (prop, RDF.type, OWL.ObjectProperty) in ontology:
            targets += list(ontology.objects(prop, RDFS.range))
        for target in targets:
            if isinstance(target, BNode):
                union = ontology.value(target, OWL.unionOf)
                assert union is not None, prop
                members = list(Collection(ontology, union))
                assert len(members) >= 2, prop
            else:
                members = [target]
            assert set(members) <= declared, (prop, members)


# --- concept schemes ---------------------------------------------------------


def test_core_schemes_and_concepts(ontology: Graph) -> None:
    for scheme, concepts in CORE_SCHEMES.items():
        assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
        for concept in concepts:
            assert (concept, RDF.type, SKOS.Concept) in ontology, concept
            assert (concept, SKOS.inScheme, scheme) in ontology, concept


def test_every_concept_has_preflabel_definition_and_scheme(ontology: Graph) -> None:
    schemes = set(ontology.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = _concepts(ontology)
    assert len(concepts) > 60
    for concept in concepts:
        assert len(_english(ontology, concept, SKOS.prefLabel)) == 1, concept
        assert _english(ontology, concept, SKOS.definition), concept
        in_schemes = set(ontology.objects(concept, SKOS.inScheme))
        assert in_schemes and in_schemes <= schemes, concept
        for top in ontology.objects(concept, SKOS.topConceptOf):
            assert top in in_schemes, concept
            assert (top, SKOS.hasTopConcept, concept) in ontology, concept
        # flat where there is no broader concept
        has_broader = (concept, SKOS.broader, None) in ontology
        assert has_broader != ((concept, SKOS.topConceptOf, None) in ontology), concept


def test_every_scheme_is_labelled_and_used(ontology: Graph) -> None:
    for scheme in ontology.subjects(RDF.type, SKOS.ConceptScheme):
        assert _english(ontology, scheme, SKOS.prefLabel), scheme
        assert _english(ontology, scheme, RDFS.comment), scheme
        assert (None, SKOS.inScheme, scheme) in ontology, scheme
        for top in ontology.objects(scheme, SKOS.hasTopConcept):
            assert (top, SKOS.topConceptOf, scheme) in ontology, (scheme, top)


def test_pref_and_alt_labels_are_disjoint(ontology: Graph) -> None:
    for concept in _concepts(ontology):
        pref = set(ontology.objects(concept, SKOS.prefLabel))
        alt = set(ontology.objects(concept, SKOS.altLabel))
        assert not pref & alt, concept


def _normalise(label: str) -> str:
    label = label.replace("\u2019", "'").replace("\u2013", "-").casefold()
    return re.sub(r"\s+", " ", label).strip()


def test_no_wording_names_two_concepts_of_a_scheme(ontology: Graph) -> None:
    for scheme in ontology.subjects(RDF.type, SKOS.ConceptScheme):
        seen: dict[str, URIRef] = {}
        for concept in ontology.subjects(SKOS.inScheme, scheme):
            for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for label in ontology.objects(concept, prop):
                    key = _normalise(str(label))
                    assert seen.setdefault(key, concept) == concept, (scheme, key)


@pytest.mark.parametrize("wording,concept", sorted(WORDINGS.items()))
def test_document_wordings_are_labels(
    ontology: Graph, wording: str, concept: URIRef
) -> None:
    labels = {
        _normalise(str(label))
        for prop in (SKOS.prefLabel, SKOS.altLabel)
        for label in ontology.objects(concept, prop)
    }
    assert _normalise(wording) in labels


def test_framework_notations(ontology: Graph) -> None:
    for concept, slug in FRAMEWORK_SLUGS.items():
        assert list(ontology.objects(concept, SKOS.notation)) == [Literal(slug)]
    notations = [
        str(n) for c in ontology.subjects(SKOS.inScheme, SG.Frameworks)
        for n in ontology.objects(c, SKOS.notation)
    ]
    assert len(notations) == len(set(notations))
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", n) for n in notations)


def test_grade_notations(ontology: Graph) -> None:
    for concept, notation in GRADE_NOTATIONS.items():
        assert list(ontology.objects(concept, SKOS.notation)) == [Literal(notation)]
    notations = [
        str(n) for c in ontology.subjects(SKOS.inScheme, SG.Grades)
        for n in ontology.objects(c, SKOS.notation)
    ]
    assert sorted(notations) == ["1", "2", "3", "4"]


# --- shapes ------------------------------------------------------------------


def test_every_sg_class_has_a_shape(ontology: Graph, shapes: Graph) -> None:
    targeted = set(shapes.objects(None, SH.targetClass))
    assert not (_classes(ontology) | {ORG.Post, FOAF.Person}) - targeted


def test_shapes_target_declared_classes(ontology: Graph, shapes: Graph) -> None:
    declared = set(ontology.subjects(RDF.type, OWL.Class)) | {
        SKOS.Concept, SKOS.ConceptScheme,
    }
    assert set(shapes.objects(None, SH.targetClass)) <= declared


def test_shape_paths_are_declared_properties(ontology: Graph, shapes: Graph) -> None:
    declared = (
        set(ontology.subjects(RDF.type, OWL.ObjectProperty))
        | set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
        | set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
        | {SKOS.inScheme, SKOS.topConceptOf, SKOS.broader}
    )
    for path in shapes.objects(None, SH.path):
        if isinstance(path, BNode):
            path = shapes.value(path, SH.inversePath)
        assert path in declared, path
    for ref in shapes.objects(None, SH.lessThanOrEquals):
        assert ref in declared, ref


def test_every_shape_is_documented(shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property))
    assert len(node_shapes) > 20
    for shape in node_shapes | property_shapes:
        assert (shape, SH.name, None) in shapes, shape
        assert (shape, SH.description, None) in shapes, shape


def test_provenance_required_and_never_capped(shapes: Graph) -> None:
    for cls in PROVENANCED_CLASSES:
        (shape,) = shapes.subjects(SH.targetClass, cls)
        props = set(shapes.objects(shape, SH.property))
        assert SGSH.wasDerivedFromDocument in props, cls
        assert SGSH.sourceLine in props, cls
    for prop in (PROV.wasDerivedFrom, SG.sourceLine, SG.sourcePage):
        for pshape in shapes.subjects(SH.path, prop):
            assert (pshape, SH.maxCount, None) not in shapes, prop


def test_text_is_plain_string(shapes: Graph) -> None:
    for prop in (SG.text, SG.gradeText, SG.dueText, SG.progressText, DCTERMS.title):
        pshapes = [  # the property shapes, not the sh:or alternatives
            ps for ps in shapes.subjects(SH.path, prop)
            if (None, SH.property, ps) in shapes
        ]
        assert pshapes, prop
        for pshape in pshapes:
            assert (pshape, SH.datatype, XSD.string) in shapes, prop


# --- validation of instance data ---------------------------------------------

VALID_DATA = """
@base <https://w3id.org/safeguarding-kg/id/> .
@prefix sg:      <https://w3id.org/safeguarding-kg/ontology#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

<document/f3e7> a sg:Document ;
    dcterms:title "Metropolitan Borough of Solihull: inspection of services" ;
    sg:genre sg:InspectionReport ;
    sg:sha256 "f3e7748a00000000000000000000000000000000000000000000000000000000" ;
    sg:sourceFile "solihull_inspection_2016-07-07.pdf" ;
    sg:loader "test" ;
    sg:lineCount 427 ;
    sg:pageCount 40 ;
    dcterms:format "application/pdf" ;
    dcterms:issued "2016-07-07"^^xsd:date .

<document/b9a2> a sg:Document ;
    sg:genre sg:ActionPlanDocument ;
    sg:sha256 "b9a271e400000000000000000000000000000000000000000000000000000000" ;
    sg:sourceFile "action-plan.txt" .

<authority/E08000029> a sg:LocalAuthority ;
    skos:prefLabel "Solihull" ;
    skos:altLabel "Metropolitan Borough of Solihull" ;
    sg:gssCode "E08000029" ;
    sg:ofstedUrn "80554" ;
    sg:dfeCode "334" ;
    sg:regionCode "E12000005" ;
    sg:population0to25 60000 .

<person/lynn-radley> a foaf:Person ;
    foaf:name "Lynn E Radley" ;
    sg:roleText "Her Majesty's Inspector" .

<inspection/E08000029/sif/2016-04-25> a sg:Inspection ;
    sg:framework sg:SIF ;
    sg:inspectedAuthority <authority/E08000029> ;
    sg:startDate "2016-04-25"^^xsd:date ;
    sg:endDate "2016-05-19"^^xsd:date ;
    sg:publishedDate "2016-07-07"^^xsd:date ;
    sg:reportedIn <document/f3e7> ;
    sg:leadInspector <person/lynn-radley> ;
    prov:wasDerivedFrom <document/f3e7> , <document/b9a2> ;
    sg:sourceLine 5 , 9 ;
    sg:sourcePage 1 .

<inspection/E08000029/sif/2016-04-25/judgement/help-and-protection> a sg:Judgement ;
    sg:ofInspection <inspection/E08000029/sif/2016-04-25> ;
    sg:judgementArea sg:HelpAndProtection ;
    sg:grade sg:RequiresImprovement ;
    sg:gradeText "Requires improvement" ;
    sg:areaText "1. Children who need help and protection" ;
    prov:wasDerivedFrom <document/f3e7> ;
    sg:sourceLine 14 .

<inspection/E08000029/sif/2016-04-25/finding/17> a sg:Finding ;
    sg:ofInspection <inspection/E08000029/sif/2016-04-25> ;
    sg:text "Strategy meetings organised in the MASH are good. (Recommendation 1)" ;
    sg:paragraphNumber 17 ;
    sg:judgementArea sg:HelpAndProtection ;
    sg:findingKind sg:NumberedFinding ;
    sg:recommendationMarker "(Recommendation 1)" ;
    sg:citesRecommendation <inspection/E08000029/sif/2016-04-25/recommendation/1> ;
    prov:wasDerivedFrom <document/f3e7> ;
    sg:sourceLine 120 ;
    sg:sourcePage 10 .

<inspection/E08000029/sif/2016-04-25/recommendation/1> a sg:Recommendation ;
    sg:ofInspection <inspection/E08000029/sif/2016-04-25> ;
    sg:text "Ensure that all children receive a timely service." ;
    sg:number 1 ;
    sg:addressedTo <authority/E08000029> ;
    sg:basedOnFinding <inspection/E08000029/sif/2016-04-25/finding/17> ;
    prov:wasDerivedFrom <document/f3e7> , <document/b9a2> ;
    sg:sourceLine 98 , 31 .

<plan/E08000029/2016> a sg:ActionPlan ;
    sg:respondsTo <inspection/E08000029/sif/2016-04-25> ;
    sg:ofAuthority <authority/E08000029> ;
    dcterms:created "2020-03-31"^^xsd:date ;
    dcterms:modified "2020-12-31"^^xsd:date ;
    sg:reportedIn <document/b9a2> ;
    prov:wasDerivedFrom <document/b9a2> ;
    sg:sourceLine 4 .

<post/E08000029/head-of-service-safeguards> a org:Post ;
    skos:prefLabel "Head of Service Safeguards" ;
    sg:ofAuthority <authority/E08000029> .

<plan/E08000029/2016/action/1/1> a sg:Action ;
    sg:inPlan <plan/E08000029/2016> ;
    sg:addresses <inspection/E08000029/sif/2016-04-25/recommendation/1> ;
    sg:number 1 ;
    sg:text "Launch new process, guidance and reporting frameworks" ;
    sg:owner <post/E08000029/head-of-service-safeguards> ;
    sg:dueText "November 2020" ;
    sg:dueDate "2020-11-30"^^xsd:date ;
    sg:progressText "Consultation with staff completed." ;
    sg:status sg:Completed ;
    sg:hasUpdate <plan/E08000029/2016/action/1/1/update/2020-12-31> ;
    prov:wasDerivedFrom <document/b9a2> ;
    sg:sourceLine 35 .

<plan/E08000029/2016/action/1/1/update/2020-12-31> a sg:ProgressUpdate ;
    sg:text "Update December 2020: consultation with staff completed." ;
    dcterms:date "2020-12-31"^^xsd:date ;
    sg:status sg:Completed ;
    prov:wasDerivedFrom <document/b9a2> ;
    sg:sourceLine 35 .

<plan/E08000029/2016/outcome/1/1> a sg:ExpectedOutcome ;
    sg:inPlan <plan/E08000029/2016> ;
    sg:outcomeOf <inspection/E08000029/sif/2016-04-25/recommendation/1> ;
    sg:text "Leaders are aware of strengths and weaknesses." ;
    prov:wasDerivedFrom <document/b9a2> ;
    sg:sourceLine 47 .
"""

# the other classes: an LSCB review without dates, a board, a report
# paragraph, a provisional authority, a committee pack with an embedded report,
# a meeting, an agenda item (linked only from its meeting), a resolution and a
# committee report
MORE_DATA = """
@base <https://w3id.org/safeguarding-kg/id/> .
@prefix sg:      <https://w3id.org/safeguarding-kg/ontology#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

<document/8910> a sg:Document ;
    sg:genre sg:LSCBReviewDocument ;
    sg:sha256 "8910c55800000000000000000000000000000000000000000000000000000000" ;
    sg:sourceFile "lscb.txt" .

<authority/E08000029> a sg:LocalAuthority ;
    skos:prefLabel "Solihull" ;
    sg:gssCode "E08000029" .

<authority/provisional/borsetshire> a sg:LocalAuthority ;
    skos:prefLabel "Borsetshire" ;
    sg:provisional true .

<board/E08000029> a sg:SafeguardingBoard ;
    skos:prefLabel "Solihull Local Safeguarding Children Board" ;
    sg:servesAuthority <authority/E08000029> .

<inspection/E08000029/lscb-review/2016-04-25> a sg:Inspection ;
    sg:framework sg:LSCBReview ;
    sg:inspectedBoard <board/E08000029> ;
    sg:reportedIn <document/8910> ;
    prov:wasDerivedFrom <document/8910> ;
    sg:sourceLine 1 .

<inspection/E08000029/lscb-review/2016-04-25/judgement/lscb> a sg:Judgement ;
    sg:ofInspection <inspection/E08000029/lscb-review/2016-04-25> ;
    sg:judgementArea sg:SafeguardingBoardEffectiveness ;
    sg:grade sg:Good ;
    sg:gradeText "good" ;
    prov:wasDerivedFrom <document/8910> ;
    sg:sourceLine 3 .

<inspection/E08000029/lscb-review/2016-04-25/recommendation/111> a sg:Recommendation ;
    sg:ofInspection <inspection/E08000029/lscb-review/2016-04-25> ;
    sg:text "Strengthen the focus and rigour of monitoring." ;
    sg:number 111 ;
    sg:addressedTo <board/E08000029> ;
    sg:tier sg:AreaForImprovement ;
    sg:tierText "Areas for improvement" ;
    prov:wasDerivedFrom <document/8910> ;
    sg:sourceLine 12 .

<inspection/E08000029/lscb-review/2016-04-25/paragraph/1> a sg:ReportParagraph ;
    sg:paragraphKind sg:InformationParagraph ;
    sg:ofInspection <inspection/E08000029/lscb-review/2016-04-25> ;
    sg:text "The review was carried out under the 2013 regulations." ;
    sg:paragraphNumber 1 ;
    prov:wasDerivedFrom <document/8910> ;
    sg:sourceLine 2 .

<document/2c8a> a sg:Document ;
    sg:genre sg:CommitteePack ;
    sg:sha256 "2c8ac08a00000000000000000000000000000000000000000000000000000000" ;
    sg:sourceFile "pack.txt" .

<document/2c8a/embedded/1> a sg:Document ;
    sg:genre sg:InspectionReport ;
    sg:embeddedIn <document/2c8a> ;
    sg:sha256 "2c8ac08a00000000000000000000000000000000000000000000000000000000" ;
    sg:sourceFile "pack.txt" .

<authority/E08000031> a sg:LocalAuthority ;
    skos:prefLabel "Wolverhampton" ;
    sg:gssCode "E08000031" .

<committee/E08000031/corporate-parenting-board> a sg:Committee ;
    skos:prefLabel "Corporate Parenting Board" ;
    org:subOrganizationOf <authority/E08000031> .

<person/alison-hinds> a foaf:Person ;
    foaf:name "Alison Hinds" ;
    sg:roleText "Head of Looked After Children" .

<person/val-gibson> a foaf:Person ;
    foaf:name "Val Gibson" ;
    sg:party "Lab" .

<meeting/corporate-parenting-board/2017-05-18> a sg:Meeting ;
    sg:ofCommittee <committee/E08000031/corporate-parenting-board> ;
    sg:date "2017-05-18"^^xsd:date ;
    sg:time "5.30 pm" ;
    sg:venue "Committee Room 4 - Civic Centre" ;
    sg:isPublic true ;
    sg:attendee <person/val-gibson> ;
    sg:apology <person/alison-hinds> ;
    sg:hasAgendaItem <meeting/corporate-parenting-board/2017-05-18/item/7> ;
    prov:wasDerivedFrom <document/2c8a> ;
    sg:sourceLine 4 .

<meeting/corporate-parenting-board/2017-05-18/item/7> a sg:AgendaItem ;
    sg:itemNumber 7 ;
    dcterms:title "Outcome of Ofsted Inspection 16 January to 9 February 2017" ;
    sg:pages "11 - 52" ;
    sg:part "Part 1" ;
    sg:toFollow false ;
    sg:presenter <person/alison-hinds> ;
    sg:concernsInspection <inspection/E08000029/lscb-review/2016-04-25> ;
    prov:wasDerivedFrom <document/2c8a> ;
    sg:sourceLine 58 ;
    sg:sourcePage 1 .

<meeting/corporate-parenting-board/2017-05-18/resolution/7/1> a sg:Resolution ;
    sg:ofMeeting <meeting/corporate-parenting-board/2017-05-18> ;
    sg:ofAgendaItem <meeting/corporate-parenting-board/2017-05-18/item/7> ;
    sg:number 1 ;
    sg:text "That the report be noted." ;
    prov:wasDerivedFrom <document/2c8a> ;
    sg:sourceLine 140 .

<meeting/corporate-parenting-board/2017-05-18/report/7> a sg:CommitteeReport ;
    dcterms:title "Outcome of Ofsted Inspection" ;
    sg:ofMeeting <meeting/corporate-parenting-board/2017-05-18> ;
    sg:ofAgendaItem <meeting/corporate-parenting-board/2017-05-18/item/7> ;
    sg:cabinetMember <person/val-gibson> ;
    sg:accountableEmployee <person/alison-hinds> ;
    sg:reportRecommendation "Note the outcome of the inspection." ;
    sg:concernsInspection <inspection/E08000029/lscb-review/2016-04-25> ;
    prov:wasDerivedFrom <document/2c8a> ;
    sg:sourceLine 300 .
"""

ID = "https://w3id.org/safeguarding-kg/id/"
SIF_2016 = "inspection/E08000029/sif/2016-04-25"
JUDGEMENT = f"<{SIF_2016}/judgement/help-and-protection>"
INSPECTION = f"<{SIF_2016}>"
RECOMMENDATION = f"<{SIF_2016}/recommendation/1>"
ACTION = "<plan/E08000029/2016/action/1/1>"
DOCUMENT = "<document/b9a2>"
ITEM = "<meeting/corporate-parenting-board/2017-05-18/item/7>"
LSCB_REVIEW = "<inspection/E08000029/lscb-review/2016-04-25>"
BORSETSHIRE = "<authority/provisional/borsetshire>"
PREFIXES = f"""
BASE <{ID}>
PREFIX sg: <https://w3id.org/safeguarding-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# (id, SPARQL update planting one violation, the path that must be reported,
# or None for a node-level constraint: then the focus node must be reported)
VIOLATIONS = [
    ("judgement-without-grade",
     f"DELETE WHERE {{ {JUDGEMENT} sg:grade ?g }}", SG.grade),
    ("start-date-plain-string",
     f"DELETE WHERE {{ {INSPECTION} sg:startDate ?d }} ;"
     f'INSERT DATA {{ {INSPECTION} sg:startDate "25 April 2016" }}', SG.startDate),
    ("grade-from-wrong-scheme",
     f"DELETE WHERE {{ {JUDGEMENT} sg:grade ?g }} ;"
     f"INSERT DATA {{ {JUDGEMENT} sg:grade sg:SIF }}", SG.grade),
    ("two-grades",
     f"INSERT DATA {{ {JUDGEMENT} sg:grade sg:Good }}", SG.grade),
    ("action-without-source-line",
     f"DELETE WHERE {{ {ACTION} sg:sourceLine ?l }}", SG.sourceLine),
    ("source-line-zero",
     f"DELETE WHERE {{ {ACTION} sg:sourceLine ?l }} ;"
     f"INSERT DATA {{ {ACTION} sg:sourceLine 0 }}", SG.sourceLine),
    ("judgement-without-source-document",
     f"DELETE WHERE {{ {JUDGEMENT} prov:wasDerivedFrom ?d }}", PROV.wasDerivedFrom),
    ("text-with-language-tag",
     f"DELETE WHERE {{ {ACTION} sg:text ?t }} ;"
     f'INSERT DATA {{ {ACTION} sg:text "Launch new process"@en }}', SG.text),
    ("number-as-string",
     f"DELETE WHERE {{ {ACTION} sg:number ?n }} ;"
     f'INSERT DATA {{ {ACTION} sg:number "1" }}', SG.number),
    ("end-before-start",
     f"DELETE WHERE {{ {INSPECTION} sg:endDate ?d }} ;"
     f'INSERT DATA {{ {INSPECTION} sg:endDate "2016-04-01"^^xsd:date }}', SG.startDate),
    ("document-without-hash",
     f"DELETE WHERE {{ {DOCUMENT} sg:sha256 ?h }}", SG.sha256),
    ("agenda-item-without-meeting",
     f"DELETE WHERE {{ ?m sg:hasAgendaItem {ITEM} }}", None),
    ("inspection-of-nothing",
     f"DELETE WHERE {{ {LSCB_REVIEW} sg:inspectedBoard ?b }}", None),
    ("authority-without-code-not-provisional",
     f"DELETE WHERE {{ {BORSETSHIRE} sg:provisional ?p }}", None),
    ("genre-missing",
     f"DELETE WHERE {{ {DOCUMENT} sg:genre ?g }}", SG.genre),
    ("recommendation-without-wording",  # no action cites it either (a plan citing one by number is valid)
     "DELETE WHERE { <inspection/E08000029/lscb-review/2016-04-25/recommendation/111> sg:text ?t }", None),
]


def _validate(data: Graph, ontology: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    """Validate data merged with the ontology and schemes, as the shapes expect.

    (pySHACL's ont_graph copies only class axioms into the data, not the
    concepts' skos:inScheme, so the graphs are merged instead.)
    """
    conforms, report, text = validate(
        data + ontology, shacl_graph=shapes, inference="none", allow_warnings=False,
    )
    return conforms, report, text


# classification and recurrence (themes issue): a finding's theme with its evidence, a
# service it concerns, an inferred recurrence link and a weaker same-area link
THEMES_DATA = """
@base <https://w3id.org/safeguarding-kg/id/> .
@prefix sg:      <https://w3id.org/safeguarding-kg/ontology#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

<inspection/E08000029/sif/2016-04-25/finding/17> sg:theme sg:StrategyMeetingsAndEnquiries ;
    sg:polarity sg:Strength ;
    sg:concernsService <authority/E08000029/service/multiagencysafeguardinghub> .

<inspection/E08000029/sif/2016-04-25/finding/17/classified/StrategyMeetingsAndEnquiries> a sg:ClassificationEvidence ;
    sg:evidenceFor <inspection/E08000029/sif/2016-04-25/finding/17> ;
    sg:assignedConcept sg:StrategyMeetingsAndEnquiries ;
    sg:matchedTerm "strategy meeting*" ;
    sg:reason "signal terms of the theme" ;
    sg:classifier "sgkg-lexicon-1" ;
    sg:inferred true .

<authority/E08000029/service/multiagencysafeguardinghub> a sg:Service ;
    sg:serviceType sg:MultiAgencySafeguardingHub ;
    sg:serviceOf <authority/E08000029> ;
    skos:prefLabel "Multi-agency safeguarding hub" .

<recurrence/E08000029/1> a sg:RecurrenceLink ;
    sg:later <inspection/E08000029/sif/2016-04-25/recommendation/1> ;
    sg:earlier <inspection/E08000029/sif/2016-04-25/finding/17> ;
    sg:sharedTheme sg:StrategyMeetingsAndEnquiries ;
    sg:sharedIssue "shortfalls in 'strategy meeting'" ;
    sg:score 0.5 ;
    sg:reason "same issue: shortfalls in 'strategy meeting'" ;
    sg:inferred true .

<recurrence/E08000029/2> a sg:SameAreaLink ;
    sg:later <inspection/E08000029/sif/2016-04-25/recommendation/1> ;
    sg:earlier <inspection/E08000029/sif/2016-04-25/finding/18> ;
    sg:sharedTheme sg:StrategyMeetingsAndEnquiries ;
    sg:score 0.3 ;
    sg:reason "same area, not the same issue: theme Strategy meetings" ;
    sg:inferred true .
"""


def _valid_data() -> Graph:
    graph = Graph().parse(data=VALID_DATA, format="turtle")
    graph.parse(data=THEMES_DATA, format="turtle")
    return graph.parse(data=MORE_DATA, format="turtle")


@pytest.mark.parametrize("turtle", [VALID_DATA, MORE_DATA], ids=["core", "more"])
def test_valid_instance_graph_conforms(
    ontology: Graph, shapes: Graph, turtle: str
) -> None:
    conforms, _, text = _validate(Graph().parse(data=turtle), ontology, shapes)
    assert conforms, text


def test_valid_instance_graphs_together_conform(ontology: Graph, shapes: Graph) -> None:
    data = _valid_data()
    targeted = {
        cls for cls in _classes(ontology) | {ORG.Post, FOAF.Person}
        if (None, RDF.type, cls) in data
    }
    assert targeted == _classes(ontology) | {ORG.Post, FOAF.Person}
    conforms, _, text = _validate(data, ontology, shapes)
    assert conforms, text


def test_recommendation_known_only_from_a_plan_conforms(
    ontology: Graph, shapes: Graph
) -> None:
    data = _valid_data()
    data.update(
        PREFIXES
        + f"DELETE WHERE {{ {RECOMMENDATION} sg:text ?t }} ;"
        + f'INSERT DATA {{ {RECOMMENDATION} sg:planText "Improve audit." }}'
    )
    conforms, _, text = _validate(data, ontology, shapes)
    assert conforms, text


def test_ontology_and_schemes_conform_to_concept_shapes(
    ontology: Graph, shapes: Graph
) -> None:
    conforms, _, text = _validate(Graph(), ontology, shapes)
    assert conforms, text


@pytest.mark.parametrize(
    "update,path", [v[1:] for v in VIOLATIONS], ids=[v[0] for v in VIOLATIONS]
)
def test_planted_violation_is_reported(
    ontology: Graph, shapes: Graph, update: str, path: URIRef | None
) -> None:
    data = _valid_data()
    data.update(PREFIXES + update)
    assert set(data) != set(_valid_data())
    conforms, report, text = _validate(data, ontology, shapes)
    assert not conforms
    if path is not None:
        assert path in set(report.objects(None, SH.resultPath)), text
    else:
        focus = URIRef(ID + re.search(r"<([^>]+)>", update).group(1))
        assert focus in set(report.objects(None, SH.focusNode)), text


def test_a_recommendation_cited_only_by_a_plans_action_needs_no_wording(ontology: Graph, shapes: Graph) -> None:
    """A tracker that cites 'Rec 1' by number gives no wording: the action addressing it stands in for it."""
    data = _valid_data()
    data.update(PREFIXES + f"DELETE WHERE {{ {RECOMMENDATION} sg:text ?t }}")
    conforms, _, text = _validate(data, ontology, shapes)
    assert conforms, text
