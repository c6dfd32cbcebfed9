"""Which chart library for the dossier: Vega-Lite (altair, rendered to SVG by vl-convert) or matplotlib SVG.

    .venv/bin/python bench/dossier_charts.py [--out DIR]

Draws the dossier's two chart shapes from the same rows with each library, with no network:
a grade heatmap (5 judgement areas x 6 inspections) and a stacked bar chart (7 top concepts x
6 inspections, 4 themes each). Prints, per library: the import time, the first and the next
render time, and the SVG's weight (bytes, and gzipped); writes the SVGs to --out so a person can
look at how they read. Prints numbers; not a test. The choice and why is in docs/dossier.md.
"""

from __future__ import annotations

import argparse
import gzip
import io
import subprocess
import sys
import time
from pathlib import Path

AREAS = ["Overall", "Help and protection", "Children in care", "Care leavers", "Leadership"]
INSPECTIONS = ["SIF 2014", "FV 2018", "ILACS 2019", "FV 2021", "ILACS 2022", "ILACS 2025"]
GRADES = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
COLOURS = ["#1b7837", "#5aae61", "#f4a300", "#c0392b"]
CONCEPTS = ["Casework", "Children in care", "Multi-agency", "Oversight", "Governance", "Voice", "Vulnerable"]


def heat_rows() -> list[dict]:
    return [{"inspection": i, "area": a, "grade": GRADES[(n * 3 + m) % 4]}
            for n, i in enumerate(INSPECTIONS) for m, a in enumerate(AREAS)]


def bar_rows() -> list[dict]:
    return [{"inspection": i, "concept": c, "items": (n * 7 + m * 3) % 6 + 1}
            for n, i in enumerate(INSPECTIONS) for m, c in enumerate(CONCEPTS)]


def altair_svgs() -> list[str]:
    import altair as alt
    import vl_convert as vlc

    grade = alt.Color("grade:N", scale=alt.Scale(domain=GRADES, range=COLOURS))
    heat = alt.Chart(alt.Data(values=heat_rows())).mark_rect(stroke="white").encode(
        x=alt.X("inspection:N", sort=INSPECTIONS), y=alt.Y("area:N", sort=AREAS), color=grade,
        tooltip=["inspection:N", "area:N", "grade:N"])
    bars = alt.Chart(alt.Data(values=bar_rows())).mark_bar().encode(
        x=alt.X("inspection:N", sort=INSPECTIONS), y="items:Q", color="concept:N",
        tooltip=["inspection:N", "concept:N", "items:Q"])
    return [vlc.vegalite_to_svg(chart.to_dict()) for chart in (heat, bars)]


def vega_lite_svgs() -> list[str]:
    """The same two charts as Vega-Lite dicts straight to vl-convert: what report/charts.py does."""
    import vl_convert as vlc

    grade = {"field": "grade", "type": "nominal", "scale": {"domain": GRADES, "range": COLOURS}}
    heat = {"data": {"values": heat_rows()}, "mark": {"type": "rect", "stroke": "white"},
            "encoding": {"x": {"field": "inspection", "type": "nominal", "sort": INSPECTIONS},
                         "y": {"field": "area", "type": "nominal", "sort": AREAS}, "color": grade}}
    bars = {"data": {"values": bar_rows()}, "mark": "bar",
            "encoding": {"x": {"field": "inspection", "type": "nominal", "sort": INSPECTIONS},
                         "y": {"field": "items", "type": "quantitative"},
                         "color": {"field": "concept", "type": "nominal"}}}
    return [vlc.vegalite_to_svg(chart) for chart in (heat, bars)]


def matplotlib_svgs() -> list[str]:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    out = []
    fig, ax = plt.subplots(figsize=(6, 2.6))
    for row in heat_rows():
        x, y = INSPECTIONS.index(row["inspection"]), AREAS.index(row["area"])
        ax.add_patch(plt.Rectangle((x, y), 0.96, 0.92, color=COLOURS[GRADES.index(row["grade"])]))
    ax.set_xlim(0, len(INSPECTIONS))
    ax.set_ylim(len(AREAS), 0)
    ax.set_xticks([i + 0.5 for i in range(len(INSPECTIONS))], INSPECTIONS, fontsize=8)
    ax.set_yticks([i + 0.5 for i in range(len(AREAS))], AREAS, fontsize=8)
    out.append(_svg(fig, plt))
    fig, ax = plt.subplots(figsize=(6, 3))
    bottom = [0] * len(INSPECTIONS)
    for concept in CONCEPTS:
        heights = [next(r["items"] for r in bar_rows() if r["inspection"] == i and r["concept"] == concept)
                   for i in INSPECTIONS]
        ax.bar(INSPECTIONS, heights, bottom=bottom, label=concept)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.legend(fontsize=7)
    out.append(_svg(fig, plt))
    return out


def _svg(fig, plt) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def import_seconds(module: str) -> float:
    """The import in a fresh interpreter (what `sgkg report` pays once per run)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def measure(name: str, draw, modules: str, out: Path) -> None:
    imported = import_seconds(modules)
    start = time.perf_counter()
    svgs = draw()
    first = time.perf_counter() - start
    start = time.perf_counter()
    draw()
    again = time.perf_counter() - start
    raw = sum(len(s.encode()) for s in svgs)
    zipped = sum(len(gzip.compress(s.encode())) for s in svgs)
    for n, svg in enumerate(svgs):
        (out / f"{name.split()[0].lower()}-{n}.svg").write_text(svg, encoding="utf-8")
    print(f"{name:<28} import {imported * 1000:6.0f} ms  first render {first * 1000:6.0f} ms  "
          f"next {again * 1000:5.0f} ms  SVG {raw / 1024:6.1f} KiB ({zipped / 1024:5.1f} KiB gzipped)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=Path("out/chart-bench"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    measure("altair + vl-convert", altair_svgs, "altair, vl_convert", args.out)
    measure("Vega-Lite dicts + vl-convert", vega_lite_svgs, "vl_convert", args.out)
    measure("matplotlib", matplotlib_svgs, "matplotlib.pyplot", args.out)
    print(f"SVGs written to {args.out}/")


if __name__ == "__main__":
    main()
