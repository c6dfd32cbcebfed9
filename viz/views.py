"""The views: SPARQL over the store → a networkx graph whose nodes carry everything the page shows.

A view query (``viz/*.rq``, same header style as ``queries/``) gives rows; its ``# @edge``
lines say which columns make an edge (``# @edge source ?relation target`` takes the
relation from a column, ``# @edge item "theme" theme`` names it). Every node is then
*described* in bulk (class, label parts, text, grade, status, due date, themes, polarity,
and the document, line and page it was read from), so all views share one look.

Nothing here knows HTML: escaping happens where text meets the page (render.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

import networkx as nx
from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, QueryTriples

from safeguarding_kg.named_queries import NamedQuery, QueryParameterError, parse_header
from safeguarding_kg.namespaces import SG
from safeguarding_kg.results import short_iri
from safeguarding_kg.store import GraphStore
from safeguarding_kg.viz import style
from safeguarding_kg.viz.describe import describe_nodes, iri_values

#: Views larger than this are refused with a message saying how to narrow them. Measured (bench/viz_open.py):
#: 2,000 nodes drawn in about 1 s and searchable in 1.5 s in headless Chromium on 2 cores.
DEFAULT_MAX_NODES = 2000



class ViewError(ValueError):
    """A view that cannot be drawn (unknown name, missing data, too large); the message says what to do."""


@dataclass
class View:
    """A drawable subgraph: nodes keyed by IRI with attributes ``kind``, ``label``, ``fields``
    (label, value pairs for the details panel), ``sources`` ((file, line, page) triples),
    ``colour``, ``overdue``, ``column``; edges keyed by relation with attribute ``relation``."""

    name: str
    title: str
    graph: nx.MultiDiGraph
    notes: list[str] = field(default_factory=list)
    root: str | None = None
    timeline: bool = False  # lay inspections out left to right by date
    chain: bool = False  # lay kinds out left to right: finding → recommendation → action → owner (viz/chain.py)

    @property
    def counts(self) -> tuple[int, int]:
        return self.graph.number_of_nodes(), self.graph.number_of_edges()


# -- view queries -----------------------------------------------------------------------

EDGE_LINE = re.compile(r'#\s*@edge\s+(\w+)\s+(\?\w+|"[^"]+")\s+(\w+)\s*$')


@dataclass(frozen=True)
class ViewQuery:
    query: NamedQuery
    edges: tuple[tuple[str, str, str], ...]

    def rows(self, store: GraphStore, values: dict[str, str]) -> list[dict]:
        return store.select(self.query.bound_text(values))


def view_query(name: str) -> ViewQuery:
    text = resources.files("safeguarding_kg.viz").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    edges = tuple(m.groups() for m in map(EDGE_LINE.match, text.splitlines()) if m)
    return ViewQuery(parse_header(name, text), edges)


def edges_from_rows(rows: Iterable[dict], spec: Iterable[tuple[str, str, str]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    spec = list(spec)
    for row in rows:
        for source, relation, target in spec:
            s, t = row.get(source), row.get(target)
            label = row.get(relation[1:]) if relation.startswith("?") else Literal(relation.strip('"'))
            if s is not None and t is not None and label is not None:
                add_edge(graph, _key(s), label.value, _key(t))
    return graph


def add_edge(graph: nx.MultiDiGraph, source: str, relation: str, target: str) -> None:
    if source != target:
        graph.add_edge(source, target, key=relation, relation=relation)


def _key(term: NamedNode | BlankNode | Literal) -> str:
    return term.value if isinstance(term, NamedNode) else f"_:{term.value}"


# -- the views --------------------------------------------------------------------------


def authority_view(store: GraphStore, authority: str, *, start: str | None = None, end: str | None = None,
                   framework: str | None = None, theme: str | None = None, as_of: str | None = None) -> View:
    query = view_query("authority")
    framework = framework_iri(framework)
    values = _present(authority=authority, **{"from": start, "to": end, "framework": framework})
    root = _term(query, "authority", authority).value
    graph = edges_from_rows(query.rows(store, values), query.edges)
    name = _label_of(store, root) or authority
    view = View("authority", f"{name}: inspections, judgements, recommendations and actions", graph, root=root,
                timeline=True)
    if not graph:
        raise ViewError(f"no inspection of {name} in the store{_filters_text(start, end, framework)} "
                        "(see `sgkg docs`; widen --from/--to or drop --framework)")
    describe(store, view, as_of)
    _note_missing(view, store)
    if theme:
        _keep_theme(view, resolve_theme(store, theme))
    return view


def inspection_view(store: GraphStore, inspection: str, *, as_of: str | None = None) -> View:
    query = view_query("inspection")
    iri = resolve_inspection(store, inspection)
    graph = edges_from_rows(query.rows(store, {"inspection": iri}), query.edges)
    # A finding hangs under the judgement of its area where there is one, else under the inspection.
    under_judgement = {t for s, t, r in graph.edges(data="relation") if r == "finding" and s != iri}
    graph.remove_edges_from([(iri, t, "finding") for t in under_judgement if graph.has_edge(iri, t, "finding")])
    if not graph:
        raise ViewError(f"inspection {short_iri(iri)} has nothing to draw")
    view = View("inspection", "", graph, root=iri, chain=True)
    describe(store, view, as_of)
    view.title = f"{view.graph.nodes[iri]['label']} ({_authority_names(view)}): findings, recommendations, actions"
    if not any(d.get("polarity") for _, d in view.graph.nodes(data=True)):
        view.notes.append("Findings are not classified by polarity in this store (sg:polarity absent): "
                          "they are drawn in one neutral colour.")
    _note_missing(view, store, themes=False)
    return view


def theme_view(store: GraphStore, theme: str, *, authority: str | None = None, start: str | None = None,
               end: str | None = None, framework: str | None = None) -> View:
    theme_iri, theme_label = resolve_theme(store, theme)
    framework = framework_iri(framework)
    query = view_query("theme")
    values = _present(theme=theme_iri, authority=authority, **{"from": start, "to": end, "framework": framework})
    graph = edges_from_rows(query.rows(store, values), query.edges)
    if not graph:
        raise ViewError(f"no finding or recommendation has the theme {theme_label!r}"
                        f"{_filters_text(start, end, framework)}")
    view = View("theme", f"Theme: {theme_label}: where it appears", graph, root=theme_iri, timeline=True)
    describe(store, view)
    return view


def recurrence_view(store: GraphStore, *, authority: str | None = None, start: str | None = None,
                    end: str | None = None, framework: str | None = None) -> View:
    if not _exists(store, "?x sg:recurrenceOf ?y"):
        raise ViewError("no recurrence links in this store: sg:recurrenceOf is added by recurrence linking "
                        "(safeguarding_kg/linking_recurrence.py) after a load; nothing to draw")
    query = view_query("recurrence")
    framework = framework_iri(framework)
    values = _present(authority=authority, **{"from": start, "to": end, "framework": framework})
    graph = edges_from_rows(query.rows(store, values), query.edges)
    if not graph:
        raise ViewError("no recurrence links match" + (f" {authority}" if authority else "")
                        + _filters_text(start, end, framework))
    title = "Recurring recommendations and weaknesses" + (f": {authority}" if authority else "")
    view = View("recurrence", title, graph, timeline=True)
    describe(store, view)
    return view


def query_view(store: GraphStore, name: str, params: dict[str, str]) -> View:
    from safeguarding_kg.named_queries import get

    text = get(name).bound_text(params)
    return sparql_view(store, text, f"query {name}", name="query")


def sparql_view(store: GraphStore, sparql: str, source_name: str, *, name: str = "sparql") -> View:
    """Any CONSTRUCT/DESCRIBE result (triples between resources are edges, literals become details) or
    SELECT result (its resources, with the store's triples between them as edges; resources of one
    row that no triple links are joined by a "same row" edge from the row's first resource)."""
    from safeguarding_kg.results import QuerySyntaxError, _syntax_message

    try:
        result = store.query(sparql)
    except SyntaxError as e:
        raise QuerySyntaxError(_syntax_message(source_name, sparql, str(e))) from None
    graph = nx.MultiDiGraph()
    literals: dict[str, list[tuple[str, str]]] = {}
    if isinstance(result, QueryTriples):
        for triple in result:
            s = _key(triple.subject)
            if isinstance(triple.object, Literal):
                literals.setdefault(s, []).append((short_iri(triple.predicate.value), triple.object.value))
                graph.add_node(s)
            else:
                add_edge(graph, s, short_iri(triple.predicate.value), _key(triple.object))
    elif isinstance(result, QuerySolutions):
        _graph_from_solutions(store, result, graph)
    else:
        raise ViewError(f"{source_name}: an ASK query has no graph to draw (use SELECT or CONSTRUCT)")
    if not graph:
        raise ViewError(f"{source_name}: the query returned no resources to draw")
    view = View(name, f"{source_name}", graph)
    describe(store, view)
    for node, extra in literals.items():
        view.graph.nodes[node]["fields"] += [(p, v) for p, v in extra]
    return view


def _graph_from_solutions(store: GraphStore, result: QuerySolutions, graph: nx.MultiDiGraph) -> None:
    columns = [v.value for v in result.variables]
    rows = [[row[c] for c in columns if isinstance(row[c], NamedNode)] for row in result]
    for row in rows:
        for term in row:
            graph.add_node(term.value)
    nodes = list(graph.nodes)
    for start in range(0, len(nodes), 400):
        chunk = iri_values(nodes[start:start + 400])
        for r in store.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {chunk} }} ?s ?p ?o . FILTER(isIRI(?o)) }}"):
            if r["o"].value in graph and r["p"].value != style.RDF_TYPE:
                add_edge(graph, r["s"].value, short_iri(r["p"].value), r["o"].value)
    for row in rows:
        first = row[0].value if row else None
        for term in row[1:]:
            if not nx.has_path(graph.to_undirected(as_view=True), first, term.value):
                add_edge(graph, first, "same row", term.value)


