"""The national report: grades by framework and year, the themes most recommended, where themes recurred most."""

from __future__ import annotations

import datetime as dt

from safeguarding_kg.report.data import Report, ReportError, describe_items, iris_in, named_rows
from safeguarding_kg.store import GraphStore


def national_report(store: GraphStore) -> Report:
    report = Report("Children's services inspections: the national picture")
    rows = report.rows
    rows["grades"] = named_rows(store, "grades-national")
    if not rows["grades"]:
        raise ReportError("no graded inspection is loaded in this store (see `sgkg docs`)")
    rows["themes"] = named_rows(store, "themes-by-year")
    rows["recurrence"] = named_rows(store, "recurrence-by-authority")
    report.facts.update(made=dt.date.today().isoformat(), authorities=len(iris_in(rows["recurrence"], "authority")))
    report.details = describe_items(store, iris_in(rows["recurrence"], "authority"))
    return report
