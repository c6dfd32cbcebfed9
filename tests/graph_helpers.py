"""Helpers shared by the loader tests: an extraction's triples in a shape that reads well in assertions."""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode

from safeguarding_kg.iris import iri
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.namespaces import RDF
from safeguarding_kg.store import GraphStore


class Graph:
    """An extraction's triples as subject -> predicate -> values, for readable assertions."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self.data: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for quad in extraction.quads:
            self.data[quad.subject.value][quad.predicate.value].append(quad.object.value)

    def values(self, subject: NamedNode, predicate: NamedNode) -> list[str]:
        return self.data.get(subject.value, {}).get(predicate.value, [])

    def one(self, subject: NamedNode, predicate: NamedNode) -> str | None:
        found = self.values(subject, predicate)
        assert len(found) <= 1, f"{subject.value} has {len(found)} values of {predicate.value}: {found}"
        return found[0] if found else None

    def typed(self, rdf_class: NamedNode) -> list[str]:
        return sorted(s for s, p in self.data.items() if rdf_class.value in p.get(RDF.type.value, []))


def document_quads(store: GraphStore) -> set:
    """Everything the documents said (the vocabulary graph's blank nodes differ per store)."""
    return {q for q in store.quads() if q.graph_name.value.startswith(iri("document").value)}