# -- describing nodes -------------------------------------------------------------------


def describe(store: GraphStore, view: View, as_of: str | None = None) -> None:
    """Fill every node's attributes from the store (describe.py), and the recurrence links' details."""
    for node, attributes in describe_nodes(store, view.graph.nodes, as_of).items():
        view.graph.nodes[node].update(attributes)
    _describe_recurrence(store, view)


def _describe_recurrence(store: GraphStore, view: View) -> None:
    """Each "recurrence of" edge gets what its sg:RecurrenceLink says: the score and the linker's reason."""
    pairs = [(s, t) for s, t, r in view.graph.edges(data="relation") if r == "recurrence of"]
    later = sorted({s for s, _ in pairs})
    details: dict[tuple[str, str], str] = {}
    for start in range(0, len(later), 400):
        chunk = iri_values(later[start:start + 400])
        for r in store.select(f"""SELECT ?later ?earlier (MAX(?score) AS ?best) (SAMPLE(?why) AS ?reason)
                                  WHERE {{ VALUES ?later {{ {chunk} }} ?link sg:later ?later ; sg:earlier ?earlier ;
                                           sg:score ?score . OPTIONAL {{ ?link sg:reason ?why }} }}
                                  GROUP BY ?later ?earlier"""):
            reason = f"; {r['reason'].value}" if "reason" in r else ""
            details[r["later"].value, r["earlier"].value] = f"score {float(r['best'].value):.2f}{reason}"
    for s, t in pairs:
        if (s, t) in details:
            view.graph.edges[s, t, "recurrence of"]["detail"] = details[s, t]


