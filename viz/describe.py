"""Describing nodes for a page: what each is, its label, its full text and grade or status, and the document,
line and page it was read from, read from the store in a few bulk queries.

Shared by the graph views (views.py) and the dossier (report/), so that a node reads the same in both.
Imports no graph library: the dossier uses it without networkx.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from safeguarding_kg.results import short_iri
from safeguarding_kg.store import GraphStore
from safeguarding_kg.viz import style

LABEL_CHARS = 28
# Short labels for unnumbered letter items (the IRI's kind slug, see iris.within): the full kind is in the details.
LETTER_ITEM_SHORT = {"strength": "Strength", "meets-requirements": "Meets", "area-for-development": "Develop",
                     "area-for-priority-action": "Priority", "what-needs-to-improve": "Improve",
                     "main-finding": "Main", "headline-finding": "Headline"}

DESCRIBED = ["rdf:type", "skos:inScheme", "skos:prefLabel", "rdfs:label", "dcterms:title", "foaf:name",
             "sg:number", "sg:paragraphNumber", "sg:itemNumber", "sg:text", "sg:grade", "sg:gradeText",
             "sg:judgementArea", "sg:areaText", "sg:status", "sg:statusText", "sg:dueDate", "sg:dueText",
             "sg:progressText", "sg:ownerText", "sg:startDate", "sg:endDate", "sg:publishedDate", "sg:date",
             "sg:framework", "sg:findingKind", "sg:sectionHeading", "sg:polarity", "sg:theme", "sg:concernsService",
             "sg:ofInspection", "sg:roleText", "sg:sourceFile", "sg:gssCode", "sg:inPlan"]


def describe_nodes(store: GraphStore, nodes: Iterable[str], as_of: str | None = None) -> dict[str, dict]:
    """Every node's attributes, read from the store in a few bulk queries: kind, label, fields (label, value
    pairs for a details panel: full text, grade, status …), sources ((file, line, page) triples), and what
    the views colour and sort by."""
    nodes = list(nodes)
    iris = [n for n in nodes if not n.startswith("_:")]
    facts: dict[str, dict[str, list[tuple[str, str | None]]]] = {n: {} for n in nodes}
    sources: dict[str, list[tuple[str, int | None, int | None]]] = {n: [] for n in nodes}
    cutoffs: dict[str, str] = {}
    predicates = ", ".join(DESCRIBED)  # a FILTER is faster here than a second VALUES (Oxigraph 0.5)
    for start in range(0, len(iris), 400):
        chunk = iri_values(iris[start:start + 400])
        for r in store.select(f"""SELECT ?n ?p ?o ?label WHERE {{ VALUES ?n {{ {chunk} }} ?n ?p ?o .
                                    FILTER(?p IN ({predicates})) OPTIONAL {{ ?o skos:prefLabel ?label }} }}"""):
            values = facts[r["n"].value].setdefault(short_iri(r["p"].value), [])
            value = (r["o"].value, r["label"].value if "label" in r else None)
            if value not in values:
                values.append(value)
        for r in store.select(f"""SELECT ?n ?file ?line ?page WHERE {{ VALUES ?n {{ {chunk} }}
                                    ?n <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc . ?doc sg:sourceFile ?file .
                                    OPTIONAL {{ GRAPH ?doc {{ ?n sg:sourceLine ?line }} }}
                                    OPTIONAL {{ GRAPH ?doc {{ ?n sg:sourcePage ?page }} }} }} ORDER BY ?file"""):
            sources[r["n"].value].append((r["file"].value, _int(r.get("line")), _int(r.get("page"))))
        for r in store.select(f"""SELECT ?n (MAX(?cut) AS ?cutoff) WHERE {{ VALUES ?n {{ {chunk} }}
                                    ?n sg:inPlan ?plan . OPTIONAL {{ ?plan dcterms:modified ?m }}
                                    OPTIONAL {{ ?plan dcterms:created ?c }} BIND(COALESCE(?m, ?c) AS ?cut) }}
                                  GROUP BY ?n"""):
            if "cutoff" in r:
                cutoffs[r["n"].value] = r["cutoff"].value
    return {node: _attributes(node, facts[node], sources[node], as_of or cutoffs.get(node)) for node in nodes}


def _attributes(node: str, facts: dict, sources: list, cutoff: str | None) -> dict:
    def first(p: str) -> str | None:
        return facts[p][0][0] if p in facts else None

    def labelled(p: str) -> str | None:
        if p not in facts:
            return None
        return ", ".join(label or style.local_name(value) for value, label in facts[p])

    kind = style.kind_for([v for v, _ in facts.get("rdf:type", [])], [v for v, _ in facts.get("skos:inScheme", [])])
    grade, status, polarity = (style.local_name(first(p)) if first(p) else None
                               for p in ("sg:grade", "sg:status", "sg:polarity"))
    due = first("sg:dueDate")
    overdue = bool(kind == "Action" and due and cutoff and status != "Completed" and due < cutoff)
    fields = [(name, value) for name, value in [
        ("Kind", kind),
        ("Label", first("skos:prefLabel") or first("rdfs:label") or first("foaf:name")),
        ("Title", first("dcterms:title")),
        ("Framework", labelled("sg:framework")),
        ("Dates", _dates(first("sg:startDate"), first("sg:endDate"))),
        ("Published", _date_text(first("sg:publishedDate"))),
        ("Date", _date_text(first("sg:date"))),
        ("Number", first("sg:number") or first("sg:paragraphNumber") or first("sg:itemNumber")),
        ("Area", labelled("sg:judgementArea")),
        ("Area as written", first("sg:areaText")),
        ("Grade", labelled("sg:grade")),
        ("Grade as written", first("sg:gradeText")),
        ("Kind of finding", labelled("sg:findingKind")),
        ("Section", first("sg:sectionHeading")),
        ("Polarity", labelled("sg:polarity")),
        ("Themes", labelled("sg:theme")),
        ("Service", labelled("sg:concernsService")),
        ("Text", first("sg:text")),
        ("Owner as written", first("sg:ownerText")),
        ("Status", labelled("sg:status")),
        ("Status as written", first("sg:statusText")),
        ("Due", " / ".join(x for x in (first("sg:dueText"), _date_text(due)) if x) or None),
        ("Overdue", f"yes: due {_date_text(due)}, not completed as of {_date_text(cutoff)}" if overdue else None),
        ("Progress", first("sg:progressText")),
        ("Role", first("sg:roleText")),
        ("File", first("sg:sourceFile")),
        ("GSS code", first("sg:gssCode")),
        ("IRI", node if not node.startswith("_:") else None),
    ] if value]
    label = _short_label(node, kind, facts, first, grade)
    return {
        "kind": kind,
        "label": _wrap(label),
        "fields": fields,
        "sources": sources,
        "grade": grade, "status": status, "polarity": polarity, "overdue": overdue,
        "themes": [v for v, _ in facts.get("sg:theme", [])],
        "inspection": node if kind == "Inspection" else first("sg:ofInspection"),
        "start": first("sg:startDate"),
        "sort": _sort_key(label),
    }


def _short_label(node: str, kind: str, facts: dict, first, grade: str | None) -> str:
    tail = node.rsplit("/", 2)
    if kind == "Inspection":
        return style.inspection_label(first("sg:framework"), first("sg:startDate"))
    if kind == "Judgement":
        area = style.AREA_SHORT.get(style.local_name(first("sg:judgementArea") or ""), "Judgement")
        return f"{area}: {style.GRADE_SHORT.get(grade or '', grade or '?')}"
    if kind == "Finding":
        number = first("sg:paragraphNumber")
        return f"¶{number}" if number else f"{LETTER_ITEM_SHORT.get(tail[-2], tail[-2][:10])} {tail[-1]}"
    if kind == "Recommendation":
        return f"Rec {first('sg:number') or tail[-1]}"
    if kind in ("Action", "Expected outcome") and "/" in node:
        word = "Action" if kind == "Action" else "Outcome"
        path = node.split(f"/{'action' if kind == 'Action' else 'outcome'}/", 1)[-1]
        return f"{word} {path.replace('/', '.')}"
    if kind == "Agenda item":
        return f"Item {first('sg:itemNumber') or tail[-1]}"
    if kind == "Meeting":
        return f"Meeting {first('sg:date') or ''}".strip()
    if kind == "Safeguarding board":
        return first("skos:prefLabel") or "Safeguarding board"
    text = (first("skos:prefLabel") or first("rdfs:label") or first("foaf:name") or first("dcterms:title")
            or first("sg:sourceFile") or (short_iri(node) if not node.startswith("_:") else node))
    return _truncate(text)


def _truncate(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(label: str, width: int = 18) -> str:
    """Long labels on two lines (vis-network breaks labels at newlines only)."""
    if len(label) <= width or " " not in label:
        return label
    cut = label.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else label.find(" ")
    return label[:cut] + "\n" + label[cut + 1:]


def _sort_key(text: str) -> tuple:
    """Natural order: "Rec 2" before "Rec 10", "4.6" after "4.5"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def iri_values(nodes: list[str]) -> str:
    return " ".join(str(NamedNode(n)) for n in nodes)  # serialised (and escaped) by pyoxigraph


def _int(term: Literal | None) -> int | None:
    return int(term.value) if term is not None else None


def _date_text(value: str | None) -> str | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day:%b %Y}"


def _dates(start: str | None, end: str | None) -> str | None:
    if not start:
        return None
    return _date_text(start) + (f" – {_date_text(end)}" if end and end != start else "")
