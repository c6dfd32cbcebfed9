"""A Report → one self-contained HTML page: Jinja2 templates with autoescape, charts inlined as SVG.

Nothing on the page is fetched: the style is inline, the charts are inline SVG, there is no
script to run (the Content-Security-Policy allows none and no network access at all), and
each chart's data sits beside it as JSON in a ``<script type="application/json">`` element,
which the browser never executes, escaped by the viz package's :func:`json_for_html`.
Text read from documents reaches the page only through Jinja2's autoescape.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from importlib import resources
from pathlib import Path

from safeguarding_kg.report import charts
from safeguarding_kg.report.data import Report, Rows, anchor
from safeguarding_kg.viz.escaping import json_for_html

OPENING_WORDS = 14


def render_authority(report: Report) -> str:
    rows = report.rows
    judgement_of = {(r["inspection"], r["area"]): r["judgement"] for r in rows["judgements"]}
    figures = _figures({
        "grades": (rows["grades"], charts.grade_heatmap(rows["grades"], judgement_of)),
        "themes": (rows["themes"], charts.themes_bars(rows["themes"])),
        "plans": (rows["plans"], charts.status_bars(rows["plans"])),
        "owners": (rows["owners"], charts.owner_bars(rows["owners"])),
        "latest": (rows["latest"], charts.neighbour_heatmap(rows["latest"])),
    })
    return _template("authority.html").render(
        report=report, rows=rows, figures=figures, authority=report.facts["authority"],
        theme_index=_theme_index(rows["theme_items"]), theme_anchors={r["theme"] for r in rows["theme_items"]},
        chains=_chains(rows["recurrence"]),
        documents=_group(rows["documents"], "document"), weak=_weak(report),
        inspections=_inspections(rows["grades"]), committees=_group(rows["committees"], "item"))


def render_national(report: Report) -> str:
    rows = report.rows
    figures = _figures({
        "grades": (rows["grades"], charts.national_grades(rows["grades"])),
        "themes": (rows["themes"], charts.national_themes(rows["themes"])),
        "recurrence": (rows["recurrence"], charts.national_recurrence(rows["recurrence"])),
    })
    return _template("national.html").render(report=report, rows=rows, figures=figures)


def write(html: str, output: Path) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    return output


def _figures(charts_wanted: dict[str, tuple[Rows, dict]]) -> dict[str, dict]:
    """Each chart with its data: the SVG drawn from the rows, and the rows themselves as JSON beside it.
    (Drawn one after another: in threads they took as long, measured, as vl-convert runs one at a time.)"""
    from markupsafe import Markup

    return {name: {"name": name, "rows": rows, "svg": Markup(charts.svg(spec)) if rows.records else None,
                   "data": json_for_html(rows.as_json()), "encodes": " ".join(charts.encoded_fields(spec))}
            for name, (rows, spec) in charts_wanted.items()}


def _template(name: str):
    return _environment().get_template(name)


@functools.cache
def _environment():
    from jinja2 import Environment, FunctionLoader, select_autoescape

    folder = resources.files("safeguarding_kg.report")

    def load(template: str) -> str:
        return folder.joinpath("templates", template).read_text(encoding="utf-8")

    environment = Environment(loader=FunctionLoader(load), autoescape=select_autoescape(default=True),
                              trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(anchor=anchor, opening=opening, css=folder.joinpath("report.css").read_text("utf-8"),
                               label=charts.inspection_label)
    environment.filters["day"] = _day
    return environment


def opening(text: object, words: int = OPENING_WORDS) -> str:
    """The first words of a text, ending in … when cut."""
    parts = str(text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _day(value: object) -> str:
    import datetime as dt

    if isinstance(value, dt.date):
        return f"{value.day} {value:%b %Y}"
    return "" if value is None else str(value)


def _group(rows: Rows, key: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r[key]].append(r)
    return dict(groups)


def _chains(rows: Rows) -> dict[str, list[tuple[dict, list[dict]]]]:
    """Per theme, each later item (oldest first, as the query orders them) with the earlier items it recurs from."""
    chains: dict[str, dict[str, list[dict]]] = defaultdict(dict)
    for r in rows:
        chains[r["theme"]].setdefault(r["later"], []).append(r)
    return {theme: [(links[0], sorted(links, key=lambda e: -e["earlierYear"])) for links in later.values()]
            for theme, later in chains.items()}


def _theme_index(rows: Rows) -> list[tuple[str, str, list[dict]]]:
    """Per theme (most inspections first, as the query orders them), its items, one row per item."""
    themes: dict[str, tuple[str, dict[str, dict]]] = {}
    for r in rows:
        themes.setdefault(r["theme"], (r["theme_label"] or r["theme"], {}))[1].setdefault(r["item"], r)
    return [(theme, label, list(items.values())) for theme, (label, items) in themes.items()]


def _weak(report: Report) -> list[tuple[str, Rows]]:
    return [(key.split(":", 1)[1], rows) for key, rows in report.rows.items() if key.startswith("weak:")]


def _inspections(grades: Rows) -> list[dict]:
    seen: dict[str, dict] = {}
    for r in grades:
        seen.setdefault(r["inspection"], r)
    return list(seen.values())
