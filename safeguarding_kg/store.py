"""The embedded persistent store: Oxigraph on disk, one named graph per loaded document.

Each document's triples live in a named graph of its own (for provenance, replacement and
removal), and their merge — the set union, each triple once — is kept in the store's
default graph, which queries read. Oxigraph's own "default graph as union" option counts a
triple once per graph holding it (oxigraph/oxigraph#1919), so a node that two documents
describe would multiply every query's rows; keeping the merge ourselves gives RDF's set
semantics. Writes keep the two in step: in one transaction, or for batches of new documents
in one journaled bulk load that is undone if it does not finish (``put_new_documents``).

Why pyoxigraph directly rather than rdflib's ``add``: inserting a document's quads in one
``Store.extend`` call is a single transaction (all or nothing) and several times faster.
rdflib is still used where it is the better API (SHACL validation, JSON-LD export) through
oxrdflib or an in-memory copy.

Readers and writers share one rule: a store directory is opened by one process at a
time (RocksDB's lock); a second process gets :class:`StoreBusyError`, never corruption.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
)

from safeguarding_kg.namespaces import AUTHORITIES_GRAPH, GRAPH_BASE, PREFIXES, SG, VOCABULARY_GRAPH, XSD

#: Where the store lives when neither ``--store`` nor ``$SGKG_STORE`` says otherwise.
DEFAULT_STORE = Path("sgkg-store")
STORE_ENV = "SGKG_STORE"
#: Records which version of the bundled vocabulary/register a store holds.
_CONTENT_HASH = NamedNode(GRAPH_BASE + "contentHash")
XSD_INTEGER = XSD.integer
#: The load journal: the documents of a bulk load in progress (see ``put_new_documents``).
_LOAD_JOURNAL = NamedNode(GRAPH_BASE + "load-journal")
_PENDING = NamedNode(GRAPH_BASE + "pendingDocument")
#: The link journal: documents written or removed whose linking (linking.py) has not finished.
#: Each entry is written in the same transaction as its document, and cleared once the linkers
#: have run, so a load killed while linking is linked when the store is next opened.
_LINK_JOURNAL = NamedNode(GRAPH_BASE + "link-journal")
_TO_LINK = NamedNode(GRAPH_BASE + "toLink")
#: When a journaled document was written (nanoseconds): documents that contradict each other are
#: decided in the order they were written (see merge_guard.py), after a kill as in one load.
_WRITTEN = NamedNode(GRAPH_BASE + "writtenAt")


class StoreError(Exception):
    """The store cannot be used; the message says why and what to do."""


class StoreBusyError(StoreError):
    pass


def default_store_path() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


@dataclass(frozen=True)
class StoredDocument:
    iri: str
    source_file: str
    sha256: str
    genre: str | None
    triples: int


class GraphStore:
    """A persistent Oxigraph store holding the vocabulary, the authority register and documents."""

    def __init__(self, path: Path | None = None) -> None:
        """Open (creating if needed) the store at ``path``; None gives an in-memory store."""
        self.path = path
        self._store: Store | None = _open(path)
        self._undo_interrupted_load()
        self._refresh_reference_graphs()
        self._finish_interrupted_linking()

    # -- documents -------------------------------------------------------------------

    def document_source_file(self, document: NamedNode) -> str | None:
        """The file name a stored document was loaded from, or None when it is not loaded."""
        for quad in self._store.quads_for_pattern(document, SG.sourceFile, None, document):
            return quad.object.value
        return None

    def document_sha256(self, document: NamedNode) -> str | None:
        """The sha256 of the bytes a document was loaded from, or None when it is not loaded."""
        for quad in self._store.quads_for_pattern(document, SG.sha256, None, document):
            return quad.object.value
        return None

    def put_document(self, document: NamedNode, quads: list[Quad]) -> None:
        """Write a document's graph atomically, replacing any earlier version of it.

        Every quad goes into the document's named graph and its triple into the merged
        default graph (see the module docstring). A new document is one ``extend``
        transaction; a replacement is one SPARQL update (retract what only the old version
        said, drop its graph, insert the new), which Oxigraph also applies atomically.
        """
        merged = [Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads]
        journal = _link_entries([document])
        if not self._store.contains_named_graph(document):
            self._store.extend([*quads, *merged, *journal])
            return
        data = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        entries = "".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}\n" for q in journal)
        self._store.update(f"{_retract(document)} ;\nDROP GRAPH {document} ;\n"
                           f"INSERT DATA {{ GRAPH {document} {{\n{data}\n}}\n{data}\n{entries}}}")

    def put_new_documents(self, documents: list[tuple[NamedNode, bytes]]) -> None:
        """Write several new documents' graphs at once: all of them, or none.

        Each document comes as N-Quads holding its quads in its own named graph and their
        triples in the default graph (the merge, as :meth:`put_document` writes it), as
        extraction ships them. They go through Oxigraph's bulk loader, which writes sorted
        files straight to disk: 2–2.5 times faster than a transaction on batches this size
        (bench/run.py), but not transactional. So the batch is journaled: its documents are
        listed in a load-journal graph first (one small transaction), bulk-loaded, then the
        journal is cleared. If the bulk load fails, or the process dies during it, the batch
        is undone — at once, or when the store is next opened (:meth:`_undo_interrupted_load`)
        — before anything can read it, so the store is never left half-written. Only for
        documents not yet stored: replacing one is :meth:`put_document`'s work.
        """
        stored = [d for d, _ in documents if self._store.contains_named_graph(d)]
        if stored:
            raise StoreError(f"put_new_documents takes new documents only; {stored[0]} is stored")
        self._store.extend([*(Quad(_LOAD_JOURNAL, _PENDING, d, _LOAD_JOURNAL) for d, _ in documents),
                            *_link_entries([d for d, _ in documents])])
        try:
            self._store.bulk_load(b"".join(data for _, data in documents), format=RdfFormat.N_QUADS)
        except BaseException:
            self._undo_interrupted_load()
            raise
        self._store.remove_graph(_LOAD_JOURNAL)

    def remove_document(self, document: NamedNode) -> bool:
        if not self._store.contains_named_graph(document):
            return False
        entries = "".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }} " for q in
                          _link_entries([document]))
        self._store.update(f"{_retract(document)} ;\nDROP GRAPH {document}" +
                           (f" ;\nINSERT DATA {{ {entries}}}" if entries else ""))
        return True

    def documents_to_link(self) -> list[NamedNode]:
        """Documents written or removed whose linking has not finished (see ``_LINK_JOURNAL``), in the
        order they were first written since the journal was last cleared."""
        written: dict[NamedNode, int] = {}
        for quad in self._store.quads_for_pattern(None, _WRITTEN, None, _LINK_JOURNAL):
            written[quad.subject] = min(int(quad.object.value), written.get(quad.subject, 1 << 80))
        pending = [q.object for q in self._store.quads_for_pattern(_LINK_JOURNAL, _TO_LINK, None, _LINK_JOURNAL)]
        return sorted(pending, key=lambda d: (written.get(d, 0), d.value))

    def linked(self) -> None:
        """The linkers have run over every journaled document: clear the link journal."""
        self._store.remove_graph(_LINK_JOURNAL)

    def restore_graphs(self, quads: list[Quad]) -> list[NamedNode]:
        """Put back exported document graphs, each replaced atomically, and say which.

        Reference and inferred graphs (under ``…/graph/``) are not restored: they are rebuilt.
        """
        graphs: dict[NamedNode, list[Quad]] = {}
        for quad in quads:
            if isinstance(quad.graph_name, NamedNode) and not quad.graph_name.value.startswith(GRAPH_BASE):
                graphs.setdefault(quad.graph_name, []).append(quad)
        for graph, graph_quads in graphs.items():
            self.put_document(graph, graph_quads)
        return list(graphs)

    def documents(self) -> list[StoredDocument]:
        rows = self.select(
            """SELECT ?doc ?file ?sha ?genre (COUNT(*) AS ?n) WHERE {
                 GRAPH ?doc { ?doc a sg:Document ; sg:sourceFile ?file ; sg:sha256 ?sha .
                              OPTIONAL { ?doc sg:genre ?genre } ?s ?p ?o } }
               GROUP BY ?doc ?file ?sha ?genre ORDER BY ?file""",
        )
        return [
            StoredDocument(r["doc"].value, r["file"].value, r["sha"].value,
                           r["genre"].value if r.get("genre") else None, int(r["n"].value))
            for r in rows
        ]

    # -- queries ---------------------------------------------------------------------

    def query(self, sparql: str, bindings: dict[str, object] | None = None):
        """Run a SPARQL query over the merged default graph; ``GRAPH ?doc`` reaches each document.

        ``bindings`` are RDF terms Oxigraph substitutes for projected variables (never pasted
        as text); named queries bind theirs as VALUES instead (see named_queries.py).
        """
        substitutions = {Variable(k): v for k, v in (bindings or {}).items()}
        return self._store.query(sparql, prefixes=PREFIXES, substitutions=substitutions or None)

    def select(self, sparql: str, bindings: dict[str, object] | None = None) -> list[dict]:
        """A SELECT query's rows as dicts from variable name to term (unbound variables left out)."""
        result = self.query(sparql, bindings)
        assert isinstance(result, QuerySolutions), "select() takes SELECT queries"
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in result]

    def update(self, sparql: str) -> None:
        self._store.update(sparql, prefixes=PREFIXES)

    # -- export and stats ------------------------------------------------------------

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """The quads of one named graph, or of every named graph (the merged default graph left out)."""
        if graph is not None:
            return self._store.quads_for_pattern(None, None, None, graph)
        return (q for q in self._store if not isinstance(q.graph_name, DefaultGraph))

    def dump(self, rdf_format: RdfFormat, graph: NamedNode | None = None) -> bytes:
        """Serialise one graph, or everything: datasets keep the graphs, triple formats merge them."""
        if graph is not None and not rdf_format.supports_datasets:
            return self._store.dump(format=rdf_format, from_graph=graph, prefixes=PREFIXES)
        if rdf_format.supports_datasets:
            return _serialize(self.quads(graph), rdf_format)
        return self._store.dump(format=rdf_format, from_graph=DefaultGraph(), prefixes=PREFIXES)

    def class_counts(self) -> list[tuple[str, int]]:
        rows = self.select("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } "
                           f"FILTER(?g NOT IN ({VOCABULARY_GRAPH}, {AUTHORITIES_GRAPH})) }} "
                           "GROUP BY ?class ORDER BY DESC(?n) ?class")
        return [(r["class"].value, int(r["n"].value)) for r in rows]

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        """Release the store now (RocksDB's lock goes with the last reference to it)."""
        if self._store is not None:
            self._store.flush()
            self._store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- the load journal -------------------------------------------------------------

    def _undo_interrupted_load(self) -> None:
        """Take out a bulk-loaded batch that did not finish (see :meth:`put_new_documents`).

        The bulk loader may have written any part of the batch, in the documents' graphs or
        in the merged default graph, so each listed document's graph is dropped and then every
        merged triple that no named graph holds (the merge's invariant) is removed. Safe to
        repeat if interrupted itself: the journal is cleared last. A full scan of the merge
        (about 15 s at national scale), paid only after a failure.
        """
        pending = [q.object for q in self._store.quads_for_pattern(_LOAD_JOURNAL, _PENDING, None, _LOAD_JOURNAL)]
        if not pending:
            return
        for document in pending:
            self._store.remove_graph(document)
        self._store.update("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        self._store.remove_graph(_LOAD_JOURNAL)

    def _finish_interrupted_linking(self) -> None:
        """Run the linking a killed load left unfinished, so queries never see documents unlinked."""
        if self.documents_to_link():
            from safeguarding_kg.linking import link_after_load  # the linkers import this module

            link_after_load(self, [])

    # -- reference graphs ------------------------------------------------------------

    def _refresh_reference_graphs(self) -> None:
        """Load the vocabulary and the authority register, again only when the bundled files change."""
        from safeguarding_kg.reference import reference_graphs

        for graph, (digest, quads_of) in reference_graphs().items():
            if self._stored_hash(graph) == digest:
                continue
            self.put_document(graph, [*quads_of(), Quad(graph, _CONTENT_HASH, Literal(digest), graph)])

    def _stored_hash(self, graph: NamedNode) -> str | None:
        for quad in self._store.quads_for_pattern(graph, _CONTENT_HASH, None, graph):
            return quad.object.value
        return None


def _link_entries(documents: list[NamedNode]) -> list[Quad]:
    """Link-journal quads for document graphs (the store's own graphs, under GRAPH_BASE, need no
    linking): each document to link, and when it was written, in the order given."""
    now = time.time_ns()
    documents = [d for d in documents if not d.value.startswith(GRAPH_BASE)]
    return [*(Quad(_LINK_JOURNAL, _TO_LINK, d, _LINK_JOURNAL) for d in documents),
            *(Quad(d, _WRITTEN, Literal(str(now + i), datatype=XSD_INTEGER), _LINK_JOURNAL)
              for i, d in enumerate(documents))]


def _retract(graph: NamedNode) -> str:
    """SPARQL removing from the merged default graph the triples only ``graph`` holds."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}")


def _open(path: Path | None) -> Store:
    if path is None:
        return Store()
    try:
        path.mkdir(parents=True, exist_ok=True)
        return Store(str(path))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreBusyError(
                f"the store at {path} is in use by another sgkg process; wait for it to finish and try again"
            ) from e
        raise StoreError(f"cannot open the store at {path}: {e}") from e


def _serialize(statements: Iterable[Quad] | Iterable[Triple], rdf_format: RdfFormat) -> bytes:
    from pyoxigraph import serialize

    return serialize(statements, format=rdf_format, prefixes=PREFIXES) or b""




def parse_quads(data: bytes, rdf_format: RdfFormat, graph: NamedNode | DefaultGraph | None = None) -> list[Quad]:
    """Parse RDF bytes; triples formats go into ``graph``."""
    quads = parse(data, format=rdf_format, to_graph=graph) if not rdf_format.supports_datasets \
        else parse(data, format=rdf_format)
    return [q if isinstance(q, Quad) else Quad(q.subject, q.predicate, q.object, graph) for q in quads]


def default_store_location() -> str | Path:
    """``$SGKG_STORE`` or ./sgkg-store; an ``http(s)://`` endpoint stays a string (a Path would fold its ``//``)."""
    location = os.environ.get(STORE_ENV) or DEFAULT_STORE
    return location if str(location).startswith(("http://", "https://")) else Path(location)


def open_store(location: str | Path | None = None):
    """The store at ``location``: a SPARQL endpoint (``http(s)://…``, a :class:`RemoteStore`) or a folder
    (a :class:`GraphStore`); None means ``$SGKG_STORE`` or ./sgkg-store."""
    location = default_store_location() if location is None else location
    if str(location).startswith(("http://", "https://")):
        from safeguarding_kg.remote import RemoteStore

        return RemoteStore(str(location))
    return GraphStore(Path(location))
