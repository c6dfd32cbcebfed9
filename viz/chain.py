"""The inspection view as a left-to-right chain: finding → recommendation → action → owner.

Columns by kind (the authority and the inspection at the left, owners at the right); inside a column,
nodes are ordered to reduce edge crossings by the barycentre heuristic (Sugiyama et al. 1981): each
node moves to the mean position of its neighbours in the column before, sweeping left to right, then
in the column after, sweeping right to left, a few rounds, keeping the order with the fewest crossings.

Long groups fold: the findings of one judgement, or the actions and outcomes of one recommendation,
beyond :data:`FOLD_AT` show their first :data:`KEEP` and one fold node ("+34 findings") that opens the
rest on click (viewer.js). Folded nodes stay in the page, hidden, so search still finds them.

Every row is tall enough for its node and label, and every column wide enough for its labels, so
no two labels overlap at any zoom; the page fits the whole chain to the window when it opens.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from safeguarding_kg.viz import style

COLUMNS = {"Authority": 0, "Safeguarding board": 0, "Inspection": 1, "Judgement": 2, "Finding": 3,
           "Recommendation": 4, "Action": 5, "Expected outcome": 5, "Action plan": 5, "Owner (post)": 6,
           "Person": 6}
EARLIER = 7  # findings and recommendations of other inspections, reached by recurrence links
NAMES = {3: "findings", 5: "actions, outcomes", EARLIER: "linked items"}
#: column → (a group longer than this folds, to this many members and its fold node)
FOLDS = {3: (5, 3), 5: (2, 1), EARLIER: (5, 3)}
CHAR_WIDTH = 9.5  # px per label character at the views' 16 px font
LABEL_LINE = 20   # px per label line
GAP = 12          # px between one node's label and the next node
COLUMN_GAP = 60   # px between the widest label of a column and the next column
SWEEPS = 6
FOLD_KIND = style.Kind("Fold", "#f3f3f3", "box", 0, 6)  # a box: its label inside


@dataclass
class Fold:
    """A fold node: the members it hides, the group's parent (if any), and the label it shows."""

    id: str
    parent: str | None
    column: int
    members: list[str]

    @property
    def label(self) -> str:
        return f"+{len(self.members)} {NAMES[self.column]}"


@dataclass
class Chain:
    positions: dict[str, tuple[float, float]]
    folds: list[Fold] = field(default_factory=list)
    row: dict[str, float] = field(default_factory=dict)  # each column's row height, for the page's unfolding

    @property
    def folded(self) -> set[str]:
        return {m for f in self.folds for m in f.members}


def column_of(graph: nx.MultiDiGraph, node: str) -> int:
    data = graph.nodes[node]
    if data["kind"] == "Fold":
        return data["column"]
    if data["kind"] in ("Finding", "Recommendation") and data.get("inspection") not in _main(graph):
        return EARLIER
    return COLUMNS.get(data["kind"], EARLIER)


def _main(graph: nx.MultiDiGraph) -> set[str]:
    return {n for n, kind in graph.nodes(data="kind") if kind == "Inspection"}


def chain_layout(graph: nx.MultiDiGraph) -> Chain:
    folds = _folds(graph)
    folded = {m for f in folds for m in f.members}
    shown = nx.MultiDiGraph(graph.subgraph([n for n in graph if n not in folded]))
    for fold in folds:
        shown.add_node(fold.id, kind="Fold", column=fold.column, label=fold.label,
                       sort=graph.nodes[fold.members[0]]["sort"])
        if fold.parent is not None:
            shown.add_edge(fold.parent, fold.id, key="fold", relation="fold")
    columns = _order(shown)
    positions, rows = _place(shown, columns)
    for fold in folds:  # hidden until unfolded; the page moves them under their fold node then
        for member in fold.members:
            positions[member] = positions[fold.id]
    return Chain(positions, folds, rows)


def _folds(graph: nx.MultiDiGraph) -> list[Fold]:
    """Groups (one parent, one column) longer than the column allows, cut after their first members."""
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    for node in graph:
        column = column_of(graph, node)
        if column in FOLDS:
            parent = _parent(graph, node) if column != EARLIER else None
            groups[parent or "", column].append(node)
    folds = []
    for (parent, column), members in sorted(groups.items()):
        longest, keep = FOLDS[column]
        if len(members) > longest:
            # the members that carry the chain on (a finding citing a recommendation, an action with an owner)
            # stay shown first; then in the kinds' and labels' order
            ordered = sorted(members, key=lambda n: (not _leads_on(graph, n, column),
                                                     style.KINDS[graph.nodes[n]["kind"]].band,
                                                     graph.nodes[n]["sort"], n))
            folds.append(Fold(f"fold:{column}:{parent}", parent or None, column, ordered[keep:]))
    return folds


