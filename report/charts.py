"""Charts as inline SVG: Vega-Lite specifications rendered by vl-convert (no browser, no network).

Chosen by measurement (bench/dossier_charts.py, docs/dossier.md): against matplotlib SVG the
Vega-Lite charts weigh half as much (a quarter gzipped), render in tens of milliseconds once the
engine is up, carry a legend and axis titles by default, and every mark comes out as an SVG element
with an ``aria-label`` naming its values (read by screen readers, and by the browser tests that check
each chart draws its query's rows) and, through the ``href`` channel, a link to the details.
The specifications are plain dicts: altair would only add its import and schema validation.

Each chart's data is its query's records as they are, plus fields starting with ``_`` that the
chart derives from them (a readable x label, the link); nothing is summed or dropped here.
"""

from __future__ import annotations

import datetime as dt
import itertools

from safeguarding_kg.report.data import Rows, anchor
from safeguarding_kg.viz import style

GRADE_ORDER = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]
GRADE_RANGE = [style.GRADE_COLOURS[k] for k in ("Outstanding", "Good", "Adequate", "RequiresImprovement",
                                                 "Inadequate")]
STATUS_ORDER = ["Completed", "In progress", "Ongoing", "Not started", "Status unknown"]
STATUS_RANGE = [style.STATUS_COLOURS[k] for k in ("Completed", "InProgress", "Ongoing", "NotStarted",
                                                   "StatusUnknown")]
VEGA_BASE_URL = "https://vega.github.io/vega-datasets/"
WIDTH = 560  # fits an A4 page's printable width at 96 dpi with the page's margins
# DejaVu Sans where vl-convert measures the labels and where Linux browsers draw them; Verdana, its near twin
# in width, elsewhere: a narrower font in the measurement would push long labels past the chart's edge.
FONT = "DejaVu Sans, Verdana, sans-serif"
CONFIG = {"font": FONT, "axis": {"labelLimit": 260, "labelFontSize": 11, "titleFontSize": 11},
          "legend": {"labelLimit": 260, "labelFontSize": 11, "titleFontSize": 11},
          "header": {"labelFontSize": 12, "titleFontSize": 12}, "view": {"stroke": None}}


def svg(spec: dict) -> str:
    """The chart as an SVG element to inline in the page."""
    import vl_convert

    full = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": CONFIG, **spec}
    drawn = vl_convert.vegalite_to_svg(full)
    # Vega resolves a mark's href against its loader's base URL, which vl-convert sets to its data sets'
    # site: put the links back to what they are, anchors in this page.
    drawn = drawn.replace(f'xlink:href="{VEGA_BASE_URL}#', 'xlink:href="#')
    if f'href="{VEGA_BASE_URL}' in drawn:
        raise ValueError("a chart links outside the page")
    return drawn


def encoded_fields(spec: dict) -> list[str]:
    """The data fields the chart's main marks show by position and colour (the first layer's, if layered)."""
    encoding = (spec.get("layer") or [spec])[0]["encoding"]
    return [encoding[c]["field"] for c in ("x", "y", "color") if c in encoding and "field" in encoding[c]]


def inspection_label(record: dict) -> str:
    """The inspection of a row, named as the graph views name it ("ILACS Nov 2019")."""
    start = record.get("start")
    return style.inspection_label(record.get("framework"), start.isoformat() if isinstance(start, dt.date) else None)


def _values(rows: Rows, **derived) -> list[dict]:
    """The query's records (dates as ISO text) with the derived ``_`` fields added."""
    return [{**plain, **{f"_{k}": make(record) for k, make in derived.items()}}
            for record, plain in zip(rows.records, rows.as_json()["rows"], strict=True)]


def _inspection_order(rows: Rows) -> list[str]:
    seen: dict[str, dt.date] = {}
    for r in rows:
        seen.setdefault(inspection_label(r), r["start"])
    return sorted(seen, key=seen.get)


