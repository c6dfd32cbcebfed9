"""A View → one self-contained HTML file: pyvis builds the vis-network data, our template draws it offline.

pyvis 0.3.2 defects and what we do about them:

* ``cdn_resources="in_line"`` still links Bootstrap from cdn.jsdelivr.net, and the ``local``
  mode makes ``write_html`` copy a ``lib/`` folder into the *current directory* (and the page
  then loads vis-network from cdnjs anyway). We never call ``write_html``/``show``: pyvis's
  ``Network`` only holds the nodes, edges and options, and :func:`render_html` fills our
  own template (``viz/template.html``) with vis-network's JS and CSS read from the pyvis
  package (``pyvis/templates/lib/vis-9.1.2``) and inlined. Nothing is fetched, ever.
* ``show()`` assumes a notebook (``notebook=True`` by default; in a script it renders a
  template that was never loaded): ``sgkg viz --open`` uses :mod:`webbrowser` on our file.
* ``add_node``/``add_edge`` look nodes up in a list (and edges, for undirected graphs),
  which is quadratic: 10,000 nodes take minutes. :class:`_Network` keeps a dict.
* a node ``title`` is shown by vis-network as HTML in its tooltip. We set no titles: the page
  builds its tooltip and details panel as DOM text nodes (``textContent``), see viewer.js.

Escaping: all data reaches the page as one JSON document in a
``<script type="application/json">`` element, with ``<``, ``>``, ``&`` and the JavaScript
line separators escaped as ``\\uXXXX`` so no text can close the element; the page reads it
with ``JSON.parse`` and only ever writes text with ``textContent``. vis-network draws labels
on a canvas, where markup is just characters. The page's Content-Security-Policy allows no
network access at all (``default-src 'none'``), a second line of defence.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from safeguarding_kg.viz import style
from safeguarding_kg.viz.chain import chain_layout, column_of
from safeguarding_kg.viz.escaping import json_for_html
from safeguarding_kg.viz.layout import layout
from safeguarding_kg.viz.views import View

VIS_VERSION = "vis-9.1.2"
# Above this many nodes, edges are hidden while dragging/zooming so the page stays fluid.
HIDE_EDGES_WHILE_MOVING = 800


def _network_class():
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    class _Network(Network):
        """pyvis's Network with dict lookups (pyvis 0.3.2 scans lists: quadratic in the graph's size)."""

        def add_node(self, n_id, label=None, shape="dot", color="#97c2fc", **options) -> None:
            if n_id in self.node_map:
                return
            node = Node(n_id, shape, label=label if label is not None else n_id, color=color, **options)
            self.nodes.append(node.options)
            self.node_ids.append(n_id)
            self.node_map[n_id] = node.options

        def add_edge(self, source, to, **options) -> None:
            if source not in self.node_map or to not in self.node_map:
                raise ValueError(f"edge between unknown nodes {source!r} → {to!r}")
            self.edges.append(Edge(source, to, directed=True, **options).options)

    return _Network


def build_network(view: View):
    """The view as a pyvis Network: positioned nodes styled by kind, labelled edges, physics off.
    A chain view (the inspection) also gets its fold nodes, and its folded nodes start hidden."""
    net = _network_class()(directed=True, cdn_resources="in_line", height="100%", width="100%")
    chain = chain_layout(view.graph) if view.chain else None
    positions = chain.positions if chain else layout(view.graph, view.timeline)
    hidden = chain.folded if chain else set()
    for node, data in view.graph.nodes(data=True):
        x, y = positions[node]
        extra = {"hidden": True, "folded": True} if node in hidden else {}
        if chain:
            extra["column"] = str(column_of(view.graph, node))
        net.add_node(node, label=data["label"], x=round(x, 1), y=round(y, 1), **node_style(data),
                     kind=data["kind"], fields=data["fields"], sources=data["sources"], **extra)
    for number, (source, target, data) in enumerate(view.graph.edges(data=True)):
        extra = {"hidden": True} if source in hidden or target in hidden else {}
        label = {} if view.chain else {"label": data["relation"]}  # a chain's edges say what they are on hover
        net.add_edge(source, target, id=number, relation=data["relation"], detail=data.get("detail", ""),
                     **label, **edge_style(data["relation"]), **extra)
    for fold in chain.folds if chain else []:
        x, y = chain.positions[fold.id]
        net.add_node(fold.id, label=fold.label, x=round(x, 1), y=round(y, 1), shape="box", kind="Fold",
                     fields=[["Folded", f"{len(fold.members)} more; click to show them"]], sources=[],
                     members=fold.members, column=str(fold.column), font={"color": "#222222"},
                     color={"background": "#f3f3f3", "border": "#888888"})
        if fold.parent is not None:
            net.add_edge(fold.parent, fold.id, id=f"fold:{fold.id}", relation=fold.label,
                         detail="click to unfold", **edge_style("fold"))
    net.options = vis_options(view.graph.number_of_nodes())
    if chain:
        net.options["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                                          "roundness": 0.5}
    net.rows = chain.row if chain else {}  # each column's row height, for unfolding in the page
    return net


def node_style(data: dict) -> dict:
    kind = style.KINDS[data["kind"]]
    fill = kind.colour
    if data["kind"] == "Judgement":
        fill = style.GRADE_COLOURS.get(data.get("grade") or "", kind.colour)
    elif data["kind"] == "Action":
        fill = style.STATUS_COLOURS.get(data.get("status") or "", kind.colour)
    elif data["kind"] == "Finding":
        fill = style.POLARITY_COLOURS.get(data.get("polarity") or "", kind.colour)
    border = style.OVERDUE_BORDER if data.get("overdue") else "#444444"
    inside = kind.shape in ("box", "ellipse")
    return {
        "shape": kind.shape, "size": kind.size,
        "color": {"background": fill, "border": border, "highlight": {"background": fill, "border": "#000000"},
                  "hover": {"background": fill, "border": "#000000"}},
        "borderWidth": 4 if data.get("overdue") else 1,
        "font": {"color": "#ffffff" if inside and kind.colour != style.KINDS["Concept"].colour else "#222222"},
    }


def edge_style(relation: str) -> dict:
    if relation == "fold":
        return {"color": {"color": "#bbbbbb"}, "dashes": [2, 4], "width": 1}
    if relation == "recurrence of":
        return {"color": {"color": style.RECURRENCE_EDGE}, "dashes": True, "width": 2}
    return {"color": {"color": style.EDGE_COLOUR}, "width": 1}


def vis_options(nodes: int) -> dict:
    large = nodes > HIDE_EDGES_WHILE_MOVING
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},  # vis would otherwise run its own O(n²) layout on load
        "interaction": {"hover": True, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "tooltipDelay": 200, "keyboard": {"enabled": True, "bindToWindow": False}},
        "nodes": {"font": {"size": 16, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 5}}},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "align": "middle"},
                  "scaling": {"label": {"drawThreshold": 7}}, "selectionWidth": 2},
    }


def legend(view: View) -> list[dict]:
    """Legend entries for what this view contains: kinds, then the colours used for grades, statuses, polarity."""
    graph = view.graph
    kinds = sorted({d["kind"] for _, d in graph.nodes(data=True)}, key=lambda k: list(style.KINDS).index(k))
    entries = [{"label": k, "colour": style.KINDS[k].colour, "shape": style.KINDS[k].shape} for k in kinds]
    for kind, attribute, colours, title in [("Judgement", "grade", style.GRADE_COLOURS, "grade"),
                                            ("Action", "status", style.STATUS_COLOURS, "action status"),
                                            ("Finding", "polarity", style.POLARITY_COLOURS, "finding polarity")]:
        present = {d.get(attribute) for _, d in graph.nodes(data=True) if d["kind"] == kind}
        for key, colour in colours.items():
            if key in present:
                entries.append({"label": f"{title}: {_words(key)}", "colour": colour,
                                "shape": style.KINDS[kind].shape})
        if kind == "Finding" and kind in kinds and None in present:
            entries.append({"label": "finding: polarity not classified", "colour": style.KINDS[kind].colour,
                            "shape": "dot"})
    if any(d.get("overdue") for _, d in graph.nodes(data=True)):
        entries.append({"label": "overdue action (thick red border)", "colour": "#ffffff",
                        "border": style.OVERDUE_BORDER, "shape": "triangleDown"})
    if any(rel == "recurrence of" for _, _, rel in graph.edges(data="relation")):
        entries.append({"label": "recurrence link (dashed red)", "colour": style.RECURRENCE_EDGE, "shape": "line"})
    return entries


def _words(camel: str) -> str:
    out = "".join(" " + c.lower() if c.isupper() else c for c in camel).strip()
    return out


def render_html(view: View, subtitle: str = "") -> str:
    """The complete page: template + inlined vis-network + our viewer script + the escaped data."""
    from jinja2 import Environment

    net = build_network(view)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    counts = {"nodes": view.graph.number_of_nodes(), "edges": view.graph.number_of_edges()}
    payload = {"title": view.title, "subtitle": subtitle, "notes": view.notes, "legend": legend(view),
               "nodes": nodes, "edges": edges, "options": json.loads(options), "rows": net.rows, "counts": counts}
    here = resources.files("safeguarding_kg.viz")
    environment = Environment(autoescape=True)
    template = environment.from_string(here.joinpath("template.html").read_text(encoding="utf-8"))
    return template.render(
        title=view.title,
        vis_js=_script_safe(_vis_asset("vis-network.min.js")),
        vis_css=_vis_asset("vis-network.css"),
        viewer_js=_script_safe(here.joinpath("viewer.js").read_text(encoding="utf-8")),
        viewer_css=here.joinpath("viewer.css").read_text(encoding="utf-8"),
        data_json=json_for_html(payload),
    )


def write_html(view: View, output: Path, subtitle: str = "") -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_html(view, subtitle), encoding="utf-8")
    return output


def _vis_asset(name: str):
    """vis-network as shipped inside the pyvis package (never fetched)."""
    from markupsafe import Markup

    path = resources.files("pyvis").joinpath("templates", "lib", VIS_VERSION, name)
    return Markup(path.read_text(encoding="utf-8"))


def _script_safe(code: str):
    from markupsafe import Markup

    if "</script" in code.lower():
        raise ValueError("inlined script contains '</script': it would end its element early")
    return Markup(code)
