"""The shapes gate (safeguarding_kg/shapes_gate.py) says what pySHACL says, on real and on damaged graphs."""

from __future__ import annotations

import random
from pathlib import Path

import pyshacl
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize
from rdflib.namespace import SH

from safeguarding_kg.loaders.base import ExtractionError
from safeguarding_kg.loaders.toolkit.sources import read_bytes
from safeguarding_kg.loading import FAILED, extract, load_paths
from safeguarding_kg.namespaces import SG, XSD
from safeguarding_kg.ontology import SHAPES_FILE
from safeguarding_kg.reference import reference_graphs
from safeguarding_kg.shapes_gate import check_document

SAMPLE = Path(__file__).resolve().parents[1] / "sample-corpus"
DOCUMENTS = ["solihull_inspection-and-lscb-review_2016.txt", "solihull_ilacs-action-plan_2020.txt",
             "wolverhampton_corporate-parenting-board-pack_2017-05-18.txt", "solihull_focused-visit_2021-08-02.pdf"]


@pytest.fixture(scope="module")
def pyshacl_focus():
    """pySHACL's violating focus nodes for a document's quads validated with the reference graphs."""
    reference = serialize([q.triple for _, quads_of in reference_graphs().values() for q in quads_of()],
                          format=RdfFormat.N_TRIPLES)
    shapes = rdflib.Graph().parse(SHAPES_FILE, format="turtle")

    def focus(quads: list[Quad]) -> set[str]:
        data = reference + serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)
        _, results, _ = pyshacl.validate(rdflib.Graph().parse(data=data, format="nt"), shacl_graph=shapes,
                                         inference="none")
        return {str(results.value(r, SH.focusNode)) for r in results.subjects(SH.resultSeverity, SH.Violation)}
    return focus


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[Quad]]:
    return {name: extract(SAMPLE / name, read_bytes(SAMPLE / name)).quads for name in DOCUMENTS}


def _mutants(quads: list[Quad], rng: random.Random) -> list[tuple[str, list[Quad]]]:
    """Damage a graph the ways misread text does: values lost, doubled, mistyped, out of range, dangling."""
    def replace(index: int, obj) -> list[Quad]:
        q = quads[index]
        return [*quads[:index], Quad(q.subject, q.predicate, obj, q.graph_name), *quads[index + 1:]]

    def pick(predicate: NamedNode) -> int:
        return rng.choice([i for i, q in enumerate(quads) if q.predicate == predicate])

    number, text, line = pick(SG.number), pick(SG.text), pick(SG.sourceLine)
    doubled = quads[number]
    return [
        ("a number of 0", replace(number, Literal("0", datatype=XSD.integer))),
        ("a number that is not one", replace(number, Literal("seven", datatype=XSD.integer))),
        ("two numbers", [*quads, Quad(doubled.subject, SG.number, Literal("99", datatype=XSD.integer),
                                      doubled.graph_name)]),
        ("text with a language tag", replace(text, Literal(quads[text].object.value, language="en"))),
        ("a line of -3", replace(line, Literal("-3", datatype=XSD.integer))),
        ("a dangling reference", replace(pick(SG.ofInspection), NamedNode("https://example.org/nothing"))),
        ("a required value lost", [q for i, q in enumerate(quads) if i != pick(SG.ofInspection)]),
        ("a random quad lost", [q for i, q in enumerate(quads) if i != rng.randrange(len(quads))]),
    ]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_gate_agrees_with_pyshacl_on_a_real_document_and_its_damaged_copies(
        name: str, extracted: dict[str, list[Quad]], pyshacl_focus) -> None:
    quads = extracted[name]
    assert check_document(quads) == [] and pyshacl_focus(quads) == set()
    rng = random.Random(19)
    for damage, mutant in _mutants(quads, rng):
        gate = {v.focus for v in check_document(mutant)}
        assert gate == pyshacl_focus(mutant), damage
    assert any(check_document(mutant) for _, mutant in _mutants(quads, random.Random(19)))


def test_a_misread_number_is_refused_before_anything_is_written(tmp_path: Path, store) -> None:
    """A recommendation read as number 0 (one changed character) fails its file, with the violations."""
    name = "solihull_inspection-and-lscb-review_2016.txt"
    text = (SAMPLE / name).read_text().replace("\n1. Ensure that the performance", "\n0. Ensure that the performance")
    damaged = tmp_path / name
    damaged.write_text(text)
    with pytest.raises(ExtractionError, match="breaks the shapes"):
        extract(damaged, damaged.read_bytes())
    before = len(store)
    [report] = load_paths(store, [damaged])
    assert report.status == FAILED and "sg:number" in report.reason and "at least 1" in report.reason
    assert len(store) == before