def grade_heatmap(grades: Rows, judgement_of: dict[tuple[str, str], str]) -> dict:
    """Judgement areas x inspections coloured by grade; a rule where the framework changes."""
    order = _inspection_order(grades)
    values = _values(grades, x=inspection_label,
                     href=lambda r: "#" + anchor(judgement_of.get((r["inspection"], r["area"]), r["inspection"])),
                     short=lambda r: style.GRADE_SHORT.get(style.local_name(r["grade"]), ""))
    frameworks = {inspection_label(r): r["framework_label"] or "" for r in grades}
    changes = [{"_x": label, "framework": frameworks[label]} for before, label in itertools.pairwise(order)
               if frameworks[before] != frameworks[label]]
    x = {"field": "_x", "type": "ordinal", "sort": order, "title": None, "axis": {"labelAngle": -35}}
    y = {"field": "area_label", "type": "nominal", "title": None}
    layers = [
        {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
         "encoding": {"x": x, "y": y, "href": {"field": "_href"},
                      "color": {"field": "grade_label", "type": "nominal", "title": "Grade",
                                "scale": {"domain": GRADE_ORDER, "range": GRADE_RANGE}},
                      "tooltip": [{"field": "_x", "title": "inspection"}, {"field": "area_label", "title": "area"},
                                  {"field": "grade_label", "title": "grade"}]}},
        {"mark": {"type": "text", "fontSize": 10, "color": "white"},
         "encoding": {"x": x, "y": y, "text": {"field": "_short"}}},
    ]
    if changes:
        layers.append({"data": {"values": changes}, "mark": {"type": "rule", "color": "#222", "strokeWidth": 2,
                                                               "strokeDash": [4, 2]},
                       "encoding": {"x": {**x, "bandPosition": 0}}})
    width = min(WIDTH, 70 * max(len(order), 1))
    return {"data": {"values": values}, "width": width, "height": {"step": 26}, "layer": layers,
            "description": "grades over time"}


def themes_bars(themes: Rows) -> dict:
    """Recommendations and weaknesses per inspection, stacked by top concept, one small multiple per kind."""
    order = _inspection_order(themes)
    values = _values(themes, x=inspection_label, href=lambda r: "#" + anchor("theme:" + r["theme"]))
    return {
        "data": {"values": values}, "mark": {"type": "bar", "stroke": "white", "strokeWidth": 0.5},
        "width": max(120, min(250, 36 * len(order))), "height": 220,
        "encoding": {
            "column": {"field": "kind", "type": "nominal", "title": None,
                       "sort": ["recommendation", "weakness"]},
            "x": {"field": "_x", "type": "ordinal", "sort": order, "title": None, "axis": {"labelAngle": -45}},
            "y": {"field": "items", "type": "quantitative", "title": "items (one per theme it is about)"},
            "color": {"field": "topTheme_label", "type": "nominal", "title": "Top concept",
                      "scale": {"scheme": "tableau10"}},
            "order": {"field": "theme_label"},
            "href": {"field": "_href"},
            "tooltip": [{"field": "_x", "title": "inspection"}, {"field": "theme_label", "title": "theme"},
                        {"field": "items", "title": "items"}],
        },
        "description": "what inspectors keep saying",
    }


def status_bars(plans: Rows) -> dict:
    values = _values(plans, y=lambda r: f"{r['plan_label'] or 'plan'} ({r['plan'].rsplit('/', 1)[-1]})",
                     href=lambda r: "#" + anchor(r["plan"]))
    return {
        "data": {"values": values}, "mark": "bar", "width": WIDTH - 260, "height": {"step": 28},
        "encoding": {
            "y": {"field": "_y", "type": "nominal", "title": None},
            "x": {"field": "actions", "type": "quantitative", "title": "actions"},
            "color": {"field": "status_label", "type": "nominal", "title": "Status",
                      "scale": {"domain": STATUS_ORDER, "range": STATUS_RANGE}},
            "order": {"field": "status_label"},
            "href": {"field": "_href"},
            "tooltip": [{"field": "status_label", "title": "status"}, {"field": "actions"}],
        },
        "description": "actions by status",
    }


