"""Graph views without a browser: what each view contains (checked against SPARQL counts on the sample
corpus), filters and the node cap, escaping of document text, the page being self-contained, the CLI.

The browser half (rendering, search, no network, no script injection) is tests/test_viz_browser.py.
"""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad

from safeguarding_kg.cli import main
from safeguarding_kg.loading import load_paths
from safeguarding_kg.namespaces import RDF, SG, SGID, SKOS
from safeguarding_kg.store import GraphStore
from safeguarding_kg.viz import render, views
from safeguarding_kg.viz.layout import layout

REPO = Path(__file__).resolve().parent.parent
# The text seeds load in a second or two; the PDFs are left to the browser tests.
TEXT_SEEDS = ["solihull_inspection-and-lscb-review_2016.txt", "solihull_ilacs-action-plan_2020.txt",
              "solihull_unannounced-inspection-letter_2011.txt",
              "wolverhampton_corporate-parenting-board-pack_2017-05-18.txt"]
SIF_2016 = SGID.base + "inspection/E08000029/sif/2016-04-25"
ILACS_2019 = SGID.base + "inspection/E08000029/ilacs/2019-11-11"
SOLIHULL = SGID.base + "authority/E08000029"
HOSTILE = 'Neglect <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=1"> & </script>'


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> GraphStore:
    path = tmp_path_factory.mktemp("viz") / "store"
    with GraphStore(path) as s:
        reports = load_paths(s, [REPO / "sample-corpus" / name for name in TEXT_SEEDS])
        assert not [r for r in reports if r.failed]
        add_analysis_graph(s)
    s = GraphStore(path)
    yield s
    s.close()


def add_analysis_graph(store: GraphStore) -> None:
    """A small hand-written graph of a theme and two recurrence links, so the theme and recurrence views
    are tested on known answers whatever the classifier and the recurrence linker find."""
    graph = NamedNode("https://example.org/test/analysis")
    theme = NamedNode(SG.base + "TestThemeNeglect")
    finding_2011 = NamedNode(SGID.base + "inspection/E08000029/unannounced/2011-04-13/finding/area-for-development/4")
    finding_2016 = NamedNode(SIF_2016 + "/finding/42")
    rec_2016 = NamedNode(SIF_2016 + "/recommendation/1")
    triples = [
        (theme, RDF.type, SKOS.Concept), (theme, SKOS.inScheme, SG.Themes),
        (theme, SKOS.prefLabel, Literal("Test neglect", language="en")),
        (finding_2016, SG.theme, theme), (rec_2016, SG.theme, theme), (finding_2011, SG.theme, theme),
        (finding_2016, SG.recurrenceOf, finding_2011),
        (NamedNode(ILACS_2019 + "/recommendation/1"), SG.recurrenceOf, rec_2016),
    ]
    store.put_document(graph, [Quad(s, p, o, graph) for s, p, o in triples])


def kinds(view) -> dict[str, int]:
    """Nodes per kind, of a View or of a graph."""
    graph = view.graph if isinstance(view, views.View) else view
    counts: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def label(data: dict) -> str:
    return data["label"].replace("\n", " ")  # long labels are drawn on two lines


