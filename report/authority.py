"""The dossier of one authority: what an analyst is asked about it, each answer from a named query."""

from __future__ import annotations

import datetime as dt

from safeguarding_kg.report.data import (
    Report,
    ReportError,
    Rows,
    describe_items,
    find_authority,
    iris_in,
    named_rows,
    neighbours,
    report_rows,
)
from safeguarding_kg.store import GraphStore

#: How many of each authority's weakness themes the neighbours section lists.
TOP_WEAKNESS_THEMES = 3


def authority_report(store: GraphStore, name: str, as_of: str | None = None) -> Report:
    authority = find_authority(name)
    gss = authority.gss_code
    if as_of is not None:
        _check_date(as_of)
    report = Report(f"{authority.name}: children's services dossier")
    rows = report.rows
    rows["grades"] = named_rows(store, "judgement-timeline", authority=gss)
    if not rows["grades"] and not _anything_about(store, authority.iri.value):
        raise ReportError(f"nothing about {authority.name} is loaded in this store (see `sgkg docs`)")
    rows["judgements"] = report_rows(store, "judgements", authority=gss)
    rows["themes"] = named_rows(store, "authority-themes", authority=gss)
    rows["theme_items"] = named_rows(store, "recurring-themes", authority=gss, minInspections="1")
    rows["recurrence"] = named_rows(store, "recurrence-links", authority=gss)
    rows["plans"] = named_rows(store, "plan-actions-by-status", authority=gss)
    rows["overdue"] = named_rows(store, "actions-overdue", authority=gss, asOf=as_of)
    rows["owners"] = named_rows(store, "actions-per-owner", authority=gss)
    rows["committees"] = named_rows(store, "committee-on-inspection", authority=gss)
    rows["documents"] = named_rows(store, "authority-documents", authority=gss)
    _neighbours(store, report, authority)
    report.facts.update(authority=authority, as_of=as_of, made=dt.date.today().isoformat())
    linked = (iris_in(rows["grades"], "inspection") | iris_in(rows["judgements"], "judgement")
              | iris_in(rows["theme_items"], "item") | iris_in(rows["recurrence"], "later", "earlier")
              | iris_in(rows["plans"], "plan", "inspection") | iris_in(rows["overdue"], "action")
              | iris_in(rows["owners"], "owner")
              | iris_in(rows["committees"], "item", "resolution", "meeting", "inspection")
              | iris_in(rows["documents"], "document"))
    report.details = describe_items(store, linked, as_of)
    return report


def _neighbours(store: GraphStore, report: Report, authority) -> None:
    """Latest grades of the authority and of its statistical neighbours in the store, and their top weaknesses."""
    near = neighbours(authority)
    latest = report.rows["latest"] = named_rows(store, "neighbour-grades", authority=authority.gss_code)
    present = {r["compared"] for r in latest}
    report.facts["neighbours"] = [(a, a.iri.value in present) for a in near]
    for other in [authority, *[a for a in near if a.iri.value in present]]:
        themes = named_rows(store, "weakness-themes", authority=other.gss_code)
        report.rows[f"weak:{other.gss_code}"] = Rows(themes.query, themes.params,
                                                     themes.records[:TOP_WEAKNESS_THEMES])


def _anything_about(store: GraphStore, iri: str) -> bool:
    from pyoxigraph import NamedNode

    return bool(store.query(f"ASK {{ {{ ?x sg:inspectedAuthority {NamedNode(iri)} }} "
                            f"UNION {{ ?x sg:ofAuthority {NamedNode(iri)} }} }}"))


def _check_date(text: str) -> None:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ReportError(f"--as-of {text!r}: give a date as YYYY-MM-DD") from None
