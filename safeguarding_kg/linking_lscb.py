"""Linking an undated LSCB section to the dated inspection it belongs to.

The LSCB part of a SIF report is sometimes saved on its own (seed 003): no date, no header,
so extraction alone cannot name its inspection and gives it a provisional one
(``…/lscb-review/undated-<hash>``, ``sg:provisional true``). After every load this linker looks
at each such document and, when a dated inspection of the same board has LSCB findings with
the same numbers and texts, rewrites the undated document's graph (one atomic
``put_document``) so that its nodes carry the dated inspection's IRIs. Both orders of loading,
in one run or two, end in the same graph; a later load of the dated report catches up
undated documents loaded earlier, because every run looks at all provisional sections.
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad

from safeguarding_kg.namespaces import SG
from safeguarding_kg.store import GraphStore


def link_undated_lscb_sections(store: GraphStore, changed: list[NamedNode]) -> None:
    """Move every provisional LSCB section onto its dated inspection, where one matches."""
    for document, provisional, board in _provisional_sections(store):
        findings = _findings(store, provisional, document)
        if not findings:
            continue
        target = _matching_inspection(store, board, findings, provisional)
        if target is not None:
            store.put_document(document, _rewritten(store, document, provisional, target))


def _provisional_sections(store: GraphStore) -> list[tuple[NamedNode, NamedNode, NamedNode]]:
    rows = store.select(
        """SELECT ?doc ?insp ?board WHERE { GRAPH ?doc {
             ?insp a sg:Inspection ; sg:provisional true ; sg:framework sg:LSCBReview ; sg:inspectedBoard ?board } }""")
    return [(r["doc"], r["insp"], r["board"]) for r in rows]


def _findings(store: GraphStore, inspection: NamedNode, document: NamedNode) -> dict[int, str]:
    """Paragraph number -> text of the findings the document gives the provisional inspection."""
    by_subject: dict[NamedNode, dict[NamedNode, str]] = {}
    ours = set()
    for quad in store.quads(document):
        if quad.predicate == SG.ofInspection and quad.object == inspection:
            ours.add(quad.subject)
        if quad.predicate in (SG.paragraphNumber, SG.text, SG.findingKind):
            by_subject.setdefault(quad.subject, {})[quad.predicate] = quad.object.value
    return {int(values[SG.paragraphNumber]): values[SG.text] for subject, values in by_subject.items()
            if subject in ours and SG.findingKind in values and SG.paragraphNumber in values and SG.text in values}


def _matching_inspection(store: GraphStore, board: NamedNode, findings: dict[int, str],
                         provisional: NamedNode) -> NamedNode | None:
    """The dated inspection of ``board`` holding every one of ``findings`` (same number, same text)."""
    rows = store.select(
        """SELECT DISTINCT ?insp ?board WHERE { ?insp a sg:Inspection ; sg:inspectedBoard ?board ; sg:startDate ?start .
             FILTER NOT EXISTS { ?insp sg:provisional true } } ORDER BY ?insp""",
        {"board": board})
    for row in rows:
        candidate = row["insp"]
        if candidate == provisional:
            continue
        theirs = store.select(
            """SELECT ?insp ?n ?text WHERE { ?f sg:ofInspection ?insp ; a sg:Finding ; sg:paragraphNumber ?n ;
                 sg:text ?text }""", {"insp": candidate})
        texts: dict[int, set[str]] = {}
        for r in theirs:
            texts.setdefault(int(r["n"].value), set()).add(r["text"].value)
        if all(text in texts.get(number, set()) for number, text in findings.items()):
            return candidate
    return None


def _rewritten(store: GraphStore, document: NamedNode, provisional: NamedNode, target: NamedNode) -> list[Quad]:
    """The document's quads with the provisional inspection's IRIs replaced by the target's.

    The provisional inspection's own framework and provisional flag are dropped: the dated
    inspection is described by its own report."""
    prefix = provisional.value
    quads: list[Quad] = []

    def moved(term):
        if isinstance(term, NamedNode) and (term.value == prefix or term.value.startswith(prefix + "/")):
            return NamedNode(target.value + term.value[len(prefix):])
        return term

    for quad in store.quads(document):
        if quad.subject == provisional and (quad.predicate in (SG.framework, SG.provisional)):
            continue
        quads.append(Quad(moved(quad.subject), quad.predicate, moved(quad.object), document))
    return quads