# -- filters ----------------------------------------------------------------------------


def filter_kinds(view: View, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> None:
    """Keep only nodes of the kinds included (all when none given), then drop the kinds excluded.
    Kinds are matched by their legend name, case and plural ignored ("recommendations", "owner")."""
    def match(names: Iterable[str]) -> set[str]:
        wanted = set()
        for name in names:
            found = [k for k in style.KINDS if _fold(k).startswith(_fold(name).removesuffix("s"))]
            if not found:
                raise ViewError(f"no node type {name!r}; types: {', '.join(style.KINDS)}")
            wanted.update(found)
        return wanted

    keep, drop = match(include), match(exclude)
    removed = [n for n, kind in view.graph.nodes(data="kind") if (keep and kind not in keep) or kind in drop]
    view.graph.remove_nodes_from(removed)
    if removed:
        view.notes.append(f"{len(removed)} nodes hidden by the node-type filter.")


def check_size(view: View, max_nodes: int = DEFAULT_MAX_NODES) -> None:
    nodes = view.graph.number_of_nodes()
    if nodes > max_nodes:
        raise ViewError(
            f"the {view.name} view has {nodes:,} nodes, more than the cap of {max_nodes:,} "
            "(a page that size opens slowly and is unreadable). Narrow it: --from/--to (a period), "
            "--framework, --theme, --types/--hide (node types), or --authority; or raise --max-nodes.")


def _keep_theme(view: View, theme: tuple[str, str]) -> None:
    iri, label = theme
    graph = view.graph
    themed = [n for n, d in graph.nodes(data=True) if d["kind"] in ("Recommendation", "Finding")]
    graph.remove_nodes_from([n for n in themed if iri not in graph.nodes[n]["themes"]])
    _prune_to_root(view)
    view.notes.append(f"Only recommendations and findings with the theme {label!r}.")


def _prune_to_root(view: View) -> None:
    if view.root in view.graph:
        keep = nx.node_connected_component(view.graph.to_undirected(as_view=True), view.root)
        view.graph.remove_nodes_from([n for n in list(view.graph) if n not in keep])


def _note_missing(view: View, store: GraphStore, themes: bool = True) -> None:
    """Say on the page what the view would show if the store had it."""
    if themes and not _exists(store, "?x sg:theme ?t"):
        view.notes.append("No themes in this store (sg:theme absent): theme nodes are not drawn.")
    if not _exists(store, "?x sg:recurrenceOf ?y"):
        view.notes.append("No recurrence links in this store (sg:recurrenceOf absent).")
    if view.name == "authority" and not any(k == "Action" for _, k in view.graph.nodes(data="kind")):
        view.notes.append("No action plan answering these inspections is loaded: no actions drawn.")


# -- resolving names ----------------------------------------------------------------------


def resolve_theme(store: GraphStore, name: str) -> tuple[str, str]:
    """A theme concept by IRI, prefixed name, local name or label (case ignored)."""
    rows = store.select(f"""SELECT DISTINCT ?theme (SAMPLE(?l) AS ?label) (GROUP_CONCAT(?alt; separator="|") AS ?alts)
        WHERE {{ {{ ?x sg:theme ?theme }} UNION {{ ?theme skos:inScheme {SG.Themes} }}
                 OPTIONAL {{ ?theme skos:prefLabel ?l }} OPTIONAL {{ ?theme skos:altLabel ?alt }} }}
        GROUP BY ?theme""")
    if not rows:
        raise ViewError("no themes in this store: sg:theme and the sg:Themes scheme come from the themes step "
                        "(ontology/themes.ttl, safeguarding_kg/themes.py); nothing to draw")
    wanted = _fold(name.removeprefix("sg:"))
    for r in rows:
        iri, label = r["theme"].value, r["label"].value if "label" in r else style.local_name(r["theme"].value)
        names = {iri, style.local_name(iri), label, *r["alts"].value.split("|")} if "alts" in r else {
            iri, style.local_name(iri), label}
        if wanted in {_fold(n) for n in names if n} or name == iri:
            return iri, label
    known = sorted(r["label"].value if "label" in r else style.local_name(r["theme"].value) for r in rows)
    raise ViewError(f"no theme {name!r}; themes: {', '.join(known)}")


def resolve_inspection(store: GraphStore, ident: str) -> str:
    """An inspection by IRI, ``sgid:inspection/…``, or ``AUTHORITY/framework/date`` (authority by name or GSS)."""
    from safeguarding_kg.authorities import by_gss, resolve
    from safeguarding_kg.namespaces import SGID_BASE

    text = ident.strip()
    if text.startswith("sgid:"):
        text = SGID_BASE + text.removeprefix("sgid:")
    elif not text.startswith("http"):
        path = text.removeprefix("inspection/").split("/")
        if len(path) >= 3:
            authority = by_gss(path[0]) or resolve(path[0])
            if authority is not None:
                path[0] = authority.iri.value.rsplit("/", 1)[-1]
        text = SGID_BASE + "inspection/" + "/".join(path)
    if not _exists(store, f"{NamedNode(text)} a sg:Inspection"):
        known = [r["i"].value.removeprefix(SGID_BASE + "inspection/")
                 for r in store.select("SELECT ?i WHERE { ?i a sg:Inspection } ORDER BY ?i")]
        raise ViewError(f"no inspection {ident!r} in the store; give one of: {', '.join(known) or '(none loaded)'}")
    return text


def _term(query: ViewQuery, name: str, raw: str) -> NamedNode:
    from safeguarding_kg.named_queries import to_term

    try:
        term = to_term(query.query.parameter(name), raw)
    except QueryParameterError as e:
        raise ViewError(str(e)) from None
    assert isinstance(term, NamedNode)
    return term


def framework_iri(name: str | None) -> str | None:
    """A framework concept from "SIF", "sg:SIF", a slug ("focused-visit"), a short name or an IRI."""
    if not name:
        return None
    if name.startswith(("http://", "https://")):
        return name
    wanted = _fold(name.removeprefix("sg:"))
    for local, short in style.FRAMEWORK_SHORT.items():
        if wanted in (_fold(local), _fold(short)):
            return SG[local].value
    raise ViewError(f"no framework {name!r}; frameworks: {', '.join(style.FRAMEWORK_SHORT)}")


def _present(**values: str | None) -> dict[str, str]:
    return {k: v for k, v in values.items() if v}


def _exists(store: GraphStore, pattern: str) -> bool:
    return bool(store.query(f"ASK {{ {pattern} }}"))


def _label_of(store: GraphStore, iri: str) -> str | None:
    rows = store.select(f"SELECT ?l WHERE {{ {NamedNode(iri)} skos:prefLabel ?l }} LIMIT 1")
    return rows[0]["l"].value if rows else None


def _authority_names(view: View) -> str:
    names = sorted({d["label"] for _, d in view.graph.nodes(data=True) if d["kind"] == "Authority"})
    return ", ".join(names) or "authority not recorded"




def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())








def _filters_text(start: str | None, end: str | None, framework: str | None) -> str:
    parts = [f"from {start}" if start else "", f"to {end}" if end else "",
             f"under {short_iri(framework) if framework.startswith('http') else framework}" if framework else ""]
    shown = " ".join(p for p in parts if p)
    return f" ({shown})" if shown else ""