def count(store: GraphStore, pattern: str) -> int:
    return int(store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")[0]["n"].value)


# -- what the views contain ---------------------------------------------------------------


def test_authority_view_holds_its_inspections_judgements_recommendations_actions(store: GraphStore) -> None:
    view = views.authority_view(store, "Solihull")
    got = kinds(view)
    assert got["Authority"] == 1 and view.root == SOLIHULL
    assert got["Inspection"] == count(store, f"?x sg:inspectedAuthority <{SOLIHULL}>")
    assert got["Judgement"] == count(store, f"?x a sg:Judgement ; sg:ofInspection/sg:inspectedAuthority <{SOLIHULL}>")
    assert got["Recommendation"] == count(
        store, f"?x a sg:Recommendation ; sg:ofInspection/sg:inspectedAuthority <{SOLIHULL}>")
    assert got["Action"] == count(store, "?x a sg:Action") == 53
    assert got["Owner (post)"] == count(store, "?a a sg:Action ; sg:owner ?x")
    assert got["Theme"] == count(store, f"?r a sg:Recommendation ; sg:theme ?x ; "
                                        f"sg:ofInspection/sg:inspectedAuthority <{SOLIHULL}>")
    relations = {r for _, _, r in view.graph.edges(data="relation")}
    assert {"inspected", "judgement", "recommends", "answered by", "owned by", "theme", "recurrence of"} <= relations
    assert view.timeline


def test_overdue_actions_are_those_of_the_named_query(store: GraphStore) -> None:
    from safeguarding_kg.named_queries import get

    view = views.authority_view(store, "Solihull")
    overdue = {n for n, d in view.graph.nodes(data=True) if d.get("overdue")}
    rows = store.select(get("actions-overdue").bound_text({"authority": "Solihull"}))
    assert overdue == {r["action"].value for r in rows} and overdue
    # as of a later date more actions are overdue, never fewer
    later = views.authority_view(store, "Solihull", as_of="2030-01-01")
    assert overdue < {n for n, d in later.graph.nodes(data=True) if d.get("overdue")}


def test_inspection_view_findings_recommendations_and_sources(store: GraphStore) -> None:
    view = views.inspection_view(store, "Solihull/sif/2016-04-25")
    own = kinds(view.graph.subgraph(n for n, i in view.graph.nodes(data="inspection") if i == SIF_2016))
    assert own["Finding"] == count(store, f"?x a sg:Finding ; sg:ofInspection <{SIF_2016}>")
    assert own["Recommendation"] == count(store, f"?x a sg:Recommendation ; sg:ofInspection <{SIF_2016}>")
    assert own["Judgement"] == 7
    others = {n for n, i in view.graph.nodes(data="inspection") if i not in (SIF_2016, None) and n != SIF_2016}
    linked = {n for s, t, r in view.graph.edges(data="relation") if r == "recurrence of" for n in (s, t)}
    assert others <= linked  # items of other inspections are there only as recurrence links
    cites = count(store, f"?x sg:ofInspection <{SIF_2016}> ; sg:citesRecommendation ?r")
    assert sum(1 for _, _, r in view.graph.edges(data="relation") if r == "cites") >= 1 and cites >= 1
    finding = view.graph.nodes[SIF_2016 + "/finding/42"]
    polarity = store.select(f"SELECT ?p WHERE {{ <{SIF_2016}/finding/42> sg:polarity ?p }}")
    assert finding["label"] == "¶42"
    assert finding["polarity"] == (polarity[0]["p"].value.rsplit("#")[-1] if polarity else None)
    file, line, page = finding["sources"][0]
    assert file == "solihull_inspection-and-lscb-review_2016.txt" and line > 0 and page is None
    text = dict(finding["fields"])["Text"]
    assert text == store.select(f"SELECT ?t WHERE {{ <{SIF_2016}/finding/42> sg:text ?t }}")[0]["t"].value
    assert views.inspection_view(store, "sgid:inspection/E08000029/sif/2016-04-25").counts == view.counts


def test_unknown_inspection_lists_the_known_ones(store: GraphStore) -> None:
    with pytest.raises(views.ViewError, match="E08000029/sif/2016-04-25"):
        views.inspection_view(store, "Solihull/sif/1999-01-01")


def test_theme_view_from_a_hand_written_graph(store: GraphStore) -> None:
    view = views.theme_view(store, "test neglect")
    got = kinds(view)
    assert got == {"Theme": 1, "Finding": 2, "Recommendation": 1, "Inspection": 2, "Authority": 1}
    inspections = sorted(label(d) for _, d in view.graph.nodes(data=True) if d["kind"] == "Inspection")
    assert inspections == ["SIF Apr 2016", "Unannounced Apr 2011"]  # with the year
    only_2016 = views.theme_view(store, "TestThemeNeglect", start="2016-01-01")
    assert kinds(only_2016)["Inspection"] == 1
    with pytest.raises(views.ViewError, match="no theme 'nothing'"):
        views.theme_view(store, "nothing")


def test_recurrence_view_from_a_hand_written_graph(store: GraphStore) -> None:
    view = views.recurrence_view(store, authority="Solihull")
    recurrences = {(s, t) for s, t, r in view.graph.edges(data="relation") if r == "recurrence of"}
    finding_2011 = SGID.base + "inspection/E08000029/unannounced/2011-04-13/finding/area-for-development/4"
    assert (SIF_2016 + "/finding/42", finding_2011) in recurrences
    assert (ILACS_2019 + "/recommendation/1", SIF_2016 + "/recommendation/1") in recurrences
    in_store = {(r["x"].value, r["y"].value) for r in store.select(
        f"SELECT ?x ?y WHERE {{ ?x sg:recurrenceOf ?y . ?x sg:ofInspection/sg:inspectedAuthority <{SOLIHULL}> }}")}
    assert recurrences == in_store
    assert {"SIF Apr 2016", "Unannounced Apr 2011", "ILACS Nov 2019"} <= {
        label(d) for _, d in view.graph.nodes(data=True) if d["kind"] == "Inspection"}
    # the weaker same-area relation is drawn too, labelled as what it is: never as a recurrence
    same_area = {(s, t) for s, t, r in view.graph.edges(data="relation") if r == "same area only (not a recurrence)"}
    assert same_area == {(r["x"].value, r["y"].value) for r in store.select(
        f"SELECT ?x ?y WHERE {{ ?x sg:sameAreaAs ?y . ?x sg:ofInspection/sg:inspectedAuthority <{SOLIHULL}> }}")}
    assert same_area and not same_area & recurrences
    with pytest.raises(views.ViewError, match="no recurrence links match"):
        views.recurrence_view(store, authority="Solihull", framework="JTAI")


def test_views_say_when_their_data_is_absent(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "store") as bare:
        load_paths(bare, [REPO / "sample-corpus" / TEXT_SEEDS[2]])
        with pytest.raises(views.ViewError, match="no recurrence links in this store"):
            views.recurrence_view(bare)
        view = views.authority_view(bare, "Solihull")
        assert any("No recurrence links" in n for n in view.notes)
        assert any("No action plan" in n for n in view.notes)


def test_query_and_sparql_views(store: GraphStore) -> None:
    view = views.query_view(store, "judgement-timeline", {"authority": "Solihull"})
    got = kinds(view)
    assert got["Inspection"] == 2 and got["Authority"] == 1 and got["Concept"] >= 3  # frameworks, areas, grades
    construct = views.sparql_view(store, "CONSTRUCT { ?a sg:addresses ?r . ?a sg:dueText ?d } "
                                         "WHERE { ?a sg:addresses ?r ; sg:dueText ?d }", "test.rq")
    assert kinds(construct) == {"Action": 53, "Recommendation": 10}
    assert construct.graph.number_of_edges() == 53
    action = SGID.base + "plan/E08000029/ilacs/2019-11-11/action/4/6"
    assert any(k == "sg:dueText" for k, _ in construct.graph.nodes[action]["fields"])
    with pytest.raises(views.ViewError, match="ASK"):
        views.sparql_view(store, "ASK { ?s ?p ?o }", "ask.rq")


def test_period_framework_and_theme_filters(store: GraphStore) -> None:
    ilacs = views.authority_view(store, "Solihull", framework="ILACS")
    assert [label(d) for _, d in ilacs.graph.nodes(data=True) if d["kind"] == "Inspection"] == ["ILACS Nov 2019"]
    early = views.authority_view(store, "Solihull", end="2015-12-31")
    assert kinds(early).get("Recommendation", 0) == 0 and kinds(early)["Inspection"] == 1
    themed = views.authority_view(store, "Solihull", theme="Test neglect")
    assert kinds(themed)["Recommendation"] == 1 and "Action" not in kinds(themed)
    with pytest.raises(views.ViewError, match="no framework"):
        views.authority_view(store, "Solihull", framework="XYZ")


def test_node_type_filter_and_cap(store: GraphStore) -> None:
    view = views.authority_view(store, "Solihull")
    views.filter_kinds(view, exclude=["owner", "actions"])
    assert "Action" not in kinds(view) and "Owner (post)" not in kinds(view)
    views.filter_kinds(view, include=["inspection", "recommendation"])
    assert set(kinds(view)) == {"Inspection", "Recommendation"}
    with pytest.raises(views.ViewError, match="no node type"):
        views.filter_kinds(view, include=["spaceship"])
    with pytest.raises(views.ViewError, match=r"more than the cap of 10 .*--from/--to"):
        views.check_size(view, 10)


def test_layout_is_finite_and_never_stacks_two_nodes(store: GraphStore) -> None:
    for view in (views.authority_view(store, "Solihull"), views.inspection_view(store, "Solihull/sif/2016-04-25")):
        positions = layout(view.graph, view.timeline)
        assert set(positions) == set(view.graph)
        assert all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())
        assert len({(round(x), round(y)) for x, y in positions.values()}) == len(positions)


