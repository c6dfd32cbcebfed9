"""A SPARQL 1.1 server as the store: the same interface as :class:`~safeguarding_kg.store.GraphStore`, over HTTP.

The team's shared graph lives in a server of their choosing (Oxigraph, Apache Jena Fuseki,
Virtuoso, GraphDB); this module speaks the standard protocols to it — SPARQL 1.1 Query
(form-encoded POST), SPARQL 1.1 Update (``application/sparql-update``) and the Graph Store
HTTP Protocol (GET of one graph) — and hands back the same result objects as the embedded
store (pyoxigraph ``QuerySolutions`` / ``QueryBoolean``, triples for CONSTRUCT), so the
loaders, linkers, named queries and exports work unchanged.

Writes keep the embedded store's layout: one named graph per document plus the merge of all
graphs, each triple once. A document is written by ONE SPARQL Update request (retract what
only the old version said from the merge, drop the old graph, insert the new graph and its
triples into the merge), which Oxigraph and Fuseki apply atomically, and which any server
rejects whole when the request arrives incomplete; so a failed or interrupted load leaves the
old version, never half of the new one. A Graph Store PUT would replace the document graph
atomically too, but the merge would then have to be the server's union of graphs, which is a
set on Fuseki (``unionDefaultGraph``) and a bag on Oxigraph (oxigraph/oxigraph#1919) and
Virtuoso: rows would multiply for every node two documents share.

Where the merge lives: Oxigraph and Fuseki have a real default graph, which holds it.
Virtuoso and GraphDB answer queries without a dataset over the union of every graph (with
duplicates), so there the merge is a named graph (``…/graph/merged``) and every query names
its dataset in the protocol: ``default-graph-uri`` = the merge, ``named-graph-uri`` = each of
our graphs.

Configuration (never on the command line for secrets):

- ``--store``/``SGKG_STORE`` = the endpoint; the URLs are derived from its shape (see
  :func:`endpoint_from`) and each can be overridden: ``SGKG_QUERY_URL``, ``SGKG_UPDATE_URL``,
  ``SGKG_GSP_URL``; ``SGKG_MERGED_GRAPH`` = an IRI to keep the merge in, or ``default``.
- credentials: ``SGKG_USER`` + ``SGKG_PASSWORD`` (HTTP Basic or Digest, whichever the server
  asks for) or ``SGKG_TOKEN`` (``Authorization: Bearer …``).
- ``SGKG_TIMEOUT``: seconds to wait for the server on any one request (default 60).
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from safeguarding_kg.namespaces import GRAPH_BASE, PREFIXES
from safeguarding_kg.store import _CONTENT_HASH, GraphStore, StoreError

log = logging.getLogger(__name__)

QUERY_URL_ENV, UPDATE_URL_ENV, GSP_URL_ENV = "SGKG_QUERY_URL", "SGKG_UPDATE_URL", "SGKG_GSP_URL"
MERGED_GRAPH_ENV = "SGKG_MERGED_GRAPH"
USER_ENV, PASSWORD_ENV, TOKEN_ENV = "SGKG_USER", "SGKG_PASSWORD", "SGKG_TOKEN"
TIMEOUT_ENV = "SGKG_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
#: Where the merge lives on servers whose default graph is the union of all graphs.
MERGED_GRAPH = NamedNode(GRAPH_BASE + "merged")
SERVER_ENV = "SGKG_SERVER"
#: Quads per INSERT DATA operation (each written to two graphs); see RemoteStore.put_document.
INSERT_SLICE = 1000
#: Virtuoso compiles an update to SQL and refuses a large INSERT DATA ("generated SQL text has
#: exceeded 10000 lines", "maximum size of a code vector") unless told the data is big.
VIRTUOSO_UPDATE_PRAGMA = "DEFINE sql:big-data-const 1\n"
#: Blank nodes are written as IRIs under this base (RDF 1.1 skolemisation).
SKOLEM_BASE = "https://w3id.org/safeguarding-kg/.well-known/genid/"
#: Every graph this project writes is named under this base (documents, vocabulary, register).
OUR_GRAPHS = "https://w3id.org/safeguarding-kg/"

_RESULTS_FORMATS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_ACCEPT_TRIPLES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
# Comments, strings and IRIs, masked before looking for a query's form keyword.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^\s<>"{}|^`\\]*>|#[^\n]*')
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class EndpointError(StoreError):
    """The SPARQL endpoint could not be reached or refused a request; the message says which and why."""


# -- where the endpoint's URLs come from ---------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    location: str
    query_url: str
    update_url: str
    gsp_url: str
    merged_graph: NamedNode | None  # None: the server's default graph holds the merge
    server: str = "oxigraph"  # the URL layout: oxigraph, fuseki, virtuoso or graphdb
    update_pragma: str = ""  # put before every write (Virtuoso's big-data define)
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout: float = DEFAULT_TIMEOUT


def is_endpoint(location: object) -> bool:
    return str(location).startswith(("http://", "https://"))


def endpoint_from(location: str, environ: Mapping[str, str] | None = None) -> Endpoint:
    """The query, update and Graph Store URLs for ``location``, by the shape of its path.

    ``http://host:7878`` (no path): Oxigraph — ``/query``, ``/update``, ``/store``.
    ``…/sparql`` or ``…/sparql-auth``: Virtuoso — the same URL for query and update,
    ``/sparql-graph-crud`` (``-auth``) for the Graph Store; the merge in a named graph.
    ``…/repositories/NAME``: GraphDB / RDF4J — ``…/statements`` for updates,
    ``…/rdf-graphs/service`` for the Graph Store; the merge in a named graph.
    Any other path, ``…/DATASET``: Fuseki — the dataset URL answers all three protocols.
    ``SGKG_SERVER`` (oxigraph, fuseki, virtuoso, graphdb) names the layout when the shape
    does not tell; the environment overrides each URL and the merge's place.
    """
    env = os.environ if environ is None else environ
    base = location.rstrip("/")
    server = (env.get(SERVER_ENV) or _server_by_shape(base)).lower()
    if server not in _LAYOUTS:
        raise StoreError(f"{SERVER_ENV}={server!r}: give one of {', '.join(_LAYOUTS)}")
    query, update, gsp, merged = _LAYOUTS[server](base)
    merged_setting = env.get(MERGED_GRAPH_ENV)
    if merged_setting:
        merged = None if merged_setting == "default" else NamedNode(merged_setting)
    return Endpoint(
        location=base,
        query_url=env.get(QUERY_URL_ENV) or query,
        update_url=env.get(UPDATE_URL_ENV) or update,
        gsp_url=env.get(GSP_URL_ENV) or gsp,
        merged_graph=merged,
        server=server,
        update_pragma=VIRTUOSO_UPDATE_PRAGMA if server == "virtuoso" else "",
        user=env.get(USER_ENV) or None,
        password=env.get(PASSWORD_ENV) or None,
        token=env.get(TOKEN_ENV) or None,
        timeout=_timeout(env.get(TIMEOUT_ENV)),
    )


def _server_by_shape(base: str) -> str:
    path = urllib.parse.urlsplit(base).path
    if path in ("", "/"):
        return "oxigraph"
    if path.endswith(("/sparql", "/sparql-auth")):
        return "virtuoso"
    if re.search(r"/repositories/[^/]+$", path):
        return "graphdb"
    return "fuseki"


def _virtuoso(base: str) -> tuple[str, str, str, NamedNode | None]:
    parts = urllib.parse.urlsplit(base)
    suffix = "-auth" if parts.path.endswith("-auth") else ""
    return base, base, f"{parts.scheme}://{parts.netloc}/sparql-graph-crud{suffix}", MERGED_GRAPH


_LAYOUTS = {
    "oxigraph": lambda base: (base + "/query", base + "/update", base + "/store", None),
    "fuseki": lambda base: (base, base, base, None),  # the dataset URL answers all three protocols
    "virtuoso": _virtuoso,
    "graphdb": lambda base: (base, base + "/statements", base + "/rdf-graphs/service", MERGED_GRAPH),
}


def _timeout(text: str | None) -> float:
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        raise StoreError(f"{TIMEOUT_ENV}={text!r}: give the number of seconds to wait for the server") from None
    if value <= 0:
        raise StoreError(f"{TIMEOUT_ENV}={text!r}: give a positive number of seconds")
    return value


# -- HTTP -----------------------------------------------------------------------------------


@dataclass
class Response:
    body: bytes
    content_type: str  # media type only, lower case, no parameters
    headers: Mapping[str, str]


class Http:
    """urllib with the endpoint's credentials and timeout, and errors a person can act on."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint

    def _opener(self) -> urllib.request.OpenerDirector:
        """A fresh opener per request: urllib's Digest handler keeps per-session state that Virtuoso
        refuses on a second request (401), and building one costs microseconds."""
        endpoint = self.endpoint
        if not endpoint.user:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in {endpoint.query_url, endpoint.update_url, endpoint.gsp_url}:
            passwords.add_password(None, url, endpoint.user, endpoint.password or "")
        # Digest (tried first by urllib) or Basic, whichever the server's challenge asks for.
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                           urllib.request.HTTPBasicAuthHandler(passwords))

    def request(self, method: str, url: str, *, data: bytes | None = None, content_type: str | None = None,
                accept: str | None = None, missing_ok: bool = False) -> Response | None:
        headers = {"User-Agent": "safeguarding-kg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if self.endpoint.token:
            headers["Authorization"] = f"Bearer {self.endpoint.token}"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self._opener().open(request, timeout=self.endpoint.timeout) as answer:
                body = answer.read()
                media = (answer.headers.get_content_type() or "").lower()
                return Response(body, media, answer.headers)
        except urllib.error.HTTPError as e:
            if missing_ok and e.code == 404:
                return None
            raise EndpointError(_http_error_message(url, e)) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            raise EndpointError(self._network_error_message(url, e)) from None

    def _network_error_message(self, url: str, error: Exception) -> str:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, ConnectionRefusedError):
            return f"cannot reach the SPARQL endpoint at {url} (connection refused): is the server running?"
        if isinstance(reason, TimeoutError | socket.timeout):
            return (f"the SPARQL endpoint at {url} did not answer within {self.endpoint.timeout:g} s "
                    f"(set {TIMEOUT_ENV} to wait longer); nothing was changed unless the server finished the request")
        if isinstance(reason, ConnectionError | http.client.HTTPException):
            return (f"the connection to the SPARQL endpoint at {url} was closed before it answered "
                    f"({reason.__class__.__name__}{': ' + str(reason) if str(reason) else ''})")
        if isinstance(reason, socket.gaierror):
            return f"cannot reach the SPARQL endpoint at {url} (unknown host: {reason})"
        return f"cannot reach the SPARQL endpoint at {url} ({reason})"


