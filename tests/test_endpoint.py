"""The store contract on every backend: the embedded store, a real Oxigraph server and Virtuoso.

The same tests run against each backend (a server backend is skipped only when its binary is
not installed here); network faults are tested against a real Oxigraph server and misbehaving
loopback servers; ``sgkg serve`` is started as a real subprocess and queried over HTTP.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse
from servers import (
    VIRTUOSO,
    VIRTUOSO_USER,
    OxigraphServer,
    answering_server,
    cutting_proxy,
    have_oxigraph,
    oxigraph_server,
    virtuoso_server,
    wait_for_port,
)

from safeguarding_kg.cli import main
from safeguarding_kg.iris import document_iri
from safeguarding_kg.loading import FAILED, LOADED, UNCHANGED, load_paths
from safeguarding_kg.named_queries import library
from safeguarding_kg.namespaces import AUTHORITIES_GRAPH, PREFIXES, SG, VOCABULARY_GRAPH
from safeguarding_kg.remote import EndpointError, RemoteStore, endpoint_from
from safeguarding_kg.results import QuerySyntaxError, Table, run
from safeguarding_kg.serve import free_port
from safeguarding_kg.store import GraphStore, StoreBusyError
from safeguarding_kg.validation import validate_store

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample-corpus"
LETTER = SAMPLE / "solihull_unannounced-inspection-letter_2011.txt"
PLAN = SAMPLE / "solihull_ilacs-action-plan_2020.txt"
BACKENDS = ["embedded", "oxigraph-server", "virtuoso"]
DOC = NamedNode("https://w3id.org/safeguarding-kg/id/document/test-txt")
THING = NamedNode("https://w3id.org/safeguarding-kg/id/thing/1")

needs_oxigraph = pytest.mark.skipif(not have_oxigraph(), reason="the oxigraph server binary is not installed "
                                    "(pip install oxigraph, or pip install '.[test]')")


def _missing(backend: str) -> str | None:
    if backend == "oxigraph-server" and not have_oxigraph():
        return "the oxigraph server binary is not installed (pip install oxigraph, or pip install '.[test]')"
    if backend == "virtuoso" and not VIRTUOSO:
        return "virtuoso-t is not installed (apt-get install virtuoso-opensource)"
    return None


class Backends:
    """Servers started on first use and stopped when the module ends; corpora loaded once per backend."""

    def __init__(self, stack: ExitStack, folders: pytest.TempPathFactory) -> None:
        self.stack, self.folders = stack, folders
        self.servers: dict[tuple[str, str], str] = {}
        self.corpora: dict[str, tuple[object, list]] = {}

    def environ(self, backend: str) -> dict[str, str]:
        return dict(VIRTUOSO_USER) if backend == "virtuoso" else {}

    def server(self, backend: str, purpose: str) -> str:
        key = (backend, purpose)
        if key not in self.servers:
            folder = self.folders.mktemp(f"{backend}-{purpose}")
            if backend == "oxigraph-server":
                self.servers[key] = self.stack.enter_context(oxigraph_server(folder / "db")).url
            else:
                self.servers[key] = self.stack.enter_context(virtuoso_server(folder / "db"))
        return self.servers[key]

    def open(self, backend: str, location: str | Path):
        if backend == "embedded":
            return GraphStore(Path(location))
        return RemoteStore(str(location), {**os.environ, **self.environ(backend)})

    def corpus(self, backend: str):
        """The whole sample corpus loaded into ``backend`` (once per module)."""
        if backend not in self.corpora:
            location = self.folders.mktemp("embedded-corpus") / "store" if backend == "embedded" \
                else self.server(backend, "corpus")
            store = self.open(backend, location)
            self.stack.callback(store.close)
            self.corpora[backend] = (store, load_paths(store, [SAMPLE]))
        return self.corpora[backend]


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory):
    with ExitStack() as stack:
        yield Backends(stack, tmp_path_factory)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    reason = _missing(request.param)
    if reason:
        pytest.skip(reason)
    return request.param


@pytest.fixture
def scratch(backend: str, backends: Backends, tmp_path: Path):
    """A function opening an empty store (but for the reference graphs) of ``backend``, the same each call."""
    if backend == "embedded":
        location: str | Path = tmp_path / "store"
        opened: list = []

        def reopen():
            for store in opened:  # one embedded store per process at a time
                store.close()
            opened.append(GraphStore(Path(location)))
            return opened[-1]
        yield reopen
        for store in opened:
            store.close()
        return
    location = backends.server(backend, "scratch")
    _wipe(backends.open(backend, location))
    yield lambda: backends.open(backend, location)


def _wipe(store: RemoteStore) -> None:
    """Remove every graph but the vocabulary and the register, through the store (so the merge stays right)."""
    for graph in store._our_graphs() - {VOCABULARY_GRAPH.value, AUTHORITIES_GRAPH.value}:
        store._graphs.add(graph)
        store.remove_document(NamedNode(graph))


def quads(sha: str, *texts: str) -> list[Quad]:
    return [Quad(DOC, SG.sha256, Literal(sha), DOC), *(Quad(THING, SG.text, Literal(t), DOC) for t in texts)]


def texts(store) -> list[str]:
    return sorted(r["t"].value for r in store.select("SELECT ?t WHERE { ?x sg:text ?t }"))


def ground(data: bytes, rdf_format: RdfFormat) -> set[str]:
    """The statements of an export without blank nodes (their labels are per export), as text."""
    return {str(q) for q in parse(data, format=rdf_format)
            if not isinstance(q.subject, BlankNode) and not isinstance(q.object, BlankNode)
            and "/.well-known/genid/" not in str(q)}


# -- the contract, on every backend ------------------------------------------------------------


def test_load_writes_each_document_as_its_own_graph(scratch) -> None:
    store = scratch()
    reports = load_paths(store, [LETTER, PLAN])
    assert [r.status for r in reports] == [LOADED, LOADED]
    documents = store.documents()
    assert [d.source_file for d in documents] == sorted([LETTER.name, PLAN.name])
    letter = document_iri(LETTER.name)
    assert all(q.graph_name == letter for q in store.quads(letter))
    assert len(list(store.quads(letter))) == next(d.triples for d in documents if d.source_file == LETTER.name)


def test_an_unchanged_file_is_not_written_again(scratch) -> None:
    store = scratch()
    load_paths(store, [LETTER])
    size = len(store)
    assert [r.status for r in load_paths(scratch(), [LETTER])] == [UNCHANGED]
    assert len(scratch()) == size


def test_replacing_a_document_swaps_its_whole_graph_and_shared_triples_count_once(scratch) -> None:
    store = scratch()
    other = NamedNode("https://w3id.org/safeguarding-kg/id/document/other-txt")
    store.put_document(DOC, quads("v1", "old wording", "shared"))
    store.put_document(other, [Quad(THING, SG.text, Literal("shared"), other)])
    assert texts(store) == ["old wording", "shared"]  # "shared" once, not once per graph
    store.put_document(DOC, quads("v2", "new wording", "shared"))
    assert store.document_sha256(DOC) == "v2"
    assert texts(store) == ["new wording", "shared"]
    store.remove_document(other)
    assert texts(scratch()) == ["new wording", "shared"]


def test_removing_a_document_leaves_the_others(scratch) -> None:
    store = scratch()
    load_paths(store, [LETTER, PLAN])
    before = {d.iri for d in store.documents()}
    assert store.remove_document(document_iri(LETTER.name))
    assert not store.remove_document(document_iri(LETTER.name))
    assert {d.iri for d in store.documents()} == before - {document_iri(LETTER.name).value}
    assert list(store.quads(document_iri(LETTER.name))) == []
    assert not store.select("SELECT ?x WHERE { ?x sg:sourceFile ?f FILTER(?f = 'solihull_unannounced-inspection-"
                            "letter_2011.txt') }")


def test_a_failed_load_leaves_the_previous_version(scratch, tmp_path: Path) -> None:
    store = scratch()
    copy = tmp_path / "docs" / LETTER.name
    copy.parent.mkdir()
    copy.write_bytes(LETTER.read_bytes())
    load_paths(store, [copy])
    document = document_iri(LETTER.name)
    sha, graph = store.document_sha256(document), sorted(map(str, store.quads(document)))
    copy.write_text("Nothing an Ofsted reader would recognise.\n")
    assert [r.status for r in load_paths(store, [copy])] == [FAILED]
    assert store.document_sha256(document) == sha
    assert sorted(map(str, scratch().quads(document))) == graph


def test_bound_parameters_are_values_not_query_text(scratch) -> None:
    store = scratch()
    store.put_document(DOC, quads("v1", "real text"))
    hostile = Literal('x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "')
    assert store.select("SELECT ?x ?t WHERE { ?x sg:text ?t }", {"t": hostile}) == []
    rows = store.select("SELECT ?x ?t WHERE { ?x sg:text ?t }", {"t": Literal("real text")})
    assert [r["x"] for r in rows] == [THING]
    assert texts(store) == ["real text"]


def test_a_query_that_does_not_parse_is_reported_with_its_line(scratch) -> None:
    with pytest.raises(QuerySyntaxError, match=r"query:2:"):
        run(scratch(), "SELECT ?x WHERE {\n  ?x sg:text ?t ?oops }")


# -- the sample corpus: the same answers from every backend -------------------------------------


def test_docs_are_the_same_on_every_backend(backend: str, backends: Backends) -> None:
    store, reports = backends.corpus(backend)
    assert not [r.reason for r in reports if r.failed]
    expected = backends.corpus("embedded")[0].documents()
    assert store.documents() == expected
    assert len(expected) == len(reports)


def test_stats_are_the_same_on_every_backend(backend: str, backends: Backends) -> None:
    store, _ = backends.corpus(backend)
    embedded = backends.corpus("embedded")[0]
    assert store.class_counts() == embedded.class_counts()
    assert len(store) == len(embedded)


def test_exports_are_the_same_on_every_backend(backend: str, backends: Backends) -> None:
    store, _ = backends.corpus(backend)
    embedded = backends.corpus("embedded")[0]
    for rdf_format in (RdfFormat.TRIG, RdfFormat.N_TRIPLES):
        assert ground(store.dump(rdf_format), rdf_format) == ground(embedded.dump(rdf_format), rdf_format)
    plan = document_iri(PLAN.name)
    assert ground(store.dump(RdfFormat.TURTLE, plan), RdfFormat.TURTLE) == \
        ground(embedded.dump(RdfFormat.TURTLE, plan), RdfFormat.TURTLE)


def test_validation_gives_the_same_report_on_every_backend(backend: str, backends: Backends) -> None:
    store, _ = backends.corpus(backend)
    report, expected = validate_store(store), validate_store(backends.corpus("embedded")[0])
    assert (report.conforms, len(report.violations)) == (expected.conforms, len(expected.violations))
    assert report.checked_triples == expected.checked_triples


def _examples() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for query in library().values():
        for example in query.examples[:1]:
            words = shlex.split(example)
            params = dict(w.split("=", 1) for w in words[words.index(query.name) + 1:] if "=" in w)
            cases.append((query.name, params))
    return cases


@pytest.mark.parametrize(("name", "params"), _examples(), ids=[n for n, _ in _examples()])
def test_every_named_query_answers_the_same_on_every_backend(backend: str, backends: Backends, name: str,
                                                             params: dict[str, str]) -> None:
    from safeguarding_kg.named_queries import get

    text = get(name).bound_text(params)
    answer = run(backends.corpus(backend)[0], text)
    expected = run(backends.corpus("embedded")[0], text)
    assert isinstance(answer, Table) and isinstance(expected, Table)
    assert answer.columns == expected.columns
    assert _comparable(answer) == _comparable(expected)


def _comparable(table: Table) -> list[str]:
    """Rows in a fixed order, each "; "-joined value as a sorted list: GROUP_CONCAT has no order in SPARQL."""
    rows = []
    for record in table.records():
        rows.append(repr({k: sorted(v.split("; ")) if isinstance(v, str) and "; " in v else v
                          for k, v in record.items()}))
    return sorted(rows)


def test_construct_and_ask_have_the_embedded_shapes(backend: str, backends: Backends) -> None:
    store = backends.corpus(backend)[0]
    assert run(store, "ASK { ?plan a sg:ActionPlan }") is True
    turtle = run(store, "CONSTRUCT { ?i sg:framework ?f } WHERE { ?i a sg:Inspection ; sg:framework ?f }")
    expected = run(backends.corpus("embedded")[0],
                   "CONSTRUCT { ?i sg:framework ?f } WHERE { ?i a sg:Inspection ; sg:framework ?f }")
    assert ground(turtle, RdfFormat.TURTLE) == ground(expected, RdfFormat.TURTLE) != set()


# -- the command line against an endpoint ----------------------------------------------------


@needs_oxigraph
def test_every_command_works_against_an_oxigraph_server(tmp_path: Path) -> None:
    runner = CliRunner()
    with oxigraph_server(tmp_path / "db") as server:
        env = {"SGKG_STORE": server.url}

        def sgkg(*args: str):
            result = runner.invoke(main, list(args), env=env, catch_exceptions=False)
            assert result.exit_code == 0, result.output
            return result.output

        assert "2 files: 2 loaded" in sgkg("load", str(LETTER), str(PLAN))
        assert "2 documents" in sgkg("docs")
        assert "sg:ActionPlan" in sgkg("stats")
        out = sgkg("query", "judgement-timeline", "--param", "authority=Solihull", "--format", "json")
        assert json.loads(out)
        query_file = tmp_path / "q.rq"
        query_file.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a a sg:Action }")
        assert "rows" in sgkg("sparql", str(query_file))
        sgkg("export", "--format", "nquads", "-o", str(tmp_path / "all.nq"))
        assert (tmp_path / "all.nq").stat().st_size > 0
        assert "violations" in sgkg("validate") or "conforms" in sgkg("validate")
        sgkg("remove", LETTER.name)
        assert "1 documents" in sgkg("docs")
        sgkg("import", str(tmp_path / "all.nq"))
        assert "2 documents" in sgkg("docs")


# -- network faults: clear errors, nothing lost ----------------------------------------------


def test_a_server_that_is_not_running_is_named_in_the_error() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(EndpointError, match=rf"cannot reach the SPARQL endpoint at {url}/query \(connection refused\)"):
        RemoteStore(url, {})
    result = CliRunner().invoke(main, ["docs", "--store", url])
    assert result.exit_code == 1
    assert f"cannot reach the SPARQL endpoint at {url}/query (connection refused)" in result.output


@needs_oxigraph
def test_a_server_stopped_mid_session_loses_nothing(tmp_path: Path) -> None:
    server = OxigraphServer(tmp_path / "db").start()
    try:
        store = RemoteStore(server.url, {})
        load_paths(store, [LETTER])
        before = sorted(map(str, store.quads(document_iri(LETTER.name))))
        server.stop()
        with pytest.raises(EndpointError, match="connection refused"):
            store.put_document(document_iri(LETTER.name), [])
        with pytest.raises(EndpointError, match="connection refused"):
            store.documents()
        server.start()
        assert sorted(map(str, RemoteStore(server.url, {}).quads(document_iri(LETTER.name)))) == before
    finally:
        server.stop()


def test_a_server_error_shows_the_servers_message() -> None:
    with answering_server(500, "Transaction log full: the disk is out of space") as url, \
            pytest.raises(EndpointError) as raised:
        RemoteStore(url, {})
    assert f"the SPARQL endpoint at {url}/query answered 500" in str(raised.value)
    assert "Transaction log full: the disk is out of space" in str(raised.value)


def test_a_refusal_names_the_credentials_to_set() -> None:
    with answering_server(401, "authentication required") as url, pytest.raises(EndpointError) as raised:
        RemoteStore(url, {})
    assert "answered 401" in str(raised.value) and "SGKG_USER" in str(raised.value)


def test_a_server_that_does_not_answer_times_out() -> None:
    with answering_server(200, "", delay=30) as url, pytest.raises(EndpointError) as raised:
        RemoteStore(url, {"SGKG_TIMEOUT": "0.5"})
    assert f"the SPARQL endpoint at {url}/query did not answer within 0.5 s" in str(raised.value)


@needs_oxigraph
def test_a_4xx_from_oxigraph_shows_its_message(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "db") as server:
        store = RemoteStore(server.url, {})
        with pytest.raises(EndpointError, match=r"answered 4\d\d .*: .+"):
            RemoteStore(server.url, {"SGKG_QUERY_URL": server.url + "/no-such-service"})
        with pytest.raises(SyntaxError):
            store.update("INSERT DATA { <http://example.org/a> }")


@needs_oxigraph
def test_a_load_cut_half_way_leaves_the_old_version(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "db") as server:
        direct = RemoteStore(server.url, {})
        direct.put_document(DOC, quads("v1", "old wording"))
        with cutting_proxy(server.port, cut_request_at=0.5) as proxy_url:
            through = RemoteStore(proxy_url, {})
            with pytest.raises(EndpointError, match="closed before it answered"):
                through.put_document(DOC, quads("v2", *(f"new wording {i}" for i in range(2000))))
        assert direct.document_sha256(DOC) == "v1"
        assert texts(direct) == ["old wording"]


@needs_oxigraph
def test_a_load_whose_answer_is_lost_is_complete(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "db") as server:
        direct = RemoteStore(server.url, {})
        direct.put_document(DOC, quads("v1", "old wording"))
        with cutting_proxy(server.port, drop_answer=True) as proxy_url:
            through = RemoteStore(proxy_url, {})
            with pytest.raises(EndpointError, match="closed before it answered"):
                through.put_document(DOC, quads("v2", *(f"new wording {i}" for i in range(2000))))
        assert direct.document_sha256(DOC) == "v2"
        assert len(texts(direct)) == 2000


def test_endpoint_urls_follow_each_servers_layout() -> None:
    oxigraph = endpoint_from("http://h:7878", {})
    assert (oxigraph.query_url, oxigraph.update_url, oxigraph.gsp_url, oxigraph.merged_graph) == \
        ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store", None)
    fuseki = endpoint_from("http://h:3030/kg", {})
    assert {fuseki.query_url, fuseki.update_url, fuseki.gsp_url} == {"http://h:3030/kg"}
    virtuoso = endpoint_from("http://h:8890/sparql-auth", {"SGKG_USER": "dba", "SGKG_PASSWORD": "pw"})
    assert (virtuoso.update_url, virtuoso.gsp_url) == ("http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth")
    assert virtuoso.merged_graph is not None and virtuoso.user == "dba"
    graphdb = endpoint_from("http://h:7200/repositories/kg", {"SGKG_TOKEN": "t", "SGKG_TIMEOUT": "5"})
    assert (graphdb.update_url, graphdb.gsp_url, graphdb.token, graphdb.timeout) == \
        ("http://h:7200/repositories/kg/statements", "http://h:7200/repositories/kg/rdf-graphs/service", "t", 5.0)
    custom = endpoint_from("https://kg.example/ds", {"SGKG_SERVER": "oxigraph", "SGKG_UPDATE_URL": "https://x/u"})
    assert (custom.query_url, custom.update_url) == ("https://kg.example/ds/query", "https://x/u")


# -- sgkg serve ---------------------------------------------------------------------------------


def _start_serve(store: Path, port: int, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    # The installed console script, run outside the checkout (so the installed package is the one imported).
    process = subprocess.Popen([str(Path(sys.executable).with_name("sgkg")), "serve", "--store", str(store),
                                "--port", str(port), *extra], env={**os.environ, **(env or {})}, cwd=store.parent,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    wait_for_port(port, process)
    return process


def _stop_serve(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the session this test started, by its id
        process.wait()
        raise


def _post(url: str, data: bytes, content_type: str, token: str | None = None) -> tuple[int, bytes]:
    headers = {"Content-Type": content_type, "Accept": "application/sparql-results+json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@needs_oxigraph
def test_serve_answers_queries_and_refuses_updates(tmp_path: Path) -> None:
    from safeguarding_kg.named_queries import get

    folder = tmp_path / "store"
    with GraphStore(folder) as store:
        load_paths(store, [SAMPLE / "solihull_inspection-and-lscb-review_2016.txt"])
        text = get("judgement-timeline").bound_text({"authority": "Solihull"})
        expected = run(store, text)
    port = free_port()
    process = _start_serve(folder, port)
    try:
        status, body = _post(f"http://127.0.0.1:{port}/query",
                             urllib.parse.urlencode({"query": _prologue() + text}).encode(),
                             "application/x-www-form-urlencoded")
        assert status == 200
        rows = json.loads(body)["results"]["bindings"]
        assert len(rows) == len(expected.rows) > 0
        assert {r["grade"]["value"] for r in rows} == {r["grade"].value for r in expected.rows}
        status, body = _post(f"http://127.0.0.1:{port}/update", b"DROP ALL", "application/sparql-update")
        assert status == 403 and b"read-only" in body
        with pytest.raises(StoreBusyError):
            GraphStore(folder)  # the served store is held by the server, never opened twice
        assert len(RemoteStore(f"http://127.0.0.1:{port}", {}).documents()) == 1  # read-only clients work
    finally:
        _stop_serve(process)
    assert process.returncode == 0, process.stderr.read().decode()
    with GraphStore(folder) as store:  # released on stop, and untouched
        assert len(store.documents()) == 1


@needs_oxigraph
def test_serve_read_write_takes_updates_only_with_the_token(tmp_path: Path) -> None:
    folder, port, token = tmp_path / "store", free_port(), "a-long-random-token"
    process = _start_serve(folder, port, "--read-write", env={"SGKG_SERVE_TOKEN": token})
    update = b"INSERT DATA { GRAPH <https://w3id.org/safeguarding-kg/id/document/x> { <http://a> <http://b> 1 } }"
    try:
        url = f"http://127.0.0.1:{port}"
        assert _post(url + "/update", update, "application/sparql-update")[0] == 401
        assert _post(url + "/update", update, "application/sparql-update", token="wrong")[0] == 401
        assert _post(url + "/update", update, "application/sparql-update", token=token)[0] in (200, 204)
        assert _post(url + "/update", b"DROP GRAPH <https://w3id.org/safeguarding-kg/id/document/x>",
                     "application/sparql-update", token=token)[0] in (200, 204)
        refused = load_paths(RemoteStore(url, {}), [LETTER])  # no token: the load fails, saying why
        assert refused[0].status == FAILED and "answered 401" in refused[0].reason
        reports = load_paths(RemoteStore(url, {"SGKG_TOKEN": token}), [LETTER])
        assert [r.status for r in reports] == [LOADED]
    finally:
        _stop_serve(process)
    with GraphStore(folder) as store:
        assert [d.source_file for d in store.documents()] == [LETTER.name]
        assert [r.status for r in load_paths(store, [LETTER])] == [UNCHANGED]


def test_serve_read_write_refuses_to_start_without_a_token(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "s"), "--read-write"],
                                env={"SGKG_SERVE_TOKEN": None})
    assert result.exit_code == 1 and "SGKG_SERVE_TOKEN" in result.output

