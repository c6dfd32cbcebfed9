"""Positions computed in Python, so the browser draws at once with physics off.

Why not a force layout: vis-network's physics needs ~28 s before a 500-node graph first
appears (headless Chromium, 2 cores), and networkx's spring layout is O(n²) per iteration
without scipy. Our graphs are hierarchical (authority → inspection → judgement /
recommendation → action → owner), so a layered layout is both faster (linear after sorting)
and easier to read:

* **timeline** views (authority, theme, recurrence): one column per inspection, left to
  right by start date; inside a column, one band per kind of node (judgements above
  recommendations above actions), wrapped into a small grid. Nodes shared between
  inspections (the authority, themes, owners) sit in a band of their own above or below,
  each at the mean x of its neighbours.
* **layered** views (inspection, query, sparql): one band per kind, nodes ordered by the
  mean x of their already-placed neighbours (one barycentre sweep), long bands wrapped
  into rows.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from safeguarding_kg.viz import style

SLOT = 64           # horizontal distance between neighbouring nodes
WIDE_SLOT = 150     # for kinds whose labels are long (owners, themes, judgements)
ROW = 64            # vertical distance between rows of one band
BAND_GAP = 70       # extra space between bands
COLUMN_GAP = 120    # between inspection columns
WIDE_KINDS = {"Owner (post)", "Theme", "Judgement", "Authority", "Inspection", "Safeguarding board", "Service",
              "Concept", "Document", "Committee", "Other", "Person"}
MEDIUM_SLOT = 90    # "Action 10.2", "Outcome 9.2"
MEDIUM_KINDS = {"Action", "Expected outcome", "Agenda item", "Resolution", "Meeting"}
SHARED_TOP = {"Authority", "Safeguarding board"}


def layout(graph: nx.MultiDiGraph, timeline: bool) -> dict[str, tuple[float, float]]:
    """x, y for every node (canvas units; vis-network fits the view to them)."""
    if not graph:
        return {}
    columns = _columns(graph) if timeline else {}
    if timeline and columns:
        return _timeline(graph, columns)
    return _layered(graph)


def _slot(kind: str) -> int:
    return WIDE_SLOT if kind in WIDE_KINDS else MEDIUM_SLOT if kind in MEDIUM_KINDS else SLOT


def _band(graph: nx.MultiDiGraph, node: str) -> int:
    return style.KINDS[graph.nodes[node]["kind"]].band


def _sorted(graph: nx.MultiDiGraph, nodes) -> list[str]:
    return sorted(nodes, key=lambda n: (graph.nodes[n]["sort"], n))


# -- timeline ---------------------------------------------------------------------------


def _columns(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Column of each node that belongs to one inspection: the inspection's rank by start date."""
    inspections = [n for n, kind in graph.nodes(data="kind") if kind == "Inspection"]
    if not inspections:
        return {}
    order = sorted(inspections, key=lambda n: (graph.nodes[n].get("start") or "", n))
    rank = {n: i for i, n in enumerate(order)}
    column: dict[str, int] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] in SHARED_TOP | {"Theme", "Owner (post)", "Service", "Concept"}:
            continue
        if data.get("inspection") in rank:
            column[node] = rank[data["inspection"]]
    # Actions, outcomes and the like belong where the recommendation they answer belongs.
    undirected = graph.to_undirected(as_view=True)
    for _ in range(2):
        for node, data in graph.nodes(data=True):
            if node in column or data["kind"] in SHARED_TOP | {"Theme", "Owner (post)", "Service", "Concept"}:
                continue
            placed = [column[m] for m in undirected.neighbors(node) if m in column]
            if placed:
                column[node] = min(placed)
    return column