def _leads_on(graph: nx.MultiDiGraph, node: str, column: int) -> bool:
    neighbours = [*graph.successors(node), *graph.predecessors(node)]
    return any(column < column_of(graph, m) < EARLIER for m in neighbours)


def _parent(graph: nx.MultiDiGraph, node: str) -> str | None:
    """The node pointing to it from the nearest column before (the first in order on a tie)."""
    column = column_of(graph, node)
    before = sorted((-column_of(graph, p), p) for p in graph.predecessors(node) if column_of(graph, p) < column)
    return before[0][1] if before else None


def _order(graph: nx.MultiDiGraph) -> dict[int, list[str]]:
    """Each column's nodes, ordered to reduce crossings (barycentre sweeps, the best order seen kept)."""
    columns: dict[int, list[str]] = defaultdict(list)
    for node in sorted(graph, key=lambda n: (graph.nodes[n]["sort"], n)):
        columns[column_of(graph, node)].append(node)
    undirected = graph.to_undirected(as_view=True)
    best = {c: list(nodes) for c, nodes in columns.items()}
    best_crossings = _crossings(undirected, best)
    keys = sorted(columns)
    for _ in range(SWEEPS):
        for forward in (True, False):
            for c in (keys[1:] if forward else keys[-2::-1]):
                ref = _reference(columns, keys, c, forward)
                columns[c] = _by_barycentre(columns[c], ref, undirected)
            crossings = _crossings(undirected, columns)
            if crossings < best_crossings:
                best, best_crossings = {c: list(n) for c, n in columns.items()}, crossings
    return best


def _reference(columns: dict[int, list[str]], keys: list[int], c: int, forward: bool) -> dict[str, float]:
    """Positions of the nodes in the columns on one side of c (nearest first matters most)."""
    side = [k for k in keys if (k < c if forward else k > c)]
    ref: dict[str, float] = {}
    for k in side:
        nodes = columns[k]
        for i, n in enumerate(nodes):
            ref[n] = (i + 0.5) / len(nodes)
    return ref


def _by_barycentre(nodes: list[str], ref: dict[str, float], undirected) -> list[str]:
    def key(item: tuple[int, str]) -> tuple[float, int]:
        i, n = item
        near = [ref[m] for m in undirected.neighbors(n) if m in ref]
        return (sum(near) / len(near) if near else (i + 0.5) / len(nodes), i)
    return [n for _, n in sorted(enumerate(nodes), key=key)]


def _crossings(undirected, columns: dict[int, list[str]]) -> int:
    """Edge crossings between neighbouring columns."""
    index = {n: (c, i) for c, nodes in columns.items() for i, n in enumerate(nodes)}
    total = 0
    keys = sorted(columns)
    for left, right in itertools.pairwise(keys):
        edges = sorted((index[a][1], index[b][1]) for a in columns[left] for b in undirected.neighbors(a)
                       if index.get(b, (None,))[0] == right)
        for i, (a1, b1) in enumerate(edges):
            total += sum(1 for a2, b2 in edges[i + 1:] if a2 > a1 and b2 < b1)
    return total


def _place(graph: nx.MultiDiGraph, columns: dict[int, list[str]]) -> tuple[dict, dict]:
    """x by column (wide enough for its labels), y by order (tall enough for each node and label),
    each column centred on the same middle line."""
    positions: dict[str, tuple[float, float]] = {}
    rows: dict[str, float] = {}
    x, half = 0.0, 0.0
    for c in sorted(columns):
        nodes = columns[c]
        width = max(_width(graph, n) for n in nodes)
        x += half + width / 2 + (COLUMN_GAP if half else 0)  # nodes and labels are centred on their x
        half = width / 2
        row = max(_height(graph, n) for n in nodes) + GAP
        top = -(len(nodes) - 1) * row / 2
        for i, n in enumerate(nodes):
            positions[n] = (x, top + i * row)
        rows[str(c)] = row
    return positions, rows


def _width(graph: nx.MultiDiGraph, node: str) -> float:
    lines = str(graph.nodes[node]["label"]).split("\n")
    kind = style.KINDS.get(graph.nodes[node]["kind"], FOLD_KIND)
    return max(max(len(line) for line in lines) * CHAR_WIDTH, 2 * kind.size) + (14 if kind.shape == "box" else 0)


def _height(graph: nx.MultiDiGraph, node: str) -> float:
    kind = style.KINDS.get(graph.nodes[node]["kind"], FOLD_KIND)
    lines = str(graph.nodes[node]["label"]).count("\n") + 1
    return 2 * kind.size + lines * LABEL_LINE + math.ceil(kind.size / 4)
