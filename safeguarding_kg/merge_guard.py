"""Documents that contradict each other about one node: the later one is taken out again.

The shapes gate (shapes_gate.py) checks each document alone, and every constraint of the shapes
but one holds for a merge of documents that each pass it. The exception is ``sh:maxCount 1``:
two documents describing the same inspection can give it two end dates, or one judgement two
grades (a damaged copy beside a good one), and the merge then breaks the shapes though neither
document does. So after a load has written its documents, and before the linkers run, every
single-valued property the written documents give is compared with the merge; where the merge
now holds two values, the documents are taken in the order they were written (earlier loads
first) and a document that adds a second value is removed again and reported with both values.

Run from ``linking.link_after_load`` over the link journal, so it is part of the same recoverable
unit as the writes: a load killed before or during it is finished by the next open, and since a
document is judged only against documents written before it, the outcome is the one an
uninterrupted load gives.
"""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode

from safeguarding_kg.store import GraphStore

Pair = tuple[NamedNode, NamedNode]  # (node, property)


def refuse_contradictions(store: GraphStore, written: list[NamedNode]) -> dict[NamedNode, str]:
    """Remove the documents of ``written`` (in write order) that contradict earlier ones; say why."""
    from safeguarding_kg.shapes_gate import gate

    single = gate().single_valued()
    if not written or not single:
        return {}
    order = set(written)
    holders = {pair: graphs for pair in _two_valued(store, single)
               if order & set(graphs := _values_by_graph(store, pair)) and _typed(store, pair[0], single[pair[1]])}
    if not holders:
        return {}
    accepted: dict[Pair, dict[str, NamedNode]] = defaultdict(dict)  # value -> a graph that gives it
    for pair, graphs in holders.items():
        for graph, values in graphs.items():
            if graph not in order:  # documents of earlier loads, and the reference graphs
                accepted[pair].update((value, graph) for value in values)
    refused: dict[NamedNode, str] = {}
    for document in written:
        mine = {pair: graphs[document] for pair, graphs in holders.items() if document in graphs}
        clash = next((pair for pair, values in mine.items() if len(set(accepted[pair]) | values) > 1), None)
        if clash is not None:
            refused[document] = _reason(store, clash, mine[clash], accepted[clash])
            continue
        for pair, values in mine.items():
            accepted[pair].update((value, document) for value in values)
    for document in refused:
        store.remove_document(document)
    return refused


def _two_valued(store: GraphStore, single: dict[NamedNode, set]) -> list[Pair]:
    """(node, property) pairs of a single-valued property holding two values in the merge.

    One grouped scan of the merge over those properties, done inside Oxigraph: about 20 ms for a
    store of 150,000 quads (bench/gate.py's PDFs), where looking up each value the written
    documents give would cost some 20 ms per document.
    """
    predicates = " ".join(str(p) for p in single)  # the shapes' own IRIs, written as terms
    rows = store.select(f"SELECT ?s ?p WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?o }}"
                        " GROUP BY ?s ?p HAVING (COUNT(?o) > 1)")
    return sorted(((r["s"], r["p"]) for r in rows), key=lambda pair: (pair[0].value, pair[1].value))


def _typed(store: GraphStore, node: NamedNode, classes: set) -> bool:
    """Whether the node is of a class whose shape allows one value (the cap is per class)."""
    return any(r["c"] in classes for r in store.select("SELECT ?s ?c WHERE { ?s a ?c }", {"s": node}))


def _values_by_graph(store: GraphStore, pair: Pair) -> dict[NamedNode, set[str]]:
    found: dict[NamedNode, set[str]] = defaultdict(set)
    for row in store.select("SELECT ?s ?p ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                              {"s": pair[0], "p": pair[1]}):
        found[row["g"]].add(str(row["o"]))
    return found


def _reason(store: GraphStore, pair: Pair, mine: set[str], accepted: dict[str, NamedNode]) -> str:
    from safeguarding_kg.shapes_gate import GateViolation

    others = [(v, g) for v, g in sorted(accepted.items()) if v not in mine] or sorted(accepted.items())
    other_value, other_graph = others[0]
    other = store.document_source_file(other_graph) or other_graph.value
    node = GateViolation(pair[0].value, pair[1].value, "").render().rstrip(": ")
    return (f"contradicts {other}, loaded before it: for {node} it reads {', '.join(sorted(mine))}"
            f" where {other} reads {other_value}, and the shapes allow one value; not kept")