def _timeline(graph: nx.MultiDiGraph, column: dict[str, int]) -> dict[str, tuple[float, float]]:
    by_column: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for node, c in column.items():
        by_column[c][_band(graph, node)].append(node)
    bands = sorted({b for c in by_column.values() for b in c})
    # Inside a column each band is a small grid, taller than wide, centred on the column.
    grids = {(c, b): _grid(graph, nodes) for c, col in by_column.items() for b, nodes in col.items()}
    rows_in_band = {b: max(grids[c, b][1] for c in by_column if (c, b) in grids) for b in bands}
    top = ROW + BAND_GAP  # room for the shared top band
    band_y, y = {}, top
    for b in bands:
        band_y[b] = y
        y += rows_in_band[b] * ROW + BAND_GAP
    positions: dict[str, tuple[float, float]] = {}
    x0 = 0.0
    for c in sorted(by_column):
        width = max((across - 1) * slot for (c2, _), (across, _, slot) in grids.items() if c2 == c)
        for b, nodes in by_column[c].items():
            across, _, slot = grids[c, b]
            left = x0 + (width - (min(across, len(nodes)) - 1) * slot) / 2
            for i, node in enumerate(_sorted(graph, nodes)):
                positions[node] = (left + (i % across) * slot, band_y[b] + (i // across) * ROW)
        x0 += width + COLUMN_GAP
    shared = [n for n in graph if n not in positions]
    _place_shared(graph, shared, positions, top_y=0.0, bottom_y=y)
    return positions


def _grid(graph: nx.MultiDiGraph, nodes: list[str]) -> tuple[int, int, int]:
    """(across, rows, slot) of a block of nodes: about twice as tall as wide in nodes."""
    across = max(1, min(len(nodes), math.ceil(math.sqrt(len(nodes) * 0.6))))
    slot = max(_slot(graph.nodes[n]["kind"]) for n in nodes)
    return across, math.ceil(len(nodes) / across), slot


def _place_shared(graph: nx.MultiDiGraph, shared: list[str], positions: dict, top_y: float, bottom_y: float) -> None:
    """Shared nodes in a row above (authorities) or below (themes, owners) at their neighbours' mean x."""
    undirected = graph.to_undirected(as_view=True)
    top = [n for n in shared if graph.nodes[n]["kind"] in SHARED_TOP]
    bottom_groups: dict[int, list[str]] = defaultdict(list)
    for n in shared:
        if n not in top:
            bottom_groups[_band(graph, n)].append(n)
    _spread_row(graph, top, positions, undirected, top_y)
    y = bottom_y
    for band in sorted(bottom_groups):
        rows = _spread_row(graph, bottom_groups[band], positions, undirected, y)
        y += rows * ROW + BAND_GAP


def _spread_row(graph, nodes: list[str], positions: dict, undirected, y: float) -> int:
    """Place nodes at their neighbours' mean x, then push apart so they keep one slot between them;
    more than 16 nodes wrap onto further rows. Returns the number of rows used."""
    if not nodes:
        return 0
    def mean_x(n: str) -> float:
        xs = [positions[m][0] for m in undirected.neighbors(n) if m in positions]
        return sum(xs) / len(xs) if xs else 0.0
    wanted = sorted(((mean_x(n), n) for n in nodes), key=lambda t: (t[0], graph.nodes[t[1]]["sort"]))
    per_row = 16
    for start in range(0, len(wanted), per_row):
        row = wanted[start:start + per_row]
        last = -math.inf
        for x, n in row:
            x = max(x, last + _slot(graph.nodes[n]["kind"]))
            positions[n] = (x, y + (start // per_row) * ROW)
            last = x
    return math.ceil(len(wanted) / per_row)


# -- layered ----------------------------------------------------------------------------


def _layered(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Bands top to bottom; in each band, a node joins the block of its parent (its nearest placed
    neighbour above), and each block is a small grid centred under that parent where room allows."""
    bands: dict[int, list[str]] = defaultdict(list)
    for node in graph:
        bands[_band(graph, node)].append(node)
    undirected = graph.to_undirected(as_view=True)
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for band in sorted(bands):
        blocks: dict[str | None, list[str]] = defaultdict(list)
        for node in _sorted(graph, bands[band]):
            blocks[_parent(node, undirected, positions)].append(node)
        order = sorted(blocks, key=lambda p: (p is None, positions[p][0] if p is not None else 0.0))
        slot = max(_slot(graph.nodes[n]["kind"]) for n in bands[band])
        cursor, rows, placed = -math.inf, 1, {}
        for parent in order:
            nodes = blocks[parent]
            across = min(len(nodes), max(1, math.ceil(math.sqrt(len(nodes) * 0.8))) if parent else 12)
            width = (across - 1) * slot
            after = cursor if cursor > -math.inf else 0.0
            centre = positions[parent][0] if parent is not None else after + width / 2 + slot
            left = max(centre - width / 2, cursor + slot)
            for i, node in enumerate(nodes):
                placed[node] = (left + (i % across) * slot, y + (i // across) * ROW)
            cursor = left + width + slot * 0.5
            rows = max(rows, math.ceil(len(nodes) / across))
        if not positions:  # centre the first band on 0
            shift = -(max(x for x, _ in placed.values()) + min(x for x, _ in placed.values())) / 2
            placed = {n: (x + shift, y_) for n, (x, y_) in placed.items()}
        positions.update(placed)
        y += rows * ROW + BAND_GAP
    return positions


def _parent(node: str, undirected, positions: dict) -> str | None:
    """The placed neighbour in the nearest band above (lowest on the page), leftmost on ties."""
    placed = [m for m in undirected.neighbors(node) if m in positions]
    if not placed:
        return None
    return max(placed, key=lambda m: (positions[m][1], -positions[m][0]))
