"""Running SPARQL and presenting results: labels and readable dates for people, IRIs kept for machines.

Formats: ``table`` and ``markdown`` show labels; ``csv``, ``tsv`` and ``json`` keep each IRI
and add a ``<column>_label`` beside it. Graph results (CONSTRUCT, DESCRIBE) are Turtle.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, RdfFormat

from safeguarding_kg.namespaces import PREFIXES, XSD
from safeguarding_kg.store import GraphStore

FORMATS = ("table", "csv", "tsv", "json", "markdown")
Term = NamedNode | Literal | BlankNode


class QuerySyntaxError(ValueError):
    """A query that does not parse; the message gives the line and column and shows the line."""


@dataclass
class Table:
    columns: list[str]
    rows: list[dict[str, Term]]
    labels: dict[str, str]

    def records(self) -> list[dict[str, object]]:
        """Rows as plain Python values (IRIs as strings, typed literals as int/float/date/bool),
        with a ``<column>_label`` beside every column that holds IRIs."""
        iri_columns = {c for row in self.rows for c, t in row.items() if isinstance(t, NamedNode)}
        out = []
        for row in self.rows:
            record: dict[str, object] = {}
            for column in self.columns:
                term = row.get(column)
                record[column] = python_value(term)
                if column in iri_columns:
                    record[f"{column}_label"] = self.labels.get(term.value) if isinstance(term, NamedNode) else None
            out.append(record)
        return out


def run(store: GraphStore, sparql: str, source_name: str = "query") -> Table | bool | bytes:
    """A SELECT gives a Table, an ASK a bool, a CONSTRUCT or DESCRIBE Turtle bytes."""
    try:
        result = store.query(sparql)
    except SyntaxError as e:
        raise QuerySyntaxError(_syntax_message(source_name, sparql, str(e))) from None
    if isinstance(result, QueryBoolean):
        return bool(result)
    if isinstance(result, QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [{c: row[c] for c in columns if row[c] is not None} for row in result]
        return Table(columns, rows, labels_of(store, rows))
    from pyoxigraph import serialize

    return serialize(result, format=RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def _syntax_message(source_name: str, sparql: str, error: str) -> str:
    """Where the query goes wrong, with the line shown and a caret under the column.

    Oxigraph reports the furthest point its parser reached, often the end of the text;
    rdflib's parser names the first token it could not accept, so ask it where it can.
    """
    line, column, reason = _first_bad_token(sparql) or _oxigraph_position(error) or (0, 0, error)
    if not line:
        return f"{source_name}: {error}"
    lines = sparql.splitlines()
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"{source_name}:{line}:{column}: {reason}\n    {shown}\n    {' ' * max(column - 1, 0)}^"


def _first_bad_token(sparql: str) -> tuple[int, int, str] | None:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(sparql)
    except ParseException as e:
        return e.lineno, e.col, f"syntax error: {e.msg}, found {e.line[e.col - 1 : e.col + 9]!r}"
    except Exception:  # rdflib may reject for reasons of its own: fall back to Oxigraph's position
        return None
    return None


def _oxigraph_position(error: str) -> tuple[int, int, str] | None:
    m = re.search(r"(\d+):(\d+)", error)
    return (int(m[1]), int(m[2]), error) if m else None


def labels_of(store: GraphStore, rows: list[dict[str, Term]]) -> dict[str, str]:
    """A label for every IRI in the rows that has one (prefLabel, label, title or name)."""
    iris = sorted({t.value for row in rows for t in row.values() if isinstance(t, NamedNode)})
    labels: dict[str, str] = {}
    for start in range(0, len(iris), 500):
        chunk = " ".join(str(NamedNode(i)) for i in iris[start : start + 500])
        for r in store.select(
            "SELECT ?x (SAMPLE(?l) AS ?label) WHERE { VALUES ?x { " + chunk + " } "
            "?x skos:prefLabel|rdfs:label|dcterms:title|foaf:name ?l } GROUP BY ?x"
        ):
            labels[r["x"].value] = r["label"].value
    return labels


def python_value(term: Term | None) -> object:
    if term is None:
        return None
    if isinstance(term, NamedNode | BlankNode):
        return term.value
    datatype = term.datatype.value if term.datatype else ""
    try:
        if datatype == XSD.integer.value:
            return int(term.value)
        if datatype in (XSD.decimal.value, XSD.double.value, XSD.float.value):
            return float(term.value)
        if datatype == XSD.date.value:
            return dt.date.fromisoformat(term.value)
        if datatype == XSD.boolean.value:
            return term.value == "true"
    except ValueError:
        pass
    return term.value


def display(term: Term | None, labels: dict[str, str]) -> str:
    """How a person reads a value: a label, a short IRI, a date as "7 Jul 2016"."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return labels.get(term.value) or short_iri(term.value)
    value = python_value(term)
    if isinstance(value, dt.date):
        return f"{value.day} {value:%b %Y}"
    return str(value) if not isinstance(term, BlankNode) else f"_:{term.value}"


def short_iri(iri: str) -> str:
    for prefix, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def render(result: Table | bool | bytes, fmt: str = "table") -> str:
    if isinstance(result, bytes):
        return result.decode("utf-8")
    if isinstance(result, bool):
        return json.dumps({"boolean": result}) if fmt == "json" else ("yes" if result else "no")
    if fmt in ("csv", "tsv"):
        return _delimited(result, "," if fmt == "csv" else "\t")
    if fmt == "json":
        return json.dumps(result.records(), indent=2, default=str, ensure_ascii=False)
    cells = [[display(row.get(c), result.labels) for c in result.columns] for row in result.rows]
    if fmt == "markdown":
        escape = lambda text: text.replace("|", "\\|")  # noqa: E731 - one-line helper
        lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
        lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in cells]
        return "\n".join(lines)
    from safeguarding_kg.output import text_table

    return text_table(result.columns, cells, max_width=70) + f"\n\n{len(cells)} rows"


def _delimited(table: Table, delimiter: str) -> str:
    buffer = io.StringIO()
    records = table.records()
    columns = list(records[0]) if records else table.columns
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()