def owner_bars(owners: Rows) -> dict:
    values = _values(owners, href=lambda r: "#" + anchor(r["owner"]))
    return {
        "data": {"values": values}, "mark": {"type": "bar", "color": style.KINDS["Owner (post)"].colour},
        "width": WIDTH - 280, "height": {"step": 18},
        "encoding": {
            "y": {"field": "owner_label", "type": "nominal", "title": None, "sort": "-x"},
            "x": {"field": "actions", "type": "quantitative", "title": "actions owned"},
            "href": {"field": "_href"},
            "tooltip": [{"field": "owner_label", "title": "owner"}, {"field": "actions"},
                        {"field": "completed"}],
        },
        "description": "owners' load",
    }


def neighbour_heatmap(latest: Rows) -> dict:
    values = _values(latest, href=lambda r: "#" + anchor(r["inspection"]),
                     short=lambda r: style.GRADE_SHORT.get(style.local_name(r["grade"]), ""))
    y = {"field": "compared_label", "type": "nominal", "title": None}
    x = {"field": "area_label", "type": "nominal", "title": None, "axis": {"labelAngle": -30}}
    return {
        "data": {"values": values}, "width": {"step": 62}, "height": {"step": 24},
        "layer": [
            {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
             "encoding": {"x": x, "y": y, "href": {"field": "_href"},
                          "color": {"field": "grade_label", "type": "nominal", "title": "Grade",
                                    "scale": {"domain": GRADE_ORDER, "range": GRADE_RANGE}},
                          "tooltip": [{"field": "compared_label"}, {"field": "area_label"},
                                      {"field": "grade_label"}, {"field": "start"}]}},
            {"mark": {"type": "text", "fontSize": 10, "color": "white"},
             "encoding": {"x": x, "y": y, "text": {"field": "_short"}}},
        ],
        "description": "latest grades beside the statistical neighbours",
    }


def national_grades(grades: Rows) -> dict:
    values = _values(grades, framework=lambda r: style.FRAMEWORK_SHORT.get(style.local_name(r["framework"]), "other"))
    return {
        "data": {"values": values}, "mark": "bar", "width": {"step": 22}, "height": 180,
        "encoding": {
            "column": {"field": "_framework", "type": "nominal", "title": None},
            "x": {"field": "year", "type": "ordinal", "title": None},
            "y": {"field": "judgements", "type": "quantitative", "title": "overall effectiveness judgements"},
            "color": {"field": "grade_label", "type": "nominal", "title": "Grade",
                      "scale": {"domain": GRADE_ORDER, "range": GRADE_RANGE}},
            "order": {"field": "grade_label"},
            "tooltip": [{"field": "framework_label"}, {"field": "year"}, {"field": "grade_label"},
                        {"field": "judgements"}],
        },
        "resolve": {"scale": {"x": "independent"}},
        "description": "grades by framework and year",
    }


def national_themes(themes: Rows) -> dict:
    values = _values(themes)
    x = {"field": "year", "type": "ordinal", "title": None}
    y = {"field": "theme_label", "type": "nominal", "title": None}
    return {
        "data": {"values": values}, "width": {"step": 40}, "height": {"step": 20},
        "layer": [
            {"mark": "rect", "encoding": {
                "x": x, "y": y,
                "color": {"field": "recommendations", "type": "quantitative", "title": "recommendations",
                          "scale": {"scheme": "oranges"}},
                "tooltip": [{"field": "year"}, {"field": "theme_label"}, {"field": "recommendations"},
                            {"field": "authorities"}]}},
            {"mark": {"type": "text", "fontSize": 10},
             "encoding": {"x": x, "y": y, "text": {"field": "recommendations"}}},
        ],
        "description": "themes most recommended per year",
    }


def national_recurrence(recurrence: Rows) -> dict:
    values = _values(recurrence, y=lambda r: f"{r['authority_label']} · {r['theme_label']}",
                     href=lambda r: "#" + anchor(r["authority"]))
    return {
        "data": {"values": values}, "mark": {"type": "bar", "color": style.RECURRENCE_EDGE},
        "width": WIDTH - 300, "height": {"step": 18},
        "encoding": {
            "y": {"field": "_y", "type": "nominal", "title": None, "sort": "-x"},
            "x": {"field": "links", "type": "quantitative", "title": "recurrence links"},
            "href": {"field": "_href"},
            "tooltip": [{"field": "authority_label"}, {"field": "theme_label"}, {"field": "links"},
                        {"field": "inspections"}],
        },
        "description": "where a theme recurred most",
    }
