"""What a dossier shows, read from the store: the named queries' rows, and the details of every item they name.

Every table and chart of a report is one :class:`Rows` — the records a named query returns (the same
values ``sgkg query NAME --format json`` prints), with the query's name and parameters, so that a
reader (and the browser tests) can check that the page draws exactly what the query says.
The details (full text, document, line, page) of every IRI a report links to are read in bulk by
the viz package's :func:`describe_nodes`, so the report and the graph views describe a node alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources

from safeguarding_kg.authorities import Authority, by_gss, resolve
from safeguarding_kg.named_queries import get, parse_header
from safeguarding_kg.results import Table, run
from safeguarding_kg.store import GraphStore
from safeguarding_kg.viz.describe import describe_nodes


class ReportError(ValueError):
    """A report that cannot be made (unknown authority, nothing loaded about it); the message says why."""


@dataclass
class Rows:
    """One named query's result: its name, parameters and records (IRIs as strings, with ``<col>_label``)."""

    query: str
    params: dict[str, str]
    records: list[dict[str, object]]

    def __iter__(self):
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def as_json(self) -> dict:
        return {"query": self.query, "params": self.params, "rows": [_jsonable(r) for r in self.records]}


@dataclass
class Details:
    """One item a report links to: what it is, its label, its fields (full text, grade …) and sources."""

    iri: str
    kind: str
    label: str
    fields: list[tuple[str, str]]
    sources: list[tuple[str, int | None, int | None]]

    @property
    def anchor(self) -> str:
        return anchor(self.iri)


@dataclass
class Report:
    """Everything one page shows: sections of rows, and the details of every IRI they mention."""

    title: str
    rows: dict[str, Rows] = field(default_factory=dict)
    details: dict[str, Details] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)


def anchor(iri: str) -> str:
    """A stable HTML id for an IRI (ids must not hold the IRI's ``/`` and ``#``)."""
    import hashlib

    return "d-" + hashlib.sha1(iri.encode()).hexdigest()[:12]


def named_rows(store: GraphStore, name: str, **params: str | None) -> Rows:
    given = {k: v for k, v in params.items() if v is not None}
    return _rows(store, get(name).bound_text(given), name, given)


def report_rows(store: GraphStore, name: str, **params: str) -> Rows:
    """A query of the report's own (report/NAME.rq): lookups a page needs that answer no analyst's question."""
    text = resources.files("safeguarding_kg.report").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return _rows(store, parse_header(name, text).bound_text(params), f"report/{name}", params)


def _rows(store: GraphStore, sparql: str, name: str, params: dict[str, str]) -> Rows:
    table = run(store, sparql, name)
    assert isinstance(table, Table)
    return Rows(name, params, table.records())


def find_authority(name: str) -> Authority:
    code = name.strip().rsplit("/", 1)[-1] if name.startswith(("http://", "https://")) else name.strip()
    found = by_gss(code) or resolve(name)
    if found is None:
        raise ReportError(f"{name!r} is not an English local authority in the register (give its name or GSS code)")
    return found


def neighbours(authority: Authority) -> list[Authority]:
    return [a for code in authority.statistical_neighbours if (a := by_gss(code)) is not None]


def describe_items(store: GraphStore, iris: set[str], as_of: str | None = None) -> dict[str, Details]:
    """The details of every IRI, read in bulk with the graph views' own describer."""
    described = describe_nodes(store, sorted(i for i in iris if i), as_of)
    return {n: Details(n, d["kind"], d["label"].replace("\n", " "), d["fields"], d["sources"])
            for n, d in described.items()}


def iris_in(rows: Rows, *columns: str) -> set[str]:
    return {r[c] for r in rows for c in columns if isinstance(r.get(c), str) and str(r[c]).startswith("http")}


def _jsonable(record: dict[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in record.items()}