def test_inspection_chain_runs_left_to_right_folds_long_groups_and_reduces_crossings(store: GraphStore) -> None:
    from safeguarding_kg.viz import chain

    for inspection in (SIF_2016, ILACS_2019):
        view = views.inspection_view(store, inspection)
        laid = chain.chain_layout(view.graph)
        shown = {n: xy for n, xy in laid.positions.items() if n not in laid.folded}
        assert len({(round(x), round(y)) for x, y in shown.values()}) == len(shown)  # no two shown nodes stacked
        x_of: dict[str, set[float]] = {}
        for node, (x, _) in shown.items():
            if node in view.graph and chain.column_of(view.graph, node) != chain.EARLIER:
                x_of.setdefault(view.graph.nodes[node]["kind"], set()).add(x)
        order = [k for k in ("Inspection", "Judgement", "Finding", "Recommendation", "Action", "Owner (post)")
                 if k in x_of]
        assert all(len(x_of[k]) == 1 for k in order)  # one column per kind ...
        assert [min(x_of[k]) for k in order] == sorted(min(x_of[k]) for k in order)  # ... left to right
        for fold in laid.folds:  # a fold hides what its group holds beyond its first members, and says how many
            assert fold.label.startswith(f"+{len(fold.members)} ")
        # the barycentre sweeps cross fewer edges than the nodes in their natural order (46 -> 0 for SIF 2016)
        kept = view.graph.subgraph([n for n in view.graph if n not in laid.folded]).copy()
        ordered = chain._order(kept)
        natural = {c: sorted(nodes, key=lambda n: (kept.nodes[n]["sort"], n)) for c, nodes in ordered.items()}
        undirected = kept.to_undirected()
        assert chain._crossings(undirected, ordered) < chain._crossings(undirected, natural)
    folds = chain.chain_layout(views.inspection_view(store, SIF_2016).graph).folds
    assert any(f.label.endswith(" findings") for f in folds)


