"""Recurrence: which recommendations and weaknesses of an authority come back at a later inspection.

After every load (and after ``sgkg remove``) this linker recomputes, for each authority the
changed documents concern, a derived named graph
``…/graph/inferred/recurrence/<GSS code>`` holding:

- one ``sg:RecurrenceLink`` per link (``sg:later``, ``sg:earlier``, ``sg:sharedTheme``,
  ``sg:score``, ``sg:reason``, ``sg:inferred true``) and the direct ``later sg:recurrenceOf
  earlier`` triple for easy querying;
- ``<graph> prov:wasDerivedFrom <document>`` for every document it was computed from, so
  that removing any of them recomputes it.

A link goes from a recommendation or weakness (a finding of polarity sg:Weakness) of a later
inspection to an earlier inspection's recommendation or weakness of the same authority. Two kinds:

- a **recurrence** (``sg:recurrenceOf``, an ``sg:RecurrenceLink`` with ``sg:sharedIssue``) when both
  raise the same specific issue -- what is weak, in which process, for whom
  (:mod:`safeguarding_kg.recurrence_issues`); the reason names that issue;
- only when no earlier item of that inspection raises the same issue, the weaker **same-area**
  relation (``sg:sameAreaAs``, an ``sg:SameAreaLink``): a shared theme and similar words (the
  former linker's rule, which joined different issues about half the time), labelled as such.

For each later item and earlier inspection the best match of the strongest kind is kept. The graph
depends only on what the store holds, never on load order, and is written in one atomic replacement.
Work is proportional to the authorities touched: items of other authorities are never read.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import cached_property

from pyoxigraph import Literal, NamedNode, Quad

from safeguarding_kg.iris import iri
from safeguarding_kg.namespaces import GRAPH_BASE, PROV, RDF, SG, SGID_BASE, XSD
from safeguarding_kg.recurrence_issues import Issue, SharedIssue, issue_of, shared_issue
from safeguarding_kg.store import GraphStore
from safeguarding_kg.themes import normalise, vocabulary

RECURRENCE_GRAPH_BASE = GRAPH_BASE + "inferred/recurrence/"
#: Least word similarity (cosine over content words) for two items sharing a theme to be linked as the same area.
MIN_SIMILARITY = 0.12

_STOPWORDS = frozenset("""
a an and are as at be been being but by can for from has have in into is it its more most of on or
so such than that the their them there these they this those to was were when where which while who
will with within ensure improve improvement quality consistently consistent effective effectively
all any also does not too some many children child young people person local authority authorities
social work workers worker practice services service sure make made use used well how what through
across
""".split())  # noqa: SIM905 - a word list reads better as prose


@dataclass
class Item:
    iri: NamedNode
    inspection: NamedNode
    start: str
    text: str
    themes: set[NamedNode] = field(default_factory=set)
    recommendation: bool = False  # a recommendation is all criticism: its issue is read from the whole text

    @cached_property
    def issue(self) -> Issue:
        return issue_of(self.text, whole=self.recommendation)

    @cached_property  # compared with every earlier item of the authority: tokenise once
    def words(self) -> set[str]:
        tokens = re.findall(r"[a-z]{3,}", normalise(self.text))
        return {t.rstrip("s") for t in tokens if t not in _STOPWORDS}


def recurrence_graph(authority: NamedNode) -> NamedNode:
    return NamedNode(RECURRENCE_GRAPH_BASE + authority.value.removeprefix(SGID_BASE + "authority/"))


def link_recurrences(store: GraphStore, changed: list[NamedNode]) -> None:
    """Recompute the recurrence graph of every authority the changed (or removed) documents concern."""
    for authority in sorted(_authorities_touched(store, changed), key=lambda a: a.value):
        relink_authority(store, authority)


def relink_authority(store: GraphStore, authority: NamedNode) -> None:
    graph = recurrence_graph(authority)
    documents = _documents_of(store, authority)
    if not documents:
        store.remove_document(graph)
        return
    quads = [Quad(graph, PROV.wasDerivedFrom, d, graph) for d in sorted(documents, key=lambda d: d.value)]
    for found in find_recurrences(_items(store, authority)):
        later, earlier = found.later, found.earlier
        link = iri("recurrence", authority.value.removeprefix(SGID_BASE + "authority/"),
                   hashlib.sha256(f"{later.iri.value} {earlier.iri.value}".encode()).hexdigest()[:16])
        same_issue = found.kind == SAME_ISSUE
        quads += [
            Quad(later.iri, SG.recurrenceOf if same_issue else SG.sameAreaAs, earlier.iri, graph),
            Quad(link, RDF.type, SG.RecurrenceLink if same_issue else SG.SameAreaLink, graph),
            Quad(link, SG.later, later.iri, graph),
            Quad(link, SG.earlier, earlier.iri, graph),
            Quad(link, SG.score, Literal(f"{found.score:.3f}", datatype=XSD.decimal), graph),
            Quad(link, SG.reason, Literal(found.reason), graph),
            Quad(link, SG.inferred, Literal("true", datatype=XSD.boolean), graph),
        ]
        if found.issue:
            quads.append(Quad(link, SG.sharedIssue, Literal(found.issue), graph))
        quads += [Quad(link, SG.sharedTheme, theme, graph) for theme in sorted(found.themes, key=lambda t: t.value)]
    store.put_document(graph, quads)


SAME_ISSUE, SAME_AREA = "same issue", "same area"


@dataclass(frozen=True)
class Link:
    """A link from a later item to an earlier one: the same issue (a recurrence), or only the same area."""

    later: Item
    earlier: Item
    kind: str  # SAME_ISSUE or SAME_AREA
    themes: frozenset[NamedNode]
    score: float
    reason: str
    issue: str = ""  # the issue both raise (SAME_ISSUE only)


def find_recurrences(items: list[Item]) -> list[Link]:
    """For each later item and each earlier inspection: its best same-issue match, else its best same-area match.

    Deterministic order (later inspection, earlier inspection, later item by IRI).
    """
    by_inspection: dict[NamedNode, list[Item]] = {}
    for item in items:
        by_inspection.setdefault(item.inspection, []).append(item)
    starts = {insp: group[0].start for insp, group in by_inspection.items()}
    links = []
    for later_insp, later_items in sorted(by_inspection.items(), key=lambda kv: kv[0].value):
        for earlier_insp, earlier_items in sorted(by_inspection.items(), key=lambda kv: kv[0].value):
            if starts[earlier_insp] >= starts[later_insp]:  # only later -> earlier
                continue
            years = f"inspections starting {starts[earlier_insp]} and {starts[later_insp]}"
            for later in sorted(later_items, key=lambda i: i.iri.value):
                link = _same_issue(later, earlier_items, years) or _same_area(later, earlier_items, years)
                if link is not None:
                    links.append(link)
    return links


def _same_issue(later: Item, candidates: list[Item], years: str) -> Link | None:
    """The earlier item raising the same issue most strongly (ties: more words in common, then the first by IRI)."""
    best: tuple[float, float, str, Item, SharedIssue] | None = None
    for earlier in candidates:
        if earlier.iri == later.iri:
            continue
        shared = shared_issue(later.issue, earlier.issue)
        if shared is None:
            continue
        key = (shared.strength, _similarity(later, earlier)[0], earlier.iri.value)
        if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and key[2] < best[2]):
            best = (*key, earlier, shared)
    if best is None:
        return None
    strength, similarity, _, earlier, shared = best
    score = round(min(1.0, 0.7 * strength + 0.3 * similarity + 0.1), 3)
    reason = f"same issue: {shared.description}; word similarity {similarity:.2f}; {years}"
    return Link(later, earlier, SAME_ISSUE, frozenset(later.themes & earlier.themes), score, reason,
                shared.description)


def _same_area(later: Item, candidates: list[Item], years: str) -> Link | None:
    """The weaker relation: the best item sharing a theme and some words, but no issue (the former linker's rule)."""
    best = _best_match(later, candidates)
    if best is None:
        return None
    earlier, similarity, shared, common = best
    labels = vocabulary().labels
    score = link_score(similarity, len(shared) / len(later.themes | earlier.themes))
    reason = (f"same area, not the same issue: theme {', '.join(sorted(labels.get(t, t.value) for t in shared))}; "
              f"word similarity {similarity:.2f} ({', '.join(sorted(common)[:8])}); {years}")
    return Link(later, earlier, SAME_AREA, frozenset(shared), score, reason)


def _similarity(later: Item, earlier: Item) -> tuple[float, set[str]]:
    common = later.words & earlier.words
    if not later.words or not earlier.words:
        return 0.0, common
    return len(common) / math.sqrt(len(later.words) * len(earlier.words)), common


def _best_match(later: Item, candidates: list[Item]) -> tuple[Item, float, set[NamedNode], set[str]] | None:
    """The earlier item with the highest link score among those similar enough (ties: the first by IRI)."""
    best = None
    best_score = -1.0
    for earlier in sorted(candidates, key=lambda i: i.iri.value):
        shared = later.themes & earlier.themes
        if not shared or earlier.iri == later.iri:
            continue
        similarity, common = _similarity(later, earlier)
        score = link_score(similarity, len(shared) / len(later.themes | earlier.themes))
        if similarity >= MIN_SIMILARITY and score > best_score:
            best, best_score = (earlier, similarity, shared, common), score
    return best


def link_score(similarity: float, theme_overlap: float) -> float:
    """0.5 x word similarity + 0.5 x theme Jaccard + 0.1, capped at 1."""
    return round(min(1.0, 0.5 * similarity + 0.5 * theme_overlap + 0.1), 3)


# -- reading the store ------------------------------------------------------------------


def _authorities_touched(store: GraphStore, changed: list[NamedNode]) -> set[NamedNode]:
    """Authorities named in the changed documents' graphs, and those whose recurrence graph used them."""
    found: set[NamedNode] = set()
    for document in changed:
        rows = store.select(
            f"""SELECT DISTINCT ?a WHERE {{
                 {{ GRAPH {document} {{ ?x sg:inspectedAuthority ?a }} }}
                 UNION {{ GRAPH {document} {{ ?x sg:inspectedBoard ?b }} ?b sg:servesAuthority ?a }}
                 UNION {{ GRAPH {document} {{ ?x sg:ofAuthority ?a . ?x a sg:ActionPlan }} }} }}""")
        found.update(r["a"] for r in rows if isinstance(r["a"], NamedNode))
        for row in store.select(
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g prov:wasDerivedFrom {document} }} }}"):
            graph = row["g"].value
            if graph.startswith(RECURRENCE_GRAPH_BASE):
                found.add(NamedNode(SGID_BASE + "authority/" + graph.removeprefix(RECURRENCE_GRAPH_BASE)))
    return found


