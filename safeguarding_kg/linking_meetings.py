"""Linking a minute item that names an inspection without its dates to that inspection's report.

Minutes often discuss "the ILACS inspection" or "the Ofsted focused visit" without dating it. The
minutes reader cannot name such an inspection (its IRI needs the start date), so it records what the
item names: ``sg:mentionsFramework`` (the framework concept). After every load this linker gives each
such item ``sg:concernsInspection`` the latest inspection of that framework of the committee's own
authority that a loaded report or letter describes (``sg:reportedIn``) and that started before the
meeting, rewriting the minutes' graph in one ``put_document``. Every run recomputes every hinted
item, so the report loaded before or after the minutes, or removed, ends in the same graph.
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad

from safeguarding_kg.namespaces import SG
from safeguarding_kg.store import GraphStore


def link_undated_inspection_mentions(store: GraphStore, changed: list[NamedNode]) -> None:
    """Point every item that names an inspection's framework only to that inspection, where one is loaded."""
    hinted: dict[NamedNode, dict[NamedNode, NamedNode | None]] = {}
    rows = store.select(
        """SELECT ?doc ?item ?framework ?authority ?date WHERE { GRAPH ?doc { ?item sg:mentionsFramework ?framework ;
             sg:ofMeeting ?meeting . ?meeting sg:date ?date ; sg:ofCommittee ?committee .
             ?committee <http://www.w3.org/ns/org#subOrganizationOf> ?authority } }""")
    for row in rows:
        target = _latest_reported(store, row["framework"], row["authority"], row["date"])
        hinted.setdefault(row["doc"], {})[row["item"]] = target
    for document, items in hinted.items():
        quads = list(store.quads(document))
        kept = [q for q in quads if not (q.predicate == SG.concernsInspection and q.subject in items)]
        linked = kept + [Quad(item, SG.concernsInspection, target, document)
                         for item, target in sorted(items.items(), key=lambda i: i[0].value) if target is not None]
        if set(linked) != set(quads):
            store.put_document(document, linked)


def _latest_reported(store: GraphStore, framework: NamedNode, authority: NamedNode, date) -> NamedNode | None:
    rows = store.select(
        """SELECT ?insp ?start ?framework ?authority ?date WHERE { ?insp a sg:Inspection ; sg:framework ?framework ;
             sg:inspectedAuthority ?authority ; sg:startDate ?start ; sg:reportedIn ?report .
             FILTER (?start <= ?date) } ORDER BY DESC(?start) ?insp LIMIT 1""",
        {"framework": framework, "authority": authority, "date": date})
    return rows[0]["insp"] if rows else None
