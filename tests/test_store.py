"""The embedded Oxigraph store: per-document graphs, atomic replacement, one writer at a time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from safeguarding_kg.namespaces import AUTHORITIES_GRAPH, SG, VOCABULARY_GRAPH
from safeguarding_kg.store import GraphStore, StoreBusyError

DOC = NamedNode("https://w3id.org/safeguarding-kg/id/document/test-txt")
THING = NamedNode("https://w3id.org/safeguarding-kg/id/thing/1")


def quads(sha: str, *texts: str) -> list[Quad]:
    return [Quad(DOC, SG.sha256, Literal(sha), DOC), *(Quad(THING, SG.text, Literal(t), DOC) for t in texts)]


def texts(store: GraphStore) -> set[str]:
    return {r["t"].value for r in store.select("SELECT ?t WHERE { ?x sg:text ?t }")}


def test_a_new_store_holds_the_vocabulary_and_the_register(store: GraphStore) -> None:
    authorities = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?a a sg:LocalAuthority }")
    assert int(authorities[0]["n"].value) == 156
    graphs = {r["g"] for r in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graphs == {VOCABULARY_GRAPH, AUTHORITIES_GRAPH}


def test_reopening_does_not_reload_reference_graphs(tmp_path: Path) -> None:
    first = GraphStore(tmp_path / "s")
    size = len(first)
    del first
    assert len(GraphStore(tmp_path / "s")) == size


def test_replacing_a_document_swaps_its_whole_graph(store: GraphStore) -> None:
    store.put_document(DOC, quads("v1", "old wording", "kept wording"))
    assert store.document_sha256(DOC) == "v1"
    store.put_document(DOC, quads("v2", "new wording", "kept wording"))
    assert store.document_sha256(DOC) == "v2"
    assert texts(store) == {"new wording", "kept wording"}


def test_removing_a_document_leaves_the_others(store: GraphStore) -> None:
    other = NamedNode("https://w3id.org/safeguarding-kg/id/document/other-txt")
    store.put_document(DOC, quads("v1", "from the first"))
    store.put_document(other, [Quad(THING, SG.text, Literal("from the second"), other)])
    assert store.remove_document(DOC)
    assert not store.remove_document(DOC)
    assert texts(store) == {"from the second"}


def test_a_triple_two_documents_state_counts_once_and_outlives_either(store: GraphStore) -> None:
    other = NamedNode("https://w3id.org/safeguarding-kg/id/document/other-txt")
    store.put_document(DOC, quads("v1", "shared", "only in the first"))
    store.put_document(other, [Quad(THING, SG.text, Literal("shared"), other)])
    rows = store.select("SELECT ?t WHERE { ?x sg:text ?t } ORDER BY ?t")
    assert [r["t"].value for r in rows] == ["only in the first", "shared"]  # not "shared" twice
    store.put_document(DOC, quads("v2", "new in the first"))
    assert texts(store) == {"new in the first", "shared"}
    store.remove_document(other)
    assert texts(store) == {"new in the first"}
    store.remove_document(DOC)
    assert texts(store) == set()


def test_bindings_are_values_not_query_text(store: GraphStore) -> None:
    store.put_document(DOC, quads("v1", "real text"))
    hostile = Literal('x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "')
    rows = store.select("SELECT ?x ?t WHERE { ?x sg:text ?t }", {"t": hostile})
    assert rows == []
    assert texts(store) == {"real text"}


def test_a_second_process_gets_a_clear_busy_error(tmp_path: Path) -> None:
    path = tmp_path / "busy"
    holder = GraphStore(path)
    code = f"from safeguarding_kg.store import GraphStore; GraphStore(__import__('pathlib').Path({str(path)!r}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode != 0
    assert "StoreBusyError" in result.stderr and "in use by another sgkg process" in result.stderr
    with pytest.raises(StoreBusyError):
        GraphStore(path)  # the same process opening it twice is refused the same way
    assert len(holder) > 0