def _http_error_message(url: str, error: urllib.error.HTTPError) -> str:
    try:
        raw = error.read()
    except (OSError, http.client.HTTPException):
        raw = b""
    text = raw.decode("utf-8", "replace")
    if error.headers and error.headers.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    message = f"the SPARQL endpoint at {url} answered {error.code} {error.reason}"
    if text:
        message += f": {text[:800]}"
    if error.code in (401, 403):
        message += f" (credentials come from {USER_ENV} and {PASSWORD_ENV}, or {TOKEN_ENV})"
    return message


# -- results ---------------------------------------------------------------------------------


class RemoteTriples(list):
    """A CONSTRUCT or DESCRIBE answer: a list of triples that serialises like pyoxigraph's QueryTriples."""

    def serialize(self, output=None, format: RdfFormat | None = None) -> bytes | None:
        return serialize(self, output, format=format or RdfFormat.N_TRIPLES)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword outside comments, strings and IRIs."""
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)
    found = _FORM.search(masked)
    return found.group(1).upper() if found else "SELECT"


def _parse_results(response: Response, url: str) -> QuerySolutions | QueryBoolean | RemoteTriples:
    results_format = _RESULTS_FORMATS.get(response.content_type)
    try:
        if results_format is not None:
            return parse_query_results(response.body, format=results_format)
        rdf_format = RdfFormat.N_TRIPLES if response.content_type == "text/plain" \
            else RdfFormat.from_media_type(response.content_type)
        if rdf_format is None:
            raise EndpointError(f"the SPARQL endpoint at {url} answered in {response.content_type or 'no media type'}"
                                ", which is neither SPARQL results nor RDF")
        return RemoteTriples(parse(response.body, format=rdf_format))
    except SyntaxError as e:
        raise EndpointError(f"the SPARQL endpoint at {url} sent an answer that does not parse: {e}") from None


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_CANONICAL = {"1": "true", "0": "false"}


def _canonical_booleans(response: Response) -> Response:
    """Virtuoso stores xsd:boolean as a number and answers "1"^^xsd:boolean: give back true/false,
    the terms that were written (and that the embedded store and the named queries compare with)."""
    if response.content_type in ("application/sparql-results+json", "application/json"):
        data = json.loads(response.body)
        for row in data.get("results", {}).get("bindings", []):
            for term in row.values():
                if term.get("datatype") == _BOOLEAN and term.get("value") in _CANONICAL:
                    term["value"] = _CANONICAL[term["value"]]
        return Response(json.dumps(data).encode(), response.content_type, response.headers)
    if response.content_type in ("application/n-triples", "text/plain"):
        body = re.sub(rb'"([01])"\^\^<' + _BOOLEAN.encode() + rb">",
                      lambda m: b'"' + _CANONICAL[m[1].decode()].encode() + b'"^^<' + _BOOLEAN.encode() + b">",
                      response.body)
        return Response(body, response.content_type, response.headers)
    return response


def _as_boolean(solutions: QuerySolutions) -> QueryBoolean:
    """Virtuoso answers ASK as a table of one variable (``__ASK_RETVAL``): a row holding 1 means yes."""
    answer = any(term is not None and term.value in ("1", "true") for row in solutions for term in row)
    return parse_query_results(json.dumps({"head": {}, "boolean": answer}), format=QueryResultsFormat.JSON)


def _check_syntax(sparql: str, *, update: bool = False) -> None:
    """Raise the embedded store's SyntaxError when the text does not parse (run on an empty store)."""
    empty = Store()
    if update:
        empty.update(sparql, prefixes=PREFIXES)
    else:
        empty.query(sparql, prefixes=PREFIXES)