def _inspections_of(store: GraphStore, authority: NamedNode) -> str:
    """The authority's inspections as a VALUES block, so the queries below start from them.

    Written as one pattern with the UNION, Oxigraph joined every item of every authority first
    (1.5 s per authority at national scale, 150 authorities re-linked on a national load: the
    load's quadratic step); bound first, each query reads only this authority's items (4 ms).
    """
    rows = store.select(f"""SELECT DISTINCT ?insp WHERE {{ {{ ?insp sg:inspectedAuthority {authority} }}
                             UNION {{ ?insp sg:inspectedBoard/sg:servesAuthority {authority} }} }}""")
    return "VALUES ?insp { " + " ".join(str(r["insp"]) for r in rows) + " }"


def _documents_of(store: GraphStore, authority: NamedNode) -> set[NamedNode]:
    rows = store.select(
        f"""SELECT DISTINCT ?doc WHERE {{ {_inspections_of(store, authority)}
              ?item sg:ofInspection ?insp ; prov:wasDerivedFrom ?doc . ?doc a sg:Document }}""")
    return {r["doc"] for r in rows}


def _items(store: GraphStore, authority: NamedNode) -> list[Item]:
    """The authority's recommendations and weaknesses that have a theme and a dated inspection."""
    rows = store.select(
        f"""SELECT ?item ?insp ?start ?text ?theme ?class WHERE {{ {_inspections_of(store, authority)}
              ?insp sg:startDate ?start .
              ?item sg:ofInspection ?insp ; sg:text ?text ; sg:theme ?theme .
              {{ ?item a sg:Recommendation BIND(sg:Recommendation AS ?class) }}
              UNION {{ ?item a sg:Finding ; sg:polarity sg:Weakness BIND(sg:Finding AS ?class) }}
            }}""")
    items: dict[NamedNode, Item] = {}
    for r in rows:
        item = items.setdefault(r["item"], Item(r["item"], r["insp"], r["start"].value, r["text"].value,
                                                recommendation=r["class"] == SG.Recommendation))
        if len(r["text"].value) > len(item.text):
            item.text = r["text"].value  # one text per item whatever the row order
        item.themes.add(r["theme"])
    return list(items.values())
