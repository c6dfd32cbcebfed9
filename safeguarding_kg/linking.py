"""Linking after a load: work that needs more than one document, run once the documents are written.

Extraction is pure (one file in, one graph out), so anything that depends on what else is in
the store happens here, after the batch is written, touching only what the batch changed.
Each linker takes the store and the IRIs of the document graphs just written or replaced.
Linkers must give the same graph whatever order documents were loaded in.
"""

from __future__ import annotations

from collections.abc import Callable

from pyoxigraph import NamedNode

from safeguarding_kg.store import GraphStore

Linker = Callable[[GraphStore, list[NamedNode]], None]

#: Run in order after every load that changed something.
LINKERS: list[Linker] = []


def _register_builtin_linkers() -> None:
    # Imported here: linker modules import the store, and this module is imported by loading.
    from safeguarding_kg.linking_lscb import link_undated_lscb_sections
    from safeguarding_kg.linking_meetings import link_undated_inspection_mentions
    from safeguarding_kg.linking_recurrence import link_recurrences

    LINKERS.append(link_undated_lscb_sections)
    LINKERS.append(link_undated_inspection_mentions)
    LINKERS.append(link_recurrences)  # after the LSCB linker: it moves items onto their dated inspection


_register_builtin_linkers()


def link_after_load(store: GraphStore, changed: list[NamedNode]) -> dict[NamedNode, str]:
    """Run the linkers over the changed documents and any a killed load left unlinked; returns the
    documents taken out again for contradicting earlier ones (see merge_guard.py), with why.

    A local store journals every document write and removal in the same transaction
    (``GraphStore.documents_to_link``); the journal is cleared only after the guard and the
    linkers have run, so work interrupted at any point is redone, whole, on the next open or load.
    """
    from safeguarding_kg.merge_guard import refuse_contradictions

    journaled = store.documents_to_link() if hasattr(store, "documents_to_link") else []
    refused = refuse_contradictions(store, journaled) if journaled else {}
    changed = sorted({*changed, *journaled}, key=lambda d: d.value)
    if changed:
        for linker in LINKERS:
            linker(store, changed)
    if hasattr(store, "linked"):
        store.linked()
    return refused


def remove_documents(store: GraphStore, documents: list[NamedNode]) -> None:
    """Remove documents, then let the linkers recompute what was derived from them."""
    for document in documents:
        store.remove_document(document)
    link_after_load(store, documents)