# -- the page -------------------------------------------------------------------------------


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="sgkg-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


class ElementCounter(HTMLParser):
    """Counts script and img elements the way an HTML parser sees them (script bodies are not markup)."""

    @classmethod
    def of(cls, html: str) -> dict[str, int]:
        parser = cls()
        parser.counts = {}
        parser.feed(html)
        return parser.counts

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "img", "iframe", "object"):
            self.counts[tag] = self.counts.get(tag, 0) + 1


def hostile_view(store: GraphStore) -> views.View:
    view = views.inspection_view(store, "Solihull/sif/2016-04-25")
    node = view.graph.nodes[SIF_2016 + "/finding/42"]
    node["fields"] = [*node["fields"], ("Text", HOSTILE)]
    node["label"] = "<b>¶42</b>"
    view.title = "<script>window.__pwned=1</script>"
    return view


def test_document_text_cannot_break_out_of_the_page(store: GraphStore) -> None:
    html = render.render_html(hostile_view(store))
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    # as a browser parses it: exactly our three script elements (data, vis-network, viewer) and no image
    assert ElementCounter.of(html) == {"script": 3} and html.count("</script>") == 3
    data = page_data(html)
    node = next(n for n in data["nodes"] if n["id"] == SIF_2016 + "/finding/42")
    assert ["Text", HOSTILE] in node["fields"] and node["label"] == "<b>¶42</b>"  # the text itself, unchanged
    assert "<title>&lt;script&gt;" in html
    assert all("title" not in n for n in data["nodes"])  # vis-network would render a title string as HTML


def test_page_is_self_contained(store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # pyvis's write_html would drop a lib/ folder here
    html = render.render_html(views.authority_view(store, "Solihull"))
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html
    assert "default-src 'none'" in html
    assert "vis.Network" in html and list(tmp_path.iterdir()) == []
    data = page_data(html)
    assert data["counts"] == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float | int) for n in data["nodes"])
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])
    assert {e["label"] for e in data["legend"]} >= {"Inspection", "Recommendation", "grade: good",
                                                      "overdue action (thick red border)"}


def test_pyvis_network_keeps_every_node_and_edge(store: GraphStore) -> None:
    view = views.authority_view(store, "Solihull")
    net = render.build_network(view)
    assert len(net.nodes) == view.graph.number_of_nodes() and len(net.edges) == view.graph.number_of_edges()


# -- the command line ---------------------------------------------------------------------------


def test_cli_writes_the_page_and_refuses_over_the_cap(tmp_path: Path) -> None:
    copy = tmp_path / "store"
    with GraphStore(copy) as own:  # the CLI opens the store itself: one opener at a time
        load_paths(own, [REPO / "sample-corpus" / TEXT_SEEDS[0]])
    runner = CliRunner()
    out = tmp_path / "solihull.html"
    result = runner.invoke(main, ["viz", "authority", "Solihull", "--store", str(copy), "-o", str(out),
                                  "--hide", "owner"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "nodes" in result.output
    result = runner.invoke(main, ["viz", "inspection", "Solihull/sif/2016-04-25", "--store", str(copy),
                                  "--max-nodes", "20", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1 and "more than the cap of 20" in result.output
    assert not (tmp_path / "x.html").exists()
    result = runner.invoke(main, ["viz", "recurrence", "--store", str(copy), "-o", str(out)])
    assert result.exit_code == 1 and "no recurrence links" in result.output
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?i ?a WHERE { ?i sg:inspectedAuthority ?a }")
    result = runner.invoke(main, ["viz", "sparql", str(rq), "--store", str(copy), "-o", str(out)])
    assert result.exit_code == 0, result.output