# -- the store -------------------------------------------------------------------------------


class RemoteStore:
    """The knowledge graph in a SPARQL 1.1 server; same methods and result shapes as GraphStore."""

    def __init__(self, location: str, environ: Mapping[str, str] | None = None) -> None:
        self.endpoint = endpoint_from(location, environ)
        self.path = self.endpoint.location
        self._http = Http(self.endpoint)
        self._merged = self.endpoint.merged_graph
        self._prologue = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + " "
        self._closed = False
        self._graphs: set[str] = self._our_graphs() if self._merged is not None else set()
        self._refresh_reference_graphs()

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint.location!r})"

    # -- documents -------------------------------------------------------------------

    def document_sha256(self, document: NamedNode) -> str | None:
        rows = self.select(f"SELECT ?sha WHERE {{ GRAPH {document} {{ {document} sg:sha256 ?sha }} }} LIMIT 1")
        return rows[0]["sha"].value if rows else None

    def document_source_file(self, document: NamedNode) -> str | None:
        """The file name a stored document was loaded from (for refusing two files of one identity)."""
        rows = self.select(f"SELECT ?file WHERE {{ GRAPH {document} {{ {document} sg:sourceFile ?file }} }} LIMIT 1")
        return rows[0]["file"].value if rows else None

    def put_document(self, document: NamedNode, quads: list[Quad]) -> None:
        """Replace the document's graph and its share of the merge in one SPARQL Update request."""
        # Blank nodes (OWL lists in the vocabulary) become skolem IRIs: Virtuoso refuses them in INSERT
        # DATA and fails on INSERT templates of a few hundred triples.
        quads = [_skolemized(q) for q in quads]
        # INSERT DATA in slices: Virtuoso's parser runs out of stack ("memory exhausted") on a block
        # of about 5,000 triples; the slices still travel, and are applied, as one request.
        operations = [self._retract(document), f"DROP SILENT GRAPH {document}",
                      *(f"INSERT DATA {{ {self._both_graphs(document, quads[i:i + INSERT_SLICE])} }}"
                        for i in range(0, len(quads), INSERT_SLICE))]
        self._graphs.add(document.value)
        self._write(" ;\n".join(operations))

    def _both_graphs(self, document: NamedNode, quads: list[Quad]) -> str:
        """The triples in the document's graph and in the merge, as an update's data block."""
        data = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        merge = f"GRAPH {self._merged} {{\n{data}\n}}" if self._merged is not None else data
        return f"GRAPH {document} {{\n{data}\n}}\n{merge}\n"

    def remove_document(self, document: NamedNode) -> bool:
        if not self._holds_graph(document):
            return False
        self._write(f"{self._retract(document)} ;\nDROP SILENT GRAPH {document}")
        self._graphs.discard(document.value)
        return True

    # Written on the public methods alone, so shared with the embedded store rather than copied.
    restore_graphs = GraphStore.restore_graphs
    documents = GraphStore.documents

    # -- queries ---------------------------------------------------------------------

    def query(self, sparql: str, bindings: dict[str, object] | None = None):
        """Run a query on the server; the answer has the embedded store's shape.

        ``bindings`` become a VALUES block (typed RDF terms, never pasted text), as named
        queries bind theirs; SPARQL's protocol has no substitution parameter.
        """
        if bindings:
            sparql = _bind(sparql, bindings)
        form = query_form(sparql)
        fields = [("query", self._prologue + sparql), *self._dataset()]
        url = self.endpoint.query_url
        try:
            response = self._http.request(
                "POST", url, data=urllib.parse.urlencode(fields).encode(),
                content_type="application/x-www-form-urlencoded",
                accept=_ACCEPT_RESULTS if form in ("SELECT", "ASK") else _ACCEPT_TRIPLES)
        except EndpointError:
            _check_syntax(sparql)  # a query that does not parse: the embedded store's SyntaxError
            raise
        self._refuse_truncated(response, url)
        if self.endpoint.server == "virtuoso":
            response = _canonical_booleans(response)
        result = _parse_results(response, url)
        if form == "ASK" and isinstance(result, QuerySolutions):
            return _as_boolean(result)
        return result

    select = GraphStore.select

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (the prefixes declared); one that does not parse raises SyntaxError."""
        try:
            self._write(self._prologue + sparql)
        except EndpointError:
            _check_syntax(sparql, update=True)
            raise

    def _write(self, update: str) -> None:
        """POST one update request: the server applies all of it or, on any error, none of it."""
        self._http.request("POST", self.endpoint.update_url,
                           data=(self.endpoint.update_pragma + update).encode("utf-8"),
                           content_type="application/sparql-update; charset=utf-8")

    # -- export and stats ------------------------------------------------------------

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """The quads of one named graph (Graph Store GET), or of every named graph (the merge left out)."""
        if graph is not None:
            return iter(self._graph_quads(graph))
        rows = self.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        return (Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows if r["g"] != self._merged)

    def dump(self, rdf_format: RdfFormat, graph: NamedNode | None = None) -> bytes:
        """Serialise one graph, or everything: datasets keep the graphs, triple formats merge them."""
        if rdf_format.supports_datasets:
            return serialize(self.quads(graph), format=rdf_format, prefixes=PREFIXES) or b""
        if graph is not None:
            triples: Iterable[Triple] = (Triple(q.subject, q.predicate, q.object) for q in self._graph_quads(graph))
        else:
            triples = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        return serialize(triples, format=rdf_format, prefixes=PREFIXES) or b""

    class_counts = GraphStore.class_counts

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return int(rows[0]["n"].value)

    def flush(self) -> None:
        """Nothing to do: every write was one request the server has answered."""

    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- helpers ---------------------------------------------------------------------

    def _retract(self, graph: NamedNode) -> str:
        """SPARQL removing from the merge the triples only ``graph`` holds."""
        if self._merged is None:
            return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
                    f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}")
        return (f"DELETE {{ GRAPH {self._merged} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
                f"FILTER(?other != {graph} && ?other != {self._merged}) }} }}")

    def _dataset(self) -> list[tuple[str, str]]:
        """Protocol dataset parameters: none where the default graph is the merge, else the merge and our graphs."""
        if self._merged is None:
            return []
        return [("default-graph-uri", self._merged.value),
                *(("named-graph-uri", g) for g in sorted(self._graphs))]

    def _our_graphs(self) -> set[str]:
        """The graphs this project wrote, asked without a dataset (the server's whole store)."""
        merged = self._merged
        self._merged = None  # this one query must range over every graph
        try:
            rows = self.select(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                               f'FILTER(STRSTARTS(STR(?g), "{OUR_GRAPHS}")) }}')
        finally:
            self._merged = merged
        return {r["g"].value for r in rows} - {merged.value if merged else ""}

    def _holds_graph(self, graph: NamedNode) -> bool:
        # A SELECT, not ASK: Virtuoso answers ASK (and COUNT) about a graph outside the dataset with "yes".
        return bool(self.select(f"SELECT ?s WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT 1"))

    def _graph_quads(self, graph: NamedNode) -> list[Quad]:
        url = _with_param(self.endpoint.gsp_url, "graph", graph.value)
        response = self._http.request("GET", url, accept=_ACCEPT_TRIPLES, missing_ok=True)
        if response is None:
            return []
        if self.endpoint.server == "virtuoso":
            response = _canonical_booleans(response)
        triples = _parse_results(response, url)
        if not isinstance(triples, RemoteTriples):
            raise EndpointError(f"the Graph Store at {url} answered SPARQL results, not RDF: check {GSP_URL_ENV}")
        return [Quad(t.subject, t.predicate, t.object, graph) for t in triples]

    def _refuse_truncated(self, response: Response, url: str) -> None:
        """Virtuoso cuts results at ResultSetMaxRows and says so only in a header: never pass on part of an answer."""
        limit = response.headers.get("X-SPARQL-MaxRows")
        if limit:
            raise EndpointError(f"the SPARQL endpoint at {url} cut the answer at {limit} rows (Virtuoso's "
                                "[SPARQL] ResultSetMaxRows in virtuoso.ini): raise that limit")

    def _refresh_reference_graphs(self) -> None:
        """Load the vocabulary and the register when the server lacks this version of them.

        A read-only endpoint that holds an older version is still readable: say so and go on."""
        from safeguarding_kg.reference import reference_graphs

        for graph, (digest, quads_of) in reference_graphs().items():
            if self._stored_hash(graph) == digest:
                continue
            try:
                self.put_document(graph, [*quads_of(), Quad(graph, _CONTENT_HASH, Literal(digest), graph)])
            except EndpointError as e:
                if not re.search(r"answered (401|403|405)", str(e)):
                    raise
                log.warning("the endpoint does not hold this version of %s and refused to take it (%s); "
                            "queries still run, with the graph the server has", graph.value, e)

    def _stored_hash(self, graph: NamedNode) -> str | None:
        rows = self.select(f"SELECT ?h WHERE {{ GRAPH {graph} {{ {graph} {_CONTENT_HASH} ?h }} }} LIMIT 1")
        return rows[0]["h"].value if rows else None


def _skolemized(quad: Quad) -> Quad:
    """The quad with each blank node as its well-known skolem IRI (RDF 1.1 §3.5)."""
    if not isinstance(quad.subject, BlankNode) and not isinstance(quad.object, BlankNode):
        return quad
    subject, obj = (NamedNode(SKOLEM_BASE + t.value) if isinstance(t, BlankNode) else t
                    for t in (quad.subject, quad.object))
    return Quad(subject, quad.predicate, obj, quad.graph_name)


def _bind(sparql: str, bindings: dict[str, object]) -> str:
    from safeguarding_kg.named_queries import bind_values

    try:
        return bind_values(sparql, bindings)  # type: ignore[arg-type]
    except ValueError:  # no WHERE keyword: a trailing VALUES clause joins the same way
        names = " ".join(f"?{name}" for name in bindings)
        return f"{sparql}\nVALUES ({names}) {{ ({' '.join(str(t) for t in bindings.values())}) }}"


def _with_param(url: str, name: str, value: str) -> str:
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{separator}{urllib.parse.urlencode({name: value})}"


__all__ = ["MERGED_GRAPH", "Endpoint", "EndpointError", "RemoteStore", "RemoteTriples", "endpoint_from",
           "is_endpoint", "query_form"]
