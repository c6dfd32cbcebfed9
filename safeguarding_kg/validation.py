"""SHACL validation of the whole graph with pySHACL, and a report a person can read.

The data graph is the union of every document graph with the vocabulary and the
authority register, because shapes check concept-scheme membership and class ranges
that those graphs supply.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from safeguarding_kg.store import GraphStore


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    shape: str


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    checked_triples: int

    def render(self, max_results: int = 50) -> str:
        if self.conforms:
            return f"conforms: {self.checked_triples:,} triples checked against the shapes, no violations"
        by_message = Counter((v.path, v.message) for v in self.violations)
        lines = [f"{len(self.violations)} violations in {self.checked_triples:,} triples", "",
                 "by property and message:"]
        lines += [f"  {n:5d}  {path}: {message}" for (path, message), n in by_message.most_common(20)]
        lines += ["", f"first {min(max_results, len(self.violations))}:"]
        lines += [f"  {v.focus}\n      {v.path}: {v.message}" for v in self.violations[:max_results]]
        return "\n".join(lines)


def validate_store(store: GraphStore) -> ValidationReport:
    import pyshacl
    import rdflib

    from safeguarding_kg.ontology import SHAPES_FILE

    data = rdflib.Graph()
    ntriples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").serialize(format=_ntriples())
    data.parse(data=ntriples, format="nt")
    shapes = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return ValidationReport(conforms, _violations(results), len(data))


def _ntriples():
    from pyoxigraph import RdfFormat

    return RdfFormat.N_TRIPLES


def _violations(results) -> list[Violation]:
    from rdflib.namespace import SH

    found = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        found.append(Violation(
            focus=str(results.value(result, SH.focusNode)),
            path=_short(results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or ""),
            shape=str(results.value(result, SH.sourceShape)),
        ))
    return sorted(found, key=lambda v: (v.path, v.focus))


def _short(node) -> str:
    from safeguarding_kg.namespaces import PREFIXES

    text = str(node) if node is not None else ""
    for prefix, base in PREFIXES.items():
        if text.startswith(base):
            return f"{prefix}:{text[len(base):]}"
    return text
